"""The structured form of an agreement (Neu / Bearbeiten): plain fields, German errors.

Rows of parties and sections are numbered fields (``partei-0-name`` …); »Zeile hinzufügen«
and »entfernen« are submit buttons, so the form works without JavaScript. The form writes
the keys it knows into the YAML document (ruamel round trip: comments and every other key of
an existing file stay); the library validates the result and its German messages are shown
next to the field they concern.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import BadRequest

import vereinbarung
from vereinbarung.web.register.fields import FORM_FIELDS, put_register_fields, register_values

#: The Kündigungstermine of the form and the Fristenrechner, in the library's wording.
NOTICE_TO_CHOICES = [
    (to.value, f"{to.label} (30.06. und 31.12.)" if to == "half_year_end" else to.label)
    for to in vereinbarung.NoticeTo
]
ROW_ACTIONS = {"partei_plus", "paragraph_plus"}
COST_KEYS = [
    ("", "– kein Schlüssel angegeben –"),
    ("equal", "zu gleichen Teilen"),
    ("population", "nach Einwohnerzahl (Zahlen in der Expertenansicht)"),
    ("cases", "nach Fallzahlen (Zahlen in der Expertenansicht)"),
    ("fixed", "feste Prozentsätze (in der Expertenansicht)"),
    ("base_plus", "Sockelbetrag plus Rest (in der Expertenansicht)"),
]
COST_FIELDS = {
    "kosten-zusammenfassung": "summary",
    "kosten-schluessel": "key",
    "kosten-betrag": "amount",
    "kosten-empfaenger": "payee",
}
PARTY_FIELDS = ("name", "vertreter", "amt", "strasse", "plz", "ort")
TERM_FIELDS = {
    "inkrafttreten": "effective",
    "laufzeitende": "ends",
    "laufzeit": "duration",
    "verlaengerung": "renewal",
    "kuendigungsfrist": "notice",
    "kuendigungstermin": "notice_to",
    "fruehestens": "earliest_end",
}
TERM_LABELS = {
    "inkrafttreten": "Inkrafttreten",
    "laufzeitende": "Ende der ersten Laufzeit",
    "laufzeit": "oder: Laufzeit ab Inkrafttreten",
    "verlaengerung": "Verlängerung um jeweils",
    "kuendigungsfrist": "Kündigungsfrist",
    "kuendigungstermin": "Kündigungstermin",
    "fruehestens": "Kündigung frühestens zum",
}
_DATE_FIELDS = {"inkrafttreten", "laufzeitende", "fruehestens"}
#: Checkbox »kann auch vor Ablauf der Laufzeit gekündigt werden« (term › notice_during_term).
DURING_TERM = "vor_ablauf"
_FIELD_OF_PATH = {
    "title": "titel",
    "subtitle": "untertitel",
    "reference": "aktenzeichen",
    "lead": "federfuehrung",
    "short_name": "short_name",
    "department": "department",
    "contact": "contact_name",
    "contact › name": "contact_name",
    "contact › phone": "contact_phone",
    "contact › email": "contact_email",
    "costs": "kosten-zusammenfassung",
    **{f"costs › {key}": name for name, key in COST_FIELDS.items()},
    **{f"term › {key}": name for name, key in TERM_FIELDS.items()},
    "term › notice_during_term": DURING_TERM,
}
_PARTY_PATH = re.compile(r"^parties › Nr\. (\d+)(?: › (\w+)(?: › (\w+))?)?")
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

    @classmethod
    def empty(cls) -> AgreementForm:
        blank = dict.fromkeys(PARTY_FIELDS, "")
        return cls(
            values={"titel": "Kooperationsvereinbarung", "kuendigungstermin": "term_end"},
            parties=[dict(blank), dict(blank)],
            sections=[{"ueberschrift": "", "text": ""}],
            register=dict.fromkeys(FORM_FIELDS, ""),
        )

    @classmethod
    def from_post(cls, post: Any) -> AgreementForm:
        def get(name: str) -> str:
            return str(post.get(name, "")).strip()[:20_000]

        values = {name: get(name) for name in
                  ("titel", "untertitel", "aktenzeichen", "federfuehrung", *TERM_FIELDS)}  # fmt: skip
        parties = []
        for i in range(_count(get("parteien"), "parteien", 100)):
            if get(f"partei-{i}-entfernen"):
                continue
            parties.append({key: get(f"partei-{i}-{key}") for key in PARTY_FIELDS})
        sections = []
        for i in range(_count(get("paragraphen"), "paragraphen", 300)):
            if get(f"paragraph-{i}-entfernen"):
                continue
            sections.append({k: get(f"paragraph-{i}-{k}") for k in ("ueberschrift", "text")})
        values[DURING_TERM] = "1" if get(DURING_TERM) else ""
        register = {key: get(key)[:200] for key in FORM_FIELDS}
        costs = {name: get(name) for name in COST_FIELDS}
        exempt = [str(v).strip() for v in post.getlist("kosten-befreit")][:100]
        return cls(values, parties, sections, register,
                   sections_editable=get("paragraphen_bearbeitbar") != "0",
                   costs=costs, exempt=exempt)  # fmt: skip

    @classmethod
    def from_record(cls, record: Any, agreement: vereinbarung.Agreement) -> AgreementForm:
        term = agreement.term
        data = record.data.get("term", {}) if isinstance(record.data, dict) else {}
        values = {
            "titel": agreement.title,
            "untertitel": agreement.subtitle or "",
            "aktenzeichen": agreement.reference or "",
            "federfuehrung": agreement.lead or "",
        }
        for name, key in TERM_FIELDS.items():
            raw = data.get(key)
            if name in _DATE_FIELDS and getattr(term, key, None) is not None:
                values[name] = vereinbarung.format_date(getattr(term, key))
            elif isinstance(raw, str):
                values[name] = raw
            else:
                values[name] = "" if raw is None else str(raw)
        values[DURING_TERM] = "1" if term.notice_during_term else ""
        parties = []
        for party in agreement.parties:
            rep, address = party.representative, party.address
            parties.append({
                "name": party.name,
                "vertreter": rep.name if rep else "", "amt": rep.title if rep else "",
                "strasse": address.street if address else "",
                "plz": address.postal_code if address else "",
                "ort": address.city if address else "",
            })  # fmt: skip
        register = register_values(agreement)
        costs = dict.fromkeys(COST_FIELDS, "")
        exempt: list[str] = []
        if agreement.costs is not None:
            c = agreement.costs
            costs = {
                "kosten-zusammenfassung": c.summary,
                "kosten-schluessel": c.key.value if c.key else "",
                "kosten-betrag": _euros(c.amount) if c.amount is not None else "",
                "kosten-empfaenger": c.payee or "",
            }
            exempt = list(c.exempt)
        sections = [
            {"ueberschrift": section.heading,
             "text": "\n\n".join(paragraph.text for paragraph in section.paragraphs)}
            for section in agreement.sections
        ]  # fmt: skip
        editable = all(
            section.number == number and not any(p.items for p in section.paragraphs)
            for number, section in enumerate(agreement.sections, 1)
        )
        return cls(values, parties, sections if editable else [], register,
                   sections_editable=editable, costs=costs, exempt=exempt)  # fmt: skip

    def apply_row_action(self, action: str) -> None:
        if action == "partei_plus":
            self.parties.append(dict.fromkeys(PARTY_FIELDS, ""))
        elif action == "paragraph_plus":
            self.sections.append({"ueberschrift": "", "text": ""})

    # -- to the file format ------------------------------------------------------------------

    def _check(self) -> None:
        if not self.values.get("titel"):
            self.errors["titel"] = "Bitte einen Titel angeben."
        for i, party in enumerate(self.parties):
            for key, label in (("name", "Name"), ("vertreter", "Vertreten durch"), ("amt", "Amt")):
                if not party[key]:
                    self.errors[f"partei-{i}-{key}"] = f"{label} fehlt."
            address = [party["strasse"], party["plz"], party["ort"]]
            if any(address) and not all(address):
                self.errors[f"partei-{i}-strasse"] = (
                    "Anschrift bitte vollständig (Straße, PLZ, Ort) oder gar nicht angeben."
                )
        if len(self.parties) < 2:
            self.general.append("Eine Vereinbarung braucht mindestens zwei Parteien.")
        for name in _DATE_FIELDS:
            if self.values.get(name):
                try:
                    vereinbarung.parse_date(self.values[name])
                except vereinbarung.VereinbarungError as exc:
                    self.errors[name] = exc.message
        if not self.values.get("inkrafttreten"):
            self.errors["inkrafttreten"] = "Bitte das Inkrafttreten angeben."
        if self.values.get("laufzeitende") and self.values.get("laufzeit"):
            self.errors["laufzeit"] = "Bitte entweder das Ende oder die Laufzeit angeben."
        for i, section in enumerate(self.sections):
            if section["text"] and not section["ueberschrift"]:
                self.errors[f"paragraph-{i}-ueberschrift"] = "Überschrift fehlt."

    def to_yaml(self, existing: str | None) -> str:
        """The YAML text with the form's values; other keys and comments of *existing* kept."""
        from ruamel.yaml import YAML
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        self._check()
        yaml = YAML(typ="rt")
        yaml.preserve_quotes = True
        yaml.width = 4096
        yaml.indent(mapping=2, sequence=4, offset=2)
        document = yaml.load(existing) if existing else CommentedMap()
        if document is None:
            document = CommentedMap()
        v = self.values

        def put(mapping: Any, key: str, value: Any) -> None:
            if value in ("", None):
                mapping.pop(key, None)
            else:
                mapping[key] = value

        put(document, "title", v.get("titel"))
        put(document, "subtitle", v.get("untertitel"))
        put(document, "reference", v.get("aktenzeichen"))
        put_register_fields(document, self.register)
        old_parties = {p.get("name"): p for p in document.get("parties") or [] if hasattr(p, "get")}
        parties = CommentedSeq()
        for row in self.parties:
            entry = old_parties.get(row["name"]) or CommentedMap()
            entry["name"] = row["name"]
            rep = entry.get("representative") or CommentedMap()
            rep["name"], rep["title"] = row["vertreter"], row["amt"]
            entry["representative"] = rep
            if row["strasse"] or row["plz"] or row["ort"]:
                address = entry.get("address") or CommentedMap()
                address["street"], address["postal_code"], address["city"] = (
                    row["strasse"], row["plz"], row["ort"],
                )  # fmt: skip
                entry["address"] = address
            else:
                entry.pop("address", None)
            parties.append(entry)
        document["parties"] = parties
        names = {row["name"] for row in self.parties}
        put(document, "lead", v.get("federfuehrung") if v.get("federfuehrung") in names else "")
        if self.sections_editable:
            old_sections = list(document.get("sections") or [])
            sections = CommentedSeq()
            for number, row in enumerate((s for s in self.sections if s["ueberschrift"]), 1):
                paragraphs = [p.strip() for p in re.split(r"\n\s*\n", row["text"]) if p.strip()]
                old = old_sections[number - 1] if number <= len(old_sections) else None
                if old is not None and _same_section(old, number, row["ueberschrift"], paragraphs):
                    sections.append(old)  # unchanged: comments and form of the text kept
                    continue
                sections.append(CommentedMap(
                    number=number, heading=row["ueberschrift"],
                    paragraphs=paragraphs or ["–"],
                ))  # fmt: skip
            put(document, "sections", sections if sections else "")
        self._put_costs(document, names)
        term = document.get("term") or CommentedMap()
        for name, key in TERM_FIELDS.items():
            value = v.get(name, "")
            if value and name in _DATE_FIELDS and name not in self.errors:
                value = vereinbarung.format_date(vereinbarung.parse_date(value))
            put(term, key, value)
        put(term, "notice_during_term", True if v.get(DURING_TERM) else "")
        document["term"] = term
        out = io.StringIO()
        yaml.dump(document, out)
        return out.getvalue()

    def _put_costs(self, document: Any, names: set[str]) -> None:
        """The cost clause from the form; its other keys (figures, account …) stay."""
        from ruamel.yaml.comments import CommentedMap

        c = self.costs
        exempt = [name for name in self.exempt if name in names]
        if not any(c.get(name) for name in COST_FIELDS) and not exempt:
            document.pop("costs", None)
            return
        if not c.get("kosten-zusammenfassung"):
            self.errors["kosten-zusammenfassung"] = (
                "Bitte die Kostenregelung in einem Satz angeben, wie sie in der Vereinbarung steht."
            )
        if c.get("kosten-empfaenger") and c["kosten-empfaenger"] not in names:
            self.errors["kosten-empfaenger"] = "Der Zahlungsempfänger muss eine der Parteien sein."
        costs = document.get("costs")
        if not isinstance(costs, dict):
            costs = CommentedMap()
        for name, key in COST_FIELDS.items():
            value = c.get(name, "")
            if (key == "amount" and value and costs.get(key) is not None
                    and _euros_equal(costs[key], value)):  # fmt: skip
                continue  # the same amount: written as before
            if value:
                costs[key] = value
            else:
                costs.pop(key, None)
        if exempt:
            if list(costs.get("exempt") or []) != exempt:
                costs["exempt"] = exempt
        else:
            costs.pop("exempt", None)
        document["costs"] = costs

    def add_library_errors(self, problems: list[str]) -> None:
        """Put each German problem of the library next to its field (else above the form)."""
        for problem in problems:
            text = problem.split(": ", 1)[1] if problem.startswith("Vereinbarung: ") else problem
            match = re.match(r"Feld (.+?): (.*)$", text)
            if not match:
                self.general.append(text)
                continue
            path, message = match.groups()
            name = _FIELD_OF_PATH.get(path)
            party = _PARTY_PATH.match(path)
            if name is None and party is not None:
                key = _PARTY_KEY.get((party.group(2), party.group(3)), "name")
                name = f"partei-{int(party.group(1)) - 1}-{key}"
            if name is None and path.startswith("term"):
                name = "inkrafttreten"
            if name is None and path.startswith("costs › exempt"):
                name = "kosten-befreit"
            if name is None and path.startswith("costs"):
                name = "kosten-schluessel"
            if name is None:
                self.general.append(text)
            else:
                self.errors[name] = message


def _euros(amount: Any) -> str:
    """``190000.00`` → ``190.000,00`` (German, for the form)."""
    whole, _, cents = f"{amount:.2f}".partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + cents


def _euros_equal(stored: Any, typed: str) -> bool:
    from decimal import Decimal, InvalidOperation

    def value(text: Any) -> Decimal | None:
        raw = str(text).strip().removesuffix("€").strip()
        if "," in raw:
            raw = raw.replace(".", "").replace(",", ".")
        try:
            return Decimal(raw)
        except InvalidOperation:
            return None

    left, right = value(stored), value(typed)
    return left is not None and left == right


def _same_section(old: Any, number: int, heading: str, paragraphs: list[str]) -> bool:
    if not isinstance(old, dict) or old.get("number") != number or old.get("heading") != heading:
        return False
    texts = [p.get("text") if isinstance(p, dict) else p for p in old.get("paragraphs") or []]
    return [str(t).strip() for t in texts] == paragraphs
