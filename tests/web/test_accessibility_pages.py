"""Accessibility of the register's HTML (WCAG 2.1 AA / BITV 2.0), checked without a browser.

- 3.3.1/4.1.3: an error summary at the top of the form with links to the fields; each field with
  an error has ``aria-invalid="true"`` and ``aria-describedby`` naming its error text; the
  Ereignis preview's result region is a live region.
- 2.5.3: the party fields carry the visible column labels (»vertreten durch«), not »Partei 1
  vertreter«.
- BITV 2.0 § 7 / BITV NRW: the Erklärung zur Barrierefreiheit, linked from every page's footer,
  with its feedback form (stored; mailed through a real SMTP server, aiosmtpd, when configured).
The browser checks (axe-core, 320 px, keyboard) are in ``test_accessibility.py``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from vereinbarung.web.barrierefreiheit.models import Feedback
from vereinbarung.web.register.models import Agreement

from .conftest import login
from .smtp import Mailbox, smtp_server

pytestmark = pytest.mark.django_db


def _described_field(page: str, field_id: str) -> str:
    """The opening tag of the field *field_id*, checked to point at its error text."""
    tag = re.search(rf'<(?:input|select|textarea)[^>]*\bid="{re.escape(field_id)}"[^>]*>', page)
    assert tag is not None, field_id
    assert 'aria-invalid="true"' in tag.group(0), tag.group(0)
    described = re.search(r'aria-describedby="([^"]+)"', tag.group(0))
    assert described is not None, tag.group(0)
    error_id = described.group(1).split()[0]
    assert re.search(rf'<div class="fehler" id="{re.escape(error_id)}"[^>]*>[^<]+</div>', page), (
        error_id
    )
    return tag.group(0)


@pytest.mark.usefixtures("users")
def test_form_errors_are_summarised_on_top_and_tied_to_their_fields(client: Client) -> None:
    login(client, "bearbeiter")
    data = {"version": "0", "aktion": "speichern", "parteien": "2", "titel": "",
            "partei-0-name": "Stadt A", "partei-0-vertreter": "", "partei-0-amt": "Bürgermeister",
            "partei-1-name": "Stadt B", "partei-1-vertreter": "Bernd B", "partei-1-amt": "Amt",
            "inkrafttreten": "31.02.2027"}  # fmt: skip
    response = client.post(reverse("neu"), data)
    assert response.status_code == 400
    page = response.content.decode()
    fields = page.index('<input type="hidden" name="version"')
    summary = page[page.index('id="fehlerliste"') : fields]  # on top: before the form's fields
    assert 'role="alert"' in page[page.index('<div class="fehlerkasten fehlerliste"') :][:200]
    assert '<a href="#id_titel">Titel: Bitte einen Titel angeben.</a>' in summary
    assert (
        '<a href="#id_partei-0-vertreter">Partei 1, vertreten durch: Vertreten durch fehlt.'
        in summary
    )
    assert '<a href="#id_inkrafttreten">Inkrafttreten: ' in summary
    _described_field(page, "id_titel")
    _described_field(page, "id_partei-0-vertreter")
    _described_field(page, "id_inkrafttreten")
    ok = re.search(r'<input[^>]*id="id_partei-1-vertreter"[^>]*>', page)
    assert ok is not None
    assert "aria-invalid" not in ok.group(0)


@pytest.mark.usefixtures("users")
def test_party_fields_are_labelled_as_shown(client: Client) -> None:
    login(client, "bearbeiter")
    page = client.get(reverse("neu")).content.decode()
    assert "Partei 1 vertreter" not in page
    for column, label in (("name", "Name"), ("vertreter", "vertreten durch"), ("plz", "PLZ")):
        for row in (0, 1):
            assert (
                f'<label class="visuell-versteckt spalte" for="id_partei-{row}-{column}">{label}</label>'
                in page
            )
            assert f'id="id_partei-{row}-{column}" name="partei-{row}-{column}"' in page
        assert f'<th scope="col">{label}</th>' in page


@pytest.mark.usefixtures("users", "examples")
def test_event_errors_are_tied_and_the_preview_is_a_live_region(client: Client) -> None:
    login(client, "bearbeiter")
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    data = {"typ": "notice", "by": "", "form": "written", "version": str(record.version),
            "aktion": "vorschau", "zugang-1": "32.13.2026"}  # fmt: skip
    page = client.post(reverse("ereignis", args=[record.pk]), data).content.decode()
    _described_field(page, "id_zugang-1")
    assert '<a href="#id_zugang-1">' in page
    summary = page.index('id="fehlerliste"')  # on the whole page: on top, once
    assert summary < page.index('<form method="post" id="ereignis-form">')
    assert page.count('<a href="#id_zugang-1">') == 1
    htmx = client.post(reverse("ereignis", args=[record.pk]), data, HTTP_HX_REQUEST="true")
    assert '<a href="#id_zugang-1">' in htmx.content.decode()  # the preview's answer has the list
    assert '<div id="vorschau" role="status" aria-live="polite">' in page


def test_statement_is_open_to_all_and_linked_from_every_page(client: Client) -> None:
    page = client.get("/barrierefreiheit/").content.decode()
    for part in ("Erklärung zur Barrierefreiheit", "Stand der Vereinbarkeit", "teilweise vereinbar",
                 "Nicht barrierefreie Inhalte", "/api/docs", "Erstellung dieser Erklärung", "axe-core",
                 "Durchsetzungsverfahren", "Ombudsstelle für barrierefreie Informationstechnik",
                 "ombudsstelle-barrierefreie-it@mags.nrw.de", "Schlichtungsstelle nach § 16",
                 'name="message"'):  # fmt: skip
        assert part in page, part
    for address in ("/anmelden/", "/fristenrechner", "/gibt-es-nicht/"):
        assert '<a href="/barrierefreiheit/">Erklärung zur Barrierefreiheit</a>' in (
            client.get(address).content.decode()
        ), address


def test_feedback_without_login_is_stored_and_checked(client: Client) -> None:
    empty = client.post("/barrierefreiheit/", {"message": "  ", "page": "", "contact": ""})
    assert empty.status_code == 400
    page = empty.content.decode()
    assert '<a href="#id_message">' in page
    _described_field(page, "id_message")
    assert not Feedback.objects.exists()
    too_long = client.post("/barrierefreiheit/", {"message": "x" * 5001})
    assert too_long.status_code == 400
    assert "höchstens 5000 Zeichen" in too_long.content.decode()
    sent = client.post("/barrierefreiheit/", {"message": "Der Kalender ist mit dem Screenreader nicht bedienbar.",
                                               "page": "Mein Konto", "contact": "a@example.org"})  # fmt: skip
    assert sent.status_code == 302
    stored = Feedback.objects.get()
    assert (stored.page, stored.contact, stored.mailed) == ("Mein Konto", "a@example.org", False)
    assert "Danke" in client.get(sent["Location"]).content.decode()


@pytest.fixture
def mailbox(settings: Any) -> Iterator[Mailbox]:
    with smtp_server() as box:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", box.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.ACCESSIBILITY_CONTACT = "barrierefrei@stadt.example"
        yield box


def test_feedback_is_mailed_to_the_configured_contact(client: Client, mailbox: Mailbox) -> None:
    page = client.get("/barrierefreiheit/").content.decode()
    assert 'href="mailto:barrierefrei@stadt.example"' in page
    client.post("/barrierefreiheit/", {"message": "Kontrast der Knöpfe zu gering"})
    assert Feedback.objects.get().mailed
    (message,) = mailbox.messages
    assert message["To"] == "barrierefrei@stadt.example"
    assert "Kontrast der Knöpfe zu gering" in message.get_content()
    mailbox.refuse = True  # the server refuses: the report stays, marked not mailed
    client.post("/barrierefreiheit/", {"message": "Zweite Meldung"})
    assert not Feedback.objects.get(message="Zweite Meldung").mailed


def test_feedback_is_rate_limited(client: Client) -> None:
    for n in range(10):
        assert client.post("/barrierefreiheit/", {"message": f"Meldung {n}"}).status_code == 302
    refused = client.post("/barrierefreiheit/", {"message": "eine zu viel"})
    assert refused.status_code == 429
    assert "Zu viele Rückmeldungen" in refused.content.decode()
    assert Feedback.objects.count() == 10


def test_calculator_errors_are_tied_to_their_fields(client: Client) -> None:
    page = client.get("/fristenrechner", {"inkrafttreten": "31.02.2026", "stichtag": "gestern"})
    html = page.content.decode()
    _described_field(html, "id_inkrafttreten")
    _described_field(html, "id_stichtag")


def test_a_skip_link_leads_past_the_header(client: Client) -> None:
    html = client.get("/fristenrechner").content.decode()
    assert html.index('<a class="sprung" href="#inhalt">Zum Inhalt springen</a>') < html.index(
        "<header"
    )
    assert '<main id="inhalt" tabindex="-1">' in html


def test_the_feedback_table_matches_its_migration() -> None:
    from django.core.management import call_command

    call_command("makemigrations", "vereinbarung_barrierefreiheit", check=True, dry_run=True,
                 verbosity=0)  # fmt: skip  # SystemExit(1) when the model and migrations differ


@pytest.mark.django_db
@pytest.mark.usefixtures("users", "examples")
def test_form_headings_descend_one_level_at_a_time(client: Client) -> None:
    """axe heading-order (review of issue 21): /vereinbarung/neu/ and …/bearbeiten/ went
    from h1 straight to h3 »Zahlen der Umlage«."""
    login(client, "bearbeiter")
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    for url in (reverse("neu"), f"/vereinbarung/{record.pk}/bearbeiten/"):
        page = client.get(url).content.decode()
        main = page[page.index("<main") :]
        levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", main)]
        assert levels, url
        assert levels[0] == 1, (url, levels)
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, (url, levels)
