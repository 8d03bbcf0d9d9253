"""Sections of an agreement text: "§ n Überschrift", numbered paragraphs "(1)", items "a)".

Reads the body of an agreement into sections as the reference agreement (seed 002) writes them:
a heading "§ 5 Inkrafttreten, Laufzeit, Kündigung", paragraphs numbered "(1)" or "1.",
lettered items "a)"; checks that the numbering has no gaps and that nothing is lost, and marks
the section that holds the term clause by its heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from vereinbarung.importing.structure import SECTION, DocumentWalk, block_source, is_section_heading
from vereinbarung.importing.text import Block
from vereinbarung.importing.words import Sentence, split_sentences
from vereinbarung.model.german import shorten

__all__ = ["SectionReading", "read_sections", "section_sentences"]

_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
_CALCULATION = re.compile(r"\bBerechnung\b", re.IGNORECASE)
_ITEM = re.compile(r"^(?P<letter>[a-z]{1,2})[).]\s+(?P<text>.*)$", re.S)
_PARAGRAPH = re.compile(r"^\((?P<num>\d{1,2})\)\s*(?P<text>.*)$", re.S)
_PARAGRAPH_DOT = re.compile(
    rf"^(?P<num>\d{{1,2}})\.\s+(?!(?:{_MONTHS})\b)(?P<text>[A-ZÄÖÜ„\"].*)$", re.S
)
_TERM_HEADING = re.compile(
    r"laufzeit|in-?\s?kraft|inkrafttreten|kündigung|dauer|geltung|beendigung|wirksam|befristung",
    re.IGNORECASE,
)


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


def read_sections(walk: DocumentWalk, blocks: Sequence[Block]) -> list[SectionReading]:
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
                walk.review(
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
                walk.review("sections", f"§ {number} ohne Überschrift", block)
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
            walk.note(
                "sections",
                f"§ {current.number}: Berechnung »{shorten(block.text)}« (mit Tabelle) ist kein "
                "Vereinbarungstext; nicht übernommen",
                block,
            )
            continue
        if block.where.startswith("Tabelle"):
            if not any(p.field == "sections" and block.where.split(",")[0] in p.message
                       for p in walk.problems):  # fmt: skip
                walk.review(
                    "sections",
                    f"§ {current.number}: {block.where.split(',')[0]} nicht übernommen (das "
                    "Modell kennt keine Tabellen im Vereinbarungstext) – bitte prüfen",
                    block,
                )
            continue
        _paragraph(walk, current, block)
    result = []
    for section in sections:
        if not section.paragraphs:
            walk.review("sections", f"§ {section.number} ohne Text; nicht übernommen",
                        section.block)  # fmt: skip
            continue
        _check_numbers(walk, section)
        result.append(section)
    walk.data["sections"] = [
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
        walk.cite(("sections", index), [block_source(section.block)])
    return result


def _paragraph(walk: DocumentWalk, section: SectionReading, block: Block) -> None:
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
        walk.review(
            "sections",
            f"§ {section.number}: Text nach einer Aufzählung als eigener Absatz übernommen "
            "(die Absatznummern verschieben sich)",
            block,
        )
        paragraphs.append(_Paragraph(text, block))
    else:
        paragraphs[-1].text += "\n" + text


def _check_numbers(walk: DocumentWalk, section: SectionReading) -> None:
    numbers = [p.number for p in section.paragraphs]
    given = [n for n in numbers if n is not None]
    if given and given != list(range(1, len(given) + 1)):
        walk.review(
            "sections",
            f"§ {section.number}: Absätze nummeriert "
            + ", ".join(f"({n})" for n in given)
            + "; das Programm zählt sie neu (1), (2), …",
            section.block,
        )
    elif given and len(given) != len(numbers):
        walk.note(
            "sections",
            f"§ {section.number}: nummerierte und nicht nummerierte Absätze gemischt",
            section.block,
        )
    for paragraph in section.paragraphs:
        letters = [letter for letter in paragraph.letters if letter]
        expected = [chr(ord("a") + i) for i in range(len(letters))]
        if letters and letters != expected:
            walk.review(
                "sections",
                f"§ {section.number}: Aufzählung {', '.join(f'{x})' for x in letters)}; "
                "das Programm zählt sie neu a), b), …",
                paragraph.block,
            )


def _heading_like(block: Block) -> bool:
    text = block.text.strip()
    if SECTION.match(text) or _PARAGRAPH.match(text) or _ITEM.match(text):
        return False
    if block.kind == "heading" or block.bold:
        return True
    return block.kind == "text" and len(text) <= 100 and "\n" not in text and not text.endswith(".")


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
