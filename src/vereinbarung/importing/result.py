"""The result of an import: the agreement file's data, the validated agreement, what to review.

:class:`ImportResult` is what :func:`vereinbarung.importing.importer.import_agreement` returns
and what :mod:`vereinbarung.importing.output` writes: the data of the agreement file, every
value's source (:class:`~vereinbarung.importing.words.Provenance`), the review items (the
import is complete only without them: exit code 0, else 3) and the notes; as JSON for other
programs with :meth:`ImportResult.to_json`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from vereinbarung.importing.costs import CostReading
from vereinbarung.importing.term import TermReading
from vereinbarung.importing.words import Problem, Provenance
from vereinbarung.model.agreement import Agreement

__all__ = ["ImportResult", "plain"]


@dataclass(frozen=True)
class ImportResult:
    """An imported agreement: the file's data, the validated agreement and what to review.

    ``data`` is the agreement file as plain data (dates as :class:`datetime.date`); ``review``
    lists what a person must check (the import is incomplete if there is any), ``notes`` what
    was not found but is optional. ``costs`` carries the recognised cost key, ``form`` the form
    requirements, ``term`` the term clause as read.
    """

    source: str
    data: dict[str, Any]
    agreement: Agreement
    provenance: tuple[Provenance, ...]
    review: tuple[Problem, ...]
    notes: tuple[Problem, ...]
    term: TermReading
    costs: CostReading | None
    form: dict[str, str] = field(default_factory=dict)
    placeholder_effective: bool = False

    @property
    def complete(self) -> bool:
        """Whether nothing needs review (exit code 0, else 3)."""
        return not self.review

    def provenance_of(self, *path: str | int) -> Provenance | None:
        """The provenance of the value at *path*, if recorded."""
        return next((p for p in self.provenance if p.path == path), None)

    def to_json(self) -> dict[str, Any]:
        """The result as data: agreement, provenance, review items, notes, cost key, form."""
        return {
            "source": self.source,
            "complete": self.complete,
            "agreement": plain(self.data),
            "review": [_problem_json(p) for p in self.review],
            "notes": [_problem_json(p) for p in self.notes],
            "provenance": [p.to_json() for p in self.provenance],
            "placeholder_effective": self.placeholder_effective,
            "cost_key": _cost_json(self.costs),
            "form": dict(self.form),
        }


def plain(value: Any) -> Any:
    """*value* with dates as ISO text, tuples as lists (JSON-ready)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "field": problem.field,
        "message": problem.message,
        "source": problem.sentence.to_json() if problem.sentence else None,
    }


def _cost_json(costs: CostReading | None) -> dict[str, Any] | None:
    if costs is None:
        return None
    return {
        "key": costs.key,
        "details": plain(costs.details),
        "sources": [s.to_json() for s in costs.sources],
    }
