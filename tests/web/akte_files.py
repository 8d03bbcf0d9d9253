"""Small real files for the Akte tests: a PDF with a text layer, a scan without one, a .docx,
an e-mail (built here, byte by byte, so that no fixture file hides what is tested).

The PDF follows ISO 32000-1 (header, objects, cross-reference table with 20-byte entries,
trailer); its text is drawn with the standard font Helvetica (WinAnsiEncoding), which pypdf
reads back as the text layer.
"""

from __future__ import annotations

import io


def _pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, start))  # fmt: skip
    return out.getvalue()


def _escape(line: str) -> bytes:
    raw = line.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_with_text(*lines: str) -> bytes:
    """A one-page PDF whose text layer holds *lines*."""
    text = (
        b"BT /F1 11 Tf 50 780 Td 14 TL "
        + b"".join(b"(" + _escape(line) + b") Tj T* " for line in lines)
        + b"ET"
    )
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ])  # fmt: skip


def scanned_pdf() -> bytes:
    """A one-page PDF without text (a grey area, as a scan's image would be)."""
    drawing = b"0.5 g 50 50 495 742 re f"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(drawing) + drawing + b"\nendstream",
    ])  # fmt: skip


def docx_with_text(*paragraphs: str) -> bytes:
    """A Word file (python-docx) with *paragraphs*."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def mail(subject: str, body: str) -> bytes:
    """An Internet message (RFC 5322) as an .eml file holds it."""
    return (
        "From: Gemeinde Blankenheim <post@blankenheim.example>\r\n"
        "To: Kreis Euskirchen <post@kreis.example>\r\n"
        f"Subject: {subject}\r\nDate: Mon, 02 Mar 2026 09:00:00 +0100\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n"
    ).encode()
