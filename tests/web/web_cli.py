"""Running ``vereinbarung web …`` commands inside a web test: the test database is set up by
pytest-django already, so the command's own :func:`vereinbarung.web.command.setup` (Django
set-up, migrations – and logging handlers bound to this test's captured stderr, which later
tests would write to after it is closed) is left out."""

from __future__ import annotations

import pytest

from tests.cli_runner import run


def run_web(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[int, str, str]:
    """Run ``vereinbarung web ARGS`` without its set-up; (exit code, stdout, stderr)."""
    monkeypatch.setattr("vereinbarung.web.command.setup", lambda **_: None)
    return run(capsys, "web", *args)
