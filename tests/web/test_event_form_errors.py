"""The Ereignis page says what is wrong, in German, in the preview too; Enter saves; the pages
for staff speak no YAML (issue 21). pytest-django with the bundled examples."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement

from .conftest import login

pytestmark = pytest.mark.django_db


def _bauhof() -> Agreement:
    return Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")


@pytest.mark.usefixtures("users", "examples")
def test_receipt_for_the_notifying_party_is_named_in_german(client: Client) -> None:
    """Before: »Feld events: Wert »[{"type": …« (the raw JSON of every event)."""
    login(client, "bearbeiter")
    record = _bauhof()
    agreement = services.agreement_of(record)
    by = agreement.parties[0].name
    data = {"typ": "notice", "by": by, "form": "written", "version": "1", "aktion": "vorschau",
            "zugang-0": "01.12.2025", "zugang-1": "01.12.2025", "zugang-2": "01.12.2025"}  # fmt: skip
    for htmx in (False, True):
        headers = {"HX-Request": "true"} if htmx else {}
        response = client.post(reverse("ereignis", args=[record.pk]), data, headers=headers)
        assert response.status_code == 400
        page = response.content.decode()
        assert f"Zugang bei {by}: bitte leer lassen – {by} kündigt selbst" in page
        assert "Feld events" not in page
        assert "&quot;type&quot;" not in page
        if htmx:  # the preview alone lists the error: shown in place (responseHandling)
            assert page.lstrip().startswith('<div class="fehlerkasten" role="alert">')


@pytest.mark.usefixtures("users", "examples")
def test_library_findings_of_an_event_name_the_form_field(client: Client) -> None:
    """A receipt before sending: the model's finding without the raw ``events`` value."""
    login(client, "bearbeiter")
    record = _bauhof()
    by = services.agreement_of(record).parties[0].name
    data = {"typ": "notice", "by": by, "form": "written", "version": "1", "aktion": "vorschau",
            "zugang-1": "01.12.2025", "zugang-2": "01.12.2025", "sent": "05.12.2025"}  # fmt: skip
    response = client.post(reverse("ereignis", args=[record.pk]), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    page = response.content.decode()
    assert "liegt vor der Absendung am 05.12.2025" in page
    assert "Feld events" not in page
    assert "&quot;type&quot;" not in page


def test_htmx_swaps_4xx_answers() -> None:
    """htmx 2 ignores 4xx answers unless ``responseHandling`` says to swap them."""
    from pathlib import Path

    import vereinbarung.web.pages

    source = (
        Path(vereinbarung.web.pages.__file__).parent / "templates/pages/base.html"
    ).read_text()
    config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", source)
    assert config is not None
    import json

    handling = json.loads(config.group(1))["responseHandling"]
    four = next(rule for rule in handling if re.fullmatch(rule["code"], "400"))
    assert four["swap"] is True
    assert next(rule for rule in handling if re.fullmatch(rule["code"], "204"))["swap"] is False
    assert next(rule for rule in handling if re.fullmatch(rule["code"], "500"))["swap"] is False


def _first_submit(page: str, form_start: str) -> str:
    form = page[page.index(form_start) :]
    form = form[: form.index("</form>")]
    buttons = re.findall(r"<button[^>]*type=\"submit\"[^>]*>", form)
    own = [b for b in buttons if " form=" not in b and " hidden" not in b]  # of this form, seen
    assert own
    return str(own[0])


@pytest.mark.usefixtures("users", "examples")
def test_enter_presses_the_primary_action(client: Client) -> None:
    """The default button of a form (what Enter in a text field presses) is the first submit
    button in it: »Eintragen« / »Speichern«, not »Felder anzeigen« / »Partei hinzufügen«
    (»Felder anzeigen« belongs to a form of its own, ``form="typ-form"``)."""
    login(client, "bearbeiter")
    record = _bauhof()
    page = client.get(reverse("ereignis", args=[record.pk]) + "?typ=signed").content.decode()
    assert 'value="speichern"' in _first_submit(page, '<form method="post" id="ereignis-form">')
    page = client.get(reverse("bearbeiten", args=[record.pk])).content.decode()
    assert 'value="speichern"' in _first_submit(page, '<form method="post" id="vereinbarung-form"')
    page = client.get(reverse("neu")).content.decode()
    assert 'value="speichern"' in _first_submit(page, '<form method="post" id="vereinbarung-form"')


#: What staff must not read: keys and values of the file format, options of the command line.
JARGON = re.compile(
    r"--absender|--an\b|\bnotice_to\b|\bon_party_notice\b|term\.placeholders|\bin_force\b"
    r"|\bnotice_given\b|\bawaiting_\w+|\bregime: gkg\b|\bevents:|\breview\b"
)


@pytest.mark.usefixtures("users", "examples")
def test_pages_for_staff_speak_no_yaml(client: Client) -> None:
    login(client, "bearbeiter")
    for record in Agreement.objects.all():
        for url in (
            reverse("vereinbarung", args=[record.pk]),
            reverse("ereignis", args=[record.pk]),
            reverse("ereignis", args=[record.pk]) + "?typ=notice",
            reverse("ereignis", args=[record.pk]) + "?typ=amendment",
            reverse("bearbeiten", args=[record.pk]),  # the form with its live preview
            reverse("version", args=[record.pk, 1]),
        ):
            page = client.get(url).content.decode()
            page = re.sub(r"<details class=\"experten\">.*?</details>", "", page, flags=re.S)
            page = re.sub(r"<(select|option|input|button|a|form)\b[^>]*>", "", page)
            found = JARGON.search(page)
            assert found is None, f"{url}: »{found.group(0) if found else ''}«"


@pytest.mark.usefixtures("users", "examples")
def test_open_points_on_the_start_page_name_no_keys(client: Client) -> None:
    """An imported agreement's open points (tooltip of »1 offen«) without »term.placeholders«."""
    record = _bauhof()
    text = record.text.replace("\nterm:\n", "\nterm:\n  placeholders: [effective]\n", 1)
    assert text != record.text
    services.save_version(record, text, base=record.version, reason="Platzhalter")
    login(client, "leser")
    page = client.get(reverse("fristen")).content.decode()
    assert "Inkrafttreten ist ein Platzhalter: bitte den wirklichen Wert eintragen" in page
    assert "term." not in page


@pytest.mark.usefixtures("users", "examples")
def test_a_wording_of_a_missing_section_is_german_and_at_the_field_stelle(client: Client) -> None:
    """Before: »Ereignis »amendment«: … wording »§ 99 Abs. 1« … mit »sections« angeben« in the
    preview's list, no field marked; after »Vorschau« no field was aria-invalid."""
    login(client, "bearbeiter")
    record = _bauhof()
    count = len(services.agreement_of(record).sections)
    data = {"typ": "amendment", "date": "01.12.2025", "effective": "01.01.2026",
            "text": "Nachtrag Nr. 1", "fassung-0-stelle": "§ 99 Abs. 1",
            "fassung-0-text": "Neu.", "version": str(record.version), "aktion": "vorschau"}  # fmt: skip
    last = services.agreement_of(record).sections[-1]
    expected = (
        f"Die Vereinbarung hat keinen § 99 (vorhanden: § 1 bis § {count}); bitte einen "
        f"vorhandenen Paragraphen angeben (einen neuen Absatz am Ende, z. B. »§ {count} Abs. "
        f"{len(last.paragraphs) + 1}«)"
    )
    for htmx in (False, True):
        headers = {"HX-Request": "true"} if htmx else {}
        response = client.post(reverse("ereignis", args=[record.pk]), data, headers=headers)
        assert response.status_code == 400
        page = response.content.decode()
        assert expected in page
        assert "»sections«" not in page
        assert "wording »" not in page
        field = re.search(r'<input type="text" id="id_fassung-0-stelle"[^>]*>', page)
        assert field is not None
        assert 'aria-invalid="true"' in field.group(0)
        assert "fehler-fassung-0-stelle" in field.group(0)
        assert re.search(r'<div class="fehler" id="fehler-fassung-0-stelle">Die Vereinbarung', page)
        if htmx:  # the fields come again, out of band, so the preview marks them too
            assert '<div id="angaben" hx-swap-oob="true">' in page
        else:
            assert '<a href="#id_fassung-0-stelle">' in page


@pytest.mark.usefixtures("users", "examples")
def test_after_the_preview_errors_mark_their_fields(client: Client) -> None:
    """The preview's answer (htmx) carries the fields with aria-invalid, not the list alone."""
    login(client, "bearbeiter")
    record = _bauhof()
    data = {"typ": "approved", "date": "32.13.2025", "version": str(record.version),
            "aktion": "vorschau"}  # fmt: skip
    response = client.post(reverse("ereignis", args=[record.pk]), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    page = response.content.decode()
    oob = page.split('<div id="angaben" hx-swap-oob="true">', 1)
    assert len(oob) == 2
    field = re.search(r'<input type="text" id="id_date"[^>]*>', oob[1])
    assert field is not None
    assert 'aria-invalid="true"' in field.group(0)
    assert 'aria-describedby="fehler-date hinweis-date"' in field.group(0)
