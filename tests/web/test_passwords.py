"""Password policy (Django's validators, AUTH_PASSWORD_VALIDATORS): ``web createuser`` refuses
a short, common, all-numeric or name-like password with a German message and exit 2, and
writes nothing; a good password is taken; the demo user ``demo``/``demo`` still works."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from vereinbarung.web.accounts.roles import level
from vereinbarung.web.command import load_demo

from .web_cli import run_web

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("a", "zu kurz. Es muss mindestens 12 Zeichen enthalten"),
        ("kurz-12345", "zu kurz"),
        ("password1234", "zu üblich"),
        ("4711081547110815", "komplett numerisch"),
        ("mueller-mueller", "zu ähnlich zu Benutzername"),
    ],
)
def test_createuser_refuses_a_weak_password(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, password: str, reason: str
) -> None:
    code, out, err = run_web(capsys, monkeypatch, "createuser", "mueller-mueller", "--role", "verwalten",
        "--password", password,
    )  # fmt: skip
    assert code == 2, out + err
    assert "Fehler: Passwort für »mueller-mueller« abgelehnt:" in err
    assert reason in err
    assert not get_user_model().objects.filter(username="mueller-mueller").exists()


def test_createuser_refuses_a_weak_new_password_of_an_existing_user(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good = "Stadtkasse-Neuss-2026"
    code, _, err = run_web(
        capsys, monkeypatch, "createuser", "kasse", "--role", "lesen", "--password", good
    )
    assert code == 0, err
    code, _, err = run_web(capsys, monkeypatch, "createuser", "kasse", "--role", "verwalten",
                       "--password", "123")  # fmt: skip
    assert code == 2
    assert "zu kurz" in err
    user = get_user_model().objects.get(username="kasse")
    assert user.check_password(good)
    assert level(user) == 1  # still Lesen


def test_createuser_takes_a_good_password(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run_web(capsys, monkeypatch, "createuser", "mueller", "--role", "bearbeiten",
        "--password", "Vergabestelle-Soest-7",
    )  # fmt: skip
    assert code == 0, err
    assert "Benutzer »mueller« mit der Rolle" in out
    assert get_user_model().objects.get(username="mueller").check_password("Vergabestelle-Soest-7")


def test_demo_user_keeps_its_password(client: Client) -> None:
    load_demo()
    response = client.post("/anmelden/", {"username": "demo", "password": "demo"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
