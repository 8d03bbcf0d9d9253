"""TOTP as second factor of local accounts (issue 26): a Verwalten account without one is sent
to set it up and sees nothing else until then; afterwards every login asks for a code. The
codes are computed here after RFC 6238 (HMAC-SHA1, 30 s, 6 digits), independently of django-otp.
Directory accounts are never asked (their directory does that); the page says so."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import time
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def totp(secret: str, at: float) -> str:
    """The RFC 6238 code of the base32 *secret* at the Unix time *at* (RFC 4226 section 5.3)."""
    text = secret.replace(" ", "")
    key = base64.b32decode(text + "=" * (-len(text) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def test_rfc_6238_reference_value() -> None:
    # RFC 6238 appendix B: key "12345678901234567890", T = 59 s → 94287082 (8 digits) → 287082
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp(secret, 59) == "287082"


def _password_login(name: str) -> Client:
    client = Client()
    response = client.post("/anmelden/", {"username": name, "password": "geheim-123"})
    assert response.status_code == 302
    return client


@pytest.mark.usefixtures("users")
def test_verwalten_sets_up_totp_and_is_asked_at_the_next_login() -> None:
    client = _password_login("verwalter")
    for path in ("/", "/benutzer/", "/konto/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/zweiter-faktor/?next=")
    page = client.get("/konto/zweiter-faktor/").content.decode()
    assert "Mit der Rolle Verwalten ist ein zweiter Faktor Pflicht" in page
    assert "<svg" in page
    assert "QR-Code für die Authenticator-App" in page
    assert "Konten aus dem Verzeichnis (LDAP, Single Sign-on) brauchen ihn hier nicht" in page
    found = re.search(r'<code id="totp-schluessel">([A-Z2-7 ]+)</code>', page)
    assert found
    secret = found.group(1)
    now = time.time()
    wrong = f"{(int(totp(secret, now)) + 1) % 1_000_000:06d}"
    refused = client.post("/konto/zweiter-faktor/", {"aktion": "bestaetigen", "code": wrong})
    assert refused.status_code == 400
    assert "Der Code stimmt nicht" in refused.content.decode()
    assert 'aria-invalid="true"' in refused.content.decode()
    time.sleep(1.1)  # django-otp refuses every code for a second after a wrong one
    done = client.post("/konto/zweiter-faktor/", {"aktion": "bestaetigen", "next": "/benutzer/",
                                                  "code": totp(secret, now)})  # fmt: skip
    assert done.status_code == 302
    assert done["Location"] == "/benutzer/"
    assert client.get("/benutzer/").status_code == 200
    # the next login: the code page, and nothing else before it
    second = _password_login("verwalter")
    response = second.get("/benutzer/")
    assert response.status_code == 302
    assert response["Location"] == "/anmelden/zweiter-faktor/?next=%2Fbenutzer%2F"
    assert second.get("/konto/zweiter-faktor/").status_code == 302  # no new device unverified
    reused = second.post("/anmelden/zweiter-faktor/", {"code": totp(secret, now)})
    assert reused.status_code == 400  # a code counts once
    time.sleep(1.1)
    ok = second.post("/anmelden/zweiter-faktor/", {"code": totp(secret, now + 30),
                                                   "next": "/benutzer/"})  # fmt: skip
    assert ok.status_code == 302
    assert ok["Location"] == "/benutzer/"
    assert second.get("/benutzer/").status_code == 200


@pytest.mark.usefixtures("users")
def test_outside_addresses_are_refused_as_next() -> None:
    client = _password_login("verwalter")
    page = client.get("/konto/zweiter-faktor/?next=https://example.org/").content.decode()
    assert 'name="next" value="/konto/"' in page


@pytest.mark.usefixtures("users")
def test_others_are_not_asked_and_directory_accounts_never() -> None:
    from vereinbarung.web.accounts.roles import VERWALTEN, create_user
    from vereinbarung.web.directory.models import LDAP, DirectoryAccount

    assert _password_login("bearbeiter").get("/").status_code == 200
    assert _password_login("leser").get("/konto/").status_code == 200
    person = create_user("dir-admin", "geheim-123", VERWALTEN)
    DirectoryAccount.objects.create(user=person, source=LDAP, subject="uid=dir-admin,dc=test")
    client = Client()
    client.force_login(person)
    assert client.get("/benutzer/").status_code == 200
    page = client.get("/konto/zweiter-faktor/").content.decode()
    assert "Ihr Konto kommt aus dem Verzeichnis (LDAP/Active Directory)" in page
    assert "<svg" not in page


@pytest.mark.usefixtures("users")
def test_optional_factor_of_a_bearbeiten_account_is_asked_for() -> None:
    client = _password_login("bearbeiter")
    page = client.get("/konto/zweiter-faktor/").content.decode()
    assert "Pflicht" not in page
    secret = re.search(r'<code id="totp-schluessel">([A-Z2-7 ]+)</code>', page)
    assert secret
    client.post("/konto/zweiter-faktor/", {"aktion": "bestaetigen",
                                           "code": totp(secret.group(1), time.time())})  # fmt: skip
    again = _password_login("bearbeiter")
    assert again.get("/").status_code == 302
    wrong = again.post("/anmelden/zweiter-faktor/", {"code": "000000"})
    assert "Der Code stimmt nicht" in wrong.content.decode()
    throttled = again.post("/anmelden/zweiter-faktor/", {"code": "000000"})
    assert throttled.status_code == 400
    assert "Zu viele falsche Codes: bitte eine Sekunde warten" in throttled.content.decode()


@pytest.mark.usefixtures("users")
def test_a_session_without_need_is_checked_once_and_again_for_a_new_role() -> None:
    """A Bearbeiter without a device is checked at the first request of the session only (no
    query after it: the start page under load, benchmarks/load_rights.py); made Verwalter, the
    next request asks for the second factor to be set up."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from vereinbarung.web.accounts.roles import VERWALTEN

    client = _password_login("bearbeiter")

    def device_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/konto/").status_code == 200
        return sum(1 for q in queries if "otp_totp_totpdevice" in q["sql"])

    assert device_queries() == 1
    assert device_queries() == 0
    person: Any = get_user_model().objects.get(username="bearbeiter")
    person.groups.add(Group.objects.get(name=VERWALTEN))
    response = client.get("/konto/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/zweiter-faktor/?next=")
