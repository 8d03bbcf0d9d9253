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

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from vereinbarung.errors import VereinbarungError
from vereinbarung.importing.bekanntmachung import choose_title, is_wrapper
from vereinbarung.importing.parties import (
    UNKNOWN_NAME,
    PartyReading,
    is_conclusion,
    is_connector,
    parse_parties,
)
from vereinbarung.importing.text import Block
from vereinbarung.importing.words import (
    FieldPath,
    Problem,
    Provenance,
    Sentence,
    find_dates,
    split_sentences,
)

__all__ = [
    "DocumentWalk",
    "NotAnAgreementError",
    "SectionReading",
    "block_source",
    "body_and_signatures",
    "inline_legal_basis",
    "is_section_heading",
    "party_region",
    "publication_note",
    "section_sentences",
]


class NotAnAgreementError(VereinbarungError):
    """The text is not an agreement the importer can turn into a file (no parties)."""

    default_message = "Keine Vereinbarung erkannt."


# -- structure ---------------------------------------------------------------------------------

_SECTION = re.compile(
    r"^§\s*(?P<num>\d{1,3})\s*(?P<suffix>[a-z])?(?![\w.])\s*[-–.:]?\s*(?P<rest>.*)$", re.S
)
_PARAGRAPH = re.compile(r"^\((?P<num>\d{1,2})\)\s*(?P<text>.*)$", re.S)
_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
_PARAGRAPH_DOT = re.compile(
    rf"^(?P<num>\d{{1,2}})\.\s+(?!(?:{_MONTHS})\b)(?P<text>[A-ZÄÖÜ„\"].*)$", re.S
)
_ITEM = re.compile(r"^(?P<letter>[a-z]{1,2})[).]\s+(?P<text>.*)$", re.S)
_PREAMBLE = re.compile(
    r"^(?:präambel|vorbemerkung(?:en)?|vorwort|einleitung|vorspruch)\s*:?$", re.I
)
_BODY_END = re.compile(
    r"^(?:unterschrift(?:en)?|anlagen?|anhang|anhänge|unterzeichnung)\b.{0,40}$", re.IGNORECASE
)
_SIGNATURE_START = re.compile(
    r"^[A-ZÄÖÜ][\w.()/\- ]{0,60}?,\s*(?:den|am|d\.)(?:\s|$)|^Ort,\s*Datum"
)
_SUBTITLE = re.compile(
    r"^(?:über|zur|zum|betreffend|betr\.|hinsichtlich|bezüglich|für|zwecks)\b", re.I
)
_LEGAL_BASIS = re.compile(
    r"^(?:rechtsgrundlage\s*:\s*|auf\s+(?:der\s+)?grundlage\s+(?:von\s+|des\s+|der\s+)?|"
    r"aufgrund\s+(?:von\s+|des\s+|der\s+)?|auf\s+grund\s+(?:von\s+|des\s+|der\s+)?|gemäß\s+)"
    r"(?P<basis>.+)$",
    re.IGNORECASE | re.S,
)
_TERM_HEADING = re.compile(
    r"laufzeit|in-?\s?kraft|inkrafttreten|kündigung|dauer|geltung|beendigung|wirksam|befristung",
    re.IGNORECASE,
)
_PUBLICATION_NOTE = re.compile(
    r"(?:bekannt\s*gemacht|veröffentlicht|bekanntmachung)\b[^\n]{0,120}?\b(?:am|vom)\s+"
    r"|amtsblatt[^\n]{0,120}?\bvom\s+",
    re.IGNORECASE,
)
_INLINE_BASIS = re.compile(
    r"\b(?:auf\s+(?:der\s+)?grundlage|aufgrund|auf\s+grund)\s+(?:von\s+|des\s+|der\s+)?"
    r"(?P<basis>.+?)\s+(?:folgende|nachstehende|nachfolgende|die\s+folgende)\b",
    re.IGNORECASE,
)
_REPRESENTED = re.compile(r"\bvertreten\s+durch\b", re.IGNORECASE)
_ANNEX = re.compile(r"^(?:anlagen?|anhang|anhänge)\b", re.IGNORECASE)
_CALCULATION = re.compile(r"\bBerechnung\b", re.IGNORECASE)
_NOTICE_AFTER = re.compile(
    r"^(?:genehmigung(?:svermerk)?|bekanntmachung(?:sanordnung|svermerk)?|hinweis\s+(?:gemäß|nach)|"
    r"(?:die|diese)\s+(?:vorstehende|obige)\b|[^.]{0,120}?\bhiermit\s+[^.]{0,60}?bekannt\s*gemacht|"
    r"[^.]{0,120}?\bwurde\s+.{0,160}?genehmigt)",
    re.IGNORECASE,
)


