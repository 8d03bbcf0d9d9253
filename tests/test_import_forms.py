"""Issue 22: the forms in which municipalities publish agreements, each with a short text
written for the test (not taken from the published corpus).

Never refuse an agreement; parties from a sentence (subject, verb first, »Vertragspartner
sind«); a title glued to the parties block; names normalised and checked against the
gazetteer (Destatis Gemeindeverzeichnis); suspicious names and titles are review items.
"""

from __future__ import annotations

import datetime as dt

import pytest

from vereinbarung.importing.gazetteer import bodies, known, normalise
from vereinbarung.importing.importer import NotAnAgreementError
from vereinbarung.importing.parties import parse_parties
from vereinbarung.importing.parties_sentence import read_list
from vereinbarung.importing.text import Block

from .import_forms import imported as _import
from .import_forms import names as _names
from .import_forms import party_review as _party_review


def test_parties_as_subject_are_read_and_confirmed_by_the_gazetteer() -> None:
    result = _import(
        "Öffentlich-rechtliche Vereinbarung\n\n"
        "Die Stadt Friedrichshafen und die Gemeinde Immenstaad schließen aufgrund der §§ 59 ff. "
        "der Gemeindeordnung folgende Vereinbarung:\n\n"
        "§ 1 Gegenstand\n\nDie Stadt Friedrichshafen erfüllt Aufgaben für die Gemeinde.\n"
    )
    assert _names(result) == ["Stadt Friedrichshafen", "Gemeinde Immenstaad"]
    assert result.agreement.title == "Öffentlich-rechtliche Vereinbarung"
    assert not _party_review(result)


def test_plural_list_as_subject_gives_one_party_each() -> None:
    result = _import(
        "Zweckvereinbarung\n\n"
        "Die kreisfreien Städte Bonn, Köln und die Kreise Düren und Euskirchen schließen "
        "folgende Zweckvereinbarung:\n\n§ 1 Aufgabe\n\nText.\n"
    )
    assert _names(result) == ["Stadt Bonn", "Stadt Köln", "Kreis Düren", "Kreis Euskirchen"]
    assert not _party_review(result)


def test_verb_first() -> None:
    result = _import(
        "Zweckvereinbarung\n\n"
        "Auf Grund des Art. 7 KommZG schließen die Stadt Coburg und die Gemeinde Großheirath "
        "folgende Zweckvereinbarung:\n\n§ 1 Aufgabe\n\nText.\n"
    )
    assert _names(result) == ["Stadt Coburg", "Gemeinde Großheirath"]
    assert not _party_review(result)


def test_parties_named_in_section_one() -> None:
    result = _import(
        "Öffentlich-rechtlicher Vertrag\n\n§ 1 Vertragspartner\n\n"
        "Vertragspartner dieses Vertrages sind der Kreis Stormarn, vertreten durch den Landrat, "
        "und die Städte Ahrensburg, vertreten durch den Bürgermeister, und Bargteheide, "
        "vertreten durch die Bürgermeisterin.\n\n§ 2 Aufgaben\n\nText.\n"
    )
    assert _names(result) == ["Kreis Stormarn", "Stadt Ahrensburg", "Stadt Bargteheide"]
    assert not _party_review(result)


def test_a_list_cut_off_by_the_end_of_the_text_is_under_review() -> None:
    result = _import(
        "Öffentlich-rechtlicher Vertrag\n\n§ 1 Vertragspartner\n\n"
        "Vertragspartner dieses Vertrages sind der Kreis Stormarn, vertreten durch den Landrat, "
        "und die Städte Ahrensburg, Bargteheide, Reinbek"
    )
    assert _names(result)[:2] == ["Kreis Stormarn", "Stadt Ahrensburg"]
    assert any("bricht mit dem Text ab" in m for m in _party_review(result))


def test_a_name_not_in_the_gazetteer_from_a_sentence_is_under_review() -> None:
    result = _import(
        "Zweckvereinbarung\n\nDie Stadt Nirgendheim und die Gemeinde Irgendwo schließen "
        "folgende Zweckvereinbarung:\n\n§ 1 Aufgabe\n\nText.\n"
    )
    assert _names(result) == ["Stadt Nirgendheim", "Gemeinde Irgendwo"]
    assert any("nicht im Gemeindeverzeichnis" in m for m in _party_review(result))


