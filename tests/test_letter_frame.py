"""The DIN 5008 letter frame (Form B) of every letter, measured in the PDF, and the accessible
PDF export; the wording of a Kündigung by number of parties and ``on_party_notice`` (issue 23).

Positions are read with ``pdftotext -bbox`` (poppler; the top of a word's box) and, for the
fold and punch marks, from a grey image of the page (``pdftoppm -gray``): within ±1 mm of
DIN 5008 Form B. Without LibreOffice or poppler those tests are skipped, saying why.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from vereinbarung.cli.documents import DELIVERY_CHOICES
from vereinbarung.documents.pdf import convert_to_pdf, find_office, pdfa_part
from vereinbarung.documents.render import render_agreement
from vereinbarung.documents.views.common import load_sender
from vereinbarung.documents.views.letter import DELIVERIES, LetterOptions
from vereinbarung.errors import VereinbarungError
from vereinbarung.files.io import load_agreement
from vereinbarung.law.dates import parse_date

from .test_render import document_text

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
ADOPTION = EXAMPLES / "adoptionsvermittlung-rhein-kreis-neuss.yaml"
SCHOOL = EXAMPLES / "schulsozialarbeit-schuljahr.yaml"
ON = parse_date("21.11.2026")
PT = 25.4 / 72

needs_office = pytest.mark.skipif(
    find_office() is None or shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice (soffice) oder poppler (pdftotext, pdftoppm) ist nicht installiert; die "
    "Lagemessung im PDF braucht beide (Debian: apt-get install libreoffice-writer-nogui "
    "poppler-utils)",
)


def _kuendigung(**options: object) -> bytes:
    document = render_agreement(
        load_agreement(ADOPTION), on=ON, template="kuendigung", by="Gemeinde Rommerskirchen",
        recipient="Stadt Kaarst", sender_profile=load_sender(EXAMPLES / "rommerskirchen.absender"),
        letter_options=LetterOptions(**options),  # type: ignore[arg-type]
    )  # fmt: skip
    return document.content


@cache
def pdf_of(kind: str) -> bytes:
    if kind == "kuendigung":
        return convert_to_pdf(
            _kuendigung(delivery="einschreiben-rueckschein", acknowledgement=True)
        )
    document = render_agreement(
        load_agreement(ADOPTION), on=ON, template="umlage", by="Stadt Grevenbroich",
        sender_profile=load_sender(EXAMPLES / "rhein-kreis-neuss.absender"),
    )  # fmt: skip
    return convert_to_pdf(document.content)


def words(pdf: bytes, page: int) -> list[tuple[float, float, str]]:
    """(x, y, word) of *page* in mm from the top left corner."""
    result = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", "-", "-"],
        input=pdf, capture_output=True, check=True,
    )  # fmt: skip
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>',
        result.stdout.decode("utf-8"),
    )
    return [(float(x) * PT, float(y) * PT, w) for x, y, w in found]


def first(found: list[tuple[float, float, str]], word: str) -> tuple[float, float]:
    x, y, _ = next(item for item in found if item[2] == word)
    return x, y


def marks(pdf: bytes, page: int = 1, dpi: int = 200) -> list[float]:
    """The rows (mm from the top) with ink in the left 15 mm of *page*."""
    image = subprocess.run(
        ["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-gray", "-"],
        input=pdf, capture_output=True, check=True,
    ).stdout  # fmt: skip
    magic, width, height, _maximum, data = image.split(maxsplit=4)
    assert magic == b"P5"
    w, h, per_mm = int(width), int(height), dpi / 25.4
    strip = int(15 * per_mm)
    return [y / per_mm for y in range(h) if min(data[y * w : y * w + strip]) < 128]


def near(value: float, target: float, tolerance: float = 1.0) -> bool:
    return abs(value - target) <= tolerance


@needs_office
@pytest.mark.parametrize("kind", ["kuendigung", "umlage"])
def test_the_letter_frame_is_din_5008_form_b(kind: str) -> None:
    pdf = pdf_of(kind)
    page = words(pdf, 1)
    # Zusatz- und Vermerkzone from 45 mm, Anschriftzone from 62.7 mm, text at 25 mm
    zone = sorted((y, x) for x, y, w in page if 44.0 <= y < 62.0)
    assert zone, "nichts in der Zusatz- und Vermerkzone"
    starts = {round(y, 1): min(x for yy, x in zone if abs(yy - y) < 0.5) for y, _ in zone}
    assert all(near(x, 25.0) for x in starts.values() if x < 105)
    recipient = "Stadt"
    address = [(x, y) for x, y, w in page if w == recipient and 60 < y < 90]
    assert address, "keine Anschrift in der Anschriftzone"
    assert near(address[0][0], 25.0)
    assert near(address[0][1], 62.7)
    # Informationsblock from 125 mm and 50 mm
    info_x, info_y = first(page, "Dienststelle")
    assert near(info_x, 125.0)
    assert near(info_y, 50.0)
    # fold marks at 105 and 210 mm, punch mark at 148.5 mm, nothing else at the edge
    rows = marks(pdf)
    for target in (105.0, 148.5, 210.0):
        assert any(near(row, target) for row in rows), f"keine Marke bei {target} mm"
    assert all(any(near(row, t) for t in (105.0, 148.5, 210.0)) for row in rows)
    # Betreff, then two blank lines, then the Anrede (13-pt lines: three of them)
    betreff = [y for x, y, w in page if w in ("Kündigung", "Umlageberechnung") and y > 90]
    anrede_y = first(page, "Sehr")[1]
    last_betreff_line = max(y for x, y, w in page if betreff[0] - 1 < y < anrede_y - 5)
    assert near(anrede_y - last_betreff_line, 3 * 13 * PT)


@needs_office
@pytest.mark.parametrize("kind", ["kuendigung", "umlage"])
def test_every_page_says_seite_x_von_y(kind: str) -> None:
    pdf = pdf_of(kind)
    result = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    texts = [t for t in result.stdout.decode("utf-8").split("\f") if t.strip()]
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert f"Seite {number} von {len(texts)}" in text


@needs_office
def test_the_kuendigung_carries_delivery_line_and_acknowledgement() -> None:
    pdf = pdf_of("kuendigung")
    page = words(pdf, 1)
    einschreiben = first(page, "Einschreiben")
    assert near(einschreiben[0], 25.0)
    assert 45.0 <= einschreiben[1] < 62.7  # in the Zusatz- und Vermerkzone
    result = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    text = " ".join(result.stdout.decode("utf-8").split())
    assert "Empfangsbekenntnis" in text
    assert "beigefügte Empfangsbekenntnis" in text
    # the return line keeps postcode and town on one line
    assert "41569 Rommerskirchen" in text


@needs_office
@pytest.mark.parametrize("kind", ["kuendigung", "umlage"])
def test_the_pdf_is_tagged_with_language_and_title_and_still_pdf_a_2(kind: str) -> None:
    import pypdf

    pdf = pdf_of(kind)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    root: Any = reader.trailer["/Root"]  # a DictionaryObject (pypdf types it PdfObject)
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).startswith("de")
    assert reader.metadata is not None
    assert reader.metadata.title
    assert "Kündigung" in reader.metadata.title or "Umlage" in reader.metadata.title
    assert pdfa_part(pdf) == 2
    assert reader.xmp_metadata is not None
    assert b"pdfuaid" in reader.xmp_metadata.stream.get_data()


def test_two_parties_get_no_word_of_other_parties() -> None:
    document = render_agreement(
        load_agreement(SCHOOL), on=ON, template="kuendigung", by="Gemeinde Vorst", draft=True
    )
    text = document_text(document.content)
    assert "übrigen Vertragsparteien" not in text
    assert "Gleichlautende" not in text
    assert "Mit Wirksamwerden der Kündigung endet die Vereinbarung." in text


def test_many_parties_only_the_sender_leaves_and_gkg_copies_the_authority() -> None:
    text = document_text(_kuendigung(council_decision=parse_date("12.11.2026")))
    assert (
        "Mit Wirksamwerden der Kündigung scheidet die Gemeinde Rommerskirchen aus der "
        "Vereinbarung aus; zwischen den übrigen Vertragsparteien besteht sie fort."
    ) in text
    assert "Gleichlautende Schreiben erhalten die übrigen sieben Vertragsparteien." in text
    assert "Eine Abschrift dieses Schreibens erhält die Aufsichtsbehörde" in text
    assert (
        "Der Rat der Gemeinde Rommerskirchen hat die Kündigung am 12.\u00a0November\u00a02026 "
        "beschlossen."
    ) in text


def test_the_gkg_vermerk_plans_anzeige_and_bekanntmachung() -> None:
    document = render_agreement(
        load_agreement(ADOPTION), on=ON, template="kuendigungsvermerk",
        by="Gemeinde Rommerskirchen", sender_profile=load_sender(EXAMPLES / "rommerskirchen.absender"),
    )  # fmt: skip
    text = document_text(document.content)
    assert "Anzeige an die Aufsichtsbehörde" in text
    assert "spätestens am 30.12.2028" in text
    assert "Öffentliche Bekanntmachung" in text
    assert "spätestens am 31.12.2028" in text


def test_delivery_choices_of_the_cli_are_the_library_s() -> None:
    assert sorted(DELIVERY_CHOICES) == sorted(DELIVERIES)
    with pytest.raises(VereinbarungError, match="--zustellung: »fax« ist keine Zustellungsart"):
        LetterOptions(delivery="fax")


@needs_office
def test_several_letters_in_one_file_count_the_pages_of_each_letter() -> None:
    # LibreOffice knows no SECTIONPAGES: without the second pass every page said »von 1«
    document = render_agreement(
        load_agreement(ADOPTION), on=ON, template="kuendigung", by="Gemeinde Rommerskirchen",
        sender_profile=load_sender(EXAMPLES / "rommerskirchen.absender"),
        letter_options=LetterOptions(acknowledgement=True),
    )  # fmt: skip
    pdf = convert_to_pdf(document.content)
    result = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    footers = re.findall(r"Seite (\d+) von (\d+)", result.stdout.decode("utf-8"))
    assert footers == [("1", "2"), ("2", "2")] * 8


def _pages(pdf: bytes) -> list[str]:
    result = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return [" ".join(p.split()) for p in result.stdout.decode("utf-8").split("\f") if p.strip()]


@needs_office
def test_forty_parties_take_two_pages_and_no_party_is_split() -> None:
    from vereinbarung.files.io import agreement_from_data, read_data

    data = read_data(EXAMPLES / "interkommunaler-bauhof.yaml")
    assert isinstance(data, dict)
    template = data["parties"][0]
    data["parties"] = [
        {
            **template,
            "name": f"Gemeinde Beispielort{number:02d}",
            "address": {
                "street": f"Rathausplatz {number}",
                "postal_code": f"{53900 + number}",
                "city": f"Beispielort{number:02d}",
            },
        }
        for number in range(1, 41)
    ]
    data["signatures"] = []
    data.pop("lead", None)
    data.pop("costs", None)
    data["events"] = []
    document = render_agreement(agreement_from_data(data), on=ON)
    pages = _pages(convert_to_pdf(document.content))
    conclusion = next(i for i, page in enumerate(pages) if "wird folgende" in page)
    assert conclusion <= 2, f"Vertragskopf über {conclusion + 1} Seiten"
    for number in range(1, 41):
        name, place = f"Beispielort{number:02d}", f"{53900 + number} Beispielort{number:02d}"
        holding = [
            i for i, page in enumerate(pages[: conclusion + 1]) if f"Gemeinde {name}" in page
        ]
        assert holding, name
        assert place in pages[holding[0]], f"{name} über einen Seitenwechsel geteilt"
    # the footer: the title is short here; a long title would be cut (short_title)
    assert all("Kooperationsvereinbarung – " in page for page in pages)


@needs_office
def test_nine_parties_and_the_conclusion_fit_page_one() -> None:
    document = render_agreement(load_agreement(ADOPTION), on=ON)
    first_page = _pages(convert_to_pdf(document.content))[0]
    assert "Gemeinde Rommerskirchen" in first_page  # the ninth party
    assert "wird folgende öffentlich-rechtliche Vereinbarung geschlossen" in first_page


def test_the_footer_shortens_a_long_title() -> None:
    from vereinbarung.documents.context import SHORT_TITLE, short_title

    agreement = load_agreement(ADOPTION)
    long = agreement.model_copy(update={"title": "Vereinbarung " + "über sehr vieles " * 20})
    cut = short_title(long)
    assert len(cut) <= SHORT_TITLE
    assert cut.endswith(" …")
    named = agreement.model_copy(update={"short_name": "Adoption RKN"})
    assert short_title(named) == "Adoption RKN"


def test_titles_names_and_addresses_are_never_hyphenated_the_text_is() -> None:
    from docx import Document
    from docx.oxml.ns import qn

    from vereinbarung.documents.builtin import templates_dir

    for name in ("kooperationsvereinbarung", "kuendigung", "umlage", "kuendigungsvermerk"):
        doc = Document(str(templates_dir() / f"{name}.docx"))
        assert doc.settings.element.find(qn("w:autoHyphenation")) is not None
        for style in ("Title", "Subtitle", "Heading 2", "Heading 3", "Vertragspartei",
                      "Vertragskopf", "Anschriftzone", "Betreff", "Empfängerliste"):  # fmt: skip
            p_pr = doc.styles[style].element.pPr
            assert p_pr is not None
            assert p_pr.find(qn("w:suppressAutoHyphens")) is not None, (name, style)
        assert doc.styles["Textabsatz"].element.pPr.find(qn("w:suppressAutoHyphens")) is None
        # no letter-spaced subtitle (Word's built-in Subtitle has w:spacing in its run)
        r_pr = doc.styles["Subtitle"].element.rPr
        assert r_pr is None or r_pr.find(qn("w:spacing")) is None


def test_letter_options_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from .cli_runner import run

    monkeypatch.chdir(tmp_path)
    code, _out, err = run(
        capsys, "render", str(ADOPTION), "-t", "kuendigung", "--by", "Gemeinde Rommerskirchen",
        "--an", "Stadt Kaarst", "--on", "21.11.2026",
        "--absender", str(EXAMPLES / "rommerskirchen.absender"),
        "--zustellung", "einschreiben-rueckschein", "--empfangsbekenntnis",
        "--ratsbeschluss", "12.11.2026", "-o", "brief.docx",
    )  # fmt: skip
    assert code == 0, err
    text = document_text((tmp_path / "brief.docx").read_bytes())
    assert "Einschreiben mit Rückschein" in text
    assert "Empfangsbekenntnis" in text
    assert "am 12.\u00a0November\u00a02026 beschlossen" in text
    code, _out, err = run(
        capsys, "render", str(ADOPTION), "-t", "kuendigung", "--by", "Gemeinde Rommerskirchen",
        "--zustellung", "fax",
    )  # fmt: skip
    assert code == 2
    assert "fax" in err
