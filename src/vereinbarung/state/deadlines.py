"""The dates of an agreement's term clause on a day, with amendments concluded in advance.

The date rules (:func:`vereinbarung.law.terms.status_on`) answer for one term clause. An
agreement may carry an amendment already concluded but effective later: every notice received
from its effective day on is judged by the amended clause. The answer is then the earliest end
reachable in any window of receipt ([day, E1 − 1] old clause, [E1, E2 − 1] clause of E1, …), and
``note`` says in which window the notice must arrive.

Where the agreement took effect on another day than its clause says (GkG: the day after
publication, § 24 Abs. 4 GkG NRW), a term given as a duration runs from that day
(:meth:`Agreement.rule_on`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from vereinbarung.law.dates import format_date
from vereinbarung.law.terms import DayStatus, status_on
from vereinbarung.model.agreement import Agreement
from vereinbarung.model.events import Amendment

__all__ = ["dates_on"]


def _clauses_by_receipt(
    agreement: Agreement, on: dt.date, pending: list[Amendment], effective: dt.date | None
) -> str:
    """Which clause decides for a notice received on which day: both (all) of them."""
    parts = []
    starts = [on, *(a.effective for a in pending)]
    for index, start in enumerate(starts):
        rule = agreement.rule_on(start, effective=effective)
        if index + 1 < len(starts):
            until = starts[index + 1] - dt.timedelta(days=1)
            when = f"bei Zugang bis {format_date(until)}"
        else:
            when = f"bei Zugang ab {format_date(start)}"
        source = (
            "bisherige Regelung"
            if index == 0
            else f"Änderung vom {format_date(pending[index - 1].date)}"
        )
        parts.append(f"{when} gilt die {source}: {rule.notice_summary()}")
    return "Es entscheidet der Tag des Zugangs: " + "; ".join(parts) + "."


def dates_on(
    agreement: Agreement,
    on: dt.date,
    *,
    land: str | None = None,
    effective: dt.date | None = None,
    windows: bool = True,
) -> DayStatus:
    """Status of the term clause, current term and earliest end a notice can achieve from *on*.

    *effective*: the day the agreement actually took effect, where events establish it.
    *windows*: take amendments concluded by *on* but effective later into account (False:
    only the clause in force on *on*, as for judging a notice received that day).
    """

    land = land or agreement.holiday_area
    first = status_on(agreement.rule_on(on, effective=effective), on, land=land)
    amendments = agreement.events_of(Amendment) if windows else ()
    if not amendments or first.status == "ended":
        return first
    pending = sorted(
        (e for e in amendments if e.term is not None and e.date <= on < e.effective),
        key=lambda a: a.effective,
    )
    if not pending:
        return first
    # windows of receipt: [on, E1 - 1] old clause, [E1, E2 - 1] clause of E1, …
    starts = [on, *(a.effective for a in pending)]
    best: tuple[DayStatus, dt.date, int] | None = None
    for index, start in enumerate(starts):
        window = first if index == 0 else status_on(
            agreement.rule_on(start, effective=effective), start, land=land
        )  # fmt: skip
        if window.terminates_on is None or window.notice_deadline is None:
            continue
        deadline = window.notice_deadline
        if index + 1 < len(starts):
            deadline = min(deadline, starts[index + 1] - dt.timedelta(days=1))
        if best is None or (window.terminates_on, -deadline.toordinal()) < (
            best[0].terminates_on or dt.date.max,
            -best[1].toordinal(),
        ):
            best = (window, deadline, index)
    if best is None:
        return first
    window, deadline, index = best
    if index == 0 and deadline == first.notice_deadline:
        return first
    assert window.terminates_on is not None
    if index == 0:
        amendment = pending[0]
        note = (
            f"Ab {format_date(amendment.effective)} gilt die geänderte Laufzeitregelung "
            f"(Änderung vom {format_date(amendment.date)}); eine später zugehende Kündigung "
            f"wird nach ihr beurteilt. Zum {format_date(window.terminates_on)} muss sie daher "
            f"bis {format_date(deadline)} zugehen."
        )
    else:
        amendment = pending[index - 1]
        note = (
            f"Ab {format_date(amendment.effective)} gilt die geänderte Laufzeitregelung "
            f"(Änderung vom {format_date(amendment.date)}): eine Kündigung, die vom "
            f"{format_date(amendment.effective)} bis zum {format_date(deadline)} zugeht, "
            f"beendet die Vereinbarung zum {format_date(window.terminates_on)}."
        )
        if (
            index > 0
            and amendment.effective > on
            and window.terminates_on < (first.terminates_on or dt.date.max)
        ):
            note += (
                f" Eine frühere Kündigung (vor dem {format_date(amendment.effective)}) wirkte "
                f"erst zum {format_date(first.terminates_on) if first.terminates_on else '–'}."
            )
    note += " " + _clauses_by_receipt(agreement, on, pending, effective)
    return replace(
        window,
        on=on,
        status=first.status,
        term=first.term,
        missed=first.missed if first.missed and first.missed[0] < window.terminates_on else None,
        notice_deadline=deadline,
        note=note,
    )
