"""Cuts the PostgreSQL connections of requests that wait on a database server that stopped answering.

PostgreSQL's ``statement_timeout`` runs on the server: a server that hangs (accepts, never
answers) or a network that stalls leaves a request waiting in the middle of a query for ever,
and with it one of waitress's threads – on a connection kept from an earlier request
(``CONN_MAX_AGE``) as on a new one. Such requests are found by a watch thread of the process:
when a request has run for :data:`NOTICE` seconds, the watch asks the server on a connection of
its own (libpq ``connect_timeout``, the answer awaited at most :data:`PROBE` seconds, as
``/health`` does). When no answer comes, it shuts down the sockets of the requests that were
already waiting; each of them ends with the ``OperationalError`` of a lost connection, which
:mod:`vereinbarung.web.operation.errors` answers with the German 503 page – within about
``NOTICE + PROBE`` seconds. A server that answers the probe is slow, not hung: nothing is cut
(its ``statement_timeout`` bounds slow queries). Django then drops the broken connection
(``CONN_HEALTH_CHECKS``) and the next request connects anew.

So connections can be kept between requests, which the start page needs under load (issue 26,
``benchmarks/load_rights.py``), without a hung server holding the register (issue 20).

Sources: libpq 34.1.2 (``connect_timeout``); POSIX ``shutdown()`` (a thread blocked in
``poll``/``recv`` on the socket wakes with end of file); Django, »Persistent connections«
(``CONN_MAX_AGE``, ``CONN_HEALTH_CHECKS``).
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import connections
from django.http import HttpRequest, HttpResponse

#: Seconds a request runs before the watch asks the server whether it still answers.
NOTICE = 1.0
#: Seconds the watch waits for the server's answer on a connection of its own.
PROBE = 2.0
#: Seconds between two looks of the watch at the running requests.
TICK = 0.25

_lock = threading.Lock()
_running: dict[int, tuple[float, Any]] = {}  # thread → (start of its request, its connection)
_watch: threading.Thread | None = None
_down = threading.Event()  # set: the last probe found the server not answering


class StallGuard:
    """Middleware: registers each request with the watch (PostgreSQL only)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.active = connections["default"].vendor == "postgresql"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.active:
            return self.get_response(request)
        _start_watch()
        if _down.is_set():
            if answers():
                _down.clear()
            else:  # a kept connection would hang in its health check: dropped unused
                _drop(connections["default"])
        key = threading.get_ident()
        with _lock:
            _running[key] = (time.monotonic(), connections["default"])
        try:
            return self.get_response(request)
        finally:
            with _lock:
                _running.pop(key, None)


def _start_watch() -> None:
    global _watch
    with _lock:
        if _watch is None or not _watch.is_alive():
            _watch = threading.Thread(target=_look_forever, name="stall-guard", daemon=True)
            _watch.start()


def _look_forever() -> None:
    while True:
        time.sleep(TICK)
        look()


def look() -> int:
    """One look of the watch: the number of requests whose connection it cut."""
    now = time.monotonic()
    with _lock:
        waiting = [(key, start) for key, (start, _) in _running.items() if now - start >= NOTICE]
    if not waiting:
        return 0
    if not _down.is_set() and answers():
        time.sleep(NOTICE)  # a slow request on a server that answers: ask again later
        return 0
    _down.set()
    cut = 0
    with _lock:
        for key, start in waiting:
            entry = _running.get(key)
            if entry is not None and entry[0] == start and _cut(entry[1]):
                cut += 1
    return cut


def down() -> bool:
    """Whether the last probe found the server not answering (new connections fail at once,
    :mod:`vereinbarung.web.operation.postgresql`)."""
    return _down.is_set()


class _Probe:
    """One probe: a new connection and ``SELECT 1`` in a thread of its own."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.ok = False
        self.raw: Any = None
        threading.Thread(target=self._run, name="stall-guard-probe", daemon=True).start()

    def _run(self) -> None:
        try:
            from django.db.backends.postgresql.base import DatabaseWrapper  # psycopg: here only

            wrapper = connections["default"]  # this thread's own, never connected itself
            params = wrapper.get_connection_params()
            self.raw = DatabaseWrapper.get_new_connection(wrapper, params)  # past the refusal
            try:
                self.raw.execute("SELECT 1")
                self.ok = True
            finally:
                self.raw.close()
        except Exception:  # any failure: the server does not answer
            self.ok = False
        finally:
            self.done.set()


_probe: _Probe | None = None


def answers() -> bool:
    """Whether the database server answers ``SELECT 1`` on a new connection within
    :data:`PROBE` seconds. Callers at the same time share one probe; a probe that got its
    connection but no answer is cut (so none hangs for ever), one still connecting ends with
    libpq's ``connect_timeout``."""
    global _probe
    with _lock:
        if _probe is None or _probe.done.is_set():
            _probe = _Probe()
        probe = _probe
    if probe.done.wait(PROBE):
        return probe.ok
    raw = probe.raw
    if raw is not None:
        with contextlib.suppress(Exception):
            _shut(raw.pgconn.socket)
    return False


def _drop(wrapper: Any) -> None:
    """Forget *wrapper*'s kept connection without asking the server (its socket shut down)."""
    if _cut(wrapper):
        with contextlib.suppress(Exception):  # a connection cut: closing may fail
            wrapper.close()
        wrapper.connection = None


def _cut(wrapper: Any) -> bool:
    """Shut down the socket of *wrapper*'s open connection; whether there was one."""
    raw = getattr(wrapper, "connection", None)
    if raw is None:
        return False
    try:
        descriptor = raw.pgconn.socket
    except Exception:  # closed meanwhile: nothing to cut
        return False
    return _shut(descriptor)


def _shut(descriptor: int) -> bool:
    """``shutdown()`` of the socket *descriptor* (through a duplicate; the owner closes it)."""
    try:
        with socket.socket(fileno=os.dup(descriptor)) as handle:
            handle.shutdown(socket.SHUT_RDWR)
    except OSError:
        return False
    return True
