"""Operation: backup and restore round-trip, ``/health``, one log line per change."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from vereinbarung.web.operation import backup
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement, Version

pytestmark = pytest.mark.django_db

FIELDS = ("number", "text", "author_name", "reason", "created")


def snapshot() -> list[Any]:
    return [
        ({f: getattr(r, f) for f in backup.FIELDS},
         [tuple(getattr(v, f) for f in FIELDS) for v in Version.objects.filter(agreement=r)
          .order_by("number")])
        for r in Agreement.objects.order_by("pk")
    ]  # fmt: skip


def test_backup_and_restore_round_trip(
    tmp_path: Path, users: dict[str, Any], examples: list[Any]
) -> None:
    record = examples[0]
    services.set_archived(record, True, base=record.version, user=users["bearbeiten"])
    before = snapshot()
    summary = backup.backup(tmp_path / "sicherung")
    assert summary.agreements == 7
    assert summary.versions == 8
    written = sorted(p.name for p in (tmp_path / "sicherung" / "vereinbarungen").iterdir())
    assert "register.csv" in written
    assert len(written) == 8
    with pytest.raises(backup.BackupError, match="nicht leer"):
        backup.restore(tmp_path / "sicherung")
    Version.objects.all().delete()
    Agreement.objects.all().delete()
    restored = backup.restore(tmp_path / "sicherung")
    assert (restored.agreements, restored.versions) == (7, 8)
    assert snapshot() == before
    # numbering goes on after the restored rows
    new = services.create((Path(__file__).parents[2] / "examples" / "interkommunaler-bauhof.yaml")
                          .read_text("utf-8"))  # fmt: skip
    assert new.pk > max(r.pk for r in examples)


def test_health(client: Client) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["vereinbarungen"] == 0


def test_every_change_is_one_json_log_line(
    caplog: pytest.LogCaptureFixture, users: dict[str, Any], examples: list[Any]
) -> None:
    caplog.set_level(logging.INFO, logger="vereinbarung.aenderungen")
    record = examples[0]
    services.set_archived(record, True, base=record.version, user=users["bearbeiten"])
    lines = [json.loads(r.getMessage()) for r in caplog.records
             if r.name == "vereinbarung.aenderungen"]  # fmt: skip
    assert lines[-1]["wer"] == "bearbeiter"
    assert lines[-1]["was"] == "archiviert"
    assert lines[-1]["vereinbarung"] == record.pk
    assert "zeit" in lines[-1]
