"""German wording of the model's values: articles and cases, names, numbers and amounts.

Periods, document titles and the term clause in words: :mod:`vereinbarung.model.clause_wording`.

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
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

from vereinbarung.errors import VereinbarungError
from vereinbarung.law.dates import format_date
from vereinbarung.model.agreement import PartyKind, Representative

__all__ = [
    "CASES",
    "DEFINITE_ARTICLES",
    "Case",
    "Gender",
    "article",
    "check_case",
    "declined_name",
    "format_amount",
    "format_number",
    "join_names",
    "party_intro",
    "represented_by",
    "salutation_accusative",
    "short_name",
    "shorten",
    "sort_key",
    "with_article",
]

Case = Literal["nominative", "genitive", "dative", "accusative"]
#: The four cases, as the filters accept them.
CASES: tuple[Case, ...] = ("nominative", "genitive", "dative", "accusative")

Gender = Literal["f", "m", "n"]

DEFINITE_ARTICLES: dict[Gender, dict[Case, str]] = {
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


def check_case(case: str) -> Case:
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
    case = check_case(case)
    gender = _KIND_GENDER.get(kind) if kind is not None else None
    return DEFINITE_ARTICLES[gender][case] if gender else ""


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
    case = check_case(case)
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


def shorten(text: str, width: int = 80) -> str:
    """*text* on one line, cut to *width* characters with "…" where it is longer.

    >>> shorten("Kooperationsvereinbarung über die Zusammenarbeit", 20)
    'Kooperationsvereinb…'
    """
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


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
