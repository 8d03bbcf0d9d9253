"""Read a list of agreements kept in Excel (.xlsx) or as CSV into header and rows, bounded.

The register staff keep today is often a spreadsheet: one agreement per row, with columns such
as Titel, Partner, Beginn, Ende, Kündigungsfrist (issue 22). This module only reads such a
list safely; :mod:`vereinbarung.importing.table_rows` turns its rows into agreements.

Bounds: the file at most :data:`MAX_BYTES`, at most :data:`MAX_ROWS` rows of data and
:data:`MAX_COLUMNS` columns, each cell at most :data:`MAX_CELL` characters. An ``.xlsx`` is a
zip archive: its entries are inflated and counted first (:func:`vereinbarung.files.inflate.
check_real_sizes`, as for Word files) so that a zip bomb is refused before openpyxl opens it,
then it is read with ``read_only=True`` (rows streamed, not the whole sheet in memory). A cell
holding a formula (``=HYPERLINK(…)``, also in CSV, where Excel would run it) is refused, never
evaluated or kept. CSV: UTF-8 (with or without BOM) or Windows-1252 as Excel writes it, the
delimiter (``;`` ``,`` tab) sniffed from the header line.

Sources: openpyxl documentation, "Read-only mode" and "Dates & Times"
(https://openpyxl.readthedocs.io/en/stable/optimized.html,
https://openpyxl.readthedocs.io/en/stable/datetime.html); Python :mod:`csv`; OWASP "CSV
Injection" (formula cells).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from vereinbarung.errors import VereinbarungError
from vereinbarung.files.inflate import check_real_sizes

__all__ = ["MAX_BYTES", "MAX_CELL", "MAX_COLUMNS", "MAX_ROWS", "Cell", "Sheet", "read_sheet"]

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
MAX_COLUMNS = 40
MAX_CELL = 2000
#: An .xlsx may unpack to at most this much (a list of 2000 rows needs a few MB).
_UNPACKED = 100 * 1024 * 1024
_RATIO = 200
#: What a cell can hold once read: text, a number, a date, or nothing.
Cell = str | int | float | dt.date | None
FORMULA_START = ("=", "+", "-", "@")


@dataclass(frozen=True)
class Sheet:
    """A list as read: the file's name, the header cells and the data rows (each as long as the
    header), ``first_row`` the row number of the first data row in the file (for messages)."""

    source: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    first_row: int = 2


def _problem(source: str, message: str) -> VereinbarungError:
    return VereinbarungError(f"{source}: {message}")


def _column_name(index: int) -> str:
    """The spreadsheet's letter of column *index* (0 → A, 26 → AA)."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _is_formula(text: str) -> bool:
    stripped = text.lstrip()
    if not stripped.startswith(FORMULA_START):
        return False
    # »-6 Monate« or »+49 (0)2183 …« are not formulas; »=…«, »@…« and »+SUM(A1)« are
    return stripped[0] in "=@" or re.search(r"[A-Za-z]\(|![A-Z]+\d", stripped) is not None


def _cell(source: str, value: object, row: int, column: int, header: tuple[str, ...]) -> Cell:
    where = f"Zeile {row}, Spalte {_column_name(column)}"
    if column < len(header) and header[column]:
        where += f" »{header[column]}«"
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if value is None or isinstance(value, int | float | dt.date):
        return value
    text = str(value)
    if len(text) > MAX_CELL:
        raise _problem(source, f"{where}: der Wert ist zu lang ({len(text)} Zeichen, höchstens "
                               f"{MAX_CELL}).")  # fmt: skip
    if _is_formula(text):
        shown = text if len(text) <= 60 else text[:57] + "…"
        raise _problem(source, f"{where}: Wert »{shown}« ist eine Formel; bitte in der Tabelle "
                               "als Wert (Text) einfügen, Formeln werden nicht übernommen.")  # fmt: skip
    text = " ".join(text.split())
    return text or None


