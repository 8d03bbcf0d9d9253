"""Login through LDAP against a real OpenLDAP server started here (issue 26, tests/web/
directory_servers.py): bind with the user's password, user found anywhere below the user base,
name and e-mail from the entry, groups → roles, leavers disabled at their next login, a
wrong password or an unmapped group refused; settings from the environment variables."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings

from .directory_servers import BASE, PASSWORD, Slapd, slapd

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Slapd]:
    with slapd(tmp_path_factory.mktemp("slapd")) as server:
        yield server


@pytest.fixture
def ldap_on(directory: Slapd) -> Iterator[Slapd]:
    from django.conf import settings

    from vereinbarung.web.directory.config import directory_settings

    switched = directory_settings(directory.settings_env())
    backends = [*settings.AUTHENTICATION_BACKENDS, *switched.backends]
    with override_settings(**switched.settings, AUTHENTICATION_BACKENDS=backends):
        yield directory


def _login(name: str, password: str = PASSWORD) -> tuple[Client, Any]:
    client = Client()
    return client, client.post("/anmelden/", {"username": name, "password": password})


def _user(name: str) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=name)


def _roles(name: str) -> list[str]:
    """The user's roles as »Rolle in Fachbereich« or »Rolle« (in all); no role group."""
    from vereinbarung.web.rights.models import Membership

    user = _user(name)
    assert not user.groups.exists()
    return sorted(str(m).replace(" in alle Fachbereiche", "")
                  for m in Membership.objects.filter(user=user))  # fmt: skip


@pytest.mark.usefixtures("ldap_on")
def test_member_of_a_mapped_group_logs_in_with_name_mail_and_role() -> None:
    from vereinbarung.web.directory.models import DirectoryAccount

    client, response = _login("anna")
    assert response.status_code == 302
    assert response["Location"] == "/"
    anna = _user("anna")
    assert (anna.first_name, anna.last_name, anna.email) == ("Anna", "Albers",
                                                             "anna.albers@kreis.test")  # fmt: skip
    assert not anna.has_usable_password()  # the password stays in the directory
    assert _roles("anna") == ["Bearbeiten in Jugend"]
    account = DirectoryAccount.objects.get(user=anna)
    assert account.source == "ldap"
    assert account.subject == f"uid=anna,ou=jugendamt,ou=people,{BASE}"
    assert f"cn=jugend-bearbeiten,ou=groups,{BASE}" in account.groups
    assert client.get("/vereinbarung/neu/").status_code == 200  # Bearbeiten
    # a Verwalten member of the directory is not asked for the register's second factor
    admin, response = _login("bert")
    assert response.status_code == 302
    assert admin.get("/benutzer/").status_code == 200
    assert "LDAP/Active Directory" in admin.get(f"/benutzer/{anna.pk}/").content.decode()


def test_attributes_and_groups_follow_the_directory(ldap_on: Slapd) -> None:
    _login("anna")
    ldap_on.ldap("ldapmodify", f"dn: uid=anna,ou=jugendamt,ou=people,{BASE}\nchangetype: modify\n"
                 "replace: mail\nmail: a.albers@kreis.test\n")  # fmt: skip
    ldap_on.ldap("ldapmodify", f"dn: cn=register-admins,ou=groups,{BASE}\nchangetype: modify\n"
                 f"add: uniqueMember\nuniqueMember: uid=anna,ou=jugendamt,ou=people,{BASE}\n")  # fmt: skip
    try:
        _login("anna")
        anna = _user("anna")
        assert anna.email == "a.albers@kreis.test"
        assert _roles("anna") == ["Bearbeiten in Jugend", "Verwalten"]
    finally:
        ldap_on.ldap("ldapmodify", f"dn: cn=register-admins,ou=groups,{BASE}\nchangetype: modify\n"
                     f"delete: uniqueMember\nuniqueMember: uid=anna,ou=jugendamt,ou=people,{BASE}\n")  # fmt: skip
    _login("anna")
    assert _roles("anna") == ["Bearbeiten in Jugend"]


