"""Storing an attachment: type from the content, limits, SHA-256, the storage, its text.

* **Type from the content** (magic bytes), never from the name: PDF (``%PDF-``, ISO 32000-1
  7.5.2), Word (a zip archive, PKWARE APPNOTE 4.3.7, with ``word/document.xml``, ECMA-376
  Part 2), PNG (RFC 2083 3.1), JPEG (ITU T.81 B.1.1.2, SOI ``FF D8 FF``), TIFF (TIFF 6.0,
  ``II*\\0``/``MM\\0*``), an Internet message (``.eml``, RFC 5322 header fields), and an OLE2
  compound file (``D0 CF 11 E0``, MS-CFB 2.2: Outlook ``.msg`` or Word 97 ``.doc``; the name's
  ending tells these two apart). HTML and everything else is refused.
* **Limits**: at most ``MAX_UPLOAD_BYTES`` (20 MB, as imports), read in chunks; the text of a
  PDF or Word file is read by :func:`vereinbarung.document_text` in a child process with a time
  and a memory limit (Word: the importer's zip checks first); an e-mail's text from at most
  :data:`MAX_MAIL_TEXT` characters of its plain-text part (Python's :mod:`email`).
* **Storage**: Django's storage API (``STORAGES["anlagen"]``, by default a folder ``anlagen``
  in the data folder; an object store can be configured there, e.g. django-storages,
  https://django-storages.readthedocs.io), under a name of its own, never the user's.
* **SHA-256** (:mod:`hashlib`, FIPS 180-4) of the bytes kept; :func:`verify` reads the stored
  file again and compares.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import hashlib
import re
import secrets
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage, storages

import vereinbarung

#: What may be uploaded: key → (ending, content type, German label).
TYPES = {
    "pdf": (".pdf", "application/pdf", "PDF"),
    "docx": (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "Word (.docx)"),
    "doc": (".doc", "application/msword", "Word 97 (.doc)"),
    "png": (".png", "image/png", "Bild (PNG)"),
    "jpeg": (".jpg", "image/jpeg", "Bild (JPEG)"),
    "tiff": (".tif", "image/tiff", "Bild (TIFF)"),
    "eml": (".eml", "message/rfc822", "E-Mail (.eml)"),
    "msg": (".msg", "application/vnd.ms-outlook", "Outlook-Nachricht (.msg)"),
}  # fmt: skip
ALLOWED = "PDF, Word (.docx, .doc), Bilder (PNG, JPEG, TIFF), E-Mails (.eml, .msg)"
#: Most characters of an e-mail's text kept for the search.
MAX_MAIL_TEXT = 200_000
_HEADER = re.compile(rb"^[A-Za-z][A-Za-z0-9-]{0,60}:[ \t]?")
_MAIL_FIELDS = {b"from", b"to", b"date", b"subject", b"received", b"message-id", b"return-path"}


class UploadRefused(Exception):
    """A German message: the file is not taken."""


def storage() -> Storage:
    """Where attachments are kept (``STORAGES["anlagen"]``)."""
    return storages["anlagen"]


def detect(path: Path, name: str) -> str:
    """The key of :data:`TYPES` the content of *path* is; :class:`UploadRefused` otherwise."""
    with path.open("rb") as file:
        head = file.read(4096)
    suffix = Path(name).suffix.lower()
    if not head:
        raise UploadRefused(f"{name}: die Datei ist leer.")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except (zipfile.BadZipFile, OSError, ValueError):
            raise UploadRefused(f"{name}: ein beschädigtes Zip-Archiv, keine Word-Datei.") from None
        raise UploadRefused(f"{name}: ein Zip-Archiv, aber keine Word-Datei (.docx).")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc" if suffix == ".doc" else "msg"
    if _is_mail(head):
        return "eml"
    raise UploadRefused(
        f"{name}: der Inhalt ist keine der erlaubten Dateiarten ({ALLOWED}); die Endung zählt "
        "nicht, nur der Inhalt."
    )


def _is_mail(head: bytes) -> bool:
    """The first lines are RFC 5322 header fields, among them at least two of a message's."""
    seen = set()
    for line in head.splitlines()[:60]:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):
            continue  # a folded field
        match = _HEADER.match(line)
        if match is None:
            return False
        seen.add(line.split(b":", 1)[0].lower())
    return len(seen & _MAIL_FIELDS) >= 2 and b"<html" not in head[:200].lower()


