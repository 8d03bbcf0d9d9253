"""``vereinbarung web remind``, ``backup`` and ``restore`` (added to the ``web`` group)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
OPTS = "[OPTIONEN]"


def _day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    import vereinbarung

    try:
        return vereinbarung.parse_date(value)
    except vereinbarung.VereinbarungError as exc:
        raise click.BadParameter(exc.message, param_hint="--on") from None


@click.command("remind", context_settings=CONTEXT, options_metavar=OPTS)
@click.option("--on", "on", metavar="DATUM", help="Stichtag (Standard: heute in Berlin).")
@click.option("--dry-run", is_flag=True, help="Nur anzeigen, was verschickt würde.")
def remind(on: str | None, dry_run: bool) -> None:
    """Fällige Erinnerungen per E-Mail verschicken (täglich vom System starten lassen).

    Jede Erinnerung geht genau einmal hinaus; ein zweiter Lauf am selben Tag verschickt nichts,
    ein Lauf nach einem ausgefallenen Tag holt nach. Vom Mailserver abgelehnte Erinnerungen
    werden festgehalten und beim nächsten Lauf erneut versucht (Rückgabewert 1).
    """
    from vereinbarung.web.command import setup

    day = _day(on)
    setup()
    from vereinbarung.web import clock
    from vereinbarung.web.operation.audit import log_change
    from vereinbarung.web.reminders import service

    report = service.run(day or clock.today(), dry_run=dry_run)
    fmt = report.day.strftime("%d.%m.%Y")
    if dry_run:
        for due in report.planned:
            click.echo(f"würde senden an {due.user.email}: {due.subject}")
        click.echo(f"Probelauf am {fmt}: {len(report.planned)} Erinnerung(en) fällig, "
                   f"{report.skipped} schon verschickt; nichts gesendet.")  # fmt: skip
        return
    for due in report.sent:
        log_change("System", "Erinnerung gesendet", an=due.user.get_username(), betreff=due.subject)
    for due, error in report.failed:
        about = service.describe(due)
        log_change("System", "Erinnerung fehlgeschlagen", an=due.user.get_username(),
                   betreff=due.subject, zu=about, fehler=error)  # fmt: skip
        address = service.one_line(due.user.email)
        click.echo(f"Fehler: {about}, an {address}: {due.subject}: {error}", err=True)
    for name in sorted(set(report.without_address)):
        click.echo(f"Hinweis: Benutzer »{name}« hat keine E-Mail-Adresse.", err=True)
    click.echo(f"Erinnerungen am {fmt}: {len(report.sent)} gesendet, {len(report.failed)} "
               f"fehlgeschlagen, {report.skipped} schon verschickt.")  # fmt: skip
    for line in report.notes():
        click.echo(line)
    if report.failed:
        raise SystemExit(1)


@click.command("backup", context_settings=CONTEXT, options_metavar=OPTS)
@click.argument("folder", metavar="ORDNER", type=click.Path(file_okay=False))
def backup(folder: str) -> None:
    """Sicherung: jede Vereinbarung mit ihrer Versionsgeschichte nach ORDNER (im laufenden Betrieb)."""
    from vereinbarung.web.command import setup

    setup()
    from vereinbarung.web.operation import backup as backups

    summary = backups.backup(Path(folder))
    click.echo(f"Gesichert: {summary.agreements} Vereinbarungen mit {summary.versions} Versionen "
               f"und {summary.attachments} Anlagen nach {folder}.")  # fmt: skip
    for line in summary.changed_attachments:  # reported, not hidden (issue 25)
        click.echo(f"Warnung: {line}", err=True)


@click.command("restore", context_settings=CONTEXT, options_metavar=OPTS)
@click.argument("folder", metavar="ORDNER", type=click.Path(exists=True, file_okay=False))
def restore(folder: str) -> None:
    """Eine Sicherung aus ORDNER in ein leeres Register zurückspielen."""
    from vereinbarung.web.command import setup

    setup()
    from vereinbarung.web.operation import backup as backups

    try:
        summary = backups.restore(Path(folder))
    except backups.BackupError as exc:
        click.echo(f"Fehler: {exc}", err=True)
        raise SystemExit(2) from None
    click.echo(f"Zurückgespielt: {summary.agreements} Vereinbarungen mit {summary.versions} "
               f"Versionen und {summary.attachments} Anlagen.")  # fmt: skip
    if summary.authors_without_account:
        names = ", ".join(f"»{name}«" for name in summary.authors_without_account)
        click.echo(f"Hinweis: ohne Benutzerkonto in diesem Register (die Versionen behalten den "
                   f"Namen; »vereinbarung web createuser«): {names}", err=True)  # fmt: skip


def register(group: click.Group) -> None:
    """Add the operation commands to ``vereinbarung web``."""
    for command in (remind, backup, restore):
        group.add_command(command)
