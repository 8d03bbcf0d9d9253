"""Issue 22, second round: further forms in which published agreements name their parties,
their title and their term, each with a short text written for the test (not taken from the
published corpus): the subject with »sind (wie folgt) übereingekommen« / »kommen … überein«, a
title »Vereinbarung der (Regierungen der) Länder A und B über …«, the kind above a bare
»Vertrag über …«, the kind before »zwischen … über …«, an article alone without parties, a
title line ending with »zwischen«, a term stated only in the preamble, a title ending with an
abbreviated place name, and a treaty's title over several paragraphs.
"""

from __future__ import annotations

from vereinbarung.importing.result import ImportResult

from .import_forms import imported as _import
from .import_forms import names as _names
from .import_forms import party_review as _party_review


def test_the_subject_that_is_agreed_names_the_parties() -> None:
    result = _import(
        "Verwaltungsvereinbarung über die Pflege der Grenzsteine\n\n"
        "Das Land Hessen und der Freistaat Thüringen sind wie folgt übereingekommen:\n\n"
        "Artikel 1\n\nDie Grenzsteine werden gemeinsam gepflegt.\n"
    )
    assert _names(result) == ["Land Hessen", "Freistaat Thüringen"]
    assert not _party_review(result)


def test_the_subject_of_kommen_ueberein_names_the_parties() -> None:
    result = _import(
        "Vereinbarung über den Winterdienst\n\n"
        "Die Stadt Zittau und die Gemeinde Olbersdorf kommen wie folgt überein:\n\n"
        "§ 1 Gegenstand\n\nDie Stadt räumt die Verbindungsstraße.\n"
    )
    assert _names(result) == ["Stadt Zittau", "Gemeinde Olbersdorf"]
    assert not _party_review(result)


def test_a_single_body_that_has_agreed_is_no_list() -> None:
    result = _import(
        "Vereinbarung über den Winterdienst\n\n"
        "Die Stadt Zittau ist übereingekommen, die Straße zu räumen.\n\n"
        "§ 1 Gegenstand\n\nDie Stadt räumt die Verbindungsstraße.\n"
    )
    assert _party_review(result)


def test_a_title_of_the_governments_of_two_laender_names_the_parties() -> None:
    result = _import(
        "Vereinbarung der Regierungen der Länder Hessen und Thüringen über gemeinsame Sitzungen\n\n"
        "§ 1 Sitzungen\n\nDie Regierungen treffen sich einmal im Jahr.\n"
    )
    assert _names(result) == ["Land Hessen", "Land Thüringen"]
    assert not _party_review(result)


def test_a_title_naming_the_laender_of_another_treaty_stays_under_review() -> None:
    result = _import(
        "Vereinbarung zur Ausführung des Staatsvertrages der Länder Hessen und Thüringen über "
        "die Grenze\n\n§ 1 Pflege\n\nDie Grenzsteine werden gemeinsam gepflegt.\n"
    )
    assert _names(result) == ["Land Hessen", "Land Thüringen"]
    assert _party_review(result)


def _title_review(result: ImportResult) -> list[str]:
    return [p.message for p in result.review if p.field == "title"]


def test_the_kind_above_a_bare_vertrag_ueber_is_the_title() -> None:
    result = _import(
        "Anlage 1\n\nEingliederungsvertrag\n\n"
        "Vertrag über die Eingliederung der Gemeinde Olbersdorf in die Stadt Zittau\n\n"
        "Die Stadt Zittau und die Gemeinde Olbersdorf schließen folgende Vereinbarung:\n\n"
        "§ 1 Eingliederung\n\nDie Gemeinde wird eingegliedert.\n"
    )
    assert result.agreement.title == "Eingliederungsvertrag"
    assert not _title_review(result)


def test_a_bare_vertrag_ueber_alone_is_still_reviewed() -> None:
    result = _import(
        "Anlage 1\n\n"
        "Vertrag über die Eingliederung der Gemeinde Olbersdorf in die Stadt Zittau\n\n"
        "Die Stadt Zittau und die Gemeinde Olbersdorf schließen folgende Vereinbarung:\n\n"
        "§ 1 Eingliederung\n\nDie Gemeinde wird eingegliedert.\n"
    )
    assert _title_review(result)


def test_the_kind_before_zwischen_the_parties_is_the_title() -> None:
    result = _import(
        "Anlage 2\n\n"
        "Vereinbarung zwischen der Stadt Zittau und der Gemeinde Olbersdorf über den Winterdienst"
        "\n\n§ 1 Gegenstand\n\nDie Stadt räumt die Verbindungsstraße.\n"
    )
    assert result.agreement.title == "Vereinbarung"
    assert not _title_review(result)


