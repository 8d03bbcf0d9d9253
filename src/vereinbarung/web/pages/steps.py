"""Guided next steps of an agreement: what must happen next, each a button to the Ereignis page.

Derived from the one state (:func:`vereinbarung.state_on`, through
:func:`~vereinbarung.web.register.services.state_of`) and the recorded events, never from a
status of the web's own:

* ``draft``: the signature of each party still missing (§ 57 VwVfG NRW);
* ``awaiting_approval``: the application for approval, or the approval (§ 24 Abs. 2 GkG NRW);
* ``awaiting_publication``: the publication of the agreement (§ 24 Abs. 3, 4 GkG NRW);
* a Kündigung or Aufhebung under GkG: its Anzeige to the Aufsichtsbehörde and its
  Bekanntmachung, without which it does not take effect (§ 24 Abs. 5 GkG NRW); an amendment
  under GkG: its Genehmigung and Bekanntmachung (§ 24 Abs. 2–4 GkG NRW)
  (:func:`~vereinbarung.web.register.completing.open_completions`).

Each step carries the effect the event would have if recorded today, as the Ereignis page's
preview says it (:func:`~vereinbarung.web.register.services.record_event`,
:func:`~vereinbarung.web.register.completing.complete`); the button opens that page filled in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache as django_cache

import vereinbarung
from vereinbarung.web.register import completing, services
from vereinbarung.web.register.models import Agreement as Record

__all__ = ["Step", "next_steps"]


@dataclass(frozen=True)
class Step:
    """One thing to do next: what, why, the button's text, the Ereignis page's query, effect."""

    what: str
    why: str
    button: str
    query: str
    effect: vereinbarung.EventEffect | None


def _effect(
    record: Record, event: dict[str, Any], today: dt.date
) -> vereinbarung.EventEffect | None:
    try:
        return services.record_event(record, event, today=today).effect
    except vereinbarung.VereinbarungError:
        return None


def _event_step(
    record: Record, today: dt.date, what: str, why: str, button: str, event: dict[str, Any]
) -> Step:
    event = {**event, "date": today.isoformat()}
    query = {"typ": event["type"], **{k: v for k, v in event.items() if k != "type"}}
    query["date"] = vereinbarung.format_date(today)
    return Step(what, why, button, urlencode(query), _effect(record, event, today))


def _completion_texts(completion: completing.Completion) -> tuple[str, str, str]:
    """(type of the Ereignis page, why, button) of a day still to be recorded on an event."""
    if completion.key == "amendment_approved":
        return (
            completion.key,
            (
                "Die Änderung einer öffentlich-rechtlichen Vereinbarung bedarf der Genehmigung der "
                "Aufsichtsbehörde (§ 24 Abs. 2 GkG NRW); bis dahin gilt die bisherige Fassung."
            ),
            "Genehmigung der Änderung",
        )
    if completion.key == "amendment_published":
        return (
            completion.key,
            (
                "Die Änderung wird erst am Tag nach ihrer Bekanntmachung wirksam, wenn sie keinen "
                "späteren Tag nennt (§ 24 Abs. 3, 4 GkG NRW)."
            ),
            "Bekanntmachung der Änderung",
        )
    ending = "Aufhebung" if completion.event.startswith("Aufhebung") else "Kündigung"
    if completion.key == "notified":
        why = f"Die {ending} ist der Aufsichtsbehörde anzuzeigen (§ 24 Abs. 5 GkG NRW)."
        return "notice_notified", why, "Anzeige an die Aufsichtsbehörde"
    why = (f"Die {ending} wird erst mit der Bekanntmachung wirksam, frühestens am Tag "
           "danach (§ 24 Abs. 5 i. V. m. Abs. 4 GkG NRW).")  # fmt: skip
    return "notice_published", why, f"Bekanntmachung der {ending}"


def next_steps(record: Record, state: vereinbarung.AgreementState, today: dt.date) -> list[Step]:
    """What must be recorded next for *record*, whose state today is *state*.

    Each step's effect costs a check of the whole text (~0.2 s): the steps are kept in Django's
    cache per text and day, which is all they depend on.
    """
    digest = hashlib.sha256(record.text.encode("utf-8")).hexdigest()
    key = f"vereinbarung:steps:{digest}:{today.isoformat()}"
    found = django_cache.get(key)
    if isinstance(found, list):
        return found
    steps = _next_steps(record, state, today)
    django_cache.set(key, steps, timeout=24 * 3600)
    return steps


def _next_steps(record: Record, state: vereinbarung.AgreementState, today: dt.date) -> list[Step]:
    steps: list[Step] = []
    agreement = services.agreement_of(record)
    if state.status == "draft":
        for party in state.life.unsigned(state.on):
            steps.append(_event_step(
                record, today, f"Unterschrift von {party}",
                "Die Vereinbarung wird erst wirksam, wenn alle Parteien unterschrieben haben "
                "(Schriftform, § 57 VwVfG NRW).", "Unterschrift erfassen",
                {"type": "signed", "party": party},
            ))  # fmt: skip
    elif state.status == "awaiting_approval":
        requested = any(event.type == "approval_requested" for event in agreement.events)
        if not requested:
            steps.append(_event_step(
                record, today, "Genehmigung bei der Aufsichtsbehörde beantragen",
                "Die öffentlich-rechtliche Vereinbarung bedarf der Genehmigung (§ 24 Abs. 2 GkG "
                "NRW).", "Antrag auf Genehmigung erfassen", {"type": "approval_requested"},
            ))  # fmt: skip
        else:
            deemed = state.life.deemed_approval()
            note = f" Sonst gilt sie mit Ablauf des {vereinbarung.format_date(deemed.day)} als " \
                "erteilt." if deemed is not None else ""  # fmt: skip
            steps.append(_event_step(
                record, today, "Genehmigung der Aufsichtsbehörde",
                "Die Genehmigung ist beantragt (§ 24 Abs. 2 GkG NRW)." + note,
                "Genehmigung erfassen", {"type": "approved"},
            ))  # fmt: skip
    elif state.status == "awaiting_publication":
        steps.append(_event_step(
            record, today, "Bekanntmachung der Vereinbarung",
            "Die Vereinbarung wird am Tag nach der Bekanntmachung wirksam (§ 24 Abs. 4 GkG NRW).",
            "Bekanntmachung der Vereinbarung erfassen", {"type": "published"},
        ))  # fmt: skip
    for completion in completing.open_completions(agreement):
        kind, why, button = _completion_texts(completion)
        try:
            effect: vereinbarung.EventEffect | None = completing.complete(
                record, completion, today, today=today
            ).effect
        except vereinbarung.VereinbarungError:
            effect = None
        query = urlencode({
            "typ": kind, "bezug": completion.index, "date": vereinbarung.format_date(today),
        })  # fmt: skip
        steps.append(Step(completion.label, why, button, query, effect))
    return steps
