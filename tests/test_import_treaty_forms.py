"""Issue 22: the forms in which treaties between Länder (Staatsverträge, Abkommen) and other
agreements name their parties, each with a short text written for the test (not taken from the
published corpus): a preamble with one party a paragraph and the verb on its own paragraph,
representation with commas in the title of an office, »beide vertreten durch …« in the subject,
the verb first before »auf der Grundlage«, a title »Staatsvertrag zwischen …« over two lines, the
Saarland named without »Land«, and a Word file whose paragraphs are Markdown headings.
"""

from __future__ import annotations

from pathlib import Path

from vereinbarung.importing.gazetteer import known
from vereinbarung.importing.importer import import_agreement
from vereinbarung.importing.parties_sentence import read_list

from .import_forms import imported as _import
from .import_forms import names as _names
from .import_forms import party_review as _party_review

PREAMBLE = """\
# Staatsvertrag über die Zuständigkeit eines Gerichts

## Staatsvertrag

Das Land Brandenburg,
        der Freistaat Bayern,
        das Saarland
        und die Freie und Hansestadt Hamburg

schließen vorbehaltlich der Zustimmung ihrer verfassungsmäßig berufenen Organe nachstehenden
Staatsvertrag:

## § 1

Das Gericht ist für alle vertragschließenden Länder zuständig.

## § 2

Der Staatsvertrag kann mit einer Frist von einem Jahr zum Ende eines Kalenderjahres gekündigt
werden.
"""


def test_a_preamble_with_one_party_a_paragraph_and_the_verb_apart() -> None:
    result = _import(PREAMBLE)
    assert _names(result) == [
        "Land Brandenburg", "Freistaat Bayern", "Saarland", "Freie und Hansestadt Hamburg",
    ]  # fmt: skip
    assert not _party_review(result)
    assert result.agreement.term.notice is not None


def test_the_verb_alone_is_no_list_without_the_paragraphs_before_it() -> None:
    # the paragraphs before the verb are read back to the last heading only: the title is no party
    result = _import(PREAMBLE.replace("Das Land Brandenburg,", "Das Land Brandenburg, das Land"))
    assert "Staatsvertrag" not in " ".join(_names(result))
    assert _party_review(result)  # »das Land« alone is no name: under review


def test_representation_with_commas_in_the_office_is_dropped_whole() -> None:
    names, doubts = read_list(
        "Das Land Hessen, vertreten durch den Ministerpräsidenten, dieser vertreten durch den "
        "Minister für Soziales, Arbeit, Gesundheit und Demografie, das Saarland, vertreten durch "
        "die Ministerpräsidentin, diese vertreten durch die Ministerin für Familie und Frauen und "
        "der Freistaat Thüringen, vertreten durch die Ministerpräsidentin"
    )
    assert names == ["Land Hessen", "Saarland", "Freistaat Thüringen"]
    assert doubts == []


def test_a_sentence_replaces_a_parties_block_read_wrongly() -> None:
    # »vertreten durch« makes the preamble look like a parties block; read as one, it gave the
    # heading and the articles as parties. The sentence names both Länder, certainly.
    result = _import(
        "# Staatsvertrag über Zweckverbände\n\n## Staatsvertrag\n\n"
        "Der Freistaat Sachsen und das Land Brandenburg, beide vertreten durch ihre "
        "Ministerpräsidenten, schließen den folgenden Staatsvertrag:\n\n"
        "## Artikel 1\n\nZweckverbände dürfen über die Landesgrenze gebildet werden.\n\n"
        "## Artikel 2\n\nDer Vertrag kann mit einer Frist von einem Jahr zum Ende eines "
        "Kalenderjahres gekündigt werden.\n"
    )
    assert _names(result) == ["Freistaat Sachsen", "Land Brandenburg"]
    assert not _party_review(result)
    # only the names change: the title is read before the preamble, the term clause after it
    assert result.agreement.title == "Staatsvertrag"
    assert result.agreement.term.notice is not None


def test_verb_first_before_the_legal_basis() -> None:
    result = _import(
        "# Staatsvertrag über die Landesgrenze\n\n"
        "Um den Verflechtungen der Gemeinden zu entsprechen, schließen der Freistaat Sachsen und "
        "das Land Brandenburg, vertreten durch ihre Ministerpräsidenten, auf der Grundlage von "
        "Art. 1 Abs. 1 des Einigungsvertrages folgenden Staatsvertrag:\n\n"
        "## Artikel 1\n\nDie Grenze verläuft neu.\n"
    )
    assert _names(result) == ["Freistaat Sachsen", "Land Brandenburg"]
    assert not _party_review(result)


def test_a_title_naming_the_parties_over_two_lines_is_certain() -> None:
    result = _import(
        "Staatsvertrag\n\n"
        "zwischen der Freien und Hansestadt Hamburg und den Ländern Brandenburg\n"
        "und Hessen über die Zuständigkeit eines Gerichts\n\n"
        "§ 1\nZuständigkeit\n\nDas Gericht ist zuständig.\n"
    )
    assert _names(result) == ["Freie und Hansestadt Hamburg", "Land Brandenburg", "Land Hessen"]
    assert not _party_review(result)


def test_a_mention_between_in_running_text_stays_under_review() -> None:
    result = _import(
        "Vereinbarung\n\n"
        "Die Zusammenarbeit zwischen der Stadt Aachen und der Stadt Düren über die Grenze hinweg "
        "wird fortgesetzt.\n\n§ 1 Gegenstand\n\nDie Städte arbeiten zusammen.\n"
    )
    assert _names(result) == ["Stadt Aachen", "Stadt Düren"]
    assert _party_review(result)


