"""``web restore`` trusts nothing in a backup: every version's text is read again, the stored
data must equal what the text gives, versions are consecutive, authors, moments and types are
checked. Each kind of corrupt backup below is refused as a whole with a German message naming
the agreement and the version, and nothing is written; a restore's audit lines are marked as
restore (with the original author and moment)."""

from __future__ import annotations

import copy
import json
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from vereinbarung.web.operation import backup
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement, Version

from .conftest import with_key
from .web_cli import run_web

pytestmark = pytest.mark.django_db

Document = dict[str, Any]


@pytest.fixture
def saved(tmp_path: Path, users: dict[str, Any], examples: list[Any]) -> tuple[Path, Document]:
    """A good backup of the examples (one with a second version by »bearbeiter«), the register
    emptied afterwards; the folder and the parsed ``sicherung.json``."""
    record = examples[0]
    services.set_archived(record, True, base=record.version, user=users["bearbeiten"])
    folder = tmp_path / "sicherung"
    backup.backup(folder)
    Version.objects.all().delete()
    Agreement.objects.all().delete()
    return folder, json.loads((folder / backup.FILE).read_text("utf-8"))


def first_date(data: Any) -> list[Any]:
    """The path to the first ISO date string inside *data*."""
    if isinstance(data, dict):
        items: Any = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return []
    for key, value in items:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return [key]
        found = first_date(value)
        if found:
            return [key, *found]
    return []


def changed_date(doc: Document) -> None:
    data = doc["vereinbarungen"][1]["data"]
    path = first_date(data)
    assert path
    *parents, last = path
    for key in parents:
        data = data[key]
    data[last] = "2027-02-28" if data[last] != "2027-02-28" else "2026-12-31"


def second_version(doc: Document) -> dict[str, Any]:
    return next(a for a in doc["vereinbarungen"] if len(a["versionen"]) == 2)


def gap(doc: Document) -> None:
    second_version(doc)["versionen"][1]["number"] = 3


def version_ahead(doc: Document) -> None:
    second_version(doc)["version"] = 3


def broken_old_text(doc: Document) -> None:
    second_version(doc)["versionen"][0]["text"] = "title: [unclosed\n"


def last_text_differs(doc: Document) -> None:
    item = second_version(doc)
    item["versionen"][1]["text"] = item["versionen"][0]["text"].replace("\n", "\n\n", 1)


def no_author(doc: Document) -> None:
    second_version(doc)["versionen"][1]["author_name"] = ""


def author_not_text(doc: Document) -> None:
    second_version(doc)["versionen"][0]["author_name"] = None


def bad_moment(doc: Document) -> None:
    second_version(doc)["versionen"][1]["created"] = "gestern"


def invalid_text(doc: Document) -> None:
    item = doc["vereinbarungen"][2]
    text = item["text"].replace("\nparties:", "\nunknown_key: 1\nparties:", 1)
    item["text"] = item["versionen"][-1]["text"] = text


def short_name_changed(doc: Document) -> None:
    doc["vereinbarungen"][3]["short_name"] = "=HYPERLINK(1)"


def duplicate_id(doc: Document) -> None:
    doc["vereinbarungen"][4]["id"] = doc["vereinbarungen"][3]["id"]


def id_as_text(doc: Document) -> None:
    doc["vereinbarungen"][5]["id"] = str(doc["vereinbarungen"][5]["id"])


def archived_as_text(doc: Document) -> None:
    doc["vereinbarungen"][5]["archived"] = "ja"


def missing_text(doc: Document) -> None:
    del doc["vereinbarungen"][6]["text"]


def no_versions(doc: Document) -> None:
    doc["vereinbarungen"][6]["versionen"] = []


def reason_too_long(doc: Document) -> None:
    doc["vereinbarungen"][6]["versionen"][0]["reason"] = "x" * 301


def no_file_name(doc: Document) -> None:
    del doc["vereinbarungen"][6]["file_name"]


def item_not_object(doc: Document) -> None:
    doc["vereinbarungen"][6] = "Vereinbarung"


CHANGES: dict[str, tuple[Callable[[Document], None], list[str]]] = {
    "Datum in data geändert": (changed_date, ["Version", "Feld data", "passen nicht zum Text"]),
    "Lücke in den Versionen": (gap, ["Version 2:", "nicht fortlaufend (erwartet 2)"]),
    "Versionsnummer voraus": (version_ahead, ["Feld version: Wert 3", "letzte Version ist aber 2"]),
    "alte Version ungültig": (broken_old_text, ["Version 1: Text ungültig"]),
    "letzte Version anderer Text": (last_text_differs, ["Version 2: der Text der letzten"]),
    "Autor leer": (no_author, ["Version 2: Feld author_name", "kein Name eines Autors"]),
    "Autor kein Text": (author_not_text, ["Version 1: Feld author_name: Wert null"]),
    "Zeitpunkt falsch": (bad_moment, ['Version 2: Feld created: Wert "gestern"']),
    "Text ungültig": (invalid_text, ["Text ungültig", "unknown_key"]),
    "Kurzname geändert": (short_name_changed, ['Feld short_name: gespeichert "=HYPERLINK(1)"']),
    "Nummer doppelt": (duplicate_id, ["die Nummer kommt zweimal vor"]),
    "Nummer als Text": (id_as_text, ['Feld id: Wert "', "keine positive Zahl"]),
    "archiviert als Text": (archived_as_text, ['Feld archived: Wert "ja"']),
    "Text fehlt": (missing_text, ["Feld text: Wert null: kein Text"]),
    "keine Versionen": (no_versions, ["Feld versionen: keine Liste von Versionen"]),
    "Grund zu lang": (reason_too_long, ["Version 1: Feld reason"]),
    "Dateiname fehlt": (no_file_name, ["Feld file_name: Wert null: kein Dateiname"]),
    "Eintrag kein Objekt": (item_not_object, ["Eintrag 7: keine Vereinbarung"]),
}


