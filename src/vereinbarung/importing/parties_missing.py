"""Review items where parties may be missing although two or more were read (issue 22).

A hosting site may remove the names of a party block (»Die Stadt , die Stadt , die Gemeinde
A …«), and § 1 may name the other side of the agreement (»Die Gemeinde A vereinbart mit der
Stadt B …«) where the list lacks it. Neither adds or changes a party: each becomes a review item
on the parties (:func:`~vereinbarung.importing.plausible.empty_name_slot`,
:func:`~vereinbarung.importing.plausible.partner_not_listed`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from vereinbarung.importing.parties import PartyReading
from vereinbarung.importing.plausible import empty_name_slot, partner_not_listed
from vereinbarung.importing.structure import is_section_heading
from vereinbarung.importing.text import Block
from vereinbarung.importing.words import Problem, Sentence

__all__ = ["missing_parties"]


def missing_parties(
    blocks: Sequence[Block], end: int, parties: Sequence[PartyReading]
) -> list[Problem]:
    """Review items where parties may be missing: the text before the sections (at least to
    *end*) names a kind of body without its name (»Die Stadt , die Stadt , …«: names removed),
    or it or § 1 names a body as the other side (»… vereinbart mit der Stadt B«) that is not
    among *parties*."""
    heads = [i for i, b in enumerate(blocks) if is_section_heading(b)]
    first = heads[0] if heads else end
    names = [p.name for p in parties]
    slot = _first_item(
        blocks[: max(first, end)],
        empty_name_slot,
        "»{} ,« ohne Namen (vom Text oder der Website entfernt?); es fehlen wohl Parteien – bitte "
        "die Parteien prüfen und ergänzen",
    )
    partner = _first_item(
        blocks[: max(heads[1] if len(heads) > 1 else first + 2, end)],
        lambda text: partner_not_listed(text, names),
        "»{}« wird als Vertragspartner genannt (»… vereinbart mit …«), steht aber nicht unter den "
        "Parteien – bitte die Parteien prüfen und ergänzen",
    )
    return slot + partner


def _first_item(
    blocks: Sequence[Block], find: Callable[[str], str | None], message: str
) -> list[Problem]:
    """A review item on the parties for the first of *blocks* in which *find* finds something
    (*message* with it), or none."""
    for block in blocks:
        found = find(block.text)
        if found is not None:
            where = Sentence(block.text[:200], where=block.where, block=block.index)
            return [Problem("parties", message.format(found), where)]
    return []
