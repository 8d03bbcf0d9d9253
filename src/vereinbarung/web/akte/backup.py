"""The file's part of ``web backup``/``restore`` and of ``export-files``: attachments and notes.

``backup`` writes every attachment's bytes to ``anlagen/`` in the backup folder (under its
storage name) and its metadata, the notes and the search texts into ``sicherung.json`` (keys
``anlagen`` and ``vermerke``). Each file's SHA-256 is computed while it is copied; a file in the
storage that no longer has the hash taken on upload is *reported* (it is copied as it is, and
its entry keeps the original hash, so that the change stays visible).

``restore`` checks before anything is written: every entry's fields, that its agreement is in
the backup, and that its file in ``anlagen/`` has exactly the SHA-256 of its entry; any problem
refuses the whole restore (German lines naming agreement, attachment and both hashes). Then the
rows are written in the restore's transaction and the files put into the storage.

``export-files`` (and the backup's ``vereinbarungen/`` folder) get ``anlagen/`` with one folder
per agreement and an ``anlagen.csv``: file, agreement, kind, date, description, SHA-256.
Hashes: :mod:`hashlib` (FIPS 180-4).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from django.core.files import File

import vereinbarung
from vereinbarung.web.akte import files
from vereinbarung.web.akte.models import KINDS, Attachment, Note, SearchText

FOLDER = "anlagen"
ATTACHMENT_FIELDS = ["id", "agreement_id", "event_key", "kind", "date", "description", "name",
                     "stored", "content_type", "type_label", "size", "sha256", "text_note",
                     "uploaded_by_name", "uploaded", "superseded_by_id"]  # fmt: skip
NOTE_FIELDS = ["id", "agreement_id", "day", "text", "author_name", "created"]
_CHUNK = 1024 * 1024


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def dump(folder: Path, agreements: set[int]) -> tuple[dict[str, Any], list[str]]:
    """Copy the attachments of *agreements* into *folder*/anlagen; the JSON part and the
    German lines of changed or missing files. Call inside the backup's transaction."""
    target = folder / FOLDER
    items = list(Attachment.objects.filter(agreement__in=agreements).order_by("pk"))
    texts = dict(SearchText.objects.filter(attachment__in=items).values_list("attachment", "body"))
    notes = Note.objects.filter(agreement__in=agreements).order_by("pk").values(*NOTE_FIELDS)
    problems: list[str] = []
    entries = []
    storage = files.storage()
    for item in items:
        entry = {name: _plain(getattr(item, name)) for name in ATTACHMENT_FIELDS}
        entry["suchtext"] = texts.get(item.pk, "")
        entries.append(entry)
        path = target / PurePosixPath(item.stored)
        path.parent.mkdir(parents=True, exist_ok=True)
        where = f"Vereinbarung {item.agreement_id}, Anlage {item.pk} »{item.name}«"
        if not storage.exists(item.stored):
            problems.append(f"{where}: die Datei fehlt im Ablageort ({item.stored}).")
            continue
        found = _copy(storage.open(item.stored, "rb"), path)
        if found != item.sha256:
            problems.append(f"{where}: die Datei wurde verändert (SHA-256 jetzt {found}, beim "
                            f"Hochladen {item.sha256}).")  # fmt: skip
    part = {"anlagen": entries, "vermerke": [{k: _plain(v) for k, v in n.items()} for n in notes]}
    return part, problems


def _copy(source: Any, path: Path) -> str:
    """Copy the open file *source* to *path* (closing it); the SHA-256 of the bytes."""
    import hashlib

    digest = hashlib.sha256()
    with source, path.open("wb") as out:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def check(folder: Path, document: dict[str, Any], agreements: set[int]) -> list[str]:
    """German problems of the file's part of a backup (nothing is written)."""
    problems: list[str] = []
    entries = document.get("anlagen", [])
    notes = document.get("vermerke", [])
    if not isinstance(entries, list) or not isinstance(notes, list):
        return ["Felder anlagen/vermerke: keine Listen"]
    ids = {e.get("id") for e in entries if isinstance(e, dict)}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not set(ATTACHMENT_FIELDS) <= set(entry):
            problems.append(f"Anlage {index + 1}: unvollständiger Eintrag")
            continue
        where = f"Vereinbarung {entry['agreement_id']}, Anlage {entry['id']} »{entry['name']}«"
        if entry["agreement_id"] not in agreements:
            problems.append(f"{where}: die Vereinbarung ist nicht in der Sicherung")
        if entry["kind"] not in KINDS:
            problems.append(f"{where}: unbekannte Art »{entry['kind']}«")
        if entry["superseded_by_id"] is not None and entry["superseded_by_id"] not in ids:
            problems.append(f"{where}: ersetzt durch eine Anlage, die fehlt")
        stored = PurePosixPath(str(entry["stored"]))
        if stored.is_absolute() or ".." in stored.parts:
            problems.append(f"{where}: ungültiger Ablagename »{entry['stored']}«")
            continue
        path = folder / FOLDER / stored
        if not path.is_file():
            problems.append(f"{where}: die Datei fehlt in {FOLDER}/")
            continue
        found = _hash_file(path)
        if found != entry["sha256"]:
            problems.append(f"{where}: die Datei wurde verändert (SHA-256 {found}, erwartet "
                            f"{entry['sha256']})")  # fmt: skip
    for index, note in enumerate(notes):
        if not isinstance(note, dict) or not set(NOTE_FIELDS) <= set(note):
            problems.append(f"Vermerk {index + 1}: unvollständiger Eintrag")
        elif note["agreement_id"] not in agreements:
            problems.append(f"Vermerk {note['id']}: die Vereinbarung ist nicht in der Sicherung")
    return problems