def _bounded(source: str, rows: list[list[object]]) -> Sheet:
    while rows and all(v is None or str(v).strip() == "" for v in rows[-1]):
        rows.pop()
    if not rows:
        raise _problem(source, "die Tabelle ist leer.")
    first = rows[0]
    while first and (first[-1] is None or str(first[-1]).strip() == ""):
        first = first[:-1]
    if len(first) > MAX_COLUMNS:
        raise _problem(source, f"zu viele Spalten (mehr als {MAX_COLUMNS}).")
    header = tuple(" ".join(str(v or "").split()) for v in first)
    for number, name in enumerate(header):
        if len(name) > MAX_CELL or _is_formula(name):
            raise _problem(source, f"Zeile 1, Spalte {_column_name(number)}: keine Überschrift.")
    body: list[tuple[Cell, ...]] = []
    for offset, raw in enumerate(rows[1:], start=2):
        cells = list(raw[: len(header)]) + [None] * (len(header) - len(raw))
        if any(v is not None and str(v).strip() for v in raw[len(header) :]):
            extra = next(i for i, v in enumerate(raw) if i >= len(header) and v is not None)
            raise _problem(source, f"Zeile {offset}, Spalte {_column_name(extra)}: ein Wert in "
                                   "einer Spalte ohne Überschrift.")  # fmt: skip
        body.append(tuple(_cell(source, v, offset, i, header) for i, v in enumerate(cells)))
    return Sheet(source, header, tuple(body))


def _read_csv(path: Path, source: str) -> Sheet:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's »CSV« on Windows
    if "\x00" in text:
        raise _problem(source, "ist keine Textdatei (CSV).")
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    rows: list[list[object]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # csv's own limit per field (131072 characters) is left alone: it is global to the process;
    # longer cells are refused below (MAX_CELL)
    try:
        for row in reader:
            if len(rows) > MAX_ROWS:
                raise _problem(source, f"zu viele Zeilen (höchstens {MAX_ROWS} Vereinbarungen).")
            rows.append(list(row[: MAX_COLUMNS + 1]))
    except csv.Error as exc:
        why = (
            f"ein Wert ist viel länger als {MAX_CELL} Zeichen"
            if "field limit" in str(exc)
            else "Anführungszeichen oder Trennzeichen passen nicht zusammen"
        )
        raise _problem(
            source, f"Zeile {reader.line_num}: keine gültige CSV-Zeile ({why})."
        ) from None
    return _bounded(source, rows)


def _read_xlsx(path: Path, source: str) -> Sheet:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise _problem(source, "ist keine Excel-Datei (.xlsx).") from None
    if len(entries) > 500:
        raise _problem(
            source, f"die Excel-Datei hat {len(entries)} Teile; so viele hat keine Liste."
        )
    check_real_sizes(path, entries, total=_UNPACKED, ratio=_RATIO)
    from openpyxl import load_workbook  # no types shipped (mypy override in pyproject.toml)

    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise _problem(
            source, f"die Excel-Datei lässt sich nicht lesen ({type(exc).__name__})."
        ) from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise _problem(source, "die Excel-Datei hat kein Tabellenblatt.")
        rows: list[list[object]] = []
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
            if len(rows) > MAX_ROWS:
                raise _problem(source, f"zu viele Zeilen (höchstens {MAX_ROWS} Vereinbarungen).")
            rows.append(list(row))
    finally:
        book.close()
    return _bounded(source, rows)


def read_sheet(path: str | os.PathLike[str], *, name: str | None = None) -> Sheet:
    """The first sheet of the ``.xlsx`` or the ``.csv`` at *path*, checked against the bounds.

    *name* is how messages name the file (the uploaded name, not a temporary path). Every
    problem is a German :class:`~vereinbarung.VereinbarungError` naming the file, and for a
    cell its row and column.
    """
    file = Path(path)
    source = name or str(file)
    suffix = Path(source).suffix.lower() or file.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise _problem(source, f"Dateityp {suffix or '(ohne Endung)'} wird nicht gelesen; "
                               "möglich: .xlsx (Excel) und .csv.")  # fmt: skip
    try:
        size = file.stat().st_size
    except OSError:
        raise _problem(source, "Datei nicht gefunden.") from None
    if not file.is_file():
        raise _problem(source, "ist keine Datei.")
    if size > MAX_BYTES:
        raise _problem(source, f"die Datei ist zu groß ({size // 1024} KB, höchstens "
                               f"{MAX_BYTES // 1024 // 1024} MB).")  # fmt: skip
    if size == 0:
        raise _problem(source, "die Datei ist leer.")
    return _read_xlsx(file, source) if suffix == ".xlsx" else _read_csv(file, source)
