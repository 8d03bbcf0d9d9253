"""The Ereignis page: record an event (Unterschrift, Genehmigung, Kündigung, …) of an agreement.

The event passes the checks of ``vereinbarung record``
(:func:`~vereinbarung.web.register.services.record_event`); its effect is previewed first
(htmx) and saved as a new version, refused like every save when the form is built on an older
version (:class:`~vereinbarung.web.register.services.VersionConflict`).

Under GkG NRW a Kündigung (or Aufhebung) takes effect only once notified to the Aufsichtsbehörde
and published (§ 24 Abs. 5): »Anzeige einer Kündigung …« and »Bekanntmachung einer Kündigung
oder Aufhebung« add ``notified``/``published`` to the notice already recorded
(:mod:`vereinbarung.web.register.completing`), and »Bekanntmachung der Vereinbarung« is refused
where the agreement is published and a notice awaits its own publication. A GET with the
fields of an event (the next steps of the agreement page) opens the form filled in, but never
with a day: the day of an Anzeige, Genehmigung or Bekanntmachung is typed in (required, an
example in its hint), so that today is not saved by mistake. The preview's answer (htmx) carries
the fields again out of band (``hx-swap-oob``), so that an error marks its field
(``aria-invalid``) there too; a finding of the library on a new wording (»Neue Fassung …«)
is shown at its field »Stelle«.
Errors name the form field in German; the library's findings on an event lose the raw value
of the ``events`` list. »Felder anzeigen« belongs to a form of its own, so that Enter in a
field presses »Eintragen«.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

import vereinbarung
from vereinbarung.web import clock
from vereinbarung.web.accounts.roles import BEARBEITEN, role_required
from vereinbarung.web.pages import amendment_fields as amendment
from vereinbarung.web.pages.edit import posted_base
from vereinbarung.web.pages.event_labels import (
    COMPLETIONS,
    DATE_LABELS,
    EVENT_FIELDS,
    EVENT_TYPES,
    FIELD_LABELS,
    NOTICE_FORMS,
)
from vereinbarung.web.pages.templatetags.klartext import klartext
from vereinbarung.web.register import completing, services
from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.rights.checks import acts_for, allowed, may_record, record_or_404
from vereinbarung.web.rights.views import held

_DATES = {"date", "sent", "effective", "notified", "published"}
#: Days only an öffentlich-rechtliche Vereinbarung knows on a notice (§ 24 Abs. 5 GkG NRW).
_GKG_ONLY = {"notice": {"notified", "published"}, "extraordinary_notice": {"published"}}


def fields_of(agreement: vereinbarung.Agreement) -> dict[str, list[str]]:
    """The fields of each event type for *agreement*: Anzeige and Bekanntmachung of a notice
    only under GkG (recorded at once when both are known, as ``record --notified
    --published``; later with »Anzeige …«/»Bekanntmachung einer Kündigung …«)."""
    if agreement.regime is vereinbarung.Regime.GKG:
        return EVENT_FIELDS
    return {
        kind: [key for key in keys if key not in _GKG_ONLY.get(kind, set())]
        for kind, keys in EVENT_FIELDS.items()
    }


def _event_from_post(
    post: Any, agreement: vereinbarung.Agreement
) -> tuple[dict[str, Any], dict[str, str]]:
    kind = post.get("typ", "")
    errors: dict[str, str] = {}
    if kind not in EVENT_TYPES or kind in COMPLETIONS:
        return {}, {"typ": "Bitte die Art des Ereignisses wählen."}
    event: dict[str, Any] = {"type": kind}
    for key in fields_of(agreement)[kind]:
        if key in ("wording", "term"):  # the new wording, a new term clause
            value: Any = (
                amendment.wording_from_post(post, errors) if key == "wording"
                else amendment.amended_term(post, errors)
            )  # fmt: skip
            if value:
                event[key] = value
            continue
        if key == "received":
            received = {}
            for index, party in enumerate(agreement.parties):
                value = post.get(f"zugang-{index}", "").strip()
                if not value:
                    continue
                if party.name == post.get("by", ""):
                    errors[f"zugang-{index}"] = (
                        f"Zugang bei {party.name}: bitte leer lassen – {party.name} kündigt "
                        "selbst; die Kündigung geht den übrigen Parteien zu."
                    )
                    continue
                try:
                    received[party.name] = vereinbarung.parse_date(value).isoformat()
                except vereinbarung.VereinbarungError as exc:
                    errors[f"zugang-{index}"] = f"Zugang bei {party.name}: {exc.message}"
            if received:
                event["received"] = received
            elif kind == "notice" and not errors:
                errors["received"] = "Bitte den Zugang bei mindestens einer Partei eintragen."
            continue
        value = post.get(key, "").strip()[:5000]
        if not value:
            continue
        if key in _DATES:
            try:
                value = vereinbarung.parse_date(value).isoformat()
            except vereinbarung.VereinbarungError as exc:
                errors[key] = f"{_label(kind, key)}: {exc.message}"
                continue
        event[key] = value
    if kind in ("notice", "extraordinary_notice") and "form" not in event:
        errors["form"] = "Bitte die Form der Kündigung angeben."
    if kind == "published":
        mistaken = _publication_of_a_notice(agreement)
        if mistaken:
            errors["typ"] = mistaken
    return event, errors


def _label(kind: str, key: str) -> str:
    return DATE_LABELS.get(kind, FIELD_LABELS[key]) if key == "date" else FIELD_LABELS[key]


def _publication_of_a_notice(agreement: vereinbarung.Agreement) -> str:
    """Why »Bekanntmachung der Vereinbarung« is the wrong choice, or '': the agreement was
    published already and a notice (or Aufhebung) awaits its own publication."""
    published = [event.date for event in agreement.events if event.type == "published"]
    waiting = [c for c in completing.open_completions(agreement) if c.key == "published"]
    if not published or not waiting:
        return ""
    return (
        f"Die Vereinbarung ist schon am {vereinbarung.format_date(min(published))} bekannt "
        f"gemacht. Für die {waiting[0].event} bitte »{EVENT_TYPES['notice_published']}« wählen."
    )


def _completion_from_post(
    post: Any, agreement: vereinbarung.Agreement
) -> tuple[completing.Completion | None, dt.date | None, dict[str, str]]:
    """The completion chosen (Anzeige or Bekanntmachung of which notice) and its day."""
    kind = post.get("typ", "")
    key = COMPLETIONS[kind]
    choices = {str(c.index): c for c in completing.open_completions(agreement) if c.key == key}
    errors: dict[str, str] = {}
    chosen = choices.get(post.get("bezug", ""))
    if chosen is None:
        errors["bezug"] = (
            "Bitte die Kündigung wählen."
            if choices
            else "Keine erfasste Kündigung, bei der das noch fehlt (nur bei einer "
            "öffentlich-rechtlichen Vereinbarung nach dem GkG NRW)."
        )
    day = None
    value = post.get("date", "").strip()[:100]
    if not value:
        errors["date"] = f"{DATE_LABELS[kind]}: bitte das Datum eintragen."
    else:
        try:
            day = vereinbarung.parse_date(value)
        except vereinbarung.VereinbarungError as exc:
            errors["date"] = f"{DATE_LABELS[kind]}: {exc.message}"
    return chosen, day, errors


@dataclass
class _Checked:
    """A posted event checked: the new text and effect, or what is wrong."""

    outcome: services.EventOutcome | None = None
    reason: str = ""
    errors: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _not_own(user: Any, record: Record, kind: str) -> dict[str, str]:
    """The error for a partner Kommune's member recording what is not its party's act
    (:func:`~vereinbarung.web.rights.checks.may_record`)."""
    own = ", ".join(sorted(acts_for(user, record))) or "keine"
    key = (
        "party"
        if kind == "signed"
        else "by"
        if kind in ("notice", "extraordinary_notice")
        else "typ"
    )
    label = {"party": "Partei", "by": "Kündigende Partei"}.get(key, "Art des Ereignisses")
    return {key: (
        f"{label}: Sie dürfen hier nur Ereignisse Ihrer eigenen Partei ({own}) erfassen – ihre "
        "Unterschrift oder eine Kündigung, die sie erklärt oder erhält; alles andere "
        "erfasst der Fachbereich der Vereinbarung."
    )}  # fmt: skip


def _check(
    record: Record, agreement: vereinbarung.Agreement, post: Any, today: dt.date,
    user: Any = None,
) -> _Checked:  # fmt: skip
    """Check the event of the form (nothing stored): new text and effect, or the errors."""
    kind = post.get("typ", "")
    partner_only = user is not None and not allowed(user, "edit", record)
    try:
        if kind in COMPLETIONS and partner_only:
            return _Checked(errors=_not_own(user, record, kind))
        if kind in COMPLETIONS:
            completion, day, errors = _completion_from_post(post, agreement)
            if errors or completion is None or day is None:
                return _Checked(errors=errors)
            outcome = completing.complete(record, completion, day, today=today)
            return _Checked(outcome, completion.label)
        event, errors = _event_from_post(post, agreement)
        if errors:
            return _Checked(errors=errors)
        if partner_only and not may_record(user, record, event):
            return _Checked(errors=_not_own(user, record, kind))
        outcome = services.record_event(record, event, today=today)
        return _Checked(outcome, EVENT_TYPES[kind])
    except vereinbarung.VereinbarungError as exc:
        checked = _Checked()
        for line in services.problems(exc):
            place = amendment.wording_error(line, post)
            if place is None:
                checked.problems.append(_plain(line))
            else:
                checked.errors[place[0]] = place[1]
        return checked


def _plain(problem: str) -> str:
    """A finding of the library in the words of this form: no raw value of the ``events``
    list, no field names of the file."""
    if problem.startswith("Feld events"):
        value = problem.find("Wert »")
        end = problem.find("«: ", value) if value >= 0 else -1
        if end >= 0:
            problem = problem[end + 3 :]
        problem = re.sub(r"^Ereignis Nr\. \d+ \(\w+\), (\w+): ", "", problem)
    for key, label in FIELD_LABELS.items():
        problem = problem.replace(f"{key}: ", f"{label}: ")
    return problem.replace("received: ", "Zugang: ")


def _choices(agreement: vereinbarung.Agreement, kind: str) -> dict[str, str]:
    """The event types offered: an Anzeige or Bekanntmachung of a notice only where one awaits
    it (or it is the type chosen)."""
    open_keys = {c.key for c in completing.open_completions(agreement)}
    return {
        key: label
        for key, label in EVENT_TYPES.items()
        if key not in COMPLETIONS or COMPLETIONS[key] in open_keys or key == kind
    }


@role_required(BEARBEITEN)
@require_http_methods(["GET", "POST"])
def ereignis(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an event with the checks of ``vereinbarung record``; preview its effect first.

    A GET with the fields of an event (``?typ=notice_published&bezug=4&date=…``, the buttons
    of the next steps on the agreement page) opens the form filled in, with the preview.
    """
    record = record_or_404(request, pk, "record")  # a partner Kommune: its own party's events
    agreement = services.agreement_of(record)
    today = clock.today()
    values: Any = request.POST if request.method == "POST" else request.GET
    kind = values.get("typ", "")
    context: dict[str, Any] = {
        "record": record,
        "agreement": agreement,
        "parties": list(enumerate(agreement.parties)),
        "types": _choices(agreement, kind),
        "forms": NOTICE_FORMS,
        "fields": fields_of(agreement),
        "field_labels": FIELD_LABELS,
        "date_label": DATE_LABELS.get(kind, FIELD_LABELS["date"]),
        "completions": [
            c for c in completing.open_completions(agreement) if c.key == COMPLETIONS.get(kind)
        ],
        "values": values,
        "base": record.version,
        "errors": {},
        "effect": None,
        "problems": [],
        "example_day": vereinbarung.format_date(today - dt.timedelta(days=3)),
        "oob": bool(request.headers.get("HX-Request")),  # the fields again, marked (4.1.3)
    }  # fmt: skip
    status = 200
    if request.method == "GET":
        context["prefilled"] = kind in EVENT_TYPES and values.get("schritt") == "1"
        if kind in EVENT_TYPES and values.get("date"):  # filled in with a day: preview
            checked = _check(record, agreement, values, today, request.user)
            context["effect"] = checked.outcome.effect if checked.outcome else None
            context["problems"] = checked.problems
    elif request.POST.get("aktion") in ("typ", "fassung_plus"):
        context["base"] = posted_base(request)  # only the fields of the chosen type: no check yet
    else:
        context["base"] = posted_base(request)
        checked = _check(record, agreement, request.POST, today, request.user)
        context["errors"], context["problems"] = checked.errors, checked.problems
        if checked.outcome is None:
            status = 400
        else:
            outcome = checked.outcome
            context["effect"] = outcome.effect
            if request.POST.get("aktion") == "speichern":
                try:
                    services.save_version(
                        record, outcome.text, base=context["base"], user=request.user,
                        reason=f"Ereignis erfasst: {checked.reason}",
                    )  # fmt: skip
                except services.AwaitingApproval as exc:
                    return held(request, exc)
                except services.VersionConflict as exc:
                    context["conflict"] = exc
                    status = 409
                else:
                    if outcome.effect.effective:
                        messages.success(
                            request,
                            f"Ereignis eingetragen. Wirkung: {klartext(outcome.effect.text)}",
                        )
                    else:  # recorded, but without effect: a warning, not a success
                        messages.warning(
                            request,
                            f"Ereignis eingetragen, aber ohne Wirkung – {klartext(outcome.effect.text)}",
                        )
                    return HttpResponseRedirect(reverse("vereinbarung", args=[pk]))
    context["wording_rows"] = amendment.wording_rows(values, context["errors"])
    context["term_fields"] = amendment.term_fields(agreement, values, today)
    context["term_switch"] = amendment.SWITCH
    context["error_form"] = {"errors": context["errors"]}  # for the field templates
    template = "pages/_ereignis_vorschau.html" if request.headers.get("HX-Request") else None
    return render(request, template or "pages/ereignis.html", context, status=status)