def test_an_article_alone_without_parties_keeps_its_first_paragraph() -> None:
    result = _import(
        "Inhalt\n\nFassung: 01.03.2020\n\nArtikel 7\n\n"
        "(1) Der Staatsvertrag gilt ab Inkrafttreten zunächst für drei Jahre.\n\n"
        "(2) Danach verlängert sich die Vertragslaufzeit jeweils um zwei Jahre, wenn der "
        "Staatsvertrag nicht mit einer Frist von sechs Monaten vor Ablauf der Vertragslaufzeit "
        "gekündigt wird.\n"
    )
    term = result.data["term"]
    assert (str(term["duration"]), str(term["renewal"])) == ("3 Jahre", "2 Jahre")
    assert str(term["notice"]) == "6 Monate"
    assert _party_review(result)  # the parties are not named: placeholders under review


def test_a_title_ending_with_zwischen_begins_the_parties_block() -> None:
    result = _import(
        "Vollzug des Gesetzes über die kommunale Zusammenarbeit\n\n"
        "Vereinbarung zwischen\n\n"
        "der Stadt Zittau, Markt 1, 02763 Zittau,\n\n"
        "vertreten durch den Oberbürgermeister,\n\nund\n\n"
        "der Gemeinde Olbersdorf, Oberer Viebig 2, 02785 Olbersdorf,\n\n"
        "vertreten durch den Bürgermeister\n\n"
        "Gemäß dem Gesetz schließen die oben genannten Gemeinden folgende Vereinbarung:\n\n"
        "§ 1 Aufgabe\n\nDie Stadt räumt die Verbindungsstraße.\n"
    )
    assert result.agreement.title == "Vereinbarung"
    assert _names(result) == ["Stadt Zittau", "Gemeinde Olbersdorf"]
    assert not _party_review(result)


PREAMBLE_TERM = (
    "Zweckvereinbarung\n\n"
    "zwischen der Stadt Zittau, vertreten durch den Oberbürgermeister, und der Gemeinde "
    "Olbersdorf, vertreten durch den Bürgermeister, wird folgende Zweckvereinbarung "
    "geschlossen:\n\nPräambel\n\n"
    "Die Zweckvereinbarung wird auf zwei Jahre befristet geschlossen, um Erfahrungen zu "
    "sammeln.\n\n§ 1 Aufgabe\n\nDie Stadt räumt die Verbindungsstraße.\n"
)


def test_a_term_stated_only_in_the_preamble_is_read() -> None:
    result = _import(PREAMBLE_TERM)
    assert str(result.data["term"]["duration"]) == "2 Jahre"
    assert not [p for p in result.review if p.field in ("term", "term › duration")]


def test_a_term_clause_in_the_sections_wins_over_the_preamble() -> None:
    result = _import(
        PREAMBLE_TERM + "\n§ 2 Laufzeit\n\nDie Zweckvereinbarung gilt für die Dauer von drei "
        "Jahren.\n"
    )
    assert str(result.data["term"]["duration"]) == "3 Jahre"


def test_a_title_ending_with_an_abbreviated_place_name_is_a_title() -> None:
    result = _import(
        "Amtsblatt des Landkreises\n\n"
        "Zweckvereinbarung über den Winterdienst im Gebiet der Stadt Frankfurt a.\n\n"
        "Zwischen der Stadt Zittau, vertreten durch den Oberbürgermeister, und der Gemeinde "
        "Olbersdorf, vertreten durch den Bürgermeister, wird folgende Zweckvereinbarung "
        "geschlossen:\n\n§ 1 Aufgabe\n\nDie Stadt räumt die Verbindungsstraße.\n"
    )
    assert result.agreement.title == "Zweckvereinbarung"
    assert not [p for p in result.review if p.field == "title"]


def test_a_sentence_is_no_title() -> None:
    result = _import(
        "Amtsblatt des Landkreises\n\n"
        "Die Zweckvereinbarung über den Winterdienst wurde geschlossen.\n\n"
        "Zwischen der Stadt Zittau, vertreten durch den Oberbürgermeister, und der Gemeinde "
        "Olbersdorf, vertreten durch den Bürgermeister, wird folgende Zweckvereinbarung "
        "geschlossen:\n\n§ 1 Aufgabe\n\nDie Stadt räumt die Verbindungsstraße.\n"
    )
    assert [p for p in result.review if p.field == "title"]


def test_a_title_between_the_laender_over_several_paragraphs_names_the_parties() -> None:
    result = _import(
        "Staatsvertrag\n\n"
        "zwischen der Freien und Hansestadt Hamburg und den Ländern Hessen\n\n"
        "und Thüringen über die Zuständigkeit eines Gerichts\n\n"
        "des Landes und der Stadt\n\n"
        "§ 1\nZuständigkeit\n\nDas Gericht ist zuständig.\n"
    )
    assert _names(result) == ["Freie und Hansestadt Hamburg", "Land Hessen", "Land Thüringen"]
    assert not _party_review(result)


