"""The list import page (issue 22): upload → columns → preview → create, all or nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

import vereinbarung
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement

from .conftest import login

pytestmark = pytest.mark.django_db

CSV = (
    "Bezeichnung;Vertragspartner;Beginn;Laufzeit bis;Kündigungsfrist\n"
    "Interkommunaler Bauhof;Stadt Adenau; Gemeinde Barweiler;01.01.2020;31.12.2030;"
    "3 Monate zum Jahresende\n"
).replace(
    "Stadt Adenau; Gemeinde", "Stadt Adenau, Gemeinde"
) + "Volkshochschule;Stadt Kaarst, Stadt Korschenbroich;;;6 Monate\n"


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(client: Client, name: str, content: bytes, own: str = "") -> str:
    answer = client.post("/importieren/liste/", {
        "aktion": "hochladen", "eigene_partei": own, "datei": SimpleUploadedFile(name, content),
    })  # fmt: skip
    return answer.content.decode()


@pytest.mark.usefixtures("users")
def test_upload_preview_and_create_unconfirmed_agreements(client: Client) -> None:
    login(client, "bearbeiter")
    page = _upload(client, "liste.csv", CSV.encode())
    assert "Vorschau: 2 Vereinbarungen, alle unbestätigt" in page
    assert '<option value="0" selected>Bezeichnung</option>' in page  # found by header
    assert "fehlt (Platzhalter)" in page
    token = page.split('name="liste" value="', 1)[1].split('"', 1)[0]
    columns = {"spalte-title": "0", "spalte-parties": "1", "spalte-effective": "2",
               "spalte-ends": "3", "spalte-notice": "4"}  # fmt: skip
    answer = client.post("/importieren/liste/", {
        "aktion": "anlegen", "liste": token, "name": "liste.csv", "zuordnung": "1", **columns,
    })  # fmt: skip
    assert answer.status_code == 302, answer.content.decode()[:3000]
    records = list(Agreement.objects.order_by("title"))
    assert [r.title for r in records] == ["Interkommunaler Bauhof", "Volkshochschule"]
    day = dt.date(2026, 12, 7)
    for record in records:
        state = services.state_of(record, day)
        assert state.status == "unconfirmed"
        assert record.versions.get().reason.startswith("aus Liste übernommen (liste.csv, Zeile")  # type: ignore[attr-defined]
    bauhof = services.agreement_of(records[0])
    assert bauhof.term.notice_to == vereinbarung.NoticeTo("year_end")
    again = client.post("/importieren/liste/", {"aktion": "anlegen", "liste": token, "name": "x"})
    assert again.status_code == 400  # the list is gone once created
    assert Agreement.objects.count() == 2


@pytest.mark.usefixtures("users")
def test_a_bad_row_is_named_and_nothing_is_created(client: Client) -> None:
    login(client, "bearbeiter")
    content = _xlsx([["Titel", "Partner", "Beginn"], ["A", "Stadt A, Stadt B", "01.01.2020"],
                     ["B", "Stadt A, Stadt B", "=HEUTE()"]])  # fmt: skip
    page = _upload(client, "liste.xlsx", content)
    assert "liste.xlsx: Zeile 3, Spalte C »Beginn«: Wert »=HEUTE()« ist eine Formel" in page
    assert 'aria-describedby="fehler-datei"' in page
    content = _xlsx([["Titel", "Partner", "Beginn"], ["A", "Stadt A, Stadt B", "01.01.2020"],
                     ["B", "Stadt A", 45000.5]])  # fmt: skip
    page = _upload(client, "liste.xlsx", content)
    assert "So wird nichts angelegt" in page
    assert "liste.xlsx: Zeile 3, Spalte B »Partner«, Wert »Stadt A«: mindestens zwei" in page
    assert "Spalte C »Beginn«, Wert »45000.5«: die Zahl 45000.5 ist kein Datum" in page
    assert "Vereinbarungen anlegen</button>" not in page
    token = page.split('name="liste" value="', 1)[1].split('"', 1)[0]
    answer = client.post("/importieren/liste/", {"aktion": "anlegen", "liste": token,
                                                   "name": "liste.xlsx"})  # fmt: skip
    assert answer.status_code == 400
    assert not Agreement.objects.exists()


@pytest.mark.usefixtures("users")
def test_columns_mapped_on_the_page_and_the_own_party(client: Client) -> None:
    login(client, "bearbeiter")
    content = "Sache;Wer;Start\nBauhof;Stadt Soest;01.07.2021\n".encode("cp1252")
    page = _upload(client, "liste.csv", content, own="Gemeinde Möhnesee")
    assert "keine Spalte »Titel« gefunden" in page
    token = page.split('name="liste" value="', 1)[1].split('"', 1)[0]
    answer = client.post("/importieren/liste/", {
        "aktion": "vorschau", "liste": token, "name": "liste.csv", "zuordnung": "1",
        "spalte-title": "0", "spalte-parties": "1", "spalte-effective": "2",
        "eigene_partei": "Gemeinde Möhnesee",
    })  # fmt: skip
    page = answer.content.decode()
    assert "Gemeinde Möhnesee; Stadt Soest" in page
    assert "01.07.2021" in page


@pytest.mark.usefixtures("users")
def test_only_editors_and_only_their_own_uploads(client: Client) -> None:
    login(client, "leser")
    assert client.get("/importieren/liste/").status_code == 403
    login(client, "bearbeiter")
    page = _upload(client, "liste.csv", CSV.encode())
    token = page.split('name="liste" value="', 1)[1].split('"', 1)[0]
    other = Client()
    login(other, "verwalter")
    answer = other.post("/importieren/liste/", {"aktion": "anlegen", "liste": token, "name": "x"})
    assert answer.status_code == 400
    assert "nicht mehr da" in answer.content.decode()
    for name, content, message in (
        ("liste.ods", b"x", "liste.ods: Dateityp .ods wird nicht gelesen"),
        ("liste.xlsx", b"PK\x03\x04kaputt", "liste.xlsx: ist keine Excel-Datei"),
        ("liste.csv", b"x" * (5 * 1024 * 1024 + 1), "liste.csv: die Datei ist zu groß"),
    ):
        page = _upload(client, name, content)
        assert message in page, page[-3000:]
        assert "/tmp" not in page
    assert not Agreement.objects.exists()
    assert vereinbarung.TABLE_COLUMNS["title"][0] == "Titel"
