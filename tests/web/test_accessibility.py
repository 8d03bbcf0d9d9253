"""Accessibility in the browser (WCAG 2.1 AA / BITV 2.0): axe-core, 320 px, keyboard only.

- axe-core (``axe-playwright-python``, which bundles ``axe.min.js``; nothing is downloaded at
  run time) checks every page type and state against the WCAG 2.0/2.1 A and AA rules: 0
  violations. ``/api/docs`` (Swagger UI, third-party) is excluded; the reason stands in the
  Erklärung zur Barrierefreiheit and the README, which the test checks.
- 1.4.10 Reflow: at 320 CSS px no page scrolls sideways (data tables scroll in their own frame,
  the parties of the form stack); 1.4.11: every control's border ≥ 3:1.
- 2.1.1/2.4.7: log in, open an agreement, record a notice with its preview and save it by
  keyboard only; every focused element has a visible outline of ≥ 3:1 contrast.
Driven like ``test_browser.py``: ``vereinbarung web --demo`` and Debian's chromium; screenshots
with ``UPDATE_SCREENSHOTS=1`` into ``docs/screenshots/`` (``*-320.png``: 320 px wide).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import vereinbarung

from .conftest import ROOT
from .test_browser import ARGS, CHROMIUM, server, shots  # noqa: F401 (fixtures of this module)

pytestmark = pytest.mark.slow

#: The axe-core rules of WCAG 2.0 and 2.1, levels A and AA (axe's tags).
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
           "resultTypes": ["violations"]}  # fmt: skip
#: The contrast of a colour against the background behind an element, and the focus outline.
_CONTRAST_JS = """
function rgba(text) { const v = (text.match(/[\\d.]+/g) || []).map(Number); if (v.length === 3) v.push(1); return v; }
function luminance(c) { const f = x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); }
function ratio(a, b) { const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x); return (l1 + 0.05) / (l2 + 0.05); }
function behind(el) { for (let n = el.parentElement; n; n = n.parentElement) {
  const c = rgba(getComputedStyle(n).backgroundColor); if (c[3] > 0) return c; } return [255, 255, 255, 1]; }
"""
_FOCUS_JS = (
    """() => {"""
    + _CONTRAST_JS
    + """
  const el = document.activeElement; const s = getComputedStyle(el);
  return {what: el.tagName + (el.id ? '#' + el.id : '') + ' ' + (el.innerText || el.value || '').slice(0, 40),
          visible: el.matches(':focus-visible'), style: s.outlineStyle, width: parseFloat(s.outlineWidth),
          contrast: ratio(rgba(s.outlineColor), behind(el))}; }
"""
)
_BORDERS_JS = (
    """() => {"""
    + _CONTRAST_JS
    + """
  return [...document.querySelectorAll('main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main select, main textarea, main button.leise, main .knopf.leise')]
  .filter(el => el.offsetParent !== null)
  .map(el => { const s = getComputedStyle(el);
    return [el.tagName + '#' + (el.id || el.name || el.innerText), ratio(rgba(s.borderTopColor), behind(el)), parseFloat(s.borderTopWidth)]; }); }
"""
)


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:  # noqa: ARG001, F811 (started first)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


def _page(browser: Any, server: str, width: int = 1280) -> Any:  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 860}, locale="de-DE",
                                  base_url=server)  # fmt: skip
    context.set_default_timeout(20_000)
    return context.new_page()


def _log_in(page: Any) -> None:
    page.goto("/anmelden/")
    page.fill("#id_username", "demo")
    page.fill("#id_password", "demo")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"://[^/]+/$"))


def _agreement_url(page: Any, search: str = "Bauhof") -> str:
    page.goto(f"/?q={search}")
    page.click("#tabelle tbody a >> nth=0")
    page.wait_for_selector("h2:has-text('Herleitung')")
    return str(page.url).split("?")[0]


def _axe(page: Any) -> list[str]:
    """axe-core's WCAG 2.1 AA violations on the page as it is now: »rule (impact): targets«."""
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{v['id']} ({v['impact']}): " + ", ".join(str(n["target"]) for n in v["nodes"][:4])
        for v in results.response["violations"]
    ]


