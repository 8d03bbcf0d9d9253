"""The Ereignis page records an amendment with the new wording of a § or an Absatz (issue 21).

The rows »Neue Fassung« become the amendment's ``wording`` (as ``vereinbarung record
--section/--wording``); a place that is no »§ 3« or »§ 3 Abs. 2«, or a place without text, is
refused with a German error tied to its field.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

import vereinbarung
from vereinbarung.web import clock
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement

from .conftest import login

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("users", "examples")
def test_an_amendment_carries_the_new_wording_of_an_absatz(client: Client) -> None:
    login(client, "bearbeiter")
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    page = client.get(reverse("ereignis", args=[record.pk]), {"typ": "amendment"}).content.decode()
    assert 'name="fassung-0-stelle"' in page
    assert 'name="fassung-0-text"' in page
    today = vereinbarung.format_date(clock.today())
    data = {
        "typ": "amendment", "date": today, "effective": today, "version": str(record.version),
        "text": "§ 2 Abs. 1 erhält folgende Fassung.", "aktion": "speichern",
        "fassung-0-stelle": "2", "fassung-0-text": "Neuer Wortlaut.",
    }  # fmt: skip
    response = client.post(reverse("ereignis", args=[record.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-describedby="fehler-fassung-0-stelle hinweis-fassung"' in page
    assert "Neue Fassung 1, Stelle: »2« – bitte »§ 3«" in page
    assert 'href="#id_fassung-0-stelle"' in page  # listed at the top, linked to the field
    data.update({"fassung-0-stelle": "§ 2 Abs. 1", "fassung-1-stelle": "§ 3"})
    page = client.post(reverse("ereignis", args=[record.pk]), data).content.decode()
    assert "Neue Fassung 2: bitte den neuen Wortlaut eintragen." in page
    data["fassung-1-text"] = "Erster Absatz.\n\nZweiter Absatz."
    # »Weitere neue Fassung« shows one more row and checks nothing yet
    more = client.post(reverse("ereignis", args=[record.pk]), {**data, "aktion": "fassung_plus"})
    assert 'name="fassung-2-stelle"' in more.content.decode()
    response = client.post(reverse("ereignis", args=[record.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    record.refresh_from_db()
    amendment = services.agreement_of(record).events[-1]
    assert amendment.type == "amendment"
    assert [(w.section, w.text) for w in amendment.wording] == [
        ("§ 2 Abs. 1", "Neuer Wortlaut."), ("§ 3", "Erster Absatz.\n\nZweiter Absatz."),
    ]  # fmt: skip


@pytest.mark.usefixtures("users", "examples")
def test_an_amendment_can_carry_a_new_term_clause(client: Client) -> None:
    """»Neue Laufzeitregelung«: filled in with the clause in force, written as the amendment's
    ``term`` only when the box is ticked; a bad date is refused beside its field."""
    login(client, "bearbeiter")
    record = Agreement.objects.get(file_name="gemeinsame-vergabestelle-soest.yaml")
    url = reverse("ereignis", args=[record.pk])
    page = client.get(url, {"typ": "amendment"}).content.decode()
    assert 'id="id_neu-kuendigungsfrist" name="neu-kuendigungsfrist" value="3 Monate"' in page
    assert '<option value="quarter_end" selected>' in page
    today = vereinbarung.format_date(clock.today())
    data = {
        "typ": "amendment", "date": today, "effective": today, "version": str(record.version),
        "text": "§ 4 Abs. 2: die Kündigungsfrist beträgt sechs Monate.", "aktion": "speichern",
        "neu-inkrafttreten": "01.04.2024", "neu-laufzeitende": "31.03.2026",
        "neu-verlaengerung": "unbestimmte Zeit", "neu-kuendigungsfrist": "6 Monate",
        "neu-kuendigungstermin": "quarter_end", "neu-fruehestens": "31.03.2026",
        "neu-fundstelle": "§ 4",
    }  # fmt: skip
    # without the box ticked: no new clause
    unticked = client.post(url, {**data, "aktion": "vorschau"}).content.decode()
    assert "Neue Laufzeitregelung" in unticked
    bad = client.post(url, {**data, "neue-laufzeitregelung": "1", "neu-laufzeitende": "31.13.2026"})
    assert bad.status_code == 400
    page = bad.content.decode()
    assert 'aria-invalid="true" aria-describedby="fehler-neu-laufzeitende"' in page
    assert 'href="#id_neu-laufzeitende"' in page
    response = client.post(url, {**data, "neue-laufzeitregelung": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    record.refresh_from_db()
    agreement = services.agreement_of(record)
    amendment = agreement.events[-1]
    assert amendment.type == "amendment"
    assert amendment.term is not None
    assert str(amendment.term.notice) == str(vereinbarung.Period.parse("6 Monate"))
    assert agreement.version_on(clock.today()).term.notice == amendment.term.notice
    assert record.data["events"][-1]["term"]["notice"] == "6 Monate"
