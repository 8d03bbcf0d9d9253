"""Which recorded events rest on evidence, and whether the file holds it.

A deadline is only as good as the proof of the day it counts from: the Zugangsnachweis
(Rückschein, Empfangsbestätigung) of a Kündigung (§ 130 BGB: a declaration takes effect on
receipt), the Genehmigungsbescheid (§ 24 Abs. 2 GkG NRW), the Amtsblatt page of a Bekanntmachung
(§ 24 Abs. 3 GkG NRW). :data:`NEEDED` says which kind of attachment each event type needs; an
event is named by a key made of its type, its party and its first day
(:func:`event_key`), which stays the same when a later Anzeige or Bekanntmachung is added to a
Kündigung. :func:`evidence_of` lists the events with their evidence or the lack of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import vereinbarung
from vereinbarung.web.akte.models import KINDS, Attachment
from vereinbarung.web.register.models import Agreement as Record

#: Event type → the kind of attachment that proves it.
NEEDED = {
    "notice": "zugangsnachweis",
    "extraordinary_notice": "zugangsnachweis",
    "approved": "genehmigung",
    "published": "bekanntmachung",
    "signed": "original",
}
_LABELS = {
    "notice": "Kündigung", "extraordinary_notice": "Außerordentliche Kündigung",
    "approved": "Genehmigung", "published": "Bekanntmachung", "signed": "Unterschrift",
}  # fmt: skip


def _first_day(event: Any) -> dt.date | None:
    received = getattr(event, "received", None)
    if isinstance(received, dict) and received:
        first: dt.date = min(received.values())
        return first
    if isinstance(received, dt.date):
        return received
    found = getattr(event, "date", None)
    return found if isinstance(found, dt.date) else None


def event_key(event: Any) -> str:
    """``type|party|first day`` of an event of the file, e.g. ``notice|Stadt A|2026-03-02``."""
    who = getattr(event, "by", None) or getattr(event, "party", None) or ""
    day = _first_day(event)
    return f"{event.type}|{who}|{day.isoformat() if day else ''}"


def event_label(event: Any) -> str:
    """German: »Kündigung durch Stadt A, Zugang ab 02.03.2026«."""
    from vereinbarung.web.pages.event_labels import EVENT_TYPES

    label = _LABELS.get(event.type) or EVENT_TYPES.get(event.type, event.type)
    by = getattr(event, "by", None)
    party = getattr(event, "party", None)
    day = _first_day(event)
    if by:
        label += f" durch {by}"
    elif party:
        label += f" von {party}"
    if day:
        label += f", {'Zugang' if by else 'am'} {vereinbarung.format_date(day)}"
    return label


@dataclass(frozen=True)
class Evidence:
    """One event that needs evidence: its key, label, the kind needed, and what proves it."""

    key: str
    label: str
    kind: str
    proof: list[Attachment]

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def complete(self) -> bool:
        return bool(self.proof)

    @property
    def query(self) -> str:
        """The query that opens the upload form for this evidence."""
        return urlencode({"ereignis": self.key, "art": self.kind})


def evidence_of(record: Record, agreement: vereinbarung.Agreement) -> list[Evidence]:
    """Every event of *agreement* that needs evidence, with the current attachments proving it."""
    current = [
        a for a in Attachment.objects.filter(agreement=record, superseded_by__isnull=True)
        if a.event_key
    ]  # fmt: skip
    found = []
    for event in agreement.events:
        kind = NEEDED.get(event.type)
        if kind is None:
            continue
        key = event_key(event)
        proof = [a for a in current if a.event_key == key and a.kind == kind]
        found.append(Evidence(key, event_label(event), kind, proof))
    return found


def event_choices(agreement: vereinbarung.Agreement) -> list[tuple[str, str]]:
    """(key, label) of every event an attachment may belong to (all recorded events)."""
    return [(event_key(e), event_label(e)) for e in agreement.events]