@pytest.mark.usefixtures("ldap_on")
def test_wrong_password_and_unmapped_groups_are_refused() -> None:
    from django.contrib.auth import get_user_model

    _, response = _login("anna", "falsch")
    assert response.status_code == 200
    assert "Benutzername oder Passwort ist falsch" in response.content.decode()
    _, response = _login("niemand")
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="niemand").exists()
    client, response = _login("carl")  # only in the canteen's group
    assert response.status_code == 200
    assert "keiner Gruppe des Registers zugeordnet" in response.content.decode()
    assert not _user("carl").is_active
    assert client.get("/").status_code == 302  # not logged in
    # an injected filter is a name like any other
    _, response = _login("*)(uid=*")
    assert response.status_code == 200


def test_leavers_are_disabled_at_their_next_login(
    ldap_on: Slapd, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, "vereinbarung.aenderungen")
    for name in ("dora", "ernst"):
        assert _login(name)[1].status_code == 302
        assert _user(name).is_active
    # dora leaves the register's group, ernst the authority
    ldap_on.ldap("ldapmodify", f"dn: cn=register-lesen,ou=groups,{BASE}\nchangetype: modify\n"
                 f"delete: member\nmember: uid=dora,ou=people,{BASE}\n")  # fmt: skip
    ldap_on.ldap("ldapdelete", "", f"uid=ernst,ou=people,{BASE}")
    for name in ("dora", "ernst"):
        assert _login(name)[1].status_code == 200
        assert not _user(name).is_active
    changes = [json.loads(r.getMessage()) for r in caplog.records
               if r.name == "vereinbarung.aenderungen"]  # fmt: skip
    assert {"wer": "Verzeichnis", "was": "Konto deaktiviert (in keiner Gruppe des Registers)",
            "benutzer": "dora"}.items() <= changes[-2].items()  # fmt: skip
    assert {"wer": "Verzeichnis", "was": "Konto deaktiviert (im Verzeichnis nicht mehr vorhanden)",
            "benutzer": "ernst"}.items() <= changes[-1].items()  # fmt: skip


@pytest.mark.usefixtures("ldap_on")
def test_a_member_of_jugend_sees_and_edits_only_jugends_agreements() -> None:
    """The issue's case: the group mapped to Bearbeiten in Jugend; a Kündigung waits."""
    from vereinbarung.web.register import services
    from vereinbarung.web.rights.models import Fachbereich

    from .conftest import EXAMPLES

    Fachbereich.objects.create(name="Jugend")
    Fachbereich.objects.create(name="Soziales")
    text = (EXAMPLES / "interkommunaler-bauhof.yaml").read_text(encoding="utf-8")
    made = {}
    for department in ("Jugend", "Soziales"):
        own = text.replace("\nparties:", f"\ndepartment: {department}\nparties:", 1)
        own = own.replace("title: ", f"title: Vereinbarung {department} – ", 1)
        made[department] = services.create(own)
    client, response = _login("anna")
    assert response.status_code == 302
    listing = client.get("/").content.decode()
    assert "Vereinbarung Jugend" in listing
    assert "Vereinbarung Soziales" not in listing
    assert client.get(f"/vereinbarung/{made['Jugend'].pk}/bearbeiten/").status_code == 200
    assert client.get(f"/vereinbarung/{made['Soziales'].pk}/").status_code == 404
    # her Kündigung waits for a second person's Freigabe (bert, Verwalten from the directory)
    import vereinbarung
    from vereinbarung.web import clock
    from vereinbarung.web.rights.models import PendingAct

    record = made["Jugend"]
    parties = services.agreement_of(record).parties
    day = vereinbarung.format_date(clock.today())
    notice = {"typ": "notice", "by": parties[0].name, "form": "written", "aktion": "speichern",
              "version": str(record.version),
              **{f"zugang-{i}": day for i in range(1, len(parties))}}  # fmt: skip
    before = services.state_of(record, clock.today())
    with override_settings(RIGHTS_FOUR_EYES="kuendigung"):
        held = client.post(f"/vereinbarung/{record.pk}/ereignis/", notice, follow=True)
        assert "Zur Freigabe vorgelegt: Kündigung" in held.content.decode()
        record.refresh_from_db()
        assert services.state_of(record, clock.today()) == before
        assert record.version == 1
        act = PendingAct.objects.get(agreement=record)
        assert act.author_name == "anna"
        second, response = _login("bert")
        assert response.status_code == 302
        done = second.post(f"/vereinbarung/{record.pk}/freigabe/{act.pk}/",
                           {"aktion": "freigeben"}, follow=True)  # fmt: skip
        assert "Kündigung freigegeben und gespeichert." in done.content.decode()
    record.refresh_from_db()
    assert record.version == 2
    assert services.state_of(record, clock.today()) != before  # now the notice counts


