"""Parties named together: "die Städte A und B, vertreten durch den Magistrat, Gemeinden C, D
und E, vertreten durch den Gemeindevorstand".

Published agreements, Hessian and Bavarian ones especially, list several municipalities of one
kind after a shared plural ("Städte", "Gemeinden", "Märkte", "Landkreise") and give them one
representation (the Magistrat, the Gemeindevorstand). :func:`enumerated_parties` expands such
a parties block into one party per municipality ("Stadt A", "Stadt B", "Gemeinde C" …), each
with the shared representation and the line it comes from; singular parties between the
groups ("und der Stadt F, vertreten durch …, Markt 1, 12345 F") are kept whole. Each name is
counted: if a name of the enumeration cannot be read as a party, the expansion is refused and
the caller falls back to the usual reading with a review item; a municipality is never lost
silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from vereinbarung.importing.text import Block

__all__ = ["PLURAL_KIND", "EnumeratedParty", "enumerated_parties"]

_SINGULAR = {
    "städte": "Stadt", "städten": "Stadt", "gemeinden": "Gemeinde", "märkte": "Markt",
    "märkten": "Markt", "marktgemeinden": "Marktgemeinde", "landkreise": "Landkreis",
    "landkreisen": "Landkreis", "kreise": "Kreis", "kreisen": "Kreis",
    "ortsgemeinden": "Ortsgemeinde", "verbandsgemeinden": "Verbandsgemeinde", "ämter": "Amt",
    "ämtern": "Amt", "kreisfreien städte": "Stadt",
}  # fmt: skip
_PLURAL_WORDS = "|".join(sorted((w.capitalize() for w in _SINGULAR), key=len, reverse=True))
_SINGULAR_WORDS = "Stadt|Gemeinde|Markt|Marktgemeinde|Landkreis|Kreis|Ortsgemeinde|Verbandsgemeinde"
#: A shared plural before names: "Städte Battenberg", "Gemeinden Allendorf".
PLURAL_KIND = re.compile(rf"\b(?:{_PLURAL_WORDS})\s+(?=[A-ZÄÖÜ])")
_GROUP = re.compile(
    rf"(?:^|,\s*(?:und\s+|sowie\s+)?|\s+(?:und|sowie)\s+)(?:zwischen\s+)?(?:(?:[Dd]er|[Dd]em|[Dd]en|[Dd]ie)\s+)?"
    rf"(?P<kind>{_PLURAL_WORDS}|{_SINGULAR_WORDS})\s+(?=[A-ZÄÖÜ])"
)
_NAME = re.compile(r"^[A-ZÄÖÜ][\w.'’/-]*(?:\s+(?:[A-ZÄÖÜ(][\w.'’/()-]*|a\.\s?d\.|i\.\s?\w+\.?|"
                   r"an\s+der|am|im|ob\s+der|bei)){0,4}$")  # fmt: skip


_ALIAS = re.compile(r"\s*\((?:nachfolgend|im\s+Folgenden|nachstehend)\b[^()]*\)", re.IGNORECASE)


class EnumeratedParty:
    """One party of an enumeration: the text to read it from (name, representation, address)
    and the block it stands in."""

    __slots__ = ("block", "text")

    def __init__(self, text: str, block: Block) -> None:
        self.text = text
        self.block = block

    def __repr__(self) -> str:
        return f"EnumeratedParty({self.text!r})"


def _block_of(blocks: Sequence[Block], starts: list[int], position: int) -> Block:
    index = max((i for i, start in enumerate(starts) if start <= position), default=0)
    return blocks[index]


def enumerated_parties(
    blocks: Sequence[Block],
) -> tuple[list[EnumeratedParty], str | None] | None:
    """The parties of a block with a shared plural, one each, and a review message if not every
    name could be read; None if there is no shared plural (the usual reading applies)."""
    texts = [" ".join(b.text.split()) for b in blocks]
    starts = []
    position = 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    flat = " ".join(texts)
    flat = re.sub(r"^(?:zwischen\s+)?", "", flat, flags=re.IGNORECASE)
    groups = [
        g
        for g in _GROUP.finditer(flat)
        if not re.search(r"\b(?:für|namens|handelnd|zugleich)\s+(?:die\s+|den\s+)?$",
                         flat[max(0, g.start() - 30) : g.end() - len(g.group("kind")) - 1])
    ]  # fmt: skip
    if not any(g.group("kind").lower() in _SINGULAR for g in groups):
        return None
    lead = flat[: groups[0].start()].strip(" ,")
    lost: list[str] = [lead] if lead and not re.fullmatch(r"(?i)zwischen|die|der", lead) else []
    parties: list[EnumeratedParty] = []
    for number, group in enumerate(groups):
        end = groups[number + 1].start() if number + 1 < len(groups) else len(flat)
        segment = flat[group.end() : end].strip(" ,")
        kind_word = group.group("kind")
        block = _block_of(blocks, starts, group.start())
        singular = _SINGULAR.get(kind_word.lower())
        if singular is None:  # "der Stadt F, vertreten durch …, Markt 1, 12345 F"
            parties.append(EnumeratedParty(f"{kind_word} {segment}", block))
            continue
        cut = re.search(r",?\s*(?:jeweils\s+)?vertreten\s+durch\s+", segment)
        names_text = segment[: cut.start()] if cut else segment
        names_text = _ALIAS.sub("", names_text)  # »C (nachfolgend „kommunale Beteiligte“)«
        rest = segment[cut.start() :].strip(" ,") if cut else ""
        names = [n.strip(" ,") for n in re.split(r",\s*|\s+und\s+|\s+sowie\s+", names_text)]
        for name in names:
            if not name:
                continue
            if not _NAME.match(name):
                lost.append(name)
                continue
            parties.append(EnumeratedParty(f"{singular} {name}" + (f", {rest}" if rest else ""),
                                           block))  # fmt: skip
    message = None
    if lost:
        message = (
            "Aufzählung von Parteien nicht vollständig gelesen: "
            + ", ".join(f"»{n}«" for n in lost)
            + " nicht als Partei erkannt – bitte die Parteien prüfen"
        )
    return parties, message
