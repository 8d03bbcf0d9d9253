"""Imports and user templates within bounds (issue 20).

* a .docx whose zip directory understates an entry's size is refused while inflating, after at
  most the bound on unpacked bytes, without the memory the entry would take;
* every import format (.txt, .md, .docx, .pdf) is read in the child process of the template
  limiter, with its time and memory limits; a text over 2 MB is refused before reading;
* damaged PDFs and Word files are a German error naming the file (exit 2), never a traceback
  or an »unerwarteter Fehler«;
* the child of ``render`` with a user's template has a CPU limit of its own and dies with its
  parent: killing ``render`` (SIGKILL, SIGTERM, SIGINT) leaves nothing computing (read from
  /proc, psutil is not needed).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from vereinbarung.errors import VereinbarungError
from vereinbarung.files.archive import check_docx
from vereinbarung.importing import importer

from .cli_runner import run
from .hostile_uploads import SEED_TEXT, good_pdf, long_text, lying_docx, malformed_pdfs

ROOT = Path(__file__).parent.parent
SEED = ROOT / "examples" / "kinderschutz-rhein-kreis-neuss.yaml"
MB = 1024**2


def _in_subprocess(*args: str, timeout: float = 120) -> tuple[int, str, float, int]:
    """``vereinbarung ARGS`` in a new process: exit code, stderr, seconds and the peak resident
    memory (MB) of that process and every process it started."""
    script = textwrap.dedent(
        """
        import resource, subprocess, sys, time
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "vereinbarung", *sys.argv[1:]],
                              capture_output=True, text=True)
        seconds = time.monotonic() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
        sys.stdout.write(f"{done.returncode} {seconds:.3f} {peak}\\n")
        sys.stdout.write(done.stderr)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        check=True,
    )
    first, _, err = done.stdout.partition("\n")
    code, seconds, peak = first.split()
    return int(code), err, float(seconds), int(peak)


# -- the zip directory is a claim ----------------------------------------------------------------


def test_a_docx_that_understates_its_size_is_refused_while_inflating(tmp_path: Path) -> None:
    bomb = lying_docx(tmp_path / "bombe.docx", real=400 * MB)
    assert bomb.stat().st_size < 2 * MB
    with zipfile.ZipFile(bomb) as archive:
        assert archive.getinfo("word/document.xml").file_size == 2048  # the lie
    with pytest.raises(VereinbarungError) as info:
        check_docx(bomb)
    message = info.value.message
    assert message.startswith(f"{bomb}: der Teil word/document.xml wäre entpackt über ")
    assert "mehr als 200-mal so groß wie gepackt" in message
    assert "das Verzeichnis des Archivs gibt 2 KB an" in message
    code, err, seconds, peak = _in_subprocess("import", str(bomb))
    assert code == 2
    assert f"{bomb}: der Teil word/document.xml wäre entpackt über" in err
    assert "Traceback" not in err
    assert not (tmp_path / "bombe.yaml").exists()
    # before: zipfile inflated all 400 MB at once (python-docx reads each part whole)
    assert peak < 250, f"{peak} MB"
    assert seconds < 15


def test_a_template_that_understates_its_size_is_refused_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = lying_docx(tmp_path / "vorlage.docx", real=150 * MB)
    code, _, err = run(capsys, "template-check", str(bomb))
    assert code == 2
    assert f"Vorlage {bomb}: der Teil word/document.xml wäre entpackt über" in err
    target = tmp_path / "aus.docx"
    code, _, err = run(capsys, "render", str(SEED), "-t", str(bomb), "-o", str(target))
    assert code == 2
    assert "das Verzeichnis des Archivs gibt 2 KB an" in err
    assert not target.exists()


def test_an_entry_larger_than_its_directory_says_but_within_bounds_is_refused(
    tmp_path: Path,
) -> None:
    import random

    noise = random.Random(20).randbytes(MB)  # does not pack: no ratio to catch it
    liar = lying_docx(tmp_path / "luege.docx", real=3 * MB, claimed=3000, piece=noise)
    with pytest.raises(VereinbarungError, match="das Verzeichnis des Archivs gibt 3000 an"):
        check_docx(liar)


def test_a_file_that_passed_is_checked_again_once_it_changed(tmp_path: Path) -> None:
    import shutil

    path = tmp_path / "vorlage.docx"
    shutil.copy(ROOT / "templates" / "steckbrief.docx", path)
    check_docx(path)
    check_docx(path)  # unchanged: remembered
    lying_docx(path, real=150 * MB)  # the same name, another file
    with pytest.raises(VereinbarungError, match="das Verzeichnis des Archivs gibt 2 KB an"):
        check_docx(path)


