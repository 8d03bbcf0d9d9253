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
from vereinbarung.law.terms import DayStatus, TermRule, status_on
from vereinbarung.model.agreement import Agreement
from vereinbarung.model.events import Amendment

__all__ = ["ReceiptWindows", "dates_and_windows", "dates_on"]

#: The stretches of days (first, last) in which a notice received reaches the Kündigungstermin
#: stated; empty where every day from the day asked to the last day of receipt does.
ReceiptWindows = tuple[tuple[dt.date, dt.date], ...]


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
    return dates_and_windows(agreement, on, land=land, effective=effective, windows=windows)[0]


def dates_and_windows(
    agreement: Agreement,
    on: dt.date,
    *,
    land: str | None = None,
    effective: dt.date | None = None,
    windows: bool = True,
) -> tuple[DayStatus, ReceiptWindows]:
    """:func:`dates_on`, and where a pending amendment leaves a gap, the windows of receipt.

    An amendment that shortens the period from a later day opens a window for the same
    Kündigungstermin that the old clause had already closed: with six months to 31.12.2026 until
    31.07.2026 and three months from 01.08.2026, a notice reaches 31.12.2026 if received by
    30.06.2026 or from 01.08.2026 to 30.09.2026, but not in July. The headline of every adapter
    states these windows, not only the last day of receipt.
    """
    land = land or agreement.holiday_area
    first = status_on(_rule_on(agreement, on, effective), on, land=land)
    amendments = agreement.events_of(Amendment) if windows else ()
    if not amendments or first.status == "ended":
        return first, ()
    pending = _pending(amendments, on)
    if not pending:
        return first, ()
    # windows of receipt: [on, E1 - 1] old clause, [E1, E2 - 1] clause of E1, …
    starts = [on, *(a.effective for a in pending)]
    best: tuple[DayStatus, dt.date, int] | None = None
    reached: list[tuple[dt.date, DayStatus, dt.date]] = []  # (start, answer, last day in window)
    for index, start in enumerate(starts):
        window = first if index == 0 else status_on(
            _rule_on(agreement, start, effective), start, land=land
        )  # fmt: skip
        if window.terminates_on is None or window.notice_deadline is None:
            continue
        deadline = window.notice_deadline
        if index + 1 < len(starts):
            deadline = min(deadline, starts[index + 1] - dt.timedelta(days=1))
        reached.append((start, window, deadline))
        if best is None or (window.terminates_on, -deadline.toordinal()) < (
            best[0].terminates_on or dt.date.max,
            -best[1].toordinal(),
        ):
            best = (window, deadline, index)
    if best is None:
        return first, ()
    window, deadline, index = best
    if index == 0 and deadline == first.notice_deadline:
        return first, ()
    assert window.terminates_on is not None
    receipt = _receipt_windows(on, window.terminates_on, deadline, reached)
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
    if len(receipt) > 1:
        note += (
            f" Zum {format_date(window.terminates_on)} wirkt daher nur eine Kündigung, die "
            f"{_windows_text(receipt)} zugeht; eine Kündigung, die dazwischen zugeht, wirkt erst "
            "zum nächsten Termin."
        )
    note += " " + _clauses_by_receipt(agreement, on, pending, effective)
    dates = replace(
        window,
        on=on,
        status=first.status,
        term=first.term,
        missed=first.missed if first.missed and first.missed[0] < window.terminates_on else None,
        notice_deadline=deadline,
        note=note,
    )
    return dates, receipt


def _pending(amendments: tuple[Amendment, ...], on: dt.date) -> list[Amendment]:
    """The amendments of the term clause concluded by *on* and effective later, one per
    effective day, in order: of two taking effect on the same day the later concluded one
    replaces the earlier before it ever applies (:meth:`Agreement.version_on` applies them by
    effective day, then by the day concluded), so only it opens a window of receipt."""
    by_day: dict[dt.date, Amendment] = {}
    for amendment in amendments:
        if amendment.term is None or not amendment.date <= on < amendment.effective:
            continue
        known = by_day.get(amendment.effective)
        if known is None or amendment.date >= known.date:
            by_day[amendment.effective] = amendment
    return [by_day[day] for day in sorted(by_day)]


def _rule_on(agreement: Agreement, day: dt.date, effective: dt.date | None) -> TermRule:
    """The term clause in force on *day*, naming the amendment it comes from in its citation
    (»§ 5 in der Fassung der Änderung vom 01.03.2026«), so that every line of the derivation that
    cites the clause says which wording it applies."""
    rule = agreement.rule_on(day, effective=effective)
    recorded = agreement.events_of(Amendment)
    if not recorded:
        return rule
    source: Amendment | None = None
    for amendment in recorded:  # the last one applied by Agreement.version_on
        if amendment.term is None or amendment.effective > day or amendment.date > day:
            continue
        if source is None or (amendment.effective, amendment.date) >= (
            source.effective,
            source.date,
        ):
            source = amendment
    if source is None:
        return rule
    wording = f"Änderung vom {format_date(source.date)}, gilt ab {format_date(source.effective)}"
    clause = f"{rule.clause} in der Fassung der {wording}" if rule.clause else wording
    return replace(rule, clause=clause)


def _receipt_windows(
    on: dt.date,
    termination: dt.date,
    deadline: dt.date,
    reached: list[tuple[dt.date, DayStatus, dt.date]],
) -> ReceiptWindows:
    """The days from *on* to *deadline* on which a notice received reaches *termination*.

    In each window of receipt the answer for its first day is the earliest end of any receipt
    in it; where that is *termination*, every receipt up to the window's last day of receipt
    reaches it. Empty where that is every day from *on* on.
    """
    found: list[tuple[dt.date, dt.date]] = []
    for start, window, last in reached:
        if start > deadline or window.terminates_on != termination:
            continue
        last = min(last, deadline)
        if found and found[-1][1] + dt.timedelta(days=1) == start:
            found[-1] = (found[-1][0], last)
        else:
            found.append((start, last))
    if len(found) == 1 and found[0] == (on, deadline):
        return ()
    return tuple(found)


def _windows_text(windows: ReceiptWindows) -> str:
    """German: »vom 01.04.2026 bis 30.06.2026 oder vom 01.08.2026 bis 30.09.2026«."""
    return " oder ".join(f"vom {format_date(a)} bis {format_date(b)}" for a, b in windows)
