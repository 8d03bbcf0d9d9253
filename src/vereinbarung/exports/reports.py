"""Deadline reports over many agreement files: JSON records and a German text table.

One :class:`DeadlineRow` per file, either an answer or the file's German error, sorted with the
most urgent first: by the next date (the last day of receipt, else the end), then the rest. The
JSON record is a public contract (other applications read it): its keys are listed in
:data:`JSON_KEYS`. Everything in a record comes from the one state
(:func:`vereinbarung.state.day.state_on`), so ``status`` shares its record with
``vereinbarung status --format json``; ``lifecycle_status`` repeats ``status`` for readers of 0.1.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vereinbarung.files.failures import file_failure
from vereinbarung.files.io import load_agreement
from vereinbarung.law.dates import format_date
from vereinbarung.model.german import shorten
from vereinbarung.state.day import AgreementState, state_on

__all__ = ["JSON_KEYS", "DeadlineRow", "deadline_rows", "render_table"]

#: Keys of each JSON record, in order.
JSON_KEYS = (
    "file",
    "title",
    "status",
    "on",
    "effective",
    "current_term_start",
    "current_term_end",
    "terminates_on",
    "notice_deadline",
    "practical_deadline",
    "days_left",
    "missed_termination",
    "missed_notice_deadline",
    "warnings",
    "explanation",
    "error",
    "lifecycle_status",
    "status_label",
    "ends_on",
    "parties",
    "leaves",
    "next_deadline",
    "open_points",
    "timeline",
    "receipt_windows",
    "leaving_ahead",
    "partial_notices",
)


@dataclass(frozen=True, slots=True)
class DeadlineRow:
    """The answer for one file: the agreement's title and state, or the German error."""

    file: str
    title: str | None = None
    state: AgreementState | None = None
    error: str | None = None

    def warnings(self) -> list[str]:
        """The state's German warnings (open points first)."""
        return list(self.state.warnings) if self.state else []

    @property
    def urgency(self) -> tuple[int, dt.date, str]:
        """Sort key: errors first, then by the next date (last day of receipt, else the end)."""
        far = dt.date.max
        if self.state is None:
            return (0, far, self.file)
        next_day = self.state.notice_deadline or self.state.terminates_on
        if next_day is not None:
            return (1, next_day, self.file)
        return (2, far, self.file)

    def to_json(self) -> dict[str, Any]:
        """The JSON record: the keys of :data:`JSON_KEYS` first, then the rest of the state."""
        record: dict[str, Any] = dict.fromkeys(JSON_KEYS)
        record.update(file=self.file, warnings=[], explanation=[], error=self.error)
        if self.state is None:
            return record
        record.update(title=self.title, **self.state.to_json())
        record["lifecycle_status"] = self.state.status  # kept for readers of version 0.1
        return record


def deadline_rows(
    files: Sequence[Path], on: dt.date, *, land: str | None = None, workers: int | None = None
) -> list[DeadlineRow]:
    """Load every file and compute its status on *on*; most urgent first, errors first of all.

    Large folders are spread over *workers* processes (default: one per core from
    :data:`PARALLEL_FROM` files on); the result does not depend on it.
    """
    if workers is None:
        workers = (os.cpu_count() or 1) if len(files) >= PARALLEL_FROM else 1
    if workers <= 1 or len(files) < 2:
        rows = _rows(list(files), on, land)
    else:
        size = max(1, min(500, len(files) // (workers * 4)))
        chunks = [list(files[i : i + size]) for i in range(0, len(files), size)]
        from concurrent.futures import ProcessPoolExecutor  # only for large folders

        with ProcessPoolExecutor(max_workers=workers) as pool:
            parts = pool.map(_rows, chunks, [on] * len(chunks), [land] * len(chunks))
            rows = [row for part in parts for row in part]
    return sorted(rows, key=lambda row: row.urgency)


#: From this many files on, :func:`deadline_rows` uses every core.
PARALLEL_FROM = 256


def _rows(files: list[Path], on: dt.date, land: str | None) -> list[DeadlineRow]:
    rows = []
    for path in files:
        try:
            agreement = load_agreement(path)
            state = state_on(agreement, on, land=land)
        except Exception as exc:  # one file's failure is that file's answer; go on
            rows.append(DeadlineRow(str(path), error=file_failure(path, exc)))
            continue
        rows.append(DeadlineRow(str(path), agreement.full_title, state))
    return rows


def _cell(day: dt.date | None) -> str:
    return format_date(day) if day is not None else "–"


def render_table(rows: list[DeadlineRow], on: dt.date, *, explain: bool = False) -> str:
    """German text table, one row per agreement; with *explain* the derivation below each."""
    header = ("Zugang bis", "Tage", "Ende zum", "Laufzeit bis", "Status", "Vereinbarung")
    body: list[tuple[str, ...]] = []
    notes: list[list[str]] = []
    for row in rows:
        if row.state is None or row.title is None:
            continue
        s = row.state
        days = str(s.days_left) if s.days_left is not None else "–"
        term_end = "unbefristet" if s.indefinite else _cell(s.current_term_end)
        deadline = _cell(s.notice_deadline)
        if s.status == "unconfirmed" and s.notice_deadline is not None:
            deadline = f"vorl. {deadline}"  # not a fact until the open points are done
        body.append(
            (
                deadline,
                days,
                _cell(s.terminates_on),
                term_end,
                s.status_label,
                f"{shorten(row.title, 60)} ({row.file})",
            )
        )
        lines = [f"Hinweis: {w}" for w in row.warnings()]
        if explain:
            lines = s.explanation() + lines
        notes.append(lines)
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header) - 1)]
    out = [f"Fristen am {format_date(on)}", ""]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)) + "  " + cells[-1]

    out.append(line(header))
    for cells, extra in zip(body, notes, strict=True):
        out.append(line(cells))
        out.extend(f"    {text}" for text in extra)
        if explain and extra:
            out.append("")
    if not body:
        out.append("(keine gültigen Vereinbarungen)")
    return "\n".join(out).rstrip() + "\n"
