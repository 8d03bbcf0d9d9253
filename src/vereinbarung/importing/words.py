"""German words in agreement text: sentences, dates, periods; and where a value comes from.

The vocabulary the import rules (:mod:`vereinbarung.importing.term`, :mod:`vereinbarung.importing.parties`,
:mod:`vereinbarung.importing.costs`) are written in:

* :func:`split_sentences`: sentences of a paragraph; "gem.", "Abs.", "z. B.", ordinals ("1.")
  and dates do not end one.
* :func:`find_dates`: ``01.02.2023``, ``1.2.2023``, ``1. Februar 2023``, ``2023-02-01``, and day
  and month without a year (``31.12.``); an impossible day is found but has no date.
* :func:`find_periods`: ``6 Monate``, ``sechs Monaten``, ``einem Jahr``, ``zwei weitere Jahre``,
  ``einem halben Jahr``, ``zweijährigen``, ``Jahresfrist``; number words up to
  neunundneunzig.
* :class:`Sentence`, :class:`Fact`, :class:`Problem`, :class:`Provenance`: a sentence with its
  place (§, Absatz, line or paragraph of the file), a value read from it, a review item or
  note, and where a value of the agreement file comes from.

>>> [str(m.period) for m in find_periods("mit einer Frist von 6 Monate zum Laufzeitende")]
['6 Monate']
>>> Sentence("Die Laufzeit endet am 31.12.2026.", 5, 2).label
'§ 5 Abs. 2'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from vereinbarung.law.periods import Period

__all__ = [
    "MONTH_PATTERN",
    "NUMBER_PATTERN",
    "NUMBER_WORDS",
    "DateMention",
    "Fact",
    "FieldPath",
    "PeriodMention",
    "Problem",
    "Provenance",
    "Sentence",
    "find_dates",
    "find_periods",
    "period_from_words",
    "split_sentences",
]


# -- where a value comes from ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the agreement and where it stands (§, Absatz, block)."""

    text: str
    section: int | None = None
    paragraph: int | None = None
    where: str = ""
    block: int | None = None
    in_term_section: bool = True

    @property
    def label(self) -> str:
        """Citation for a person: ``§ 5 Abs. 3``, ``§ 6``, or the place in the file."""
        if self.section is not None:
            label = f"§ {self.section}"
            if self.paragraph is not None:
                label += f" Abs. {self.paragraph}"
            return label
        return self.where or "Text"

    def to_json(self) -> dict[str, object]:
        """The source as data: sentence, citation, place in the file, block number."""
        return {
            "text": self.text,
            "label": self.label,
            "section": self.section,
            "paragraph": self.paragraph,
            "where": self.where or None,
            "block": self.block,
        }


@dataclass(frozen=True, slots=True)
class Fact:
    """One value read from a sentence; *note* says how it was derived where that is not plain."""

    field: str
    value: object
    sentence: Sentence
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """Something not found, not understood or ambiguous; *review* items make the import
    incomplete (exit code 3), the others are notes."""

    field: str
    message: str
    sentence: Sentence | None = None
    review: bool = True

    def __str__(self) -> str:
        where = f" ({self.sentence.label}: „{_short(self.sentence.text)}“)" if self.sentence else ""
        return f"{self.field}: {self.message}{where}"


