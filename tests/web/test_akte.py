"""The agreement's file (issue 25): attachments as evidence, notes, full-text search, API,
backup and restore – through Django's test client (the browser tests: test_akte_browser.py).

Each test uses a storage folder of its own (``STORAGES["anlagen"]``) and the SQLite or
PostgreSQL database of the run (``VEREINBARUNG_DATABASE_URL``), so both search paths are tested
where CI runs the second pass.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from vereinbarung.web.akte import evidence, search
from vereinbarung.web.akte.models import Attachment, Note
from vereinbarung.web.api.tokens import create_token
from vereinbarung.web.operation import backup
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement, Version

from .akte_files import docx_with_text, mail, pdf_with_text, scanned_pdf
from .conftest import login

pytestmark = pytest.mark.django_db
AMTSBLATT = pdf_with_text(
    "Amtsblatt fuer den Kreis Euskirchen, Nr. 12 vom 02.03.2026",
    "Bekanntmachung: Zweckvereinbarung Bauhof, Hinweis auf den Zwergfledermausschutz.",
    "Die Vereinbarung tritt am Tag nach der Bekanntmachung in Kraft.",
)


@pytest.fixture(autouse=True)
def storage_folder(settings: Any, tmp_path: Path) -> Path:
    folder = tmp_path / "anlagen"
    settings.STORAGES = {
        **settings.STORAGES,
        "anlagen": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(folder)}},
    }  # fmt: skip
    return folder


@pytest.fixture
def bauhof(users: dict[str, Any], examples: list[Any]) -> Agreement:  # noqa: ARG001
    """The Bauhof with a Kündigung by Blankenheim, received by Dahlem and Nettersheim."""
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    body = {"type": "notice", "by": "Gemeinde Blankenheim", "form": "written",
            "received": {"Gemeinde Dahlem": "2026-03-02", "Gemeinde Nettersheim": "2026-03-03"}}  # fmt: skip
    outcome = services.record_event(record, body, today=dt.date(2026, 3, 10))
    return services.save_version(record, outcome.text, base=record.version, reason="Kündigung")


def _upload(client: Client, record: Agreement, name: str, content: bytes, **fields: str) -> Any:
    data = {"art": "sonstiges", **fields, "datei": SimpleUploadedFile(name, content)}
    return client.post(reverse("anlage_neu", args=[record.pk]), data)


def test_a_rueckschein_completes_the_evidence_of_the_kuendigung(bauhof: Agreement) -> None:
    client = login(Client(), "bearbeiter")
    page = client.get(reverse("vereinbarung", args=[bauhof.pk])).content.decode()
    assert (
        "Nachweis fehlt</strong>: Kündigung durch Gemeinde Blankenheim, Zugang 02.03.2026" in page
    )
    [proof] = evidence.evidence_of(bauhof, services.agreement_of(bauhof))
    assert not proof.complete
    assert proof.key == "notice|Gemeinde Blankenheim|2026-03-02"
    response = _upload(client, bauhof, "rueckschein.pdf", pdf_with_text(
        "Rueckschein: Einschreiben an die Gemeinde Dahlem, zugestellt am 02.03.2026.",
        "Unterschrift des Empfaengers: M. Mustermann, Gemeinde Dahlem, Poststelle."),
        art="zugangsnachweis", ereignis=proof.key, datum="02.03.2026",
        beschreibung="Rückschein Dahlem")  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(reverse("vereinbarung", args=[bauhof.pk])).content.decode()
    assert "Nachweis vollständig</span>: Kündigung durch Gemeinde Blankenheim" in page
    assert "Alle Nachweise liegen vor." in page
    stored = Attachment.objects.get()
    assert (
        stored.sha256
        == hashlib.sha256(storages["anlagen"].open(stored.stored, "rb").read()).hexdigest()
    )
    assert stored.sha256[:16] in page
    assert stored.uploaded_by_name == "bearbeiter"
    assert stored.date == dt.date(2026, 3, 2)


def test_the_type_comes_from_the_content_not_the_name(bauhof: Agreement) -> None:
    client = login(Client(), "bearbeiter")
    html = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
    refused = _upload(client, bauhof, "bescheid.pdf", html)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "bescheid.pdf: der Inhalt ist keine der erlaubten Dateiarten" in page
    assert (
        'id="id_datei" name="datei" required aria-invalid="true" aria-describedby="fehler-datei"'
        in page
    )
    assert '<a href="#id_datei">Datei: bescheid.pdf' in page
    assert not Attachment.objects.exists()
    assert _upload(client, bauhof, "notiz.txt", AMTSBLATT).status_code == 302
    assert Attachment.objects.get().content_type == "application/pdf"
    assert (
        _upload(client, bauhof, "bescheid.docx", docx_with_text("Genehmigung erteilt")).status_code
        == 302
    )
    assert (
        _upload(client, bauhof, "mail.eml", mail("Kündigung", "Eingang bestätigt")).status_code
        == 302
    )
    kinds = set(Attachment.objects.values_list("type_label", flat=True))
    assert kinds == {"PDF", "Word (.docx)", "E-Mail (.eml)"}
    bad_date = _upload(client, bauhof, "a.pdf", AMTSBLATT, datum="31.02.2026")
    assert bad_date.status_code == 400
    assert 'aria-describedby="fehler-datum"' in bad_date.content.decode()


def test_a_zip_bomb_named_docx_is_refused(bauhof: Agreement, storage_folder: Path) -> None:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (300 * 1024 * 1024))
    client = login(Client(), "bearbeiter")
    refused = _upload(client, bauhof, "vertrag.docx", out.getvalue())
    assert refused.status_code == 400
    assert "vertrag.docx" in refused.content.decode()
    assert not Attachment.objects.exists()
    assert not storage_folder.exists() or not any(storage_folder.rglob("*"))


def test_download_is_never_inline_and_a_changed_file_is_reported(
    bauhof: Agreement, storage_folder: Path
) -> None:
    client = login(Client(), "bearbeiter")
    _upload(client, bauhof, "amtsblatt.pdf", AMTSBLATT, art="bekanntmachung")
    item = Attachment.objects.get()
    reader = login(Client(), "leser")
    response = reader.get(reverse("anlage", args=[bauhof.pk, item.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="amtsblatt.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == AMTSBLATT  # type: ignore[attr-defined]
    (storage_folder / item.stored).write_bytes(AMTSBLATT.replace(b"Nr. 12", b"Nr. 13"))
    changed = reader.get(reverse("anlage", args=[bauhof.pk, item.pk]))
    assert changed.status_code == 409
    assert "wurde nach dem Hochladen verändert" in changed.content.decode()


def test_a_scan_says_so_and_names_ocr(bauhof: Agreement) -> None:
    client = login(Client(), "bearbeiter")
    response = _upload(client, bauhof, "scan.pdf", scanned_pdf(), art="genehmigung")
    assert response.status_code == 302
    page = client.get(reverse("vereinbarung", args=[bauhof.pk])).content.decode()
    assert "keine Textebene (vermutlich ein Scan)" in page
    assert "ocrmypdf" in page


def test_search_finds_a_word_only_the_amtsblatt_holds_highlighted_and_escaped(
    bauhof: Agreement,
) -> None:
    client = login(Client(), "bearbeiter")
    assert not search.search("Zwergfledermausschutz", Agreement.objects.all()).hits
    reader = login(Client(), "leser")
    assert (
        "Keine Treffer"
        in reader.get(reverse("suche"), {"q": "Zwergfledermausschutz"}).content.decode()
    )
    _upload(client, bauhof, "amtsblatt.pdf", AMTSBLATT, art="bekanntmachung",
            beschreibung="<b>fett</b>")  # fmt: skip
    page = reader.get(reverse("suche"), {"q": "Zwergfledermausschutz"}).content.decode()
    assert "1 Treffer" in page
    assert "in der Anlage" in page
    assert "amtsblatt.pdf" in page
    assert "<mark>Zwergfledermausschutz" in page
    hits = search.search("fett", Agreement.objects.all()).hits
    assert [h.attachment.name for h in hits if h.attachment] == ["amtsblatt.pdf"]
    assert "<b>" not in str(hits[0].passage)  # escaped (SQLite) or dropped as a tag (PostgreSQL)
    assert search.highlight("a <script>\x02x\x03") == "a &lt;script&gt;<mark>x</mark>"
    # the agreement's own text, and a query with FTS syntax is only words
    assert search.search("Blankenheim", Agreement.objects.all()).hits
    [own] = search.search("Bauhofleitungen", Agreement.objects.all()).hits
    assert own.attachment is None
    assert "<mark>Bauhofleitungen</mark>" in own.passage
    assert "heading:" not in own.passage  # the words of the file, not its YAML keys
    assert search.search('"Bauhof" OR NEAR(', Agreement.objects.all()).ranked


@pytest.mark.usefixtures("users")
def test_beyond_the_rank_limit_the_newest_come_first_and_the_page_says_so(
    examples: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    everywhere = search.search("Vereinbarung", Agreement.objects.all())
    assert everywhere.ranked
    assert len(everywhere.hits) == len(examples)
    monkeypatch.setattr(search, "RANK_LIMIT", 2)
    newest = search.search("Vereinbarung", Agreement.objects.all())
    assert not newest.ranked
    assert [h.record.pk for h in newest.hits] == sorted((r.pk for r in examples), reverse=True)
    page = login(Client(), "leser").get(reverse("suche"), {"q": "Vereinbarung"}).content.decode()
    assert "Sehr viele Treffer: gezeigt werden die zuletzt hinzugekommenen" in page


def test_notes_are_signed_and_in_the_history(bauhof: Agreement) -> None:
    client = login(Client(), "bearbeiter")
    empty = client.post(reverse("vermerk", args=[bauhof.pk]), {"vermerk": " "})
    assert empty.status_code == 400
    assert 'aria-describedby="fehler-vermerk"' in empty.content.decode()
    response = client.post(reverse("vermerk", args=[bauhof.pk]),
                           {"vermerk": "Telefonat mit Dahlem: Rückschein folgt.",
                            "vermerk_datum": "05.03.2026"})  # fmt: skip
    assert response.status_code == 302
    note = Note.objects.get()
    assert (note.author_name, note.day) == ("bearbeiter", dt.date(2026, 3, 5))
    page = client.get(reverse("vereinbarung", args=[bauhof.pk])).content.decode()
    history = page[page.index("<h2>Versionen</h2>") :]
    assert "Vermerk vom 05.03.2026" in history
    assert "Telefonat mit Dahlem: Rückschein folgt." in history
    assert login(Client(), "leser").post(reverse("vermerk", args=[bauhof.pk]),
                                         {"vermerk": "x"}).status_code == 403  # fmt: skip


def test_nothing_is_deleted_but_superseded_unless_verwalten_gives_a_reason(
    bauhof: Agreement, caplog: pytest.LogCaptureFixture
) -> None:
    client = login(Client(), "bearbeiter")
    _upload(client, bauhof, "alt.pdf", AMTSBLATT, art="bekanntmachung")
    old = Attachment.objects.get()
    _upload(client, bauhof, "neu.pdf", AMTSBLATT, art="bekanntmachung", ersetzt=str(old.pk))
    old.refresh_from_db()
    assert old.superseded_by is not None
    assert old.superseded_by.name == "neu.pdf"
    page = client.get(reverse("vereinbarung", args=[bauhof.pk])).content.decode()
    assert "Ersetzte Anlagen (1)" in page
    url = reverse("anlage_loeschen", args=[bauhof.pk, old.pk])
    assert client.post(url, {"grund": "Doppelt hochgeladen"}).status_code == 403
    admin = login(Client(), "verwalter")
    assert admin.post(url, {"grund": ""}).status_code == 400
    with caplog.at_level(logging.INFO, logger="vereinbarung.aenderungen"):
        assert admin.post(url, {"grund": "Doppelt hochgeladen"}).status_code == 302
    assert not Attachment.objects.filter(pk=old.pk).exists()
    assert not storages["anlagen"].exists(old.stored)
    line = json.loads(next(r.message for r in caplog.records if "Anlage gelöscht" in r.message))
    assert (line["wer"], line["grund"], line["datei"]) == (
        "verwalter",
        "Doppelt hochgeladen",
        "alt.pdf",
    )


def test_api_lists_uploads_and_downloads(bauhof: Agreement, users: dict[str, Any]) -> None:
    _, key = create_token(users["bearbeiten"], "Akte", "Bearbeiten")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    url = f"/api/agreements/{bauhof.pk}/attachments"
    listed = api.get(url).json()
    assert listed["attachments"] == []
    assert listed["events"][0]["complete"] is False
    refused = api.post(
        url, {"art": "zugangsnachweis", "datei": SimpleUploadedFile("x.pdf", b"<html>")}
    )
    assert refused.status_code == 422
    assert refused.json()["fehler"][0].startswith("datei: x.pdf: der Inhalt ist keine")
    created = api.post(url, {"art": "zugangsnachweis", "ereignis": listed["events"][0]["key"],
                             "datei": SimpleUploadedFile("rueckschein.pdf", AMTSBLATT)})  # fmt: skip
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["sha256"] == hashlib.sha256(AMTSBLATT).hexdigest()
    assert api.get(url).json()["events"][0]["complete"] is True
    download = api.get(f"{url}/{body['id']}")
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == AMTSBLATT  # type: ignore[attr-defined]
    assert api.get(f"{url}/999").status_code == 404


def test_backup_and_restore_keep_every_attachment_byte_for_byte(
    bauhof: Agreement, tmp_path: Path, storage_folder: Path
) -> None:
    client = login(Client(), "bearbeiter")
    files = {"amtsblatt.pdf": AMTSBLATT, "mail.eml": mail("Zugang", "Bestätigt."),
             "bescheid.docx": docx_with_text("Genehmigung")}  # fmt: skip
    for name, content in files.items():
        assert _upload(client, bauhof, name, content).status_code == 302
    client.post(reverse("vermerk", args=[bauhof.pk]), {"vermerk": "Akte vollständig."})
    before = {a.name: (a.sha256, a.pk) for a in Attachment.objects.all()}
    folder = tmp_path / "sicherung"
    summary = backup.backup(folder)
    assert summary.attachments == 3
    assert summary.changed_attachments == []
    assert (folder / "vereinbarungen" / "anlagen" / "anlagen.csv").is_file()
    # into an empty register
    Attachment.objects.update(superseded_by=None)
    Attachment.objects.all().delete()
    Note.objects.all().delete()
    Version.objects.all().delete()
    Agreement.objects.all().delete()
    for child in storage_folder.rglob("*"):
        if child.is_file():
            child.unlink()
    restored = backup.restore(folder)
    assert restored.attachments == 3
    for item in Attachment.objects.all():
        assert (item.sha256, item.pk) == before[item.name]
        assert storages["anlagen"].open(item.stored, "rb").read() == files[item.name]
    assert Note.objects.get().text == "Akte vollständig."
    assert search.search("Zwergfledermausschutz", Agreement.objects.all()).hits


def test_a_changed_attachment_is_reported_by_backup_and_refused_by_restore(
    bauhof: Agreement, tmp_path: Path, storage_folder: Path
) -> None:
    client = login(Client(), "bearbeiter")
    _upload(client, bauhof, "amtsblatt.pdf", AMTSBLATT)
    item = Attachment.objects.get()
    (storage_folder / item.stored).write_bytes(b"%PDF-1.4 anders")
    folder = tmp_path / "sicherung"
    summary = backup.backup(folder)
    assert len(summary.changed_attachments) == 1
    assert "amtsblatt.pdf" in summary.changed_attachments[0]
    assert "wurde verändert" in summary.changed_attachments[0]
    Attachment.objects.all().delete()
    Version.objects.all().delete()
    Agreement.objects.all().delete()
    with pytest.raises(backup.BackupError, match=r"amtsblatt\.pdf.*wurde verändert"):
        backup.restore(folder)
    assert not Agreement.objects.exists()


def test_check_attachments_and_export_files(
    bauhof: Agreement, tmp_path: Path, storage_folder: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from .web_cli import run_web

    client = login(Client(), "bearbeiter")
    _upload(client, bauhof, "amtsblatt.pdf", AMTSBLATT, art="bekanntmachung")
    code, out, err = run_web(capsys, monkeypatch, "check-attachments")
    assert (code, out.strip(), err) == (0, "1 Anlagen geprüft, 0 verändert oder fehlend.", "")
    code, out, _ = run_web(capsys, monkeypatch, "export-files", str(tmp_path / "export"))
    assert code == 0
    assert "1 Anlagen in anlagen/" in out
    [exported] = (tmp_path / "export" / "anlagen").glob("*/*-amtsblatt.pdf")
    assert exported.read_bytes() == AMTSBLATT
    item = Attachment.objects.get()
    (storage_folder / item.stored).write_bytes(b"%PDF-1.4 anders")
    code, out, err = run_web(capsys, monkeypatch, "check-attachments")
    assert code == 1
    assert f"Anlage {item.pk} »amtsblatt.pdf«: Die Datei wurde nach dem Hochladen verändert" in err


def test_another_fachbereich_sees_nothing_of_the_file(bauhof: Agreement) -> None:
    from django.contrib.auth import get_user_model

    from vereinbarung.web.rights.models import Fachbereich, Membership

    own = Fachbereich.objects.create(name="Bauhof")
    Agreement.objects.filter(pk=bauhof.pk).update(fachbereich=own)
    other = get_user_model().objects.create_user("fremd", password="geheim-123")  # type: ignore[attr-defined]
    Membership.objects.create(user=other, fachbereich=Fachbereich.objects.create(name="Jugend"),
                              role="Freigeben")  # fmt: skip
    client = login(Client(), "verwalter")
    assert _upload(client, bauhof, "amtsblatt.pdf", AMTSBLATT).status_code == 302
    item = Attachment.objects.get()
    stranger = Client()
    stranger.force_login(other)
    for url in (
        reverse("anlage", args=[bauhof.pk, item.pk]),
        reverse("anlage_neu", args=[bauhof.pk]),
    ):
        assert stranger.get(url).status_code == 404, url
    # deleting needs Verwalten at all: refused before the agreement is even looked at
    assert stranger.get(reverse("anlage_loeschen", args=[bauhof.pk, item.pk])).status_code == 403
    assert stranger.post(reverse("vermerk", args=[bauhof.pk]), {"vermerk": "x"}).status_code == 404
    page = stranger.get(reverse("suche"), {"q": "Zwergfledermausschutz"}).content.decode()
    assert "Keine Treffer" in page
    assert "amtsblatt" not in page
    _, key = create_token(other, "fremd", "Freigeben")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.get(f"/api/agreements/{bauhof.pk}/attachments").status_code == 404
    assert api.get(f"/api/agreements/{bauhof.pk}/attachments/{item.pk}").status_code == 404
    assert not Note.objects.exists()
