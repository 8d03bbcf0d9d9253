"""What the register does with agreements, through the public library API only.

* :func:`validate_text` reads a YAML text within the limits of the file format (size, nesting,
  aliases) and validates it with the library: every save goes through it.
* :func:`create` and :func:`save_version` store a text as a new version; a save based on an
  older version is refused with :class:`VersionConflict` (optimistic locking).
* :func:`agreement_of` and :func:`state_of` give the library's agreement and its one state
  (:func:`vereinbarung.state_on`), cached per version and day: never a second computation
  (kept in :mod:`vereinbarung.web.register.states`, named here as before).
* :func:`record_event` checks and appends an event exactly as ``vereinbarung record`` does
  (:func:`vereinbarung.append_event`, comments kept) and says what it does
  (:func:`vereinbarung.event_effect`).
* Rights (issue 26): every save links the agreement to the Fachbereich its ``department``
  names and refuses a Fachbereich the person may not edit
  (:func:`vereinbarung.web.rights.placing.place`); a save that adds a Kündigung, Aufhebung,
  amendment or archiving waits for a second person's Freigabe where so configured
  (:func:`vereinbarung.web.rights.approval.hold`: raises :class:`AwaitingApproval`).
* Folders (``import-files``, ``export-files``): :mod:`vereinbarung.web.register.folders`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

import vereinbarung
from vereinbarung import read_data
from vereinbarung.web import clock
from vereinbarung.web.register import fields as fields_module
from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.register.models import Version
from vereinbarung.web.register.states import SOURCE, agreement_of, clear_caches, state_of
from vereinbarung.web.rights import approval, partners, placing
from vereinbarung.web.rights.approval import AwaitingApproval

__all__ = [
    "DERIVED_FIELDS",
    "REGISTER_CSV",
    "REGISTER_FIELDS",
    "TEMP_NAME",
    "AwaitingApproval",
    "ImportReport",
    "VersionConflict",
    "_safe_name",  # used by the document download's file names
    "agreement_of",
    "clear_caches",
    "create",
    "derived_fields",
    "diff_lines",
    "export_files",
    "import_files",
    "problems",
    "record_event",
    "save_version",
    "state_of",
    "validate_text",
]

#: The register fields of the forms (they are written into the file), with German labels.
REGISTER_FIELDS = fields_module.FORM_FIELDS


class VersionConflict(vereinbarung.VereinbarungError):
    """The form was built on an older version; nothing was saved.

    *record* is the agreement as it is now (its ``text`` the other person's version), *base* the
    version the form was built on, *diff* what changed since, *who* who saved last.
    """

    def __init__(self, record: Record, base: int, theirs: list[str], who: str) -> None:
        self.record = record
        self.base = base
        self.diff = theirs
        self.who = who
        super().__init__(
            f"Nicht gespeichert: {who} hat die Vereinbarung inzwischen geändert (Version "
            f"{record.version}, Ihr Formular beruht auf Version {base}). Ihre Eingaben stehen "
            "noch im Formular; bitte die Änderungen unten ansehen und erneut speichern."
        )


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


#: The name of the temporary file a text is checked in (never shown: see :func:`problems`).
TEMP_NAME = "vereinbarung.yaml"


def problems(exc: vereinbarung.VereinbarungError) -> list[str]:
    """The library's findings of *exc*, one a line (its message if it lists none), without the
    name of the temporary file the text was checked in."""
    found = getattr(exc, "problems", None)
    lines = list(found) if found else exc.message.splitlines()
    return [line.removeprefix(f"{TEMP_NAME}: ") for line in lines]


def validate_text(text: str, *, source: str = SOURCE) -> tuple[vereinbarung.Agreement, Any]:
    """Validate a YAML (or JSON) text as an agreement; return it and its plain JSON data.

    The text goes through the limits of agreement files (:func:`vereinbarung.files.io.read_data`:
    size, nesting, alias expansion); every problem is a German
    :class:`vereinbarung.AgreementFileError` naming field and value, or line and column.
    """
    with tempfile.TemporaryDirectory(prefix="vereinbarung-web-") as folder:
        path = Path(folder) / TEMP_NAME  # never a name from the user
        path.write_bytes(text.encode("utf-8"))
        try:
            data = read_data(path)
        except vereinbarung.AgreementFileError as exc:  # name the text, not the temporary file
            raise vereinbarung.AgreementFileError(source, list(exc.problems)) from None
    agreement = vereinbarung.agreement_from_data(data, source=source)
    _within_budget(agreement, source)
    plain = json.loads(json.dumps(data, default=_plain, ensure_ascii=False))
    return agreement, plain


def _within_budget(agreement: vereinbarung.Agreement, source: str) -> None:
    """Refuse a clause whose state today costs more than one request's budget of date steps.

    Every page, feed and reminder that shows the agreement computes its state: a logged-in
    person must not be able to store what the anonymous Fristenrechner refuses (a renewal of
    one day from the year 1 would slow every list for everyone; issue 20, BSI APP.3.1.A7).
    """
    try:
        with vereinbarung.date_budget():
            vereinbarung.state_on(agreement, clock.today())
    except vereinbarung.BudgetExceeded as exc:
        raise vereinbarung.AgreementFileError(source, [f"Feld term: {exc.message}"]) from None


# -- saving -------------------------------------------------------------------------------------


def _fill(record: Record, agreement: vereinbarung.Agreement, text: str, data: Any) -> None:
    """Copy what the list shows and filters by from the stored document (never edited apart)."""
    record.title = (
        f"{agreement.title} {agreement.subtitle}" if agreement.subtitle else agreement.title
    )
    record.reference = (agreement.reference or "")[:200]
    record.lead = agreement.lead or ""
    record.parties = "\n".join(p.name for p in agreement.parties)
    values = fields_module.register_values(agreement)
    record.short_name = values["short_name"][:200]
    record.department = values["department"][:200]
    record.contact = values["contact_name"][:200]
    record.contact_phone = values["contact_phone"][:200]
    record.contact_email = values["contact_email"][:200]
    record.text = text
    record.data = data
    record.search = "\n".join([
        agreement.title, agreement.subtitle or "", record.parties, text, record.short_name,
        record.department, record.reference, record.contact,
    ]).lower()  # fmt: skip


#: The columns of an agreement that :func:`derived_fields` gives from its text.
DERIVED_FIELDS = ("title", "reference", "lead", "parties", "short_name", "department", "contact",
                  "contact_phone", "contact_email", "text", "data", "search")  # fmt: skip


def derived_fields(text: str, *, source: str = SOURCE) -> dict[str, Any]:
    """The columns of :data:`DERIVED_FIELDS` exactly as a save of *text* stores them (e.g. to
    check a backup's stored copies against the text); the library's German error if *text*
    does not validate."""
    agreement, data = validate_text(text, source=source)
    record = Record()
    _fill(record, agreement, text, data)
    return {name: getattr(record, name) for name in DERIVED_FIELDS}


def _with_fields(text: str, fields: dict[str, str] | None) -> str:
    """The text with the form's register fields written into it (``None``: text unchanged)."""
    if fields is None:
        return text
    try:
        return fields_module.with_register_fields(text, fields)
    except Exception:  # not YAML: the library's validation names the problem
        return text


def _who(user: Any) -> str:
    return str(getattr(user, "username", "") or "System")


def create(
    text: str, *, user: Any = None, reason: str = "angelegt", fields: dict[str, str] | None = None,
    file_name: str = "",
) -> Record:  # fmt: skip
    """Store a new agreement (version 1); the text must validate.

    *fields* (form values of :data:`REGISTER_FIELDS`) are written into the text first.
    """
    text = _with_fields(text, fields)
    agreement, data = validate_text(text)
    record = Record(file_name=file_name)
    _fill(record, agreement, text, data)
    with transaction.atomic():
        placing.place(record, user, source=SOURCE)
        record.save()
        partners.derive(record, agreement)
        Version.objects.create(
            agreement=record, number=1, text=text, author=_user(user), author_name=_who(user),
            reason=reason[:300],
        )  # fmt: skip
    return record


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def save_version(
    record: Record, text: str, *, base: int, user: Any = None, reason: str = "",
    fields: dict[str, str] | None = None, archived: bool | None = None,
    overwrites: int | None = None, approved: bool = False,
) -> Record:  # fmt: skip
    """Store *text* as the next version of *record* if it is still at version *base*.

    Raises :class:`VersionConflict` (nothing saved) when someone saved in between, and the
    library's German error when the text does not validate. *fields* (form values of
    :data:`REGISTER_FIELDS`) are written into the text first.

    *overwrites*: the person was shown the conflict with version *overwrites* and chose to
    replace the changes made since *base* with *text*. Accepted only while the agreement is
    still at exactly that version (a change after the comparison is a new conflict); the
    reason says whose change was overwritten (»… (Änderung von X überschrieben)«).

    A save by a person that adds an act needing a Freigabe is kept as a pending act instead:
    :class:`AwaitingApproval` (nothing else saved); *approved*: the Freigabe is given (only
    :func:`vereinbarung.web.rights.approval.decide` says so).
    """
    text = _with_fields(text, fields)
    agreement, data = validate_text(text)
    with transaction.atomic():
        current = Record.objects.select_for_update().get(pk=record.pk)
        if current.version != base and (overwrites is None or current.version != overwrites):
            older = Version.objects.filter(agreement=current, number=base).first()
            newest = Version.objects.filter(agreement=current, number=current.version).first()
            theirs = diff_lines(older.text if older else "", current.text)
            raise VersionConflict(current, base, theirs, newest.author_name if newest else "")
        if current.version != base:  # overwriting, chosen explicitly
            reason = _overwritten(current, base, reason or "geändert")
        held = None if approved else approval.hold(
            current, agreement_of(current), agreement, text, archived=archived,
            base=current.version, user=user, reason=reason or "geändert",
        )  # fmt: skip
        if held is None:
            _store(current, agreement, text, data, archived=archived, user=user, reason=reason)
    if held is not None:
        raise AwaitingApproval(held)
    return current


def _store(
    current: Record, agreement: vereinbarung.Agreement, text: str, data: Any, *,
    archived: bool | None, user: Any, reason: str,
) -> None:  # fmt: skip
    """Write *text* as the next version of *current* (locked by the caller)."""
    if archived is not None:
        current.archived = archived
    _fill(current, agreement, text, data)
    placing.place(current, user, source=SOURCE)
    current.version += 1  # base + 1, or one after the version overwritten
    current.save()
    partners.derive(current, agreement)
    Version.objects.create(
        agreement=current, number=current.version, text=text, author=_user(user),
        author_name=_who(user), reason=(reason or "geändert")[:300],
    )  # fmt: skip


def _overwritten(current: Record, base: int, reason: str) -> str:
    """*reason* with whose versions after *base* the save replaces (at most 300 characters)."""
    authors = Version.objects.filter(agreement=current, number__gt=base).order_by("number")
    names = list(dict.fromkeys(v.author_name or "System" for v in authors))
    numbers = f"Version {current.version}" if current.version == base + 1 else (
        f"Versionen {base + 1}–{current.version}"
    )  # fmt: skip
    noun = "Änderung" if len(names) == 1 else "Änderungen"
    note = f" ({noun} von {', '.join(names)} überschrieben, {numbers})"
    if len(note) > 150:
        note = f" ({noun} von {len(names)} Personen überschrieben, {numbers})"
    return reason[: 300 - len(note)] + note


def set_archived(record: Record, archived: bool, *, base: int, user: Any) -> Record:
    """Archive (or restore) an agreement: a version with the same text."""
    reason = "archiviert" if archived else "wiederhergestellt"
    return save_version(record, record.text, base=base, user=user, reason=reason, archived=archived)


def diff_lines(before: str, after: str) -> list[str]:
    """The unified diff of two texts, line by line (German file labels)."""
    return list(
        difflib.unified_diff(
            before.splitlines(), after.splitlines(), "vorher", "nachher", lineterm="", n=2
        )
    )


# -- events -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventOutcome:
    """An event checked against the agreement: the new text and what the event does."""

    text: str
    effect: vereinbarung.EventEffect


def record_event(
    record: Record, event: dict[str, Any], *, today: dt.date
) -> EventOutcome:  # fmt: skip
    """Check *event* exactly as ``vereinbarung record`` does; return the new text and effect.

    Nothing is stored: the caller saves the text as a version (or only shows the preview).
    """
    with tempfile.TemporaryDirectory(prefix="vereinbarung-web-") as folder:
        path = Path(folder) / TEMP_NAME
        path.write_bytes(record.text.encode("utf-8"))
        updated = vereinbarung.append_event(path, event, today=today)
        text = path.read_bytes().decode("utf-8")
    effect = vereinbarung.event_effect(updated, updated.events[-1], today)
    return EventOutcome(text, effect)


# -- folders (moved to :mod:`vereinbarung.web.register.folders`, the names kept here) ---------

from vereinbarung.web.register.folders import (  # noqa: E402
    REGISTER_CSV,
    ImportReport,
    export_files,
    import_files,
)
from vereinbarung.web.register.folders import safe_name as _safe_name  # noqa: E402
