"""Adding, superseding and deleting attachments, and adding notes: the rules in one place.

Used by the pages (:mod:`vereinbarung.web.akte.views`) and the API
(:mod:`vereinbarung.web.akte.api`). Every change writes a line to the change log
(:func:`vereinbarung.web.operation.audit.log_change`); deleting needs a reason and is the only
way a file leaves the storage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction

import vereinbarung
from vereinbarung.web.akte import files, search
from vereinbarung.web.akte.models import KINDS, Attachment, Note, SearchText
from vereinbarung.web.operation.audit import log_change
from vereinbarung.web.register.models import Agreement as Record

#: Longest description and note.
MAX_DESCRIPTION = 500
MAX_NOTE = 5000


class Invalid(Exception):
    """German messages per field (form field name → message)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


def _user_name(user: Any) -> str:
    return str(user.get_username()) if user is not None and user.is_authenticated else ""


def parse_day(value: str, field: str, errors: dict[str, str]) -> dt.date | None:
    """A German or ISO date, or ``None`` for an empty field; a message in *errors* otherwise."""
    value = value.strip()
    if not value:
        return None
    try:
        return vereinbarung.parse_date(value[:40])
    except vereinbarung.VereinbarungError as exc:
        errors[field] = f"»{value[:40]}« – {exc.message}"
        return None


def add_attachment(
    record: Record, *, chunks: Iterable[bytes] | None, name: str, kind: str, day: str,
    description: str, event_key: str, replaces: str, user: Any,
    events: Iterable[str],
) -> Attachment:  # fmt: skip
    """Check the fields, store the file, save the attachment (superseding *replaces*)."""
    errors: dict[str, str] = {}
    if kind not in KINDS:
        errors["art"] = f"»{kind[:40]}« ist keine Art von Anlage."
    date = parse_day(day, "datum", errors)
    if len(description) > MAX_DESCRIPTION:
        errors["beschreibung"] = f"Höchstens {MAX_DESCRIPTION} Zeichen."
    if event_key and event_key not in set(events):
        errors["ereignis"] = f"»{event_key[:80]}« ist kein erfasstes Ereignis dieser Vereinbarung."
    old = None
    if replaces:
        old = Attachment.objects.filter(
            agreement=record, pk=int(replaces) if replaces.isdigit() else 0,
            superseded_by__isnull=True,
        ).first()  # fmt: skip
        if old is None:
            errors["ersetzt"] = f"»{replaces[:20]}« ist keine aktuelle Anlage dieser Vereinbarung."
    if chunks is None:
        errors["datei"] = "Bitte eine Datei auswählen."
    if errors:
        raise Invalid(errors)
    assert chunks is not None
    try:
        kept = files.keep(chunks, name, record.pk, settings.MAX_UPLOAD_BYTES)
    except files.UploadRefused as exc:
        raise Invalid({"datei": str(exc)}) from None
    _, content_type, label = files.TYPES[kept.kind]
    with transaction.atomic():
        attachment = Attachment.objects.create(
            agreement=record, event_key=event_key, kind=kind, date=date,
            description=description.strip(), name=name[:255], stored=kept.stored,
            content_type=content_type, type_label=label, size=kept.size, sha256=kept.sha256,
            text_note=kept.text_note[:500], uploaded_by=user if _user_name(user) else None,
            uploaded_by_name=_user_name(user),
        )  # fmt: skip
        SearchText.objects.create(
            agreement=record, attachment=attachment,
            body=search.attachment_body(attachment, kept.text),
        )  # fmt: skip
        if old is not None:
            Attachment.objects.filter(pk=old.pk).update(superseded_by=attachment)
    log_change(_user_name(user), f"Anlage hinzugefügt: {attachment.kind_label}",
               vereinbarung=record.pk, anlage=attachment.pk, datei=attachment.name,
               sha256=attachment.sha256,
               ersetzt=old.pk if old is not None else None)  # fmt: skip
    return attachment


def delete_attachment(attachment: Attachment, reason: str, user: Any) -> None:
    """Delete *attachment* and its file (Verwalten); the reason goes to the change log."""
    reason = " ".join(reason.split())
    if len(reason) < 5:
        raise Invalid({"grund": "Bitte einen Grund angeben (mindestens 5 Zeichen)."})
    if len(reason) > 500:
        raise Invalid({"grund": "Höchstens 500 Zeichen."})
    with transaction.atomic():
        Attachment.objects.filter(superseded_by=attachment).update(superseded_by=None)
        stored, details = attachment.stored, {
            "vereinbarung": attachment.agreement_id, "anlage": attachment.pk,
            "datei": attachment.name, "sha256": attachment.sha256, "grund": reason,
        }  # fmt: skip
        attachment.delete()
    files.storage().delete(stored)
    log_change(_user_name(user), "Anlage gelöscht", **details)


def add_note(record: Record, *, day: str, text: str, user: Any, today: dt.date) -> Note:
    """Save a Vermerk, dated (default: today) and signed by *user*."""
    errors: dict[str, str] = {}
    date = parse_day(day, "vermerk_datum", errors) or today
    text = text.strip()
    if not text:
        errors["vermerk"] = "Bitte den Vermerk schreiben."
    elif len(text) > MAX_NOTE:
        errors["vermerk"] = f"Höchstens {MAX_NOTE} Zeichen (jetzt {len(text)})."
    if errors:
        raise Invalid(errors)
    note = Note.objects.create(agreement=record, day=date, text=text, author=user,
                               author_name=_user_name(user))  # fmt: skip
    log_change(note.author_name, "Vermerk angelegt", vereinbarung=record.pk, vermerk=note.pk)
    return note
