"""``vereinbarung web check-deploy`` as an operator runs it (a process with the service's
environment): a redirect loop, Secure cookies on plain http and a database file readable by
others end with exit code 1 and a German message; a Secure cookie that a running register
sends over http is found with ``--url``. Before issue 20 it said »in Ordnung« to all of them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .proxied import HOST, PASSWORD, Session, app, cli, environment, free_port

pytestmark = pytest.mark.slow

PRODUCTION = {"VEREINBARUNG_PRODUCTION": "1", "VEREINBARUNG_ALLOWED_HOSTS": HOST}
#: A settings module of one's own that asks for Secure cookies without HTTPS.
SECURE_ON_HTTP = "from vereinbarung.web.settings import *  # noqa\nCSRF_COOKIE_SECURE = True\n"


def _path(folder: Path) -> str:
    """PYTHONPATH with *folder* first (for a settings module of one's own)."""
    return os.pathsep.join(p for p in (str(folder), os.environ.get("PYTHONPATH")) if p)


def _check(data: Path, *args: str, **extra: str) -> tuple[int, str, str]:
    result = cli("web", "check-deploy", *args, env=environment(data, **extra))
    return result.returncode, result.stdout, result.stderr


def test_https_behind_nginx_with_the_default_proxy_is_in_order(tmp_path: Path) -> None:
    code, out, err = _check(tmp_path, **PRODUCTION, VEREINBARUNG_HTTPS="1")
    assert code == 0, err
    assert "Einstellungen für den Betrieb in Ordnung." in out


def test_https_without_a_trusted_proxy_is_a_redirect_loop(tmp_path: Path) -> None:
    code, _, err = _check(
        tmp_path, **PRODUCTION, VEREINBARUNG_HTTPS="1", VEREINBARUNG_TRUSTED_PROXY=""
    )
    assert code == 1
    assert "Fehler: Umleitungsschleife: VEREINBARUNG_HTTPS=1" in err
    assert "VEREINBARUNG_TRUSTED_PROXY auf die Adresse des Proxys setzen" in err
    assert "Die Einstellungen sind für den Betrieb nicht geeignet." in err
    assert "Traceback" not in err


def test_production_on_plain_http_is_allowed_with_a_note(tmp_path: Path) -> None:
    code, out, err = _check(tmp_path, **PRODUCTION)
    assert code == 0, err
    assert "Hinweis: Betrieb ohne HTTPS" in out
    assert "nicht als Secure markiert" in out


def test_secure_cookies_without_https_are_refused(tmp_path: Path) -> None:
    (tmp_path / "eigene_einstellungen.py").write_text(SECURE_ON_HTTP, encoding="utf-8")
    code, _, err = _check(
        tmp_path / "daten", **PRODUCTION, DJANGO_SETTINGS_MODULE="eigene_einstellungen",
        PYTHONPATH=_path(tmp_path),
    )  # fmt: skip
    assert code == 1
    assert "CSRF_COOKIE_SECURE verlangt sichere Cookies (Attribut Secure)" in err
    assert "niemand kann sich anmelden" in err


def test_a_database_file_readable_by_others_is_refused(tmp_path: Path) -> None:
    assert _check(tmp_path, **PRODUCTION)[0] == 0
    database = tmp_path / "register.sqlite3"
    database.chmod(0o644)
    code, _, err = _check(tmp_path, **PRODUCTION)
    assert code == 1
    assert f"Die Datei {database} ist für andere Benutzer zugänglich (Rechte 0644)" in err
    assert f"»chmod 600 {database}«" in err


def test_the_probe_finds_a_secure_cookie_over_http(tmp_path: Path) -> None:
    """The register (with settings that ask for it) sends a Secure cookie over http."""
    (tmp_path / "eigene_einstellungen.py").write_text(SECURE_ON_HTTP, encoding="utf-8")
    own = {**PRODUCTION, "DJANGO_SETTINGS_MODULE": "eigene_einstellungen", "PYTHONPATH": _path(tmp_path)}  # fmt: skip
    port = free_port()
    with app(tmp_path / "daten", port, **own):
        code, _, err = _check(tmp_path / "daten", "--url", f"http://{HOST}:{port}/", **own)
    assert code == 1
    assert (
        f"Das Cookie »csrftoken« kommt mit dem Attribut Secure über http (http://{HOST}:{port}/anmelden/)"
        in err
    )


def test_the_probe_of_an_address_that_does_not_answer(tmp_path: Path) -> None:
    code, _, err = _check(tmp_path, "--url", f"http://{HOST}:{free_port()}/", **PRODUCTION)
    assert code == 1
    assert f"http://{HOST}:" in err
    assert "ist nicht erreichbar" in err
    assert "Traceback" not in err


def test_production_on_plain_http_lets_people_log_in(tmp_path: Path) -> None:
    """``VEREINBARUNG_PRODUCTION=1`` without HTTPS: before issue 20 the cookies were Secure, the
    browser (here: http.cookiejar, with the same rule) kept them from the form, and the login
    ended in »Sitzung abgelaufen« (403)."""
    data = tmp_path / "daten"
    created = cli("web", "createuser", "pruefer", "--role", "lesen", "--password", PASSWORD,
                  env=environment(data, **PRODUCTION))  # fmt: skip
    assert created.returncode == 0, created.stderr
    port = free_port()
    with app(data, port, **PRODUCTION):
        person = Session(f"http://{HOST}:{port}")
        status, url, page = person.login("pruefer", PASSWORD)
    assert status == 200, page[:1000]
    assert url == f"http://{HOST}:{port}/"
    assert "Abmelden" in page
    assert {c.name: c.secure for c in person.jar} == {"csrftoken": False, "sessionid": False}
