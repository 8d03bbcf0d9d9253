"""Issue 22, fourth batch: the last check on party names and titles
(:mod:`vereinbarung.importing.plausible`), each with a short text written for the test in the
form published agreements take (not taken from the published corpus): a party that is the
sentence before the parties (»Dies vorausgeschickt, treffen …«), a council's resolution read as
a party, the genitive of a compound kind (»der Großen Kreisstadt«), abbreviations added to a
name (»(VG)«, »–ZVU-«), furniture before the title (»I. Text:«, »1 von 9«) and a docplayer copy
whose only term word is the heading »Inkrafttreten« (read, never refused).
"""

from __future__ import annotations

import pytest

from vereinbarung.importing.furniture import is_furniture
from vereinbarung.importing.importer import NotAnAgreementError
from vereinbarung.importing.plausible import (
    clean_title,
    normalise_party,
    party_doubt,
    title_words_doubt,
    whole_title,
)
from vereinbarung.importing.result import ImportResult

from .import_forms import imported as _import
from .import_forms import names as _names
from .import_forms import party_review as _party_review


def _title_review(result: ImportResult) -> list[str]:
    return [p.message for p in result.review if p.field == "title"]


def test_the_sentence_before_the_parties_is_no_party_without_review() -> None:
    result = _import(
        "Zweckvereinbarung über den gemeinsamen Betrieb einer Leitstelle\n\n"
        "Die Landkreise Lüneburg und Uelzen arbeiten seit dem 01.01.2010 beim Betrieb ihrer "
        "Leitstellen zusammen. Die beteiligten Landkreise stellen fest, dass sich die "
        "Zusammenarbeit bewährt hat.\n\n"
        "Dies vorausgeschickt, treffen der Landkreis Lüneburg, vertreten durch den Landrat Max "
        "Muster, Am Markt 1, 21335 Lüneburg und der Landkreis Uelzen, vertreten durch die "
        "Landrätin Erika Beispiel, Albrecht-Thaer-Straße 101, 29525 Uelzen auf der Grundlage des "
        "NKomZG nachfolgende Zweckvereinbarung:\n\n"
        "§ 1 Gegenstand\n\nDer Landkreis Lüneburg betreibt die Leitstelle auch für Uelzen.\n\n"
        "§ 2 Laufzeit\n\nDie Zweckvereinbarung wird auf unbestimmte Zeit geschlossen.\n"
    )
    if "Dies vorausgeschickt" in _names(result):
        assert any("»Dies«" in m for m in _party_review(result))
    assert "Landkreis Uelzen" in _names(result)


def test_a_councils_resolution_is_no_party_and_the_genitive_kind_is_normalised() -> None:
    result = _import(
        "Öffentliche Bekanntmachung\n"
        "Der Gemeinderat der Gemeinde Kißlegg hat am 12.03.2024 beschlossen, dass der "
        "Standesamtsbezirk Kißlegg zum 30.06.2024 aufgehoben wird und am 01.07.2024 der Beitritt "
        "zum Standesamtsbezirk Wangen im Allgäu erfolgt.\n"
        "Kißlegg, 01.04.2024\ngez.\nHans Muster\nBürgermeister\n"
        "ÖFFENTLICH-RECHTLICHE VEREINBARUNG\n"
        "über die Bildung eines einheitlichen Standesamtsbezirks\n"
        "zwischen\nder Großen Kreisstadt Wangen im Allgäu\n"
        "vertreten durch Oberbürgermeister Karl Beispiel\nund\nder Gemeinde Kißlegg\n"
        "vertreten durch Bürgermeister Hans Muster\n"
        "§ 1\nZweck\nDie Große Kreisstadt Wangen im Allgäu und die Gemeinde Kißlegg bilden einen "
        "einheitlichen Standesamtsbezirk.\n"
        "§ 2\nInkrafttreten\nDiese Vereinbarung tritt am 01.07.2024 in Kraft.\n"
    )
    names = _names(result)
    assert "Große Kreisstadt Wangen im Allgäu" in names
    assert "Großen Kreisstadt Wangen im Allgäu" not in names
    if any("beschlossen" in n for n in names):
        assert any("Satzwort" in m for m in _party_review(result))


