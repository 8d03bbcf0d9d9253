"""§§ 187, 188 BGB: worked examples (with sources) and properties of Period."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from vereinbarung import Period, PeriodParseError
from vereinbarung.law.dates import add_months
from vereinbarung.law.periods import ONE_DAY

from .strategies import days, interesting_days, periods, simple_periods

D = dt.date.fromisoformat


# -- parsing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 Monate", Period(months=6)),
        ("sechs Monate", Period(months=6)),
        ("von sechs Monaten", Period(months=6)),
        ("mit einer Frist von 6 Monaten", Period(months=6)),
        ("1 Monat", Period(months=1)),
        ("ein Monat", Period(months=1)),
        ("einem Monat", Period(months=1)),
        ("2 Jahre", Period(years=2)),
        ("zwei Jahre", Period(years=2)),
        ("ein Jahr", Period(years=1)),
        ("einem Jahr", Period(years=1)),
        ("zwölf Monate", Period(months=12)),
        ("4 Wochen", Period(weeks=4)),
        ("vier Wochen", Period(weeks=4)),
        ("14 Tage", Period(days=14)),
        ("  Drei   MONATE ", Period(months=3)),
        ("ein halbes Jahr", Period(months=6)),  # § 189 Abs. 1 BGB
        ("P6M", Period(months=6)),
        ("P2Y", Period(years=2)),
        ("P4W", Period(weeks=4)),
        ("P14D", Period(days=14)),
        ("P1Y6M", Period(years=1, months=6)),
    ],
)
def test_parse(text: str, expected: Period) -> None:
    assert Period.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("6 Jahrzehnte", "unbekannte Einheit »jahrzehnte«"),
        ("dreizehn Monate", "»dreizehn« ist keine Zahl"),
        ("0 Monate", "länger als null"),
        ("P0M", "länger als null"),
        ("P", "keine Frist"),
        ("sechs", "keine Frist"),
        ("", "keine Frist"),
    ],
)
def test_parse_errors_are_german(text: str, fragment: str) -> None:
    with pytest.raises(PeriodParseError, match=fragment):
        Period.parse(text)


@given(periods)
def test_canonical_and_iso_forms_read_back(period: Period) -> None:
    assert Period.parse(str(period)) == period
    assert Period.parse(period.iso()) == period


@given(simple_periods.filter(lambda p: max(p.years, p.months, p.weeks, p.days) <= 12))
def test_words_read_back(period: Period) -> None:
    assert Period.parse(period.in_words()) == period
    assert Period.parse("von " + period.in_words("dative")) == period


@pytest.mark.parametrize(
    ("period", "nominative", "dative"),
    [
        (Period(months=6), "sechs Monate", "sechs Monaten"),
        (Period(years=1), "ein Jahr", "einem Jahr"),
        (Period(weeks=1), "eine Woche", "einer Woche"),
        (Period(days=14), "14 Tage", "14 Tagen"),
        (Period(years=2), "zwei Jahre", "zwei Jahren"),
    ],
)
def test_words(period: Period, nominative: str, dative: str) -> None:
    assert period.in_words() == nominative
    assert period.in_words("dative") == dative


# -- § 187 Abs. 2, § 188 Abs. 2 (second case) and 3: terms --------------------------------

TERM_ENDS = [
    # start, period, end, source
    ("2023-02-01", "3 Jahre", "2026-01-31", "fristen.md § 1; § 188 Abs. 2 Alt. 2 BGB"),
    ("2026-03-31", "1 Monat", "2026-04-30", "fristen.md § 1; § 188 Abs. 3 BGB (not 29.04.)"),
    ("2024-02-29", "1 Jahr", "2025-02-28", "fristen.md § 1; § 188 Abs. 3 BGB"),
    ("2026-03-01", "2 Jahre", "2028-02-29", "fristen.md § 1; § 188 Abs. 2 BGB, leap year"),
    ("2027-01-01", "2 Jahre", "2028-12-31", "fristen.md § 2: renewal of seed 002"),
    ("2022-07-01", "5 Jahre", "2027-06-30", "§ 188 Abs. 2 Alt. 2 BGB"),
    ("2026-01-31", "1 Monat", "2026-02-28", "§ 188 Abs. 3 BGB: February has no 31st"),
    ("2023-03-15", "14 Tage", "2023-03-28", "§ 187 Abs. 2, § 188 Abs. 1 BGB: first day counts"),
    ("2023-02-01", "4 Wochen", "2023-02-28", "§ 188 Abs. 2 Alt. 2 BGB: day before the weekday"),
]


@pytest.mark.parametrize(("start", "period", "end", "source"), TERM_ENDS)
def test_end_of_term(start: str, period: str, end: str, source: str) -> None:
    assert Period.parse(period).end_of_term(D(start)) == D(end), source


# -- § 187 Abs. 1, § 188 Abs. 2 (first case) and 3: periods started by an event -----------

EVENT_ENDS = [
    ("2025-12-31", "6 Monate", "2026-06-30", "§ 188 Abs. 3 BGB: June has no 31st"),
    ("2026-06-30", "6 Monate", "2026-12-30", "§ 188 Abs. 2 Alt. 1 BGB"),
    ("1969-11-19", "6 Wochen", "1969-12-31", "BGHZ 59, 265: same weekday six weeks later"),
    ("2002-03-31", "1 Monat", "2002-04-30", "BGH III ZR 172/04; § 188 Abs. 3 BGB"),
    ("2026-01-31", "1 Monat", "2026-02-28", "§ 188 Abs. 3 BGB"),
    ("2024-02-29", "1 Jahr", "2025-02-28", "§ 188 Abs. 3 BGB"),
    ("2026-05-10", "14 Tage", "2026-05-24", "§ 187 Abs. 1, § 188 Abs. 1 BGB"),
]


@pytest.mark.parametrize(("day", "period", "end", "source"), EVENT_ENDS)
def test_end_after_event(day: str, period: str, end: str, source: str) -> None:
    assert Period.parse(period).end_after_event(D(day)) == D(end), source


# -- last day of receipt (fristen.md § 3) --------------------------------------------------

LAST_DAYS = [
    # termination date, notice period, last day of receipt, source
    ("2026-12-31", "6 Monate", "2026-06-30", "fristen.md § 3 table"),
    ("2026-06-30", "6 Monate", "2025-12-31", "fristen.md § 3 table (naive: 30.12.2025)"),
    ("2027-02-28", "6 Monate", "2026-08-31", "fristen.md § 3 table (naive: 28.08.2026)"),
    ("2026-08-30", "6 Monate", "2026-02-28", "fristen.md § 3 table"),
    ("1969-12-31", "6 Wochen", "1969-11-19", "BGHZ 59, 265"),
    ("2002-04-30", "1 Monat", "2002-03-31", "BGH 17.02.2005, III ZR 172/04"),
    ("2026-12-31", "3 Monate", "2026-09-30", "§§ 187 Abs. 1, 188 Abs. 2 BGB"),
    ("2027-03-31", "3 Monate", "2026-12-31", "§ 188 Abs. 3 BGB: 31.12. + 3 Monate = 31.03."),
    ("2026-02-28", "1 Monat", "2026-01-31", "§ 188 Abs. 3 BGB: 31.01. + 1 Monat = 28.02."),
    ("2029-02-28", "1 Jahr", "2028-02-29", "§ 188 Abs. 3 BGB: 29.02.2028 + 1 Jahr = 28.02.2029"),
    ("2026-12-31", "14 Tage", "2026-12-17", "§ 188 Abs. 1 BGB"),
]


@pytest.mark.parametrize(("termination", "period", "last", "source"), LAST_DAYS)
def test_last_day_of_receipt(termination: str, period: str, last: str, source: str) -> None:
    assert Period.parse(period).last_day_of_receipt(D(termination)) == D(last), source


def test_explanation_of_last_day_names_both_days_and_the_law() -> None:
    line = Period(months=6).explain_last_day_of_receipt(D("2026-12-31"))
    assert line == (
        "Zugang spätestens 30.06.2026: 30.06.2026 + 6 Monate = 30.12.2026 ≤ 31.12.2026; "
        "01.07.2026 + 6 Monate = 01.01.2027 > 31.12.2026 (§§ 187 Abs. 1, 188 Abs. 2 BGB)"
    )
    assert "188 Abs. 2 und 3" in Period(months=6).explain_last_day_of_receipt(D("2026-06-30"))


# -- properties ---------------------------------------------------------------------------


@given(periods, interesting_days)
def test_last_day_satisfies_the_period_and_the_next_does_not(
    period: Period, termination: dt.date
) -> None:
    last = period.last_day_of_receipt(termination)
    assert period.end_after_event(last) <= termination
    assert period.end_after_event(last + ONE_DAY) > termination


@given(periods, interesting_days, st.integers(0, 400))
def test_last_day_moves_with_the_termination_date(period: Period, t: dt.date, gap: int) -> None:
    later = t + dt.timedelta(days=gap)
    assert period.last_day_of_receipt(t) <= period.last_day_of_receipt(later)


@given(periods, interesting_days, st.integers(1, 400))
def test_event_end_never_decreases(period: Period, day: dt.date, gap: int) -> None:
    assert period.end_after_event(day) <= period.end_after_event(day + dt.timedelta(days=gap))
    assert period.end_after_event(day) > day


@given(periods, interesting_days)
def test_term_end_is_on_or_after_start(period: Period, start: dt.date) -> None:
    end = period.end_of_term(start)
    assert end >= start
    assert period.end_of_term(start) == end  # pure


@given(periods, days.filter(lambda d: 2 <= d.day <= 28))
def test_both_kinds_agree_away_from_month_ends(period: Period, start: dt.date) -> None:
    # § 187 Abs. 2 from S equals § 187 Abs. 1 from the event on S - 1 when no month end intervenes
    assert period.end_of_term(start) == period.end_after_event(start - ONE_DAY)


@given(st.integers(1, 36), st.integers(1990, 2080), st.integers(1, 12))
def test_terms_starting_on_the_first_end_on_a_month_end(months: int, year: int, month: int) -> None:
    end = Period(months=months).end_of_term(dt.date(year, month, 1))
    assert (end + ONE_DAY).day == 1


@given(st.integers(1, 20), days)
def test_weeks_end_on_the_same_weekday(weeks: int, day: dt.date) -> None:
    assert Period(weeks=weeks).end_after_event(day).weekday() == day.weekday()


@given(interesting_days, st.integers(-1200, 1200))
def test_month_arithmetic_equals_dateutil(day: dt.date, months: int) -> None:
    # dateutil's relativedelta is the reference for § 188 Abs. 2 and 3 month arithmetic
    assert add_months(day, months) == day + relativedelta(months=months)
