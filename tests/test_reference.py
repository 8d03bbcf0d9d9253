"""The engine held to a naive second implementation (``tests/reference.py``).

Until these tests, the property tests compared the engine with itself. Here every date rule is
computed twice: by the engine and by a slow walk over the calendar that shares no code with
it. Starts are forced onto the 28th–31st and 29.02., where the obvious formulas go wrong.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vereinbarung.cli.main import cli
from vereinbarung.law.notice import NoticeBy, WorkdayPeriod
from vereinbarung.law.periods import Period
from vereinbarung.law.terms import NoticeDays, Span, TermRule, status_on

from . import reference
from .strategies import fixed_term_rules, late_days, notice_periods, notice_rules, periods

D = dt.date.fromisoformat
days = st.one_of(late_days, st.dates(dt.date(2000, 1, 1), dt.date(2045, 12, 31)))


def _parts(period: Period) -> tuple[int, int, int, int]:
    return (period.years, period.months, period.weeks, period.days)


def _notice(notice: Period | WorkdayPeriod | NoticeBy) -> reference.Notice:
    if isinstance(notice, Period):
        return ("period", *_parts(notice))
    if isinstance(notice, WorkdayPeriod):
        return ("workdays", notice.count, notice.saturdays, notice.land)
    return ("by", notice.month, notice.day)


def as_reference(rule: TermRule) -> dict[str, Any]:
    """The clause as plain data for the reference (the engine's values, none of its code)."""
    to = rule.notice_to
    return {
        "effective": rule.effective,
        "first_end": rule.first_end,
        "renewal": _parts(rule.renewal) if rule.renewal else None,
        "then_indefinite": rule.renews_indefinitely,
        "notice": _notice(rule.notice) if rule.notice else None,
        "notice_to": set(to.days) if isinstance(to, NoticeDays) else to.value,
        "earliest_end": rule.earliest_end,
        "during_term": rule.notice_during_term,
    }


# -- §§ 187, 188 BGB ---------------------------------------------------------------------------


@settings(max_examples=400)
@given(periods, days)
def test_periods_end_as_the_reference_counts(period: Period, day: dt.date) -> None:
    assert period.end_after_event(day) == reference.event_end(("period", *_parts(period)), day)
    assert period.end_of_term(day) == reference.term_end(_parts(period), day)


@settings(max_examples=300, deadline=None)
@given(notice_periods, days)
def test_last_day_of_receipt_as_the_reference_walks_back(
    notice: Period | WorkdayPeriod | NoticeBy, termination: dt.date
) -> None:
    assert notice.last_day_of_receipt(termination) == reference.last_day_of_receipt(
        _notice(notice), termination
    )


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 30), st.booleans(), st.sampled_from(["NW", "BY", "BE", "SN"]), days)
def test_working_days_as_the_reference_counts(
    count: int, saturdays: bool, land: str, day: dt.date
) -> None:
    period = WorkdayPeriod(count, saturdays, land)
    assert period.end_after_event(day) == reference.event_end(
        ("workdays", count, saturdays, land), day
    )


# -- chained renewals (§ 190 BGB) --------------------------------------------------------------


def test_chained_renewals_after_29_january_differ_from_start_plus_k_periods() -> None:
    # ends 29.01.2026, renewal 1 Monat: 30.01.–28.02., 01.03.–31.03., 01.04.–30.04. (§ 190 BGB)
    rule = TermRule(effective=D("2025-01-01"), first_end=D("2026-01-29"), renewal=Period(months=1))
    ends = [span.end for span in itertools.islice(rule.terms(), 5)]
    chained = [D("2026-01-29"), D("2026-02-28"), D("2026-03-31"), D("2026-04-30"), D("2026-05-31")]
    assert ends == chained == reference.term_ends(as_reference(rule), D("2026-05-31"))
    # the wrong ways would give 29.03. for the second renewal: they must differ here
    start = D("2026-01-30")
    multiples = [Period(months=k).end_of_term(start) for k in (1, 2, 3)]
    from_first_end = [
        reference.event_end(("period", 0, k, 0, 0), D("2026-01-29")) for k in (1, 2, 3)
    ]
    assert multiples[1] == D("2026-03-29") != ends[2]
    assert from_first_end[1] == D("2026-03-29") != ends[2]
    # and the Kündigungstermin "zum Laufzeitende" follows the chain
    notice = TermRule(
        effective=D("2025-01-01"), first_end=D("2026-01-29"), renewal=Period(months=1),
        notice=Period(weeks=2),
    )  # fmt: skip
    s = status_on(notice, D("2026-03-01"))
    assert (s.terminates_on, s.notice_deadline) == (D("2026-03-31"), D("2026-03-17"))


