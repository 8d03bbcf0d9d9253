"""Issue 22, second round: the first possible end is no Kündigungstermin, with sentences written
for the test (not taken from the published corpus): »erstmals mit Ablauf von N Jahren« is a
minimum term, and a period end after »erstmals«/»frühestens« (»zum Ende des Monats«, »zum
Ablauf des Jahres 2030«) names that first end, not the notice date of every notice (a review
item on the earliest end instead).
"""

from __future__ import annotations

from vereinbarung.importing.term_sentences import read_sentence
from vereinbarung.importing.words import Sentence
from vereinbarung.law.periods import Period
from vereinbarung.law.termination import NoticeTo


def _read(text: str) -> tuple[dict[str, object], list[tuple[str, str]]]:
    facts, problems = read_sentence(Sentence(text, where="Test"))
    return {f.field: f.value for f in facts}, [(p.field, p.message) for p in problems if p.review]


def test_erstmals_mit_ablauf_is_a_minimum_term_and_its_month_end_no_notice_date() -> None:
    facts, problems = _read(
        "Die Kündigung nach Satz 1 ist erstmals mit Ablauf von drei Jahren zum Ende des Monats "
        "möglich, in dem die Vereinbarung unterzeichnet wurde."
    )
    assert facts.get("minimum_term") == Period(years=3)
    assert "notice_to" not in facts
    assert [f for f, _ in problems] == ["term › earliest_end"]


def test_the_first_year_end_is_no_notice_date() -> None:
    facts, problems = _read("Eine Kündigung ist erstmals zum Ablauf des Jahres 2030 zulässig.")
    assert "notice_to" not in facts
    assert any(f == "term › earliest_end" and "zum Ablauf des Jahres" in m for f, m in problems)


def test_the_ordinary_notice_date_before_erstmals_is_kept() -> None:
    facts, _ = _read(
        "Die Vereinbarung kann mit einer Frist von sechs Monaten zum Ende eines Kalenderjahres "
        "gekündigt werden, erstmals zum 31.12.2030."
    )
    assert facts.get("notice_to") == NoticeTo.YEAR_END
    assert facts.get("notice") == Period(months=6)
