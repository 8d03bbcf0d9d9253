"""Browser test (chromium via Playwright, ``vereinbarung web --demo``): two windows edit the
same agreement in the Expertenansicht; the later save is refused, pressing »Prüfen und
speichern« again is refused again, and only the explicit »Meine Fassung speichern (Änderung
von … überschreiben)« saves – recorded in the version's reason."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .test_browser import page, server  # noqa: F401  (module-scoped fixtures of that file)

pytestmark = pytest.mark.slow

SET_NOTICE = (
    "([a, b]) => { const t = document.querySelector('#id_text'); t.value = t.value.replace(a, b); }"
)


def test_second_submit_after_a_conflict_needs_an_explicit_overwrite(
    page: Any,  # noqa: F811
    server: str,  # noqa: F811
) -> None:
    page.goto("/anmelden/")
    page.fill("#id_username", "demo")
    page.fill("#id_password", "demo")
    page.click("button[type=submit] >> text=Anmelden")
    page.wait_for_url(re.compile(r"/$"))
    page.goto("/?q=Bauhof")
    page.click("#tabelle a >> text=Bauhöfe")
    page.wait_for_selector("h2:has-text('Herleitung')")
    edit = page.url + "yaml/"
    page.goto(edit)  # window A opens the text (version 1)
    other_context = page.context.browser.new_context(base_url=server)
    other_context.add_cookies(page.context.cookies())
    other = other_context.new_page()
    other.goto(edit)  # window B: the same text, saved first
    other.evaluate(SET_NOTICE, ["notice: 3 Monate", "notice: 4 Monate"])
    other.click("button >> text=Prüfen und speichern")
    other.wait_for_selector("text=Gespeichert als Version 2")
    # window A: its own change, on version 1
    page.evaluate(SET_NOTICE, ["subtitle: ", "subtitle: (A) "])
    page.click("button >> text=Prüfen und speichern")
    page.wait_for_selector("#konflikt")
    compared = page.inner_text("table.vergleich")
    assert "notice: 4 Monate" in compared
    assert "notice: 3 Monate" in compared
    assert "(A)" in compared
    # »Prüfen und speichern« again: refused again, the other change is kept
    page.click("button >> text=Prüfen und speichern")
    page.wait_for_selector("#konflikt")
    assert "Nicht gespeichert" in page.inner_text("#konflikt")
    other.goto(edit)
    assert "notice: 4 Monate" in other.input_value("#id_text")
    # the explicit choice saves, and says so in the version's reason
    page.click("button >> text=Meine Fassung speichern")
    page.wait_for_selector("text=Gespeichert als Version 3")
    assert "Änderung von demo überschrieben, Version 2" in page.inner_text("body")
    other.goto(edit)
    text = other.input_value("#id_text")
    assert "notice: 3 Monate" in text
    assert "(A)" in text
    other_context.close()
