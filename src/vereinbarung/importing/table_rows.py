"""A list of agreements (Excel/CSV, :mod:`vereinbarung.importing.table`) as unconfirmed agreements.

Columns are found by their header (German variants, case, spacing, umlauts and punctuation
ignored: »Titel«, »Vertragspartner«, »Beginn«, »Laufzeit bis«, »Kündigungsfrist« …) or given
by a mapping (field → column number), as the web import page lets staff choose. Each row
becomes the data of an agreement file that the library validates; it is **unconfirmed**: its
``review`` list says that it came from a list (text, representatives and addresses are missing)
and what the row lacked, and a missing Beginn is a placeholder listed in ``term.placeholders``
(no deadline is stated until it is entered), as :mod:`vereinbarung.importing.resolve` does for
texts. Nothing is guessed: a party is only what the row names, a representative »N. N.«.

Values: dates as ``30.06.2026``, ``2026-06-30``, Excel dates or Excel's day numbers (serial
dates, 1900 system); »unbefristet« for no end; Kündigungsfrist »6 Monate«, »3 Monate zum
Jahresende« (also Halbjahres-, Quartals-, Monatsende, Ablauf der Laufzeit, »zum 31.07.«).
A value that cannot be read is an error naming the file, row, column and value; one bad row
refuses the whole list (:class:`TableImportError` lists up to 20 problems), nothing is written.

Sources: openpyxl »Dates & Times« (serial dates); § 620 BGB (a fixed term ends by itself).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from vereinbarung.errors import AgreementFileError, VereinbarungError
from vereinbarung.files.io import agreement_from_data
from vereinbarung.importing.representatives import UNKNOWN_NAME
from vereinbarung.importing.resolve import PLACEHOLDER_EFFECTIVE
from vereinbarung.importing.table import Cell, Sheet, _column_name
from vereinbarung.law.dates import format_date, parse_date
from vereinbarung.model.agreement import Agreement

__all__ = [
    "TABLE_COLUMNS",
    "TableImportError",
    "TableRow",
    "find_columns",
    "import_table",
    "row_yaml",
    "table_agreements",
]

#: The fields a column can fill, with their German name and the headers that mean them.
TABLE_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "title": ("Titel", ("titel", "bezeichnung", "vereinbarung", "gegenstand", "betreff",
                        "titeldervereinbarung", "name")),
    "parties": ("Partner", ("partner", "parteien", "vertragspartner", "beteiligte",
                            "kooperationspartner", "vertragsparteien", "partnerkommunen")),
    "effective": ("Beginn", ("beginn", "inkrafttreten", "start", "gueltigab", "laufzeitbeginn",
                             "vertragsbeginn", "ab", "inkraftab", "laufzeitab")),
    "ends": ("Ende", ("ende", "laufzeitende", "bis", "laufzeitbis", "vertragsende", "gueltigbis",
                      "endet", "befristetbis")),
    "notice": ("Kündigungsfrist", ("kuendigungsfrist", "frist", "kuendigung")),
    "duration": ("Laufzeit", ("laufzeit", "dauer", "vertragslaufzeit")),
    "renewal": ("Verlängerung", ("verlaengerung", "verlaengertsichum", "verlaengerungum")),
    "reference": ("Aktenzeichen", ("aktenzeichen", "az", "zeichen")),
}  # fmt: skip
_NOTICE_TO = (
    (r"(?:kalender)?jahres(?:ende|schluss)|ende (?:des|eines) (?:kalender|haushalts)?jahres"
     r"|schluss (?:des|eines) (?:kalender)?jahres", "year_end"),
    (r"(?:kalender)?halbjahres(?:ende|schluss)|ende (?:des|eines) (?:kalender)?halbjahres", "half_year_end"),
    (r"quartals(?:ende|schluss)|ende (?:des|eines) (?:kalender)?(?:quartals|vierteljahres)", "quarter_end"),
    (r"monats(?:ende|schluss)|ende (?:des|eines) (?:kalender)?monats", "month_end"),
    (r"(?:ende|ablauf) der (?:vertrags)?laufzeit|laufzeitende|vertragsende", "term_end"),
)  # fmt: skip
#: Parties in one cell: separated by »;«, »,« or line breaks. »und« is not split (»Zweckverband
#: Wasser und Abwasser« is one party): a name with »und« is a review point, never a guess.
_LIST_SPLIT = re.compile(r"\s*(?:;|\n|,)\s*")
#: Excel day numbers that can be a date of an agreement (1954 … 2119); other numbers are not.
_SERIAL = (20_000, 80_000)
_UNLIMITED = {"unbefristet", "unbestimmtezeit", "aufunbestimmtezeit", "offen", "ohne"}
MAX_PROBLEMS = 20


class TableImportError(VereinbarungError):
    """The list cannot be imported: one German line per problem (file, row, column, value)."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = tuple(problems[:MAX_PROBLEMS])
        more = len(problems) - MAX_PROBLEMS
        lines = [f"{source}: {p}" for p in self.problems]
        if more > 0:
            lines.append(f"{source}: … und {more} weitere Probleme.")
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class TableRow:
    """One row as an agreement: its row number, the file's data, the validated agreement."""

    row: int
    data: dict[str, Any]
    agreement: Agreement

    @property
    def review(self) -> tuple[str, ...]:
        """The review points the agreement carries."""
        return self.agreement.review


