"""Term rules for the dates and periods of the term: Inkrafttreten, Laufzeit, Verlängerung.

One sentence at a time (:class:`~vereinbarung.importing.term_work.SentenceWork`); the wordings
(``vereinbarungen.md``, ``fristen.md``):

* Inkrafttreten: "tritt zum/am/mit Wirkung vom 01.02.2023 / 1. Februar 2023 in Kraft",
  "tritt am Tage nach ihrer Bekanntmachung in Kraft" (§ 24 Abs. 4 GkG NRW: the day after the
  publication; the day is not in the text), "tritt mit ihrer Unterzeichnung in Kraft", "gilt ab",
  "Die Laufzeit beginnt am".
* Laufzeit: "endet am 31.12.2026", "tritt mit Ablauf des 31.12.2026 außer Kraft", "für die Dauer
  von fünf Jahren", "Die Laufzeit beträgt drei Jahre", "wird auf unbestimmte Zeit geschlossen";
  "frühestens jedoch zum 31.12.2030"; a Mindestlaufzeit
  (:data:`~vereinbarung.importing.term_shapes.MINIMUM_TERM_LEFT`), and »Vor Ablauf von zehn
  Jahren nach Inkrafttreten … ist eine ordentliche Kündigung ausgeschlossen«.
* Verlängerung: "verlängert sich um jeweils zwei weitere Jahre / um ein weiteres Jahr / auf
  unbestimmte Zeit, wenn sie nicht … gekündigt wird".
* Kündigungsfrist as a period: "mit einer Frist von 6 Monate(n) / sechs Monaten / einem Jahr",
  "mit einer zweijährigen Kündigungsfrist", "spätestens sechs Monate vor Ablauf der Laufzeit".
"""

from __future__ import annotations

import re

from vereinbarung.importing.term_shapes import MINIMUM_TERM_LEFT, unclear_minimum
from vereinbarung.importing.term_work import SentenceWork, clause_of, left_of
from vereinbarung.importing.words import DateMention, PeriodMention
from vereinbarung.law.dates import format_date
from vereinbarung.model.fields import INDEFINITE

__all__ = [
    "ANOTHER_ACT_IN_FORCE",
    "INDEFINITE_WORDS",
    "IN_FORCE",
    "NON_AUTOMATIC_RENEWAL",
    "RENEWS",
    "RUNS_ON_INDEFINITELY",
    "read_effective",
    "read_end_dates",
    "read_periods",
    "read_renewal",
]

