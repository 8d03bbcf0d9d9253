"""Text from PDF files, and the repair of text that PDF extraction runs together.

Most agreements are published as PDF (Amtsblatt, council documents). The text layer is read
with pypdf (maintained, pure Python, BSD licence; https://pypdf.readthedocs.io). What a text
layer does not give is restored as far as it can be without guessing:

* running heads and page numbers ("Seite 2 von 5", "- 3 -", a line repeated at the top or foot
  of most pages) are removed;
* a word hyphenated at the end of a line is joined ("Verein-" / "barung" → "Vereinbarung"); a
  hyphen before a capital stays ("Rhein-" / "Kreis" → "Rhein-Kreis");
* paragraphs are the lines up to one that ends a sentence or is clearly shorter than the full
  lines of the page; blank lines are put between them so that the text reader
  (:mod:`vereinbarung.importing.text`) sees paragraphs;
* two blocks side by side (a two-column Vertragskopf) are read column by column
  (:mod:`vereinbarung.importing.pdf_columns`);
* :func:`repair_glued` separates headings and paragraph numbers that extraction glues to the
  text ("§ 7Laufzeit, Kündigung(1) Die Zweckvereinbarung …"); it is used for ``.txt`` files too
  (text copied out of a PDF).

A PDF without a text layer (a scan) is refused with the advice to run OCR first (OCRmyPDF,
https://ocrmypdf.readthedocs.io); nothing is guessed from images. Input is bounded: file size,
number of pages, reading time and what one stream inflates to (:data:`MAX_PDF_BYTES`,
:data:`MAX_PDF_PAGES`, :data:`MAX_PDF_SECONDS`, :data:`MAX_PDF_STREAM_BYTES`), each with a
German error; the whole import runs in a child process
with a time and a memory limit (:func:`vereinbarung.importing.importer.import_agreement`). A
damaged file is refused in German whatever pypdf raises for it (``NotImplementedError`` for a
garbled filter name, ``zlib.error`` … as well as its own ``PdfReadError``).
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
import warnings
from collections import Counter
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from vereinbarung.errors import VereinbarungError
from vereinbarung.importing.pdf_columns import split_columns

__all__ = [
    "MAX_PDF_BYTES",
    "MAX_PDF_PAGES",
    "MAX_PDF_SECONDS",
    "MAX_PDF_STREAM_BYTES",
    "PdfReadError",
    "pdf_text",
    "repair_glued",
]

#: Largest PDF read (bytes): published agreements are far smaller.
MAX_PDF_BYTES = 20 * 1024 * 1024
#: Most pages read.
MAX_PDF_PAGES = 200
#: Most bytes one stream (a page's content) may inflate to; a page of text has a few KB.
MAX_PDF_STREAM_BYTES = 16 * 1024 * 1024
#: Longest time spent extracting text (seconds).
MAX_PDF_SECONDS = 30.0
_MIN_CHARS_PER_PAGE = 40


class PdfReadError(VereinbarungError):
    """A PDF cannot be imported (damaged, encrypted, too large, or without a text layer)."""

    default_message = "Die PDF-Datei kann nicht gelesen werden."


_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–]\s*\d{1,3}\s*[-–]|seite\s+\d{1,3}(?:\s*(?:von|/)\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3}"
    r"|\d{1,3})\s*$",
    re.IGNORECASE,
)


def pdf_text(path: Path, name: str | None = None) -> str:
    """The text of the PDF at *path*, with paragraphs separated by blank lines.

    Raises :class:`PdfReadError` for a file that is too large, damaged, encrypted, has too many
    pages, takes too long, or has no text layer (then OCR is needed).
    """
    name = name or str(path)
    size = path.stat().st_size
    if size > MAX_PDF_BYTES:
        raise PdfReadError(
            f"{name}: die PDF-Datei ist zu groß ({size // (1024 * 1024)} MB; höchstens "
            f"{MAX_PDF_BYTES // (1024 * 1024)} MB)."
        )
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError as PypdfError

    started = time.monotonic()
    quiet = logging.getLogger("pypdf")  # its English notes about damaged files are not shown
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings(), _stream_limits():
            warnings.simplefilter("ignore")
            pages = _pages(PdfReader(path), name, started)
    except (PdfReadError, MemoryError):
        raise  # MemoryError: the limiter of the child process says it in German
    except (PypdfError, ValueError, KeyError, TypeError, OSError):
        raise PdfReadError(
            f"{name}: keine lesbare PDF-Datei, sie ist unvollständig oder beschädigt; bitte aus "
            "dem Ursprungsprogramm neu als PDF speichern."
        ) from None
    except Exception as exc:  # a damaged file reaches pypdf's internals in many ways
        if type(exc).__name__ == "LimitReachedError":  # pypdf's bounds (_stream_limits)
            raise PdfReadError(
                f"{name}: ein Teil der PDF-Datei wäre entpackt größer als "
                f"{MAX_PDF_STREAM_BYTES // 1024**2} MB (so groß ist kein Seiteninhalt); "
                "nicht gelesen."
            ) from None
        raise PdfReadError(
            f"{name}: keine lesbare PDF-Datei, sie ist beschädigt; bitte aus dem "
            "Ursprungsprogramm neu als PDF speichern."
        ) from None
    finally:
        quiet.setLevel(level)
    characters = sum(len("".join(line.split())) for page in pages for line in page)
    if characters < _MIN_CHARS_PER_PAGE * max(1, len(pages)):
        raise PdfReadError(
            f"{name}: die PDF-Datei enthält keinen (oder kaum) Text, vermutlich ein Scan. Bitte "
            "zuerst eine Texterkennung (OCR) durchführen, z. B. mit OCRmyPDF: »ocrmypdf -l deu "
            f"{path.name} mit-text.pdf«, und dann die neue Datei importieren."
        )
    return repair_glued(_paragraphs(_without_running_heads(pages)))


def _stream_limits() -> AbstractContextManager[object]:
    """pypdf's bounds on inflating one stream lowered to :data:`MAX_PDF_STREAM_BYTES` (pypdf 6.4
    and later; its default is 75 MB, and a page of ten such streams took 34 s)."""
    try:
        from pypdf import apply_configuration  # type: ignore[attr-defined,unused-ignore]
    except ImportError:  # pragma: no cover - older pypdf: its own default bounds
        return contextlib.nullcontext()
    limit = MAX_PDF_STREAM_BYTES
    return apply_configuration(  # type: ignore[no-any-return,unused-ignore]
        zlib_maximum_output_length=limit,
        lzw_maximum_output_length=limit,
        run_length_maximum_output_length=limit,
        array_based_stream_maximum_output_length=limit,
    )


def _pages(reader: Any, name: str, started: float) -> list[list[str]]:
    """The lines of each page of *reader*, within the bounds on pages and time."""
    if reader.is_encrypted and not reader.decrypt(""):
        raise PdfReadError(
            f"{name}: die PDF-Datei ist verschlüsselt; bitte eine ungeschützte Fassung speichern."
        )
    count = len(reader.pages)
    if count > MAX_PDF_PAGES:
        raise PdfReadError(
            f"{name}: die PDF-Datei hat {count} Seiten (höchstens {MAX_PDF_PAGES}); bitte "
            "nur die Seiten der Vereinbarung speichern."
        )
    pages: list[list[str]] = []
    for number, page in enumerate(reader.pages, start=1):
        if time.monotonic() - started > MAX_PDF_SECONDS:
            raise PdfReadError(
                f"{name}: das Lesen der PDF-Datei dauert zu lange (über "
                f"{MAX_PDF_SECONDS:.0f} Sekunden, bis Seite {number})."
            )
        try:  # layout mode keeps the vertical gaps between paragraphs as blank lines
            text = page.extract_text(extraction_mode="layout") or ""
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            text = page.extract_text() or ""
        text = _printable(text.replace("\r", "\n"))
        # two blocks side by side (a two-column Vertragskopf, signatures): column by column
        pages.append([line.strip() for line in split_columns(text.split("\n"))])
    return pages


# control characters other than tab and line feed, and lone surrogates (which pypdf decodes
# from a broken ToUnicode map and which no UTF-8 file or page can hold)
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def _printable(text: str) -> str:
    """*text* without control characters and lone surrogates (each becomes a space)."""
    return _UNPRINTABLE.sub(" ", text)


def _without_running_heads(pages: list[list[str]]) -> list[str]:
    """All lines (blank ones kept as paragraph marks), without page numbers and lines repeated
    at the top or foot of most pages."""
    edges: Counter[str] = Counter()
    for page in pages:
        lines = [line for line in page if line]
        for line in {*lines[:2], *lines[-2:]}:
            edges[re.sub(r"\d+", "#", line)] += 1
    repeated = {line for line, n in edges.items() if len(pages) >= 3 and n >= 0.6 * len(pages)}
    result: list[str] = []
    for page in pages:
        lines = [line for line in page if line]
        for position, line in enumerate(lines):
            at_edge = position < 2 or position >= len(lines) - 2
            if at_edge and (_PAGE_NUMBER.match(line) or re.sub(r"\d+", "#", line) in repeated):
                continue
            result.append(line)
            if page.index(line) + 1 < len(page) and not page[page.index(line) + 1]:
                result.append("")  # a vertical gap: the paragraph ends here
        result.append("")
    return result


_SENTENCE_END = re.compile(r"[.:;!?]$")


def _join(current: str, line: str) -> str:
    """*line* added to the paragraph *current*; a word hyphenated at the line end joined."""
    if current.endswith("-") and len(current) > 1 and current[-2].isalpha():
        return current[:-1] + line if line[:1].islower() else current + line
    return f"{current}\n{line}" if current else line


def _paragraphs(lines: list[str]) -> str:
    """Lines joined into paragraphs (blank line between). The gaps of the page mark them; a
    PDF without any gap is split after lines that end a sentence or are clearly short."""
    gaps = any(not line for line in lines[:-1]) and sum(1 for line in lines if not line) > 2
    full = sorted(len(line) for line in lines if line or not gaps)[int(len(lines) * 0.9) - 1 :]
    width = full[0] if full else 0
    out: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                out.append(current)
            current = ""
            continue
        current = _join(current, line)
        if not gaps and (_SENTENCE_END.search(line) or len(line) < 0.6 * width):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return "\n\n".join(out) + "\n"


_GLUED_SECTION = re.compile(r"(?m)^(§\s*\d{1,3}[a-z]?)(?=[A-ZÄÖÜ])")
_GLUED_ARTICLE = re.compile(r"(?m)^((?:Artikel|Art\.)\s*\d{1,3})(?=[A-ZÄÖÜ])")
_GLUED_PARAGRAPH = re.compile(r"(?<=[\wäöüß.,:;)\"“])\s?(?=\(\d{1,2}\)\s+[A-ZÄÖÜ„\"])")
_HEADING_LINE = re.compile(r"(?m)^(?P<head>§\s*\d{1,3}[a-z]?\s+[^\n(]{1,100}?)\s*(?=\(1\)\s)")


def repair_glued(text: str) -> str:
    """Headings and paragraph numbers separated where PDF extraction ran them together.

    >>> repair_glued("§ 7Laufzeit, Kündigung(1) Die Vereinbarung gilt.(2) Sie endet.")
    '§ 7 Laufzeit, Kündigung\\n\\n(1) Die Vereinbarung gilt.\\n\\n(2) Sie endet.'
    """
    text = _GLUED_SECTION.sub(r"\1 ", text)
    text = _GLUED_ARTICLE.sub(r"\1 ", text)
    lines = []
    for line in text.split("\n"):
        if re.match(r"^(?:§\s*\d|\(\d{1,2}\)\s)", line) and re.search(r"\S\s?\(\d{1,2}\)\s", line):
            line = _HEADING_LINE.sub(lambda m: m.group("head") + "\n\n", line)
            line = _GLUED_PARAGRAPH.sub("\n\n", line)
        lines.append(line)
    return "\n".join(lines)
