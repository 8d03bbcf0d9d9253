"""Term rule for the Kündigungstermin: to which days a notice may be given.

One sentence at a time (:class:`~vereinbarung.importing.term_work.SentenceWork`). The model
knows calendar rules (:class:`~vereinbarung.law.termination.NoticeTo`) and fixed days of every
year (:class:`~vereinbarung.law.termination.NoticeDays`); the wordings (``fristen.md`` § 2,
the Kündigungsklauseln of public-law agreements):

* term_end: "zum Laufzeitende", "vor Ablauf der Vertragslaufzeit";
* year_end: "zum Ende (Schluss, alt Schluß) eines Kalenderjahres", "zum Jahresende", "zum 31. Dezember eines jeden
  Jahres"; "zum Ende des Haushaltsjahres" is the calendar year (§ 78 Abs. 4 GO NRW) unless a
  law says otherwise for a field, and "zum Ende eines Jahres" may mean the year of the
  agreement: both are taken with a review item;
* half_year_end: "zum Ende eines Kalenderhalbjahres", "zum Halbjahresende", "zum 30.06. oder
  zum 31.12. eines Jahres" (the same two days); "zum Ende eines Halbjahres" with a review item;
* quarter_end: "zum Ende eines Kalendervierteljahres", "zum Quartalsende", and the four quarter
  ends named as days; month_end: "zum Monatsende";
* fixed days: "zum 31.07. eines jeden Jahres", "zum 31. Juli", "zum 31.03. und zum 30.09.",
  "zum Ende des Schuljahres (31.07.)": the days named, as ``notice_to: "31.07."`` or a list.

A Schuljahr, Kindergartenjahr or Wirtschaftsjahr without a day, a notice "jederzeit", days that
do not exist (31.06., 29.02.) and two different lists of days in one sentence stay review
items; :mod:`vereinbarung.importing.resolve` then writes the cautious term with a note.
"""

from __future__ import annotations

import re

from vereinbarung.errors import VereinbarungError
from vereinbarung.importing.term_notice import DURING_TERM_PHRASE
from vereinbarung.importing.term_work import SentenceWork
from vereinbarung.importing.words import DateMention, find_dates
from vereinbarung.law.terms import NoticeDays, NoticeTo

__all__ = ["read_notice_to"]

