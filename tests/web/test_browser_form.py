"""Browser tests (issue 21): three tasks of the office through the normal pages, by keyboard only.

a) create an agreement with three parties, GkG, Land, notice to the end of a Kalenderhalbjahr
   and an Umlage by Einwohnerzahl (the structured form, its live preview);
b) record an amendment with the new wording of an Absatz (the Ereignis page);
c) change the day a notice must be received by and read the version history in German.

Every control is reached with Tab and used with the keyboard (typing, arrow keys in a closed
list, Space on a button, Enter in a field for the form's primary action); the focus must be
visible at each step. axe-core finds no WCAG 2.1 AA violation on any page on the way. Never the
Expertenansicht. Playwright drives Debian's chromium against ``vereinbarung web --demo`` (the
fixtures of :mod:`tests.web.test_browser` and :mod:`tests.web.test_accessibility`); the end
states go to ``docs/screenshots/`` with ``UPDATE_SCREENSHOTS=1``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

import vereinbarung

from .test_accessibility import _FOCUS_JS, _agreement_url, _axe, _page, browser  # noqa: F401
from .test_browser import server, shots  # noqa: F401  (fixtures of this module)

pytestmark = pytest.mark.slow

PARTIES = [
    ("Stadt Grevenbroich", "Klaus Krützen", "Bürgermeister", "64.000"),
    ("Gemeinde Jüchen", "Harald Zillikens", "Bürgermeister", "23.000"),
    ("Gemeinde Rommerskirchen", "Martin Mertens", "Bürgermeister", "13.000"),
]


class Keyboard:
    """Tab to a control, use it by keyboard; remember how the focus looked at each stop."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.seen: list[dict[str, Any]] = []

    def tab_to(self, selector: str, *, limit: int = 120) -> None:
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            self.seen.append(self.page.evaluate(_FOCUS_JS))
            if self.page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"{selector} nach {limit}× Tab nicht erreicht: {self.seen[-3:]}")

    def type(self, selector: str, text: str) -> None:
        """Tab to a text field and replace its content with *text*."""
        self.tab_to(selector)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.page.keyboard.type(text)

    def choose(self, selector: str, value: str) -> None:
        """Tab to a closed list and move to *value* with the arrow keys."""
        self.tab_to(selector)
        index, current = self.page.evaluate(
            "s => { const e = document.querySelector(s); return [[...e.options].findIndex("
            f"o => o.value === {value!r}), e.selectedIndex]; }}",
            selector,
        )
        assert index >= 0, (selector, value)
        for _ in range(abs(index - current)):
            self.page.keyboard.press("ArrowDown" if index > current else "ArrowUp")
        assert self.page.input_value(selector) == value

    def back_to(self, selector: str, *, limit: int = 20) -> None:
        """Shift+Tab until *selector* has the focus."""
        for _ in range(limit):
            self.page.keyboard.press("Shift+Tab")
            self.seen.append(self.page.evaluate(_FOCUS_JS))
            if self.page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"{selector} nach {limit}× Umschalt+Tab nicht erreicht")

    def press(self, selector: str, key: str = "Space") -> None:
        self.tab_to(selector)
        self.page.keyboard.press(key)

    def assert_focus_visible(self) -> None:
        hidden = [s for s in self.seen if not (s["visible"] and s["style"] != "none"
                                               and s["width"] >= 2 and s["contrast"] >= 3)]  # fmt: skip
        assert hidden == [], hidden
        assert len(self.seen) > 10


def _log_in_by_keyboard(keys: Keyboard) -> None:
    page = keys.page
    page.goto("/anmelden/")
    # the user name field has the focus (autofocus): wait until it has, a loaded machine may
    # still be applying it when the page reports »load«
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_username'")
    page.keyboard.type("demo")
    keys.tab_to("#id_password")
    page.keyboard.type("demo")
    assert page.input_value("#id_username") == "demo"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"://[^/]+/$"))


def _no_violations(page: Any, where: str) -> None:
    found = _axe(page)
    assert found == [], (where, found)


def _at_320_px(page: Any, where: str, folder: Path, name: str) -> None:
    """The page as it is, at 320 px: no sideways scrolling (WCAG 1.4.10), no axe violation."""
    page.set_viewport_size({"width": 320, "height": 860})
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, where
        _no_violations(page, f"{where} (320 px)")
        page.screenshot(path=str(folder / f"{name}-320.png"))
    finally:
        page.set_viewport_size({"width": 1280, "height": 860})


