"""The holiday pre-filter never hides a public holiday that the ``holidays`` package knows."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from vereinbarung.law.workdays import (
    LANDS,
    PracticalDay,
    could_be_holiday,
    non_working_reason,
    practical_day,
)


@pytest.mark.parametrize("land", sorted(LANDS))
def test_every_holiday_of_every_land_passes_the_prefilter(land: str) -> None:
    calendar = holidays.country_holidays("DE", subdiv=land, years=range(1990, 2101))
    missed = [day for day in calendar if not could_be_holiday(day)]
    assert missed == []


def test_prefilter_says_no_on_ordinary_days() -> None:
    assert not could_be_holiday(dt.date(2026, 2, 10))
    assert not could_be_holiday(dt.date(2026, 11, 25))  # a Wednesday, but after 22 November
    assert could_be_holiday(dt.date(2026, 11, 18))  # Buß- und Bettag 2026
    assert could_be_holiday(dt.date(2026, 6, 4))  # Fronleichnam 2026: Easter 5 April + 60


def test_answers_unchanged_by_the_prefilter() -> None:
    # § 193 BGB does not move the deadline; the practical day needs the true holidays
    assert non_working_reason(dt.date(2026, 6, 4), "NW") == "Feiertag (Fronleichnam)"
    assert non_working_reason(dt.date(2026, 6, 4), "NI") is None
    assert non_working_reason(dt.date(2026, 11, 18), "SN") == "Feiertag (Buß- und Bettag)"


@given(
    deadline=st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2060, 12, 31)),
    back=st.integers(0, 40),
    land=st.sampled_from(sorted(LANDS)),
)
def test_practical_day_against_a_walk_through_the_calendar(
    deadline: dt.date, back: int, land: str
) -> None:
    """§ 193 BGB does not move the deadline; the practical day is the last working day before it
    (never before the day asked). Reference: walk back day by day, holidays from the package."""
    on = deadline - dt.timedelta(days=back)
    calendar = holidays.country_holidays("DE", subdiv=land, years=range(1994, 2061))

    def working(day: dt.date) -> bool:
        return day.weekday() < 5 and day not in calendar

    answer = practical_day(deadline, on, land)
    if working(deadline):
        assert answer == PracticalDay(None, deadline, passed=False)
        return
    assert answer.reason is not None
    last = deadline - dt.timedelta(days=1)
    while not working(last):
        last -= dt.timedelta(days=1)
    assert answer.passed is (last < on)
    assert answer.day == max(last, on)


def test_practical_day_worked_examples() -> None:
    # 03.10.2026 is a Saturday and Tag der Deutschen Einheit: Friday 02.10.2026 is the day
    assert practical_day(dt.date(2026, 10, 3), dt.date(2026, 9, 1), "NW") == PracticalDay(
        "Feiertag (Tag der Deutschen Einheit)", dt.date(2026, 10, 2), passed=False
    )
    # asked on Saturday itself: the working day before has passed; only today is left
    assert practical_day(dt.date(2026, 10, 3), dt.date(2026, 10, 3), "NW") == PracticalDay(
        "Feiertag (Tag der Deutschen Einheit)", dt.date(2026, 10, 3), passed=True
    )
    # 06.04.2026 is Ostermontag: back over Easter Sunday, Saturday and Karfreitag to 02.04.2026
    assert practical_day(dt.date(2026, 4, 6), dt.date(2026, 3, 1), "BY").day == dt.date(2026, 4, 2)
