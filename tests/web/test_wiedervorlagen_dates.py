"""The date logic of Wiedervorlagen: repetition (rrule), absence windows, escalation – worked
examples and a property test of each against a naive reference written from the rules."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vereinbarung.web.wiedervorlagen import dates

D = dt.date


def test_yearly_on_the_first_of_march() -> None:
    found = dates.occurrences(D(2026, 3, 1), "jaehrlich", until=D(2029, 12, 31))
    assert found == [D(2026, 3, 1), D(2027, 3, 1), D(2028, 3, 1), D(2029, 3, 1)]
    assert dates.next_after(D(2026, 3, 1), "jaehrlich", D(2026, 3, 1)) == D(2027, 3, 1)
    assert dates.next_after(D(2026, 3, 1), "jaehrlich", D(2026, 2, 28)) == D(2026, 3, 1)
    # 29.02.: the next one after 2096 is 2104 (2100 is no leap year)
    assert dates.next_after(D(2096, 2, 29), "jaehrlich", D(2096, 2, 29)) == D(2104, 2, 29)


def test_a_day_the_month_lacks_is_skipped_not_moved() -> None:
    # RFC 5545: the 31st of a monthly rule falls out in months without one
    found = dates.occurrences(D(2026, 1, 31), "monatlich", until=D(2026, 6, 30))
    assert found == [D(2026, 1, 31), D(2026, 3, 31), D(2026, 5, 31)]
    leap = dates.occurrences(D(2024, 2, 29), "jaehrlich", until=D(2033, 1, 1))
    assert leap == [D(2024, 2, 29), D(2028, 2, 29), D(2032, 2, 29)]
    assert dates.occurrences(D(2026, 8, 31), "vierteljaehrlich", until=D(2027, 9, 1)) == [
        D(2026, 8, 31), D(2027, 5, 31), D(2027, 8, 31)]  # fmt: skip


def test_one_off() -> None:
    assert dates.occurrences(D(2026, 3, 1), "", until=D(2026, 3, 1)) == [D(2026, 3, 1)]
    assert dates.occurrences(D(2026, 3, 1), "", until=D(2026, 2, 28)) == []
    assert dates.next_after(D(2026, 3, 1), "", D(2026, 3, 1)) is None
    with pytest.raises(ValueError, match="Unbekannte Wiederholung"):
        dates.occurrences(D(2026, 3, 1), "stündlich", until=D(2027, 1, 1))


def test_absence_owner_deputy_and_escalation() -> None:
    away = [(D(2027, 2, 20), D(2027, 3, 10))]

    def who(occurrence: D, today: D) -> tuple[bool, bool]:
        return dates.in_charge(occurrence, today, owner_absent=away, has_deputy=True,
                               escalate_after=7)  # fmt: skip

    # due 01.03.2027 while the owner is away: the deputy, not the owner
    assert who(D(2027, 3, 1), D(2027, 3, 1)) == (False, True)
    # the owner is back on 11.03.; ten days overdue: both (escalated)
    assert who(D(2027, 3, 1), D(2027, 3, 11)) == (True, True)
    # a year later, nobody away, on the day: the owner alone; 6 days later still; 7: both
    assert who(D(2028, 3, 1), D(2028, 3, 1)) == (True, False)
    assert who(D(2028, 3, 1), D(2028, 3, 7)) == (True, False)
    assert who(D(2028, 3, 1), D(2028, 3, 8)) == (True, True)
    # an occurrence ahead: who has it is decided by the owner's absence on its day
    assert who(D(2027, 3, 1), D(2027, 1, 1)) == (False, True)
    # without a deputy the owner keeps it, away or not
    assert dates.in_charge(D(2027, 3, 1), D(2027, 3, 1), owner_absent=away, has_deputy=False,
                           escalate_after=7) == (True, False)  # fmt: skip
    assert [dates.absent(d, away) for d in (D(2027, 2, 19), D(2027, 2, 20), D(2027, 3, 10),
                                            D(2027, 3, 11))] == [False, True, True, False]  # fmt: skip


def naive_occurrences(start: D, months: int, until: D) -> list[D]:
    """Every *months* months from *start*, on the same day of the month, when that month has
    the day (counted from the start, as RFC 5545 counts the interval)."""
    found: list[D] = []
    step = 0
    while True:
        total = start.month - 1 + step * months
        year, month = start.year + total // 12, total % 12 + 1
        if year > until.year:
            return found
        try:
            day = D(year, month, start.day)
        except ValueError:
            step += 1
            continue
        if day > until:
            return found
        found.append(day)
        step += 1


days = st.dates(min_value=D(2000, 1, 1), max_value=D(2199, 12, 31))


@settings(max_examples=300, deadline=None)
@given(start=days, repeat=st.sampled_from(sorted(dates.MONTHS)), span=st.integers(0, 3000))
def test_occurrences_match_the_naive_reference(start: D, repeat: str, span: int) -> None:
    until = start + dt.timedelta(days=span)
    expected = naive_occurrences(start, dates.MONTHS[repeat], until)[: dates.LIMIT]
    assert dates.occurrences(start, repeat, until=until) == expected
    after = start + dt.timedelta(days=span // 2)
    assert (
        dates.occurrences(start, repeat, after=after, until=until)
        == [d for d in naive_occurrences(start, dates.MONTHS[repeat], until) if d > after][
            : dates.LIMIT
        ]
    )
    horizon = after + dt.timedelta(days=10 * 366)
    following = [d for d in naive_occurrences(start, dates.MONTHS[repeat], horizon) if d > after]
    assert dates.next_after(start, repeat, after) == (following[0] if following else None)


periods = st.lists(st.tuples(days, st.integers(0, 60)), max_size=4).map(
    lambda items: [(first, first + dt.timedelta(days=length)) for first, length in items]
)


@settings(max_examples=300, deadline=None)
@given(occurrence=days, offset=st.integers(-400, 400), away=periods,
       deputy=st.booleans(), escalate=st.integers(0, 30))  # fmt: skip
def test_in_charge_matches_the_naive_reference(
    occurrence: D, offset: int, away: list[tuple[D, D]], deputy: bool, escalate: int
) -> None:
    today = occurrence + dt.timedelta(days=offset)
    looked_at = today if today >= occurrence else occurrence
    absent = False
    for first, last in away:
        day = first
        while day <= last:  # day by day, as a calendar would be read
            absent = absent or day == looked_at
            day += dt.timedelta(days=1)
    overdue_days = 0
    day = occurrence
    while day < today:
        overdue_days += 1
        day += dt.timedelta(days=1)
    if not deputy:
        expected = (True, False)
    else:
        # not due yet is never overdue
        expected = (not absent, absent or (today >= occurrence and overdue_days >= escalate))
    got = dates.in_charge(occurrence, today, owner_absent=away, has_deputy=deputy,
                          escalate_after=escalate)  # fmt: skip
    assert got == expected
