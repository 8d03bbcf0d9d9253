"""Smaller findings of issue 20 on the register's answers, log and files.

- Methods a page does not serve answer 405 with ``Allow`` (before: PUT and DELETE on pages that
  only show something answered 200, with a valid CSRF token).
- Every answer to a logged-in person or an API key carries ``Cache-Control: no-store``.
- The log of a running ``vereinbarung web``: each line once (before: twice, waitress'
  ``logging.basicConfig()`` beside Django's handler), a 403 without traceback, the secret of a
  calendar address masked.
- The SQLite file and the secret key are created 0600 (before: the database 0644), a new data
  folder 0700.
"""

from __future__ import annotations

import logging
import secrets
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from .conftest import login
from .proxied import HOST, PASSWORD, Session, app, cli, environment, free_port

READ_ONLY_PAGES = ["/", "/fristen.csv", "/fristenrechner", "/health", "/konto/", "/anmelden/"]
OTHER_METHODS = ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"]


@pytest.mark.usefixtures("users")
@pytest.mark.parametrize("method", OTHER_METHODS)
def test_other_methods_answer_405(client: Client, method: str) -> None:
    """Logged in, with the CSRF check passed (Django's test client skips it): still 405."""
    login(client, "leser")
    for page in READ_ONLY_PAGES:
        answer = client.generic(method, page)
        assert answer.status_code == 405, (method, page, answer.status_code)
        assert answer.headers["Allow"] in ("GET, HEAD", "GET, HEAD, POST"), page
        assert f"Die Methode {method} ist hier nicht erlaubt" in answer.content.decode()


def test_post_on_pages_that_only_show_answers_405(client: Client, users: dict[str, Any]) -> None:
    from vereinbarung.web.feeds import service

    _, secret = service.renew(users["lesen"])
    login(client, "leser")
    for page in ["/health", f"/kalender/{secret}.ics", "/fristenrechner", "/"]:
        answer = client.post(page)
        assert answer.status_code == 405, page
        assert answer.headers["Allow"] == "GET, HEAD"
    assert client.get(f"/kalender/{secret}.ics").status_code == 200
    assert client.delete(f"/kalender/{secret}.ics").status_code == 405


@pytest.mark.usefixtures("users")
def test_forms_still_post(client: Client) -> None:
    login(client, "leser")
    answer = client.post("/konto/", {"aktion": "unbekannt"})
    assert answer.status_code != 405
    assert Client().post("/anmelden/", {"username": "x", "password": "y"}).status_code == 200


@pytest.mark.django_db
def test_the_api_answers_for_its_own_methods(client: Client) -> None:
    assert client.put("/api/deadlines").status_code == 405
    assert client.get("/api/openapi.json").status_code == 200
    for page in ["/api/openapi.json", "/api/docs"]:  # django-ninja's own views took any method
        for method in ["PUT", "DELETE", "POST"]:
            assert client.generic(method, page).status_code == 405, (method, page)


@pytest.mark.usefixtures("examples")
def test_logged_in_pages_are_not_stored(client: Client, users: dict[str, Any]) -> None:
    from vereinbarung.web.api.tokens import create_token
    from vereinbarung.web.register.models import Agreement

    pk = Agreement.objects.order_by("pk").first().pk  # type: ignore[union-attr]
    login(client, "leser")
    for page in ["/", "/fristen.csv", f"/vereinbarung/{pk}/", "/konto/", "/fristenrechner"]:
        answer = client.get(page)
        assert answer.status_code == 200, page
        assert "no-store" in answer.headers["Cache-Control"], page
    _, key = create_token(users["lesen"], "Test", "Lesen")
    answer = Client().get("/api/agreements", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert answer.status_code == 200
    assert "no-store" in answer.headers["Cache-Control"]
    anonymous = Client().get("/fristenrechner")
    assert "no-store" not in anonymous.headers.get("Cache-Control", "")


def test_the_filters_mask_and_drop_tracebacks() -> None:
    from vereinbarung.web import logs

    secret = secrets.token_urlsafe(32)
    assert logs.mask(f"Not Found: /kalender/{secret}.ics?x=1") == (
        "Not Found: /kalender/[geheim].ics?x=1"
    )
    try:
        raise PermissionError(f"/kalender/{secret}.ics")
    except PermissionError:
        exc_info = sys.exc_info()
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1,
                               "Forbidden: %s", (f"/kalender/{secret}.ics",), exc_info)  # fmt: skip
    record.status_code = 500
    logs.NoTracebackForClientErrors().filter(record)
    logs.MaskSecrets().filter(record)
    assert secret not in logging.Formatter().format(record)
    assert "Traceback" in logging.Formatter().format(record)  # 5xx keeps its traceback
    record.status_code = 403
    logs.NoTracebackForClientErrors().filter(record)
    assert logging.Formatter().format(record) == "Forbidden: /kalender/[geheim].ics"


@pytest.mark.slow
def test_the_log_of_a_running_register(tmp_path: Path) -> None:
    """A 403 and a 404 on a calendar address that does not exist (any more): each line once,
    the 403 without traceback, the secret masked."""
    data = tmp_path / "daten"
    created = cli("web", "createuser", "leserin", "--role", "lesen", "--password", PASSWORD,
                  env=environment(data))  # fmt: skip
    assert created.returncode == 0, created.stderr
    secret = secrets.token_urlsafe(32)
    port = free_port()
    with app(data, port) as log:
        person = Session(f"http://{HOST}:{port}")
        assert person.login("leserin", PASSWORD)[0] == 200
        assert person.get("/vereinbarung/neu/")[0] == 403
        assert person.get(f"/kalender/{secret}.ics")[0] == 404
    text = log.read_text(encoding="utf-8")
    assert text.count("Forbidden (Permission denied): /vereinbarung/neu/") == 1, text
    assert text.count("Not Found: /kalender/[geheim].ics") == 1, text
    assert "Traceback" not in text
    assert secret not in text


@pytest.mark.slow
def test_data_files_are_for_the_service_only(tmp_path: Path) -> None:
    data = tmp_path / "neu" / "daten"
    created = cli("web", "createuser", "leserin", "--role", "lesen", "--password", PASSWORD,
                  env=environment(data))  # fmt: skip
    assert created.returncode == 0, created.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    files = sorted(p.name for p in data.iterdir() if p.is_file())
    assert "register.sqlite3" in files
    assert "secret_key" in files
    for name in files:
        assert stat.S_IMODE((data / name).stat().st_mode) == 0o600, name
