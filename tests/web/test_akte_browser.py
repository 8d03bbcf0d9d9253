"""The Akte in the browser (issue 25): a Rückschein completes the evidence of a Kündigung; an
agreement is found by a word only its Amtsblatt PDF holds; axe-core 0 violations at 1280 and
320 px on the new pages (no sideways scrolling), the upload reached by keyboard.

Driven like ``test_browser.py`` (``vereinbarung web --demo``, Debian's chromium, skipped with a
German reason where either is missing); screenshots with ``UPDATE_SCREENSHOTS=1`` into
``docs/screenshots/`` (``akte*.png``, ``anlage*.png``, ``suche*.png``).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

import vereinbarung

from .akte_files import pdf_with_text
from .test_accessibility import _FOCUS_JS, _agreement_url, _axe, _log_in, _page, _reflows, browser
from .test_browser import server, shots  # noqa: F401 (fixtures of this module)

pytestmark = pytest.mark.slow
_ = browser  # a fixture of this module as well
AMTSBLATT = pdf_with_text(
    "Amtsblatt des Rhein-Kreises Neuss, Nr. 7 vom 15.03.2026",
    "Bekanntmachung der Vereinbarung zum Kinderschutz; Anlage Wiesenknopfameisenbläuling.",
    "Die Vereinbarung tritt am Tag nach der Bekanntmachung in Kraft.",
)
RUECKSCHEIN = pdf_with_text(
    "Rückschein: Einschreiben an die Gemeinde Dahlem, zugestellt am Tag der Kündigung.",
    "Unterschrift des Empfängers: Poststelle der Gemeinde Dahlem.",
)


def _shot(page: Any, shots: Path, name: str, selector: str | None = None) -> None:  # noqa: F811
    if selector:
        page.locator(selector).scroll_into_view_if_needed()
        page.locator(selector).screenshot(path=str(shots / f"{name}.png"))
    else:
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(shots / f"{name}.png"))


def test_a_rueckschein_marks_the_evidence_of_a_kuendigung_complete(
    browser: Any, server: str, shots: Path  # noqa: F811
) -> None:  # fmt: skip
    page = _page(browser, server)
    _log_in(page)
    url = _agreement_url(page, "Bauhof")
    page.goto(f"{url}ereignis/?typ=notice")
    page.click("text=Felder anzeigen")
    page.select_option("#id_by", "Gemeinde Blankenheim")
    page.select_option("#id_form", "written")
    today = vereinbarung.format_date(dt.date.today())
    for index in (1, 2):  # Dahlem and Nettersheim; the party giving notice stays empty
        page.fill(f"#id_zugang-{index}", today)
    page.click("button >> text=Eintragen")
    page.wait_for_selector("text=Ereignis eingetragen")
    akte = page.locator("#akte")
    assert "Nachweis fehlt: Kündigung durch Gemeinde Blankenheim" in akte.inner_text()
    assert _axe(page) == []
    page.click("#akte a:has-text('Zugangsnachweis hinzufügen')")
    page.wait_for_selector("h1:has-text('Anlage hinzufügen')")
    assert page.input_value("#id_art") == "zugangsnachweis"
    assert "Kündigung durch Gemeinde Blankenheim" in page.inner_text("#id_ereignis option:checked")
    _shot(page, shots, "anlage")  # opened from »Zugangsnachweis hinzufügen«: filled in
    # first the wrong content under a PDF's name: refused, tied to the field, listed on top
    page.set_input_files("#id_datei", {"name": "rueckschein.pdf", "mimeType": "application/pdf",
                                       "buffer": b"<html><body>kein PDF</body></html>"})  # fmt: skip
    page.click("button >> text=Hochladen")
    page.wait_for_selector("#fehlerliste")
    assert page.get_attribute("#id_datei", "aria-invalid") == "true"
    assert "keine der erlaubten Dateiarten" in page.inner_text("#fehler-datei")
    assert _axe(page) == []
    _shot(page, shots, "anlage-fehler")
    page.set_input_files("#id_datei", {"name": "rueckschein.pdf", "mimeType": "application/pdf",
                                       "buffer": RUECKSCHEIN})  # fmt: skip
    page.fill("#id_datum", today)
    page.fill("#id_beschreibung", "Rückschein der Gemeinde Dahlem")
    page.click("button >> text=Hochladen")
    page.wait_for_selector("text=Anlage »rueckschein.pdf« gespeichert")
    text = page.inner_text("#akte")
    assert "Alle Nachweise liegen vor." in text
    assert "Nachweis vollständig: Kündigung durch Gemeinde Blankenheim" in text
    assert re.search(r"SHA-256 [0-9a-f]{16}…", text)
    page.fill("#id_vermerk", "Rückschein liegt vor; Frist geprüft.")
    page.click("button >> text=Vermerk speichern")
    page.wait_for_selector("text=Vermerk gespeichert.")
    assert "Rückschein liegt vor; Frist geprüft." in page.inner_text("table.versionen")
    assert _axe(page) == []
    _shot(page, shots, "akte", "#akte")
    with page.expect_download() as download:
        page.click("#akte ul.anlagen a:has-text('rueckschein.pdf')")
    assert Path(download.value.path()).read_bytes() == RUECKSCHEIN
    page.context.close()


def test_find_an_agreement_by_a_word_only_its_amtsblatt_holds(
    browser: Any, server: str, shots: Path  # noqa: F811
) -> None:  # fmt: skip
    page = _page(browser, server)
    _log_in(page)
    page.goto("/suche/?q=Wiesenknopfameisenbläuling")
    assert "Keine Treffer" in page.inner_text("main")
    url = _agreement_url(page, "Kinderschutz")
    page.goto(f"{url}anlage/neu/")
    page.select_option("#id_art", "bekanntmachung")
    page.set_input_files("#id_datei", {"name": "amtsblatt-7.pdf", "mimeType": "application/pdf",
                                       "buffer": AMTSBLATT})  # fmt: skip
    page.click("button >> text=Hochladen")
    page.wait_for_selector("text=Anlage »amtsblatt-7.pdf« gespeichert")
    page.goto("/suche/")
    page.focus("#id_q")
    page.keyboard.type("wiesenknopfameisenbläuling")
    page.keyboard.press("Enter")
    page.wait_for_selector("ol.treffer li")
    hits = page.locator("ol.treffer li").all()
    assert len(hits) == 1
    assert "Kinderschutz" in hits[0].inner_text() or "Kooperation" in hits[0].inner_text()
    assert "amtsblatt-7.pdf" in hits[0].inner_text()
    assert page.locator("ol.treffer mark").first.inner_text().lower().startswith("wiesenknopf")
    assert _axe(page) == []
    _shot(page, shots, "suche")
    page.click("ol.treffer li a >> nth=0")
    page.wait_for_selector("#akte")
    assert "amtsblatt-7.pdf" in page.inner_text("#akte")
    page.context.close()


def test_the_new_pages_at_320_px_and_by_keyboard(
    browser: Any, server: str, shots: Path  # noqa: F811
) -> None:  # fmt: skip
    page = _page(browser, server, width=320)
    _log_in(page)
    url = _agreement_url(page, "Bauhof")
    found = {}
    for address, name in ((url, "akte"), (f"{url}anlage/neu/", "anlage"),
                          ("/suche/?q=Bauhof", "suche")):  # fmt: skip
        page.goto(address)
        found[name] = (_reflows(page), _axe(page))
        if name == "akte":
            _shot(page, shots, "akte-320", "#akte")
        else:
            _shot(page, shots, f"{name}-320")
    assert {k: v for k, v in found.items() if v[0] > 320 or v[1]} == {}
    page.context.close()
    # by keyboard: from the agreement page to the upload form, focus visible on the way
    page = _page(browser, server)
    _log_in(page)
    page.goto(url)
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate('() => document.activeElement.matches("#akte a.knopf")'):
            break
    focus = page.evaluate(_FOCUS_JS)
    assert focus["visible"], focus
    assert focus["width"] >= 2, focus
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:has-text('Anlage hinzufügen')")
    page.context.close()