@pytest.mark.usefixtures("ldap_on")
def test_a_local_account_of_the_same_name_is_taken_over() -> None:
    from vereinbarung.web.accounts.roles import VERWALTEN, create_user

    create_user("anna", "lokales-Passwort-1", VERWALTEN)
    assert _login("anna")[1].status_code == 302  # with the directory's password
    anna = _user("anna")
    assert not anna.has_usable_password()
    assert _roles("anna") == ["Bearbeiten in Jugend"]  # the group Verwalten is gone
    assert _login("anna", "lokales-Passwort-1")[1].status_code == 200


@pytest.mark.usefixtures("ldap_on")
def test_disabled_in_the_register_stays_disabled() -> None:
    from vereinbarung.web.directory.models import DirectoryAccount

    assert _login("bert")[1].status_code == 302
    DirectoryAccount.objects.filter(user=_user("bert")).update(disabled_here=True)
    assert _login("bert")[1].status_code == 200
    assert not _user("bert").is_active


def test_settings_from_the_environment_and_their_errors() -> None:
    from vereinbarung.web.directory.config import ConfigError, directory_settings

    env = {
        "VEREINBARUNG_LDAP_URL": "ldaps://dc1.kreis.local, ldaps://dc2.kreis.local",
        "VEREINBARUNG_LDAP_USER_BASE": "OU=Personen,DC=kreis,DC=local",
        "VEREINBARUNG_LDAP_USER_ATTRIBUTE": "sAMAccountName",
        "VEREINBARUNG_LDAP_USER_CLASS": "user",
        "VEREINBARUNG_LDAP_GROUPS": "CN=Register,OU=Gruppen,DC=kreis,DC=local -> verwalten",
    }
    made = directory_settings(env)
    assert made.settings["LDAP_AUTH_URL"] == ["ldaps://dc1.kreis.local", "ldaps://dc2.kreis.local"]
    assert made.settings["LDAP_AUTH_USER_FIELDS"]["username"] == "sAMAccountName"
    assert made.backends == ["vereinbarung.web.directory.ldap.DirectoryBackend"]
    assert directory_settings({}).backends == []
    from vereinbarung.web.directory.config import GRANTABLE
    from vereinbarung.web.rights.models import ROLE_NAMES

    assert GRANTABLE == ROLE_NAMES  # settings cannot import the models: the same names twice
    starttls = {**env, "VEREINBARUNG_LDAP_URL": "ldap://dc1.kreis.local",
                "VEREINBARUNG_LDAP_STARTTLS": "1"}  # fmt: skip
    assert directory_settings(starttls).settings["LDAP_AUTH_USE_TLS"] is True
    for change, message in [
        (
            {"VEREINBARUNG_LDAP_URL": "dc1.kreis.local"},
            "»dc1.kreis.local« beginnt nicht mit ldap://",
        ),
        ({"VEREINBARUNG_LDAP_URL": "ldap://dc1.kreis.local"}, "schickte die Passwörter unverschl"),
        ({"VEREINBARUNG_LDAP_USER_BASE": ""}, "VEREINBARUNG_LDAP_USER_BASE fehlt"),
        ({"VEREINBARUNG_LDAP_CA_FILE": "/fehlt/ca.pem"}, "»/fehlt/ca.pem« ist keine Datei"),
        ({"VEREINBARUNG_LDAP_GROUPS": ""}, "VEREINBARUNG_LDAP_GROUPS fehlt"),
        ({"VEREINBARUNG_LDAP_GROUPS": "CN=x -> Chef"}, "»Chef« ist keine Rolle"),
        ({"VEREINBARUNG_LDAP_GROUPS": "CN=x Verwalten"}, "hat nicht die Form »Gruppe -> Rolle«"),
    ]:
        with pytest.raises(ConfigError, match=message):
            directory_settings({**env, **change})


