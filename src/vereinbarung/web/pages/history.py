"""The version history in German: one line per changed field, never the YAML diff.

Two consecutive versions of an agreement are compared as data (the stored texts read by the
library, :func:`~vereinbarung.web.register.services.validate_text`), field by field:
»Kündigungsfrist: 6 Monate → 3 Monate«, »Partei hinzugefügt: Gemeinde Jüchen«, »Kündigung
durch Stadt Werl – Bekanntmachung: – → 07.12.2026«. Labels are the form's
(:mod:`vereinbarung.web.pages.structured`) and, for the rest, the German descriptions of the
file format's JSON Schema (:meth:`vereinbarung.Agreement.model_json_schema`); values are shown
as the pages show them (dates ``30.06.2026``, Kündigungstermin »zum Ende eines
Kalenderjahres«). The raw diff stays in the expert view of a version.

The lines of a pair of texts never change: they are kept in Django's cache under a hash of both.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from typing import Any

from django.core.cache import cache as django_cache

import vereinbarung
from vereinbarung.web.pages.structured import TERM_FIELDS, TERM_LABELS
from vereinbarung.web.register import services

__all__ = ["changes", "history", "version_changes"]

#: Top-level fields, in the order the agreement reads; labels where the schema's are long.
TOP_LABELS = {
    "title": "Titel",
    "subtitle": "Untertitel",
    "legal_basis": "Rechtsgrundlage",
    "regime": "Rechtsform",
    "land": "Bundesland",
    "local_holidays": "Örtliche Feiertage",
    "reference": "Aktenzeichen",
    "short_name": "Kurzname",
    "department": "Fachbereich",
    "contact": "Ansprechperson",
    "lead": "Federführung",
    "on_party_notice": "Wirkung der Kündigung einer Partei",
    "parties": "Parteien",
    "preamble": "Präambel",
    "sections": "Paragraphen",
    "term": "Laufzeit und Kündigung",
    "costs": "Kosten",
    "signatures": "Unterschriften",
    "profile": "Steckbrief",
    "review": "Offene Prüfpunkte",
    "events": "Ereignisse",
}
TERM_KEY_LABELS = {
    **{key: TERM_LABELS[field] for field, key in TERM_FIELDS.items()},
    "duration": "Laufzeit ab Inkrafttreten",
    "notice_by": "Zugang der Kündigung bis",
    "notice_during_term": "Kündigung auch vor Ablauf der Laufzeit",
    "clause": "Fundstelle",
    "placeholders": "Platzhalter",
}
EVENT_LABELS = {
    "signed": "Unterschrift",
    "approval_requested": "Genehmigung beantragt",
    "approved": "Genehmigung erteilt",
    "approval_refused": "Genehmigung versagt",
    "published": "Bekanntmachung der Vereinbarung",
    "notice": "Kündigung",
    "extraordinary_notice": "Außerordentliche Kündigung",
    "amendment": "Änderung",
    "terminated_by_agreement": "Aufhebung",
    "joined": "Beitritt",
}
EVENT_KEY_LABELS = {
    "party": "Partei",
    "date": "Datum",
    "place": "Ort",
    "signer": "unterzeichnet von",
    "authority": "Aufsichtsbehörde",
    "reasons": "Gründe",
    "gazette": "Amtsblatt",
    "by": "kündigende Partei",
    "form": "Form",
    "received": "Zugang",
    "sent": "abgesandt am",
    "notified": "Anzeige an die Aufsichtsbehörde",
    "published": "Bekanntmachung",
    "effective": "wirksam zum / gilt ab",
    "text": "Inhalt",
    "term": "neue Laufzeitregelung",
    "sections": "neue Fassung von Paragraphen",
    "wording": "neuer Wortlaut",
    "approved": "Genehmigung",
}
#: The new wording of an amendment is shown up to this many characters.
WORDING_CHARS = 80
#: Values of choice fields in German.
VALUE_LABELS: dict[str, dict[str, str]] = {
    "notice_to": {to.value: to.label for to in vereinbarung.NoticeTo},
    "regime": {r.value: r.label for r in vereinbarung.Regime},
    "on_party_notice": {p.value: p.label for p in vereinbarung.OnPartyNotice},
    "key": {k.value: k.label for k in vereinbarung.CostKey},
    "form": {f.value: f.label for f in vereinbarung.NoticeForm},
}
#: Fields that are amounts of money (shown »190.000,00 €«).
MONEY = {"amount", "base_amount"}
#: At most this many lines per version (a whole new text would be hundreds).
MAX_LINES = 40


@cache
def _schema_labels() -> dict[str, dict[str, str]]:
    """Field → German label per object of the file format, from the schema's descriptions."""
    schema = vereinbarung.Agreement.model_json_schema()
    objects = {"Agreement": schema, **schema.get("$defs", {})}
    labels: dict[str, dict[str, str]] = {}
    for name, definition in objects.items():
        found = {}
        for key, prop in definition.get("properties", {}).items():
            text = str(prop.get("description") or key)
            for stop in (":", ";", " (", ", z. B.", ", oder", " – "):
                text = text.split(stop, 1)[0]
            found[key] = text.strip()
        labels[name] = found
    return labels


