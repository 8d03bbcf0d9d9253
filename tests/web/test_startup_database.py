"""`vereinbarung web` against a database that does not answer: a German message, no traceback.

The server is started as a person would start it (a subprocess), pointed at a PostgreSQL port
where nothing listens and at a database that does not exist on the machine's server (skipped
where no server runs). Exit code 1 (the settings are right, the service is not there), the
message names the server and says in German why, without a password or libpq's English text.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from tests.web.database import postgres_url, skip_or_fail_without_postgres


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(tmp_path: Path, url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VEREINBARUNG_DATA": str(tmp_path), "VEREINBARUNG_DATABASE_URL": url}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "vereinbarung", "web", "--port", str(_free_port())],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_no_server_at_the_address_is_said_in_german(tmp_path: Path) -> None:
    port = _free_port()  # nothing listens there once the probe is closed
    result = _start(tmp_path, f"postgresql://vereinbarung:geheim123@127.0.0.1:{port}/register")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"Die Datenbank antwortet nicht (PostgreSQL-Server 127.0.0.1:{port}): " in result.stderr
    assert "Verbindung abgelehnt" in result.stderr
    assert "geheim123" not in result.stderr
    assert "connection" not in result.stderr.lower()


def test_a_database_that_does_not_exist_is_said_in_german(tmp_path: Path) -> None:
    skip_or_fail_without_postgres(postgres_url())
    base = postgres_url().rsplit("/", 1)[0]
    result = _start(tmp_path, f"{base}/gibt_es_nicht_{os.getpid()}")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "diese Datenbank oder dieser Benutzer existiert nicht" in result.stderr
