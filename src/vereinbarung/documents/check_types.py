"""The types a template can reach, read from the type hints of the document views.

For :mod:`vereinbarung.documents.check_walk`: the fields of a dataclass or model (also its
properties and methods), the element type of a list, whether a value can be None. Where the
check cannot know, the type is :data:`UNKNOWN` and nothing is reported.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import inspect
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from pydantic import BaseModel

from vereinbarung.documents.context import AgreementContext, OverviewContext

__all__ = [
    "CONTEXTS",
    "LOOP_FIELDS",
    "UNKNOWN",
    "ContextKind",
    "Loop",
    "Method",
    "Unknown",
    "attributes",
    "context_types",
    "element_type",
    "is_sequence",
    "nullable",
    "strip_optional",
    "type_hints",
]


ContextKind = Literal["agreement", "overview"]


CONTEXTS: dict[ContextKind, type[Any]] = {
    "agreement": AgreementContext,
    "overview": OverviewContext,
}


class Unknown:
    """A value whose type the check does not know: nothing below it is checked."""


UNKNOWN: Any = Unknown


@dataclass(frozen=True)
class Method:
    returns: Any


LOOP_FIELDS = (
    "index", "index0", "revindex", "revindex0", "first", "last", "length", "cycle",
    "depth", "depth0", "previtem", "nextitem", "changed",
)  # fmt: skip


class Loop:
    """The ``loop`` variable inside ``{% for %}``."""


def strip_optional(tp: Any) -> Any:
    origin = get_origin(tp)
    if origin is Union or origin is types.UnionType:
        args = [a for a in get_args(tp) if a is not type(None)]
        return args[0] if len(args) == 1 else UNKNOWN
    if origin is typing.Annotated:
        return strip_optional(get_args(tp)[0])
    if origin is Literal:
        return str if all(isinstance(a, str) for a in get_args(tp)) else UNKNOWN
    return tp


def nullable(tp: Any) -> bool:
    origin = get_origin(tp)
    return (origin is Union or origin is types.UnionType) and type(None) in get_args(tp)


def element_type(tp: Any) -> Any:
    tp = strip_optional(tp)
    origin = get_origin(tp)
    if origin in (tuple, list, Sequence) or (
        isinstance(origin, type) and issubclass(origin, Sequence | list | tuple)
    ):
        args = [a for a in get_args(tp) if a is not Ellipsis]
        return strip_optional(args[0]) if len(args) == 1 else UNKNOWN
    if tp is str:
        return str
    return UNKNOWN


def is_sequence(tp: Any) -> bool:
    origin = get_origin(strip_optional(tp))
    return origin in (tuple, list) or (isinstance(origin, type) and issubclass(origin, Sequence))


def type_hints(obj: Any) -> dict[str, Any]:
    try:
        return get_type_hints(obj)
    except Exception:  # an unresolvable forward reference: leave unchecked
        return {}


@lru_cache(maxsize=256)
def attributes(tp: Any) -> dict[str, Any] | None:
    """Attribute name → type for objects of type *tp*; None where the check cannot know."""
    if tp is Loop:
        return dict.fromkeys(LOOP_FIELDS, UNKNOWN)
    if not isinstance(tp, type) or tp is Unknown:
        return None
    names: dict[str, Any] = {}
    if tp in (str, int, float, dt.date, dt.datetime, bool):
        for name in dir(tp):
            if not name.startswith("_"):
                member = getattr(tp, name)
                names[name] = Method(UNKNOWN) if callable(member) else UNKNOWN
        if tp is str:
            names.update({n: Method(str) for n in ("upper", "lower", "title", "strip")})
        return names
    if issubclass(tp, enum.Enum):
        names.update({"name": str, "value": UNKNOWN})
        for name in dir(tp):
            if not name.startswith("_") and isinstance(getattr(tp, name, None), property):
                names[name] = UNKNOWN
        names.update({n: Method(UNKNOWN) for n in dir(str) if not n.startswith("_")})
        return names
    if dataclasses.is_dataclass(tp):
        hints = type_hints(tp)
        names.update({f.name: hints.get(f.name, UNKNOWN) for f in dataclasses.fields(tp)})
        classes: list[type[Any]] = [tp]
    elif issubclass(tp, BaseModel):
        hints = type_hints(tp)
        names.update({n: hints.get(n, UNKNOWN) for n in tp.model_fields})
        classes = [c for c in tp.__mro__ if issubclass(c, BaseModel) and c is not BaseModel]
    else:
        return None
    for cls in classes:
        for name, member in vars(cls).items():
            if name.startswith("_") or name in names:
                continue
            if isinstance(member, property) and member.fget is not None:
                names[name] = type_hints(member.fget).get("return", UNKNOWN)
            elif isinstance(member, cached_property):
                names[name] = type_hints(member.func).get("return", UNKNOWN)
            elif inspect.isfunction(member):
                names[name] = Method(type_hints(member).get("return", UNKNOWN))
    return names


def context_types(kind: ContextKind) -> dict[str, Any]:
    cls = CONTEXTS[kind]
    hints = type_hints(cls)
    return {f.name: strip_optional(hints.get(f.name, UNKNOWN)) for f in dataclasses.fields(cls)}
