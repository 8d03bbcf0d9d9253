"""``vereinbarung web check-attachments``: is every attachment's file still what was uploaded?

Reads each stored file again and compares its SHA-256 (FIPS 180-4) with the one taken on
upload (:func:`vereinbarung.web.akte.files.verify`); lists every changed or missing file in
German with agreement, attachment and file name, and exits with 1 if there is one (for a
monitoring job), 0 otherwise.
"""

from __future__ import annotations

import click

CONTEXT = {"help_option_names": ["-h", "--help"]}


@click.command("check-attachments", context_settings=CONTEXT, options_metavar="[OPTIONEN]")
def check_attachments() -> None:
    """Jede Anlage gegen ihren SHA-256 prüfen (veränderte oder fehlende Dateien nennen)."""
    from vereinbarung.web.command import setup

    setup()
    from vereinbarung.web.akte.files import verify
    from vereinbarung.web.akte.models import Attachment

    count = 0
    problems = []
    for item in Attachment.objects.order_by("agreement_id", "pk").iterator():
        count += 1
        problem = verify(item.stored, item.sha256)
        if problem:
            problems.append(f"Vereinbarung {item.agreement_id}, Anlage {item.pk} »{item.name}«: "
                            f"{problem}")  # fmt: skip
    for line in problems:
        click.echo(f"Fehler: {line}", err=True)
    click.echo(f"{count} Anlagen geprüft, {len(problems)} verändert oder fehlend.")
    if problems:
        raise SystemExit(1)


def register(group: click.Group) -> None:
    """Add the command to ``vereinbarung web``."""
    group.add_command(check_attachments)
