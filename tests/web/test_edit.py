"""The pages that change the register: YAML and structured form, locking, Ereignis, Import.

Every save becomes a version; a form built on an older version is refused with what the other
person changed (pytest-django).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

import vereinbarung
from vereinbarung.web import clock
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement, Version

from .conftest import EXAMPLES, login

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("users", "examples")
def test_yaml_edit_makes_a_version_and_locking_refuses_the_older_one(client: Client) -> None:
    login(client, "bearbeiter")
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    url = reverse("bearbeiten_yaml", args=[record.pk])
    first = record.text.replace("notice: 3 Monate", "notice: 4 Monate")
    assert first != record.text
    response = client.post(url, {"text": first, "version": "1", "grund": "Frist geändert"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.version == 2
    assert "# Beispiel: erfundene Angaben." in record.text  # comments kept
    # a second person, still on version 1
    second = record.text.replace("4 Monate", "5 Monate")
    response = client.post(url, {"text": second, "version": "1"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Nicht gespeichert" in page
    assert "bearbeiter" in page
    assert "+  notice: 4 Monate" in page or "4 Monate" in page
    record.refresh_from_db()
    assert record.version == 2
    versions = list(
        Version.objects.filter(agreement=record).order_by("number").values_list("reason", flat=True)
    )
    assert versions[-1] == "Frist geändert"
    diff = client.get(reverse("version", args=[record.pk, 2])).content.decode()
    assert "4 Monate" in diff


@pytest.mark.usefixtures("users", "examples")
def test_yaml_errors_are_german_with_line(client: Client) -> None:
    login(client, "bearbeiter")
    response = client.post(reverse("neu_yaml"), {"text": "title: [\n", "version": "0"})
    assert response.status_code == 400
    assert "Zeile" in response.content.decode()
    response = client.post(reverse("neu_yaml"), {"text": "title: X\nparties: []\n", "version": "0"})
    assert "Feld" in response.content.decode()


@pytest.mark.usefixtures("users", "db")
def test_structured_form_creates_an_agreement(client: Client) -> None:
    login(client, "bearbeiter")
    data = {
        "titel": "Kooperationsvereinbarung Testamt", "kurzname": "", "short_name": "Testamt",
        "department": "FB 51", "contact_name": "Petra Plan", "contact_phone": "02131 123",
        "contact_email": "petra.plan@example.org", "parteien": "2",
        "partei-0-name": "Stadt A", "partei-0-vertreter": "Anna A", "partei-0-amt": "Bürgermeisterin",
        "partei-1-name": "Stadt B", "partei-1-vertreter": "Bernd B", "partei-1-amt": "Bürgermeister",
        "partei-1-strasse": "Markt 1", "partei-1-plz": "12345", "partei-1-ort": "B-Stadt",
        "inkrafttreten": "01.01.2025", "laufzeitende": "31.12.2026", "verlaengerung": "2 Jahre",
        "kuendigungsfrist": "6 Monate", "kuendigungstermin": "term_end",
        "paragraphen": "1", "paragraph-0-ueberschrift": "Gegenstand", "paragraph-0-text": "Text.",
        "version": "0", "aktion": "speichern",
    }  # fmt: skip
    response = client.post(reverse("neu"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    record = Agreement.objects.get(short_name="Testamt")
    assert record.department == "FB 51"
    # the register fields are in the file; the columns are copies of it
    assert "short_name: Testamt" in record.text
    assert "department: FB 51" in record.text
    assert "email: petra.plan@example.org" in record.text
    agreement = services.agreement_of(record)
    assert agreement.contact is not None
    assert agreement.contact.phone == "02131 123"
    assert (record.contact, record.contact_email) == ("Petra Plan", "petra.plan@example.org")
    # the list filters by Fachbereich and finds the Kurzname
    login(client, "leser")
    assert "Testamt" in client.get("/", {"fachbereich": "FB 51"}).content.decode()
    assert "Testamt" not in client.get("/", {"fachbereich": "FB 99"}).content.decode()
    assert "Testamt" in client.get("/", {"q": "petra"}).content.decode()
    login(client, "bearbeiter")
    # the edit form shows them from the file; a too long Kurzname: German error beside it
    form = client.get(reverse("bearbeiten", args=[record.pk])).content.decode()
    assert 'value="petra.plan@example.org"' in form
    too_long = {**data, "short_name": "K" * 61, "version": str(record.version)}
    response = client.post(reverse("bearbeiten", args=[record.pk]), too_long)
    assert response.status_code == 400
    page = response.content.decode()
    field = page[page.index('id="id_short_name"') :]
    assert "fehler" in field[: field.index("</div>") + 80], field[:400]
    state = services.state_of(record, dt.date(2026, 1, 1))
    assert state.notice_deadline == dt.date(2026, 6, 30)
    # an error next to its field, in German
    data["kuendigungsfrist"] = "sechs Wochen und ein bisschen"
    response = client.post(reverse("neu"), data)
    assert response.status_code == 400
    assert "Frist" in response.content.decode()
    # add a party row without JavaScript
    data["aktion"] = "partei_plus"
    page = client.post(reverse("neu"), data).content.decode()
    assert 'name="partei-2-name"' in page


def _bauhof_as_editor(client: Client) -> tuple[Agreement, vereinbarung.Agreement]:
    """Logged in as Bearbeiter: the Bauhof example's record and its agreement."""
    login(client, "bearbeiter")
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    return record, services.agreement_of(record)


