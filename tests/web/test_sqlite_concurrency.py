"""20 people saving at once on the default database, SQLite, served by two processes.

Two ``vereinbarung web`` servers on one data folder (one SQLite file), 20 writers at once (ten
against each server), each saving its own agreement through the real pages five times: half
through the Expertenansicht (YAML), half by recording an event (Ereignis »Änderung«). Every save
must be accepted (302 to the agreement), none may answer 5xx (before WAL, the busy timeout and
``BEGIN IMMEDIATE``: »database is locked«, 10 of 20 with two processes), and afterwards each
agreement has exactly its versions 1…6 with the last save's content (nothing lost).
SQLite locking: https://www.sqlite.org/lang_transaction.html, https://www.sqlite.org/wal.html.
"""

from __future__ import annotations

import json
import os
import threading
from collections import Counter
from pathlib import Path

import pytest

from .conftest import EXAMPLES
from .database import is_postgres
from .served import Browser, environment, log_tail, run_script, server, textarea

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(is_postgres(os.environ.get("VEREINBARUNG_DATABASE_URL", "")),
                       reason="SQLite-Test: läuft im SQLite-Durchgang"),
]  # fmt: skip

WRITERS = 20
ROUNDS = 5

SETUP = """
import json, sys
from pathlib import Path
from vereinbarung.web.command import setup
setup()
from django.contrib.auth import get_user_model
from django.test import Client
from vereinbarung.web.accounts.roles import BEARBEITEN, create_user
from vereinbarung.web.register import services
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.yaml"))]
pks, sessions = [], []
for i in range(int(sys.argv[2])):
    user = create_user(f"schreiber{i}", "schreiber-passwort-1", BEARBEITEN)
    text = texts[i % len(texts)].replace("title: ", f"title: Nr. {i} ", 1)
    pks.append(services.create(text).pk)
    client = Client()
    client.force_login(user)
    sessions.append(client.cookies["sessionid"].value)
print(json.dumps({"pks": pks, "sessions": sessions}))
"""

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


def edit_yaml(browser: Browser, pk: int, round_: int) -> int:
    page, fields = browser.form_page(f"/vereinbarung/{pk}/yaml/")
    text = textarea(page, "text").replace("title: ", f"title: Runde {round_} ", 1)
    status, _ = browser.request("POST", f"/vereinbarung/{pk}/yaml/",
                                {**fields, "text": text, "grund": f"Runde {round_}"})  # fmt: skip
    return status


def record_event(browser: Browser, pk: int, round_: int) -> int:
    _, fields = browser.form_page(f"/vereinbarung/{pk}/ereignis/?typ=amendment")
    status, _ = browser.request("POST", f"/vereinbarung/{pk}/ereignis/", {
        **fields, "typ": "amendment", "date": f"0{round_}.03.2026",
        "effective": f"0{round_}.04.2026",
        "text": f"Änderung Runde {round_}", "aktion": "speichern",
    })  # fmt: skip
    return status


def test_twenty_writers_in_two_processes_wait_instead_of_failing(tmp_path: Path) -> None:
    env = environment(tmp_path)
    prepared = json.loads(run_script(SETUP, env, str(EXAMPLES), str(WRITERS)))
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    lock = threading.Lock()
    with server(env) as first, server(env) as second:
        start = threading.Barrier(WRITERS)

        def writer(i: int) -> None:
            pk = prepared["pks"][i]
            browser = Browser(first if i % 2 else second, {"sessionid": prepared["sessions"][i]})
            start.wait(timeout=120)
            for round_ in range(1, ROUNDS + 1):
                try:
                    save = edit_yaml if i < WRITERS // 2 else record_event
                    status = save(browser, pk, round_)
                except AssertionError as exc:  # a form page that did not answer 200
                    status = 0
                    with lock:
                        failures.append(f"Schreiber {i}, Runde {round_}: {exc}"[:500])
                with lock:
                    statuses[status] += 1

        threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=600)
        assert not any(t.is_alive() for t in threads)
    assert statuses == Counter({302: WRITERS * ROUNDS}), (statuses, failures, log_tail(tmp_path))
    stored = json.loads(run_script(VERSIONS, env))
    for i, pk in enumerate(prepared["pks"]):
        row = stored[str(pk)]
        assert row["numbers"] == list(range(1, ROUNDS + 2)), (i, row["numbers"])
        assert row["version"] == ROUNDS + 1
        if i < WRITERS // 2:
            assert f"title: Runde {ROUNDS} Runde {ROUNDS - 1} " in row["text"]
        else:
            assert f"Änderung Runde {ROUNDS}" in row["text"]
