"""Agreement files in a folder and the register: ``export-files`` and ``import-files``.

Every agreement's text is written byte for byte (comments kept), plus ``register.csv`` with
what the file format cannot hold (whether an agreement is archived); reading a folder back
stores each changed file as a new version through :mod:`vereinbarung.web.register.services`
(the same validation as every save). Split from ``services`` (issue 26).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import vereinbarung
from vereinbarung import read_limited, write_atomic
from vereinbarung.web.register import fields as fields_module
from vereinbarung.web.register.models import Agreement as Record

__all__ = ["REGISTER_CSV", "ImportReport", "export_files", "import_files", "safe_name"]


REGISTER_CSV = "register.csv"


def safe_name(name: str, taken: set[str]) -> str:
    """A file name of ASCII letters, digits and hyphens for *name*, not yet in *taken*."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60] or "vereinbarung"
    candidate, number = f"{stem}.yaml", 2
    while candidate in taken:
        candidate, number = f"{stem}-{number}.yaml", number + 1
    taken.add(candidate)
    return candidate


def export_files(folder: Path, records: Iterable[Record] | None = None) -> list[Path]:
    """Write every agreement's text byte for byte into *folder*, plus ``register.csv``.

    Aktenzeichen, Kurzname, Fachbereich and Ansprechperson are in the files themselves;
    ``register.csv`` holds only what the file format cannot: whether an agreement is archived.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    taken: set[str] = set()
    rows = []
    for record in records if records is not None else Record.objects.all():
        name = record.file_name if record.file_name and record.file_name not in taken else ""
        if name:
            taken.add(name)
        else:
            name = safe_name(record.short_name or record.title, taken)
        target = folder / name
        write_atomic(target, record.text.encode("utf-8"), force=True)
        written.append(target)
        rows.append([name, "ja" if record.archived else ""])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Datei", "archiviert"])
    writer.writerows([[vereinbarung.csv_cell(cell) for cell in row] for row in rows])
    (folder / REGISTER_CSV).write_text(out.getvalue(), encoding="utf-8-sig")
    return written


#: Columns of a ``register.csv`` written before the register fields were in the file format.
LEGACY_COLUMNS = {"Kurzname": "short_name", "Fachbereich": "department",
                  "Ansprechperson": "contact_name"}  # fmt: skip


def _register_rows(folder: Path) -> dict[str, dict[str, str]]:
    file = folder / REGISTER_CSV
    if not file.is_file():
        return {}
    rows = list(csv.reader(io.StringIO(file.read_text(encoding="utf-8-sig")), delimiter=";"))
    header = rows[0] if rows else []
    return {
        cells.get("Datei", ""): cells
        for cells in (
            dict(zip(header, map(vereinbarung.csv_cell_text, row), strict=False))
            for row in rows[1:]
        )
    }


def _legacy_into(text: str, meta: dict[str, str]) -> str:
    """Register fields of an old ``register.csv`` written into a file that lacks them."""
    legacy = {key: meta[label].strip() for label, key in LEGACY_COLUMNS.items() if meta.get(label)}
    if not legacy:
        return text
    from vereinbarung.web.register.services import validate_text

    agreement, _ = validate_text(text)
    values = fields_module.register_values(agreement)
    for key, value in legacy.items():
        if not values[key]:
            values[key] = value[:60] if key == "short_name" else value
    return fields_module.with_register_fields(text, values)


@dataclass(frozen=True)
class ImportReport:
    """What ``import-files`` did: new, changed, unchanged and failed files."""

    created: list[str]
    updated: list[str]
    unchanged: list[str]
    failed: list[str]


def import_files(folder: Path, *, user: Any = None) -> ImportReport:
    """Take every agreement file of *folder* into the register (matched by file name).

    A file already in the register with a different text becomes a new version; each file is
    validated on its own, a bad one is reported and the others are still taken.
    """
    from vereinbarung.web.register.services import create, save_version, set_archived

    created: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    failed: list[str] = []
    extra = _register_rows(folder)
    for path in vereinbarung.find_agreement_files([folder]):
        name = path.name
        try:
            text = read_limited(path).decode("utf-8")
            meta = extra.get(name, {})
            text = _legacy_into(text, meta)
            archived = meta.get("archiviert", "") == "ja"
            existing = Record.objects.filter(file_name=name).first()
            if existing is None:
                record = create(
                    text, user=user, reason=f"aus Ordner übernommen ({name})", file_name=name,
                )  # fmt: skip
                if archived:
                    set_archived(record, True, base=record.version, user=user)
                created.append(name)
            elif existing.text == text and existing.archived == archived:
                unchanged.append(name)
            else:
                save_version(
                    existing, text, base=existing.version, user=user,
                    reason=f"aus Ordner übernommen ({name})", archived=archived,
                )  # fmt: skip
                updated.append(name)
        except (vereinbarung.VereinbarungError, UnicodeDecodeError, OSError) as exc:
            message = getattr(exc, "message", None) or str(exc)
            failed.append(f"{name}: {message}")
    return ImportReport(created, updated, unchanged, failed)
