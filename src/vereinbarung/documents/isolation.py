"""Rendering a user's own template in a child process, with a time and a memory limit.

The sandbox keeps a template away from Python's internals, but a template can still ask for
work without end: ``{{ 'x'|center(1000000000) }}``, loops within loops, towers of powers.
:func:`run_limited` runs the rendering in a forked child whose address space is limited
(:data:`MEMORY_LIMIT` beyond what the process already uses) and which is killed after
:data:`TIME_LIMIT` seconds. Exceeding either is a German :class:`VereinbarungError`; nothing
has been written then, because writing happens in the parent after a result arrived.

Where there is no ``fork`` (Windows), the function runs in the process itself, without limits.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

from vereinbarung.errors import VereinbarungError

__all__ = ["MEMORY_LIMIT", "TIME_LIMIT", "run_limited"]

T = TypeVar("T")

#: Seconds a template may take to render.
TIME_LIMIT = 60.0
#: Bytes of memory a rendering may use beyond what the process holds when it starts.
MEMORY_LIMIT = 1024**3


def _in_use() -> int:
    """Virtual memory of this process in bytes (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _child(
    connection: Any, limit: int, function: Callable[..., Any], args: Any, kwargs: Any
) -> None:
    import resource

    from vereinbarung.files.failures import file_failure

    if limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        connection.send(("ok", function(*args, **kwargs)))
    except MemoryError:
        connection.send(("memory", ""))
    except VereinbarungError as exc:
        connection.send(("error", exc.message))
    except Exception as exc:
        connection.send(("error", file_failure(None, exc)))
    finally:
        connection.close()


def run_limited(
    function: Callable[..., T],
    *args: Any,
    time_limit: float | None = None,
    memory_limit: int | None = None,
    **kwargs: Any,
) -> T:
    """``function(*args, **kwargs)`` in a child process within *time_limit* and *memory_limit*.

    The result comes back pickled; an error of the child comes back as a
    :class:`VereinbarungError` with its German message.
    """
    if not hasattr(os, "fork"):  # pragma: no cover - Windows
        return function(*args, **kwargs)
    time_limit = TIME_LIMIT if time_limit is None else time_limit
    memory_limit = MEMORY_LIMIT if memory_limit is None else memory_limit
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    in_use = _in_use()
    limit = in_use + memory_limit if in_use else 0
    child = context.Process(target=_child, args=(sender, limit, function, args, kwargs))
    child.start()
    sender.close()
    try:
        if not receiver.poll(time_limit):
            raise VereinbarungError(
                f"Die Vorlage braucht länger als {time_limit:.0f} Sekunden und wurde "
                "abgebrochen; nichts geschrieben. (Schleifen, sehr große Zahlen oder Texte in "
                "der Vorlage?)"
            )
        try:
            kind, payload = receiver.recv()
        except (EOFError, OSError):
            kind, payload = "memory", ""  # killed or out of memory before it could answer
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if kind == "memory":
        raise VereinbarungError(
            f"Die Vorlage braucht mehr als {memory_limit // 1024**2} MB Arbeitsspeicher und "
            "wurde abgebrochen; nichts geschrieben. (Sehr große Texte oder Listen in der "
            "Vorlage?)"
        )
    if kind == "error":
        raise VereinbarungError(payload)
    return payload  # type: ignore[no-any-return]
