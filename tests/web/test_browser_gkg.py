"""Browser test (issue 21): a GkG Kündigung recorded through the normal pages until it takes
effect, then the version history read; never the Expertenansicht.

Playwright drives Debian's chromium against ``vereinbarung web --demo`` (the fixtures of
:mod:`tests.web.test_browser`, a server of its own for this module). The example is the
Koordinierungsstelle Vormundschaften Aachen (§§ 23–24 GkG NRW, six parties, the notifying party
leaves): Stadt Würselen gives notice today; the agreement page then lists »Anzeige an die
Aufsichtsbehörde« and »Bekanntmachung der Kündigung«; after both, the state says »gekündigt«.
Screenshots go to ``docs/screenshots/`` with ``UPDATE_SCREENSHOTS=1``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

import vereinbarung

from .conftest import EXAMPLES
from .test_browser import _shot, page, server, shots  # noqa: F401  (fixtures of this module)

pytestmark = pytest.mark.slow

EXAMPLE = EXAMPLES / "koordinierungsstelle-vormundschaften-aachen.yaml"
BY = "Stadt Würselen"


def _expected_end(today: dt.date) -> dt.date:
    """The day Stadt Würselen is bound until, by the library, for a notice received, notified
    and published today."""
    agreement = vereinbarung.load_agreement(EXAMPLE)
    data = vereinbarung.read_data(EXAMPLE)
    others = {p.name: today.isoformat() for p in agreement.parties if p.name != BY}
    data["events"].append({
        "type": "notice", "by": BY, "form": "written", "received": others,
        "notified": today.isoformat(), "published": today.isoformat(),
    })  # fmt: skip
    state = vereinbarung.state_on(vereinbarung.agreement_from_data(data, source="x"), today)
    assert state.status == "notice_given"
    return state.leaving[BY]


def test_gkg_notice_until_it_takes_effect_and_the_history(page: Any, shots: Path) -> None:  # noqa: F811
    today = dt.date.today()
    day = vereinbarung.format_date(today)
    ends = vereinbarung.format_date(_expected_end(today))
    page.goto("/anmelden/")
    page.fill("#id_username", "demo")
    page.fill("#id_password", "demo")
    page.click("button[type=submit] >> text=Anmelden")
    page.wait_for_url(re.compile(r"/$"))
    page.goto("/?q=Vormundschaften")
    page.click("#tabelle a >> text=Öffentlich-rechtliche Vereinbarung")
    page.wait_for_selector("h2:has-text('Herleitung')")
    assert "in Kraft" in page.inner_text("h2 >> nth=0")
    agreement_url = page.url
    # the Kündigung, received today by every other party
    page.click("text=Ereignis erfassen")
    page.select_option("#id_typ", "notice")
    page.click("text=Felder anzeigen")
    page.select_option("#id_by", BY)
    page.select_option("#id_form", "written")
    names = [p.name for p in vereinbarung.load_agreement(EXAMPLE).parties]
    for index in range(len(names)):
        page.fill(f"#id_zugang-{index}", day)  # also, by mistake, for Würselen itself
    # the preview shows the error in place (htmx swaps the 400 answer), in German
    page.click("text=Vorschau: was bewirkt das Ereignis?")
    error = page.wait_for_selector("#vorschau .fehlerkasten")
    assert error is not None
    assert f"Zugang bei {BY}: bitte leer lassen" in error.inner_text()
    assert "Feld events" not in page.content()
    _shot(page, shots, "ereignis-vorschau-fehler")
    page.fill(f"#id_zugang-{names.index(BY)}", "")
    # the default button (first in the form) is not seen: one »Eintragen«, below the fields
    assert page.locator("#ereignis-form button:visible", has_text="Eintragen").count() == 1
    # Enter in a text field records (the default button), not »Felder anzeigen«
    page.press("#id_zugang-0", "Enter")
    page.wait_for_selector(".hinweis >> text=Ereignis eingetragen, aber ohne Wirkung")
    assert page.url == agreement_url
    assert "Bekanntmachung noch nicht erfasst" in page.inner_text(".hinweis >> nth=0")
    assert "in Kraft" in page.inner_text("h2 >> nth=0")
    steps = page.inner_text("section.schritte")
    assert f"Anzeige der Kündigung durch {BY}" in steps
    assert f"Bekanntmachung der Kündigung durch {BY}" in steps
    _shot(page, shots, "gkg-naechste-schritte")
    # step 1: the Anzeige, the Ereignis page opened filled in, with the preview
    page.click("section.schritte a >> text=Anzeige an die Aufsichtsbehörde")
    page.wait_for_selector("#wirkung")
    assert page.input_value("#id_date") == day
    assert page.locator("#id_typ option:checked").inner_text().startswith("Anzeige einer Kündigung")
    page.click("#ereignis-form .aktionen button >> text=Eintragen")
    page.wait_for_selector(".hinweis >> text=Ereignis eingetragen, aber ohne Wirkung")
    assert "Anzeige an die Aufsichtsbehörde" not in page.inner_text("section.schritte")
    # step 2: the Bekanntmachung, and the Kündigung takes effect
    page.click("section.schritte a >> text=Bekanntmachung der Kündigung")
    page.wait_for_selector("#wirkung")
    assert f"Kündigung wirkt zum {ends}" in page.inner_text("#wirkung")
    _shot(page, shots, "gkg-bekanntmachung")
    page.click("#ereignis-form .aktionen button >> text=Eintragen")
    page.wait_for_selector(".erfolg >> text=Ereignis eingetragen. Wirkung")
    assert (
        f"Kündigung wirkt zum {ends}; {BY} scheidet mit Ablauf des {ends} aus"
        in page.inner_text(".erfolg >> nth=0")
    )
    assert "gekündigt" in page.inner_text("h2 >> nth=0")
    assert page.locator("section.schritte").count() == 0
    assert f"{BY} scheidet mit Ablauf des {ends} aus" in page.inner_text("main")
    _shot(page, shots, "gkg-gekuendigt")
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
    page.click("summary >> text=Expertenansicht")
    assert "published:" in page.inner_text("pre.diff")
    # the start page no longer says only »in Kraft«
    page.goto("/?q=Vormundschaften")
    assert "gekündigt" in page.inner_text("#tabelle")
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
