"""The watch over kept PostgreSQL connections (:mod:`vereinbarung.web.operation.stall_guard`):
a slow query on a server that answers is never cut; while the server is known not to answer, a
new connection fails at once (no ``connect_timeout`` wait). The cut itself, behind a TCP relay
that stops passing anything, is tested end to end against a real server in
``tests/web/test_outage.py`` (connections are kept by default)."""

from __future__ import annotations

import os
import threading
import time

import pytest
from django.db import OperationalError, connections

from vereinbarung.web.operation import stall_guard

from .database import is_postgres

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not is_postgres(os.environ.get("VEREINBARUNG_DATABASE_URL", "")),
        reason="PostgreSQL-Test: läuft im PostgreSQL-Durchgang (VEREINBARUNG_DATABASE_URL)",
    ),
]


def test_a_slow_query_on_a_server_that_answers_is_not_cut() -> None:
    outcome: dict[str, object] = {}

    def slow() -> None:
        wrapper = connections["default"]
        with stall_guard._lock:
            stall_guard._running[threading.get_ident()] = (time.monotonic(), wrapper)
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("SELECT pg_sleep(2.5), 42")
                outcome["value"] = cursor.fetchone()
        except Exception as exc:  # reported to the test
            outcome["error"] = exc
        finally:
            with stall_guard._lock:
                stall_guard._running.pop(threading.get_ident(), None)
            wrapper.close()

    worker = threading.Thread(target=slow)
    worker.start()
    time.sleep(stall_guard.NOTICE + 0.2)
    assert stall_guard.look() == 0  # the probe got its answer: nothing cut
    assert not stall_guard.down()
    worker.join(10)
    assert outcome.get("value") == ("", 42), outcome


def test_while_the_server_is_known_not_to_answer_connecting_fails_at_once() -> None:
    wrapper = connections["default"]
    wrapper.close()
    stall_guard._down.set()
    try:
        started = time.monotonic()
        with pytest.raises(OperationalError):
            wrapper.ensure_connection()
        assert time.monotonic() - started < 0.5
        assert stall_guard.answers()  # the server does answer: the watch would clear it
    finally:
        stall_guard._down.clear()
    wrapper.ensure_connection()
    assert wrapper.connection is not None