@pytest.mark.usefixtures("users", "examples")
def test_event_preview_and_record(client: Client) -> None:
    record, agreement = _bauhof_as_editor(client)
    today = clock.today()
    by = agreement.parties[0].name
    data: dict[str, str] = {"typ": "notice", "by": by, "form": "written", "version": "1",
                            "aktion": "vorschau", "zugang-1": vereinbarung.format_date(today)}  # fmt: skip
    page = client.post(reverse("ereignis", args=[record.pk]), data).content.decode()
    assert "noch ohne Wirkung" in page  # the third party has not received it
    record.refresh_from_db()
    assert record.version == 1  # the preview stores nothing
    data["zugang-2"] = vereinbarung.format_date(today)
    data["aktion"] = "speichern"
    response = client.post(reverse("ereignis", args=[record.pk]), data, follow=True)
    assert response.redirect_chain[-1][1] == 302
    shown = response.content.decode()
    assert '<div class="erfolg" role="status">Ereignis eingetragen. Wirkung: ' in shown
    record.refresh_from_db()
    assert record.version == 2
    # Bauhof: the party leaves, the others continue (party_leaves): in force for them
    state = services.state_of(record, today)
    assert by in state.leaving
    assert state.status in ("in_force", "ended")
    # a date in the future is refused as by `record`
    future = vereinbarung.format_date(today + dt.timedelta(days=3))
    data.update({"typ": "signed", "party": by, "date": future, "version": "2"})
    page = client.post(reverse("ereignis", args=[record.pk]), data).content.decode()
    assert "in der Zukunft" in page


@pytest.mark.usefixtures("users", "examples")
def test_event_without_effect_is_recorded_with_a_warning(client: Client) -> None:
    """A notice by e-mail is recorded (it happened) but has no effect: a warning, not success."""
    record, agreement = _bauhof_as_editor(client)
    day = vereinbarung.format_date(clock.today())
    data = {"typ": "notice", "by": agreement.parties[0].name, "form": "email", "version": "1",
            "aktion": "speichern", "zugang-1": day, "zugang-2": day}  # fmt: skip
    response = client.post(reverse("ereignis", args=[record.pk]), data, follow=True)
    shown = response.content.decode()
    assert '<div class="hinweis" role="status">Ereignis eingetragen, aber ohne Wirkung – ' in shown
    assert "E-Mail" in shown
    assert '<div class="erfolg"' not in shown
    record.refresh_from_db()
    assert record.version == 2


