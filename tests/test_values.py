"""fast_init: frozen dataclasses built in one step stay what dataclasses make of them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect

import pytest

from vereinbarung.law.rule import Span, TermRule
from vereinbarung.law.terms import DayStatus
from vereinbarung.law.values import fast_init
from vereinbarung.law.workdays import PracticalDay
from vereinbarung.state.day import AgreementState
from vereinbarung.state.endings import Endings
from vereinbarung.state.facts import Dated, NoticeOutcome


@fast_init
@dataclasses.dataclass(frozen=True)
class _Sample:
    required: int
    default: str = "a"
    listed: list[int] = dataclasses.field(default_factory=lambda: [1])
    kept: list[int] = dataclasses.field(default_factory=list, init=False, compare=False)

    def __post_init__(self) -> None:
        if self.required < 0:
            raise ValueError("negative")


@dataclasses.dataclass(frozen=True)
class _Plain:
    required: int
    default: str = "a"
    listed: list[int] = dataclasses.field(default_factory=lambda: [1])


def test_fields_defaults_and_factories_as_dataclasses_sets_them() -> None:
    sample = _Sample(3)
    assert (sample.required, sample.default, sample.listed, sample.kept) == (3, "a", [1], [])
    assert _Sample(3).listed is not sample.listed  # a fresh value per instance
    assert _Sample(3).kept is not sample.kept
    assert _Sample(4, "b", [2]) == _Sample(required=4, default="b", listed=[2])
    plain = _Plain(4, "b", [2])
    assert dataclasses.astuple(_Sample(4, "b", [2]))[:3] == dataclasses.astuple(plain)
    assert repr(_Sample(4)) == "_Sample(required=4, default='a', listed=[1], kept=[])"


def test_still_frozen_hashable_and_replaceable() -> None:
    sample = _Sample(3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        sample.required = 4  # type: ignore[misc]
    span = Span(dt.date(2026, 1, 1), None, 0)
    assert hash(span) == hash(Span(dt.date(2026, 1, 1), None, 0))
    assert dataclasses.replace(span, index=2) == Span(dt.date(2026, 1, 1), None, 2)


def test_post_init_runs() -> None:
    with pytest.raises(ValueError, match="negative"):
        _Sample(-1)
    with pytest.raises(Exception, match="vor dem Inkrafttreten"):
        TermRule(effective=dt.date(2026, 1, 1), first_end=dt.date(2025, 1, 1))


def test_refuses_classes_it_would_break() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Slotted:
        x: int

    @dataclasses.dataclass
    class Mutable:
        x: int

    for cls in (Slotted, Mutable, int):
        with pytest.raises(TypeError, match="fast_init"):
            fast_init(cls)


@pytest.mark.parametrize(
    "cls", [Span, TermRule, DayStatus, Dated, NoticeOutcome, Endings, PracticalDay, AgreementState]
)
def test_the_package_classes_keep_their_dataclass_signature(cls: type) -> None:
    init = vars(cls)["__init__"]
    parameters = list(inspect.signature(init).parameters.values())[1:]
    expected = [f for f in dataclasses.fields(cls) if f.init]
    assert [p.name for p in parameters] == [f.name for f in expected]
    for parameter, field in zip(parameters, expected, strict=True):
        if field.default is not dataclasses.MISSING:
            assert parameter.default == field.default
        elif field.default_factory is dataclasses.MISSING:
            assert parameter.default is inspect.Parameter.empty
    assert init.__qualname__ == f"{cls.__qualname__}.__init__"
