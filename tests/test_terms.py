"""Terms, renewals, notice dates and the status on a day: worked examples and properties."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vereinbarung import NoticeTo, Period, TermRule, VereinbarungError
from vereinbarung.law.periods import ONE_DAY
from vereinbarung.law.terms import Span, status_on

from .strategies import term_rules

D = dt.date.fromisoformat

SEED = TermRule(  # seed 002 § 5: in Kraft 01.02.2023, Laufzeit bis 31.12.2026, + 2 Jahre, 6 Monate
    effective=D("2023-02-01"),
    first_end=D("2026-12-31"),
    renewal=Period(years=2),
    notice=Period(months=6),
    clause="§ 5",
)
INDEFINITE_YEAR_END = (
    TermRule(  # "auf unbestimmte Zeit … sechs Monaten zum Ende eines Kalenderjahres"
        effective=D("2024-01-01"),
        notice=Period(months=6),
        notice_to=NoticeTo.YEAR_END,
        earliest_end=D("2026-12-31"),
    )
)
FIXED = TermRule(effective=D("2022-07-01"), first_end=D("2027-06-30"), duration=Period(years=5))
QUARTERLY = TermRule(
    effective=D("2024-01-01"), notice=Period(months=3), notice_to=NoticeTo.QUARTER_END
)
MONTHLY = TermRule(effective=D("2025-01-01"), notice=Period(months=1), notice_to=NoticeTo.MONTH_END)
HOLIDAY = TermRule(  # a term that ends 03.01.: the last day of receipt is 03.10. (a holiday)
    effective=D("2025-01-04"), first_end=D("2026-01-03"), renewal=Period(years=1),
    notice=Period(months=3),
)  # fmt: skip
THEN_INDEFINITE = TermRule(
    effective=D("2020-01-01"), first_end=D("2024-12-31"), renews_indefinitely=True,
    notice=Period(months=6),
)  # fmt: skip

STATUS_EXAMPLES = [
    # rule, on, status, current term end, terminates_on, notice deadline, source
    (SEED, "2026-11-21", "in_force", "2026-12-31", "2028-12-31", "2028-06-30",
     "issue 2 § 6: chance for 31.12.2026 passed on 30.06.2026"),
    (SEED, "2026-06-30", "in_force", "2026-12-31", "2026-12-31", "2026-06-30",
     "fristen.md § 6: last day of receipt 30.06.2026"),
    (SEED, "2026-07-01", "in_force", "2026-12-31", "2028-12-31", "2028-06-30",
     "one day late: the next term end"),
    (SEED, "2023-01-15", "not_in_force", "2026-12-31", "2026-12-31", "2026-06-30",
     "before Inkrafttreten"),
    (SEED, "2027-01-01", "in_force", "2028-12-31", "2028-12-31", "2028-06-30",
     "first renewal 01.01.2027–31.12.2028 (fristen.md § 2)"),
    (SEED, "2029-01-01", "in_force", "2030-12-31", "2030-12-31", "2030-06-30",
     "second renewal 01.01.2029–31.12.2030 (fristen.md § 2)"),
    (INDEFINITE_YEAR_END, "2025-03-01", "in_force", None, "2026-12-31", "2026-06-30",
     "frühestens zum 31.12.2026"),
    (INDEFINITE_YEAR_END, "2026-11-21", "in_force", None, "2027-12-31", "2027-06-30",
     "year end after 30.06.2026 passed"),
    (FIXED, "2026-11-21", "in_force", "2027-06-30", "2027-06-30", None,
     "fixed term ends by itself: § 188 Abs. 2 BGB, 01.07.2022 + 5 Jahre"),
    (FIXED, "2027-06-30", "in_force", "2027-06-30", "2027-06-30", None, "last day"),
    (FIXED, "2027-07-01", "ended", "2027-06-30", None, None, "day after the end"),
    (QUARTERLY, "2026-11-21", "in_force", None, "2027-03-31", "2026-12-31",
     "31.12.2026 needs receipt by 30.09.2026; 31.03.2027 by 31.12.2026 (§ 188 Abs. 3)"),
    (MONTHLY, "2026-02-01", "in_force", None, "2026-03-31", "2026-02-28",
     "28.02.2026 + 1 Monat = 28.03.2026 ≤ 31.03.2026; 01.03. + 1 Monat = 01.04."),
    (HOLIDAY, "2025-05-01", "in_force", "2026-01-03", "2026-01-03", "2025-10-03",
     "deadline on Tag der Deutschen Einheit does not move (BGH III ZR 172/04)"),
    (THEN_INDEFINITE, "2024-03-01", "in_force", "2024-12-31", "2024-12-31", "2024-06-30",
     "first term end is the only notice date"),
    (THEN_INDEFINITE, "2024-07-01", "in_force", "2024-12-31", None, None,
     "then indefinite without a notice date: no way out by notice"),
]  # fmt: skip


def _d(text: str | None) -> dt.date | None:
    return D(text) if text else None


@pytest.mark.parametrize(
    ("rule", "on", "status", "term_end", "terminates", "deadline", "source"), STATUS_EXAMPLES
)
def test_status_examples(
    rule: TermRule, on: str, status: str, term_end: str | None, terminates: str | None,
    deadline: str | None, source: str,
) -> None:  # fmt: skip
    s = status_on(rule, D(on))
    assert (s.status, s.current_term_end, s.terminates_on, s.notice_deadline) == (
        status,
        _d(term_end),
        _d(terminates),
        _d(deadline),
    ), source


def test_seed_explanation_shows_the_working() -> None:
    lines = status_on(SEED, D("2026-11-21")).explanation()
    assert lines == [
        "Inkrafttreten 01.02.2023 (§ 5)",
        "Laufzeitende 31.12.2026 (§ 5)",
        "Verlängerung um jeweils 2 Jahre, wenn nicht gekündigt (§ 5); jede Verlängerung wird vom "
        "Ablauf der vorigen an berechnet und beginnt am Tag danach (§ 190 BGB mit §§ 187 Abs. 2, "
        "188 Abs. 2 BGB)",
        "1. Verlängerung: Beginn 01.01.2027 + 2 Jahre → Ende 31.12.2028 (§§ 187 Abs. 2, 188 Abs. 2 BGB)",
        "Kündigungsfrist 6 Monate zum Laufzeitende (§ 5)",
        "Kündigung zum 31.12.2026 nicht mehr möglich: Zugang hätte spätestens am 30.06.2026 "
        "erfolgen müssen",
        "Zugang spätestens 30.06.2028: 30.06.2028 + 6 Monate = 30.12.2028 ≤ 31.12.2028; "
        "01.07.2028 + 6 Monate = 01.01.2029 > 31.12.2028 (§§ 187 Abs. 1, 188 Abs. 2 BGB)",
        "Frühestmögliches Ende bei Zugang am 21.11.2026: 31.12.2028",
    ]


def test_deadline_on_a_holiday_does_not_move_but_warns() -> None:
    s = status_on(HOLIDAY, D("2025-05-01"))
    assert s.notice_deadline == D("2025-10-03")
    assert s.practical_deadline == D("2025-10-02")
    (warning,) = s.warnings()
    assert "Tag der Deutschen Einheit" in warning
    assert "02.10.2025" in warning
    assert "§ 193 BGB gilt nicht" in warning


def test_deadline_on_a_sunday_warns_with_the_friday() -> None:
    s = status_on(SEED, D("2029-01-01"))  # 30.06.2030 is a Sunday
    assert s.notice_deadline == D("2030-06-30")
    assert s.practical_deadline == D("2030-06-28")
    assert "Sonntag" in s.warnings()[0]


def test_holidays_follow_the_land() -> None:
    # Allerheiligen (01.11.) is a public holiday in NW, not in Berlin. Term 02.01.2027–01.01.2028,
    # 2 Monate zum Laufzeitende: 01.11.2027 + 2 Monate = 01.01.2028 (last day of receipt).
    rule = TermRule(effective=D("2027-01-02"), first_end=D("2028-01-01"), renewal=Period(years=1),
                    notice=Period(months=2))  # fmt: skip
    nw = status_on(rule, D("2027-06-01"), land="NW")
    be = status_on(rule, D("2027-06-01"), land="BE")
    assert nw.notice_deadline == be.notice_deadline == D("2027-11-01")
    assert nw.deadline_non_working == "Feiertag (Allerheiligen)"
    assert nw.practical_deadline == D("2027-10-29")
    assert be.deadline_non_working is None
    assert be.practical_deadline == D("2027-11-01")
    with pytest.raises(VereinbarungError, match="kein Bundesland"):
        status_on(rule, D("2027-06-01"), land="XX")


def test_chained_renewals_differ_from_multiples_after_29_february() -> None:
    # fristen.md § 2: compute each renewal from the end of the one before.
    rule = TermRule(effective=D("2024-02-29"), first_end=Period(years=1).end_of_term(D("2024-02-29")),
                    renewal=Period(years=1))  # fmt: skip
    ends = [span.end for span in itertools.islice(rule.terms(), 5)]
    assert ends == [
        D("2025-02-28"),
        D("2026-02-28"),
        D("2027-02-28"),
        D("2028-02-29"),
        D("2029-02-28"),
    ]


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"first_end": D("2022-12-31")}, "vor dem Inkrafttreten"),
        ({"notice": Period(months=6)}, "kein Laufzeitende"),
        ({"renewal": Period(years=1)}, "setzt ein Laufzeitende voraus"),
        ({"first_end": D("2024-12-31"), "renewal": Period(years=1), "renews_indefinitely": True},
         "nicht beides"),
    ],
)  # fmt: skip
def test_impossible_rules_are_refused(kwargs: dict[str, object], fragment: str) -> None:
    with pytest.raises(VereinbarungError, match=fragment):
        TermRule(effective=D("2023-01-01"), **kwargs)  # type: ignore[arg-type]


# -- properties ---------------------------------------------------------------------------

days = st.dates(min_value=dt.date(1999, 1, 1), max_value=dt.date(2060, 12, 31))


@given(term_rules())
def test_terms_are_chained_without_gap(rule: TermRule) -> None:
    spans = list(itertools.islice(rule.terms(), 6))
    for before, after in itertools.pairwise(spans):
        assert before.end is not None
        assert after.start == before.end + ONE_DAY
        if rule.renewal is not None:
            assert after.end == rule.renewal.end_of_term(after.start)


@settings(max_examples=300)
@given(term_rules(), days)
def test_notice_on_the_last_day_works_and_a_day_later_is_too_late(
    rule: TermRule, on: dt.date
) -> None:
    s = status_on(rule, on)
    if s.notice_deadline is None:
        return
    assert isinstance(rule.notice, Period)
    assert s.terminates_on is not None
    assert s.notice_deadline >= on
    assert rule.notice.end_after_event(s.notice_deadline) <= s.terminates_on
    on_time = status_on(rule, s.notice_deadline)
    assert on_time.terminates_on == s.terminates_on
    late = status_on(rule, s.notice_deadline + ONE_DAY)
    assert late.terminates_on is None or late.terminates_on > s.terminates_on


@settings(max_examples=300)
@given(term_rules(), days)
def test_terminates_on_is_the_earliest_reachable_notice_date(rule: TermRule, on: dt.date) -> None:
    s = status_on(rule, on)
    if s.notice_deadline is None or s.terminates_on is None or rule.notice is None:
        return
    for termination in rule.termination_dates(on):
        if termination >= s.terminates_on:
            break
        assert rule.notice.last_day_of_receipt(termination) < on
    assert s.terminates_on >= max(on, rule.earliest_end or on)
    assert s.terminates_on > rule.effective  # nothing ends before it begins (issue 24)
    if s.terminates_on in (rule.bound_until, rule.end_during_term):
        return  # the end of a fixed term, also off the calendar rule (§ 620 Abs. 1 BGB)
    if rule.notice_to is NoticeTo.YEAR_END:
        assert (s.terminates_on.month, s.terminates_on.day) == (12, 31)
    if rule.notice_to is NoticeTo.QUARTER_END:
        assert (s.terminates_on + ONE_DAY).month in (1, 4, 7, 10)
        assert (s.terminates_on + ONE_DAY).day == 1
    if rule.notice_to is NoticeTo.TERM_END:
        terminates_on = s.terminates_on
        ends = itertools.takewhile(lambda end: end is not None and end <= terminates_on,
                                   (span.end for span in rule.terms()))  # fmt: skip
        assert terminates_on in set(ends)


@given(term_rules(), days)
def test_current_term_contains_the_day(rule: TermRule, on: dt.date) -> None:
    s = status_on(rule, on)
    if s.status == "in_force":
        assert s.term.start <= on
        assert s.term.end is None or on <= s.term.end
    if s.status == "ended":
        assert rule.natural_end is not None
        assert on > rule.natural_end
        assert s.terminates_on is None
        assert s.notice_deadline is None
    if s.status == "not_in_force":
        assert on < rule.effective


@given(term_rules(), days)
def test_practical_deadline_is_a_working_day_not_after_the_deadline(
    rule: TermRule, on: dt.date
) -> None:
    s = status_on(rule, on)
    if s.notice_deadline is None:
        assert s.practical_deadline is None
        return
    assert s.practical_deadline is not None
    assert s.practical_deadline <= s.notice_deadline
    if s.practical_passed:  # the working day before has passed: only today is left as advice
        assert s.practical_deadline == on
        assert any("schon vorbei" in w for w in s.warnings())
    else:
        assert s.practical_deadline.weekday() < 5
    assert len(s.explanation()) >= 4


@given(term_rules(), days)
def test_chain_from_a_term_continues_the_same_chain(rule: TermRule, on: dt.date) -> None:
    term = rule.term_on(on)
    from_start = [s for s in itertools.islice(rule.terms(), 300) if s.index >= term.index]
    from_term = list(itertools.islice(rule.terms(term), len(from_start)))
    assert from_term == from_start[: len(from_term)]


# -- the renewal holding a day (TermRule.term_on), worked by hand ---------------------------------
# § 190 BGB: each renewal is computed from the end of the previous one and begins the next day;
# § 187 Abs. 2, § 188 Abs. 2 BGB: it ends on the day before the day with its start's number,
# § 188 Abs. 3 BGB: on the month's last day if that month has no such day.


def test_term_on_monthly_renewals_after_a_month_end() -> None:
    """31.01.2026, then »jeweils 1 Monat«: 01.02.–28.02.2026 (the day before 01.03.),
    01.03.–31.03.2026, …; the 14th renewal is 01.03.–31.03.2027."""
    rule = TermRule(effective=dt.date(2025, 2, 1), first_end=dt.date(2026, 1, 31),
                    renewal=Period(months=1))  # fmt: skip
    assert rule._renewal_on(dt.date(2027, 3, 15)) is not None  # computed, not walked
    term = rule.term_on(dt.date(2027, 3, 15))
    assert (term.start, term.end, term.index) == (dt.date(2027, 3, 1), dt.date(2027, 3, 31), 14)
    first = rule.term_on(dt.date(2026, 2, 28))
    assert (first.start, first.end, first.index) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28), 1)


def test_term_on_yearly_renewals_after_the_15th() -> None:
    """15.06.2024, then »jeweils 1 Jahr«: 16.06.2024–15.06.2025 (the day before 16.06.2025), …;
    on 01.01.2030 the 6th renewal runs, 16.06.2029–15.06.2030."""
    rule = TermRule(effective=dt.date(2022, 6, 16), first_end=dt.date(2024, 6, 15),
                    renewal=Period(years=1))  # fmt: skip
    assert rule._renewal_on(dt.date(2030, 1, 1)) is not None
    term = rule.term_on(dt.date(2030, 1, 1))
    assert (term.start, term.end, term.index) == (dt.date(2029, 6, 16), dt.date(2030, 6, 15), 6)
    on_last_day = rule.term_on(dt.date(2030, 6, 15))
    assert on_last_day.index == 6  # the last day still belongs to it
    assert rule.term_on(dt.date(2030, 6, 16)).start == dt.date(2030, 6, 16)


def test_term_on_after_29_january_is_walked() -> None:
    """29.01.2026, then »jeweils 1 Monat«: 30.01.–28.02.2026 (§ 188 Abs. 3: February has no
    30th), then 01.03.–31.03.2026 – not 30.01. + 2 Monate − 1 Tag = 29.03.2026 (§ 190 BGB)."""
    rule = TermRule(effective=dt.date(2025, 1, 30), first_end=dt.date(2026, 1, 29),
                    renewal=Period(months=1))  # fmt: skip
    assert rule._renewal_on(dt.date(2026, 3, 15)) is None  # drifts at February: walked
    february = rule.term_on(dt.date(2026, 2, 10))
    assert (february.start, february.end) == (dt.date(2026, 1, 30), dt.date(2026, 2, 28))
    march = rule.term_on(dt.date(2026, 3, 15))
    assert (march.start, march.end, march.index) == (dt.date(2026, 3, 1), dt.date(2026, 3, 31), 2)


def test_a_missed_month_end_jumps_to_the_first_reachable_one() -> None:
    """Sechs Monate zum Monatsende, Zugang am 15.07.2026, worked by hand (§§ 187 Abs. 1, 188
    Abs. 2 und 3 BGB): 31.07.2026 would need receipt by 31.01.2026 – missed. The period started
    by receipt on 15.07.2026 ends on 15.01.2027, so no month end before 31.01.2027 is reachable;
    31.01.2027 is, with receipt by 31.07.2026 (31.07.2026 + 6 Monate = 31.01.2027; 01.08.2026
    + 6 Monate = 01.02.2027 is too late)."""
    rule = TermRule(
        effective=D("2020-01-01"), notice=Period(months=6), notice_to=NoticeTo.MONTH_END
    )
    s = status_on(rule, D("2026-07-15"))
    assert s.missed == (D("2026-07-31"), D("2026-01-31"))
    assert (s.terminates_on, s.notice_deadline) == (D("2027-01-31"), D("2026-07-31"))


def test_the_renewal_on_a_day_after_an_end_on_the_28th_is_walked() -> None:
    # ends 28.01.2026, 1 Monat each: 29.01.–28.02.2026 (§ 188 Abs. 3 BGB: February has no
    # 29th in 2026), then 01.03.–31.03.2026 (§ 190 BGB) – not 01.03.–28.03. as "the 28th of
    # every month" would give; TermRule._renewal_on leaves such chains to the walk
    rule = TermRule(effective=dt.date(2025, 1, 1), first_end=dt.date(2026, 1, 28),
                    renewal=Period(months=1))  # fmt: skip
    assert rule.term_on(dt.date(2026, 3, 15)).end == dt.date(2026, 3, 31)
    assert rule.term_on(dt.date(2026, 2, 10)).end == dt.date(2026, 2, 28)


def test_no_renewal_begins_in_the_year_9000() -> None:
    # the chain ends with the term that ends in 8999 (law.termination.LAST_YEAR); a day in
    # 9000 belongs to that last term, also where the renewal is found without the walk
    rule = TermRule(effective=dt.date(2020, 1, 1), first_end=dt.date(2020, 12, 31),
                    renewal=Period(years=1))  # fmt: skip
    last = rule.term_on(dt.date(9000, 6, 1))
    assert (last.start, last.end) == (dt.date(8999, 1, 1), dt.date(8999, 12, 31))


def test_a_renewal_of_months_and_weeks_is_walked() -> None:
    # ends 31.01.2026, renewed by »1 Monat und 1 Woche«: 01.02.2026 + 1 Monat ends 28.02.,
    # + 1 Woche 07.03.2026 (§§ 188 Abs. 2, 3, 190 BGB); then 08.03. + 1 Monat = 07.04., + 1 Woche
    # = 14.04.2026 – no regular chain of whole months
    rule = TermRule(effective=dt.date(2025, 1, 1), first_end=dt.date(2026, 1, 31),
                    renewal=Period(months=1, weeks=1))  # fmt: skip
    assert rule.term_on(dt.date(2026, 3, 20)) == Span(dt.date(2026, 3, 8), dt.date(2026, 4, 14), 2)
