"""Directory logins and user administration in a real browser (issue 26).

One ``vereinbarung web`` process with the LDAP login (a throwaway slapd) and OpenID Connect
(node-oidc-provider) switched on by the environment variables of the README, both servers started
here (tests/web/directory_servers.py); Debian's chromium through Playwright:

- OpenID Connect: »Mit Kreis-Login anmelden« → the provider's login and consent → back, logged in
  with the role of the groups claim; an account in no mapped group is refused with the reason;
- LDAP: the login form with the directory password;
- a local Verwalten user sets up TOTP (code computed as in test_totp), creates a user by keyboard
  only and revokes another's API key; axe-core 0 violations on the pages at 1280 and 320 px, no
  sideways scrolling; screenshots with ``UPDATE_SCREENSHOTS=1`` into ``docs/screenshots/``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import EXAMPLES
from .directory_servers import PASSWORD, oidc_provider, slapd
from .served import environment, free_port, run_script, wait_until_listening
from .test_accessibility import WCAG_AA
from .test_browser import ARGS, CHROMIUM, _need, shots  # noqa: F401 (fixture)
from .test_totp import totp

pytestmark = pytest.mark.slow

SETUP = r"""
from vereinbarung.web.command import setup
setup()
from vereinbarung.web.accounts.roles import BEARBEITEN, VERWALTEN, create_user
from vereinbarung.web.api.tokens import create_token
create_user("amt-admin", "Amt-Admin-Passwort-1", VERWALTEN)
kasse = create_user("kasse", "Kasse-Passwort-123", BEARBEITEN)
create_token(kasse, "Kassenverfahren", "Lesen")
from pathlib import Path
from vereinbarung.web.register import services
from vereinbarung.web.rights.models import Fachbereich
text = Path(EXAMPLES, "interkommunaler-bauhof.yaml").read_text(encoding="utf-8")
for department in ("Jugend", "Soziales"):
    Fachbereich.objects.create(name=department)
    own = text.replace("\nparties:", f"\ndepartment: {department}\nparties:", 1)
    services.create(own.replace("title: ", f"title: Vereinbarung {department} – ", 1))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _need(Path(CHROMIUM).exists(), "Chromium fehlt: apt-get install chromium")
    folder = tmp_path_factory.mktemp("verzeichnis")
    port = free_port()
    with slapd(folder) as directory, \
         oidc_provider(folder, f"http://127.0.0.1:{port}/oidc/callback/") as issuer:  # fmt: skip
        env = environment(
            folder, **directory.settings_env(),
            VEREINBARUNG_OIDC_CLIENT_ID="vereinbarung",
            VEREINBARUNG_OIDC_CLIENT_SECRET="test-geheimnis-des-registers",
            VEREINBARUNG_OIDC_AUTHORIZATION_URL=f"{issuer}/auth",
            VEREINBARUNG_OIDC_TOKEN_URL=f"{issuer}/token",
            VEREINBARUNG_OIDC_USERINFO_URL=f"{issuer}/me",
            VEREINBARUNG_OIDC_JWKS_URL=f"{issuer}/jwks",
            VEREINBARUNG_OIDC_NAME="Kreis-Login",
            VEREINBARUNG_OIDC_GROUPS="register-bearbeiten -> Bearbeiten; register-lesen -> Lesen",
        )  # fmt: skip
        run_script(SETUP.replace("EXAMPLES", repr(str(EXAMPLES))), env)
        log = folder / f"server-{port}.log"
        command = [sys.executable, "-m", "vereinbarung", "web", "--host", "127.0.0.1",
                   "--port", str(port)]  # fmt: skip
        with log.open("wb") as out:
            process = subprocess.Popen(command, env=env, stdout=out, stderr=out)
        try:
            wait_until_listening(port, process, log, health=True)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser(site: str) -> Iterator[Any]:  # noqa: ARG001 (started first)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


def _page(browser: Any, site: str, width: int = 1280) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 860}, locale="de-DE",
                                  base_url=site)  # fmt: skip
    context.set_default_timeout(20_000)
    return context.new_page()


def _axe(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    results = Axe().run(page, options=WCAG_AA)
    return [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
            for v in results.response["violations"]]  # fmt: skip


def _sso(page: Any, login: str) -> None:
    page.goto("/anmelden/")
    page.click("#sso")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "beliebig")
    page.click("button[type=submit]")
    page.click("button[type=submit]")  # consent: »Continue«


def test_openid_connect_login(browser: Any, site: str, shots: Path) -> None:  # noqa: F811
    page = _page(browser, site)
    page.goto("/anmelden/")
    assert page.inner_text("#sso") == "Mit Kreis-Login anmelden"
    assert _axe(page) == []
    page.screenshot(path=str(shots / "anmelden-sso.png"))
    _sso(page, "olga")
    page.wait_for_url(f"{site}/")
    assert page.inner_text("header .nutzer a") == "olga (Bearbeiten)"
    page.goto("/konto/zweiter-faktor/")
    assert "Ihr Konto kommt aus dem Verzeichnis (OpenID Connect)" in page.inner_text("main")
    page.context.close()
    refused = _page(browser, site)
    _sso(refused, "paul")  # only in the canteen's group
    refused.wait_for_url(re.compile(r"/anmelden/\?sso=fehler"))
    assert (
        "Die Anmeldung über Kreis-Login ist fehlgeschlagen, oder Ihr Konto ist keiner Gruppe"
        in (refused.inner_text("main"))
    )
    refused.context.close()