def test_furniture_before_the_title_and_abbreviations_in_party_names() -> None:
    result = _import(
        "Amtsblatt des Landkreises\n\n"
        "Vollzug des Gesetzes über die kommunale Zusammenarbeit; Bekanntmachung einer "
        "Zweckvereinbarung\n\n"
        "I. Text: Zweckvereinbarung über die Verkehrsüberwachung im Gebiet des Marktes "
        "Kleinheubach Zwischen der Verwaltungsgemeinschaft (VG) Kleinheubach, vertreten durch den "
        "Gemeinschaftsvorsitzenden Hans Muster, Marktplatz 1, 63924 Kleinheubach und dem "
        "Zweckverband Verkehrsüberwachung Untermain –ZVU-, vertreten durch den "
        "Verbandsvorsitzenden Karl Beispiel, Hauptstraße 5, 63897 Miltenberg wird folgende "
        "Zweckvereinbarung geschlossen:\n\n"
        "§ 1 Aufgabe\n\nDer Zweckverband überwacht den ruhenden Verkehr.\n\n"
        "§ 2 Laufzeit\n\nDie Vereinbarung gilt auf unbestimmte Zeit.\n"
    )
    assert result.agreement.title == "Zweckvereinbarung"
    assert not _title_review(result)
    assert _names(result) == [
        "Verwaltungsgemeinschaft Kleinheubach",
        "Zweckverband Verkehrsüberwachung Untermain",
    ]
    assert not _party_review(result)


def test_a_page_number_glued_before_the_title_is_removed() -> None:
    result = _import(
        "Gebietsänderungsvereinbarung zur Bildung einer neuen Gemeinde\n\n"
        "Gebietsänderungsvereinbarung zur Bildung einer Einheitsgemeinde\n\n"
        "Auf der Grundlage der Gemeindeordnung haben die Gemeinderäte der Gemeinden\n\n"
        "Alsleben am: 03.03.2009 mit Beschluss-Nr.: 12/2009 Beesenlaublingen am: 05.03.2009 mit "
        "Beschluss-Nr.: 7/2009 beschlossen, dass ihre Gemeinden zu einer neuen Gemeinde "
        "vereinigt werden.\n\n"
        "In Ausführung der übereinstimmenden Beschlüsse schließen die Gemeinden nachstehende "
        "Vereinbarung.\n\n"
        "1 von 9 Gebietsänderungsvereinbarung zur Bildung einer neuen Gemeinde\n\n"
        "§ 1 Neubildung\n\nDie Gemeinden werden zu einer neuen Gemeinde vereinigt.\n"
    )
    assert not result.agreement.title.startswith("1 von 9")
    assert result.agreement.title.startswith("Gebietsänderungsvereinbarung") or _title_review(
        result
    )
    assert _party_review(result)  # the parties are not named: placeholders under review


def test_a_docplayer_copy_with_only_a_heading_inkrafttreten_is_imported() -> None:
    result = _import(
        "Vereinbarung über die freiwillige Fusion der Verbandsgemeinde Rüdesheim und der "
        "Verbandsgemeinde Bad Kreuznach\n\n"
        "Größe: px\nAb Seite anzeigen:\n\n"
        'Download "Vereinbarung über die freiwillige Fusion der Verbandsgemeinde Rüdesheim und '
        'der Verbandsgemeinde Bad Kreuznach"\n\nTranskript\n\n'
        "1 Präambel Vereinbarung über die freiwillige Fusion Abschnitt I - Grundlegende "
        "Bestimmungen 1 Name und Sitz 2 Organe 3 Ortsrecht Abschnitt II - Schlussbestimmungen "
        "4 Lenkungsausschuss 5 Inkrafttreten Präambel Die Verbandsgemeinde Rüdesheim und die "
        "Verbandsgemeinde Bad Kreuznach haben sich nach ausführlichen Beratungen für eine Fusion "
        "ausgesprochen, um die Verwaltungskraft zu stärken.\n"
    )
    assert len(_names(result)) >= 2
    assert _party_review(result)  # what cannot be read is under review, nothing refused
    # the hosting site's head above »Transkript« (its page title, »Größe: px«, »Download "…"«)
    # is furniture: the title is the placeholder, under review, never the site's heading
    assert result.agreement.title == "Vereinbarung"
    assert "subtitle" not in result.data
    assert any(p.field == "title" and p.review for p in result.review)


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("Größe: px", True),
        ("Ab Seite anzeigen:", True),
        ("Transkript", True),
        ('Download "Vereinbarung über die Schule"', True),
        ('Download "Vereinbarung über die Schule" und mehr', False),
        ("Vereinbarung über die Schule", False),
    ],
)
def test_the_lines_of_a_document_hosting_site_are_furniture(line: str, furniture: bool) -> None:
    assert is_furniture(line) is furniture


