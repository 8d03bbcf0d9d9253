"""Hypothesis strategies shared by every property test."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from vereinbarung.law.periods import Period
from vereinbarung.law.terms import NoticeTo, TermRule

#: Days of a realistic range, leap years and month ends included.
days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))

#: Days that are month ends, where the obvious formulas go wrong.
month_ends = st.builds(
    lambda year, month: dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1),
    st.integers(1990, 2090),
    st.integers(1, 12),
)

interesting_days = st.one_of(days, month_ends, st.sampled_from(
    [dt.date(2024, 2, 29), dt.date(2028, 2, 29), dt.date(2026, 2, 28), dt.date(2025, 12, 31)]
))  # fmt: skip

#: Periods in one unit, as agreements write them.
simple_periods = st.one_of(
    st.builds(lambda n: Period(years=n), st.integers(1, 10)),
    st.builds(lambda n: Period(months=n), st.integers(1, 36)),
    st.builds(lambda n: Period(weeks=n), st.integers(1, 26)),
    st.builds(lambda n: Period(days=n), st.integers(1, 120)),
)

#: Any period, also mixed ones such as 1 Jahr und 6 Monate.
periods = st.one_of(
    simple_periods,
    st.tuples(st.integers(0, 3), st.integers(0, 11), st.integers(0, 3), st.integers(0, 20))
    .filter(any)
    .map(lambda parts: Period(*parts)),
)


@st.composite
def term_rules(draw: st.DrawFn) -> TermRule:
    """Term clauses of every form: fixed, renewing, indefinite, with any notice date."""
    effective = draw(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)))
    form = draw(st.sampled_from(["fixed", "renewing", "indefinite", "then_indefinite"]))
    first_end = None
    if form != "indefinite":
        first_end = draw(simple_periods.filter(lambda p: p.years or p.months >= 3)).end_of_term(
            effective
        )
    renewal = (
        draw(simple_periods.filter(lambda p: p.years or p.months)) if form == "renewing" else None
    )
    notice = draw(st.one_of(st.none(), simple_periods.filter(lambda p: p.years <= 2)))
    choices = list(NoticeTo)
    if form == "indefinite":
        choices.remove(NoticeTo.TERM_END)
    notice_to = draw(st.sampled_from(choices))
    earliest = None
    if draw(st.booleans()):
        earliest = effective + dt.timedelta(days=draw(st.integers(0, 3000)))
    return TermRule(
        effective=effective,
        first_end=first_end,
        renewal=renewal,
        renews_indefinitely=form == "then_indefinite",
        notice=notice,
        notice_to=notice_to,
        earliest_end=earliest,
    )
