"""Browser test (issue 25): a yearly Wiedervorlage owned by one person goes to the deputy during
the owner's absence – on the deputy's start page, in both subscribed calendars, and in exactly
one reminder mail (``vereinbarung web remind`` against a real SMTP server, aiosmtpd); closed by
the deputy, the next year's one goes to the owner in one mail. By keyboard where a person types;
axe-core finds no WCAG 2.1 AA violation on the Wiedervorlagen page (empty, with errors, filled),
the start page with the box and »Mein Konto« at 1280 and 320 px, and nothing scrolls sideways at
320 px. The server is ``vereinbarung web`` as a user starts it, on its own data folder (the real
clock: the follow-up falls due today); screenshots with ``UPDATE_SCREENSHOTS=1`` into
``docs/screenshots/``."""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from .conftest import EXAMPLES
from .served import own_database
from .smtp import Mailbox, smtp_server
from .test_accessibility import _axe, _tab_to
from .test_browser import ARGS, CHROMIUM, _need, shots  # noqa: F401 (fixture)

pytestmark = pytest.mark.slow

PASSWORD = "Wiedervorlage-Test-2026"
SUBJECT = "Einwohnerzahlen für die Umlage anfordern"
TODAY = dt.datetime.now(ZoneInfo("Europe/Berlin")).date()


def _fmt(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "vereinbarung", "web", *args], env=env,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """``vereinbarung web`` on its own data folder with the examples and two Bearbeiter
    (»meier« owns, »schulz« deputises); its address and the environment of its commands."""
    _need(Path(CHROMIUM).exists(), "Chromium fehlt: apt-get install chromium")
    try:
        import playwright  # noqa: F401
    except ImportError:
        _need(False, "Playwright fehlt: pip install '.[test,web]'")
    shared = {**os.environ, "VEREINBARUNG_DATA": str(tmp_path_factory.mktemp("wv-daten")),
              "VEREINBARUNG_PASSWORD": PASSWORD}  # fmt: skip
    shared.pop("DJANGO_SETTINGS_MODULE", None)
    with own_database(shared) as env:
        yield from _serve(env)


def _serve(env: dict[str, str]) -> Iterator[tuple[str, dict[str, str]]]:
    for name in ("meier", "schulz"):
        _cli(env, "createuser", name, "--role", "bearbeiten")
    _cli(env, "import-files", str(EXAMPLES))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "vereinbarung", "web", "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)  # fmt: skip
    assert process.stdout is not None
    started = time.monotonic()
    output = []
    while time.monotonic() - started < 30:
        line = process.stdout.readline()
        output.append(line)
        if "Register bereit" in line or not line:
            break
    assert "Register bereit" in "".join(output), "".join(output)
    yield f"http://127.0.0.1:{port}", env
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(site: tuple[str, dict[str, str]]) -> Iterator[Any]:  # noqa: ARG001 (started first)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


def _login(browser: Any, url: str, name: str, width: int = 1280) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 860}, locale="de-DE",
                                  base_url=url)  # fmt: skip
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto("/anmelden/")
    # the user name field has the focus (autofocus): wait until it has – on a loaded machine the
    # page may report »load« first, and the keys would go elsewhere (CI: the login aborted)
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_username'")
    page.keyboard.type(name)
    assert page.input_value("#id_username") == name
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    assert page.input_value("#id_password") == PASSWORD
    with page.expect_navigation(url=re.compile(r"://[^/]+/$")):
        page.keyboard.press("Enter")
    return page


def _check(page: Any, shots: Path, name: str, found: dict[str, Any]) -> None:  # noqa: F811
    """axe-core at 1280 and 320 px (no sideways scrolling), a screenshot at each width."""
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 860})
        found[f"{name} ({width} px)"] = _axe(page)
        if width == 320:
            assert int(page.evaluate("document.documentElement.scrollWidth")) <= 320, name
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(shots / f"{name}{'-320' if width == 320 else ''}.png"),
                        full_page=True)  # fmt: skip
    page.set_viewport_size({"width": 1280, "height": 860})


def _subscribe(page: Any, address: str) -> str:
    """On »Mein Konto«: the e-mail address (no notice reminders), a calendar address."""
    page.goto("/konto/")
    page.fill("input[name=email]", address)
    page.click("form:has(input[name=email]) button[type=submit]")
    page.wait_for_url(re.compile(r"/konto/$"))
    page.click("button[value=kalender]")
    return str(page.inner_text("#kalenderadresse")).strip()


