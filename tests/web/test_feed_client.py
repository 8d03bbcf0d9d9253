"""The subscribed calendar as an independent calendar client sees it.

``/kalender/<token>.ics`` is fetched over real HTTP from a live server (pytest-django's
``live_server``: the register's WSGI application in a thread on 127.0.0.1, on the database of
the pass) and read with ``ical`` (allenporter/ical, the strict RFC 5545 parser of Home
Assistant's local calendar; pydantic models, no code shared with the ``icalendar`` library that
writes the feed). The content lines are checked as sent (CRLF, at most 75 octets), every event
as parsed; then the agreement changes through the register's services – a longer notice period
moves the last day of receipt, a notice takes the deadlines away – and the client, fetching
again, sees the same UID with a higher SEQUENCE and the new date, and the deadlines that went
as ``STATUS:CANCELLED``.
"""

from __future__ import annotations

import datetime as dt
import urllib.request
from dataclasses import dataclass

import pytest
from ical.calendar import Calendar
from ical.calendar_stream import IcsCalendarStream
from ical.event import Event, EventStatus
from ical.parsing.component import parse_content

import vereinbarung
from vereinbarung.web.feeds.service import DEFAULT_KINDS, uid_key
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement

from .conftest import FEED_NOW as NOW

pytestmark = pytest.mark.django_db(transaction=True)

#: What RFC 5545 requires of every VEVENT in a VCALENDAR without METHOD (section 3.6.1).
REQUIRED = {"UID", "DTSTAMP", "DTSTART", "SUMMARY"}


@dataclass
class Fetched:
    """One fetch as the client got it: headers, the raw text, the calendar parsed."""

    content_type: str
    text: str
    calendar: Calendar

    def events(self) -> dict[str, Event]:
        return {event.uid: event for event in self.calendar.events}