def _states(page: Any, today: str) -> Iterator[str]:
    """Walk every page type and state; yield the name of each state when it is on screen."""
    page.goto("/anmelden/")
    yield "Anmeldung"
    page.fill("#id_username", "demo")
    page.fill("#id_password", "falsch")
    page.click("main button[type=submit]")
    page.wait_for_selector(".fehlerkasten")
    yield "Anmeldung mit Fehler"
    page.goto("/fristenrechner")
    yield "Fristenrechner"
    page.goto(
        "/fristenrechner?laufzeitende=31.12.2026&verlaengerung=2+Jahre&kuendigungsfrist=6+Monate"
    )
    page.wait_for_selector("#ergebnis-zugang")
    yield "Fristenrechner mit Ergebnis"
    page.goto("/fristenrechner?inkrafttreten=31.02.2026&kuendigungsfrist=sechs")
    page.wait_for_selector(".fehler")
    yield "Fristenrechner mit Fehler"
    page.goto("/barrierefreiheit/")
    yield "Erklärung zur Barrierefreiheit"
    page.click("text=Rückmeldung senden")
    page.wait_for_selector("#fehlerliste")
    yield "Rückmeldung mit Fehler"
    page.goto("/gibt-es-nicht/")
    yield "404"
    _log_in(page)
    yield "Startseite (Fristen)"
    url = _agreement_url(page)
    yield "Seite einer Vereinbarung"
    page.goto(f"{url}version/1/")
    yield "Version"
    page.goto("/vereinbarung/neu/")
    yield "Formular neu"
    page.click("main .aktionen button >> text=Speichern")
    page.wait_for_selector("#fehlerliste")
    yield "Formular neu mit Fehlern"
    page.goto(f"{url}bearbeiten/")
    yield "Formular bearbeiten"
    page.fill("#id_titel", "")
    page.fill("#id_inkrafttreten", "31.02.2020")
    page.click("main .aktionen button >> text=Speichern")
    page.wait_for_selector("#fehlerliste")
    yield "Formular bearbeiten mit Fehlern"
    page.goto(f"{url}ereignis/")
    yield "Ereignis"
    page.select_option("#id_typ", "notice")
    page.click("text=Felder anzeigen")
    page.select_option("#id_form", "written")
    for field in page.locator("input[name^=zugang-]").all()[1:]:
        field.fill(today)
    page.click("text=Vorschau: was bewirkt das Ereignis?")
    page.wait_for_selector("#wirkung")
    yield "Ereignis mit Vorschau"
    page.fill("input[name=zugang-1]", "32.13.2026")
    page.click("text=Vorschau: was bewirkt das Ereignis?")
    page.wait_for_selector("#vorschau .fehlerkasten")
    yield "Ereignis mit Fehler in der Vorschau"
    page.goto("/importieren/")
    yield "Import"
    page.set_input_files("#id_datei", files=[{"name": "vertrag.txt", "mimeType": "text/plain", "buffer": (
        "Kooperationsvereinbarung\n\nzwischen der Stadt Dormagen, vertreten durch den Bürgermeister "
        "Erik Lierenfeld, und der Stadt Neuss, vertreten durch den Bürgermeister Reiner Breuer\n\n"
        "§ 1 Laufzeit\n\nDiese Vereinbarung tritt am 01.01.2025 in Kraft und endet am 31.12.2027.\n"
    ).encode()}])  # fmt: skip
    page.click("button >> text=Lesen")
    page.wait_for_selector("#import-speichern")
    yield "Import mit Ergebnis"
    page.goto("/konto/")
    yield "Mein Konto"
    page.context.clear_cookies(name="csrftoken")  # the form is then refused: CSRF, 403
    page.click("header button >> text=Abmelden")
    page.wait_for_selector("h1:has-text('Sitzung abgelaufen')")
    yield "403"


def test_axe_finds_no_violation_on_any_page(browser: Any, server: str, shots: Path) -> None:  # noqa: F811
    page = _page(browser, server)
    today = vereinbarung.format_date(dt.date.today())
    found = {}
    for state in _states(page, today):
        found[state] = _axe(page)
        if state in ("Formular neu mit Fehlern", "Erklärung zur Barrierefreiheit"):
            page.screenshot(
                path=str(
                    shots / ("neu-fehler.png" if "Formular" in state else "barrierefreiheit.png")
                )
            )
    assert len(found) == 22, list(found)
    print("\n".join(f"axe 1280 px: {state}: {len(v)} Verstöße" for state, v in found.items()))
    assert {state: v for state, v in found.items() if v} == {}
    page.context.close()


def test_api_docs_are_excluded_with_a_reason(browser: Any, server: str) -> None:  # noqa: F811
    """Swagger UI is not ours: its findings are listed as not accessible, with an alternative."""
    page = _page(browser, server)
    _log_in(page)
    page.goto("/api/docs")
    page.wait_for_selector(".swagger-ui .info")
    findings = _axe(page)
    print(f"axe /api/docs: {len(findings)} Regeln verletzt: {findings}")
    statement = page.context.request.get("/barrierefreiheit/").text()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    alternative = page.context.request.get("/api/openapi.json")
    assert alternative.status == 200
    assert "paths" in alternative.json()
    if findings:
        assert "<code>/api/docs</code>" in statement
        assert "/api/openapi.json" in statement
        assert "/api/docs" in readme[readme.index("**Barrierefreiheit**") :][:3000]
    page.context.close()