def refused(folder: Path) -> str:
    with pytest.raises(backup.BackupError) as info:
        backup.restore(folder)
    assert Agreement.objects.count() == 0
    assert Version.objects.count() == 0
    message = str(info.value)
    assert "Sicherung abgelehnt, nichts zurückgespielt" in message or "JSON" in message, message
    assert "unerwartet" not in message
    assert "Traceback" not in message
    return message


@pytest.mark.parametrize("kind", list(CHANGES))
def test_corrupt_backup_is_refused_naming_agreement_and_version(
    saved: tuple[Path, Document], kind: str
) -> None:
    folder, document = saved
    change, expected = CHANGES[kind]
    corrupt = copy.deepcopy(document)
    change(corrupt)
    (folder / backup.FILE).write_text(json.dumps(corrupt, ensure_ascii=False), "utf-8")
    message = refused(folder)
    assert re.search(r"(Vereinbarung \d+|Eintrag \d+)", message), message
    for part in expected:
        assert part in message, message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b'{"format": 1, "vereinbarungen": [', "kein gültiges JSON: Zeile 1"),
        (b'{"format": 1, "vereinbarungen": "\xff"}', "kein UTF-8 (Byte 33)"),
        (b"[1, 2]", "keine Sicherung (kein JSON-Objekt)"),
        (b'{"format": 2, "vereinbarungen": []}', "unbekanntes Format 2"),
        (b'{"format": 1}', "Feld vereinbarungen: keine Liste"),
        (b"[" * 100_000 + b"]" * 100_000, "zu tief verschachtelt"),
    ],
)
def test_unreadable_backup_is_refused(
    saved: tuple[Path, Document], raw: bytes, expected: str
) -> None:
    folder, _ = saved
    (folder / backup.FILE).write_bytes(raw)
    assert expected in refused(folder)


def test_good_backup_is_restored_as_it_was(saved: tuple[Path, Document]) -> None:
    folder, document = saved
    summary = backup.restore(folder)
    assert (summary.agreements, summary.versions) == (7, 8)
    assert summary.authors_without_account == []
    for item in document["vereinbarungen"]:
        record = Agreement.objects.get(pk=item["id"])
        assert record.data == item["data"]
        assert record.version == item["version"]


def test_cli_refuses_with_exit_2(
    saved: tuple[Path, Document],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder, document = saved
    corrupt = copy.deepcopy(document)
    changed_date(corrupt)
    (folder / backup.FILE).write_text(json.dumps(corrupt), "utf-8")
    code, out, err = run_web(capsys, monkeypatch, "restore", str(folder))
    assert code == 2, out + err
    assert f"Fehler: {folder / backup.FILE}: Sicherung abgelehnt" in err
    assert f"Vereinbarung {corrupt['vereinbarungen'][1]['id']}" in err
    assert Agreement.objects.count() == 0


def test_restore_audit_lines_are_marked_as_restore(
    saved: tuple[Path, Document], caplog: pytest.LogCaptureFixture
) -> None:
    folder, document = saved
    caplog.set_level(logging.INFO, logger="vereinbarung.aenderungen")
    backup.restore(folder)
    lines = [json.loads(r.getMessage()) for r in caplog.records
             if r.name == "vereinbarung.aenderungen"]  # fmt: skip
    versions = [line for line in lines if "version" in line]
    assert len(versions) == 8
    item = second_version(document)
    entry = item["versionen"][1]
    (line,) = [v for v in versions if v["vereinbarung"] == item["id"] and v["version"] == 2]
    assert line["wer"] == "System"
    assert line["was"] == "aus Sicherung zurückgespielt"
    assert line["urheber"] == "bearbeiter"
    assert line["urspruenglich"] == entry["created"][:19] + entry["created"][-6:]
    assert line["grund"] == "archiviert"
    assert all(v["was"] == "aus Sicherung zurückgespielt" for v in versions)
    assert lines[-1]["was"] == "Sicherung zurückgespielt"
    assert lines[-1]["vereinbarungen"] == 7


def test_authors_without_account_are_named(
    saved: tuple[Path, Document],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder, document = saved
    changed = copy.deepcopy(document)
    second_version(changed)["versionen"][1]["author_name"] = "ehemalig"
    (folder / backup.FILE).write_text(json.dumps(changed), "utf-8")
    code, _, err = run_web(capsys, monkeypatch, "restore", str(folder))
    assert code == 0, err
    assert "ohne Benutzerkonto" in err
    assert "»ehemalig«" in err
    item = second_version(changed)
    version = Version.objects.get(agreement_id=item["id"], number=2)
    assert (version.author_name, version.author) == ("ehemalig", None)


def test_with_key_backup_round_trip_keeps_register_fields(
    tmp_path: Path, examples: list[Any]
) -> None:
    record = with_key(examples[1], "short_name", "Vergabe")
    backup.backup(tmp_path / "s")
    Version.objects.all().delete()
    Agreement.objects.all().delete()
    backup.restore(tmp_path / "s")
    assert Agreement.objects.get(pk=record.pk).short_name == "Vergabe"
