"""The layout of an agreement: title, parties block, preamble, sections, signature blocks.

Agreements are written in one order (seed 002): title and subtitle, "zwischen" and the
parties, "wird folgende … geschlossen", the preamble, "§ 1" … with numbered paragraphs "(1)"
and lettered items "a)", then "Ort, den" and the signatures. :class:`DocumentWalk` goes through
the blocks of a document (:mod:`vereinbarung.importing.text`) in that order, writes what it finds
into the agreement data, cites each value's source (:class:`~vereinbarung.importing.words.Provenance`)
and records what it could not place (:class:`~vereinbarung.importing.words.Problem`).

Paragraph numbers and item letters are checked: the program counts them itself, so a jump in
the source ("(1), (2), (4)") is a review item. A "§ 2a" or a second "§ 3" cannot be a section of
its own; a table inside a section cannot be agreement text; both are review items. A
calculation that ``vereinbarung render`` adds below a section ("Umlage 2026 (Berechnung nach
§ 2)" and its table) is not agreement text and is left out with a note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from vereinbarung.errors import VereinbarungError
from vereinbarung.importing.bekanntmachung import choose_title, is_wrapper
from vereinbarung.importing.parties import (
    UNKNOWN_NAME,
    PartyReading,
    parse_parties,
)
from vereinbarung.importing.plausible import clean_title, title_words_doubt, whole_title
from vereinbarung.importing.text import Block
from vereinbarung.importing.words import (
    FieldPath,
    Problem,
    Provenance,
    Sentence,
)
from vereinbarung.model.german import shorten

__all__ = [
    "PREAMBLE",
    "SECTION",
    "SUBTITLE",
    "DocumentWalk",
    "NotAnAgreementError",
    "block_source",
    "is_section_heading",
    "title_doubt",
]


def title_doubt(title: str) -> str | None:
    """Why *title* may not be the agreement's own title (text run on, repeated), or None.

    >>> title_doubt("Zweckvereinbarung"), title_doubt("Vereinbarung vom 1. Mai 1996 Mit dem Ziel,")
    (None, 'er endet mit »,«')
    """
    if title.endswith((",", ";", ":", "-", "–")):
        return f"er endet mit »{title[-1]}«"
    implausible = title_words_doubt(title)
    if implausible is not None:
        return implausible
    if len(title) > 250:
        return "er ist sehr lang (Text danach mitgelesen?)"
    if "?" in title:
        return "er enthält ein nicht lesbares Zeichen »?«"
    words = title.split()
    for size in (4, 3):
        grams = [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]
        if len(grams) != len(set(grams)):
            return "ein Teil steht zweimal darin (Kopfzeile mitgelesen?)"
    return None


class NotAnAgreementError(VereinbarungError):
    """The text is not an agreement the importer can turn into a file (no parties)."""

    default_message = "Keine Vereinbarung erkannt."


# -- structure ---------------------------------------------------------------------------------

SECTION = re.compile(
    r"^§\s*(?P<num>\d{1,3})\s*(?P<suffix>[a-z])?(?![\w.])\s*[-–.:]?\s*(?P<rest>.*)$", re.S
)
PREAMBLE = re.compile(r"^(?:präambel|vorbemerkung(?:en)?|vorwort|einleitung|vorspruch)\s*:?$", re.I)
SUBTITLE = re.compile(
    r"^(?:über|zur|zum|betreffend|betr\.|hinsichtlich|bezüglich|für|zwecks)\b", re.I
)
_LEGAL_BASIS = re.compile(
    r"^(?:rechtsgrundlage\s*:\s*|auf\s+(?:der\s+)?grundlage\s+(?:von\s+|des\s+|der\s+)?|"
    r"aufgrund\s+(?:von\s+|des\s+|der\s+)?|auf\s+grund\s+(?:von\s+|des\s+|der\s+)?|gemäß\s+)"
    r"(?P<basis>.+)$",
    re.IGNORECASE | re.S,
)


def is_section_heading(block: Block) -> re.Match[str] | None:
    """The match of "§ n Überschrift" if *block* starts a section (a heading, a bold line, or
    a short line of text without closing punctuation), else None."""
    match = SECTION.match(block.text)
    if not match:
        return None
    if block.kind == "heading" or block.bold:
        return match
    rest = match.group("rest").strip()
    if not rest:
        return match
    if "\n" in block.text or len(rest) > 100 or rest.endswith((".", ";", ",")):
        return None
    return match if rest[0].isupper() else None


class DocumentWalk:
    """One pass over the blocks, collecting the agreement data, provenance and problems."""

    def __init__(self, blocks: Sequence[Block], source: str) -> None:
        self.blocks = list(blocks)
        self.source = source
        self.data: dict[str, Any] = {}
        self.provenance: list[Provenance] = []
        self.problems: list[Problem] = []

    # helpers
    def cite(self, path: FieldPath, sources: Sequence[Sentence], note: str | None = None) -> None:
        """Record where the value at *path* comes from."""
        self.provenance.append(Provenance(path, tuple(sources), note))

    def review(self, name: str, message: str, block: Block | None = None) -> None:
        """Record a review item (the import is then incomplete)."""
        self.problems.append(Problem(name, message, block_source(block) if block else None))

    def note(self, name: str, message: str, block: Block | None = None) -> None:
        """Record a note: something optional not found, or left out on purpose."""
        self.problems.append(
            Problem(name, message, block_source(block) if block else None, review=False)
        )

    # 1. title
    def header(self, blocks: Sequence[Block]) -> int:
        """Title, subtitle ("über …") and legal basis from the blocks before the parties; the
        title is chosen by :func:`~vereinbarung.importing.bekanntmachung.choose_title`. Returns
        the position of the title block (the blocks before it belong to a notice around the
        agreement, if any)."""
        choice = choose_title(blocks)
        title, furniture = clean_title(choice.title)
        subtitle = choice.subtitle
        if choice.position is not None and subtitle and subtitle in blocks[choice.position].text:
            title, subtitle = whole_title(title, subtitle)
        self.data["title"] = title
        if choice.position is None:
            self.review("title", f"{choice.reason}; »{choice.title}« eingetragen – bitte prüfen")
            return 0
        first = blocks[choice.position]
        self.cite(("title",), [block_source(first)], None if choice.clear else choice.reason)
        if furniture is not None:
            self.note(
                "title",
                f"»{furniture}« vor dem Titel als Seitenangabe, Gliederung der Bekanntmachung oder "
                "Ende einer Unterschrift entfernt",
                first,
            )
        doubt = title_doubt(title)
        if choice.clear and doubt:
            self.review("title", f"»{shorten(title)}« als Titel übernommen, aber {doubt} – "
                        "bitte prüfen", first)  # fmt: skip
        if not choice.clear:
            self.review(
                "title",
                f"»{title}« als Titel übernommen ({choice.reason}) – bitte prüfen",
                first,
            )
        for block in blocks[choice.position + 1 :]:
            if block.kind == "rule":
                continue
            text = " ".join(block.text.split())
            basis = _LEGAL_BASIS.match(text)
            if subtitle is None and SUBTITLE.match(text):
                subtitle = text
                self.cite(("subtitle",), [block_source(block)])
            elif basis and "legal_basis" not in self.data:
                self.data["legal_basis"] = basis.group("basis").strip(" .:")
                self.cite(("legal_basis",), [block_source(block)])
            elif not is_wrapper(block):
                self.note("title", f"Kopfzeile »{shorten(text)}« keinem Feld zugeordnet", block)
        if subtitle is not None:
            self.data["subtitle"] = subtitle
            if self.provenance_path(("subtitle",)) is None:
                self.cite(("subtitle",), [block_source(first)])
        return choice.position

    def provenance_path(self, path: FieldPath) -> Provenance | None:
        """The recorded source of the value at *path*, if any."""
        return next((p for p in self.provenance if p.path == path), None)

    # 2. parties
    def parties(self, blocks: Sequence[Block], *, nominative: bool) -> list[PartyReading]:
        """The parties of the parties block, written to ``parties`` with their sources."""
        parties, problems = parse_parties(blocks, nominative=nominative)
        self.problems += problems
        self.write_parties(parties)
        return parties

    def write_parties(self, parties: Sequence[PartyReading]) -> None:
        """Write *parties* to ``parties`` with their sources."""
        entries = []
        for index, party in enumerate(parties):
            entry: dict[str, Any] = {"name": party.name}
            self.cite(("parties", index, "name"), [party.sources["name"]])
            if party.kind is not None:
                entry["kind"] = party.kind.value
                self.cite(("parties", index, "kind"), [], "aus dem Namen abgeleitet")
            if party.address is not None:
                entry["address"] = {
                    "street": party.address.street,
                    "postal_code": party.address.postal_code,
                    "city": party.address.city,
                }
                self.cite(("parties", index, "address"), [party.sources["address"]])
            rep = party.representative
            representative: dict[str, Any] = {
                "name": rep.name if rep else UNKNOWN_NAME,
                "title": rep.title if rep else UNKNOWN_NAME,
            }
            if rep is not None and rep.salutation:
                representative["salutation"] = rep.salutation
            entry["representative"] = representative
            self.cite(
                ("parties", index, "representative"),
                [party.sources["representative"]] if "representative" in party.sources else [],
                None if rep and not rep.problem else "»N. N.«: nicht im Text",
            )
            if party.acts_for:
                entry["acts_for"] = list(party.acts_for)
                self.cite(("parties", index, "acts_for"), [party.sources["acts_for"]])
            entries.append(entry)
        self.data["parties"] = entries

    # 3. preamble
    def preamble(self, blocks: Sequence[Block]) -> None:
        """The preamble: paragraphs as text, consecutive list items as one list."""
        entries: list[Any] = []
        bullets: list[str] = []
        sources: list[Sentence] = []
        for block in blocks:
            if block.kind == "rule" or PREAMBLE.match(block.text.strip()):
                continue
            if block.kind == "item":
                bullets.append(block.text)
            else:
                if bullets:
                    entries.append(bullets)
                    bullets = []
                entries.append(block.text)
            sources.append(block_source(block))
        if bullets:
            entries.append(bullets)
        if entries:
            self.data["preamble"] = entries
            self.cite(("preamble",), sources[:1], f"{len(entries)} Einträge ab {sources[0].where}")

    # 4. sections


def block_source(block: Block) -> Sentence:
    """A block as a source: its text (whitespace collapsed) and its place."""
    return Sentence(" ".join(block.text.split()), where=block.where, block=block.index)
