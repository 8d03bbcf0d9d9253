"""The register on a real PostgreSQL server (127.0.0.1:5432): migrations, saving, the reminder
lock between two processes. Each test works in its own database, dropped afterwards.

Without a server these tests are skipped with the reason; in CI
(``VEREINBARUNG_POSTGRES_TESTS=required``) they fail. The whole web suite runs a second time on
PostgreSQL in CI (``VEREINBARUNG_DATABASE_URL=postgresql://… pytest tests/web``).
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from .conftest import EXAMPLES
from .database import postgres_url, skip_or_fail_without_postgres

pytestmark = pytest.mark.slow


@pytest.fixture
def database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database; its URL. Dropped afterwards."""
    url = postgres_url()
    skip_or_fail_without_postgres(url)
    import psycopg

    name = f"vereinbarung_pg_{os.getpid()}_{secrets.token_hex(4)}"
    admin = url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(admin)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def web(url: str, data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VEREINBARUNG_DATABASE_URL": url, "VEREINBARUNG_DATA": str(data)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [sys.executable, "-m", "vereinbarung", "web", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


def test_migrate_save_backup_restore_on_postgresql(database: str, tmp_path: Path) -> None:
    done = web(database, tmp_path, "import-files", str(EXAMPLES))
    assert done.returncode == 0, done.stderr
    assert "Neu: 7" in done.stdout
    done = web(database, tmp_path, "backup", str(tmp_path / "sicherung"))
    assert done.returncode == 0, done.stderr
    assert "7 Vereinbarungen" in done.stdout
    done = web(database, tmp_path, "restore", str(tmp_path / "sicherung"))
    assert done.returncode != 0
    assert "nicht leer" in done.stderr


def test_two_remind_processes_at_once_send_nothing_twice(database: str, tmp_path: Path) -> None:
    from .test_reminders import two_processes_send_each_reminder_once

    env = {**os.environ, "VEREINBARUNG_DATABASE_URL": database, "VEREINBARUNG_DATA": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    # both processes migrate the empty database at once: migrate it first, as an update would
    done = web(database, tmp_path, "remind", "--dry-run")
    assert done.returncode == 0, done.stderr
    two_processes_send_each_reminder_once(env)