def _label(owner: str, key: str) -> str:
    return _schema_labels().get(owner, {}).get(key, key)


def _value(key: str, value: Any) -> str:
    """*value* of field *key* as the pages show it."""
    if value is None or value == "" or value == [] or value == {}:
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, str):
        if key in VALUE_LABELS:
            return VALUE_LABELS[key].get(value, value)
        try:
            return vereinbarung.format_date(dt.date.fromisoformat(value))
        except ValueError:
            return value if len(value) <= 120 else value[:117] + "…"
    if isinstance(value, int | float):
        if key in MONEY:
            return vereinbarung.format_amount(Decimal(str(value)))
        return str(value).replace(".", ",")
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return _value(key, ", ".join(value))
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return "; ".join(f"{k} {_value(k, v)}" for k, v in value.items())
    return "geändert"


def _fields(label: str, owner: str, before: Any, after: Any, names: dict[str, str]) -> list[str]:
    """One line per changed key of two mappings: »label – Feld: alt → neu«."""
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    lines = []
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        name = names.get(key) or _label(owner, key)
        head = f"{label} – {name}" if label else name
        lines.append(f"{head}: {_value(key, old)} → {_value(key, new)}")
    return lines


def _parties(before: list[Any], after: list[Any]) -> list[str]:
    old = {p.get("name"): p for p in before if isinstance(p, dict)}
    new = {p.get("name"): p for p in after if isinstance(p, dict)}
    lines = [f"Partei entfernt: {name}" for name in old if name not in new]
    lines += [f"Partei hinzugefügt: {name}" for name in new if name not in old]
    for name in (n for n in new if n in old and old[n] != new[n]):
        a, b = old[name], new[name]
        lines += _fields(f"Partei {name}", "Party", _flat(a), _flat(b), {
            "representative": "Vertreten durch", "title": "Amt", "salutation": "Anrede",
            "street": "Straße", "postal_code": "Postleitzahl", "city": "Ort", "kind": "Art",
        })  # fmt: skip
    return lines


def _flat(party: dict[str, Any]) -> dict[str, Any]:
    """A party as one level: name and title of the representative, parts of the address."""
    flat = {k: v for k, v in party.items() if k not in ("representative", "address", "name")}
    representative = party.get("representative") or {}
    flat["representative"] = representative.get("name")
    flat["title"] = representative.get("title")
    flat["salutation"] = representative.get("salutation")
    flat.update(party.get("address") or {})
    return flat


def _describe_event(event: dict[str, Any]) -> str:
    name = EVENT_LABELS.get(str(event.get("type")), str(event.get("type")))
    who = event.get("by") or event.get("party")
    day = event.get("date") or event.get("effective")
    if who:
        name += f" durch {who}" if event.get("by") else f" {who}"
    if isinstance(day, str):
        name += f" vom {_value('date', day)}"
    return name


def _short(text: Any) -> str:
    """*text* on one line, cut after :data:`WORDING_CHARS` characters."""
    line = " ".join(str(text or "").split())
    return line if len(line) <= WORDING_CHARS else line[: WORDING_CHARS - 1].rstrip() + "…"


def _amendment(event: dict[str, Any]) -> list[str]:
    """What a newly recorded amendment changes: new wording, term, approval, publication."""
    lines = []
    for item in event.get("wording") or []:
        if isinstance(item, dict):
            section = " ".join(str(item.get("section") or "").split())
            lines.append(f"{section} neu gefasst: »{_short(item.get('text'))}«")
    for section in event.get("sections") or []:
        if isinstance(section, dict):
            heading = section.get("heading") or "ohne Überschrift"
            lines.append(f"§ {section.get('number')} ({heading}) neu gefasst")
    if event.get("term"):
        lines.append("Laufzeit und Kündigung neu geregelt")
    if event.get("effective"):
        lines.append(f"Änderung gilt ab {_value('date', event['effective'])}")
    for key, label in (("approved", "genehmigt am"), ("published", "bekannt gemacht am")):
        if event.get(key):
            lines.append(f"Änderung {label} {_value('date', event[key])}")
    return lines


