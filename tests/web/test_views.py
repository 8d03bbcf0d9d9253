"""Views, roles, forms, locking and versions of the register (pytest-django)."""

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

from .conftest import EXAMPLES

pytestmark = pytest.mark.django_db


def login(client: Client, name: str) -> Client:
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=name))
    return client


def test_anonymous_sees_only_login_and_calculator(client: Client, examples: list[Any]) -> None:
    pk = examples[0].pk
    for url in ["/", "/fristen.csv", f"/vereinbarung/{pk}/", "/importieren/", "/vereinbarung/neu/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/anmelden/")
    assert client.get("/anmelden/").status_code == 200
    assert client.get("/fristenrechner").status_code == 200


@pytest.mark.usefixtures("users")
def test_start_page_shows_the_deadlines_the_cli_computes(
    client: Client, examples: list[Any]
) -> None:
    login(client, "leser")
    page = client.get("/").content.decode()
    today = clock.today()
    rows = vereinbarung.deadline_rows(vereinbarung.find_agreement_files([EXAMPLES]), today)
    assert len(examples) == len(rows) == 7
    for row in rows:
        assert row.state is not None
        assert row.state.status_label in page
        if row.state.notice_deadline:
            assert vereinbarung.format_date(row.state.notice_deadline) in page
    # a term without end reads as in the CLI's table
    indefinite = sum(1 for row in rows if row.state and row.state.indefinite)
    assert indefinite > 0
    assert page.count(">unbefristet<") == indefinite
    # most urgent first, as in the CLI
    titles = [row.title for row in rows]
    positions = [
        page.index(f'href="/vereinbarung/{Agreement.objects.get(file_name=Path(r.file).name).pk}/"')
        for r in rows
    ]
    assert positions == sorted(positions), titles


@pytest.mark.usefixtures("users", "examples")
def test_filters_and_search(client: Client) -> None:
    login(client, "leser")
    page = client.get("/", {"q": "Bauhof"}).content.decode()
    assert "Bauhöfe" in page
    assert "Kinderschutz" not in page
    page = client.get("/", {"partei": "Dormagen"}).content.decode()
    assert "Kinderschutz" in page
    page = client.get("/", {"status": "ended"}).content.decode()
    assert "Keine Vereinbarungen gefunden" in page or "beendet" in page


@pytest.mark.usefixtures("users", "examples")
def test_csv_for_excel(client: Client) -> None:
    login(client, "leser")
    response = client.get("/fristen.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Zugang bis;Praktisch bis;Tage")
    assert len(text.splitlines()) == 8


@pytest.mark.usefixtures("users", "examples")
def test_agreement_page_shows_the_one_state(client: Client) -> None:
    login(client, "leser")
    record = Agreement.objects.get(file_name="kinderschutz-rhein-kreis-neuss.yaml")
    page = client.get(f"/vereinbarung/{record.pk}/").content.decode()
    state = vereinbarung.state_on(
        vereinbarung.load_agreement(EXAMPLES / record.file_name), clock.today()
    )
    import html

    for line in state.derivation:
        assert html.escape(line) in page
    assert "Kündigung durch Stadt Dormagen (alle Schreiben in einem Dokument)" in page
    assert "Ereignis erfassen" not in page  # Lesen: no write actions offered


@pytest.mark.usefixtures("users", "examples")
def test_document_download(client: Client) -> None:
    login(client, "leser")
    record = Agreement.objects.get(file_name="kinderschutz-rhein-kreis-neuss.yaml")
    response = client.get(
        f"/vereinbarung/{record.pk}/dokument/", {"vorlage": "kooperationsvereinbarung"}
    )
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    bad = client.get(f"/vereinbarung/{record.pk}/dokument/", {"vorlage": "../../etc/passwd"})
    assert bad.status_code == 404
    stranger = client.get(
        f"/vereinbarung/{record.pk}/dokument/", {"vorlage": "kuendigung", "von": "Mallorca"}
    )
    assert stranger.status_code == 400
    # Kündigung: all letters in one document and the letter to one recipient
    page = client.get(f"/vereinbarung/{record.pk}/").content.decode()
    names = [party.name for party in services.agreement_of(record).parties]
    assert f"Kündigung durch {names[0]} (alle Schreiben in einem Dokument)" in page
    assert f"an {names[1]}" in page
    assert "Vermerk zur Kündigung" in page
    for query in ({"vorlage": "kuendigung", "von": names[0]},
                  {"vorlage": "kuendigung", "von": names[0], "an": names[1]},
                  {"vorlage": "kuendigungsvermerk", "von": names[0]},
                  {"vorlage": "steckbrief"}):  # fmt: skip
        answer = client.get(f"/vereinbarung/{record.pk}/dokument/", query)
        assert answer.status_code == 200, (query, answer.content.decode()[:3000])
        assert answer.content[:2] == b"PK"


