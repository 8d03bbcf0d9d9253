"""Issue 22, second round: paragraph ends in plain text copied from web pages (one line, one
paragraph), :mod:`vereinbarung.importing.plain_lines`, with texts written for the test."""

from __future__ import annotations

from pathlib import Path

from vereinbarung.importing.importer import import_agreement
from vereinbarung.importing.plain_lines import mark_paragraphs

LONG = (
    "Nachdem es sich als zweckmäßig erwiesen hat, den Winterdienst auf den Straßen zwischen "
    "beiden Orten gemeinsam zu leisten, schließen die Stadt Zittau und die Gemeinde "
    "Olbersdorf folgende Vereinbarung:"
)


def test_a_long_line_after_a_title_is_a_paragraph_of_its_own() -> None:
    text = f"Vereinbarung über den Winterdienst\n{LONG}"
    assert mark_paragraphs(text) == f"Vereinbarung über den Winterdienst\n\n{LONG}"


def test_a_line_naming_an_agreement_begins_a_paragraph() -> None:
    text = "zu § 3 Absatz 2 Nummer 5\nVereinbarung über den Winterdienst"
    assert mark_paragraphs(text) == "zu § 3 Absatz 2 Nummer 5\n\nVereinbarung über den Winterdienst"


def test_the_date_line_of_a_title_stands_alone() -> None:
    text = "Vereinbarung über den Winterdienst\nvom 3. März 1998\nMit dem Ziel, Wege zu räumen,"
    assert mark_paragraphs(text) == (
        "Vereinbarung über den Winterdienst\n\nvom 3. März 1998\n\nMit dem Ziel, Wege zu räumen,"
    )


def test_wrapped_lines_stay_one_paragraph() -> None:
    text = (
        "Die Stadt räumt die Straße zwischen den Orten, soweit die\n"
        "Vereinbarung nichts anderes bestimmt, und streut bei Glätte mit\n"
        "Splitt, der von der Gemeinde gestellt wird.\n"
    )
    assert mark_paragraphs(text) == text


def test_a_line_ending_with_a_joining_word_goes_on_even_before_a_long_line() -> None:
    text = f"Aufgrund des Beschlusses des Gemeinderats vom\n{LONG}"
    assert mark_paragraphs(text) == text


def test_a_web_copy_as_text_keeps_title_and_preamble_apart(tmp_path: Path) -> None:
    source = tmp_path / "vereinbarung.txt"
    source.write_text(
        "zu § 3 Absatz 2 Nummer 5\n"
        "Vereinbarung über den Winterdienst auf der Verbindungsstraße\n"
        "vom 3. März 1998\n"
        f"{LONG}\n"
        "§ 1 Gegenstand\n"
        "Die Stadt räumt die Verbindungsstraße.\n",
        encoding="utf-8",
    )
    result = import_agreement(source)
    assert result.data["title"] == "Vereinbarung"
    assert result.data["subtitle"] == "über den Winterdienst auf der Verbindungsstraße"
    assert [p.name for p in result.agreement.parties] == ["Stadt Zittau", "Gemeinde Olbersdorf"]
