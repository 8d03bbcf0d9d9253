"""Where in a .docx a template error sits, and what it says, in German.

Jinja reports errors by the line of the XML it compiled (docxtpl puts each paragraph on a
line of its own). :func:`paragraph_places` names every paragraph the way a person finds it in
Word, "Absatz 12" or "Tabelle 1, Zeile 2, Spalte 3", with its text; :func:`prepare_for_check`
marks the paragraphs in the compiled source, and :func:`place_of_line` leads a line number
back to its paragraph (by the markers, or else by the paragraph's text). :func:`german_message`
translates Jinja's messages.

>>> str(Place("", "Absatz 3", "{{ party.nmae }}"))
'Absatz 3 (»{{ party.nmae }}«)'
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError
from jinja2.exceptions import SecurityError

from vereinbarung.errors import VereinbarungError

__all__ = [
    "DocumentTemplateError",
    "Place",
    "german_message",
    "german_template_error",
    "paragraph_places",
    "place_of_line",
    "prepare_for_check",
    "template_lineno",
]

#: An lxml element of a Word part (lxml ships no type information).
_Element = Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DocumentTemplateError(VereinbarungError):
    """A template cannot be rendered: the message names the template, the place and the cause."""

    default_message = "Die Vorlage kann nicht verwendet werden."


# -- places in the document -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Place:
    """Where a paragraph is: part ("" for the main text), position, and its visible text."""

    part: str
    where: str
    text: str

    def __str__(self) -> str:
        excerpt = " ".join(self.text.split())
        if len(excerpt) > 70:
            excerpt = excerpt[:69] + "…"
        prefix = f"{self.part}, " if self.part else ""
        shown = f" (»{excerpt}«)" if excerpt else " (leer)"
        return f"{prefix}{self.where}{shown}"


def _visible_text(paragraph: _Element) -> str:
    parts: list[str] = []
    for element in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        owner = element.getparent()
        while owner is not None and owner.tag != f"{W}p":
            owner = owner.getparent()
        if owner is not paragraph:
            continue  # in a text box inside this paragraph: a paragraph of its own
        if element.tag == f"{W}t":
            parts.append(element.text or "")
        elif element.tag == f"{W}tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def paragraph_places(root: _Element, part: str = "") -> list[Place]:
    """Every paragraph under *root* (a document body, header or footer) in document order."""
    tables = list(root.iter(f"{W}tbl"))  # kept alive: lxml then hands out the same proxies
    places = []
    number = 0
    for paragraph in root.iter(f"{W}p"):
        cell = paragraph.getparent()
        while cell is not None and cell.tag not in (f"{W}tc", f"{W}body", f"{W}txbxContent"):
            cell = cell.getparent()
        if cell is not None and cell.tag == f"{W}tc":
            row = cell.getparent()
            table = row.getparent() if row is not None else None
            if row is None or table is None:
                where = "Tabelle"
            else:
                rows = table.findall(f"{W}tr")
                cells = row.findall(f"{W}tc")
                where = (
                    f"Tabelle {next(i for i, t in enumerate(tables, 1) if t is table)}, "
                    f"Zeile {rows.index(row) + 1}, "
                    f"Spalte {cells.index(cell) + 1}"
                )
                in_cell = cell.findall(f"{W}p")
                if len(in_cell) > 1 and paragraph in in_cell:
                    where += f", Absatz {in_cell.index(paragraph) + 1}"
        else:
            number += 1
            where = f"Absatz {number}"
        places.append(Place(part, where, _visible_text(paragraph)))
    return places


_MARKER = "<!--@{}-->"
_MARKER_RE = re.compile(r"<!--@(\d+)-->")
_PARAGRAPH_START = re.compile(r"<w:p([ >])")


def prepare_for_check(xml: str, patch: Callable[[str], str]) -> str:
    """The source Jinja sees for the part *xml*, as docxtpl prepares it (*patch*), with a marker
    before every paragraph so that a line number leads back to its paragraph."""
    counter = itertools.count()
    marked = _PARAGRAPH_START.sub(
        lambda m: _MARKER.format(next(counter)) + "\n<w:p" + m.group(1), xml
    )
    return _PARAGRAPH_START.sub(r"\n<w:p\1", patch(marked))


_XML_TAG = re.compile(r"<[^>]*>")
_STRAIGHT = str.maketrans(dict.fromkeys("„“”", '"') | dict.fromkeys("‚‘’", "'"))


def _plain(text: str) -> str:
    return " ".join(_XML_TAG.sub("", text).translate(_STRAIGHT).split())


def place_of_line(source: str, lineno: int, places: Sequence[Place]) -> Place | None:
    """The paragraph that line *lineno* of *source* belongs to.

    With markers (:func:`prepare_for_check`): the last marker before the line. Without: the
    paragraph whose text is the line's text.
    """
    if not places or lineno < 1:
        return None
    lines = source.split("\n")
    if lineno > len(lines):
        return None
    start = sum(len(line) + 1 for line in lines[: lineno - 1])
    markers = [(m.start(), int(m.group(1))) for m in _MARKER_RE.finditer(source)]
    if markers:
        before = [index for offset, index in markers if offset < start]
        if before and before[-1] < len(places):
            return places[before[-1]]
        return places[0]
    text = _plain(lines[lineno - 1])
    if not text:
        return None
    texts = [_plain(p.text) for p in places]
    for candidate, place in zip(texts, places, strict=True):
        if candidate == text:
            return place
    for candidate, place in zip(texts, places, strict=True):
        if candidate and (text in candidate or candidate in text):
            return place
    ratios = [difflib.SequenceMatcher(None, text, c).ratio() for c in texts]
    best = max(range(len(places)), key=ratios.__getitem__)
    return places[best] if ratios[best] >= 0.6 else None


def template_lineno(exc: BaseException) -> int | None:
    """The template line where a runtime error was raised (from Jinja's rewritten traceback)."""
    if isinstance(exc, TemplateSyntaxError):
        return exc.lineno
    lineno = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            lineno = tb.tb_lineno
        tb = tb.tb_next
    return lineno


_SYNTAX_MESSAGES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"unexpected end of template.*innermost block that needs to be closed is '(\w+)'", re.S | re.I),
        lambda m: f"der Block »{m.group(1)}« wird nicht geschlossen (es fehlt {{% end{m.group(1)} %}})",
    ),
    (
        re.compile(r"Encountered unknown tag '(\w+)'.*innermost block that needs to be closed is '(\w+)'", re.S),
        lambda m: f"»{m.group(1)}« passt hier nicht; offen ist der Block »{m.group(2)}«",
    ),
    (
        re.compile(r"Encountered unknown tag '(\w+)'"),
        lambda m: (
            f"unbekannter Befehl »{m.group(1)}«"
            + (" ({%tr … %} steht nur in einer Tabellenzeile, {%tc … %} nur in einer Tabellenzelle)"
               if m.group(1) in ("tr", "tc") else "")
        ),
    ),
    (
        re.compile(r"unexpected char '(.)'"),
        lambda m: f"unerlaubtes Zeichen »{m.group(1)}« in einem Tag"
        + (" (typografisches Anführungszeichen: durch \" ersetzen)" if m.group(1) in "„“”‚‘’" else ""),
    ),
    (re.compile(r"unexpected '(.+?)'"), lambda m: f"unerwartetes »{m.group(1)}«"),
    (
        re.compile(r"expected token '(.+?)', got '(.+?)'"),
        lambda m: f"erwartet wurde »{m.group(1)}«, gefunden »{m.group(2)}«",
    ),
    (re.compile(r"No filter named '(\w+)'"), lambda m: _unknown_filter(m.group(1))),
    (re.compile(r"No test named '(\w+)'"), lambda m: f"unbekannter Test »{m.group(1)}«"),
)  # fmt: skip


