"""Issue 22, sixth batch: forms of municipal agreements, each with a short text written for the
test (not taken from the published corpus): an alias with quotes and »genannt« after a party
(»- im folgenden „Stadt“ genannt -«), the concluding formula with an inflected »folgender … Vertrag
geschlossen« ending the parties block, and the beginning »wird ab 01.08.1985 wirksam«.
"""

from __future__ import annotations

import datetime

from .import_forms import imported as _import
from .import_forms import names as _names
from .import_forms import party_review as _party_review


def test_a_quoted_alias_with_genannt_is_dropped_from_the_name() -> None:
    result = _import(
        "Öffentlich-rechtlicher Vertrag über den Winterdienst\n\n"
        "Zwischen der Stadt Mölln - im folgenden „Stadt“ genannt -, vertreten durch den "
        "Bürgermeister, und dem Amt Breitenfelde - im folgenden „Amt“ genannt -, vertreten durch "
        "den Amtsdirektor,\n\n"
        "wird folgender Vertrag geschlossen:\n\n"
        "§ 1 Gegenstand\n\nDie Stadt räumt die Wege des Amtes.\n"
    )
    assert _names(result) == ["Stadt Mölln", "Amt Breitenfelde"]
    assert not any("genannt" in name for name in _names(result))


def test_folgender_vertrag_geschlossen_ends_the_parties_block() -> None:
    result = _import(
        "Öffentlich-rechtlicher Vertrag über die Abfuhr\n\n"
        "Zwischen der Stadt Mölln, vertreten durch den Bürgermeister, und dem Amt Breitenfelde, "
        "vertreten durch den Amtsdirektor,\n\n"
        "- gemeinsam im Folgenden „Vertragsparteien“ genannt - wird aufgrund des § 18 des "
        "Gesetzes über kommunale Zusammenarbeit in der Fassung vom 28. Februar 2003, zuletzt "
        "geändert durch Gesetz vom 21.06.2016, und der Amtsordnung in der Fassung der "
        "Bekanntmachung vom 28. Februar 2003 folgender öffentlich-rechtlicher Vertrag "
        "geschlossen: Vorbemerkung\n\n"
        "Die Vertragsparteien treffen zur Abfuhr des Schlamms die nachfolgende Vereinbarung.\n\n"
        "§ 1 Gegenstand\n\nDie Stadt fährt den Schlamm ab.\n"
    )
    assert _names(result) == ["Stadt Mölln", "Amt Breitenfelde"]
    assert not _party_review(result)


def test_wird_ab_a_date_wirksam_is_the_beginning() -> None:
    result = _import(
        "Zweckvereinbarung\n\n"
        "Zwischen dem Landkreis Kusel, vertreten durch den Landrat, und dem Landkreis Kaiserslautern, "
        "vertreten durch den Landrat, wird folgende Zweckvereinbarung geschlossen:\n\n"
        "§ 1 Schule\n\nDer Landkreis Kusel nimmt Schüler auf.\n\n"
        "§ 2 Laufzeit\n\n(1) Diese Vereinbarung wird ab 01.08.1987 wirksam. Sie kann mit einer "
        "Frist von einem Monat zum 31. Juli eines jeden Jahres gekündigt werden.\n"
    )
    assert result.agreement.term.effective == datetime.date(1987, 8, 1)
    assert not [p for p in result.review if p.field == "term › effective"]


def test_wird_ab_a_date_without_wirksam_is_not_the_beginning() -> None:
    result = _import(
        "Zweckvereinbarung\n\n"
        "Zwischen dem Landkreis Kusel, vertreten durch den Landrat, und dem Landkreis Kaiserslautern, "
        "vertreten durch den Landrat, wird folgende Zweckvereinbarung geschlossen:\n\n"
        "§ 1 Kosten\n\nDer Beitrag wird ab 01.08.1987 jährlich angefordert.\n"
    )
    assert result.agreement.term.effective != datetime.date(1987, 8, 1)


def test_the_roles_of_a_verwaltungsgemeinschaft_with_the_aufgaben_and_no_mark() -> None:
    result = _import(
        "Öffentlich-rechtliche Vereinbarung über die Erfüllung der Aufgaben eines "
        "Gemeindeverwaltungsverbandes\n\n"
        "§ 1 Gegenstand\n\n"
        "(1) Die Stadt Giengen an der Brenz (erfüllende Gemeinde) erfüllt für die Gemeinde "
        "Hermaringen die Aufgaben eines Gemeindeverwaltungsverbandes.\n\n"
        "§ 2 Kosten\n\nDie Gemeinde Hermaringen trägt ihren Anteil.\n"
    )
    assert _names(result) == ["Stadt Giengen an der Brenz", "Gemeinde Hermaringen"]
    assert result.agreement.title.startswith("Öffentlich-rechtliche Vereinbarung")


