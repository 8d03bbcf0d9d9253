"""The timeline of an agreement: what happened and what is due, one German line per day.

A Kündigung or Aufhebung of an öffentlich-rechtliche Vereinbarung has days of its own after the
receipt or the conclusion: its Anzeige to the Aufsichtsbehörde and its Bekanntmachung
(§ 24 Abs. 5 GkG NRW); each is a line on its day.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from vereinbarung.law.dates import format_date
from vereinbarung.model.agreement import Agreement
from vereinbarung.model.events import (
    Amendment,
    ApprovalRefused,
    ApprovalRequested,
    Approved,
    ExtraordinaryNotice,
    Joined,
    Notice,
    Published,
    Signed,
    TerminatedByAgreement,
)

__all__ = ["describe_event", "recorded_lines", "timeline_lines"]

if TYPE_CHECKING:
    from vereinbarung.state.endings import Endings
    from vereinbarung.state.facts import Dated


def recorded_lines(agreement: Agreement, on: dt.date) -> list[tuple[dt.date, str]]:
    """Events and dated signatures up to *on*, each with its German description; the Anzeige
    and Bekanntmachung of a Kündigung or Aufhebung on their own days."""
    lines = [(e.day, describe_event(e)) for e in agreement.events if e.day <= on]
    for event in agreement.events:
        if isinstance(event, Notice | ExtraordinaryNotice):
            what = f"der Kündigung durch {event.by}"
        elif isinstance(event, TerminatedByAgreement):
            what = f"der Aufhebungsvereinbarung vom {format_date(event.date)}"
        else:
            continue
        notified = getattr(event, "notified", None)
        if notified is not None and notified <= on:
            lines.append((notified, f"Anzeige {what} an die Aufsichtsbehörde"))
        if event.published is not None and event.published <= on:
            lines.append((event.published, f"Bekanntmachung {what}"))
    lines += [
        (s.date, f"Unterschrift {s.party} in {s.place}")
        for s in agreement.signatures
        if s.date is not None and s.date <= on
    ]
    return lines


def describe_event(event: object) -> str:
    """One German line for a recorded event."""
    if isinstance(event, Signed):
        place = f" in {event.place}" if event.place else ""
        return f"Unterschrift {event.party}{place}"
    if isinstance(event, ApprovalRequested):
        return "Genehmigung beantragt" + (f" bei {event.authority}" if event.authority else "")
    if isinstance(event, Approved):
        return "Genehmigung erteilt"
    if isinstance(event, ApprovalRefused):
        return "Genehmigung versagt"
    if isinstance(event, Published):
        return "Bekanntmachung" + (f" ({event.gazette})" if event.gazette else "")
    if isinstance(event, Notice):
        form = event.form.label if event.form else "Form nicht erfasst"
        return f"Kündigung durch {event.by}: letzter Zugang ({form})"
    if isinstance(event, ExtraordinaryNotice):
        return f"Außerordentliche Kündigung durch {event.by}"
    if isinstance(event, Amendment):
        return f"Änderung wirksam: {event.text}"
    if isinstance(event, TerminatedByAgreement):
        return f"Aufhebungsvereinbarung (Ende mit Ablauf des {format_date(event.effective)})"
    if isinstance(event, Joined):
        return f"Beitritt {event.party}"
    return str(event)


def timeline_lines(
    agreement: Agreement,
    day: dt.date,
    effective: Dated | None,
    endings: Endings,
    next_candidates: list[Dated],
) -> tuple[tuple[dt.date, str], ...]:
    """What happened and what is due, by day: events, taking effect, exits, the end, terms."""
    lines = recorded_lines(agreement, day)
    ends_on = endings.ends_on
    if effective is not None:
        lines.append((effective.day, f"Wirksamwerden: {effective.derivation}"))
    for party, leave_day in endings.leaves.items():
        lines.append((leave_day, f"{party} scheidet mit Ablauf dieses Tages aus"))
    if ends_on is not None:
        lines.append((ends_on.day, f"Ende: {ends_on.derivation}"))
    for dated in next_candidates:
        if dated is not ends_on and dated.label != "Ausscheiden":
            lines.append((dated.day, f"{dated.label}: {dated.derivation}"))
    horizon = max(day, ends_on.day if ends_on else day)
    # the terms as the dates compute them: from the day the agreement took effect (the last
    # signature, GkG publication), where that differs from the clause (Agreement.rule_on)
    rule = agreement.rule_on(day, effective=effective.day if effective is not None else None)
    for span in rule.terms():
        if span.start > horizon or span.index > 50:
            break
        lines.append((span.start, f"Laufzeitbeginn, {span.label}: {span}"))
    lines.sort(key=lambda item: item[0])
    return tuple(dict.fromkeys(lines))