def test_narrative_without_parties_gives_placeholders_under_review() -> None:
    result = _import(
        "Vereinbarung über die Zusammenarbeit beim Standesamt\n\n"
        "Beide Seiten wollen ab 2024 ein gemeinsames Standesamt bilden.\n\n"
        "§ 1 Aufgabe\n\nDas Standesamt wird gemeinsam geführt.\n\n"
        "§ 2 Laufzeit\n\nDie Vereinbarung kann mit einer Frist von sechs Monaten zum Ende eines "
        "Kalenderjahres gekündigt werden.\n"
    )
    assert _names(result) == ["Nicht erkannte Partei 1", "Nicht erkannte Partei 2"]
    assert not result.complete
    assert any("Platzhalter" in m for m in _party_review(result))
    assert result.agreement.term.notice is not None  # the rest is read as usual


def test_a_text_that_is_no_agreement_is_refused_with_the_reason() -> None:
    with pytest.raises(NotAnAgreementError, match="liest sich auch nicht als Vereinbarung"):
        _import("Protokoll der Sitzung\n\nDer Rat tagte von 10 bis 12 Uhr.\n")


def test_title_glued_to_the_parties_block_is_split_off() -> None:
    result = _import(
        "Zweckvereinbarung zwischen\n"
        "der Stadt Marktleuthen, vertreten durch den Ersten Bürgermeister Hans Muster,\n"
        "und\n"
        "der Stadt Kirchenlamitz, vertreten durch den Ersten Bürgermeister Otto Beispiel\n\n"
        "wird folgende Zweckvereinbarung geschlossen:\n\n§ 1 Aufgabe\n\nText.\n"
    )
    assert result.agreement.title == "Zweckvereinbarung"
    assert _names(result) == ["Stadt Marktleuthen", "Stadt Kirchenlamitz"]
    assert not any("Zweckvereinbarung" in n for n in _names(result))


def test_a_title_naming_the_parties_is_not_split() -> None:
    """»… zwischen A und B über …« is the title itself: no party is made of it."""
    result = _import(
        "Öffentlich-rechtliche Vereinbarung zwischen der Stadt Neuss und der Stadt Kaarst über "
        "die Feuerwehr\n\n"
        "Die Stadt Neuss, vertreten durch den Bürgermeister Max Muster, und die Stadt Kaarst, "
        "vertreten durch die Bürgermeisterin Erika Beispiel, schließen folgende Vereinbarung:\n\n"
        "§ 1 Aufgabe\n\nText.\n"
    )
    assert _names(result) == ["Stadt Neuss", "Stadt Kaarst"]


def test_a_name_holding_text_around_it_is_a_review_item() -> None:
    result = _import(
        "Vereinbarung über das Standesamt Zwischen der Gemeinde Anrath über die Aufgaben\n\n"
        "zwischen der Stadt Willich Seite 2, vertreten durch den Bürgermeister Max Muster, und "
        "der Stadt Tönisvorst, vertreten durch den Bürgermeister Otto Beispiel, wird folgende "
        "Vereinbarung geschlossen:\n\n§ 1 Aufgabe\n\nText.\n"
    )
    assert "Stadt Willich Seite 2" in _names(result)
    assert any("»Seite«" in m for m in _party_review(result))


def test_an_administration_is_named_as_its_body() -> None:
    assert normalise("Stadtverwaltung  Ostritz") == "Stadt Ostritz"
    result = _import(
        "Zweckvereinbarung\n\nzwischen der Stadtverwaltung Ostritz, vertreten durch den "
        "Bürgermeister Max Muster, und der Gemeindeverwaltung Markersdorf, vertreten durch den "
        "Bürgermeister Otto Beispiel, wird folgende Zweckvereinbarung geschlossen:\n\n"
        "§ 1 Aufgabe\n\nText.\n"
    )
    assert _names(result) == ["Stadt Ostritz", "Gemeinde Markersdorf"]


def test_another_texts_day_of_effect_is_not_taken() -> None:
    result = _import(
        "Vereinbarung\n\nzwischen der Stadt Neuss, vertreten durch den Bürgermeister Max Muster, "
        "und der Stadt Kaarst, vertreten durch den Bürgermeister Otto Beispiel, wird folgende "
        "Vereinbarung geschlossen:\n\n§ 1 Aufhebung\n\nDie am 1. März 1987 in Kraft getretene "
        "Vereinbarung wird mit Inkrafttreten dieser Vereinbarung aufgehoben.\n"
    )
    assert result.placeholder_effective  # no day of effect read: the placeholder, under review
    assert any(p.field.startswith("term") for p in result.review)