def _reflows(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def test_no_sideways_scrolling_at_320_px(browser: Any, server: str, shots: Path) -> None:  # noqa: F811
    page = _page(browser, server, width=320)
    today = vereinbarung.format_date(dt.date.today())
    widths, found = {}, {}
    for state in _states(page, today):
        widths[state] = _reflows(page)
        found[state] = _axe(
            page
        )  # e.g. a table scrolling in its frame must be reachable by keyboard
        if state == "Formular neu mit Fehlern":
            # the parties stack: each field about as wide as the screen, not 25 px
            field = page.locator("#id_partei-0-vertreter").bounding_box()
            assert field is not None
            assert field["width"] > 200, field
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(shots / "neu-fehler-320.png"))
            page.evaluate("document.querySelector('table.parteien').scrollIntoView()")
            page.screenshot(path=str(shots / "neu-parteien-320.png"))
        elif state in ("Startseite (Fristen)", "Ereignis mit Vorschau", "Erklärung zur Barrierefreiheit",
                       "Seite einer Vereinbarung"):  # fmt: skip
            name = {"Startseite (Fristen)": "fristen", "Ereignis mit Vorschau": "ereignis",
                    "Erklärung zur Barrierefreiheit": "barrierefreiheit",
                    "Seite einer Vereinbarung": "vereinbarung"}[state]  # fmt: skip
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(shots / f"{name}-320.png"))
    assert {state: w for state, w in widths.items() if w > 320} == {}
    print("\n".join(f"axe 320 px: {state}: {len(v)} Verstöße" for state, v in found.items()))
    assert {state: v for state, v in found.items() if v} == {}
    page.context.close()


def test_controls_have_borders_of_three_to_one(browser: Any, server: str) -> None:  # noqa: F811
    page = _page(browser, server)
    _log_in(page)
    url = _agreement_url(page)
    low = []
    for address in ("/", "/vereinbarung/neu/", f"{url}bearbeiten/", f"{url}ereignis/?typ=notice",
                    "/fristenrechner", "/barrierefreiheit/", "/konto/"):  # fmt: skip
        page.goto(address)
        borders = page.evaluate(_BORDERS_JS)
        assert borders, address
        low += [(address, *b) for b in borders if b[1] < 3 or b[2] < 1]
    assert low == []
    page.context.close()


def _tab_to(page: Any, selector: str, seen: list[dict[str, Any]], *, limit: int = 80) -> None:
    """Press Tab until *selector* has the focus; record how each focused element looks."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(_FOCUS_JS))
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} nach {limit}× Tab nicht erreicht: {seen[-5:]}")


def test_a_task_by_keyboard_only_with_visible_focus(browser: Any, server: str) -> None:  # noqa: F811
    page = _page(browser, server)
    seen: list[dict[str, Any]] = []
    from .keyboard import log_in  # it uses this module's _tab_to

    log_in(page, "demo", "demo", seen)
    _tab_to(page, "#id_q", seen)
    page.keyboard.type("Bauhof")
    page.wait_for_selector("#tabelle tbody tr >> nth=0")
    page.wait_for_function("() => document.querySelectorAll('#tabelle tbody tr').length === 1")
    _tab_to(page, "#tabelle tbody a", seen)
    page.keyboard.press("Enter")
    page.wait_for_selector("h2:has-text('Herleitung')")
    _tab_to(page, "main a.knopf[href$='/ereignis/']", seen)
    page.keyboard.press("Enter")
    page.wait_for_selector("#id_typ")
    _tab_to(page, "#id_typ", seen)
    page.keyboard.type("K")  # type-ahead in the closed list: »Kündigung (Zugang je Partei)«
    assert page.input_value("#id_typ") == "notice"
    _tab_to(page, "button[form=typ-form]", seen)
    page.keyboard.press("Space")
    page.wait_for_selector("#id_form")
    _tab_to(page, "#id_form", seen)
    page.keyboard.type("s")  # »schriftlich«
    assert page.input_value("#id_form") == "written"
    today = vereinbarung.format_date(dt.date.today())
    parties = page.locator("input[name^=zugang-]").count()
    for i in range(1, parties):  # received by every party but the first, who gives notice
        _tab_to(page, f"#id_zugang-{i}", seen)
        page.keyboard.type(today)
    _tab_to(page, "button[value=vorschau]", seen)
    page.keyboard.press("Space")
    page.wait_for_selector("#wirkung")
    assert "Kündigung wirkt zum" in page.inner_text("#wirkung")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.value") == "speichern"
    seen.append(page.evaluate(_FOCUS_JS))
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Ereignis eingetragen")
    # Bauhof: the party leaves, the others continue (on_party_notice: party_leaves)
    assert "scheidet zum" in page.inner_text("ul.teilkuendigung")
    hidden = [s for s in seen if not (s["visible"] and s["style"] != "none" and s["width"] >= 2
                                      and s["contrast"] >= 3)]  # fmt: skip
    assert hidden == [], hidden
    assert len(seen) > 10
    page.context.close()
