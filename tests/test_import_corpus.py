"""The import corpus: differently worded term clauses and party blocks, each with its result.

``tests/import_corpus/term_clauses.yaml`` and ``party_blocks.yaml`` hold the wordings and what
must come out (see the comments at their top). Besides the expected values every case is held
to the rule of the importer: a date in the term clause of the file is a date of the text, or a
review item says why it is not; what the importer cannot read is a review item, never a value.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from vereinbarung.files.io import load_agreement
from vereinbarung.importing.importer import ImportResult, import_markdown
from vereinbarung.importing.output import to_yaml
from vereinbarung.importing.resolve import PLACEHOLDER_EFFECTIVE
from vereinbarung.importing.words import find_dates
from vereinbarung.model.clauses import Term

CORPUS = Path(__file__).parent / "import_corpus"


def _load(name: str) -> list[dict[str, Any]]:
    data = YAML(typ="safe").load((CORPUS / name).read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


TERM_CASES = _load("term_clauses.yaml")
PARTY_CASES = _load("party_blocks.yaml")

FRAME = """\
# **Kooperationsvereinbarung**

## **über die Zusammenarbeit im Test**
{header}
zwischen der

### **Stadt Ahlen**

- vertreten durch Herrn Bürgermeister Max Muster -{hard}
Markt 1{hard}
59227 Ahlen

und der

### **Stadt Beckum**

- vertreten durch Frau Bürgermeisterin Erika Beispiel -{hard}
Weststraße 46{hard}
59269 Beckum

wird folgende Kooperationsvereinbarung geschlossen:

## **§ 1**

### **Gegenstand**

Die Partner arbeiten bei der Aufgabe zusammen.

## **§ 2**

### **{heading}**

{clause}

## **§ 3**

### **Kosten**

Die Kosten tragen die Partner zu gleichen Teilen.

## Unterschriften

Ahlen, den {first}

---

Max Muster{hard}
Bürgermeister

Beckum, den {second}

---

