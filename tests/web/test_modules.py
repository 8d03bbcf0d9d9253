"""Every module of the web package has a docstring and passes its doctests (with Django)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import vereinbarung.web

MODULES = [m.name for m in pkgutil.walk_packages(vereinbarung.web.__path__, "vereinbarung.web.")]


@pytest.mark.parametrize("name", MODULES)
def test_web_module_docstrings(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__doc__, name
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_cli_without_django_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.util

    from tests.cli_runner import run

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda n, *a: None if n == "django" else real(n, *a)
    )
    code, _, err = run(capsys, "web")
    assert code == 2
    assert 'pip install "vereinbarung[web]"' in err