def test_ldap_login_in_the_form(browser: Any, site: str) -> None:
    page = _page(browser, site)
    page.goto("/anmelden/")
    assert "Ihr Windows- bzw. Verzeichniskonto" in page.inner_text("main")
    page.fill("#id_username", "anna")
    page.fill("#id_password", PASSWORD)
    page.click("main form.schmal button[type=submit]")
    page.wait_for_url(f"{site}/")
    assert page.inner_text("header .nutzer a") == "anna (Bearbeiten)"
    # a member of the group for Bearbeiten in Jugend: Jugend's agreement, not Soziales'
    listing = page.inner_text("main")
    assert "Vereinbarung Jugend" in listing
    assert "Vereinbarung Soziales" not in listing
    page.click("text=Vereinbarung Jugend")
    assert page.locator("a[href$='/bearbeiten/']").count() >= 1
    page.context.close()


def _tab_to(page: Any, selector: str) -> None:
    """Press Tab until *selector* has the focus (at most 60 times)."""
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"{selector} per Tabulator nicht erreichbar")


def _check(page: Any, width: int) -> None:
    assert _axe(page) == [], page.url
    if width == 320:
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, page.url


def test_verwalten_creates_a_user_and_revokes_a_key(browser: Any, site: str, shots: Path) -> None:  # noqa: F811
    page = _page(browser, site)
    page.goto("/anmelden/")
    page.fill("#id_username", "amt-admin")
    page.fill("#id_password", "Amt-Admin-Passwort-1")
    page.click("main form.schmal button[type=submit]")
    page.wait_for_url(re.compile(r"/konto/zweiter-faktor/"))
    assert "ist ein zweiter Faktor Pflicht" in page.inner_text("main")
    _check(page, 1280)
    page.screenshot(path=str(shots / "zweiter-faktor-einrichten.png"), full_page=True)
    secret = page.inner_text("#totp-schluessel")
    page.set_viewport_size({"width": 320, "height": 700})
    _check(page, 320)
    page.screenshot(path=str(shots / "zweiter-faktor-einrichten-320.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 860})
    page.fill("#id_code", totp(secret, time.time()))
    page.click("button[value=bestaetigen]")
    page.wait_for_url(f"{site}/")
    assert "Zweiter Faktor eingerichtet." in page.inner_text("main")
    page.goto("/benutzer/")
    _check(page, 1280)
    page.screenshot(path=str(shots / "benutzer.png"), full_page=True)
    # keyboard only: to »Neuer Benutzer«, fill the form, submit
    _tab_to(page, "a[href='/benutzer/neu/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/benutzer/neu/$"))
    _tab_to(page, "#id_username")
    page.keyboard.type("EVA SCHMIDT")  # refused: blanks and capitals
    _tab_to(page, "#id_password")
    page.keyboard.type("kurz")
    page.keyboard.press("Enter")
    page.wait_for_selector("#fehlerliste")
    assert page.get_attribute("#id_username", "aria-invalid") == "true"
    assert "zu kurz" in page.inner_text("#fehler-password")
    _check(page, 1280)
    page.screenshot(path=str(shots / "benutzer-neu-fehler.png"), full_page=True)
    page.fill("#id_username", "")
    page.focus("#id_username")
    page.keyboard.type("eva.schmidt")
    page.keyboard.press("Tab")
    page.keyboard.type("Eva")
    page.keyboard.press("Tab")
    page.keyboard.type("Schmidt")
    page.keyboard.press("Tab")
    page.keyboard.type("eva.schmidt@kreis.test")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # Lesen
    page.keyboard.press("ArrowDown")  # Bearbeiten
    page.keyboard.press("Tab")  # Fachbereich: alle
    page.keyboard.press("Tab")
    page.keyboard.type("Fristen-im-Blick-2026")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/benutzer/\d+/$"))
    assert "Benutzer »eva.schmidt« angelegt." in page.inner_text("main")
    assert page.eval_on_selector("#id_rolle", "e => e.value") == "Bearbeiten"
    # another user's API key
    page.goto("/benutzer/")
    page.click("text=kasse")
    assert "Kassenverfahren" in page.inner_text("main")
    _check(page, 1280)
    page.screenshot(path=str(shots / "benutzer-person.png"), full_page=True)
    _tab_to(page, "button[value=schluessel_widerrufen]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=API-Schlüssel widerrufen.")
    assert "Kassenverfahren" not in page.inner_text("main")
    for path in ("/benutzer/", "/benutzer/neu/", page.url):
        narrow = page.context.new_page()
        narrow.set_viewport_size({"width": 320, "height": 700})
        narrow.goto(path)
        _check(narrow, 320)
        name = {"/benutzer/": "benutzer", "/benutzer/neu/": "benutzer-neu"}.get(
            path, "benutzer-person"
        )
        narrow.screenshot(path=str(shots / f"{name}-320.png"), full_page=True)
        narrow.close()
    page.context.close()
    # the next login asks for a code (the next 30-second step: each code counts once)
    again = _page(browser, site)
    again.goto("/benutzer/")
    again.fill("#id_username", "amt-admin")
    again.fill("#id_password", "Amt-Admin-Passwort-1")
    again.click("main form.schmal button[type=submit]")
    again.wait_for_url(re.compile(r"/anmelden/zweiter-faktor/\?next=%2Fbenutzer%2F$"))
    _check(again, 1280)
    again.fill("#id_code", "12345")
    again.keyboard.press("Enter")
    again.wait_for_selector("#fehlerliste")
    assert again.get_attribute("#id_code", "aria-invalid") == "true"
    again.set_viewport_size({"width": 320, "height": 700})
    _check(again, 320)
    again.screenshot(path=str(shots / "zweiter-faktor-code-320.png"), full_page=True)
    time.sleep(1.1)  # refused codes: django-otp waits a second before the next
    again.fill("#id_code", totp(secret, time.time() + 30))
    again.keyboard.press("Enter")
    again.wait_for_url(f"{site}/benutzer/")
    again.context.close()
