"""Browser test (issue 21): create a sender profile and download a Kündigung with it, by keyboard
only; axe-core finds no WCAG 2.1 AA violation on the new pages (list, form, form with errors,
letter page) at 1280 and 320 px, and nothing scrolls sideways at 320 px. Driven like
``test_browser.py`` (``vereinbarung web --demo``, Debian's chromium); screenshots with
``UPDATE_SCREENSHOTS=1`` into ``docs/screenshots/``."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from .keyboard import log_in
from .test_accessibility import _axe, _tab_to
from .test_browser import ARGS, CHROMIUM, server, shots  # noqa: F401 (fixtures of this module)

pytestmark = pytest.mark.slow

FIELDS = [
    ("bezeichnung", "Rechtsamt Rommerskirchen"), ("partei", "Gemeinde Romerskirchen"),
    ("dienststelle", "Rechtsamt"), ("aktenzeichen", "30.2-12/2026"),
    ("ansprechperson", "Anna Beispiel"), ("telefon", "02183 123-456"),
    ("email", "recht@rommerskirchen.example"), ("strasse", "Bahnstraße 51"), ("plz", "4156"),
    ("ort", "Rommerskirchen"), ("unterschrift1-zusatz", ""),
    ("unterschrift1-name", "Martin Mertens"), ("unterschrift1-amt", "Bürgermeister"),
    ("unterschrift2-zusatz", "In Vertretung"), ("unterschrift2-name", "Petra Muster"),
    ("unterschrift2-amt", "Allgemeine Vertreterin"),
]  # fmt: skip


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:  # noqa: ARG001, F811 (started first)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


def _page(browser: Any, server: str, width: int) -> Any:  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 860}, locale="de-DE",
                                  base_url=server, accept_downloads=True)  # fmt: skip
    context.set_default_timeout(20_000)
    return context.new_page()


def _check(page: Any, width: int, shots: Path, name: str, found: dict[str, Any]) -> None:  # noqa: F811
    """axe-core and reflow on the page as it is; a screenshot from its top."""
    found[f"{name} ({width} px)"] = _axe(page)
    if width == 320:
        assert int(page.evaluate("document.documentElement.scrollWidth")) <= 320, name
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / f"{name}{'-320' if width == 320 else ''}.png"))


def test_create_a_profile_and_download_a_kuendigung_by_keyboard(
    browser: Any,
    server: str,  # noqa: F811
    shots: Path,  # noqa: F811
) -> None:
    page = _page(browser, server, 1280)
    seen: list[dict[str, Any]] = []
    found: dict[str, Any] = {}
    log_in(page, "demo", "demo", seen)
    _tab_to(page, "header a[href='/absender/']", seen)
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:has-text('Absender für Schreiben')")
    _check(page, 1280, shots, "absender-leer", found)
    _tab_to(page, "main a[href='/absender/neu/']", seen)
    page.keyboard.press("Enter")
    page.wait_for_selector("#id_bezeichnung")
    _tab_to(page, "#id_bezeichnung", seen)
    for number, (key, value) in enumerate(FIELDS):
        if number:
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == f"id_{key}"
        page.keyboard.type(value)
    page.keyboard.press("Enter")  # Enter in a field saves
    page.wait_for_selector("#fehlerliste")
    errors = page.inner_text("#fehlerliste")
    assert "PLZ: »4156« ist keine fünfstellige Postleitzahl." in errors
    assert (
        "»Gemeinde Romerskirchen« kommt in keiner Vereinbarung vor – Schreibweise prüfen – "
        "gemeint ist vielleicht »Gemeinde Rommerskirchen«"
    ) in errors
    assert page.get_attribute("#id_plz", "aria-invalid") == "true"
    assert page.get_attribute("#id_partei", "aria-invalid") == "true"
    _check(page, 1280, shots, "absender-fehler", found)
    _tab_to(page, "#fehlerliste a", seen)
    page.keyboard.press("Enter")  # the first error's link leads to its field: the Partei
    assert page.evaluate("document.activeElement.id") == "id_partei"
    page.keyboard.press("Control+A")
    page.keyboard.type("Gemeinde Rommerskirchen")  # as the list of the register offers it
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("#fehlerliste")
    assert "Partei" not in page.inner_text("#fehlerliste")
    _tab_to(page, "#fehlerliste a", [])  # from the page's start (the body, no focus ring)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_plz"
    page.keyboard.press("End")
    page.keyboard.type("9")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Absender »Rechtsamt Rommerskirchen« gespeichert.")
    assert "nichts" in page.inner_text("table.absender")
    _check(page, 1280, shots, "absender", found)

    page.goto("/?q=Adoptionsvermittlung")
    _tab_to(page, "#tabelle tbody a", seen)
    page.keyboard.press("Enter")
    page.wait_for_selector("h2:has-text('Dokumente')")
    _tab_to(page, "a[href*='vorlage=kuendigung&von=Gemeinde+Rommerskirchen'][href*='schreiben']",
            seen, limit=200)  # fmt: skip
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:has-text('Kündigung durch Gemeinde Rommerskirchen')")
    _check(page, 1280, shots, "schreiben", found)
    _tab_to(page, "main button[type=submit]", seen)
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    path = info.value.path()
    assert info.value.suggested_filename.endswith("-kuendigung-gemeinde-rommerskirchen.docx")
    doc = Document(io.BytesIO(Path(path).read_bytes()))
    text = "\n".join(
        [p.text for p in doc.paragraphs]
        + [c.text for t in doc.tables for row in t.rows for c in row.cells]
    )
    for expected in ("Rechtsamt", "30.2-12/2026", "Anna Beispiel", "Martin Mertens",
                     "Petra Muster", "In Vertretung", "Allgemeine Vertreterin"):  # fmt: skip
        assert expected in text, expected
    assert "ENTWURF" not in text
    assert "(Name)" not in text
    hidden = [s for s in seen if not (s["visible"] and s["style"] != "none" and s["width"] >= 2
                                      and s["contrast"] >= 3)]  # fmt: skip
    assert hidden == [], hidden
    letter = str(page.url)
    page.context.close()

    narrow = _page(browser, server, 320)
    narrow.goto("/anmelden/")
    narrow.fill("#id_username", "demo")
    narrow.fill("#id_password", "demo")
    narrow.click("main button[type=submit]")
    narrow.wait_for_url(re.compile(r"://[^/]+/$"))
    narrow.goto("/absender/")
    _check(narrow, 320, shots, "absender", found)
    narrow.goto("/absender/neu/")
    narrow.click("main button[type=submit]")
    narrow.wait_for_selector("#fehlerliste")
    _check(narrow, 320, shots, "absender-fehler", found)
    narrow.goto("/absender/hochladen/")
    _check(narrow, 320, shots, "absender-hochladen", found)
    narrow.goto(letter)
    _check(narrow, 320, shots, "schreiben", found)
    narrow.context.close()
    assert {state: v for state, v in found.items() if v} == {}
