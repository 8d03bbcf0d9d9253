"""Hints staff read carry no keys of the file format (issue 21, »Jargon reaches staff«)."""

from __future__ import annotations

import datetime as dt
import re

import vereinbarung
from vereinbarung.web.pages.templatetags.klartext import klartext

PLACEHOLDER = """\
title: Vereinbarung mit Platzhalter
parties:
  - name: Stadt A
    representative: {name: Anna A, title: Bürgermeisterin}
  - name: Stadt B
    representative: {name: Bernd B, title: Bürgermeister}
review: [Inkrafttreten aus dem Amtsblatt eintragen]
term:
  effective: 01.01.2027
  placeholders: [effective]
"""


def test_the_open_points_of_an_import_name_the_form_not_the_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "platzhalter.yaml"
    path.write_text(PLACEHOLDER, encoding="utf-8")
    state = vereinbarung.state_on(vereinbarung.load_agreement(path), dt.date(2026, 12, 7))
    texts = [klartext(text) for text in [*state.warnings, *getattr(state, "open_points", ())]]
    joined = " ".join(texts)
    assert "Platzhalter" in joined, joined
    assert "»Bearbeiten«, Abschnitt »Laufzeit und Kündigung«" in joined
    for text in texts:
        assert not re.search(r"\bterm\.|placeholders|\(review\)|Expertenansicht", text), text
