"""Reading existing agreements into blocks: ``.docx``, ``.pdf``, ``.txt`` and ``.md``.

The importer (:mod:`vereinbarung.importing.importer`) does not care where a text came from; it reads a
list of :class:`Block` values in document order. Each block is one paragraph, heading, list
item, horizontal rule or table cell paragraph, with its markup removed and its place in the
file (``Zeile 88``, ``Absatz 45``, ``Tabelle 1, Zeile 2, Spalte 1``) for the provenance.

* **Markdown and text** (as the seed files are written): ATX headings ``#`` … ``######``,
  bold ``**…**``, emphasis only where it cannot be a gender star (``Partner*innen`` stays),
  backslash escapes (``\\*`` → ``*``), list items ``-``/``*``/``+`` with their depth (two
  spaces per level), hard line breaks (two trailing spaces or a backslash) kept as ``\\n``,
  soft line breaks joined with a space (a word hyphenated across a soft break is joined),
  ``---``/``___`` as rules, pipe tables cell by cell. A line starting with ``§ 3``, ``(2)`` or
  ``b)`` begins a new block even without a blank line before it, as in text from scans.
* **Word** (python-docx, imported on first use): paragraphs and tables in body order, nested
  tables included, merged cells read once; heading level from the paragraph style
  (``Heading 2``, ``Überschrift 2``, ``Title``), list depth from Word's numbering, bold if
  every visible run is bold, line breaks inside a paragraph kept as ``\\n``.

>>> [(b.kind, b.text) for b in read_markdown("# **Vertrag**\\n\\n- (1) Erster  \\nSatz\\n  - a) x")]
[('heading', 'Vertrag'), ('item', '(1) Erster\\nSatz'), ('item', 'a) x')]
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from vereinbarung.errors import VereinbarungError
from vereinbarung.importing.pdf import pdf_text, repair_glued

__all__ = [
    "IMPORT_SUFFIXES",
    "Block",
    "BlockKind",
    "ImportReadError",
    "check_source",
    "read_blocks",
    "read_docx",
    "read_markdown",
]

#: File endings ``vereinbarung import`` reads.
IMPORT_SUFFIXES = (".docx", ".pdf", ".txt", ".md")

BlockKind = Literal["heading", "text", "item", "rule"]


class ImportReadError(VereinbarungError):
    """A file to import cannot be read (missing, wrong kind, not a Word file, not text)."""

    default_message = "Die Datei kann nicht gelesen werden."


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of the source: kind, plain text, depth and where it stands.

    ``text`` has the markup removed; a hard line break is ``\\n``. ``level`` is the heading
    level (1–6) of a heading and the depth (0 = top) of a list item. ``numbered`` says that
    Word numbers the item itself (the number is not in the text). ``index`` counts the blocks
    from 0; ``where`` names the place for a person.
    """

    kind: BlockKind
    text: str
    where: str
    index: int = 0
    level: int = 0
    bold: bool = False
    numbered: bool = False
    raw_lines: tuple[str, ...] = ()

    @property
    def lines(self) -> list[str]:
        """The lines of the block (split at hard breaks), stripped, without empty ones."""
        return [line.strip() for line in self.text.split("\n") if line.strip()]

    @property
    def physical_lines(self) -> list[str]:
        """The lines as they stand in the file, soft line breaks included (markup removed)."""
        return [line for line in self.raw_lines if line] or self.lines


# -- Markdown and plain text ------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s*(?:(?:-\s*){3,}|(?:\*\s*){3,}|_{3,}|(?:_\s){3,}_?)\s*$")
_SETEXT_H1 = re.compile(r"^\s*={3,}\s*$")
_ITEM = re.compile(r"^(\s*)[-*+•–]\s+(.*)$")
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MONTHS = "Januar|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
# a line that begins a new block in text from scans: "§ 3", "(2)", "b)", "3. Die …"
_STARTS_BLOCK = re.compile(
    rf"^(?:§\s*\d|\(\d{{1,2}}\)\s|[a-z]{{1,2}}\)\s|\d{{1,2}}\.\s+(?!(?:{_MONTHS})\b)[A-ZÄÖÜ])"
)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~\"'])")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(?!_)(.+?)(?<!_)__")
# emphasis only between non-word characters: "Partner*innen" and "Teilnehmer*innen" stay
_EMPHASIS = re.compile(r"(?<![\w\\*])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![\w*])")
_UNDERSCORE_EMPHASIS = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_CODE = re.compile(r"`([^`]*)`")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SUSPENDED = {"und", "oder", "bzw.", "sowie", "bis"}


