"""Write the structured form into the agreement's YAML document (ruamel round trip).

The form writes the keys it knows (:mod:`.form_choices`) and leaves every other key and every
comment of an existing file as it was; a key whose value the form shows unchanged is not
rewritten (the file keeps its form, e.g. ``190000.00``). Defaults of the file format are not
written where the file did not have them (``regime: contract``, ``land: NW``). The checks here
are the ones the library cannot word for a form (a missing title, half an address); everything
else is validated by the library (:func:`vereinbarung.web.register.services.validate_text`).
Sources: ruamel.yaml round trip (https://yaml.readthedocs.io/en/latest/detail/), the file format
(``vereinbarung schema``).
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

import vereinbarung
from vereinbarung.web.pages import form_costs
from vereinbarung.web.pages.form_choices import (
    DATE_FIELDS,
    DURING_TERM,
    FIXED_DAYS,
    LOCAL_HOLIDAY_CHOICES,
    SIGNATURE_FIELDS,
    TERM_FIELDS,
)
from vereinbarung.web.pages.form_costs import put
from vereinbarung.web.register.fields import put_register_fields

if TYPE_CHECKING:
    from vereinbarung.web.pages.structured import AgreementForm

__all__ = [
    "ITEM_LINE",
    "check_term",
    "paragraph_text",
    "put",
    "term_data",
    "write_document",
]

_DAYS = re.compile(r"[,;\s]+")


def _put_default(mapping: Any, key: str, value: str, default: str) -> None:
    """Like :func:`put`, but the default is written only where the file names it already."""
    if value == default and mapping.get(key) in (None, default):
        return
    put(mapping, key, value)


def _check(form: AgreementForm) -> None:
    v, errors = form.values, form.errors
    if not v.get("titel"):
        errors["titel"] = "Bitte einen Titel angeben."
    for i, party in enumerate(form.parties):
        for key, label in (("name", "Name"), ("vertreter", "Vertreten durch"), ("amt", "Amt")):
            if not party[key]:
                errors[f"partei-{i}-{key}"] = f"{label} fehlt."
        address = [party["strasse"], party["plz"], party["ort"]]
        if any(address) and not all(address):
            errors[f"partei-{i}-strasse"] = (
                "Anschrift bitte vollständig (Straße, PLZ, Ort) oder gar nicht angeben."
            )
        signature = [party.get(key, "") for key in SIGNATURE_FIELDS]
        if any(signature) and not party.get("u_ort"):
            errors[f"partei-{i}-u_ort"] = "Bitte den Ort der Unterzeichnung angeben."
        if party.get("u_datum"):
            try:
                vereinbarung.parse_date(party["u_datum"])
            except vereinbarung.VereinbarungError as exc:
                errors[f"partei-{i}-u_datum"] = exc.message
    if len(form.parties) < 2:
        form.general.append("Eine Vereinbarung braucht mindestens zwei Parteien.")
    check_term(v, errors)
    if v.get("land") and v["land"] not in vereinbarung.LANDS:
        errors["land"] = f"»{v['land']}« ist kein Bundesland."
    known = {key for key, _ in LOCAL_HOLIDAY_CHOICES}
    if any(key not in known for key in form.local_holidays):
        errors["oertliche_feiertage"] = "Unbekannter örtlicher Feiertag."
    for i, section in enumerate(form.sections):
        if section["text"] and not section["ueberschrift"]:
            errors[f"paragraph-{i}-ueberschrift"] = "Überschrift fehlt."


def check_term(v: dict[str, str], errors: dict[str, str], prefix: str = "") -> None:
    """The checks of the term clause's fields the library cannot word for a form; error keys
    are the field names with *prefix* (the Ereignis page names its fields ``neu-…``)."""
    for name in DATE_FIELDS:
        if v.get(name):
            try:
                vereinbarung.parse_date(v[name])
            except vereinbarung.VereinbarungError as exc:
                errors[prefix + name] = exc.message
    if not v.get("inkrafttreten"):
        errors[prefix + "inkrafttreten"] = "Bitte das Inkrafttreten angeben."
    if v.get("laufzeitende") and v.get("laufzeit"):
        errors[prefix + "laufzeit"] = "Bitte entweder das Ende oder die Laufzeit angeben."
    if v.get("zugang_bis") and v.get("kuendigungsfrist"):
        errors[prefix + "zugang_bis"] = (
            "Bitte entweder eine Kündigungsfrist oder einen Tag, bis zu dem die Kündigung "
            "zugehen muss, angeben – nicht beides."
        )
    if v.get("kuendigungstermin") == FIXED_DAYS and not v.get("kuendigungstage"):
        errors[prefix + "kuendigungstage"] = (
            "Bitte die festen Tage angeben, z. B. »31.07.« oder »31.03., 30.09.«."
        )


def term_data(values: dict[str, str], errors: dict[str, str], prefix: str = "") -> dict[str, Any]:
    """The term clause of the file format from the form's term fields (for an amendment's
    new term clause); errors by field name with *prefix*."""
    from vereinbarung.web.pages.structured import AgreementForm

    check_term(values, errors, prefix)
    if errors:
        return {}
    form = AgreementForm.empty()
    form.values.update(values)
    document: dict[str, Any] = {}
    _put_term(form, document)
    return {key: list(value) if isinstance(value, list) else value
            for key, value in document["term"].items()}  # fmt: skip


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def write_document(form: AgreementForm, existing: str | None) -> str:
    """The YAML text with the form's values; other keys and comments of *existing* kept.
    Errors the form can name go to ``form.errors`` (the text is written all the same)."""
    from ruamel.yaml.comments import CommentedMap

    _check(form)
    yaml = _yaml()
    document = yaml.load(existing) if existing else CommentedMap()
    if document is None:
        document = CommentedMap()
    v = form.values
    put(document, "title", v.get("titel"))
    put(document, "subtitle", v.get("untertitel"))
    put(document, "reference", v.get("aktenzeichen"))
    if form.has("rechtsgrundlage"):
        put(document, "legal_basis", v.get("rechtsgrundlage"))
    if form.has("rechtsform") and v.get("rechtsform"):
        _put_default(document, "regime", v["rechtsform"], "contract")
    if form.has("land") and v.get("land"):
        _put_default(document, "land", v["land"], "NW")
    if form.has("oertliche_feiertage_da"):
        holidays = list(form.local_holidays)
        if list(document.get("local_holidays") or []) != holidays:
            put(document, "local_holidays", holidays)
    if form.has("bei_kuendigung"):
        put(document, "on_party_notice", v.get("bei_kuendigung"))
    if form.has("praeambel") and form.preamble_editable:
        paragraphs = _paragraphs(v.get("praeambel", ""))
        if [str(p) for p in document.get("preamble") or []] != paragraphs:
            put(document, "preamble", paragraphs)
    put_register_fields(document, form.register)
    _put_parties(form, document)
    names = {row["name"] for row in form.parties}
    put(document, "lead", v.get("federfuehrung") if v.get("federfuehrung") in names else "")
    if form.sections_editable:
        _put_sections(form, document)
    form_costs.put_costs(form, document, names)
    _put_term(form, document)
    if form.has("partei-*-u_ort"):
        _put_signatures(form, document)
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _put_parties(form: AgreementForm, document: Any) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    old_parties = {p.get("name"): p for p in document.get("parties") or [] if hasattr(p, "get")}
    parties = CommentedSeq()
    for row in form.parties:
        entry = old_parties.get(row["name"]) or CommentedMap()
        entry["name"] = row["name"]
        rep = entry.get("representative") or CommentedMap()
        put(rep, "name", row["vertreter"])
        put(rep, "title", row["amt"])
        if form.has("partei-*-art"):
            put(entry, "kind", row.get("art", ""))
            put(rep, "salutation", row.get("anrede", ""))
            acts_for = [
                n.strip() for n in re.split(r"[,;\n]", row.get("handelt_fuer", "")) if n.strip()
            ]
            if list(entry.get("acts_for") or []) != acts_for:
                put(entry, "acts_for", acts_for)
        entry["representative"] = rep
        if row["strasse"] or row["plz"] or row["ort"]:
            address = entry.get("address") or CommentedMap()
            for key, name in (("street", "strasse"), ("postal_code", "plz"), ("city", "ort")):
                put(address, key, row[name])
            entry["address"] = address
        else:
            entry.pop("address", None)
        parties.append(entry)
    document["parties"] = parties


def _put_sections(form: AgreementForm, document: Any) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    old_sections = list(document.get("sections") or [])
    sections = CommentedSeq()
    for number, row in enumerate((s for s in form.sections if s["ueberschrift"]), 1):
        paragraphs = [_absatz(block) for block in _paragraphs(row["text"])]
        old = old_sections[number - 1] if number <= len(old_sections) else None
        if old is not None and _same_section(old, number, row["ueberschrift"], paragraphs):
            sections.append(old)  # unchanged: comments and form of the text kept
            continue
        sections.append(CommentedMap(
            number=number, heading=row["ueberschrift"], paragraphs=paragraphs or ["–"],
        ))  # fmt: skip
    put(document, "sections", sections if sections else "")


#: A line of a lettered item in the text of an Absatz: »a) …«, »b) …« (as the Lesefassung and
#: ``wording`` write them).
ITEM_LINE = re.compile(r"^([a-z]{1,2})\)\s+(.*\S)\s*$")


def paragraph_text(text: str, items: tuple[str, ...] | list[str]) -> str:
    """An Absatz for the form: its text, then one line »a) …« per item."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    lines = [f"{letters[i % 26] * (i // 26 + 1)}) {item}" for i, item in enumerate(items)]
    return "\n".join([text, *lines])


def _absatz(block: str) -> Any:
    """An Absatz of the form as the file writes it: text, or text with its lettered items."""
    from ruamel.yaml.comments import CommentedMap

    lines = block.splitlines()
    first = len(lines)
    while first > 1 and ITEM_LINE.match(lines[first - 1]):
        first -= 1
    if first == len(lines):
        return block
    items = [ITEM_LINE.match(line).group(2) for line in lines[first:]]  # type: ignore[union-attr]
    return CommentedMap(text="\n".join(lines[:first]).strip(), items=items)


def _plain(paragraph: Any) -> tuple[str, tuple[str, ...]]:
    if isinstance(paragraph, dict):
        return str(paragraph.get("text", "")).strip(), tuple(map(str, paragraph.get("items") or ()))
    return str(paragraph).strip(), ()


def _same_section(old: Any, number: int, heading: str, paragraphs: list[Any]) -> bool:
    if not isinstance(old, dict) or old.get("number") != number or old.get("heading") != heading:
        return False
    return [_plain(p) for p in old.get("paragraphs") or []] == [_plain(p) for p in paragraphs]


def _put_term(form: AgreementForm, document: Any) -> None:
    from ruamel.yaml.comments import CommentedMap

    v = form.values
    term = document.get("term") or CommentedMap()
    before = {key: _norm(term.get(key)) for key in term.get("placeholders") or []}
    for name, key in TERM_FIELDS.items():
        value: Any = v.get(name, "")
        if value and name in DATE_FIELDS and name not in form.errors:
            value = vereinbarung.format_date(vereinbarung.parse_date(value))
            if key in term and _norm(term[key]) == _norm(value):
                continue  # the same day: written as before (2025-03-01 stays)
        if name == "kuendigungstermin" and value == FIXED_DAYS:
            days = [day for day in _DAYS.split(v.get("kuendigungstage", "")) if day]
            value = days[0] if len(days) == 1 else days
            if isinstance(term.get(key), list) and list(term[key]) == value:
                continue
        put(term, key, value)
    if form.has("zugang_bis"):
        put(term, "notice_by", v.get("zugang_bis"))
    if form.has("fundstelle"):
        put(term, "clause", v.get("fundstelle"))
    put(term, "notice_during_term", True if v.get(DURING_TERM) else "")
    # a placeholder of the import (»[effective]«) is replaced once the real value is entered
    placeholders = [key for key, old in before.items() if _norm(term.get(key)) == old]
    if len(placeholders) != len(before):
        put(term, "placeholders", placeholders)
    document["term"] = term


def _norm(value: Any) -> str:
    """A value of the term clause for comparison: dates as ISO dates, else the text."""
    try:
        return vereinbarung.parse_date(str(value)).isoformat()
    except vereinbarung.VereinbarungError:
        return str(value)


def _put_signatures(form: AgreementForm, document: Any) -> None:
    """One signature block per party with a place; the file's other blocks' keys kept."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    old = {s.get("party"): s for s in document.get("signatures") or [] if hasattr(s, "get")}
    blocks = CommentedSeq()
    for i, row in enumerate(form.parties):
        if not row.get("u_ort"):
            continue
        block = old.get(row["name"]) or CommentedMap()
        block["party"] = row["name"]
        for name, key in SIGNATURE_FIELDS.items():
            value = row.get(name, "")
            if key == "date" and value and f"partei-{i}-u_datum" not in form.errors:
                value = vereinbarung.format_date(vereinbarung.parse_date(value))
                if str(block.get(key, "")) and _same_day(block[key], value):
                    continue
            put(block, key, value)
        blocks.append(block)
    put(document, "signatures", blocks if blocks else "")


def _same_day(stored: Any, typed: str) -> bool:
    try:
        return bool(vereinbarung.parse_date(str(stored)) == vereinbarung.parse_date(typed))
    except vereinbarung.VereinbarungError:
        return False