@pytest.mark.usefixtures("users", "examples")
def test_umlage_letter_where_costs_exist(client: Client) -> None:
    login(client, "leser")
    with_costs = next(r for r in Agreement.objects.all() if services.agreement_of(r).costs)
    page = client.get(f"/vereinbarung/{with_costs.pk}/").content.decode()
    assert "Umlageberechnung an" in page
    costs = services.agreement_of(with_costs).costs
    assert costs is not None
    payer = next(
        p.name for p in services.agreement_of(with_costs).parties
        if p.name not in costs.exempt and p.name != costs.payee
    )  # fmt: skip
    answer = client.get(
        f"/vereinbarung/{with_costs.pk}/dokument/", {"vorlage": "umlage", "von": payer}
    )
    assert answer.status_code in (200, 400)
    if answer.status_code == 200:
        assert answer.content[:2] == b"PK"
    else:  # a figure for the year is missing: the library says which, in German
        assert "Das Dokument lässt sich nicht erstellen" in answer.content.decode()


@pytest.mark.usefixtures("users", "examples")
def test_pdf_download(client: Client) -> None:
    from vereinbarung.documents.pdf import find_office

    if find_office() is None:
        pytest.skip("LibreOffice fehlt (soffice): PDF-Download nicht prüfbar")
    login(client, "leser")
    record = Agreement.objects.get(file_name="kinderschutz-rhein-kreis-neuss.yaml")
    assert "format=pdf" in client.get(f"/vereinbarung/{record.pk}/").content.decode()
    response = client.get(
        f"/vereinbarung/{record.pk}/dokument/", {"vorlage": "steckbrief", "format": "pdf"}
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    assert response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"
    assert response["Content-Disposition"].endswith('-steckbrief.pdf"')


@pytest.mark.usefixtures("users")
def test_reader_cannot_post_anything(client: Client, examples: list[Any]) -> None:
    login(client, "leser")
    pk = examples[0].pk
    write_urls = [
        reverse("neu"), reverse("neu_yaml"), reverse("bearbeiten", args=[pk]),
        reverse("bearbeiten_yaml", args=[pk]), reverse("ereignis", args=[pk]),
        reverse("archivieren", args=[pk]), reverse("importieren"),
    ]  # fmt: skip
    for url in write_urls:
        response = client.post(url, {"text": "x", "version": "1"})
        assert response.status_code == 403, url
        assert "Bearbeiten" in response.content.decode()
    assert Version.objects.count() == len(examples)


@pytest.mark.usefixtures("users")
def test_csrf_is_checked(examples: list[Any]) -> None:
    client = login(Client(enforce_csrf_checks=True), "bearbeiter")
    response = client.post(reverse("archivieren", args=[examples[0].pk]), {"version": "1"})
    assert response.status_code == 403
    assert "CSRF" in response.content.decode()


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


@pytest.mark.usefixtures("users", "examples")
def test_event_preview_and_record(client: Client) -> None:
    login(client, "bearbeiter")
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    agreement = services.agreement_of(record)
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
    response = client.post(reverse("ereignis", args=[record.pk]), data)
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.version == 2
    assert services.state_of(record, today).status in ("notice_given", "ended")
    # a date in the future is refused as by `record`
    future = vereinbarung.format_date(today + dt.timedelta(days=3))
    data.update({"typ": "signed", "party": by, "date": future, "version": "2"})
    page = client.post(reverse("ereignis", args=[record.pk]), data).content.decode()
    assert "in der Zukunft" in page


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


def test_calculator_by_url(client: Client) -> None:
    response = client.get(
        "/fristenrechner?laufzeitende=31.12.2026&verlaengerung=2+Jahre"
        "&kuendigungsfrist=6+Monate&stichtag=01.12.2026"
    )
    page = response.content.decode()
    assert 'id="ergebnis-zugang">30.06.2028' in page
    assert 'id="ergebnis-ende">31.12.2028' in page
    bad = client.get("/fristenrechner?kuendigungsfrist=bald&laufzeitende=31.12.2026").content
    assert "Frist" in bad.decode()


@pytest.mark.usefixtures("users")
def test_lockout_after_five_failures() -> None:
    client = Client()
    for _ in range(5):
        client.post("/anmelden/", {"username": "leser", "password": "falsch"})
    response = client.post("/anmelden/", {"username": "leser", "password": "geheim-123"})
    assert "gesperrt" in response.content.decode()


@pytest.mark.usefixtures("users")
def test_folder_round_trip(examples: list[Any], tmp_path: Path) -> None:
    record = examples[0]
    fields = {"short_name": "Kurz", "department": "FB 1", "contact_name": "Max M"}
    record = services.save_version(record, record.text, base=record.version, fields=fields)
    services.set_archived(examples[1], True, base=examples[1].version, user=None)
    assert record.short_name == "Kurz"
    assert "department: FB 1" in record.text
    services.export_files(tmp_path)
    for example in EXAMPLES.glob("*.yaml"):
        if example.name != record.file_name:
            assert (tmp_path / example.name).read_bytes() == example.read_bytes()
    exported = (tmp_path / record.file_name).read_text(encoding="utf-8")
    assert "short_name: Kurz" in exported
    assert "contact:" in exported
    # register.csv holds only what the file format cannot: archived or not
    register = (tmp_path / "register.csv").read_text(encoding="utf-8-sig")
    assert register.splitlines()[0] == "Datei;archiviert"
    assert "Kurz" not in register
    report = services.import_files(tmp_path)
    assert not report.failed
    assert not report.created
    assert not report.updated
    # into an empty register: the same fields, from the files themselves
    Version.objects.all().delete()
    Agreement.objects.all().delete()
    services.clear_caches()
    report = services.import_files(tmp_path)
    assert len(report.created) == 7
    again = Agreement.objects.get(file_name=record.file_name)
    assert (again.short_name, again.department, again.contact) == ("Kurz", "FB 1", "Max M")
    assert Agreement.objects.get(file_name=examples[1].file_name).archived


@pytest.mark.usefixtures("users", "db")
def test_an_old_register_csv_is_taken_into_the_files(tmp_path: Path) -> None:
    source = EXAMPLES / "interkommunaler-bauhof.yaml"
    (tmp_path / source.name).write_bytes(source.read_bytes())
    (tmp_path / "register.csv").write_text(
        f"Datei;archiviert;Kurzname;Fachbereich;Ansprechperson\n{source.name};;Bauhof;FB 7;Eva E\n",
        encoding="utf-8-sig",
    )
    services.import_files(tmp_path)
    record = Agreement.objects.get(file_name=source.name)
    assert (record.short_name, record.department, record.contact) == ("Bauhof", "FB 7", "Eva E")
    assert "department: FB 7" in record.text


@pytest.mark.django_db(transaction=True)
def test_migration_moves_register_columns_into_the_file() -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    app = "vereinbarung_register"
    executor.migrate([(app, "0001_initial")])
    old = executor.loader.project_state([(app, "0001_initial")]).apps
    text = (EXAMPLES / "interkommunaler-bauhof.yaml").read_text(encoding="utf-8")
    _, data = services.validate_text(text)
    record = old.get_model(app, "Agreement").objects.create(
        title="Bauhof", short_name="Bauhof alt", department="FB 3", contact="Olga O",
        text=text, data=data,
    )  # fmt: skip
    old.get_model(app, "Version").objects.create(agreement=record, number=1, text=text)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes(app))
    migrated = Agreement.objects.get(pk=record.pk)
    assert migrated.version == 2
    assert "short_name: Bauhof alt" in migrated.text
    assert "contact:\n  name: Olga O" in migrated.text
    assert "# " in migrated.text  # comments kept
    assert Version.objects.get(agreement=migrated, number=2).reason.startswith("Kurzname")


