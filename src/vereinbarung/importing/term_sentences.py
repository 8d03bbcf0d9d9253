"""The sentence scanner of the term clause: one sentence in, its facts and review items out.

Rule-based. Every full date and every period in a sentence about the term must be *placed* by
a rule (Inkrafttreten, Laufzeitende, Dauer, Verlängerung, Kündigungsfrist, »frühestens zum«:
:mod:`vereinbarung.importing.term_dates`; Kündigungstermin:
:mod:`vereinbarung.importing.term_notice_to`; Arbeitstage, Zugang, Form:
:mod:`vereinbarung.importing.term_notice`); a date or period no rule places and a wording no
rule knows become review items (:class:`~vereinbarung.importing.words.Problem`), never a
value. A sentence about an earlier agreement, and one about extraordinary notice (§ 60
VwVfG), gives no dates. Not term values, so no review item on the term (issue 22): a date
citing a law or the agreement itself (»Gesetz über … vom 25. Juni 1994«, »des Vertrages vom
21.04.2010«), the dates of the act this agreement repeals (a note), a time limit for a task
(»innerhalb von zwei Jahren … anzupassen«) and a term of office (»für die Dauer von fünf
Jahren berufen«) where the sentence does not speak of notice or the term. »kündbar« is read as
»kündigbar« (the same word), so »… zum Ende eines Kalenderjahres kündbar« gives its notice.
»Abweichend von Satz 1 kann … kündigen, wenn …« is a special right of notice under a
condition: a note, not a second ordinary notice.
"""

from __future__ import annotations

import re

from vereinbarung.importing.term_dates import (
    ANOTHER_ACT_IN_FORCE,
    IN_FORCE,
    INDEFINITE_WORDS,
    RENEWS,
    RUNS_ON_INDEFINITELY,
    read_effective,
    read_end_dates,
    read_periods,
    read_renewal,
)
from vereinbarung.importing.term_notice import read_notice_by, read_notice_clauses, read_workdays
from vereinbarung.importing.term_notice_to import read_notice_to
from vereinbarung.importing.term_work import SentenceWork, left_of
from vereinbarung.importing.words import Fact, Problem, Sentence, find_dates, find_periods

__all__ = ["read_sentence"]

