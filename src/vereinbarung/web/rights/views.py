"""Pages of the second-person approval: the open acts, and one act to approve or reject.

``/freigaben/`` lists the acts waiting for a Freigabe that the user may read; an act's page
(``/vereinbarung/<nr>/freigabe/<vorgang>/``) shows what it changes and, to a person with
*Freigeben* for the agreement who did not record it, the buttons »Freigeben« and »Ablehnen«
(with the reason, a required field). :func:`held` is what the edit pages answer when a save was
kept for a Freigabe (:class:`~vereinbarung.web.rights.approval.AwaitingApproval`).
``/vereinbarung/<nr>/vertraulich/`` (POST, *Bearbeiten* for the agreement) sets or clears
»vertraulich«: reading limited to the Fachbereich's members and the Rechtsamt.
``/vereinbarung/<nr>/partner/`` (*Bearbeiten* for the agreement: its owning Fachbereich) shows
and sets which Kommune of the register each party is (one agreement, several municipalities:
:mod:`vereinbarung.web.rights.partners`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import vereinbarung
from vereinbarung.web.accounts.roles import BEARBEITEN, LESEN, role_required
from vereinbarung.web.operation.audit import log_change
from vereinbarung.web.register import services
from vereinbarung.web.rights.approval import AwaitingApproval, decide, open_acts
from vereinbarung.web.rights.checks import allowed, readable, record_or_404
from vereinbarung.web.rights.models import Kommune, Partner, PendingAct
from vereinbarung.web.rights.partners import set_by_hand

__all__ = ["freigabe", "freigaben", "held", "partner", "vertraulich"]


def held(request: HttpRequest, exc: AwaitingApproval) -> HttpResponse:
    """The answer to a save kept for a Freigabe: a note, and back to the agreement."""
    messages.warning(request, exc.message)  # not in effect yet: a note, not a success
    return HttpResponseRedirect(reverse("vereinbarung", args=[exc.act.agreement_id]))  # type: ignore[attr-defined]


@role_required(BEARBEITEN)
@require_POST
def vertraulich(request: HttpRequest, pk: int) -> HttpResponse:
    """Set (``vertraulich=1``) or clear »vertraulich« (no version: not in the file format)."""
    record = record_or_404(request, pk, "edit")
    wanted = request.POST.get("vertraulich") == "1"
    if record.fachbereich_id is None and wanted:  # type: ignore[attr-defined]
        messages.error(
            request, "Vertraulich: erst einen Fachbereich angeben (Bearbeiten, Feld Fachbereich)."
        )
    else:
        type(record).objects.filter(pk=record.pk).update(confidential=wanted)
        what = "als vertraulich gekennzeichnet" if wanted else "nicht mehr vertraulich"
        log_change(request.user.get_username(), what, vereinbarung=record.pk)
        messages.success(request, f"Die Vereinbarung ist {what}.")
    return HttpResponseRedirect(reverse("vereinbarung", args=[record.pk]))


@role_required(LESEN)
@require_GET
def freigaben(request: HttpRequest) -> HttpResponse:
    """The acts waiting for a Freigabe, of the agreements the user may read."""
    acts = (
        open_acts(readable(request.user))
        .select_related("agreement")
        .order_by("created", "pk")[:500]
    )
    rows = [{"act": act, "may_decide": _may_decide(request.user, act)} for act in acts]
    return render(request, "rights/freigaben.html", {"rows": rows})


def _may_decide(user: Any, act: PendingAct) -> bool:
    from vereinbarung.web.rights.approval import _is_author

    return allowed(user, "approve", act.agreement) and not _is_author(act, user)


@role_required(LESEN)
@require_http_methods(["GET", "POST"])
def freigabe(request: HttpRequest, pk: int, act: int) -> HttpResponse:
    """One act: what it changes; approve it or reject it with a reason."""
    record = record_or_404(request, pk, "read")
    found = PendingAct.objects.filter(pk=act, agreement=record).first()
    if found is None:
        raise Http404("Keinen solchen Vorgang.")
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        action = request.POST.get("aktion", "")
        reason = request.POST.get("begruendung", "")[:2000]
        if action not in {"freigeben", "ablehnen"}:
            errors["aktion"] = "Bitte »Freigeben« oder »Ablehnen« wählen."
        else:
            try:
                decide(found, request.user, approve=action == "freigeben", reason=reason)
            except services.VersionConflict as exc:
                errors["aktion"] = (
                    f"{exc.message} Der Vorgang beruht auf Version {found.base}; bitte ablehnen "
                    "und neu erfassen."
                )
            except vereinbarung.VereinbarungError as exc:
                key = "begruendung" if exc.message.startswith("Begründung") else "aktion"
                errors[key] = exc.message
            else:
                done = "freigegeben und gespeichert" if action == "freigeben" else "abgelehnt"
                messages.success(request, f"{found.kind_label} {done}.")
                return HttpResponseRedirect(reverse("vereinbarung", args=[record.pk]))
        status = 400
    before = services.agreement_of(record)
    context = {
        "record": record,
        "act": found,
        "title": before.title,
        "may_decide": found.status == PendingAct.OPEN and _may_decide(request.user, found),
        "diff": services.diff_lines(record.text, found.text),
        "errors": errors,
        "values": request.POST if request.method == "POST" else {},
    }
    return render(request, "rights/freigabe.html", context, status=status)


@role_required(BEARBEITEN)
@require_http_methods(["GET", "POST"])
def partner(request: HttpRequest, pk: int) -> HttpResponse:
    """Which Kommune of the register each party is (``partei-<n>``: a Kommune's number or
    empty); set by hand, kept by later saves."""
    record = record_or_404(request, pk, "edit")
    parties = [party.name for party in services.agreement_of(record).parties]
    kommunen = list(Kommune.objects.order_by("name")[:1000])
    current = {p.party: p.kommune_id for p in Partner.objects.filter(agreement=record)}  # type: ignore[attr-defined]
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        chosen: dict[str, int | None] = {}
        known = {k.pk for k in kommunen}
        for index, party in enumerate(parties):
            value = request.POST.get(f"partei-{index}", "").strip()[:20]
            if value and (not value.isdigit() or int(value) not in known):
                errors[f"partei-{index}"] = f"Kommune für {party}: »{value}« gibt es nicht."
            chosen[party] = int(value) if value and not errors else None
        changed = {p: k for p, k in chosen.items() if k != current.get(p)}
        if not errors:
            set_by_hand(record, changed)
            if changed:
                log_change(request.user.get_username(), "Partnerkommunen festgelegt",
                           vereinbarung=record.pk, partner=str(changed))  # fmt: skip
            messages.success(request, "Partnerkommunen gespeichert.")
            return HttpResponseRedirect(reverse("vereinbarung", args=[record.pk]))
        status = 400
    values = request.POST if request.method == "POST" else {}
    rows = [
        {"index": i, "party": party, "error": errors.get(f"partei-{i}", ""),
         "value": values.get(f"partei-{i}", str(current.get(party) or ""))}
        for i, party in enumerate(parties)
    ]  # fmt: skip
    context = {"record": record, "rows": rows, "kommunen": kommunen, "errors": errors}
    return render(request, "rights/partner.html", context, status=status)
