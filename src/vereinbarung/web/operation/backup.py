"""``vereinbarung web backup ORDNER`` and ``restore ORDNER``.

A backup folder holds

* ``sicherung.json`` – every agreement with its register fields and its whole version history
  (number, text, who, when, why); ``restore`` reads only this file;
* ``vereinbarungen/`` – the current text of every agreement byte for byte and ``register.csv``
  (the same as ``export-files``: readable, and usable with ``vereinbarung`` on the command line).

The backup reads everything in one transaction – on PostgreSQL ``REPEATABLE READ``, on SQLite a
read transaction – so it is consistent while the server keeps saving.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, transaction

from vereinbarung import write_atomic
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.register.models import Version

FILE = "sicherung.json"
FORMAT = 1
FIELDS = [f.name for f in Record._meta.concrete_fields]
VERSION_FIELDS = ["number", "text", "author_name", "created", "reason"]


class BackupError(Exception):
    """A German message: the backup or restore cannot be done."""


@dataclass(frozen=True)
class Summary:
    agreements: int
    versions: int


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def backup(folder: Path) -> Summary:
    """Write the backup of the whole register into *folder* (created if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    outermost = not connection.in_atomic_block  # inside a transaction already: its snapshot
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        records = list(Record.objects.order_by("pk"))
        versions = list(
            Version.objects.order_by("agreement_id", "number").values(
                "agreement_id", *VERSION_FIELDS
            )
        )
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
             "versionen": history.get(r.pk, [])}
            for r in records
        ],
    }  # fmt: skip
    services.export_files(folder / "vereinbarungen", records)
    write_atomic(
        folder / FILE,
        json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"),
        force=True,
    )
    return Summary(len(records), len(versions))


def restore(folder: Path) -> Summary:
    """Read the backup in *folder* into an empty register (numbers and history as they were)."""
    file = folder / FILE
    if not file.is_file():
        raise BackupError(f"{file}: keine Sicherung gefunden (»vereinbarung web backup«).")
    document = json.loads(file.read_text(encoding="utf-8"))
    if document.get("format") != FORMAT:
        raise BackupError(f"{file}: unbekanntes Format {document.get('format')!r}.")
    if Record.objects.exists():
        raise BackupError(
            "Das Register ist nicht leer: eine Sicherung wird nur in ein leeres Register "
            "zurückgespielt (neue Datenbank, dann »vereinbarung web restore ORDNER«)."
        )
    users = {u.get_username(): u for u in get_user_model().objects.all()}
    versions = 0
    with transaction.atomic():
        for item in document["vereinbarungen"]:
            history = item.pop("versionen")
            services.validate_text(item["text"], source=f"Vereinbarung {item['id']}")
            record = Record(**{name: item[name] for name in FIELDS if name in item})
            record.save(force_insert=True)
            stamps = {"created": item["created"], "updated": item["updated"]}
            Record.objects.filter(pk=record.pk).update(**stamps)  # not auto_now
            for entry in history:
                version = Version.objects.create(
                    agreement=record, number=entry["number"], text=entry["text"],
                    author=users.get(entry["author_name"]), author_name=entry["author_name"],
                    reason=entry["reason"],
                )  # fmt: skip
                Version.objects.filter(pk=version.pk).update(created=entry["created"])
                versions += 1
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Record, Version]):
                cursor.execute(statement)
    services.clear_caches()
    return Summary(len(document["vereinbarungen"]), versions)
