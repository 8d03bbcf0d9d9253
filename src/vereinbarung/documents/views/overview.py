"""The view of the Fristenübersicht: one row per agreement file of a folder, most urgent first.

Paths are shown relative to the folder asked for (never the absolute path of the machine).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

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


def shown_path(path: str | Path, base: Path | None = None) -> str:
    """*path* as the overview shows it: relative to *base* (the folder asked for) or to the
    working folder where it lies inside, else the last two parts; never a machine's absolute
    path.

    >>> shown_path("/srv/akten/vereinbarungen/bauhof.yaml", Path("/srv/akten/vereinbarungen"))
    'bauhof.yaml'
    >>> shown_path("/srv/akten/vereinbarungen/bauhof.yaml", Path("/elsewhere"))
    'vereinbarungen/bauhof.yaml'
    """
    file = Path(path)
    if not file.is_absolute():
        return file.as_posix()
    for root in (base, Path.cwd()):
        if root is not None and file.is_relative_to(root.absolute()) and file != root.absolute():
            return file.relative_to(root.absolute()).as_posix()
    return Path(*file.parts[-2:]).as_posix()


def overview_context(
    rows: Sequence[DeadlineRow], *, on: dt.date, folder: str, base: Path | None = None
) -> OverviewContext:
    """The context of the deadline overview: *rows* as :func:`reports.deadline_rows` sorts them.

    File names are shown relative to *base* (the folder asked for), see :func:`shown_path`.
    """
    views = []
    errors = []
    for row in rows:
        if row.state is None or row.title is None:
            shown = shown_path(row.file, base)
            message = (row.error or "unlesbar").replace(row.file, shown)
            errors.append(OverviewError(file=shown, message=message))
            continue
        s = row.state
        views.append(
            OverviewRow(
                file=shown_path(row.file, base),
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
