"""The command ``import``: an existing agreement (.docx, .pdf, .txt, .md) to an agreement file.

Exit codes: 0 the import is complete, 3 it needs review (the list is at the top of the file
and on the terminal), 2 bad input (file missing, unreadable, damaged, too large, or its reading
beyond the time and memory limits of :func:`vereinbarung.importing.importer.import_agreement`;
no agreement; target exists without ``--force``); on 2 nothing is written. The importer and python-docx are imported when
the command runs, so that other commands start fast.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from vereinbarung.cli.common import CONTEXT, OPTIONS_METAVAR
from vereinbarung.errors import VereinbarungError

__all__ = ["EXIT_NEEDS_REVIEW", "register"]

#: Exit code of ``vereinbarung import`` when the result needs review.
EXIT_NEEDS_REVIEW = 3


@click.command("import", context_settings=CONTEXT, options_metavar=OPTIONS_METAVAR)
@click.argument("path", metavar="DATEI")
@click.option(
    "-o", "--output", "output", default=None, metavar="VEREINBARUNG.yaml",
    help="Zieldatei (Standard: DATEI mit der Endung .yaml; »-«: Standardausgabe).",
)  # fmt: skip
@click.option("--force", is_flag=True, help="Eine vorhandene Zieldatei überschreiben.")
@click.option(
    "--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True,
    help="yaml: Vereinbarungsdatei schreiben; json: Ergebnis mit Fundstellen als JSON ausgeben "
    "(mit -o wird zusätzlich die Datei geschrieben).",
)  # fmt: skip
def import_command(path: str, output: str | None, force: bool, fmt: str) -> int:
    """Eine bestehende Vereinbarung (.docx, .pdf, .txt, .md) in eine Vereinbarungsdatei übernehmen.

    Liest Titel, Parteien mit Anschrift und Vertretung, Präambel, Paragraphen, Laufzeitklausel,
    Formvorschriften, Kostenregelung und Unterschriften. Über jedem übernommenen Wert steht in
    der Datei der Satz, aus dem er stammt. Was fehlt oder unklar ist, steht oben in der Datei
    und hier unter »Zu prüfen«; geraten wird nie.

    Die Datei wird mit denselben Grenzen wie eine eigene Vorlage gelesen (höchstens 60
    Sekunden und 1 GB Arbeitsspeicher; ein Text höchstens 2 MB).

    Rückgabewert 0: vollständig; 3: zu prüfen; 2: Datei nicht lesbar, beschädigt, zu groß oder
    keine Vereinbarung (dann wird nichts geschrieben).
    """
    from vereinbarung.importing.text import check_source

    source = Path(path)
    check_source(source)  # before the target: a target named after a missing source misleads
    if output == "-":
        target: Path | None = None
    elif output is not None:
        target = Path(output)
    elif fmt == "yaml":
        target = source.with_suffix(".yaml")
    else:
        target = None
    if target is not None:
        if target.suffix.lower() not in (".yaml", ".yml"):
            raise VereinbarungError(
                f"{target}: die Zieldatei muss auf .yaml oder .yml enden (die Fundstellen "
                "stehen als YAML-Kommentare darin; als Daten mit --format json)."
            )
        if target.exists() and not force:
            raise VereinbarungError(
                f"{target}: die Datei gibt es schon; zum Überschreiben --force angeben."
            )
        if target.resolve() == source.resolve():
            raise VereinbarungError(f"{target}: Quelle und Ziel sind dieselbe Datei.")
    from vereinbarung.files.io import write_atomic
    from vereinbarung.importing.importer import import_agreement
    from vereinbarung.importing.output import report_lines, to_yaml

    result = import_agreement(source)
    text = to_yaml(result)
    if target is not None:
        write_atomic(target, text.encode("utf-8"), force=force)
    data_on_stdout = fmt == "json" or output == "-"
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    elif output == "-":
        click.echo(text, nl=False)
    for line in report_lines(result, str(target) if target is not None else None):
        click.echo(line, err=data_on_stdout)
    return 0 if result.complete else EXIT_NEEDS_REVIEW


def register(group: click.Group) -> None:
    """Add the ``import`` and ``import-liste`` commands to the ``vereinbarung`` command group."""
    from vereinbarung.cli.table_import import import_list_command

    group.add_command(import_command)
    group.add_command(import_list_command)
