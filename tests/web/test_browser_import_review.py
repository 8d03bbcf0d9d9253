"""Browser test (issue 21): import a text whose Inkrafttreten is only a placeholder and confirm
it through the checklist on the agreement page, by keyboard, axe-core at each step; never the
Expertenansicht.

The text is ``fixtures/import-platzhalter-inkrafttreten.txt`` (seed 002, »tritt zum 01.02. in
Kraft« without a year, six dated signatures). The import page shows the result without YAML
anchors and the signatures per party; saved, the agreement is »unbestätigt« with every deadline
»–«; the checklist names the Inkrafttreten (a field) and the review point (a box). A wrong date
is answered at the top and at the field; the real day and the ticked point confirm it: »in
Kraft«, with the deadlines the library computes. Screenshots with ``UPDATE_SCREENSHOTS=1``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import vereinbarung

from .keyboard import hidden_focus, log_in, type_into, violations
from .test_accessibility import _tab_to
from .test_browser import _shot, page, server, shots  # noqa: F401  (fixtures of this module)

pytestmark = pytest.mark.slow

TEXT = Path(__file__).parent / "fixtures" / "import-platzhalter-inkrafttreten.txt"


def _expected(today: dt.date) -> vereinbarung.AgreementState:
    """The state the library gives the text once the Inkrafttreten is 01.02.2023, confirmed."""
    data = vereinbarung.import_agreement(TEXT).data
    data["term"]["effective"] = dt.date(2023, 2, 1)
    data["term"].pop("placeholders")
    data.pop("review")
    return vereinbarung.state_on(vereinbarung.agreement_from_data(data), today)


def test_import_with_placeholder_confirmed_through_the_checklist(page: Any, shots: Path) -> None:  # noqa: F811
    expected = _expected(dt.date.today())
    assert expected.status == "in_force"
    assert expected.notice_deadline is not None
    seen: list[dict[str, Any]] = []
    found: dict[str, list[str]] = {}
    log_in(page, "demo", "demo", seen)
    page.goto("/importieren/")
    page.set_input_files("#id_datei", str(TEXT))  # the file chooser: the one step not by key
    _tab_to(page, "main button[type=submit]", seen)
    page.keyboard.press("Enter")
    page.wait_for_selector("#import-speichern")
    main = page.inner_text("main")
    assert "term ›" not in main
    assert "year_end" not in main
    assert not page.is_visible("#id_text")  # the file text collapsed, for experts only
    page.click("summary >> text=Für Fachleute: Vereinbarungsdatei")
    page.wait_for_selector("#id_text")
    text = page.input_value("#id_text")
    assert "&id0" not in text
    assert "*id0" not in text
    signatures = page.inner_text("table.unterschriften")
    assert "Stadt Dormagen\tDormagen\t15.01.2023" in signatures
    found["Import gelesen"] = violations(page)
    _shot(page, shots, "import-unterschriften")
    _tab_to(page, "#import-speichern", seen)
    page.keyboard.press("Enter")
    page.wait_for_selector("h2:has-text('Herleitung')")
    assert "unbestätigt" in page.inner_text("h2 >> nth=0")
    assert page.inner_text(".karte .wert >> nth=0") == "–"
    checklist = page.inner_text("section.pruefliste")
    # the placeholder and the importer's point about it: one item (review of issue 21)
    assert "Prüfliste: vor dem Bestätigen zu erledigen (1)" in checklist
    assert "Aus dem Import: das Datum des Inkrafttretens hat keine Jahreszahl" in checklist
    assert page.locator("#id_erledigt-0").count() == 0
    assert "term ›" not in checklist  # no field path of the file
    found["Prüfliste"] = violations(page)
    _shot(page, shots, "pruefliste")
    # a wrong date: the error at the top and at the field, nothing saved
    type_into(page, "#id_pruef-effective", "31.02.2023", seen)
    page.keyboard.press("Enter")
    page.wait_for_selector("#pruef-fehlerliste")
    assert "Inkrafttreten:" in page.inner_text("#pruef-fehlerliste")
    assert page.get_attribute("#id_pruef-effective", "aria-invalid") == "true"
    assert "fehler-pruef-effective" in (
        page.get_attribute("#id_pruef-effective", "aria-describedby") or ""
    )
    found["Prüfliste mit Fehler"] = violations(page)
    _shot(page, shots, "pruefliste-fehler")
    # at 320 px: no sideways scrolling, no violation (WCAG 1.4.10)
    page.set_viewport_size({"width": 320, "height": 860})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    found["Prüfliste mit Fehler, 320 px"] = violations(page)
    page.evaluate("document.querySelector('#pruefliste').scrollIntoView()")
    page.screenshot(path=str(shots / "pruefliste-fehler-320.png"))
    page.set_viewport_size({"width": 1280, "height": 860})
    # the real day and »Übernehmen«: nothing else to tick
    type_into(page, "#id_pruef-effective", "01.02.2023", seen)
    _tab_to(page, "section.pruefliste button[type=submit]", seen)
    page.keyboard.press("Enter")
    page.wait_for_selector(".erfolg >> text=Gespeichert: alle Punkte erledigt")
    assert "in Kraft" in page.inner_text("h2 >> nth=0")
    assert page.locator("section.pruefliste").count() == 0
    deadline = vereinbarung.format_date(expected.notice_deadline)
    assert page.inner_text(".karte .wert >> nth=0") == deadline
    assert "Keine Kündigungsfrist" not in page.inner_text("main")
    found["Bestätigt"] = violations(page)
    _shot(page, shots, "pruefliste-bestaetigt")
    assert {step: v for step, v in found.items() if v} == {}
    assert hidden_focus(seen) == []
