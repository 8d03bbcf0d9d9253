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

from vereinbarung.law.dates import parse_date
from vereinbarung.law.periods import Period

__all__ = ["INDEFINITE", "GermanDate", "PeriodField", "PostalCode", "RenewalField", "Text"]

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
