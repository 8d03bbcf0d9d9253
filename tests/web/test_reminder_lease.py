"""A ``remind`` process killed while sending, end to end: it leaves its reminder »sendet«; the
next run leaves that row alone while the lease lasts (another run might be sending it), and
once the lease is over two runs at the same time send it exactly once, and nothing twice.

Real processes (``python -m vereinbarung web remind``), a real SMTP server on 127.0.0.1 that
holds the first message unanswered until the sender is killed, and the database of the pass:
an SQLite file, or with ``VEREINBARUNG_DATABASE_URL=postgresql://…`` a fresh PostgreSQL
database of its own (dropped afterwards).
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from .conftest import EXAMPLES
from .database import is_postgres, skip_or_fail_without_postgres
from .smtp import Mailbox, smtp_server
from .test_reminders import SETUP, run_two_at_once

pytestmark = pytest.mark.slow

DAY = "2026-11-21"

ROWS = """
import datetime as dt, json, sys
from vereinbarung.web.command import setup
setup()
from vereinbarung.web.reminders.models import Reminder
if sys.argv[1:] == ["zurueckdatieren"]:  # the dead run claimed its row 20 minutes ago
    for row in Reminder.objects.filter(status=Reminder.SENDING):
        row.claimed -= dt.timedelta(minutes=20)
        row.save(update_fields=["claimed"])
print(json.dumps([
    {"to": r.user.email, "subject": r.subject, "status": r.status, "attempts": r.attempts,
     "error": r.error, "claimed": r.claimed.isoformat() if r.claimed else None}
    for r in Reminder.objects.select_related("user").order_by("pk")
]))
"""


@pytest.fixture
def env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of the ``remind`` processes: an SQLite file in *tmp_path*, or in the
    PostgreSQL pass a fresh database on the same server."""
    env = {**os.environ, "VEREINBARUNG_DATA": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    url = os.environ.get("VEREINBARUNG_DATABASE_URL", "")
    if not is_postgres(url):
        env.pop("VEREINBARUNG_DATABASE_URL", None)
        yield env
        return
    skip_or_fail_without_postgres(url)
    import psycopg

    admin = url.replace("postgres://", "postgresql://", 1)
    name = f"vereinbarung_lease_{os.getpid()}_{secrets.token_hex(4)}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**env, "VEREINBARUNG_DATABASE_URL": urlunsplit(
            urlsplit(admin)._replace(path=f"/{name}")
        )}  # fmt: skip
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def rows(env: dict[str, str], *args: str) -> list[dict[str, Any]]:
    done = subprocess.run([sys.executable, "-c", ROWS, *args], env=env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    found: list[dict[str, Any]] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def sent(box: Mailbox) -> list[tuple[str, str]]:
    return [(str(m["To"]), str(m["Subject"]).strip()) for m in box.messages]


def kill_while_sending(env: dict[str, str], box: Mailbox) -> None:
    """Start ``remind``, wait until the server holds its first message, kill it (SIGKILL)."""
    box.stall = True
    command = [sys.executable, "-m", "vereinbarung", "web", "remind", "--on", DAY]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)  # fmt: skip
    deadline = time.monotonic() + 120
    while box.stalled == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.kill()
    _, err = process.communicate(timeout=60)
    box.stall = False
    assert box.stalled == 1, err
    assert not box.messages


def test_killed_run_leaves_sending_taken_back_once_after_the_lease(env: dict[str, str]) -> None:
    setup = subprocess.run([sys.executable, "-c", SETUP, str(EXAMPLES)], env=env,
                           capture_output=True, text=True, timeout=300)  # fmt: skip
    assert setup.returncode == 0, setup.stderr
    with smtp_server() as box:
        env = {**env, "VEREINBARUNG_SMTP_HOST": "127.0.0.1",
               "VEREINBARUNG_SMTP_PORT": str(box.port)}  # fmt: skip
        kill_while_sending(env, box)
        (stuck,) = rows(env)
        assert (stuck["status"], stuck["attempts"], stuck["error"]) == ("sendet", 0, "")
        assert stuck["claimed"]

        # right after: the row may still be in flight elsewhere, the rest goes out
        done = subprocess.run(
            [sys.executable, "-m", "vereinbarung", "web", "remind", "--on", DAY],
            env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        after = rows(env)
        assert after[0] == stuck
        assert {r["status"] for r in after[1:]} == {"gesendet"}
        assert len(after) % 4 == 0  # four users, the same reminders each
        assert (stuck["to"], stuck["subject"]) not in sent(box)
        assert sorted(sent(box)) == sorted((r["to"], r["subject"]) for r in after[1:])
        assert f"{len(after) - 1} gesendet" in done.stdout

        # 20 minutes later (the claim moved back): two runs at once send it once
        rows(env, "zurueckdatieren")
        results = run_two_at_once(env, DAY)
        for result in results:
            assert result.returncode == 0, result.stderr
        said = [
            r.stdout for r in results if "1 Erinnerung nach Abbruch erneut gesendet." in r.stdout
        ]
        assert len(said) == 1, [r.stdout for r in results]  # the run that took it back says so
        assert len(sent(box)) == len(set(sent(box))) == len(after)
        assert sent(box)[-1] == (stuck["to"], stuck["subject"])
        final = rows(env)
        assert {r["status"] for r in final} == {"gesendet"}
        assert final[0]["attempts"] == 2
        assert final[0]["error"].startswith("Nach Abbruch erneut gesendet (abgebrochen: ")

        # and again: nothing
        for result in run_two_at_once(env, DAY):
            assert result.returncode == 0, result.stderr
            assert "0 gesendet" in result.stdout, result.stdout
        assert len(box.messages) == len(after)
