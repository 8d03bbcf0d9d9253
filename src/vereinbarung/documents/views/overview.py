"""The view of the Fristenübersicht: one row per agreement file of a folder, most urgent first.

Paths are shown relative to the folder asked for (never the absolute path of the machine).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from vereinbarung.documents.views.common import GENERATOR
from vereinbarung.exports.reports import DeadlineRow


@dataclass(frozen=True, slots=True)
class OverviewRow:
    """One agreement of the deadline overview."""

    file: str
    title: str
    status: str
    notice_deadline: dt.date | None
    practical_deadline: dt.date | None
    days_left: int | None
    terminates_on: dt.date | None
    current_term_end: dt.date | None
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OverviewError:
    """A file of the folder that could not be read, with its German error."""

    file: str
    message: str


@dataclass(frozen=True, slots=True)
class OverviewContext:
    """Everything a template sees for a folder: the deadline overview (top-level variables)."""

    on: dt.date
    folder: str
    rows: tuple[OverviewRow, ...]
    errors: tuple[OverviewError, ...]
    count: int
    generator: str
    warnings: tuple[str, ...]


def overview_context(rows: Sequence[DeadlineRow], *, on: dt.date, folder: str) -> OverviewContext:
    """The context of the deadline overview: *rows* as :func:`reports.deadline_rows` sorts them."""
    views = []
    errors = []
    for row in rows:
        if row.state is None or row.title is None:
            errors.append(OverviewError(file=row.file, message=row.error or "unlesbar"))
            continue
        s = row.state
        views.append(
            OverviewRow(
                file=row.file,
                title=row.title,
                status=s.status_label,
                notice_deadline=s.notice_deadline,
                practical_deadline=s.practical_deadline,
                days_left=s.days_left,
                terminates_on=s.terminates_on,
                current_term_end=s.current_term_end,
                warnings=s.warnings,
            )
        )
    warnings = tuple(f"nicht ausgewertet: {e.message}" for e in errors)
    return OverviewContext(
        on=on,
        folder=folder,
        rows=tuple(views),
        errors=tuple(errors),
        count=len(views) + len(errors),
        generator=GENERATOR,
        warnings=warnings,
    )
