"""The command-line tool: German output, exit codes, JSON contract."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vereinbarung.cli import main as cli
from vereinbarung.exports.reports import JSON_KEYS

from .cli_runner import run

EXAMPLES = Path(__file__).parent.parent / "examples"
SEED = EXAMPLES / "kinderschutz-rhein-kreis-neuss.yaml"


def test_deadlines_of_the_seed_on_the_reference_day(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadlines", str(SEED), "--on", "21.11.2026")
    assert code == 0
    assert out.startswith("Fristen am 21.11.2026\n")
    row = next(line for line in out.splitlines() if "kinderschutz" in line)
    assert row.split()[:5] == ["30.06.2028", "587", "31.12.2028", "31.12.2026", "in"]


def test_deadlines_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadlines", str(SEED), "--on", "2026-11-21", "--format", "json")
    assert code == 0
    (record,) = json.loads(out)
    assert tuple(record) == JSON_KEYS
    assert record["file"] == str(SEED)
    assert record["title"].startswith("Kooperationsvereinbarung über die interkommunale")
    assert record["status"] == "in_force"
    assert record["current_term_end"] == "2026-12-31"
    assert record["terminates_on"] == "2028-12-31"
    assert record["notice_deadline"] == "2028-06-30"
    assert record["missed_notice_deadline"] == "2026-06-30"
    # six parties, no on_party_notice: the same hint as `status` and `check` give
    assert record["warnings"] == [
        "Die Vereinbarung regelt nicht, was die Kündigung einer Partei bewirkt "
        "(on_party_notice); angenommen: die kündigende Partei scheidet aus."
    ]
    assert record["error"] is None
    assert any("Zugang spätestens 30.06.2028" in line for line in record["explanation"])


def test_explain_prints_the_derivation(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "deadlines", str(SEED), "--on", "2026-11-21", "--explain")
    assert "Kündigung zum 31.12.2026 nicht mehr möglich" in out
    assert "(§§ 187 Abs. 1, 188 Abs. 2 BGB)" in out


def test_folder_most_urgent_first_and_bad_file_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for example in EXAMPLES.glob("*.yaml"):
        shutil.copy(example, tmp_path / example.name)
    (tmp_path / "kaputt.yaml").write_text(
        "title: X\nterm: {effective: 31.02.2023}\n", encoding="utf-8"
    )
    code, out, err = run(
        capsys, "deadlines", str(tmp_path), "--on", "2026-11-21", "--format", "json"
    )
    assert code == 2
    assert "kaputt.yaml: Feld term › effective: »31.02.2023« ist kein gültiges Datum" in err
    records = json.loads(out)
    assert len(records) == len(list(EXAMPLES.glob("*.yaml"))) + 1
    assert records[0]["error"] is not None  # the bad file first, then by urgency
    deadlines = [r["notice_deadline"] for r in records[1:] if r["notice_deadline"]]
    assert deadlines == sorted(deadlines)
    code, out, err = run(capsys, "deadlines", str(tmp_path), "--on", "2026-11-21")
    assert code == 2
    assert "Fehler:" in err
    assert "kinderschutz-rhein-kreis-neuss.yaml" in out


def test_default_day_is_today_in_berlin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "today_in_berlin", lambda: dt.date(2026, 6, 30))
    _, out, _ = run(capsys, "deadlines", str(SEED))
    assert out.startswith("Fristen am 30.06.2026")
    assert "30.06.2026  0" in out  # last day of receipt is today


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["deadlines", str(SEED), "--on", "31.02.2026"], "»31.02.2026« ist kein gültiges Datum"),
        (["deadlines", str(SEED), "--format", "xml"], "Ungültiger Wert für '--format'"),
        (["deadlines"], "Es fehlt das Argument"),
        (["deadline", str(SEED)], "Gemeint ist vielleicht 'deadlines'"),
        (["deadlines", "gibt-es-nicht.yaml"], "Datei nicht gefunden"),
    ],
)
def test_bad_input_exits_2_in_german(
    capsys: pytest.CaptureFixture[str], args: list[str], fragment: str
) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert fragment in err


def test_empty_folder_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "deadlines", str(tmp_path))
    assert code == 2
    assert "Keine Vereinbarungsdateien" in err


def test_check_reports_the_gap_of_the_seed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(EXAMPLES))
    assert code == 0
    assert "Lücke in der Zählung: nach § 3 folgt § 5 (§ 4 fehlt)" in out
    assert run(capsys, "check", "--strict", str(SEED))[0] == 1


def test_check_bad_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "a.json"
    bad.write_text('{"title": "X"}', encoding="utf-8")
    code, out, err = run(capsys, "check", str(bad))
    assert code == 2
    assert "Feld parties: fehlt (Pflichtfeld)." in err
    assert "1 fehlerhaft" in out


def test_schema_is_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    document = json.loads(out)
    assert code == 0
    assert document["title"] == "Vereinbarung"
    assert set(document["required"]) == {"title", "parties", "term"}


def test_help_is_german(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadlines", "--help")
    assert code == 0
    assert out.startswith("Aufruf: vereinbarung deadlines [OPTIONEN] PFAD…")
    assert "Optionen:" in out
    assert "Diese Hilfe anzeigen" in out


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "vereinbarung", "deadlines", str(SEED), "--on", "2026-11-21"],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "31.12.2028" in result.stdout


def test_parallel_rows_equal_serial_rows(tmp_path: Path) -> None:
    from vereinbarung.exports.reports import deadline_rows
    from vereinbarung.files.io import find_agreement_files

    for example in EXAMPLES.glob("*.yaml"):
        for copy in range(3):
            shutil.copy(example, tmp_path / f"{copy}-{example.name}")
    (tmp_path / "kaputt.yaml").write_text("title: X\n", encoding="utf-8")
    files = find_agreement_files([tmp_path])
    on = dt.date(2026, 11, 21)
    serial = [row.to_json() for row in deadline_rows(files, on, workers=1)]
    parallel = [row.to_json() for row in deadline_rows(files, on, workers=2)]
    assert parallel == serial
    assert len(serial) == len(files)


def test_check_lifecycle_and_cost_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "a.yaml"
    path.write_text(text + "\nevents:\n  - {type: approved, date: 2023-01-10}\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", str(path))
    assert "Feld on_party_notice: nicht geregelt" in out
    assert "regime ist contract" in out
    path.write_text(
        re.sub(r"(?m)^lead: .*\n", "", text).replace(
            "land: NW", "land: NW\non_party_notice: ends_if_lead_leaves"
        ),
        encoding="utf-8",
    )
    code, _, err = run(capsys, "check", str(path))
    assert code == 2
    assert "ends_if_lead_leaves braucht die federführende Partei (lead)" in err


def test_deadlines_take_recorded_events_into_account(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SEED.read_text(encoding="utf-8")
    ended = tmp_path / "aufgehoben.yaml"
    ended.write_text(
        text
        + "\nevents:\n  - {type: terminated_by_agreement, date: 2025-05-01, effective: 2025-06-30}\n",
        encoding="utf-8",
    )
    ending = tmp_path / "gekuendigt.yaml"
    ending.write_text(
        text
        + "\non_party_notice: ends_for_all\nevents:\n  - type: notice\n    by: Stadt Kaarst\n    received: {Stadt Dormagen: 2026-06-01, Stadt Grevenbroich: 2026-06-01, Stadt Meerbusch: 2026-06-01, Rhein-Kreis-Neuss: 2026-06-01, Stadt Neuss: 2026-06-01}\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "deadlines", str(tmp_path), "--on", "2026-11-21", "--format", "json")
    assert code == 0
    records = {Path(r["file"]).name: r for r in json.loads(out)}
    assert records["aufgehoben.yaml"]["status"] == "ended"
    assert records["aufgehoben.yaml"]["lifecycle_status"] == "ended"
    assert records["aufgehoben.yaml"]["notice_deadline"] is None
    assert records["gekuendigt.yaml"]["lifecycle_status"] == "notice_given"
    assert records["gekuendigt.yaml"]["terminates_on"] == "2026-12-31"
    assert records["gekuendigt.yaml"]["notice_deadline"] is None
    assert any("Beendigung erklärt" in w for w in records["gekuendigt.yaml"]["warnings"])
