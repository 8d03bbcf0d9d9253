"""Sender profiles in the register (issue 21/23): the form validated by the library's model with
its errors at the fields, the YAML file the CLI's ``--absender`` reads (download and upload),
and letters downloaded with a profile: final, with sender, Aktenzeichen and both signatories."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document

import vereinbarung
from vereinbarung.web.absender.models import SenderProfile
from vereinbarung.web.register.models import Agreement

from .conftest import EXAMPLES, login

pytestmark = pytest.mark.django_db

FORM = {
    "bezeichnung": "Rechtsamt Rommerskirchen",
    "partei": "Gemeinde Rommerskirchen",
    "dienststelle": "Rechtsamt",
    "aktenzeichen": "30.2-12/2026",
    "ansprechperson": "Anna Beispiel",
    "telefon": "02183 123-456",
    "email": "recht@rommerskirchen.example",
    "strasse": "Bahnstraße 51",
    "plz": "41569",
    "ort": "Rommerskirchen",
    "unterschrift1-name": "Martin Mertens",
    "unterschrift1-amt": "Bürgermeister",
    "unterschrift2-zusatz": "In Vertretung",
    "unterschrift2-name": "Petra Muster",
    "unterschrift2-amt": "Allgemeine Vertreterin",
}


#: An alias bomb (»billion laughs«): 10**9 values when expanded.
BOMB = "\n".join(
    ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
).encode()


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


@pytest.mark.usefixtures("users")
def test_a_profile_is_stored_in_the_schema_of_the_library(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="vereinbarung.aenderungen")
    login(client, "bearbeiter")
    answer = client.post("/absender/neu/", FORM)
    assert answer.status_code == 302, answer.content.decode()[:3000]
    profile = SenderProfile.objects.get()
    sender = profile.sender()
    assert sender == vereinbarung.Sender.model_validate(profile.data)
    assert sender.reference == "30.2-12/2026"
    assert [s.name for s in sender.signatories] == ["Martin Mertens", "Petra Muster"]
    assert sender.signatories[1].prefix == "In Vertretung"
    assert sender.address is not None
    assert sender.address.postal_code == "41569"
    page = client.get("/absender/").content.decode()
    assert "Rechtsamt Rommerskirchen" in page
    assert "nichts" in page  # nothing missing for a sendable letter
    client.post(f"/absender/{profile.pk}/loeschen/")
    assert not SenderProfile.objects.exists()
    audit = [
        json.loads(r.getMessage()) for r in caplog.records if r.name == "vereinbarung.aenderungen"
    ]
    assert [(a["wer"], a["was"], a["name"]) for a in audit] == [
        ("bearbeiter", "Absender gespeichert", "Rechtsamt Rommerskirchen"),
        ("bearbeiter", "Absender gelöscht", "Rechtsamt Rommerskirchen"),
    ]


@pytest.mark.usefixtures("users")
def test_form_errors_are_german_tied_to_their_fields_and_nothing_is_stored(client: Client) -> None:
    login(client, "bearbeiter")
    bad = {**FORM, "plz": "4156", "unterschrift2-amt": "", "bezeichnung": ""}
    answer = client.post("/absender/neu/", bad)
    assert answer.status_code == 400
    page = answer.content.decode()
    assert 'id="id_plz" name="plz" value="4156" maxlength="200" inputmode="numeric" ' \
        'aria-invalid="true" aria-describedby="fehler-plz"' in page  # fmt: skip
    assert 'id="fehler-plz">»4156« ist keine fünfstellige Postleitzahl.' in page
    assert 'aria-describedby="fehler-unterschrift2-amt"' in page
    assert "2. Unterschrift: Amt oder Funktion: fehlt (Pflichtfeld)." in page
    assert 'href="#id_bezeichnung">Bezeichnung des Absenders: fehlt' in page
    assert not SenderProfile.objects.exists()


@pytest.mark.usefixtures("users")
def test_an_invalid_email_is_refused_at_its_field(client: Client) -> None:
    login(client, "bearbeiter")
    answer = client.post("/absender/neu/", {**FORM, "email": "kaya at werl.de"})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert 'name="email" value="kaya at werl.de"' in page
    assert 'aria-invalid="true" aria-describedby="fehler-email"' in page
    assert (
        'id="fehler-email">»kaya at werl.de« ist keine E-Mail-Adresse (erwartet z. B. '
        "name@stadt.de)."
    ) in page
    assert 'href="#id_email">E-Mail: »kaya at werl.de« ist keine E-Mail-Adresse' in page
    assert not SenderProfile.objects.exists()
    # the library refuses it too (the file the command line reads)
    with pytest.raises(vereinbarung.AgreementFileError) as info:
        vereinbarung.sender_from_data({"email": "kaya at werl.de"}, source="werl.absender")
    assert info.value.message == (
        "werl.absender: Feld email: »kaya at werl.de« ist keine E-Mail-Adresse (erwartet z. B. "
        "name@stadt.de)."
    )


@pytest.mark.usefixtures("users", "examples")
def test_the_partei_is_one_of_the_register_and_a_typo_is_refused(client: Client) -> None:
    login(client, "bearbeiter")
    form = client.get("/absender/neu/").content.decode()
    assert 'id="id_partei" name="partei" value="" maxlength="200" list="parteien"' in form
    assert '<option value="Stadt Werl">' in form
    assert '<option value="Gemeinde Rommerskirchen">' in form
    answer = client.post("/absender/neu/", {**FORM, "partei": "Stadt Wehrl"})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert (
        'id="fehler-partei">»Stadt Wehrl« kommt in keiner Vereinbarung vor – Schreibweise prüfen '
        "– gemeint ist vielleicht »Stadt Werl«"
    ) in page
    assert 'aria-describedby="fehler-partei"' in page
    assert not SenderProfile.objects.exists()
    ok = client.post("/absender/neu/", {**FORM, "partei": "Stadt Werl", "bezeichnung": "Werl"})
    assert ok.status_code == 302
    assert client.post("/absender/neu/", {**FORM, "partei": ""}).status_code == 302  # any party


@pytest.mark.usefixtures("users", "examples")
def test_the_list_names_what_an_old_or_uploaded_profile_lacks(client: Client) -> None:
    """A profile stored before the checks (or written to the database otherwise) with a bad
    e-mail address and a misspelt party: the list does not say »nichts«."""
    SenderProfile.objects.create(
        name="Kaya, Werl",
        data={**_profile_data(), "party": "Stadt Wehrl", "email": "kaya at werl.de"},
    )
    SenderProfile.objects.create(name="Rechtsamt", data=_profile_data())
    login(client, "leser")
    page = client.get("/absender/").content.decode()
    row = page[page.index("Kaya, Werl") :].split("</tr>", 1)[0]
    assert "gültige E-Mail-Adresse (»kaya at werl.de« ist keine)" in row
    assert "Partei »Stadt Wehrl« kommt in keiner Vereinbarung vor – Schreibweise prüfen" in row
    assert "nichts" not in row
    row = page[page.index(">Rechtsamt<") :].split("</tr>", 1)[0]
    assert "<td>nichts</td>" in row


def _profile_data() -> dict[str, Any]:
    data = vereinbarung.read_data(EXAMPLES / "rommerskirchen.absender")
    assert isinstance(data, dict)
    return data


@pytest.mark.usefixtures("users")
def test_only_editors_change_profiles(client: Client) -> None:
    login(client, "leser")
    assert client.get("/absender/").status_code == 200
    assert client.post("/absender/neu/", FORM).status_code == 403
    assert not SenderProfile.objects.exists()


@pytest.mark.usefixtures("users")
def test_download_is_the_file_the_command_line_reads_and_uploads_back(
    client: Client, tmp_path: Path
) -> None:
    login(client, "bearbeiter")
    client.post("/absender/neu/", FORM)
    profile = SenderProfile.objects.get()
    answer = client.get(f"/absender/{profile.pk}/absender.yaml")
    assert answer.status_code == 200
    assert 'filename="rechtsamt-rommerskirchen.absender"' in answer["Content-Disposition"]
    file = tmp_path / "absender.yaml"
    file.write_bytes(answer.content)
    from vereinbarung.documents.views.common import load_sender  # what --absender reads

    assert load_sender(file) == profile.sender()
    upload = SimpleUploadedFile("neu.absender", answer.content)
    answer = client.post("/absender/hochladen/", {"datei": upload, "bezeichnung": "Kopie"})
    assert answer.status_code == 302, answer.content.decode()[:3000]
    assert SenderProfile.objects.get(name="Kopie").sender() == profile.sender()


@pytest.mark.usefixtures("users")
def test_the_bundled_example_uploads_with_a_name_from_the_file(client: Client) -> None:
    login(client, "bearbeiter")
    data = (EXAMPLES / "rommerskirchen.absender").read_bytes()
    answer = client.post("/absender/hochladen/", {"datei": SimpleUploadedFile("r.absender", data)})
    assert answer.status_code == 302
    assert SenderProfile.objects.get().name == "Rechtsamt – Gemeinde Rommerskirchen"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.absender", b"telefon: 1\n", "a.absender: Feld telefon: unbekannter Schlüssel"),
        ("a.absender", b"- 1\n- 2\n", "a.absender: Die Absenderdatei muss eine Zuordnung"),
        ("a.absender", b"party: [\n", "a.absender: kein gültiges YAML"),
        ("a.absender", BOMB, "a.absender: Zeile 6, Spalte 10: die Datei mit allen Verweisen"),
        ("a.absender", b"x" * (64 * 1024 + 1), "a.absender: die Datei ist zu groß"),
        ("a.exe", b"party: X\n", "a.exe: Dateityp .exe wird nicht gelesen"),
        ("a.absender", b"\xff\xfe", "ist keine UTF-8-Textdatei"),
    ],
)
@pytest.mark.usefixtures("users")
def test_bad_uploads_are_refused_in_german_and_store_nothing(
    client: Client, name: str, content: bytes, message: str
) -> None:
    login(client, "bearbeiter")
    answer = client.post("/absender/hochladen/", {"datei": SimpleUploadedFile(name, content)})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert message in page, page[:3000]
    assert "/tmp" not in page
    assert "Traceback" not in page
    assert 'aria-describedby="fehler-datei"' in page
    assert not SenderProfile.objects.exists()


def _profile(**changes: Any) -> SenderProfile:
    data = vereinbarung.read_data(EXAMPLES / "rommerskirchen.absender")
    data.update(changes)
    return SenderProfile.objects.create(name="Rechtsamt Rommerskirchen", data=data)


@pytest.mark.usefixtures("users", "examples")
def test_a_kuendigung_with_a_profile_is_final_with_sender_and_both_signatories(
    client: Client,
) -> None:
    login(client, "leser")
    profile = _profile()
    record = Agreement.objects.get(file_name="adoptionsvermittlung-rhein-kreis-neuss.yaml")
    page = client.get(f"/vereinbarung/{record.pk}/").content.decode()
    assert "mit Absender herunterladen" in page
    choice = client.get(
        f"/vereinbarung/{record.pk}/schreiben/",
        {"vorlage": "kuendigung", "von": "Gemeinde Rommerskirchen"},
    ).content.decode()
    assert f'value="{profile.pk}" checked> Rechtsamt Rommerskirchen' in choice
    answer = client.get(
        f"/vereinbarung/{record.pk}/dokument/",
        {"vorlage": "kuendigung", "von": "Gemeinde Rommerskirchen", "absender": profile.pk},
    )
    assert answer.status_code == 200, answer.content.decode()[:3000]
    text = _text(answer.content)
    for expected in ("30.2-12/2026", "Anna Beispiel", "02183 123-456", "Martin Mertens",
                     "Petra Muster", "Allgemeine Vertreterin", "Rechtsamt"):  # fmt: skip
        assert expected in text, expected
    assert "ENTWURF" not in text
    assert "(Name)" not in text
    assert "Es fehlen" not in text
    without = client.get(
        f"/vereinbarung/{record.pk}/dokument/",
        {"vorlage": "kuendigung", "von": "Gemeinde Rommerskirchen", "absender": ""},
    )
    assert "ENTWURF" in _text(without.content)  # no profile chosen: the marked draft


@pytest.mark.usefixtures("users", "examples")
def test_a_profile_of_another_party_or_incomplete_one_is_refused_in_staff_words(
    client: Client,
) -> None:
    login(client, "leser")
    profile = _profile()
    record = Agreement.objects.get(file_name="adoptionsvermittlung-rhein-kreis-neuss.yaml")
    url = f"/vereinbarung/{record.pk}/dokument/"
    answer = client.get(
        url, {"vorlage": "kuendigung", "von": "Stadt Kaarst", "absender": profile.pk}
    )
    assert answer.status_code == 400
    assert "schreibt für »Gemeinde Rommerskirchen«, das Schreiben ist aber von »Stadt Kaarst«" in (
        answer.content.decode()
    )
    profile.data = {"party": "Gemeinde Rommerskirchen"}
    profile.save()
    answer = client.get(
        url, {"vorlage": "kuendigung", "von": "Gemeinde Rommerskirchen", "absender": profile.pk}
    )
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "lässt sich nicht erstellen: Das Kündigungsschreiben wäre so nicht versandfähig" in page
    assert "--absender" not in page
    assert "--entwurf" not in page
    assert client.get(url, {"vorlage": "kuendigung", "absender": "999"}).status_code == 400


@pytest.mark.usefixtures("users")
def test_backup_and_restore_keep_the_profiles(tmp_path: Path) -> None:
    from vereinbarung.web.operation import backup

    profile = _profile()
    backup.backup(tmp_path)
    stored = json.loads((tmp_path / backup.FILE).read_text(encoding="utf-8"))
    assert stored["absender"] == [{"name": profile.name, "data": profile.data}]
    SenderProfile.objects.all().delete()
    assert backup.restore(tmp_path).profiles == 1
    assert SenderProfile.objects.get().sender() == profile.sender()


@pytest.mark.usefixtures("users", "examples")
def test_vermerk_and_umlage_letters_offer_the_profiles_of_the_writing_party(client: Client) -> None:
    login(client, "leser")
    own = _profile()
    payee = SenderProfile.objects.create(
        name="Kreisjugendamt", data={"party": "Rhein-Kreis Neuss", "reference": "51-3"}
    )
    record = Agreement.objects.get(file_name="adoptionsvermittlung-rhein-kreis-neuss.yaml")
    answer = client.get(
        f"/vereinbarung/{record.pk}/dokument/",
        {"vorlage": "kuendigungsvermerk", "von": "Gemeinde Rommerskirchen", "absender": own.pk},
    )
    assert answer.status_code == 200, answer.content.decode()[:3000]
    # the Umlageberechnung to Rommerskirchen is written by the payee, the Rhein-Kreis Neuss
    page = client.get(
        f"/vereinbarung/{record.pk}/schreiben/",
        {"vorlage": "umlage", "von": "Gemeinde Rommerskirchen"},
    ).content.decode()
    assert "Absender (schreibt für Rhein-Kreis Neuss)" in page
    assert f'value="{payee.pk}" checked> Kreisjugendamt' in page
    assert "Rechtsamt Rommerskirchen" not in page
    assert "Empfänger" not in page  # one letter to the paying party
    answer = client.get(
        f"/vereinbarung/{record.pk}/dokument/",
        {"vorlage": "umlage", "von": "Gemeinde Rommerskirchen", "absender": own.pk},
    )
    assert answer.status_code == 400
    assert "schreibt für »Gemeinde Rommerskirchen«, das Schreiben ist aber von »Rhein-Kreis" in (
        answer.content.decode()
    )
