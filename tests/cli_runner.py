"""Running the command-line tool inside a test: exit code, stdout, stderr, never a traceback."""

from __future__ import annotations

import pytest

from vereinbarung.cli import main as cli


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``vereinbarung ARGS``; return (exit code, stdout, stderr); fail on a traceback."""
    with pytest.raises(SystemExit) as info:
        cli.main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return int(info.value.code or 0), out, err
