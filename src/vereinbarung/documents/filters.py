"""The German filters of the templates: dates, amounts, periods and names in their case.

``{{ on|long_date }}`` → "30. Juni 2026", ``{{ 190000|amount }}`` → "190.000,00 €",
``{{ party|with_article("dative") }}`` → "der Stadt Dormagen". Each checks its input and says in
German what it got instead (:mod:`vereinbarung.documents.labels`); the wording itself lives in
the model (:mod:`vereinbarung.model.german`, :mod:`vereinbarung.model.clause_wording`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from jinja2 import (
    UndefinedError,
)

from vereinbarung.documents.context import PartyView
from vereinbarung.documents.labels import type_label
from vereinbarung.law.dates import format_date, format_long_date
from vereinbarung.law.periods import Period
from vereinbarung.model.agreement import Party, PartyKind, Representative, infer_party_kind
from vereinbarung.model.clause_wording import period_words, term_paragraphs, title_phrase
from vereinbarung.model.clauses import Term
from vereinbarung.model.german import (
    CASES,
    Case,
    format_amount,
    format_number,
    join_names,
    represented_by,
)
from vereinbarung.model.german import article as _article
from vereinbarung.model.german import declined_name as _declined_name
from vereinbarung.model.german import with_article as _with_article

__all__ = [
    "FILTERS",
    "filter_amount",
    "filter_article",
    "filter_date",
    "filter_declined",
    "filter_join_names",
    "filter_long_date",
    "filter_number",
    "filter_period_words",
    "filter_represented_by",
    "filter_term_clause",
    "filter_title_phrase",
    "filter_with_article",
]


def _case(case: str) -> Case:
    for known in CASES:
        if case == known:
            return known
    raise UndefinedError(f"»{case}« ist kein Fall (erlaubt: {', '.join(CASES)})")


def _kind_and_name(party: object) -> tuple[PartyKind | None, str]:
    if isinstance(party, PartyView | Party):
        return party.kind, party.name
    if isinstance(party, str):
        return infer_party_kind(party), party
    raise UndefinedError(f"{type_label(party)} ist keine Partei")


def filter_date(value: object) -> str:
    """``30.06.2026``."""
    if isinstance(value, dt.date):
        return format_date(value)
    raise UndefinedError(f"|date: {type_label(value)} ist kein Datum")


def filter_long_date(value: object) -> str:
    """``30. Juni 2026``, with no-break spaces: day, month and year never split (DIN 5008)."""
    if isinstance(value, dt.date):
        return format_long_date(value).replace(" ", "\u00a0")
    raise UndefinedError(f"|long_date: {type_label(value)} ist kein Datum")


def filter_period_words(value: object, case: str = "dative", further: bool = False) -> str:
    """``sechs Monaten`` (dative, default), ``sechs Monate`` (nominative, accusative)."""
    if isinstance(value, str):
        value = Period.parse(value)
    if not isinstance(value, Period):
        raise UndefinedError(f"|period_words: {type_label(value)} ist keine Frist")
    return period_words(value, _case(case), further=further)


def filter_amount(value: object) -> str:
    """``1.234,56 €``."""
    return format_amount(value)


def filter_number(value: object, decimals: int = 0) -> str:
    """``564.444``; with *decimals* ``706,92``."""
    return format_number(value, decimals)


def filter_article(party: object, case: str = "dative") -> str:
    """The article of a party in *case*: ``der``, ``dem``, ``des`` …"""
    kind, _ = _kind_and_name(party)
    return _article(kind, _case(case))


def filter_declined(party: object, case: str = "dative") -> str:
    """The party's name as it follows the article in *case* ("Oberbergischen Kreis")."""
    kind, name = _kind_and_name(party)
    return _declined_name(name, kind, _case(case))


def filter_with_article(party: object, case: str = "dative") -> str:
    """Article and name in *case*: ``der Stadt Dormagen``, ``dem Rhein-Kreis-Neuss``."""
    kind, name = _kind_and_name(party)
    return _with_article(name, kind, _case(case))


def filter_represented_by(value: object) -> str:
    """``Herrn Bürgermeister Erik Lierenfeld`` for a party or its representative."""
    if isinstance(value, PartyView | Party):
        value = value.representative
    if isinstance(value, Representative):
        return represented_by(value)
    raise UndefinedError(f"|represented_by: {type_label(value)} ist keine Partei")


def filter_title_phrase(title: object, case: str = "accusative") -> str:
    """The document's title with article: ``die Kooperationsvereinbarung``."""
    if not isinstance(title, str):
        raise UndefinedError(f"|title_phrase: {type_label(title)} ist kein Titel")
    return title_phrase(title, _case(case))


def filter_join_names(values: object) -> str:
    """``A, B und C``."""
    if not isinstance(values, tuple | list) or not all(isinstance(v, str) for v in values):
        raise UndefinedError(f"|join_names: {type_label(values)} ist keine Liste von Namen")
    return join_names(values)


def filter_term_clause(term: object) -> list[str]:
    """The term clause worded from the data, one paragraph per entry."""
    if not isinstance(term, Term):
        raise UndefinedError(f"|term_clause: {type_label(term)} ist keine Laufzeitklausel")
    return term_paragraphs(term)


#: The German filters every template may use, by name.
FILTERS: dict[str, Callable[..., Any]] = {
    "date": filter_date,
    "long_date": filter_long_date,
    "period_words": filter_period_words,
    "amount": filter_amount,
    "number": filter_number,
    "article": filter_article,
    "declined": filter_declined,
    "with_article": filter_with_article,
    "represented_by": filter_represented_by,
    "title_phrase": filter_title_phrase,
    "join_names": filter_join_names,
    "term_clause": filter_term_clause,
}