def _inline(text: str) -> tuple[str, bool]:
    """Markup removed from one line; whether the whole line was bold."""
    stripped = text.strip()
    bold = bool(
        (stripped.startswith("**") and stripped.endswith("**") and len(stripped) > 4)
        or (stripped.startswith("__") and stripped.endswith("__") and len(stripped) > 4)
    )
    # protect escapes, then remove bold, emphasis, links and code
    protected = _ESCAPE.sub(lambda m: f"\x00{ord(m.group(1))}\x01", text)
    protected = _BOLD.sub(lambda m: m.group(1) or m.group(2), protected)
    protected = _EMPHASIS.sub(r"\1", protected)
    protected = _UNDERSCORE_EMPHASIS.sub(r"\1", protected)
    protected = _LINK.sub(r"\1", protected)
    protected = _CODE.sub(r"\1", protected)
    plain = re.sub("\x00(\\d+)\x01", lambda m: chr(int(m.group(1))), protected)
    return plain, bold


@dataclass(slots=True)
class _Open:
    """A block being collected line by line."""

    kind: BlockKind
    line: int
    level: int
    parts: list[str]
    breaks: list[bool]  # breaks[i]: hard break between parts[i] and parts[i + 1]
    bold: bool

    def text(self) -> str:
        out = self.parts[0] if self.parts else ""
        for part, hard in zip(self.parts[1:], self.breaks, strict=False):
            if hard:
                out = out.rstrip() + "\n" + part
            elif re.search(r"[A-Za-zÄÖÜäöüß]-$", out) and part[:1].islower():
                first = part.split(" ", 1)[0]
                out = out + " " + part if first in _SUSPENDED else out[:-1] + part
            elif out.endswith("-") and part[:1].isupper():
                out = out + part  # "Rhein-Kreis-" + "Neuss"
            else:
                out = out.rstrip() + " " + part
        return out


def _heading_line(parts: list[str]) -> bool:
    """Whether the block so far is one short line without closing punctuation, as a heading
    in text from scans is ("§ 3 Kosten", "Präambel")."""
    if len(parts) != 1:
        return False
    line = parts[0].strip()
    return (
        0 < len(line) <= 60
        and not re.search(r"[.,;:–\-]$", line)
        and bool(re.match(r"[A-ZÄÖÜ§]", line))
    )


def _hard_break(raw: str) -> bool:
    return raw.endswith("  ") or raw.endswith("\\") or raw.endswith("\t")


def read_markdown(text: str) -> list[Block]:
    """The blocks of a Markdown or plain text, in order (see the module description)."""
    blocks: list[Block] = []
    current: _Open | None = None
    hard_before = False

    def close() -> None:
        nonlocal current
        if current is not None and current.parts:
            plain = current.text().strip()
            if plain:
                blocks.append(
                    Block(
                        kind=current.kind,
                        text=plain,
                        where=f"Zeile {current.line}",
                        index=len(blocks),
                        level=current.level,
                        bold=current.bold,
                        raw_lines=tuple(part.strip() for part in current.parts),
                    )
                )
        current = None

    text = _HTML_COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)
    for number, raw_line in enumerate(text.splitlines(), start=1):
        raw = raw_line.replace("\u00a0", " ").rstrip("\r")
        stripped = raw.strip()
        if not stripped:
            close()
            hard_before = False
            continue
        hard = _hard_break(raw)
        content = raw.rstrip().removesuffix("\\").rstrip() if hard else raw.rstrip()
        heading = _HEADING.match(content)
        if heading:
            close()
            plain, bold = _inline(heading.group(2))
            if plain.strip():
                blocks.append(
                    Block("heading", plain.strip(), f"Zeile {number}", len(blocks),
                          level=len(heading.group(1)), bold=bold)
                )  # fmt: skip
            hard_before = False
            continue
        if _SETEXT_H1.match(content) and current is not None and current.kind == "text":
            current.kind, current.level = "heading", 1
            close()
            continue
        if _RULE.match(content):
            close()
            blocks.append(Block("rule", stripped, f"Zeile {number}", len(blocks)))
            hard_before = False
            continue
        if _TABLE_ROW.match(content):
            close()
            if not _TABLE_SEPARATOR.match(content):
                for column, cell in enumerate(_TABLE_ROW.match(content).group(1).split("|"), 1):  # type: ignore[union-attr]
                    plain, bold = _inline(cell.replace("<br>", "\n").replace("<br/>", "\n"))
                    if plain.strip():
                        blocks.append(
                            Block("text", plain.strip(), f"Zeile {number}, Spalte {column}",
                                  len(blocks), bold=bold)
                        )  # fmt: skip
            hard_before = False
            continue
        item = _ITEM.match(content)
        if item and not _RULE.match(content):
            close()
            indent = len(item.group(1).expandtabs(4))
            plain, bold = _inline(item.group(2))
            current = _Open("item", number, indent // 2, [plain.strip()], [], bold)
            hard_before = hard
            continue
        plain, bold = _inline(content)
        if (
            current is not None
            and not hard_before
            and current.kind == "text"
            and _heading_line(current.parts)
            and re.match(r"[A-ZÄÖÜ\d(„§]", plain.strip())
        ):
            close()  # "§ 1 Gegenstand" or "Präambel" on a line of its own, text below
        if current is not None and (hard_before or not _STARTS_BLOCK.match(stripped)):
            current.parts.append(plain.strip())
            current.breaks.append(hard_before)
            current.bold = current.bold and bold
        else:
            close()
            current = _Open("text", number, 0, [plain.strip()], [], bold)
        hard_before = hard
    close()
    return blocks


# -- Word ---------------------------------------------------------------------------------------

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

    check_docx(path)  # size and ratio of the zip entries before anything is unpacked
    try:
        document = docx.Document(os.fspath(path))
    except PermissionError as exc:
        raise ImportReadError(f"{path}: kann nicht gelesen werden ({exc.strerror}).") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError,
            OSError) as exc:  # fmt: skip
        raise ImportReadError(
            f"{path}: keine lesbare Word-Datei (.docx): {exc.__class__.__name__}."
        ) from None
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
        elif _RULE.match(text):
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


