"""The term clause in words: rules that read Inkrafttreten, Laufzeit, Verlängerung, Kündigung.

Rule-based, sentence by sentence. Every full date and every period in a sentence about the
term must be *placed* by a rule (Inkrafttreten, Laufzeitende, Dauer, Verlängerung,
Kündigungsfrist, »frühestens zum«); a date or period no rule places, a wording no rule knows
and two sentences that disagree become review items (:class:`Problem`), never a value. What the
model cannot say (a notice to 30.06. or 31.12., a renewal to a fixed day) is a review item too.

The wordings (``vereinbarungen.md``, ``fristen.md``):

* Inkrafttreten: "tritt zum/am/mit Wirkung vom 01.02.2023 / 1. Februar 2023 in Kraft",
  "tritt am Tage nach ihrer Bekanntmachung in Kraft" (§ 24 Abs. 4 GkG NRW: the day after the
  publication; the day is not in the text), "tritt mit ihrer Unterzeichnung in Kraft", "gilt ab",
  "Die Laufzeit beginnt am".
* Laufzeit: "endet am 31.12.2026", "tritt mit Ablauf des 31.12.2026 außer Kraft", "für die Dauer
  von fünf Jahren", "Die Laufzeit beträgt drei Jahre", "wird auf unbestimmte Zeit geschlossen".
* Verlängerung: "verlängert sich um jeweils zwei weitere Jahre / um ein weiteres Jahr / auf
  unbestimmte Zeit, wenn sie nicht … gekündigt wird".
* Kündigung: "mit einer Frist von 6 Monate(n) / sechs Monaten / einem Jahr", "mit einer
  zweijährigen Kündigungsfrist", "spätestens sechs Monate vor Ablauf der Laufzeit"; Termin "zum
  Laufzeitende", "vor Ablauf der Vertragslaufzeit" (term_end), "zum Ende eines Kalenderjahres",
  "zum 31. Dezember eines jeden Jahres", "zum Ende des Haushaltsjahres" (year_end: the
  Haushaltsjahr of a municipality is the calendar year, § 78 Abs. 4 GO NRW, unless a law says
  otherwise for a field, so it stays a review item), "zum Ende eines Kalendervierteljahres"
  (quarter_end), "zum Monatsende" (month_end); "frühestens jedoch zum 31.12.2030".
* Form and addressees: "Die Kündigung bedarf der Schriftform", "ist allen übrigen Partnern
  gegenüber zu erklären"; what one party's notice does ("bleibt … unberührt").

>>> reading = read_term([Sentence("Diese Vereinbarung tritt zum 1. Februar 2023 in Kraft.", 5, 1),
...                      Sentence("Sie wird auf unbestimmte Zeit geschlossen und kann mit einer "
...                               "Frist von sechs Monaten zum Ende eines Kalenderjahres gekündigt "
...                               "werden.", 5, 2)])
>>> reading.effective, reading.indefinite, str(reading.notice), reading.notice_to.value
(datetime.date(2023, 2, 1), True, '6 Monate', 'year_end')
>>> reading.problems
()
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from vereinbarung.importing.term_shapes import (
    MINIMUM_TERM_LEFT,
    form_of_notice,
    new_shapes,
    unclear_minimum,
)
from vereinbarung.importing.words import (
    MONTH_PATTERN,
    DateMention,
    Fact,
    PeriodMention,
    Problem,
    Sentence,
    find_dates,
    find_periods,
)
from vereinbarung.law.dates import format_date
from vereinbarung.law.periods import Period
from vereinbarung.law.terms import NoticeTo
from vereinbarung.model.events import OnPartyNotice
from vereinbarung.model.fields import INDEFINITE

__all__ = [
    "EffectiveBasis",
    "TermReading",
    "read_sentence",
    "read_term",
]

EffectiveBasis = Literal[
    "date",  # a day named in the text
    "publication",  # the day after the publication (§ 24 Abs. 4 GkG NRW)
    "publication_or_date",  # a named day, but not before the day after the publication
    "signature",  # the day of the last signature (+ offset)
    "unknown",  # no rule, or a wording the rules do not know
]


# -- the rules -----------------------------------------------------------------------------------

_RELEVANT = re.compile(
    r"in\s*-?\s*kraft|außer\s+kraft|laufzeit|verlänger|kündig|befrist|unbestimmte\s+zeit|"
    r"vertragsdauer|geltungsdauer|gilt\s+ab|gilt\s+bis|\bdauer\s+von|für\s+(?:die\s+dauer|"
    r"einen\s+zeitraum)|\bendet\b|geschlossen|\bbeginnt\b|wirksam",
    re.IGNORECASE,
)
_SUBJECT = re.compile(
    r"laufzeit|vereinbarung|vertrag|\bsie\b|\ber\b|zusammenarbeit|kooperation|geltungsdauer|"
    r"vertragsverhältnis|vertragszeit",
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
_IN_FORCE = re.compile(r"(?<!außer\s)\bin\s*-?\s*kraft\b", re.IGNORECASE)
_ENTERS = re.compile(r"\btr(?:itt|eten)\b", re.IGNORECASE)
_PUBLICATION = re.compile(
    r"bekanntmachung|bekanntgabe|veröffentlichung|verkündung|bekannt\s*gemacht|"
    r"öffentlich\s+bekannt",
    re.IGNORECASE,
)
_SIGNING = re.compile(
    r"^(?:mit|bei)\s+(?:der\s+|ihrer\s+|seiner\s+)?(?:letzten\s+)?(?:unterzeichnung|unterschrift)"
    r"(?:\s+(?:durch|von)\s+(?:alle|sämtliche|die|den)\s+[\w*]+(?:\s+[\w*]+)?)?$"
    r"|^mit\s+dem\s+tag(?:e)?\s+(?:der|ihrer)\s+(?:letzten\s+)?(?:unterzeichnung|unterschrift)"
    r"(?:\s+(?:durch|von)\s+(?:alle|sämtliche|die)\s+[\w*]+(?:\s+[\w*]+)?)?$",
    re.IGNORECASE,
)
_DAY_AFTER_SIGNING = re.compile(
    r"^am\s+tag(?:e)?\s+nach\s+(?:der|ihrer)\s+(?:letzten\s+)?(?:unterzeichnung|unterschrift)"
    r"(?:\s+(?:durch|von)\s+(?:alle|sämtliche|die)\s+[\w*]+(?:\s+[\w*]+)?)?$",
    re.IGNORECASE,
)
_PUBLICATION_RULE = re.compile(
    r"^(?:(?:am|mit\s+dem)\s+tag(?:e)?\s+nach\s+|mit\s+(?:der\s+|ihrer\s+)?|nach\s+(?:der\s+|ihrer\s+)?)"
    r"(?:öffentlichen\s+)?(?:bekanntmachung|veröffentlichung|bekanntgabe|verkündung)"
    r"(?:\s+(?:im|in\s+(?:dem|den))\s+[\w.\-\s]+?)?$",
    re.IGNORECASE,
)
_NON_AUTOMATIC_RENEWAL = re.compile(
    r"\bkann\b[^.;]*\bverlängert\s+werden|\bverlängerung\s+(?:bedarf|ist\s+möglich|kann)|"
    r"über\s+eine\s+verlängerung|\beinvernehmlich\w*\s+(?:\w+\s+)?verlänger|"
    r"verlängerung\s+(?:wird|werden)\s+(?:\w+\s+)?(?:verhandelt|vereinbart|beschlossen)",
    re.IGNORECASE,
)
_RENEWS = re.compile(
    r"\bverlänger(?:t|n)\s+(?:\w+\s+){0,3}?sich\b|\bwird\s+(?:\w+\s+){0,8}?verlängert\b|"
    r"\bsich\s+(?:\w+\s+){0,4}?verlängert\b",
    re.IGNORECASE,
)
_RUNS_ON_INDEFINITELY = re.compile(
    r"(?:nach\s+ablauf|danach|anschließend|im\s+anschluss)[^.;]*?(?:läuft|gilt|besteht|"
    r"verlängert)[^.;]*?auf\s+unbestimmte\s+zeit|verlänger\w*\s+(?:\w+\s+){0,4}?auf\s+"
    r"unbestimmte\s+zeit",
    re.IGNORECASE,
)
_INDEFINITE = re.compile(
    r"auf\s+unbestimmte\s+zeit|\bunbefristet|ohne\s+(?:zeitliche\s+)?befristung|"
    r"auf\s+unbefristete\s+zeit",
    re.IGNORECASE,
)
_SAME_PERIOD = re.compile(
    r"verlänger\w*\s+(?:\w+\s+){0,3}?(?:jeweils\s+)?um\s+(?:jeweils\s+)?(?:die\s+gleiche|den\s+"
    r"gleichen|denselben|dieselbe|die\s+ursprüngliche|die\s+vereinbarte)\s+(?:laufzeit|zeitraum|"
    r"dauer|zeit)",
    re.IGNORECASE,
)
_NOTICE_FORM = re.compile(
    r"kündigung\w*[^.;]*?(?:bedarf|bedürfen|hat|haben|muss|müssen|ist|sind)\s+(?:der\s+|in\s+)?"
    r"(?:schriftform|schriftlich|durch\s+eingeschrieben)|schriftlich\s+(?:zu\s+)?(?:ge)?kündig|"
    r"kündigung\w*[^.;]*?schriftlich",
    re.IGNORECASE,
)
_NO_NOTICE = re.compile(
    r"(?:ordentliche\s+)?kündigung\s+(?:\w+\s+){0,4}?(?:ist|wird)\s+(?:\w+\s+)?ausgeschlossen|"
    r"(?:nicht|kann\s+nicht)\s+(?:ordentlich\s+)?gekündigt\s+werden|ohne\s+dass\s+es\s+einer\s+"
    r"kündigung\s+bedarf",
    re.IGNORECASE,
)
_ADDRESSEES_ALL = re.compile(
    r"(?:allen|sämtlichen|jedem\s+der)\s+(?:übrigen|anderen|weiteren)\s+[\w*-]*(?:partner|"
    r"beteiligten|parteien|kommunen|vertragschließenden|mitgliedern)\w*[^.;]*?gegenüber|"
    r"gegenüber\s+(?:allen|sämtlichen)\s+(?:übrigen|anderen|weiteren)\s+[\w*-]*(?:partner|"
    r"beteiligten|parteien|kommunen|vertragschließenden)",
    re.IGNORECASE,
)
_ADDRESSEE_ONE = re.compile(
    r"gegenüber\s+(?:der|dem)\s+(?P<who>(?:federführenden\s+)?[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*)*)"
    r"[^.;]*?(?:zu\s+erklären|zu\s+richten|zu\s+kündigen|erklärt\s+werden)",
)
_PARTY_LEAVES = re.compile(
    r"kündig[^.]*?(?:zwischen\s+den\s+(?:übrigen|anderen|verbleibenden)[^.]*?(?:fortgesetzt|"
    r"fort|unberührt|weiter)|(?:bleibt|bleiben|lässt|lassen)\s+[^.]*?unberührt|scheidet\s+[^.]*?aus)"
    r"|(?:scheidet|scheiden)\s+[^.]*?durch\s+kündigung\s+aus"
    r"|werden\s+nur\s+einzelne\s+[^.]*?gekündigt[^.]*?unberührt",
    re.IGNORECASE,
)
_MAJORITY = re.compile(
    r"mehr\s+als\s+(?:der\s+|die\s+)?hälfte[^.]*?(?:außer\s+kraft|endet|aufgelöst|beendet)|"
    r"(?:außer\s+kraft|endet|aufgelöst|beendet)[^.]*?mehr\s+als\s+(?:der\s+|die\s+)?hälfte",
    re.IGNORECASE,
)
_ENDS_FOR_ALL = re.compile(
    r"kündig[^.]*?(?:insgesamt|für\s+alle\s+(?:partner|parteien|beteiligten)?)\s*"
    r"(?:gegenstandslos|beendet|aufgelöst|außer\s+kraft)|kündig[^.]*?endet\s+(?:die|diese)\s+"
    r"vereinbarung\s+(?:insgesamt|für\s+alle)",
    re.IGNORECASE,
)
_LEAD_WORDS = re.compile(r"federführend|schwerpunkt|hauptverantwortlich", re.IGNORECASE)
_GKG = re.compile(
    r"gesetz(?:es)?\s+über\s+(?:die\s+)?kommunale\s+gemeinschaftsarbeit|\bgkg\b|"
    r"öffentlich-rechtliche\s+vereinbarung",
    re.IGNORECASE,
)

# notice dates (Kündigungstermine)
_TO_TERM_END = re.compile(
    r"zum\s+(?:jeweiligen\s+)?(?:laufzeitende|vertragsende|ablauf\s+der\s+(?:jeweiligen\s+)?"
    r"(?:vertrags)?laufzeit|ende\s+der\s+(?:jeweiligen\s+)?(?:vertrags)?laufzeit|ende\s+der\s+"
    r"(?:jeweiligen\s+)?verlängerung\w*|ablauf\s+der\s+(?:jeweiligen\s+)?verlängerung\w*|ende\s+"
    r"des\s+(?:jeweiligen\s+)?(?:vertrags|verlängerungs|laufzeit)zeitraum\w*|ende\s+der\s+"
    r"(?:jeweiligen\s+)?vertragszeit)"
    r"|vor\s+(?:ablauf|dem\s+ende|ende|beendigung)\s+der\s+(?:jeweiligen\s+|ersten\s+)?"
    r"(?:vertrags)?(?:laufzeit|verlängerung\w*|vertragszeit)"
    r"|vor\s+(?:ablauf|dem\s+ende|ende)\s+(?:des|eines)\s+(?:jeweiligen\s+)?"
    r"(?:verlängerungs|vertrags)zeitraum\w*",
    re.IGNORECASE,
)
_TO_YEAR_END = re.compile(
    r"zum\s+(?:ende|schluss|ablauf)\s+(?:eines|des|jedes|jeden)\s+(?:jeweiligen\s+)?"
    r"kalenderjahr(?:e)?s|zum\s+jahres(?:ende|schluss)|zum\s+31\.\s?12\.(?!\s?\d{4})|"
    r"zum\s+31\.\s*dezember(?!\s*\d{4})|vor\s+(?:ablauf|dem\s+ende|ende)\s+(?:eines|des|jedes)\s+"
    r"(?:jeweiligen\s+)?kalenderjahr(?:e)?s|vor\s+jahresende",
    re.IGNORECASE,
)
_TO_YEAR_END_VAGUE = re.compile(
    r"zum\s+(?:ende|schluss|ablauf)\s+(?:eines|des|jedes|jeden)\s+(?:jeweiligen\s+)?jahres",
    re.IGNORECASE,
)
_TO_BUDGET_YEAR_END = re.compile(
    r"zum\s+(?:ende|schluss|ablauf)\s+(?:eines|des|jedes|jeden)\s+(?:jeweiligen\s+)?"
    r"haushaltsjahr(?:e)?s|vor\s+(?:ablauf|ende)\s+(?:eines|des)\s+haushaltsjahr(?:e)?s",
    re.IGNORECASE,
)
_TO_QUARTER_END = re.compile(
    r"zum\s+(?:ende|schluss|ablauf)\s+(?:eines|des|jedes|jeden)\s+(?:jeweiligen\s+)?"
    r"(?:kalender)?(?:vierteljahr(?:e)?s|quartals)|zum\s+quartals(?:ende|schluss)",
    re.IGNORECASE,
)
_TO_MONTH_END = re.compile(
    r"zum\s+(?:ende|schluss|ablauf|letzten\s+tag)\s+(?:eines|des|jedes|jeden)\s+"
    r"(?:jeweiligen\s+)?(?:kalender)?monats|zum\s+monats(?:ende|schluss|letzten)",
    re.IGNORECASE,
)
_DAY_MONTH = rf"(?:\d{{1,2}}\.\s?\d{{1,2}}\.|\d{{1,2}}\.\s*(?:{MONTH_PATTERN}))"
_TO_UNSUPPORTED = re.compile(
    r"zum\s+(?:ende|schluss|ablauf)\s+(?:eines|des|jedes)\s+(?:jeweiligen\s+)?"
    r"(?:schul|kindergarten|kita|wirtschafts|geschäfts|halb|schulhalb)jahr(?:e)?s"
    rf"|zum\s+{_DAY_MONTH}\s+(?:oder|und|bzw\.)\s+(?:zum\s+)?{_DAY_MONTH}?"
    r"|\bjederzeit\b|halbjahres(?:ende|schluss)",
    re.IGNORECASE,
)
_RECEIPT_BY_DAY = re.compile(
    r"(?:bis\s+(?:spätestens\s+)?(?:zum\s+)?|spätestens\s+(?:bis\s+)?(?:zum\s+|am\s+)?)"
    r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s+(?:eines|des|jedes|jeden)\s+(?:jeweiligen\s+)?"
    r"(?:kalender)?jahres",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Sentence:
    """Work area for one sentence: what was placed, what was found."""

    source: Sentence
    flat: str
    low: str
    facts: list[Fact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    placed: set[tuple[int, int]] = field(default_factory=set)

    def fact(self, name: str, value: object, note: str | None = None) -> None:
        self.facts.append(Fact(name, value, self.source, note))

    def problem(self, name: str, message: str, *, review: bool = True) -> None:
        self.problems.append(Problem(name, message, self.source, review))

    def place(self, start: int, end: int) -> None:
        self.placed.add((start, end))


def _left(low: str, start: int, width: int = 90) -> str:
    """Text before *start* back to the start of the clause (sentence, ``;``)."""
    piece = low[max(0, start - width) : start]
    cut = max(piece.rfind(";"), piece.rfind(". "))
    return piece[cut + 1 :] if cut >= 0 else piece


def _clause_of(low: str, start: int) -> str:
    before = max(low.rfind(";", 0, start), -1)
    after = low.find(";", start)
    return low[before + 1 : after if after >= 0 else len(low)]


def _in_force_spans(work: _Sentence) -> list[tuple[int, int]]:
    """(start, end) of the words between "tritt" and "in Kraft" (or the clause start)."""
    spans = []
    for match in _IN_FORCE.finditer(work.low):
        clause_start = max(work.low.rfind(";", 0, match.start()), -1) + 1
        enters = list(_ENTERS.finditer(work.low, clause_start, match.start()))
        start = enters[-1].end() if enters else clause_start
        tail = work.low[match.end() : match.end() + 40]
        if re.match(r"\s*-?\s*treten\b", tail) and not enters:
            start = clause_start  # "soll am 01.01.2024 in Kraft treten"
        spans.append((start, match.start()))
        after = re.match(
            r"\s*(?:,\s*)?(?:und\s+zwar\s+)?(?:am|zum|mit\s+wirkung\s+(?:vom|zum))\s+", tail
        )
        if after:  # "tritt in Kraft am 01.01.2024"
            spans.append((match.end(), min(len(work.low), match.end() + 40)))
    return spans


def _effective_rule(work: _Sentence, dates: list[DateMention]) -> None:
    spans = _in_force_spans(work)
    for start, end in spans:
        inside = [d for d in dates if start <= d.start and d.end <= end]
        words = " ".join(work.low[start:end].replace(",", " ").split())
        words = re.sub(r"^(?:diese|die|sie|der|das)\s+(?:\w+\s+)?", "", words)
        for mention in inside:
            work.place(mention.start, mention.end)
        full = [d for d in inside if d.date is not None]
        if any(d.impossible for d in inside):
            work.problem("term › effective", "das Datum des Inkrafttretens gibt es nicht")
            continue
        if not full and inside:
            work.problem("term › effective", "das Datum des Inkrafttretens hat keine Jahreszahl")
            continue
        publication = bool(_PUBLICATION.search(words))
        if len(full) > 1:
            work.problem(
                "term › effective",
                "mehrere Daten für das Inkrafttreten ("
                + ", ".join(format_date(d.date) for d in full if d.date)
                + "); keines übernommen",
            )
            continue
        if full:
            day = full[0].date
            if publication:
                work.fact(
                    "effective", day,
                    "genannter Tag, aber nicht vor dem Tag nach der Bekanntmachung "
                    "(§ 24 Abs. 4 GkG NRW)",
                )  # fmt: skip
                work.fact("effective_basis", "publication_or_date")
            elif re.search(r"unterzeichnung|unterschrift|genehmigung", words):
                work.problem(
                    "term › effective",
                    "das Inkrafttreten hängt außer vom Datum noch von Unterzeichnung oder "
                    "Genehmigung ab",
                )
            else:
                note = "rückwirkend" if "rückwirkend" in words else None
                work.fact("effective", day, note)
                work.fact("effective_basis", "date")
            continue
        if _PUBLICATION_RULE.match(words) or (publication and "nach" in words):
            work.fact("effective_basis", "publication")
        elif _SIGNING.match(words):
            work.fact("effective_basis", "signature")
        elif _DAY_AFTER_SIGNING.match(words):
            work.fact("effective_basis", "signature")
            work.fact("effective_offset", 1)
        elif words:
            shown = " ".join(work.flat[start:end].split()).strip(" ,")
            work.problem(
                "term › effective",
                f"Inkrafttreten »{shown}« nicht verstanden; kein Datum übernommen",
            )
        else:
            work.problem("term › effective", "Inkrafttreten ohne Datum")
    if spans:
        return
    # "Die Laufzeit beginnt am …", "gilt ab dem …", "mit Wirkung vom … geschlossen"
    for mention in dates:
        left = _left(work.low, mention.start)
        if (
            re.search(
                r"(?:laufzeit|vereinbarung|zusammenarbeit|vertrag)\s+beginnt\s+(?:am|mit\s+dem|zum)\s+$"
                r"|\b(?:gilt|wirkt|wirksam)\s+(?:ab|mit\s+wirkung\s+vom|vom)\s+(?:dem\s+)?$"
                r"|\bmit\s+wirkung\s+(?:vom|zum|ab)\s+(?:dem\s+)?$|\bwird\s+(?:am|zum)\s+$"
                r"|inkrafttreten\s+(?:erfolgt|ist)\s+(?:am|zum)\s+$"
                r"|(?:laufzeit|zeitraum|zeit)\s+vom\s+$",
                left,
            )
            or (
                re.search(r"\b(?:vom|ab\s+dem|ab)\s+$", left)
                and re.match(r"\s*bis\b", work.low[mention.end :])
                and re.search(
                    r"laufzeit|\bgilt\b|\bläuft\b|vereinbarung", _clause_of(work.low, mention.start)
                )
            )
        ) and not re.search(r"verlänger|kündig", left):
            if re.search(r"\bwird\s+(?:am|zum)\s+$", left) and not re.search(
                r"^\s*(?:wirksam|geschlossen)", work.low[mention.end :]
            ):
                continue
            work.place(mention.start, mention.end)
            if mention.date is None:
                work.problem("term › effective", "Beginn ohne gültiges Datum")
            else:
                work.fact("effective", mention.date)
                work.fact("effective_basis", "date")


def _end_dates(work: _Sentence, dates: list[DateMention]) -> None:
    low = work.low
    for mention in dates:
        if (mention.start, mention.end) in work.placed:
            continue
        left = _left(low, mention.start)
        right = low[mention.end : mention.end + 30]
        clause = _clause_of(low, mention.start)
        earliest = re.search(
            r"(?:frühestens|erstmals|erstmalig|nicht\s+vor)\s+(?:jedoch\s+|aber\s+|dem\s+)?"
            r"(?:zum\s+|am\s+|mit\s+wirkung\s+zum\s+|zu\s+dem\s+|mit\s+ablauf\s+des\s+|"
            r"ablauf\s+des\s+)?$",
            left,
        )
        if earliest and "kündig" in clause:
            work.place(mention.start, mention.end)
            if mention.date is None:
                work.problem("term › earliest_end", "»frühestens zum« ohne gültiges Datum")
            else:
                work.fact("earliest_end", mention.date)
            continue
        renewal_to = re.search(r"verlänger\w*[^;]*\bbis\s+(?:zum\s+|einschließlich\s+)?$", left)
        if renewal_to:
            work.place(mention.start, mention.end)
            work.problem(
                "term › renewal",
                "Verlängerung bis zu einem festen Tag kann das Modell nicht darstellen "
                "(nur um eine Frist oder auf unbestimmte Zeit)",
            )
            continue
        ends = _SUBJECT.search(clause) and (
            re.search(
                r"\bendet\s+(?:(?:erst|spätestens)\s+)?(?:am\s+|zum\s+|mit\s+(?:dem\s+)?ablauf\s+"
                r"(?:des\s+|vom\s+)?|mit\s+dem\s+)?$",
                left,
            )
            or (
                re.search(r"\bmit\s+(?:dem\s+)?ablauf\s+(?:des|vom)\s+$", left)
                and re.search(r"außer\s+kraft|\bendet\b", clause)
            )
            or re.match(r"\s*(?:\([^)]*\)\s*)?außer\s+kraft", right)
            or (
                re.search(r"\bbis\s+(?:zum\s+|einschließlich\s+|spätestens\s+)?$", left)
                and re.search(
                    r"laufzeit|vereinbarung|vertrag|befristet|\bgilt\b|läuft|geschlossen|"
                    r"zusammenarbeit|\bsie\b|\ber\b",
                    clause,
                )
                and "kündig" not in clause
            )
        )
        if ends:
            work.place(mention.start, mention.end)
            if mention.date is None:
                work.problem(
                    "term › ends",
                    f"Laufzeitende »{mention.raw}« ohne Jahreszahl oder ungültig; nicht übernommen",
                )
            else:
                work.fact("ends", mention.date)


def _notice_to(work: _Sentence) -> None:
    low = work.low
    found: list[tuple[NoticeTo, str | None]] = []
    if _TO_TERM_END.search(low):
        found.append((NoticeTo.TERM_END, None))
    if _TO_YEAR_END.search(low):
        found.append((NoticeTo.YEAR_END, None))
    elif _TO_BUDGET_YEAR_END.search(low):
        found.append((NoticeTo.YEAR_END, "budget"))
    elif _TO_YEAR_END_VAGUE.search(low):
        found.append((NoticeTo.YEAR_END, "vague"))
    if _TO_QUARTER_END.search(low):
        found.append((NoticeTo.QUARTER_END, None))
    if _TO_MONTH_END.search(low):
        found.append((NoticeTo.MONTH_END, None))
    unsupported = _TO_UNSUPPORTED.search(low)
    if unsupported and "kündig" in low:
        work.problem(
            "term › notice_to",
            f"Kündigungstermin »{work.flat[unsupported.start() : unsupported.end()].strip()}« "
            "kann das Modell nicht darstellen "
            "(nur Laufzeitende, Ende eines Kalenderjahres, -vierteljahres oder Monats)",
        )
        work.fact("notice_to_unsupported", True)
    for notice_to, kind in found:
        note = None
        if kind == "budget":
            note = "Haushaltsjahr = Kalenderjahr (§ 78 Abs. 4 GO NRW)"
            work.problem(
                "term › notice_to",
                "»zum Ende des Haushaltsjahres« als Ende des Kalenderjahres übernommen "
                "(§ 78 Abs. 4 GO NRW: Haushaltsjahr ist das Kalenderjahr, soweit für einzelne "
                "Bereiche durch Gesetz nichts anderes bestimmt ist); bitte bestätigen",
            )
        elif kind == "vague":
            note = "»Jahr« als Kalenderjahr verstanden"
            work.problem(
                "term › notice_to",
                "»zum Ende eines Jahres« als Ende des Kalenderjahres übernommen; bitte "
                "bestätigen, dass nicht das Vertragsjahr gemeint ist",
            )
        work.fact("notice_to", notice_to, note)


def _periods(work: _Sentence, periods: list[PeriodMention]) -> None:
    low = work.low
    renews = bool(_RENEWS.search(low)) and not _NON_AUTOMATIC_RENEWAL.search(low)
    for mention in periods:
        left = _left(low, mention.start)
        right = low[mention.end : mention.end + 60]
        clause = _clause_of(low, mention.start)
        if MINIMUM_TERM_LEFT.search(left) and re.search(r"laufzeit|dauer|kündig|ablauf", clause):
            work.fact("minimum_term", mention.period, "Mindestlaufzeit, keine feste Laufzeit")
            if unclear_minimum(low):
                work.fact("minimum_unclear", True)
        elif (
            renews
            and re.search(
                r"(?:\bum|\bfür)\s+(?:jeweils\s+|weitere\s+|je\s+)?(?:weitere\s+)?$", left
            )
            and re.search(r"verlänger", clause)
        ):
            work.fact("renewal", mention.period)
        elif re.search(
            r"(?:frist|kündigungsfrist|kündigungszeit)\s+(?:von\s+|beträgt\s+|in\s+höhe\s+von\s+)?"
            r"(?:mindestens\s+|jeweils\s+|nur\s+)?(?:von\s+)?$|\bmit\s+(?:einer\s+)?$|"
            r"\bunter\s+einhaltung\s+(?:einer\s+)?$|\bbeträgt\s+(?:mindestens\s+)?$",
            left,
        ) and ("frist" in low[mention.start - 2 : mention.end + 30] or "frist" in left):
            if (
                re.search(r"\bbeträgt\s+(?:mindestens\s+)?$", left)
                and "kündigungsfrist" not in clause
            ):
                continue
            work.fact("notice", mention.period)
        elif re.match(
            r"\s*(?:\([^)]*\)\s*)?vor\s+(?:ablauf|dem\s+ende|ende|beendigung|jahresende)", right
        ):
            work.fact("notice", mention.period)
        elif re.search(
            r"(?:dauer|zeitraum|laufzeit|zeit)\s+von\s+(?:zunächst\s+|jeweils\s+)?$|"
            r"laufzeit\s+(?:beträgt|von)\s+(?:zunächst\s+)?$|beträgt\s+(?:zunächst\s+)?$|"
            r"\b(?:für|auf)\s+(?:zunächst\s+|die\s+dauer\s+von\s+|eine\s+dauer\s+von\s+|"
            r"einen\s+zeitraum\s+von\s+)?$|läuft\s+(?:zunächst\s+)?$|"
            r"gilt\s+(?:zunächst\s+)?(?:für\s+)?$",
            left,
        ) and re.search(r"laufzeit|dauer|geschlossen|befristet|\bläuft|\bgilt|zeitraum", clause):
            if re.search(r"\bbeträgt\s+(?:zunächst\s+)?$", left) and not re.search(
                r"laufzeit|dauer", left
            ):
                continue
            if re.search(r"(?:für|auf)\s+$", left) and not re.search(
                r"^\s*(?:\([^)]*\)\s*)?(?:fest\s+)?(?:geschlossen|abgeschlossen|befristet|"
                r"eingegangen|vereinbart|gültig|ab\b|beginnend|,|\.|$)",
                right,
            ):
                continue
            work.fact("duration", mention.period)
        else:
            continue
        work.place(mention.start, mention.end)


def _receipt_by_day(work: _Sentence) -> None:
    """ "bis zum 30.06. eines Jahres zum Jahresende": as a period, where one is exactly equal."""
    match = _RECEIPT_BY_DAY.search(work.low)
    if not match or "kündig" not in work.low:
        return
    day, month = int(match.group("d")), int(match.group("m"))
    if not _TO_YEAR_END.search(work.low):
        work.problem(
            "term › notice",
            f"Zugang bis zum {day:02d}.{month:02d}. eines Jahres, aber kein Kündigungstermin "
            "zum Jahresende; nicht übernommen",
        )
        return
    for months in range(1, 12):
        period = Period(months=months)
        if all(
            period.last_day_of_receipt(dt.date(year, 12, 31)) == dt.date(year, month, day)
            for year in (2023, 2024)
        ):
            work.fact(
                "notice",
                period,
                f"Zugang bis zum {day:02d}.{month:02d}. zum 31.12. ist dasselbe wie eine Frist "
                f"von {period.in_words('dative')} zum Jahresende (§§ 187, 188 BGB)",
            )
            for mention in find_dates(work.low):
                if mention.start >= match.start() and mention.end <= match.end():
                    work.place(mention.start, mention.end)
            return
    work.problem(
        "term › notice",
        f"Zugang bis zum {day:02d}.{month:02d}. entspricht keiner Frist in Monaten; "
        "nicht übernommen",
    )


def _renewal(work: _Sentence) -> None:
    low = work.low
    if _RUNS_ON_INDEFINITELY.search(low):
        work.fact("renewal", INDEFINITE)
        return
    if _SAME_PERIOD.search(low):
        work.fact("renewal_same_as_duration", True)
        return
    if not _RENEWS.search(low):
        return
    if _NON_AUTOMATIC_RENEWAL.search(low):
        work.fact(
            "renewal_optional",
            True,
            "keine automatische Verlängerung (nur durch neue Vereinbarung)",
        )


def read_sentence(sentence: Sentence) -> tuple[list[Fact], list[Problem]]:
    """Facts and problems of one sentence of the agreement."""
    flat = " ".join(sentence.text.split())
    work = _Sentence(sentence, flat, flat.lower())
    low = work.low
    if _OTHER_AGREEMENT.search(low) and _RELEVANT.search(low):
        work.problem(
            "term",
            "Satz betrifft offenbar eine andere (frühere) Vereinbarung; Daten daraus nicht "
            "übernommen",
        )
        return work.facts, work.problems
    if _NO_NOTICE.search(low):
        work.fact("notice_excluded", True)
    form, unclear_form = form_of_notice(low)
    if _NOTICE_FORM.search(low) or form == "Schriftform":
        work.fact("notice_form", "Schriftform")
    elif form is not None:
        work.fact("notice_form", form)
    elif unclear_form is not None:
        work.problem("form › notice", unclear_form)
    for name, message in new_shapes(low):
        work.problem(name, message)
    if "kündig" in low and _ADDRESSEES_ALL.search(low):
        work.fact("notice_addressees", "allen übrigen Parteien")
    else:
        one = _ADDRESSEE_ONE.search(flat)
        if one and "kündig" in low:
            work.fact("notice_addressees", one.group("who"))
    if re.search(r"(?:änderung|ergänzung|nebenabrede)\w*[^.;]*?(?:schriftform|schriftlich)", low):
        work.fact("amendment_form", "Schriftform")
    if _MAJORITY.search(low):
        work.fact("on_party_notice", OnPartyNotice.ENDS_IF_MAJORITY)
    elif _ENDS_FOR_ALL.search(low):
        lead = bool(_LEAD_WORDS.search(low))
        work.fact(
            "on_party_notice",
            OnPartyNotice.ENDS_IF_LEAD_LEAVES if lead else OnPartyNotice.ENDS_FOR_ALL,
        )
    elif _PARTY_LEAVES.search(low):
        work.fact("on_party_notice", OnPartyNotice.PARTY_LEAVES)
    if _GKG.search(low):
        work.fact("regime", "gkg")
    if not _RELEVANT.search(low):
        return work.facts, work.problems
    if _EXTRAORDINARY.search(low) and not _ORDINARY.search(low):
        return work.facts, work.problems  # extraordinary notice: § 60 VwVfG, no deadline
    dates = find_dates(flat)
    periods = find_periods(flat)
    _effective_rule(work, dates)
    _end_dates(work, dates)
    _receipt_by_day(work)
    _periods(work, periods)
    _renewal(work)
    if _INDEFINITE.search(low) and not _RUNS_ON_INDEFINITELY.search(low):
        work.fact("indefinite", True)
    if "kündig" in low or re.search(r"vor\s+(?:ablauf|ende)", low):
        _notice_to(work)
    # everything with a date or a period must have been placed by a rule
    for mention in dates:
        if (mention.start, mention.end) in work.placed:
            continue
        if (
            mention.year is None
            and re.search(r"zum\s+$", _left(low, mention.start))
            and mention.day == 31
            and mention.month == 12
        ):
            continue  # "zum 31.12. eines Jahres": the notice date
        if mention.year is None and _RECEIPT_BY_DAY.search(low):
            continue
        if mention.year is None and re.match(r"\s*(?:oder|und|bzw\.)", low[mention.end :]):
            continue  # part of an unsupported "zum 30.06. oder 31.12.", reported there
        if mention.year is None and any(p.field == "term › notice_to" for p in work.problems):
            continue
        work.problem(
            "term",
            f"Datum »{mention.raw}« keiner Angabe zuzuordnen (Inkrafttreten, Laufzeitende, "
            "frühestens zum); nicht übernommen",
        )
    for period in periods:
        if (period.start, period.end) not in work.placed:
            work.problem(
                "term",
                f"Frist »{period.raw}« keiner Angabe zuzuordnen (Dauer, Verlängerung, "
                "Kündigungsfrist); nicht übernommen",
            )
    names = {f.field for f in work.facts}
    if (
        _RENEWS.search(low)
        and not names & {"renewal", "renewal_optional", "renewal_same_as_duration"}
        and not any(p.field == "term › renewal" for p in work.problems)
    ):
        work.problem("term › renewal", "Verlängerung erwähnt, aber nicht verstanden")
    if (
        _IN_FORCE.search(low)
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
            r"fristgerecht|fristwahrung|rechtzeitig",
            low,
        )
    ):
        work.problem("term › notice", "Kündigungsfrist erwähnt, aber nicht verstanden")
    return work.facts, work.problems


# -- putting the sentences together --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TermReading:
    """The term clause as read from the sentences, before the model's rules apply.

    ``effective`` is None when the text names no day (then ``effective_basis`` says on what it
    depends). Each value's sources are in ``facts``; ``problems`` lists the review items.
    """

    effective: dt.date | None = None
    effective_basis: EffectiveBasis = "unknown"
    effective_offset: int = 0
    ends: dt.date | None = None
    duration: Period | None = None
    indefinite: bool = False
    renewal: Period | str | None = None
    renewal_same_as_duration: bool = False
    notice: Period | None = None
    notice_to: NoticeTo | None = None
    notice_to_in_renewal: bool = False
    notice_to_unsupported: bool = False
    notice_excluded: bool = False
    earliest_end: dt.date | None = None
    minimum_term: Period | None = None
    minimum_unclear: bool = False
    notice_form: str | None = None
    notice_addressees: str | None = None
    amendment_form: str | None = None
    on_party_notice: OnPartyNotice | None = None
    gkg: bool = False
    clause: str | None = None
    facts: tuple[Fact, ...] = ()
    problems: tuple[Problem, ...] = ()

    def sources(self, name: str) -> list[Fact]:
        """The facts behind the value *name* (e.g. ``effective``, ``notice``)."""
        return [f for f in self.facts if f.field == name]

    @property
    def found(self) -> bool:
        """Whether any sentence said anything about the term."""
        return any(
            f.field
            in ("effective", "effective_basis", "ends", "duration", "indefinite", "renewal",
                "notice", "notice_to", "earliest_end", "minimum_term")
            for f in self.facts
        )  # fmt: skip


_TERM_FIELDS = (
    "effective", "ends", "duration", "renewal", "notice", "notice_to", "earliest_end",
    "minimum_term",
)  # fmt: skip


def _pick(
    name: str,
    facts: Sequence[Fact],
    problems: list[Problem],
    *,
    conservative: str | None = None,
) -> Fact | None:
    """The one value for *name*: sources in term sections win over others; disagreement is a
    review item. *conservative* ("max"/"min") picks among disagreeing values, else none."""
    candidates = [f for f in facts if f.field == name]
    if not candidates:
        return None
    preferred = [f for f in candidates if f.sentence.in_term_section] or candidates
    values = []
    for fact in preferred:
        if fact.value not in values:
            values.append(fact.value)
    if len(values) == 1:
        return preferred[0]
    shown = ", ".join(_show(v) for v in values)
    if conservative is None:
        problems.append(
            Problem(f"term › {name}", f"widersprüchliche Angaben ({shown}); keine übernommen",
                    preferred[1].sentence)
        )  # fmt: skip
        return None
    key = _sort_key
    chosen = max(preferred, key=key) if conservative == "max" else min(preferred, key=key)
    problems.append(
        Problem(
            f"term › {name}",
            f"widersprüchliche Angaben ({shown}); vorsichtshalber {_show(chosen.value)} übernommen",
            preferred[1].sentence,
        )
    )
    return chosen


def _sort_key(fact: Fact) -> tuple[int, int]:
    value = fact.value
    if isinstance(value, dt.date):
        return (value.toordinal(), 0)
    if isinstance(value, Period):
        return (12 * value.years + value.months, 7 * value.weeks + value.days)
    return (0, 0)


def _show(value: object) -> str:
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, NoticeTo):
        return value.label
    return str(value)


def read_term(sentences: Iterable[Sentence]) -> TermReading:
    """Read the term clause from *sentences* (all sentences of the sections, in order).

    Sentences with ``in_term_section`` (the section headed "Laufzeit", "Inkrafttreten",
    "Kündigung" …) win over sentences elsewhere; disagreement is a review item.
    """
    facts: list[Fact] = []
    problems: list[Problem] = []
    renewal_sentences: set[int] = set()
    for sentence in sentences:
        found, trouble = read_sentence(sentence)
        facts += found
        problems += trouble
        names = {f.field for f in found}
        if (
            "notice" in names
            and "renewal" in names
            and re.search(
                r"\b(?:wenn|sofern|falls|soweit)\b[^.]*\bnicht\b", sentence.text, re.IGNORECASE
            )
        ):
            renewal_sentences.add(id(sentence))
    values: dict[str, Fact | None] = {}
    values["effective"] = _pick("effective", facts, problems)
    values["ends"] = _pick("ends", facts, problems)
    values["duration"] = _pick("duration", facts, problems)
    values["renewal"] = _pick("renewal", facts, problems)
    values["notice"] = _pick("notice", facts, problems, conservative="max")
    values["notice_to"] = _pick("notice_to", facts, problems)
    values["earliest_end"] = _pick("earliest_end", facts, problems, conservative="max")
    values["minimum_term"] = _pick("minimum_term", facts, problems, conservative="min")
    basis_fact = _pick("effective_basis", facts, problems)
    offset_fact = _pick("effective_offset", facts, problems)
    on_party = _pick("on_party_notice", facts, problems)
    notice_fact = values["notice"]

    def value(name: str) -> object:
        fact = values.get(name)
        return fact.value if fact is not None else None

    effective = value("effective")
    basis = str(basis_fact.value) if basis_fact else ("date" if effective else "unknown")
    renewal = value("renewal")
    notice = value("notice")
    notice_to = value("notice_to")
    clause = None
    anchors = [f for f in facts if f.field in _TERM_FIELDS and f.sentence.section is not None]
    if anchors:
        counts: dict[int, int] = {}
        for fact in anchors:
            section = fact.sentence.section
            if section is not None:
                counts[section] = counts.get(section, 0) + 1
        clause = f"§ {max(counts, key=lambda n: (counts[n], -n))}"
    return TermReading(
        effective=effective if isinstance(effective, dt.date) else None,
        effective_basis=basis,  # type: ignore[arg-type]
        effective_offset=int(offset_fact.value) if offset_fact else 0,  # type: ignore[call-overload]
        ends=value("ends"),  # type: ignore[arg-type]
        duration=value("duration"),  # type: ignore[arg-type]
        indefinite=any(f.field == "indefinite" for f in facts),
        renewal=renewal if isinstance(renewal, Period | str) else None,
        renewal_same_as_duration=any(f.field == "renewal_same_as_duration" for f in facts),
        notice=notice if isinstance(notice, Period) else None,
        notice_to=notice_to if isinstance(notice_to, NoticeTo) else None,
        notice_to_in_renewal=notice_fact is not None
        and id(notice_fact.sentence) in renewal_sentences,
        notice_to_unsupported=any(f.field == "notice_to_unsupported" for f in facts),
        notice_excluded=any(f.field == "notice_excluded" for f in facts),
        earliest_end=value("earliest_end"),  # type: ignore[arg-type]
        minimum_term=value("minimum_term"),  # type: ignore[arg-type]
        minimum_unclear=any(f.field == "minimum_unclear" for f in facts),
        notice_form=next((str(f.value) for f in facts if f.field == "notice_form"), None),
        notice_addressees=next(
            (str(f.value) for f in facts if f.field == "notice_addressees"), None
        ),
        amendment_form=next((str(f.value) for f in facts if f.field == "amendment_form"), None),
        on_party_notice=on_party.value if on_party else None,  # type: ignore[arg-type]
        gkg=any(f.field == "regime" for f in facts) or basis.startswith("publication"),
        clause=clause,
        facts=tuple(facts),
        problems=tuple(problems),
    )
