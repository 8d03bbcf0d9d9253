"""Rights per Fachbereich and Kommune (issue 26): three columns, and the Fachbereiche linked.

Each agreement whose file names a ``department`` is linked to the Fachbereich of that name
(created without a Kommune where missing), as every later save does
(:mod:`vereinbarung.web.register.services`). Nobody loses a right by this: the role groups of
before count as memberships in all Fachbereiche (:mod:`vereinbarung.web.rights.grants`).

SQLite adds a foreign key by making the table anew, which drops its triggers: the counting
triggers of migration 0003 are made again (every later migration changing the agreements'
table on SQLite must do the same).
"""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def link_departments(apps: Any, schema_editor: Any) -> None:  # noqa: ARG001
    Agreement = apps.get_model("vereinbarung_register", "Agreement")
    Fachbereich = apps.get_model("vereinbarung_rights", "Fachbereich")
    names = set(Agreement.objects.exclude(department="").values_list("department", flat=True))
    for name in sorted(names):
        found = Fachbereich.objects.filter(name=name, kommune__isnull=True).first()
        if found is None:
            found = Fachbereich.objects.create(name=name)
        Agreement.objects.filter(department=name).update(fachbereich=found)


def restore_triggers(apps: Any, schema_editor: Any) -> None:
    """The data-version triggers of 0003 on SQLite, where the table was made anew."""
    if schema_editor.connection.vendor != "sqlite":
        return
    agreement = apps.get_model("vereinbarung_register", "Agreement")._meta.db_table
    stamp = apps.get_model("vereinbarung_register", "Stamp")._meta.db_table
    for event in ("INSERT", "UPDATE", "DELETE"):
        schema_editor.execute(
            f'CREATE TRIGGER IF NOT EXISTS "{stamp}_{event.lower()}" AFTER {event} ON '
            f'"{agreement}" BEGIN UPDATE "{stamp}" SET "value" = "value" + 1; END'
        )


class Migration(migrations.Migration):
    dependencies = [  # noqa: RUF012
        ("vereinbarung_register", "0003_stamp"),
        ("vereinbarung_rights", "0001_initial"),
    ]

    operations = [  # noqa: RUF012
        migrations.RunPython(migrations.RunPython.noop, restore_triggers),  # when undone
        migrations.AddField(
            model_name="agreement",
            name="confidential",
            field=models.BooleanField(default=False, verbose_name="vertraulich"),
        ),
        migrations.AddField(
            model_name="agreement",
            name="fachbereich",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="agreements",
                to="vereinbarung_rights.fachbereich",
                verbose_name="Fachbereich (Rechte)",
            ),
        ),
        migrations.AddField(
            model_name="agreement",
            name="kommune",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="agreements",
                to="vereinbarung_rights.kommune",
            ),
        ),
        migrations.RunPython(restore_triggers, migrations.RunPython.noop),
        migrations.RunPython(link_departments, migrations.RunPython.noop),
    ]
