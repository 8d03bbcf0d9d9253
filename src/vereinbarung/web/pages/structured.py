"""The structured form of an agreement (Neu / Bearbeiten): its values, read from a post or a record.

The form is grouped as an agreement reads: Vereinbarung (Rechtsform, Land, Präambel, what one
party's notice causes), Parteien, Laufzeit und Kündigung, Kosten (with the Umlage), Paragraphen,
Unterschriften. Rows of parties and sections are numbered fields (``partei-0-name`` …); »Zeile
hinzufügen« and »entfernen« are submit buttons, so the form works without JavaScript.

This module holds the values (:class:`AgreementForm`); the names and labels are in
:mod:`.form_choices`, writing the YAML document in :mod:`.form_writer` and :mod:`.form_costs`
(ruamel round trip: comments and every other key of an existing file stay), the library's
German messages are put next to their field by :mod:`.form_errors`, and the clauses the form
produces are shown by :mod:`.form_preview`. A field missing from a post (an older page, a
script) leaves its key of the file as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import BadRequest

import vereinbarung
from vereinbarung.web.pages import form_costs
from vereinbarung.web.pages.form_choices import (
    AGREEMENT_FIELDS,
    ALL_COST_FIELDS,
    ALL_PARTY_FIELDS,
    DATE_FIELDS,
    DURING_TERM,
    FIXED_DAYS,
    NOTICE_TO_CHOICES,
    PARTY_FIELDS,
    ROW_ACTIONS,
    TERM_EXTRA,
    TERM_FIELDS,
    TERM_LABELS,
    label_of,
)
from vereinbarung.web.pages.form_writer import ITEM_LINE, paragraph_text
from vereinbarung.web.register.fields import FORM_FIELDS, register_values

__all__ = [
    "NOTICE_TO_CHOICES",
    "PARTY_FIELDS",
    "ROW_ACTIONS",
    "TERM_FIELDS",
    "TERM_LABELS",
    "AgreementForm",
    "term_values",
]

#: Scalar fields of the form outside the rows (agreement, term).
SCALARS = (*AGREEMENT_FIELDS, *TERM_FIELDS, *TERM_EXTRA, "praeambel")
#: Hidden marker of the checkbox group »Örtliche Feiertage« (unticked boxes send nothing).
HOLIDAYS_SHOWN = "oertliche_feiertage_da"
_NOTICE_TO_VALUES = {to.value for to in vereinbarung.NoticeTo}


def term_values(term: vereinbarung.Term, raw_term: dict[str, Any]) -> dict[str, str]:
    """The form values of a term clause; *raw_term* is the clause as written in the file
    (periods as typed: »6 Monate«), *term* the clause as read (dates)."""
    values = {
        "fundstelle": term.clause or "",
        "zugang_bis": str(raw_term.get("notice_by") or ""),
        "kuendigungstage": "",
    }
    for name, key in TERM_FIELDS.items():
        raw = raw_term.get(key)
        if name in DATE_FIELDS and getattr(term, key, None) is not None:
            values[name] = vereinbarung.format_date(getattr(term, key))
        elif key == "notice" and raw_term.get("notice_by") is not None:
            values[name] = ""  # the rule is »Zugang bis«, shown in its own field
        elif isinstance(raw, str):
            values[name] = raw
        else:
            values[name] = "" if raw is None else str(raw)
    raw_to = raw_term.get("notice_to")
    if isinstance(raw_to, list) or (isinstance(raw_to, str) and raw_to not in _NOTICE_TO_VALUES):
        values["kuendigungstermin"] = FIXED_DAYS
        values["kuendigungstage"] = ", ".join(raw_to if isinstance(raw_to, list) else [raw_to])
    values[DURING_TERM] = "1" if term.notice_during_term else ""
    return values


def _count(text: str, name: str, most: int) -> int:
    """The number of rows a hidden field of the form names (at most *most*); a German 400
    (``BadRequest``, Django's handler400) for anything but a whole number."""
    text = text or "0"
    if not (text.isascii() and text.isdigit() and len(text) <= 4):
        raise BadRequest(f"{name}: »{text[:20]}« ist keine Anzahl.")
    return min(int(text), most)


@dataclass
class AgreementForm:
    """The values of the form, its rows, and German errors by field name."""

    values: dict[str, str]
    parties: list[dict[str, str]]
    sections: list[dict[str, str]]
    register: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    sections_editable: bool = True
    costs: dict[str, str] = field(default_factory=dict)
    exempt: list[str] = field(default_factory=list)
    local_holidays: list[str] = field(default_factory=list)
    preamble_editable: bool = True
    #: The field names a post carried; None for a form built here (every field is on it).
    posted: frozenset[str] | None = None

    def has(self, name: str) -> bool:
        """Whether the form carried the field *name* (else its key of the file stays)."""
        return self.posted is None or name in self.posted

    @property
    def error_items(self) -> list[tuple[str, str, str]]:
        """The errors for the list at the top: (field, visible label, message)."""
        return [(key, label_of(key), message) for key, message in self.errors.items()]

    @classmethod
    def empty(cls) -> AgreementForm:
        blank = dict.fromkeys(ALL_PARTY_FIELDS, "")
        values = dict.fromkeys(SCALARS, "")
        values.update(titel="Kooperationsvereinbarung", kuendigungstermin="term_end",
                      rechtsform="contract", land="NW")  # fmt: skip
        return cls(
            values=values,
            parties=[dict(blank), dict(blank)],
            sections=[{"ueberschrift": "", "text": ""}],
            register=dict.fromkeys(FORM_FIELDS, ""),
            costs=dict.fromkeys(ALL_COST_FIELDS, ""),
        )

    @classmethod
    def from_post(cls, post: Any) -> AgreementForm:
        def get(name: str) -> str:
            return str(post.get(name, "")).strip()[:20_000]

        values = {name: get(name) for name in SCALARS}
        parties = []
        for i in range(_count(get("parteien"), "parteien", 100)):
            if get(f"partei-{i}-entfernen"):
                continue
            parties.append({key: get(f"partei-{i}-{key}") for key in ALL_PARTY_FIELDS})
        sections = []
        for i in range(_count(get("paragraphen"), "paragraphen", 300)):
            if get(f"paragraph-{i}-entfernen"):
                continue
            sections.append({k: get(f"paragraph-{i}-{k}") for k in ("ueberschrift", "text")})
        values[DURING_TERM] = "1" if get(DURING_TERM) else ""
        register = {key: get(key)[:200] for key in FORM_FIELDS}
        costs = {name: get(name)[:2000] for name in ALL_COST_FIELDS}
        exempt = [str(v).strip() for v in post.getlist("kosten-befreit")][:100]
        holidays = [str(v).strip() for v in post.getlist("oertliche_feiertage")][:10]
        # a column of the party rows is on the form when any row carries it
        posted = {re.sub(r"^partei-\d+-", "partei-*-", str(k)) for k in post}
        return cls(values, parties, sections, register,
                   sections_editable=get("paragraphen_bearbeitbar") != "0",
                   costs=costs, exempt=exempt, local_holidays=holidays,
                   preamble_editable=get("praeambel_bearbeitbar") != "0",
                   posted=frozenset(posted))  # fmt: skip

    @classmethod
    def from_record(cls, record: Any, agreement: vereinbarung.Agreement) -> AgreementForm:
        term = agreement.term
        data = record.data if isinstance(record.data, dict) else {}
        raw_term = data.get("term", {}) if isinstance(data.get("term"), dict) else {}
        values = dict.fromkeys(SCALARS, "")
        values.update({
            "titel": agreement.title,
            "untertitel": agreement.subtitle or "",
            "aktenzeichen": agreement.reference or "",
            "rechtsgrundlage": agreement.legal_basis or "",
            "rechtsform": agreement.regime.value,
            "land": agreement.land,
            "federfuehrung": agreement.lead or "",
            "bei_kuendigung": agreement.on_party_notice.value if agreement.on_party_notice else "",
        })  # fmt: skip
        values.update(term_values(term, raw_term))
        preamble_editable = all(isinstance(p, str) for p in agreement.preamble)
        if preamble_editable:
            values["praeambel"] = "\n\n".join(str(p) for p in agreement.preamble)
        figures = form_costs.party_figures(agreement)
        signatures = {s.party: s for s in agreement.signatures}
        # the kind as the file states it (else it is inferred from the name, shown as such)
        written_kinds = {
            p.get("name"): p.get("kind") for p in data.get("parties") or [] if isinstance(p, dict)
        }
        parties = []
        for party in agreement.parties:
            rep, address, signed = party.representative, party.address, signatures.get(party.name)
            parties.append({
                "name": party.name,
                "vertreter": rep.name if rep else "", "amt": rep.title if rep else "",
                "strasse": address.street if address else "",
                "plz": address.postal_code if address else "",
                "ort": address.city if address else "",
                **figures.get(party.name, {}),
                "u_ort": signed.place if signed else "",
                "u_datum": vereinbarung.format_date(signed.date) if signed and signed.date else "",
                "u_name": (signed.name or "") if signed else "",
                "u_amt": (signed.title or "") if signed else "",
                "art": str(written_kinds.get(party.name) or ""),
                "anrede": (rep.salutation or "") if rep else "",
                "handelt_fuer": ", ".join(party.acts_for),
            })  # fmt: skip
        for row in parties:
            for key in ALL_PARTY_FIELDS:
                row.setdefault(key, "")
        sections = [
            {"ueberschrift": section.heading,
             "text": "\n\n".join(paragraph_text(p.text, p.items) for p in section.paragraphs)}
            for section in agreement.sections
        ]  # fmt: skip
        # editable where the form's text reads back as the file has it: numbered 1 … n, no
        # line of an Absatz that would read as an item, no item of more than one line
        editable = all(
            section.number == number
            and not any(
                ITEM_LINE.match(line) for p in section.paragraphs for line in p.text.splitlines()
            )
            and not any("\n" in item for p in section.paragraphs for item in p.items)
            and not any("\n\n" in p.text for p in section.paragraphs)
            for number, section in enumerate(agreement.sections, 1)
        )
        costs, exempt = form_costs.read_costs(agreement)
        return cls(values, parties, sections if editable else [], register_values(agreement),
                   sections_editable=editable, costs=costs, exempt=exempt,
                   local_holidays=list(agreement.local_holidays),
                   preamble_editable=preamble_editable)  # fmt: skip

    def apply_row_action(self, action: str) -> None:
        if action == "partei_plus":
            self.parties.append(dict.fromkeys(ALL_PARTY_FIELDS, ""))
        elif action == "paragraph_plus":
            self.sections.append({"ueberschrift": "", "text": ""})

    def to_yaml(self, existing: str | None) -> str:
        """The YAML text with the form's values; other keys and comments of *existing* kept."""
        from vereinbarung.web.pages.form_writer import write_document

        return write_document(self, existing)

    def add_library_errors(self, problems: list[str]) -> None:
        """Put each German problem of the library next to its field (else above the form)."""
        from vereinbarung.web.pages.form_errors import place_problems

        place_problems(self, problems)
