"""A deliberately naive second implementation of the date rules, to hold the engine to.

Nothing here imports the engine's helpers (``vereinbarung.law``): only ``datetime`` and the
``holidays`` package for the public holidays. Every rule is applied the slow way a person
would, reading the statute:

* months are counted on calendar pages, one page at a time;
* a period that starts with an event (receipt) does not count that day (§ 187 Abs. 1 BGB) and
  ends on the day with the event's number in the last month, or on that month's last day if it
  has none (§ 188 Abs. 2 first case, Abs. 3); days are counted one by one (§ 188 Abs. 1);
* a term that begins at the start of a day (§ 187 Abs. 2 BGB) ends on the day before the day
  with the start's number in the last month, or on that month's last day if it has none
  (§ 188 Abs. 2 second case, Abs. 3);
* renewals follow one another: each begins the day after the previous ended (§ 190 BGB);
* the last day of receipt is found by walking back from the Kündigungstermin, one day at a
  time, to the first day from which the notice period still ends by then;
* Arbeitstage are Monday to Friday, Werktage Monday to Saturday, never a holiday of the Land;
* Kündigungstermine are found by walking forward one day at a time; nothing ends on or before
  the day it took effect, so the walk starts the day after the Inkrafttreten;
* a fixed term binds (§ 620 Abs. 1 BGB, § 542 Abs. 2 BGB, § 62 Satz 2 VwVfG): unless the clause
  allows notice during the term (``during_term``), a calendar rule's day counts only from the
  end of the first term on, and that end is itself a Kündigungstermin (the notice keeps the
  renewal from beginning); a fixed term without renewal then has none at all. Where the clause
  allows notice during the term, the calendar rule's days count during the term and its end
  stays a Kündigungstermin all the same (a right added never takes a date away).

The rule is given as a plain dict (see :func:`reference_status`), so that the tests describe
an agreement once and hand it to both implementations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache
from typing import Any

import holidays

DAY = dt.timedelta(days=1)

# A notice rule: ("period", years, months, weeks, days) | ("workdays", n, saturdays, land)
#                | ("by", month, day)
Notice = tuple[Any, ...]


def _last_day_of_page(year: int, month: int) -> dt.date:
    first_of_next = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return first_of_next - DAY


def _turn_pages(day: dt.date, months: int) -> tuple[int, int]:
    year, month = day.year, day.month
    for _ in range(months):
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return year, month


def _walk(day: dt.date, days: int) -> dt.date:
    for _ in range(days):
        day += DAY
    return day


def event_end(notice: Notice, received: dt.date) -> dt.date:
    """Last day of a notice period started by receipt on *received*."""
    if notice[0] == "workdays":
        _, count, saturdays, land = notice
        day, counted = received, 0
        while counted < count:
            day += DAY
            if counts_as_workday(day, saturdays, land):
                counted += 1
        return day
    _, years, months, weeks, days = notice
    end = received
    if years or months:
        year, month = _turn_pages(received, 12 * years + months)
        last = _last_day_of_page(year, month)
        end = dt.date(year, month, received.day) if received.day <= last.day else last
    return _walk(end, 7 * weeks + days)


def term_end(period: tuple[int, int, int, int], start: dt.date) -> dt.date:
    """Last day of a term (years, months, weeks, days) that begins at the start of *start*."""
    years, months, weeks, days = period
    if not (years or months):
        return _walk(start, 7 * weeks + days - 1)
    year, month = _turn_pages(start, 12 * years + months)
    last = _last_day_of_page(year, month)
    end = dt.date(year, month, start.day) - DAY if start.day <= last.day else last
    return _walk(end, 7 * weeks + days)


@cache
def _holidays(land: str, year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("DE", subdiv=land, years=year))


def counts_as_workday(day: dt.date, saturdays: bool, land: str) -> bool:
    """Monday to Friday (with *saturdays*: to Saturday), no public holiday in *land*."""
    if day in _holidays(land, day.year):
        return False
    return day.weekday() < (6 if saturdays else 5)


def last_day_of_receipt(notice: Notice, termination: dt.date) -> dt.date:
    """Walk back from *termination* to the latest day of receipt that still reaches it."""
    day = termination
    if notice[0] == "by":
        while (day.month, day.day) != (notice[1], notice[2]):
            day -= DAY
        return day
    while event_end(notice, day) > termination:
        day -= DAY
    return day


def term_ends(rule: dict[str, Any], until: dt.date) -> list[dt.date]:
    """The ends of the first term and of every renewal up to *until*, chained."""
    first_end = rule["first_end"]
    if first_end is None:
        return []
    ends = [first_end]
    renewal = rule["renewal"]
    while renewal is not None and ends[-1] < until:
        ends.append(term_end(renewal, ends[-1] + DAY))
    return ends


def is_termination_day(rule: dict[str, Any], day: dt.date, ends: set[dt.date]) -> bool:
    """Whether *day* is a Kündigungstermin by the clause's wording."""
    to = rule["notice_to"]
    tomorrow = day + DAY
    if to == "term_end":
        return day in ends
    if to == "year_end":
        return (day.month, day.day) == (12, 31)
    if to == "half_year_end":
        return (day.month, day.day) in ((6, 30), (12, 31))
    if to == "quarter_end":
        return tomorrow.day == 1 and tomorrow.month in (1, 4, 7, 10)
    if to == "month_end":
        return tomorrow.day == 1
    return (day.month, day.day) in to  # fixed days: a set of (month, day)


