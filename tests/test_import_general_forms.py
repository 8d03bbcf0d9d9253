"""Issue 22, general reading rules (seventh round): forms a fresh published text is likely to
show, each with a short text written for the test (not taken from the published corpus).

- A hosting site's transcript runs a page's heading into the next sentence without a full stop
  (»3 Entwurf des Vertrages … zum 1. Januar 2019 Die Stadt A und die Gemeinden B und C treffen
  folgende Vereinbarung:«): the subject list is read there too, and a long table of contents
  before it is not part of the title's header.
- One side as subject, the other after »mit«: »Die Gemeinde A schließt mit der Gemeinde B
  folgende Zweckvereinbarung«, »Die Stadt A und der Kreis B schließen mit der Stadt C …«; the
  subject alone is never the whole list.
- A »zwischen« list closed by the concluding sentence whose subject repeats the parties (»Die
  Stadt A (nachfolgend …) sowie die Verbandsgemeinde B schließen …«): the repetition is a note,
  not a doubt on every party, where it names exactly the parties read.
- The sides of a change of territory in a list of parties: »schließen die Gemeinde A nebst dem
  Ortsteil L und die aufnehmende Stadt B folgenden Vertrag« names Gemeinde A and Stadt B.
- »…, ebenfalls vertreten durch den Bürgermeister« is a representation like »jeweils vertreten
  durch …«, not a party.
- A clause before the verb that comes first (»Dies vorausgeschickt, treffen der Landkreis A, …
  und der Landkreis C … nachfolgende Zweckvereinbarung«) is no party; and where »und« or a comma
  is missing between two parties (a name the site removed, a PDF's line break), the next party
  begins after an address (»21423 (Luhe) der Landkreis B«) or at a name with a representation
  of its own (»… der Landkreis B, vertreten durch …«) instead of being lost in the one before.
- A hosting site's heading (the first line, repeated in »Download "…"« above »Transkript«) is the
  title where it names an agreement and the transcript begins with a table of contents that
  repeats it in full (the document's own words); where the transcript's first line holds it,
  the title is read there as before, and the site's word alone is still no title
  (``test_import_plausible_forms``).
- A change of territory names its sides in the title: »Vereinbarung über die freiwillige Fusion
  der Verbandsgemeinde A und der Verbandsgemeinde B«, »Vertrag über die Eingemeindung der
  Gemeinde A in die Stadt B«; a new body it forms (»… zur Stadt C«) is no party.
"""

from __future__ import annotations

from .import_forms import imported as _import
from .import_forms import names as _names
from .import_forms import party_review as _party_review

_CONTENTS = (
    "2 Inhaltsverzeichnis Präambel Zusammenschluss Umfang der Gebietsänderung Name, Stadtrechte "
    "Wappen und Flagge Rechtsnachfolge Rechte und Pflichten der Einwohner Ortsbeiräte Ortsrecht "
    "Bauleitpläne Bedienstete und Personalräte Gemeindeentwicklung Öffentliche Einrichtungen "
    "Brandschutz Mitgliedschaften Ortsgerichte Haushaltsplan Eröffnungsbilanz Nebenabreden "
    "Salvatorische Klausel"
)


def test_a_subject_list_run_on_from_a_transcript_heading() -> None:
    result = _import(
        "GRENZÄNDERUNGSVERTRAG BÜDINGEN\n\n"
        f"{_CONTENTS}\n\n"
        "3 Entwurf des Grenzänderungsvertrages zum Zusammenschluss zum 1. Januar 2019 Die Stadt "
        "Büdingen und die Gemeinden Kefenrod und Limeshain treffen vorbehaltlich der "
        "Genehmigung folgende Vereinbarung:\n\n"
        "Präambel\n\n"
        "Die Stadt Büdingen und die Gemeinden Kefenrod und Limeshain sind übereingekommen, sich "
        "zusammenzuschließen.\n"
    )
    assert _names(result) == ["Stadt Büdingen", "Gemeinde Kefenrod", "Gemeinde Limeshain"]
    assert not _party_review(result)
    assert result.agreement.title == "GRENZÄNDERUNGSVERTRAG BÜDINGEN"
    assert not [p for p in result.review if p.field == "title"]


