"""What a user's feed shows: the events of ``vereinbarung calendar`` for the agreements the user
may read (:func:`vereinbarung.calendar_entries`, :func:`vereinbarung.to_ical`).

By default: the last day of receipt with the user's lead times as alarms, the Kündigungstermin,
the day to send the notice where the last day of receipt is a weekend or holiday (no alarms of
its own: they stay on the last day of receipt), the known end of the agreement (a fixed
term, a notice given, an Aufhebung) and the day a party leaves while the others continue
(»Bauhof Eifel – Ausscheiden: Stadt X scheidet zum 31.12.2027 aus«) – not the Vorfrist events, whose place the alarms take.

One calendar holds the deadlines of every agreement, and a calendar shows only the beginning of
a title in a month view: each title leads with the agreement's Kurzname, else its Aktenzeichen,
else its shortened title (``Bauhof Eifel – Kündigungstermin``). Days and alarms are those of
``vereinbarung calendar``; the UIDs are derived from the register's own id of the agreement,
so that editing its Aktenzeichen or title renames the events in Outlook instead of cancelling
them and creating new ones.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db import transaction

import vereinbarung
from vereinbarung import previous_sequences
from vereinbarung.web import clock
from vereinbarung.web.accounts.roles import level
from vereinbarung.web.feeds import followups
from vereinbarung.web.feeds.models import Feed
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.rights.checks import readable

#: Titles of the entries a feed shows by default (see :func:`vereinbarung.calendar_entries`).
DEFAULT_KINDS = (
    "Kündigungsfrist: letzter Zugangstag",
    "Kündigungstermin",
    "Kündigung zustellen bis",
    "Ende der Vereinbarung",
    "Ausscheiden",
)
#: Entries shown without alarms of their own (the alarms belong to the last day of receipt).
SILENT_KINDS = ("Kündigung zustellen bis",)
#: Alarms before each last day of receipt when the user has set no lead times.
DEFAULT_ALARMS = (90, 30, 7, 0)
#: Cancelled events older than this are no longer repeated.
KEEP_CANCELLED = dt.timedelta(days=400)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def renew(user: Any) -> tuple[Feed, str]:
    """Revoke the user's feeds and create a new one; returns it and its secret."""
    with transaction.atomic():
        Feed.objects.filter(user=user, revoked__isnull=True).update(revoked=clock.now())
        secret = secrets.token_urlsafe(32)
        feed = Feed.objects.create(user=user, digest=digest(secret), prefix=secret[:8])
    return feed, secret


def revoke(user: Any) -> int:
    """Revoke every feed of the user."""
    return Feed.objects.filter(user=user, revoked__isnull=True).update(revoked=clock.now())


def find(secret: str) -> Feed | None:
    """The active feed with *secret* whose user may read, or None."""
    if len(secret) > 100:
        return None
    feed = Feed.objects.select_related("user").filter(digest=digest(secret)).first()
    if feed is None or feed.revoked is not None or level(feed.user) < 1:
        return None
    return feed


def short_label(agreement: vereinbarung.Agreement) -> str:
    """Kurzname, else Aktenzeichen, else the title cut to 70 characters (as the library does)."""
    if agreement.short_name or agreement.reference:
        return str(agreement.short_name or agreement.reference)
    title = " ".join(agreement.full_title.split())
    return title if len(title) <= 70 else title[:69] + "…"


def led_by_name(entry: vereinbarung.CalendarEntry, short: str) -> vereinbarung.CalendarEntry:
    """*entry* titled ``<short> – <kind>…`` instead of ``<kind> – <short>…``."""
    for kind in DEFAULT_KINDS:
        prefix = f"{kind} – {short}"
        if entry.title.startswith(prefix):
            return dataclasses.replace(entry, title=f"{short} – {kind}{entry.title[len(prefix) :]}")
    return dataclasses.replace(entry, title=f"{short} – {entry.title}")


def entries_for(user: Any, day: dt.date) -> list[vereinbarung.CalendarEntry]:
    """The feed's entries on *day*: every readable, not archived agreement."""
    if level(user) < 1:
        return []
    found: list[vereinbarung.CalendarEntry] = []
    for record in readable(user, Record.objects.filter(archived=False)):
        try:
            agreement = services.agreement_of(record)
            entries = vereinbarung.calendar_entries(agreement, day, uid_key=uid_key(record))
        except vereinbarung.VereinbarungError:
            continue
        short = short_label(agreement)
        for entry in entries:
            if entry.title.startswith(SILENT_KINDS):
                entry = dataclasses.replace(entry, alarms=False)
            if entry.title.startswith(DEFAULT_KINDS):
                found.append(led_by_name(entry, short))
    return found + followups.entries_for(user, day)  # Wiedervorlagen (issue 25)


def uid_key(record: Record) -> str:
    """What the feed's UIDs of *record* are derived from: the register's id, never edited."""
    return f"register:{record.pk}"


def alarms_for(user: Any) -> tuple[int, ...]:
    from vereinbarung.web.reminders.models import ReminderSetting

    setting = ReminderSetting.objects.filter(user=user).first()
    return setting.lead_days() if setting is not None else DEFAULT_ALARMS


def calendar(feed: Feed, *, day: dt.date, stamp: dt.datetime) -> bytes:
    """The calendar for *feed* on *day*; remembers it for the next fetch (under a row lock)."""
    entries = entries_for(feed.user, day)
    alarms = alarms_for(feed.user)
    with transaction.atomic():
        locked = Feed.objects.select_for_update().get(pk=feed.pk)
        previous = previous_sequences(bytes(locked.served)) if locked.served else {}
        previous = {
            uid: old for uid, old in previous.items()
            if not (old.cancelled and old.day < day - KEEP_CANCELLED)
        }  # fmt: skip
        ical = vereinbarung.to_ical(entries, stamp=stamp, reminders=alarms, previous=previous)
        locked.served = ical
        locked.last_fetched = clock.now()
        locked.save(update_fields=["served", "last_fetched"])
    return ical
