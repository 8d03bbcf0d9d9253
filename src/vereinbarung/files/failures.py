"""German words for what goes wrong with a file: system errors and unexpected failures.

The operating system's own messages (``Permission denied``) are English in most setups and
name no file. :func:`german_os_error` says it in German with the path; :func:`file_failure`
turns anything that went wrong while one file of a folder was answered into a line for that
file, so that the other files are still answered.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from vereinbarung.errors import AgreementFileError, VereinbarungError

__all__ = ["OsFileError", "file_failure", "german_os_error"]

_REASONS = {
    errno.EACCES: "keine Berechtigung",
    errno.EPERM: "keine Berechtigung",
    errno.ENOENT: "nicht gefunden",
    errno.EISDIR: "ist ein Ordner, keine Datei",
    errno.ENOTDIR: "ein Teil des Pfads ist kein Ordner",
    errno.ENOSPC: "kein Speicherplatz mehr frei",
    errno.EROFS: "das Laufwerk ist schreibgeschützt",
    errno.EEXIST: "gibt es schon",
    errno.ENAMETOOLONG: "der Name ist zu lang",
    errno.ELOOP: "zu viele symbolische Verknüpfungen (Kreis?)",
    errno.EBUSY: "wird gerade benutzt",
    errno.ETXTBSY: "wird gerade benutzt",
    errno.EIO: "Ein-/Ausgabefehler des Laufwerks",
    errno.EMFILE: "zu viele offene Dateien",
    errno.EFBIG: "die Datei wird zu groß",
    errno.EDQUOT: "das Speicherkontingent ist erschöpft",
    errno.EXDEV: "liegt auf einem anderen Laufwerk",
    errno.EAGAIN: "ist gerade nicht verfügbar",
}


class OsFileError(VereinbarungError):
    """A file or folder cannot be read or written; the message is German and names the path."""


def german_os_error(
    exc: OSError, path: str | os.PathLike[str] | None = None, *, with_path: bool = True
) -> str:
    """One German line for *exc*: ``bericht.ics: keine Berechtigung (Schreiben nicht möglich).``"""
    reason = _REASONS.get(exc.errno or 0)
    if reason is None:
        code = errno.errorcode.get(exc.errno or 0, "unbekannt")
        reason = f"Systemfehler {code}"
    where = path if path is not None else exc.filename
    text = f"{reason}."
    if with_path and where is not None:
        text = f"{os.fsdecode(where)}: {text}"
    if with_path and exc.filename2 is not None:
        text = text[:-1] + f" (Ziel: {os.fsdecode(exc.filename2)})."
    return text


def file_failure(path: str | Path | None, exc: BaseException) -> str:
    """The German line for *exc*, raised while the file *path* was answered; names the file.

    A :class:`VereinbarungError` keeps its message (with the file put in front where it does
    not name it), a system error is said in German, and anything else is reported as an
    unexpected error of this file, so that the caller can go on with the next one.
    """
    name = str(path) if path is not None else None
    prefix = f"{name}: " if name is not None else ""
    if isinstance(exc, VereinbarungError):
        message = exc.message
        if name is None or isinstance(exc, AgreementFileError) or message.startswith(name):
            return message
        return prefix + message
    if isinstance(exc, OSError):
        return german_os_error(exc, exc.filename if exc.filename is not None else name)
    if isinstance(exc, RecursionError):
        return prefix + "zu tief verschachtelt, die Eingabe lässt sich nicht auswerten."
    if isinstance(exc, MemoryError):
        return prefix + "zu groß, der Arbeitsspeicher reicht dafür nicht."
    if isinstance(exc, OverflowError):
        return prefix + "ein Datum oder eine Zahl reicht über das Darstellbare hinaus (Jahr 9999)."
    return (
        prefix
        + f"unerwarteter Fehler ({type(exc).__name__}); "
        + ("die Datei wurde übersprungen. " if name else "")
        + "Bitte melden (mit VEREINBARUNG_DEBUG=1 erscheint der technische Ablauf)."
    )
