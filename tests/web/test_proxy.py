"""The README's production set-up, run: nginx with TLS (the README's block, taken from README.md)
in front of ``vereinbarung web`` with ``VEREINBARUNG_PRODUCTION=1`` and ``VEREINBARUNG_HTTPS=1``.

Before issue 20, waitress trusted no proxy and dropped nginx's ``X-Forwarded-Proto``: every
address, ``/health`` included, answered 301 to itself for ever, and ``check-deploy`` said OK.
Here ``/health`` and the login page answer 200 through nginx, chromium logs in through it, and
``check-deploy --url`` finds the loop when the app is told to believe no proxy.
"""

from __future__ import annotations

import http.client
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .proxied import (
    HOST,
    PASSWORD,
    Session,
    adapted,
    app,
    cli,
    environment,
    free_port,
    need,
    need_nginx_and_openssl,
    nginx,
    readme_nginx_block,
    self_signed,
    tls_context,
)  # fmt: skip

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
PRODUCTION = {
    "VEREINBARUNG_PRODUCTION": "1",
    "VEREINBARUNG_HTTPS": "1",
    "VEREINBARUNG_ALLOWED_HOSTS": HOST,
}


@dataclass
class Proxied:
    """A running set-up: nginx's https and http address, the app's own, the certificate."""

    https: str
    http: str
    app: str
    cert: Path
    data: Path
    env: dict[str, str]


@contextmanager
def _set_up(folder: Path, drop: str = "", **extra: str) -> Iterator[Proxied]:
    """The app (with *extra* settings) and nginx with the README's block in front of it (without
    the line *drop*, for a proxy set up wrongly)."""
    need_nginx_and_openssl()
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = self_signed(folder)
    data = folder / "daten"
    env = environment(data, **PRODUCTION, **extra)
    created = cli(
        "web", "createuser", "pruefer", "--role", "lesen", "--password", PASSWORD, env=env
    )
    assert created.returncode == 0, created.stderr
    https, http, port = free_port(), free_port(), free_port()
    block = readme_nginx_block()
    if drop:
        assert drop in block
        block = block.replace(drop, "")
    servers = adapted(block, https=https, http=http, app=port, cert=cert, key=key)
    with app(data, port, **PRODUCTION, **extra), nginx(folder / "nginx", servers, https):
        yield Proxied(f"https://{HOST}:{https}", f"http://{HOST}:{http}", f"http://{HOST}:{port}",
                      cert, data, env)  # fmt: skip


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxied]:
    """The README's set-up as printed (the app believes nginx on 127.0.0.1 by default)."""
    with _set_up(tmp_path_factory.mktemp("proxy")) as running:
        yield running


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


def _get(base: str, path: str, cert: Path | None = None, headers: dict[str, str] | None = None) -> Answer:  # fmt: skip
    """One GET, redirects not followed."""
    host, port = base.split("//")[1].split(":")
    connection: http.client.HTTPConnection
    if cert is not None:
        connection = http.client.HTTPSConnection(host, int(port), context=tls_context(cert), timeout=30)  # fmt: skip
    else:
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        connection.close()


def test_health_and_login_page_answer_through_nginx(proxied: Proxied) -> None:
    health = _get(proxied.https, "/health", proxied.cert)
    assert health.status == 200, (health.status, health.header("Location"))
    assert json.loads(health.body)["status"] == "ok"
    login = _get(proxied.https, "/anmelden/", proxied.cert)
    assert login.status == 200, (login.status, login.header("Location"))
    assert "Strict-Transport-Security" in login.headers
    cookies = login.headers.get_all("Set-Cookie") or []
    assert any(c.startswith("csrftoken=") and "Secure" in c for c in cookies), cookies


def test_plain_http_is_sent_to_https_once(proxied: Proxied) -> None:
    """nginx's port 80 and the app itself (no proxy header) each redirect once, never to the
    address asked for; /health answers on the app's own port for a monitor."""
    through_nginx = _get(proxied.http, "/anmelden/?weiter=1")
    assert through_nginx.status == 301
    assert through_nginx.header("Location") == f"https://{HOST}/anmelden/?weiter=1"
    direct = _get(proxied.app, "/anmelden/")
    assert direct.status == 301
    assert direct.header("Location") == f"https://{proxied.app.split('//')[1]}/anmelden/"
    assert _get(proxied.app, "/health").status == 200
    # the proxy's header counts, from 127.0.0.1 (VEREINBARUNG_TRUSTED_PROXY's default)
    assert _get(proxied.app, "/anmelden/", headers={"X-Forwarded-Proto": "https"}).status == 200