def _without(event: dict[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    return {k: v for k, v in event.items() if k not in keys}


def _events(before: list[Any], after: list[Any]) -> list[str]:
    lines = []
    for position in range(max(len(before), len(after))):
        old = before[position] if position < len(before) else None
        new = after[position] if position < len(after) else None
        if old == new:
            continue
        if old is None and new is not None:
            lines.append(f"Ereignis erfasst: {_describe_event(new)}")
            if new.get("type") == "amendment":
                lines += _amendment(new)
        elif new is None or old is None:
            lines.append(f"Ereignis entfernt: {_describe_event(old or {})}")
        elif old.get("type") == new.get("type") == "amendment":
            keep = ("wording", "sections")
            lines += _fields(_describe_event(old), "", _without(old, keep), _without(new, keep),
                             EVENT_KEY_LABELS)  # fmt: skip
            added = {k: [i for i in new.get(k) or [] if i not in (old.get(k) or [])] for k in keep}
            lines += [f"{_describe_event(old)} – {line}" for line in _amendment(added)]
        elif old.get("type") == new.get("type"):
            lines += _fields(_describe_event(old), "", old, new, EVENT_KEY_LABELS)
        else:
            lines.append(f"Ereignis ersetzt: {_describe_event(old)} → {_describe_event(new)}")
    return lines


def _sections(before: list[Any], after: list[Any]) -> list[str]:
    def by_number(items: list[Any]) -> dict[str, dict[str, Any]]:
        return {str(s.get("number")): s for s in items if isinstance(s, dict)}

    old, new = by_number(before), by_number(after)
    lines = [f"§ {n} entfernt ({old[n].get('heading') or 'ohne Überschrift'})" for n in old
             if n not in new]  # fmt: skip
    for number, section in new.items():
        heading = section.get("heading") or "ohne Überschrift"
        if number not in old:
            lines.append(f"§ {number} hinzugefügt ({heading})")
        elif old[number] != section:
            lines.append(f"§ {number} ({heading}) neu gefasst")
    return lines


def _signatures(before: list[Any], after: list[Any]) -> list[str]:
    old = {s.get("party"): s for s in before if isinstance(s, dict)}
    new = {s.get("party"): s for s in after if isinstance(s, dict)}
    lines = [f"Unterschriftenblock entfernt: {p}" for p in old if p not in new]
    lines += [f"Unterschriftenblock hinzugefügt: {p}" for p in new if p not in old]
    for party in (p for p in new if p in old and old[p] != new[p]):
        lines += _fields(f"Unterschrift {party}", "Signature", old[party], new[party], {})
    return lines


def changes(before: Any, after: Any) -> list[str]:
    """What changed from *before* to *after* (the data of two versions), one German line per
    field; the first version (*before* None) is »angelegt«."""
    if not isinstance(after, dict):
        return []
    if not isinstance(before, dict):
        return ["Vereinbarung angelegt"]
    lines: list[str] = []
    for key in dict.fromkeys([*TOP_LABELS, *before, *after]):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        label = TOP_LABELS.get(key) or _label("Agreement", key)
        if key == "parties":
            lines += _parties(old or [], new or [])
        elif key == "events":
            lines += _events(old or [], new or [])
        elif key == "sections":
            lines += _sections(old or [], new or [])
        elif key == "signatures":
            lines += _signatures(old or [], new or [])
        elif key == "term":
            lines += _fields("", "Term", old, new, TERM_KEY_LABELS)
        elif key in ("costs", "contact"):
            owner = "Costs" if key == "costs" else "Contact"
            lines += _fields(label, owner, old, new, {"name": "Name"})
        elif key in ("preamble", "profile", "review", "local_holidays"):
            lines.append(f"{label} geändert")
        else:
            lines.append(f"{label}: {_value(key, old)} → {_value(key, new)}")
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], f"… und {len(lines) - MAX_LINES + 1} weitere Änderungen"]
    return lines


def _data(text: str) -> Any:
    """The data of a stored text, or None where it no longer validates (an older format)."""
    try:
        return services.validate_text(text)[1]
    except vereinbarung.VereinbarungError:
        return None


def version_changes(before: str | None, after: str) -> list[str]:
    """The German lines of a version whose text is *after*, the one before it *before*
    (None: the first version); kept in the cache under a hash of both texts."""
    digest = hashlib.sha256()
    for text in (before, after):
        digest.update(b"-" if text is None else text.encode("utf-8") + b"\0")
    key = f"vereinbarung:history:{digest.hexdigest()}"
    found = django_cache.get(key)
    if isinstance(found, list):
        return found
    if before == after:
        lines: list[str] = ["keine Änderung am Text"]
    else:
        lines = changes(None if before is None else _data(before), _data(after))
        if not lines and before is not None:
            lines = ["nur Kommentare oder Schreibweise im Text geändert"]
    django_cache.set(key, lines, timeout=None)
    return lines


def history(texts: Sequence[tuple[int, str]], previous: str | None) -> dict[int, list[str]]:
    """The lines of each version of *texts* (number, text; oldest first), *previous* the text
    of the version before the first (None if the first is version 1)."""
    found: dict[int, list[str]] = {}
    before = previous
    for number, text in texts:
        found[number] = version_changes(before, text)
        before = text
    return found
