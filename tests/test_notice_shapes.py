"""The notice clauses of issue 11: half-years, fixed days, Arbeitstage/Werktage, "bis zum 30.06.".

Worked examples with their source, the file syntax and its German errors. The properties
against the naive reference are in ``test_reference.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from pydantic import ValidationError

from vereinbarung import NoticeTo, Period, TermRule, VereinbarungError
from vereinbarung.exports.calendar import calendar_entries
from vereinbarung.files.io import load_agreement
from vereinbarung.law.notice import NoticeBy, WorkdayPeriod, parse_notice_period
from vereinbarung.law.termination import NoticeDays, parse_day_of_year
from vereinbarung.law.terms import status_on
from vereinbarung.model.clause_wording import term_paragraphs
from vereinbarung.model.clauses import Term

D = dt.date.fromisoformat

HALF_YEAR = TermRule(  # "mit einer Frist von drei Monaten zum Ende eines Kalenderhalbjahres"
    effective=D("2024-01-01"), notice=Period(months=3), notice_to=NoticeTo.HALF_YEAR_END
)
SCHOOL_YEAR = TermRule(  # "sechs Monate zum Ende des Schuljahres (31.07.)"
    effective=D("2024-08-01"), notice=Period(months=6), notice_to=NoticeDays(((7, 31),))
)
BUDGET_HALVES = TermRule(  # "drei Monate zum 31.03. oder 30.09. eines jeden Jahres"
    effective=D("2024-01-01"), notice=Period(months=3), notice_to=NoticeDays(((9, 30), (3, 31)))
)
WORKDAYS = TermRule(  # "zehn Arbeitstage zum Monatsende" (NW)
    effective=D("2024-01-01"), notice=WorkdayPeriod(10), notice_to=NoticeTo.MONTH_END
)
WERKTAGE = TermRule(  # "zwölf Werktage zum Quartalsende" (NW)
    effective=D("2024-01-01"), notice=WorkdayPeriod(12, saturdays=True),
    notice_to=NoticeTo.QUARTER_END,
)  # fmt: skip
BY_JUNE = TermRule(  # "Die Kündigung muss bis zum 30.06. eines Jahres zum Jahresende zugehen"
    effective=D("2023-01-01"), first_end=D("2025-12-31"), renewal=Period(years=1),
    notice=NoticeBy(6, 30), notice_to=NoticeTo.YEAR_END,
)  # fmt: skip

EXAMPLES = [
    # rule, asked on, Kündigungstermin, last day of receipt, source
    (
        HALF_YEAR,
        "2026-03-31",
        "2026-06-30",
        "2026-03-31",
        "31.03.2026 + 3 Monate = 30.06.2026 (§§ 187 Abs. 1, 188 Abs. 2 BGB)",
    ),
    (
        HALF_YEAR,
        "2026-04-01",
        "2026-12-31",
        "2026-09-30",
        "one day late: the next half-year end 31.12.; 30.09. + 3 Monate = 30.12. ≤ 31.12.",
    ),
    (HALF_YEAR, "2026-10-01", "2027-06-30", "2027-03-31", "31.12. missed on 30.09."),
    (
        SCHOOL_YEAR,
        "2026-01-31",
        "2026-07-31",
        "2026-01-31",
        "31.01. + 6 Monate = 31.07. (§ 188 Abs. 2 BGB), school year ends 31.07.",
    ),
    (SCHOOL_YEAR, "2026-02-01", "2027-07-31", "2027-01-31", "a day late: next school year"),
    (
        BUDGET_HALVES,
        "2026-01-02",
        "2026-09-30",
        "2026-06-30",
        "31.03.2026 needed receipt by 31.12.2025 (§ 188 Abs. 3 BGB)",
    ),
    (BUDGET_HALVES, "2026-07-01", "2027-03-31", "2026-12-31", "30.09. missed on 30.06."),
    (
        WORKDAYS,
        "2026-12-16",
        "2026-12-31",
        "2026-12-16",
        "17.–31.12.: 21.–24., 28.–31.12. and 17., 18.12. are ten Arbeitstage; 25./26.12. holidays",
    ),
    (
        WORKDAYS,
        "2026-12-17",
        "2027-01-31",
        "2027-01-17",
        "Arbeitstage 18.–29.01.2027 are ten: receipt on Sunday 17.01. suffices, Monday 18.01. not",
    ),
    (
        WERKTAGE,
        "2026-03-14",
        "2026-03-31",
        "2026-03-17",
        "12 Werktage before 31.03.2026 (Tue): 18.–21., 23.–28., 30., 31.03.",
    ),
    (
        WERKTAGE,
        "2026-03-18",
        "2026-06-30",
        "2026-06-16",
        "17.–20., 22.–27., 29., 30.06. are twelve Werktage (Mo–Sa, no holiday in NW)",
    ),
    (BY_JUNE, "2025-06-30", "2025-12-31", "2025-06-30", "the day named by the clause"),
    (BY_JUNE, "2025-07-01", "2026-12-31", "2026-06-30", "a day late: the next year end"),
]


@pytest.mark.parametrize(("rule", "on", "termination", "deadline", "source"), EXAMPLES)
def test_worked_examples(
    rule: TermRule, on: str, termination: str, deadline: str, source: str
) -> None:
    s = status_on(rule, D(on))
    assert (s.terminates_on, s.notice_deadline) == (D(termination), D(deadline)), source


def test_werktage_count_saturday_but_not_a_holiday_of_the_land() -> None:
    # Fronleichnam 04.06.2026 is a holiday in NW, not in Niedersachsen
    assert WorkdayPeriod(3, land="NW").end_after_event(D("2026-06-02")) == D("2026-06-08")
    assert WorkdayPeriod(3, land="NI").end_after_event(D("2026-06-02")) == D("2026-06-05")
    assert WorkdayPeriod(3, saturdays=True, land="NW").end_after_event(D("2026-06-02")) == D(
        "2026-06-06"
    )


def test_workday_explanation_names_both_days_and_the_land() -> None:
    line = WorkdayPeriod(10, land="BY").explain_last_day_of_receipt(D("2026-12-31"))
    assert line.startswith("Zugang spätestens 16.12.2026: 16.12.2026 + 10 Arbeitstage = 31.12.2026")
    assert "17.12.2026 + 10 Arbeitstage = 04.01.2027 > 31.12.2026" in line
    assert "BY" in line
    assert "§§ 187 Abs. 1, 188 Abs. 1 BGB" in line


def test_notice_by_takes_the_last_such_day_on_or_before_the_termination() -> None:
    by = NoticeBy(9, 30)
    assert by.last_day_of_receipt(D("2026-09-30")) == D("2026-09-30")
    assert by.last_day_of_receipt(D("2026-09-29")) == D("2025-09-30")
    assert by.last_day_of_receipt(D("2027-03-31")) == D("2026-09-30")
    assert "der letzte 30.09. bis zum Kündigungstermin 31.03.2027 ist der 30.09.2026" in (
        by.explain_last_day_of_receipt(D("2027-03-31"))
    )


def test_half_year_ends_are_june_and_december() -> None:
    dates = HALF_YEAR.termination_dates(D("2026-01-01"))
    assert [next(dates) for _ in range(3)] == [D("2026-06-30"), D("2026-12-31"), D("2027-06-30")]


def test_fixed_days_never_before_a_natural_end() -> None:
    rule = TermRule(
        effective=D("2024-01-01"), first_end=D("2026-07-31"), notice=Period(months=1),
        notice_to=NoticeDays(((7, 31),)),
    )  # fmt: skip
    # the fixed term binds: no Kündigungstermin before its end, and at its end it ends anyway
    assert list(rule.termination_dates(D("2024-01-01"))) == []
    during = replace(rule, notice_during_term=True)  # »kann auch vor Ablauf … gekündigt werden«
    assert list(during.termination_dates(D("2024-01-01"))) == [D("2024-07-31"), D("2025-07-31")]


# -- file syntax -------------------------------------------------------------------------------


def test_file_syntax_reads_and_writes_back() -> None:
    raw = {
        "effective": "2024-01-01", "ends": "2025-12-31", "renewal": "1 Jahr",
        "notice_by": "30.6.", "notice_to": "year_end",
    }  # fmt: skip
    term = Term.model_validate(raw)
    assert term.notice == NoticeBy(6, 30)
    assert term.notice_by == NoticeBy(6, 30)
    dumped = term.model_dump(mode="json", exclude_none=True)
    assert dumped["notice_by"] == "30.06."
    assert "notice" not in dumped
    assert Term.model_validate(dumped) == term
    term = Term.model_validate(
        {"effective": "2024-01-01", "notice": "zehn Arbeitstage", "notice_to": ["30.9.", "31.03."]}
    )
    assert term.notice == WorkdayPeriod(10)
    assert term.model_dump(mode="json")["notice_to"] == ["31.03.", "30.09."]
    assert term.model_dump(mode="json")["notice"] == "10 Arbeitstage"
    one = Term.model_validate(
        {"effective": "2024-01-01", "notice": "3 Monate", "notice_to": "31.07."}
    )
    assert one.model_dump(mode="json")["notice_to"] == "31.07."
    assert one.notice_to.label == "zum 31. Juli eines jeden Jahres"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"notice_to": "29.02."}, "den 29.02. gibt es nur in Schaltjahren"),
        ({"notice_to": "31.06."}, "»31.06.«: diesen Tag gibt es nicht"),
        ({"notice_to": "jahresende"}, "»jahresende« ist kein Kündigungstermin"),
        ({"notice_to": []}, "mindestens ein Kündigungstermin"),
        ({"notice_by": "30.06.", "notice": "3 Monate"}, "nicht beides"),
        ({"notice_by": "30.6.2026"}, "kein Tag im Jahr"),
        ({"notice": "0 Arbeitstage"}, "0 Arbeitstage"),
        ({"notice": "viele Werktage"}, "»viele« ist keine Zahl"),
    ],
)
def test_bad_clauses_give_german_errors(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Term.model_validate({"effective": "2024-01-01", "ends": "2025-12-31", **fields})


def test_the_land_of_the_agreement_counts_the_working_days() -> None:
    term = Term.model_validate(
        {"effective": "2024-01-01", "notice": "3 Arbeitstage", "notice_to": "month_end"}
    )
    bavarian = term.in_land("BY")
    assert isinstance(bavarian.rule.notice, WorkdayPeriod)
    assert bavarian.rule.notice.land == "BY"
    assert term.rule.notice == WorkdayPeriod(3, land="NW")


def test_parse_helpers() -> None:
    assert parse_notice_period("von 12 Werktagen") == WorkdayPeriod(12, saturdays=True)
    assert parse_notice_period("ein Arbeitstag") == WorkdayPeriod(1)
    assert parse_notice_period("6 Monate") == Period(months=6)
    assert parse_day_of_year("1.10") == (10, 1)
    with pytest.raises(VereinbarungError):
        parse_day_of_year(31)


# -- wording ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "sentence"),
    [
        ({"notice": "3 Monate", "notice_to": "half_year_end"},
         "mit einer Frist von drei Monaten zum Ende eines Kalenderhalbjahres gekündigt werden."),
        ({"notice": "10 Arbeitstage", "notice_to": "31.07."},
         "mit einer Frist von zehn Arbeitstagen zum 31. Juli eines jeden Jahres gekündigt"),
        ({"notice": "12 Werktage", "notice_to": ["31.03.", "30.09."]},
         "zwölf Werktagen zum 31. März oder zum 30. September eines jeden Jahres gekündigt"),
        ({"ends": "2025-12-31", "renewal": "1 Jahr", "notice_by": "30.06.", "notice_to": "year_end"},
         "wenn sie nicht zum Ende eines Kalenderjahres gekündigt wird. Die Kündigung muss bis zum "
         "30. Juni des Jahres zugehen, zu dessen Ende gekündigt wird."),
        ({"notice_by": "30.09.", "notice_to": "31.03."},
         "zum 31. März eines jeden Jahres gekündigt werden. Die Kündigung muss bis zum "
         "30. September zugehen, der dem Kündigungstermin vorausgeht oder auf ihn fällt."),
    ],
)  # fmt: skip
def test_the_clause_is_worded_in_german(fields: dict[str, object], sentence: str) -> None:
    paragraphs = term_paragraphs(Term.model_validate({"effective": "2024-01-01", **fields}))
    assert sentence in paragraphs[-1]


# -- the example with every new shape: calendar -------------------------------------------------

EXAMPLE = Path(__file__).parent.parent / "examples" / "schulsozialarbeit-schuljahr.yaml"


def test_calendar_carries_the_new_shapes_of_the_example() -> None:
    agreement = load_agreement(EXAMPLE)

    def deadlines(on: str) -> list[tuple[dt.date, str, str]]:
        entries = calendar_entries(agreement, D(on), years=2)
        return [
            (e.day, e.title.rsplit("zum ", 1)[1].rstrip(")"), e.description)
            for e in entries
            if e.title.startswith("Kündigungsfrist")
        ]

    # before the amendment is concluded: "bis zum 31.01." for 31.07.2027, the end of the first
    # term of two school years, which binds (§ 620 Abs. 1 BGB; 31.07.2026 lies inside it)
    first = deadlines("2026-01-10")[0]
    assert first[:2] == (D("2027-01-31"), "31.07.2027")
    assert "bis zum 31.01. eines Jahres zugehen" in first[2]
    # concluded 15.05.2026, from 01.08.2026 ten Arbeitstage to every half-year end; the first
    # term still binds to 31.07.2027, its end is the first Kündigungstermin (counted by hand:
    # 19.–23. and 26.–30.07.2027; 31.07. is a Saturday), then 31.12.2027 (20.–31.12.2027
    # without the weekend and 25./26.12.); 30.06.2028 needs receipt by 18.06.2028, after the
    # horizon. 31.12.2026 and 30.06.2027 lie inside the first term (issue 24).
    later = deadlines("2026-06-01")
    assert [entry[:2] for entry in later] == [
        (D("2027-07-18"), "31.07.2027"),
        (D("2027-12-19"), "31.12.2027"),
    ]
    assert "+ 10 Arbeitstage = 30.07.2027" in later[0][2]
    assert "Es entscheidet der Tag des Zugangs" in later[0][2]