# -- rules3 (issue 22): forms of the development part, with texts written for the test ------------


def test_bodies_that_form_something_together_are_the_parties() -> None:
    result = _import(
        "auf Grund des KGG wird folgender öffentlich-rechtlicher Vertrag geschlossen:\n\n"
        "Die Gemeinden Lohfelden, Fuldabrück und Söhrewald bilden ab 01.01.2024 einen "
        "gemeinsamen Ordnungsbehördenbezirk. Die Gemeinde Lohfelden übernimmt die Aufgaben.\n\n"
        "Die Kündigung ist mit einer Frist von sechs Monaten zum Jahresende möglich.\n"
    )
    assert _names(result) == ["Gemeinde Lohfelden", "Gemeinde Fuldabrück", "Gemeinde Söhrewald"]
    assert not _party_review(result)


def test_forming_something_with_another_body_is_no_list_of_parties() -> None:
    result = _import(
        "auf Grund des KGG wird folgender öffentlich-rechtlicher Vertrag geschlossen:\n\n"
        "Die Gemeinden Lohfelden und Fuldabrück bilden einen gemeinsamen Bezirk mit der "
        "Gemeinde Söhrewald. Die Gemeinde Lohfelden übernimmt die Aufgaben.\n\n"
        "Die Kündigung ist mit einer Frist von sechs Monaten zum Jahresende möglich.\n"
    )
    assert _party_review(result)


def test_a_running_sentence_at_the_start_is_no_title() -> None:
    result = _import(
        "wird auf Grund des KGG folgender öffentlich-rechtlicher Vertrag geschlossen:\n\n"
        "Die Gemeinden Lohfelden, Fuldabrück und Söhrewald bilden ab 01.01.2024 einen "
        "gemeinsamen Ordnungsbehördenbezirk.\n\n"
        "Die Kündigung ist mit einer Frist von sechs Monaten zum Jahresende möglich.\n"
    )
    assert result.agreement.title == "Vereinbarung"
    assert _title_review(result)


_NOTICE = (
    "Es wird darauf hingewiesen, dass die Vereinbarung aufsichtsbehördlich genehmigt und im "
    "Amtsblatt bekannt gemacht worden ist.\n\nHannover, den 03.03.2015\n"
)


def test_a_title_line_naming_the_parties_gives_them() -> None:
    result = _import(
        "Öffentlich-rechtliche Vereinbarung zwischen der Region Hannover und der Stadt Laatzen\n\n"
        "Öffentlich-rechtliche Vereinbarung zur Übertragung der Schülerbeförderung\n\n" + _NOTICE
    )
    assert _names(result) == ["Region Hannover", "Stadt Laatzen"]
    assert not _party_review(result)


def test_a_title_line_continued_on_the_next_line_is_read_with_it() -> None:
    result = _import(
        "Öffentlich-rechtliche Vereinbarung zwischen der Region Hannover und der Stadt Laatzen\n\n"
        "sowie der Stadt Sehnde zur Übertragung der Schülerbeförderung\n\n" + _NOTICE
    )
    assert _names(result) == ["Region Hannover", "Stadt Laatzen", "Stadt Sehnde"]
    assert not _party_review(result)


def test_a_title_line_continued_in_other_words_stays_under_review() -> None:
    result = _import(
        "Öffentlich-rechtliche Vereinbarung zwischen der Region Hannover und der Stadt Laatzen\n\n"
        "nebst weiteren Kommunen zur Übertragung der Schülerbeförderung\n\n" + _NOTICE
    )
    assert _party_review(result)


def test_a_title_line_above_the_parties_own_block_is_split_off() -> None:
    result = _import(
        "Öffentlich-rechtliche Vereinbarung zwischen der Stadt Krefeld, dem Kreis Viersen und "
        "der Stadt Mönchengladbach über die Untersuchung von Trinkwasser vom 3. März 2005\n"
        "Amtsblatt für den Regierungsbezirk Düsseldorf Nr. 10 vom 10.03.2005\n"
        "Die Stadt Krefeld,\nvertreten durch den Oberbürgermeister,\n"
        "und der Kreis Viersen,\nvertreten durch den Landrat,\n(im Folgenden -Verbund- genannt)\n"
        "schließen\nmit der Stadt Mönchengladbach,\nvertreten durch den Oberbürgermeister,\n"
        "aufgrund der §§ 23 ff. GkG NRW folgende öffentlich-rechtliche Vereinbarung:\n\n"
        "§ 1 Gegenstand\n\nDer Verbund untersucht das Trinkwasser der Stadt.\n"
    )
    assert result.agreement.title == "Öffentlich-rechtliche Vereinbarung"
    assert _names(result) == ["Stadt Krefeld", "Kreis Viersen", "Stadt Mönchengladbach"]
    assert not [m for m in _party_review(result) if "Amtsblatt" in m or "Vereinbarung" in m]