_SUBJECT = re.compile(
    r"laufzeit|vereinbarung|vertrag|\bsie\b|\ber\b|zusammenarbeit|kooperation|geltungsdauer|"
    r"vertragsverhältnis|vertragszeit",
    re.IGNORECASE,
)
IN_FORCE = re.compile(r"(?<!außer\s)\bin\s*-?\s*kraft\b", re.IGNORECASE)
_ENTERS = re.compile(r"\btr(?:itt|eten)\b", re.IGNORECASE)
# »die am 10.10.2017 in Kraft getrete- nen Gutachterausschussverordnung«, »die in Kraft gesetzte
# Satzung«: an attributive participle after »in Kraft« (also broken over a line) names another act
ANOTHER_ACT_IN_FORCE = re.compile(
    r"^\s*(?:getrete-?\s*ne|gesetz-?\s*te|tre-?\s*ten-?\s*de|befind-?\s*li-?\s*che)[nrms]?\b",
    re.IGNORECASE,
)
# a date cited with a law, an ordinance, a statute, a decree or a gazette between »tritt« and »in
# Kraft« (»tritt gemäß der Bekanntmachung im GBl. vom 10.10.2017 in Kraft«): not the day of effect
_CITED_IN_SPAN = re.compile(
    r"(?:gesetz|verordnung|satzung|richtlinie|bekanntmachung|beschluss|erlass|ordnung|statut|"
    r"vorschrift|amtsblatt|\bg?v?bl\.|\babl\.)[^;]{0,120}(?<!wirkung\s)\b(?:vom|v\.)\s+$",
    re.IGNORECASE,
)
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
NON_AUTOMATIC_RENEWAL = re.compile(
    r"\bkann\b[^.;]*\bverlängert\s+werden|\bverlängerung\s+(?:bedarf|ist\s+möglich|kann)|"
    r"über\s+eine\s+verlängerung|\beinvernehmlich\w*\s+(?:\w+\s+)?verlänger|"
    r"verlängerung\s+(?:wird|werden)\s+(?:\w+\s+)?(?:verhandelt|vereinbart|beschlossen)",
    re.IGNORECASE,
)
RENEWS = re.compile(
    r"\bverlänger(?:t|n)\s+(?:\w+\s+){0,3}?sich\b|\bwird\s+(?:\w+\s+){0,8}?verlängert\b|"
    r"\bsich\s+(?:\w+\s+){0,4}?verlängert\b",
    re.IGNORECASE,
)
RUNS_ON_INDEFINITELY = re.compile(
    r"(?:nach\s+ablauf|danach|anschließend|im\s+anschluss)[^.;]*?(?:läuft|gilt|besteht|"
    r"verlängert)[^.;]*?auf\s+unbestimmte\s+zeit|verlänger\w*\s+(?:\w+\s+){0,4}?auf\s+"
    r"unbestimmte\s+zeit",
    re.IGNORECASE,
)
INDEFINITE_WORDS = re.compile(
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


def _in_force_spans(work: SentenceWork) -> list[tuple[int, int]]:
    """(start, end) of the words between "tritt" and "in Kraft" (or the clause start)."""
    spans = []
    for match in IN_FORCE.finditer(work.low):
        clause_start = max(work.low.rfind(";", 0, match.start()), -1) + 1
        enters = list(_ENTERS.finditer(work.low, clause_start, match.start()))
        start = enters[-1].end() if enters else clause_start
        tail = work.low[match.end() : match.end() + 40]
        if ANOTHER_ACT_IN_FORCE.match(tail):
            continue  # "der am 1. März 1987 in Kraft getretene Staatsvertrag": another text
        if re.match(r"\s*-?\s*treten\b", tail) and not enters:
            start = clause_start  # "soll am 01.01.2024 in Kraft treten"
        spans.append((start, match.start()))
        after = re.match(
            r"\s*(?:,\s*)?(?:und\s+zwar\s+)?(?:am|zum|mit\s+wirkung\s+(?:vom|zum))\s+", tail
        )
        if after:  # "tritt in Kraft am 01.01.2024"
            spans.append((match.end(), min(len(work.low), match.end() + 40)))
    return spans


def read_effective(work: SentenceWork, dates: list[DateMention]) -> None:
    spans = _in_force_spans(work)
    for start, end in spans:
        inside = [d for d in dates if start <= d.start and d.end <= end]
        words = " ".join(work.low[start:end].replace(",", " ").split())
        words = re.sub(r"^(?:diese|die|sie|der|das)\s+(?:\w+\s+)?", "", words)
        for mention in inside:
            work.place(mention.start, mention.end)
        cited = [d for d in inside if _CITED_IN_SPAN.search(work.low[start : d.start])]
        if cited:
            work.problem(
                "term › effective",
                f"Datum »{cited[0].raw}« gehört zu einer zitierten Vorschrift oder "
                "Bekanntmachung; nicht als Tag des Inkrafttretens übernommen",
            )
            continue
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
        left = left_of(work.low, mention.start)
        if (
            re.search(
                r"(?:laufzeit|vereinbarung|zusammenarbeit|vertrag)\s+beginnt\s+(?:am|mit\s+dem|zum)\s+$"
                r"|\b(?:gilt|wirkt|wirksam)\s+(?:ab|mit\s+wirkung\s+vom|vom)\s+(?:dem\s+)?$"
                r"|\bmit\s+wirkung\s+(?:vom|zum|ab)\s+(?:dem\s+)?$|\bwird\s+(?:am|zum|ab)\s+(?:dem\s+)?$"
                r"|inkrafttreten\s+(?:erfolgt|ist)\s+(?:am|zum)\s+$"
                r"|(?:laufzeit|zeitraum|zeit)\s+vom\s+$",
                left,
            )
            or (
                re.search(r"\b(?:vom|ab\s+dem|ab)\s+$", left)
                and re.match(r"\s*bis\b", work.low[mention.end :])
                and re.search(
                    r"laufzeit|\bgilt\b|\bläuft\b|vereinbarung", clause_of(work.low, mention.start)
                )
            )
        ) and not re.search(r"verlänger|kündig", left):
            if re.search(r"\bwird\s+(?:am|zum|ab)\s+(?:dem\s+)?$", left) and not re.search(
                r"^\s*(?:wirksam|geschlossen)", work.low[mention.end :]
            ):
                continue
            work.place(mention.start, mention.end)
            if mention.date is None:
                work.problem("term › effective", "Beginn ohne gültiges Datum")
            else:
                work.fact("effective", mention.date)
                work.fact("effective_basis", "date")


def read_end_dates(work: SentenceWork, dates: list[DateMention]) -> None:
    low = work.low
    for mention in dates:
        if (mention.start, mention.end) in work.placed:
            continue
        left = left_of(low, mention.start)
        right = low[mention.end : mention.end + 30]
        clause = clause_of(low, mention.start)
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


# »Vor Ablauf von 10 Jahren nach Inkrafttreten … ist eine ordentliche Kündigung ausgeschlossen«:
# no notice before then, a minimum term like »frühestens nach Ablauf von …«
_BEFORE_EXPIRY = re.compile(r"\bvor\s+ablauf\s+von\s+$")
_NOTICE_EXCLUDED = re.compile(
    r"kündig\w*[^.;]*?(?:ausgeschlossen|nicht\s+(?:zulässig|möglich))"
    r"|(?:ausgeschlossen|nicht\s+(?:zulässig|möglich))[^.;]*?kündig"
)
# the term of an office, not of the agreement
_OFFICE_TERM = re.compile(
    r"\b(?:berufen|gewählt|bestellt|ernannt|amtszeit|amtsdauer|wahlperiode|mitglieder)\b"
)


def read_periods(work: SentenceWork, periods: list[PeriodMention]) -> None:
    low = work.low
    renews = bool(RENEWS.search(low)) and not NON_AUTOMATIC_RENEWAL.search(low)
    for mention in periods:
        left = left_of(low, mention.start)
        right = low[mention.end : mention.end + 60]
        clause = clause_of(low, mention.start)
        if (
            MINIMUM_TERM_LEFT.search(left) and re.search(r"laufzeit|dauer|kündig|ablauf", clause)
        ) or (_BEFORE_EXPIRY.search(left) and _NOTICE_EXCLUDED.search(clause)):
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
            r"\s*(?:\([^)]*\)\s*)?vor\s+(?:(?:ihrem|seinem|deren|dessen)\s+)?(?:ablauf|dem\s+ende|"
            r"ende|beendigung|jahresende)",
            right,
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
            if _OFFICE_TERM.search(clause):
                continue  # "die Mitglieder werden für die Dauer von fünf Jahren berufen"
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


def read_renewal(work: SentenceWork) -> None:
    low = work.low
    if RUNS_ON_INDEFINITELY.search(low):
        work.fact("renewal", INDEFINITE)
        return
    if _SAME_PERIOD.search(low):
        work.fact("renewal_same_as_duration", True)
        return
    if not RENEWS.search(low):
        return
    if NON_AUTOMATIC_RENEWAL.search(low):
        work.fact(
            "renewal_optional",
            True,
            "keine automatische Verlängerung (nur durch neue Vereinbarung)",
        )
