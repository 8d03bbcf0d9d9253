"""The Ereignis page: record an event (Unterschrift, Genehmigung, Kündigung, …) of an agreement.

The event passes the checks of ``vereinbarung record``
(:func:`~vereinbarung.web.register.services.record_event`); its effect is previewed first
(htmx) and saved as a new version, refused like every save when the form is built on an older
version (:class:`~vereinbarung.web.register.services.VersionConflict`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

import vereinbarung
from vereinbarung.web import clock
from vereinbarung.web.accounts.roles import BEARBEITEN, role_required
from vereinbarung.web.pages.edit import posted_base
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement as Record

EVENT_TYPES = {
    "signed": "Unterschrift",
    "approval_requested": "Genehmigung beantragt",
    "approved": "Genehmigung erteilt",
    "approval_refused": "Genehmigung versagt",
    "published": "Bekanntmachung",
    "notice": "Kündigung (Zugang je Partei)",
    "extraordinary_notice": "Außerordentliche Kündigung",
    "joined": "Beitritt einer Partei",
    "amendment": "Änderung",
    "terminated_by_agreement": "Aufhebung",
}
NOTICE_FORMS = {
    "written": "schriftlich (unterschriebenes Original)",
    "qualified_electronic": "qualifizierte elektronische Signatur",
    "email": "einfache E-Mail",
}
#: Which fields each event type uses (form field → event key).
EVENT_FIELDS: dict[str, list[str]] = {
    "signed": ["party", "date", "place", "signer"],
    "approval_requested": ["date", "authority"],
    "approved": ["date"],
    "approval_refused": ["date", "reasons"],
    "published": ["date", "gazette"],
    "notice": ["by", "form", "received", "sent"],
    "extraordinary_notice": ["by", "form", "received", "reasons", "effective"],
    "joined": ["party", "date", "effective"],
    "amendment": ["date", "effective", "text"],
    "terminated_by_agreement": ["date", "effective", "published"],
}
FIELD_LABELS = {
    "date": "Datum",
    "sent": "abgesandt am",
    "effective": "gilt ab / wirksam zum",
    "published": "bekannt gemacht am",
    "place": "Ort",
    "signer": "unterzeichnet von",
    "authority": "Aufsichtsbehörde",
    "gazette": "Amtsblatt",
    "reasons": "Gründe",
    "text": "Inhalt der Änderung",
}
_DATES = {"date", "sent", "effective", "published"}


def _event_from_post(
    post: Any, agreement: vereinbarung.Agreement
) -> tuple[dict[str, Any], dict[str, str]]:
    kind = post.get("typ", "")
    errors: dict[str, str] = {}
    if kind not in EVENT_TYPES:
        return {}, {"typ": "Bitte die Art des Ereignisses wählen."}
    event: dict[str, Any] = {"type": kind}
    for key in EVENT_FIELDS[kind]:
        if key == "received":
            received = {}
            for party in agreement.parties:
                value = post.get(f"zugang-{agreement.parties.index(party)}", "").strip()
                if value:
                    try:
                        received[party.name] = vereinbarung.parse_date(value).isoformat()
                    except vereinbarung.VereinbarungError as exc:
                        errors[f"zugang-{agreement.parties.index(party)}"] = exc.message
            if received:
                event["received"] = received
            elif kind == "notice":
                errors["received"] = "Bitte den Zugang bei mindestens einer Partei eintragen."
            continue
        value = post.get(key, "").strip()[:5000]
        if not value:
            continue
        if key in _DATES:
            try:
                value = vereinbarung.parse_date(value).isoformat()
            except vereinbarung.VereinbarungError as exc:
                errors[key] = exc.message
                continue
        event[key] = value
    if kind in ("notice", "extraordinary_notice") and "form" not in event:
        errors["form"] = "Bitte die Form der Kündigung angeben."
    return event, errors


@role_required(BEARBEITEN)
@require_http_methods(["GET", "POST"])
def ereignis(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an event with the checks of ``vereinbarung record``; preview its effect first."""
    record = get_object_or_404(Record, pk=pk)
    agreement = services.agreement_of(record)
    today = clock.today()
    context: dict[str, Any] = {
        "record": record,
        "agreement": agreement,
        "parties": list(enumerate(agreement.parties)),
        "types": EVENT_TYPES,
        "forms": NOTICE_FORMS,
        "fields": EVENT_FIELDS,
        "field_labels": FIELD_LABELS,
        "values": request.POST if request.method == "POST" else {"typ": request.GET.get("typ", "")},
        "base": record.version,
        "errors": {},
        "effect": None,
        "problems": [],
    }  # fmt: skip
    status = 200
    if request.method == "POST" and request.POST.get("aktion") == "typ":
        context["base"] = posted_base(request)  # only the fields of the chosen type: no check yet
    elif request.method == "POST":
        context["base"] = posted_base(request)
        event, errors = _event_from_post(request.POST, agreement)
        context["errors"] = errors
        if not errors:
            try:
                outcome = services.record_event(record, event, today=today)
            except vereinbarung.VereinbarungError as exc:
                context["problems"] = services.problems(exc)
                status = 400
            else:
                context["effect"] = outcome.effect
                if request.POST.get("aktion") == "speichern":
                    reason = f"Ereignis erfasst: {EVENT_TYPES[event['type']]}"
                    try:
                        services.save_version(
                            record, outcome.text, base=context["base"], user=request.user,
                            reason=reason,
                        )  # fmt: skip
                    except services.VersionConflict as exc:
                        context["conflict"] = exc
                        status = 409
                    else:
                        if outcome.effect.effective:
                            messages.success(
                                request, f"Ereignis eingetragen. Wirkung: {outcome.effect.text}"
                            )
                        else:  # recorded, but without effect: a warning, not a success
                            messages.warning(
                                request,
                                f"Ereignis eingetragen, aber ohne Wirkung – {outcome.effect.text}",
                            )
                        return HttpResponseRedirect(reverse("vereinbarung", args=[pk]))
        else:
            status = 400
    template = "pages/_ereignis_vorschau.html" if request.headers.get("HX-Request") else None
    return render(request, template or "pages/ereignis.html", context, status=status)
