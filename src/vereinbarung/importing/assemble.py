"""The values of an import written to the agreement file: term, events, regime, lead, costs.

After the walk (:mod:`vereinbarung.importing.importer`) has read the text, these functions write
what was read into the agreement's data, each value with its sources (:class:`Provenance`):
the term clause as resolved (:mod:`vereinbarung.importing.resolve`), the approval and
publication of a Bekanntmachung as events (§ 24 Abs. 3, 4 GkG NRW; the Länder's laws on
kommunale Zusammenarbeit have the same steps), the regime (öffentlich-rechtliche Vereinbarung,
§§ 23–24 GkG NRW) where the text says so, the lead party and the note on the cost key.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from vereinbarung.importing.bekanntmachung import WrapperReading
from vereinbarung.importing.costs import CostReading
from vereinbarung.importing.parties import PartyReading
from vereinbarung.importing.regions import publication_note
from vereinbarung.importing.resolve import ResolvedTerm
from vereinbarung.importing.structure import DocumentWalk
from vereinbarung.importing.term import TermReading
from vereinbarung.importing.text import Block
from vereinbarung.importing.words import Fact, Sentence
from vereinbarung.law.dates import format_date
from vereinbarung.law.notice import NoticeBy, WorkdayPeriod
from vereinbarung.law.periods import Period
from vereinbarung.law.terms import NoticeDays

__all__ = [
    "cost_note",
    "events",
    "in_force_by_text",
    "lead",
    "publication",
    "regime",
    "write_term",
]


def publication(
    wrapper: WrapperReading, blocks: Sequence[Block]
) -> tuple[dt.date | None, Sentence | None]:
    """The day of publication: the notice's ``published`` event, else a note in the text."""
    for event in wrapper.events:
        if event.data["type"] == "published":
            day = event.data["date"]
            return (day if isinstance(day, dt.date) else None), event.source
    return publication_note(blocks)


def events(walk: DocumentWalk, wrapper: WrapperReading) -> None:
    """The approval and publication of the notice as events, each with its sentence; an
    agreement approved and published is a public-law agreement (regime gkg)."""
    if not wrapper.events:
        return
    events = sorted(wrapper.events, key=lambda e: str(e.data["date"]))
    walk.data["events"] = [dict(e.data) for e in events]
    for index, event in enumerate(events):
        walk.cite(("events", index), [event.source], event.note)
    if "regime" not in walk.data:
        walk.data["regime"] = "gkg"
        walk.cite(
            ("regime",),
            [events[0].source],
            "genehmigt bzw. bekannt gemacht: öffentlich-rechtliche Vereinbarung",
        )


def _term_value(value: object) -> object:
    """A term value as the agreement file writes it."""
    if isinstance(value, Period | WorkdayPeriod):
        return str(value)
    if isinstance(value, NoticeBy):
        return value.text()
    if isinstance(value, NoticeDays):
        texts = value.texts()
        return texts[0] if len(texts) == 1 else texts
    if hasattr(value, "value") and not isinstance(value, dt.date):
        return value.value
    return value


_LEAD = re.compile(r"federführ|hauptverantwortlich|schwerpunktjugendamt", re.IGNORECASE)


def cost_note(costs: CostReading) -> str:
    if costs.key is None:
        return "Kostenregelung als Text; kein einfacher Kostenschlüssel erkannt"
    labels = {
        "none": "keine Kosten, jede Partei trägt ihre eigenen",
        "equal": "zu gleichen Teilen",
        "population": "nach Einwohnerzahl",
        "cases": "nach Fallzahlen",
        "fixed": "feste Anteile",
        "base_plus": "Sockelbetrag und Rest nach Schlüssel",
    }
    details = ", ".join(f"{k}: {v}" for k, v in costs.details.items())
    return f"Kostenschlüssel erkannt: {costs.key} – {labels[costs.key]}" + (
        f"; {details}" if details else ""
    )


def write_term(walk: DocumentWalk, resolved: ResolvedTerm, publication: Sentence | None) -> None:
    term: dict[str, Any] = {}
    for key, value in resolved.data.items():
        term[key] = _term_value(value)
    walk.data["term"] = term
    for key in term:
        if key == "clause":
            continue
        facts: tuple[Fact, ...] = resolved.sources.get(key, ())
        sources = _unique([f.sentence for f in facts])
        if (
            key == "effective"
            and publication is not None
            and "Bekanntmachung vom" in (resolved.notes.get("effective") or "")
        ):
            sources.append(publication)
        notes = [resolved.notes[key]] if key in resolved.notes else []
        notes += [f.note for f in facts if f.note and f.note not in notes]
        walk.cite(("term", key), sources, "; ".join(notes) or None)


