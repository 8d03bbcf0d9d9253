"""The public API: flat, sorted, documented; doctests of the modules run."""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil

import pytest

import vereinbarung


def test_all_is_sorted_and_complete() -> None:
    # isort-style, as ruff keeps it: CONSTANTS, then Classes, then functions, each alphabetical
    def kind(name: str) -> tuple[int, str]:
        if name.isupper():
            return (0, name)
        return (1, name) if name[:1].isupper() else (2, name)

    assert vereinbarung.__all__ == sorted(vereinbarung.__all__, key=kind)
    for name in vereinbarung.__all__:
        assert hasattr(vereinbarung, name), name
    assert {
        "Agreement",
        "PLACEHOLDER_DAY",
        "Period",
        "TermRule",
        "load_agreement",
        "state_on",
    } <= set(vereinbarung.__all__)
    # the web form offers the Länder and local holidays and shows the term clause it writes
    assert {"LANDS", "LOCAL_HOLIDAYS", "term_paragraphs"} <= set(vereinbarung.__all__)
    assert "LetterOptions" in vereinbarung.__all__  # render_agreement(letter_options=…)


def test_public_objects_are_documented() -> None:
    for name in vereinbarung.__all__:
        obj = getattr(vereinbarung, name)
        if isinstance(obj, type) or inspect.isfunction(obj):
            assert obj.__doc__, name


MODULES = [
    m.name.removeprefix("vereinbarung.")
    for m in pkgutil.walk_packages(vereinbarung.__path__, "vereinbarung.")
    if not m.name.endswith("__main__")
    and not m.name.startswith("vereinbarung.web")  # needs Django: tests/web/test_modules.py
]


@pytest.mark.parametrize("name", MODULES)
def test_module_docstrings_and_doctests(name: str) -> None:
    module = importlib.import_module(f"vereinbarung.{name}")
    assert module.__doc__, name
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_package_is_typed() -> None:
    from importlib.resources import files

    assert files("vereinbarung").joinpath("py.typed").is_file()
