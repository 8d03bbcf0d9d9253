"""The holiday pre-filter never hides a public holiday that the ``holidays`` package knows."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest

from vereinbarung.law.workdays import LANDS, could_be_holiday, non_working_reason


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
