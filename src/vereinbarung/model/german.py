"""German wording for documents: articles and cases, names, amounts, periods, the term clause.

Everything here is pure text work on the model's values; the templates reach it through the
filters of :mod:`vereinbarung.documents.environment`. The grammar covers what agreements between
municipalities need:

* The body a party is decides the article: *die Stadt*, *die Gemeinde*, *die Städteregion*
  (feminine), *der Kreis*, *der Landschaftsverband*, *der Zweckverband* (masculine). After
  "zwischen" the parties stand in the dative: "zwischen der Stadt Dormagen", "dem
  Rhein-Kreis-Neuss"; an adjective in the name is declined with it: "dem Oberbergischen Kreis",
  "des Oberbergischen Kreises".
* "vertreten durch" takes the accusative: "Herrn Bürgermeister Erik Lierenfeld",
  "Frau Bürgermeisterin Ursula Baum".
* The kind of document gives "wird folgende Kooperationsvereinbarung geschlossen", "kündigen
  wir die öffentlich-rechtliche Vereinbarung", "folgender Vertrag".

>>> from vereinbarung.model.agreement import PartyKind
>>> with_article("Stadt Dormagen", PartyKind.STADT, "dative")
'der Stadt Dormagen'
>>> with_article("Oberbergischer Kreis", PartyKind.KREIS, "genitive")
'des Oberbergischen Kreises'
>>> format_amount("1234.56")
'1.234,56 €'
>>> from vereinbarung.law.periods import Period
>>> period_words(Period(years=2), "accusative", further=True)
'zwei weitere Jahre'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

from vereinbarung.errors import VereinbarungError
from vereinbarung.law.dates import format_date
from vereinbarung.law.notice import NoticeBy, WorkdayPeriod
from vereinbarung.law.periods import Period
from vereinbarung.law.termination import day_of_year_words
from vereinbarung.law.terms import NoticeTo
from vereinbarung.model.agreement import PartyKind, Representative
from vereinbarung.model.clauses import Term
from vereinbarung.model.fields import INDEFINITE

__all__ = [
    "CASES",
    "Case",
    "article",
    "conclusion_line",
    "declined_name",
    "format_amount",
    "format_number",
    "join_names",
    "party_intro",
    "period_words",
    "represented_by",
    "salutation_accusative",
    "short_name",
    "sort_key",
    "term_heading",
    "term_paragraphs",
    "title_phrase",
    "with_article",
]

Case = Literal["nominative", "genitive", "dative", "accusative"]
#: The four cases, as the filters accept them.
CASES: tuple[Case, ...] = ("nominative", "genitive", "dative", "accusative")

Gender = Literal["f", "m", "n"]

_DEFINITE: dict[Gender, dict[Case, str]] = {
    "f": {"nominative": "die", "genitive": "der", "dative": "der", "accusative": "die"},
    "m": {"nominative": "der", "genitive": "des", "dative": "dem", "accusative": "den"},
    "n": {"nominative": "das", "genitive": "des", "dative": "dem", "accusative": "das"},
}

_KIND_GENDER: dict[PartyKind, Gender] = {
    PartyKind.STADT: "f",
    PartyKind.GEMEINDE: "f",
    PartyKind.STAEDTEREGION: "f",
    PartyKind.KREIS: "m",
    PartyKind.LANDSCHAFTSVERBAND: "m",
    PartyKind.ZWECKVERBAND: "m",
}

# Head nouns of masculine party names and their genitive ending.
_MASCULINE_HEADS = re.compile(r"(kreis|verband)$", re.IGNORECASE)


def _check_case(case: str) -> Case:
    for known in CASES:
        if case == known:
            return known
    raise VereinbarungError(
        f"»{case}« ist kein Fall (erlaubt: nominative, genitive, dative, accusative)."
    )


def article(kind: PartyKind | None, case: Case) -> str:
    """The definite article of a party of *kind* in *case*; ``""`` for an unknown kind.

    >>> article(PartyKind.KREIS, "dative"), article(PartyKind.STAEDTEREGION, "dative")
    ('dem', 'der')
    >>> article(None, "dative")
    ''
    """
    case = _check_case(case)
    gender = _KIND_GENDER.get(kind) if kind is not None else None
    return _DEFINITE[gender][case] if gender else ""


def declined_name(name: str, kind: PartyKind | None, case: Case) -> str:
    """*name* as it stands after the definite article in *case*.

    Feminine names do not change. In masculine names (Kreis, Verband) an adjective before the
    head noun takes the weak ending, and the head noun takes *-es* in the genitive:
    "Oberbergischer Kreis" → "(dem) Oberbergischen Kreis", "(des) Kreises Soest". A head noun
    joined to the place by a hyphen ("Rhein-Kreis-Neuss") is a proper name and stays.

    >>> declined_name("Oberbergischer Kreis", PartyKind.KREIS, "nominative")
    'Oberbergische Kreis'
    >>> declined_name("Rhein-Kreis Neuss", PartyKind.KREIS, "genitive")
    'Rhein-Kreises Neuss'
    >>> declined_name("Hochsauerlandkreis", PartyKind.KREIS, "genitive")
    'Hochsauerlandkreises'
    """
    case = _check_case(case)
    if kind is None or _KIND_GENDER.get(kind) != "m":
        return name
    words = name.split(" ")
    head = next((i for i, w in enumerate(words) if _MASCULINE_HEADS.search(w)), None)
    if head is None:
        return name
    for i in range(head):
        word = words[i]
        if len(word) > 3 and word[0].isupper() and word.endswith("er"):
            words[i] = word[:-1] if case == "nominative" else word[:-2] + "en"
    if case == "genitive":
        words[head] += "es"
    return " ".join(words)


def with_article(name: str, kind: PartyKind | None, case: Case) -> str:
    """Article and declined name: "der Stadt Dormagen", "dem Kreis Soest"; the bare name if the
    kind is unknown."""
    first = article(kind, case)
    declined = declined_name(name, kind, case)
    return f"{first} {declined}" if first else declined


def party_intro(index: int, count: int, kind: PartyKind | None) -> str:
    """The words before the *index*-th of *count* parties in "zwischen der …, der …, und der …".

    >>> [party_intro(i, 3, k) for i, k in enumerate([PartyKind.STADT, PartyKind.KREIS, PartyKind.STADT])]
    ['zwischen der', 'dem', 'und der']
    """
    words = []
    if index == 0:
        words.append("zwischen")
    elif index == count - 1:
        words.append("und")
    first = article(kind, "dative")
    if first:
        words.append(first)
    return " ".join(words)


def salutation_accusative(representative: Representative) -> str:
    """ "Herrn" or "Frau", as after "vertreten durch"."""
    return "Herrn" if representative.form_of_address == "Herr" else "Frau"


def represented_by(representative: Representative) -> str:
    """ "Herrn Bürgermeister Erik Lierenfeld": salutation (accusative), office, name."""
    return f"{salutation_accusative(representative)} {representative.title} {representative.name}"


def short_name(name: str, kind: PartyKind | None) -> str:
    """The name without "Stadt"/"Gemeinde", as the Interkommunales.NRW profile lists towns.

    >>> short_name("Stadt Stolberg (Rhld.)", PartyKind.STADT), short_name("Kreis Soest", PartyKind.KREIS)
    ('Stolberg (Rhld.)', 'Kreis Soest')
    """
    for prefix, prefix_kind in (("Stadt ", PartyKind.STADT), ("Gemeinde ", PartyKind.GEMEINDE)):
        if kind is prefix_kind and name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


_SORT_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def sort_key(text: str) -> str:
    """Sort key for German names (DIN 5007-1: ä as a, ß as ss; case ignored)."""
    return text.casefold().translate(_SORT_FOLD)


def join_names(names: Iterable[str]) -> str:
    """ "A, B und C".

    >>> join_names(["Jüchen", "Korschenbroich", "Rommerskirchen"])
    'Jüchen, Korschenbroich und Rommerskirchen'
    """
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " und " + items[-1]


# -- numbers ---------------------------------------------------------------------------------


def _decimal(value: object, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        shown = format_date(value) if isinstance(value, dt.date) else value
        raise VereinbarungError(f"»{shown}« ist kein {what}.")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise VereinbarungError(f"»{value}« ist kein {what}.") from None
    if not number.is_finite():
        raise VereinbarungError(f"»{value}« ist kein {what}.")
    return number


def format_number(value: object, decimals: int = 0) -> str:
    """A number the German way: thousands with ".", decimals with ",".

    >>> format_number(564444), format_number(706.92, 2), format_number("1234.5", 1)
    ('564.444', '706,92', '1.234,5')
    """
    number = _decimal(value, "Zahl").quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    text = f"{abs(number):,.{decimals}f}"  # 1,234.56
    return sign + text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_amount(value: object) -> str:
    """An amount in euros: ``1.234,56 €`` (rounded half up to the cent).

    >>> format_amount(850), format_amount(-0.5)
    ('850,00 €', '-0,50 €')
    """
    return f"{format_number(_decimal(value, 'Geldbetrag'), 2)} €"


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
    grammatical = _check_case(case)
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
    case = _check_case(case)
    found = _document_noun(title)
    if found is None:
        return f"{_DEFINITE['f'][case]} Vereinbarung „{title}“"
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
    return f"{_DEFINITE[gender][case]} {' '.join(words)}"


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
    # a fixed term ends by itself; notice "zum Laufzeitende" would then change nothing
    can_give_notice = term.notice is not None and not (
        fixed and term.notice_to is NoticeTo.TERM_END
    )
    if isinstance(renewal, Period):
        renewal_words = period_words(renewal, "accusative", further=True)
        if term.notice is not None:
            sentences.append(
                f"Sie verlängert sich um jeweils {renewal_words}, wenn sie nicht "
                f"{_notice_phrase(term)} gekündigt wird."
            )
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
            before = " vorher" if fixed else ""
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