def test_a_capitalised_article_after_a_full_sentence_is_no_run_on_heading() -> None:
    # the list is still read where the sentence begins after a full stop, as before
    result = _import(
        "Öffentlich-rechtliche Vereinbarung\n\n"
        "Die Gemeinden wollen zusammenarbeiten. Die Stadt Büdingen und die Gemeinde Kefenrod "
        "schließen folgende Vereinbarung:\n\n"
        "§ 1 Gegenstand\n\nDie Stadt Büdingen führt die Kasse.\n"
    )
    assert _names(result) == ["Stadt Büdingen", "Gemeinde Kefenrod"]


def test_a_subject_that_concludes_with_another_party_is_not_the_whole_list() -> None:
    # »A und B schließen mit C …«: the subject is one side; C must not be lost without a word
    result = _import(
        "Öffentlich-rechtliche Vereinbarung\n\n"
        "Die Stadt Krefeld und der Kreis Viersen schließen mit der Stadt Mönchengladbach "
        "folgende Vereinbarung:\n\n"
        "§ 1 Gegenstand\n\nDer Kreis Viersen untersucht das Trinkwasser.\n"
    )
    assert _names(result) == ["Stadt Krefeld", "Kreis Viersen", "Stadt Mönchengladbach"]
    assert not _party_review(result)


def test_one_party_concludes_with_the_other() -> None:
    result = _import(
        "Zweckvereinbarung\n\n"
        "Die Gemeinde Röthlein schließt mit der Gemeinde Sennfeld, vertreten durch den ersten "
        "Bürgermeister, aufgrund des Art. 7 KommZG folgende Zweckvereinbarung:\n\n"
        "§ 1 Standesamt\n\nDie Gemeinde Sennfeld überträgt die Aufgaben des Standesamts.\n"
    )
    assert _names(result) == ["Gemeinde Röthlein", "Gemeinde Sennfeld"]
    assert not _party_review(result)


def test_a_zwischen_block_recapitulated_by_its_subject_sentence_is_no_doubt() -> None:
    result = _import(
        "Zweckvereinbarung über die Verkehrsüberwachung\n\n"
        "zwischen der Stadt Germersheim, Kolpingplatz 3 in 76726 Germersheim, vertreten durch den "
        "Bürgermeister,\n"
        "und der Verbandsgemeinde Bellheim, Schubertstr. 18 in 76756 Bellheim, vertreten durch "
        "den Bürgermeister,\n"
        "Die Stadt Germersheim (nachfolgend „beauftragte Beteiligte“) sowie die "
        "Verbandsgemeinde Bellheim (nachfolgend „kommunale Beteiligte“) schließen gemäß § 12 "
        "KomZG folgende Zweckvereinbarung:\n\n"
        "§ 1 Aufgabe\n\nDie Stadt Germersheim überwacht den Verkehr.\n"
    )
    assert _names(result) == ["Stadt Germersheim", "Verbandsgemeinde Bellheim"]
    assert not [m for m in _party_review(result) if "zweimal" in m]
    assert not [p for p in result.review if "Die Stadt" in p.message]
    assert [p for p in result.notes if "noch einmal" in p.message]


def test_a_recapitulating_sentence_with_a_new_party_is_not_left_out() -> None:
    result = _import(
        "Zweckvereinbarung über die Verkehrsüberwachung\n\n"
        "zwischen der Stadt Germersheim, Kolpingplatz 3 in 76726 Germersheim, vertreten durch den "
        "Bürgermeister,\n"
        "und der Verbandsgemeinde Bellheim, Schubertstr. 18 in 76756 Bellheim, vertreten durch "
        "den Bürgermeister,\n"
        "Die Stadt Germersheim sowie die Verbandsgemeinde Bellheim und die Verbandsgemeinde "
        "Lingenfeld schließen gemäß § 12 KomZG folgende Zweckvereinbarung:\n\n"
        "§ 1 Aufgabe\n\nDie Stadt Germersheim überwacht den Verkehr.\n"
    )
    assert "Verbandsgemeinde Lingenfeld" in _names(result)
    assert not [p for p in result.notes if "noch einmal" in p.message]


