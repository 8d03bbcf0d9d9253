"""The lines of the parties block, grouped by party: where one party ends and the next begins.

Physical lines are rejoined where a phrase runs on (text from scans), then split into one chunk
per party at the connectors ("zwischen der", "und dem", "sowie die"), at a numbered list
("1. Stadt A"), at a new heading after a complete party, and inside running text ("…, und dem
Kreis B, vertreten durch …", also where »und« is missing after an address or before a name
with its own representation). A clause before a verb that comes first (»Dies vorausgeschickt,
treffen der Landkreis A …«) is no party. Each chunk keeps the article that introduced it, which
:mod:`vereinbarung.importing.parties` needs for the nominative ("dem Oberbergischen Kreis" →
"Oberbergischer Kreis").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from vereinbarung.importing.representatives import OFFICE
from vereinbarung.importing.text import Block

__all__ = ["HOUSE", "Line", "chunks", "is_connector", "lines"]

_CONNECTOR = re.compile(
    r"^(?:zwischen|und|sowie|,)?\s*(?:der|dem|den|die|des)?\s*[,:]?$", re.IGNORECASE
)
# »zwischen den Städten und Gemeinden« above a numbered list of the parties names no party
_PLURALS = r"(?:Städten|Gemeinden|Kreisen|Landkreisen|Ämtern|Märkten|Verbandsgemeinden)"
_LIST_HEAD = re.compile(rf"^zwischen\s+den\s+{_PLURALS}(?:\s+und\s+{_PLURALS})?\s*:?$")
_ENUMERATOR = re.compile(r"^(?:\d{1,2}[.)]|[a-h]\))\s+(?=\S)")
_ALIAS = re.compile(
    r"\s*[-–(]?\s*(?:nachfolgend|nachstehend|im\s+folgenden|im\s+weiteren|zusammen|"
    r"gemeinsam)\b[^\n]*?(?:genannt|bezeichnet|[„\"][^“\"]*[“\"](?:\s*(?:genannt|bezeichnet))?)"
    r"\s*[-–)]?",
    re.IGNORECASE,
)
_KIND_WORDS = (
    r"(?:Stadt|Gemeinde|Städteregion|Kreis|Landschaftsverband|Zweckverband|[A-ZÄÖÜ][\w-]*stadt|"
    r"[A-ZÄÖÜ][\w-]*(?:er|en)\s+Kreis|[A-ZÄÖÜ][\w-]*kreis\b)"
)
_STATUS = r"(?:(?:kreisfreien|kreisangehörigen|großen)\s+)?"  # »der kreisfreien Stadt A«
# the next party where »und« or a comma is missing (a name the site removed, a PDF's line
# break): after an address (»21423 (Luhe) der Landkreis B«, the address stays with the party
# before) or a name with a representation of its own (»… der Landkreis B, vertreten durch …«)
_AFTER_ADDRESS = (
    rf"|(?P<address>\b\d{{5}}\s+[^,;\n]{{1,40}}?)\s+(?P<art4>der|dem)\s+(?={_KIND_WORDS})"
    rf"|(?<=\S)\s+(?P<art5>der|dem)\s+(?={_KIND_WORDS}[^,;]{{1,60}},\s*vertreten\s+durch\b)"
)
_SPLIT_INLINE = re.compile(
    rf"[,;]?\s+(?:und|sowie)\s+(?P<art>der|dem)\s+(?={_STATUS}{_KIND_WORDS}|[A-ZÄÖÜ])"
    rf"|[,;]\s*(?P<art2>der|dem)\s+(?={_STATUS}{_KIND_WORDS})" + _AFTER_ADDRESS
)
_LEADING = re.compile(r"^(?:zwischen|und|sowie)?\s*(?P<art>der|dem|den|die|des)\s+(?=\S)", re.I)
HOUSE = r"\d{1,4}\s?[a-zA-Z]?(?:\s?[-–/]\s?\d{1,4}\s?[a-zA-Z]?)?"  # 2, 12a, 1-3, 4/6


def is_connector(text: str) -> bool:
    """Whether *text* only joins parties: "zwischen der", "der", "dem", "und der"."""
    return bool(text.strip()) and bool(_CONNECTOR.match(" ".join(text.split())))


@dataclass(frozen=True, slots=True)
class Line:
    """A line of the parties block; *strong*: a heading or bold line (a name)."""

    text: str
    block: Block
    strong: bool  # heading or bold: a name in the block layout


_ADDRESS_LINE = re.compile(rf"^(?:D\s?-\s?)?\d{{5}}\s|\s{HOUSE},?$|^Postfach\s")
_OPEN_END = re.compile(
    rf"(?:\b(?:Herrn|Herr|Frau|der|die|den|dem|des|durch|für|von|und|sowie|zugleich|handelnd)"
    rf"|{OFFICE}|,"
    # a PDF's line broken inside a party: »…; der kreisfreien« / »Stadt Cottbus, …«
    r"|\b(?:kreisfreien|kreisangehörigen)"
    r"|\b(?:der|dem|den|die)\s+(?:Stadt|Gemeinde|Landkreis|Kreis|Verbandsgemeinde|Samtgemeinde))$"
)


def _joined(lines: list[str]) -> list[str]:
    """Physical lines of a block, rejoined where a phrase runs on (text from scans):
    after "durch", "Herrn", an office or a comma, and before a line starting in lower case;
    never into or out of an address line."""
    joined: list[str] = []
    for line in lines:
        if (
            joined
            and not _ADDRESS_LINE.search(joined[-1])
            and not _ADDRESS_LINE.search(line)
            and not is_connector(line)
            and not is_connector(joined[-1])
            and not re.match(r"^(?:\d{1,2}[.)]|[a-h]\))\s", line)  # a numbered list of parties
            and (_OPEN_END.search(joined[-1]) or line[:1].islower())
        ):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def lines(blocks: Sequence[Block]) -> list[Line]:
    """The rejoined lines of *blocks*, each marked strong where its block is a heading or bold."""
    lines = []
    for block in blocks:
        strong = block.kind == "heading" or block.bold
        for line in _joined(block.physical_lines):
            lines.append(Line(line, block, strong))
    return lines


# »und die Stadt B«, and the subject's verb between the parties: »Die Stadt A, vertreten durch
# …, schließt (schließen) mit dem Kreis B, vertreten durch …«
_SPLIT_NOMINATIVE = re.compile(
    rf",?\s+(?:und|sowie)\s+(?P<art>die|der)\s+(?={_KIND_WORDS})"
    r"|,?\s*\b(?:schließ(?:en|t)|vereinbar(?:en|t))\s+mit\s+(?P<art3>der|dem|den)\s+(?=[A-ZÄÖÜ])"
    + _AFTER_ADDRESS
)
_VERB_WITH = re.compile(
    r"^(?:schließ(?:en|t)|vereinbar(?:en|t))(?:\s+mit)?\s*$|^mit\s+(?=(?:der|dem|den)\s)",
    re.IGNORECASE,
)
_SUBJECT = re.compile(rf"^(?:Die|Der|Das)\s+(?:{_KIND_WORDS}|Land|Landkreis|Markt|Amt)\b")
# a clause before the verb that comes first: »Dies vorausgeschickt, treffen der Landkreis A, …«,
# »Vor diesem Hintergrund schließen die Stadt A …«
_LEAD_IN = re.compile(
    rf"^[A-ZÄÖÜ][^,.;:]{{2,60}}?,?\s+(?:treffen|schließen|vereinbaren)\s+"
    rf"(?=(?:der|die|das)\s+(?:{_KIND_WORDS}|Land|Landkreis|Markt|Amt)\b)"
)


def _from_subject(lines: list[Line]) -> list[Line]:
    """The lines from the first party named as subject (»Die Stadt A,«) on: a running head
    or an Amtsblatt line above it is no party; nor is a clause before the verb that comes
    first (»Dies vorausgeschickt, treffen der Landkreis A …«)."""
    first = next((i for i, line in enumerate(lines) if _SUBJECT.match(line.text)), None)
    if first is not None:
        return lines[first:]
    lead_in = _LEAD_IN.match(lines[0].text) if lines else None
    if lead_in is None:
        return lines
    return [Line(lines[0].text[lead_in.end() :], lines[0].block, lines[0].strong), *lines[1:]]


def chunks(lines: list[Line], *, nominative: bool = False) -> list[tuple[str | None, list[Line]]]:
    """The lines of each party, with the article that introduced it.

    *nominative*: the parties are the subject ("Die Stadt A … und die Stadt B … schließen"),
    so "und die Stadt" also starts a party."""
    splitter = _SPLIT_NOMINATIVE if nominative else _SPLIT_INLINE
    chunks: list[tuple[str | None, list[Line]]] = []
    article: str | None = None
    current: list[Line] = []

    def flush() -> None:
        nonlocal current
        if current:
            chunks.append((article, current))
        current = []

    lines = _from_subject(lines) if nominative else lines
    for at, line in enumerate(lines):
        text = _ALIAS.sub("", line.text).strip()
        following = lines[at + 1].text if at + 1 < len(lines) else ""
        if _LIST_HEAD.match(text) and _ENUMERATOR.match(following):
            flush()
            article = None
            continue
        if nominative and (verb := _VERB_WITH.match(text)):
            flush()  # »schließen« / »mit dem Kreis B«: the next party begins
            article = None
            text = text[verb.end() :].strip()
        if not text:
            continue
        enumerator = _ENUMERATOR.match(text)
        if enumerator:  # "1. Stadt A, vertreten durch …": a numbered list of parties
            flush()
            article = None
            text = text[enumerator.end() :]
        if is_connector(text):
            flush()
            words = text.lower().replace(",", " ").split()
            article = next((w for w in words if w in ("der", "dem", "den", "die", "des")), None)
            continue
        lead = _LEADING.match(text)
        if lead and (current and not lead.group().lower().startswith("den ")):
            flush()
            article = lead.group("art")
            text = text[lead.end() :]
        elif lead and not current:
            article = lead.group("art")
            text = text[lead.end() :]
        elif line.strong and current and any(not c.strong for c in current):
            flush()  # a new heading after a complete party: the connector is missing
        # running text: "…, und dem Kreis B, vertreten durch …"
        pieces: list[tuple[str | None, str]] = []
        position = 0
        piece_article = None
        for match in splitter.finditer(text):
            cut = match.end("address") if match.group("address") else match.start()
            pieces.append((piece_article, text[position:cut]))
            piece_article = next(
                (
                    a
                    for a in (
                        match.groupdict().get(k) for k in ("art", "art2", "art3", "art4", "art5")
                    )
                    if a
                ),
                None,
            )
            position = match.end()
        pieces.append((piece_article, text[position:]))
        for number, (split_article, piece) in enumerate(pieces):
            if number > 0:
                flush()
                article = split_article
            if piece.strip(" ,"):
                current.append(Line(piece.strip(" ,"), line.block, line.strong))
    flush()
    return chunks
