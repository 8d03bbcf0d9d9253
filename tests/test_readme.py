"""README.md opens with two commands; CI runs the second (the tests) verbatim."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .cli_runner import run

ROOT = Path(__file__).parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)[:2]


def test_readme_opens_with_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = text.index("```sh")
    assert text[:first_block].strip() == "# vereinbarung"
    run, test = readme_commands()
    assert "vereinbarung deadlines examples/kinderschutz-rhein-kreis-neuss.yaml" in run
    assert (ROOT / "examples" / "kinderschutz-rhein-kreis-neuss.yaml").is_file()
    assert "pytest" in test


def test_ci_runs_the_readme_test_command() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    run, test = readme_commands()
    assert test in ci_lines
    assert run.split("&& ")[-1] in ci_lines


def test_the_example_output_in_the_readme_is_what_the_tool_prints(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # the README runs it from the checkout
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "$ vereinbarung deadlines examples/kinderschutz-rhein-kreis-neuss.yaml --on 21.11.2026 --explain\n"
    start = text.index(command) + len(command)
    shown = text[start : text.index("```", start)]
    code, out, _ = run(capsys, *command.split()[2:])
    assert code == 0
    assert out == shown
