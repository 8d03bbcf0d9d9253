"""Structure from running text: a printed page read as one paragraph is split into blocks.

Text taken from PDFs and web pages often holds a whole page in one paragraph (issue 22):
»… wird folgende Vereinbarung geschlossen: Präambel Gemäß … §1 Übertragung der Aufgaben (1) Auf
Grund …«. The walk (:mod:`vereinbarung.importing.importer`) reads the parties block up to the
conclusion line, the preamble and sections from blocks of their own; :func:`split_running_text`
gives them those blocks:

- after the conclusion »wird folgende … geschlossen:« when more text follows in the block;
- before »Präambel« standing after a colon or a full stop;
- before each »§ n Überschrift (1) …« that follows a sentence end, the heading ending where the
  first numbered paragraph »(1)« begins (within 100 characters; a reference »gemäß § 24 Abs. 2«
  never follows a sentence end and has no »(1)« after it).

Only long blocks (more than 300 characters) are split; each part keeps the block's place.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from vereinbarung.importing.text import Block

__all__ = ["split_running_text"]

_CONCLUSION = re.compile(
    r"\b(?:wird|werden|schließen|vereinbaren)\s+(?:\S+\s+){0,12}?(?:folgende|nachstehende|"
    r"nachfolgende)\s+[^:.]{0,80}?(?:geschlossen|vereinbart|abgeschlossen)?\s*:\s+(?=\S)",
    re.IGNORECASE,
)
_PREAMBLE = re.compile(r"(?<=[:.])\s+(?=Präambel\s+[A-ZÄÖÜ])")
_SECTION = re.compile(r"(?<=[.:;])\s+(?=§\s?\d{1,3}[a-z]?\s+[A-ZÄÖÜ][^§()]{0,100}?\s\(1\)\s)")
_HEADING_END = re.compile(r"^(§\s?\d{1,3}[a-z]?\s+[A-ZÄÖÜ][^§()]{0,100}?)\s(?=\(1\)\s)")


def _parts(text: str) -> list[tuple[str, str]]:
    """The pieces of *text* with the kind each becomes (paragraph or heading)."""
    cuts = {0, len(text)}
    conclusion = _CONCLUSION.search(text)
    if conclusion is not None:
        cuts.add(conclusion.end())
    cuts |= {m.end() for m in _PREAMBLE.finditer(text)}
    cuts |= {m.end() for m in _SECTION.finditer(text)}
    ordered = sorted(cuts)
    pieces: list[tuple[str, str]] = []
    for start, end in itertools.pairwise(ordered):
        piece = text[start:end].strip()
        if not piece:
            continue
        heading = _HEADING_END.match(piece)
        if heading is not None:
            pieces.append(("heading", heading.group(1)))
            pieces.append(("paragraph", piece[heading.end() :].strip()))
        elif piece.startswith("Präambel "):
            pieces.append(("heading", "Präambel"))
            pieces.append(("paragraph", piece[len("Präambel ") :].strip()))
        else:
            pieces.append(("paragraph", piece))
    return pieces


def split_running_text(blocks: Sequence[Block]) -> list[Block]:
    """*blocks* with each long paragraph holding a conclusion line, a »Präambel« or sections
    split at them (see the module)."""
    result: list[Block] = []
    for block in blocks:
        text = " ".join(block.text.split())
        if block.kind != "text" or len(text) <= 300:
            result.append(block)
            continue
        pieces = _parts(text)
        if len(pieces) <= 1:
            result.append(block)
            continue
        for kind, piece in pieces:
            result.append(
                Block("heading" if kind == "heading" else "text", piece, block.where,
                      block.index, 2 if kind == "heading" else 0, False, False, (piece,))
            )  # fmt: skip
    return result
