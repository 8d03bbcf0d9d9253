"""Browser test (issue 22): import an Excel list of agreements through the page — upload,
preview, create — and see them unconfirmed on the start page; axe-core finds no WCAG 2.1 AA
violation on the page's states (upload, error, preview) at 1280 and 320 px, and nothing scrolls
sideways at 320 px. Screenshots with ``UPDATE_SCREENSHOTS=1`` into ``docs/screenshots/``."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from .test_accessibility import _axe
from .test_browser import ARGS, CHROMIUM, server, shots  # noqa: F401 (fixtures of this module)
from .test_browser_absender import _check, browser  # noqa: F401 (fixture of this module)

pytestmark = pytest.mark.slow


def _list(path: Path, bad: bool = False) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Lfd. Nr.", "Titel", "Partner", "Beginn", "Ende", "Kündigungsfrist"])
    sheet.append([1, "Gemeinsamer Bauhof Eifel", "Stadt Adenau; Gemeinde Barweiler",
                  dt.datetime(2021, 1, 1), "31.12.2030", "3 Monate zum Jahresende"])  # fmt: skip
    sheet.append([2, "Volkshochschule Kaarst-Korschenbroich", "Stadt Kaarst; Stadt Korschenbroich",
                  None, "unbefristet", "6 Monate"])  # fmt: skip
    if bad:
        sheet.append([3, "Musikschule", "Stadt Jüchen", "31.02.2022", None, "sechs Monde"])
    book.save(path)
    return path


def _log_in(page: Any) -> None:
    page.goto("/anmelden/")
    page.fill("#id_username", "demo")
    page.fill("#id_password", "demo")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"://[^/]+/$"))


def _context(browser: Any, server: str, width: int) -> Any:  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 860}, locale="de-DE",
                                  base_url=server)  # fmt: skip
    context.set_default_timeout(20_000)
    return context.new_page()


def test_import_an_excel_list_through_the_page(
    browser: Any,  # noqa: F811
    server: str,  # noqa: F811
    shots: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    found: dict[str, Any] = {}
    for width in (320, 1280):  # the narrow run first: it creates nothing
        page = _context(browser, server, width)
        _log_in(page)
        page.goto("/importieren/")
        page.click("text=Liste importieren")
        page.wait_for_selector("h1:has-text('Liste von Vereinbarungen importieren')")
        _check(page, width, shots, "liste-importieren", found)
        page.set_input_files("#id_datei", str(_list(tmp_path / "fehler.xlsx", bad=True)))
        page.click("main button[type=submit]")
        page.wait_for_selector("text=So wird nichts angelegt")
        problems = page.inner_text("#fehlerliste")
        assert "fehler.xlsx: Zeile 4, Spalte C »Partner«, Wert »Stadt Jüchen«" in problems
        _check(page, width, shots, "liste-importieren-fehler", found)
        page.goto("/importieren/liste/")
        page.set_input_files("#id_datei", str(_list(tmp_path / "fristenliste.xlsx")))
        page.click("main button[type=submit]")
        page.wait_for_selector("h2:has-text('Vorschau: 2 Vereinbarungen')")
        assert page.input_value("#id_spalte-title") == "1"  # found by its header
        _check(page, width, shots, "liste-importieren-vorschau", found)
        if width == 320:
            page.context.close()
            continue
        page.click("button[value=anlegen]")
        page.wait_for_selector("text=2 Vereinbarungen aus fristenliste.xlsx angelegt")
        page.goto("/?q=Volkshochschule")
        page.wait_for_selector("#tabelle tbody tr")
        page.screenshot(path=str(shots / "liste-importiert.png"))
        assert "unbestätigt" in page.inner_text("#tabelle tbody tr")
        found["Startseite nach dem Import"] = _axe(page)
        page.context.close()
    assert {state: v for state, v in found.items() if v} == {}
