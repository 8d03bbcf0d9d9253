"""Which database the web tests use: SQLite (default) or a real PostgreSQL server.

``VEREINBARUNG_DATABASE_URL=postgresql://…`` runs the web tests against that server, each run in
its own database (``test_vereinbarung_<pid>_<random>``, created by pytest-django and dropped
afterwards), so that two runs on one server never meet. When no server answers, the run stops
with a German message. The PostgreSQL-only tests (:mod:`tests.web.test_postgres`) use
``VEREINBARUNG_TEST_POSTGRES_URL`` (default: the server of the project's machines and CI); with
``VEREINBARUNG_POSTGRES_TESTS=required`` (CI) a missing server fails them, else they are skipped
with the reason.
"""

from __future__ import annotations

import os
import secrets
from urllib.parse import urlsplit

import pytest

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"


def is_postgres(url: str) -> bool:
    return urlsplit(url).scheme in {"postgres", "postgresql", "pgsql"}


def postgres_url() -> str:
    return os.environ.get("VEREINBARUNG_TEST_POSTGRES_URL") or DEFAULT_URL


def required() -> bool:
    return os.environ.get("VEREINBARUNG_POSTGRES_TESTS", "") == "required"


def unreachable(url: str) -> str | None:
    """None when a PostgreSQL server answers at *url*, else the German reason."""
    host = urlsplit(url).hostname or ""
    if host not in {"127.0.0.1", "localhost", "::1"}:
        return f"PostgreSQL-Tests nur gegen 127.0.0.1, nicht gegen {host!r}."
    try:
        import psycopg
    except ImportError:
        return "psycopg fehlt: pip install '.[web]'."
    try:
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=3):
            return None
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"kein PostgreSQL-Server unter {host}:{urlsplit(url).port or 5432} ({first})."


def skip_or_fail_without_postgres(url: str) -> None:
    """In CI (required) fail, elsewhere skip – both with the reason."""
    reason = unreachable(url)
    if reason is None:
        return
    if required():
        pytest.fail(f"PostgreSQL verlangt (VEREINBARUNG_POSTGRES_TESTS=required): {reason}")
    pytest.skip(f"PostgreSQL-Tests übersprungen: {reason}")


def configure_run_database() -> None:
    """Give a PostgreSQL run its own test database; stop at once if no server answers."""
    url = os.environ.get("VEREINBARUNG_DATABASE_URL", "")
    if not is_postgres(url):
        return
    reason = unreachable(url)
    if reason is not None:
        pytest.exit(f"VEREINBARUNG_DATABASE_URL zeigt auf PostgreSQL, aber {reason}", returncode=3)
    from django.conf import settings

    name = f"test_vereinbarung_{os.getpid()}_{secrets.token_hex(4)}"
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = name
