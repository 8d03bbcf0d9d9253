"""A hosting site's heading that repeats the beginning of the document, left out.

Document sites (docslib and others) put the document's first words above it as the page's
heading, often in Title Case and cut off mid-word: »Vereinbarung Zwischen Der Stadt A, Vertreten
Durch Den Bürgermeister … 17087 Alte«, then the document itself, »Vereinbarung Zwischen der
Stadt A, vertreten durch den Bürgermeister …«. Read as text, the parties are read twice and the
cut-off copy ends inside a name (issue 22). :func:`drop_repeated_head` leaves out the first
blocks (at most four) where their text, compared without regard to case and spacing, is the
beginning of the text right after them (at least 40 letters), but written otherwise (in Title
Case) and cut off inside a word: both mark a site's copy. A title above a block that begins
with the same words (»Vereinbarung über …« / »Vereinbarung über … zwischen …«) is kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from vereinbarung.importing.text import Block

__all__ = ["drop_repeated_head"]

_MIN = 40


def _plain(blocks: Sequence[Block]) -> str:
    return " ".join(" ".join(b.text.split()) for b in blocks if b.kind != "rule")


def drop_repeated_head(blocks: Sequence[Block]) -> list[Block]:
    """*blocks* without a heading that repeats the beginning of the text after it."""
    for count in range(1, min(5, len(blocks))):
        head = _plain(blocks[:count])
        if len(head) < _MIN:
            continue
        after = _plain(blocks[count : count + 4 + count])
        if (
            after.lower().startswith(head.lower())
            and after[: len(head)] != head  # written otherwise (Title Case): a copy
            and after[len(head) : len(head) + 1].isalnum()  # cut off inside a word
        ):
            return list(blocks[count:])
    return list(blocks)
