"""The Wiedervorlagen in a person's calendar feed.

An owner's calendar shows each open follow-up they own on its day, repeating ones up to
:data:`YEARS` years ahead; a deputy's calendar shows the occurrences they handle: those on days
of the owner's absence, and an overdue one once it escalated
(:func:`vereinbarung.web.wiedervorlagen.dates.in_charge`). Only follow-ups of agreements the
person may read. The UIDs are derived from the follow-up's number and day (stable when the
subject is edited); the events carry no alarms of their own (the lead times of the feed belong
to notice deadlines).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import vereinbarung
from vereinbarung.web.rights.checks import allowed
from vereinbarung.web.wiedervorlagen import dates, service

#: How far ahead the repetitions of a follow-up are shown.
YEARS = 2


def _uid(pk: int, day: dt.date) -> str:
    digest = hashlib.sha256(f"register:wiedervorlage:{pk}:{day.isoformat()}".encode()).hexdigest()
    return f"{digest[:32]}@vereinbarung"


def entries_for(user: Any, day: dt.date) -> list[vereinbarung.CalendarEntry]:
    """The feed entries of *user*'s follow-ups (owned or deputised) seen on *day*."""
    items = list(service.mine(user))
    periods = service.periods_of({i.owner_id for i in items})
    until = min(dt.date(9999, 12, 31), day + dt.timedelta(days=366 * YEARS))
    found: list[vereinbarung.CalendarEntry] = []
    for item in items:
        if not allowed(user, "read", item.agreement):
            continue
        record = item.agreement
        short = record.short_name or record.reference or record.title[:70]
        days = [item.due, *dates.occurrences(item.start, item.repeat, after=item.due, until=until)]
        for occurrence in days:
            who = service.handlers(item, occurrence, day, periods)
            mine = [a for a in who if a.user.pk == user.pk]
            if item.owner_id != user.pk and not mine:
                continue
            reason = mine[0].reason if mine else ""
            description = "\n".join([
                f"Wiedervorlage: {item.subject}", f"Vereinbarung: {record.title}",
                f"Zuständig: {item.owner.get_username()}",
                *([f"Vertretung: {item.deputy.get_username()}"] if item.deputy else []),
                *([reason] if reason else []),
            ])  # fmt: skip
            found.append(vereinbarung.CalendarEntry(
                _uid(item.pk, occurrence), occurrence,
                f"{short} – Wiedervorlage: {item.subject}", description, alarms=False,
            ))  # fmt: skip
    return found