#: A value's place in the agreement file: ``("term", "effective")``, ``("parties", 0, "name")``.
FieldPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a value of the agreement file comes from.

    ``path`` is the value's place in the file (``("term", "effective")``,
    ``("parties", 0, "representative")``); ``sources`` are the sentences or lines it was read
    from; ``note`` says how it was derived where that is not plain.
    """

    path: FieldPath
    sources: tuple[Sentence, ...]
    note: str | None = None

    @property
    def field(self) -> str:
        """The path for a person: ``term › effective``, ``parties › Nr. 1 › representative``."""
        return " › ".join(f"Nr. {p + 1}" if isinstance(p, int) else p for p in self.path)

    def to_json(self) -> dict[str, Any]:
        """The provenance as data."""
        return {
            "field": self.field,
            "path": list(self.path),
            "sources": [s.to_json() for s in self.sources],
            "note": self.note,
        }


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- sentences ---------------------------------------------------------------------------------

_ABBREVIATIONS = {
    "abs", "nr", "gem", "bzw", "ca", "vgl", "art", "ff", "f", "s", "z", "b", "d", "h", "u", "a",
    "i", "v", "m", "dr", "prof", "str", "lfd", "tel", "usw", "etc", "ggf", "inkl", "einschl",
    "evtl", "sog", "bzgl", "zzgl", "abschn", "anl", "buchst", "ziff", "e", "g", "o", "ä",
    "jan", "feb", "febr", "mrz", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dez",
    "gv", "nrw", "bgbl", "mbl", "sgv", "hs", "satz",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?](?=\s+[„\"(]?[A-ZÄÖÜ§])")


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph (abbreviations, dates and ordinals do not end one).

    >>> split_sentences("Sie endet am 31.12.2026. Die Kündigung bedarf gem. § 57 der Schriftform.")
    ['Sie endet am 31.12.2026.', 'Die Kündigung bedarf gem. § 57 der Schriftform.']
    >>> split_sentences("Sie tritt am 1. Februar 2023 in Kraft. Sie endet am 31.12. Die Frist …")
    ['Sie tritt am 1. Februar 2023 in Kraft.', 'Sie endet am 31.12. Die Frist …']
    """
    flat = " ".join(text.split())
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(flat):
        end = match.end()
        before = flat[start : match.start()]
        word = re.split(r"[\s(„\"]", before)[-1] if before else ""
        if match.group() == ".":
            bare = word.lower().rstrip(".")
            last = bare.rsplit(".", 1)[-1]
            if last in _ABBREVIATIONS or re.fullmatch(r"\d{1,2}(?:\.\d{1,2})?\.?", word + "."):
                continue  # "gem.", "z.B.", "1.", "31.12."
            if re.fullmatch(r"[A-ZÄÖÜ]", word):
                continue  # an initial: "Hans J. Müller"
        sentences.append(flat[start:end].strip())
        start = end
    rest = flat[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


# -- dates ---------------------------------------------------------------------------------------

_MONTH_NAMES = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "febr": 2, "märz": 3,
    "maerz": 3, "mrz": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7,
    "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10,
    "okt": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}  # fmt: skip
