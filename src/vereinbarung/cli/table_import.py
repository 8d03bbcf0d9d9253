"""The command ``import-liste``: a list of agreements (Excel .xlsx or CSV) to agreement files.

One file per row into a folder, each an unconfirmed agreement with its review points
(:func:`vereinbarung.importing.table_rows.import_table`). Exit codes: 3 written, to review (a
list never says enough to be complete); 2 bad input (file, row, column and value named) or a
target file that exists without ``--force``: then nothing is written.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import click

from vereinbarung.cli.common import CONTEXT, OPTIONS_METAVAR
from vereinbarung.errors import VereinbarungError

__all__ = ["import_list_command"]

#: Exit code: written, but every agreement needs review (as ``import``).
EXIT_NEEDS_REVIEW = 3


def _file_name(title: str, taken: set[str]) -> str:
    """A file name from *title*: ASCII, lower case, hyphens, at most 60 characters, unique."""
    ascii_title = unicodedata.normalize("NFKD", title.replace("ß", "ss"))
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_title.encode("ascii", "ignore").decode().lower())
    stem = stem.strip("-")[:60].rstrip("-") or "vereinbarung"
    name, number = f"{stem}.yaml", 2
    while name in taken:
        name, number = f"{stem}-{number}.yaml", number + 1
    taken.add(name)
    return name


def _columns(given: tuple[str, ...], header: tuple[str, ...]) -> dict[str, int] | None:
    """``--spalte Titel=Bezeichnung`` pairs as field → column number (None: by header)."""
    if not given:
        return None
    from vereinbarung.importing.table_rows import TABLE_COLUMNS, find_columns

    by_label = {label.casefold(): field for field, (label, _) in TABLE_COLUMNS.items()}
    columns = find_columns(header)
    for pair in given:
        label, _, column = pair.partition("=")
        field = by_label.get(label.strip().casefold())
        if field is None or not column.strip():
            known = ", ".join(label for label, _ in TABLE_COLUMNS.values())
            raise VereinbarungError(
                f"--spalte »{pair}«: erwartet FELD=SPALTE, FELD eines von: {known}."
            )
        wanted = column.strip().casefold()
        index = next((i for i, h in enumerate(header) if h.casefold() == wanted), None)
        if index is None and wanted.isdigit() and 1 <= int(wanted) <= len(header):
            index = int(wanted) - 1
        if index is None:
            raise VereinbarungError(
                f"--spalte »{pair}«: eine Spalte »{column.strip()}« hat die Liste nicht "
                f"(vorhanden: {', '.join(h for h in header if h)})."
            )
        columns = {f: i for f, i in columns.items() if i != index and f != field}
        columns[field] = index
    return columns


@click.command("import-liste", context_settings=CONTEXT, options_metavar=OPTIONS_METAVAR)
@click.argument("path", metavar="LISTE")
@click.option(
    "-o", "--output", "output", required=True, metavar="ORDNER",
    help="Ordner für die Vereinbarungsdateien (eine je Zeile; wird angelegt).",
)  # fmt: skip
@click.option(
    "--eigene-partei", "own_party", default=None, metavar="NAME",
    help="Die eigene Kommune, wenn die Liste nur die Partner nennt (z. B. »Gemeinde Rommerskirchen«).",
)  # fmt: skip
@click.option(
    "--spalte", "columns", multiple=True, metavar="FELD=SPALTE",
    help="Spalte zuordnen, wenn die Überschrift nicht erkannt wird, z. B. --spalte "
    "Titel=Bezeichnung oder --spalte Beginn=3 (mehrfach möglich).",
)  # fmt: skip
@click.option("--force", is_flag=True, help="Vorhandene Dateien im Ordner überschreiben.")
def import_list_command(
    path: str, output: str, own_party: str | None, columns: tuple[str, ...], force: bool
) -> int:
    """Eine Liste von Vereinbarungen (Excel .xlsx oder CSV) übernehmen, eine Datei je Zeile.

    Spalten werden an ihrer Überschrift erkannt (Titel, Partner, Beginn, Ende,
    Kündigungsfrist, Laufzeit, Verlängerung, Aktenzeichen, auch in Varianten); mehrere
    Partner in einer Zelle durch »;« trennen. Jede Vereinbarung ist unbestätigt und hat
    Prüfpunkte (Vertragstext, Vertretung, fehlender Beginn als Platzhalter).

    Rückgabewert 3: geschrieben, zu prüfen; 2: Liste fehlerhaft (Zeile, Spalte und Wert
    werden genannt) – dann wird nichts geschrieben.
    """
    from vereinbarung.files.writing import write_atomic
    from vereinbarung.importing.table import read_sheet
    from vereinbarung.importing.table_rows import row_yaml, table_agreements

    sheet = read_sheet(path)
    rows = table_agreements(sheet, _columns(columns, sheet.header), own_party=own_party)
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise VereinbarungError(f"{folder}: ist kein Ordner.")
    taken: set[str] = set()
    targets = [(folder / _file_name(row.agreement.title, taken), row) for row in rows]
    existing = [str(t) for t, _ in targets if t.exists()]
    if existing and not force:
        raise VereinbarungError(
            f"{existing[0]}: die Datei gibt es schon ({len(existing)} insgesamt); nichts "
            "geschrieben. Zum Überschreiben --force angeben."
        )
    folder.mkdir(parents=True, exist_ok=True)
    for target, row in targets:
        write_atomic(target, row_yaml(row).encode("utf-8"), force=force)
    click.echo(
        f"{len(targets)} Vereinbarungen aus {path} nach {folder} übernommen, alle zu prüfen:"
    )
    for target, row in targets:
        click.echo(f"  Zeile {row.row}: {target.name} – {len(row.review)} Prüfpunkte")
    return EXIT_NEEDS_REVIEW
