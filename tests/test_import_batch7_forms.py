"""Issue 22, seventh batch: forms of municipal agreements, each with a short text written for the
test (invented names, not taken from the published corpus): the agreement's own title as the
first line of the parties' block below a Bekanntmachung's heading.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from vereinbarung.importing.importer import import_agreement
from vereinbarung.importing.result import ImportResult

from .import_forms import imported as _import
from .import_forms import names as _names
from .import_forms import party_review as _party_review


def _import_txt(text: str, directory: Path) -> ImportResult:
    """*text* imported as a ``.txt`` file, one paragraph a line as copied from a web page."""
    file = directory / "vereinbarung.txt"
    file.write_text(text, encoding="utf-8")
    return import_agreement(file)


def test_a_title_line_at_the_head_of_the_parties_block_is_the_title(tmp_path: Path) -> None:
    result = _import_txt(
        "Öffentlich-rechtliche Vereinbarung Klärschlamm ZVGH\n"
        "Die Stadtverordnetenversammlung Wiesenbrück hat in ihrer Sitzung am 12.03.2019 die "
        "nachfolgende Öffentlich-rechtliche Vereinbarung beschlossen:\n"
        "Öffentlich-rechtliche Vereinbarung über die Übernahme des Klärschlamms des "
        "Zweckverbands Gewerbepark Hohenmoor durch die Stadt Wiesenbrück\n"
        "Die Stadt Wiesenbrück, vertreten durch den Magistrat\n"
        "und\n"
        "der Zweckverband Gewerbepark Hohenmoor, vertreten durch den Verbandsvorstand\n"
        "schließen folgende\n"
        "Öffentlich-rechtliche Vereinbarung:\n"
        "§ 1\n"
        "Aufgabe\n"
        "Die Stadt übernimmt den Klärschlamm des Zweckverbands.\n",
        tmp_path,
    )
    assert result.agreement.title == "Öffentlich-rechtliche Vereinbarung"
    assert result.data.get("subtitle", "").startswith("über die Übernahme des Klärschlamms")
    assert not [p for p in result.review if p.field == "title"]
    assert _names(result) == ["Stadt Wiesenbrück", "Zweckverband Gewerbepark Hohenmoor"]


_ONE_PHRASE_A_LINE = (
    "Anlage zur Ratsvorlage Nr. 7\n\n \n\n"
    "Die Stadt Wiesenbrück,\n\n"
    "vertreten durch den Magistrat,\n\n"
    "dieser vertreten durch\n\n"
    "…………….\n\n \n\n"
    "und\n\n \n\n"
    "die Gemeinde Hohenmoor,\n\n"
    "vertreten durch den Gemeindevorstand,\n\n"
    "dieser vertreten durch\n\n"
    "…………….\n\n \n\n"
    "schließen nach den Vorschriften der §§ 24 ff des Gesetzes über kommunale "
    "Gemeinschaftsarbeit folgende\n\n \n\n"
    "Öffentlich-rechtliche Vereinbarung\n\n \n\n"
    "§ 1 Zweck\n\n"
    "Die Beteiligten bilden einen gemeinsamen Standesamtsbezirk.\n"
)


def test_a_party_name_on_its_own_line_above_vertreten_durch(tmp_path: Path) -> None:
    result = _import_txt(_ONE_PHRASE_A_LINE, tmp_path)
    assert _names(result) == ["Stadt Wiesenbrück", "Gemeinde Hohenmoor"]


def test_the_title_below_the_conclusion_of_the_parties(tmp_path: Path) -> None:
    result = _import_txt(_ONE_PHRASE_A_LINE, tmp_path)
    assert result.agreement.title == "Öffentlich-rechtliche Vereinbarung"
    assert not [p for p in result.review if p.field == "title"]


def test_a_stadt_the_gazetteer_knows_as_gemeinde_is_no_review_item() -> None:
    # the gazetteer (2011/2016) knows Biebertal as a Gemeinde; a Gemeinde granted the title of
    # Stadt later is named »Stadt …« in its agreements
    result = _import(
        "Öffentlich-rechtliche Vereinbarung über den Bauhof\n\n"
        "Die Stadt Biebertal, vertreten durch den Magistrat,\n\n"
        "und\n\n"
        "der Zweckverband Gewerbepark Hohenmoor, vertreten durch den Verbandsvorstand,\n\n"
        "schließen folgende Vereinbarung:\n\n"
        "§ 1 Aufgabe\n\nDie Stadt führt den Bauhof für den Zweckverband.\n"
    )
    assert _names(result) == ["Stadt Biebertal", "Zweckverband Gewerbepark Hohenmoor"]
    assert not [m for m in _party_review(result) if "Gemeindeverzeichnis" in m]
    assert any("Gemeinde Biebertal" in p.message for p in result.notes)


def test_the_approval_of_a_new_version_names_the_kind_of_agreement() -> None:
    result = _import(
        "Mitteilungen der Verbandsgemeinde Hohenmoor\n\n"
        "Ausgabe 12/2024\n\n"
        "Amtliche Bekanntmachungen\n\n"
        "Genehmigung der Neufassung der Zweckvereinbarung „Nutzung Grundschule Wiesenbrück“ "
        "durch die Aufsichtsbehörde\n\n"
        "Die Neufassung der Zweckvereinbarung „Nutzung Grundschule Wiesenbrück“ zwischen der "
        "Verbandsgemeinde Hohenmoor und der Verbandsgemeinde Wiesenbrück wird hiermit "
        "genehmigt.\n\n"
        "Wiesenbrück, 03.04.2024\n\nKreisverwaltung Wiesenbrück\n\n"
        "§ 1 Schulträger\n\nSchulträger ist die Verbandsgemeinde Hohenmoor.\n"
    )
    assert result.agreement.title == "Zweckvereinbarung"
    assert not [p for p in result.review if p.field == "title"]


def test_folgender_aenderungsvertrag_geschlossen_ends_the_parties_block() -> None:
    # the conclusion in the parties' own paragraph, with an inflected »folgender«, and no § after
    result = _import(
        "Das Amt Hohenmoor, vertreten durch den Amtsvorsteher, und die Gemeinde Wiesenbrück, "
        "vertreten durch den Bürgermeister, wird in Fortsetzung des öffentlich-rechtlichen "
        "Vertrages über die Schulträgerschaft vom 20.02.2019 folgender Änderungsvertrag "
        "geschlossen:\n\n"
        "(1) In § 5 des öffentlich-rechtlichen Vertrages wird der Absatz 2 gestrichen.\n\n"
        "(2) Im Übrigen bleiben die Regelungen des Vertrages vom 20.02.2019 unverändert.\n\n"
        "Dieser Änderungsvertrag tritt am 01.01.2023 in Kraft.\n"
    )
    assert result.agreement.term.effective == datetime.date(2023, 1, 1)
    assert not [p for p in result.review if p.field == "term › effective"]


def test_the_date_of_the_amended_contract_named_with_its_subject_is_no_term_date() -> None:
    result = _import(
        # a page that starts inside the parties block: no party can be read, the sentence is
        # searched for term dates with the rest of the text
        "vertreten durch den Amtsvorsteher,\nund\nden Mitgliedsgemeinden des Amtes Hohenmoor\n"
        "jeweils vertreten durch die Bürgermeister\n"
        "wird in Fortsetzung des öffentlich-rechtlichen "
        "Vertrages zur gemeinsamen Trägerschaft der Grundschulen und Horte im Amt Hohenmoor vom "
        "20.02.2019 folgender Änderungsvertrag geschlossen:\n\n"
        "(1) In § 5 des öffentlich-rechtlichen Vertrages wird der Absatz 2 gestrichen.\n\n"
        "Dieser Änderungsvertrag tritt am 01.01.2023 in Kraft.\n"
    )
    assert result.agreement.term.effective == datetime.date(2023, 1, 1)
    assert not [p for p in result.review if p.field in ("term", "term › effective")]


def test_the_concluding_sentence_with_representatives_between_dashes(tmp_path: Path) -> None:
    result = _import_txt(
        "Aufgrund der §§ 7 ff. des Gesetzes über die kommunale Gemeinschaftsarbeit sowie der "
        "Beschlüsse\n"
        "| 1. | des Gemeinderates Obertal, |\n"
        "| 2. | des Gemeinderates Untertal, |\n"
        "| 3. | des Gemeinderates Mitteltal |\n"
        "schließen die Gemeinden Obertal, Untertal und Mitteltal,\n"
        "| - | jeweils vertreten durch den/die Bürgermeister/-in - |\n"
        "und die Verwaltungsgemeinschaft „Obertal-Untertal“\n"
        "| - | vertreten durch den Gemeinschaftsvorsitzenden - |\n"
        "nachfolgende 1. Änderung der Zweckvereinbarung zur Übertragung von Aufgaben im "
        "Brandschutz:\n"
        "I. Änderung\n"
        "§ 8 Absatz 2 erhält folgenden Wortlaut: Jede Beteiligte kann diese Vereinbarung mit "
        "einer Frist von sechs Monaten zum Ende eines Kalenderjahres kündigen.\n",
        tmp_path,
    )
    assert _names(result) == [
        "Gemeinde Obertal",
        "Gemeinde Untertal",
        "Gemeinde Mitteltal",
        "Verwaltungsgemeinschaft Obertal-Untertal",
    ]


def test_wird_folgendes_geregelt_ends_the_parties_block() -> None:
    from vereinbarung.importing.regions import party_region
    from vereinbarung.importing.text import read_markdown

    blocks = read_markdown(
        "Vereinbarung\n\n"
        "Zwischen der Stadt Wiesenbrück, vertreten durch den Bürgermeister, und der Gemeinde "
        "Hohenmoor, vertreten durch den Bürgermeister, wird im Hinblick auf die Beschulung von "
        "Schülern im regionalen Bildungsgang an der Gesamtschule Wiesenbrück auf der Grundlage "
        "des § 165 der Kommunalverfassung folgendes geregelt: Den Beteiligten ist folgende Historie bekannt: Die Stadt "
        "Wiesenbrück ist seit 2006 Träger der Gesamtschule.\n"
    )
    _, _, region, _ = party_region(blocks, "<Test>")
    read = " ".join(block.text for block in region)
    assert read.endswith("vertreten durch den Bürgermeister")


def test_a_title_wrapped_over_two_lines_above_the_first_party() -> None:
    # a PDF's page width wraps the title; the first party follows on the next line
    result = _import(
        "Öffentlich-rechtliche Vereinbarung Klärschlamm ZVGH\n\n"
        "Die Stadtverordnetenversammlung Wiesenbrück hat in ihrer Sitzung am 12.03.2019 die "
        "nachfolgende Vereinbarung beschlossen:\n\n"
        "Öffentlich-rechtliche Vereinbarung über die Übernahme des Klärschlamms des\n"
        "Zweckverbands Gewerbepark Hohenmoor durch die Stadt Wiesenbrück\n"
        "Die Stadt Wiesenbrück, vertreten durch den Magistrat\n\n"
        "und\n\n"
        "der Zweckverband Gewerbepark Hohenmoor, vertreten durch den Verbandsvorstand\n\n"
        "schließen folgende Öffentlich-rechtliche Vereinbarung:\n\n"
        "§ 1 Aufgabe\n\nDie Stadt übernimmt den Klärschlamm des Zweckverbands.\n"
    )
    assert result.agreement.title == "Öffentlich-rechtliche Vereinbarung"
    assert not [p for p in result.review if p.field == "title"]


def test_a_title_wrapped_into_the_next_paragraph_after_an_open_word(tmp_path: Path) -> None:
    """A Word file with one paragraph a line: »Öffentlich-rechtlicher Vertrag über« / »die
    Übertragung …« was read as the title »Öffentlich-rechtlicher Vertrag über« (under review)."""
    from .import_scoring import make_docx

    text = (
        "Öffentlich-rechtlicher Vertrag über\n"
        "die Übertragung von Aufgaben des Standesamts\n"
        "Zwischen der Stadt Uetersen, vertreten durch die Bürgermeisterin, und der Stadt "
        "Tornesch, vertreten durch die Bürgermeisterin, wird folgender Vertrag geschlossen:\n"
        "§ 1 Aufgabe\n"
        "Die Stadt Uetersen führt das Standesamt auch für die Stadt Tornesch.\n"
    )
    result = import_agreement(make_docx(text, tmp_path / "vertrag.docx"))
    # read as from a text file: the kind as title, »über …« as its subtitle
    assert result.agreement.title == "Öffentlich-rechtlicher Vertrag"
    assert result.data["subtitle"] == "über die Übertragung von Aufgaben des Standesamts"
    assert not [p for p in result.review if p.field == "title"]
    # a title line that ends in a closed word is not joined with the paragraph after it
    result = import_agreement(
        make_docx(text.replace("Vertrag über\n", "Vertrag\n"), tmp_path / "zwei.docx")
    )
    assert result.agreement.title == "Öffentlich-rechtlicher Vertrag"
    assert "subtitle" not in result.data