def test_a_new_agreement_with_three_parties_gkg_half_year_and_umlage(
    browser: Any, server: str, shots: Path,  # noqa: F811
) -> None:  # fmt: skip
    page = _page(browser, server)
    keys = Keyboard(page)
    _log_in_by_keyboard(keys)
    keys.press("header a[href='/vereinbarung/neu/']", "Enter")
    page.wait_for_selector("#id_titel")
    _no_violations(page, "Neu")
    keys.type("#id_titel", "Öffentlich-rechtliche Vereinbarung Jugendhilfeplanung")
    keys.type("#id_short_name", "Jugendhilfeplanung Drei")
    keys.choose("#id_rechtsform", "gkg")
    keys.choose("#id_land", "NW")
    keys.type("#id_federfuehrung", PARTIES[0][0])
    keys.choose("#id_bei_kuendigung", "party_leaves")
    for i, (name, person, office, _) in enumerate(PARTIES[:2]):
        keys.type(f"#id_partei-{i}-name", name)
        keys.type(f"#id_partei-{i}-vertreter", person)
        keys.type(f"#id_partei-{i}-amt", office)
    keys.press("button[value=partei_plus]")  # a submit button: works without JavaScript, too
    page.wait_for_selector("#id_partei-2-name")
    _no_violations(page, "Neu, dritte Partei")
    name, person, office, _ = PARTIES[2]
    keys.type("#id_partei-2-name", name)
    keys.type("#id_partei-2-vertreter", person)
    keys.type("#id_partei-2-amt", office)
    keys.type("#id_inkrafttreten", "01.01.2027")
    keys.type("#id_laufzeit", "5 Jahre")
    keys.type("#id_verlaengerung", "1 Jahr")
    keys.type("#id_kuendigungsfrist", "6 Monate")
    keys.choose("#id_kuendigungstermin", "half_year_end")
    keys.type("#id_kosten-zusammenfassung", "Die Kosten werden nach Einwohnerzahl umgelegt.")
    keys.choose("#id_kosten-schluessel", "population")
    keys.type("#id_kosten-betrag", "100.000,00")
    keys.type("#id_kosten-empfaenger", PARTIES[0][0])
    keys.type("#id_kosten-stichtag", "31.12.2025")
    keys.type("#id_kosten-quelle", "IT.NRW")
    for i, (*_, inhabitants) in enumerate(PARTIES):
        keys.type(f"#id_partei-{i}-einwohner", inhabitants)
    keys.type("#id_paragraph-0-ueberschrift", "Gegenstand")
    keys.type("#id_paragraph-0-text", "Die Parteien planen die Jugendhilfe gemeinsam.")
    # the clause the form produces, shown live (htmx on every change)
    page.wait_for_function(
        "() => document.querySelector('#klausel-vorschau').innerText.includes('Jüchen: 23.000,00')"
    )
    preview = page.inner_text("#klausel-vorschau")
    assert "öffentlich-rechtliche Vereinbarung (§§ 23–24 GkG NRW)" in preview
    assert "mit einer Frist von sechs Monaten zum Ende eines Kalenderhalbjahres" in preview
    assert "Gesetzliche Feiertage in Nordrhein-Westfalen" in preview
    assert "Umlage 2027: 100.000,00 € nach Einwohnerzahl" in preview
    assert f"{PARTIES[0][0]}: 64.000,00" in preview
    assert f"{PARTIES[2][0]}: 13.000,00" in preview
    _no_violations(page, "Neu mit Vorschau")
    page.locator("section.vorschau").screenshot(path=str(shots / "neu-vorschau.png"))
    page.screenshot(path=str(shots / "neu-formular.png"), full_page=True)
    page.locator("#id_kosten-stichtag").scroll_into_view_if_needed()
    _at_320_px(page, "Neu mit Vorschau", shots, "neu-kosten")
    keys.type("#id_grund", "neu angelegt")
    page.keyboard.press("Enter")  # the form's primary action: Speichern
    page.wait_for_selector("text=Gespeichert als Version 1")
    _no_violations(page, "Seite der neuen Vereinbarung")
    main = page.inner_text("main")
    assert "Jugendhilfeplanung Drei" in main
    for name, *_ in PARTIES:
        assert name in main
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / "neu-drei-parteien-gkg.png"), full_page=True)
    # the form shows what was saved
    page.goto(page.url.split("?")[0] + "bearbeiten/")
    assert page.input_value("#id_rechtsform") == "gkg"
    assert page.input_value("#id_kuendigungstermin") == "half_year_end"
    assert page.input_value("#id_partei-1-einwohner") == "23.000"
    assert page.locator("text=Expertenansicht").count() <= 1  # a link for specialists only
    keys.assert_focus_visible()
    page.context.close()