def test_a_title_line_split_after_more_than_its_kind_stays_whole() -> None:
    result = _import(
        "Neufassung der Vereinbarung über die Bildung einer Verwaltungsgemeinschaft\n\n"
        "zwischen der Stadt Zittau, vertreten durch den Oberbürgermeister Max Muster, und der "
        "Gemeinde Olbersdorf, vertreten durch die Bürgermeisterin Erika Beispiel\n\n"
        "§ 1 Aufgaben\n\nDie Stadt erfüllt die Aufgaben der Gemeinde.\n"
    )
    assert result.agreement.title == (
        "Neufassung der Vereinbarung über die Bildung einer Verwaltungsgemeinschaft"
    )
    assert whole_title("Öffentlich-rechtliche Vereinbarung", "über die Schule") == (
        "Öffentlich-rechtliche Vereinbarung",
        "über die Schule",
    )
    assert whole_title("2. Änderung der Zweckvereinbarung", "zur Schule") == (
        "2. Änderung der Zweckvereinbarung zur Schule",
        None,
    )


@pytest.mark.parametrize(
    ("written", "nominative"),
    [
        ("Großen Kreisstadt Leonberg", "Große Kreisstadt Leonberg"),
        ("kreisfreien Stadt Cottbus", "Stadt Cottbus"),
        ("Kreisfreie Stadt Frankfurt (Oder)", "Stadt Frankfurt (Oder)"),
        ("Freien und Hansestadt Hamburg", "Freie und Hansestadt Hamburg"),
        ("Verwaltungsgemeinschaft (VG) Eschau", "Verwaltungsgemeinschaft Eschau"),
        ("Zweckverband Wasser Spessart -ZWS-", "Zweckverband Wasser Spessart"),
        ("Stadt Neuss", "Stadt Neuss"),
        ("Landkreises Harburg", "Landkreis Harburg"),
        ("Freistaates Sachsen", "Freistaat Sachsen"),
        ("Landes Hessen", "Land Hessen"),
        ("Marktes Sulzbach am Main", "Markt Sulzbach am Main"),
        ("Landshut", "Landshut"),
        ("Zweckverband (ZV) Nord", "Zweckverband Nord"),
        ("Gemeinde (ABC) Nord", "Gemeinde (ABC) Nord"),  # no abbreviation of »Gemeinde«
    ],
)
def test_the_nominative_of_a_compound_kind(written: str, nominative: str) -> None:
    assert normalise_party(written) == nominative


@pytest.mark.parametrize(
    "name",
    [
        "Stadt Neuss",
        "Rhein-Kreis Neuss",
        "Rhein-Kreis-Neuss",
        "Städteregion Aachen",
        "Gemeinde Krems II",
        "Landkreis Rotenburg (Wümme)",
        "Freie und Hansestadt Hamburg",
        "Bundesrepublik Deutschland",
        "Region Hannover",
        "Landschaftsverband Rheinland",
        "Saarland",
        "Oberbergischer Kreis",
    ],
)
def test_names_of_bodies_pass(name: str) -> None:
    assert party_doubt(name) is None


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("Dies vorausgeschickt", "Dies"),
        ("Gemeinderat der Gemeinde Aue hat am 01.02.2024 beschlossen", "Satzwort"),
        ("Stadt Aue wird vertreten", "wird"),
        ("Stadt Aue SEITE 6", "SEITE"),
        ("2. Stadt Aue", "2."),
        ("Stadt Aue vom 01.02.2024", "01.02.2024"),
        ("der Stadt Aue", "großgeschriebenen"),
        ("Herrn Max Muster", "Herrn"),
        ("Gemeinde Lauter Bürgermeister Max Muster", "Bürgermeister"),
        ("Stadt Aue und der Gemeinde Lauter", "und der"),
        ("Stadt Aue jeweils", "jeweils"),
        ("Stadt Aue:", "Satzzeichen"),
        ("Max Muster", "Art der Körperschaft"),
    ],
)
def test_text_around_a_party_is_a_doubt(name: str, word: str) -> None:
    doubt = party_doubt(name)
    assert doubt is not None
    assert word in doubt


