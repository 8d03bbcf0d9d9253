"""What a recorded event does: the answer ``record`` (and the web form) gives at once.

An event is recorded because it happened; whether it has the effect intended is a question of
law, answered by the one state (:func:`vereinbarung.state.day.state_on`) and the judgement of
notices (:mod:`vereinbarung.state.notices`): a notice by e-mail is recorded but has no effect
(§§ 126, 126a BGB), one not yet received by every party has none yet (§ 130 BGB), a GkG
Aufhebung needs publication (§ 24 Abs. 5 GkG NRW).

>>> EventEffect("Kündigung wirkt zum 31.12.2028", effective=True).text
'Kündigung wirkt zum 31.12.2028'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vereinbarung.law.dates import format_date
from vereinbarung.model.agreement import Agreement, Regime
from vereinbarung.model.events import (
    Amendment,
    ApprovalRequested,
    Event,
    ExtraordinaryNotice,
    Joined,
    Notice,
    Signed,
    TerminatedByAgreement,
)
from vereinbarung.state.amendments import amendment_missing, takes_effect
from vereinbarung.state.day import state_on
from vereinbarung.state.facts import Lifecycle, known_on
from vereinbarung.state.notices import notice_outcomes

__all__ = ["EventEffect", "event_effect"]


@dataclass(frozen=True, slots=True)
class EventEffect:
    """The German answer for a recorded event; ``effective`` False: recorded, but no effect."""

    text: str
    effective: bool


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def event_effect(agreement: Agreement, event: Event, on: dt.date) -> EventEffect:
    """What *event*, the last recorded in *agreement*, does as of day *on* (at least its day)."""
    day = max(on, event.day)
    state = state_on(agreement, day)
    summary = f"Stand am {format_date(day)}: {state.status_label}"
    if isinstance(event, Notice | ExtraordinaryNotice):
        effective = state.effective.day if state.effective else None
        outcomes = [
            o
            for o in notice_outcomes(Lifecycle(known_on(agreement, day)), day, effective)
            if o.by == event.by and o.kind == event.type
        ]
        outcome = outcomes[-1]
        if not outcome.effective:
            reason = outcome.explanation[-1]
            if reason.startswith("Noch nicht wirksam: "):
                reason = "noch ohne Wirkung: " + reason.removeprefix("Noch nicht wirksam: ")
            else:
                reason = _lower_first(reason)
            return EventEffect(f"{reason} {summary}.", effective=False)
        assert outcome.ends_on is not None
        name = "Kündigung" if isinstance(event, Notice) else "Außerordentliche Kündigung"
        leaving = state.leaving.get(event.by)
        whom = (
            f"; {event.by} scheidet mit Ablauf des {format_date(leaving)} aus"
            if leaving is not None and state.ends_on is None
            else ""
        )
        return EventEffect(
            f"{name} wirkt zum {format_date(outcome.ends_on)}{whom}. {summary}.", effective=True
        )
    if isinstance(event, TerminatedByAgreement):
        if agreement.regime is Regime.GKG and event.published is None:
            return EventEffect(
                "noch ohne Wirkung: die Aufhebung wird der Aufsichtsbehörde angezeigt und wirkt "
                f"erst mit deren Bekanntmachung (§ 24 Abs. 5 GkG NRW). {summary}.",
                effective=False,
            )
        end = state.ends_on.day if state.ends_on else event.effective
        return EventEffect(
            f"Die Vereinbarung endet mit Ablauf des {format_date(end)}. {summary}.", True
        )
    if isinstance(event, Signed):
        life = Lifecycle(agreement)
        missing = [p for p in life.founding_parties() if p not in life.signatures()]
        if missing:
            text = (
                f"Unterschrift erfasst; es fehlen noch die Unterschriften von {', '.join(missing)}"
                " – bis dahin gilt die Vereinbarung als Entwurf."
            )
            return EventEffect(f"{text} {summary}.", effective=True)
    if isinstance(event, ApprovalRequested):
        deemed = Lifecycle(agreement).deemed_approval()
        if deemed is not None:
            return EventEffect(f"{deemed.derivation}. {summary}.", effective=True)
    if isinstance(event, Amendment):
        begins = takes_effect(event, gkg=agreement.regime is Regime.GKG)
        if begins is None:
            lacking = " und ".join(amendment_missing(event))
            return EventEffect(
                f"noch ohne Wirkung: {lacking} der Änderung fehlt; sie wird am Tag nach der "
                "Bekanntmachung wirksam (§ 24 Abs. 2–4 GkG NRW), bis dahin gilt die bisherige "
                f"Fassung. {summary}.",
                effective=False,
            )
        return EventEffect(
            f"Die Änderung gilt ab {format_date(begins)}; ab dann rechnen alle Fristen "
            f"nach der neuen Fassung. {summary}.",
            effective=True,
        )
    if isinstance(event, Joined):
        return EventEffect(
            f"{event.party} ist ab {format_date(event.effective)} gebunden. {summary}.", True
        )
    if state.effective is not None and state.status in ("not_in_force", "in_force"):
        summary += f" (wirksam ab {format_date(state.effective.day)})"
    return EventEffect(f"{summary}.", effective=True)
