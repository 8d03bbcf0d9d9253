"""Issue 22, fifth batch: forms in which municipal agreements name their parties, each with a
short text written for the test (not taken from the published corpus): the verb first with a
plural kind (»schließen die Gemeinden A, B und C folgenden Vertrag«, »… die Ortsgemeinden A, B
und C aufgrund des § 8 GemO …«), role marks (»- Beteiligte zu 1 -«), a clause »…, die beide dem
Landkreis A angehören, …«, the Flecken as a kind, notices of approval (headline or sentence)
naming »der Großen Kreisstadt A und dem B-Kreis« and their kind of agreement as the title (not
the category line »Kommunalwesen« above).
"""

from __future__ import annotations

from .import_forms import imported as _import
from .import_forms import names as _names
from .import_forms import party_review as _party_review


def test_the_verb_first_with_a_plural_kind_and_folgenden() -> None:
    result = _import(
        "Öffentlich-rechtlicher Vertrag über die Kinderbetreuung\n\n"
        "Auf der Grundlage des § 19 c GkZ schließen die Gemeinden Fockbek, Nübbel und Rickert "
        "folgenden öffentlich-rechtlichen Vertrag:\n\n"
        "§ 1 Gegenstand\n\nDie Gemeinden betreiben eine gemeinsame Kindertagesstätte.\n"
    )
    assert _names(result) == ["Gemeinde Fockbek", "Gemeinde Nübbel", "Gemeinde Rickert"]
    assert not _party_review(result)


def test_the_verb_first_with_ortsgemeinden_and_the_grounds() -> None:
    result = _import(
        "Zweckvereinbarung\n\n"
        "Für die Trägerschaft der Kindertagesstätte schließen die Ortsgemeinden Kail, Brohl und "
        "Binningen aufgrund des § 8 Gemeindeordnung in Verbindung mit § 12 KomZG folgende "
        "Zweckvereinbarung:\n\n"
        "§ 1 Träger\n\nTräger ist die Ortsgemeinde Kail.\n"
    )
    assert _names(result) == ["Ortsgemeinde Kail", "Ortsgemeinde Brohl", "Ortsgemeinde Binningen"]
    assert not _party_review(result)


def test_a_name_of_the_verb_first_list_not_in_the_directory_is_flagged() -> None:
    result = _import(
        "Öffentlich-rechtlicher Vertrag über den Bauhof\n\n"
        "Auf der Grundlage des GkZ schließen die Gemeinden Fockbek, Nirgendwohausen und Rickert "
        "folgenden öffentlich-rechtlichen Vertrag:\n\n"
        "§ 1 Gegenstand\n\nDer Bauhof wird gemeinsam genutzt.\n"
    )
    assert "Gemeinde Nirgendwohausen" in _names(result)
    assert any("Nirgendwohausen" in message for message in _party_review(result))


def test_role_marks_after_the_names_are_dropped() -> None:
    result = _import(
        "Öffentlich-rechtliche Vereinbarung über die Rufbereitschaft\n\n"
        "Die Stadt Rietberg - Beteiligte zu 1 - und die Stadt Delbrück - Beteiligte zu 2 - "
        "schließen auf der Grundlage des GkG NRW folgende öffentlich-rechtliche Vereinbarung:\n\n"
        "§ 1 Aufgaben\n\nDie Beteiligten vertreten einander in der Rufbereitschaft.\n"
    )
    assert _names(result) == ["Stadt Rietberg", "Stadt Delbrück"]
    assert not _party_review(result)


def test_a_flecken_is_a_kind() -> None:
    result = _import(
        "Gebietsänderungsvertrag\n\n"
        "Der Flecken Harsefeld und die Gemeinde Ahlerstedt schließen folgenden "
        "Gebietsänderungsvertrag:\n\n"
        "§ 1 Gebietsänderung\n\nEin Flurstück wird umgegliedert.\n"
    )
    assert _names(result) == ["Flecken Harsefeld", "Gemeinde Ahlerstedt"]
    assert not _party_review(result)


def test_a_notice_of_approval_names_the_grosse_kreisstadt_under_review() -> None:
    result = _import(
        "Bekanntmachung über die Genehmigung einer Zweckvereinbarung\n\n"
        "Die Landesdirektion genehmigt die am 3. März 2023 zwischen der Großen Kreisstadt "
        "Radebeul und dem Landkreis Meißen geschlossene Zweckvereinbarung zur Übertragung der "
        "Wohngeldstelle.\n"
    )
    assert _names(result) == ["Große Kreisstadt Radebeul", "Landkreis Meißen"]
    assert _party_review(result)  # only mentioned »zwischen …«: never certain


def test_a_kreis_named_by_its_kind_not_in_the_directory_is_flagged() -> None:
    result = _import(
        "Bekanntmachung über die Genehmigung einer Zweckvereinbarung\n\n"
        "Die Zweckvereinbarung zwischen der Großen Kreisstadt Plauen und dem Nirgendwokreis über "
        "die Schülerbeförderung wird genehmigt.\n"
    )
    assert _names(result) == ["Große Kreisstadt Plauen", "Nirgendwokreis"]
    assert any("Nirgendwokreis" in message for message in _party_review(result))