def _key(text: str) -> str:
    text = text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return re.sub(r"[^a-z0-9]", "", text.replace("ß", "ss"))


def find_columns(header: tuple[str, ...]) -> dict[str, int]:
    """The column of each field whose header names it (first match; others left out).

    >>> find_columns(("Lfd. Nr.", " TITEL ", "Vertrags-Partner", "Kündigungs­frist", "gültig ab"))
    {'title': 1, 'parties': 2, 'effective': 4, 'notice': 3}
    """
    keys = [_key(h.replace("\xad", "")) for h in header]
    found: dict[str, int] = {}
    for field, (_, names) in TABLE_COLUMNS.items():
        for index, key in enumerate(keys):
            if key in names and index not in found.values():
                found[field] = index
                break
    return found


def _date(value: Cell) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _SERIAL[0] <= value <= _SERIAL[1] and float(value).is_integer():
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))  # Excel 1900 system
        raise VereinbarungError(f"die Zahl {value:g} ist kein Datum")
    return parse_date(str(value).strip().removesuffix("."))


def _notice(text: str) -> tuple[str, str | None]:
    """»3 Monate zum Jahresende« → (»3 Monate«, »year_end«); the rest as written."""
    words = " ".join(text.split())
    match = re.match(r"(?i)^(.*?)\s+(?:zum|zu[mr]?|bis zum)\s+(.+)$", words)
    if not match:
        return words, None
    period, target = match.group(1), match.group(2).casefold().rstrip(".")
    target = re.sub(r"^(?:schluss|ende) (?:eines|des) ", lambda m: m.group(0), target)
    for pattern, name in _NOTICE_TO:
        if re.fullmatch(pattern, target):
            return period, name
    day = re.fullmatch(r"(\d{1,2})\.\s?(\d{1,2})\.?", target)
    if day:
        return period, f"{int(day.group(1)):02d}.{int(day.group(2)):02d}."
    raise VereinbarungError(f"Kündigungstermin »{match.group(2)}« nicht verstanden")


def _row_data(
    values: Mapping[str, Cell], source: str, row: int, own_party: str | None
) -> tuple[dict[str, Any], dict[str, str]]:
    """The agreement data of one row, and problems per field (German, without the place)."""
    problems: dict[str, str] = {}
    review = [
        f"Aus der Liste {source}, Zeile {row} übernommen: Vertragstext, Vertretung und Anschriften "
        "der Parteien fehlen; bitte mit der unterschriebenen Vereinbarung abgleichen."
    ]
    title = str(values.get("title") or "").strip()
    if not title:
        problems["title"] = "der Titel fehlt"
    names = [n for n in _LIST_SPLIT.split(str(values.get("parties") or "")) if n.strip()]
    if own_party and own_party not in names:
        names.insert(0, own_party)
    if len(set(names)) < 2:  # an agreement has at least two parties
        problems["parties"] = (
            "mindestens zwei Parteien nötig (mehrere durch »;« trennen"
            + ("" if own_party else ", oder die eigene Partei angeben")
            + ")"
        )
    unique = [n.strip() for n in dict.fromkeys(names)]
    parties = [{"name": n, "representative": {"name": UNKNOWN_NAME, "title": UNKNOWN_NAME}}
               for n in unique]  # fmt: skip
    if parties:
        review.append("Parteien: Vertretung (»N. N.«) und Anschriften eintragen.")
    review += [
        f"Partei »{n}«: eine Partei oder mehrere? In der Liste mehrere Parteien durch »;« trennen."
        for n in unique
        if re.search(r"\b(?:und|sowie)\b|&|/", n)
    ]
    term: dict[str, Any] = {}
    placeholders: list[str] = []
    for field in ("effective", "ends"):
        value = values.get(field)
        if value is None:
            continue
        if field == "ends" and isinstance(value, str) and _key(value) in _UNLIMITED:
            continue
        try:
            term[field] = _date(value)
        except VereinbarungError as exc:
            problems[field] = f"{exc.message.rstrip('.')} (erwartet: ein Datum wie 30.06.2026)"
    if "effective" not in term and "effective" not in problems:
        term["effective"] = PLACEHOLDER_EFFECTIVE
        placeholders.append("effective")
        review.append(
            f"Inkrafttreten: in der Liste kein Beginn; eingetragen ist der Platzhalter "
            f"{format_date(PLACEHOLDER_EFFECTIVE)} – bitte den Tag des Inkrafttretens eintragen."
        )
    for field in ("duration", "renewal"):
        if values.get(field) is not None:
            term[field] = str(values[field])
    notice = values.get("notice")
    if notice is not None:
        try:
            period, notice_to = _notice(str(notice))
        except VereinbarungError as exc:
            problems["notice"] = exc.message
        else:
            term["notice"] = period
            has_end = "ends" in term or "duration" in term
            if notice_to is None and has_end:
                notice_to = "term_end"
                review.append("Kündigungstermin: in der Liste keiner; »zum Laufzeitende« "
                              "eingetragen – bitte prüfen.")  # fmt: skip
            elif notice_to is None or (notice_to == "term_end" and not has_end):
                notice_to = "month_end"
                review.append("Kündigungstermin: in der Liste keiner (oder zum Laufzeitende ohne "
                              "Laufzeit); »zum Monatsende« eingetragen (der früheste Termin) – "
                              "bitte prüfen.")  # fmt: skip
            term["notice_to"] = notice_to
    else:
        review.append("Kündigungsfrist: in der Liste keine; bitte prüfen, ob der Text eine nennt.")
    if placeholders:
        term["placeholders"] = placeholders
    data: dict[str, Any] = {"review": review, "title": title}
    if values.get("reference") is not None:
        data["reference"] = str(values["reference"])
    data.update({"parties": parties, "term": term})
    return data, problems


