"""The date logic of Wiedervorlagen: repetition, absence windows, who is in charge on a day.

Pure functions on :class:`datetime.date` (no database, no clock):

* :func:`occurrences` – the days of a repeating follow-up, by the recurrence rules of RFC 5545
  section 3.3.10 as ``dateutil.rrule`` implements them
  (https://dateutil.readthedocs.io/en/stable/rrule.html): a day that a month lacks (31.,
  29.02.) is skipped in that month, never moved to another day;
* :func:`absent` – whether a day lies in one of a person's absence periods (both ends included);
* :func:`in_charge` – who handles an occurrence: the owner; the deputy (Vertretung) instead while
  the owner is absent on that day, and in addition once the item is overdue by the escalation
  days. Without a deputy it stays with the owner.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from dateutil.rrule import MONTHLY, rrule

#: Repetition key → German label; the value of the months between two occurrences below.
REPEATS = {
    "": "einmalig",
    "monatlich": "monatlich",
    "vierteljaehrlich": "vierteljährlich",
    "halbjaehrlich": "halbjährlich",
    "jaehrlich": "jährlich",
}
MONTHS = {"monatlich": 1, "vierteljaehrlich": 3, "halbjaehrlich": 6, "jaehrlich": 12}
#: At most this many occurrences are computed in one call (bounded work).
LIMIT = 400

Period = tuple[dt.date, dt.date]


def occurrences(
    start: dt.date, repeat: str, *, after: dt.date | None = None, until: dt.date
) -> list[dt.date]:
    """The occurrences from *start* up to *until* (inclusive), those after *after* only."""
    if repeat not in REPEATS:
        raise ValueError(f"Unbekannte Wiederholung »{repeat}«.")
    if not repeat:
        days = [start] if start <= until else []
    else:
        rule = rrule(
            MONTHLY, interval=MONTHS[repeat], dtstart=dt.datetime.combine(start, dt.time()),
            bymonthday=start.day, until=dt.datetime.combine(until, dt.time()),
        )  # fmt: skip
        days = []
        for moment in rule:
            if after is None or moment.date() > after:
                days.append(moment.date())
                if len(days) >= LIMIT:
                    break
    return [d for d in days if after is None or d > after]


def next_after(start: dt.date, repeat: str, day: dt.date) -> dt.date | None:
    """The first occurrence after *day*; None for a one-off (or beyond the year 9999)."""
    if not repeat:
        return start if start > day else None
    # the longest gap: 29.02. over a century year that is no leap year (2096 → 2104)
    horizon = min(dt.date(9999, 12, 31), max(day, start) + dt.timedelta(days=9 * 366))
    found = occurrences(start, repeat, after=day, until=horizon)
    return found[0] if found else None


def absent(day: dt.date, periods: Iterable[Period]) -> bool:
    """Whether *day* lies in one of *periods* (first and last day included)."""
    return any(first <= day <= last for first, last in periods)


def in_charge(
    occurrence: dt.date,
    today: dt.date,
    *,
    owner_absent: Iterable[Period],
    has_deputy: bool,
    escalate_after: int,
) -> tuple[bool, bool]:
    """(owner, deputy): who handles the *occurrence* on *today*.

    The owner unless absent on *today* (for a day still ahead: on the occurrence's day); the
    deputy while the owner is absent, and also once *today* is *escalate_after* days or more
    past the occurrence. Without a deputy: the owner, absent or not."""
    if not has_deputy:
        return True, False
    periods = list(owner_absent)
    away = absent(max(today, occurrence), periods)
    escalated = (today - occurrence).days >= escalate_after
    return not away, away or escalated
