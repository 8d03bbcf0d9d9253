"""The register's data version: a one-row table counted up by triggers on every agreement change.

SQLite: a row trigger each for INSERT, UPDATE and DELETE. PostgreSQL: one statement trigger for
INSERT, UPDATE, DELETE and TRUNCATE. The count is made in the writing transaction, so it becomes
visible together with the change (never before it). Other databases get no triggers; the page
caches then stay off (:mod:`vereinbarung.web.register.stamp`).
"""

import secrets
from typing import Any

from django.db import migrations, models

EVENTS = ("INSERT", "UPDATE", "DELETE")


def _tables(apps: Any) -> tuple[str, str]:
    agreement = apps.get_model("vereinbarung_register", "Agreement")._meta.db_table
    stamp = apps.get_model("vereinbarung_register", "Stamp")._meta.db_table
    return agreement, stamp


def create_triggers(apps: Any, schema_editor: Any) -> None:
    agreement, stamp = _tables(apps)
    apps.get_model("vereinbarung_register", "Stamp").objects.create(
        pk=1, token=secrets.token_hex(8), value=0
    )
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for event in EVENTS:
            schema_editor.execute(
                f'CREATE TRIGGER "{stamp}_{event.lower()}" AFTER {event} ON "{agreement}" '
                f'BEGIN UPDATE "{stamp}" SET "value" = "value" + 1; END'
            )
    elif vendor == "postgresql":
        schema_editor.execute(
            f'CREATE OR REPLACE FUNCTION "{stamp}_count"() RETURNS trigger LANGUAGE plpgsql AS '
            f'$body$ BEGIN UPDATE "{stamp}" SET "value" = "value" + 1; RETURN NULL; END $body$'
        )
        schema_editor.execute(
            f'CREATE TRIGGER "{stamp}_count" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
            f'ON "{agreement}" FOR EACH STATEMENT EXECUTE FUNCTION "{stamp}_count"()'
        )


def drop_triggers(apps: Any, schema_editor: Any) -> None:
    agreement, stamp = _tables(apps)
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for event in EVENTS:
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{stamp}_{event.lower()}"')
    elif vendor == "postgresql":
        schema_editor.execute(f'DROP TRIGGER IF EXISTS "{stamp}_count" ON "{agreement}"')
        schema_editor.execute(f'DROP FUNCTION IF EXISTS "{stamp}_count"()')


class Migration(migrations.Migration):
    dependencies = [("vereinbarung_register", "0002_register_fields_in_file")]  # noqa: RUF012

    operations = [  # noqa: RUF012
        migrations.CreateModel(
            name="Stamp",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=32)),
                ("value", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "Datenstand"},
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