_RELEVANT = re.compile(
    r"in\s*-?\s*kraft|außer\s+kraft|laufzeit|verlänger|kündig|befrist|unbestimmte\s+zeit|"
    r"vertragsdauer|geltungsdauer|gilt\s+ab|gilt\s+bis|\bdauer\s+von|für\s+(?:die\s+dauer|"
    r"einen\s+zeitraum)|\bendet\b|geschlossen|\bbeginnt\b|wirksam",
    re.IGNORECASE,
)
_EXTRAORDINARY = re.compile(
    r"außerordentlich|aus\s+wichtigem\s+grund|fristlos|§\s*60\s+vwvfg|"
    r"wegfall\s+der\s+geschäftsgrundlage",
    re.IGNORECASE,
)
_ORDINARY = re.compile(r"(?<!außer)ordentlich", re.IGNORECASE)
_OTHER_AGREEMENT = re.compile(
    r"(?:vereinbarung|vertrag|fassung)\s+vom\s+\d|(?:bisherige|vorherige|frühere|ursprüngliche|"
    r"bestehende)[nr]?\s+(?:\w+\s+)?(?:vereinbarung|vertrag|kooperationsvereinbarung)",
    re.IGNORECASE,
)
# a date naming a law, an ordinance or a statute: »Gesetz über … vom 25. Juni 1994 (BayRS …)«,
# or a document directly: »die Neufassung des Vertrages vom 21.04.2010 tritt … in Kraft«
_CITED_LAW = re.compile(
    r"\b(?:gesetz|verordnung|satzung|richtlinie|bekanntmachung|beschluss|\w*ordnung)\w*\b"
    r"[^.;]{0,120}\bvom\s+$|\b\w*(?:vertrag|vereinbarung|abkommen)(?:e?s)?\s+vom\s+$"
)
# another contract named with its subject: »in Fortsetzung des öffentlich-rechtlichen Vertrages
# zur gemeinsamen Trägerschaft der Schulen im Amt A vom 20.02.2019« (an amending contract)
_CITED_CONTRACT = re.compile(
    r"\b(?:des|dem)\s+(?:[\w-]+\s+){0,2}?[\w-]*vertrag(?:e?s)?\b[^.;:]{0,160}?\bvom\s+$"
)
# »Mit dem Inkrafttreten dieses Abkommens tritt das … Abkommen … vom 3. November 1972 außer
# Kraft«, »Der am 1. März 1987 in Kraft getretene Staatsvertrag … wird mit Inkrafttreten dieses
# Staatsvertrages aufgehoben«: the dates of such a sentence are those of the act repealed
_REPEALS = re.compile(
    r"inkrafttreten\s+dies(?:es|er)\s+\w+.*\b(?:außer\s+kraft|aufgehoben)\b"
    r"|\b(?:außer\s+kraft|aufgehoben)\b.*inkrafttreten\s+dies(?:es|er)\s+\w+"
    r"|inkrafttreten\s+dies(?:es|er)\s+\w+\s+(?:wird|werden)\b.*\baufgehoben\b"
)
# »am 10.10.2017 in Kraft getretenen Gutachterausschussverordnung«: the date of another act
_OTHER_ACT_DATE = re.compile(r"\s+in\s*-?\s*kraft\s*(?:getre|gesetz|tre-?\s*ten-?\s*de|befind)")
_RANGE = re.compile(r"\s*(?:bis|an|in\s+kraft)\b")  # »vom 1. Januar bis …«: a term
# a period as a time limit for a task (»innerhalb von zwei Jahren … anzupassen«) or a term of
# office (»für die Dauer von fünf Jahren berufen«): neither is a Dauer, Verlängerung or Frist of
# the agreement, unless the sentence speaks of its term or notice
_TERM_WORDS = re.compile(r"kündig|laufzeit|verlänger|befrist|geltungsdauer|vertragsdauer")
_DEADLINE = re.compile(r"\b(?:innerhalb|binnen)\s+(?:von\s+)?$")
_OFFICE_TERM = re.compile(r"\s+(?:\w+\s+){0,3}(?:berufen|gewählt|bestellt|ernannt)\b")
# »Abweichend von Satz 1 kann der Freistaat Sachsen den Staatsvertrag mit einer Frist von einem
# Jahr kündigen, wenn …«: a special right of notice bound to a condition, beside the ordinary
# notice of the sentence it departs from (which stays the notice of the agreement)
_SPECIAL_RIGHT = re.compile(
    r"^abweichend\s+von\s+(?:den\s+)?(?:satz|sätzen|absatz|absätzen)\b[^.]*?\bkündig[^.]*?"
    r"\b(?:wenn|falls|sofern|soweit)\b"
)
_KUENDBAR = re.compile(r"(?<![Uu]n)([Kk])ündbar")
_GKG = re.compile(
    r"gesetz(?:es)?\s+über\s+(?:die\s+)?kommunale\s+gemeinschaftsarbeit|\bgkg\b|"
    r"öffentlich-rechtliche\s+vereinbarung",
    re.IGNORECASE,
)


