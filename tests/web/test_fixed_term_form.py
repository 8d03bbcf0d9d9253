"""The structured form and issue 24: the fixed term binds unless »vor Ablauf« is ticked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement

from .conftest import login

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("users", "db")
def test_the_issue_example_from_the_form_and_the_during_term_checkbox(client: Client) -> None:
    login(client, "bearbeiter")
    # Inkrafttreten 01.01.2027, Laufzeit 5 Jahre (to 31.12.2031), Verlängerung 1 Jahr,
    # 6 Monate zum Ende eines Kalenderhalbjahres, as the new user entered it
    data = {
        "titel": "Kooperationsvereinbarung Halbjahr", "short_name": "Halbjahr", "parteien": "2",
        "partei-0-name": "Stadt A", "partei-0-vertreter": "Anna A", "partei-0-amt": "Bürgermeisterin",
        "partei-1-name": "Stadt B", "partei-1-vertreter": "Bernd B", "partei-1-amt": "Bürgermeister",
        "inkrafttreten": "01.01.2027", "laufzeit": "5 Jahre", "verlaengerung": "1 Jahr",
        "kuendigungsfrist": "6 Monate", "kuendigungstermin": "half_year_end",
        "paragraphen": "1", "paragraph-0-ueberschrift": "Gegenstand", "paragraph-0-text": "Text.",
        "version": "0", "aktion": "speichern",
    }  # fmt: skip
    response = client.post(reverse("neu"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    record = Agreement.objects.get(short_name="Halbjahr")
    assert "notice_during_term" not in record.text
    # not »Zugang bis 31.12.2026 – Ende zum 30.06.2027«: the term binds to 31.12.2031
    state = services.state_of(record, dt.date(2026, 12, 7))
    assert (state.terminates_on, state.notice_deadline) == (
        dt.date(2031, 12, 31),
        dt.date(2031, 6, 30),
    )
    form = client.get(reverse("bearbeiten", args=[record.pk])).content.decode()
    assert 'name="vor_ablauf" value="1">' in form  # not ticked
    # ticked: »kann auch vor Ablauf der Laufzeit gekündigt werden«
    ticked = {**data, "vor_ablauf": "1", "version": str(record.version)}
    response = client.post(reverse("bearbeiten", args=[record.pk]), ticked)
    assert response.status_code == 302, response.content.decode()[:2000]
    record.refresh_from_db()
    assert "notice_during_term: true" in record.text
    state = services.state_of(record, dt.date(2026, 12, 7))
    assert (state.terminates_on, state.notice_deadline) == (
        dt.date(2027, 6, 30),
        dt.date(2026, 12, 31),
    )
    form = client.get(reverse("bearbeiten", args=[record.pk])).content.decode()
    assert 'name="vor_ablauf" value="1" checked>' in form
    # unticked again: the key goes
    response = client.post(
        reverse("bearbeiten", args=[record.pk]), {**data, "version": str(record.version)}
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert "notice_during_term" not in record.text
