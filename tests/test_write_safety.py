"""Writing agreement files: concurrent writers queue, a killed writer breaks nothing, the file
stays what it was (link, mode, line endings, untouched parts)."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import shutil
import signal
import stat
import time
from pathlib import Path

import pytest

from vereinbarung.errors import VereinbarungError
from vereinbarung.files.io import load_agreement
from vereinbarung.files.recording import append_event
from vereinbarung.files.writing import write_atomic

from .cli_runner import run

EXAMPLES = Path(__file__).parent.parent / "examples"
SEED = EXAMPLES / "kinderschutz-rhein-kreis-neuss.yaml"
TODAY = dt.date(2030, 1, 1)


def _amendment(number: int) -> dict[str, str]:
    return {
        "type": "amendment",
        "date": (dt.date(2026, 1, 1) + dt.timedelta(days=number)).isoformat(),
        "effective": "2027-01-01",
        "text": f"Änderung {number}",
    }


def _record_many(path: str, first: int, count: int, start: object) -> None:
    start.wait()  # type: ignore[attr-defined]
    for number in range(first, first + count):
        append_event(path, _amendment(number), today=TODAY)


def test_two_processes_recording_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "vereinbarung.yaml"
    shutil.copy(SEED, path)
    context = multiprocessing.get_context("fork")
    start = context.Barrier(2)
    workers = [
        context.Process(target=_record_many, args=(str(path), first, 8, start))
        for first in (0, 100)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    texts = sorted(e.text for e in load_agreement(path).events)  # type: ignore[union-attr]
    assert texts == sorted(f"Änderung {n}" for n in [*range(8), *range(100, 108)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vereinbarung.yaml"]  # no lock left


def _write_forever(path: str, contents: tuple[bytes, bytes]) -> None:
    while True:
        for content in contents:
            write_atomic(path, content, force=True)


def test_a_writer_killed_at_any_moment_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    path = tmp_path / "datei.yaml"
    contents = (b"a: 1\n" * 200_000, b"b: 2\n" * 150_000)
    path.write_bytes(contents[0])
    context = multiprocessing.get_context("fork")
    for delay in (0.05, 0.11, 0.2, 0.33, 0.47):
        writer = context.Process(target=_write_forever, args=(str(path), contents))
        writer.start()
        time.sleep(delay)
        assert writer.pid is not None
        os.kill(writer.pid, signal.SIGKILL)
        writer.join()
        assert path.read_bytes() in contents
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "datei.yaml"]
    assert all(name.endswith(".tmp") for name in leftovers)  # never a half file in its place


def test_record_through_a_symlink_updates_the_target_and_keeps_the_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "ablage" / "vereinbarung.yaml"
    real.parent.mkdir()
    shutil.copy(SEED, real)
    real.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    code, _, err = run(
        capsys, "record", str(link), "signed", "--party", "Stadt Neuss", "--date", "2023-01-10"
    )
    assert code == 0, err
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert "Stadt Neuss" in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_record_refuses_a_read_only_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "vereinbarung.yaml"
    shutil.copy(SEED, path)
    path.chmod(0o444)
    before = path.read_bytes()
    code, _, err = run(
        capsys, "record", str(path), "signed", "--party", "Stadt Neuss", "--date", "2023-01-10"
    )
    assert code == 2
    assert "schreibgeschützt" in err
    assert path.read_bytes() == before


def test_write_atomic_refuses_a_read_only_file(tmp_path: Path) -> None:
    path = tmp_path / "datei.txt"
    path.write_bytes(b"alt")
    path.chmod(0o444)
    with pytest.raises(VereinbarungError, match="schreibgeschützt"):
        write_atomic(path, b"neu", force=True)
    assert path.read_bytes() == b"alt"


def test_events_in_the_middle_and_crlf_keep_every_other_byte(tmp_path: Path) -> None:
    source = SEED.read_text(encoding="utf-8")
    at = source.index("preamble:")
    events = (
        "events:\n  - type: amendment\n    date: '2026-10-01'\n    effective: '2027-01-01'\n"
        "    text: Erste\n\n# Kommentar zur Präambel\n"
    )
    original = (source[:at] + events + source[at:]).replace("\n", "\r\n")
    path = tmp_path / "vereinbarung.yaml"
    path.write_bytes(original.encode("utf-8"))
    append_event(path, _amendment(5), today=TODAY)
    written = path.read_bytes().decode("utf-8")
    added = "  - type: amendment\r\n    date: '2026-01-06'\r\n    effective: '2027-01-01'\r\n    text: Änderung 5\r\n"
    cut = original.index("\r\n# Kommentar zur Präambel")
    assert written == original[:cut] + added + original[cut:]
    assert [e.text for e in load_agreement(path).events] == ["Erste", "Änderung 5"]  # type: ignore[union-attr]


def test_write_errors_are_german_and_name_the_path(tmp_path: Path) -> None:
    folder = tmp_path / "ordner"
    folder.mkdir()
    with pytest.raises(VereinbarungError, match="ist ein Ordner"):
        write_atomic(folder, b"x", force=True)
    if os.geteuid() != 0:
        locked_folder = tmp_path / "gesperrt"
        locked_folder.mkdir()
        locked_folder.chmod(0o500)
        try:
            with pytest.raises(VereinbarungError, match="keine Berechtigung"):
                write_atomic(locked_folder / "neu.ics", b"x")
        finally:
            locked_folder.chmod(0o700)


def _seed_json(indent: int | None, *, events_first: bool, crlf: bool = False) -> str:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(SEED.read_text(encoding="utf-8"))
    data["events"] = [{"type": "signed", "party": "Stadt Neuss", "date": "2023-01-10"}]
    if events_first:
        data = {"events": data.pop("events"), **data}
    text = json.dumps(data, ensure_ascii=False, indent=indent, default=str) + "\n"
    text = text.replace('"title": ', '"title":   ', 1)  # a hand-made layout a rewrite would lose
    return text.replace("\n", "\r\n") if crlf else text


@pytest.mark.parametrize(
    ("indent", "events_first", "crlf"),
    [(2, False, False), (4, True, False), (None, False, False), (2, True, True)],
)
def test_record_in_a_json_file_keeps_every_untouched_line(
    tmp_path: Path, indent: int | None, events_first: bool, crlf: bool
) -> None:
    path = tmp_path / "v.json"
    before = _seed_json(indent, events_first=events_first, crlf=crlf)
    path.write_bytes(before.encode("utf-8"))
    event = {"type": "signed", "party": "Stadt Kaarst", "date": "2023-01-11"}
    append_event(path, event, today=dt.date(2026, 11, 21))
    after = path.read_bytes().decode("utf-8")
    expected = json.loads(before)
    expected["events"].append(event)
    assert json.loads(after) == expected
    assert ("\r\n" in after) is crlf
    if indent is not None:  # every line outside the events list is still there, in order
        kept = [line for line in before.splitlines() if '"events"' not in line]
        lines = iter(after.splitlines())
        assert all(any(line == other for other in lines) for line in kept)
    else:
        assert after.count("\n") == before.count("\n")  # still one line