#: The field of the data a validation problem names → the column it came from.
_PROBLEM_FIELDS = (("term › notice_to", "notice"), ("term › notice", "notice"),
                   ("term › effective", "effective"), ("term › ends", "ends"),
                   ("term › duration", "duration"), ("term › renewal", "renewal"),
                   ("parties", "parties"), ("title", "title"), ("reference", "reference"))  # fmt: skip


def table_agreements(
    sheet: Sheet, columns: Mapping[str, int] | None = None, *, own_party: str | None = None
) -> list[TableRow]:
    """Every data row of *sheet* as an unconfirmed agreement (see the module description).

    *columns* maps fields of :data:`TABLE_COLUMNS` to column numbers (default: found by header);
    *own_party* is added to each row's parties where the list names only the partners.
    Raises :class:`TableImportError` if any row is bad; then no agreement is returned.
    """
    columns = dict(find_columns(sheet.header) if columns is None else columns)
    problems: list[str] = []
    for field, index in columns.items():
        if field not in TABLE_COLUMNS or not 0 <= index < len(sheet.header):
            problems.append(f"Zuordnung: {field} → Spalte {index + 1} gibt es nicht.")
    for field in ("title", "parties"):
        if field not in columns:
            names = ", ".join(TABLE_COLUMNS[field][1][:4])
            problems.append(f"keine Spalte »{TABLE_COLUMNS[field][0]}« gefunden (Überschrift z. B. {names}; "
                            f"vorhanden: {', '.join(h for h in sheet.header if h) or 'keine'}).")  # fmt: skip
    if problems:
        raise TableImportError(sheet.source, problems)
    rows: list[TableRow] = []
    for offset, cells in enumerate(sheet.rows):
        number = sheet.first_row + offset
        if all(c is None for c in cells):
            continue
        values = {field: cells[index] for field, index in columns.items()}

        def place(field: str, row: int = number, values: dict[str, Cell] = values) -> str:
            index = columns[field]
            header = sheet.header[index] or TABLE_COLUMNS[field][0]
            value = values.get(field)
            shown = format_date(value) if isinstance(value, dt.date) else value
            return f"Zeile {row}, Spalte {_column_name(index)} »{header}«, Wert »{shown or ''}«"

        data, found = _row_data(values, sheet.source, number, own_party)
        problems += [f"{place(field)}: {message}." for field, message in found.items()]
        if found:
            continue
        try:
            agreement = agreement_from_data(data, source=f"Zeile {number}")
        except AgreementFileError as exc:
            for line in exc.problems:
                named = next((f for prefix, f in _PROBLEM_FIELDS if f"Feld {prefix}" in line), "")
                where = place(named) if named in columns else f"Zeile {number}"
                problems.append(f"{where}: {line}")
            continue
        rows.append(TableRow(number, data, agreement))
    if problems:
        raise TableImportError(sheet.source, problems)
    if not rows:
        raise TableImportError(sheet.source, ["die Liste enthält keine Vereinbarung."])
    return rows


def import_table(
    path: str, *, name: str | None = None, columns: Mapping[str, int] | None = None,
    own_party: str | None = None,
) -> list[TableRow]:  # fmt: skip
    """Read the list at *path* (.xlsx or .csv) and return each row as an unconfirmed agreement.

    *name* names the file in messages; *columns* and *own_party* as in :func:`table_agreements`.
    Every problem is a German :class:`~vereinbarung.VereinbarungError`; nothing is written.
    """
    from vereinbarung.importing.table import read_sheet

    return table_agreements(read_sheet(path, name=name), columns, own_party=own_party)


def row_yaml(row: TableRow) -> str:
    """The agreement file (YAML) of *row*: its review points first, dates as ISO text."""
    import io

    from ruamel.yaml import YAML

    from vereinbarung.importing.result import plain

    yaml = YAML()
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(plain(row.data), out)
    return out.getvalue()
