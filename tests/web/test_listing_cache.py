"""The start page is kept per data version, day and user, and never shows stale rows.

Every change of an agreement counts up the data version (triggers), through the services, the
model, a queryset, plain SQL or another process; users and roles never share a kept table.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

import vereinbarung
from vereinbarung.web import clock
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement

from .conftest import EXAMPLES, login

pytestmark = pytest.mark.django_db


def _row_of(page: str, pk: int) -> str:
    """The table row of agreement *pk* on a Fristen page ('' when it is not shown)."""
    import re

    for row in re.findall(r"<tr class=\"[^\"]*\">.*?</tr>", page, re.S):
        if f'href="/vereinbarung/{pk}/"' in row:
            return str(row)
    return ""


def _agreement_queries(client: Client, *args: Any, **kwargs: Any) -> tuple[str, int]:
    """A GET of the start page: its text and how many queries read the agreements table."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        page = client.get("/", *args, **kwargs).content.decode()
    # the »Meine Wiedervorlagen« box reads the person's own follow-ups (with their agreements)
    # at every request, as it should: it is not the listing this cache keeps
    return page, sum(
        1
        for q in queries
        if "vereinbarung_register_agreement" in q["sql"]
        and not q["sql"].startswith('SELECT "vereinbarung_wiedervorlagen_')
    )


@pytest.mark.usefixtures("users", "examples")
def test_start_page_is_kept_and_shows_every_change_at_once(client: Client) -> None:
    login(client, "leser")
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    first, reads = _agreement_queries(client)
    assert reads >= 1
    again, reads = _agreement_queries(client)
    assert reads == 0  # the second request is served from the cache …
    table = first[first.index('<div id="tabelle">') :]
    assert again[again.index('<div id="tabelle">') :] == table  # … the same table
    # an edit through the services (as the edit page and the API do)
    services.save_version(
        record, record.text.replace("title: ", "title: Umbenannt ", 1), base=record.version
    )
    page, reads = _agreement_queries(client)
    assert reads >= 1
    assert "Umbenannt" in _row_of(page, record.pk)
    # a recorded notice: the status changes
    record.refresh_from_db()
    parties = [p.name for p in services.agreement_of(record).parties]
    event = {"type": "notice", "by": parties[0],
             "received": dict.fromkeys(parties[1:], clock.today().isoformat())}  # fmt: skip
    outcome = services.record_event(record, event, today=clock.today())
    record = services.save_version(record, outcome.text, base=record.version, reason="Kündigung")
    # Bauhof: the party leaves, the others continue (issue 21): in force, the exit named
    state = services.state_of(record, clock.today())
    assert state.status_label == "in Kraft"
    (leaves,) = state.leaving_ahead
    line = f"{parties[0]} scheidet zum {vereinbarung.format_date(leaves[1])} aus"
    assert line in _row_of(client.get("/").content.decode(), record.pk)
    # a new agreement
    text = (EXAMPLES / "interkommunaler-bauhof.yaml").read_text(encoding="utf-8")
    new = services.create(text.replace("title: ", "title: Ganz neu ", 1))
    assert "Ganz neu" in _row_of(client.get("/").content.decode(), new.pk)
    assert "8 Vereinbarungen" in client.get("/").content.decode()
    # archived: gone from the list at once
    services.set_archived(new, True, base=new.version, user=None)
    assert _row_of(client.get("/").content.decode(), new.pk) == ""


@pytest.mark.usefixtures("users", "examples")
def test_changes_bypassing_the_services_are_seen_at_once(client: Client) -> None:
    """As a change by another process: the model, a queryset update, plain SQL."""
    from django.db import connection

    login(client, "leser")
    record = Agreement.objects.get(file_name="kinderschutz-rhein-kreis-neuss.yaml")
    client.get("/")
    record.short_name = "Per Modell"
    record.save()
    assert "Per Modell" in _row_of(client.get("/").content.decode(), record.pk)
    Agreement.objects.filter(pk=record.pk).update(lead="Stadt Per Update")
    assert "Stadt Per Update" in _row_of(client.get("/").content.decode(), record.pk)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE vereinbarung_register_agreement SET short_name = %s WHERE id = %s",
            ["Per SQL", record.pk],
        )
    assert "Per SQL" in _row_of(client.get("/").content.decode(), record.pk)
    # the htmx parts and the later pages as well
    partial = client.get("/", headers={"HX-Request": "true"}).content.decode()
    assert "Per SQL" in _row_of(partial, record.pk)
    Agreement.objects.filter(pk=record.pk).update(archived=True)
    partial = client.get("/", headers={"HX-Request": "true"}).content.decode()
    assert _row_of(partial, record.pk) == ""
    assert "6 Vereinbarungen" in partial
    assert len(client.get("/fristen.csv").content.decode("utf-8-sig").splitlines()) == 7


@pytest.mark.usefixtures("users", "examples")
def test_users_and_roles_never_share_a_kept_table(client: Client) -> None:
    """A kept table marked for one user: only that user gets it back, and only in that role."""
    from django.contrib.auth.models import Group

    from vereinbarung.web.accounts.roles import BEARBEITEN
    from vereinbarung.web.pages import listing

    login(client, "leser")
    client.get("/")
    kept = listing._TABLES._items
    assert kept
    for key in list(kept):
        kept[key] += "<!-- nur für leser -->"
    assert "nur für leser" in client.get("/").content.decode()  # served from the cache
    other = login(Client(), "bearbeiter")
    assert "nur für leser" not in other.get("/").content.decode()
    assert "nur für leser" not in other.get("/", headers={"HX-Request": "true"}).content.decode()
    # the same user in another role: computed afresh
    from django.contrib.auth import get_user_model

    reader: Any = get_user_model().objects.get(username="leser")
    reader.groups.set([Group.objects.get(name=BEARBEITEN)])
    assert "nur für leser" not in client.get("/").content.decode()