def test_a_notice_of_approval_gives_the_kind_as_title_not_its_category() -> None:
    result = _import(
        "Kommunalwesen\n\n[03.03.2023] [20-1111/1/1]\n\n"
        "Bekanntmachung der Landesdirektion über die Genehmigung der befristeten "
        "Zweckvereinbarung zwischen der Großen Kreisstadt Radebeul und dem Landkreis Meißen "
        "zur Übertragung der Wohngeldstelle\n\n"
        "Die Landesdirektion hat die Zweckvereinbarung genehmigt.\n"
    )
    assert result.agreement.title == "Zweckvereinbarung"
    assert not [p for p in result.review if p.field == "title"]


def test_the_agreements_own_title_goes_before_the_notice_of_approval() -> None:
    result = _import(
        "Bekanntmachung über die Genehmigung der Zweckvereinbarung zwischen der Stadt Zittau "
        "und der Gemeinde Olbersdorf\n\n"
        "Zweckvereinbarung über den Winterdienst\n\n"
        "Die Stadt Zittau und die Gemeinde Olbersdorf schließen folgende Zweckvereinbarung:\n\n"
        "§ 1 Gegenstand\n\nDie Stadt räumt die Verbindungsstraße.\n"
    )
    assert result.agreement.title == "Zweckvereinbarung"
    assert result.agreement.subtitle == "über den Winterdienst"


def test_the_headline_of_a_notice_of_approval_names_the_parties() -> None:
    result = _import(
        "Bekanntmachung des Landratsamtes über die Genehmigung der Zweckvereinbarung zwischen der "
        "Gemeinde Moritzburg und der Großen Kreisstadt Radebeul zur Bildung eines gemeinsamen "
        "Standesamtsbezirks\n\n"
        "Das Landratsamt hat die Zweckvereinbarung mit Bescheid vom 2. Mai 2024 genehmigt.\n"
    )
    assert _names(result) == ["Gemeinde Moritzburg", "Große Kreisstadt Radebeul"]
    assert not _party_review(result)


def test_a_kreis_named_by_its_kind_is_confirmed_as_that_landkreis() -> None:
    result = _import(
        "Bekanntmachung über die Genehmigung der befristeten Zweckvereinbarung zur Übertragung "
        "der Wohngeldstelle zwischen der Großen Kreisstadt Plauen und dem Vogtlandkreis vom "
        "4. April 2022\n\nDie Landesdirektion hat die Zweckvereinbarung genehmigt.\n"
    )
    assert _names(result) == ["Große Kreisstadt Plauen", "Vogtlandkreis"]
    assert not _party_review(result)


def test_a_notice_of_approval_with_an_unknown_party_is_flagged() -> None:
    result = _import(
        "Bekanntmachung über die Genehmigung der Zweckvereinbarung zwischen der Gemeinde "
        "Moritzburg und der Großen Kreisstadt Nirgendwohausen zur Bildung eines gemeinsamen "
        "Standesamtsbezirks\n\nDie Landesdirektion hat die Zweckvereinbarung genehmigt.\n"
    )
    assert any("Nirgendwohausen" in message for message in _party_review(result))


def test_the_sentence_approving_the_agreement_above_names_the_parties() -> None:
    result = _import(
        "Die vorstehende Zweckvereinbarung zwischen den Ortsgemeinden Kail, Brohl und Binningen "
        "über die Trägerschaft der Kindertagesstätte wird hiermit gemäß § 12 Abs. 2 KomZG "
        "genehmigt.\n\n"
        "§ 1 Träger\n\nTräger ist die Ortsgemeinde Kail.\n"
    )
    assert _names(result) == ["Ortsgemeinde Kail", "Ortsgemeinde Brohl", "Ortsgemeinde Binningen"]
    assert not _party_review(result)


def test_a_sentence_not_approving_the_agreement_above_stays_under_review() -> None:
    result = _import(
        "Die vorstehende Zweckvereinbarung zwischen den Ortsgemeinden Kail, Brohl und Binningen "
        "über die Trägerschaft der Kindertagesstätte wird hiermit aufgehoben.\n\n"
        "§ 1 Träger\n\nTräger ist die Ortsgemeinde Kail.\n"
    )
    assert _party_review(result)


def test_a_notice_approving_an_amendment_names_the_parties() -> None:
    result = _import(
        "Bekanntmachung\n\n"
        "Die 1. Änderung der Zweckvereinbarung zur Übertragung der Aufgabe „Schülerbeförderung“ "
        "zwischen der Gemeinde Großschwabhausen, der Gemeinde Lehnstedt und der Gemeinde "
        "Kapellendorf wurde mit Bescheid des Landratsamtes vom 09.01.2024 nach § 13 Abs. 2 "
        "ThürKGG genehmigt.\n\n"
        "§ 1 Änderung\n\nDer Schulweg wird neu festgelegt.\n"
    )
    assert _names(result) == [
        "Gemeinde Großschwabhausen", "Gemeinde Lehnstedt", "Gemeinde Kapellendorf",
    ]  # fmt: skip
    assert not _party_review(result)


def test_a_clause_on_where_the_parties_belong_is_dropped() -> None:
    result = _import(
        "Vereinbarung über die Bildung einer Verwaltungsgemeinschaft\n\n"
        "Auf Grund des § 36 SächsKomZG schließen die Stadt Niesky und die Gemeinde "
        "Hähnichen, die beide dem Landkreis Görlitz angehören, die nachfolgende Vereinbarung:\n\n"
        "§ 1 Bildung\n\nDie Verwaltungsgemeinschaft wird gebildet.\n"
    )
    assert _names(result) == ["Stadt Niesky", "Gemeinde Hähnichen"]
    assert not _party_review(result)
