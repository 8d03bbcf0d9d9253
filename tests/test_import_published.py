"""Agreements as they are published: every field right, or flagged for review, never wrong.

The corpus (``tests/import_corpus/agreements.yaml``, texts in ``agreements/``) holds
agreements in the styles of Amtsblatt notices and council documents. Each is imported as
written (every field exactly as expected: right, or flagged where the text cannot say), as a
PDF made from it with fpdf2, and as a Word file with one paragraph per line (there no field may
be silently wrong). Also: an image-only PDF is refused with the advice to run OCR, and a PDF
larger than the limit is refused before it is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from vereinbarung.importing import pdf as pdf_module
from vereinbarung.importing.importer import import_agreement
from vereinbarung.importing.pdf import PdfReadError, repair_glued

from .cli_runner import run
from .import_scoring import AGREEMENTS, load_cases, make_docx, make_pdf, score

CASES = load_cases()
IDS = [c["file"] for c in CASES]


def test_the_corpus_is_big_enough() -> None:
    assert len(CASES) >= 20
    assert sorted(IDS) == sorted(p.name for p in AGREEMENTS.iterdir())


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_field_is_right_or_flagged(case: dict[str, Any]) -> None:
    result = import_agreement(AGREEMENTS / case["file"])
    verdicts = {field: (verdict, want, got) for field, verdict, want, got in score(result, case)}
    flagged = set(case["flagged"])
    for field, (verdict, want, got) in verdicts.items():
        expected = "flagged" if field in flagged else "right"
        assert verdict == expected, (field, want, got, [str(p) for p in result.review])


VARIANTS = [(c, kind) for c in CASES for kind in ("pdf", "docx") if kind in c["as"]]


@pytest.mark.parametrize(
    ("case", "kind"), VARIANTS, ids=[f"{c['file']}-{kind}" for c, kind in VARIANTS]
)
def test_as_pdf_and_word_nothing_is_silently_wrong(
    case: dict[str, Any], kind: str, tmp_path: Path
) -> None:
    text = (AGREEMENTS / case["file"]).read_text(encoding="utf-8")
    target = tmp_path / f"vereinbarung.{kind}"
    (make_pdf if kind == "pdf" else make_docx)(text, target)
    result = import_agreement(target)
    wrong = [(f, want, got) for f, verdict, want, got in score(result, case) if verdict == "wrong"]
    assert wrong == []


def test_pdf_of_a_clean_agreement_is_read_like_its_text(tmp_path: Path) -> None:
    case = next(c for c in CASES if c["file"] == "hessen-bekanntmachung-staedte-gemeinden.txt")
    text = (AGREEMENTS / case["file"]).read_text(encoding="utf-8")
    result = import_agreement(make_pdf(text, tmp_path / "amtsblatt.pdf"))
    assert [p["name"] for p in result.data["parties"]] == case["expect"]["parties"]
    assert result.data["title"] == case["expect"]["title"]
    assert {v for _, v, _, _ in score(result, case)} <= {"right", "flagged"}


def test_image_only_pdf_needs_ocr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from fpdf import FPDF
    from PIL import Image

    image = tmp_path / "scan.png"
    Image.new("RGB", (400, 560), "white").save(image)
    document = FPDF()
    document.add_page()
    document.image(str(image), x=10, y=10, w=180)
    source = tmp_path / "scan.pdf"
    document.output(str(source))
    with pytest.raises(PdfReadError, match="OCRmyPDF"):
        import_agreement(source)
    code, _, err = run(capsys, "import", str(source))
    assert code == 2
    assert "Texterkennung (OCR)" in err
    assert not source.with_suffix(".yaml").exists()


def test_too_large_pdf_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = make_pdf("Vereinbarung\n\nzwischen der Stadt A und der Stadt B", tmp_path / "a.pdf")
    monkeypatch.setattr(pdf_module, "MAX_PDF_BYTES", 100)
    with pytest.raises(PdfReadError, match="zu groß"):
        import_agreement(source)


def test_glued_headings_are_separated() -> None:
    repaired = repair_glued("§ 7Laufzeit, Kündigung(1) Die Vereinbarung gilt.(2) Sie endet.")
    assert repaired.split("\n\n") == [
        "§ 7 Laufzeit, Kündigung",
        "(1) Die Vereinbarung gilt.",
        "(2) Sie endet.",
    ]
    assert repair_glued("§ 7 Laufzeit\n(1) Text nach § 3 (2) bleibt.") == (
        "§ 7 Laufzeit\n(1) Text nach § 3 (2) bleibt."
    )
