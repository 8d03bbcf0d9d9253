"""README.md opens with two commands; CI runs the second (the tests) verbatim."""

from __future__ import annotations

import re
from pathlib import Path

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
