"""The subscribed calendar ``/kalender/<token>.ics``: the events of ``vereinbarung calendar``
(last day of receipt and Kündigungstermin), alarms, cancelled events when a deadline goes,
revocable and renewable on the user's page; and the page ``/konto/`` itself."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from icalendar import Calendar

from tests.cli_runner import run
from vereinbarung.files.io import read_data
from vereinbarung.web.feeds import service
from vereinbarung.web.feeds.models import Feed
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement

from .conftest import EXAMPLES

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 11, 21)
STAMP = dt.datetime(2026, 11, 21, 8, 0, tzinfo=dt.UTC)


def events(ical: bytes) -> dict[str, Any]:
    return {str(e["uid"]): e for e in Calendar.from_ical(ical).walk("VEVENT")}


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def new_feed_url(client: Client) -> str:
    page = client.post("/konto/", {"aktion": "kalender"}).content.decode()
    found = re.search(r'<code id="kalenderadresse">(http[^<]+)</code>', page)
    assert found, page
    return found.group(1).removeprefix("http://testserver")


@pytest.mark.usefixtures("examples")
def test_feed_has_the_cli_events_only_deadline_and_termination(
    users: dict[str, Any], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    feed, _ = service.renew(users["lesen"])
    ical = service.calendar(feed, day=DAY, stamp=STAMP)
    found = events(ical)
    assert found
    code, _, err = run(capsys, "calendar", str(EXAMPLES), "-o", str(tmp_path / "f.ics"),
                       "--on", DAY.isoformat())  # fmt: skip
    assert code == 0, err
    cli = events((tmp_path / "f.ics").read_bytes())
    assert set(found) <= set(cli)
    kinds: set[str] = set()
    for uid, event in found.items():
        # the CLI's »<kind> – <short>[ (Kündigung zum …)]«, led by the short name in the feed
        kind, _, rest = str(cli[uid]["summary"]).partition(" – ")
        short, _, tail = str(event["summary"]).partition(f" – {kind}")
        assert short
        assert rest == short + tail
        kinds.add(kind)
        assert event.decoded("dtstart") == cli[uid].decoded("dtstart")
    assert kinds == {"Kündigungsfrist: letzter Zugangstag", "Kündigungstermin"}
    deadlines = [e for e in found.values() if "– Kündigungsfrist: " in str(e["summary"])]
    triggers = sorted(str(a["trigger"].to_ical(), "ascii") for a in deadlines[0].walk("VALARM"))
    assert triggers == sorted(["-P90D", "-P30D", "-P7D", "P0D"])
    assert len(found) < len(cli)


def test_a_deadline_that_goes_is_cancelled_and_updates(
    users: dict[str, Any], examples: list[Any]
) -> None:
    feed, _ = service.renew(users["lesen"])
    before = events(service.calendar(feed, day=DAY, stamp=STAMP))
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    parties = [p["name"] for p in read_data(EXAMPLES / "interkommunaler-bauhof.yaml")["parties"]]
    event = {
        "type": "notice",
        "by": parties[0],
        "received": dict.fromkeys(parties[1:], "2026-03-02"),
    }
    outcome = services.record_event(record, event, today=DAY)
    services.save_version(record, outcome.text, base=record.version, reason="Kündigung")
    after = events(service.calendar(feed, day=DAY, stamp=STAMP))
    cancelled = {uid: e for uid, e in after.items() if str(e.get("status")) == "CANCELLED"}
    assert cancelled
    assert set(cancelled) <= set(before)
    for uid, e in cancelled.items():
        assert int(e["sequence"]) == int(before[uid]["sequence"]) + 1
        assert str(e["summary"]).startswith("Entfällt: ")
    # fetched again: still cancelled, sequence kept (no flood of updates)
    again = events(service.calendar(feed, day=DAY, stamp=STAMP))
    for uid in cancelled:
        assert int(again[uid]["sequence"]) == int(after[uid]["sequence"])
    assert len(examples) == 7


def test_feed_address_from_the_user_page_revoke_and_renew(
    client: Client, users: dict[str, Any], examples: list[Any]
) -> None:
    login(client, users["lesen"])
    url = new_feed_url(client)
    response = Client().get(url)  # calendar clients send no cookie
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in response.content
    renewed = new_feed_url(client)
    assert Client().get(url).status_code == 404
    assert Client().get(renewed).status_code == 200
    client.post("/konto/", {"aktion": "kalender_widerrufen"})
    assert Client().get(renewed).status_code == 404
    assert Feed.objects.filter(revoked__isnull=True).count() == 0
    assert Client().get("/kalender/erfunden.ics").status_code == 404
    assert examples


def test_no_role_no_feed(users: dict[str, Any]) -> None:
    user = users["lesen"]
    feed, secret = service.renew(user)
    user.groups.clear()
    assert service.find(secret) is None
    assert feed.pk


def test_user_page_api_keys_within_the_role(client: Client, users: dict[str, Any]) -> None:
    login(client, users["lesen"])
    page = client.get("/konto/").content.decode()
    assert "Mein Konto" in page
    assert 'href="/konto/"' in client.get("/").content.decode()  # reached from every page
    assert '<option value="Bearbeiten">' not in page
    response = client.post("/konto/", {"aktion": "schluessel", "name": "x", "rolle": "Verwalten"})
    assert response.status_code == 400
    assert "übersteigt Ihre Rolle" in response.content.decode()
    page = client.post("/konto/", {"aktion": "schluessel", "name": "Fachverfahren",
                                   "rolle": "Lesen"}).content.decode()  # fmt: skip
    secret = re.search(r'<code id="apischluessel">(vb_[^<]+)</code>', page)
    assert secret
    headers = {"Authorization": f"Bearer {secret.group(1)}"}
    assert Client().get("/api/agreements", headers=headers).status_code == 200
    pk = users["lesen"].api_tokens.get().pk
    client.post("/konto/", {"aktion": "schluessel_widerrufen", "pk": pk})
    assert Client().get("/api/agreements", headers=headers).status_code == 401
    assert client.get("/konto/").status_code == 200
    assert Client().get("/konto/").status_code == 302


def test_user_page_reminder_settings(client: Client, users: dict[str, Any]) -> None:
    login(client, users["lesen"])
    response = client.post("/konto/", {"aktion": "erinnerungen", "email": "kein-mail",
                                       "scope": "alle", "leads": "90, dreißig"})  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "»kein-mail« ist keine E-Mail-Adresse." in page
    assert "»dreißig« ist keine Tageszahl" in page
    response = client.post("/konto/", {"aktion": "erinnerungen", "email": "l@example.org",
                                       "active": "on", "scope": "partei", "value": "Dormagen",
                                       "leads": "30,7, 0", "weekly": "on"})  # fmt: skip
    assert response.status_code == 302
    setting = users["lesen"].reminder_setting
    setting.refresh_from_db()
    assert (setting.scope, setting.value, setting.lead_days(), setting.weekly) == (
        "partei", "Dormagen", (30, 7, 0), True,
    )  # fmt: skip
