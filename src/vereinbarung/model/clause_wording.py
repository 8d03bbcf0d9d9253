"""The clauses in German words: periods, document titles, the term clause of an agreement.

Builds on the grammar of :mod:`vereinbarung.model.german` (cases, articles). Periods are
written as the agreements write them ("mit einer Frist von sechs Monaten", "um zwei weitere
Jahre"); the term clause follows the reference agreement (seed 002, § 5) and §§ 187–190 BGB.

>>> from vereinbarung.law.periods import Period
>>> period_words(Period(years=2), "accusative", further=True)
'zwei weitere Jahre'
"""

from __future__ import annotations

import re

from vereinbarung.errors import VereinbarungError
from vereinbarung.law.dates import format_date
from vereinbarung.law.notice import NoticeBy, WorkdayPeriod
from vereinbarung.law.periods import Period
from vereinbarung.law.termination import day_of_year_words
from vereinbarung.law.terms import NoticeTo
from vereinbarung.model.clauses import Term
from vereinbarung.model.fields import INDEFINITE
from vereinbarung.model.german import DEFINITE_ARTICLES, Case, Gender, check_case

__all__ = ["conclusion_line", "period_words", "term_heading", "term_paragraphs", "title_phrase"]


# -- periods ---------------------------------------------------------------------------------

_ACCUSATIVE_ONE = re.compile(r"\bein (Monat|Tag)\b")
_FURTHER_ONE = {"Jahr": "ein weiteres Jahr", "Monat": "einen weiteren Monat",
                "Woche": "eine weitere Woche", "Tag": "einen weiteren Tag"}  # fmt: skip


def period_words(
    period: Period | WorkdayPeriod | NoticeBy, case: str = "dative", *, further: bool = False
) -> str:
    """*period* in words: "sechs Monaten" (dative), "sechs Monate" (nominative, accusative).

    With *further*, in the accusative of a renewal: "zwei weitere Jahre", "ein weiteres Jahr",
    "einen weiteren Monat" (only for a period of one unit; mixed ones are worded plainly).

    >>> period_words(Period(months=6)), period_words(Period(months=1), "accusative")
    ('sechs Monaten', 'einen Monat')
    >>> period_words(Period(years=1), "accusative", further=True)
    'ein weiteres Jahr'
    >>> period_words(WorkdayPeriod(10)), period_words(NoticeBy(6, 30), "nominative")
    ('zehn Arbeitstagen', 'Zugang bis zum 30. Juni')
    """
    grammatical = check_case(case)
    if grammatical == "genitive":
        raise VereinbarungError("Fristen werden im Nominativ, Dativ oder Akkusativ geschrieben.")
    if grammatical == "dative" or not isinstance(period, Period):
        return period.in_words("dative" if grammatical == "dative" else "nominative")
    words = period.in_words("nominative")
    if further and " und " not in words:
        number, unit = words.split(" ", 1)
        if number in ("ein", "eine"):
            return _FURTHER_ONE[unit]
        return f"{number} weitere {unit}"
    if grammatical == "accusative":
        words = _ACCUSATIVE_ONE.sub(r"einen \1", words)
    return words


# -- the kind of document --------------------------------------------------------------------

# (ending of the head noun, gender, genitive ending)
_DOCUMENT_NOUNS: tuple[tuple[str, Gender, str], ...] = (
    ("vereinbarung", "f", ""),
    ("vertrag", "m", "es"),
    ("abkommen", "n", "s"),
    ("statut", "n", "s"),
    ("ung", "f", ""),
    ("ordnung", "f", ""),
)
_STRONG_ADJECTIVE_ENDING: dict[Gender, str] = {"f": "e", "m": "er", "n": "es"}


def _document_noun(title: str) -> tuple[list[str], int, Gender, str] | None:
    words = title.split(" ")
    for i, word in enumerate(words):
        lowered = word.casefold()
        for ending, gender, genitive in _DOCUMENT_NOUNS:
            if lowered.endswith(ending) and word[:1].isupper():
                adjectives = words[:i]
                strong = _STRONG_ADJECTIVE_ENDING[gender]
                if all(a.endswith(strong) for a in adjectives):
                    return words, i, gender, genitive
                return None
    return None


def title_phrase(title: str, case: Case) -> str:
    """The title with article in *case*: "die Kooperationsvereinbarung", "der
    öffentlich-rechtlichen Vereinbarung"; unknown kinds as "die Vereinbarung „…“".

    >>> title_phrase("Öffentlich-rechtliche Vereinbarung", "dative")
    'der öffentlich-rechtlichen Vereinbarung'
    >>> title_phrase("Kooperationsvertrag", "genitive")
    'des Kooperationsvertrages'
    >>> title_phrase("Konzept Winterdienst", "accusative")
    'die Vereinbarung „Konzept Winterdienst“'
    """
    case = check_case(case)
    found = _document_noun(title)
    if found is None:
        return f"{DEFINITE_ARTICLES['f'][case]} Vereinbarung „{title}“"
    words, head, gender, genitive = found
    words = list(words)
    strong = _STRONG_ADJECTIVE_ENDING[gender]
    weak = "e" if case == "nominative" or (case == "accusative" and gender != "m") else "en"
    for i in range(head):
        stem = words[i][: -len(strong)]
        words[i] = stem + weak
        if i == 0:
            words[0] = words[0][:1].lower() + words[0][1:]
    if case == "genitive":
        words[head] += genitive
    return f"{DEFINITE_ARTICLES[gender][case]} {' '.join(words)}"