def _hash_file(path: Path) -> str:
    with path.open("rb") as content:
        return files.hash_of(iter(lambda: content.read(_CHUNK), b""))


def load(folder: Path, document: dict[str, Any], users: dict[str, Any]) -> list[str]:
    """Write the checked part (inside the restore's transaction); the storage names written."""
    written: list[str] = []
    storage = files.storage()
    entries = document.get("anlagen", [])
    for entry in entries:
        columns = {
            k: entry[k] for k in ATTACHMENT_FIELDS if k not in ("uploaded", "superseded_by_id")
        }
        columns["date"] = dt.date.fromisoformat(entry["date"]) if entry["date"] else None
        with (folder / FOLDER / PurePosixPath(entry["stored"])).open("rb") as content:
            name = storage.save(entry["stored"], File(content))
        written.append(name)
        columns["stored"] = name
        item = Attachment(**columns, uploaded_by=users.get(entry["uploaded_by_name"]))
        item.save(force_insert=True)
        Attachment.objects.filter(pk=item.pk).update(
            uploaded=dt.datetime.fromisoformat(entry["uploaded"])
        )
        SearchText.objects.create(agreement_id=item.agreement_id, attachment=item,
                                  body=str(entry.get("suchtext", "")))  # fmt: skip
    for entry in entries:
        if entry["superseded_by_id"] is not None:
            Attachment.objects.filter(pk=entry["id"]).update(
                superseded_by_id=entry["superseded_by_id"]
            )
    for note in document.get("vermerke", []):
        written_note = Note(
            id=note["id"], agreement_id=note["agreement_id"],
            day=dt.date.fromisoformat(note["day"]), text=note["text"],
            author=users.get(note["author_name"]), author_name=note["author_name"],
        )  # fmt: skip
        written_note.save(force_insert=True)
        created = dt.datetime.fromisoformat(note["created"])
        Note.objects.filter(pk=written_note.pk).update(created=created)
    return written


def forget(names: Iterable[str]) -> None:
    """Remove files put into the storage by a restore that failed afterwards."""
    storage = files.storage()
    for name in names:
        storage.delete(name)


MODELS = [Attachment, Note, SearchText]


def export(folder: Path, agreements: Iterable[Any]) -> int:
    """Write the current attachments of *agreements* to *folder*/anlagen (readable names) and
    ``anlagen.csv``; how many files."""
    by_pk = {record.pk: record for record in agreements}
    items = Attachment.objects.filter(agreement__in=list(by_pk), superseded_by__isnull=True)
    rows = []
    storage = files.storage()
    for item in items.order_by("agreement", "pk"):
        record = by_pk[item.agreement_id]
        stem = (record.file_name or f"{record.pk}").removesuffix(".yaml")
        safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in item.name)[:120]
        target = folder / FOLDER / stem / f"{item.pk}-{safe.lstrip('.') or 'datei'}"
        target.parent.mkdir(parents=True, exist_ok=True)
        if storage.exists(item.stored):
            with storage.open(item.stored, "rb") as source, target.open("wb") as copy:
                shutil.copyfileobj(source, copy, _CHUNK)
        rows.append([target.relative_to(folder).as_posix(), record.title, item.kind_label,
                     vereinbarung.format_date(item.date) if item.date else "", item.description,
                     item.sha256])  # fmt: skip
    if rows:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["Datei", "Vereinbarung", "Art", "Datum", "Beschreibung", "SHA-256"])
        writer.writerows([[vereinbarung.csv_cell(cell) for cell in row] for row in rows])
        (folder / FOLDER / "anlagen.csv").write_text(out.getvalue(), encoding="utf-8-sig")
    return len(rows)
