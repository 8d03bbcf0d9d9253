"""The budget on the date arithmetic of one request (issue 20: anonymous work is bounded).

A renewal of one day from the year 1 chains 740,000 terms; under :func:`vereinbarung.date_budget`
the computation ends with a German :class:`vereinbarung.BudgetExceeded` after the budget's steps,
within a fraction of a second, and real agreements stay far inside it with the same answer.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import vereinbarung
from vereinbarung.law.budget import REQUEST_STEPS, current_budget, spend
from vereinbarung.law.notice import WorkdayPeriod
from vereinbarung.law.termination import NoticeDays, NoticeTo, calendar_notice_dates

EXAMPLES = Path(__file__).parent.parent / "examples"
ON = dt.date(2026, 12, 7)
PARTIES = [
    {"name": name, "representative": {"name": "–", "title": "–"}} for name in ("Stadt A", "Stadt B")
]
#: The issue's clause: a renewal of one day from the year 1 (the terms are chained, § 190 BGB).
ONE_DAY_FROM_YEAR_1: dict[str, Any] = {
    "effective": "0001-01-01",
    "duration": "1 Tag",
    "renewal": "1 Tag",
    "notice": "1 Tag",
    "notice_to": "term_end",
}


def agreement(term: dict[str, Any]) -> vereinbarung.Agreement:
    data = {"title": "T", "parties": PARTIES, "on_party_notice": "ends_for_all", "term": term}
    return vereinbarung.agreement_from_data(data, source="anfrage.json")


def state_and_derivation(a: vereinbarung.Agreement) -> tuple[Any, list[str]]:
    state = vereinbarung.state_on(a, ON)
    return state, list(state.derivation)


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"notice_to": "month_end"},
        {"notice_to": ["31.07."]},
        {"notice": "366 Arbeitstage"},
        {"duration": "1 Woche", "renewal": "1 Woche"},
    ],
    ids=["term_end", "month_end", "fixed_days", "workdays", "weeks"],
)
def test_a_chain_from_the_year_1_ends_in_a_german_error_within_a_second(
    changes: dict[str, Any],
) -> None:
    a = agreement({**ONE_DAY_FROM_YEAR_1, **changes})
    state_and_derivation(agreement({**ONE_DAY_FROM_YEAR_1, "effective": "2025-01-01"}))  # imports
    started = time.perf_counter()
    with pytest.raises(vereinbarung.BudgetExceeded) as raised, vereinbarung.date_budget():
        state_and_derivation(a)
    assert time.perf_counter() - started < 1.0
    assert isinstance(raised.value, vereinbarung.VereinbarungError)
    assert raised.value.message.startswith("Die Berechnung ist zu aufwendig")
    assert "30.000 Rechenschritte" in raised.value.message


def test_the_examples_are_far_inside_the_budget_and_unchanged() -> None:
    for file in sorted(EXAMPLES.glob("*.yaml")):
        a = vereinbarung.load_agreement(file)
        free = state_and_derivation(a)
        with vereinbarung.date_budget() as budget:
            bounded = state_and_derivation(a)
        assert bounded == free, file.name
        assert budget.limit - budget.left < REQUEST_STEPS // 10, file.name


def test_a_weekly_renewal_from_1950_fits() -> None:
    a = agreement({**ONE_DAY_FROM_YEAR_1, "effective": "1950-01-01", "duration": "1 Woche",
                   "renewal": "1 Woche"})  # fmt: skip
    free = state_and_derivation(a)
    with vereinbarung.date_budget() as budget:
        assert state_and_derivation(agreement_copy(a)) == free
    assert 4_000 < budget.limit - budget.left < 10_000  # the chain of about 4,000 weeks, twice


def agreement_copy(a: vereinbarung.Agreement) -> vereinbarung.Agreement:
    """The same agreement without the chain remembered on its rule (walked anew)."""
    return vereinbarung.Agreement.model_validate(a.model_dump())


def test_a_spent_budget_keeps_refusing() -> None:
    with vereinbarung.date_budget(5) as budget:
        spend(5)
        for _ in range(3):
            with pytest.raises(vereinbarung.BudgetExceeded):
                spend()
        assert budget.left < 0
    assert current_budget() is None


def test_without_a_budget_nothing_is_counted() -> None:
    assert current_budget() is None
    spend(10**12)
    days = list(calendar_notice_dates(NoticeTo.MONTH_END, dt.date(2026, 1, 1), dt.date(2027, 1, 1)))
    assert len(days) == 12


def test_calendar_notice_dates_and_working_days_spend_steps() -> None:
    with vereinbarung.date_budget() as budget:
        list(calendar_notice_dates(NoticeTo.MONTH_END, dt.date(2026, 1, 1), dt.date(2027, 1, 1)))
    assert budget.limit - budget.left == 13  # twelve month ends and the one that stops
    with vereinbarung.date_budget() as budget:
        days = NoticeDays.parse(["31.03.", "30.09."])
        list(calendar_notice_dates(days, dt.date(2026, 1, 1), dt.date(2027, 1, 1)))
    assert budget.limit - budget.left == 4  # two years of two days each
    with vereinbarung.date_budget() as budget:
        WorkdayPeriod(10).last_day_of_receipt(dt.date(2026, 12, 31))
    assert budget.limit - budget.left == 10
    with pytest.raises(vereinbarung.BudgetExceeded), vereinbarung.date_budget(1_000):
        list(calendar_notice_dates(NoticeTo.MONTH_END, dt.date(1, 1, 1), None))


def test_each_thread_has_its_own_budget() -> None:
    seen: list[object] = []
    with vereinbarung.date_budget(1):
        thread = threading.Thread(target=lambda: seen.append(current_budget()))
        thread.start()
        thread.join()
        spend(1)
    assert seen == [None]