Erika Beispiel{hard}
Bürgermeisterin
"""


def agreement_text(case: dict[str, Any]) -> str:
    """The small agreement around the clause of *case*, written like the seed."""
    clause = case["clause"]
    if len(clause) == 1:
        body = clause[0]
    else:
        body = "\n".join(f"- ({n}) {text}" for n, text in enumerate(clause, start=1))
    signed = case.get("signed") or ["", ""]
    return FRAME.format(
        header=f"\n{case['header']}\n" if case.get("header") else "",
        heading=case.get("heading", "Laufzeit und Kündigung"),
        clause=body,
        first=signed[0],
        second=signed[1],
        hard="  ",
    )


def _term(result: ImportResult) -> dict[str, Any]:
    """The term clause read, without its citation and the list of placeholders."""
    return {k: v for k, v in result.data["term"].items() if k not in ("clause", "placeholders")}


def test_the_corpus_is_big_enough() -> None:
    assert len(TERM_CASES) >= 30
    assert len(PARTY_CASES) >= 10
    ids = [c["id"] for c in TERM_CASES + PARTY_CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", TERM_CASES, ids=[c["id"] for c in TERM_CASES])
def test_term_clause(case: dict[str, Any], tmp_path: Path) -> None:
    text = agreement_text(case)
    result = import_markdown(text, source=case["id"])
    term = _term(result)
    expected = dict(case["expect"])
    if expected.get("effective") == "placeholder":
        expected.pop("effective")
        assert result.placeholder_effective
        assert term.pop("effective") == case.get("effective_lower_bound", PLACEHOLDER_EFFECTIVE)
        provenance = result.provenance_of("term", "effective")
        assert provenance is not None
        assert provenance.note is not None
        assert "PLATZHALTER" in provenance.note
        if "placeholders" in Term.model_fields:
            assert result.data["term"]["placeholders"] == ["effective"]
    else:
        assert "placeholders" not in result.data["term"]
        assert not result.placeholder_effective
    assert term == expected
    review = {p.field for p in result.review}
    assert {f for f in review if f.startswith("term")} == set(case["review"])
    # issue 22: a gkg agreement in force by its text, with no approval or publication read,
    # gets both »laut Text in Kraft seit …« and a review item for each
    by_text = [
        e for e in result.data.get("events", [])
        if e["type"] == "approved" or "laut Text" in str(e.get("gazette", ""))
    ]  # fmt: skip
    in_force_by_text = (
        case.get("regime") == "gkg"
        and isinstance(term.get("effective"), dt.date)
        and not any(e["type"] == "published" and "laut Text" not in str(e.get("gazette", ""))
                    for e in result.data.get("events", []))
    )  # fmt: skip
    events_review = {"events › approved", "events › published"} if in_force_by_text else set()
    assert len(by_text) == (2 if in_force_by_text else 0) or not in_force_by_text
    assert {f for f in review if not f.startswith("term")} == events_review  # the frame is clean
    assert result.complete == (not case["review"] and not events_review)
    assert result.data.get("regime") == case.get("regime")
    for key, value in (case.get("form") or {}).items():
        assert result.form.get(key) == value
    if "on_party_notice" in case:
        assert result.data.get("on_party_notice") == case["on_party_notice"]
    # the file is valid, and its term is the one read
    assert result.agreement.term.model_dump(exclude={"clause"}, exclude_none=True).keys() >= {
        k for k in result.data["term"] if k != "clause"
    }
    # the file written is the agreement read, with plain values (no YAML anchors)
    written = tmp_path / "vereinbarung.yaml"
    written.write_text(to_yaml(result), encoding="utf-8")
    assert "&id" not in written.read_text(encoding="utf-8")
    assert load_agreement(written) == result.agreement
    # every value carries the sentence it was read from (a day of effect assumed: its review)
    for key in result.data["term"]:
        if key not in ("clause", "placeholders", "effective"):
            provenance = result.provenance_of("term", key)
            assert provenance is not None, key
            assert provenance.sources, key
    # a fixed notice day or day of receipt is one the text names
    for key in ("notice_to", "notice_by"):
        value = result.data["term"].get(key)
        for day in [value] if isinstance(value, str) else value if isinstance(value, list) else []:
            if day[:1].isdigit():
                month = int(day[3:5])
                assert any(m.day == int(day[:2]) and m.month == month for m in find_dates(text))
    # never a date that is not in the text, unless a review item says why
    in_text = {m.date for m in find_dates(text) if m.date}
    for key, value in result.data["term"].items():
        if isinstance(value, dt.date) and value not in in_text:
            assert key in ("effective", "earliest_end")
            if key == "effective":
                assert "term › effective" in review or result.placeholder_effective
            else:  # the end of a minimum term, counted from the day of effect
                provenance = result.provenance_of("term", "earliest_end")
                assert provenance is not None
                assert provenance.note is not None
                assert "Mindestlaufzeit" in provenance.note


def test_the_term_clause_is_cited() -> None:
    case = TERM_CASES[0]
    result = import_markdown(agreement_text(case))
    assert result.data["term"]["clause"] == "§ 2"
    provenance = result.provenance_of("term", "ends")
    assert provenance is not None
    (sentence,) = provenance.sources
    assert sentence.label == "§ 2 Abs. 2"
    assert sentence.text.startswith("Die Laufzeit dieser Vereinbarung endet am 31.12.2026")
    assert sentence.where.startswith("Zeile ")


# -- party blocks ------------------------------------------------------------------------------

PARTY_FRAME = """\
# Öffentlich-rechtliche Vereinbarung

{block}

## § 1 Gegenstand

Die Beteiligten arbeiten zusammen.

## § 2 Laufzeit

Diese Vereinbarung tritt am 01.01.2024 in Kraft und wird auf unbestimmte Zeit geschlossen. Sie \
kann mit einer Frist von sechs Monaten zum Ende eines Kalenderjahres gekündigt werden.
"""


@pytest.mark.parametrize("case", PARTY_CASES, ids=[c["id"] for c in PARTY_CASES])
def test_party_block(case: dict[str, Any]) -> None:
    result = import_markdown(PARTY_FRAME.format(block=case["block"].rstrip("\n")))
    parties = [dict(p) for p in result.data["parties"]]
    expected = [dict(p) for p in case["expect"]]
    for party in expected:
        if isinstance(party.get("address"), dict):
            party["address"] = {k: str(v) for k, v in party["address"].items()}
    assert parties == expected
    review = {p.field for p in result.review}
    assert {f for f in review if f.startswith("parties")} == set(case.get("review", []))
    # each party's values are cited with the line they come from
    for index, party in enumerate(result.data["parties"]):
        name = result.provenance_of("parties", index, "name")
        assert name is not None
        assert party["name"].split()[-1] in name.sources[0].text
        if "address" in party:
            address = result.provenance_of("parties", index, "address")
            assert address is not None
            assert party["address"]["postal_code"] in address.sources[0].text
