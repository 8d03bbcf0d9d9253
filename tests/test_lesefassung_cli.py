"""``vereinbarung record … amendment --section … --wording …`` and the Lesefassung from the
command line (issue 23): the reviewer's case of an amendment recorded with ``--term
notice="3 Monate"`` whose Lesefassung kept »sechs Monaten« in the text."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from docx import Document

from vereinbarung.files.io import load_agreement

from .cli_runner import run

ROOT = Path(__file__).parent.parent
AACHEN = ROOT / "examples" / "koordinierungsstelle-vormundschaften-aachen.yaml"
OLD = "mit einer Frist von sechs Monaten zum Ende eines Kalenderjahres kündigen"
NEW = (
    "Jede Vertragspartei kann die Vereinbarung mit einer Frist von drei Monaten zum Ende eines "
    "Kalenderjahres kündigen, frühestens zum 31.12.2026. Die Kündigung bedarf der Schriftform "
    "und ist gegenüber der Städteregion Aachen zu erklären."
)
#: Aachen is a GkG agreement: the amendment applies once approved and published (§ 24 GkG NRW)
AMENDMENT = ("amendment", "--date", "01.11.2026", "--effective", "01.12.2026",
             "--text", "§ 5 Abs. 2 erhält folgende Fassung: …", "--term", "notice=3 Monate",
             "--approved", "05.11.2026", "--published", "10.11.2026")  # fmt: skip


@pytest.fixture
def aachen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return Path(shutil.copy(AACHEN, tmp_path / AACHEN.name))


def _paragraphs(path: Path) -> list[str]:
    return [" ".join(p.text.split()) for p in Document(io.BytesIO(path.read_bytes())).paragraphs]


def test_record_an_amendment_with_the_new_wording_and_read_the_lesefassung(
    aachen: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "record", str(aachen), *AMENDMENT, "--section", "§ 5 Abs. 2", "--wording", NEW
    )
    assert code == 0, err
    assert "Ereignis »amendment« eingetragen" in out
    assert "Hinweis" not in err
    (amendment,) = [e for e in load_agreement(aachen).events if e.type == "amendment"]
    assert [(w.label, w.text) for w in amendment.wording] == [("§ 5 Abs. 2", NEW)]
    code, _, err = run(capsys, "render", str(aachen), "--on", "15.12.2026", "-o", "l.docx")
    assert code == 0, err
    lines = _paragraphs(aachen.parent / "l.docx")
    section = lines[lines.index("§ 5") : lines.index("§ 6")]
    assert section[3] == (
        "(Abs. 2 geändert durch Änderungsvereinbarung vom 01.11.2026, gilt ab 01.12.2026)"
    )
    assert section[4] == f"(2) {NEW}"
    assert not any(OLD in line for line in lines)
    assert lines[2].startswith("Lesefassung – Stand 15.12.2026, unter Berücksichtigung")
    # the deadlines follow the new clause too: 3 Monate to 31.12.2027, receipt by 30.09.2027
    code, out, _ = run(capsys, "deadlines", str(aachen), "--on", "15.12.2026")
    assert "30.09.2027" in out
    # the original as such
    code, _, err = run(
        capsys, "render", str(aachen), "--on", "15.12.2026", "--ursprungsfassung", "-o", "u.docx"
    )
    assert code == 0, err
    original = " ".join(_paragraphs(aachen.parent / "u.docx"))
    assert OLD in original
    assert "drei Monaten" not in original
    assert "Ursprüngliche Fassung" in original


def test_a_term_change_without_wording_has_no_lesefassung(
    aachen: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "record", str(aachen), *AMENDMENT)
    assert code == 0
    assert (
        "Hinweis: die Änderung ersetzt die Laufzeitregelung, gibt aber keinen neuen Wortlaut "
        "von § 5 an; eine Lesefassung ab 01.12.2026 wird deshalb abgelehnt."
    ) in err
    code, _, err = run(capsys, "render", str(aachen), "--on", "15.12.2026", "-o", "l.docx")
    assert code == 2
    assert "Keine Lesefassung zum 15.12.2026: die Änderung vom 01.11.2026" in err
    assert "Traceback" not in err
    assert not (aachen.parent / "l.docx").exists()
    code, _, err = run(capsys, "render", str(aachen), "--on", "21.11.2026", "-o", "l.docx")
    assert code == 0, err  # before it takes effect the text is the one in force


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--section", "§ 5 Abs. 2"), "--section (1-mal) und --wording (0-mal) gehören paarweise"),
        (("--section", "§ 9", "--wording", "x"), "die Vereinbarung hat keinen § 9"),
        (("--section", "§ 5 Abs. 9", "--wording", "x"), "möglich sind Abs. 1 bis Abs. 4"),
        (("--section", "Absatz zwei", "--wording", "x"), "erwartet wird »§ 3« (ganzer Paragraph)"),
    ],
)
def test_bad_wording_is_refused_and_nothing_written(
    aachen: Path, capsys: pytest.CaptureFixture[str], extra: tuple[str, ...], message: str
) -> None:
    before = aachen.read_bytes()
    code, _, err = run(capsys, "record", str(aachen), *AMENDMENT, *extra)
    assert code == 2
    assert message in err
    assert aachen.read_bytes() == before


def test_wording_belongs_to_an_amendment(aachen: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "record", str(aachen), "approved", "--date", "01.11.2026",
        "--section", "§ 5", "--wording", "x",
    )  # fmt: skip
    assert code == 2
    assert "--section und --wording gehören zu einer Änderung (amendment)." in err
