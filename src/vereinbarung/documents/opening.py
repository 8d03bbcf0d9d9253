"""Opening a template .docx: the archive is checked before anything is unpacked, and every way
a file can fail to be a Word document ends in one German error that names the file.

The bounds (entries, unpacked size, ratio per entry) are those of the importer:
:func:`vereinbarung.files.archive.check_docx`. ``template-check`` and ``render`` open templates
here, so that a zip bomb disguised as a template is refused from its directory alone.
"""

from __future__ import annotations

import os
import typing
import zipfile
from pathlib import Path
from typing import Any

from vereinbarung.documents.errors import DocumentTemplateError
from vereinbarung.errors import VereinbarungError
from vereinbarung.files.archive import check_docx

__all__ = ["check_template_archive", "open_template", "unreadable_template"]


def check_template_archive(path: Path, label: str | None = None) -> None:
    """Refuse *path* before unpacking if it is no zip or would unpack too far.

    *label* is how the message names the template (default: the path as given).
    """
    shown = str(path) if label is None else label
    try:
        check_docx(path)
    except VereinbarungError as exc:
        detail = exc.message.removeprefix(f"{os.fspath(path)}: ")
        raise DocumentTemplateError(f"Vorlage {shown}: {detail}") from None


def unreadable_template(
    path: Path, exc: BaseException, label: str | None = None
) -> typing.NoReturn:
    """Raise the German error for a template python-docx cannot open (after the archive check)."""
    shown = str(path) if label is None else label
    if isinstance(exc, FileNotFoundError | IsADirectoryError):
        raise DocumentTemplateError(f"Vorlage {shown}: die Datei gibt es nicht.") from None
    if isinstance(exc, KeyError):
        why = (
            "das Zip-Archiv enthält kein Word-Dokument (es fehlt ein Teil wie "
            "[Content_Types].xml oder word/document.xml)"
        )
    elif isinstance(exc, zipfile.BadZipFile) or type(exc).__name__ == "PackageNotFoundError":
        why = "sie ist kein gültiges Zip-Archiv (beschädigt, oder ein altes .doc?)"
    elif type(exc).__name__ == "XMLSyntaxError":
        why = "ein Teil der Datei ist kein gültiges XML (beschädigt)"
    elif isinstance(exc, ValueError) and "content type" in str(exc):
        why = "sie ist keine Word-Datei, sondern eine andere Office-Datei (Excel, PowerPoint?)"
    else:
        why = f"sie lässt sich nicht öffnen ({type(exc).__name__})"
    raise DocumentTemplateError(
        f"Vorlage {shown}: keine lesbare Word-Datei (.docx): {why}; in Word öffnen und als "
        "Word-Dokument (.docx) neu speichern."
    ) from None


def open_template(path: Path, label: str | None = None) -> Any:
    """The python-docx document of the template at *path*, checked as an archive first."""
    from docx import Document

    if not path.is_file():
        unreadable_template(path, FileNotFoundError(), label)
    check_template_archive(path, label)
    try:
        return Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a broken file
        unreadable_template(path, exc, label)