def _unique(sentences: Sequence[Sentence]) -> list[Sentence]:
    seen: list[Sentence] = []
    for sentence in sentences:
        if sentence not in seen:
            seen.append(sentence)
    return seen


_GKG_TEXT = re.compile(
    r"öffentlich-rechtliche\s+vereinbarung|\bgkg\b|gesetz(?:es)?\s+über\s+(?:die\s+)?kommunale\s+"
    r"gemeinschaftsarbeit",
    re.IGNORECASE,
)


def regime(walk: DocumentWalk, reading: TermReading) -> None:
    """Regime gkg where the text says so; the note names the evidence."""
    facts = [f for f in reading.facts if f.field == "regime"]
    if facts:
        walk.data["regime"] = "gkg"
        walk.cite(("regime",), [facts[0].sentence], "§§ 23–24 GkG NRW genannt")
        return
    for key, label in (("legal_basis", "Rechtsgrundlage"), ("title", "Titel"),
                       ("subtitle", "Untertitel")):  # fmt: skip
        match = _GKG_TEXT.search(str(walk.data.get(key, "")))
        if match:
            walk.data["regime"] = "gkg"
            found = walk.provenance_path((key,))
            walk.cite(
                ("regime",),
                list(found.sources) if found else [],
                f"{label}: »{match.group()}« (§§ 23–24 GkG NRW)",
            )
            return
    if reading.effective_basis.startswith("publication"):
        walk.data["regime"] = "gkg"
        walk.cite(
            ("regime",),
            [f.sentence for f in reading.sources("effective_basis")[:1]],
            "Inkrafttreten mit der Bekanntmachung (§ 24 Abs. 3, 4 GkG NRW)",
        )


def lead(
    walk: DocumentWalk, sentences: Sequence[Sentence], parties: Sequence[PartyReading]
) -> None:
    for sentence in sentences:
        if not _LEAD.search(sentence.text):
            continue
        named = [
            p.name for p in parties
            if p.name in sentence.text or _short(p.name) in sentence.text
        ]  # fmt: skip
        if len(named) == 1:
            walk.data["lead"] = named[0]
            walk.cite(("lead",), [sentence], "federführende Partei")
            return


def _short(name: str) -> str:
    return re.sub(r"^(?:Stadt|Gemeinde)\s+", "", name)


def in_force_by_text(walk: DocumentWalk) -> None:
    """An öffentlich-rechtliche Vereinbarung whose text gives its day of effect (»tritt am
    1. Januar 2020 in Kraft«) but whose import found no approval or publication: both are
    recorded »laut Text in Kraft seit …« on that day, each with a review item asking for the
    real day and the Amtsblatt. Without them the register would show »Genehmigung ausstehend«
    for ever (§ 24 Abs. 2–4 GkG NRW: in force only when approved and published); with the
    review items the agreement stays ``unconfirmed`` until someone confirms them."""
    effective = walk.data.get("term", {}).get("effective")
    if walk.data.get("regime") != "gkg" or not isinstance(effective, dt.date):
        return
    events: list[dict[str, Any]] = walk.data.setdefault("events", [])
    types = {e["type"] for e in events}
    if types & {"approved", "published"}:
        return  # the notice records them (a publication presupposes the approval)
    found = walk.provenance_path(("term", "effective"))
    sources = list(found.sources) if found else []
    label = f"laut Text in Kraft seit {format_date(effective)}"
    events.append({"type": "approved", "date": effective})
    walk.cite(("events", len(events) - 1), sources, f"Genehmigung {label}")
    walk.review(
        "events › approved",
        f"Genehmigung nicht im Text, {label}: als Tag eingetragen ist der Tag des "
        "Inkrafttretens – bitte Tag und Behörde der Genehmigung eintragen",
    )
    events.append({"type": "published", "date": effective, "gazette": f"{label}; Fundstelle fehlt"})
    walk.cite(("events", len(events) - 1), sources, f"Bekanntmachung {label}")
    walk.review(
        "events › published",
        f"Bekanntmachung nicht im Text, {label}: als Tag eingetragen ist der Tag des "
        "Inkrafttretens – bitte Amtsblatt (Nummer, Seite) und Erscheinungstag eintragen",
    )
