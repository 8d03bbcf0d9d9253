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

import vereinbarung
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


def shown(feed: Feed) -> dict[str, Any]:
    """The events *feed* shows on DAY, by UID."""
    return events(service.calendar(feed, day=DAY, stamp=STAMP))


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def new_feed_url(client: Client) -> str:
    page = client.post("/konto/", {"aktion": "kalender"}).content.decode()
    found = re.search(r'<code id="kalenderadresse">(http[^<]+)</code>', page)
    assert found, page
    return found.group(1).removeprefix("http://testserver")


def with_notice(record: Agreement, by: str, received: dict[str, str]) -> Agreement:
    """*record* with a written notice by *by*, received as given, saved as a new version."""
    notice = {"type": "notice", "by": by, "form": "written", "received": received}
    outcome = services.record_event(record, notice, today=DAY)
    return services.save_version(record, outcome.text, base=record.version, reason="Kündigung")


def _cli_key(event: Any) -> tuple[str, str, dt.date]:
    """(kind, rest of the title, day) of a CLI event »<kind> – <short>[ (…)]«."""
    kind, _, rest = str(event["summary"]).partition(" – ")
    return kind, rest, event.decoded("dtstart")


def _feed_key(event: Any) -> tuple[str, str, dt.date]:
    """The same of a feed event »<short> – <kind>[ (…)]«, led by the short name."""
    summary = str(event["summary"])
    kind = next(k for k in service.DEFAULT_KINDS if f" – {k}" in summary)
    short, _, tail = summary.partition(f" – {kind}")
    assert short
    return kind, short + tail, event.decoded("dtstart")


