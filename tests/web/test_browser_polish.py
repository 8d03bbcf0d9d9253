"""Browser tests of the points of issue 21 left after the first round: in the form, the per-party
blocks (»Parteien ohne Kostenanteil«, Kosten und Unterschriften je Partei) follow a party added
or renamed without a reload (htmx out-of-band swaps of the live preview's answer); the agreement
page keeps the Expertenansicht under »Für Fachleute«. axe-core 0 violations, also at 320 px.
Playwright drives Debian's chromium against ``vereinbarung web --demo``; screenshots go to
``docs/screenshots/`` with ``UPDATE_SCREENSHOTS=1``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .test_accessibility import _agreement_url, _log_in, _page, browser  # noqa: F401
from .test_browser import server, shots  # noqa: F401  (fixtures of this module)
from .test_browser_form import _at_320_px, _no_violations

pytestmark = pytest.mark.slow


def _legends(page: Any, block: str) -> list[str]:
    return [t.strip() for t in page.locator(f"#{block} legend").all_text_contents()]


def test_per_party_blocks_follow_a_new_party_without_reload(
    browser: Any, server: str, shots: Path,  # noqa: F811
) -> None:  # fmt: skip
    page = _page(browser, server)
    _log_in(page)
    page.goto("/vereinbarung/neu/")
    page.fill("#id_titel", "Gemeinsame Vergabestelle")
    for i, (name, person) in enumerate([("Stadt Kaarst", "Ursula Baum"),
                                        ("Stadt Korschenbroich", "Marc Venten")]):  # fmt: skip
        page.fill(f"#id_partei-{i}-name", name)
        page.fill(f"#id_partei-{i}-vertreter", person)
        page.fill(f"#id_partei-{i}-amt", "Bürgermeister")
    page.click("button[value=partei_plus]")  # a submit button: the whole page, also without JS
    page.wait_for_selector("#id_partei-2-name")
    assert _legends(page, "unterschriften-parteien")[2] == "Partei 3"
    page.evaluate("window.keinNeuladen = true")  # gone if the page were loaded again
    page.focus("#id_partei-2-name")
    page.keyboard.type("Gemeinde Jüchen")
    page.keyboard.press("Tab")  # »change«: the live preview, and with it the per-party blocks
    page.wait_for_function(
        "() => document.querySelector('#unterschriften-parteien').innerText"
        ".includes('Partei 3: Gemeinde Jüchen')"
    )
    assert page.evaluate("window.keinNeuladen") is True
    assert page.evaluate("document.activeElement.id") == "id_partei-2-vertreter"  # focus kept
    assert "Partei 3: Gemeinde Jüchen" in _legends(page, "kosten-parteien")
    assert "Partei 3: Gemeinde Jüchen" in _legends(page, "partei-weitere")
    exempt = page.locator("#kosten-befreit-block label").all_inner_texts()
    assert [t.strip() for t in exempt] == [
        "Stadt Kaarst",
        "Stadt Korschenbroich",
        "Gemeinde Jüchen",
    ]
    assert "Gemeinde Jüchen" in page.locator("#parteinamen option").evaluate_all(
        "os => os.map(o => o.value)"
    )
    # a value typed into a block stays when another party is renamed
    page.fill("#id_partei-2-u_ort", "Jüchen")
    page.fill("#id_partei-0-name", "Stadt Kaarst am Rhein")
    page.keyboard.press("Tab")
    page.wait_for_function(
        "() => document.querySelector('#kosten-befreit-block').innerText"
        ".includes('Stadt Kaarst am Rhein')"
    )
    assert page.input_value("#id_partei-2-u_ort") == "Jüchen"
    assert _legends(page, "unterschriften-parteien")[0] == "Partei 1: Stadt Kaarst am Rhein"
    _no_violations(page, "Neu, Partei umbenannt")
    page.locator("#unterschriften-parteien").scroll_into_view_if_needed()
    page.locator("#unterschriften-parteien").screenshot(
        path=str(shots / "neu-unterschriften-je-partei.png")
    )
    _at_320_px(page, "Neu, Unterschriften je Partei", shots, "neu-unterschriften-je-partei")
    page.context.close()


def test_the_expert_view_is_for_specialists_only(
    browser: Any, server: str, shots: Path,  # noqa: F811
) -> None:  # fmt: skip
    page = _page(browser, server)
    _log_in(page)
    url = _agreement_url(page, "Bauhof")
    page.goto(url)
    assert page.locator("main .aktionen a", has_text="Expertenansicht").count() == 0
    link = page.locator("details.fachleute a[href$='/yaml/']")
    assert not link.is_visible()  # closed: nothing leads staff there
    page.click("details.fachleute summary")
    assert link.is_visible()
    assert "Für die tägliche Arbeit nicht nötig" in page.inner_text("details.fachleute")
    _no_violations(page, "Vereinbarung, »Für Fachleute« offen")
    page.locator("details.fachleute").screenshot(path=str(shots / "vereinbarung-fachleute.png"))
    page.set_viewport_size({"width": 320, "height": 860})
    page.locator("details.fachleute").scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    _no_violations(page, "Vereinbarung, »Für Fachleute« (320 px)")
    page.screenshot(path=str(shots / "vereinbarung-fachleute-320.png"))
    page.context.close()
