"""Browser tests: Playwright drives Debian's chromium against ``vereinbarung web --demo``.

The server runs as a user would start it (a subprocess on a free port); no browser is ever
downloaded (``executable_path=/usr/bin/chromium``). Without chromium the tests are skipped with
a German reason; with ``VEREINBARUNG_BROWSER_TESTS=required`` (CI) they fail instead.
Screenshots of each main page go to a temporary folder, with ``UPDATE_SCREENSHOTS=1`` to
``docs/screenshots/`` (shown in the README).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import vereinbarung

from .conftest import EXAMPLES, ROOT

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
REQUIRED = os.environ.get("VEREINBARUNG_BROWSER_TESTS") == "required"


def _need(condition: bool, reason: str) -> None:
    if condition:
        return
    if REQUIRED:
        pytest.fail(reason)
    pytest.skip(reason)


pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``vereinbarung web --demo`` on a free port; its address."""
    _need(Path(CHROMIUM).exists(), "Chromium fehlt: apt-get install chromium")
    try:
        import playwright  # noqa: F401
    except ImportError:
        _need(False, "Playwright fehlt: pip install '.[test,web]'")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "VEREINBARUNG_DATA": str(tmp_path_factory.mktemp("daten"))}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [sys.executable, "-m", "vereinbarung", "web", "--demo", "--port", str(port)]
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # fmt: skip
    assert process.stdout is not None
    output = []
    while True:
        line = process.stdout.readline()
        output.append(line)
        if "Register bereit" in line or not line:
            break
    assert "Register bereit" in "".join(output), "".join(output)
    assert time.monotonic() - started < 20, "vereinbarung web --demo braucht über 20 s"
    assert "demo" in "".join(output)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("UPDATE_SCREENSHOTS"):
        folder = ROOT / "docs" / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(
            viewport={"width": 1280, "height": 860}, locale="de-DE", accept_downloads=True,
            base_url=server,
        )  # fmt: skip
        context.set_default_timeout(20_000)
        yield context.new_page()
        browser.close()


def _shot(page: Any, shots: Path, name: str) -> None:
    page.evaluate("window.scrollTo(0, 0)")  # the page as it opens, not where the last field was
    page.screenshot(path=str(shots / f"{name}.png"))


def _notice_form(page: Any, by: str, form: str) -> None:
    """The Ereignis page filled in for a notice by *by* in *form*, received today by the other."""
    page.click("text=Ereignis erfassen")
    page.select_option("#id_typ", "notice")
    page.click("text=Felder anzeigen")
    page.select_option("#id_by", by)
    page.select_option("#id_form", form)
    page.fill("#id_zugang-1", vereinbarung.format_date(dt.date.today()))


def _logged_in(page: Any) -> None:
    """Log in as demo unless the module's earlier tests did (so each test also runs alone)."""
    page.goto("/")
    if "/anmelden/" in page.url:
        page.fill("#id_username", "demo")
        page.fill("#id_password", "demo")
        page.click("button[type=submit] >> text=Anmelden")
        page.wait_for_url(re.compile(r"/$"))


def test_login_and_start_page(page: Any, shots: Path) -> None:
    page.goto("/")
    assert "/anmelden/" in page.url
    _shot(page, shots, "anmeldung")
    page.fill("#id_username", "demo")
    page.fill("#id_password", "demo")
    page.click("button[type=submit] >> text=Anmelden")
    page.wait_for_url(re.compile(r"/$"))
    text = page.inner_text("#tabelle")
    today = dt.date.today()
    rows = vereinbarung.deadline_rows(vereinbarung.find_agreement_files([EXAMPLES]), today)
    for row in rows:
        assert row.state is not None
        if row.state.notice_deadline is not None:
            assert vereinbarung.format_date(row.state.notice_deadline) in text
    assert len(page.locator("#tabelle tbody tr").all()) == len(rows)
    _shot(page, shots, "fristen")


