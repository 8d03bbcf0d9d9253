"""A budget on the date arithmetic of one request: how many terms and notice dates it may walk.

A term clause can ask for an unbounded amount of work: a renewal of "1 Tag" from the year 1
chains 740,000 terms up to today (§ 190 BGB: every renewal is computed from the end of the
previous one, so the chain is walked, never jumped), and the notice dates of such a chain are
examined one by one. That is correct, but an adapter open to anyone (the Fristenrechner, ``POST
/api/deadlines``) must not let one request of 300 bytes cost seconds of CPU (BSI IT-Grundschutz
APP.3.1.A7, protection against resource exhaustion).

The adapter sets a budget for the request with :func:`date_budget`; the loops of the law layer
spend one step per term, notice date or counted day they examine
(:meth:`~vereinbarung.law.rule.TermRule.terms`,
:func:`~vereinbarung.law.termination.calendar_notice_dates`, the working-day counts of
:mod:`vereinbarung.law.notice`), and :class:`BudgetExceeded` (a
:class:`~vereinbarung.errors.VereinbarungError` with a German message) ends the computation when
the budget is spent. Once spent, every further step raises again, so code that catches the error
and goes on cannot run on. Without a budget (the command line: a local user's own machine)
nothing is counted.

The budget lives in a :class:`contextvars.ContextVar`: each thread of the web server (and each
asyncio task) has its own, nothing is shared between requests.

>>> with date_budget(3) as budget:
...     spend(2)
...     budget.left
1
>>> with date_budget(3):
...     spend(4)
Traceback (most recent call last):
...
vereinbarung.law.budget.BudgetExceeded: Die Berechnung ist zu aufwendig: sie bräuchte mehr als 3 Rechenschritte (Laufzeiten und Kündigungstermine), erlaubt sind je Anfrage 3. Bitte Inkrafttreten, Laufzeit und Verlängerung prüfen (z. B. eine Verlängerung um wenige Tage über Jahrhunderte).
>>> spend(10**9)  # no budget set: nothing is counted
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from vereinbarung.errors import VereinbarungError

__all__ = ["REQUEST_STEPS", "Budget", "BudgetExceeded", "current_budget", "date_budget", "spend"]

#: Steps one request may spend: about 0.1 s of CPU (``benchmarks/bench_anonymous.py``). A term
#: is walked once for the state and once for its derivation, so this is a chain of about 15,000
#: terms: a weekly renewal from the year 1740, a daily one from 1985. A real agreement needs a
#: fraction: a weekly renewal from 1950 about 8,000 steps, a yearly one a few dozen.
REQUEST_STEPS = 30_000


def _format_count(count: int) -> str:
    return f"{count:,}".replace(",", ".")


class BudgetExceeded(VereinbarungError):
    """The date arithmetic of one request needs more steps than its budget allows."""

    def __init__(self, limit: int) -> None:
        steps = _format_count(limit)
        super().__init__(
            f"Die Berechnung ist zu aufwendig: sie bräuchte mehr als {steps} Rechenschritte "
            f"(Laufzeiten und Kündigungstermine), erlaubt sind je Anfrage {steps}. Bitte "
            "Inkrafttreten, Laufzeit und Verlängerung prüfen (z. B. eine Verlängerung um wenige "
            "Tage über Jahrhunderte)."
        )
        self.limit = limit


class Budget:
    """Steps left of a budget of ``limit`` steps."""

    __slots__ = ("left", "limit")

    def __init__(self, limit: int) -> None:
        if limit < 0:
            raise ValueError("limit must not be negative")
        self.limit = limit
        self.left = limit

    def spend(self, steps: int = 1) -> None:
        """Take *steps* from the budget; :class:`BudgetExceeded` once it is spent."""
        self.left -= steps
        if self.left < 0:
            raise BudgetExceeded(self.limit)


_CURRENT: ContextVar[Budget | None] = ContextVar("vereinbarung_date_budget", default=None)


def current_budget() -> Budget | None:
    """The budget of the running request (None: no budget, nothing is counted)."""
    return _CURRENT.get()


def spend(steps: int = 1) -> None:
    """Take *steps* from the current budget, if there is one."""
    budget = _CURRENT.get()
    if budget is not None:
        budget.spend(steps)


@contextmanager
def date_budget(limit: int = REQUEST_STEPS) -> Iterator[Budget]:
    """Bound the date arithmetic inside the ``with`` block to *limit* steps.

    Raises :class:`BudgetExceeded` (German message) from the step that exceeds it. Nested
    budgets do not add up: the innermost applies.
    """
    budget = Budget(limit)
    token = _CURRENT.set(budget)
    try:
        yield budget
    finally:
        _CURRENT.reset(token)
