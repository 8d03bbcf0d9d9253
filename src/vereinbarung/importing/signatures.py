"""Signature blocks in words: "Dormagen, den ____", a line, the name, the office.

The blocks after the body of an agreement are grouped into one entry per signature (place and
date, the signer's name and office, or a table cell of a signature table) and matched to the
parties (:mod:`vereinbarung.importing.parties`) by the signer's name, an explicit "Für die
Stadt …", or their order. A date in the block is the day of that signature (§ 57 VwVfG NRW:
the agreement needs the written form, the signature of each party).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from vereinbarung.importing.parties import PartyReading
from vereinbarung.importing.representatives import OFFICE_ONLY, UNKNOWN_NAME, parse_representative
from vereinbarung.importing.text import Block
from vereinbarung.importing.words import Problem, Sentence, find_dates

__all__ = ["SignatureReading", "parse_signatures"]

_PLACE = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\w.()/\- ]{0,60}?)\s*,\s*(?:den|am|d\.)?\s*(?P<rest>[\d._ /–-]*"
    rf"(?:\d{{1,2}}\.\s*(?:{'|'.join(('Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'))})\s*\d{{4}})?)\s*$"
)
_FOR_PARTY = re.compile(r"^(?:für|namens)\s+(?:die|den|das|der)?\s*(?P<name>.+?)\s*:?$", re.I)
_RULE_TEXT = re.compile(r"^[\s_.\-–—]{3,}$")


@dataclass(frozen=True, slots=True)
class SignatureReading:
    """A signature block as read: party (if matched), place, date, signer and office."""

    party: str | None
    place: str
    date: dt.date | None
    name: str | None
    title: str | None
    source: Sentence


@dataclass(slots=True)
class _Entry:
    """A signature block being read: place and date, then signer, office and party."""

    place: str
    date: dt.date | None
    source: Sentence
    order: int
    name: str | None = None
    title: str | None = None
    hint: str | None = None


_TABLE_CELL = re.compile(r"^(?P<table>Tabelle \d+)(?:, Zeile \d+)?, Spalte (?P<column>\d+)")


def _groups(blocks: Sequence[Block]) -> list[list[Block]]:
    """Blocks in reading groups: the running text, and each table column on its own."""
    groups: dict[tuple[str, str], list[Block]] = {}
    order: list[tuple[str, str]] = []
    for block in blocks:
        cell = _TABLE_CELL.match(block.where)
        key = (cell.group("table"), cell.group("column")) if cell else ("", "")
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(block)
    return [groups[key] for key in order]


def _entries(group: Sequence[Block]) -> list[_Entry]:
    entries: list[_Entry] = []
    pending: str | None = None
    for block in group:
        if block.kind == "rule":
            continue
        for line in block.physical_lines:
            if _RULE_TEXT.match(line):
                continue
            place = _PLACE.match(line)
            if place and place.group("place").lower() not in ("ort", "ort und datum"):
                dates = [d.date for d in find_dates(place.group("rest")) if d.date]
                entries.append(
                    _Entry(place.group("place").strip(), dates[0] if dates else None,
                           Sentence(line, where=block.where, block=block.index), block.index,
                           hint=pending)
                )  # fmt: skip
                pending = None
                continue
            hint = _FOR_PARTY.match(line)
            current = entries[-1] if entries else None
            if hint:
                if current is not None and current.hint is None and current.name is not None:
                    current.hint = hint.group("name")
                else:
                    pending = hint.group("name")
                continue
            if current is None:
                continue
            signer = re.sub(r"^(?:gez\.|i\.\s?V\.)\s*|^\(|\)$", "", line).strip()
            if OFFICE_ONLY.match(signer):
                current.title = current.title or signer
            elif current.name is None:
                parsed = parse_representative(signer)
                if parsed.problem is None and parsed.name != UNKNOWN_NAME:
                    current.name, current.title = parsed.name, parsed.title
                else:
                    current.name = signer
            elif current.title is None:
                current.title = signer
    return entries


def parse_signatures(
    blocks: Sequence[Block], parties: Sequence[PartyReading]
) -> tuple[list[SignatureReading], list[Problem]]:
    """The signature blocks after the last section, matched to *parties*.

    A block is a place line ("Dormagen, den …", with a date if filled in), a line, the signer
    and the office, and "Für die Stadt …" before or after; in a table each column is read on
    its own. The party is the one named ("Für …"), else the one whose representative signs,
    else the one in the same position if there are as many blocks as parties.
    """
    entries = sorted(
        (entry for group in _groups(blocks) for entry in _entries(group)), key=lambda e: e.order
    )
    problems: list[Problem] = []
    readings: list[SignatureReading] = []
    used: set[str] = set()
    for index, entry in enumerate(entries):
        party = None
        if entry.hint:
            wanted = re.sub(r"^(?:die|den|das|der)\s+", "", entry.hint).strip()
            party = next(
                (
                    p.name
                    for p in parties
                    if p.name == wanted or wanted in p.name or p.name in wanted
                ),
                None,
            )
        if party is None and entry.name:
            party = next(
                (p.name for p in parties
                 if p.representative and p.representative.name == entry.name and p.name not in used),
                None,
            )  # fmt: skip
        if party is None and len(entries) == len(parties):
            party = parties[index].name
        if party is None or party in used:
            problems.append(
                Problem(
                    "signatures",
                    f"Unterschriftenblock »{entry.place}« keiner Partei zuzuordnen; nicht "
                    "übernommen",
                    entry.source,
                    review=False,
                )
            )
            continue
        used.add(party)
        readings.append(
            SignatureReading(party, entry.place, entry.date, entry.name, entry.title, entry.source)
        )
    return readings, problems
