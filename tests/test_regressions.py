"""Regression cases reported against other contract tools, with our answer and its derivation.

Each case is taken from a public issue tracker where a tool computed it wrongly; the expected
dates follow §§ 187, 188, 190 BGB and are also checked against the naive reference.
"""

from __future__ import annotations

import datetime as dt

from vereinbarung import Period, TermRule
from vereinbarung.law.terms import status_on

from . import reference
from .test_reference import as_reference

D = dt.date.fromisoformat


def test_glpi_23084_notice_counts_from_the_renewed_end() -> None:
    # github.com/glpi-project/glpi/issues/23084: end 28.08.2025, tacit renewal 12 months,
    # notice 2 months, asked 11.02.2026. GLPI showed 28.06.2025 (from the first end).
    rule = TermRule(
        effective=D("2024-08-29"), first_end=D("2025-08-28"), renewal=Period(months=12),
        notice=Period(months=2),
    )  # fmt: skip
    s = status_on(rule, D("2026-02-11"))
    assert (s.term.start, s.current_term_end) == (D("2025-08-29"), D("2026-08-28"))
    assert (s.terminates_on, s.notice_deadline) == (D("2026-08-28"), D("2026-06-28"))
    assert s.practical_deadline == D("2026-06-26")  # 28.06.2026 is a Sunday
    lines = s.explanation()
    assert "1. Verlängerung (laufend): Beginn 29.08.2025 + 12 Monate → Ende 28.08.2026" in " ".join(
        lines
    )
    assert any(
        "Zugang spätestens 28.06.2026: 28.06.2026 + 2 Monate = 28.08.2026 ≤ 28.08.2026; "
        "29.06.2026 + 2 Monate = 29.08.2026 > 28.08.2026" in line
        for line in lines
    )
    assert reference.reference_status(as_reference(rule), D("2026-02-11")) == (
        "in_force", D("2026-08-28"), D("2026-06-28"),
    )  # fmt: skip


def test_glpi_15893_three_years_then_yearly_with_three_months() -> None:
    # github.com/glpi-project/glpi/issues/15893: start 01.08.2020, 36 months, renewed by 12
    # months, notice 3 months to the end of each contract year. GLPI showed 01.08.2026 as the
    # end; the first term ends 31.07.2023 (§ 188 Abs. 2 BGB: the day before 01.08.2023).
    rule = TermRule(
        effective=D("2020-08-01"), first_end=Period(months=36).end_of_term(D("2020-08-01")),
        renewal=Period(months=12), notice=Period(months=3), duration=Period(months=36),
    )  # fmt: skip
    assert rule.first_end == D("2023-07-31")
    s = status_on(rule, D("2023-10-31"))
    assert s.current_term_end == D("2024-07-31")
    # 30.04.2024 + 3 Monate = 30.07.2024 ≤ 31.07.; 01.05. + 3 Monate = 01.08. (no 31.04. exists)
    assert (s.terminates_on, s.notice_deadline) == (D("2024-07-31"), D("2024-04-30"))


def test_glpi_17725_renewal_is_not_a_second_initial_period() -> None:
    # github.com/glpi-project/glpi/pull/17725: 60 months, renewal 12 months was computed as
    # 2 × 60 months. The chain: 01.01.2019–31.12.2023, then 01.01.2024–31.12.2024.
    rule = TermRule(
        effective=D("2019-01-01"), first_end=Period(months=60).end_of_term(D("2019-01-01")),
        renewal=Period(months=12), notice=Period(months=3),
    )  # fmt: skip
    s = status_on(rule, D("2024-03-01"))
    assert (s.term.start, s.current_term_end) == (D("2024-01-01"), D("2024-12-31"))
    assert (s.terminates_on, s.notice_deadline) == (D("2024-12-31"), D("2024-09-30"))
