"""Work on untrusted input in a child process with a time, a CPU and a memory limit.

A user's template (``render -t``) and every file to be imported (``.txt``, ``.md``, ``.docx``,
``.pdf``) can ask for work without end or for gigabytes of memory. :func:`run_in_child` runs
such work in a forked child process:

* its address space is limited (``RLIMIT_AS``: *memory_limit* beyond what the process already
  uses when it forks), so that an allocation beyond it is a ``MemoryError`` in the child;
* the parent waits at most *time_limit* seconds for the answer, then kills the child;
* the child has a CPU limit of its own (``RLIMIT_CPU``: the time limit and one second; the
  kernel sends ``SIGXCPU`` and, a second later, ``SIGKILL``), and no core file is written;
* on Linux it dies with its parent: ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` (prctl(2)), so that a
  command killed by Ctrl+C, a supervisor's timeout or ``kill -9`` leaves nothing computing.
  The kernel sends the signal when the *thread* that forked the child ends; the thread that
  forks here waits for the answer, so it outlives the child.

The result comes back pickled through a pipe. A :class:`VereinbarungError` of the child comes
back as itself (or, where it cannot be pickled, as a :class:`VereinbarungError` with its
message); any other error as the German line of :func:`vereinbarung.files.failures.file_failure`.
Nothing is written by the child: writing happens in the parent after a result arrived.

Where there is no ``fork`` (Windows), the work runs in the process itself, without limits.

Sources: setrlimit(2), prctl(2) (``PR_SET_PDEATHSIG``), Python's :mod:`resource` and
:mod:`multiprocessing` (the ``fork`` start method).
"""

from __future__ import annotations

import math
import os
import pickle
import signal
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from vereinbarung.errors import VereinbarungError

__all__ = ["MEMORY_LIMIT", "TIME_LIMIT", "run_in_child"]

T = TypeVar("T")

#: Seconds the work on one template or one imported file may take.
TIME_LIMIT = 60.0
#: Bytes of memory that work may use beyond what the process holds when it starts.
MEMORY_LIMIT = 1024**3

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _in_use() -> int:
    """Virtual memory of this process in bytes (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when its parent ends (Linux); if the parent has
    already ended before the request took effect, end now."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
            pass
    if os.getppid() != parent:
        os._exit(1)


def _limit(memory: int, cpu_seconds: int) -> None:
    import resource

    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = cpu_seconds if hard == resource.RLIM_INFINITY else min(cpu_seconds, hard)
    new_hard = soft + 1 if hard == resource.RLIM_INFINITY else min(soft + 1, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, new_hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _portable(exc: VereinbarungError) -> VereinbarungError:
    """*exc* if it survives pickling as what it is, else a plain error with its message."""
    try:
        copy = pickle.loads(pickle.dumps(exc))
    except Exception:
        copy = None
    if type(copy) is type(exc) and isinstance(copy, VereinbarungError):
        return exc
    return VereinbarungError(exc.message)


def _child(
    connection: Any,
    parent: int,
    memory: int,
    cpu_seconds: int,
    function: Callable[..., Any],
    args: Sequence[Any],
    kwargs: Mapping[str, Any],
) -> None:
    from vereinbarung.files.failures import file_failure

    _die_with_parent(parent)
    # Ctrl+C reaches every process of the terminal's group: the parent answers it and ends
    # this child, which would otherwise print KeyboardInterrupt's traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit(memory, cpu_seconds)
    try:
        connection.send(("ok", function(*args, **kwargs)))
    except MemoryError:
        connection.send(("memory", None))
    except VereinbarungError as exc:
        connection.send(("raise", _portable(exc)))
    except Exception as exc:
        connection.send(("raise", VereinbarungError(file_failure(None, exc))))
    finally:
        connection.close()


def run_in_child(
    function: Callable[..., T],
    args: Sequence[Any] = (),
    kwargs: Mapping[str, Any] | None = None,
    *,
    time_limit: float,
    memory_limit: int,
    too_long: str,
    too_large: str,
) -> T:
    """``function(*args, **kwargs)`` in a forked child within the limits; its result.

    *too_long* and *too_large* are the German messages of the :class:`VereinbarungError`
    raised when the child takes longer than *time_limit* seconds (wall clock or CPU) or needs
    more than *memory_limit* bytes.
    """
    kwargs = dict(kwargs or {})
    if not hasattr(os, "fork"):  # pragma: no cover - Windows
        return function(*args, **kwargs)
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    in_use = _in_use()
    memory = in_use + memory_limit if in_use else 0
    cpu_seconds = max(1, math.ceil(time_limit)) + 1
    child = context.Process(
        target=_child,
        args=(sender, os.getpid(), memory, cpu_seconds, function, args, kwargs),
        daemon=True,
    )
    try:
        child.start()
    except OSError as exc:  # no process left (EAGAIN) or no memory for one (ENOMEM)
        sender.close()
        receiver.close()
        from vereinbarung.files.failures import german_os_error

        raise VereinbarungError(
            "Die Arbeit kann gerade nicht begonnen werden, es lässt sich kein Hilfsprozess "
            f"starten ({german_os_error(exc, with_path=False).rstrip('.')}); bitte später noch "
            "einmal versuchen."
        ) from None
    sender.close()
    try:
        if not receiver.poll(time_limit):
            raise VereinbarungError(too_long)
        try:
            kind, payload = receiver.recv()
        except (EOFError, OSError):  # killed before it could answer
            child.join(5)
            cpu = child.exitcode in (-signal.SIGXCPU, -signal.SIGKILL)
            kind, payload = ("cpu", None) if cpu else ("memory", None)
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if kind == "cpu":
        raise VereinbarungError(too_long)
    if kind == "memory":
        raise VereinbarungError(too_large)
    if kind == "raise":
        raise payload
    return payload  # type: ignore[no-any-return]
