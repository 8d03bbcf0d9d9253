"""»Für Erinnerungen markieren« / »Markierung entfernen« on the agreement's page.

Without JavaScript and with htmx; the mark is the user's own (as on ``/konto/``); login, role,
CSRF and an existing agreement are required (pytest-django).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from vereinbarung.web.register.models import Agreement

from .conftest import login

pytestmark = pytest.mark.django_db


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
