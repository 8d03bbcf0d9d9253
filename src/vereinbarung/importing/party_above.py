"""The name of the first party on its own line above »vertreten durch …«.

A parties block set one phrase a line, with blank lines between them (a Word file copied to a
web page, a council document), puts the first party's name alone above its representative:
»Die Stadt A,« / »vertreten durch den Magistrat,« / »und« / »die Kreisstadt B, …«. The parties
block is found at its first »vertreten durch«; the line above it was taken as the name only if
it was a heading or bold (issue 22). :func:`names_party_above` also takes a plain line that
ends with a comma and reads as a name: short, beginning with a capital letter, no sentence, no
agreement word, no § and no notice. Anything else stays outside the parties block.
"""

from __future__ import annotations

import re

from vereinbarung.importing.bekanntmachung import is_wrapper
from vereinbarung.importing.text import Block

__all__ = ["names_party_above"]

_NAME_LINE = re.compile(r"^[A-ZÄÖÜ][\wäöüß.()/-]*(?:\s+[\wäöüß.()/„“\"-]+){0,8},$")
_NO_NAME = re.compile(
    r"vereinbarung|vertrag|§|\bzwischen\b|\bvertreten\b|\bschließen\b|\bsowie\b|\d{3}",
    re.IGNORECASE,
)


def names_party_above(block: Block) -> bool:
    """Whether *block*, the line above the first »vertreten durch …«, is a party's name
    ending with a comma (»Die Stadt Offenbach am Main,«).

    >>> from vereinbarung.importing.text import Block
    >>> names_party_above(Block("text", "Die Stadt Wiesenbrück,", "Zeile 3", 2))
    True
    >>> names_party_above(Block("text", "Anlage zur Magistratsvorlage Nr. 13", "Zeile 1", 0))
    False
    """
    text = " ".join(block.text.split())
    return (
        block.kind in ("text", "heading")
        and len(text) <= 120
        and bool(_NAME_LINE.match(text))
        and not _NO_NAME.search(text)
        and not is_wrapper(block)
    )