def _damage_entry(source: Path, target: Path, entry: str) -> Path:
    """*source* with bytes in the middle of *entry*'s compressed data overwritten."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(entry)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle : middle + 16] = b"\xff" * 16
    target.write_bytes(bytes(data))
    return target


def test_a_damaged_docx_is_a_german_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from .import_scoring import make_docx

    good = make_docx(SEED_TEXT.read_text(encoding="utf-8"), tmp_path / "gut.docx")
    damaged = _damage_entry(good, tmp_path / "kaputt.docx", "word/document.xml")
    code, _, err = run(capsys, "import", str(damaged))
    assert code == 2
    assert f"{damaged}: keine lesbare Word-Datei (.docx): der Teil word/document.xml ist " in err
    assert "unerwartet" not in err
    assert not (tmp_path / "kaputt.yaml").exists()
    # an unsupported version number in the zip directory (zipfile: NotImplementedError)
    data = bytearray(good.read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 6 : central + 8] = (136).to_bytes(2, "little")  # "needs version 13.6"
    version = tmp_path / "version.docx"
    version.write_bytes(bytes(data))
    code, _, err = run(capsys, "import", str(version))
    assert code == 2
    assert f"{version}: keine lesbare Word-Datei (.docx)" in err
    assert "unerwartet" not in err


# -- damaged PDFs --------------------------------------------------------------------------------


def test_damaged_pdfs_are_german_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, path in malformed_pdfs(tmp_path).items():
        code, _out, err = run(capsys, "import", str(path))
        if code == 2:
            assert err.startswith(f"Fehler: {path}: "), (name, err)
            assert "unerwartet" not in err, (name, err)
            assert "Traceback" not in err
            assert "EOF marker" not in err  # pypdf's English notes are not shown
        else:  # pypdf repaired it: then the text was read
            assert code in (0, 3), (name, err)
            # text of the seed was read (its cost clause; the damaged stream lost the title)
            assert "interkommunale Zusammenarbeit" in (tmp_path / f"{name}.yaml").read_text("utf-8")


def test_a_pdf_with_a_garbled_filter_is_a_german_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = malformed_pdfs(tmp_path)["filter-kaputt"]
    code, _, err = run(capsys, "import", str(path))
    assert code == 2
    assert f"{path}: keine lesbare PDF-Datei, sie ist beschädigt; bitte aus dem" in err
    assert "Error" not in err  # no English class name of pypdf's
    truncated = malformed_pdfs(tmp_path)["abgeschnitten"]
    code, _, err = run(capsys, "import", str(truncated))
    assert code == 2
    assert f"{truncated}: keine lesbare PDF-Datei" in err


def test_unprintable_characters_of_a_pdf_text_layer_are_dropped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken ToUnicode map gives lone surrogates and control characters: the text is read
    without them (before, the YAML could not be written: »unerwarteter Fehler«)."""
    from pypdf import PageObject

    extract = PageObject.extract_text

    def damaged(self: PageObject, *args: object, **kwargs: object) -> str:
        text = extract(self, *args, **kwargs)  # type: ignore[arg-type]
        assert " " in text
        return text.replace(" ", " \ud800\x00\x07", 5)

    monkeypatch.setattr(PageObject, "extract_text", damaged)
    source = good_pdf(tmp_path / "vertrag.pdf")
    code, _, err = run(capsys, "import", str(source))
    assert code in (0, 3), err
    written = (tmp_path / "vertrag.yaml").read_text(encoding="utf-8")
    assert "\x00" not in written
    assert "\\0" not in written


# -- every format in the limited child -----------------------------------------------------------


def _slow(*_args: object, **_kwargs: object) -> object:
    time.sleep(60)
    return None


def _greedy(*_args: object, **_kwargs: object) -> object:
    return len(bytearray(2 * 1024**3))


def _sources(folder: Path) -> list[Path]:
    """The seed agreement as .txt, .md and .pdf, and an example rendered as .docx."""
    import datetime as dt

    from vereinbarung.documents.render import render_agreement
    from vereinbarung.files.io import load_agreement

    text = SEED_TEXT.read_text(encoding="utf-8")
    txt = folder / "vertrag.txt"
    txt.write_text(text, encoding="utf-8")
    md = folder / "vertrag.md"
    md.write_text(text, encoding="utf-8")
    docx = folder / "vertrag.docx"
    docx.write_bytes(render_agreement(load_agreement(SEED), on=dt.date(2026, 1, 1)).content)
    return [txt, md, docx, good_pdf(folder / "vertrag.pdf")]


def test_every_import_format_stops_at_the_time_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "TIME_LIMIT", 2.0)
    monkeypatch.setattr(importer, "import_blocks", _slow)  # the work after reading hangs
    for source in _sources(tmp_path):
        started = time.monotonic()
        code, _, err = run(capsys, "import", str(source))
        assert time.monotonic() - started < 10, source
        assert code == 2, (source, err)
        assert f"{source}: das Lesen der Datei dauert länger als 2 Sekunden" in err
        assert not source.with_suffix(".yaml").exists()


def test_every_import_format_stops_at_the_memory_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "MEMORY_LIMIT", 256 * MB)
    monkeypatch.setattr(importer, "import_blocks", _greedy)
    for source in _sources(tmp_path):
        code, _, err = run(capsys, "import", str(source))
        assert code == 2, (source, err)
        assert f"{source}: das Lesen der Datei braucht mehr als 256 MB Arbeitsspeicher" in err


