"""Scoring an import against the expected fields of the corpus of published agreements.

``tests/import_corpus/agreements.yaml`` lists agreements written in the styles agreements are
published in (Bekanntmachung around the agreement, numbered lists, "Artikel", one paragraph per
line, Mindestlaufzeit, text run together by PDF extraction), each with the expected value of
every field. Each field of an import is **right** (the expected value, no review item),
**flagged** (a review item names the field: a person checks it) or **wrong** (a value other
than the expected one, and no review item: silently wrong). Used by
``tests/test_import_published.py`` (every field as expected) and ``benchmarks/bench_import.py
--corpus`` (the counts). The same texts are also imported as PDF (made with fpdf2) and as a
Word file with one paragraph per line (python-docx), both written at run time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from vereinbarung.importing.result import ImportResult, plain

CORPUS = Path(__file__).parent / "import_corpus"
AGREEMENTS = CORPUS / "agreements"
_LATIN_1 = str.maketrans({"–": "-", "—": "-", "„": '"', "“": '"', "”": '"', "’": "'", "…": "..."})


def load_cases() -> list[dict[str, Any]]:
    """The cases of ``agreements.yaml``."""
    data = YAML(typ="safe").load((CORPUS / "agreements.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def make_pdf(text: str, target: Path) -> Path:
    """A PDF with *text*, paragraph by paragraph (core font: Latin-1 only, dashes replaced)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for paragraph in text.translate(_LATIN_1).split("\n\n"):
        if paragraph.strip():
            pdf.multi_cell(w=0, h=5, text=paragraph.strip(), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    pdf.output(str(target))
    return target


def make_docx(text: str, target: Path) -> Path:
    """A Word file with one paragraph per line of *text* (the usual layout of Word files)."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        if line.strip():
            document.add_paragraph(line.strip())
    document.save(str(target))
    return target


def _flagged(result: ImportResult, field: str) -> bool:
    fields = [p.field for p in result.review]
    if field == "title":
        return "title" in fields
    if field == "parties":
        return any(
            f == "parties" or (f.startswith("parties ›") and f.endswith(("› name", "› kind")))
            for f in fields
        )
    if field.startswith("term."):
        key = field.split(".", 1)[1]
        return any(f in ("term", f"term › {key}") for f in fields)
    if field == "form.notice":
        return "form › notice" in fields
    if field == "events":
        return any(f.startswith("events") for f in fields)
    return False


def actual_fields(result: ImportResult) -> dict[str, Any]:
    """The fields scored, as plain data: title, parties, term values, form, events."""
    data = plain(result.data)
    found: dict[str, Any] = {
        "title": data.get("title"),
        "parties": [p["name"] for p in data.get("parties", [])],
        "form.notice": result.form.get("notice"),
        "events": [dict(e) for e in data.get("events", [])],
    }
    for key, value in data["term"].items():
        if key not in ("clause", "placeholders"):
            found[f"term.{key}"] = "placeholder" if (
                key == "effective" and result.placeholder_effective
            ) else value  # fmt: skip
    return found


def expected_fields(case: dict[str, Any]) -> dict[str, Any]:
    """The expected fields of *case* (every term key not given is expected absent)."""
    expect = case["expect"]
    fields: dict[str, Any] = {
        "title": expect["title"],
        "parties": list(expect["parties"]),
        "form.notice": (expect.get("form") or {}).get("notice"),
        "events": [
            {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in e.items()}
            for e in expect.get("events", [])
        ],
    }
    for key, value in expect["term"].items():
        fields[f"term.{key}"] = value.isoformat() if isinstance(value, dt.date) else value
    return fields


def score(result: ImportResult, case: dict[str, Any]) -> Iterator[tuple[str, str, Any, Any]]:
    """(field, verdict, expected, actual) for every field; verdict right, flagged or wrong."""
    expected = expected_fields(case)
    actual = actual_fields(result)
    for field in sorted(set(expected) | set(actual)):
        want, got = expected.get(field), actual.get(field)
        if _flagged(result, field):
            verdict = "flagged"
        elif want == got:
            verdict = "right"
        else:
            verdict = "wrong"
        yield field, verdict, want, got
