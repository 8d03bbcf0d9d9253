"""The plain text of a stored file (PDF text layer, Word), for a full-text search.

The register's file (issue 25) keeps the signed original, the Amtsblatt page, a Rückschein;
their words are searched. :func:`document_text` reads a ``.pdf`` with the PDF reader of the
importer (pypdf, :func:`vereinbarung.importing.pdf.pdf_text`) and a ``.docx`` with its Word
reader (python-docx after the zip checks, :func:`vereinbarung.importing.docx_text.read_docx`),
in a child process with a time and a memory limit (:func:`vereinbarung.files.child.run_in_child`,
as for imports); the readers' own bounds (size, pages, seconds, inflated bytes) apply as well.

A PDF without a text layer (a scan) is no error here: its :class:`DocumentText` says
``scanned`` and the caller names OCR (OCRmyPDF, https://ocrmypdf.readthedocs.io) as the remedy.
Anything else that cannot be read is a German :class:`~vereinbarung.errors.VereinbarungError`
naming *name*, never the temporary path.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from vereinbarung.errors import VereinbarungError

__all__ = ["TEXT_MEMORY_LIMIT", "TEXT_TIME_LIMIT", "DocumentText", "document_text"]

#: Seconds the reading of one file may take.
TEXT_TIME_LIMIT = 30.0
#: Memory the reading of one file may use (bytes).
TEXT_MEMORY_LIMIT = 512 * 1024**2
#: Most characters of text kept per file (a search index entry, not an archive).
MAX_TEXT_CHARS = 2_000_000


@dataclass(frozen=True, slots=True)
class DocumentText:
    """The text of a file; ``scanned``: a PDF without a text layer (no text, OCR needed)."""

    text: str
    scanned: bool = False


def _read(path: Path, suffix: str) -> DocumentText:
    """Read *path* (in the child process)."""
    if suffix == ".pdf":
        from vereinbarung.importing.pdf import PdfReadError, pdf_text

        try:
            return DocumentText(pdf_text(path, "Datei")[:MAX_TEXT_CHARS])
        except PdfReadError as exc:
            if "Texterkennung" in exc.message:
                return DocumentText("", scanned=True)
            raise
    from vereinbarung.importing.docx_text import read_docx

    text = "\n".join(block.text for block in read_docx(path))
    return DocumentText(text[:MAX_TEXT_CHARS])


def document_text(
    path: str | os.PathLike[str],
    *,
    name: str,
    time_limit: float = TEXT_TIME_LIMIT,
    memory_limit: int = TEXT_MEMORY_LIMIT,
) -> DocumentText:
    """The text of the ``.pdf`` or ``.docx`` file at *path* (*name*: how messages call it).

    Raises :class:`~vereinbarung.errors.VereinbarungError` (German, naming *name*) for a
    damaged file, another kind of file, or one that takes too long or too much memory.
    """
    from vereinbarung.files.child import run_in_child

    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise VereinbarungError(f"{name}: nur aus PDF- und Word-Dateien (.docx) wird Text gelesen.")
    try:
        return run_in_child(
            _read,
            (file, suffix),
            time_limit=time_limit,
            memory_limit=memory_limit,
            too_long=f"{name}: das Lesen des Textes dauert länger als {time_limit:.0f} Sekunden.",
            too_large=(
                f"{name}: das Lesen des Textes braucht mehr als {memory_limit // 1024**2} MB "
                "Arbeitsspeicher."
            ),
        )
    except VereinbarungError as exc:
        message = exc.message.replace(str(file), name).replace("Datei: ", f"{name}: ", 1)
        raise VereinbarungError(message) from None