def test_openid_connect_settings_and_names() -> None:
    from django.contrib.auth import get_user_model

    from vereinbarung.web.directory.config import ConfigError, directory_settings
    from vereinbarung.web.directory.oidc import free_username

    env = {f"VEREINBARUNG_OIDC_{k}": f"https://sso.kreis.example/{k.lower()}"
           for k in ("AUTHORIZATION_URL", "TOKEN_URL", "USERINFO_URL", "JWKS_URL")}  # fmt: skip
    env |= {"VEREINBARUNG_OIDC_CLIENT_ID": "register", "VEREINBARUNG_OIDC_CLIENT_SECRET": "s",
            "VEREINBARUNG_OIDC_GROUPS": "register-admins -> Verwalten"}  # fmt: skip
    made = directory_settings(env)
    assert made.settings["OIDC_OP_TOKEN_ENDPOINT"] == "https://sso.kreis.example/token_url"
    assert made.settings["OIDC_RP_SIGN_ALGO"] == "RS256"
    assert made.backends == ["vereinbarung.web.directory.oidc.DirectoryOIDCBackend"]
    with pytest.raises(ConfigError, match="VEREINBARUNG_OIDC_TOKEN_URL fehlt"):
        directory_settings({**env, "VEREINBARUNG_OIDC_TOKEN_URL": ""})
    with pytest.raises(ConfigError, match=r"»sso\.kreis\.example« ist keine http"):
        directory_settings({**env, "VEREINBARUNG_OIDC_JWKS_URL": "sso.kreis.example"})
    # a local account keeps its name; the person from the provider gets another
    model: Any = get_user_model()
    model.objects.create_user("olga")
    assert free_username("olga") == "olga-sso"
    assert free_username("Ölga Ott") == "ÖlgaOtt"


def test_a_bad_setting_stops_the_server_with_a_german_message(tmp_path: Path) -> None:
    from .proxied import cli, environment

    result = cli("web", "check-deploy", env=environment(
        tmp_path, VEREINBARUNG_LDAP_URL="ldaps://dc1.kreis.local",
        VEREINBARUNG_LDAP_USER_BASE="OU=Personen,DC=kreis,DC=local",
        VEREINBARUNG_LDAP_GROUPS="CN=Register,OU=Gruppen,DC=kreis,DC=local = Verwalten",
    ))  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "VEREINBARUNG_LDAP_GROUPS: »CN=Register,OU=Gruppen,DC=kreis,DC=local = Verwalten« hat " \
        "nicht die Form »Gruppe -> Rolle«" in result.stderr  # fmt: skip


def test_ldaps_checks_the_servers_certificate(directory: Slapd) -> None:
    from django.conf import settings

    from vereinbarung.web.directory.config import directory_settings

    def over_tls(**extra: str) -> Any:
        env = {**directory.settings_env(), "VEREINBARUNG_LDAP_URL": directory.tls_url, **extra}
        switched = directory_settings(env)
        backends = [*settings.AUTHENTICATION_BACKENDS, *switched.backends]
        return override_settings(**switched.settings, AUTHENTICATION_BACKENDS=backends)

    with over_tls(VEREINBARUNG_LDAP_CA_FILE=str(directory.ca)):
        assert _login("bert")[1].status_code == 302
    # the right authority, but the certificate is for 127.0.0.1, not for »localhost«
    other_name = directory.tls_url.replace("127.0.0.1", "localhost")
    with over_tls(VEREINBARUNG_LDAP_CA_FILE=str(directory.ca), VEREINBARUNG_LDAP_URL=other_name):
        assert _login("bert")[1].status_code == 200
    # a certificate no trusted authority signed (a man in the middle): no password is sent
    with over_tls():
        assert _login("anna")[1].status_code == 200
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username="anna").exists()
