"""Word files (.docx) are zip archives: their entries are checked before anything is unpacked.

A .docx of a few hundred kilobytes can expand to gigabytes ("zip bomb"). :func:`check_docx`
reads the archive's directory and refuses, in German and naming the file, an archive that
is no zip at all, has more than :data:`MAX_ENTRIES` entries, would unpack to more than
:data:`MAX_UNPACKED` bytes, or has an entry that expands more than :data:`MAX_RATIO` times;
then it inflates every entry, counting what really comes out
(:func:`vereinbarung.files.inflate.check_real_sizes`), with the same bounds.
"""

from __future__ import annotations

import os
import zipfile

from vereinbarung.errors import VereinbarungError

__all__ = ["MAX_ENTRIES", "MAX_RATIO", "MAX_UNPACKED", "check_docx"]

#: Most bytes all entries of a .docx may unpack to (agreements with pictures: a few MB).
MAX_UNPACKED = 100 * 1024 * 1024
#: Largest ratio of unpacked to packed size of an entry over 1 MB (Word XML: about 10).
MAX_RATIO = 200
#: Most entries of the archive.
MAX_ENTRIES = 10_000


def check_docx(path: str | os.PathLike[str]) -> None:
    """Refuse the Word file *path* if it is no zip archive or would unpack too far."""
    name = os.fspath(path)
    try:
        with zipfile.ZipFile(name) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError):  # damaged directory
        raise VereinbarungError(
            f"{name}: keine lesbare Word-Datei (.docx): sie ist kein gültiges Zip-Archiv "
            "(beschädigt, oder ein altes .doc? Dann in Word als .docx speichern)."
        ) from None
    except OSError as exc:
        from vereinbarung.files.failures import german_os_error

        raise VereinbarungError(german_os_error(exc, name)) from None
    if len(entries) > MAX_ENTRIES:
        raise VereinbarungError(f"{name}: das Archiv hat mehr als {MAX_ENTRIES} Einträge.")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNPACKED:
        raise VereinbarungError(
            f"{name}: entpackt wäre die Word-Datei {total // 1024**2} MB groß (höchstens "
            f"{MAX_UNPACKED // 1024**2} MB); nicht gelesen."
        )
    for entry in entries:
        if entry.file_size > 1024**2 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise VereinbarungError(
                f"{name}: der Teil {entry.filename} wäre entpackt "
                f"{entry.file_size // max(entry.compress_size, 1)}-mal so groß wie gepackt "
                f"(höchstens {MAX_RATIO}-mal); nicht gelesen."
            )
    # the directory's sizes are claims: what the entries really unpack to is counted too
    from vereinbarung.files.inflate import check_real_sizes

    check_real_sizes(name, entries, total=MAX_UNPACKED, ratio=MAX_RATIO)
