"""Real published agreements (issue 22): the corpus is sound, and the importer's scores on it.

The corpus (``tests/import_corpus_published/``) and its scoring are described in
:mod:`tests.published_scoring` and the corpus README. Here: every text has a truth, the split
is the recorded one, the truth is taken from the text; the scorer tells right, flagged, wrong
and invented apart; each part and format scores at least the floor of ``scores.yaml`` (today's
importer, so nothing gets worse); and issue 22's target on the evaluation part, which today's
importer does not reach, is a strict expected failure: the day it is reached the run fails until
the marker is removed and the floor raised.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from vereinbarung.importing.importer import import_markdown

from .published_scoring import (
    CORPUS,
    FORMATS,
    PARTS,
    TEXTS,
    Tally,
    Verdict,
    load_cases,
    norm,
    pdf_text,
    recorded_parts,
    report,
    score_result,
    tally,
    verdicts,
    write_variant,
)

CASES = load_cases()
FLOOR: dict[str, dict[str, dict[str, int]]] = YAML(typ="safe").load(
    (CORPUS / "scores.yaml").read_text(encoding="utf-8")
)
KINDS = (
    "Stadt", "Gemeinde", "Markt", "Amt", "Kreis", "Landkreis", "Land", "Landeshauptstadt",
    "Verwaltungsgemeinschaft", "Verbandsgemeinde", "Zweckverband", "Seestadt", "Landgemeinde",
    "Freie und Hansestadt",
)  # fmt: skip
LAENDER = {
    "BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH",
}  # fmt: skip
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember")  # fmt: skip


@cache
def _verdicts() -> list[Verdict]:
    return verdicts(CASES)


@cache
def _table() -> dict[tuple[str, str], Tally]:
    return tally(CASES, _verdicts())


def _text(case: dict[str, Any]) -> str:
    return norm((TEXTS / f"{case['id']}.txt").read_text(encoding="utf-8"))


def test_every_text_has_one_case() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(p.stem for p in TEXTS.glob("*.txt"))
    assert len(CASES) >= 60
    for case in CASES:
        assert case["source"]["url"].startswith("http"), case["id"]
        assert case["land"] in LAENDER, case["id"]
        assert set(case["truth"]) == {"title", "parties", "term"}, case["id"]
        assert len(case["truth"]["parties"]) >= 2, case["id"]
        # parties_from: the Länder among the parties, where Länder are parties themselves
        parties_from = case.get("parties_from", [])
        assert set(parties_from) <= LAENDER, case["id"]
        assert len(set(parties_from)) == len(parties_from) <= len(case["truth"]["parties"])


def test_every_land_is_in_the_corpus() -> None:
    # issue 22: texts from all 16 Länder, as publisher or as party (README: which are which)
    publishers = {c["land"] for c in CASES}
    parties = {land for c in CASES for land in c.get("parties_from", [])}
    assert publishers | parties == LAENDER
    assert len(publishers) >= 15


def test_the_split_is_the_recorded_one() -> None:
    assert [c["part"] for c in CASES] == recorded_parts(CASES)
    assert {c["part"] for c in CASES} == set(PARTS)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_the_truth_is_taken_from_the_text(case: dict[str, Any]) -> None:
    text = _text(case)
    for entry in case["truth"]["parties"]:
        spellings = entry if isinstance(entry, list) else [entry]
        # the name without its kind (»Gemeinde«, »Stadt« …) is in the text
        places = [re.sub(rf"^(?:{'|'.join(KINDS)}) ", "", norm(s)) for s in spellings]
        assert any(p.split(" (")[0] in text for p in places), (case["id"], entry)
    for title in case["truth"]["title"]:
        words = norm(title).lower().split()
        assert all(w in text.lower() for w in words), (case["id"], title)
    for key, value in case["truth"]["term"].items():
        if isinstance(value, dt.date):
            written = {f"{value:%d.%m.%Y}", f"{value.day}. {MONTHS[value.month - 1]} {value.year}"}
            assert any(w in text for w in written), (case["id"], key, value)


SCORER_TEXT = """\
# Öffentlich-rechtliche Vereinbarung

zwischen der Stadt Ahlen, vertreten durch den Bürgermeister Max Muster,

und der Stadt Beckum, vertreten durch die Bürgermeisterin Erika Beispiel,

wird folgende Vereinbarung geschlossen:

## § 1 Gegenstand

Die Partner arbeiten zusammen.

## § 2 Laufzeit