def test_gazetteer_knows_kinds_and_short_names() -> None:
    assert len(bodies()) > 12_000
    assert known("Markt Sulzbach am Main")  # Destatis: »Sulzbach a.Main, M«
    assert known("Gemeinde Immenstaad")  # Destatis: »Immenstaad am Bodensee«
    assert known("Kreis Herzogtum Lauenburg")
    assert known("Amt Lütau")
    assert known("Land Niedersachsen")
    assert known("Freie und Hansestadt Hamburg")
    assert not known("Gemeinde Neuss")  # Neuss is a Stadt
    assert not known("Stadt Obe")


def test_gazetteer_knows_what_the_2011_copy_lacks_from_vg250() -> None:
    """The 2011 copy of the Gemeindeverzeichnis misses most names beginning with Ä, Ö or Ü and
    every Gemeinde formed since; VG250 (BKG, 2016) adds them, and the Verwaltungsgemeinschaften
    and Verwaltungsverbände no other source has (data README)."""
    assert len(bodies()) > 12_800
    assert known("Stadt Öhringen")
    assert known("Stadt Überlingen")
    assert known("Gemeinde Ötisheim")
    assert known("Gemeinde Lossatal")  # formed 2012 (Sachsen)
    assert known("Verwaltungsgemeinschaft Kranichfeld")  # Thüringen
    assert known("Verwaltungsverband Wildenstein")  # Sachsen
    assert known("Gemeindeverwaltungsverband Schozach-Bottwartal")  # Baden-Württemberg
    assert not known("Stadt Ötisheim")  # a Gemeinde
    assert not known("Verwaltungsgemeinschaft Neuss")


def test_read_list_keeps_unreadable_items_as_doubts() -> None:
    names, doubts = read_list(
        "die Stadt Aachen, die Partner nach Anlage 3 und die Gemeinde Roetgen"
    )
    assert names == ["Stadt Aachen", "Gemeinde Roetgen"]
    assert doubts == ["die Partner nach Anlage 3"]


def test_public_law_agreement_in_force_by_its_text_is_unconfirmed_not_awaiting_approval() -> None:
    """Issue 22: »tritt am 1. Januar 2020 in Kraft« with no approval or publication in the text
    gave exit 0 and »Genehmigung ausstehend« for ever."""
    from vereinbarung.state.day import state_on

    result = _import(
        "Öffentlich-rechtliche Vereinbarung\n\nzwischen der Stadt Neuss, vertreten durch den "
        "Bürgermeister Max Muster, und der Stadt Kaarst, vertreten durch den Bürgermeister Otto "
        "Beispiel, wird folgende Vereinbarung geschlossen:\n\n§ 1 Aufgabe\n\nText.\n\n"
        "§ 2 Inkrafttreten\n\nDiese Vereinbarung tritt am 1. Januar 2020 in Kraft. Sie kann mit "
        "einer Frist von sechs Monaten zum Ende eines Kalenderjahres gekündigt werden.\n"
    )
    assert result.data["regime"] == "gkg"
    assert [e.type for e in result.agreement.events] == ["approved", "published"]
    published = result.agreement.events[1]
    assert "laut Text in Kraft seit 01.01.2020" in str(published.gazette)  # type: ignore[union-attr]
    fields = {p.field for p in result.review}
    assert {"events › approved", "events › published"} <= fields
    assert not result.complete  # exit code 3, not 0
    state = state_on(result.agreement, "01.06.2025")
    assert state.status == "unconfirmed"


def test_notice_months_before_its_expiry_is_a_notice_to_the_term_end() -> None:
    """»wenn sie nicht spätestens 18 Monate vor ihrem Ablauf gekündigt wird« (was flagged)."""
    result = _import(
        "Vereinbarung\n\nzwischen der Stadt Neuss, vertreten durch den Bürgermeister Max Muster, "
        "und der Stadt Kaarst, vertreten durch den Bürgermeister Otto Beispiel, wird folgende "
        "Vereinbarung geschlossen:\n\n§ 1 Aufgabe\n\nText.\n\n§ 2 Laufzeit\n\nDie Vereinbarung "
        "tritt am 01.01.2020 in Kraft. Sie wird für die Dauer von fünf Jahren geschlossen und "
        "verlängert sich jeweils um weitere fünf Jahre, wenn sie nicht spätestens 18 Monate vor "
        "ihrem Ablauf gekündigt wird.\n"
    )
    term = result.data["term"]
    assert (term["notice"], term["notice_to"]) == ("18 Monate", "term_end")
    assert (term["duration"], term["renewal"]) == ("5 Jahre", "5 Jahre")
    assert not [p for p in result.review if p.field.startswith("term")]


