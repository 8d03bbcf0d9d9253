"""The sentence »schließen die Gemeinden A, B und C, - vertreten durch … - und die … nachfolgende
…« set over several lines, joined into one paragraph before the parties are read.

An Amtsblatt page (Wittich and others) sets the concluding sentence of an agreement with the
parties' representatives indented between dashes, one a line, often as a table of a dash and
the text: »schließen die Gemeinden A, B und C,« / »- jeweils vertreten durch den Bürgermeister
-« / »und die Verwaltungsgemeinschaft „D“« / »- vertreten durch den Gemeinschaftsvorsitzenden
-« / »nachfolgende 1. Änderung der Zweckvereinbarung …«. Read line by line, the list of parties
breaks at the first dash and no party is found (issue 22). :func:`join_verb_sentence` joins such
a sentence into one paragraph: from a line that begins with the verb and an article (»schließen
die …«, »vereinbaren die …«, »treffen die …«) over short lines up to the one that begins with
»(nach)folgende …« or »nachstehende …«; lone dashes and the representatives between dashes are
left out (the representatives are then read as not given). Where no such last line follows
within eight lines, or a heading or a long paragraph comes first, nothing is changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from vereinbarung.importing.text import Block

__all__ = ["join_verb_sentence"]

_VERB_START = re.compile(r"^(?:schließen|vereinbaren|treffen)\s+(?:die|der|das)\s+[A-ZÄÖÜ]")
_CONCLUDES = re.compile(r"\b(?:nach)?(?:folgende|stehende)[nrs]?\b|\bFolgendes\b", re.IGNORECASE)
_LAST = re.compile(r"^(?:nachfolgende|folgende|nachstehende)[nrs]?\s", re.IGNORECASE)
_DASH = re.compile(r"^[-–]$")
# »- jeweils vertreten durch den/die Bürgermeister/-in -«, »vertreten durch den … -«
_ASIDE = re.compile(r"^[-–]?\s*(?:jeweils\s+|beide\s+)?vertreten\s+durch\b.{0,120}?[-–]$")


def _text(block: Block) -> str:
    return " ".join(block.text.split())


def join_verb_sentence(blocks: Sequence[Block]) -> list[Block]:
    """*blocks* with a concluding sentence set over several lines joined (see the module
    description); only among the first 80 blocks."""
    result = list(blocks)
    for position, block in enumerate(blocks[:80]):
        first = _text(block)
        if block.kind == "heading" or not _VERB_START.match(first) or _CONCLUDES.search(first):
            continue
        kept, end = [first], None
        for later in range(position + 1, min(position + 9, len(blocks))):
            text = _text(blocks[later])
            if blocks[later].kind == "heading" or len(text) > 300:
                break
            if _DASH.match(text) or _ASIDE.match(text):
                continue
            kept.append(text)
            if _LAST.match(text):
                end = later
                break
        if end is None or len(kept) < 3:
            continue
        joined = " ".join(kept)
        merged = Block(block.kind, joined, block.where, block.index, block.level, block.bold,
                       block.numbered, (joined,))  # fmt: skip
        return [*blocks[:position], merged, *blocks[end + 1 :]]
    return result