def reference_status(
    rule: dict[str, Any], on: dt.date
) -> tuple[str, dt.date | None, dt.date | None]:
    """(status, Kündigungstermin or natural end, last day of receipt) for a notice received *on*.

    *rule*: ``effective``, ``first_end`` (or None), ``renewal`` ((y, m, w, d) or None),
    ``then_indefinite``, ``notice`` (see :data:`Notice`, or None), ``notice_to`` (a name or a
    set of (month, day)), ``earliest_end`` (or None), ``during_term`` (optional, default
    False). Searches 60 years ahead.
    """
    fixed = (
        rule["first_end"] is not None and rule["renewal"] is None and not rule["then_indefinite"]
    )
    if fixed and on > rule["first_end"]:
        return "ended", None, None
    status = "not_in_force" if on < rule["effective"] else "in_force"
    for day, last in termination_days(rule, on):
        if last >= on:
            return status, day, last
    return status, rule["first_end"] if fixed else None, None


def reference_missed(rule: dict[str, Any], on: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first Kündigungstermin a notice received *on* no longer reaches, with its last day
    of receipt – if the first Kündigungstermin from *on* on is such a one."""
    fixed = (
        rule["first_end"] is not None and rule["renewal"] is None and not rule["then_indefinite"]
    )
    if fixed and on > rule["first_end"]:
        return None
    first = next(termination_days(rule, on), None)
    return first if first is not None and first[1] < on else None


def termination_days(rule: dict[str, Any], on: dt.date) -> Iterator[tuple[dt.date, dt.date]]:
    """Every Kündigungstermin from *on* on, day by day, with its last day of receipt."""
    effective, first_end = rule["effective"], rule["first_end"]
    fixed = first_end is not None and rule["renewal"] is None and not rule["then_indefinite"]
    natural_end = first_end if fixed else None
    notice = rule["notice"]
    if notice is None or (rule["notice_to"] == "term_end" and fixed):
        return
    binds = (
        first_end is not None
        and first_end.year < 9000  # 31.12.9999 is how some files write "unbefristet"
        and rule["notice_to"] != "term_end"
        and not rule.get("during_term", False)
    )
    if binds and fixed:
        return  # bound to the fixed term, which ends by itself
    day = on
    while day <= effective or day < (rule["earliest_end"] or day):
        day += DAY
    horizon = day + dt.timedelta(days=366 * 60)
    ends = set(term_ends(rule, horizon))
    while day <= horizon:
        if natural_end is not None and day >= natural_end:
            return
        if binds:  # the end of the fixed term, then the clause's days after it
            counts = day == first_end or (day > first_end and is_termination_day(rule, day, ends))
        else:
            # with during_term the end of a renewed first term stays one (an added right to
            # terminate early takes none away)
            counts = is_termination_day(rule, day, ends) or (
                day == first_end and natural_end is None and first_end.year < 9000
            )
        if counts:
            yield day, last_day_of_receipt(notice, day)
        day += DAY