def fetch(url: str) -> Fetched:
    request = urllib.request.Request(url, headers={"User-Agent": "Microsoft Office/16.0"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        content_type = response.headers["Content-Type"]
        raw: bytes = response.read()
    text = raw.decode("utf-8")  # strict: no replacement characters
    return Fetched(content_type, text, IcsCalendarStream.calendar_from_ics(text))


def content_lines_as_rfc_5545_says(text: str) -> None:
    """CRLF after every line, none longer than 75 octets, folded lines start with a space."""
    assert text.endswith("\r\n")
    lines = text.split("\r\n")[:-1]
    assert all("\n" not in line and "\r" not in line for line in lines)
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-1] == "END:VCALENDAR"


def properties_of_each_event(text: str) -> list[set[str]]:
    """The property names of each VEVENT as written (the model would invent a UID)."""
    (calendar,) = parse_content(text)
    return [
        {p.name.upper() for p in component.properties}
        for component in calendar.components
        if component.name.upper() == "VEVENT"
    ]


def short_label(record: Agreement) -> str:
    """What a title starts with: Kurzname, else Aktenzeichen, else the title (shortened)."""
    return record.short_name or record.reference or record.title[:60]


def origins(records: list[Agreement]) -> dict[str, Agreement]:
    """UID → agreement of each event of the feed's kinds, from the library's own calendar
    entries (as ``vereinbarung calendar`` writes them, UIDs keyed on the register's id)."""
    found: dict[str, Agreement] = {}
    for record in records:
        record.refresh_from_db()
        agreement = services.agreement_of(record)
        for entry in vereinbarung.calendar_entries(agreement, NOW.date(), uid_key=uid_key(record)):
            if entry.title.startswith(DEFAULT_KINDS):
                found[entry.uid] = record
    return found


def longer_notice(bauhof: Agreement) -> Agreement:
    """The Bauhof's notice period grows from three to six months: its last day of receipt moves
    three months earlier (a new version through the register's services)."""
    text = bauhof.text.replace("  notice: 3 Monate\n", "  notice: 6 Monate\n", 1)
    assert text != bauhof.text
    return services.save_version(bauhof, text, base=bauhof.version, reason="Frist geändert")


def notice_received(bauhof: Agreement) -> Agreement:
    """The Bauhof ends for all parties: its deadlines go. A notice by one party would not do
    since issue 21: the Bauhof lets the others continue (``on_party_notice: party_leaves``,
    three parties), so their deadlines stay (tests/web/test_feeds.py covers that). All parties
    agree to end it instead (Aufhebungsvereinbarung vom 02.03.2026 zum 31.12.2026)."""
    ending = {"type": "terminated_by_agreement", "date": "2026-03-02", "effective": "2026-12-31"}
    outcome = services.record_event(bauhof, ending, today=NOW.date())
    return services.save_version(bauhof, outcome.text, base=bauhof.version, reason="Aufhebung")


def test_feed_read_by_a_strict_rfc_5545_client_over_http(
    subscribed: tuple[str, list[Agreement]],
) -> None:
    url, records = subscribed
    first = fetch(url)
    assert first.content_type == "text/calendar; charset=utf-8"
    content_lines_as_rfc_5545_says(first.text)
    assert first.calendar.prodid == "-//vereinbarung//Fristen//DE"
    assert first.calendar.version == "2.0"
    written = properties_of_each_event(first.text)
    assert written
    assert all(names >= REQUIRED for names in written), written
    events = first.events()
    assert len(events) == len(written)  # no two events with one UID
    origin = origins(records)
    assert set(events) == set(origin)  # the CLI's events of the feed's kinds
    labels = {short_label(r) for r in origin.values()}
    assert {"Bauhof Eifel", "51.20-04/2026"} <= labels
    stamp = NOW.astimezone(dt.UTC)
    for uid, event in events.items():
        assert event.dtstamp == stamp
        assert type(event.dtstart) is dt.date  # all-day
        assert event.dtend == event.dtstart + dt.timedelta(days=1)
        assert event.summary is not None
        assert event.summary.startswith(short_label(origin[uid])), event.summary
        assert event.sequence == 0
        assert event.status is None
        assert event.transparency == "TRANSPARENT"
        if " – Kündigungsfrist: letzter Zugangstag (Kündigung zum " in event.summary:
            triggers = sorted(alarm.trigger for alarm in event.alarm)
            assert triggers == [dt.timedelta(days=-d) for d in (90, 30, 7, 0)]
            assert {a.action for a in event.alarm} == {"DISPLAY"}
            assert all(a.description == event.summary for a in event.alarm)
        else:  # Kündigungstermin, send-by day, end: no alarms (they are on the last day)
            assert (
                event.summary.endswith((" – Kündigungstermin", " – Ende der Vereinbarung"))
                or " – Kündigung zustellen bis (Fristende " in event.summary
            ), event.summary
            assert not event.alarm
    assert {short_label(origin[uid]) for uid in events} == labels
    named = [e.summary for e in events.values() if e.summary and "Bauhof Eifel" in e.summary]
    assert "Bauhof Eifel – Kündigungstermin" in named
    assert any(s.startswith("Bauhof Eifel – Kündigungsfrist: letzter Zugangstag") for s in named)
    assert any(e.summary.startswith("51.20-04/2026 – ") for e in events.values() if e.summary)


def test_client_sees_a_moved_deadline_and_cancelled_ones(
    subscribed: tuple[str, list[Agreement]],
) -> None:
    url, records = subscribed
    before = fetch(url).events()
    bauhof = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    mine = {uid for uid, record in origins(records).items() if record.pk == bauhof.pk}
    deadlines = sorted(
        (e for uid, e in before.items() if uid in mine and "Kündigungsfrist" in (e.summary or "")),
        key=lambda e: e.dtstart or dt.date.min,
    )
    assert deadlines
    moved = deadlines[0]

    bauhof = longer_notice(bauhof)  # the last day of receipt moves
    after = fetch(url).events()
    assert set(before) <= set(after)
    event = after[moved.uid]
    assert isinstance(moved.dtstart, dt.date)
    assert isinstance(event.dtstart, dt.date)
    assert event.dtstart == services.state_of(bauhof, NOW.date()).notice_deadline
    assert 89 <= (moved.dtstart - event.dtstart).days <= 92  # three months earlier
    assert event.sequence == (moved.sequence or 0) + 1
    assert event.status is None
    assert event.summary == moved.summary
    unchanged = [uid for uid in before if uid not in mine]
    assert unchanged
    assert all(after[uid].sequence == before[uid].sequence for uid in unchanged)

    # the Bauhof ends for all: its deadlines go, the client is told they are cancelled
    notice_received(bauhof)
    gone = fetch(url).events()
    cancelled = {uid: e for uid, e in gone.items() if e.status == EventStatus.CANCELLED}
    assert moved.uid in cancelled
    assert set(cancelled) <= mine
    for uid, e in cancelled.items():
        assert e.sequence == (after[uid].sequence or 0) + 1
        assert e.summary == f"Entfällt: {after[uid].summary}"
        assert e.dtstart == after[uid].dtstart
        assert not e.alarm
    # fetched once more: still cancelled, SEQUENCE kept
    again = fetch(url).events()
    assert {uid: (e.status, e.sequence) for uid, e in again.items() if uid in cancelled} == {
        uid: (EventStatus.CANCELLED, e.sequence) for uid, e in cancelled.items()
    }
