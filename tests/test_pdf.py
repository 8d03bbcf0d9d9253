"""PDF/A through LibreOffice: every built-in document converted for an example and read back
page by page with ``pdftotext -layout`` (poppler).

What Word and LibreOffice decide only when they lay out pages is checked here: closing and
signatures on one page, one letter per recipient (eight for the Kündigung of the adoption
example with its nine parties), no derivation in a letter, the columns of the
Fristenübersicht as wide as the template says. The samples are those of
``tools/make_page_images.py``. Without LibreOffice or poppler the tests are skipped, saying why.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import itertools
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from vereinbarung.documents.builtin import BUILTIN_TEMPLATES
from vereinbarung.documents.pdf import convert_to_pdf, find_office, pdfa_part
from vereinbarung.documents.render import render_agreement
from vereinbarung.files.io import load_agreement

from .cli_runner import run

ROOT = Path(__file__).parent.parent

pytestmark = pytest.mark.skipif(
    find_office() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) oder poppler (pdftotext) ist nicht installiert; die PDF-Tests "
    "brauchen beide (Debian: apt-get install libreoffice-writer-nogui poppler-utils)",
)


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_page_images", ROOT / "tools" / "make_page_images.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


TOOL = _tool()
SAMPLES = {sample.template: sample for sample in TOOL.SAMPLES}


@cache
def pdf_of(template: str) -> bytes:
    """The PDF of the sample of *template* (converted once per test run)."""
    return convert_to_pdf(TOOL.render_sample(SAMPLES[template]).content)


def pages(pdf: bytes, *, layout: bool = True) -> list[str]:
    """The text of each page, as ``pdftotext -layout`` reads it."""
    command = ["pdftotext", *(["-layout"] if layout else []), "-", "-"]
    result = subprocess.run(command, input=pdf, capture_output=True, check=True)
    text = result.stdout.decode("utf-8")
    return [page for page in text.split("\f") if page.strip()]


def test_every_builtin_template_has_a_sample() -> None:
    assert sorted(SAMPLES) == sorted(BUILTIN_TEMPLATES)


@pytest.mark.parametrize("template", sorted(BUILTIN_TEMPLATES))
def test_each_document_is_pdf_a_2b(template: str) -> None:
    pdf = pdf_of(template)
    assert pdf.startswith(b"%PDF-")
    assert pdfa_part(pdf) == 2
    import pypdf

    metadata = pypdf.PdfReader(io.BytesIO(pdf)).xmp_metadata
    assert metadata is not None
    assert b"pdfaid:conformance" in metadata.stream.get_data()
    assert b"<pdfaid:conformance>B</pdfaid:conformance>" in metadata.stream.get_data() or (
        b'pdfaid:conformance="B"' in metadata.stream.get_data()
    )


def test_the_kuendigung_of_eight_recipients_is_eight_letters_each_closed_on_one_page() -> None:
    agreement = load_agreement(SAMPLES["kuendigung"].source)
    recipients = [p for p in agreement.parties if p.name != "Gemeinde Rommerskirchen"]
    assert len(recipients) == 8
    texts = pages(pdf_of("kuendigung"))
    starts = [i for i, page in enumerate(texts) if "Sehr geehrte" in page]
    assert len(starts) == 8
    for number, (start, party) in enumerate(zip(starts, recipients, strict=True)):
        end = starts[number + 1] if number + 1 < len(starts) else len(texts)
        letter = "\n".join(texts[start:end])
        flat = " ".join(letter.split())
        assert party.name in flat, f"Brief {number + 1}: Anschrift von {party.name} fehlt"
        assert "hilfsweise zum nächstmöglichen Termin" in flat
        # no derivation, no formula in a letter: it goes into the Vermerk
        for formula in ("§§ 187", "§ 188", "→", "Fristberechnung", "Zugang spätestens", " + "):
            assert formula not in flat, f"Brief {number + 1} enthält »{formula}«"
        closing = [p for p in texts[start:end] if "Mit freundlichen Grüßen" in p]
        assert len(closing) == 1
        page = " ".join(closing[0].split())
        assert "Martin Mertens" in page
        assert "Petra Muster" in page
        assert page.index("Mit freundlichen Grüßen") < page.index("Martin Mertens")


def test_the_vermerk_has_the_derivation_the_letters_leave_out() -> None:
    text = " ".join(" ".join(pages(pdf_of("kuendigungsvermerk"))).split())
    assert "Nur für die Akte – nicht versenden." in text
    assert "Fristberechnung" in text
    assert "Kündigungsregel ein Jahr zum Ende eines Kalenderjahres" in text


def test_the_umlage_letter_names_the_account_and_keeps_closing_and_signature_together() -> None:
    texts = pages(pdf_of("umlage"))
    flat = " ".join(" ".join(texts).split())
    assert "IBAN DE89 3704 0044 0532 0130 00" in flat
    assert "Kassenzeichen 5.1100.2026.0815" in flat
    closing = [p for p in texts if "Mit freundlichen Grüßen" in p]
    assert len(closing) == 1
    # signed as the sender profile says (examples/rhein-kreis-neuss.absender)
    assert "Im Auftrag" in closing[0]
    assert "Clara Muster" in closing[0]
    assert "Kreisoberamtsrätin" in closing[0]


def test_the_agreement_shows_the_umlage_as_anlage_on_its_own_page() -> None:
    texts = pages(pdf_of("kooperationsvereinbarung"))
    anlage = [i for i, p in enumerate(texts) if "Anlage (nachrichtlich): Umlage 2026" in p]
    assert len(anlage) == 1
    assert "______" not in texts[anlage[0]]  # the signatures are before it
    assert "Stadt Grevenbroich" in texts[anlage[0]]


def test_the_steckbrief_prints_the_address_of_its_link() -> None:
    """The .docx holds a real hyperlink (test_render); LibreOffice 7.4 does not export it as a
    link annotation, so the PDF shows at least the address itself."""
    flat = " ".join(" ".join(pages(pdf_of("steckbrief"))).split())
    assert "Links: Rhein-Kreis Neuss: https://www.rhein-kreis-neuss.de" in flat
    assert "Noch ohne Angabe" not in flat  # the hint goes to the terminal (issue 23)


def _word_positions(pdf: bytes) -> list[tuple[str, float]]:
    """Words of the first page with their left edge in points (``pdftotext -bbox``)."""
    result = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    found = re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', result.stdout.decode())
    return [(word, float(x)) for x, word in found]


def test_the_fristenuebersicht_opens_with_the_columns_of_the_template() -> None:
    """The header cells start where the widths of the template put them (1 cm = 28,35 pt)."""
    words = _word_positions(pdf_of("fristenuebersicht"))
    headers = ("Zugang", "Tage", "Ende", "Laufzeit", "Status", "Vereinbarung")
    first = {}
    for word, x in words:
        if word in headers and word not in first:
            first[word] = x
    starts = [first[h] for h in headers]
    widths_cm = [(b - a) / 28.35 for a, b in itertools.pairwise(starts)]
    intended = (2.3, 1.2, 2.3, 2.4, 3.5)  # tools/make_templates.py, fristenuebersicht()
    for got, want, header in zip(widths_cm, intended, headers, strict=False):
        assert abs(got - want) < 0.1, f"Spalte »{header}«: {got:.2f} cm statt {want} cm"


def test_a_title_of_300_characters_fits_the_pdf(tmp_path: Path) -> None:
    text = (ROOT / "examples" / "kinderschutz-rhein-kreis-neuss.yaml").read_text(encoding="utf-8")
    long_title = ("Kooperationsvereinbarung " + "über die Zusammenarbeit " * 12)[:299] + "X"
    assert len(long_title) == 300
    source = tmp_path / "lang.yaml"
    source.write_text(
        text.replace("title: Kooperationsvereinbarung", f"title: {long_title}", 1),
        encoding="utf-8",
    )
    document = render_agreement(load_agreement(source), on=dt.date(2026, 11, 21))
    flat = " ".join(" ".join(pages(convert_to_pdf(document.content), layout=False)).split())
    flat = flat.replace("- ", "")  # hyphenation at line ends
    assert "Kooperationsvereinbarung über die Zusammenarbeit über die Zusammenarbeit" in flat


def test_render_pdf_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "vereinbarung.pdf"
    code, out, err = run(
        capsys, "render", str(ROOT / "examples" / "interkommunaler-bauhof.yaml"), "--pdf",
        "-o", str(target), "--on", "21.11.2026",
    )  # fmt: skip
    assert code == 0, err
    assert "Geschrieben:" in out
    assert pdfa_part(target.read_bytes()) == 2