def _calendar(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return bytes(answer.read()).decode("utf-8").replace("\r\n ", "")


def _remind(env: dict[str, str], box: Mailbox, day: dt.date) -> str:
    smtp = {**env, "VEREINBARUNG_SMTP_HOST": "127.0.0.1", "VEREINBARUNG_SMTP_PORT": str(box.port)}
    return _cli(smtp, "remind", "--on", _fmt(day))


def test_yearly_followup_goes_to_the_deputy_during_the_absence(
    browser: Any,
    site: tuple[str, dict[str, str]],
    shots: Path,  # noqa: F811
) -> None:
    url, env = site
    found: dict[str, Any] = {}
    seen: list[dict[str, Any]] = []
    owner = _login(browser, url, "meier")
    assert owner.inner_text("#h-meine-wiedervorlagen") == "Meine Wiedervorlagen"
    _tab_to(owner, "main a[href='/wiedervorlagen/']", seen, limit=200)
    owner.keyboard.press("Enter")
    owner.wait_for_selector("h1:has-text('Wiedervorlagen')")
    _check(owner, shots, "wiedervorlagen", found)
    # by keyboard: a subject and a date that does not exist – refused, errors at the fields
    _tab_to(owner, "#id_betreff", seen, limit=200)
    owner.keyboard.type(SUBJECT)
    _tab_to(owner, "#id_faellig", seen)
    owner.keyboard.type("31.02.2027")
    owner.keyboard.press("Enter")
    owner.wait_for_selector("#fehlerliste")
    assert owner.get_attribute("#id_faellig", "aria-invalid") == "true"
    assert "ist kein Datum" in owner.inner_text("#fehler-faellig")
    _check(owner, shots, "wiedervorlagen-fehler", found)
    owner.fill("#id_faellig", "")
    owner.focus("#id_faellig")
    owner.keyboard.type(_fmt(TODAY))
    _tab_to(owner, "#id_wiederholung", seen)
    owner.select_option("#id_wiederholung", "jaehrlich")
    _tab_to(owner, "#id_vertretung", seen)
    owner.select_option("#id_vertretung", "schulz")
    _tab_to(owner, "section[aria-labelledby=h-neu] button[type=submit]", seen)
    owner.keyboard.press("Enter")
    owner.wait_for_selector(".erfolg:has-text('Wiedervorlage angelegt')")
    assert SUBJECT in owner.inner_text("#h-faellig + ul")
    # the absence, from yesterday for two weeks: today's item goes to the deputy
    _tab_to(owner, "#id_von", seen, limit=200)
    owner.keyboard.type(_fmt(TODAY - dt.timedelta(days=1)))
    _tab_to(owner, "#id_bis", seen)
    owner.keyboard.type(_fmt(TODAY + dt.timedelta(days=14)))
    owner.keyboard.press("Enter")
    owner.wait_for_selector(".erfolg:has-text('Abwesenheit von meier')")
    assert owner.inner_text("#h-faellig + p") == "Nichts fällig."
    assert "liegt während Ihrer Abwesenheit bei der Vertretung" in owner.inner_text("#h-alle + ul")
    _check(owner, shots, "wiedervorlagen-abwesend", found)
    owner_feed = _subscribe(owner, "meier@example.org")
    _check(owner, shots, "konto-abwesenheit", found)

    deputy = _login(browser, url, "schulz")
    box = deputy.inner_text("section.wiedervorlagen-box")
    assert SUBJECT in box
    assert "Vertretung für meier (abwesend)" in box
    _check(deputy, shots, "start-meine-wiedervorlagen", found)
    deputy_feed = _subscribe(deputy, "schulz@example.org")

    owner_ics, deputy_ics = _calendar(owner_feed), _calendar(deputy_feed)
    this_year = f"DTSTART;VALUE=DATE:{TODAY:%Y%m%d}"
    next_year = f"DTSTART;VALUE=DATE:{TODAY.replace(year=TODAY.year + 1):%Y%m%d}"
    assert f"Wiedervorlage: {SUBJECT}" in owner_ics
    assert f"Wiedervorlage: {SUBJECT}" in deputy_ics
    assert this_year in owner_ics
    assert next_year in owner_ics
    assert this_year in deputy_ics
    assert next_year not in deputy_ics  # the owner is back by then
    assert "Vertretung für meier (abwesend)" in deputy_ics

    with smtp_server() as mailbox:
        _remind(env, mailbox, TODAY)
        _remind(env, mailbox, TODAY)  # a second run sends nothing again
        mails = [(str(m["To"]), str(m["Subject"]).strip()) for m in mailbox.messages]
        assert [to for to, _ in mails] == ["schulz@example.org"]
        assert mails[0][1].startswith(f"Wiedervorlage {_fmt(TODAY)}: {SUBJECT} – ")
        assert "Vertretung für meier (abwesend)" in mailbox.messages[0].get_content()
        # the deputy closes it; next year's is the owner's again, one mail
        deputy.goto("/wiedervorlagen/")
        deputy.click("#h-faellig + ul button[value=erledigen]")
        deputy.wait_for_selector(".erfolg:has-text('nächste Wiedervorlage am')")
        assert "erledigt von schulz" in deputy.inner_text("#h-erledigt + ul")
        year = TODAY.replace(year=TODAY.year + 1) if (TODAY.month, TODAY.day) != (2, 29) else None
        if year is not None:
            _remind(env, mailbox, year)
            _remind(env, mailbox, year)
            assert [str(m["To"]) for m in mailbox.messages] == [
                "schulz@example.org", "meier@example.org"]  # fmt: skip
    assert {k: v for k, v in found.items() if v} == {}