def conclusion_line(title: str) -> str:
    """ "wird folgende Kooperationsvereinbarung geschlossen:" for the title's kind of document.

    >>> conclusion_line("Öffentlich-rechtliche Vereinbarung")
    'wird folgende öffentlich-rechtliche Vereinbarung geschlossen:'
    >>> conclusion_line("Kooperationsvertrag")
    'wird folgender Kooperationsvertrag geschlossen:'
    """
    found = _document_noun(title)
    if found is None:
        return "wird folgende Vereinbarung geschlossen:"
    words, head, gender, _ = found
    determiner = {"f": "folgende", "m": "folgender", "n": "folgendes"}[gender]
    phrase = list(words)
    if head > 0:
        phrase[0] = phrase[0][:1].lower() + phrase[0][1:]
    return f"wird {determiner} {' '.join(phrase)} geschlossen:"


# -- the term clause -------------------------------------------------------------------------

#: The sentence of ``notice_during_term`` after a renewal clause (issue 24); the importer reads
#: it back (:mod:`vereinbarung.importing.term_notice`).
DURING_TERM_SENTENCE = "Sie kann auch vor Ablauf der Laufzeit gekündigt werden."


def term_heading(term: Term) -> str:
    """Heading of a term section worded from the data."""
    if term.notice is None:
        return "Inkrafttreten, Laufzeit"
    return "Inkrafttreten, Laufzeit, Kündigung"


def _notice_phrase(term: Term) -> str:
    if term.notice is None:
        raise AssertionError("no notice")  # pragma: no cover - callers check
    if isinstance(term.notice, NoticeBy):  # the day of receipt follows in its own sentence
        phrase = term.notice_to.label
    else:
        phrase = f"mit einer Frist von {term.notice.in_words('dative')} {term.notice_to.label}"
    if term.earliest_end is not None:
        phrase += f", frühestens zum {format_date(term.earliest_end)},"
    return phrase


def term_paragraphs(term: Term) -> list[str]:
    """The term clause worded from the data, one paragraph per entry, as in seed 002 § 5.

    >>> import datetime as dt
    >>> from vereinbarung.model.agreement import Term
    >>> for p in term_paragraphs(Term(effective=dt.date(2023, 2, 1), ends=dt.date(2026, 12, 31),
    ...                               renewal=Period(years=2), notice=Period(months=6))):
    ...     print(p)
    Diese Vereinbarung tritt zum 01.02.2023 in Kraft.
    Die Laufzeit dieser Vereinbarung endet am 31.12.2026.
    Sie verlängert sich um jeweils zwei weitere Jahre, wenn sie nicht mit einer Frist von sechs Monaten zum Laufzeitende gekündigt wird. Die Kündigung bedarf der Schriftform.
    """
    paragraphs = [f"Diese Vereinbarung tritt zum {format_date(term.effective)} in Kraft."]
    first_end = term.first_end
    if first_end is None:
        paragraphs.append("Sie wird auf unbestimmte Zeit geschlossen.")
    elif term.duration is not None:
        paragraphs.append(
            f"Die Laufzeit dieser Vereinbarung beträgt {period_words(term.duration, 'nominative')} "
            f"und endet am {format_date(first_end)}."
        )
    else:
        paragraphs.append(f"Die Laufzeit dieser Vereinbarung endet am {format_date(first_end)}.")
    sentences: list[str] = []
    renewal = term.renewal
    fixed = first_end is not None and renewal is None
    # a fixed term ends by itself; notice "zum Laufzeitende" would then change nothing, and
    # before its end only where the clause allows it (§ 620 Abs. 1 BGB; issue 24)
    during = term.notice_during_term and first_end is not None
    can_give_notice = term.notice is not None and not (
        fixed and (term.notice_to is NoticeTo.TERM_END or not during)
    )
    if isinstance(renewal, Period):
        renewal_words = period_words(renewal, "accusative", further=True)
        if term.notice is not None:
            sentences.append(
                f"Sie verlängert sich um jeweils {renewal_words}, wenn sie nicht "
                f"{_notice_phrase(term)} gekündigt wird."
            )
            if during:
                sentences.append(DURING_TERM_SENTENCE)
        else:
            sentences.append(f"Sie verlängert sich jeweils um {renewal_words}.")
    else:
        if renewal == INDEFINITE:
            sentences.append("Nach Ablauf der Laufzeit verlängert sie sich auf unbestimmte Zeit.")
        elif fixed:
            sentences.append(
                "Sie endet mit Ablauf der Laufzeit, ohne dass es einer Kündigung bedarf."
            )
        if can_give_notice:
            before = " auch vor Ablauf der Laufzeit" if during else ""
            sentences.append(
                f"Sie kann von jeder Vertragspartei{before} {_notice_phrase(term)} gekündigt werden."
            )
        else:
            sentences.append("Eine ordentliche Kündigung ist ausgeschlossen.")
    if can_give_notice and isinstance(term.notice, NoticeBy):
        day = day_of_year_words(term.notice.month, term.notice.day)
        if term.notice_to is NoticeTo.YEAR_END:
            sentences.append(
                f"Die Kündigung muss bis zum {day} des Jahres zugehen, zu dessen Ende gekündigt wird."
            )
        else:
            sentences.append(
                f"Die Kündigung muss bis zum {day} zugehen, der dem Kündigungstermin vorausgeht "
                "oder auf ihn fällt."
            )
    if can_give_notice:
        sentences.append("Die Kündigung bedarf der Schriftform.")
    paragraphs.append(" ".join(sentences))
    return paragraphs
