"""Put the library's German findings next to the field of the structured form they concern.

The library names the place of a problem as a path of the file format (»Feld term › notice_by:
…«, »Feld parties › Nr. 2 › representative › name: …«, see
:class:`vereinbarung.AgreementFileError`); this module turns the path into the form field
(:mod:`.form_choices`), so that the message stands beside the field, tied to it with
``aria-describedby`` and listed at the top of the form (WCAG 2.1, 3.3.1). A finding without a
field of the form is listed at the top only.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from vereinbarung.web.pages.form_choices import (
    AGREEMENT_FIELDS,
    COST_EXTRA,
    COST_FIELDS,
    DURING_TERM,
    SIGNATURE_FIELDS,
    TERM_FIELDS,
)

if TYPE_CHECKING:
    from vereinbarung.web.pages.structured import AgreementForm

__all__ = ["field_of_path", "place_problems"]

FIELD_OF_PATH: dict[str, str] = {
    **{key: name for name, key in AGREEMENT_FIELDS.items()},
    "local_holidays": "oertliche_feiertage",
    "preamble": "praeambel",
    "short_name": "short_name",
    "department": "department",
    "contact": "contact_name",
    "contact › name": "contact_name",
    "contact › phone": "contact_phone",
    "contact › email": "contact_email",
    "costs": "kosten-zusammenfassung",
    **{f"costs › {key}": name for name, key in {**COST_FIELDS, **COST_EXTRA}.items()},
    "costs › population": "kosten-stichtag",
    "costs › percentages": "kosten-schluessel",
    "costs › payee_account": "kosten-iban",
    **{f"term › {key}": name for name, key in TERM_FIELDS.items()},
    "term › notice_by": "zugang_bis",
    "term › clause": "fundstelle",
    "term › notice_during_term": DURING_TERM,
}
_PARTY_PATH = re.compile(r"^parties › Nr\. (\d+)(?: › (\w+)(?: › (\w+))?)?")
_SIGNATURE_PATH = re.compile(r"^signatures › Nr\. (\d+)(?: › (\w+))?")
_PARTY_KEY = {
    ("name", None): "name",
    ("representative", "name"): "vertreter",
    ("representative", "title"): "amt",
    ("representative", None): "vertreter",
    ("address", "street"): "strasse",
    ("address", "postal_code"): "plz",
    ("address", "city"): "ort",
    ("address", None): "strasse",
}
_SIGNATURE_KEY = {key: name for name, key in SIGNATURE_FIELDS.items()}


def field_of_path(form: AgreementForm, path: str) -> str | None:
    """The form field of a path of the file format, or None."""
    name = FIELD_OF_PATH.get(path)
    if name is None:
        # the longest known prefix: »costs › payee_account › iban« → IBAN
        known = [p for p in FIELD_OF_PATH if path.startswith(p + " › ")]
        name = FIELD_OF_PATH[max(known, key=len)] if known else None
    party = _PARTY_PATH.match(path)
    if name is None and party is not None:
        key = _PARTY_KEY.get((party.group(2), party.group(3)), "name")
        name = f"partei-{int(party.group(1)) - 1}-{key}"
    signature = _SIGNATURE_PATH.match(path)
    if name is None and signature is not None:
        number, key = int(signature.group(1)), signature.group(2) or "place"
        signed = [i for i, row in enumerate(form.parties) if row.get("u_ort")]
        if number <= len(signed):
            name = f"partei-{signed[number - 1]}-{_SIGNATURE_KEY.get(key, 'u_ort')}"
    if name is None and path.startswith("term"):
        name = "inkrafttreten"
    if name is None and path.startswith("costs › exempt"):
        name = "kosten-befreit"
    if name is None and path.startswith("costs"):
        name = "kosten-schluessel"
    return name


def place_problems(form: AgreementForm, problems: list[str]) -> None:
    """Put each German problem of the library next to its field (else above the form)."""
    for problem in problems:
        text = problem.split(": ", 1)[1] if problem.startswith("Vereinbarung: ") else problem
        match = re.match(r"Feld (.+?): (.*)$", text)
        if not match:
            form.general.append(text)
            continue
        path, message = match.groups()
        name = field_of_path(form, path)
        if name is None:
            form.general.append(text)
        else:
            form.errors[name] = message
