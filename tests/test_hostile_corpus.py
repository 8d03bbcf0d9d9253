"""Every file of the generated hostile corpus gets a German answer: exit 0 or 2, no traceback.

The error names the file and, where the model refuses a value, the field; the folder run still
answers the good seed among the bad files (issue 10).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .cli_runner import run
from .hostile_corpus import SEED, generated

CORPUS = generated()


def test_the_corpus_has_more_than_150_files() -> None:
    assert len(CORPUS) > 150


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("feindlich")
    for name, content in CORPUS.items():
        (path / name).write_bytes(content)
    shutil.copy(SEED, path / "gut.yaml")
    return path


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_bad_file_gets_a_german_answer(
    folder: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = folder / name
    for command in ("deadlines", "status"):
        code, out, err = run(capsys, command, str(path), "--on", "2026-11-21")
        assert code in (0, 2), (command, out, err)
        if code == 2:
            assert name in err  # the file is named
            assert err.startswith("Fehler") or "Fehler:" in err, err


def test_errors_name_the_field(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "deadlines", str(folder / "term-effective--31.02.2026.json"))
    assert code == 2
    assert "term › effective" in err
    assert "31.02.2026" in err


def test_the_good_file_is_answered_in_the_folder_run(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "deadlines", str(folder), "--on", "2026-11-21", "--format", "json")
    assert code == 2  # bad files among them
    records = json.loads(out)
    good = next(r for r in records if r["file"].endswith("gut.yaml"))
    assert good["error"] is None
    assert good["notice_deadline"] == "2028-06-30"
    assert sum(r["error"] is not None for r in records) >= len(CORPUS) // 2
