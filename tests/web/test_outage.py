"""Outages of the database, against real ``vereinbarung web`` servers: ``/health`` answers 503
within 5 s, a page answers the German 503 page (no details, ``Retry-After``), and both recover.

- SQLite: another process holds the write lock (``BEGIN IMMEDIATE``): health 503, pages that
  only read go on (write-ahead log), a save waits ``VEREINBARUNG_DB_TIMEOUT`` and gets the 503
  page.
- PostgreSQL (127.0.0.1:5432, a fresh database each): a second connection holds table locks
  (statement timeout), the sessions' table too: even the error page must not ask the database
  (before: the request waited for ever; with a timeout alone, the page of the error would have
  failed in turn and waitress answered its English »Internal Server Error«); the server stops answering behind a TCP relay that passes nothing
  (connect timeout; the check runs in a thread of its own and the request waits at most 4 s).
- Any other fault: the German 500 page, without the exception's text.

Before issue 20 the health check waited as long as the database did (PostgreSQL: for ever)
and answered 200 while SQLite's write lock was held; a page during an outage answered 500.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.test import Client, override_settings
from django.urls import path

from vereinbarung.web import urls as register_urls

from .conftest import EXAMPLES
from .database import is_postgres, postgres_url, skip_or_fail_without_postgres
from .served import (
    HOST,
    PREPARE,
    Browser,
    environment,
    fresh_postgres_database,
    get,
    run_script,
    server,
    textarea,
)

pytestmark = pytest.mark.slow
#: The SQLite servers' tests run once, in the SQLite pass (CI runs tests/web again on PostgreSQL).
sqlite_pass_only = pytest.mark.skipif(
    is_postgres(os.environ.get("VEREINBARUNG_DATABASE_URL", "")),
    reason="SQLite-Test: läuft im SQLite-Durchgang",
)

LIMIT = 5.0  # seconds: the monitor's patience
DETAILS = ("Traceback", "OperationalError", "QueryCanceled", "locked", "statement timeout",
           "Internal Server Error", "Server Error (500)", "psycopg", "sqlite")  # fmt: skip


def assert_german_503(status: int, text: str, headers: dict[str, str]) -> None:
    assert status == 503, text[:1000]
    assert 'lang="de"' in text
    assert "Vorübergehend nicht erreichbar" in text
    assert "Die Datenbank des Registers antwortet gerade nicht." in text
    assert not [d for d in DETAILS if d.lower() in text.lower()], text
    assert headers.get("Retry-After") == "30"


def assert_health(port: int, expected: int) -> dict[str, Any]:
    status, text, _, seconds = get(port, "/health")
    assert status == expected, text
    assert seconds < LIMIT, seconds
    body: dict[str, Any] = json.loads(text)
    assert body["status"] == ("ok" if expected == 200 else "fehler"), body
    return body


def save_yaml(browser: Browser, pk: int, title: str) -> tuple[int, str]:
    page, fields = browser.form_page(f"/vereinbarung/{pk}/yaml/")
    text = textarea(page, "text").replace("title: ", f"title: {title} ", 1)
    return browser.request("POST", f"/vereinbarung/{pk}/yaml/", {**fields, "text": text})


# -- SQLite -----------------------------------------------------------------------------------


@pytest.fixture
def sqlite_site(tmp_path: Path) -> Iterator[tuple[int, dict[str, Any], Path]]:
    """A server on a fresh SQLite register (one agreement), saves waiting at most 2 s."""
    env = environment(tmp_path, VEREINBARUNG_DB_TIMEOUT="2")
    prepared = json.loads(run_script(PREPARE, env, str(EXAMPLES), "1"))
    with server(env) as port:
        yield port, prepared, tmp_path / "register.sqlite3"


@sqlite_pass_only
def test_sqlite_write_lock_held_health_503_reading_goes_on_saving_503(
    sqlite_site: tuple[int, dict[str, Any], Path],
) -> None:
    port, prepared, file = sqlite_site
    pk = prepared["pks"][0]
    browser = Browser(port, {"sessionid": prepared["sessions"][0]})
    assert_health(port, 200)
    holder = sqlite3.connect(file, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another process writing (and not finishing)
        body = assert_health(port, 503)
        assert body["fehler"] == "Datenbank antwortet nicht: OperationalError"
        status, page = browser.request("GET", f"/vereinbarung/{pk}/")
        assert status == 200, page[:500]  # readers never wait for a writer (WAL)
        status, page = save_yaml(browser, pk, "Während der Sperre")
        assert_german_503(status, page, browser.headers)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_health(port, 200)
    status, page = save_yaml(browser, pk, "Nach der Sperre")
    assert status == 302, page[:1000]


def test_bad_timeout_setting_is_refused_in_german(tmp_path: Path) -> None:
    import subprocess
    import sys

    env = environment(tmp_path, VEREINBARUNG_DB_TIMEOUT="zehn")
    done = subprocess.run([sys.executable, "-m", "vereinbarung", "web", "check-deploy"], env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 2
    assert "VEREINBARUNG_DB_TIMEOUT: »zehn« ist keine Zahl von Sekunden von 1 bis 600." in (
        done.stderr
    )
    assert "Traceback" not in done.stderr


# -- any other fault: 500 --------------------------------------------------------------------


def failing_view(request: Any) -> Any:  # noqa: ARG001
    raise RuntimeError("geheimes Detail /srv/register 42")


# this module as the URLconf of the next test: the register's addresses (and its handler500)
# and one that fails like a fault of the register would
urlpatterns = [*register_urls.urlpatterns, path("kaputt", failing_view)]
handler500 = register_urls.handler500


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_any_other_fault_is_the_german_500_page_without_details() -> None:
    response = Client(raise_request_exception=False).get("/kaputt")
    text = response.content.decode()
    assert response.status_code == 500
    assert 'lang="de"' in text
    assert "Interner Fehler" in text
    assert "Ein interner Fehler ist aufgetreten." in text
    assert not [d for d in ("geheim", "RuntimeError", "Traceback") if d in text]
    assert "Retry-After" not in response.headers


# -- PostgreSQL -------------------------------------------------------------------------------


@pytest.fixture
def postgres_site(tmp_path: Path) -> Iterator[tuple[int, dict[str, Any], str]]:
    """A server on a fresh PostgreSQL database (one agreement), statements limited to 2 s."""
    url = postgres_url()
    skip_or_fail_without_postgres(url)
    with fresh_postgres_database(url) as database:
        env = environment(tmp_path, VEREINBARUNG_DATABASE_URL=database,
                          VEREINBARUNG_DB_TIMEOUT="2")  # fmt: skip
        prepared = json.loads(run_script(PREPARE, env, str(EXAMPLES), "1"))
        with server(env) as port:
            yield port, prepared, database


def test_postgres_table_locks_health_503_and_the_page_503(
    postgres_site: tuple[int, dict[str, Any], str],
) -> None:
    port, prepared, database = postgres_site
    browser = Browser(port, {"sessionid": prepared["sessions"][0]})
    assert_health(port, 200)
    with psycopg.connect(database) as holder:  # a transaction stays open until the end
        holder.execute("LOCK TABLE vereinbarung_register_agreement IN ACCESS EXCLUSIVE MODE")
        body = assert_health(port, 503)
        assert body["fehler"] == "Datenbank antwortet nicht: OperationalError"
        holder.execute("LOCK TABLE django_session IN ACCESS EXCLUSIVE MODE")
        status, page = browser.request("GET", "/")
        assert_german_503(status, page, browser.headers)
        status, page = browser.request("GET", "/gibt-es-nicht/")  # the 404 page asks for the user
        assert_german_503(status, page, browser.headers)
        holder.rollback()
    assert_health(port, 200)
    status, page = browser.request("GET", "/")
    assert status == 200, page[:500]


class Relay:
    """A TCP relay to PostgreSQL on 127.0.0.1:5432 that can stop passing anything on (a server
    that accepts connections and never answers, or a network that stalls)."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.passing = threading.Event()
        self.passing.set()
        self.listener = socket.create_server((HOST, 0))
        self.port = int(self.listener.getsockname()[1])
        self.sockets: list[socket.socket] = [self.listener]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                self.passing.wait()
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                s.close()

    def close(self) -> None:
        self.passing.set()
        for s in self.sockets:
            s.close()