# »bis zum Vertragsende … abzuschließen« sets a time limit for something else, no notice date
_TO_TERM_END = re.compile(
    r"(?<!\bbis\s)zum\s+(?:jeweiligen\s+)?(?:laufzeitende|vertragsende|ablauf\s+der\s+(?:jeweiligen\s+)?"
    r"(?:vertrags)?laufzeit|ende\s+der\s+(?:jeweiligen\s+)?(?:vertrags)?laufzeit|ende\s+der\s+"
    r"(?:jeweiligen\s+)?verlängerung\w*|ablauf\s+der\s+(?:jeweiligen\s+)?verlängerung\w*|ende\s+"
    r"des\s+(?:jeweiligen\s+)?(?:vertrags|verlängerungs|laufzeit)zeitraum\w*|ende\s+der\s+"
    r"(?:jeweiligen\s+)?vertragszeit)"
    r"|vor\s+(?:ablauf|dem\s+ende|ende|beendigung)\s+der\s+(?:jeweiligen\s+|ersten\s+)?"
    r"(?:vertrags)?(?:laufzeit|verlängerung\w*|vertragszeit)"
    r"|vor\s+(?:ablauf|dem\s+ende|ende)\s+(?:des|eines)\s+(?:jeweiligen\s+)?"
    r"(?:verlängerungs|vertrags)zeitraum\w*"
    r"|vor\s+(?:ihrem|seinem|deren|dessen)\s+(?:ablauf|ende)\b"  # »18 Monate vor ihrem Ablauf«
    r"|vor\s+(?:ablauf|ende)\s+(?:schriftlich\s+)?gekündigt",
    re.IGNORECASE,
)
_TO_YEAR_END = re.compile(
    r"zum\s+(?:ende|schlu(?:ss|ß)|ablauf)\s+(?:eines|des|jedes|jeden)\s+(?:jeweiligen\s+)?"
    r"kalenderjahr(?:e)?s|zum\s+jahres(?:ende|schlu(?:ss|ß))|vor\s+(?:ablauf|dem\s+ende|ende)\s+"
    r"(?:eines|des|jedes)\s+(?:jeweiligen\s+)?kalenderjahr(?:e)?s|vor\s+jahresende",
    re.IGNORECASE,
)
_TO_YEAR_END_VAGUE = re.compile(
    r"zum\s+(?:ende|schlu(?:ss|ß)|ablauf)\s+(?:eines|des|jedes|jeden)\s+(?:jeweiligen\s+)?jahres",
    re.IGNORECASE,
)
_TO_BUDGET_YEAR_END = re.compile(
    r"zum\s+(?:ende|schlu(?:ss|ß)|ablauf)\s+(?:eines|des|jedes|jeden)\s+(?:jeweiligen\s+)?"
    r"haushaltsjahr(?:e)?s|vor\s+(?:ablauf|ende)\s+(?:eines|des)\s+haushaltsjahr(?:e)?s",
    re.IGNORECASE,
)
_TO_HALF_YEAR_END = re.compile(
    r"zum\s+(?:ende|schlu(?:ss|ß)|ablauf)\s+(?:eines|des|jedes|jeden)\s+(?:jeweiligen\s+)?"
    r"kalenderhalbjahr(?:e)?s|zum\s+(?:kalender)?halbjahres(?:ende|schlu(?:ss|ß))|vor\s+(?:ablauf|"
    r"dem\s+ende|ende)\s+(?:eines|des|jedes)\s+(?:jeweiligen\s+)?kalenderhalbjahr(?:e)?s",
    re.IGNORECASE,
)
_TO_HALF_YEAR_END_VAGUE = re.compile(
    r"zum\s+(?:ende|schlu(?:ss|ß)|ablauf)\s+(?:eines|des|jedes|jeden)\s+(?:jeweiligen\s+)?"
    r"halbjahr(?:e)?s",
    re.IGNORECASE,
)
_TO_QUARTER_END = re.compile(
    r"zum\s+(?:ende|schlu(?:ss|ß)|ablauf)\s+(?:eines|des|jedes|jeden)\s+(?:jeweiligen\s+)?"
    r"(?:kalender)?(?:vierteljahr(?:e)?s|quartals)|zum\s+quartals(?:ende|schlu(?:ss|ß))",
    re.IGNORECASE,
)
_TO_MONTH_END = re.compile(
    r"zum\s+(?:ende|schlu(?:ss|ß)|ablauf|letzten\s+tag)\s+(?:eines|des|jedes|jeden)\s+"
    r"(?:jeweiligen\s+)?(?:kalender)?monats|zum\s+monats(?:ende|schlu(?:ss|ß)|letzten)",
    re.IGNORECASE,
)
# a year of its own (Schuljahr 01.08.–31.07.): a day only where the text names it
_OWN_YEAR = (
    r"zum\s+(?:ende|schlu(?:ss|ß)|ablauf)\s+(?:eines|des|jedes|jeden)\s+(?:jeweiligen\s+)?"
    r"(?:schul|kindergarten|kita|wirtschafts|geschäfts|schulhalb)jahr(?:e)?s"
)
_TO_OWN_YEAR = re.compile(_OWN_YEAR, re.IGNORECASE)
_OWN_YEAR_DAY = re.compile(
    _OWN_YEAR + r"\s*\(\s*(?:jeweils\s+|d\.\s?h\.\s+|also\s+|=\s*)?(?:zum\s+|am\s+|der\s+)?$",
    re.IGNORECASE,
)
_ANY_DAY = re.compile(r"\bjederzeit\b", re.IGNORECASE)
# the left of a day that is no notice date: receipt ("bis zum"), earliest end, a Stichtag
_NOT_A_NOTICE_DATE = re.compile(
    r"(?:\bbis|spätestens|frühestens|erstmals|erstmalig|nicht\s+vor|stichtag|\bab|\bvom|\bam)"
    r"\s+(?:jedoch\s+|aber\s+|dem\s+|zum\s+)*$",
    re.IGNORECASE,
)
_DAY_STARTS = re.compile(r"\bzum\s+$", re.IGNORECASE)
_DAY_GLUE = re.compile(r"^\s*(?:,\s*)?(?:oder|und|bzw\.|sowie)?\s*(?:zum\s+)?$", re.IGNORECASE)
_NAMED_RULES: dict[frozenset[tuple[int, int]], NoticeTo] = {
    frozenset({(12, 31)}): NoticeTo.YEAR_END,
    frozenset({(6, 30), (12, 31)}): NoticeTo.HALF_YEAR_END,
    frozenset({(3, 31), (6, 30), (9, 30), (12, 31)}): NoticeTo.QUARTER_END,
}


