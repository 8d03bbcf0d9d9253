"""User administration in the browser (/benutzer/, issue 26): only Verwalten; create a local
account (password rules, German field errors), change roles, disable, revoke another's API key
and calendar address, remove a second factor, lift a login lockout; every change logged."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.test import Client

from .conftest import login

pytestmark = pytest.mark.django_db

GOOD = "Amtsstube-Kreis-2026"


def _changes(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    return [json.loads(r.getMessage()) for r in caplog.records
            if r.name == "vereinbarung.aenderungen"]  # fmt: skip


@pytest.mark.usefixtures("users")
def test_only_verwalten_reaches_the_pages() -> None:
    assert Client().get("/benutzer/").status_code == 302  # to the login page
    for name in ("leser", "bearbeiter"):
        client = login(Client(), name)
        assert client.get("/benutzer/").status_code == 403
        assert client.post("/benutzer/neu/", {"username": "x"}).status_code == 403
        page = client.get("/").content.decode()
        assert 'href="/benutzer/"' not in page
    admin = login(Client(), "verwalter")
    page = admin.get("/benutzer/").content.decode()
    assert "leser" in page
    assert "bearbeiter" in page
    assert "Anmeldesperren" in page
    assert 'href="/benutzer/"' in admin.get("/").content.decode()


@pytest.mark.usefixtures("users")
def test_create_user_with_field_errors_then_success(caplog: pytest.LogCaptureFixture) -> None:
    from django.contrib.auth import get_user_model

    admin = login(Client(), "verwalter")
    refused = admin.post("/benutzer/neu/", {"username": "Leser", "email": "kein@", "role": "Chef",
                                            "password": "123"})  # fmt: skip
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Benutzername: Den Benutzer »leser« gibt es schon." in page
    assert "»kein@« ist keine E-Mail-Adresse." in page
    assert "»Chef« ist keine Rolle." in page
    assert "E-Mail-Adresse: »kein@« ist keine E-Mail-Adresse." in page
    spaced = admin.post("/benutzer/neu/", {"username": "EVA SCHMIDT", "password": GOOD})
    assert "»EVA SCHMIDT« geht nicht: nur Buchstaben a–z" in spaced.content.decode()
    assert "zu kurz" in page  # Django's password validators, in German
    assert 'id="id_email" value="kein@"' in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="fehler-password hilfe-password"' in page
    assert get_user_model().objects.count() == 3
    caplog.set_level(logging.INFO, "vereinbarung.aenderungen")
    made = admin.post("/benutzer/neu/", {"username": "schmidt", "first_name": "Eva",
                                         "last_name": "Schmidt", "email": "eva@kreis.de",
                                         "role": "Bearbeiten", "password": GOOD})  # fmt: skip
    new: Any = get_user_model().objects.get(username="schmidt")
    assert made.status_code == 302
    assert made["Location"] == f"/benutzer/{new.pk}/"
    assert new.check_password(GOOD)
    assert new.get_full_name() == "Eva Schmidt"
    assert list(new.groups.values_list("name", flat=True)) == ["Bearbeiten"]
    assert {"wer": "verwalter", "was": "Benutzer angelegt", "benutzer": "schmidt",
            "rolle": "Bearbeiten"}.items() <= _changes(caplog)[-1].items()  # fmt: skip
    logged_in = Client().post("/anmelden/", {"username": "schmidt", "password": GOOD})
    assert logged_in.status_code == 302
    assert logged_in["Location"] == "/"


def test_role_disable_and_no_self_harm(
    users: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, "vereinbarung.aenderungen")
    from vereinbarung.web.api.tokens import create_token, find_token
    from vereinbarung.web.feeds import service as feeds

    admin = login(Client(), "verwalter")
    reader = users["lesen"]
    _, secret = create_token(reader, "Fachverfahren", "Lesen")
    _, calendar = feeds.renew(reader)
    url = f"/benutzer/{reader.pk}/"
    assert admin.post(url, {"aktion": "rolle", "rolle": "Bearbeiten"}).status_code == 302
    assert list(reader.groups.values_list("name", flat=True)) == ["Bearbeiten"]
    assert admin.post(url, {"aktion": "deaktivieren"}).status_code == 302
    reader.refresh_from_db()
    assert not reader.is_active
    assert find_token(secret) is None  # a disabled account's key and calendar stop at once
    assert feeds.find(calendar) is None
    assert "deaktiviert" in admin.get(url).content.decode()
    refused = Client().post("/anmelden/", {"username": "leser", "password": "geheim-123"})
    assert refused.status_code == 200
    assert "Benutzername oder Passwort ist falsch" in refused.content.decode()
    whats = [c["was"] for c in _changes(caplog) if c.get("benutzer") == "leser"]
    assert whats == ["Rolle geändert", "Benutzer deaktiviert"]
    own = f"/benutzer/{users['verwalten'].pk}/"
    refused = admin.post(own, {"aktion": "deaktivieren"})
    assert refused.status_code == 400
    assert "Das eigene Konto kann man nicht deaktivieren." in refused.content.decode()
    refused = admin.post(own, {"aktion": "rolle", "rolle": "Lesen"})
    assert "nicht selbst nehmen" in refused.content.decode()
    users["verwalten"].refresh_from_db()
    assert users["verwalten"].is_active
    assert admin.get("/benutzer/999999/").status_code == 404


def test_revoke_another_users_key_and_calendar(
    users: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    from vereinbarung.web.api.tokens import create_token, find_token
    from vereinbarung.web.feeds import service as feeds
    from vereinbarung.web.feeds.models import Feed

    editor = users["bearbeiten"]
    token, secret = create_token(editor, "Fachverfahren", "Lesen")
    other, other_secret = create_token(users["lesen"], "fremd", "Lesen")
    feeds.renew(editor)
    caplog.set_level(logging.INFO, "vereinbarung.aenderungen")
    admin = login(Client(), "verwalter")
    url = f"/benutzer/{editor.pk}/"
    assert "Fachverfahren" in admin.get(url).content.decode()
    # another user's key cannot be revoked through this user's page
    wrong = admin.post(url, {"aktion": "schluessel_widerrufen", "pk": str(other.pk)})
    assert wrong.status_code == 400
    assert find_token(other_secret) is not None
    assert (
        admin.post(url, {"aktion": "schluessel_widerrufen", "pk": str(token.pk)}).status_code == 302
    )
    assert find_token(secret) is None
    assert admin.post(url, {"aktion": "kalender_widerrufen"}).status_code == 302
    assert not Feed.objects.filter(user=editor, revoked__isnull=True).exists()
    assert admin.post(url, {"aktion": "kalender_widerrufen"}).status_code == 400
    changes = _changes(caplog)
    assert [(c["wer"], c["was"], c["benutzer"]) for c in changes if "benutzer" in c] == [
        ("verwalter", "API-Schlüssel widerrufen", "bearbeiter"),
        ("verwalter", "Kalenderadresse widerrufen", "bearbeiter"),
    ]


@pytest.mark.usefixtures("users")
def test_unlock_a_locked_account(caplog: pytest.LogCaptureFixture) -> None:
    for _ in range(5):
        Client().post("/anmelden/", {"username": "bearbeiter", "password": "falsch"})
    locked = Client().post("/anmelden/", {"username": "bearbeiter", "password": "geheim-123"})
    assert locked.status_code == 429
    caplog.set_level(logging.INFO, "vereinbarung.aenderungen")
    admin = login(Client(), "verwalter")
    page = admin.get("/benutzer/").content.decode()
    assert "entsperren" in page
    assert "Zurzeit ist kein Konto gesperrt" not in page
    assert (
        admin.post("/benutzer/", {"aktion": "entsperren", "username": "bearbeiter"}).status_code
        == 302
    )
    assert "Zurzeit ist kein Konto gesperrt" in admin.get("/benutzer/").content.decode()
    again = Client().post("/anmelden/", {"username": "bearbeiter", "password": "geheim-123"})
    assert again.status_code == 302
    assert _changes(caplog)[-1]["was"] == "Anmeldesperre aufgehoben"


def test_remove_second_factor(users: dict[str, Any]) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=users["bearbeiten"], name="App", confirmed=True)
    admin = login(Client(), "verwalter")
    url = f"/benutzer/{users['bearbeiten'].pk}/"
    assert "Zweiten Faktor entfernen" in admin.get(url).content.decode()
    assert admin.post(url, {"aktion": "totp_entfernen"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=users["bearbeiten"]).exists()


def test_roles_in_fachbereiche(users: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    from django.contrib.auth import get_user_model

    from vereinbarung.web.accounts.roles import level
    from vereinbarung.web.rights.models import Fachbereich, Kommune, Membership

    adorf = Kommune.objects.create(name="Adorf")
    jugend = Fachbereich.objects.create(name="Jugend", kommune=adorf)
    soziales = Fachbereich.objects.create(name="Soziales")
    caplog.set_level(logging.INFO, "vereinbarung.aenderungen")
    admin = login(Client(), "verwalter")
    form = admin.get("/benutzer/neu/").content.decode()
    assert f'<option value="{jugend.pk}">Jugend (Adorf)</option>' in form
    made = admin.post("/benutzer/neu/", {"username": "jana", "role": "Bearbeiten",
                                         "fachbereich": str(jugend.pk), "password": GOOD})  # fmt: skip
    assert made.status_code == 302
    jana: Any = get_user_model().objects.get(username="jana")
    assert not jana.groups.exists()
    assert [str(m) for m in Membership.objects.filter(user=jana)] == ["Bearbeiten in Jugend"]
    refused = admin.post("/benutzer/neu/", {"username": "jon", "fachbereich": "999",
                                            "password": GOOD})  # fmt: skip
    assert "Fachbereich: »999« ist kein Fachbereich." in refused.content.decode()
    url = f"/benutzer/{jana.pk}/"
    given = admin.post(url, {"aktion": "fachbereich_geben", "fachbereich": str(soziales.pk),
                             "rolle": "Freigeben"})  # fmt: skip
    assert given.status_code == 302
    page = admin.get(url).content.decode()
    assert "Bearbeiten in Jugend (Adorf)" in page
    assert "Freigeben in Soziales" in page
    assert (
        "Bearbeiten in Jugend (Adorf), Freigeben in Soziales"
        in admin.get("/benutzer/").content.decode()
    )
    taken = Membership.objects.get(user=jana, fachbereich=jugend)
    assert admin.post(url, {"aktion": "fachbereich_nehmen", "pk": str(taken.pk)}).status_code == 302
    assert [str(m) for m in Membership.objects.filter(user=jana)] == ["Freigeben in Soziales"]
    bad = admin.post(url, {"aktion": "fachbereich_geben", "fachbereich": "", "rolle": "Chef"})
    assert bad.status_code == 400
    assert "»Chef« ist keine Rolle." in bad.content.decode()
    # the acting person keeps Verwalten: through a membership in all, the group may go, not both
    me = users["verwalten"]
    own = f"/benutzer/{me.pk}/"
    admin.post(own, {"aktion": "fachbereich_geben", "fachbereich": "", "rolle": "Verwalten"})
    assert admin.post(own, {"aktion": "rolle", "rolle": ""}).status_code == 302
    mine = Membership.objects.get(user=me)
    refused = admin.post(own, {"aktion": "fachbereich_nehmen", "pk": str(mine.pk)})
    assert "nicht selbst nehmen" in refused.content.decode()
    assert Membership.objects.filter(user=me).exists()
    assert level(get_user_model().objects.get(pk=me.pk)) == 4
    whats = [c["was"] for c in _changes(caplog) if c.get("benutzer") == "jana"]
    assert whats == ["Benutzer angelegt", "Rolle im Fachbereich gegeben",
                     "Rolle im Fachbereich genommen"]  # fmt: skip


def test_the_list_asks_the_database_a_fixed_number_of_times(
    users: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    from django.contrib.auth import get_user_model

    from vereinbarung.web.rights.models import Fachbereich, Membership

    jugend = Fachbereich.objects.create(name="Jugend")
    model: Any = get_user_model()
    for i in range(40):
        person = model.objects.create_user(f"person{i}")
        Membership.objects.create(user=person, fachbereich=jugend, role="Lesen")
    admin = login(Client(), "verwalter")
    with django_assert_max_num_queries(20):
        page = admin.get("/benutzer/").content.decode()
    assert page.count("Lesen in Jugend") == 40
    assert users["lesen"].username in page