@pytest.mark.usefixtures("users")
def test_german_404(client: Client) -> None:
    login(client, "leser")
    response = client.get("/vereinbarung/999999/")
    assert response.status_code == 404


def test_bad_host_gets_a_german_error_page(client: Client) -> None:
    response = client.get("/fristenrechner", HTTP_HOST="boese.example")
    assert response.status_code == 400
    assert "Ungültige Anfrage" in response.content.decode()


@pytest.mark.usefixtures("users")
def test_start_page_pages_100_rows_and_downloads_cover_all(client: Client) -> None:
    text = (EXAMPLES / "interkommunaler-bauhof.yaml").read_text(encoding="utf-8")
    for i in range(130):
        services.create(text.replace("title: ", f"title: Nr. {i:03d} ", 1))
    login(client, "leser")
    page = client.get("/").content.decode()
    assert page.count('<tr class="') == 100
    assert "130 Vereinbarungen" in page
    assert 'href="?seite=2"' in page  # works without JavaScript
    assert "weitere laden (ab Nr. 101 von 130)" in page
    more = client.get("/", {"seite": "2", "teil": "zeilen"}, headers={"HX-Request": "true"})
    rows = more.content.decode()
    assert rows.count('<tr class="') == 30
    assert "<table" not in rows
    assert "weitere laden" not in rows
    second = client.get("/", {"seite": "2"}).content.decode()
    assert second.count('<tr class="') == 30
    assert "Nr. 101 bis 130" in second
    # the filters stay in the link; CSV and .docx cover every matching row
    filtered = client.get("/", {"q": "bauhof"}).content.decode()
    assert 'href="?q=bauhof&amp;seite=2"' in filtered
    csv_text = client.get("/fristen.csv").content.decode("utf-8-sig")
    assert len(csv_text.splitlines()) == 131
    assert client.get("/", {"seite": "x"}).status_code == 200


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