def is_section_heading(block: Block) -> re.Match[str] | None:
    """The match of "§ n Überschrift" if *block* starts a section (a heading, a bold line, or
    a short line of text without closing punctuation), else None."""
    match = _SECTION.match(block.text)
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


@dataclass(slots=True)
class _Paragraph:
    """A paragraph as read: text, its block, the number "(n)" if given, items and letters."""

    text: str
    block: Block
    number: int | None = None
    items: list[str] = field(default_factory=list)
    letters: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SectionReading:
    """A section as read: number, heading, the block of "§ n", its paragraphs."""

    number: int
    heading: str
    block: Block
    paragraphs: list[_Paragraph] = field(default_factory=list)


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
        self.data["title"] = choice.title
        subtitle = choice.subtitle
        if choice.position is None:
            self.review("title", f"{choice.reason}; »{choice.title}« eingetragen – bitte prüfen")
            return 0
        first = blocks[choice.position]
        self.cite(("title",), [block_source(first)], None if choice.clear else choice.reason)
        if not choice.clear:
            self.review(
                "title",
                f"»{choice.title}« als Titel übernommen ({choice.reason}) – bitte prüfen",
                first,
            )
        for block in blocks[choice.position + 1 :]:
            if block.kind == "rule":
                continue
            text = " ".join(block.text.split())
            basis = _LEGAL_BASIS.match(text)
            if subtitle is None and _SUBTITLE.match(text):
                subtitle = text
                self.cite(("subtitle",), [block_source(block)])
            elif basis and "legal_basis" not in self.data:
                self.data["legal_basis"] = basis.group("basis").strip(" .:")
                self.cite(("legal_basis",), [block_source(block)])
            elif not is_wrapper(block):
                self.note("title", f"Kopfzeile »{_cut(text)}« keinem Feld zugeordnet", block)
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
        return parties

    # 3. preamble
    def preamble(self, blocks: Sequence[Block]) -> None:
        """The preamble: paragraphs as text, consecutive list items as one list."""
        entries: list[Any] = []
        bullets: list[str] = []
        sources: list[Sentence] = []
        for block in blocks:
            if block.kind == "rule" or _PREAMBLE.match(block.text.strip()):
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
    def sections(self, blocks: Sequence[Block]) -> list[SectionReading]:
        """The sections "§ n" with heading, paragraphs and items, written to ``sections``."""
        sections: list[SectionReading] = []
        current: SectionReading | None = None
        skip_next_heading = False
        calculation = False
        for position, block in enumerate(blocks):
            heading = is_section_heading(block)
            if heading:
                calculation = False
                number = int(heading.group("num"))
                rest = heading.group("rest").strip()
                title = rest
                skip_next_heading = False
                if not title:
                    following = blocks[position + 1] if position + 1 < len(blocks) else None
                    if following is not None and _heading_like(following):
                        title = " ".join(following.text.split())
                        skip_next_heading = True
                if heading.group("suffix") or any(s.number == number for s in sections):
                    label = f"§ {number}{heading.group('suffix') or ''}"
                    self.review(
                        "sections",
                        f"{label} kann nicht als eigener Paragraph übernommen werden (Nummer "
                        "doppelt oder mit Buchstabe); sein Text steht im vorigen Paragraphen",
                        block,
                    )
                    if current is not None and title:
                        current.paragraphs.append(_Paragraph(f"{label} {title}", block))
                    continue
                if not title:
                    title = "(ohne Überschrift)"
                    self.review("sections", f"§ {number} ohne Überschrift", block)
                current = SectionReading(number, title, block)
                sections.append(current)
                continue
            if skip_next_heading:
                skip_next_heading = False
                continue
            if current is None:
                continue
            if calculation:
                continue
            if block.bold and block.kind == "text" and _CALCULATION.search(block.text):
                calculation = True  # e.g. "Umlage 2026 (Berechnung nach § 2)" from render
                self.note(
                    "sections",
                    f"§ {current.number}: Berechnung »{_cut(block.text)}« (mit Tabelle) ist kein "
                    "Vereinbarungstext; nicht übernommen",
                    block,
                )
                continue
            if block.where.startswith("Tabelle"):
                if not any(p.field == "sections" and block.where.split(",")[0] in p.message
                           for p in self.problems):  # fmt: skip
                    self.review(
                        "sections",
                        f"§ {current.number}: {block.where.split(',')[0]} nicht übernommen (das "
                        "Modell kennt keine Tabellen im Vereinbarungstext) – bitte prüfen",
                        block,
                    )
                continue
            self._paragraph(current, block)
        result = []
        for section in sections:
            if not section.paragraphs:
                self.review("sections", f"§ {section.number} ohne Text; nicht übernommen",
                            section.block)  # fmt: skip
                continue
            self._check_numbers(section)
            result.append(section)
        self.data["sections"] = [
            {
                "number": s.number,
                "heading": s.heading,
                "paragraphs": [
                    {"text": p.text, "items": p.items} if p.items else {"text": p.text}
                    for p in s.paragraphs
                ],
            }
            for s in result
        ]
        for index, section in enumerate(result):
            self.cite(("sections", index), [block_source(section.block)])
        return result

    def _paragraph(self, section: SectionReading, block: Block) -> None:
        text = block.text.strip()
        paragraphs = section.paragraphs
        numbered = _PARAGRAPH.match(text)
        if numbered is None and (not paragraphs or paragraphs[0].number is not None):
            dot = _PARAGRAPH_DOT.match(text)
            if dot and (not paragraphs or paragraphs[-1].number is not None):
                numbered = dot
        item = _ITEM.match(text) if numbered is None else None
        if numbered is not None:
            body = numbered.group("text").strip()
            paragraphs.append(_Paragraph(body or text, block, int(numbered.group("num"))))
        elif item is not None and paragraphs:
            paragraphs[-1].items.append(item.group("text").strip())
            paragraphs[-1].letters.append(item.group("letter"))
        elif block.kind == "item" and paragraphs and (block.level >= 1 or not block.numbered):
            paragraphs[-1].items.append(text)
            paragraphs[-1].letters.append("")
        elif block.kind == "item" and block.numbered:
            paragraphs.append(_Paragraph(text, block, len(paragraphs) + 1))
        elif not paragraphs or all(p.number is None for p in paragraphs):
            paragraphs.append(_Paragraph(text, block))
        elif paragraphs[-1].items:
            self.review(
                "sections",
                f"§ {section.number}: Text nach einer Aufzählung als eigener Absatz übernommen "
                "(die Absatznummern verschieben sich)",
                block,
            )
            paragraphs.append(_Paragraph(text, block))
        else:
            paragraphs[-1].text += "\n" + text

    def _check_numbers(self, section: SectionReading) -> None:
        numbers = [p.number for p in section.paragraphs]
        given = [n for n in numbers if n is not None]
        if given and given != list(range(1, len(given) + 1)):
            self.review(
                "sections",
                f"§ {section.number}: Absätze nummeriert "
                + ", ".join(f"({n})" for n in given)
                + "; das Programm zählt sie neu (1), (2), …",
                section.block,
            )
        elif given and len(given) != len(numbers):
            self.note(
                "sections",
                f"§ {section.number}: nummerierte und nicht nummerierte Absätze gemischt",
                section.block,
            )
        for paragraph in section.paragraphs:
            letters = [letter for letter in paragraph.letters if letter]
            expected = [chr(ord("a") + i) for i in range(len(letters))]
            if letters and letters != expected:
                self.review(
                    "sections",
                    f"§ {section.number}: Aufzählung {', '.join(f'{x})' for x in letters)}; "
                    "das Programm zählt sie neu a), b), …",
                    paragraph.block,
                )


