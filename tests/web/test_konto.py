"""The page ``/konto/``: the reminder form after an error, reminders need an e-mail address,
the »Markieren« drop-down stays narrow."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from vereinbarung.web.register.models import Agreement
from vereinbarung.web.reminders.models import ReminderSetting

from .conftest import login, with_key

pytestmark = pytest.mark.django_db

NO_ADDRESS = (
    "E-Mail-Adresse: ohne Adresse können keine Erinnerungen verschickt werden – bitte eintragen."
)
CSS = (
    Path(__file__).parent.parent.parent
    / "src/vereinbarung/web/pages/static/vereinbarung/register.css"
)


class Form(HTMLParser):
    """The fields of the form holding the field *marker* as the browser would show them:
    text inputs by value, checkboxes by ``checked``, selects by the selected option (the first
    without one), and every select's options as (value, shown text, attributes)."""

    def __init__(self, marker: str) -> None:
        super().__init__()
        self.marker = marker
        self.forms: list[dict[str, Any]] = []
        self.select: str | None = None
        self.option: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            self.forms.append({"fields": {}, "options": {}, "attrs": {}})
        elif not self.forms:
            return
        form = self.forms[-1]
        name = found.get("name") or ""
        if tag == "input" and found.get("type") == "checkbox":
            form["fields"][name] = "checked" in found
        elif tag == "input":
            form["fields"][name] = found.get("value") or ""
        elif tag == "select":
            self.select = name
            form["options"][name] = []
            form["attrs"][name] = found
        elif tag == "option" and self.select is not None:
            self.option = {"value": found.get("value"), "text": "", "attrs": found}
            form["options"][self.select].append(self.option)

    def handle_data(self, data: str) -> None:
        if self.option is not None:
            self.option["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "option":
            self.option = None
        elif tag == "select" and self.select is not None:
            form = self.forms[-1]
            options = form["options"][self.select]
            chosen = [o for o in options if "selected" in o["attrs"]] or options[:1]
            form["fields"][self.select] = chosen[0]["value"] if chosen else None
            self.select = None

    def of(self, page: str) -> dict[str, Any]:
        self.feed(page)
        return next(f for f in self.forms if self.marker in f["fields"])


def reminder_form(page: str) -> dict[str, Any]:
    fields = Form("leads").of(page)["fields"]
    return {k: v for k, v in fields.items() if k != "csrfmiddlewaretoken"}


def remind(client: Client, **fields: str) -> Any:
    return client.post("/konto/", {"aktion": "erinnerungen", **fields})


def test_a_refused_reminder_form_shows_exactly_what_was_entered(
    client: Client, users: dict[str, Any]
) -> None:
    user = users["lesen"]
    login(client, "leser")
    response = remind(client, active="on", email="l@example.org", scope="partei", value="",
                      leads="90, dreißig, -5", weekly="on")  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "Bitte die Partei oder das Stichwort angeben." in page
    assert "»dreißig« ist keine Tageszahl" in page
    assert reminder_form(page) == {
        "aktion": "erinnerungen", "active": True, "email": "l@example.org", "scope": "partei",
        "value": "", "leads": "90, dreißig, -5", "weekly": True,
    }  # fmt: skip
    assert not ReminderSetting.objects.filter(user=user).exists()
    user.refresh_from_db()
    assert user.email == ""


def test_a_refused_form_keeps_emptied_and_unticked_fields(
    client: Client, users: dict[str, Any]
) -> None:
    user = users["lesen"]
    user.email = "alt@example.org"
    user.save()
    ReminderSetting.objects.create(user=user, active=True, scope="stichwort", value="Bauhof",
                                   leads="30", weekly=True)  # fmt: skip
    login(client, "leser")
    assert reminder_form(client.get("/konto/").content.decode()) == {
        "aktion": "erinnerungen", "active": True, "email": "alt@example.org",
        "scope": "stichwort", "value": "Bauhof", "leads": "30", "weekly": True,
    }  # fmt: skip
    # everything emptied or unticked, the scope changed, the lead days wrong
    response = remind(client, email="", scope="alle", value="", leads="sieben")
    assert response.status_code == 400
    assert reminder_form(response.content.decode()) == {
        "aktion": "erinnerungen", "active": False, "email": "", "scope": "alle", "value": "",
        "leads": "sieben", "weekly": False,
    }  # fmt: skip
    setting = ReminderSetting.objects.get(user=user)
    assert (setting.active, setting.scope, setting.value, setting.leads, setting.weekly) == (
        True, "stichwort", "Bauhof", "30", True,
    )  # fmt: skip
    user.refresh_from_db()
    assert user.email == "alt@example.org"


@pytest.mark.parametrize("stored", ["", "alt@example.org"])
def test_reminders_on_without_an_address_are_refused(
    client: Client, users: dict[str, Any], stored: str
) -> None:
    user = users["lesen"]
    user.email = stored
    user.save()
    login(client, "leser")
    response = remind(client, active="on", email="  ", scope="alle", leads="30, 7")
    assert response.status_code == 400
    page = response.content.decode()
    assert NO_ADDRESS in page
    assert "Erinnerungen gespeichert." not in page
    assert reminder_form(page)["active"] is True
    assert not ReminderSetting.objects.filter(user=user).exists()
    user.refresh_from_db()
    assert user.email == stored


def test_reminders_on_with_an_address_are_saved(client: Client, users: dict[str, Any]) -> None:
    user = users["lesen"]
    login(client, "leser")
    response = remind(client, active="on", email="leser@example.org", scope="alle",
                      leads="7, 30")  # fmt: skip
    assert response.status_code == 302
    assert "Erinnerungen gespeichert." in client.get(response["Location"]).content.decode()
    setting = ReminderSetting.objects.get(user=user)
    assert (setting.active, setting.lead_days()) == (True, (30, 7))
    user.refresh_from_db()
    assert user.email == "leser@example.org"


def test_reminders_off_need_no_address(client: Client, users: dict[str, Any]) -> None:
    login(client, "leser")
    response = remind(client, email="", scope="alle", leads="30")
    assert response.status_code == 302
    assert ReminderSetting.objects.get(user=users["lesen"]).active is False


@pytest.mark.usefixtures("users")
def test_the_mark_options_are_short(client: Client, examples: list[Any]) -> None:
    bauhof = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    with_key(bauhof, "short_name", "Bauhof Eifel")
    child = Agreement.objects.get(file_name="kinderschutz-rhein-kreis-neuss.yaml")
    with_key(child, "reference", "51.20-04/2026")
    login(client, "leser")
    form = Form("vereinbarung").of(client.get("/konto/").content.decode())
    options = form["options"]["vereinbarung"]
    assert len(options) == len(examples)
    shown = {int(o["value"]): o["text"] for o in options}
    assert shown[bauhof.pk] == "Bauhof Eifel"
    assert shown[child.pk] == "51.20-04/2026"
    for record in Agreement.objects.exclude(pk__in=[bauhof.pk, child.pk]):
        text = shown[record.pk]
        assert len(record.title) > 60
        assert len(text) <= 60
        assert text.endswith("…")
        assert record.title.startswith(text[:-1].rstrip())
    # the whole title stays readable as the option's tooltip
    titles = {int(o["value"]): o["attrs"].get("title") for o in options}
    assert titles[bauhof.pk] == Agreement.objects.get(pk=bauhof.pk).title
    # and the drop-down never gets wider than its column
    assert "konto-markieren" in (form["attrs"]["vereinbarung"].get("class") or "")
    assert "select.konto-markieren" in CSS.read_text(encoding="utf-8")


@pytest.mark.usefixtures("users")
def test_errors_are_tied_to_their_fields_and_listed_at_the_top(client: Client) -> None:
    """WCAG 3.3.1/1.3.1 (issue 21): each error beside its field, referenced by it, and linked
    from the list at the top of the page."""
    login(client, "leser")
    response = remind(client, active="on", email="kein-at", scope="alle", leads="30, viele")
    assert response.status_code == 400
    page = response.content.decode()
    top = page[
        page.index('id="fehlerliste"') : page.index("</div>", page.index('id="fehlerliste"'))
    ]
    assert '<a href="#id_email">E-Mail-Adresse: »kein-at« ist keine E-Mail-Adresse.</a>' in top
    assert '<a href="#id_leads">Tage vor dem letzten Zugangstag: »viele« ist keine Tageszahl' in top
    assert (
        'id="id_email" name="email" value="kein-at" aria-invalid="true" aria-describedby="fehler-email"'
        in page
    )
    assert '<div class="fehler" id="fehler-email">' in page
    assert 'aria-describedby="fehler-leads hinweis-leads" aria-invalid="true"' in page
    response = client.post("/konto/", {"aktion": "schluessel", "name": "x", "rolle": "Verwalten"})
    page = response.content.decode()
    assert 'id="id_rolle" name="rolle" aria-invalid="true" aria-describedby="fehler-rolle"' in page
    assert (
        '<a href="#id_rolle">Rolle: Ein Schlüssel mit der Rolle »Verwalten« übersteigt Ihre Rolle.</a>'
        in page
    )