@pytest.mark.usefixtures("examples")
def test_feed_has_the_cli_events_of_its_kinds_led_by_the_short_name(
    users: dict[str, Any], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    feed, _ = service.renew(users["lesen"])
    found = shown(feed)
    assert found
    code, _, err = run(capsys, "calendar", str(EXAMPLES), "-o", str(tmp_path / "f.ics"),
                       "--on", DAY.isoformat())  # fmt: skip
    assert code == 0, err
    cli = events((tmp_path / "f.ics").read_bytes())
    cli_keys = {_cli_key(e) for e in cli.values()}
    feed_keys = {_feed_key(e) for e in found.values()}
    assert feed_keys <= cli_keys  # the same days and titles as `vereinbarung calendar`
    # everything of the default kinds is there, nothing else (no Vorfrist events)
    assert feed_keys == {k for k in cli_keys if k[0] in service.DEFAULT_KINDS}
    kinds = {k[0] for k in feed_keys}
    # the fixed-term Gutachterausschuss has no Kündigungstermin, only its end
    assert {"Kündigungsfrist: letzter Zugangstag", "Kündigungstermin",
            "Ende der Vereinbarung"} <= kinds  # fmt: skip
    for event in found.values():
        triggers = sorted(str(a["trigger"].to_ical(), "ascii") for a in event.walk("VALARM"))
        if "– Kündigungsfrist: " in str(event["summary"]):
            assert triggers == sorted(["-P90D", "-P30D", "-P7D", "P0D"])
        else:  # Kündigungstermin, send-by day and end: no alarms of their own
            assert triggers == []
    assert not [e for e in found.values() if "Vorfrist" in str(e["summary"])]


def test_send_by_day_when_the_last_day_of_receipt_is_a_sunday(
    users: dict[str, Any], examples: list[Any]
) -> None:
    """Schulsozialarbeit: Zugang bis 19.12.2027, a Sunday: the feed shows Friday 17.12.2027."""
    feed, _ = service.renew(users["lesen"])
    found = [_feed_key(e) for e in shown(feed).values()]
    sunday = [k for k in found if k[0].startswith("Kündigungsfrist") and k[2].isoweekday() == 7]
    assert sunday, found
    for _, _rest, day in sunday:
        fristende = f"(Fristende {day.strftime('%d.%m.%Y')} ist "
        send_by = {k[2] for k in found if k[0] == "Kündigung zustellen bis" and fristende in k[1]}
        assert send_by == {day - dt.timedelta(days=2)}
    assert examples


def test_editing_the_aktenzeichen_renames_the_events_and_keeps_their_uids(
    users: dict[str, Any], examples: list[Any]
) -> None:
    feed, _ = service.renew(users["lesen"])
    before = shown(feed)
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    text = record.text.replace("title:", "reference: 32.10-BH\nshort_name: Bauhof Eifel\ntitle:", 1)
    assert text != record.text
    services.save_version(record, text, base=record.version, reason="Kurzname")
    after = shown(feed)
    assert set(after) == set(before)  # no event cancelled, none new
    renamed = [uid for uid, e in after.items() if str(e["summary"]).startswith("Bauhof Eifel – ")]
    assert renamed
    for uid in renamed:
        assert str(after[uid].get("status", "")) != "CANCELLED"
        assert not str(before[uid]["summary"]).startswith("Bauhof Eifel")
        assert after[uid].decoded("dtstart") == before[uid].decoded("dtstart")
    assert examples


def test_a_notice_given_shows_the_end_of_the_agreement(
    users: dict[str, Any], examples: list[Any]
) -> None:
    """Schulsozialarbeit (two parties): a written notice ends it for both; the feed shows the end."""
    feed, _ = service.renew(users["lesen"])
    record = Agreement.objects.get(file_name="schulsozialarbeit-schuljahr.yaml")
    record = with_notice(record, "Gemeinde Anrath", {"Gemeinde Vorst": "2026-11-20"})
    state = vereinbarung.state_on(services.agreement_of(record), DAY)
    assert state.status == "notice_given"
    assert state.ends_on is not None
    mine = {e.uid for e in vereinbarung.calendar_entries(
        services.agreement_of(record), DAY, uid_key=service.uid_key(record))}  # fmt: skip
    visible = [e for uid, e in shown(feed).items()
             if uid in mine and str(e.get("status", "")) != "CANCELLED"]  # fmt: skip
    ends = [e.decoded("dtstart") for e in visible if "– Ende der Vereinbarung" in str(e["summary"])]
    assert ends == [state.ends_on.day]
    assert len(examples) == 7


def test_a_deadline_that_goes_is_cancelled_and_updates(
    users: dict[str, Any], examples: list[Any]
) -> None:
    """Schulsozialarbeit (two parties): a notice ends it for both, its later deadlines go."""
    feed, _ = service.renew(users["lesen"])
    before = shown(feed)
    record = Agreement.objects.get(file_name="schulsozialarbeit-schuljahr.yaml")
    with_notice(record, "Gemeinde Anrath", {"Gemeinde Vorst": "2026-11-20"})
    after = shown(feed)
    cancelled = {uid: e for uid, e in after.items() if str(e.get("status")) == "CANCELLED"}
    assert cancelled
    assert set(cancelled) <= set(before)
    for uid, e in cancelled.items():
        assert int(e["sequence"]) == int(before[uid]["sequence"]) + 1
        assert str(e["summary"]).startswith("Entfällt: ")
    # fetched again: still cancelled, sequence kept (no flood of updates)
    again = shown(feed)
    for uid in cancelled:
        assert int(again[uid]["sequence"]) == int(after[uid]["sequence"])
    assert len(examples) == 7


def test_one_party_leaves_the_continuing_deadlines_stay_in_the_feed(
    users: dict[str, Any], examples: list[Any]
) -> None:
    """Interkommunaler Bauhof (three parties, ``party_leaves``): Gemeinde Blankenheim gives
    notice; the others continue, so their deadlines stay in the feed and nothing is cancelled
    (issue 21: the feed used to cancel every entry of the agreement)."""
    feed, _ = service.renew(users["lesen"])
    before = shown(feed)
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    parties = [p["name"] for p in read_data(EXAMPLES / "interkommunaler-bauhof.yaml")["parties"]]
    record = with_notice(record, parties[0], dict.fromkeys(parties[1:], "2026-03-02"))
    state = vereinbarung.state_on(services.agreement_of(record), DAY)
    assert state.status == "in_force"
    assert parties[0] in state.leaving
    assert state.partial_notices == (
        f"{parties[0]} scheidet zum {vereinbarung.format_date(state.leaving[parties[0]])} aus; "
        "für die übrigen Parteien in Kraft",
    )
    assert state.notice_deadline is not None
    after = shown(feed)
    mine = {e.uid for e in vereinbarung.calendar_entries(
        services.agreement_of(record), DAY, uid_key=service.uid_key(record))}  # fmt: skip
    assert not [uid for uid, e in after.items() if str(e.get("status")) == "CANCELLED"]
    deadlines = [after[uid].decoded("dtstart") for uid in mine
                 if str(after[uid]["summary"]).count("Kündigungsfrist")]  # fmt: skip
    assert state.notice_deadline in deadlines
    assert set(before) <= set(after)
    assert len(examples) == 7


def test_the_day_a_party_leaves_is_in_the_feed_read_by_a_strict_parser(
    users: dict[str, Any], examples: list[Any]
) -> None:
    """Issue 21: the feed has an entry for the day Gemeinde Blankenheim leaves the Bauhof
    (»… – Ausscheiden: Gemeinde Blankenheim scheidet zum … aus«), the continuing deadlines
    beside it; read with ``ical`` (allenporter/ical, strict RFC 5545)."""
    from ical.calendar_stream import IcsCalendarStream

    feed, _ = service.renew(users["lesen"])
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    parties = [p["name"] for p in read_data(EXAMPLES / "interkommunaler-bauhof.yaml")["parties"]]
    record = with_notice(record, parties[0], dict.fromkeys(parties[1:], "2026-03-02"))
    state = vereinbarung.state_on(services.agreement_of(record), DAY)
    ((leaving, last_day),) = state.leaving_ahead
    assert leaving == parties[0]
    text = service.calendar(feed, day=DAY, stamp=STAMP).decode("utf-8")
    parsed = IcsCalendarStream.calendar_from_ics(text)
    short = service.short_label(services.agreement_of(record))
    title = (
        f"{short} – Ausscheiden: {leaving} scheidet zum {vereinbarung.format_date(last_day)} aus"
    )
    found = [e for e in parsed.events if e.summary == title]
    assert len(found) == 1, [e.summary for e in parsed.events]
    assert found[0].dtstart == last_day
    assert "für die übrigen Parteien gilt die Vereinbarung fort" in (found[0].description or "")
    deadlines = [e.dtstart for e in parsed.events
                 if e.summary and e.summary.startswith(f"{short} – Kündigungsfrist")]  # fmt: skip
    assert state.notice_deadline in deadlines
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
