"""The subscribed calendar in a real subscribing calendar client: vdirsyncer.

vdirsyncer (pimutils/vdirsyncer, the synchronisation tool under khal) subscribes to a read-only
iCalendar address with its ``http`` storage and keeps the calendar on disk in a ``filesystem``
storage, one ``.ics`` file per event. Here it runs as a process of its own (``vdirsyncer
discover``, then ``vdirsyncer sync``, each bounded by a timeout) with a config file in
``tmp_path``, against ``/kalender/<token>.ics`` on pytest-django's ``live_server`` (127.0.0.1).

Proves, with a client that shares no code with the ``icalendar`` library that writes the feed:
the subscription works over HTTP; the local calendar holds exactly the events the feed serves,
one file each, every content line as served (dates, SEQUENCE, alarms); when a deadline moves
through the register's services, the next sync brings the new date with SEQUENCE 1 and leaves
the file of every event that did not change untouched; when a notice takes the Bauhof's
deadlines away, the next sync brings each of them as ``STATUS:CANCELLED`` (»Entfällt: …«,
SEQUENCE + 1) and a further sync changes nothing.

What vdirsyncer does, asserted exactly: its ``http`` storage does not keep the feed's UID (it
replaces it with the SHA-256 of the event's content without UID and DTSTAMP, because some web
calendars make new UIDs on every request) and names the file after that hash. An event that
changes therefore arrives as a new file while the file of its old version is deleted (no
update in place); an unchanged event keeps its file. A cancelled event is stored like any
other, with its status; the client deletes nothing because of it. That the feed keeps each UID
and raises SEQUENCE (what Outlook goes by) is proved by ``test_feed_client.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from ical.calendar_stream import IcsCalendarStream
from ical.event import Event, EventStatus

from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement

from .conftest import FEED_NOW
from .test_feed_client import fetch, longer_notice, notice_received

pytest.importorskip(
    "vdirsyncer", reason="vdirsyncer (Kalender-Abonnement) fehlt: pip install '.[test,web]'"
)

pytestmark = pytest.mark.django_db(transaction=True)

#: At most this many seconds for one vdirsyncer command (it takes about one).
TIMEOUT = 60
#: What vdirsyncer names an item it got from an ``http`` storage: the SHA-256 of its content.
HASH = re.compile(r"[0-9a-f]{64}")
#: The content lines of one event in its file, in order, without its UID.
Lines = tuple[str, ...]


def configure(tmp_path: Path, url: str) -> Path:
    """A vdirsyncer config in *tmp_path*: the feed (read-only) synced into a local calendar."""
    local = tmp_path / "kalender"
    local.mkdir()
    config = tmp_path / "vdirsyncer.conf"
    config.write_text(
        f"""[general]
status_path = {json.dumps(str(tmp_path / "status"))}

[pair fristen]
a = "fristen_abo"
b = "fristen_lokal"
collections = null
conflict_resolution = "a wins"

[storage fristen_abo]
type = "http"
url = {json.dumps(url)}

[storage fristen_lokal]
type = "filesystem"
path = {json.dumps(str(local))}
fileext = ".ics"
""",
        encoding="utf-8",
    )
    return config


def vdirsyncer(config: Path, command: str) -> list[str]:
    """Run ``vdirsyncer -c CONFIG COMMAND`` as its own process; its log lines."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    done = subprocess.run(
        [sys.executable, "-m", "vdirsyncer", "-c", str(config), command],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, timeout=TIMEOUT,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in done.stderr.lower(), done.stderr
    return (done.stdout + done.stderr).splitlines()


def events_in(text: str) -> dict[str, Lines]:
    """UID → the other content lines (unfolded, in order, alarms included) of each VEVENT."""
    unfolded = re.sub(r"\r\n[ \t]", "", text)
    assert "\n" not in unfolded.replace("\r\n", "")  # CRLF only
    found: dict[str, Lines] = {}
    for block in re.findall(r"^BEGIN:VEVENT\r\n(.*?)^END:VEVENT\r$", unfolded, re.S | re.M):
        lines = block.split("\r\n")[:-1]
        (uid,) = [line.removeprefix("UID:") for line in lines if line.startswith("UID:")]
        assert uid not in found
        found[uid] = tuple(line for line in lines if not line.startswith("UID:"))
    return found


def by_content(files: dict[str, bytes]) -> dict[Lines, str]:
    """The event's lines without UID → the name of the client's file holding it; each file
    holds one event and is named after its UID."""
    found: dict[Lines, str] = {}
    for name, raw in files.items():
        ((uid, lines),) = events_in(raw.decode("utf-8")).items()
        assert name == f"{uid}.ics"
        assert lines not in found
        found[lines] = name
    return found


@dataclass(frozen=True)
class Synced:
    """The state after one ``vdirsyncer sync``: the feed as served, the client's calendar."""

    served: dict[str, Lines]  # feed UID → the event's lines without UID
    events: dict[str, Event]  # feed UID → the event as served (parsed by ical)
    files: dict[str, bytes]  # file name in the local calendar → its content
    file_of: dict[str, str]  # feed UID → the name of the client's file for it
    uploaded: set[str]  # names of the items vdirsyncer wrote to the local calendar
    deleted: set[str]  # … and deleted from it

    def local_event(self, uid: str) -> Event:
        """The event the client keeps for the feed's *uid*, parsed from its file."""
        text = self.files[self.file_of[uid]].decode("utf-8")
        (event,) = IcsCalendarStream.calendar_from_ics(text).events
        return event


