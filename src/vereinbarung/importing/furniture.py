"""Page furniture removed before any field is read: page numbers, logos, hosting-site lines.

Text taken from PDFs and web pages carries lines that belong to the page, not to the agreement
(issue 22): »Seite 6«, »- 6 -«, »0/12«, »Titel Logo«, »Zurück zur vorigen Seite«, the header of
a document hosting site (»Total Page:16«, »File Type:pdf«, »Copied!«, »Größe: px«; on docplayer
the page's heading and download link above »Transkript«, but for a heading naming an agreement
that the transcript's table of contents repeats). Such lines become a
title, end up in a party name or split a sentence. :func:`drop_furniture` removes whole lines
of these kinds (and an upper-case »SEITE 6« inside a line); a block left empty is dropped.
Nothing else is changed: a line is furniture only if all of it matches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from vereinbarung.importing.text import Block

__all__ = ["drop_furniture", "is_furniture"]

_FURNITURE = re.compile(
    r"^(?:"
    r"(?:seite|page|blatt)\s*\d{1,4}(?:\s*(?:von|/|of)\s*\d{1,4})?"  # Seite 6, Seite 2 von 9
    r"|[-–]\s*\d{1,4}\s*[-–]"  # - 6 -
    r"|\d[\d ]{0,4}/\s*\d{1,4}"  # 0/12, 1 0/12
    r"|(?:titel\s+)?logo|werbung|dokumentansicht|zurück\s+zur\s+vorigen\s+seite"
    r"|total\s+page\s*:\s*\d+|file\s+type\s*:.*|copied!?|wird\s+geladen\W*(?:\(jetzt\s+volltext"
    r"\s+ansehen\))?|n/a|protected|academic\s+year\s*:\s*\d{4}|\d{2}\.\d{2}\.\d{4}\s+aufrufe"
    r"|\|"
    r"|größe\s*:\s*px|ab\s+seite\s+anzeigen\s*:?|transkript|download\s+[\"„“].*[\"“”]"  # docplayer
    r")$",
    re.IGNORECASE,
)
_INLINE_PAGE = re.compile(r"\s*\bSEITE\s+\d{1,4}\b\s*")
# HTML markup a web page's copy keeps (yumpu): »<strong>der</strong> Stadt A<br />«
_MARKUP = re.compile(r"</?(?:strong|b|i|em|u|span|br|p|div)(?:\s[^<>]{0,80})?\s*/?>", re.I)


def is_furniture(line: str) -> bool:
    """Whether the whole *line* is page furniture.

    >>> is_furniture("Seite 6 von 12"), is_furniture("Titel Logo"), is_furniture("§ 6 Laufzeit")
    (True, True, False)
    """
    return bool(_FURNITURE.match(" ".join(line.split())))


def _transcript_start(blocks: Sequence[Block]) -> int:
    """Where the text of a hosting site's transcript begins: after »Transkript« when a line
    »Download "…"« stands before it (the page's heading and the download link above are the
    site's, docplayer); 0 if there is none."""
    texts = [" ".join(b.text.split()) for b in blocks[:12]]
    for at, text in enumerate(texts):
        if text.lower() == "transkript" and any(
            re.match(r"^Download\s+[\"„“]", t) for t in texts[:at]
        ):
            return at + 1
    return 0


def _site_heading(blocks: Sequence[Block], start: int) -> list[Block]:
    """The heading the hosting site gives the document (its first line, repeated in »Download
    "…"«) as the first block, where it names an agreement and the transcript's opening repeats
    it in full inside a longer text (a table of contents: a transcript of the pages often
    begins with one, not with the title); not where the transcript's first line holds it (the
    title is read there) nor where only the site gives it."""
    texts = [" ".join(b.text.split()) for b in blocks[:start]]
    download = next((re.match(r"^Download\s+[\"„“](.+)[\"“”]$", t) for t in texts if
                     t.startswith("Download")), None)  # fmt: skip
    if not start or download is None or texts[0] != download.group(1):
        return []
    if not re.search(r"(?i)vereinbarung|vertrag|abkommen", texts[0]):
        return []
    first = " ".join(blocks[start].text.split()) if start < len(blocks) else ""
    if len(first) <= 200 and texts[0].casefold() in first.casefold():
        return []  # the transcript's first line holds it: the title is read there
    opening = " ".join(" ".join(b.text.split()) for b in blocks[start : start + 3])
    if texts[0].casefold() not in opening.casefold():
        return []  # only the site's word for it: the document's own text must repeat it
    return [blocks[0]]


def drop_furniture(blocks: Sequence[Block]) -> list[Block]:
    """*blocks* without furniture lines; a block of furniture only is left out; a hosting
    site's head above its »Transkript« is left out as well, but for the document's heading."""
    start = _transcript_start(blocks)
    kept: list[Block] = _site_heading(blocks, start)
    for block in blocks[start:]:
        lines = block.physical_lines
        lines = [" ".join(_MARKUP.sub("", line).split()) if "<" in line else line for line in lines]
        clean = [_INLINE_PAGE.sub(" ", line).strip() for line in lines if not is_furniture(line)]
        clean = [line for line in clean if line]
        if not clean:
            if block.kind == "rule":
                kept.append(block)
            continue
        if clean == block.physical_lines:
            kept.append(block)
            continue
        text = "\n".join(clean) if "\n" in block.text else " ".join(clean)
        kept.append(
            Block(block.kind, text, block.where, block.index, block.level, block.bold,
                  block.numbered, tuple(clean))
        )  # fmt: skip
    return kept
