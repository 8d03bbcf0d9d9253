"""``costs --format csv`` for German Excel: UTF-8 with BOM, semicolons, decimal commas, CRLF in
a file written with ``-o``; an existing file only with ``--force``."""

from __future__ import annotations

from pathlib import Path

import pytest

from .cli_runner import run

EXAMPLE = Path(__file__).parent.parent / "examples" / "adoptionsvermittlung-rhein-kreis-neuss.yaml"


def test_csv_file_for_excel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "umlage.csv"
    args = ["costs", str(EXAMPLE), "--year", "2025", "--format", "csv", "-o", str(target)]
    code, out, err = run(capsys, *args)
    assert code == 0
    assert out == ""
    assert f"Geschrieben: {target}" in err
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfHaushaltsjahr;Partei;")
    assert b"\r\n" in raw
    text = raw.decode("utf-8-sig")
    assert "Gemeinde Jüchen" in text
    assert "2025;Stadt Grevenbroich;Einwohner 63.117;13,9486;26502,40;30.06.2025" in text
    before = target.read_bytes()
    code, _, err = run(capsys, *args)
    assert code == 2
    assert "die Datei gibt es schon" in err
    assert target.read_bytes() == before
    code, _, _ = run(capsys, *args, "--force")
    assert code == 0
