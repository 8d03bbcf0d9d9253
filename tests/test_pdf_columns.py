"""Two blocks side by side in a PDF page (a two-column Vertragskopf) are read column by column,
and a representative wrapped in a narrow column stays one name (importing/pdf_columns.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import vereinbarung
from vereinbarung.importing.pdf_columns import split_columns

EXAMPLES = Path(__file__).parent.parent / "examples"

TWO_COLUMNS = [
    "                   zwischen der                                          der",
    "           Gemeinde Blankenheim                               Gemeinde Dahlem",
    "  – vertreten durch Frau Bürgermeisterin Jennifer       – vertreten durch Herrn Markus",
    "                      Meyer –                                      Schröder –",
    "                53945 Blankenheim                             53949 Dahlem",
    "",
    "                     und der",
    "            Gemeinde Nettersheim",
]


def test_two_columns_are_read_one_after_the_other() -> None:
    lines = [line.strip() for line in split_columns(TWO_COLUMNS)]
    assert lines == [
        "zwischen der",
        "Gemeinde Blankenheim",
        "– vertreten durch Frau Bürgermeisterin Jennifer",
        "Meyer –",
        "53945 Blankenheim",
        "",
        "der",
        "Gemeinde Dahlem",
        "– vertreten durch Herrn Markus",
        "Schröder –",
        "53949 Dahlem",
        "",
        "und der",
        "Gemeinde Nettersheim",
    ]


def test_text_in_one_column_is_left_as_it_is() -> None:
    text = [
        "                                   § 1",
        "                                Gegenstand",
        "(1)   Die Vertragsparteien unterstützen sich gegenseitig bei der Erfüllung der Aufgaben",
        "      ihrer Bauhöfe durch Überlassung von Fahrzeugen, Maschinen und Geräten mit Personal.",
        "(2)   Die Aufgabenverantwortung jeder Gemeinde bleibt unberührt; ein Anspruch besteht",
    ]
    assert split_columns(text) == text


def test_two_lines_side_by_side_are_no_columns() -> None:
    text = [*TWO_COLUMNS[:2], "", "Fließtext der Vereinbarung, der über die ganze Breite läuft."]
    assert split_columns(text) == text


def test_a_rendered_two_column_vertragskopf_imports_every_party_exactly(tmp_path: Path) -> None:
    from vereinbarung.documents.pdf import convert_to_pdf, find_office

    if find_office() is None:
        pytest.skip("LibreOffice fehlt (soffice): keine PDF zum Einlesen")
    agreement = vereinbarung.load_agreement(EXAMPLES / "interkommunaler-bauhof.yaml")
    docx = vereinbarung.render_agreement(agreement, on=dt.date(2026, 1, 1)).content
    source = tmp_path / "vertrag.pdf"
    source.write_bytes(convert_to_pdf(docx))
    imported = vereinbarung.import_agreement(source).agreement
    assert [p.name for p in imported.parties] == [p.name for p in agreement.parties]
    assert [p.representative for p in imported.parties] == [
        p.representative for p in agreement.parties
    ]  # »Jennifer« / »Meyer –« wrapped in the column: one name
    assert [p.address for p in imported.parties] == [p.address for p in agreement.parties]
