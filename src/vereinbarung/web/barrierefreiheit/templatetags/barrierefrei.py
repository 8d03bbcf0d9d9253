"""Template helpers for accessible forms (WCAG 2.1: 1.3.1, 2.5.3, 3.3.1, 4.1.2).

- ``{{ errors|fehlerattrs:"titel" }}``: ``aria-invalid="true" aria-describedby="fehler-titel"``
  on a field with an error (the error text carries ``id="fehler-titel"``), nothing otherwise.
- ``{{ "partei-0-vertreter"|feldname }}``: the field's visible label for the error summary at
  the top of the form (»Partei 1, vertreten durch«).
- ``{% parteispalten as columns %}``: the columns of the parties' rows with their visible labels.
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

import vereinbarung.web.register.fields as register_fields

register = template.Library()

#: The columns of a party row of the form (names of structured.PARTY_FIELDS), as shown.
PARTY_COLUMNS = (
    ("name", "Name"),
    ("vertreter", "vertreten durch"),
    ("amt", "Amt"),
    ("strasse", "Straße"),
    ("plz", "PLZ"),
    ("ort", "Ort"),
)
_LABELS = {
    "titel": "Titel",
    "untertitel": "Untertitel",
    "aktenzeichen": "Aktenzeichen",
    "federfuehrung": "Federführung",
    "inkrafttreten": "Inkrafttreten",
    "laufzeitende": "Ende der ersten Laufzeit",
    "laufzeit": "Laufzeit ab Inkrafttreten",
    "verlaengerung": "Verlängerung um jeweils",
    "kuendigungsfrist": "Kündigungsfrist",
    "kuendigungstermin": "Kündigungstermin",
    "fruehestens": "Kündigung frühestens zum",
    "vor_ablauf": "Kündigung vor Ablauf der Laufzeit",
    "kosten-zusammenfassung": "Kostenregelung in einem Satz",
    "kosten-schluessel": "Kostenschlüssel",
    "kosten-betrag": "Betrag je Haushaltsjahr",
    "kosten-empfaenger": "Zahlungsempfänger",
    "kosten-befreit": "Parteien ohne Kostenanteil",
}
_PARTY = re.compile(r"^partei-(\d+)-(\w+)$")
_SECTION = re.compile(r"^paragraph-(\d+)-(\w+)$")


@register.filter
def fehlerattrs(errors: object, key: str) -> SafeString:
    """The ARIA attributes tying the field *key* to its error text, or nothing."""
    getter = getattr(errors, "get", None)
    if not callable(getter) or not getter(key):
        return SafeString("")
    return format_html(' aria-invalid="true" aria-describedby="fehler-{}"', key)


@register.filter
def feldname(key: str) -> str:
    """The visible label of the form field *key* (the key itself when unknown)."""
    if key in _LABELS:
        return _LABELS[key]
    register_label = register_fields.FORM_FIELDS.get(key)
    if register_label:
        return str(register_label)
    if party := _PARTY.match(key):
        column = dict(PARTY_COLUMNS).get(party.group(2), party.group(2))
        return f"Partei {int(party.group(1)) + 1}, {column}"
    if section := _SECTION.match(key):
        return f"§ {int(section.group(1)) + 1} Überschrift"
    return key


@register.simple_tag
def parteispalten() -> tuple[tuple[str, str], ...]:
    """The columns of a party row: (field, visible label)."""
    return PARTY_COLUMNS
