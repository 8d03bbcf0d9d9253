"""Reading a Word file (``.docx``) into blocks, with python-docx (imported on first use).

Paragraphs and tables in body order, nested tables included, merged cells read once; heading
level from the paragraph style (``Heading 2``, ``Überschrift 2``, ``Title``), list depth from
Word's numbering, bold if every visible run is bold, line breaks inside a paragraph kept as
``\\n``; a paragraph written as a Markdown heading (»## § 3«, text pasted from a Markdown source)
is a heading of that level, as in a Markdown file. The archive is checked before python-docx unpacks it
(:func:`vereinbarung.files.archive.check_docx`: number of entries, and the size and ratio of
each entry, counted while inflating, never taken from the zip directory); a file that is no
Word file or is damaged is an :class:`ImportReadError`, whatever python-docx raises for it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from vereinbarung.importing.blocks import RULE_LINE, Block, ImportReadError

__all__ = ["read_docx"]

# a paragraph written as a Markdown heading (text copied from a Markdown export, a wiki or a
# law collection's download): the hashes give the level, as in a Markdown file
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(\S.*)$", re.DOTALL)
_STYLE_LEVEL = re.compile(r"(?:heading|überschrift|ueberschrift)\s*(\d)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _StyleInfo:
    """What a paragraph style says: heading level, list numbering, bold."""

    heading: int
    num_id: str | None
    level: int | None
    list_kind: str | None  # "bullet"/"decimal" for list styles without numbering
    bold: bool


class _Styles:
    """The styles and numbering of one Word file, looked up once (python-docx's own lookup of
    a paragraph's style walks all styles each time, which made a 30-page file take seconds)."""

    def __init__(self, document: Any) -> None:
        from docx.oxml.ns import qn

        self._qn = qn
        root = document.styles.element
        self._styles = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
        self._default = next(
            (
                s.get(qn("w:styleId"))
                for s in root.findall(qn("w:style"))
                if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true")
            ),
            None,
        )
        self._cache: dict[str | None, _StyleInfo] = {}
        self._formats: dict[tuple[str, int], str | None] = {}
        try:
            numbering = document.part.numbering_part.element
        except (AttributeError, KeyError, NotImplementedError):
            numbering = None
        abstract: dict[str, dict[int, str | None]] = {}
        if numbering is not None:
            for definition in numbering.findall(qn("w:abstractNum")):
                levels: dict[int, str | None] = {}
                for lvl in definition.findall(qn("w:lvl")):
                    fmt = lvl.find(qn("w:numFmt"))
                    levels[int(lvl.get(qn("w:ilvl")) or 0)] = (
                        fmt.get(qn("w:val")) if fmt is not None else None
                    )
                abstract[definition.get(qn("w:abstractNumId")) or ""] = levels
            for num in numbering.findall(qn("w:num")):
                link = num.find(qn("w:abstractNumId"))
                levels = abstract.get(link.get(qn("w:val")) or "", {}) if link is not None else {}
                for level, fmt in levels.items():
                    self._formats[(num.get(qn("w:numId")) or "", level)] = fmt

    def number_format(self, num_id: str, level: int) -> str | None:
        """Word's number format (``decimal``, ``lowerLetter``, ``bullet`` …) of a list level."""
        return self._formats.get((num_id, level))

    def info(self, style_id: str | None) -> _StyleInfo:
        """The style *style_id* (None: the default paragraph style) with what it inherits."""
        if style_id not in self._cache:
            self._cache[style_id] = self._resolve(style_id)
        return self._cache[style_id]

    def _resolve(self, style_id: str | None) -> _StyleInfo:
        qn = self._qn
        heading, num_id, level, list_kind, bold = 0, None, None, None, None
        current = style_id if style_id is not None else self._default
        for _ in range(10):
            style = self._styles.get(current) if current is not None else None
            if style is None:
                break
            name_element = style.find(qn("w:name"))
            name = (name_element.get(qn("w:val")) if name_element is not None else "") or ""
            lowered = name.lower()
            if not heading:
                if lowered in ("title", "titel"):
                    heading = 1
                elif lowered in ("subtitle", "untertitel"):
                    heading = 2
                elif match := _STYLE_LEVEL.search(name):
                    heading = int(match.group(1))
            digits = re.findall(r"\d", name)
            if list_kind is None and lowered.startswith(("list bullet", "aufzählungszeichen")):
                list_kind = "bullet"
            elif list_kind is None and lowered.startswith(("list number", "listennummer")):
                list_kind = "decimal"
            if list_kind is not None and level is None and digits:
                level = int(digits[-1]) - 1
            ppr = style.find(qn("w:pPr"))
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            if num_id is None and num_pr is not None:
                found = num_pr.find(qn("w:numId"))
                num_id = found.get(qn("w:val")) if found is not None else None
                ilvl = num_pr.find(qn("w:ilvl"))
                if ilvl is not None:
                    level = int(ilvl.get(qn("w:val")) or 0)
            rpr = style.find(qn("w:rPr"))
            b = rpr.find(qn("w:b")) if rpr is not None else None
            if bold is None and b is not None:
                bold = b.get(qn("w:val")) not in ("0", "false")
            based = style.find(qn("w:basedOn"))
            current = based.get(qn("w:val")) if based is not None else None
        return _StyleInfo(heading, num_id, level, list_kind, bool(bold))


def _list_info(paragraph: Any, info: _StyleInfo, styles: _Styles) -> tuple[int, str | None] | None:
    """Word's list level and number format of the paragraph; None if it is no list paragraph."""
    qn = styles._qn
    ppr = paragraph._p.pPr
    num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
    num_id, level = info.num_id, info.level
    if num_pr is not None:
        found = num_pr.find(qn("w:numId"))
        if found is not None:
            num_id = found.get(qn("w:val"))
        ilvl = num_pr.find(qn("w:ilvl"))
        if ilvl is not None:
            level = int(ilvl.get(qn("w:val")) or 0)
    if num_id is not None:
        if num_id == "0":
            return None  # numbering switched off
        depth = level or 0
        return depth, styles.number_format(num_id, depth) or info.list_kind
    if info.list_kind is not None:
        return level or 0, info.list_kind
    return None


def _is_bold(paragraph: Any, info: _StyleInfo) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs:
        return False
    return all(r.bold if r.bold is not None else info.bold for r in runs)


def _docx_text(paragraph: Any) -> str:
    text: str = paragraph.text
    text = text.replace("\u00a0", " ").replace("\t", " ").replace("\r", "\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def read_docx(path: str | os.PathLike[str]) -> list[Block]:
    """The blocks of a Word file (paragraphs and tables in body order)."""
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - python-docx comes with docxtpl
        raise ImportReadError(
            f"{path}: zum Lesen von Word-Dateien fehlt das Paket python-docx."
        ) from None
    import zipfile

    from lxml.etree import XMLSyntaxError  # type: ignore[import-untyped]

    from vereinbarung.files.archive import check_docx

    check_docx(path)  # what the zip entries really unpack to, counted before python-docx reads
    try:
        document = docx.Document(os.fspath(path))
    except PermissionError as exc:
        raise ImportReadError(f"{path}: kann nicht gelesen werden ({exc.strerror}).") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError,
            OSError) as exc:  # fmt: skip
        raise ImportReadError(
            f"{path}: keine lesbare Word-Datei (.docx): {exc.__class__.__name__}."
        ) from None
    except MemoryError:
        raise  # the limiter of the child process says it in German
    except Exception as exc:  # zlib.error, NotImplementedError … of a damaged file
        raise ImportReadError(_damaged(path, exc)) from None
    try:
        return _blocks(document)
    except MemoryError:
        raise
    except Exception as exc:  # a damaged part python-docx reads only when it is walked
        raise ImportReadError(_damaged(path, exc)) from None


def _damaged(path: str | os.PathLike[str], exc: BaseException) -> str:
    return (
        f"{path}: keine lesbare Word-Datei (.docx), sie ist beschädigt "
        f"({exc.__class__.__name__}); in Word öffnen und neu speichern."
    )


def _blocks(document: Any) -> list[Block]:
    """Paragraphs and tables of *document* as blocks, in body order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    styles = _Styles(document)
    blocks: list[Block] = []
    counters = {"paragraph": 0, "table": 0}

    def add_paragraph(paragraph: Paragraph, where: str) -> None:
        text = _docx_text(paragraph)
        if not text:
            return
        info = styles.info(paragraph._p.style)
        level = info.heading
        marked = _MARKDOWN_HEADING.match(text) if not level else None
        if marked:  # text pasted from a Markdown source: »## § 3« is a heading of level 2
            level, text = len(marked.group(1)), marked.group(2)
        listed = _list_info(paragraph, info, styles) if not level else None
        bold = _is_bold(paragraph, info)
        if level:
            blocks.append(Block("heading", text, where, len(blocks), level=level, bold=bold))
        elif listed is not None:
            depth, fmt = listed
            letters = fmt is not None and "letter" in fmt.lower()
            blocks.append(
                Block("item", text, where, len(blocks), level=max(depth, 1) if letters else depth,
                      bold=bold, numbered=fmt is not None and fmt not in ("bullet", "none"))
            )  # fmt: skip
        elif RULE_LINE.match(text):
            blocks.append(Block("rule", text, where, len(blocks)))
        else:
            blocks.append(Block("text", text, where, len(blocks), bold=bold))

    def add_table(table: Table, label: str) -> None:
        for row_number, row in enumerate(table.rows, start=1):
            seen: set[int] = set()
            for column, cell in enumerate(row.cells, start=1):
                if id(cell._tc) in seen:
                    continue  # a merged cell appears once per grid column
                seen.add(id(cell._tc))
                where = f"{label}, Zeile {row_number}, Spalte {column}"
                nested = 0
                for content in cell.iter_inner_content():
                    if isinstance(content, Paragraph):
                        add_paragraph(content, where)
                    else:
                        nested += 1
                        add_table(content, f"{where}, Tabelle {nested}")

    for content in document.iter_inner_content():
        if isinstance(content, Paragraph):
            counters["paragraph"] += 1
            add_paragraph(content, f"Absatz {counters['paragraph']}")
        else:
            counters["table"] += 1
            add_table(content, f"Tabelle {counters['table']}")
    return blocks
