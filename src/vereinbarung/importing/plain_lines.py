"""Paragraph ends in plain text copied from web pages, where one line is one paragraph.

A ``.txt`` file is read as Markdown (:func:`vereinbarung.importing.text.read_markdown`): a
single line break is a soft break and the lines are joined into one paragraph, as in text
wrapped by hand. Text copied from a web page or a law portal is not wrapped: each paragraph is
one line, often hundreds of characters long, and the lines of a title follow one another with
no blank line between them. Read as Markdown, the title then swallows the line before it (a
reference such as »zum Artikel 1 …«), its date line and the preamble after it (»Vereinbarung
… über … vom 20. November 1996 Mit dem Ziel …«), where the same text as a Word file, one
paragraph a line, keeps them apart.

:func:`mark_paragraphs` writes a blank line (a paragraph end) at such a soft break, only where
wrapped text cannot continue a sentence:

- before a line of more than 120 characters that begins with a capital letter: no line of
  text wrapped by hand is that long, so it is a paragraph of its own;
- before a line that begins with the name of an agreement (»Vereinbarung …«,
  »Öffentlich-rechtliche Vereinbarung …«, »Staatsvertrag …«);
- around a line that is only the date of a title (»vom 20. November 1996«, »vom 01.02.2003«);

and never after a line that ends with a hyphen, a comma or a word that needs the next line
(an article, a preposition, a conjunction: »… der Stadt Reutlingen am« / »[Datum] und …«).
Lines of Markdown structure (headings, items, tables) are left to the Markdown reader.

Sources: the published corpus of issue 22 (stored web pages as ``.txt`` beside the same text
as Word file); the seed texts of the project, written with blank lines between paragraphs.
"""

from __future__ import annotations

import re

__all__ = ["mark_paragraphs"]

_LONG = 120
_MONTHS = "Januar|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
_DATE_LINE = re.compile(
    rf"^vom\s+\d{{1,2}}\.\s*(?:\d{{1,2}}\.\s*|(?:{_MONTHS})\s+)\d{{4}}$", re.IGNORECASE
)
_AGREEMENT_LINE = re.compile(
    r"^(?:Öffentlich-rechtliche[rs]?\s+|Gemeinsame[rs]?\s+)?(?:[A-ZÄÖÜ][a-zäöüß]*-?)?"
    r"(?:[Vv]ereinbarung|[Vv]ertrag|[Aa]bkommen)\b"
)
# words after which wrapped text goes on: articles, prepositions, conjunctions, pronouns
_JOINER_WORDS = (
    "der die das den dem des ein eine einer eines einem einen und oder sowie bzw. bzw am im an "
    "auf aus bei bis durch für gegen gem. gemäß in mit nach über um unter von vom vor zu zum "
    "zur zwischen dieser diese dieses diesem diesen seine seiner ihre ihrer ihren sich als wie "
    "nicht nur auch"
)
_JOINERS = frozenset(_JOINER_WORDS.split())
_STRUCTURE = re.compile(r"^\s*(?:#|[-*+•–]\s|\||>)")


def _may_end(line: str) -> bool:
    """Whether a paragraph may end after *line* (no hyphen, comma or joining word at its end)."""
    line = line.rstrip()
    if not line or line.endswith(("-", ",", "–", "/", "(")) or line.endswith(("  ", "\\")):
        return False
    last = line.split()[-1]
    return last.lower() not in _JOINERS


def _begins_paragraph(line: str) -> bool:
    """Whether *line* begins a paragraph of its own after a line that may end one."""
    text = line.strip()
    if _DATE_LINE.match(text) or _AGREEMENT_LINE.match(text):
        return True
    return len(text) > _LONG and bool(re.match(r"[A-ZÄÖÜ„\"]", text))


def mark_paragraphs(text: str) -> str:
    """*text* with a blank line at each soft break that ends a paragraph (module description).

    >>> mark_paragraphs("zum Artikel 5\\nVereinbarung über den Winterdienst\\nvom 1. Mai 1996\\n"
    ...                 "Mit dem Ziel, die Straßen zu räumen,\\nvereinbaren die Städte:")
    'zum Artikel 5\\n\\nVereinbarung über den Winterdienst\\n\\nvom 1. Mai 1996\\n\\nMit dem Ziel, \
die Straßen zu räumen,\\nvereinbaren die Städte:'
    """
    lines = text.split("\n")
    out: list[str] = []
    previous = ""
    for line in lines:
        if (
            previous.strip()
            and line.strip()
            and not _STRUCTURE.match(line)
            and not _STRUCTURE.match(previous)
            and _may_end(previous)
            and (_begins_paragraph(line) or _DATE_LINE.match(previous.strip()))
        ):
            out.append("")
        out.append(line)
        previous = line
    return "\n".join(out)
