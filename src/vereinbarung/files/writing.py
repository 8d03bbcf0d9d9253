"""Writing files safely: one writer at a time, atomic replacement, the file stays what it was.

* :func:`locked` holds an exclusive lock (the ``filelock`` library: ``fcntl`` on Unix,
  ``msvcrt`` on Windows) on a hidden lock file beside the real file, so that two runs that
  read, change and write the same agreement queue instead of losing one change. The lock file
  is separate because the replacement gives the agreement file a new inode: a lock on the file
  itself would be held on the old one. It is removed again before the lock is released.
* :func:`write_atomic` writes to a temporary file in the folder of the real file (a symbolic
  link is followed and stays a link), flushes it to disk and renames it over the target, so a
  reader never sees half a file and a process killed at any moment leaves the old or the new
  file. Mode and, where the system allows, owner and group of the file replaced are kept; a
  read-only file is refused.

Every system error becomes a German :class:`~vereinbarung.files.failures.OsFileError` that
names the path.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from vereinbarung.errors import VereinbarungError
from vereinbarung.files.failures import OsFileError, german_os_error

__all__ = ["LOCK_TIMEOUT", "locked", "real_path", "write_atomic"]

#: Seconds a writer waits for another one to finish with the same file.
LOCK_TIMEOUT = 60.0


def real_path(path: str | os.PathLike[str]) -> Path:
    """The file a path stands for, with every symbolic link followed."""
    return Path(os.path.realpath(path))


@contextmanager
def locked(path: str | os.PathLike[str], *, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the exclusive write lock of the file *path* (other writers wait up to *timeout*)."""
    from filelock import FileLock, Timeout

    real = real_path(path)
    lock_file = real.parent / f".{real.name}.lock"
    lock = FileLock(lock_file, timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise VereinbarungError(
            f"{path}: die Datei wird gerade von einem anderen Vorgang geändert "
            f"(seit mehr als {timeout:.0f} Sekunden); bitte später erneut versuchen."
        ) from None
    except OSError as exc:
        raise OsFileError(
            f"{path}: die Datei lässt sich nicht sperren ({german_os_error(exc, with_path=False)[:-1]})."
        ) from None
    try:
        yield
    finally:
        # removed while still held, so no file is left behind: a writer waiting on it finds
        # it unlinked when its turn comes and locks a new one (filelock checks for this)
        with suppress(OSError):
            lock_file.unlink()
        lock.release()


def write_atomic(path: str | os.PathLike[str], content: bytes, *, force: bool = False) -> Path:
    """Write *content* to *path* atomically; refuse to overwrite unless *force*.

    A symbolic link is followed: the file it points to is replaced, the link stays. The bytes go
    to a temporary file in the same folder as that file, are flushed to disk, and the file is
    renamed over it. On any error the temporary file is removed and the target is untouched.
    Returns the path written (the real file).
    """
    given = Path(path)
    target = real_path(given)
    exists = os.path.lexists(target)
    if exists and not force:
        raise VereinbarungError(
            f"{given}: die Datei gibt es schon; zum Überschreiben --force angeben."
        )
    if target.is_dir():
        raise OsFileError(f"{given}: ist ein Ordner, keine Datei; nichts geschrieben.")
    folder = target.parent
    if not folder.is_dir():
        raise OsFileError(f"{given}: den Ordner {folder} gibt es nicht.")
    try:
        old = os.stat(target) if exists else None
        if old is not None and not stat.S_ISREG(old.st_mode):
            raise OsFileError(f"{given}: ist keine gewöhnliche Datei; nichts geschrieben.")
        read_only = old is not None and not (
            old.st_mode & stat.S_IWUSR and os.access(target, os.W_OK)
        )
        if read_only:
            raise OsFileError(
                f"{given}: die Datei ist schreibgeschützt; nichts geschrieben (erst den "
                "Schreibschutz aufheben)."
            )
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OsFileError(
            f"{given}: lässt sich nicht schreiben ({german_os_error(exc, with_path=False)[:-1]})."
        ) from None
    try:
        if old is not None:
            mode = stat.S_IMODE(old.st_mode)
            if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
                with suppress(OSError):  # only the owner's administrator may give files away
                    os.chown(tmp_name, old.st_uid, old.st_gid)
        else:  # mkstemp creates the file for its owner only: give what the umask allows
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp_name, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
        _sync_folder(folder)
    except BaseException as exc:
        Path(tmp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OsFileError(
                f"{given}: lässt sich nicht schreiben ({german_os_error(exc, with_path=False)[:-1]}); "
                "die Datei ist unverändert."
            ) from None
        raise
    return target


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system lets a folder be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
