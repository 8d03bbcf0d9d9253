"""The Wiedervorlagen in the reminder mails: one mail per person and due occurrence.

Each due follow-up (:func:`vereinbarung.web.wiedervorlagen.service.due_on`) becomes a
:class:`~vereinbarung.web.reminders.service.Due` with the key ``wv:<nummer>:<fällig am>``, so
it is claimed and sent exactly once by the same mechanism as the notice reminders
(:func:`vereinbarung.web.reminders.service.run`). The owner gets it on the day it falls due,
unless absent; the deputy (Vertretung) instead during the owner's absence, and once it is
overdue by the escalation days. A follow-up is a task assigned to a person, not a subscription:
its mail goes out whenever the person has an address, whether or not they subscribed to the
notice reminders on »Mein Konto« (an absence is how to pass it on).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import vereinbarung
from vereinbarung.web.accounts.roles import level
from vereinbarung.web.wiedervorlagen import service


def due_on(day: dt.date) -> list[Any]:
    """The follow-up mails due on *day* (``Due`` rows of the reminder service)."""
    from vereinbarung.web.reminders.service import Due, _footer, _greeting, base_url, one_line

    found: list[Due] = []
    for assignment in service.due_on(day):
        item, user = assignment.item, assignment.user
        if level(user) < 1:
            continue
        record = item.agreement
        name = record.short_name or record.reference or record.title
        when = vereinbarung.format_date(item.due)
        subject = one_line(f"Wiedervorlage {when}: {item.subject} – {name}")[:300]
        lines = [
            _greeting(user), "", "eine Wiedervorlage ist fällig:", "",
            f"Betreff: {item.subject}",
            f"Fällig am: {vereinbarung.format_long_date(item.due)}",
            *([f"Wiederholung: {item.repeat_label}"] if item.repeat else []),
            f"Vereinbarung: {record.title}",
            *([f"Aktenzeichen: {record.reference}"] if record.reference else []),
            f"Zuständig: {item.owner.get_username()}",
            *([f"Vertretung: {item.deputy.get_username()}"] if item.deputy else []),
            *([f"Sie erhalten sie als {assignment.reason}."] if assignment.reason else []),
            "", f"Erledigen: {base_url()}/wiedervorlagen/",
            f"Zur Vereinbarung: {base_url()}/vereinbarung/{record.pk}/",
            *_footer(),
        ]  # fmt: skip
        key = f"wv:{item.pk}:{item.due.isoformat()}"
        found.append(Due(user, key, subject, "\n".join(lines), record, item.due, None))
    return found
