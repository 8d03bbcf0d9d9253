"""Agreements outlined without "§": "Artikel 1", "Art. 1", "1. Gegenstand", "I. Gegenstand",
or headings set in bold only.

The walk through a document (:mod:`vereinbarung.importing.structure`) knows sections as "§ n".
Agreements under Bavarian law (Art. 7 ff. KommZG) are outlined in "Art."; council documents
and Zweckvereinbarungen often number their sections "1.", "2." or in Roman numerals, or set
headings in bold without any number. When the body after the parties block has no "§"
heading at all, :func:`as_sections` rewrites the headings of the one style the document uses
into "§ n Überschrift" blocks (the place in the file stays the same) and says so in a note:
the agreement file numbers its sections with "§" (``sections[].number``).

Where the body has no headings at all (one numbered list of sentences), there are no
sections; :func:`loose_sentences` gives the sentences of the body so that the term clause is
still found by its wording wherever it stands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from vereinbarung.importing.text import Block
from vereinbarung.importing.words import Sentence, split_sentences

__all__ = ["as_sections", "loose_sentences"]

_SECTION = re.compile(r"^§\s*\d{1,3}")
_ARTICLE = re.compile(r"^(?:Artikel|Art\.)\s*(?P<num>\d{1,3})\s*[-–.:]?\s*(?P<rest>.*)$", re.S)
_ROMAN = re.compile(r"^(?P<num>[IVX]{1,5})\.?\s+(?P<rest>[A-ZÄÖÜ].*)$", re.S)
_NUMBERED = re.compile(r"^(?P<num>\d{1,2})\.\s+(?P<rest>[A-ZÄÖÜ].*)$", re.S)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_NOT_A_HEADING = re.compile(
    r"^(?:präambel|vorbemerkung|unterschrift|anlage|anhang)|,\s*(?:den|am)\s", re.IGNORECASE
)


def _roman(numeral: str) -> int:
    total = 0
    for position, char in enumerate(numeral):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[numeral[position + 1]] if position + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def _short_heading(rest: str) -> bool:
    rest = rest.strip()
    return (
        0 < len(rest) <= 90
        and "\n" not in rest
        and not rest.endswith((".", ";", ","))
        and not _NOT_A_HEADING.search(rest)
    )


def _numbered(blocks: Sequence[Block], pattern: re.Pattern[str], roman: bool) -> list[int] | None:
    """Positions of the headings in *pattern*'s style, if they count 1, 2, 3 … (at least 2)."""
    positions: list[int] = []
    expected = 1
    for position, block in enumerate(blocks):
        match = pattern.match(block.text.strip())
        if not match:
            continue
        rest = match.group("rest")
        if rest.strip() and not _short_heading(rest):
            continue
        number = _roman(match.group("num")) if roman else int(match.group("num"))
        if number == expected:
            positions.append(position)
            expected += 1
    return positions if len(positions) >= 2 else None


def _bold_headings(blocks: Sequence[Block]) -> list[int] | None:
    positions = [
        position
        for position, block in enumerate(blocks)
        if (block.bold or block.kind == "heading")
        and _short_heading(block.text)
        and not re.match(r"^\(?\d", block.text.strip())
    ]
    return positions if len(positions) >= 2 else None


def as_sections(blocks: Sequence[Block]) -> tuple[list[Block], str | None]:
    """The body with its headings as "§ n Überschrift" blocks, and a note saying what was done;
    the body unchanged (note None) if it has "§" headings or no outline the rules know."""
    if any(_SECTION.match(b.text.strip()) for b in blocks):
        return list(blocks), None
    styles: tuple[tuple[str, re.Pattern[str] | None, bool], ...] = (
        ("»Artikel«/»Art.«", _ARTICLE, False),
        ("römische Ziffern", _ROMAN, True),
        ("»1.«, »2.«", _NUMBERED, False),
        ("fette Überschriften", None, False),
    )
    for label, pattern, roman in styles:
        positions = (
            _numbered(blocks, pattern, roman) if pattern is not None else _bold_headings(blocks)
        )
        if positions is None:
            continue
        result = list(blocks)
        for count, position in enumerate(positions, start=1):
            block = blocks[position]
            rest = block.text.strip()
            if pattern is not None:
                match = pattern.match(rest)
                rest = match.group("rest").strip() if match else rest
            result[position] = Block(
                "heading", f"§ {count} {rest}".strip(), block.where, block.index, level=2,
                bold=True,
            )  # fmt: skip
        return result, (
            f"Gliederung nach {label} ohne »§«: {len(positions)} Abschnitte als § 1 bis "
            f"§ {len(positions)} übernommen"
        )
    return list(blocks), None


def loose_sentences(blocks: Sequence[Block]) -> list[Sentence]:
    """The sentences of blocks outside any section, with their place in the file."""
    sentences = []
    for block in blocks:
        if block.kind == "rule":
            continue
        for text in split_sentences(block.text):
            sentences.append(
                Sentence(text, where=block.where, block=block.index, in_term_section=False)
            )
    return sentences