@pytest.mark.parametrize(
    ("title", "clean", "removed"),
    [
        ("1 von 11 Zweckvereinbarung", "Zweckvereinbarung", "1 von 11"),
        (
            "Seite 3 von 8 Vereinbarung über die Schule",
            "Vereinbarung über die Schule",
            "Seite 3 von 8",
        ),
        ("II. Wortlaut: Zweckvereinbarung", "Zweckvereinbarung", "II. Wortlaut:"),
        ("Text: Öffentlich-rechtliche Vereinbarung", "Öffentlich-rechtliche Vereinbarung", "Text:"),
        ("1. Nachtrag zur Zweckvereinbarung", "1. Nachtrag zur Zweckvereinbarung", None),
        ("Zweckvereinbarung", "Zweckvereinbarung", None),
    ],
)
def test_furniture_before_a_title(title: str, clean: str, removed: str | None) -> None:
    assert clean_title(title) == (clean, removed)


@pytest.mark.parametrize(
    ("title", "doubtful"),
    [
        ("Zweckvereinbarung", False),
        ("1. Änderung der Zweckvereinbarung", False),
        ("III. Nachtrag zum Vertrag", False),
        ("Anlage 1 Zweckvereinbarung", True),
        ("3. Zweckvereinbarung", True),
        ("I. Zweckvereinbarung", True),
        ("Der Kreistag hat beschlossen", True),
    ],
)
def test_a_title_starting_with_numbering_is_a_doubt(title: str, doubtful: bool) -> None:
    assert (title_words_doubt(title) is not None) is doubtful


# A sixth batch of published texts (blind reading, benchmarks/README.md) had two agreements
# refused: a title printed letter-spaced, and a docplayer copy without § signs whose only
# agreement sign was the formula »… treffen folgende Vereinbarung«. Both forms, invented here.
def test_an_agreement_whose_title_is_letter_spaced_is_imported() -> None:
    result = _import(
        "V e r e i n b a r u n g\n\n"
        "über die gemeinsame Nutzung eines Bauhofs zwischen der Gemeinde Adorf und der "
        "Gemeinde Bedorf\n\n§ 1 Zweck\n\nDie Gemeinde Adorf überlässt der Gemeinde Bedorf "
        "ihren Bauhof an zwei Tagen der Woche.\n\n§ 2 Kosten\n\nDie Kosten trägt Bedorf.\n"
    )
    assert _names(result) == ["Nicht erkannte Partei 1", "Nicht erkannte Partei 2"]
    assert any("»Vereinbarung« (gesperrt gedruckt)" in m for m in _party_review(result))
    assert any(p.field == "title" and p.review for p in result.review)


def test_a_letter_spaced_title_alone_is_no_evidence_of_an_agreement_without_a_second_sign() -> None:
    with pytest.raises(NotAnAgreementError, match="liest sich auch nicht als Vereinbarung"):
        _import("V e r e i n b a r u n g\n\nDer Bauhof ist montags geschlossen.\n")


def test_the_concluding_formula_is_evidence_of_an_agreement() -> None:
    result = _import(
        "FUSIONSVERTRAG\n\nEntwurf für die Beratung, Stand 9. Januar 2017\n\n"
        "Die Stadt Adorf und die Gemeinden Bedorf und Cedorf treffen vorbehaltlich der "
        "Genehmigung folgende Vereinbarung: Präambel Die Stadt Adorf und die Gemeinden Bedorf "
        "und Cedorf wollen sich zu einer neuen Stadt zusammenschließen.\n"
    )
    assert _names(result) == ["Stadt Adorf", "Gemeinde Bedorf", "Gemeinde Cedorf"]
    assert _party_review(result)  # invented names: not in the Gemeindeverzeichnis


def test_a_text_naming_an_agreement_without_concluding_it_is_still_refused() -> None:
    with pytest.raises(NotAnAgreementError, match="liest sich auch nicht als Vereinbarung"):
        _import(
            "Niederschrift über die Sitzung des Gemeinderats\n\nDer Gemeinderat nimmt die "
            "Vereinbarung mit dem Nachbarort zur Kenntnis. Die Sitzung endet um 20 Uhr.\n"
        )