def test_states_only_mentioned_are_read_under_review() -> None:
    result = _import(
        "Vereinbarung über die Zusammenarbeit\n\nDie Zusammenarbeit der Länder Berlin und "
        "Brandenburg über die gemeinsame Region wird fortgesetzt.\n\n"
        "§ 1 Koordinierungsrat\n\nDie Regierungen bilden einen Koordinierungsrat.\n"
    )
    assert _names(result) == ["Land Berlin", "Land Brandenburg"]
    assert any("nur aus einer Erwähnung" in m for m in _party_review(result))


def test_page_furniture_is_removed_before_fields_are_read() -> None:
    result = _import(
        "Titel Logo\n\nSeite 1 von 3\n\nZweckvereinbarung\n\nzwischen der Stadt Coburg SEITE 6, "
        "vertreten durch den Oberbürgermeister Max Muster, und der Gemeinde Großheirath, "
        "vertreten durch den Ersten Bürgermeister Otto Beispiel, wird folgende "
        "Zweckvereinbarung geschlossen:\n\n- 2 -\n\n§ 1 Aufgabe\n\nText.\n"
    )
    assert result.agreement.title == "Zweckvereinbarung"
    assert _names(result) == ["Stadt Coburg", "Gemeinde Großheirath"]
    assert not [p for p in result.review if p.field in ("title", "parties")]


def test_sections_inside_one_running_paragraph_are_read() -> None:
    """A printed page as one paragraph: the § markers give sections, the term is read."""
    result = _import(
        "Vereinbarung über die Übertragung der Aufgaben des Standesamtes Zwischen der Stadt "
        "Coburg, vertreten durch den Oberbürgermeister Max Muster, und der Gemeinde Großheirath, "
        "vertreten durch den Ersten Bürgermeister Otto Beispiel, wird folgende Vereinbarung "
        "geschlossen: Präambel Die Gemeinden wollen zusammenarbeiten. §1 Übertragung der "
        "Aufgaben (1) Die Gemeinde überträgt die Aufgaben des Standesamts auf die Stadt. "
        "§ 2 Laufzeit (1) Die Vereinbarung tritt am 01.08.2015 in Kraft. (2) Sie kann mit einer "
        "Frist von sechs Monaten zum Ende eines Kalenderjahres gekündigt werden.\n"
    )
    assert [s.heading for s in result.agreement.sections] == [
        "Übertragung der Aufgaben",
        "Laufzeit",
    ]
    assert result.agreement.term.effective == dt.date(2015, 8, 1)
    assert (result.data["term"]["notice"], result.data["term"]["notice_to"]) == (
        "6 Monate",
        "year_end",
    )
    assert _names(result) == ["Stadt Coburg", "Gemeinde Großheirath"]
    assert not [p for p in result.review if p.field in ("sections", "term")]


# -- rules3: a hosting site's transcript of a Bekanntmachung, one running paragraph ---------------

_TRANSCRIPT = (
    "dem Landkreis Prignitz, Berliner Straße 49, Perleberg, vertreten durch den Landrat,\n\n"
    "Größe: px\n\nAb Seite anzeigen:\n\n"
    'Download "dem Landkreis Prignitz, Berliner Straße 49, Perleberg, vertreten durch den '
    'Landrat,"\n\nTranskript\n\n'
    "1 Bekanntmachung der öffentlich-rechtlichen Vereinbarung über die Kfz-Zulassung Die "
    "nachstehende öffentlich-rechtliche Vereinbarung wurde am 3. März 2018 genehmigt und wird "
    "hiermit bekannt gemacht. Öffentlich-rechtliche Vereinbarung über die Kfz-Zulassung "
    "zwischen dem Landkreis Prignitz, Berliner Straße 49, Perleberg, vertreten durch den "
    "Landrat, sowie der kreisfreien Stadt Cottbus, Neumarkt 5, Cottbus, vertreten durch den "
    "Oberbürgermeister; der Landeshauptstadt Potsdam, Friedrich-Ebert-Straße 79, Potsdam, "
    "vertreten durch den Oberbürgermeister; wird folgende Vereinbarung geschlossen:\n\n"
    "§ 1 Gegenstand\n\nDer Landkreis übernimmt die Zulassung.\n"
)


def test_a_transcripts_page_head_is_no_party_and_its_title_is_the_agreements() -> None:
    result = _import(_TRANSCRIPT)
    assert result.agreement.title == "Öffentlich-rechtliche Vereinbarung"
    assert _names(result) == ["Landkreis Prignitz", "Stadt Cottbus", "Landeshauptstadt Potsdam"]
    assert not [m for m in _party_review(result) if "Download" in m or "kreisfreien" in m]