def _heading_like(block: Block) -> bool:
    text = block.text.strip()
    if _SECTION.match(text) or _PARAGRAPH.match(text) or _ITEM.match(text):
        return False
    if block.kind == "heading" or block.bold:
        return True
    return block.kind == "text" and len(text) <= 100 and "\n" not in text and not text.endswith(".")


def block_source(block: Block) -> Sentence:
    """A block as a source: its text (whitespace collapsed) and its place."""
    return Sentence(" ".join(block.text.split()), where=block.where, block=block.index)


def _cut(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _strip_conclusion(block: Block) -> Block | None:
    """The block without a trailing "…, wird folgende Vereinbarung geschlossen:"."""
    match = re.search(
        r"\s*[,–-]?\s*(?:\bwird\b|\bwerden\b|\bschließen\b|\bvereinbaren\b)(?:\s+\S+){0,25}?\s+"
        r"(?:folgende|nachstehende|nachfolgende|die\s+folgende)\b.*$",
        block.text,
        re.S | re.IGNORECASE,
    )
    if not match:
        return block
    text = block.text[: match.start()].rstrip(" ,")
    if not text:
        return None
    return Block(
        block.kind, text, block.where, block.index, block.level, block.bold, block.numbered
    )


def section_sentences(sections: Sequence[SectionReading]) -> list[Sentence]:
    """Every sentence of the sections (paragraphs and items) with § and Absatz; sentences in
    a section headed "Laufzeit", "Inkrafttreten", "Kündigung" … are marked as the term clause."""
    sentences = []
    for section in sections:
        in_term = bool(_TERM_HEADING.search(section.heading))
        single = len(section.paragraphs) == 1
        for number, paragraph in enumerate(section.paragraphs, start=1):
            for text in [paragraph.text, *paragraph.items]:
                for sentence in split_sentences(text):
                    sentences.append(
                        Sentence(
                            sentence,
                            section=section.number,
                            paragraph=None if single else number,
                            where=paragraph.block.where,
                            block=paragraph.block.index,
                            in_term_section=in_term,
                        )
                    )
    return sentences


def publication_note(blocks: Sequence[Block]) -> tuple[dt.date | None, Sentence | None]:
    """The day of publication if the text notes one ("Amtsblatt … vom 15.04.2021"), and where."""
    for block in blocks:
        text = " ".join(block.text.split())
        for match in _PUBLICATION_NOTE.finditer(text):
            dates = [d for d in find_dates(text[match.end() : match.end() + 25]) if d.date]
            if dates and dates[0].start == 0 and dates[0].date is not None:
                return dates[0].date, block_source(block)
    return None, None


# -- the whole document --------------------------------------------------------------------------


def party_region(blocks: Sequence[Block], source: str) -> tuple[int, int, list[Block], bool]:
    """Where the parties block starts and ends, its blocks (the conclusion "wird folgende …
    geschlossen" cut off) and whether the parties are named as subject (no "zwischen")."""
    start = next(
        (
            i
            for i, b in enumerate(blocks)
            if re.match(r"^zwischen\b", b.text.strip(), re.I)
            and not (is_wrapper(b) and not _REPRESENTED.search(b.text))
        ),
        None,
    )
    nominative = False
    if start is None:  # "Die Stadt A, vertreten durch …, und die Stadt B … schließen …"
        first_section = next(
            (i for i, b in enumerate(blocks) if is_section_heading(b)), len(blocks)
        )
        start = next(
            (i for i, b in enumerate(blocks[:first_section]) if _REPRESENTED.search(b.text)),
            None,
        )
        if start is None:
            raise NotAnAgreementError(
                f"{source}: keine Vereinbarung erkannt: kein Parteienblock (»zwischen …« oder "
                "»… vertreten durch …«) gefunden."
            )
        nominative = True
        previous = blocks[start - 1] if start > 1 else None
        if (
            previous is not None
            and (previous.kind == "heading" or previous.bold)
            and not (_SUBTITLE.match(previous.text) or is_section_heading(previous))
        ):
            start -= 1  # the name above "vertreten durch"
    end = start
    region: list[Block] = []
    for position in range(start, len(blocks)):
        block = blocks[position]
        if position > start and (_PREAMBLE.match(block.text.strip()) or is_section_heading(block)):
            return start, position, region, nominative
        stripped = _strip_conclusion(block)
        if position > start and is_conclusion(block.text) and not is_connector(block.text):
            if stripped is not None and stripped.text != block.text:
                region.append(stripped)
            end = position + 1
            while end < len(blocks) and is_conclusion(blocks[end].text):
                end += 1
            return start, end, region, nominative
        if stripped is not None and stripped.text != block.text:
            region.append(stripped)  # "…, 41460 Neuss, wird folgende Vereinbarung geschlossen:"
            return start, position + 1, region, nominative
        region.append(block)
        end = position + 1
    return start, end, region, nominative


def inline_legal_basis(walk: DocumentWalk, blocks: Sequence[Block]) -> None:
    """ "wird auf der Grundlage der §§ 1, 23 ff. GkG NRW folgende Vereinbarung geschlossen"."""
    for block in blocks:
        basis = _INLINE_BASIS.search(" ".join(block.text.split()))
        if basis:
            walk.data["legal_basis"] = basis.group("basis").strip(" ,")
            walk.cite(("legal_basis",), [block_source(block)])
            return


def body_and_signatures(
    blocks: Sequence[Block],
) -> tuple[list[Block], list[Block], list[Block]]:
    """The sections (up to "Unterschriften", the first "Ort, den" or a notice), the signature
    blocks (up to an annex or a notice) and what follows them (the approval and publication
    notes of a Bekanntmachung, an annex)."""
    end = len(blocks)
    for position, block in enumerate(blocks):
        first_line = block.lines[0] if block.lines else ""
        if position > 0 and (
            (block.kind == "heading" and _BODY_END.match(block.text.strip()))
            or _SIGNATURE_START.match(first_line)
            or _NOTICE_AFTER.match(block.text.strip())
        ):
            end = position
            break
    signatures: list[Block] = []
    trailer: list[Block] = []
    for position in range(end, len(blocks)):
        block = blocks[position]
        if (_ANNEX.match(block.text.strip()) and (block.kind == "heading" or block.bold)) or (
            _NOTICE_AFTER.match(block.text.strip())
        ):
            trailer = list(blocks[position:])  # an annex or the notice: no signature block
            break
        if not _BODY_END.match(block.text.strip()):
            signatures.append(block)
    return list(blocks[:end]), signatures, trailer
