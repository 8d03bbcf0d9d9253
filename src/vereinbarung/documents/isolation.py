"""Rendering a user's own template in a child process, with a time and a memory limit.

The sandbox keeps a template away from Python's internals, but a template can still ask for
work without end: ``{{ 'x'|center(1000000000) }}``, loops within loops, towers of powers.
:func:`run_limited` runs the rendering in a forked child (:func:`vereinbarung.files.child.run_in_child`)
whose address space is limited (:data:`MEMORY_LIMIT` beyond what the process already uses),
whose CPU time is limited too, which dies with its parent (Linux) and which is killed after
:data:`TIME_LIMIT` seconds. Exceeding either is a German :class:`VereinbarungError`; nothing
has been written then, because writing happens in the parent after a result arrived. No
template expression is evaluated in the parent: ``template-check`` compiles without folding
constants (:mod:`vereinbarung.documents.environment`) and never renders.

Where there is no ``fork`` (Windows), the function runs in the process itself, without limits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from vereinbarung.files import child

__all__ = ["MEMORY_LIMIT", "TIME_LIMIT", "run_limited"]

T = TypeVar("T")

#: Seconds a template may take to render (the same as for reading an imported file).
TIME_LIMIT = child.TIME_LIMIT
#: Bytes of memory a rendering may use beyond what the process holds when it starts.
MEMORY_LIMIT = child.MEMORY_LIMIT


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
    time_limit = TIME_LIMIT if time_limit is None else time_limit
    memory_limit = MEMORY_LIMIT if memory_limit is None else memory_limit
    return child.run_in_child(
        function,
        args,
        kwargs,
        time_limit=time_limit,
        memory_limit=memory_limit,
        too_long=(
            f"Die Vorlage braucht länger als {time_limit:.0f} Sekunden und wurde "
            "abgebrochen; nichts geschrieben. (Schleifen, sehr große Zahlen oder Texte in "
            "der Vorlage?)"
        ),
        too_large=(
            f"Die Vorlage braucht mehr als {memory_limit // 1024**2} MB Arbeitsspeicher und "
            "wurde abgebrochen; nichts geschrieben. (Sehr große Texte oder Listen in der "
            "Vorlage?)"
        ),
    )
