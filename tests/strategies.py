"""Hypothesis strategies shared by every property test."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from vereinbarung.law.notice import NoticeBy, WorkdayPeriod
from vereinbarung.law.periods import Period
from vereinbarung.law.terms import NoticeDays, NoticeTo, TermRule
from vereinbarung.law.workdays import LANDS

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


_NEVER = st.just(False)


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
    return _with_notice_dates(
        draw, effective, form, first_end, renewal, notice, st.booleans(), 3000,
        during_term=st.integers(0, 3).map(lambda n: n == 0),
    )  # fmt: skip


def _with_notice_dates(
    draw: st.DrawFn,
    effective: dt.date,
    form: str,
    first_end: dt.date | None,
    renewal: Period | None,
    notice: Any,
    earliest_drawn: st.SearchStrategy[bool],
    earliest_days: int,
    fixed_days: st.SearchStrategy[NoticeDays] | None = None,
    during_term: st.SearchStrategy[bool] = _NEVER,
) -> TermRule:
    """The rule with a notice date (term end only where there is one) and "frühestens zum"."""
    choices: list[NoticeTo | NoticeDays] = list(NoticeTo)
    if form == "indefinite":
        choices.remove(NoticeTo.TERM_END)
    dates: st.SearchStrategy[NoticeTo | NoticeDays] = st.sampled_from(choices)
    notice_to = draw(st.one_of(dates, fixed_days) if fixed_days is not None else dates)
    earliest = None
    if draw(earliest_drawn):
        earliest = effective + dt.timedelta(days=draw(st.integers(0, earliest_days)))
    return TermRule(
        effective=effective,
        first_end=first_end,
        renewal=renewal,
        renews_indefinitely=form == "then_indefinite",
        notice=notice,
        notice_to=notice_to,
        earliest_end=earliest,
        notice_during_term=draw(during_term) if first_end is not None else False,
    )


#: Days where month arithmetic is subtle: the 28th to the 31st, and 29 February.
late_days = st.one_of(
    st.builds(
        lambda year, month, day: min(
            dt.date(year, month, 28) + dt.timedelta(days=day - 28),
            dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1),
        ),
        st.integers(2000, 2040),
        st.integers(1, 12),
        st.integers(28, 31),
    ),
    st.sampled_from([dt.date(2000, 2, 29), dt.date(2024, 2, 29), dt.date(2028, 2, 29)]),
)

#: Fixed notice dates of every year (never 29.02.).
notice_days = st.lists(
    st.tuples(st.integers(1, 12), st.integers(1, 31)).filter(
        lambda md: (
            md != (2, 29) and md[1] <= (29 if md[0] == 2 else 30 if md[0] in (4, 6, 9, 11) else 31)
        )
    ),
    min_size=1,
    max_size=3,
).map(lambda days: NoticeDays(tuple(days)))

#: Every form of the notice period: a period, Arbeitstage/Werktage in any Land, "bis zum 30.06.".
notice_periods = st.one_of(
    simple_periods.filter(lambda p: p.years <= 1),
    st.builds(WorkdayPeriod, st.integers(1, 30), st.booleans(), st.sampled_from(sorted(LANDS))),
    st.builds(
        lambda month, day: NoticeBy(month, min(day, 28 if month == 2 else 30)),
        st.integers(1, 12),
        st.integers(1, 31),
    ),
)


@st.composite
def notice_rules(draw: st.DrawFn) -> TermRule:
    """Term clauses with every notice shape of issue 11; effective days often on the 28th–31st."""
    effective = draw(st.one_of(late_days, st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))))
    form = draw(st.sampled_from(["fixed", "renewing", "indefinite", "then_indefinite"]))
    first_end = None
    if form != "indefinite":
        if draw(st.booleans()):
            first_end = draw(
                st.one_of(late_days, st.dates(dt.date(2000, 1, 1), dt.date(2045, 12, 31))).filter(
                    lambda d: d >= effective
                )
            )
        else:
            first_end = draw(simple_periods.filter(lambda p: p.years or p.months)).end_of_term(
                effective
            )
    renewal = (
        draw(
            st.one_of(
                st.builds(lambda n: Period(months=n), st.integers(1, 24)),
                st.builds(lambda n: Period(years=n), st.integers(1, 5)),
            )
        )
        if form == "renewing"
        else None
    )
    notice = draw(st.one_of(st.none(), notice_periods, notice_periods))
    one_in_four = st.integers(0, 3).map(lambda n: n == 0)
    return _with_notice_dates(
        draw, effective, form, first_end, renewal, notice, one_in_four, 2000, notice_days,
        during_term=one_in_four,
    )  # fmt: skip


@st.composite
def fixed_term_rules(draw: st.DrawFn) -> TermRule:
    """A fixed first term (``ends`` anywhere in the year, or a duration) with a calendar rule or
    fixed days, renewed, then indefinite or not renewed, with or without ``notice_during_term``
    and "frühestens zum": the combinations of issue 24."""
    effective = draw(st.one_of(late_days, st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))))
    if draw(st.booleans()):
        first_end = effective + dt.timedelta(days=draw(st.integers(0, 12 * 366)))
    else:
        first_end = draw(simple_periods.filter(lambda p: p.years or p.months)).end_of_term(
            effective
        )
    form = draw(st.sampled_from(["fixed", "renewing", "then_indefinite"]))
    renewal = (
        draw(
            st.one_of(
                st.builds(lambda n: Period(months=n), st.integers(1, 24)),
                st.builds(lambda n: Period(years=n), st.integers(1, 5)),
            )
        )
        if form == "renewing"
        else None
    )
    notice_to: NoticeTo | NoticeDays = draw(
        st.one_of(st.sampled_from([t for t in NoticeTo if t is not NoticeTo.TERM_END]), notice_days)
    )
    earliest = None
    if draw(st.integers(0, 3)) == 0:
        earliest = effective + dt.timedelta(days=draw(st.integers(0, 15 * 366)))
    return TermRule(
        effective=effective,
        first_end=first_end,
        renewal=renewal,
        renews_indefinitely=form == "then_indefinite",
        notice=draw(notice_periods),
        notice_to=notice_to,
        earliest_end=earliest,
        notice_during_term=draw(st.integers(0, 3)) == 0,
    )
