"""An imported agreement is confirmed through the checklist on its page (issue 21).

The import text (``fixtures/import-platzhalter-inkrafttreten.txt``: seed 002 with
»tritt zum 01.02. in Kraft« (no year) and dated signatures) gives a placeholder
Inkrafttreten (``term.placeholders``) and a review point. The import page shows the YAML
without anchors and the signatures per party; the agreement page lists both open points with
the field that resolves each; entering the real day and ticking the point confirms it.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from vereinbarung.web.register import services

from .conftest import login

pytestmark = pytest.mark.django_db

TEXT = Path(__file__).parent / "fixtures" / "import-platzhalter-inkrafttreten.txt"
DAY = dt.date(2026, 3, 1)


def _imported(client: Client) -> str:
    upload = SimpleUploadedFile("vereinbarung.txt", TEXT.read_bytes(), "text/plain")
    page = client.post(reverse("importieren"), {"datei": upload}).content.decode()
    found = re.search(r'<textarea[^>]*id="id_text"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, page
    return html.unescape(found.group(1))


def test_the_import_text_box_has_no_anchors_and_shows_signatures_per_party(
    client: Client, users: dict[str, Any]
) -> None:
    login(client, "bearbeiter")
    upload = SimpleUploadedFile("vereinbarung.txt", TEXT.read_bytes(), "text/plain")
    page = client.post(reverse("importieren"), {"datei": upload}).content.decode()
    text = _imported(client)
    assert "&id0" not in text
    assert "*id0" not in text
    # the Inkrafttreten (the last signature, a placeholder) and three signatures share one day:
    # each written out, so that editing one date cannot move another
    assert text.count("2023-01-20") == 4
    assert "Unterschriften je Partei" in page
    assert "<td>Stadt Dormagen</td><td>Dormagen</td><td>15.01.2023</td>" in page
    assert users


def test_checklist_confirms_the_imported_agreement(
    client: Client,
    users: dict[str, Any],  # noqa: ARG001
) -> None:
    login(client, "bearbeiter")
    record = services.create(_imported(client), reason="importiert")
    url = reverse("vereinbarung", args=[record.pk])
    state = services.state_of(record, DAY)
    assert state.status == "unconfirmed"
    page = client.get(url).content.decode()
    assert "Prüfliste: vor dem Bestätigen zu erledigen (2)" in page
    assert '<label for="id_pruef-effective">Inkrafttreten</label>' in page
    assert 'id="id_erledigt-0" name="erledigt" value="0"' in page
    assert "Unterschriften (aus dem Import)" in page
    # an impossible date: 400, the error at the top and beside its field, nothing saved
    post = {"version": str(record.version), "pruef-effective": "31.02.2023", "erledigt": "0"}
    bad = client.post(reverse("pruefen", args=[record.pk]), post)
    assert bad.status_code == 400
    shown = bad.content.decode()
    assert 'href="#id_pruef-effective">Inkrafttreten: ' in shown
    assert 'aria-invalid="true"' in shown
    assert 'aria-describedby="hilfe-pruef-effective fehler-pruef-effective"' in shown
    assert 'value="31.02.2023"' in shown  # what was entered stays
    record.refresh_from_db()
    assert record.version == 1
    # the real Inkrafttreten only: the placeholder goes, the review point stays open
    post = {"version": "1", "pruef-effective": "01.02.2023"}
    response = client.post(reverse("pruefen", args=[record.pk]), post, follow=True)
    assert "Gespeichert; es sind noch Punkte offen." in response.content.decode()
    record.refresh_from_db()
    agreement = services.agreement_of(record)
    assert agreement.term.effective == dt.date(2023, 2, 1)
    assert agreement.term.placeholders == ()
    assert services.state_of(record, DAY).status == "unconfirmed"
    # the point ticked: the list is empty, the agreement confirmed with its deadlines
    post = {"version": str(record.version), "erledigt": "0"}
    response = client.post(reverse("pruefen", args=[record.pk]), post, follow=True)
    shown = response.content.decode()
    assert "Gespeichert: alle Punkte erledigt, Stand: in Kraft." in shown
    assert "Prüfliste" not in shown
    record.refresh_from_db()
    assert "review:" not in record.text
    state = services.state_of(record, DAY)
    assert state.status == "in_force"
    assert state.notice_deadline == dt.date(2026, 6, 30)


def test_a_party_without_signature_is_flagged(client: Client, users: dict[str, Any]) -> None:
    login(client, "bearbeiter")
    text = _imported(client)
    # the block of Stadt Kaarst lost (as when the import gave it to another party)
    text = re.sub(r"- party: Stadt Kaarst\n(  .*\n)+", "", text)
    assert "Stadt Kaarst\n  place" not in text
    record = services.create(text, reason="importiert")
    page = client.get(reverse("vereinbarung", args=[record.pk])).content.decode()
    row = re.search(r"<tr class=\"dringend\"><td>Stadt Kaarst</td>.*?</tr>", page, re.S)
    assert row is not None
    assert "Keine Unterschrift gelesen" in row.group(0)
    # the others are now uncertain where the place is not in the party's name
    assert "Zuordnung unsicher: der Ort »Grevenbroich« steht nicht im Namen" in page
    assert users