@pytest.mark.usefixtures("users", "examples")
def test_the_day_changes_the_rows(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    login(client, "leser")
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    today = clock.today()
    later = today + dt.timedelta(days=1)
    states = [services.state_of(record, day) for day in (today, later)]
    assert states[0].days_left is not None
    assert states[1].days_left == states[0].days_left - 1
    row = _row_of(client.get("/").content.decode(), record.pk)
    assert f'<td class="zahl">{states[0].days_left}</td>' in row
    monkeypatch.setattr(clock, "today", lambda: later)
    page = client.get("/").content.decode()
    assert f"Fristen am {later:%d.%m.%Y}" in page
    assert f'<td class="zahl">{states[1].days_left}</td>' in _row_of(page, record.pk)
    monkeypatch.setattr(clock, "today", lambda: today)
    assert f'<td class="zahl">{states[0].days_left}</td>' in _row_of(
        client.get("/").content.decode(), record.pk
    )


@pytest.mark.usefixtures("examples")
def test_the_data_version_counts_every_change_and_only_changes() -> None:
    from django.db import connection

    from vereinbarung.web.register.models import Stamp
    from vereinbarung.web.register.stamp import data_version

    before = data_version()
    assert before is not None
    assert data_version() == before  # reading changes nothing
    record = Agreement.objects.first()
    assert record is not None
    Agreement.objects.filter(pk=record.pk).update(lead="x")
    after = data_version()
    assert after is not None
    assert after[0] == before[0]
    assert after[1] > before[1]
    with connection.cursor() as cursor:
        for table in ("vereinbarung_register_version", "vereinbarung_akte_searchtext"):
            cursor.execute(f"DELETE FROM {table} WHERE agreement_id = %s", [record.pk])
        cursor.execute("DELETE FROM vereinbarung_register_agreement WHERE id = %s", [record.pk])
    deleted = data_version()
    assert deleted is not None
    assert deleted[1] > after[1]
    # the row made again (an emptied database): a new token, never an old (token, count)
    Stamp.objects.all().delete()
    again = data_version()
    assert again is not None
    assert again[0] != before[0]


def test_memo_computes_a_missing_key_once_for_many_threads() -> None:
    import threading
    import time

    from vereinbarung.web.register.stamp import Memo

    memo: Memo[int] = Memo(size=4)
    calls: list[int] = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.2)
        return 42

    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(memo.get("k", slow)))
               for _ in range(8)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [42] * 8
    assert len(calls) == 1
    # a failing computation keeps nothing
    with pytest.raises(ZeroDivisionError):
        memo.get("x", lambda: 1 // 0)
    assert memo.get("x", lambda: 5) == 5


@pytest.mark.usefixtures("users", "examples")
def test_without_triggers_nothing_is_kept(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from vereinbarung.web.pages import listing
    from vereinbarung.web.register import stamp

    monkeypatch.setattr(stamp, "_triggers_present", lambda: False)
    login(client, "leser")
    assert "7 Vereinbarungen" in client.get("/").content.decode()
    assert len(listing._TABLES) == len(listing._ROWS) == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("users")
def test_a_write_by_another_process_is_seen_at_the_next_request(
    client: Client, tmp_path: Path
) -> None:
    """A second Python process edits through the services; this one shows it at once.

    Needs a database both processes reach: the PostgreSQL pass (the SQLite test database lives
    in this process's memory).
    """
    import os
    import subprocess
    import sys

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("nur mit PostgreSQL: die SQLite-Testdatenbank liegt im Speicher des Tests")
    services.import_files(EXAMPLES)
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    login(client, "leser")
    assert "Anderer Prozess" not in client.get("/").content.decode()
    settings = connection.settings_dict
    url = (f"postgresql://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
           f"{settings['PORT'] or 5432}/{settings['NAME']}")  # fmt: skip
    script = (
        "import django; django.setup()\n"
        "from vereinbarung.web.register import services\n"
        "from vereinbarung.web.register.models import Agreement\n"
        f"r = Agreement.objects.get(pk={record.pk})\n"
        "services.save_version(r, r.text.replace('title: ', 'title: Anderer Prozess ', 1),"
        " base=r.version)\n"
    )
    env = {**os.environ, "VEREINBARUNG_DATABASE_URL": url, "VEREINBARUNG_DATA": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "vereinbarung.web.settings"}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Anderer Prozess" in _row_of(client.get("/").content.decode(), record.pk)


@pytest.mark.usefixtures("examples")
def test_twenty_people_of_twenty_fachbereiche_are_all_kept() -> None:
    """The load test's case (benchmarks/load_rights.py): 20 people, each with *Bearbeiten* in
    another Fachbereich. Once each has seen the start page, the next round reads no agreement
    (before, the Fachbereich filter was kept for 4 sets of rights only: 16 of 20 computed anew)."""
    from django.contrib.auth import get_user_model

    from vereinbarung.web.rights.models import Fachbereich, Kommune, Membership

    clients = []
    for i in range(20):
        kommune = Kommune.objects.create(name=f"Gemeinde {i:02d}")
        fachbereich = Fachbereich.objects.create(name="Jugend", kommune=kommune)
        user = get_user_model()(username=f"jugend{i}")
        user.save()
        Membership.objects.create(user=user, fachbereich=fachbereich, role="Bearbeiten")
        person = Client()
        person.force_login(user)
        clients.append(person)
    for person in clients:
        _agreement_queries(person)
    assert [_agreement_queries(person)[1] for person in clients] == [0] * 20