def test_html_markup_of_a_web_page_copy_is_removed() -> None:
    result = _import(
        "Bezirksregierung<br />\n\n"
        "<strong>Öffentlich</strong>-<strong>rechtliche</strong> <strong>Vereinbarung</strong><br />\n\n"
        "zwischen <strong>der</strong> Stadt Krefeld,<br />\n"
        "vertreten durch den Oberbürgermeister,<br />\n"
        "und <strong>dem</strong> Kreis Viersen,<br />\n"
        "vertreten durch den Landrat,<br />\n\n"
        "wird folgende Vereinbarung geschlossen:<br />\n\n"
        "§ 1 Gegenstand<br />\n\nDer Kreis untersucht das Trinkwasser der Stadt.<br />\n"
    )
    assert result.agreement.title == "Öffentlich-rechtliche Vereinbarung"
    assert _names(result) == ["Stadt Krefeld", "Kreis Viersen"]


def test_one_body_named_twice_in_two_spellings_is_one_party_under_review() -> None:
    result = _import(
        "Öffentlich-rechtliche Vereinbarung\n\nzwischen\n\n"
        "der Landeshauptstadt Düsseldorf, vertreten durch den Oberbürgermeister,\n\n"
        "der Stadt Düsseldorf, vertreten durch den Oberbürgermeister,\n\n"
        "und dem Kreis Mettmann, vertreten durch den Landrat,\n\n"
        "wird folgende Vereinbarung geschlossen:\n\n"
        "§ 1 Gegenstand\n\nDer Kreis untersucht das Trinkwasser der Stadt.\n"
    )
    assert _names(result) == ["Landeshauptstadt Düsseldorf", "Kreis Mettmann"]
    assert any("zweimal" in m for m in _party_review(result))


def test_zwischen_den_staedten_und_gemeinden_above_a_numbered_list_is_no_party() -> None:
    result = _import(
        "Öffentlich-rechtliche Vereinbarung über einen gemeinsamen Gutachterausschuss\n\n"
        "zwischen den Städten und Gemeinden\n\n"
        "1. Stadt Nagold\n\nvertreten durch Herrn Oberbürgermeister Muster\n\n"
        "2. Gemeinde Ebhausen\n\nvertreten durch Herrn Bürgermeister Beispiel\n\n"
        "wird folgende Vereinbarung geschlossen:\n\n"
        "§ 1 Gutachterausschuss\n\nDie Stadt Nagold bildet den Gutachterausschuss.\n"
    )
    assert _names(result) == ["Stadt Nagold", "Gemeinde Ebhausen"]
    assert not _party_review(result)


def test_parties_named_again_in_the_closing_sentence_with_their_aliases() -> None:
    result = _import(
        "Zweckvereinbarung über die Geschwindigkeitsüberwachung\n\n"
        "zwischen der Stadt Germersheim, Kolpingplatz 3 in 76726 Germersheim, vertreten durch "
        "den Bürgermeister,\nund der Verbandsgemeinde Bellheim, Schubertstr. 18 in 76756 "
        "Bellheim, vertreten durch den Bürgermeister,\n"
        'Die Stadt Germersheim (nachfolgend „beauftragte Beteiligte") sowie die '
        'Verbandsgemeinden Bellheim und Lingenfeld (nachfolgend „kommunale Beteiligte") '
        "schließen folgende Zweckvereinbarung:\n\n"
        "§ 1 Aufgabe\n\nDie Stadt überwacht die Geschwindigkeit.\n"
    )
    assert _names(result) == [
        "Stadt Germersheim", "Verbandsgemeinde Bellheim", "Verbandsgemeinde Lingenfeld"
    ]  # fmt: skip
    assert not [m for m in _party_review(result) if "nicht als Partei erkannt" in m]


def test_a_party_broken_over_two_lines_of_a_pdf_is_not_lost() -> None:
    lines = (
        "zwischen dem Landkreis Prignitz, Berliner Straße 49, Perleberg, vertreten durch den",
        "Landrat; der kreisfreien",
        "Stadt Cottbus, Neumarkt 5, Cottbus, vertreten durch den Oberbürgermeister; dem",
        "Landkreis Oberhavel, Adolf-Dechert-Straße 1, Oranienburg, vertreten durch den Landrat;",
    )
    block = Block("text", " ".join(lines), "Seite 1", 0, raw_lines=lines)
    parties, _ = parse_parties([block])
    assert [p.name for p in parties] == [
        "Landkreis Prignitz",
        "Stadt Cottbus",
        "Landkreis Oberhavel",
    ]
