"""``vereinbarung web backup ORDNER`` and ``restore ORDNER``.

A backup folder holds

* ``sicherung.json`` – every agreement with its register fields and its whole version history
  (number, text, who, when, why), its Fachbereich and Kommune by name and whether it is
  »vertraulich« (issue 26), and the sender profiles (``absender``: name and the data of
  :class:`vereinbarung.Sender`); ``restore`` reads only this file;
* ``vereinbarungen/`` – the current text of every agreement byte for byte and ``register.csv``
  (the same as ``export-files``: readable, and usable with ``vereinbarung`` on the command line);
* ``anlagen/`` – every attachment's bytes, its metadata and the notes in ``sicherung.json``,
  checked against their SHA-256 on restore (:mod:`vereinbarung.web.akte.backup`).

The backup reads everything in one transaction – on PostgreSQL ``REPEATABLE READ``, on SQLite a
read transaction – so it is consistent while the server keeps saving. ``restore`` checks the
whole file first (:mod:`~vereinbarung.web.operation.restore_check`) and writes nothing unless all
of it is sound, then everything in one transaction; its audit lines say »aus Sicherung
zurückgespielt« with the original author and moment.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction

import vereinbarung
from vereinbarung import write_atomic
from vereinbarung.web.absender.models import NAME_MAX, SenderProfile
from vereinbarung.web.akte import backup as akte
from vereinbarung.web.operation import restore_check
from vereinbarung.web.operation.audit import log_change
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.register.models import Version
from vereinbarung.web.wiedervorlagen import backup as wiedervorlagen

FILE = "sicherung.json"
FORMAT = restore_check.FORMAT
FIELDS = [f.name for f in Record._meta.concrete_fields if not f.is_relation]
#: The rights of an agreement, by name (the ids of another database mean nothing).
RIGHTS_FIELDS = ("fachbereich", "kommune")
VERSION_FIELDS = ["number", "text", "author_name", "created", "reason"]


class BackupError(Exception):
    """A German message: the backup or restore cannot be done."""


@dataclass(frozen=True)
class Summary:
    agreements: int
    versions: int
    #: Restore: authors of versions without an account here (the versions keep their names).
    authors_without_account: list[str] = field(default_factory=list)
    #: Attachments written; those whose file no longer has its SHA-256 (or is missing).
    attachments: int = 0
    changed_attachments: list[str] = field(default_factory=list)
    #: Sender profiles (Absender) written or restored.
    profiles: int = 0


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _name(value: Any) -> str | None:
    return None if value is None else str(value.name)


def _link(record: Record, fachbereich: str | None, kommune: str | None) -> None:
    """Give a restored agreement its Kommune and Fachbereich (by name, made where missing)."""
    from vereinbarung.web.rights.models import Fachbereich, Kommune

    found = Kommune.objects.get_or_create(name=kommune)[0] if kommune else None
    record.kommune = found
    if fachbereich:
        record.fachbereich = Fachbereich.objects.get_or_create(name=fachbereich, kommune=found)[0]


def backup(folder: Path) -> Summary:
    """Write the backup of the whole register into *folder* (created if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    outermost = not connection.in_atomic_block  # inside a transaction already: its snapshot
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        records = list(Record.objects.select_related("fachbereich", "kommune").order_by("pk"))
        profiles = [
            {"name": p.name, "data": p.data} for p in SenderProfile.objects.order_by("name")
        ]
        versions = list(
            Version.objects.order_by("agreement_id", "number").values(
                "agreement_id", *VERSION_FIELDS
            )
        )
        akte_part, changed = akte.dump(folder, {r.pk for r in records})
        followups = wiedervorlagen.dump()  # Wiedervorlagen, Abwesenheiten (issue 25)
    history: dict[int, list[dict[str, Any]]] = {}
    for version in versions:
        history.setdefault(version["agreement_id"], []).append(
            {name: _plain(version[name]) for name in VERSION_FIELDS}
        )
    document = {
        "format": FORMAT,
        "erstellt": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "vereinbarungen": [
            {**{name: _plain(getattr(r, name)) for name in FIELDS},
             **{name: _name(getattr(r, name)) for name in RIGHTS_FIELDS},
             "versionen": history.get(r.pk, [])}
            for r in records
        ],
        **akte_part,
        "absender": profiles,
        **followups,
    }  # fmt: skip
    services.export_files(folder / "vereinbarungen", records)
    akte.export(folder / "vereinbarungen", records)
    write_atomic(
        folder / FILE,
        json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"),
        force=True,
    )
    return Summary(len(records), len(versions), profiles=len(profiles),
                   attachments=len(akte_part["anlagen"]), changed_attachments=changed)  # fmt: skip


def _profiles(file: Path, document: Any) -> list[SenderProfile]:
    """The sender profiles of the backup, each checked by the library's model (German errors)."""
    items = document.get("absender", []) if isinstance(document, dict) else []
    if not isinstance(items, list):
        raise BackupError(f"{file}: »absender« muss eine Liste sein.")
    found: list[SenderProfile] = []
    names: set[str] = set()
    for number, item in enumerate(items, start=1):
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str) or not name.strip() or len(name) > NAME_MAX or name in names:
            raise BackupError(
                f"{file}: Absender Nr. {number}: Name fehlt, ist zu lang oder doppelt."
            )
        try:
            vereinbarung.sender_from_data(item.get("data"), source=f"Absender »{name}«")
        except vereinbarung.VereinbarungError as exc:
            raise BackupError(f"{file}: {exc.message}") from None
        names.add(name)
        found.append(SenderProfile(name=name, data=item["data"]))
    return found