# -- the start page is kept per data version, day and user, and never shows stale rows ----------


def _row_of(page: str, pk: int) -> str:
    """The table row of agreement *pk* on a Fristen page ('' when it is not shown)."""
    import re

    for row in re.findall(r"<tr class=\"[^\"]*\">.*?</tr>", page, re.S):
        if f'href="/vereinbarung/{pk}/"' in row:
            return str(row)
    return ""


def _agreement_queries(client: Client, *args: Any, **kwargs: Any) -> tuple[str, int]:
    """A GET of the start page: its text and how many queries read the agreements table."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        page = client.get("/", *args, **kwargs).content.decode()
    return page, sum(1 for q in queries if "vereinbarung_register_agreement" in q["sql"])


@pytest.mark.usefixtures("users", "examples")
def test_start_page_is_kept_and_shows_every_change_at_once(client: Client) -> None:
    login(client, "leser")
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    first, reads = _agreement_queries(client)
    assert reads >= 1
    again, reads = _agreement_queries(client)
    assert reads == 0  # the second request is served from the cache …
    table = first[first.index('<div id="tabelle">') :]
    assert again[again.index('<div id="tabelle">') :] == table  # … the same table
    # an edit through the services (as the edit page and the API do)
    services.save_version(
        record, record.text.replace("title: ", "title: Umbenannt ", 1), base=record.version
    )
    page, reads = _agreement_queries(client)
    assert reads >= 1
    assert "Umbenannt" in _row_of(page, record.pk)
    # a recorded notice: the status changes
    record.refresh_from_db()
    parties = [p.name for p in services.agreement_of(record).parties]
    event = {"type": "notice", "by": parties[0],
             "received": dict.fromkeys(parties[1:], clock.today().isoformat())}  # fmt: skip
    outcome = services.record_event(record, event, today=clock.today())
    record = services.save_version(record, outcome.text, base=record.version, reason="Kündigung")
    label = services.state_of(record, clock.today()).status_label
    assert label != "in Kraft"
    assert f'<td class="status">{label}</td>' in _row_of(
        client.get("/").content.decode(), record.pk
    )
    # a new agreement
    text = (EXAMPLES / "interkommunaler-bauhof.yaml").read_text(encoding="utf-8")
    new = services.create(text.replace("title: ", "title: Ganz neu ", 1))
    assert "Ganz neu" in _row_of(client.get("/").content.decode(), new.pk)
    assert "8 Vereinbarungen" in client.get("/").content.decode()
    # archived: gone from the list at once
    services.set_archived(new, True, base=new.version, user=None)
    assert _row_of(client.get("/").content.decode(), new.pk) == ""


@pytest.mark.usefixtures("users", "examples")
def test_changes_bypassing_the_services_are_seen_at_once(client: Client) -> None:
    """As a change by another process: the model, a queryset update, plain SQL."""
    from django.db import connection

    login(client, "leser")
    record = Agreement.objects.get(file_name="kinderschutz-rhein-kreis-neuss.yaml")
    client.get("/")
    record.short_name = "Per Modell"
    record.save()
    assert "Per Modell" in _row_of(client.get("/").content.decode(), record.pk)
    Agreement.objects.filter(pk=record.pk).update(lead="Stadt Per Update")
    assert "Stadt Per Update" in _row_of(client.get("/").content.decode(), record.pk)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE vereinbarung_register_agreement SET short_name = %s WHERE id = %s",
            ["Per SQL", record.pk],
        )
    assert "Per SQL" in _row_of(client.get("/").content.decode(), record.pk)
    # the htmx parts and the later pages as well
    partial = client.get("/", headers={"HX-Request": "true"}).content.decode()
    assert "Per SQL" in _row_of(partial, record.pk)
    Agreement.objects.filter(pk=record.pk).update(archived=True)
    partial = client.get("/", headers={"HX-Request": "true"}).content.decode()
    assert _row_of(partial, record.pk) == ""
    assert "6 Vereinbarungen" in partial
    assert len(client.get("/fristen.csv").content.decode("utf-8-sig").splitlines()) == 7


@pytest.mark.usefixtures("users", "examples")
def test_users_and_roles_never_share_a_kept_table(client: Client) -> None:
    """A kept table marked for one user: only that user gets it back, and only in that role."""
    from django.contrib.auth.models import Group

    from vereinbarung.web.accounts.roles import BEARBEITEN
    from vereinbarung.web.pages import listing

    login(client, "leser")
    client.get("/")
    kept = listing._TABLES._items
    assert kept
    for key in list(kept):
        kept[key] += "<!-- nur für leser -->"
    assert "nur für leser" in client.get("/").content.decode()  # served from the cache
    other = login(Client(), "bearbeiter")
    assert "nur für leser" not in other.get("/").content.decode()
    assert "nur für leser" not in other.get("/", headers={"HX-Request": "true"}).content.decode()
    # the same user in another role: computed afresh
    from django.contrib.auth import get_user_model

    reader: Any = get_user_model().objects.get(username="leser")
    reader.groups.set([Group.objects.get(name=BEARBEITEN)])
    assert "nur für leser" not in client.get("/").content.decode()


@pytest.mark.usefixtures("users", "examples")
def test_the_day_changes_the_rows(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    login(client, "leser")
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    today = clock.today()
    later = today + dt.timedelta(days=1)
    states = [services.state_of(record, day) for day in (today, later)]
    assert states[0].days_left is not None
    assert states[1].days_left == states[0].days_left - 1
    row = _row_of(client.get("/").content.decode(), record.pk)
    assert f'<td class="zahl">{states[0].days_left}</td>' in row
    monkeypatch.setattr(clock, "today", lambda: later)
    page = client.get("/").content.decode()
    assert f"Fristen am {later:%d.%m.%Y}" in page
    assert f'<td class="zahl">{states[1].days_left}</td>' in _row_of(page, record.pk)
    monkeypatch.setattr(clock, "today", lambda: today)
    assert f'<td class="zahl">{states[0].days_left}</td>' in _row_of(
        client.get("/").content.decode(), record.pk
    )


@pytest.mark.usefixtures("examples")
def test_the_data_version_counts_every_change_and_only_changes() -> None:
    from django.db import connection

    from vereinbarung.web.register.models import Stamp
    from vereinbarung.web.register.stamp import data_version

    before = data_version()
    assert before is not None
    assert data_version() == before  # reading changes nothing
    record = Agreement.objects.first()
    assert record is not None
    Agreement.objects.filter(pk=record.pk).update(lead="x")
    after = data_version()
    assert after is not None
    assert after[0] == before[0]
    assert after[1] > before[1]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM vereinbarung_register_version WHERE agreement_id = %s",
                       [record.pk])  # fmt: skip
        cursor.execute("DELETE FROM vereinbarung_register_agreement WHERE id = %s", [record.pk])
    deleted = data_version()
    assert deleted is not None
    assert deleted[1] > after[1]
    # the row made again (an emptied database): a new token, never an old (token, count)
    Stamp.objects.all().delete()
    again = data_version()
    assert again is not None
    assert again[0] != before[0]


def test_memo_computes_a_missing_key_once_for_many_threads() -> None:
    import threading
    import time

    from vereinbarung.web.register.stamp import Memo

    memo: Memo[int] = Memo(size=4)
    calls: list[int] = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.2)
        return 42

    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(memo.get("k", slow)))
               for _ in range(8)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [42] * 8
    assert len(calls) == 1
    # a failing computation keeps nothing
    with pytest.raises(ZeroDivisionError):
        memo.get("x", lambda: 1 // 0)
    assert memo.get("x", lambda: 5) == 5


@pytest.mark.usefixtures("users", "examples")
def test_without_triggers_nothing_is_kept(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from vereinbarung.web.pages import listing
    from vereinbarung.web.register import stamp

    monkeypatch.setattr(stamp, "_triggers_present", lambda: False)
    login(client, "leser")
    assert "7 Vereinbarungen" in client.get("/").content.decode()
    assert len(listing._TABLES) == len(listing._ROWS) == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("users")
def test_a_write_by_another_process_is_seen_at_the_next_request(
    client: Client, tmp_path: Path
) -> None:
    """A second Python process edits through the services; this one shows it at once.

    Needs a database both processes reach: the PostgreSQL pass (the SQLite test database lives
    in this process's memory).
    """
    import os
    import subprocess
    import sys

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("nur mit PostgreSQL: die SQLite-Testdatenbank liegt im Speicher des Tests")
    services.import_files(EXAMPLES)
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    login(client, "leser")
    assert "Anderer Prozess" not in client.get("/").content.decode()
    settings = connection.settings_dict
    url = (f"postgresql://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
           f"{settings['PORT'] or 5432}/{settings['NAME']}")  # fmt: skip
    script = (
        "import django; django.setup()\n"
        "from vereinbarung.web.register import services\n"
        "from vereinbarung.web.register.models import Agreement\n"
        f"r = Agreement.objects.get(pk={record.pk})\n"
        "services.save_version(r, r.text.replace('title: ', 'title: Anderer Prozess ', 1),"
        " base=r.version)\n"
    )
    env = {**os.environ, "VEREINBARUNG_DATABASE_URL": url, "VEREINBARUNG_DATA": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "vereinbarung.web.settings"}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Anderer Prozess" in _row_of(client.get("/").content.decode(), record.pk)


# -- »Für Erinnerungen markieren« on the agreement's page ---------------------------------------


@pytest.mark.usefixtures("users", "examples")
def test_mark_for_reminders_on_the_agreement_page_without_javascript(client: Client) -> None:
    from vereinbarung.web.reminders.models import Mark

    login(client, "leser")  # Lesen is enough: the mark is the user's own
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    url = reverse("vereinbarung", args=[record.pk])
    page = client.get(url).content.decode()
    assert ">Für Erinnerungen markieren</button>" in page
    assert "Markierung entfernen" not in page
    response = client.post(url, {"aktion": "markieren"})
    assert response.status_code == 302
    assert response["Location"] == url
    assert Mark.objects.filter(user__username="leser", agreement=record).count() == 1
    page = client.get(url).content.decode()
    assert "Für Erinnerungen markiert." in page  # the message after the redirect
    assert ">Markierung entfernen</button>" in page
    assert ">Für Erinnerungen markieren</button>" not in page
    # on /konto/ among the marked ones
    konto = client.get(reverse("konto")).content.decode()
    marked = konto[konto.index("<h3>Markierte Vereinbarungen</h3>") :]
    assert str(record) in marked[: marked.index("</ul>")]
    # twice: still one mark; another user has none
    client.post(url, {"aktion": "markieren"})
    assert Mark.objects.filter(agreement=record).count() == 1
    other = login(Client(), "bearbeiter").get(url).content.decode()
    assert ">Für Erinnerungen markieren</button>" in other
    # removed again
    client.post(url, {"aktion": "entmarkieren"})
    assert not Mark.objects.filter(agreement=record).exists()
    assert "Markierung entfernt." in client.get(url).content.decode()
    # an unknown action: German answer, nothing stored
    response = client.post(url, {"aktion": "loeschen"})
    assert response.status_code == 400
    assert "Unbekannte Aktion" in response.content.decode()
    assert not Mark.objects.exists()


@pytest.mark.usefixtures("users", "examples")
def test_mark_for_reminders_with_htmx(client: Client) -> None:
    from vereinbarung.web.reminders.models import Mark, ReminderSetting

    login(client, "leser")
    record = Agreement.objects.get(file_name="kinderschutz-rhein-kreis-neuss.yaml")
    url = reverse("vereinbarung", args=[record.pk])
    htmx = {"HX-Request": "true"}
    answer = client.post(url, {"aktion": "markieren"}, headers=htmx).content.decode()
    assert answer.startswith('<form id="markierung"')  # only the form, swapped in place
    assert "<html" not in answer
    assert 'hx-post="' + url + '"' in answer
    assert ">Markierung entfernen</button>" in answer
    assert "Erinnerungen per E-Mail schalten Sie unter" in answer  # no reminders set yet
    assert Mark.objects.filter(agreement=record).count() == 1
    # what a mark does for this user
    from django.contrib.auth import get_user_model

    reader = get_user_model().objects.get(username="leser")
    ReminderSetting.objects.create(user=reader, active=True, scope=ReminderSetting.MARKED)
    answer = client.post(url, {"aktion": "entmarkieren"}, headers=htmx).content.decode()
    assert ">Für Erinnerungen markieren</button>" in answer
    assert "Ihre Erinnerungen gelten den markierten Vereinbarungen." in answer
    assert not Mark.objects.exists()
    ReminderSetting.objects.filter(user=reader).update(scope=ReminderSetting.ALL)
    page = client.get(url).content.decode()
    assert "Ihre Erinnerungen gelten zurzeit: alle Vereinbarungen" in page


@pytest.mark.usefixtures("users", "examples")
def test_mark_needs_login_role_csrf_and_an_existing_agreement(client: Client) -> None:
    from django.contrib.auth import get_user_model

    from vereinbarung.web.reminders.models import Mark

    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    url = reverse("vereinbarung", args=[record.pk])
    response = client.post(url, {"aktion": "markieren"})  # not logged in
    assert response.status_code == 302
    assert response["Location"].startswith("/anmelden/")
    nobody: Any = get_user_model()(username="ohne-rolle")
    nobody.set_password("geheim-123")
    nobody.save()
    client.force_login(nobody)
    assert client.post(url, {"aktion": "markieren"}).status_code == 403
    assert not Mark.objects.exists()
    reader = login(Client(enforce_csrf_checks=True), "leser")
    response = reader.post(url, {"aktion": "markieren"})
    assert response.status_code == 403
    assert "CSRF" in response.content.decode()
    assert not Mark.objects.exists()
    # with the form's token it works
    import re

    page = reader.get(url).content.decode()
    form = page[page.index('<form id="markierung"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert token is not None
    response = reader.post(url, {"aktion": "markieren", "csrfmiddlewaretoken": token.group(1)})
    assert response.status_code == 302
    assert Mark.objects.filter(user__username="leser", agreement=record).exists()
    missing = login(Client(), "leser").post("/vereinbarung/999999/", {"aktion": "markieren"})
    assert missing.status_code == 404
