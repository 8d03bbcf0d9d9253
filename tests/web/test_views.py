"""The pages of the register: Fristen, Vereinbarung, documents, Fristenrechner, roles, errors.

What each role may see and post, the start page's rows and paging, downloads and the German
error pages (pytest-django).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

import vereinbarung
from vereinbarung.web import clock
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement, Version

from .conftest import EXAMPLES, login

pytestmark = pytest.mark.django_db


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