#: The German month names and their abbreviations, as a regular-expression alternation.
MONTH_PATTERN = "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))
_DATE = re.compile(
    r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.(?:\s?(?P<y>\d{4})(?!\d))?"
    rf"|(?<![\d.])(?P<ld>\d{{1,2}})\.\s*(?P<lm>{MONTH_PATTERN})\.?(?:\s*(?P<ly>\d{{4}})(?!\d))?"
    r"|(?<!\d)(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?!\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date in a sentence: full (with year), partial (``31.12.``) or impossible."""

    start: int
    end: int
    raw: str
    day: int
    month: int
    year: int | None

    @property
    def date(self) -> dt.date | None:
        """The calendar day, or None if the year is missing or the day does not exist."""
        if self.year is None:
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None

    @property
    def impossible(self) -> bool:
        """Whether a year is given but there is no such day (``31.02.2023``)."""
        return self.year is not None and self.date is None


def find_dates(text: str) -> list[DateMention]:
    """Every date in *text*: ``01.02.2023``, ``1.2.2023``, ``1. Februar 2023``, ``2023-02-01``,
    and day and month alone (``31.12.``, ``31. Dezember``).

    >>> [m.date for m in find_dates("vom 1. Februar 2023 bis 31.12.2026, jeweils zum 31.12.")]
    [datetime.date(2023, 2, 1), datetime.date(2026, 12, 31), None]
    """
    mentions = []
    for match in _DATE.finditer(text):
        groups = match.groupdict()
        if groups["d"]:
            day, month, year = int(groups["d"]), int(groups["m"]), groups["y"]
        elif groups["ld"]:
            day, month, year = int(groups["ld"]), _MONTH_NAMES[groups["lm"].lower()], groups["ly"]
        else:
            day, month, year = int(groups["id"]), int(groups["im"]), groups["iy"]
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue  # "2.5.1" is no date; a section number "§ 3.12." neither
        mentions.append(
            DateMention(
                match.start(), match.end(), match.group(), day, month, int(year) if year else None
            )
        )
    return mentions


# -- periods -------------------------------------------------------------------------------------

_ONES = {"ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7,
         "acht": 8, "neun": 9}  # fmt: skip
_TENS = {"zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
         "siebzig": 70, "achtzig": 80, "neunzig": 90}  # fmt: skip
NUMBER_WORDS: dict[str, int] = {
    "ein": 1, "eine": 1, "einem": 1, "einen": 1, "einer": 1, "eins": 1,
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
    "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15,
    "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
    **_TENS,
    **{f"{one}und{ten}": n + m for one, n in _ONES.items() for ten, m in _TENS.items()},
}  # fmt: skip
#: A count in digits or words (``12``, ``zwölf``, ``dreiundzwanzig``), for regular expressions.
NUMBER_PATTERN = r"\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_NUMBER = NUMBER_PATTERN
_UNIT = {
    "jahr": "years", "jahre": "years", "jahren": "years", "kalenderjahr": "years",
    "kalenderjahre": "years", "kalenderjahren": "years",
    "monat": "months", "monate": "months", "monaten": "months", "kalendermonat": "months",
    "kalendermonate": "months", "kalendermonaten": "months",
    "woche": "weeks", "wochen": "weeks",
    "tag": "days", "tage": "days", "tagen": "days",
}  # fmt: skip
_PERIOD = re.compile(
    rf"(?<![\w.])(?P<num>{_NUMBER})\s+(?:(?:weitere[nrs]?|volle[nrs]?|ganze[nrs]?)\s+)?"
    rf"(?P<unit>{'|'.join(sorted(_UNIT, key=len, reverse=True))})(?![\wäöü])"
    r"|(?<![\w])(?P<frac>ein(?:em)?\s+(?:halben?|halbes)\s+jahr|ein(?:em)?\s+vierteljahr)(?![\w])"
    r"|(?<![\w])(?P<adj>ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|halb|"
    r"viertel|\d{1,2})-?(?P<adjunit>jährig|monatig|wöchig|tägig)\w*"
    r"|(?<![\w])(?P<noun>jahres|halbjahres|vierteljahres|monats)frist(?![\w])",
    re.IGNORECASE,
)
_ADJ_UNIT = {"jährig": "years", "monatig": "months", "wöchig": "weeks", "tägig": "days"}


@dataclass(frozen=True, slots=True)
class PeriodMention:
    """A period in a sentence (``sechs Monaten``, ``zweijährigen``, ``Jahresfrist``)."""

    start: int
    end: int
    raw: str
    period: Period


def _period(number: int, unit: str) -> Period:
    return Period(**{unit: number})


def find_periods(text: str) -> list[PeriodMention]:
    """Every period in *text*, in the forms agreements use.

    >>> [str(m.period) for m in find_periods("um jeweils zwei weitere Jahre mit einer "
    ...      "zweijährigen Frist, von 6 Monate, einem halben Jahr, mit Jahresfrist")]
    ['2 Jahre', '2 Jahre', '6 Monate', '6 Monate', '1 Jahr']
    """
    mentions = []
    for match in _PERIOD.finditer(text):
        groups = match.groupdict()
        period: Period | None = None
        if groups["num"]:
            raw_number = groups["num"].lower()
            number = int(raw_number) if raw_number.isdigit() else NUMBER_WORDS[raw_number]
            if number == 0:
                continue
            unit_word = groups["unit"].lower()
            if (
                number == 1
                and raw_number in ("ein", "eine", "einem", "einen", "einer")
                and (unit_word.endswith(("jahre", "monate", "tage", "jahren", "monaten", "tagen")))
            ):
                continue  # "einer Jahre" is no period
            period = _period(number, _UNIT[unit_word])
        elif groups["frac"]:
            period = Period(months=3 if "viertel" in groups["frac"].lower() else 6)
        elif groups["adj"]:
            raw_number = groups["adj"].lower()
            unit = _ADJ_UNIT[groups["adjunit"].lower()]
            if raw_number == "halb":
                period = Period(months=6) if unit == "years" else None
            elif raw_number == "viertel":
                period = Period(months=3) if unit == "years" else None
            else:
                number = int(raw_number) if raw_number.isdigit() else NUMBER_WORDS[raw_number]
                period = _period(number, unit) if number else None
        else:
            noun = groups["noun"].lower()
            period = {
                "jahres": Period(years=1),
                "halbjahres": Period(months=6),
                "vierteljahres": Period(months=3),
                "monats": Period(months=1),
            }[noun]
        if period is not None:
            mentions.append(PeriodMention(match.start(), match.end(), match.group(), period))
    return mentions


def period_from_words(text: str) -> Period | None:
    """The single period in *text* (``zwei weitere Jahre``, ``einem Jahr``), else None.

    >>> str(period_from_words("ein weiteres Jahr")), period_from_words("bis auf Weiteres")
    ('1 Jahr', None)
    """
    cleaned = re.sub(r"\b(weitere[nrs]?|weiteres)\s+", "", text.strip(), flags=re.IGNORECASE)
    found = find_periods(cleaned)
    return found[0].period if len(found) == 1 else None
