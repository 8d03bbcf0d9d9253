"""The ``calendar`` command: the deadlines of agreement files as an .ics file for Outlook.

Entries from :func:`vereinbarung.exports.calendar.calendar_entries` (RFC 5545); a file written
again keeps its UIDs and raises SEQUENCE where a date changed, so that a calendar client updates
its appointments instead of doubling them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from vereinbarung.cli.common import (
    CONTEXT,
    EXIT_BAD_INPUT,
    OPTIONS_METAVAR,
    now_utc,
    on_option,
    today_in_berlin,
)
from vereinbarung.errors import VereinbarungError

__all__ = ["register"]

#: Largest existing calendar file read before it is replaced (a five-year export is ~100 KB).
MAX_CALENDAR_BYTES = 32 * 1024 * 1024


def _days(value: str) -> int:
    text = value.strip().lower().removesuffix("tage").removesuffix("d").strip()
    if not text.isdigit() or int(text) == 0:
        raise VereinbarungError(f"»{value}« ist keine Anzahl Tage (z. B. 90d oder 14d).")
    return int(text)


@click.command(context_settings=CONTEXT, options_metavar=OPTIONS_METAVAR)
@click.argument("paths", nargs=-1, required=True, metavar="PFAD…")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="Kalenderdatei (.ics)."
)
@click.option(
    "--reminder",
    metavar="TAGE",
    multiple=True,
    help="Erinnerung so viele Tage vorher, z. B. 90d (mehrfach).",
)
@click.option(
    "--vorfrist",
    metavar="TAGE",
    multiple=True,
    help="Eigener Vorfrist-Termin so viele Tage vorher, z. B. 90d.",
)
@on_option("Ab diesem Tag (Standard: heute in Berlin).")
@click.option(
    "--force",
    is_flag=True,
    help="Eine vorhandene Datei überschreiben, die nicht von vereinbarung stammt.",
)
@click.option(
    "--years",
    metavar="JAHRE",
    type=click.IntRange(1, 50),
    default=5,
    show_default=True,
    help="Zeitraum in Jahren.",
)
def calendar(
    paths: tuple[str, ...], output: str, reminder: tuple[str, ...], vorfrist: tuple[str, ...],
    on: dt.date | None, force: bool, years: int,
) -> int:  # fmt: skip
    """Fristen als Kalenderdatei (.ics) für Outlook: Zugangsfristen, Kündigungstermine, Vorfristen.

    Eine erneute Ausgabe in dieselbe Datei aktualisiert die Termine (gleiche UID, SEQUENCE
    erhöht, wenn sich ein Datum geändert hat), statt sie zu verdoppeln. Ist eine Datei
    fehlerhaft, wird nichts geschrieben. Eine vorhandene Datei, die ein anderes Programm
    geschrieben hat, wird nur mit --force ersetzt.
    """
    from vereinbarung.exports.calendar import (
        calendar_entries,
        previous_sequences,
        to_ical,
        written_by_us,
    )
    from vereinbarung.files.failures import file_failure
    from vereinbarung.files.io import find_agreement_files, load_agreement, write_atomic
    from vereinbarung.files.limits import read_limited

    reminders = [_days(r) for r in reminder]
    leads = [_days(v) for v in vorfrist]
    day = on or today_in_berlin()
    files = find_agreement_files(paths)
    entries = []
    errors = []
    for file in files:
        try:
            entries += calendar_entries(load_agreement(file), day, years=years, vorfristen=leads)
        except Exception as exc:  # one file's failure is reported; the others are answered
            errors.append(file_failure(file, exc))
    for message in errors:
        click.echo(f"Fehler: {message}", err=True)
    if errors or not files:
        if not files:
            click.echo(f"Fehler: keine Vereinbarungsdateien in {', '.join(paths)}.", err=True)
        click.echo(f"Nichts geschrieben: {output} bleibt unverändert.", err=True)
        return EXIT_BAD_INPUT
    target = Path(output)
    previous = None
    if target.exists():
        existing = read_limited(target, limit=MAX_CALENDAR_BYTES)
        if written_by_us(existing):
            try:
                previous = previous_sequences(existing)
            except (ValueError, KeyError):  # damaged since: replace it only when asked to
                previous = None
                if not force:
                    raise VereinbarungError(
                        f"{output}: die vorhandene Kalenderdatei ist beschädigt; nichts "
                        "geschrieben. Zum Überschreiben --force angeben."
                    ) from None
        elif not force:
            raise VereinbarungError(
                f"{output}: die Datei gibt es schon, und sie stammt nicht von vereinbarung "
                "(anderes Programm oder keine Kalenderdatei); nichts geschrieben. Zum "
                "Überschreiben --force angeben."
            )
    write_atomic(
        target,
        to_ical(entries, stamp=now_utc(), reminders=reminders, previous=previous),
        force=True,
    )
    click.echo(f"{output}: {len(entries)} Termine aus {len(files)} Vereinbarung(en) geschrieben.")
    return 0


def register(group: click.Group) -> None:
    """Add the ``calendar`` command to the ``vereinbarung`` command group."""
    group.add_command(calendar)
