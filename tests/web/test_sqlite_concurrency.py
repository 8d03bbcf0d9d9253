"""20 people saving at once on the default database, SQLite, served by two processes.

Two ``vereinbarung web`` servers on one data folder (one SQLite file), 20 people at once (ten
against each server): each logs in through the login page, then saves their own agreement ten
times, one save after the other as a browser would (the agreement's page and the list after
each): half through the Expertenansicht (YAML), half by recording an event (Ereignis
»Änderung«). Every save must be accepted (302 to the agreement), no request may answer 5xx
(before WAL, the busy timeout and ``BEGIN IMMEDIATE``: »database is locked«), and afterwards
each agreement has exactly its versions 1…11 with the last save's content (nothing lost).
SQLite locking: https://www.sqlite.org/lang_transaction.html, https://www.sqlite.org/wal.html.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import EXAMPLES
from .database import is_postgres
from .served import PREPARE, Browser, environment, log_in, log_tail, run_script, server, textarea

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(is_postgres(os.environ.get("VEREINBARUNG_DATABASE_URL", "")),
                       reason="SQLite-Test: läuft im SQLite-Durchgang"),
]  # fmt: skip

WRITERS = 20
ROUNDS = 10

VERSIONS = """
import json
from vereinbarung.web.command import setup
setup()
from vereinbarung.web.register.models import Agreement, Version
print(json.dumps({
    str(a.pk): {"numbers": list(Version.objects.filter(agreement=a).order_by("number")
                                .values_list("number", flat=True)),
                "version": a.version, "text": a.text}
    for a in Agreement.objects.all()
}))
"""


def form(i: int, pk: int) -> tuple[str, Callable[[int], dict[str, str]]]:
    """The address writer *i* posts to, and its form of round *n* (built on version *n*)."""
    if i < WRITERS // 2:
        return f"/vereinbarung/{pk}/yaml/", lambda n: {
            "text": f"title: Runde {n} ", "grund": f"Runde {n}", "version": str(n),
        }  # fmt: skip
    return f"/vereinbarung/{pk}/ereignis/", lambda n: {
        "typ": "amendment", "date": f"{n:02d}.03.2026", "effective": f"{n:02d}.04.2026",
        "text": f"Änderung Runde {n}", "aktion": "speichern", "version": str(n),
    }  # fmt: skip


def test_twenty_writers_in_two_processes_wait_instead_of_failing(tmp_path: Path) -> None:
    env = environment(tmp_path)
    prepared = json.loads(run_script(PREPARE, env, str(EXAMPLES), str(WRITERS)))
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    lock = threading.Lock()
    with server(env) as first, server(env) as second:
        start = threading.Barrier(WRITERS)

        def writer(i: int) -> None:
            pk = prepared["pks"][i]
            browser = Browser(first if i % 2 else second)
            path, fields = form(i, pk)
            start.wait(timeout=120)  # 20 people log in at once, then save one after the other
            status = log_in(browser, f"schreiber{i}", "schreiber-passwort-1")
            with lock:
                statuses[status] += 1
            page, hidden = browser.form_page(path)  # the CSRF token; the text of version 1
            text = textarea(page, "text") if path.endswith("yaml/") else ""
            for n in range(1, ROUNDS + 1):  # one save after the other, each on the last one
                posted = {**hidden, **fields(n)}
                if text:
                    posted["text"] = text.replace("title: ", posted["text"], 1)
                status, page = browser.request("POST", path, posted)
                with lock:
                    statuses[status] += 1
                    if status != 302:
                        failures.append(f"Schreiber {i}, Runde {n}: {status} {page[:300]}")
                if status == 302:  # as a browser does: the agreement's page, then the list
                    for shown in (browser.headers["Location"], "/"):
                        status, page = browser.request("GET", shown)
                        with lock:
                            statuses[status] += 1

        threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=600)
        assert not any(t.is_alive() for t in threads)
    assert statuses == Counter({302: WRITERS * (ROUNDS + 1), 200: 2 * WRITERS * ROUNDS}), (
        statuses,
        failures,
        log_tail(tmp_path),
    )
    stored = json.loads(run_script(VERSIONS, env))
    for i, pk in enumerate(prepared["pks"]):
        row = stored[str(pk)]
        assert row["numbers"] == list(range(1, ROUNDS + 2)), (i, row["numbers"])
        assert row["version"] == ROUNDS + 1
        if i < WRITERS // 2:
            assert f"title: Runde {ROUNDS} Nr. {i} " in row["text"]
        else:
            assert f"Änderung Runde {ROUNDS}" in row["text"]


def test_a_save_waits_while_another_process_holds_the_write_lock(tmp_path: Path) -> None:
    """The race of the load test made certain: another process (``remind``, an import, the
    second server) holds the write lock for two seconds while a save reads and then writes. With
    deferred transactions the two deadlock (the save holds a read lock and waits for the write
    lock, the other needs the save's read lock gone to commit), and SQLite breaks the deadlock
    by failing one of them with »database is locked« (https://www.sqlite.org/c3ref/
    busy_handler.html): the save (a 500) or the other process's write. ``BEGIN IMMEDIATE``
    takes no read lock before the write lock, and with the write-ahead log a commit does not
    wait for readers: both succeed, the save after waiting."""
    env = environment(tmp_path)
    prepared = json.loads(run_script(PREPARE, env, str(EXAMPLES), "1"))
    pk = prepared["pks"][0]
    with server(env) as port:
        browser = Browser(port, {"sessionid": prepared["sessions"][0]})
        path, fields = form(0, pk)
        page, hidden = browser.form_page(path)
        original = textarea(page, "text")
        posted = [{**hidden, **fields(n)} for n in (1, 2)]
        for form_ in posted:
            form_["text"] = original.replace("title: ", form_["text"], 1)
        status, page = browser.request("POST", path, posted[0])  # every module loaded, warm
        assert status == 302, page[:1000]
        holder = sqlite3.connect(tmp_path / "register.sqlite3", timeout=30,
                                 isolation_level=None, check_same_thread=False)  # fmt: skip
        try:
            holder.execute("BEGIN IMMEDIATE")
            committed: list[str] = []

            def commit() -> None:  # the other process finishes its write: it must not fail
                try:
                    holder.execute("COMMIT")
                except sqlite3.OperationalError as exc:
                    committed.append(str(exc))
                else:
                    committed.append("ok")

            release = threading.Timer(2.0, commit)
            release.start()
            started = time.monotonic()
            status, page = browser.request("POST", path, posted[1])
            waited = time.monotonic() - started
            release.join()
        finally:
            holder.close()
        assert committed == ["ok"]
        assert status == 302, page[:1000]
        assert waited >= 1.5
        status, page = browser.request("GET", f"/vereinbarung/{pk}/")
        assert "Runde 2" in page