def test_an_import_answers_as_before_through_the_child(tmp_path: Path) -> None:
    for source in _sources(tmp_path):
        result = importer.import_agreement(source)
        assert result.source == str(source)
        assert len(result.agreement.parties) >= 2, source
    empty = tmp_path / "leer.md"
    empty.write_text("# Nichts\n\nKein Vertrag.\n", encoding="utf-8")
    with pytest.raises(importer.NotAnAgreementError):  # its own kind, through the pipe
        importer.import_agreement(empty)


def test_a_text_over_two_megabytes_is_refused_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = long_text(tmp_path / "lang.txt", 19 * MB)
    started = time.monotonic()
    code, _, err = run(capsys, "import", str(big))
    assert time.monotonic() - started < 5
    assert code == 2
    assert f"{big}: ist mit 19,0 MB zu groß für den Text einer Vereinbarung" in err
    assert "höchstens 2,0 MB" in err


# -- the template's child: CPU limit, dies with its parent ---------------------------------------


def _cpu_limit() -> tuple[int, int]:
    import resource

    return resource.getrlimit(resource.RLIMIT_CPU)


def test_the_child_has_a_cpu_limit_of_its_own() -> None:
    from vereinbarung.documents.isolation import run_limited

    soft, hard = run_limited(_cpu_limit, time_limit=5)
    assert soft == 6
    assert hard == 7


def test_the_kernel_ends_a_child_past_its_cpu_limit() -> None:
    """What ends a child whose parent no longer waits: the CPU limit set in the child."""
    spin = "from vereinbarung.files.child import _limit\n_limit(0, 1)\nwhile True:\n    pass\n"
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", spin], timeout=60, check=False)
    assert done.returncode == -signal.SIGXCPU
    assert time.monotonic() - started < 20


def _ended_by_the_cpu_limit() -> None:
    os.kill(os.getpid(), signal.SIGXCPU)  # what the kernel sends at the CPU limit
    time.sleep(10)


def test_a_child_ended_by_its_cpu_limit_is_said_to_take_too_long() -> None:
    from vereinbarung.files.child import run_in_child

    with pytest.raises(VereinbarungError, match=r"^zu lange$"):
        run_in_child(
            _ended_by_the_cpu_limit,
            time_limit=30,
            memory_limit=0,
            too_long="zu lange",
            too_large="zu groß",
        )


def test_no_process_to_start_is_a_german_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from vereinbarung.files.child import run_in_child

    def no_fork() -> int:
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    with pytest.raises(VereinbarungError, match="es lässt sich kein Hilfsprozess starten"):
        run_in_child(_cpu_limit, time_limit=5, memory_limit=0, too_long="", too_large="")


def _children_of(pid: int) -> list[int]:
    """Processes whose parent is *pid* (from /proc/PID/stat)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    """Whether *pid* exists and is no zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


RUNAWAY = "{{ (((((10**64)**64)**64)**64)**64) > 0 }}"


def _runaway_template(folder: Path) -> Path:
    from docx import Document

    document = Document()
    document.add_paragraph(RUNAWAY)
    template = folder / "endlos.docx"
    document.save(str(template))
    return template


def test_template_check_does_not_compute_the_runaway_expression(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.monotonic()
    code, _, err = run(capsys, "template-check", str(_runaway_template(tmp_path)))
    assert time.monotonic() - started < 10
    assert code == 0, err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc (Linux)")
@pytest.mark.parametrize(
    ("how", "group"),
    [(signal.SIGKILL, False), (signal.SIGTERM, False), (signal.SIGINT, False),
     (signal.SIGINT, True)],  # Ctrl+C in a terminal: SIGINT to the whole process group
)  # fmt: skip
def test_a_runaway_template_dies_with_render(
    tmp_path: Path, how: signal.Signals, group: bool
) -> None:
    template = _runaway_template(tmp_path)
    target = tmp_path / "aus.docx"
    errors = tmp_path / "stderr.txt"
    with errors.open("w") as stderr:  # a file: a surviving child cannot hold a pipe open
        render = subprocess.Popen(
            [sys.executable, "-m", "vereinbarung", "render", str(SEED), "-t", str(template),
             "-o", str(target)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=group,
        )  # fmt: skip
    children: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while not children and time.monotonic() < deadline and render.poll() is None:
            time.sleep(0.05)
            children = _children_of(render.pid)
        assert children, "render started no child process"
        time.sleep(0.5)  # the child is computing now
        assert all(_running(pid) for pid in children)
        if group:
            os.killpg(render.pid, how)
        else:
            os.kill(render.pid, how)
        render.wait(10)
        deadline = time.monotonic() + 5
        while any(_running(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.05)
        survivors = [pid for pid in children if _running(pid)]
        assert not survivors, f"still computing after {how.name}: {survivors}"
        err = errors.read_text(encoding="utf-8")
        assert "Traceback" not in err, err
        assert not target.exists()
    finally:
        for pid in children:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)
        if render.poll() is None:
            render.kill()
            render.wait()
