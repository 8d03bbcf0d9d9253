"""Hostile files for the upload and import tests and ``benchmarks/bench_upload_limits.py``.

* :func:`lying_docx`: a Word file whose ``word/document.xml`` inflates to *real* bytes (spaces
  inside ``<w:body>``) while the zip directory and the local header claim *claimed* bytes;
* :func:`malformed_pdfs`: PDFs damaged the ways files get damaged (cut off in transfer, an
  xref table pointing nowhere, a stream with a broken filter or broken data);
* :func:`long_text`: a plain text of a given size (an agreement text repeated).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).parent.parent
SEED_TEXT = ROOT / "tests" / "fixtures" / "seed_002.txt"
_DOCUMENT = "word/document.xml"


def lying_docx(path: Path, real: int, claimed: int = 2048, *, piece: bytes | None = None) -> Path:
    """A .docx whose document part really unpacks to about *real* bytes but claims *claimed*.

    The part is filled with *piece* again and again (default: 1 MB of spaces, which deflate
    packs about 1000-fold; random bytes do not pack at all).
    """
    import docx

    source = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Kooperationsvereinbarung")
    document.save(source)
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as bomb,
    ):
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename != _DOCUMENT:
                bomb.writestr(info.filename, data)
                continue
            head, tail = data.split(b"<w:body>", 1)
            entry = zipfile.ZipInfo(_DOCUMENT)
            entry.compress_type = zipfile.ZIP_DEFLATED
            with bomb.open(entry, "w", force_zip64=False) as out:
                out.write(head + b"<w:body>")
                filler = piece if piece is not None else b" " * (1024 * 1024)
                for _ in range(real // len(filler)):
                    out.write(filler)
                out.write(tail)
    patched = bytearray(path.read_bytes())
    name = _DOCUMENT.encode()
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo(_DOCUMENT).header_offset
    assert patched[local : local + 4] == b"PK\x03\x04"
    struct.pack_into("<L", patched, local + 22, claimed)  # local header: uncompressed size
    central = patched.find(b"PK\x01\x02", local)
    while central != -1:
        length = struct.unpack_from("<H", patched, central + 28)[0]
        if patched[central + 46 : central + 46 + length] == name:
            struct.pack_into("<L", patched, central + 24, claimed)  # directory: uncompressed size
            break
        central = patched.find(b"PK\x01\x02", central + 4)
    else:  # pragma: no cover - the builder above always writes the entry
        raise AssertionError("directory entry not found")
    path.write_bytes(bytes(patched))
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo(_DOCUMENT).file_size == claimed
    return path


def good_pdf(path: Path, text: str | None = None) -> Path:
    """A readable PDF of the seed agreement (fpdf2, as the import corpus makes them)."""
    from tests.import_scoring import make_pdf

    return make_pdf(text if text is not None else SEED_TEXT.read_text(encoding="utf-8"), path)


def malformed_pdfs(folder: Path) -> dict[str, Path]:
    """PDFs damaged in different ways, by name: each must be refused in German."""
    good = good_pdf(folder / "gut.pdf").read_bytes()
    stream = good.index(b"stream\n") + len(b"stream\n")
    filter_at = good.index(b"/FlateDecode")
    xref = good.rindex(b"xref")
    variants = {
        "abgeschnitten": good[: len(good) // 2],
        "nur-kopf": good[:200],
        "ohne-ende": good[: good.rindex(b"startxref")],
        "xref-kaputt": good[:xref]
        + re.sub(rb"\d{10} (\d{5}) n", lambda m: b"9999999999 " + m.group(1) + b" n", good[xref:]),
        "filter-kaputt": good[:filter_at] + b"/FlateDeWode" + good[filter_at + 12 :],
        "stream-kaputt": good[:stream] + b"\x00Schrott" * 20 + good[stream + 160 :],
        "stream-zlib-kaputt": good[:stream]
        + zlib.compress(b"BT /F1 12 Tf (x) Tj ET")[:8]
        + b"\xff" * 40
        + good[stream + 48 :],
    }
    paths = {}
    for name, data in variants.items():
        path = folder / f"{name}.pdf"
        path.write_bytes(data)
        paths[name] = path
    return paths


def long_text(path: Path, size: int) -> Path:
    """A .txt of about *size* bytes: the seed agreement, then its sections again and again."""
    text = SEED_TEXT.read_text(encoding="utf-8")
    body = text[text.index("§ 1") :]
    parts = [text]
    total = len(text.encode())
    while total < size:
        parts.append(body)
        total += len(body.encode())
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return path