# -- files --------------------------------------------------------------------------------------


def _decode(data: bytes, name: str) -> tuple[str, str | None]:
    """The text of *data* and, if it was not UTF-8, a note naming the encoding used."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError as exc:
                raise ImportReadError(
                    f"{name}: kein gültiger Text in {encoding.upper()} (Byte {exc.start})."
                ) from None
    if b"\x00" in data[:4096]:
        raise ImportReadError(f"{name}: ist keine Textdatei (enthält Binärdaten).")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), (
            "Die Datei ist nicht UTF-8-kodiert und wurde als Windows-1252 gelesen; "
            "Umlaute bitte prüfen."
        )


def check_source(file: Path, name: str | None = None) -> None:
    """Raise :class:`ImportReadError` unless *file* is an existing .docx, .txt or .md file."""
    name = name or str(file)
    suffix = file.suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        hints = {
            ".doc": " Bitte in Word als .docx speichern.",
            ".odt": " Bitte als .docx speichern.",
            ".rtf": " Bitte als .docx speichern.",
        }
        raise ImportReadError(
            f"{name}: Dateien mit der Endung »{file.suffix or '(keine)'}« werden nicht "
            f"gelesen (erlaubt: {', '.join(IMPORT_SUFFIXES)}).{hints.get(suffix, '')}"
        )
    if not file.exists():
        raise ImportReadError(f"{name}: Datei nicht gefunden.")
    if file.is_dir():
        raise ImportReadError(f"{name}: ist ein Ordner, keine Datei.")


def read_blocks(path: str | os.PathLike[str]) -> tuple[list[Block], list[str]]:
    """The blocks of the file at *path* (``.docx``, ``.pdf``, ``.txt``, ``.md``) and reading
    notes (a PDF's text layer via :mod:`vereinbarung.importing.pdf`).

    Raises :class:`ImportReadError` (German, naming the file) if the file is missing, of
    another kind, or unreadable.
    """
    file = Path(path)
    name = str(file)
    check_source(file, name)
    suffix = file.suffix.lower()
    if suffix == ".docx":
        return read_docx(file), []
    if suffix == ".pdf":
        return read_markdown(pdf_text(file, name)), [
            "Text aus PDF gelesen: Absätze und Überschriften aus dem Seitenbild erschlossen; "
            "bitte Gliederung prüfen."
        ]
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ImportReadError(f"{name}: kann nicht gelesen werden ({exc.strerror}).") from None
    text, note = _decode(data, name)
    if suffix == ".txt":
        text = repair_glued(text)  # text copied out of a PDF
    return read_markdown(text), [note] if note else []
