"""Blocks: the paragraphs of a document to import, whatever file they came from.

Each :class:`Block` is one paragraph, heading, list item, horizontal rule or table cell
paragraph of the source, with its markup removed and its place in the file (``Zeile 88``,
``Absatz 45``, ``Tabelle 1, Zeile 2, Spalte 1``) for the provenance. Read by
:mod:`vereinbarung.importing.text` (Markdown, text, PDF) and
:mod:`vereinbarung.importing.docx_text` (Word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from vereinbarung.errors import VereinbarungError

__all__ = ["IMPORT_SUFFIXES", "RULE_LINE", "Block", "BlockKind", "ImportReadError"]

#: File endings ``vereinbarung import`` reads.
IMPORT_SUFFIXES = (".docx", ".pdf", ".txt", ".md")

BlockKind = Literal["heading", "text", "item", "rule"]


class ImportReadError(VereinbarungError):
    """A file to import cannot be read (missing, wrong kind, not a Word file, not text)."""

    default_message = "Die Datei kann nicht gelesen werden."


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of the source: kind, plain text, depth and where it stands.

    ``text`` has the markup removed; a hard line break is ``\\n``. ``level`` is the heading
    level (1–6) of a heading and the depth (0 = top) of a list item. ``numbered`` says that
    Word numbers the item itself (the number is not in the text). ``index`` counts the blocks
    from 0; ``where`` names the place for a person.
    """

    kind: BlockKind
    text: str
    where: str
    index: int = 0
    level: int = 0
    bold: bool = False
    numbered: bool = False
    raw_lines: tuple[str, ...] = ()

    @property
    def lines(self) -> list[str]:
        """The lines of the block (split at hard breaks), stripped, without empty ones."""
        return [line.strip() for line in self.text.split("\n") if line.strip()]

    @property
    def physical_lines(self) -> list[str]:
        """The lines as they stand in the file, soft line breaks included (markup removed)."""
        return [line for line in self.raw_lines if line] or self.lines


#: A horizontal rule written as text: ``---``, ``***``, ``___``, ``_ _ _``.
RULE_LINE = re.compile(r"^\s*(?:(?:-\s*){3,}|(?:\*\s*){3,}|_{3,}|(?:_\s){3,}_?)\s*$")