def test_agreement_page_and_download(page: Any, shots: Path) -> None:
    _logged_in(page)
    page.goto("/?q=Kinderschutz")
    page.click("#tabelle a >> text=Kooperationsvereinbarung")
    page.wait_for_selector("h2:has-text('Herleitung')")
    assert "Zugang spätestens" in page.inner_text("ol.herleitung")
    _shot(page, shots, "vereinbarung")
    with page.expect_download() as info:
        page.click("text=Vereinbarung (.docx)")
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    assert Path(download.path()).read_bytes()[:2] == b"PK"
    # the Kündigung of one party to one recipient (a letter of its own)
    with page.expect_download() as info:
        page.locator("ul.dokumente li", has_text="Kündigung durch").first.locator(
            "a", has_text=re.compile(r"^an ")
        ).first.click()
    assert info.value.suggested_filename.endswith(".docx")
    if shutil.which("soffice") or shutil.which("libreoffice"):
        with page.expect_download(timeout=120_000) as info:
            page.locator("ul.dokumente li", has_text="Steckbrief").locator(
                "a", has_text="PDF"
            ).first.click()
        assert info.value.suggested_filename.endswith(".pdf")
        assert Path(info.value.path()).read_bytes()[:5] == b"%PDF-"


def test_mark_for_reminders_and_see_it_on_konto(page: Any, shots: Path, server: str) -> None:
    _logged_in(page)
    page.goto("/?q=Bauhof")
    page.click("#tabelle a >> text=Bauhöfe")
    page.wait_for_selector("h2:has-text('Herleitung')")
    title = page.inner_text("h1")
    url = page.url
    page.click("#markierung button >> text=Für Erinnerungen markieren")  # htmx swaps the form
    page.wait_for_selector("#markierung button >> text=Markierung entfernen")
    assert "Für Erinnerungen markiert" in page.inner_text("#markierung")
    _shot(page, shots, "markiert")
    page.click("header a[href='/konto/']")
    page.wait_for_selector("h1:has-text('Mein Konto')")
    marked = page.locator("h3:has-text('Markierte Vereinbarungen') + ul").inner_text()
    assert "Bauhöfe" in marked
    assert "keine" not in marked
    # without JavaScript: the form posts, the browser comes back to the page with a message
    plain = page.context.browser.new_context(base_url=server, java_script_enabled=False)
    plain.add_cookies(page.context.cookies())
    other = plain.new_page()
    other.goto(url)
    assert other.inner_text("h1") == title
    other.click("#markierung button >> text=Markierung entfernen")
    other.wait_for_selector("text=Markierung entfernt.")
    assert other.url == url
    assert "Für Erinnerungen markieren" in other.inner_text("#markierung")
    plain.close()
    page.goto("/konto/")
    marked = page.locator("h3:has-text('Markierte Vereinbarungen') + ul").inner_text()
    assert "Bauhöfe" not in marked
    # the options of »Markieren« can be told apart: title (or Kurzname) and the parties
    options = page.locator("select.konto-markieren option").all_inner_texts()
    assert len(set(options)) == len(options)
    assert all(" – " in option for option in options)
    _shot(page, shots, "konto")


