"""The cache table of the rate-limit counters (Django's database cache, ``createcachetable``).

The counters live in the register's database, so every app process behind the proxy counts the
same requests of an address. The table is Django's own database-cache table; the migration
creates it where the database is set up anyway (``vereinbarung web`` migrates at start).
"""

from __future__ import annotations

import io
from typing import Any

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "vereinbarung_rate_limits"


def create(apps: Any, schema_editor: Any) -> None:  # noqa: ARG001
    command = CreateCacheTable(stdout=io.StringIO())
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, False)


def drop(apps: Any, schema_editor: Any) -> None:  # noqa: ARG001
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = []  # noqa: RUF012
    operations = [migrations.RunPython(create, drop)]  # noqa: RUF012
