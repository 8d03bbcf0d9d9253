"""Hostile input: every bad file ends in a German error (exit 2), never a hang or a traceback."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vereinbarung.errors import VereinbarungError
from vereinbarung.files import limits
from vereinbarung.files.io import find_agreement_files, load_agreement

from .cli_runner import run

EXAMPLES = Path(__file__).parent.parent / "examples"
SEED = EXAMPLES / "kinderschutz-rhein-kreis-neuss.yaml"
SEED_TEXT = SEED.read_text(encoding="utf-8")


def _error(path: Path) -> str:
    with pytest.raises(VereinbarungError) as info:
        load_agreement(path)
    return info.value.message


def _term(block: str) -> str:
    return SEED_TEXT[: SEED_TEXT.index("term:\n")] + block + SEED_TEXT[SEED_TEXT.index("\n# § 6") :]


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("tief.json", "[" * 50_000 + "]" * 50_000, "zu tief verschachtelt"),
        ("tief-objekt.json", '{"a":' * 3_000 + "1" + "}" * 3_000, "zu tief verschachtelt"),
        ("tief.yaml", "".join(" " * i + "k:\n" for i in range(1_000)) + " " * 1_000 + "v\n", "Zeile 65, Spalte 65: zu tief"),
        ("fluss.yaml", "a: " + "[" * 100_000 + "]" * 100_000 + "\n", "Zeile 1, Spalte 67: zu tief"),
        ("zahl.json", '{"title": ' + "9" * 5_000 + "}", "mehr als 30 Stellen"),
        ("zahl.yaml", "title: " + "9" * 5_000 + "\n", "Zeile 1, Spalte 8: die Zahl"),
        ("lachen.yaml", "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n"
            for i in range(12)
        ), "mehr als 200.000 Werte"),
        ("tab.yaml", "title:\n\tx: 1\n", "Zeile 2, Spalte 1"),
        ("komma.json", '{"title": "a",}', "Zeile 1, Spalte 15: hier wird ein Schlüssel"),
    ],
)  # fmt: skip
def test_built_to_exhaust_the_reader(
    tmp_path: Path, name: str, content: str, fragment: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    message = _error(path)
    assert fragment in message
    assert message.startswith(str(path))


def test_a_shared_alias_within_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "anker.yaml"
    party = SEED_TEXT.index("parties:\n")
    path.write_text(SEED_TEXT[:party] + "x-liste: &liste [1, 2, 3]\n" + SEED_TEXT[party:])
    assert "unbekannter Schlüssel »x-liste«" in _error(path)  # read, then judged by the model
    limits.check_yaml_events("a: &a [1, 2]\nb: *a\nc: *a\n", "x.yaml")


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert "keine gewöhnliche Datei" in _error(fifo)  # refused at once, not waited on
    assert "keine gewöhnliche Datei" in _error(Path("/dev/zero"))


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gross.yaml"
    path.write_bytes(b"# " + b"x" * limits.MAX_FILE_BYTES + b"\n")
    assert "zu groß für eine Vereinbarungsdatei (höchstens 2,0 MB)" in _error(path)


@pytest.mark.parametrize(
    ("block", "fragment"),
    [
        ("term:\n  effective: 9998-01-01\n  ends: 9999-12-31\n  renewal: 2 Jahre\n  notice: 6 Monate\n  notice_to: term_end\n", "über das Jahr 9999"),
        ("term:\n  effective: 9999-01-01\n  duration: 5 Jahre\n  notice: 6 Monate\n  notice_to: term_end\n", "über das Jahr 9999"),
        ("term:\n  effective: 2023-02-01\n  notice: 999999 Jahre\n  notice_to: year_end\n", "mehr als 100 Jahren"),
        ("term:\n  effective: 2023-02-01\n  notice: P99999999D\n  notice_to: year_end\n", "mehr als 100 Jahren"),
    ],
)  # fmt: skip
def test_dates_near_the_end_of_the_calendar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], block: str, fragment: str
) -> None:
    path = tmp_path / "ende.yaml"
    path.write_text(_term(block), encoding="utf-8")
    for command in ("deadlines", "status"):
        code, _, err = run(capsys, command, str(path), "--on", "2026-11-21")
        assert code == 2
        assert fragment in err
        assert str(path) in err


def test_record_refuses_a_notice_period_of_999999_years(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "v.yaml"
    shutil.copy(SEED, path)
    before = path.read_bytes()
    code, _, err = run(
        capsys, "record", str(path), "amendment", "--date", "2026-11-01", "--effective",
        "2027-01-01", "--text", "Neue Frist", "--term", "notice=999999 Jahre",
    )  # fmt: skip
    assert code == 2
    assert "mehr als 100 Jahren" in err
    assert path.read_bytes() == before


def test_an_amount_of_ten_to_the_26_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "betrag.yaml"
    costs = "  section: 6\n  key: equal\n  amount: 1" + "0" * 26 + "\n"
    path.write_text(SEED_TEXT.replace("  section: 6\n", costs), encoding="utf-8")
    assert "Feld costs › amount" in _error(path)
    assert "zu groß" in _error(path)


def test_folder_mode_answers_the_others_when_one_file_fails_unexpectedly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from vereinbarung.exports import reports

    for name in ("a.yaml", "b.yaml"):
        shutil.copy(SEED, tmp_path / name)
    original = reports.state_on  # type: ignore[attr-defined]

    def failing(agreement: Any, *args: Any, **kwargs: Any) -> Any:
        if failing.calls == 0:  # type: ignore[attr-defined]
            failing.calls = 1  # type: ignore[attr-defined]
            raise TypeError("ein Fehler im Programm")
        return original(agreement, *args, **kwargs)

    failing.calls = 0  # type: ignore[attr-defined]
    monkeypatch.setattr(reports, "state_on", failing)
    code, out, err = run(
        capsys, "deadlines", str(tmp_path), "--on", "2026-11-21", "--format", "json"
    )
    assert code == 2
    records = json.loads(out)
    assert [r["error"] is None for r in records].count(True) == 1
    assert "a.yaml: unerwarteter Fehler (TypeError)" in err


def test_an_unreadable_subfolder_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(SEED, tmp_path / "a.yaml")
    (tmp_path / "gesperrt").mkdir()
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if str(path).endswith("gesperrt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = find_agreement_files([tmp_path])
    assert found == [tmp_path / "gesperrt", tmp_path / "a.yaml"]
    monkeypatch.setattr(os, "scandir", real_scandir)
    message = _error(tmp_path / "gesperrt")
    assert "ist ein Ordner" in message  # readable here; unreadable, the reason is given:
    monkeypatch.setattr(os, "open", _refuse_open)
    assert "die Dateien darin wurden nicht geprüft" in _error(tmp_path / "gesperrt")


def _refuse_open(path: Any, *_: Any, **__: Any) -> int:
    raise PermissionError(13, "Permission denied", str(path))


# -- fuzzing: only VereinbarungError or success -------------------------------------------------

_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=30,
)
_KEYS = st.sampled_from(["title", "parties", "term", "costs", "events", "sections", "name", "effective", "notice", "ends", "amount", "type", "date"])  # fmt: skip
_SHAPED = st.recursive(
    st.sampled_from(["2023-02-01", "9999-12-31", "6 Monate", "999999 Jahre", "Stadt Neuss", "", "0"])
    | st.integers() | st.none(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(_KEYS, children, max_size=5),
    max_leaves=25,
)  # fmt: skip


def _loads_or_german(path: Path) -> None:
    message = str(path)
    try:
        load_agreement(path)
    except VereinbarungError as exc:
        message = exc.message
    assert message.startswith(str(path))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=400), suffix=st.sampled_from([".yaml", ".json"]))
def test_fuzz_bytes(tmp_path: Path, content: bytes, suffix: str) -> None:
    path = tmp_path / f"zufall{suffix}"
    path.write_bytes(content)
    _loads_or_german(path)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=_JSON_VALUES | _SHAPED, as_json=st.booleans())
def test_fuzz_documents(tmp_path: Path, data: Any, as_json: bool) -> None:
    path = tmp_path / ("dok.json" if as_json else "dok.yaml")
    path.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML 1.2 as well
    _loads_or_german(path)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cut=st.integers(0, len(SEED_TEXT)),
    length=st.integers(0, 40),
    insert=st.text(alphabet="[]{}&*!:-#'\"\t\n 0123456789abc|>%@`", max_size=12),
)
def test_fuzz_damaged_seed(tmp_path: Path, cut: int, length: int, insert: str) -> None:
    path = tmp_path / "kaputt.yaml"
    path.write_text(SEED_TEXT[:cut] + insert + SEED_TEXT[cut + length :], encoding="utf-8")
    _loads_or_german(path)


def test_a_docx_that_unpacks_too_far_is_not_read(tmp_path: Path) -> None:
    import zipfile

    from vereinbarung.files.archive import check_docx
    from vereinbarung.importing.text import read_docx

    bomb = tmp_path / "bombe.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("word/document.xml", b"\0" * (limits.MAX_FILE_BYTES * 60))
    with pytest.raises(VereinbarungError, match="höchstens 100 MB"):
        read_docx(bomb)
    ratio = tmp_path / "verhältnis.docx"
    with zipfile.ZipFile(ratio, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (20 * 1024**2))
    with pytest.raises(VereinbarungError, match="höchstens 200-mal"):
        check_docx(ratio)
    broken = tmp_path / "kaputt.docx"
    broken.write_bytes(b"kein zip")
    with pytest.raises(VereinbarungError, match="kein gültiges Zip-Archiv"):
        read_docx(broken)