def test_create_with_the_form_and_record_a_notice(page: Any, shots: Path) -> None:
    _logged_in(page)
    page.goto("/vereinbarung/neu/")
    page.fill("#id_titel", "Kooperationsvereinbarung Browsertest")
    page.fill("#id_short_name", "Browsertest")
    page.fill("#id_department", "FB 51 Jugend")
    for i, (name, person, office) in enumerate(
        [("Stadt Aheim", "Anna Aust", "Bürgermeisterin"), ("Stadt Beheim", "Bernd Busch", "Bürgermeister")]
    ):  # fmt: skip
        page.fill(f"input[name=partei-{i}-name]", name)
        page.fill(f"input[name=partei-{i}-vertreter]", person)
        page.fill(f"input[name=partei-{i}-amt]", office)
    page.fill("#id_inkrafttreten", "01.01.2024")
    page.fill("#id_laufzeitende", "31.12.2030")
    page.fill("#id_verlaengerung", "2 Jahre")
    page.fill("#id_kuendigungsfrist", "6 Monate")
    page.fill("#id_paragraph-0-ueberschrift", "Gegenstand")
    page.fill("#id_paragraph-0-text", "Die Städte arbeiten zusammen.")
    page.fill("#id_kosten-zusammenfassung", "Die Kosten tragen beide Städte zu gleichen Teilen.")
    page.select_option("#id_kosten-schluessel", "equal")
    page.fill("#id_kosten-betrag", "10.000,00")
    page.fill("#id_kosten-empfaenger", "Stadt Aheim")
    _shot(page, shots, "neu")
    page.click("button >> text=Speichern")
    page.wait_for_selector("text=Gespeichert als Version 1")
    assert "in Kraft" in page.inner_text("h2 >> nth=0")
    assert "Umlageberechnung an Stadt Beheim" in page.inner_text("ul.dokumente")
    # a notice by e-mail is recorded (it happened) but has no effect: a warning, not a success
    _notice_form(page, "Stadt Aheim", "email")
    page.click("button >> text=Eintragen")
    page.wait_for_selector(".hinweis >> text=Ereignis eingetragen, aber ohne Wirkung")
    assert "E-Mail" in page.inner_text(".hinweis >> nth=0")
    assert "in Kraft" in page.inner_text("h2 >> nth=0")
    # 30.06.2030 is a Sunday: the card names the day that is not a working day, not Friday
    assert "der 30.06.2030 ist ein Sonntag" in page.inner_text(".karte >> nth=1")
    _shot(page, shots, "ereignis-ohne-wirkung")
    # record a notice: preview first (htmx), then save
    _notice_form(page, "Stadt Aheim", "written")
    page.click("text=Vorschau: was bewirkt das Ereignis?")
    page.wait_for_selector("#wirkung")
    assert "Kündigung wirkt zum 31.12.2030" in page.inner_text("#wirkung")
    _shot(page, shots, "ereignis")
    page.click("button >> text=Eintragen")
    page.wait_for_selector("text=Ereignis eingetragen")
    assert "gekündigt" in page.inner_text("h2 >> nth=0")


def test_import_a_docx(page: Any, shots: Path, tmp_path: Path) -> None:
    _logged_in(page)
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Kooperationsvereinbarung", 1)
    document.add_paragraph(
        "zwischen der Stadt Dormagen, vertreten durch den Bürgermeister Erik Lierenfeld, und "
        "der Stadt Neuss, vertreten durch den Bürgermeister Reiner Breuer"
    )
    document.add_heading("§ 1 Laufzeit", 2)
    document.add_paragraph(
        "Diese Vereinbarung tritt am 01.01.2025 in Kraft und endet am 31.12.2027. Sie kann mit "
        "einer Frist von sechs Monaten zum Laufzeitende gekündigt werden."
    )
    source = tmp_path / "vertrag.docx"
    document.save(str(source))
    page.goto("/importieren/")
    page.set_input_files("#id_datei", str(source))
    page.click("button >> text=Lesen")
    page.wait_for_selector("text=Gelesene Werte und ihre Fundstellen")
    assert "Dormagen" in page.input_value("#id_text")
    # each value beside the sentence it was read from
    row = page.locator("table.fundstellen tr:has(td:first-child:text-is('Laufzeitende'))")
    assert "term ›" not in page.inner_text("main")  # German labels, no field paths
    assert not page.is_visible("#id_text")  # the file text only for experts, collapsed
    assert "31.12.2027" in row.inner_text()
    assert "endet am 31.12.2027" in row.inner_text()
    _shot(page, shots, "importieren")
    page.click("button >> text=Speichern")
    page.wait_for_selector("text=Gespeichert als Version 1")


def test_calculator_by_url(page: Any, shots: Path) -> None:
    page.goto(
        "/fristenrechner?laufzeitende=31.12.2026&verlaengerung=2+Jahre"
        "&kuendigungsfrist=6+Monate&stichtag=01.12.2026"
    )
    assert page.inner_text("#ergebnis-zugang") == "30.06.2028"
    assert page.inner_text("#ergebnis-ende") == "31.12.2028"
    _shot(page, shots, "fristenrechner")


def test_anonymous_sees_the_calculator_only(page: Any, server: str) -> None:
    anonymous = page.context.browser.new_context(base_url=server).new_page()
    anonymous.goto("/fristenrechner")
    assert "Fristenrechner" in anonymous.inner_text("h1")
    anonymous.goto("/importieren/")
    assert "/anmelden/" in anonymous.url
    anonymous.context.close()