@settings(max_examples=200)
@given(
    late_days,
    st.one_of(
        st.builds(lambda n: Period(months=n), st.integers(1, 13)),
        st.builds(lambda n: Period(years=n), st.integers(1, 4)),
    ),
)
def test_renewal_chains_as_the_reference(first_end: dt.date, renewal: Period) -> None:
    rule = TermRule(effective=D("1999-01-01"), first_end=first_end, renewal=renewal)
    ends = [span.end for span in itertools.islice(rule.terms(), 12)]
    last = ends[-1]
    assert last is not None
    assert ends == reference.term_ends(as_reference(rule), last)[:12]


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(late_days, st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))),
    st.one_of(
        st.builds(lambda n: Period(months=n), st.integers(1, 25)),
        st.builds(lambda y, m: Period(years=y, months=m), st.integers(1, 5), st.integers(0, 11)),
        st.builds(lambda m, d: Period(months=m, days=d), st.integers(0, 3), st.integers(1, 40)),
    ),
    st.integers(0, 40 * 366),
)
def test_term_on_a_day_as_the_reference_chain(
    first_end: dt.date, renewal: Period, later: int
) -> None:
    """The renewal holding a day, also where the engine computes it without walking the chain
    (:meth:`TermRule._renewal_on`), is the one the reference's chain reaches day by day."""
    rule = TermRule(effective=D("1989-01-01"), first_end=first_end, renewal=renewal)
    day = first_end + dt.timedelta(days=later)
    ends = reference.term_ends(as_reference(rule), day)
    index = next(i for i, end in enumerate(ends) if end >= day)
    start = ends[index - 1] + dt.timedelta(days=1) if index else rule.effective
    assert rule.term_on(day) == Span(start, ends[index], index)
    for number in range(max(1, len(ends) - 3), len(ends)):  # the boundaries around day
        end = ends[number]
        assert rule.term_on(end) == Span(ends[number - 1] + dt.timedelta(days=1), end, number)
        assert rule.term_on(end + dt.timedelta(days=1)).start == end + dt.timedelta(days=1)


# -- status, Kündigungstermin, last day of receipt ------------------------------------------


@settings(max_examples=300, deadline=None)
@given(notice_rules(), days)
def test_the_first_kuendigungstermin_is_the_first_the_reference_finds(
    rule: TermRule, on: dt.date
) -> None:
    """first_termination (computed at once for calendar rules) against a day-by-day search."""
    found = rule.first_termination(on, start_at=rule.term_on(on))
    reference_rule = as_reference(rule)
    first = next(reference.termination_days(reference_rule, on), None)
    if rule.notice is None or (rule.natural_end is not None and on > rule.natural_end):
        return  # the reference knows Kündigungstermine only with a notice rule, in force
    assert found == (first[0] if first is not None else None)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notice_rules(), days)
def test_status_as_the_reference(rule: TermRule, on: dt.date) -> None:
    s = status_on(rule, on)
    expected = reference.reference_status(as_reference(rule), on)
    assert (s.status, s.terminates_on, s.notice_deadline) == expected
    assert s.missed == reference.reference_missed(as_reference(rule), on)


# -- a fixed term binds, nothing ends before it begins (issue 24) ------------------------------


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fixed_term_rules(), days)
def test_fixed_terms_with_every_calendar_rule_as_the_reference(rule: TermRule, on: dt.date) -> None:
    """A fixed first term with year, half-year, quarter, month ends or fixed days: the engine's
    status, Kündigungstermin, last day of receipt and missed date are the reference's."""
    s = status_on(rule, on)
    expected = reference.reference_status(as_reference(rule), on)
    assert (s.status, s.terminates_on, s.notice_deadline) == expected
    assert s.missed == reference.reference_missed(as_reference(rule), on)
    first = next(reference.termination_days(as_reference(rule), on), None)
    if rule.natural_end is None or on <= rule.natural_end:
        found = rule.first_termination(on, start_at=rule.term_on(on))
        assert found == (first[0] if first is not None else None)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fixed_term_rules(), days)