@dataclass(frozen=True, slots=True)
class Stored:
    """What was kept of an uploaded file."""

    stored: str
    kind: str
    size: int
    sha256: str
    text: str
    text_note: str


def hash_of(chunks: Iterable[bytes]) -> str:
    """SHA-256 (hex) of the bytes in *chunks*."""
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


def keep(chunks: Iterable[bytes], name: str, agreement_pk: int, limit: int) -> Stored:
    """Check the upload in *chunks* (at most *limit* bytes), read its text, store it."""
    with tempfile.TemporaryDirectory(prefix="vereinbarung-anlage-") as folder:
        digest = hashlib.sha256()
        size = 0
        raw = Path(folder) / "upload"
        with raw.open("wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise UploadRefused(
                        f"{name}: die Datei ist zu groß (höchstens {limit // 1024**2} MB)."
                    )
                digest.update(chunk)
                out.write(chunk)
        kind = detect(raw, name)
        suffix = TYPES[kind][0]
        path = raw.rename(raw.with_suffix(suffix))
        text, note = read_text(path, kind, name)
        target = f"{agreement_pk}/{digest.hexdigest()[:16]}-{secrets.token_hex(6)}{suffix}"
        with path.open("rb") as content:
            stored = storage().save(target, File(content))
    return Stored(stored, kind, size, digest.hexdigest(), text, note)


SCANNED = (
    "Diese PDF-Datei hat keine Textebene (vermutlich ein Scan): die Volltextsuche findet ihren "
    "Inhalt nicht. Abhilfe: Texterkennung (OCR), z. B. »ocrmypdf -l deu scan.pdf "
    "mit-text.pdf«, dann die neue Datei als Ersatz hochladen."
)


def read_text(path: Path, kind: str, name: str) -> tuple[str, str]:
    """The searchable text of the file and a German note where there is none."""
    if kind in ("pdf", "docx"):
        try:
            found = vereinbarung.document_text(path, name=name)
        except vereinbarung.VereinbarungError as exc:  # damaged, a zip bomb, too slow
            raise UploadRefused(exc.message) from None
        if found.scanned:
            return "", SCANNED
        return found.text, ""
    if kind == "eml":
        return _mail_text(path), ""
    if kind in ("png", "jpeg", "tiff"):
        return "", "Ein Bild: sein Inhalt wird nicht durchsucht (für Text darin: OCR, ocrmypdf)."
    return "", f"{TYPES[kind][2]}: der Inhalt wird nicht durchsucht, nur Name und Beschreibung."


def _mail_text(path: Path) -> str:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    parts = [f"{key}: {message.get(key, '')}" for key in ("From", "To", "Subject", "Date")]
    body = message.get_body(preferencelist=("plain",))
    if body is not None:
        with contextlib.suppress(LookupError, ValueError, AssertionError):
            parts.append(str(body.get_content())[:MAX_MAIL_TEXT])
    return "\n".join(parts)


def verify(stored: str, sha256: str) -> str:
    """'' if the stored file still has its SHA-256, else a German line saying what is wrong."""
    files = storage()
    if not files.exists(stored):
        return f"Die Datei fehlt im Ablageort ({stored})."
    with files.open(stored, "rb") as content:
        found = hash_of(iter(lambda: content.read(1024 * 1024), b""))
    if found != sha256:
        return (
            f"Die Datei wurde nach dem Hochladen verändert: SHA-256 jetzt {found[:16]}…, "
            f"gespeichert {sha256[:16]}…."
        )
    return ""
