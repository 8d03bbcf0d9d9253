"""Browser test (issue 21): a GkG Kündigung recorded through the normal pages until it takes
effect, by keyboard, with axe-core at each step; one party leaves and the others continue, on
the page and in the subscribed calendar; then the version history. Never the Expertenansicht.

Playwright drives Debian's chromium against ``vereinbarung web --demo`` (the fixtures of
:mod:`tests.web.test_browser`, a server of its own for this module). The example is the
Koordinierungsstelle Vormundschaften Aachen (§§ 23–24 GkG NRW, six parties, ``party_leaves``):
Stadt Würselen gives notice today; the agreement page then lists »Anzeige an die
Aufsichtsbehörde« and »Bekanntmachung der Kündigung«; after both, Würselen leaves at the end it
reaches and the agreement stays in force for the five others: »Stadt Würselen scheidet zum …
aus; für die übrigen Parteien in Kraft«, their deadlines on the page and in the feed, no entry
of the feed cancelled. Screenshots go to ``docs/screenshots/`` with ``UPDATE_SCREENSHOTS=1``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

import vereinbarung

from .conftest import EXAMPLES
from .keyboard import choose, hidden_focus, log_in, type_into, violations
from .test_accessibility import _tab_to
from .test_browser import _shot, page, server, shots  # noqa: F401  (fixtures of this module)

pytestmark = pytest.mark.slow

EXAMPLE = EXAMPLES / "koordinierungsstelle-vormundschaften-aachen.yaml"
BY = "Stadt Würselen"


def _expected(today: dt.date) -> vereinbarung.AgreementState:
    """The state, by the library, after a notice by Stadt Würselen received, notified and
    published today."""
    agreement = vereinbarung.load_agreement(EXAMPLE)
    data = vereinbarung.read_data(EXAMPLE)
    others = {p.name: today.isoformat() for p in agreement.parties if p.name != BY}
    data["events"].append({
        "type": "notice", "by": BY, "form": "written", "received": others,
        "notified": today.isoformat(), "published": today.isoformat(),
    })  # fmt: skip
    return vereinbarung.state_on(vereinbarung.agreement_from_data(data, source="x"), today)


def _feed(tab: Any, address: str) -> dict[str, Any]:
    """The events of the subscribed calendar, by UID, as a calendar client fetches them."""
    response = tab.context.request.get(address)
    assert response.ok
    return {str(e["uid"]): e for e in Calendar.from_ical(response.body()).walk("VEVENT")}


def test_gkg_notice_one_party_leaves_the_others_continue(page: Any, shots: Path) -> None:  # noqa: F811
    today = dt.date.today()
    day = vereinbarung.format_date(today)
    expected = _expected(today)
    assert expected.status == "in_force"
    ends = vereinbarung.format_date(expected.leaving[BY])
    seen: list[dict[str, Any]] = []
    found: dict[str, list[str]] = {}
    log_in(page, "demo", "demo", seen)
    # the calendar subscribed before: what it shows must not be cancelled later
    page.goto("/konto/")
    page.click("button[value=kalender]")
    address = page.inner_text("#kalenderadresse").strip()
    before = _feed(page, address)
    page.goto("/?q=Vormundschaften")
    page.click("#tabelle a >> text=Öffentlich-rechtliche Vereinbarung")
    page.wait_for_selector("h2:has-text('Herleitung')")
    assert "in Kraft" in page.inner_text("h2 >> nth=0")
    agreement_url = page.url
    found["Vereinbarung vorher"] = violations(page)
    # the Kündigung, received today by every other party, entered by keyboard
    _tab_to(page, "main a.knopf[href$='/ereignis/']", seen)
    page.keyboard.press("Enter")
    page.wait_for_selector("#id_typ")
    choose(page, "#id_typ", "notice", seen)
    _tab_to(page, "button[form=typ-form]", seen)
    page.keyboard.press("Enter")
    page.wait_for_selector("#id_by")
    choose(page, "#id_by", BY, seen)
    choose(page, "#id_form", "written", seen)
    names = [p.name for p in vereinbarung.load_agreement(EXAMPLE).parties]
    for index in range(len(names)):
        type_into(page, f"#id_zugang-{index}", day, seen)  # also, by mistake, for Würselen
    # the preview shows the error in place (htmx swaps the 400 answer), in German
    _tab_to(page, "button[value=vorschau]", seen)
    page.keyboard.press("Enter")
    error = page.wait_for_selector("#vorschau .fehlerkasten")
    assert error is not None
    assert f"Zugang bei {BY}: bitte leer lassen" in error.inner_text()
    assert "Feld events" not in page.content()
    found["Ereignis mit Fehler"] = violations(page)
    _shot(page, shots, "ereignis-vorschau-fehler")
    type_into(page, f"#id_zugang-{names.index(BY)}", "", seen)
    # the default button (first in the form) is not seen: one »Eintragen«, below the fields
    assert page.locator("#ereignis-form button:visible", has_text="Eintragen").count() == 1
    # Enter in a text field records (the default button), not »Felder anzeigen«
    _tab_to(page, "#id_zugang-0", seen, limit=200)
    page.keyboard.press("Enter")
    page.wait_for_selector(".hinweis >> text=Ereignis eingetragen, aber ohne Wirkung")
    assert page.url == agreement_url
    assert "Bekanntmachung noch nicht erfasst" in page.inner_text(".hinweis >> nth=0")
    assert "in Kraft" in page.inner_text("h2 >> nth=0")
    steps = page.inner_text("section.schritte")
    assert f"Anzeige der Kündigung durch {BY}" in steps
    assert f"Bekanntmachung der Kündigung durch {BY}" in steps
    found["Nächste Schritte"] = violations(page)
    _shot(page, shots, "gkg-naechste-schritte")
    # step 1: the Anzeige, the Ereignis page opened filled in, with the preview
    _tab_to(page, "section.schritte a[href*='typ=notice_notified']", seen)
    page.keyboard.press("Enter")
    page.wait_for_selector("#id_date")
    assert page.input_value("#id_date") == ""  # never today by default: typed in
    assert page.get_attribute("#id_date", "required") is not None
    type_into(page, "#id_date", day, seen)
    _tab_to(page, "button[value=vorschau]", seen)
    page.keyboard.press("Enter")
    page.wait_for_selector("#wirkung")
    assert page.locator("#id_typ option:checked").inner_text().startswith("Anzeige einer Kündigung")
    found["Anzeige mit Vorschau"] = violations(page)
    _tab_to(page, "#ereignis-form .aktionen button[value=speichern]", seen)
    page.keyboard.press("Enter")
    page.wait_for_selector(".hinweis >> text=Ereignis eingetragen, aber ohne Wirkung")
    assert "Anzeige an die Aufsichtsbehörde" not in page.inner_text("section.schritte")
    # step 2: the Bekanntmachung, and the Kündigung takes effect
    _tab_to(page, "section.schritte a[href*='typ=notice_published']", seen)
    page.keyboard.press("Enter")
    page.wait_for_selector("#id_date")
    assert page.input_value("#id_date") == ""
    type_into(page, "#id_date", day, seen)
    _tab_to(page, "button[value=vorschau]", seen)
    page.keyboard.press("Enter")
    page.wait_for_selector("#wirkung")
    assert f"Kündigung wirkt zum {ends}" in page.inner_text("#wirkung")
    found["Bekanntmachung mit Vorschau"] = violations(page)
    _shot(page, shots, "gkg-bekanntmachung")
    _tab_to(page, "#ereignis-form .aktionen button[value=speichern]", seen)
    page.keyboard.press("Enter")
    page.wait_for_selector(".erfolg >> text=Ereignis eingetragen. Wirkung")
    assert (
        f"Kündigung wirkt zum {ends}; {BY} scheidet mit Ablauf des {ends} aus"
        in page.inner_text(".erfolg >> nth=0")
    )
    # Würselen leaves, the five others continue: in force, with their deadlines
    assert "in Kraft" in page.inner_text("h2 >> nth=0")
    assert "gekündigt" not in page.inner_text("h2 >> nth=0")
    assert page.inner_text("ul.teilkuendigung") == (
        f"{BY} scheidet zum {ends} aus; für die übrigen Parteien in Kraft"
    )
    assert page.locator("section.schritte").count() == 0
    assert expected.notice_deadline is not None
    deadline = vereinbarung.format_date(expected.notice_deadline)
    assert deadline in page.inner_text(".karte >> nth=0")
    termine = page.inner_text("main table >> nth=0")
    assert deadline in termine
    assert "Keine Kündigungsfrist" not in page.inner_text("main")
    found["Teilkündigung wirksam"] = violations(page)
    _shot(page, shots, "gkg-teilkuendigung")
    # the subscribed calendar keeps the continuing deadlines; nothing is cancelled
    after = _feed(page, address)
    cancelled = [str(e["summary"]) for e in after.values() if str(e.get("status")) == "CANCELLED"]
    assert cancelled == []
    assert set(before) <= set(after)
    continuing = [e for e in after.values() if "Kündigungsfrist" in str(e["summary"])
                  and e.decoded("dtstart") == expected.notice_deadline]  # fmt: skip
    assert continuing
    # the version history, in German
    history = page.inner_text("table.versionen")
    assert f"Ereignis erfasst: Kündigung durch {BY}" in history
    assert f"Kündigung durch {BY} – Anzeige an die Aufsichtsbehörde: – → {day}" in history
    assert f"Kündigung durch {BY} – Bekanntmachung: – → {day}" in history
    assert "notified" not in history
    assert "published:" not in history
    page.locator("table.versionen a").first.click()
    page.wait_for_selector("h1:has-text('Version')")
    assert f"Bekanntmachung: – → {day}" in page.inner_text("ul.aenderungen")
    assert not page.locator("pre.diff").is_visible()  # the YAML only in the expert view
    _shot(page, shots, "versionen")
    # the start page says »in Kraft« for the others, not »gekündigt«
    page.goto("/?q=Vormundschaften")
    assert "in Kraft" in page.inner_text("#tabelle")
    assert "gekündigt" not in page.inner_text("#tabelle")
    # Enter in a field of the form saves (not »Partei hinzufügen«); the history names the field
    page.goto(agreement_url)
    page.click(".aktionen a >> text=Bearbeiten")
    page.wait_for_selector("#id_short_name")
    parties = page.locator("input[name$='-name'][name^='partei-']").count()
    page.fill("#id_short_name", "Vormundschaften AC")
    page.press("#id_short_name", "Enter")
    page.wait_for_selector("text=Gespeichert als Version 5")
    assert "Kurzname: – → Vormundschaften AC" in page.inner_text("table.versionen")
    assert len(vereinbarung.load_agreement(EXAMPLE).parties) == parties
    assert {step: v for step, v in found.items() if v} == {}
    hidden = hidden_focus(seen)
    assert hidden == [], hidden
