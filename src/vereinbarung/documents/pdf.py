"""Word to PDF/A-2b through LibreOffice, for the e-Akte (archival form, ISO 19005-2), tagged
and flagged PDF/UA (ISO 14289-1) for screen readers, with document language and title.

LibreOffice converts headless with the export filter option ``SelectPdfVersion`` 2; the result
is checked with pypdf (XMP ``pdfaid:part`` = 2). Without LibreOffice, a German message says
that the Word file can be saved as PDF in Word.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from vereinbarung.errors import VereinbarungError

__all__ = ["PDF_A_FILTER", "convert_to_pdf", "find_office", "pdfa_part", "require_office"]


def find_office() -> str | None:
    """The LibreOffice program (``soffice`` or ``libreoffice``) on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_office() -> str:
    """The LibreOffice program, or a German error saying that PDF needs it."""
    program = find_office()
    if program is None:
        raise VereinbarungError(
            "Für --pdf wird LibreOffice gebraucht, es ist aber nicht installiert (weder soffice "
            "noch libreoffice im PATH). Ohne --pdf entsteht die Word-Datei; sie lässt sich in "
            "Word als PDF speichern."
        )
    return program


#: LibreOffice's PDF export as PDF/A-2b (archival: fonts embedded, no encryption), tagged
#: (structure tree, reading order, /Lang from the document language) and flagged PDF/UA
#: (ISO 14289-1), the title shown in the window instead of the file name. Filter options of
#: LibreOffice's PDF export (``writer_pdf_Export``: SelectPdfVersion, UseTaggedPDF,
#: PDFUACompliance, DisplayPDFDocumentTitle), see
#: https://help.libreoffice.org/latest/en-US/text/shared/guide/pdf_params.html
PDF_A_FILTER = (
    'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
    '"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"},'
    '"DisplayPDFDocumentTitle":{"type":"boolean","value":"true"}}'
)


def pdfa_part(pdf: bytes) -> int | None:
    """The PDF/A part a PDF declares in its XMP metadata (``pdfaid:part``), or None."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    metadata = reader.xmp_metadata
    if metadata is None:
        return None
    ns = "http://www.aiim.org/pdfa/ns/id/"
    for node in metadata.rdf_root.getElementsByTagNameNS(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "Description"
    ):
        value = node.getAttributeNS(ns, "part")
        if not value:
            found = node.getElementsByTagNameNS(ns, "part")
            value = (found[0].firstChild.nodeValue if found and found[0].firstChild else "") or ""
        if value and value.strip().isdigit():
            return int(value.strip())
    return None


def convert_to_pdf(docx: bytes, *, office: str | None = None, timeout: float = 180) -> bytes:
    """Convert a .docx to PDF/A-2b with LibreOffice (headless, its own profile, nothing left
    behind); a German error if LibreOffice fails or the result does not declare PDF/A-2.

    A file of several letters whose footers count the pages of each letter (SECTIONPAGES) is
    converted twice, the second time with each letter's page count written into its footer
    (:mod:`vereinbarung.documents.section_pages`)."""
    from vereinbarung.documents.section_pages import (
        letter_page_counts,
        uses_section_pages,
        with_section_pages,
    )

    content = _convert(docx, office=office, timeout=timeout)
    if uses_section_pages(docx):
        counts = letter_page_counts(content)
        if counts:
            content = _convert(with_section_pages(docx, counts), office=office, timeout=timeout)
    return content


def _convert(docx: bytes, *, office: str | None, timeout: float) -> bytes:
    program = office or require_office()
    with tempfile.TemporaryDirectory(prefix="vereinbarung-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "dokument.docx"
        source.write_bytes(docx)
        profile = (folder / "profil").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            PDF_A_FILTER,
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            result = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise VereinbarungError(
                f"LibreOffice hat die Umwandlung in PDF nicht in {timeout:.0f} s beendet."
            ) from None
        except OSError as exc:
            raise VereinbarungError(
                f"LibreOffice ({program}) lässt sich nicht starten: {exc.strerror}."
            ) from None
        pdf = folder / "dokument.pdf"
        if result.returncode != 0 or not pdf.is_file():
            detail = result.stderr.decode("utf-8", "replace").strip()[-300:]
            raise VereinbarungError(
                f"LibreOffice konnte das Dokument nicht in PDF umwandeln (Rückgabewert "
                f"{result.returncode}){': ' + detail if detail else ''}."
            )
        content = pdf.read_bytes()
    if pdfa_part(content) != 2:
        raise VereinbarungError(
            "LibreOffice hat ein PDF erzeugt, aber kein PDF/A-2 (pdfaid:part fehlt in den "
            "XMP-Metadaten); eine ältere LibreOffice-Version? Mindestens 7.4 wird gebraucht."
        )
    return content
