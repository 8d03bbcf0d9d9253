"""The agreement after an amendment is the Lesefassung of the day asked (issue 9), marked as
such; a signed agreement is an Abschrift; no signing date stands over an empty signature line."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from docx import Document

from vereinbarung.documents.render import render_agreement
from vereinbarung.files.io import agreement_from_data, read_data

ROOT = Path(__file__).parent.parent
ADOPTION = ROOT / "examples" / "adoptionsvermittlung-rhein-kreis-neuss.yaml"
OLD = "Die Sach- und Personalkosten in Höhe von 190.000 Euro jährlich"
NEW = "Die Sach- und Personalkosten in Höhe von 210.000 Euro jährlich teilen sich"


def _amended() -> Any:
    data = read_data(ADOPTION)
    assert isinstance(data, dict)
    data["events"] = [
        *data["events"],
        {
            "type": "amendment",
            "date": "2026-03-02",
            "effective": "2026-04-01",
            "text": "§ 2 Abs. 1 erhält folgende Fassung: …",
            "sections": [
                {
                    "number": 2,
                    "heading": "Kosten",
                    "paragraphs": [
                        f"{NEW} die acht Kooperationspartner nach ihrer Einwohnerzahl.",
                        "Die Hälfte des Anteils ist zum 30.06. als Abschlag zu zahlen.",
                    ],
                }
            ],
        },
    ]
    return agreement_from_data(data)


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    body = "\n".join(p.text for p in doc.paragraphs)
    footer = "\n".join(p.text for p in doc.sections[0].footer.paragraphs)
    return " ".join(f"{body}\n{footer}".split())


def test_amended_agreement_is_the_lesefassung_of_the_day() -> None:
    text = _text(render_agreement(_amended(), on=dt.date(2026, 11, 21)).content)
    assert (
        "Lesefassung – Stand 21.11.2026, unter Berücksichtigung der Änderung vom 02.03.2026 "
        "(wirksam ab 01.04.2026)" in text
    )
    assert NEW in text
    assert OLD not in text
    assert "Fassung der Änderung vom 02.03.2026 (wirksam ab 01.04.2026)" in text
    assert "Lesefassung, Stand 21.11.2026" in text  # footer of every page


def test_before_the_amendment_takes_effect_the_old_text_and_a_note() -> None:
    text = _text(render_agreement(_amended(), on=dt.date(2026, 3, 15)).content)
    assert OLD in text
    assert NEW not in text
    assert "Lesefassung" not in text
    assert "Abschrift – Stand 15.03.2026" in text
    assert "Noch nicht berücksichtigt: Änderung vom 02.03.2026 (wirksam ab 01.04.2026)" in text


def test_before_the_amendment_is_concluded_it_is_not_mentioned() -> None:
    text = _text(render_agreement(_amended(), on=dt.date(2026, 2, 1)).content)
    assert OLD in text
    assert "02.03.2026" not in text


def test_signed_copy_has_no_dates_over_empty_signature_lines() -> None:
    doc = Document(io.BytesIO(render_agreement(_amended(), on=dt.date(2026, 11, 21)).content))
    lines = [p.text for p in doc.paragraphs]
    for i, line in enumerate(lines):
        if ", den " in line and line[-1].isdigit():  # a dated place line
            assert lines[i + 1].startswith("gez. "), lines[i : i + 2]
    assert "______________________________" not in lines