def test_a_title_line_read_into_one_paragraph_with_the_next_title_ends_the_list() -> None:
    result = _import(
        "Öffentlich-rechtliche Vereinbarung zwischen der Region Hannover und der Stadt Laatzen "
        "Öffentlich-rechtliche Vereinbarung zur Übertragung der Schülerbeförderung\n\n" + _NOTICE
    )
    assert _names(result) == ["Region Hannover", "Stadt Laatzen"]
    assert not _party_review(result)


def test_a_full_stop_after_a_party_is_no_part_of_its_name() -> None:
    result = _import(
        "Vertrag über die Zusammenarbeit der Bauhöfe\n\n"
        "Die Stadt Tübingen. vertreten durch Oberbürgermeister Dr. Muster, und die Gemeinde "
        "Ammerbuch, vertreten durch Bürgermeisterin Beispiel, schließen folgende Vereinbarung:\n\n"
        "§ 1 Bauhöfe\n\nDie Bauhöfe helfen einander aus.\n"
    )
    assert _names(result) == ["Stadt Tübingen", "Gemeinde Ammerbuch"]
    assert not _party_review(result)


def test_a_full_stop_of_an_abbreviated_name_is_kept() -> None:
    result = _import(
        "Vertrag über die Zusammenarbeit der Bauhöfe\n\n"
        "Die Stadt Reichenbach/O.L., vertreten durch den Bürgermeister, und die Gemeinde "
        "Markersdorf, vertreten durch den Bürgermeister, schließen folgende Vereinbarung:\n\n"
        "§ 1 Bauhöfe\n\nDie Bauhöfe helfen einander aus.\n"
    )
    assert _names(result) == ["Stadt Reichenbach/O.L.", "Gemeinde Markersdorf"]


def test_spaces_around_the_slash_of_a_name_are_dropped() -> None:
    result = _import(
        "Vertrag über die Zusammenarbeit der Bauhöfe\n\nzwischen\n\n"
        "der Stadt Lauenburg / Elbe, vertreten durch den Bürgermeister,\n\n"
        "und der Stadt Geesthacht, vertreten durch den Bürgermeister,\n\n"
        "wird folgender Vertrag geschlossen:\n\n§ 1 Bauhöfe\n\nDie Bauhöfe helfen einander aus.\n"
    )
    assert _names(result) == ["Stadt Lauenburg/Elbe", "Stadt Geesthacht"]


def test_the_roles_of_a_verwaltungsgemeinschaft_name_the_parties() -> None:
    result = _import(
        "Öffentlich-rechtliche Vereinbarung über die vereinbarte Verwaltungsgemeinschaft\n\n"
        "Auf Grund von § 59 GemO schließen die Gemeinden hierüber folgende Vereinbarung:\n\n"
        "§ 1\n\n(1) Die Stadt Welzheim (erfüllende Stadt) erfüllt für die Gemeinden Kaisersbach "
        "und Alfdorf (Nachbargemeinden) die Aufgaben eines Gemeindeverwaltungsverbands.\n"
    )
    assert _names(result) == ["Stadt Welzheim", "Gemeinde Kaisersbach", "Gemeinde Alfdorf"]
    assert not _party_review(result)


def test_zwischen_of_another_treaty_in_the_title_does_not_cut_it() -> None:
    result = _import(
        "Verwaltungsvereinbarung zur Ausführung von Artikel 3 des Staatsvertrages zwischen den "
        "Ländern Hessen und Thüringen über die Grenzsteine vom 1. März 1994\n\n"
        "Das Land Hessen und das Land Thüringen sind wie folgt übereingekommen:\n\n"
        "Artikel 1\n\nDie Grenzsteine werden gemeinsam gepflegt.\n"
    )
    assert result.agreement.title == "Verwaltungsvereinbarung"
    assert not _title_review(result)
    assert _names(result) == ["Land Hessen", "Land Thüringen"]


def test_the_sentence_concluding_the_agreement_is_no_title() -> None:
    result = _import(
        "Anlage 2\n\nÖffentlich-rechtliche Vereinbarung\n\nzur Neuordnung der Bauhöfe\n\n"
        "Auf Grund des GKZ haben der Gemeinderat der Stadt Metzingen am [Datum] und der "
        "Gemeinderat der Gemeinde Riederich am [Datum]\n\n"
        "[Datum] und der Gemeinderat der Gemeinde Riederich am [Datum] nachfolgende "
        "öffentlich-rechtliche Vereinbarung\n\nbeschlossen:\n\n"
        "§ 1 Bauhöfe\n\nDie Bauhöfe helfen einander aus.\n"
    )
    assert result.agreement.title == "Öffentlich-rechtliche Vereinbarung"