def test_login_through_nginx(proxied: Proxied) -> None:
    person = Session(proxied.https, proxied.cert)
    status, url, page = person.login("pruefer", PASSWORD)
    assert status == 200, page[:2000]
    assert url == proxied.https + "/"
    assert "Abmelden" in page
    (session,) = [c for c in person.jar if c.name == "sessionid"]
    assert session.secure


def test_login_with_chromium_through_nginx(proxied: Proxied) -> None:
    need(Path(CHROMIUM).exists(), "Chromium fehlt: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "Playwright fehlt: pip install '.[test,web]'")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(
            base_url=proxied.https, ignore_https_errors=True, locale="de-DE"
        )
        context.set_default_timeout(30_000)
        page: Any = context.new_page()
        page.goto("/")
        assert page.url == proxied.https + "/anmelden/?next=/"
        page.fill("#id_username", "pruefer")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit] >> text=Anmelden")
        page.wait_for_url(re.compile(r"/$"))
        assert page.url == proxied.https + "/"
        assert "Fristen" in page.inner_text("h1")
        cookies = {c["name"]: c for c in context.cookies()}
        assert cookies["sessionid"]["secure"]
        browser.close()


def test_check_deploy_asks_the_running_register(proxied: Proxied) -> None:
    result = cli("web", "check-deploy", "--url", proxied.https + "/", "--cafile", str(proxied.cert),
                 env=proxied.env)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "antwortet richtig" in result.stdout


def test_an_app_that_believes_no_proxy_loops_and_check_deploy_says_so(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """What the issue found, with the proxy explicitly not believed: 301 to itself."""
    with _set_up(tmp_path_factory.mktemp("schleife"), VEREINBARUNG_TRUSTED_PROXY="") as loop:
        answer = _get(loop.https, "/anmelden/", loop.cert)
        assert answer.status == 301
        assert answer.header("Location") == loop.https + "/anmelden/"
        result = cli("web", "check-deploy", "--url", loop.https + "/", "--cafile", str(loop.cert),
                     env=loop.env)  # fmt: skip
        assert result.returncode == 1, result.stdout
        assert result.stderr.count("Umleitungsschleife") == 2, result.stderr  # settings and probe
        assert f"{loop.https}/anmelden/ antwortet 301" in result.stderr


def test_a_proxy_without_x_forwarded_proto_is_found_by_the_probe(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """nginx set up without the header: the settings are right, the running register loops."""
    drop = "proxy_set_header X-Forwarded-Proto https;"
    with _set_up(tmp_path_factory.mktemp("ohne-proto"), drop=drop) as loop:
        assert check_deploy_settings_only(loop.env) == 0
        result = cli("web", "check-deploy", "--url", loop.https + "/", "--cafile", str(loop.cert),
                     env=loop.env)  # fmt: skip
        assert result.returncode == 1, result.stdout
        assert result.stderr.count("Umleitungsschleife") == 1, result.stderr
        assert "Der Proxy muss »X-Forwarded-Proto: https« senden" in result.stderr


def check_deploy_settings_only(env: dict[str, str]) -> int:
    return cli("web", "check-deploy", env=env).returncode


def test_the_readme_block_is_run_as_printed() -> None:
    """Only the lines with the ports, the certificate and the server name differ."""
    block = readme_nginx_block()
    ran = adapted(block, https=1, http=2, app=3, cert=Path("/z.pem"), key=Path("/s.key"))
    changed = [(a, b) for a, b in zip(block.splitlines(), ran.splitlines(), strict=True) if a != b]
    assert [a.split()[0] for a, _ in changed] == [
        "listen", "server_name", "ssl_certificate", "ssl_certificate_key", "proxy_pass", "listen",
        "server_name",
    ]  # fmt: skip
    assert "X-Forwarded-Proto https" in block