@pytest.mark.usefixtures("users", "db")
def test_import_upload(client: Client, tmp_path: Path) -> None:
    login(client, "bearbeiter")
    source = tmp_path / "vertrag.md"
    source.write_text(
        "# Kooperationsvereinbarung\n\nzwischen der Stadt Dormagen, vertreten durch den "
        "Bürgermeister Erik Lierenfeld, und der Stadt Neuss, vertreten durch den Bürgermeister "
        "Reiner Breuer\n\n## § 1 Laufzeit\n\nDiese Vereinbarung tritt am 01.01.2025 in Kraft "
        "und endet am 31.12.2027. Sie kann mit einer Frist von sechs Monaten zum Laufzeitende "
        "gekündigt werden.\n",
        encoding="utf-8",
    )
    with source.open("rb") as handle:
        page = client.post(reverse("importieren"), {"datei": handle}).content.decode()
    assert "Zu prüfen" in page
    assert "title:" in page
    bad = tmp_path / "boese.exe"
    bad.write_bytes(b"MZ")
    with bad.open("rb") as handle:
        response = client.post(reverse("importieren"), {"datei": handle})
    assert response.status_code == 400
    assert "wird nicht gelesen" in response.content.decode()
    # each value beside the sentence it was read from
    assert "Gelesene Werte und ihre Fundstellen" in page
    row = page[page.index("<code>term › ends</code>") :]
    row = row[: row.index("</tr>")]
    assert "31.12.2027" in row
    assert "endet am 31.12.2027" in row
    # the content must fit the ending; the size is limited
    fake = tmp_path / "vertrag.docx"
    fake.write_bytes(b"kein Word")
    with fake.open("rb") as handle:
        response = client.post(reverse("importieren"), {"datei": handle})
    assert response.status_code == 400
    assert "ist aber keine Word-Datei" in response.content.decode()
    with override_settings(MAX_UPLOAD_BYTES=10), source.open("rb") as handle:
        response = client.post(reverse("importieren"), {"datei": handle})
    assert response.status_code == 400
    assert "zu groß" in response.content.decode()


@pytest.mark.usefixtures("users")
def test_import_a_pdf(client: Client, tmp_path: Path) -> None:
    from vereinbarung.documents.pdf import convert_to_pdf, find_office

    if find_office() is None:
        pytest.skip("LibreOffice fehlt (soffice): keine PDF zum Hochladen")
    login(client, "bearbeiter")
    agreement = vereinbarung.load_agreement(EXAMPLES / "interkommunaler-bauhof.yaml")
    docx = vereinbarung.render_agreement(agreement, on=dt.date(2026, 1, 1)).content
    source = tmp_path / "vertrag.pdf"
    source.write_bytes(convert_to_pdf(docx))
    with source.open("rb") as handle:
        response = client.post(reverse("importieren"), {"datei": handle})
    page = response.content.decode()
    assert response.status_code == 200, page[:3000]
    assert "Gemeinde Nettersheim" in page
    assert "Gelesene Werte und ihre Fundstellen" in page


