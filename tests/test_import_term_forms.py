"""Issue 22: sentences near the term clause that state no term of the agreement, and the old
spelling »Schluß«, each with a short text written for the test (not taken from the published
corpus): a law cited with its date, a time limit for a task, a term of office, »bis zum
Vertragsende« as a time limit, »zum Schluß eines Kalenderjahres« as the year end, the dates of
an act this agreement repeals, the date of the agreement itself (»Vertrages vom …«), »kündbar«,
»vor Ablauf von zehn Jahren … ist eine Kündigung ausgeschlossen« as a minimum term, »innerhalb der
Kündigungsfrist« as no new notice, »Abweichend von Satz 1 kann … kündigen, wenn …« as a special
right (a note), not the ordinary notice.
"""

from __future__ import annotations

from vereinbarung.importing.term_sentences import read_sentence
from vereinbarung.importing.words import Sentence
from vereinbarung.law.periods import Period
from vereinbarung.law.termination import NoticeTo


def _read(text: str) -> tuple[dict[str, object], list[str]]:
    facts, problems = read_sentence(Sentence(text, where="Test"))
    return {f.field: f.value for f in facts}, [p.message for p in problems if p.review]


def test_a_law_cited_with_its_date_gives_no_term_date() -> None:
    facts, problems = _read(
        "Es gelten die Bestimmungen des Gesetzes über das öffentliche Versorgungswesen vom "
        "25. Juni 1994 in der zum Zeitpunkt des Inkrafttretens dieses Vertrags geltenden Fassung."
    )
    assert not [m for m in problems if "25. Juni 1994" in m]
    assert "ends" not in facts
    assert "effective" not in facts


def test_a_date_after_vom_that_starts_a_range_is_not_taken_for_a_citation() -> None:
    # »Satzung vom 1. Januar 2020 bis …« states a period: its dates stay under review
    _, problems = _read(
        "Die Satzung vom 1. Januar 2020 bis 31. Dezember 2024 gilt fort; die Vereinbarung tritt "
        "in Kraft."
    )
    assert [m for m in problems if "1. Januar 2020" in m]


def test_a_time_limit_for_a_task_is_no_term() -> None:
    _, problems = _read(
        "Die Satzungen sind innerhalb von zwei Jahren nach dem Inkrafttreten dieses Vertrages "
        "anzupassen."
    )
    assert not [m for m in problems if "zwei Jahren" in m]


def test_a_term_of_office_is_no_term() -> None:
    _, problems = _read(
        "Die Mitglieder der Kommission werden für die Dauer von fünf Jahren berufen."
    )
    assert not [m for m in problems if "fünf Jahren" in m]


def test_a_period_in_a_notice_sentence_is_still_flagged_when_not_placed() -> None:
    # the exceptions above do not apply where the sentence speaks of notice or the term
    _, problems = _read(
        "Die Kündigung ist innerhalb von zwei Jahren nach dem Inkrafttreten ausgeschlossen."
    )
    assert [m for m in problems if "zwei Jahren" in m]


def test_until_the_end_of_the_contract_is_no_notice_date() -> None:
    facts, _ = _read(
        "Zur Auseinandersetzung nach einer Kündigung ist bis zum Vertragsende eine Vereinbarung "
        "abzuschließen."
    )
    assert "notice_to" not in facts


def test_schluss_in_the_old_spelling_is_the_year_end() -> None:
    facts, _ = _read(
        "Der Vertrag kann von jedem Land zum Schluß eines Kalenderjahres mit einer Frist von "
        "einem Jahr gekündigt werden."
    )
    assert facts["notice_to"] == NoticeTo.YEAR_END


def test_the_dates_of_an_act_repealed_are_no_term_dates() -> None:
    facts, problems = _read(
        "Mit dem Inkrafttreten dieses Abkommens tritt das zwischen den Ländern Hessen und Bayern "
        "geschlossene Abkommen über die Zuständigkeit eines Gerichts vom 3. November 1972 außer "
        "Kraft."
    )
    assert not [m for m in problems if "1972" in m]
    assert "ends" not in facts
    _, problems = _read(
        "Der am 1. März 1987 in Kraft getretene Staatsvertrag über die Gerichte wird mit "
        "Inkrafttreten dieses Staatsvertrages aufgehoben."
    )
    assert not [m for m in problems if "1987" in m]


