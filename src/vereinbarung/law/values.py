"""Immutable value classes that are cheap to create: :func:`fast_init`.

The date rules and the state of an agreement answer in frozen dataclasses (a term, the answer
for a day, a dated fact, the state itself). A frozen dataclass's own ``__init__`` sets every
field through ``object.__setattr__``, because its ``__setattr__`` refuses assignments; for the
state of an agreement with events that was a fifth of all the work of
:func:`vereinbarung.state.day.state_on` (counted with callgrind, ``benchmarks/README.md``).
:func:`fast_init` gives such a class an ``__init__`` with the same parameters that writes the
fields into the new instance's ``__dict__`` in one step and then runs ``__post_init__``. The
class stays frozen: assigning to a field afterwards still raises
:class:`dataclasses.FrozenInstanceError` (Python documentation, "dataclasses — Frozen
instances"), and equality, hashing, ``repr`` and :func:`dataclasses.replace` are dataclasses'
own.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

__all__ = ["fast_init"]

_T = TypeVar("_T")


def fast_init(cls: type[_T]) -> type[_T]:
    """Replace the ``__init__`` of the frozen dataclass *cls* (without slots) by a faster one.

    Apply it above ``@dataclass(frozen=True)``. Parameters, defaults and default factories are
    those of the dataclass; fields with ``init=False`` and a default factory get a fresh value.
    """
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" in cls.__dict__:
        raise TypeError(
            f"{cls.__name__}: fast_init gilt nur für eingefrorene dataclasses ohne __slots__"
        )
    namespace: dict[str, Any] = {}
    signature: list[str] = []
    values: list[str] = []
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        name = field.name
        if field.default_factory is not dataclasses.MISSING:
            namespace[f"_factory_{name}"] = field.default_factory
        if not field.init:
            if field.default_factory is not dataclasses.MISSING:
                values.append(f"{name!r}: _factory_{name}()")
            elif field.default is not dataclasses.MISSING:
                namespace[f"_default_{name}"] = field.default
                values.append(f"{name!r}: _default_{name}")
            continue
        if field.default is not dataclasses.MISSING:
            namespace[f"_default_{name}"] = field.default
            signature.append(f"{name}=_default_{name}")
            values.append(f"{name!r}: {name}")
        elif field.default_factory is not dataclasses.MISSING:
            signature.append(f"{name}=_NO_VALUE")
            values.append(f"{name!r}: _factory_{name}() if {name} is _NO_VALUE else {name}")
        else:
            signature.append(name)
            values.append(f"{name!r}: {name}")
    namespace["_NO_VALUE"] = object()
    post_init = "\n    self.__post_init__()" if hasattr(cls, "__post_init__") else ""
    source = (
        f"def __init__(self, {', '.join(signature)}):\n"
        f"    self.__dict__.update({{{', '.join(values)}}}){post_init}\n"
    )
    exec(source, namespace)  # the same technique as dataclasses' own generated __init__
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[method-assign]
    return cls
