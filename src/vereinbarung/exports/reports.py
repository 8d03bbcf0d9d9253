"""Deadline reports over many agreement files: JSON records and a German text table.

One :class:`DeadlineRow` per file, either an answer or the file's German error, sorted with the
most urgent first: by the next date (the last day of receipt, else the end), then the rest. The
JSON record is a public contract (other applications read it): its keys are listed in
:data:`JSON_KEYS`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from vereinbarung.errors import VereinbarungError
from vereinbarung.files.io import load_agreement
from vereinbarung.law.dates import format_date
from vereinbarung.law.terms import DayStatus
from vereinbarung.model.agreement import Agreement
from vereinbarung.state.lifecycle import lifecycle_on

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
)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


@dataclass(frozen=True, slots=True)
class DeadlineRow:
    """The answer for one file: the agreement's title and status, or the German error."""

    file: str
    title: str | None = None
    status: DayStatus | None = None
    error: str | None = None
    lifecycle_status: str | None = None
    notes: tuple[str, ...] = ()

    def warnings(self) -> list[str]:
        """What the lifecycle adds (a notice given, an ending), then the warnings of the dates."""
        return [*self.notes, *(self.status.warnings() if self.status else [])]

    @property
    def urgency(self) -> tuple[int, dt.date, str]:
        """Sort key: errors first, then by the next date (last day of receipt, else the end)."""
        far = dt.date.max
        if self.status is None:
            return (0, far, self.file)
        # the next day something must be done or happens: the last day of receipt, or the end
        next_day = self.status.notice_deadline or self.status.terminates_on
        if next_day is not None:
            return (1, next_day, self.file)
        return (2, far, self.file)

    def to_json(self) -> dict[str, Any]:
        """The JSON record: ISO dates or null, German warnings and explanation lines."""
        record: dict[str, Any] = dict.fromkeys(JSON_KEYS)
        record.update(file=self.file, warnings=[], explanation=[], error=self.error)
        if self.status is None:
            return record
        s = self.status
        record.update(
            title=self.title,
            status=s.status,
            on=_iso(s.on),
            effective=_iso(s.rule.effective),
            current_term_start=_iso(s.term.start),
            current_term_end=_iso(s.current_term_end),
            terminates_on=_iso(s.terminates_on),
            notice_deadline=_iso(s.notice_deadline),
            practical_deadline=_iso(s.practical_deadline),
            days_left=(s.notice_deadline - s.on).days if s.notice_deadline else None,
            missed_termination=_iso(s.missed[0]) if s.missed else None,
            missed_notice_deadline=_iso(s.missed[1]) if s.missed else None,
            warnings=self.warnings(),
            lifecycle_status=self.lifecycle_status,
            explanation=s.explanation(),
        )
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
            status = agreement.status_on(on, land=land)
        except VereinbarungError as exc:
            rows.append(DeadlineRow(str(path), error=exc.message))
            continue
        row = _with_lifecycle(DeadlineRow(str(path), agreement.full_title, status), agreement)
        if agreement.review:
            row = replace(row, notes=(_review_note(agreement), *row.notes))
        rows.append(row)
    return rows


def _review_note(agreement: Agreement) -> str:
    return (
        f"Offene Prüfpunkte ({len(agreement.review)}), die Daten sind noch nicht bestätigt: "
        + "; ".join(agreement.review)
    )


def _with_lifecycle(row: DeadlineRow, agreement: Agreement) -> DeadlineRow:
    """Take recorded events into account: an agreement ended or terminated has no deadline."""
    if not agreement.events or row.status is None:
        return row
    s = row.status
    life = lifecycle_on(agreement, s.on)
    status, notes = s, []
    if life.status == "ended" and s.status == "ended":
        pass  # the term ran out: the dates already say so
    elif life.status == "ended":
        status = replace(s, status="ended", terminates_on=None, notice_deadline=None, missed=None)
        notes.append("Laut den erfassten Ereignissen beendet" + (
            f" mit Ablauf des {format_date(life.ends_on.day)}." if life.ends_on else "."
        ))  # fmt: skip
    elif life.ends_on is not None and life.ends_on.day != s.rule.natural_end:
        status = replace(s, terminates_on=life.ends_on.day, notice_deadline=None, missed=None)
        notes.append(f"Beendigung erklärt: {life.ends_on.derivation}")
    for party, day in sorted(life.leaves.items(), key=lambda item: item[1]):
        if day >= s.on:
            notes.append(f"{party} scheidet mit Ablauf des {format_date(day)} aus.")
    if life.status in ("draft", "signed"):
        notes.append(f"Stand laut Ereignissen: {life.status_label}.")
    return replace(row, status=status, lifecycle_status=life.status, notes=tuple(notes))


def _cell(day: dt.date | None) -> str:
    return format_date(day) if day is not None else "–"


def render_table(rows: list[DeadlineRow], on: dt.date, *, explain: bool = False) -> str:
    """German text table, one row per agreement; with *explain* the derivation below each."""
    header = ("Zugang bis", "Tage", "Ende zum", "Laufzeit bis", "Status", "Vereinbarung")
    body: list[tuple[str, ...]] = []
    notes: list[list[str]] = []
    for row in rows:
        if row.status is None or row.title is None:
            continue
        s = row.status
        days = str((s.notice_deadline - on).days) if s.notice_deadline else "–"
        term_end = _cell(s.current_term_end) if s.current_term_end else "unbefristet"
        body.append(
            (
                _cell(s.notice_deadline),
                days,
                _cell(s.terminates_on),
                term_end,
                s.status_label,
                f"{_shorten(row.title, 60)} ({row.file})",
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


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