def test_the_saarland_is_a_land_without_the_word_land() -> None:
    assert known("Saarland")
    assert read_list("das Saarland und das Land Hessen") == (["Saarland", "Land Hessen"], [])


def test_word_paragraphs_written_as_markdown_headings_are_headings(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in PREAMBLE.split("\n"):
        if line.strip():
            document.add_paragraph(line.strip())
    target = tmp_path / "vertrag.docx"
    document.save(str(target))
    result = import_agreement(target)
    assert [s.number for s in result.agreement.sections][:2] == [1, 2]
    assert _names(result) == [
        "Land Brandenburg", "Freistaat Bayern", "Saarland", "Freie und Hansestadt Hamburg",
    ]  # fmt: skip


def test_a_body_the_gazetteer_does_not_know_keeps_the_parties_block() -> None:
    # the block names a Zweckverband (not in the Gemeindeverzeichnis); a sentence naming two
    # known towns must not replace it: the Zweckverband would be lost
    result = _import(
        "Zweckvereinbarung\n\n"
        "zwischen dem Zweckverband Wasserversorgung Obere Aue, vertreten durch den "
        "Verbandsvorsitzenden,\n\nund der Stadt Coburg, vertreten durch den Oberbürgermeister,\n\n"
        "wird folgende Zweckvereinbarung geschlossen:\n\n§ 1 Aufgabe\n\n"
        "Die Stadt Coburg und die Gemeinde Großheirath schließen sich der Aufgabe an.\n"
    )
    assert "Zweckverband Wasserversorgung Obere Aue" in _names(result)


def test_bare_names_after_a_shared_plural_are_not_taken_for_an_office() -> None:
    names, doubts = read_list(
        "die Städte Ahrensburg, vertreten durch den Beauftragten für Finanzen, Bargteheide und "
        "Reinbek"
    )
    assert "Stadt Bargteheide" in names or "Bargteheide" in " ".join(doubts)


def test_a_title_naming_another_agreement_is_no_list_of_the_parties() -> None:
    # »Vertrag über den Beitritt … zum Abkommen zwischen A und B«: the parties are A, B and the
    # Land acceding; the list after »zwischen« is not all of them, so it stays under review
    result = _import(
        "Vertrag über den Beitritt des Landes Hessen zum Abkommen zwischen dem Land Berlin und "
        "dem Land Brandenburg über die Zusammenarbeit\n\n"
        "§ 1 Beitritt\n\nDas Land Hessen tritt dem Abkommen bei.\n"
    )
    assert _party_review(result)


def test_lines_before_the_verb_are_one_list_from_their_start_or_none() -> None:
    # the lines before »schließen …« hold other text before the list (a sentence ending inside a
    # line): they are not read together as the list, whatever the list after it looks like
    result = _import(
        "Amtsblatt Nr. 3. Der Landkreis Stormarn\n\nund die Stadt Ahrensburg\n\n"
        "schließen folgende Vereinbarung:\n\n§ 1 Aufgabe\n\nText.\n"
    )
    assert _party_review(result)


def test_the_verb_paragraph_must_conclude_the_agreement() -> None:
    # »schließen sich … zusammen« after short lines is no preamble naming the parties
    result = _import(
        "Vereinbarung\n\nDer Landkreis Stormarn\n\nund die Stadt Ahrensburg\n\n"
        "schließen sich zu einer Arbeitsgemeinschaft zusammen\n\n§ 1 Aufgabe\n\nText.\n"
    )
    assert _party_review(result)
    concluded = _import(
        "Vereinbarung\n\nDer Landkreis Stormarn\n\nund die Stadt Ahrensburg\n\n"
        "schließen folgende Vereinbarung:\n\n§ 1 Aufgabe\n\nText.\n"
    )
    assert _names(concluded) == ["Landkreis Stormarn", "Stadt Ahrensburg"]
    assert not _party_review(concluded)


def test_an_abkommen_is_named_as_an_agreement_in_its_title() -> None:
    result = _import(
        PREAMBLE.replace("# Staatsvertrag über", "# Abkommen über")
        .replace("## Staatsvertrag", "## Abkommen")
        .replace("nachstehenden\nStaatsvertrag:", "nachstehendes Abkommen:")
    )
    assert result.agreement.title == "Abkommen"
    assert not [p for p in result.review if p.field == "title"]


def test_a_title_line_below_a_running_head_names_the_parties() -> None:
    result = _import(
        "Anlage zu § 3 Absatz 2\n"
        "Vereinbarung zwischen der Freien Hansestadt Bremen,\n"
        "dem Lande Niedersachsen\n"
        "über die Pflege der Unterweser\n"
        "Nachdem es sich als zweckmäßig erwiesen hat, haben die bestellten Vertreter "
        "vorbehaltlich der Zustimmung folgenden Vertrag abgeschlossen:\n\n"
        "Artikel 1\n\nDie Länder pflegen die Unterweser gemeinsam.\n"
    )
    assert _names(result) == ["Freie Hansestadt Bremen", "Land Niedersachsen"]
    assert not _party_review(result)


def test_a_title_naming_the_parties_over_several_paragraphs_names_them() -> None:
    result = _import(
        "Anlage zu § 3 Absatz 2\n\nVereinbarung zwischen der Freien Hansestadt Bremen,\n\n"
        "dem Lande Niedersachsen\n\nüber die Pflege der Unterweser\n\n"
        "Nachdem es sich als zweckmäßig erwiesen hat, haben die bestellten Vertreter "
        "vorbehaltlich der Zustimmung folgenden Vertrag abgeschlossen:\n\n"
        "Artikel 1\n\nDie Länder pflegen die Unterweser gemeinsam.\n"
    )
    assert _names(result) == ["Freie Hansestadt Bremen", "Land Niedersachsen"]
    assert not _party_review(result)
