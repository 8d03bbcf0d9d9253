"""``vereinbarung web createuser --fachbereich`` and the second demo user (issue 26).

``--fachbereich NAME`` (repeatable) gives the role only in those Fachbereiche (memberships, no
group); without it the role holds in all (the group), and earlier memberships are gone. An
empty name is refused in German with exit code 2, nothing written. ``web --demo`` has
``demo`` (Bearbeiten) and ``freigabe`` (Freigeben), and its login page names both.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from vereinbarung.web.command import load_demo
from vereinbarung.web.rights.grants import grants_of
from vereinbarung.web.rights.models import Fachbereich, Kommune, Membership

from .web_cli import run_web

pytestmark = pytest.mark.django_db

GOOD = "Jugendamt-Adorf-2026"


def _memberships(name: str) -> set[tuple[str, str]]:
    return {
        (str(m.fachbereich), m.role)
        for m in Membership.objects.filter(user__username=name).select_related("fachbereich")
    }


def test_createuser_gives_the_role_per_fachbereich(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    adorf = Kommune.objects.create(name="Gemeinde Adorf")
    Fachbereich.objects.create(name="Jugend", kommune=adorf)
    code, out, err = run_web(capsys, monkeypatch, "createuser", "jung", "--role", "freigeben",
        "--fachbereich", "Jugend (Gemeinde Adorf)", "--fachbereich", "Soziales",
        "--password", GOOD)  # fmt: skip
    assert code == 0, err
    assert "Rolle Freigeben in »Jugend (Gemeinde Adorf)«, »Soziales« gespeichert" in out
    user: Any = get_user_model().objects.get(username="jung")
    assert not user.groups.exists()
    assert _memberships("jung") == {
        ("Jugend (Gemeinde Adorf)", "Freigeben"), ("Soziales", "Freigeben"),
    }  # fmt: skip
    assert grants_of(user).everywhere == 0
    # without --fachbereich: the role in all Fachbereiche, the memberships gone
    code, out, err = run_web(capsys, monkeypatch, "createuser", "jung", "--role", "lesen",
                             "--password", GOOD)  # fmt: skip
    assert code == 0, err
    user = get_user_model().objects.get(username="jung")
    assert list(user.groups.values_list("name", flat=True)) == ["Lesen"]
    assert _memberships("jung") == set()


def test_createuser_refuses_an_empty_fachbereich_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run_web(capsys, monkeypatch, "createuser", "jung", "--role", "bearbeiten",
                           "--fachbereich", " ", "--password", GOOD)  # fmt: skip
    assert code == 2
    assert "Fehler: --fachbereich » «: der Name ist leer." in err
    assert "Traceback" not in err
    assert not get_user_model().objects.filter(username="jung").exists()
    assert not Fachbereich.objects.exists()


def test_the_demo_has_a_second_user_with_freigeben_named_on_its_login_page(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_demo()
    freigabe = get_user_model().objects.get(username="freigabe")
    assert freigabe.check_password("freigabe")
    assert grants_of(freigabe).everywhere == 3  # Freigeben
    assert "demo-zugaenge" not in client.get("/anmelden/").content.decode()
    monkeypatch.setenv("VEREINBARUNG_DEMO", "1")
    page = client.get("/anmelden/").content.decode()
    assert (
        "Benutzer <strong>freigabe</strong>, Passwort <strong>freigabe</strong> (Rolle Freigeben)"
        in page
    )
    assert (
        "Benutzer <strong>demo</strong>, Passwort <strong>demo</strong> (Rolle Bearbeiten)" in page
    )
    response = client.post("/anmelden/", {"username": "freigabe", "password": "freigabe"})
    assert response.status_code == 302
    assert 'href="/freigaben/"' in client.get("/").content.decode()