def _day_lists(work: SentenceWork) -> list[list[DateMention]]:
    """Days without a year named as notice dates: "zum 31.07.", "zum 30.06. oder zum 31.12.",
    "zum Ende des Schuljahres (31.07.)"; one list per run of days joined by "oder"/"und"."""
    low = work.low
    lists: list[list[DateMention]] = []
    previous: DateMention | None = None
    for mention in find_dates(work.flat):
        if mention.year is not None or (mention.start, mention.end) in work.placed:
            previous = None
            continue
        clause_start = max(low.rfind(";", 0, mention.start), low.rfind(". ", 0, mention.start))
        left = low[clause_start + 1 : mention.start]
        if previous is not None and _DAY_GLUE.match(low[previous.end : mention.start]):
            lists[-1].append(mention)
        elif not _NOT_A_NOTICE_DATE.search(left) and (
            _DAY_STARTS.search(left) or _OWN_YEAR_DAY.search(left)
        ):
            lists.append([mention])
        else:
            previous = None
            continue
        previous = mention
    return lists


def _fixed_days(work: SentenceWork) -> tuple[NoticeTo | NoticeDays | None, bool]:
    """The notice date named by days, and whether a day from a year of its own was read."""
    lists = _day_lists(work)
    if not lists:
        return None, False
    for days in lists:
        for mention in days:
            work.place(mention.start, mention.end)
    shown = " / ".join(", ".join(m.raw for m in days) for days in lists)
    if len(lists) > 1:
        work.problem(
            "term › notice_to",
            f"mehrere Angaben zu Kündigungsterminen ({shown}); keine übernommen – bitte prüfen",
        )
        return None, False
    try:
        notice_days = NoticeDays(tuple((m.month, m.day) for m in lists[0]))
    except VereinbarungError as error:
        work.problem("term › notice_to", f"Kündigungstermin {shown}: {error.message}")
        return None, False
    own_year = any(_OWN_YEAR_DAY.search(work.low[: m.start]) for m in lists[0])
    return _NAMED_RULES.get(frozenset(notice_days.days), notice_days), own_year


# the day of the first possible end, not the notice date of every notice: »ist die Kündigung
# erstmals mit Ablauf von fünf Jahren zum Ende des Monats möglich, der …«
_FIRST_END_LEFT = re.compile(r"\b(?:erstmals|erstmalig|frühestens)\b[^;.,]{0,60}$")


def _first_ends(low: str) -> list[tuple[int, int]]:
    """The period ends in *low* that name a first possible end (»erstmals zum Ablauf des …«)."""
    patterns = (_TO_YEAR_END, _TO_BUDGET_YEAR_END, _TO_YEAR_END_VAGUE, _TO_HALF_YEAR_END,
                _TO_HALF_YEAR_END_VAGUE, _TO_QUARTER_END, _TO_MONTH_END)  # fmt: skip
    return [
        m.span() for p in patterns for m in p.finditer(low)
        if _FIRST_END_LEFT.search(low[: m.start()])
    ]  # fmt: skip


def _search(pattern: re.Pattern[str], low: str) -> bool:
    """Whether *pattern* names a notice date in *low*: a match not of a first possible end."""
    return any(not _FIRST_END_LEFT.search(low[: m.start()]) for m in pattern.finditer(low))


