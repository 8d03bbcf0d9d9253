"""Field types shared by the models: German dates, periods, clean text.

Each is an ``Annotated`` type that parses what people write (``01.02.2023``, ``sechs Monate``),
serialises to the canonical form (``2023-02-01``, ``6 Monate``), describes itself in the JSON
Schema, and fails with a German message.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, PlainSerializer, WithJsonSchema

from vereinbarung.errors import VereinbarungError
from vereinbarung.law.dates import parse_date
from vereinbarung.law.notice import NoticeBy, NoticePeriod, WorkdayPeriod, parse_notice_period
from vereinbarung.law.periods import Period
from vereinbarung.law.termination import NoticeDays, NoticeTo

__all__ = [
    "INDEFINITE",
    "GermanDate",
    "NoticeByField",
    "NoticeField",
    "NoticeToField",
    "PeriodField",
    "PostalCode",
    "RenewalField",
    "Text",
]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

INDEFINITE: Literal["unbestimmte Zeit"] = "unbestimmte Zeit"
_INDEFINITE_WORDS = {"unbestimmte zeit", "auf unbestimmte zeit", "indefinite", "unbefristet"}


def _clean_text(value: str) -> str:
    match = _CONTROL.search(value)
    if match:
        raise ValueError(
            f"enthält das Steuerzeichen U+{ord(match.group()):04X}; erlaubt sind nur "
            "Zeilenumbruch und Tabulator"
        )
    if not value.strip():
        raise ValueError("darf nicht leer sein")
    return value


def _to_date(value: Any) -> dt.date:
    return parse_date(value)


def _to_period(value: Any) -> Period:
    if isinstance(value, Period):
        return value
    return Period.parse(value)


def _to_renewal(value: Any) -> Period | str:
    if isinstance(value, str) and " ".join(value.lower().split()) in _INDEFINITE_WORDS:
        return INDEFINITE
    return _to_period(value)


def _serialize_renewal(value: Period | str) -> str:
    return str(value)


_DATE_PATTERN = r"^(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})$"

#: A calendar day, written ``2023-02-01``, ``01.02.2023`` or ``1.2.2023``.
GermanDate = Annotated[
    dt.date,
    BeforeValidator(_to_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _DATE_PATTERN,
            "description": "Datum als 2023-02-01, 01.02.2023 oder 1.2.2023",
            "examples": ["2023-02-01", "01.02.2023"],
        }
    ),
]

_PERIOD_SCHEMA = {
    "type": "string",
    "description": (
        "Frist: Zahl (Ziffern oder eins bis zwölf) und Einheit (Jahre, Monate, Wochen, Tage), "
        "oder ISO 8601 (P2Y, P6M, P4W, P14D)"
    ),
    "examples": ["6 Monate", "zwei Jahre", "P6M"],
}

#: A period such as ``6 Monate``, ``von sechs Monaten``, ``P6M``.
PeriodField = Annotated[
    Period,
    BeforeValidator(_to_period),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(_PERIOD_SCHEMA),
]

#: A renewal period, or ``unbestimmte Zeit`` (runs on indefinitely after the first term).
RenewalField = Annotated[
    Period | Literal["unbestimmte Zeit"],
    BeforeValidator(_to_renewal),
    PlainSerializer(_serialize_renewal, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "description": _PERIOD_SCHEMA["description"] + ", oder »unbestimmte Zeit«",
            "examples": ["2 Jahre", "ein Jahr", "unbestimmte Zeit"],
        }
    ),
]


def _to_notice(value: Any) -> NoticePeriod:
    if isinstance(value, Period | WorkdayPeriod | NoticeBy):
        return value
    return parse_notice_period(value)


def _serialize_notice(value: NoticePeriod) -> str | None:
    # "bis zum 30.06." is written as notice_by, never as notice
    return None if isinstance(value, NoticeBy) else str(value)


#: A Kündigungsfrist: a period (``6 Monate``) or working days (``10 Arbeitstage``, ``12 Werktage``).
NoticeField = Annotated[
    Period | WorkdayPeriod | NoticeBy,
    BeforeValidator(_to_notice),
    PlainSerializer(_serialize_notice, return_type=str | None),
    WithJsonSchema(
        {
            "type": "string",
            "description": (
                _PERIOD_SCHEMA["description"]
                + "; oder Arbeitstage (Montag bis Freitag) bzw. Werktage (Montag bis Samstag), "
                "jeweils ohne die Feiertage des Bundeslandes (land): »10 Arbeitstage«, "
                "»12 Werktage«"
            ),
            "examples": ["6 Monate", "drei Monate", "10 Arbeitstage", "12 Werktage"],
        }
    ),
]


def _to_notice_by(value: Any) -> NoticeBy:
    if isinstance(value, NoticeBy):
        return value
    try:
        return NoticeBy.parse(value)
    except VereinbarungError as error:
        raise ValueError(str(error)) from None


_DAY_OF_YEAR_PATTERN = r"^\d{1,2}\.\d{1,2}\.?$"

#: "Die Kündigung muss bis zum 30.06. eines Jahres zugehen": ``notice_by: "30.06."``.
NoticeByField = Annotated[
    NoticeBy,
    BeforeValidator(_to_notice_by),
    PlainSerializer(NoticeBy.text, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _DAY_OF_YEAR_PATTERN,
            "description": (
                "Statt notice: Tag und Monat, bis zu dem die Kündigung in jedem Jahr zugegangen "
                "sein muss (»Die Kündigung muss bis zum 30.06. eines Jahres zum Jahresende "
                "zugehen«); Kündigungstermin wie in notice_to"
            ),
            "examples": ["30.06.", "30.09."],
        }
    ),
]


def _to_notice_to(value: Any) -> NoticeTo | NoticeDays:
    if isinstance(value, NoticeTo | NoticeDays):
        return value
    if isinstance(value, str) and value in NoticeTo._value2member_map_:
        return NoticeTo(value)
    if isinstance(value, str) and not value[:1].isdigit():
        allowed = ", ".join(NoticeTo)
        raise ValueError(
            f"»{value}« ist kein Kündigungstermin; erlaubt: {allowed} oder feste Tage wie "
            '»31.07.« bzw. ["31.03.", "30.09."]'
        )
    if not isinstance(value, str | list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError(
            f"»{value}« ist kein Kündigungstermin; erwartet wird z. B. year_end oder »31.07.«"
        )
    try:
        return NoticeDays.parse(value)
    except VereinbarungError as error:
        raise ValueError(str(error)) from None


def _serialize_notice_to(value: NoticeTo | NoticeDays) -> str | list[str]:
    if isinstance(value, NoticeTo):
        return value.value
    texts = value.texts()
    return texts[0] if len(texts) == 1 else texts


#: A Kündigungstermin: ``term_end``, ``year_end``, … or fixed days ``"31.07."``, a list of them.
NoticeToField = Annotated[
    NoticeTo | NoticeDays,
    BeforeValidator(_to_notice_to),
    PlainSerializer(_serialize_notice_to, return_type=str | list[str]),
    WithJsonSchema(
        {
            "description": (
                "Kündigungstermin: term_end (zum Laufzeitende), year_end (zum Ende eines "
                "Kalenderjahres), half_year_end (zum Ende eines Kalenderhalbjahres: 30.06. und "
                "31.12.), quarter_end (Kalendervierteljahr), month_end (Monatsende); oder feste "
                "Tage eines jeden Jahres wie »31.07.« (Ende des Schuljahres) oder "
                '["31.03.", "30.09."]'
            ),
            "anyOf": [
                {"type": "string", "enum": [member.value for member in NoticeTo]},
                {"type": "string", "pattern": _DAY_OF_YEAR_PATTERN},
                {
                    "type": "array",
                    "items": {"type": "string", "pattern": _DAY_OF_YEAR_PATTERN},
                    "minItems": 1,
                },
            ],
            "examples": ["year_end", "half_year_end", "31.07.", ["31.03.", "30.09."]],
        }
    ),
]

#: Text a person wrote: not empty, no control characters other than line break and tab.
Text = Annotated[str, AfterValidator(_clean_text)]


def check_postal_code(value: str) -> str:
    """Raise a German error unless *value* is a five-digit postal code."""
    if not re.fullmatch(r"\d{5}", value):
        raise ValueError(f"»{value}« ist keine fünfstellige Postleitzahl")
    return value


#: A German postal code of five digits.
PostalCode = Annotated[
    str,
    BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) else v),
    AfterValidator(check_postal_code),
    WithJsonSchema({"type": "string", "pattern": r"^\d{5}$", "description": "Postleitzahl"}),
]