def test_the_recapitulating_sentence_as_a_paragraph_of_its_own() -> None:
    result = _import(
        "Zweckvereinbarung über die Verkehrsüberwachung\n\n"
        "zwischen der Stadt Germersheim, vertreten durch den Bürgermeister,\n\n"
        "und der Verbandsgemeinde Bellheim, vertreten durch den Bürgermeister,\n\n"
        "Die Stadt Germersheim sowie die Verbandsgemeinde Bellheim schließen gemäß § 12 KomZG "
        "folgende Zweckvereinbarung:\n\n"
        "§ 1 Aufgabe\n\nDie Stadt Germersheim überwacht den Verkehr.\n"
    )
    assert _names(result) == ["Stadt Germersheim", "Verbandsgemeinde Bellheim"]
    assert not [m for m in _party_review(result) if "zweimal" in m]


def test_the_sides_of_an_eingemeindung_are_read_without_their_roles() -> None:
    result = _import(
        "Gebietsänderungsvertrag über die Eingemeindung der Gemeinde Kretzschau in die Stadt "
        "Zeitz\n\n"
        "Auf Grund der §§ 17 und 18 der Gemeindeordnung hat der Gemeinderat der Gemeinde "
        "Kretzschau beschlossen, dass die Gemeinde in die Stadt Zeitz eingemeindet wird.\n\n"
        "In Ausführung der Beschlüsse schließen die Gemeinde Kretzschau nebst dem Ortsteil Grana "
        "und die aufnehmende Stadt Zeitz folgenden Vertrag.\n\n"
        "§ 1 Eingemeindung\n\nDie Gemeinde Kretzschau wird in die Stadt Zeitz eingemeindet.\n"
    )
    assert _names(result) == ["Gemeinde Kretzschau", "Stadt Zeitz"]
    assert not _party_review(result)


def test_several_parts_of_a_gemeinde_and_the_giving_side() -> None:
    result = _import(
        "Gebietsänderungsvertrag\n\n"
        "Die abgebende Gemeinde Kretzschau mit ihren Ortsteilen Grana, Döschwitz und Salsitz und "
        "die Stadt Zeitz schließen folgenden Vertrag:\n\n"
        "§ 1 Eingemeindung\n\nDie Gemeinde Kretzschau wird in die Stadt Zeitz eingemeindet.\n"
    )
    assert _names(result) == ["Gemeinde Kretzschau", "Stadt Zeitz"]


def test_ebenfalls_vertreten_durch_is_a_representation() -> None:
    result = _import(
        "Öffentlich-rechtlicher Vertrag über das Standesamt\n\n"
        "§ 1 Vertragspartner\n\n"
        "Vertragspartner dieses Vertrages sind die Stadt Uetersen, vertreten durch die "
        "Bürgermeisterin, und die Stadt Tornesch, ebenfalls vertreten durch die "
        "Bürgermeisterin.\n\n"
        "§ 2 Aufgaben\n\nDie Stadt Uetersen führt das Standesamt.\n"
    )
    assert _names(result) == ["Stadt Uetersen", "Stadt Tornesch"]
    assert not _party_review(result)


_LEITSTELLE = (
    "Zweckvereinbarung über die Leitstelle\n\n"
    "Präambel\n\n"
    "Die Landkreise arbeiten seit dem 01.07.2006 zusammen.\n\n"
    "Dies vorausgeschickt, treffen der Landkreis Harburg, vertreten durch den Landrat, "
    "Schloßplatz 6, 21423{gap}der Landkreis Stade, vertreten durch den Landrat, Am Sande 2, "
    "21682 Stade und der Landkreis Cuxhaven, vertreten durch den Landrat, Vincent-Lübeck-Str. 2, "
    "27474 Cuxhaven auf der Grundlage des NKomZG nachfolgende Zweckvereinbarung:\n\n"
    "§ 1 Gegenstand\n\nDie Landkreise betreiben eine gemeinsame Leitstelle.\n"
)


def test_a_clause_before_the_verb_that_comes_first_is_no_party() -> None:
    result = _import(_LEITSTELLE.format(gap=" Winsen (Luhe), und "))
    assert _names(result) == ["Landkreis Harburg", "Landkreis Stade", "Landkreis Cuxhaven"]
    assert not _party_review(result)