def test_an_amendment_with_the_new_wording_of_an_absatz(
    browser: Any, server: str, shots: Path,  # noqa: F811
) -> None:  # fmt: skip
    page = _page(browser, server)
    keys = Keyboard(page)
    _log_in_by_keyboard(keys)
    url = _agreement_url(page, "Bauhof")
    page.goto(url)
    keys.press("main a.knopf[href$='/ereignis/']", "Enter")
    page.wait_for_selector("#id_typ")
    keys.choose("#id_typ", "amendment")
    keys.press("button[form=typ-form]")
    page.wait_for_selector("#id_fassung-0-stelle")
    _no_violations(page, "Ereignis Änderung")
    today = vereinbarung.format_date(dt.date.today())
    keys.type("#id_date", today)
    keys.type("#id_effective", today)
    keys.type("#id_text", "Nachtrag Nr. 1: § 2 Abs. 1 erhält folgende Fassung.")
    keys.type("#id_fassung-0-stelle", "2 Abs. 1")  # without »§«: refused, tied to the field
    keys.type("#id_fassung-0-text", "Die Bauhöfe helfen einander bei Hochwasser und Sturm.")
    keys.press("button[value=vorschau]")
    page.wait_for_selector("#vorschau .fehlerkasten")
    assert "Neue Fassung 1, Stelle: »2 Abs. 1«" in page.inner_text("#vorschau")
    # after »Vorschau« the error marks its field too (review of issue 21)
    assert page.get_attribute("#id_fassung-0-stelle", "aria-invalid") == "true"
    assert "fehler-fassung-0-stelle" in (
        page.get_attribute("#id_fassung-0-stelle", "aria-describedby") or ""
    )
    _no_violations(page, "Ereignis Änderung, Fehler")
    # a § the agreement lacks: in German, without keys of the file, at the field »Stelle«
    keys.back_to("#id_fassung-0-stelle")  # back through the buttons to the field
    page.keyboard.press("Control+A")
    page.keyboard.type("§ 99 Abs. 1")
    keys.press("button[value=vorschau]")
    page.wait_for_selector("#fehler-fassung-0-stelle >> text=Die Vereinbarung hat keinen § 99")
    error = page.inner_text("#fehler-fassung-0-stelle")
    assert "(vorhanden: § 1 bis § " in error
    assert "sections" not in error
    assert "wording" not in page.inner_text("main")
    assert page.get_attribute("#id_fassung-0-stelle", "aria-invalid") == "true"
    _no_violations(page, "Ereignis Änderung, Paragraph fehlt")
    page.screenshot(path=str(shots / "ereignis-aenderung-paragraph-fehlt.png"), full_page=True)
    keys.back_to("#id_fassung-0-stelle")
    page.keyboard.press("Control+A")
    page.keyboard.type("§ 2 Abs. 1")
    keys.press("button[value=vorschau]")
    page.wait_for_selector("#wirkung")
    _no_violations(page, "Ereignis Änderung mit Vorschau")
    page.screenshot(path=str(shots / "ereignis-aenderung-fassung.png"), full_page=True)
    page.locator("#id_fassung-0-stelle").scroll_into_view_if_needed()
    _at_320_px(page, "Ereignis Änderung", shots, "ereignis-aenderung")
    keys.back_to("button[value=speichern]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Ereignis eingetragen")
    _no_violations(page, "Seite nach der Änderung")
    history = page.inner_text("table.versionen")
    assert "Ereignis erfasst: Änderung" in history
    assert (
        "§ 2 Abs. 1 neu gefasst: »Die Bauhöfe helfen einander bei Hochwasser und Sturm.«" in history
    )
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / "aenderung-neue-fassung.png"), full_page=True)
    keys.assert_focus_visible()
    page.context.close()


def test_the_version_history_in_german(browser: Any, server: str, shots: Path) -> None:  # noqa: F811
    page = _page(browser, server)
    keys = Keyboard(page)
    _log_in_by_keyboard(keys)
    url = _agreement_url(page, "Schulsozialarbeit")
    page.goto(url)
    keys.press("main .aktionen a[href$='/bearbeiten/']", "Enter")
    page.wait_for_selector("#id_zugang_bis")
    assert page.input_value("#id_zugang_bis") == "31.01."  # notice by a day of the year
    assert page.input_value("#id_kuendigungstermin") == "feste_tage"
    assert page.input_value("#id_kuendigungstage") == "31.07."
    keys.type("#id_zugang_bis", "28.02.")
    keys.type("#id_partei-0-u_ort", "Musterstadt")
    keys.type("#id_grund", "Zugangstag nach Ratsbeschluss verschoben")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Gespeichert als Version")
    lines = page.inner_text("table.versionen tbody tr >> nth=0")
    assert "Zugang der Kündigung bis: 31.01. → 28.02." in lines
    assert "Unterschrift Gemeinde Anrath – Ort der Unterzeichnung: Anrath → Musterstadt" in lines
    assert "notice_by" not in lines
    assert "term" not in lines
    _no_violations(page, "Versionen")
    page.locator("table.versionen").screenshot(path=str(shots / "versionen-deutsch.png"))
    keys.assert_focus_visible()
    page.context.close()
