"""Keyboard-only helpers for the browser workflows (issue 21): reach a control with Tab, choose
an option with the arrow keys, type into a field; and axe-core's findings on the page as it is.

Every focus reached is recorded (:func:`tests.web.test_accessibility._tab_to`), so that a test
can check that each focused element shows a visible outline (WCAG 2.4.7).
"""

from __future__ import annotations

import re
from typing import Any

from .test_accessibility import _axe, _tab_to

__all__ = ["choose", "hidden_focus", "log_in", "type_into", "violations"]


def log_in(tab: Any, name: str, password: str, seen: list[dict[str, Any]]) -> None:
    """Log in on ``/anmelden/`` by keyboard only and wait for the start page.

    The user name field has the focus by ``autofocus``; on a loaded machine the page may report
    »load« before the browser has applied it, and the keys would go elsewhere (CI: the login
    stayed on ``/anmelden/``), so the helper waits for the focus first and checks the field."""
    tab.goto("/anmelden/")
    tab.wait_for_function("document.activeElement && document.activeElement.id === 'id_username'")
    tab.keyboard.type(name)
    assert tab.input_value("#id_username") == name
    _tab_to(tab, "#id_password", seen)
    tab.keyboard.type(password)
    assert tab.input_value("#id_password") == password
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"://[^/]+/$"))


def choose(tab: Any, selector: str, value: str, seen: list[dict[str, Any]]) -> None:
    """Tab to the select *selector* and choose *value* with the arrow keys."""
    _tab_to(tab, selector, seen, limit=200)
    options = tab.eval_on_selector(selector, "s => [...s.options].map(o => o.value)")
    steps = options.index(value) - options.index(tab.input_value(selector))
    for _ in range(abs(steps)):
        tab.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
    assert tab.input_value(selector) == value


def type_into(tab: Any, selector: str, text: str, seen: list[dict[str, Any]]) -> None:
    """Tab to the field *selector*, clear it and type *text*."""
    _tab_to(tab, selector, seen, limit=200)
    tab.keyboard.press("Control+A")
    tab.keyboard.press("Delete")
    if text:
        tab.keyboard.type(text)


def violations(tab: Any) -> list[str]:
    """axe-core's WCAG 2.1 AA violations on the page as it is now."""
    return _axe(tab)


def hidden_focus(seen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The focused elements without a visible outline of ≥ 3:1 (past the last element the
    focus leaves the document for the browser: BODY, not counted)."""
    return [s for s in seen if not s["what"].startswith("BODY") and not (
        s["visible"] and s["style"] != "none" and s["width"] >= 2 and s["contrast"] >= 3)]  # fmt: skip