def test_the_next_party_after_an_address_without_und() -> None:
    result = _import(_LEITSTELLE.format(gap=" (Luhe) "))
    assert _names(result) == ["Landkreis Harburg", "Landkreis Stade", "Landkreis Cuxhaven"]


def test_the_next_party_with_its_representation_after_a_line_break() -> None:
    result = _import(_LEITSTELLE.format(gap="\n(Luhe) "))
    assert _names(result) == ["Landkreis Harburg", "Landkreis Stade", "Landkreis Cuxhaven"]


_SITE_HEAD = (
    '{heading}\n\nGröße: px\n\nAb Seite anzeigen:\n\nDownload "{heading}"\n\nTranskript\n\n'
)
_TRANSCRIPT = (
    "1 Präambel {heading} Abschnitt I - Grundlegende Bestimmungen 1 Name und Sitz 2 Organe "
    "3 Ortsrecht 4 Rechtsnachfolge Abschnitt II - Verwaltung 5 Organisation 6 Bedienstete "
    "7 Personalrat Abschnitt III - Einzelbestimmungen 8 Schulen 9 Brandschutz 10 Sportanlagen "
    "11 Beteiligungen 12 Tourismus Abschnitt IV - Schlussbestimmungen 13 Inkrafttreten 1 Stand\n\n"
    "Die Verbandsgemeinde Kirn-Land und die Verbandsgemeinde Bad Sobernheim schließen folgende "
    "Vereinbarung:\n\n"
    "§ 1 Name\n\nDie neue Verbandsgemeinde führt den Namen Nahe-Glan.\n"
)


def test_the_hosting_sites_heading_is_the_title_above_a_table_of_contents() -> None:
    heading = "Vereinbarung über die freiwillige Fusion der Verbandsgemeinden Kirn-Land und Bad Sobernheim"
    result = _import(_SITE_HEAD.format(heading=heading) + _TRANSCRIPT.format(heading=heading))
    # the kind as title, the rest as subtitle (as for any »Vereinbarung über …«)
    assert result.agreement.title == "Vereinbarung"
    assert result.data["subtitle"] == heading.removeprefix("Vereinbarung ")
    assert not [p for p in result.review if p.field == "title"]


def test_the_hosting_sites_heading_held_by_the_transcripts_first_line_is_not_repeated() -> None:
    result = _import(
        _SITE_HEAD.format(heading="ZWECKVEREINBARUNG")
        + "1 Entwurf Stand 9. Januar 2017 ZWECKVEREINBARUNG RETTUNGSDIENST\n\n"
        + _TRANSCRIPT.format(heading="")
    )
    assert result.agreement.title == "ZWECKVEREINBARUNG RETTUNGSDIENST"


_SECTIONS = "§ 1 Name\n\nDie neue Körperschaft führt einen gemeinsamen Namen.\n"


def test_a_fusion_title_names_both_sides() -> None:
    result = _import(
        "Vereinbarung über die freiwillige Fusion der Verbandsgemeinde Kirn-Land und der "
        "Verbandsgemeinde Bad Sobernheim\n\nPräambel\n\nDas Land will die Verwaltungskraft "
        "stärken.\n\n" + _SECTIONS
    )
    assert _names(result) == ["Verbandsgemeinde Kirn-Land", "Verbandsgemeinde Bad Sobernheim"]
    assert not _party_review(result)


def test_an_eingemeindung_title_names_the_gemeinde_and_the_receiving_town() -> None:
    result = _import(
        "Gebietsänderungsvertrag über die Eingemeindung der Gemeinde Kretzschau in die Stadt "
        "Zeitz\n\n" + _SECTIONS
    )
    assert _names(result) == ["Gemeinde Kretzschau", "Stadt Zeitz"]
    assert not _party_review(result)


def test_a_new_body_formed_by_the_merger_is_no_party() -> None:
    result = _import(
        "Vertrag über den Zusammenschluss der Gemeinden Hesseneck und Rothenberg zur Stadt "
        "Oberzent\n\n" + _SECTIONS
    )
    assert _names(result) == ["Gemeinde Hesseneck", "Gemeinde Rothenberg"]
