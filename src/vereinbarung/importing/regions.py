"""Where the parts of an agreement text lie: parties, body, signatures, publication note.

The document walk (:mod:`vereinbarung.importing.structure`) reads sections; this module finds
the regions around them: the party block between the title and the preamble or § 1 (closed by
"… schließen folgende …"), the legal basis written inline, where the body ends and the
signature blocks begin (place and date lines, "Für die Stadt …"), annexes, and the publication
note of an Amtsblatt ("bekannt gemacht am …", § 24 Abs. 3 GkG NRW).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from vereinbarung.importing.bekanntmachung import is_wrapper
from vereinbarung.importing.parties import is_conclusion, is_connector
from vereinbarung.importing.party_above import names_party_above
from vereinbarung.importing.structure import (
    PREAMBLE,
    SUBTITLE,
    DocumentWalk,
    NotAnAgreementError,
    block_source,
    is_section_heading,
)
from vereinbarung.importing.text import Block
from vereinbarung.importing.words import Sentence, find_dates

__all__ = [
    "body_and_signatures",
    "inline_legal_basis",
    "party_region",
    "publication_note",
    "split_glued_title",
]

_ANNEX = re.compile(r"^(?:anlagen?|anhang|anhänge)\b", re.IGNORECASE)
_BODY_END = re.compile(
    r"^(?:unterschrift(?:en)?|anlagen?|anhang|anhänge|unterzeichnung)\b.{0,40}$", re.IGNORECASE
)
_INLINE_BASIS = re.compile(
    r"\b(?:auf\s+(?:der\s+)?grundlage|aufgrund|auf\s+grund)\s+(?:von\s+|des\s+|der\s+)?"
    r"(?P<basis>.+?)\s+(?:folgende|nachstehende|nachfolgende|die\s+folgende)\b",
    re.IGNORECASE,
)
_NOTICE_AFTER = re.compile(
    r"^(?:genehmigung(?:svermerk)?|bekanntmachung(?:sanordnung|svermerk)?|hinweis\s+(?:gemäß|nach)|"
    r"(?:die|diese)\s+(?:vorstehende|obige)\b|[^.]{0,120}?\bhiermit\s+[^.]{0,60}?bekannt\s*gemacht|"
    r"[^.]{0,120}?\bwurde\s+.{0,160}?genehmigt)",
    re.IGNORECASE,
)
_PUBLICATION_NOTE = re.compile(
    r"(?:bekannt\s*gemacht|veröffentlicht|bekanntmachung)\b[^\n]{0,120}?\b(?:am|vom)\s+"
    r"|amtsblatt[^\n]{0,120}?\bvom\s+",
    re.IGNORECASE,
)
_REPRESENTED = re.compile(r"\bvertreten\s+durch\b", re.IGNORECASE)
_SIGNATURE_START = re.compile(
    r"^[A-ZÄÖÜ][\w.()/\- ]{0,60}?,\s*(?:den|am|d\.)(?:\s|$)|^Ort,\s*Datum"
)


def publication_note(blocks: Sequence[Block]) -> tuple[dt.date | None, Sentence | None]:
    """The day of publication if the text notes one ("Amtsblatt … vom 15.04.2021"), and where."""
    for block in blocks:
        text = " ".join(block.text.split())
        for match in _PUBLICATION_NOTE.finditer(text):
            dates = [d for d in find_dates(text[match.end() : match.end() + 25]) if d.date]
            if dates and dates[0].start == 0 and dates[0].date is not None:
                return dates[0].date, block_source(block)
    return None, None


# the end of a sentence: a full stop or colon after a word (not »gem.«, »Nr.«, »S.«)
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{4}[.:])\s+(?=[A-ZÄÖÜ])")
_GLUED_AGREEMENT = re.compile(r"\b\w*(?:vereinbarung|vertrag)\b", re.IGNORECASE)


def split_glued_title(blocks: Sequence[Block]) -> list[Block]:
    """*blocks* with a title glued to the parties block split off: »Zweckvereinbarung zwischen
    / der Stadt A, vertreten durch …« (text from PDFs and web pages) becomes the title
    »Zweckvereinbarung« and the block »zwischen der Stadt A, vertreten durch …«. A title that
    names the parties itself (»… zwischen A und B über …«) stays whole."""
    result: list[Block] = []
    for position, block in enumerate(blocks):
        lines = block.physical_lines
        hit = next(
            ((n, m) for n, line in enumerate(lines) if (m := re.search(r"\b[Zz]wischen\b", line))),
            None,
        )
        if position > 20 or hit is None:
            result.append(block)
            continue
        number, match = hit
        title = " ".join([*lines[:number], lines[number][: match.start()]]).strip()
        rest_lines = [lines[number][match.start() :], *lines[number + 1 :]]
        rest = " ".join(rest_lines)
        represented = _REPRESENTED.search(rest)
        lead = ""
        # »… wird hiermit bekannt gemacht. Öffentlich-rechtliche Vereinbarung zur … zwischen
        # dem Landkreis A, vertreten durch …« (one paragraph): the title is the last sentence
        last = _SENTENCE_END.split(title)[-1]
        if last != title and len(last) <= 300 and _GLUED_AGREEMENT.search(last):
            lead, title = title[: len(title) - len(last)].strip(), last
        if _names_itself(title, lines[number][match.start() :], lines[number + 1 :]):
            # »Vereinbarung zwischen A, B und C über … vom …« as the block's first line, the
            # parties' own block (»Die Stadt A, vertreten durch …«) on the lines after it
            for part in ([*lines[:number], lines[number]], lines[number + 1 :]):
                result.append(
                    Block(block.kind, "\n".join(part), block.where, block.index, block.level,
                          block.bold, block.numbered, tuple(part))
                )  # fmt: skip
            continue
        if (
            not title
            or len(title) > 300
            or not _GLUED_AGREEMENT.search(title)
            or represented is None
            or re.search(r"\s(?:über|zur|zum|betreffend)\s", rest[: represented.start()])
        ):
            result.append(block)
            continue
        if lead:
            result.append(
                Block(block.kind, lead, block.where, block.index, block.level, block.bold,
                      block.numbered, (lead,))
            )  # fmt: skip
        for text, parts in ((title, (title,)), ("\n".join(rest_lines), tuple(rest_lines))):
            result.append(
                Block(block.kind, text, block.where, block.index, block.level, block.bold,
                      block.numbered, parts)
            )  # fmt: skip
    return result


def _names_itself(title: str, between: str, after: Sequence[str]) -> bool:
    """Whether a title line naming the parties (»Öffentlich-rechtliche Vereinbarung zwischen
    der Stadt A und dem Kreis B über …«) stands above the parties' own block: the line is the
    title alone (the kind and the subject after »über/zur/zum«, no »vertreten durch«) and the
    lines after it name a party with its representative."""
    return (
        bool(title)
        and len(title) <= 80
        and bool(_GLUED_AGREEMENT.search(title))
        and not _REPRESENTED.search(between)
        and bool(re.search(r"\s(?:über|zur|zum|betreffend)\s", between))
        and len(after) >= 2
        and bool(_REPRESENTED.search(" ".join(after)))
    )


# -- the whole document --------------------------------------------------------------------------


# a title line that ends with "zwischen": the parties follow in the next blocks
_TITLE_BETWEEN = re.compile(
    r"^(?:[A-ZÄÖÜ][\w-]*(?:e|er|es)\s+){0,2}(?:[A-ZÄÖÜ][\w-]*)?"
    r"(?:[Vv]ereinbarung|[Vv]ertrag|[Aa]bkommen)"
    r"\s+zwischen\s*:?$"
)


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
    if start is None:  # the title ends with it: "Zweckvereinbarung zwischen" / "der Stadt A, …"
        start = next(
            (
                i + 1
                for i, b in enumerate(blocks[:-1])
                if _TITLE_BETWEEN.match(" ".join(b.text.split())) and not is_wrapper(b)
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
            and (previous.kind == "heading" or previous.bold or names_party_above(previous))
            and not (SUBTITLE.match(previous.text) or is_section_heading(previous))
        ):
            start -= 1  # the name above "vertreten durch"
    end = start
    region: list[Block] = []
    for position in range(start, len(blocks)):
        block = blocks[position]
        if position > start and (PREAMBLE.match(block.text.strip()) or is_section_heading(block)):
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


def _strip_conclusion(block: Block) -> Block | None:
    """The block without a trailing "…, wird folgende Vereinbarung geschlossen:"."""
    match = re.search(
        r"\s*[,–-]?\s*(?:\bwird\b|\bwerden\b|\bschließen\b|\bvereinbaren\b)(?:\s+\S+){0,25}?\s+"
        r"(?:(?:folgende|nachstehende|nachfolgende|die\s+folgende)"
        r"(?:[nrs](?=\s+[\w-]*(?:vereinbarung|vertrag)\b))?"  # »folgender Änderungsvertrag«
        r"|folgendes(?=\s+(?:geregelt|vereinbart)\b))\b.*$",  # »wird … folgendes geregelt:«
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
