"""``/health``: for monitoring; no login, no data beyond counts; 503 within 5 s in an outage.

The database is asked as a save would ask it, with a limit of :data:`LIMIT` seconds:

- SQLite (a local file: it stalls only on a lock): in the request's own connection, with the
  busy timeout lowered to the limit for the check, ``BEGIN IMMEDIATE`` (the write lock a save
  takes, :mod:`vereinbarung.web.settings`) and the number of agreements; a held lock is a 503.
- PostgreSQL (a server over the network: it may stall anywhere, also in the middle of an
  answer, where no server-side timeout helps): in a thread of its own with a new connection
  (``connect_timeout``), ``SET LOCAL statement_timeout`` and the count; the request waits at
  most :data:`WAIT` for the thread. While a stalled check still runs, the next one answers 503 at
  once instead of starting another thread.

Sources: Django, »Database access optimization« and ``CONN_HEALTH_CHECKS``; PostgreSQL 16,
19.11.2 (``statement_timeout``); libpq 34.1.2 (``connect_timeout``); SQLite ``busy_timeout``.
"""

from __future__ import annotations

import threading
from typing import Any

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse

import vereinbarung
from vereinbarung.web import clock

#: Seconds a statement of the check may wait (for a lock, for an answer).
LIMIT = 3.0
#: Seconds the request waits for the PostgreSQL check: the monitor's limit is 5 s.
WAIT = 4.0

_running = threading.Lock()  # held while a PostgreSQL check runs (it may outlive its request)


def health(request: HttpRequest) -> HttpResponse:  # noqa: ARG001
    """200 with ``{"status": "ok", …}`` when the database answers within the limit, else 503."""
    body: dict[str, object] = {
        "status": "ok", "version": vereinbarung.__version__, "datenbank": connection.vendor,
        "zeit": clock.now().isoformat(timespec="seconds"),
    }  # fmt: skip
    try:
        body["vereinbarungen"] = _count_on_sqlite() if connection.vendor == "sqlite" else (
            _count_in_thread()
        )  # fmt: skip
    except Exception as exc:  # any database failure is what the monitor must see
        body.update(status="fehler", fehler=f"Datenbank antwortet nicht: {type(exc).__name__}")
        response = JsonResponse(body, status=503, json_dumps_params={"ensure_ascii": False})
        response["Retry-After"] = "30"
        return response
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


def _count() -> int:
    from vereinbarung.web.register.models import Agreement

    return Agreement.objects.count()


def _count_on_sqlite() -> int:
    milliseconds = int(LIMIT * 1000)
    if connection.connection is None:  # a new connection: its first statements wait the limit
        configured = connection.settings_dict  # shared by every thread: replaced, not changed
        connection.settings_dict = {
            **configured, "OPTIONS": {**configured.get("OPTIONS", {}), "timeout": LIMIT}
        }  # fmt: skip
        try:
            connection.ensure_connection()
        finally:
            connection.settings_dict = configured
    usual = int(float(connection.settings_dict.get("OPTIONS", {}).get("timeout", 5)) * 1000)
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA busy_timeout = {milliseconds}")
    try:
        with transaction.atomic():  # BEGIN IMMEDIATE: waits for the write lock like a save
            return _count()
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {usual}")


def _count_in_thread() -> int:
    if not _running.acquire(blocking=False):
        raise TimeoutError("Die vorige Prüfung wartet noch auf die Datenbank.")
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def check() -> None:
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(f"SET LOCAL statement_timeout = {int(LIMIT * 1000)}")
                outcome["count"] = _count()
        except Exception as exc:  # handed to the request, raised there
            outcome["error"] = exc
        finally:
            try:
                connection.close()  # this thread's own connection, never kept
            finally:
                _running.release()
                done.set()

    threading.Thread(target=check, name="health", daemon=True).start()
    if not done.wait(WAIT):
        raise TimeoutError(f"Keine Antwort der Datenbank nach {WAIT:g} s.")
    if "error" in outcome:
        raise outcome["error"]
    return int(outcome["count"])
