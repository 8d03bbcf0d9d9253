"""A parties block closed by a sentence that names the parties once more.

Drafters often follow the list after »zwischen« with the concluding sentence, whose subject
repeats the parties (with their aliases) on a line of its own::

    zwischen der Stadt A, Markt 1 in 12345 A, vertreten durch den Bürgermeister,
    und der Verbandsgemeinde B, …, vertreten durch den Bürgermeister,
    Die Stadt A (nachfolgend „beauftragte Beteiligte“) sowie die Verbandsgemeinde B schließen …

Read as part of the list, the repetition gives every party twice (a review item each) or runs
into the last party's representative. :func:`split_recap` takes such a last line (or the words
after the list's last comma, where the lines were read as one paragraph) off the block;
:func:`recap_names` reads its names. The caller accepts the split only where the repetition
names every party it read and nobody else: then it is no doubt, only a note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from vereinbarung.importing.parties_sentence import read_list
from vereinbarung.importing.text import Block

__all__ = ["recap_names", "split_recap"]

# a line (or, in a paragraph read as one, the words after a comma) that begins a sentence with
# the subject: a capitalised article and a kind of body
_RECAP = re.compile(
    r"(?:\n|[,;]\s+)(?P<recap>(?:Die|Der|Das)\s+(?:(?:kreisfreie|kreisangehörige|Große)\s+)?"
    r"(?:Stadt|Städte|Gemeinden?|Ortsgemeinden?|Verbandsgemeinden?|Samtgemeinden?|Markt|Märkte|"
    r"Landkreise?|Kreise?|Ämter|Amt|Flecken|Landeshauptstadt|Hansestadt|Zweckverband)\s[^\n]+)$"
)
_VERB_ON = re.compile(r"\s+(?:schließen|treffen|vereinbaren|beschließen)\b.*$")


def split_recap(blocks: Sequence[Block]) -> tuple[list[Block], str] | None:
    """*blocks* without a last line (or paragraph) that repeats the parties as the subject of
    the concluding sentence, and that line; None if the block does not end with such a line
    after a list."""
    if not blocks:
        return None
    last = blocks[-1]
    whole = _RECAP.match("\n" + " ".join(last.text.split()))
    if whole is not None and len(blocks) > 1:  # a paragraph of its own (Word: one a line)
        return list(blocks[:-1]), whole.group("recap")
    match = _RECAP.search(last.text.rstrip())
    if match is None or not last.text[: match.start()].strip():
        return None
    kept = last.text[: match.start()].rstrip(" \n,;")
    lines = tuple(kept.split("\n"))
    block = Block(
        last.kind, kept, last.where, last.index, last.level, last.bold, last.numbered, lines
    )
    return [*blocks[:-1], block], match.group("recap")


def recap_names(text: str) -> list[str] | None:
    """The names the repeating sentence gives (its verb and aliases left out), or None if any
    of its items cannot be read as a name."""
    names, doubts = read_list(_VERB_ON.sub("", text).strip(" ,:"))
    return names if names and not doubts else None
