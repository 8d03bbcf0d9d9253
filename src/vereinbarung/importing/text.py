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
* **Word**: :mod:`vereinbarung.importing.docx_text`; **PDF**: :mod:`vereinbarung.importing.pdf`
  (its text layer, read as text). :class:`Block` and :class:`ImportReadError` are defined in
  :mod:`vereinbarung.importing.blocks` and importable from here.

>>> [(b.kind, b.text) for b in read_markdown("# **Vertrag**\\n\\n- (1) Erster  \\nSatz\\n  - a) x")]
[('heading', 'Vertrag'), ('item', '(1) Erster\\nSatz'), ('item', 'a) x')]
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from pathlib import Path

from vereinbarung.importing.blocks import (
    IMPORT_SUFFIXES,
    RULE_LINE,
    Block,
    BlockKind,
    ImportReadError,
)
from vereinbarung.importing.docx_text import read_docx
from vereinbarung.importing.pdf import pdf_text, repair_glued
from vereinbarung.importing.plain_lines import mark_paragraphs

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


# -- Markdown and plain text ------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
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
        if RULE_LINE.match(content):
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
        if item and not RULE_LINE.match(content):
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
        text = mark_paragraphs(repair_glued(text))  # text copied out of a PDF or a web page
    return read_markdown(text), [note] if note else []