def test_no_kuendigungstermin_inside_a_binding_term_or_on_the_effective_day(
    rule: TermRule, on: dt.date
) -> None:
    """The bound itself, independent of either implementation's walk: every Kündigungstermin
    lies after the Inkrafttreten, and without notice_during_term none before the first term's
    end (§ 620 Abs. 1 BGB, § 542 Abs. 2 BGB)."""
    first_end = rule.first_end
    assert first_end is not None
    for termination in itertools.islice(rule.termination_dates(on), 6):
        assert termination > rule.effective
        if not rule.notice_during_term:
            assert termination >= first_end
            assert rule.natural_end is None


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fixed_term_rules(), days)
def test_notice_during_term_never_makes_the_earliest_end_later(rule: TermRule, on: dt.date) -> None:
    """A right to terminate before the term has run only adds Kündigungstermine: for any
    clause, the same clause with ``notice_during_term`` never ends later for a notice received
    on the same day (the end of the term stays a Kündigungstermin)."""
    bound = replace(rule, notice_during_term=False)
    during = replace(rule, notice_during_term=True)
    later = status_on(bound, on).terminates_on
    earlier = status_on(during, on).terminates_on
    if later is not None:
        assert earlier is not None
        assert earlier <= later


# -- the command line ---------------------------------------------------------------------------


def _file(rule: TermRule, land: str) -> dict[str, Any]:
    term: dict[str, Any] = {"effective": rule.effective.isoformat()}
    if rule.first_end is not None:
        term["ends"] = rule.first_end.isoformat()
    if rule.renewal is not None:
        term["renewal"] = str(rule.renewal)
    elif rule.renews_indefinitely:
        term["renewal"] = "unbestimmte Zeit"
    if isinstance(rule.notice, NoticeBy):
        term["notice_by"] = rule.notice.text()
    elif rule.notice is not None:
        term["notice"] = str(rule.notice)
    to = rule.notice_to
    term["notice_to"] = to.texts() if isinstance(to, NoticeDays) else to.value
    if rule.earliest_end is not None:
        term["earliest_end"] = rule.earliest_end.isoformat()
    if rule.notice_during_term:
        term["notice_during_term"] = True
    signed = min(rule.effective, D("2000-01-01")).isoformat()
    return {
        "title": "Kooperationsvereinbarung",
        "land": land,
        "parties": [
            {"name": name, "representative": {"name": "N. N.", "title": "Bürgermeister"}}
            for name in ("Stadt A", "Stadt B")
        ],
        "term": term,
        "events": [
            {"type": "signed", "party": "Stadt A", "date": signed},
            {"type": "signed", "party": "Stadt B", "date": signed},
        ],
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rule=notice_rules(),
    asked=st.lists(days, min_size=1, max_size=4),
    land=st.sampled_from(["NW", "BY", "HB"]),
)
def test_deadlines_json_agrees_with_the_reference(
    rule: TermRule, asked: list[dt.date], land: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = Path(tmp_path_factory.mktemp("agreements")) / "vereinbarung.json"
    path.write_text(json.dumps(_file(rule, land), ensure_ascii=False), encoding="utf-8")
    if isinstance(rule.notice, WorkdayPeriod):  # the file's Land counts the holidays
        rule = TermRule(
            effective=rule.effective, first_end=rule.first_end, renewal=rule.renewal,
            renews_indefinitely=rule.renews_indefinitely,
            notice=WorkdayPeriod(rule.notice.count, rule.notice.saturdays, land),
            notice_to=rule.notice_to, earliest_end=rule.earliest_end,
            notice_during_term=rule.notice_during_term,
        )  # fmt: skip
    for on in asked:
        result = CliRunner().invoke(
            cli, ["deadlines", str(path), "--on", on.isoformat(), "--format", "json"]
        )
        assert result.exit_code == 0, result.output
        (record,) = json.loads(result.stdout)
        assert record["error"] is None
        status, terminates, deadline = reference.reference_status(as_reference(rule), on)
        assert record["status"] == status
        assert record["terminates_on"] == (terminates.isoformat() if terminates else None)
        assert record["notice_deadline"] == (deadline.isoformat() if deadline else None)