def read_sentence(sentence: Sentence) -> tuple[list[Fact], list[Problem]]:
    """Facts and problems of one sentence of the agreement."""
    flat = " ".join(sentence.text.split())
    # »… zum Ende eines Kalenderjahres kündbar«: the adjective says what »kann … gekündigt
    # werden« says; written »kündigbar« (the other spelling) the rules below read it
    flat = _KUENDBAR.sub(r"\1ündigbar", flat)
    work = SentenceWork(sentence, flat, flat.lower())
    low = work.low
    if _OTHER_AGREEMENT.search(low) and _RELEVANT.search(low):
        work.problem(
            "term",
            "Satz betrifft offenbar eine andere (frühere) Vereinbarung; Daten daraus nicht "
            "übernommen",
        )
        return work.facts, work.problems
    read_notice_clauses(work)
    if _GKG.search(low):
        work.fact("regime", "gkg")
    if not _RELEVANT.search(low):
        return work.facts, work.problems
    if _EXTRAORDINARY.search(low) and not _ORDINARY.search(low):
        return work.facts, work.problems  # extraordinary notice: § 60 VwVfG, no deadline
    if _SPECIAL_RIGHT.search(low):
        work.problem(
            "term › notice",
            "Sonderkündigungsrecht unter einer Bedingung (»abweichend von … kann … kündigen, "
            "wenn …«); nicht als ordentliche Kündigungsfrist übernommen",
            review=False,
        )
        return work.facts, work.problems
    dates = find_dates(flat)
    periods = find_periods(flat)
    read_effective(work, dates)
    read_end_dates(work, dates)
    read_notice_by(work)
    read_workdays(work)
    read_periods(work, periods)
    read_renewal(work)
    if INDEFINITE_WORDS.search(low) and not RUNS_ON_INDEFINITELY.search(low):
        work.fact("indefinite", True)
    if "kündig" in low or re.search(r"vor\s+(?:ablauf|ende)", low):
        read_notice_to(work)
    # everything with a date or a period must have been placed by a rule
    repeals = _REPEALS.search(low)
    for mention in dates:
        if (mention.start, mention.end) in work.placed:
            continue
        if repeals and mention.year is not None:
            work.problem(
                "term",
                f"Datum »{mention.raw}« gehört zu der Regelung, die mit dieser Vereinbarung "
                "außer Kraft tritt; nicht übernommen",
                review=False,
            )
            continue
        cited = _CITED_LAW.search(left_of(low, mention.start)) or _CITED_CONTRACT.search(
            left_of(low, mention.start, 220)
        )
        if cited and not _RANGE.match(low[mention.end :]):
            continue  # »des Gesetzes über … vom 25. Juni 1994«: a law cited, no term date
        if _OTHER_ACT_DATE.match(low[mention.end :]):
            work.problem(
                "term",
                f"Datum »{mention.raw}« gehört zu einer anderen, bereits in Kraft getretenen "
                "Regelung; nicht übernommen",
                review=False,
            )
            continue
        if (
            mention.year is None
            and re.search(r"zum\s+$", left_of(low, mention.start))
            and mention.day == 31
            and mention.month == 12
        ):
            continue  # "zum 31.12. eines Jahres": the notice date
        if mention.year is None and any(p.field == "term › notice_to" for p in work.problems):
            continue
        work.problem(
            "term",
            f"Datum »{mention.raw}« keiner Angabe zuzuordnen (Inkrafttreten, Laufzeitende, "
            "frühestens zum); nicht übernommen",
        )
    for period in periods:
        if (period.start, period.end) in work.placed:
            continue
        if not _TERM_WORDS.search(low) and (
            _DEADLINE.search(left_of(low, period.start)) or _OFFICE_TERM.match(low[period.end :])
        ):
            continue  # a time limit for a task or a term of office, no term of the agreement
        work.problem(
            "term",
            f"Frist »{period.raw}« keiner Angabe zuzuordnen (Dauer, Verlängerung, "
            "Kündigungsfrist); nicht übernommen",
        )
    names = {f.field for f in work.facts}
    if (
        RENEWS.search(low)
        and not names & {"renewal", "renewal_optional", "renewal_same_as_duration"}
        and not any(p.field == "term › renewal" for p in work.problems)
    ):
        work.problem("term › renewal", "Verlängerung erwähnt, aber nicht verstanden")
    if (
        any(not ANOTHER_ACT_IN_FORCE.match(low[m.end() :]) for m in IN_FORCE.finditer(low))
        and not names & {"effective", "effective_basis"}
        and not any(p.field == "term › effective" for p in work.problems)
    ):
        work.problem("term › effective", "Inkrafttreten erwähnt, aber nicht verstanden")
    if (
        re.search(r"kündigungsfrist|\bfrist\b", low)
        and "kündig" in low
        and "notice" not in names
        and not any(p.field == "term › notice" for p in work.problems)
        and not re.search(
            r"frist\w*\s+(?:gilt|ist)\s+(?:als\s+)?(?:gewahrt|eingehalten)|"
            r"(?:für\s+die|zur)\s+(?:wahrung|berechnung)\s+der\s+frist|"
            r"fristgerecht|fristwahrung|rechtzeitig|"
            r"(?:innerhalb|während|nach\s+ablauf)\s+der\s+kündigungsfrist",
            low,
        )
    ):
        work.problem("term › notice", "Kündigungsfrist erwähnt, aber nicht verstanden")
    return work.facts, work.problems
