"""The command-line tool ``vereinbarung`` (German for the people who use it).

Only the command modules read the clock (through :mod:`vereinbarung.cli.common`): "today" is
the current day in Europe/Berlin, passed down as a plain :class:`datetime.date`. Bad input ends with a German message on stderr and
exit code 2, never a traceback; anything else that goes wrong is a bug.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys

import click

from vereinbarung.cli.click_de import install as _german_click
from vereinbarung.cli.common import (
    CONTEXT,
    DATE,
    EXIT_BAD_INPUT,
    EXIT_WARNINGS,
    OPTIONS_METAVAR,
    land_option,
    on_option,
    today_in_berlin,
)
from vereinbarung.errors import VereinbarungError
from vereinbarung.version import __version__

_german_click()

# Kept under their former names for the command modules written against them.
_CONTEXT = CONTEXT
_OPTS = OPTIONS_METAVAR


@click.group(
    context_settings=_CONTEXT, options_metavar=_OPTS, subcommand_metavar="BEFEHL [ARGUMENTE]…"
)
@click.version_option(__version__, "-V", "--version", prog_name="vereinbarung")
def cli() -> None:
    """Kooperationsvereinbarungen zwischen Kommunen: Fristen nach §§ 187–188 BGB, Prüfung,
    Dokumente.

    Eine Vereinbarung ist eine YAML- oder JSON-Datei (Aufbau: »vereinbarung schema«).
    """


@cli.command(context_settings=_CONTEXT, options_metavar=_OPTS)
@click.argument("paths", nargs=-1, required=True, metavar="PFAD…")
@on_option()
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
    help="Ausgabe als Tabelle (deutsch) oder JSON.",
)  # fmt: skip
@click.option("--explain", is_flag=True, help="Herleitung jedes Datums anzeigen.")
@land_option("Feiertage dieses Bundeslandes (Standard: das der Vereinbarung, sonst NW).")
def deadlines(
    paths: tuple[str, ...], on: dt.date | None, fmt: str, explain: bool, land: str | None
) -> int:
    """Status, Laufzeitende und Kündigungsfrist jeder Vereinbarung an einem Stichtag.

    PFAD sind Dateien oder Ordner (darin alle *.yaml, *.yml, *.json). Die dringendste Frist
    steht oben. Fehlerhafte Dateien werden gemeldet, die übrigen trotzdem beantwortet;
    Rückgabewert 2, wenn eine Datei fehlerhaft war.
    """
    from vereinbarung.exports.reports import deadline_rows, render_table
    from vereinbarung.files.io import find_agreement_files

    day = on or today_in_berlin()
    files = find_agreement_files(paths)
    if not files:
        raise VereinbarungError(
            f"Keine Vereinbarungsdateien (*.yaml, *.yml, *.json) in {', '.join(paths)}."
        )
    rows = deadline_rows(files, day, land=land)
    errors = [row for row in rows if row.error]
    for row in errors:
        click.echo(f"Fehler: {row.error}", err=True)
    if fmt == "json":
        records = [row.to_json() for row in rows]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        click.echo(render_table(rows, day, explain=explain), nl=False)
    return EXIT_BAD_INPUT if errors else 0


@cli.command(context_settings=_CONTEXT, options_metavar=_OPTS)
@click.argument("paths", nargs=-1, required=True, metavar="PFAD…")
@click.option("--strict", is_flag=True, help="Warnungen wie Fehler behandeln (Rückgabewert 1).")
def check(paths: tuple[str, ...], strict: bool) -> int:
    """Vereinbarungsdateien prüfen: Aufbau, Parteien, Daten, Paragraphenzählung, Kündigungsregel.

    Rückgabewert 2 bei Fehlern, mit --strict 1 bei Warnungen, sonst 0.
    """
    from vereinbarung.files.io import find_agreement_files, load_agreement
    from vereinbarung.state.checks import check_agreement

    failed = warned = 0
    files = find_agreement_files(paths)
    if not files:
        raise VereinbarungError(
            f"Keine Vereinbarungsdateien (*.yaml, *.yml, *.json) in {', '.join(paths)}."
        )
    for path in files:
        try:
            agreement = load_agreement(path)
        except VereinbarungError as exc:
            failed += 1
            click.echo(f"Fehler: {exc.message}", err=True)
            continue
        try:
            findings = check_agreement(agreement, on=today_in_berlin())
        except VereinbarungError as exc:  # a date the engine cannot compute: this file only
            failed += 1
            click.echo(f"Fehler: {path}: {exc.message}", err=True)
            continue
        if findings:
            warned += 1
            for finding in findings:
                click.echo(f"{path}: {finding}")
        else:
            click.echo(f"{path}: in Ordnung")
    ok = len(files) - failed
    click.echo(
        f"{len(files)} Datei(en) geprüft: {ok} gültig, {failed} fehlerhaft, {warned} mit Warnungen."
    )
    if failed:
        return EXIT_BAD_INPUT
    return EXIT_WARNINGS if strict and warned else 0


@cli.command(context_settings=_CONTEXT, options_metavar=_OPTS)
def schema() -> int:
    """Das JSON-Schema der Vereinbarungsdatei ausgeben (mit deutschen Beschreibungen)."""
    from vereinbarung.model.schema import agreement_schema

    document = agreement_schema()
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    return 0


# Commands of the other adapters, one module each (documents, import, lifecycle …).
# -- registered commands (one import and add_command line per module) --
from vereinbarung.cli.calendar import register as _register_calendar  # noqa: E402
from vereinbarung.cli.lifecycle import register as _register_lifecycle  # noqa: E402

_register_lifecycle(cli)
_register_calendar(cli)
from vereinbarung.cli.costs import register as _register_costs  # noqa: E402

_register_costs(cli)
from vereinbarung.cli.documents import register as _register_documents  # noqa: E402

_register_documents(cli)
from vereinbarung.cli.importing import register as _register_import  # noqa: E402

_register_import(cli)
# -- end of registered commands --


@cli.command(
    "web",
    context_settings={**_CONTEXT, "ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
    options_metavar=_OPTS,
)
@click.pass_context
def web(ctx: click.Context) -> int:
    """Das Register im Browser (vereinbarung web --help); braucht das Extra »web«."""
    from importlib import import_module
    from importlib.util import find_spec

    if find_spec("django") is None or find_spec("waitress") is None:
        raise VereinbarungError(
            'Für die Weboberfläche bitte installieren: pip install "vereinbarung[web]"'
        )
    # loaded by name: the web layer sits above the command line (import-linter layers)
    command = import_module("vereinbarung.web.command")
    result: int = command.main(list(ctx.args))
    return result


def main(argv: list[str] | None = None) -> None:
    """Run the tool; exit 2 with a German message on bad input."""
    try:
        code = cli.main(args=argv, prog_name="vereinbarung", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Abgebrochen.", err=True)
        sys.exit(1)
    except click.UsageError as exc:
        exc.show()
        sys.exit(EXIT_BAD_INPUT)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except VereinbarungError as exc:
        click.echo(f"Fehler: {exc.message}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except Exception as exc:  # a system error, or a bug: German, never a traceback
        if os.environ.get("VEREINBARUNG_DEBUG"):
            raise
        from vereinbarung.files.failures import file_failure

        click.echo(f"Fehler: {file_failure(None, exc)}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(code if isinstance(code, int) else 0)


__all__ = ["DATE", "cli", "main", "today_in_berlin"]