@pytest.fixture
def relayed_site(tmp_path: Path) -> Iterator[tuple[int, dict[str, Any], Relay]]:
    """A server on a fresh PostgreSQL database reached through a :class:`Relay` (one
    agreement); the port, the prepared sessions and the relay."""
    url = postgres_url()
    skip_or_fail_without_postgres(url)
    from urllib.parse import urlsplit, urlunsplit

    with fresh_postgres_database(url) as database:
        parts = urlsplit(database)
        relay = Relay((parts.hostname or HOST, parts.port or 5432))
        try:
            relayed = urlunsplit(parts._replace(netloc=f"{parts.username}@{HOST}:{relay.port}"))
            env = environment(tmp_path, VEREINBARUNG_DATABASE_URL=relayed)
            prepared = json.loads(run_script(PREPARE, env, str(EXAMPLES), "1"))
            with server(env) as port:
                yield port, prepared, relay
        finally:
            relay.close()


def test_postgres_server_that_stops_answering_health_503_within_5_s(
    relayed_site: tuple[int, dict[str, Any], Relay],
) -> None:
    port, _, relay = relayed_site
    assert_health(port, 200)
    relay.passing.clear()  # from now on nothing comes back
    assert_health(port, 503)
    assert_health(port, 503)  # and again: no request waits longer
    relay.passing.set()
    assert_health(port, 200)


def test_postgres_that_stalls_after_pages_were_served_answers_503_not_never(
    relayed_site: tuple[int, dict[str, Any], Relay],
) -> None:
    # The server threads have served pages (with kept connections they would each hold one);
    # then the database stops answering. A page must not wait for ever on such a connection:
    # it answers the German 503 page within the monitor's patience, and recovers.
    port, prepared, relay = relayed_site
    browser = Browser(port, {"sessionid": prepared["sessions"][0]})
    for _ in range(12):  # more requests than the server has threads
        status, page = browser.request("GET", "/")
        assert status == 200, page[:300]
    relay.passing.clear()  # from now on nothing comes back
    for _ in range(2):
        started = time.monotonic()
        status, page = browser.request("GET", "/")
        assert time.monotonic() - started < LIMIT
        assert_german_503(status, page, browser.headers)
    relay.passing.set()
    status, page = browser.request("GET", "/")
    assert status == 200, page[:300]