def sync(config: Path, url: str) -> Synced:
    """``vdirsyncer sync``, then the feed fetched and the local calendar read; checks that the
    client holds exactly the feed's events, one file each, content as served, named by hash."""
    log = "\n".join(vdirsyncer(config, "sync"))
    assert "(updating)" not in log, log  # never in place
    fetched = fetch(url)
    served = events_in(fetched.text)
    assert served
    local = config.parent / "kalender"
    files = {path.name: path.read_bytes() for path in sorted(local.iterdir())}
    assert len(files) == len(served)  # one file per event
    held = by_content(files)
    assert set(held) == set(served.values())  # every line as served
    file_of = {uid: held[lines] for uid, lines in served.items()}
    for uid, name in file_of.items():
        assert HASH.fullmatch(name.removesuffix(".ics")), name
        assert uid not in files[name].decode("utf-8")  # the feed's UID is not kept
    return Synced(
        served, fetched.events(), files, file_of,
        uploaded=set(re.findall(r"Copying \(uploading\) item (\S+) to ", log)),
        deleted=set(re.findall(r"Deleting item (\S+) from ", log)),
    )  # fmt: skip


def changes(before: Synced, after: Synced) -> set[str]:
    """The feed UIDs whose events changed between two syncs (the feed keeps its UIDs)."""
    assert set(before.served) <= set(after.served)
    return {uid for uid in before.served if before.served[uid] != after.served[uid]}


def only_changed_files_replaced(
    before: Synced, after: Synced, changed: set[str], added: set[str] | None = None
) -> None:
    """The client replaced the files of *changed* events (new file, old one deleted), wrote
    the files of the *added* ones and touched no other."""
    old, new = before.file_of, after.file_of
    written = changed | (added or set())
    assert after.uploaded == {new[uid].removesuffix(".ics") for uid in written}
    assert after.deleted == {old[uid].removesuffix(".ics") for uid in changed}
    assert not {old[uid] for uid in changed} & set(after.files)
    for uid in set(before.served) - changed:
        assert new[uid] == old[uid]
        assert after.files[new[uid]] == before.files[old[uid]]


def test_vdirsyncer_subscribes_and_follows_a_moved_and_a_cancelled_deadline(
    subscribed: tuple[str, list[Agreement]], tmp_path: Path
) -> None:
    url, _ = subscribed
    config = configure(tmp_path, url)
    vdirsyncer(config, "discover")
    first = sync(config, url)
    assert first.uploaded == {name.removesuffix(".ics") for name in first.files}
    assert not first.deleted
    for uid, event in first.events.items():
        local = first.local_event(uid)
        assert (local.summary, local.dtstart, local.dtend) == (
            event.summary, event.dtstart, event.dtend,
        )  # fmt: skip
        assert local.sequence == 0
        assert local.status is None
        assert [a.trigger for a in local.alarm] == [a.trigger for a in event.alarm]
    bauhof = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    deadlines = sorted(
        (e for e in first.events.values()
         if (e.summary or "").startswith("Bauhof Eifel – Kündigungsfrist")),
        key=lambda e: e.dtstart or dt.date.min,
    )  # fmt: skip
    assert deadlines
    moved = deadlines[0].uid
    assert moved is not None
    bauhofs = {u for u, e in first.events.items() if (e.summary or "").startswith("Bauhof Eifel")}

    # the notice period grows: the deadline moves three months earlier
    bauhof = longer_notice(bauhof)
    second = sync(config, url)
    changed = changes(first, second)
    assert moved in changed
    assert changed <= bauhofs
    only_changed_files_replaced(first, second, changed)
    event = second.local_event(moved)
    assert event.dtstart == services.state_of(bauhof, FEED_NOW.date()).notice_deadline
    assert event.dtstart != first.local_event(moved).dtstart
    assert event.sequence == 1
    assert event.summary == first.local_event(moved).summary
    assert event.status is None

    # the Bauhof ends for all (notice_received: an Aufhebung): its deadlines go and arrive
    # as cancelled; the day it ends comes as a new entry of the Bauhof
    notice_received(bauhof)
    third = sync(config, url)
    went = changes(second, third)
    assert went == bauhofs
    added = set(third.served) - set(second.served)
    assert added
    assert all((third.events[uid].summary or "").startswith("Bauhof Eifel") for uid in added)
    only_changed_files_replaced(second, third, went, added)
    for uid in went:
        event, earlier = third.local_event(uid), second.local_event(uid)
        assert event.status == EventStatus.CANCELLED
        assert event.summary == f"Entfällt: {earlier.summary}"
        assert event.dtstart == earlier.dtstart
        assert event.sequence == (earlier.sequence or 0) + 1
        assert not event.alarm
    assert len(third.files) == len(first.files) + len(added)  # cancelled ones kept

    # nothing changed: the next sync writes and deletes nothing
    fourth = sync(config, url)
    assert not fourth.uploaded
    assert not fourth.deleted
    assert fourth.files == third.files
