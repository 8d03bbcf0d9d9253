"""What the entries of a zip archive (a Word file) really unpack to, counted while inflating.

The sizes in a zip archive's directory are claims: a 1 MB ``.docx`` can say »2 KB« for an entry
that inflates to 1 GB, and Python's :meth:`zipfile.ZipFile.read` (which python-docx uses)
inflates all of the compressed data in one call before it cuts the result to the claimed size
(16 s and 2 GB for such a file). :func:`check_real_sizes` therefore reads every entry's
compressed bytes itself and inflates them in pieces of :data:`PIECE` bytes with :mod:`zlib`,
counting what comes out, and stops as soon as a bound is passed:

* all entries together may unpack to at most *total* bytes;
* an entry over 1 MB may unpack to at most *ratio* times its compressed size;
* each entry must unpack to exactly the size and CRC-32 its directory entry claims (else the
  file is damaged or built to deceive, and is refused);
* only the methods Word and LibreOffice write (stored, deflate), no encrypted entries.

So checking costs at most *total* bytes of inflating and a piece of memory, whatever the
directory says; a file that passed is not inflated again while it is unchanged (same inode,
size and modification time), so that rendering a template does not pay for it each time. Refusals are German and name the file and the entry.

Sources: PKWARE APPNOTE.TXT 6.3.10 (local file header, section 4.3.7; general purpose bit
flag, 4.4.4), RFC 1951 (raw deflate, :func:`zlib.decompressobj` with ``wbits=-15``).
"""

from __future__ import annotations

import os
import struct
import zipfile
import zlib
from collections.abc import Sequence
from typing import BinaryIO

from vereinbarung.errors import VereinbarungError

__all__ = ["PIECE", "check_real_sizes"]

#: Most bytes inflated at once (the memory the check needs).
PIECE = 1024 * 1024
_READ = 64 * 1024
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # APPNOTE 4.3.7, 30 bytes
_SMALL = 1024**2  # entries up to this size are not held to the ratio
# files that passed, by device, inode, size, modification time and bounds: a template rendered
# again (each render opens it) is not inflated again
_PASSED: dict[tuple[int, ...], None] = {}


def _megabytes(size: int) -> str:
    return f"{size / 1024**2:.0f} MB" if size >= 1024**2 else f"{max(size, 1) / 1024:.0f} KB"


def check_real_sizes(
    path: str | os.PathLike[str],
    entries: Sequence[zipfile.ZipInfo],
    *,
    total: int,
    ratio: int,
) -> None:
    """Inflate every entry of the zip archive *path* and refuse it (German
    :class:`VereinbarungError` naming the file) if it unpacks beyond the bounds or to
    something other than its directory says."""
    name = os.fspath(path)
    budget = total
    try:
        with open(name, "rb") as handle:
            info = os.fstat(handle.fileno())
            key = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, total, ratio)
            if key in _PASSED:
                return
            for entry in entries:
                budget -= _check_entry(handle, name, entry, budget, ratio, total)
    except OSError as exc:
        from vereinbarung.files.failures import german_os_error

        raise VereinbarungError(german_os_error(exc, name)) from None
    _PASSED[key] = None
    if len(_PASSED) > 64:
        del _PASSED[next(iter(_PASSED))]


def _damaged(name: str, entry: zipfile.ZipInfo, why: str) -> VereinbarungError:
    return VereinbarungError(
        f"{name}: keine lesbare Word-Datei (.docx): der Teil {entry.filename} {why}; in Word "
        "öffnen und neu speichern."
    )


def _check_entry(
    file: BinaryIO, name: str, entry: zipfile.ZipInfo, budget: int, ratio: int, total: int
) -> int:
    """Inflate one entry; its real size (refused beyond the bounds)."""
    if entry.flag_bits & 0x1:
        raise _damaged(name, entry, "ist verschlüsselt")
    if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _damaged(
            name,
            entry,
            f"ist mit einem Verfahren gepackt, das Word nicht nutzt ({entry.compress_type})",
        )
    file.seek(entry.header_offset)
    header = file.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise _damaged(name, entry, "fehlt an der Stelle, die das Verzeichnis des Archivs nennt")
    name_length, extra_length = _LOCAL_HEADER.unpack(header)[-2:]
    file.seek(entry.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
    by_ratio = max(_SMALL, ratio * max(entry.compress_size, 1))
    cap = min(budget, by_ratio)
    inflater = zlib.decompressobj(-15) if entry.compress_type == zipfile.ZIP_DEFLATED else None
    left = entry.compress_size
    size = 0
    crc = 0

    def count(data: bytes) -> None:
        nonlocal size, crc
        size += len(data)
        if size > cap:
            claimed = f"; das Verzeichnis des Archivs gibt {_megabytes(entry.file_size)} an"
            if cap == by_ratio and by_ratio < budget:
                raise VereinbarungError(
                    f"{name}: der Teil {entry.filename} wäre entpackt über "
                    f"{_megabytes(cap)} groß, mehr als {ratio}-mal so groß wie gepackt "
                    f"(höchstens {ratio}-mal{claimed}); nicht gelesen."
                )
            raise VereinbarungError(
                f"{name}: entpackt wäre die Word-Datei mehr als {total // 1024**2} MB groß "
                f"(höchstens {total // 1024**2} MB; beim Teil {entry.filename}{claimed}); "
                "nicht gelesen."
            )
        crc = zlib.crc32(data, crc)

    try:
        while left > 0:
            chunk = file.read(min(_READ, left))
            if not chunk:
                raise _damaged(name, entry, "ist abgeschnitten (die Datei endet vorher)")
            left -= len(chunk)
            if inflater is None:
                count(chunk)
                continue
            data = inflater.decompress(chunk, PIECE)
            count(data)
            while inflater.unconsumed_tail:
                count(inflater.decompress(inflater.unconsumed_tail, PIECE))
        if inflater is not None:
            while not inflater.eof and (data := inflater.flush(PIECE)):
                count(data)
            if not inflater.eof:
                raise _damaged(name, entry, "ist abgeschnitten (der gepackte Inhalt endet vorher)")
    except zlib.error:
        raise _damaged(name, entry, "ist beschädigt (gepackter Inhalt ungültig)") from None
    if size != entry.file_size:
        raise _damaged(
            name,
            entry,
            f"ist entpackt {size} Bytes groß, das Verzeichnis des Archivs gibt {entry.file_size} "
            "an (beschädigt oder manipuliert)",
        )
    if crc != entry.CRC:
        raise _damaged(name, entry, "ist beschädigt (Prüfsumme CRC-32 falsch)")
    return size
