"""The values read by the importer in the words of the pages: German labels, German values.

The importer names each value by its place in the file (»term › notice_to«, »parties › Nr. 1
› kind«, :class:`vereinbarung.ImportResult` ``provenance`` and ``review``); the Import page
shows them as a clerk reads the agreement: »Kündigungstermin« = »zum Ende eines
Kalenderjahres«, »Rechtsform« = »öffentlich-rechtliche Vereinbarung (§§ 23–24 GkG NRW)«,
»Partei 1 – Art« = »Gemeinde«, dates ``10.09.2026`` (:func:`vereinbarung.format_date`).
The labels follow the form (:mod:`vereinbarung.web.pages.structured`); the choice values are
the library's own German labels (:class:`vereinbarung.NoticeTo`, :class:`vereinbarung.Regime`,
:class:`vereinbarung.OnPartyNotice`, :class:`vereinbarung.CostKey`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import vereinbarung
from vereinbarung.web.pages.history import TOP_LABELS

__all__ = ["field_label", "field_value"]

#: Top-level fields of the file, as the form and the version history name them.
TOP = TOP_LABELS
#: Fields of ``term``.
TERM = {
    "effective": "Inkrafttreten",
    "ends": "Laufzeitende",
    "duration": "Laufzeit",
    "renewal": "Verlängerung",
    "notice": "Kündigungsfrist",
    "notice_to": "Kündigungstermin",
    "notice_by": "Zugang der Kündigung bis",
    "earliest_end": "Kündigung frühestens zum",
    "notice_during_term": "Kündigung auch vor Ablauf der Laufzeit",
    "clause": "Fundstelle",
    "placeholders": "Platzhalter (noch einzutragen)",
}
#: Fields of a party.
PARTY = {
    "name": "Name",
    "kind": "Art",
    "address": "Anschrift",
    "representative": "vertreten durch",
    "acts_for": "handelt für",
    "salutation": "Anrede",
}
#: Values of choice fields in German.
CHOICES: dict[str, dict[str, str]] = {
    "notice_to": {to.value: to.label for to in vereinbarung.NoticeTo},
    "regime": {regime.value: regime.label for regime in vereinbarung.Regime},
    "on_party_notice": {p.value: p.label for p in vereinbarung.OnPartyNotice},
    "key": {key.value: key.label for key in vereinbarung.CostKey},
}
_NUMBER = re.compile(r"^Nr\. (\d+)$")


def _parts(field: str) -> list[str]:
    return [part.strip() for part in field.split("›")]


def field_label(field: str) -> str:
    """»term › notice_to« → »Kündigungstermin«, »parties › Nr. 1 › kind« → »Partei 1 – Art«,
    »sections › Nr. 4« → »Paragraph 4«; a part it does not know stays as it is."""
    parts = _parts(field)
    head, rest = parts[0], parts[1:]
    number = _NUMBER.match(rest[0]) if rest else None
    if head == "term" and rest:
        return TERM.get(rest[0], rest[0])
    if head == "parties" and number:
        named = [PARTY.get(part, part) for part in rest[1:]]
        return " – ".join([f"Partei {number.group(1)}", *named])
    if head == "sections" and number:
        return f"Paragraph {number.group(1)}"
    if head == "signatures" and number:
        return f"Unterschrift {number.group(1)}"
    label = TOP.get(head, head)
    return " – ".join([label, *rest]) if rest else label


def _date(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return vereinbarung.format_date(value)
    if isinstance(value, str):
        try:
            return vereinbarung.format_date(dt.date.fromisoformat(value))
        except ValueError:
            return None
    return None


def field_value(field: str, value: Any) -> str:
    """*value* of the field *field* (the importer's name of it) as the pages show it."""
    parts = _parts(field)
    key = parts[-1] if not _NUMBER.match(parts[-1]) else parts[0]
    if value is None or value in ("", [], {}):
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    day = _date(value)
    if day is not None:
        return day
    if key == "placeholders" and isinstance(value, list):
        return ", ".join(TERM.get(str(name), str(name)) for name in value)
    if isinstance(value, str):
        return CHOICES.get(key, {}).get(value, value)
    if isinstance(value, list):
        return ", ".join(field_value(field, item) for item in value)
    if isinstance(value, dict):
        return _mapping(key, value)
    return str(value)


def _mapping(key: str, value: dict[str, Any]) -> str:
    """An address, a representative, a section, a signature, the costs: in one line."""
    if key == "address":
        town = " ".join(str(value.get(k) or "") for k in ("postal_code", "city")).strip()
        return ", ".join(part for part in (str(value.get("street") or ""), town) if part)
    if key == "sections":
        return f"§ {value.get('number', '')} {value.get('heading', '')}".strip()
    if key == "signatures":
        day = _date(value.get("date")) or ""
        place = ", ".join(part for part in (str(value.get("place") or ""), day) if part)
        return f"{value.get('party', '')}: {place}" if place else str(value.get("party", ""))
    if key == "costs":
        parts = [str(value.get("summary") or "")]
        if value.get("key"):
            parts.append("Schlüssel: " + CHOICES["key"].get(value["key"], str(value["key"])))
        return "; ".join(part for part in parts if part)
    return ", ".join(
        _date(item) or str(item)
        for item in value.values()
        if item not in (None, "") and not isinstance(item, dict | list)
    )