def test_the_roles_with_a_bracketed_name_and_im_folgenden_nachbargemeinden() -> None:
    result = _import(
        "Öffentlich-rechtliche Vereinbarung über eine Verwaltungsgemeinschaft\n\n"
        "§ 1 Gegenstand\n\n"
        "(1) Die Stadt Ellwangen (Jagst) (erfüllende Gemeinde) erfüllt für die Gemeinden Neuler "
        "und Rainau (im folgenden: Nachbargemeinden) die Aufgaben eines "
        "Gemeindeverwaltungsverbands.\n"
    )
    assert _names(result) == ["Stadt Ellwangen (Jagst)", "Gemeinde Neuler", "Gemeinde Rainau"]


def test_the_roles_without_the_aufgaben_or_a_mark_give_no_parties() -> None:
    result = _import(
        "Öffentlich-rechtliche Vereinbarung über den Bauhof\n\n"
        "§ 1 Gegenstand\n\n"
        "(1) Die Stadt Giengen an der Brenz (erfüllende Gemeinde) erfüllt für die Gemeinde "
        "Hermaringen den Winterdienst.\n"
    )
    assert "Gemeinde Hermaringen" not in _names(result)
    assert _party_review(result)


def test_the_councils_decisions_name_the_genannten_gemeinden() -> None:
    result = _import(
        "Öffentlich-rechtliche Vereinbarung über die Volkshochschule\n\n"
        "Aufgrund der Beschlüsse des Rates der Stadt Overath vom 12.03.1980 und 01.02.1995 und des "
        "Rates der Gemeinde Lindlar vom 14.03.1980 treffen die genannten Gemeinden aufgrund der "
        "§§ 1, 23 ff. GkG NRW folgende öffentlich-rechtliche Vereinbarung:\n\n"
        "§ 1 Aufgabe\n\nDie Stadt Overath führt die Volkshochschule.\n"
    )
    assert _names(result) == ["Stadt Overath", "Gemeinde Lindlar"]
    assert not [m for m in _party_review(result) if "Vertretung" not in m]


def test_a_council_not_in_the_directory_is_flagged() -> None:
    result = _import(
        "Öffentlich-rechtliche Vereinbarung über die Bücherei\n\n"
        "Aufgrund der Beschlüsse des Rates der Stadt Overath vom 12.03.1980 und des Rates der "
        "Gemeinde Nirgendwohausen vom 14.03.1980 treffen die genannten Gemeinden folgende "
        "Vereinbarung:\n\n"
        "§ 1 Aufgabe\n\nDie Stadt Overath führt die Bücherei.\n"
    )
    assert "Gemeinde Nirgendwohausen" in _names(result)
    assert any("Nirgendwohausen" in message for message in _party_review(result))


def test_a_drafts_mark_before_the_title_is_removed() -> None:
    result = _import(
        "1 Entwurf für die Beratung und Beschlussfassung Stand 3. März 2019 GRENZÄNDERUNGSVERTRAG "
        "MÜMLINGTAL\n\n"
        "Zwischen der Gemeinde Brensbach, vertreten durch den Bürgermeister, und der Gemeinde "
        "Fränkisch-Crumbach, vertreten durch den Bürgermeister, wird folgender Vertrag "
        "geschlossen:\n\n"
        "§ 1 Grenze\n\nDie Grenze wird geändert.\n"
    )
    assert result.agreement.title == "GRENZÄNDERUNGSVERTRAG MÜMLINGTAL"


def test_a_file_number_before_the_title_is_removed() -> None:
    result = _import(
        "h0712 ÖFFENTLICH-RECHTLICHE VEREINBARUNG ÜBER DIE VERWALTUNGSGEMEINSCHAFT\n\n"
        "Zwischen der Stadt Giengen an der Brenz, vertreten durch den Bürgermeister, und der "
        "Gemeinde Hermaringen, vertreten durch den Bürgermeister, wird folgende Vereinbarung "
        "geschlossen:\n\n"
        "§ 1 Gegenstand\n\nDie Stadt erfüllt die Aufgaben.\n"
    )
    assert result.agreement.title == (
        "ÖFFENTLICH-RECHTLICHE VEREINBARUNG ÜBER DIE VERWALTUNGSGEMEINSCHAFT"
    )
