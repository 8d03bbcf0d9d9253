"""The timeline of an agreement: what happened and what is due, one German line per day."""

from __future__ import annotations

import datetime as dt

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

__all__ = ["describe_event", "recorded_lines"]


def recorded_lines(agreement: Agreement, on: dt.date) -> list[tuple[dt.date, str]]:
    """Events and dated signatures up to *on*, each with its German description."""
    lines = [(e.day, describe_event(e)) for e in agreement.events if e.day <= on]
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