def _form_of(page: str) -> dict[str, Any]:
    """The fields of the structured form as a browser would send them (no row action)."""
    import html
    import re

    data: dict[str, Any] = {}
    for tag in re.findall(r"<input [^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or "csrfmiddlewaretoken" in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if kind and kind.group(1) == "checkbox":
            if "checked" in tag:
                data.setdefault(name.group(1), []).append(
                    html.unescape(value.group(1) if value else "1")
                )
            continue
        data[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        data[name] = html.unescape(body)
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option(?: value="([^"]*)")? selected>([^<]*)<', body)
        data[name] = (
            html.unescape(chosen.group(1) if chosen.group(1) is not None else chosen.group(2))
            if chosen
            else ""
        )
    return data


@pytest.mark.usefixtures("users", "examples")
def test_costs_and_sections_in_the_structured_form(client: Client) -> None:
    login(client, "bearbeiter")
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    page = client.get(reverse("bearbeiten", args=[record.pk])).content.decode()
    assert 'name="kosten-betrag"' in page
    assert 'name="paragraph-0-ueberschrift"' in page  # plain sections: editable here too
    data = _form_of(page)
    names = [p.name for p in services.agreement_of(record).parties]
    data.update({
        "kosten-zusammenfassung": "Die Kosten tragen die Parteien zu gleichen Teilen.",
        "kosten-schluessel": "equal", "kosten-betrag": "12.000,00 €",
        "kosten-empfaenger": names[0], "kosten-befreit": [names[1]], "grund": "Kosten",
    })  # fmt: skip
    data["paragraph-0-ueberschrift"] = "Gegenstand der Vereinbarung"
    response = client.post(reverse("bearbeiten", args=[record.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    record.refresh_from_db()
    costs = services.agreement_of(record).costs
    assert costs is not None
    assert str(costs.amount) == "12000.00"
    assert costs.payee == names[0]
    assert costs.exempt == (names[1],)
    assert "Gegenstand der Vereinbarung" in record.text
    assert "# " in record.text  # comments kept
    # unchanged sections keep their text exactly
    assert "Die Bauhofleitungen stimmen den Einsatz" in record.text
    # the form shows the costs again; a bad amount: German error beside the field
    page = client.get(reverse("bearbeiten", args=[record.pk])).content.decode()
    assert 'value="12.000,00"' in page
    data = _form_of(page)
    data["kosten-betrag"] = "zwölf Euro"
    response = client.post(reverse("bearbeiten", args=[record.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    after = page[page.index('id="id_kosten-betrag"') :]
    assert "ist kein Betrag" in after[: after.index("</div>") + 200]
    # no summary: German error beside it
    data["kosten-betrag"] = "100"
    data["kosten-zusammenfassung"] = ""
    page = client.post(reverse("bearbeiten", args=[record.pk]), data).content.decode()
    after = page[page.index('id="id_kosten-zusammenfassung"') :]
    assert "Kostenregelung in einem Satz" in after[: after.index("</div>") + 200]


@pytest.mark.usefixtures("users", "examples")
def test_existing_costs_keep_their_figures(client: Client) -> None:
    login(client, "bearbeiter")
    record = Agreement.objects.get(file_name="adoptionsvermittlung-rhein-kreis-neuss.yaml")
    page = client.get(reverse("bearbeiten", args=[record.pk])).content.decode()
    assert 'value="190.000,00"' in page
    data = _form_of(page)
    data["kosten-betrag"] = "200.000,00"
    response = client.post(reverse("bearbeiten", args=[record.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    record.refresh_from_db()
    costs = services.agreement_of(record).costs
    assert costs is not None
    assert str(costs.amount) == "200000.00"
    assert costs.population  # the figures of the expert view stay
    assert costs.payee_account is not None
    assert "Bankverbindung erfunden" in record.text


HOSTILE = """\
title: Endlose Verlängerung
parties:
  - name: Stadt Aachtal
    representative: {name: Anna Beispiel, title: Bürgermeisterin}
  - name: Gemeinde Birkenfeld
    representative: {name: Bernd Beispiel, title: Bürgermeister}
on_party_notice: ends_for_all
term:
  effective: 0001-01-01
  duration: 1 Tag
  renewal: 1 Tag
  notice: 1 Tag
"""


@pytest.mark.usefixtures("users", "db")
def test_a_clause_beyond_the_date_budget_is_not_saved(client: Client) -> None:
    # A renewal of one day from the year 1 chains about 740,000 terms up to today (§ 190 BGB):
    # the anonymous Fristenrechner refuses it within its budget, and a logged-in person cannot
    # store it either (every list and feed would compute it; issue 20). Nothing is saved.
    login(client, "bearbeiter")
    before = Agreement.objects.count()
    response = client.post(reverse("neu_yaml"), {"text": HOSTILE, "version": "0"})
    assert response.status_code == 400
    assert "Die Berechnung ist zu aufwendig" in response.content.decode()
    assert Agreement.objects.count() == before
