"""The ``costs`` command: the Umlage of a budget year as a table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import click

from vereinbarung.cli.common import CONTEXT, OPTIONS_METAVAR, today_in_berlin
from vereinbarung.exports.spreadsheet import csv_cell
from vereinbarung.law.dates import format_date

__all__ = ["register"]


def _json(path: str, breakdown: Any) -> dict[str, Any]:
    return {
        "file": path,
        "year": breakdown.year,
        "amount": str(breakdown.amount),
        "key": breakdown.key.value,
        "payee": breakdown.payee,
        "basis": breakdown.basis,
        "notes": list(breakdown.notes),
        "shares": [
            {
                "party": row.party,
                "figure": row.figure,
                "percent": str(row.percent),
                "amount": str(row.amount),
                "derivation": row.derivation,
                "payments": [
                    {"due": p.due.isoformat(), "label": p.label, "amount": str(p.amount)}
                    for p in row.payments
                ],
            }
            for row in breakdown.rows
        ],
    }


def _table(breakdown: Any, title: str) -> str:
    from vereinbarung.model.german import format_amount, format_number

    lines = [
        f"Umlage {breakdown.year}: {title}",
        f"Betrag {format_amount(breakdown.amount)}, {breakdown.key.label} ({breakdown.basis})"
        + (f", zu zahlen an {breakdown.payee}" if breakdown.payee else ""),
        "",
    ]
    header = ("Partei", "Schlüsselgröße", "Anteil", "Betrag", "Zahlungen")
    body = [
        (
            row.party,
            row.figure,
            f"{format_number(row.percent, 4)} %",
            format_amount(row.amount),
            "; ".join(
                f"{format_date(p.due)} {p.label} {format_amount(p.amount)}" for p in row.payments
            ),
        )
        for row in breakdown.rows
    ]
    total = ("Summe", "", "100 %", format_amount(sum(r.amount for r in breakdown.rows)), "")
    widths = [max(len(r[i]) for r in [header, *body, total]) for i in range(4)]

    def line(cells: tuple[str, ...]) -> str:
        left = [cells[0].ljust(widths[0]), cells[1].ljust(widths[1])]
        right = [cells[2].rjust(widths[2]), cells[3].rjust(widths[3])]
        return "  ".join([*left, *right, cells[4]]).rstrip()

    lines += [line(header), *(line(cells) for cells in body), line(total)]
    lines += ["", "Herleitung:"] + [f"  {row.party}: {row.derivation}" for row in breakdown.rows]
    if breakdown.notes:
        lines += ["", "Hinweise:"] + [f"  {note}" for note in breakdown.notes]
    return "\n".join(lines) + "\n"


def _csv(breakdown: Any) -> str:
    """Semicolons and decimal commas, as German Excel reads them."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(
        [
            "Haushaltsjahr",
            "Partei",
            "Schlüsselgröße",
            "Anteil_Prozent",
            "Betrag_EUR",
            "Fällig",
            "Zahlung",
            "Zahlung_EUR",
        ]
    )
    for row in breakdown.rows:
        for payment in row.payments:
            writer.writerow([csv_cell(cell) for cell in (
                breakdown.year, row.party, row.figure, str(row.percent).replace(".", ","),
                str(row.amount).replace(".", ","), format_date(payment.due), payment.label,
                str(payment.amount).replace(".", ","),
            )])  # fmt: skip
    return out.getvalue()


@click.command(context_settings=CONTEXT, options_metavar=OPTIONS_METAVAR)
@click.argument("path", metavar="VEREINBARUNG")
@click.option(
    "--year",
    metavar="JAHR",
    type=click.IntRange(1900, 2200),
    default=None,
    help="Haushaltsjahr (Standard: laufendes Jahr).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
    help="Tabelle (deutsch), JSON oder CSV für Excel (UTF-8 mit BOM, Semikolon, Dezimalkomma).",
)  # fmt: skip
@click.option(
    "-o", "--output", "output", default=None, metavar="AUSGABE",
    help="In diese Datei schreiben statt auf die Standardausgabe.",
)  # fmt: skip
@click.option("--force", is_flag=True, help="Eine vorhandene Zieldatei überschreiben.")
def costs(path: str, year: int | None, fmt: str, output: str | None, force: bool) -> int:
    """Umlage eines Haushaltsjahres: Anteil jeder Partei auf den Cent, mit Zahlungsterminen.

    Die Anteile ergeben zusammen genau den Betrag (Restcent nach dem größten Rest).
    """
    from vereinbarung.errors import VereinbarungError
    from vereinbarung.files.io import load_agreement, write_atomic
    from vereinbarung.state.umlage import cost_shares

    target = Path(output) if output else None
    if target is not None and target.exists() and not force:
        raise VereinbarungError(
            f"{target}: die Datei gibt es schon; zum Überschreiben --force angeben."
        )
    agreement = load_agreement(path)
    breakdown = cost_shares(agreement, year or today_in_berlin().year)
    if fmt == "json":
        text = json.dumps(_json(path, breakdown), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        # the byte order mark tells Excel the file is UTF-8 ("Jüchen", not "JÃ¼chen")
        text = "\ufeff" + _csv(breakdown)
    else:
        text = _table(breakdown, agreement.full_title)
    if target is None:
        click.echo(text, nl=False)
    else:
        newline = "\r\n" if fmt == "csv" else "\n"
        write_atomic(target, text.replace("\n", newline).encode("utf-8"), force=force)
        click.echo(f"Geschrieben: {target}", err=True)
    return 0


def register(group: click.Group) -> None:
    """Add the ``costs`` command to the ``vereinbarung`` command group."""
    group.add_command(costs)
