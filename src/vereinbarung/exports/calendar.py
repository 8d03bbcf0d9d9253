"""Deadlines as an iCalendar file (RFC 5545) for Outlook and other calendars.

All-day events with German titles and the derivation in the description:

* every last day of receipt of a notice (Kündigungsfrist) within the horizon,
* every notice date (Kündigungstermin) it belongs to,
* the practical send-by day where a last day of receipt falls on a weekend or holiday,
* the day approval is deemed given (GkG NRW), and the known end of the agreement,
* the last day a party is bound when it leaves while the others continue (its own notice
  under ``on_party_notice: party_leaves``): »Ausscheiden – Bauhof: Stadt X scheidet zum
  31.12.2027 aus«; the continuing deadlines stay,
* "Vorfrist" events some days before each last day of receipt: Outlook keeps only one
  reminder per event, so early warnings are events of their own.

UIDs are derived from the agreement (its ``reference``, else title and effective day; or a key
the caller keeps stable, such as a register's own id: ``uid_key``), the kind of event and the
notice date it belongs to, so that a re-export updates the events in Outlook instead of
duplicating them. When the previous export is given, an event whose date changed gets
its ``SEQUENCE`` raised by one, and an event that is no longer there is sent as cancelled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from vereinbarung.law.dates import add_months, format_date
from vereinbarung.law.periods import ONE_DAY
from vereinbarung.law.workdays import last_working_day_before, non_working_reason
from vereinbarung.model.agreement import Agreement, Regime
from vereinbarung.model.german import shorten
from vereinbarung.state.day import state_on
from vereinbarung.state.facts import Lifecycle
from vereinbarung.state.upcoming import upcoming_states

__all__ = [
    "PRODID",
    "CalendarEntry",
    "PreviousEvent",
    "calendar_entries",
    "previous_sequences",
    "to_ical",
    "written_by_us",
]


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """One all-day event."""

    uid: str
    day: dt.date
    title: str
    description: str
    alarms: bool = True


def _uid_of(agreement: Agreement, *parts: str, key: str | None = None) -> str:
    key = (
        key
        or agreement.reference
        or f"{agreement.full_title}|{agreement.term.effective.isoformat()}"
    )
    digest = hashlib.sha256("|".join((key, *parts)).encode("utf-8")).hexdigest()[:32]
    return f"{digest}@vereinbarung"


def calendar_entries(
    agreement: Agreement,
    on: dt.date,
    *,
    years: int = 5,
    vorfristen: Iterable[int] = (),
    uid_key: str | None = None,
) -> list[CalendarEntry]:
    """The events of *agreement* from *on* for *years*, with Vorfrist events *vorfristen* days early.

    *uid_key*: what the UIDs are derived from instead of the Aktenzeichen (or title and
    Inkrafttreten), for a caller whose agreements have an id of their own that survives an
    edit of the Aktenzeichen or title (the web register's record); without it, the file's data.
    """

    def _uid(*parts: str) -> str:
        return _uid_of(agreement, *parts, key=uid_key)

    status = state_on(agreement, on)
    if status.status in ("ended", "unconfirmed"):
        return []
    title = agreement.full_title
    short = agreement.short_name or agreement.reference or shorten(title, 70)
    horizon = add_months(on, 12 * years)
    entries: list[CalendarEntry] = []
    ends_on = status.ends_on.day if status.ends_on else None
    leads = tuple(sorted(set(vorfristen)))
    for window in upcoming_states(agreement, on, until=horizon):
        termination, deadline = window.terminates_on, window.notice_deadline
        assert termination is not None
        assert deadline is not None
        assert window.dates is not None
        if termination > horizon or (ends_on is not None and termination >= ends_on):
            break
        notice = window.dates.rule.notice
        why = notice.explain_last_day_of_receipt(termination) if notice else ""
        if window.dates.note:
            why = f"{why}\n{window.dates.note}".strip()
        text = f"{title}\n\n{why}\n\nDie Frist verschiebt sich nicht auf einen Werktag (§ 193 BGB gilt nicht, BGH III ZR 172/04). Schriftform: unterschriebenes Original an jede andere Partei."
        key = termination.isoformat()
        entries.append(CalendarEntry(
            _uid("deadline", key), deadline,
            f"Kündigungsfrist: letzter Zugangstag – {short} (Kündigung zum {format_date(termination)})",
            text,
        ))  # fmt: skip
        entries.append(CalendarEntry(
            _uid("termination", key), termination,
            f"Kündigungstermin – {short}",
            f"{title}\n\nBei Kündigung mit Zugang bis {format_date(deadline)} endet die Vereinbarung mit Ablauf dieses Tages.",
            alarms=False,
        ))  # fmt: skip
        reason = non_working_reason(deadline, agreement.holiday_area)
        if reason is not None:
            practical = last_working_day_before(deadline, agreement.holiday_area)
            entries.append(CalendarEntry(
                _uid("send-by", key), practical,
                f"Kündigung zustellen bis – {short} (Fristende {format_date(deadline)} ist {reason})",
                f"{title}\n\n{format_date(deadline)} ist ein {reason}; letzter Arbeitstag davor: {format_date(practical)}.\n{why}",
            ))  # fmt: skip
        for days in leads:
            early = deadline - dt.timedelta(days=days)
            if early >= on:
                entries.append(CalendarEntry(
                    _uid(f"vorfrist-{days}", key), early,
                    f"Vorfrist ({days} Tage): Kündigungsfrist {short} am {format_date(deadline)}",
                    f"{title}\n\nIn {days} Tagen, am {format_date(deadline)}, ist der letzte Tag für den Zugang einer Kündigung zum {format_date(termination)}.\n{why}",
                    alarms=False,
                ))  # fmt: skip
    if agreement.regime is Regime.GKG and status.status in ("draft", "awaiting_approval"):
        deemed = Lifecycle(agreement).deemed_approval()
        if deemed is not None and deemed.day >= on:
            entries.append(CalendarEntry(
                _uid("deemed-approval"), deemed.day,
                f"Genehmigung gilt als erteilt – {short}", f"{title}\n\n{deemed.derivation}",
            ))  # fmt: skip
    for party, last_day in status.leaving_ahead:
        if last_day <= horizon:
            entries.append(CalendarEntry(
                _uid("leaves", party), last_day,
                f"Ausscheiden – {short}: {party} scheidet zum {format_date(last_day)} aus",
                f"{title}\n\n{party} scheidet mit Ablauf des {format_date(last_day)} aus; "
                f"für die übrigen Parteien gilt die Vereinbarung fort ({status.status_label}).",
                alarms=False,
            ))  # fmt: skip
    if ends_on is not None and ends_on >= on:
        derivation = status.ends_on.derivation if status.ends_on else ""
        entries.append(CalendarEntry(
            _uid("end"), ends_on, f"Ende der Vereinbarung – {short}",
            f"{title}\n\n{derivation}", alarms=False,
        ))  # fmt: skip
    return sorted(entries, key=lambda e: (e.day, e.uid))


@dataclass(frozen=True, slots=True)
class PreviousEvent:
    """An event of an earlier export: its date, SEQUENCE, title and whether it was cancelled."""

    day: dt.date
    sequence: int
    title: str
    cancelled: bool


#: The product identifier of the calendar files this tool writes.
PRODID = "-//vereinbarung//Fristen//DE"


def written_by_us(ical: bytes) -> bool:
    """Whether the calendar file *ical* was written by this tool (its PRODID)."""
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(ical)
    except ValueError:
        return False
    return str(calendar.get("prodid", "")) == PRODID


def previous_sequences(ical: bytes) -> dict[str, PreviousEvent]:
    """The events of a previous export by UID, to raise SEQUENCE and to cancel what is gone."""
    from icalendar import Calendar

    result: dict[str, PreviousEvent] = {}
    for event in Calendar.from_ical(ical).walk("VEVENT"):
        start = event.decoded("dtstart")
        day = start.date() if isinstance(start, dt.datetime) else start
        result[str(event["uid"])] = PreviousEvent(
            day,
            int(str(event.get("sequence", 0))),
            str(event.get("summary", "")),
            str(event.get("status", "")).upper() == "CANCELLED",
        )
    return result


def to_ical(
    entries: Iterable[CalendarEntry],
    *,
    stamp: dt.datetime,
    reminders: Iterable[int] = (),
    previous: dict[str, PreviousEvent] | None = None,
) -> bytes:
    """The calendar file; *reminders* in days before (relative alarms), *stamp* the DTSTAMP (UTC).

    Events of the *previous* export that are no longer there are written once more as
    cancelled (``STATUS:CANCELLED``, SEQUENCE raised), so that Outlook removes them.
    """
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Fristen der Vereinbarungen")
    previous = previous or {}
    entries = list(entries)
    for uid, old in previous.items():
        if uid in {e.uid for e in entries}:
            continue
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", old.day)
        event.add("dtend", old.day + ONE_DAY)
        title = old.title if old.cancelled else f"Entfällt: {old.title}"
        event.add("summary", title)
        event.add("status", "CANCELLED")
        event.add("sequence", old.sequence if old.cancelled else old.sequence + 1)
        calendar.add_component(event)
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + ONE_DAY)
        event.add("summary", entry.title)
        event.add("description", entry.description)
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["Frist"])
        before = previous.get(entry.uid)
        sequence = (
            0 if before is None else before.sequence + (before.day != entry.day or before.cancelled)
        )
        event.add("sequence", sequence)
        if entry.alarms:
            for days in sorted(set(reminders), reverse=True):
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", entry.title)
                alarm.add("trigger", -dt.timedelta(days=days))
                event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