Diese Vereinbarung tritt am 01.01.2024 in Kraft. Sie kann mit einer Frist von sechs Monaten zum
Ende eines Kalenderjahres gekündigt werden.
"""


def _case(truth: dict[str, Any]) -> dict[str, Any]:
    return {"id": "probe", "truth": truth}


def test_the_scorer_tells_right_wrong_invented_and_refused() -> None:
    result = import_markdown(SCORER_TEXT)
    # the probe is read cleanly: every verdict below is the scorer's (the review items asking
    # for the approval and publication of a gkg agreement in force by its text, issue 22,
    # concern no scored field)
    assert {p.field for p in result.review} <= {"events › approved", "events › published"}
    right = {
        "title": ["Öffentlich-rechtliche Vereinbarung"],
        "parties": ["Stadt Ahlen", ["Stadt Beckum", "Beckum"]],
        "term": {"effective": dt.date(2024, 1, 1), "notice": "6 Monate", "notice_to": "year_end"},
    }
    verdicts_right = {v.field: v.verdict for v in score_result(_case(right), "txt", result)}
    assert set(verdicts_right.values()) == {"right"}
    assert set(verdicts_right) == {
        "title", "parties", "term.effective", "term.notice", "term.notice_to",
    }  # fmt: skip
    wrong = {**right, "parties": ["Stadt Ahlen", "Stadt Neuss"], "term": {"notice": "3 Monate"}}
    got = {v.field: v.verdict for v in score_result(_case(wrong), "txt", result)}
    assert got["parties"] == "wrong"
    assert got["term.notice"] == "wrong"
    # stated nowhere in this truth, given by the importer without a review item: invented
    assert got["term.effective"] == "invented"
    assert got["term.notice_to"] == "invented"
    no_title = {**right, "title": []}
    got = {v.field: v.verdict for v in score_result(_case(no_title), "txt", result)}
    assert got["title"] == "invented"
    refused = [v.verdict for v in score_result(_case(right), "txt", None)]
    assert refused == ["refused"] * 5


def test_the_scorer_counts_a_review_item_as_flagged() -> None:
    result = import_markdown(SCORER_TEXT.replace("tritt am 01.01.2024 in Kraft. Sie ", ""))
    truth = {"title": ["Öffentlich-rechtliche Vereinbarung"], "parties": ["Stadt Ahlen", "Stadt Beckum"],
             "term": {"effective": dt.date(2024, 1, 1)}}  # fmt: skip
    got = {v.field: v.verdict for v in score_result(_case(truth), "txt", result)}
    assert got["term.effective"] == "flagged"


def test_the_pdf_keeps_dashes_and_quotes_in_latin_1() -> None:
    # before: »–KVÜ-« and »„Der Stadtrat« became »?KVÜ-« and »?Der Stadtrat« in the PDF variant
    assert pdf_text("Miltenberg –KVÜ- „Der Stadtrat“ … ‚x‘ — Chóśebuz") == (
        "Miltenberg -KVÜ- \"Der Stadtrat\" ... 'x' - Chosebuz"
    )
    assert norm("Kreisstraßenunterhaltung und –verwaltung „A“") == (
        'Kreisstraßenunterhaltung und -verwaltung "A"'
    )


def test_every_text_can_be_written_in_every_format(tmp_path: Path) -> None:
    # the PDF core font is Latin-1 only: »•« and the like must not stop the PDF variant
    for case in CASES:
        text = (TEXTS / f"{case['id']}.txt").read_text(encoding="utf-8")
        for kind in FORMATS:
            path = write_variant(text, kind, tmp_path)
            assert path.suffix == f".{kind}"
            assert path.stat().st_size > 500


def test_the_report_lists_the_evaluation_part_only_on_request() -> None:
    # the evaluation part is never used to tune the importer: by default it is only counted
    evaluation = {c["id"] for c in CASES if c["part"] == "evaluation"}
    found = _verdicts()
    failing = {v.case for v in found if v.verdict in ("wrong", "invented", "refused")}
    if not failing & evaluation:  # the importer fails none: a made-up failure must stay hidden
        made_up = sorted(evaluation)[0]
        found = [*found, Verdict(made_up, "txt", "title", "wrong", "Titel", "anderer Titel")]
        failing.add(made_up)
    assert failing & evaluation, "no failing evaluation case: the check below proves nothing"

    def listed(lines: list[str]) -> set[str]:
        return {line.split()[1] for line in lines if line.split(":")[0] in _FAILURES}

    default = report(CASES, found, evaluation=False)
    assert not listed(default) & evaluation
    assert listed(default) == failing - evaluation
    assert listed(report(CASES, found, evaluation=True)) == failing


_FAILURES = {"wrong", "invented", "refused"}


@pytest.mark.parametrize(("part", "kind"), [(p, k) for p in PARTS for k in FORMATS])
def test_no_score_falls_below_the_floor(part: str, kind: str) -> None:
    entry = _table()[(part, kind)]
    floor = FLOOR[part][kind]
    assert entry.stated == floor["stated"], "truth changed: measure again, update scores.yaml"
    assert entry.counts.get("right", 0) >= floor["right"]
    assert entry.silently_wrong <= floor["silently_wrong"]
    assert entry.refused_cases <= floor["refused_texts"]


@pytest.mark.xfail(
    strict=True,
    reason="issue 22 not done: the importer refuses none and gets none silently wrong, but "
    "reads only 57-61 % of the stated values right (see benchmarks/README.md); when this passes, remove the marker and raise scores.yaml",
)
@pytest.mark.parametrize("kind", FORMATS)
def test_issue_22_target_on_the_evaluation_part(kind: str) -> None:
    entry = _table()[("evaluation", kind)]
    assert entry.silently_wrong == 0
    assert entry.refused_cases == 0
    assert entry.share_right() >= 0.75
