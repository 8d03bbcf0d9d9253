"""The import page within bounds (issue 20): a .docx lying about its unpacked size, damaged
PDFs and Word files, a 19 MB text and a reading that runs too long are each a German 400 naming
the uploaded file (never a 500, never the server's temporary path), and cost little."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ..hostile_uploads import long_text, lying_docx, malformed_pdfs
from .conftest import login

MB = 1024**2


def _upload(client: Client, path: Path) -> tuple[int, str]:
    with path.open("rb") as handle:
        response = client.post(reverse("importieren"), {"datei": handle})
    return response.status_code, response.content.decode()


@pytest.mark.usefixtures("users")
def test_a_docx_lying_about_its_size_is_a_german_400(client: Client, tmp_path: Path) -> None:
    login(client, "bearbeiter")
    bomb = lying_docx(tmp_path / "vertrag.docx", real=400 * MB)
    started = time.monotonic()
    status, page = _upload(client, bomb)
    assert time.monotonic() - started < 10
    assert status == 400
    assert "vertrag.docx: der Teil word/document.xml wäre entpackt über" in page
    assert "das Verzeichnis des Archivs gibt 2 KB an" in page
    assert "vereinbarung-import-" not in page  # the server's temporary folder is not shown


@pytest.mark.usefixtures("users")
def test_damaged_pdfs_are_a_german_400(client: Client, tmp_path: Path) -> None:
    login(client, "bearbeiter")
    refused = 0
    for name, path in malformed_pdfs(tmp_path).items():
        status, page = _upload(client, path)
        assert status in (200, 400), (name, status)  # 200: pypdf repaired it
        if status == 400:
            refused += 1
            assert f"{path.name}: " in page, name
            assert "unerwartet" not in page, name
    assert refused >= 4


@pytest.mark.usefixtures("users")
def test_a_garbled_pdf_filter_is_a_400_not_a_500(client: Client, tmp_path: Path) -> None:
    login(client, "bearbeiter")
    path = malformed_pdfs(tmp_path)["filter-kaputt"]
    status, page = _upload(client, path)
    assert status == 400
    assert "filter-kaputt.pdf: keine lesbare PDF-Datei, sie ist beschädigt" in page


@pytest.mark.usefixtures("users")
def test_a_long_text_is_refused_at_once(client: Client, tmp_path: Path) -> None:
    login(client, "bearbeiter")
    text = long_text(tmp_path / "vertrag.txt", 19 * MB)
    started = time.monotonic()
    status, page = _upload(client, text)
    assert time.monotonic() - started < 5
    assert status == 400
    assert "vertrag.txt: ist mit 19,0 MB zu groß für den Text einer Vereinbarung" in page


def _slow(*_args: Any, **_kwargs: Any) -> Any:
    time.sleep(60)


@pytest.mark.usefixtures("users")
def test_a_reading_that_takes_too_long_is_a_400(
    client: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vereinbarung.importing import importer

    monkeypatch.setattr(importer, "TIME_LIMIT", 2.0)
    monkeypatch.setattr(importer, "import_blocks", _slow)
    login(client, "bearbeiter")
    source = tmp_path / "vertrag.md"
    source.write_text("# Vertrag\n\nzwischen A und B\n", encoding="utf-8")
    started = time.monotonic()
    status, page = _upload(client, source)
    assert time.monotonic() - started < 10
    assert status == 400
    assert "vertrag.md: das Lesen der Datei dauert länger als 2 Sekunden" in page