def read_notice_to(work: SentenceWork) -> None:
    """The Kündigungstermin of the sentence: a fact ``notice_to`` per rule found, review items
    for the vague and the unsupported ones."""
    low = work.low
    found: list[tuple[NoticeTo | NoticeDays, str | None]] = []

    def add(value: NoticeTo | NoticeDays, kind: str | None = None) -> None:
        if all(value != known for known, _ in found):
            found.append((value, kind))

    # »auch vor Ablauf der Laufzeit« allows notice during the term, it names no Kündigungstermin
    if _TO_TERM_END.search(DURING_TERM_PHRASE.sub(" ", low)):
        add(NoticeTo.TERM_END)
    if _search(_TO_YEAR_END, low):
        add(NoticeTo.YEAR_END)
    elif _search(_TO_BUDGET_YEAR_END, low):
        add(NoticeTo.YEAR_END, "budget")
    elif _search(_TO_YEAR_END_VAGUE, low):
        add(NoticeTo.YEAR_END, "vague")
    if _search(_TO_HALF_YEAR_END, low):
        add(NoticeTo.HALF_YEAR_END)
    elif _search(_TO_HALF_YEAR_END_VAGUE, low):
        add(NoticeTo.HALF_YEAR_END, "vague half")
    if _search(_TO_QUARTER_END, low):
        add(NoticeTo.QUARTER_END)
    if _search(_TO_MONTH_END, low):
        add(NoticeTo.MONTH_END)
    days, own_year = _fixed_days(work) if "kündig" in low else (None, False)
    if days is not None:
        add(days, "days")
    unsupported = _ANY_DAY.search(low) or (None if own_year else _TO_OWN_YEAR.search(low))
    if unsupported and "kündig" in low:
        work.problem(
            "term › notice_to",
            f"Kündigungstermin »{work.flat[unsupported.start() : unsupported.end()].strip()}« "
            "ohne festen Tag kann das Modell nicht darstellen (nur Laufzeitende, Ende eines "
            "Kalenderjahres, -halbjahres, -vierteljahres oder Monats, oder feste Tage wie "
            "»zum 31.07.«)",
        )
        work.fact("notice_to_unsupported", True)
    first_ends = _first_ends(low) if "kündig" in low else []
    if first_ends:
        work.problem(
            "term › earliest_end",
            f"»{work.flat[slice(*first_ends[0])]}« nennt das früheste Ende, nicht den Kündigungstermin; als "
            "Kündigungstermin nicht übernommen – bitte das früheste Ende prüfen",
        )
    for notice_to, kind in found:
        work.fact("notice_to", notice_to, _note(work, kind))


def _note(work: SentenceWork, kind: str | None) -> str | None:
    """The note of a notice date, and the review item where it needs one."""
    if kind == "budget":
        work.problem(
            "term › notice_to",
            "»zum Ende des Haushaltsjahres« als Ende des Kalenderjahres übernommen "
            "(§ 78 Abs. 4 GO NRW: Haushaltsjahr ist das Kalenderjahr, soweit für einzelne "
            "Bereiche durch Gesetz nichts anderes bestimmt ist); bitte bestätigen",
        )
        return "Haushaltsjahr = Kalenderjahr (§ 78 Abs. 4 GO NRW)"
    if kind == "vague":
        work.problem(
            "term › notice_to",
            "»zum Ende eines Jahres« als Ende des Kalenderjahres übernommen; bitte "
            "bestätigen, dass nicht das Vertragsjahr gemeint ist",
        )
        return "»Jahr« als Kalenderjahr verstanden"
    if kind == "vague half":
        work.problem(
            "term › notice_to",
            "»zum Ende eines Halbjahres« als Ende des Kalenderhalbjahres (30.06., 31.12.) "
            "übernommen; bitte bestätigen, dass nicht das Vertrags- oder Schulhalbjahr gemeint ist",
        )
        return "»Halbjahr« als Kalenderhalbjahr verstanden"
    if kind == "days":
        return "die im Text genannten Tage eines jeden Jahres"
    return None
