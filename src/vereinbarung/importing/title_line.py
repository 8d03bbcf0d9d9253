"""The agreement's title as the first line of the parties' block, split off before the title
is chosen.

Text copied from web pages and PDFs often has no blank line between the agreement's own title
and the first party: »Öffentlich-rechtliche Vereinbarung über die Übertragung der Aufgabe …
auf die Stadt A« on one line, »Die Stadt A, vertreten durch den Magistrat« on the next, in one
block. The parties' block then starts with the title, and the title is looked for only in the
blocks before it: a Bekanntmachung's heading above (»Öffentlich-rechtliche Vereinbarung
Reinigung Abwasser«) was taken instead (issue 22). :func:`split_title_line` splits such a
block into the title line and the party lines. Only a first line that begins with the kind of
agreement (»… Vereinbarung«, »Zweckvereinbarung«, »Vertrag«) and is no sentence (wrapped over
at most three lines, as a PDF's page width wraps it), followed by
lines that begin with a party (»Die/Der/Das …«) and name its representative (»vertreten
durch«), is split; everything else stays as it is.

The title may also stand after the parties, on its own line below the sentence that concludes
them: »Die Stadt A, … und die Stadt B, … schließen nach … folgende« / »Öffentlich-rechtliche
Vereinbarung«. :func:`with_title_after` adds that line to the blocks the title is chosen from,
only where the blocks before the parties give no clear title (a council document's »Anlage zur
Magistratsvorlage Nr. 13« above them) and the line is the kind of agreement alone.

A title wrapped over two paragraphs (a Word file with one paragraph a line, a web page's line
break: »Öffentlich-rechtlicher Vertrag über« / »die Übertragung von Aufgaben …«) was read as
the first half, ending in »über«. :func:`join_wrapped_title` joins a title line that ends in a
word no title ends with (a preposition, an article, »und«) with the paragraph after it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from vereinbarung.importing.bekanntmachung import choose_title, is_kind_only
from vereinbarung.importing.text import Block

__all__ = ["join_wrapped_title", "split_title_line", "with_title_after"]

# the kind of agreement within the line's first three words: »Öffentlich-rechtliche
# Vereinbarung über …«, »Zweckvereinbarung zur …«, »Vertrag über …«
_TITLE = re.compile(
    r"^(?:[\wäöüß-]+\s+){0,2}[\wäöüß-]*(?:vereinbarung|vertrag|abkommen)\b",
    re.IGNORECASE,
)
_NOT_TITLE = re.compile(
    r"\bvertreten\b|\bzwischen\b|\bschließen\b|\bbeschlossen\b|bekannt\s*gemacht|genehmig",
    re.IGNORECASE,
)
_PARTY_START = re.compile(r"^(?:Die|Der|Das)\s+[A-ZÄÖÜ]")
_REPRESENTED = re.compile(r"\bvertreten\s+durch\b", re.IGNORECASE)


def _is_title_line(line: str) -> bool:
    text = " ".join(line.split())
    return (
        bool(_TITLE.match(text))
        and text[:1].isupper()
        and len(text) <= 300
        and not _NOT_TITLE.search(text)
        and not text.endswith((".", ";", ":", ","))
    )


def split_title_line(blocks: Sequence[Block]) -> list[Block]:
    """*blocks* with a title line at the head of the parties' block split off (see the module
    description); only among the first 20 blocks."""
    result: list[Block] = []
    for position, block in enumerate(blocks):
        lines = block.physical_lines
        # the title may be wrapped over up to three lines (a PDF's page width)
        cut = next(
            (
                at
                for at in range(1, min(4, len(lines)))
                if _PARTY_START.match(lines[at].strip())
                and _REPRESENTED.search(" ".join(lines[at : at + 2]))
            ),
            None,
        )
        if position >= 20 or cut is None or not _is_title_line(" ".join(lines[:cut])):
            result.append(block)
            continue
        for part in (lines[:cut], lines[cut:]):
            result.append(
                Block(block.kind, "\n".join(part), block.where, block.index, block.level,
                      block.bold, block.numbered, tuple(part))
            )  # fmt: skip
    return result


# a word no title ends with: the line goes on in the next paragraph
_OPEN_END = re.compile(
    r"\s(?:über|zur|zum|für|zwischen|betreffend|bezüglich|von|vom|mit|auf|in|im|an|am|"
    r"der|die|das|des|den|dem|und|sowie)$",
    re.IGNORECASE,
)


def join_wrapped_title(blocks: Sequence[Block]) -> list[Block]:
    """*blocks* with a title line that ends in an open word (»… Vertrag über«) joined with the
    paragraph after it (see the module description); only among the first 20 blocks, only a
    title line of at most 200 characters and a following paragraph that is no heading of a
    section, no rule and no table."""
    result: list[Block] = []
    position = 0
    while position < len(blocks):
        block = blocks[position]
        following = blocks[position + 1] if position + 1 < len(blocks) else None
        position += 1
        text = " ".join(block.text.split())
        if (
            following is None
            or position > 20
            or block.kind not in ("text", "heading")
            or following.kind != "text"
            or len(text) > 200
            or not _is_title_line(text)
            or _OPEN_END.search(text) is None
            or following.text.lstrip().startswith(("§", "|"))
        ):
            result.append(block)
            continue
        lines = (*block.physical_lines, *following.physical_lines)
        result.append(
            Block(block.kind, f"{block.text}\n{following.text}", block.where, block.index,
                  block.level, block.bold, block.numbered, lines)
        )  # fmt: skip
        position += 1
    return result


# the conclusion cut off before the kind of agreement: »… schließen … folgende«
_CONCLUSION_CUT = re.compile(r"\b(?:nach)?(?:folgende|stehende)[nrs]?\s*$", re.IGNORECASE)


def with_title_after(blocks: Sequence[Block], start: int, end: int) -> list[Block]:
    """The blocks before the parties (``blocks[:start]``), with the title line below the
    conclusion of the parties' block (between *start* and *end*) added where those blocks give
    no clear title (see the module description)."""
    before = list(blocks[:start])
    texts = [(b, " ".join(b.text.split())) for b in blocks[start:end] if b.kind != "rule"]
    after = next(
        (
            block
            for (_, previous), (block, text) in pairwise(texts)
            if _CONCLUSION_CUT.search(previous) and is_kind_only(text.rstrip(":").strip())
        ),
        None,
    )
    if after is None or choose_title(before).clear:
        return before
    return [*before, after]