def _unknown_filter(name: str) -> str:
    from vereinbarung.documents.filters import FILTERS

    return f"unbekannter Filter »{name}« (deutsche Filter: {', '.join(FILTERS)})"


def german_message(exc: TemplateError) -> str:
    """A German message for a Jinja error."""
    message = exc.message or ""
    if isinstance(exc, TemplateSyntaxError) or "No filter named" in message:
        for pattern, build in _SYNTAX_MESSAGES:
            match = pattern.search(message)
            if match:
                return f"Syntaxfehler: {build(match)}"
        return f"Syntaxfehler: {message}"
    if isinstance(exc, SecurityError) and message.startswith("access to attribute"):
        return "die Vorlage versucht, Python-Interna zu erreichen; das ist nicht erlaubt"
    return message


def german_template_error(
    exc: TemplateError,
    *,
    template: str,
    source: str | None,
    places: Sequence[Place],
    part: str = "",
    path: str | None = None,
) -> DocumentTemplateError:
    """*exc* as a German error naming the template and the paragraph it happened in."""
    lineno = template_lineno(exc)
    place = place_of_line(source, lineno, places) if source and lineno else None
    where = f", {place}" if place else (f", {part}" if part else "")
    hint = ""
    if not isinstance(exc, TemplateSyntaxError):
        hint = f" Prüfen mit: vereinbarung template-check {path or template}"
    message = german_message(exc).rstrip(".")
    return DocumentTemplateError(f"Vorlage {template}{where}: {message}.{hint}")