def test_this_agreements_own_end_date_is_still_read() -> None:
    # »tritt … außer Kraft« without a repealing »Inkrafttreten dieses …«: the end of this one
    facts, _ = _read("Diese Vereinbarung tritt am 31. Dezember 2030 außer Kraft.")
    assert "ends" in facts


def test_the_date_of_the_agreement_itself_is_no_term_date() -> None:
    facts, problems = _read(
        "Die Neufassung des öffentlich-rechtlichen Vertrages vom 21.04.2010 tritt rückwirkend "
        "zum 01.01.2021 in Kraft."
    )
    assert not [m for m in problems if "21.04.2010" in m]
    assert "effective" in facts


def test_kuendbar_is_read_like_gekuendigt_werden() -> None:
    facts, _ = _read(
        "Der Vertrag ist unter Einhaltung einer Frist von einem Jahr zum Ende eines "
        "Kalenderjahres durch schriftliche Erklärung gegenüber allen Beteiligten kündbar."
    )
    assert facts["notice"] == Period(years=1)
    assert facts["notice_to"] == NoticeTo.YEAR_END


def test_unkuendbar_gives_no_notice() -> None:
    facts, _ = _read("Der Vertrag ist während der ersten fünf Jahre unkündbar.")
    assert "notice" not in facts


def test_notice_excluded_before_a_period_is_a_minimum_term() -> None:
    facts, problems = _read(
        "Vor Ablauf von zehn Jahren nach Inkrafttreten dieses Vertrages ist eine ordentliche "
        "Kündigung ausgeschlossen."
    )
    assert facts["minimum_term"] == Period(years=10)
    assert not [m for m in problems if "zehn Jahren" in m]


def test_within_the_notice_period_names_no_new_notice() -> None:
    _, problems = _read(
        "Im Fall der Kündigung bestimmt das Land innerhalb der Kündigungsfrist einen Rechtsträger."
    )
    assert not [m for m in problems if "Kündigungsfrist" in m]


def test_a_special_right_of_notice_under_a_condition_is_no_ordinary_notice() -> None:
    facts, problems = _read(
        "Abweichend von Satz 1 kann das Land Hessen den Vertrag mit einer Frist von einem Jahr "
        "kündigen, wenn sich das Gesetz über die Versorgung wesentlich ändert."
    )
    assert "notice" not in facts
    assert not problems  # a note, no review item: the ordinary notice of Satz 1 stands
    ordinary, _ = _read(
        "Der Vertrag kann mit einer Frist von einem Jahr gekündigt werden, wenn er nicht vorher "
        "aufgehoben wird."
    )
    assert ordinary["notice"] == Period(years=1)


def test_a_date_of_another_act_in_force_is_no_day_of_effect() -> None:
    # »am … in Kraft getretenen Verordnung«, the participle broken over a line as in a PDF
    for text in (
        "Die Zusammenarbeit wurde mit der am 03.05.2019 in Kraft getrete- nen "
        "Feuerwehrverordnung möglich.",
        "Die Zusammenarbeit wurde mit der am 03.05.2019 in Kraft gesetzten Satzung möglich.",
    ):
        facts, problems = _read(text)
        assert "effective" not in facts
        assert not [m for m in problems if "Inkrafttreten erwähnt" in m]


def test_a_cited_gazette_date_in_the_in_force_clause_is_flagged_not_taken() -> None:
    facts, problems = _read(
        "Die Vereinbarung tritt gemäß der Bekanntmachung im GVBl. vom 03.05.2019 in Kraft."
    )
    assert "effective" not in facts
    assert [m for m in problems if "zitierten Vorschrift" in m]
    # »mit Wirkung vom« after a Beschluss is still the day of effect
    facts, _ = _read(
        "Die Vereinbarung tritt nach Beschluss der Räte mit Wirkung vom 01.07.2019 in Kraft."
    )
    assert str(facts["effective"]) == "2019-07-01"