def restore(folder: Path) -> Summary:
    """Read the backup in *folder* into an empty register (numbers and history as they were).

    The whole backup is checked first (:mod:`~vereinbarung.web.operation.restore_check`: every
    version's text, the stored data against the text, consecutive versions, authors); any
    problem refuses all of it with a German :class:`BackupError` and nothing is written.
    """
    file = folder / FILE
    if not file.is_file():
        raise BackupError(f"{file}: keine Sicherung gefunden (»vereinbarung web backup«).")
    try:
        document = restore_check.read_document(file)
        plan = restore_check.check(file, document)
        problems = akte.check(folder, document, {item.pk for item in plan.agreements})
        if problems:
            raise restore_check.RestoreRefused(file, problems)
    except restore_check.RestoreRefused as exc:
        raise BackupError(str(exc)) from None
    profiles = _profiles(file, document)
    if Record.objects.exists() or SenderProfile.objects.exists():
        raise BackupError(
            "Das Register ist nicht leer: eine Sicherung wird nur in ein leeres Register "
            "zurückgespielt (neue Datenbank, dann »vereinbarung web restore ORDNER«)."
        )
    users = {u.get_username(): u for u in get_user_model().objects.all()}
    versions = 0
    written: list[str] = []
    try:
        with transaction.atomic():
            for item in plan.agreements:
                record = Record(**item.columns)
                _link(record, *item.rights)
                record.save(force_insert=True)
                # not auto_now: the moments of the backup
                Record.objects.filter(pk=record.pk).update(
                    created=item.created, updated=item.updated
                )
                for entry in item.versions:
                    version = Version(
                        agreement=record, number=entry.number, text=entry.text,
                        author=users.get(entry.author_name), author_name=entry.author_name,
                        reason=entry.reason,
                    )  # fmt: skip
                    version.restored = entry.created  # type: ignore[attr-defined]  # audit line
                    version.save(force_insert=True)
                    Version.objects.filter(pk=version.pk).update(created=entry.created)
                    versions += 1
            written = akte.load(folder, document, users)
            SenderProfile.objects.bulk_create(profiles)
            try:  # Wiedervorlagen (issue 25): a bad entry refuses the whole restore
                wiedervorlagen.load(document, users, {item.pk for item in plan.agreements})
            except ValueError as exc:
                raise BackupError(f"{file}: {exc}") from None
            with connection.cursor() as cursor:
                models = [Record, Version, *akte.MODELS]
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
    except BackupError:  # refused inside the transaction: its rows are gone, so are the files
        akte.forget(written)
        raise
    except DatabaseError as exc:
        akte.forget(written)
        raise BackupError(
            f"{file}: die Datenbank hat das Zurückspielen abgelehnt, nichts wurde geschrieben: "
            f"{' '.join(str(exc).split())[:300]}"
        ) from None
    services.clear_caches()
    missing = sorted(plan.authors - set(users) - {"System"})
    log_change("System", "Sicherung zurückgespielt", ordner=str(folder),
               vereinbarungen=len(plan.agreements), versionen=versions,
               autoren_ohne_konto=missing, absender=len(profiles))  # fmt: skip
    return Summary(len(plan.agreements), versions, missing, profiles=len(profiles),
                   attachments=len(written))  # fmt: skip
