"""The agreement after an amendment is the Lesefassung of the day asked (issue 9), marked as
such; a signed agreement is an Abschrift; no signing date stands over an empty signature line.
An amendment's new wording of a § or an Absatz is printed in the Lesefassung, marked with the
amendment; the original stays renderable; a term change without wording has no Lesefassung
(issue 23)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from vereinbarung.documents.render import render_agreement
from vereinbarung.errors import VereinbarungError
from vereinbarung.files.io import agreement_from_data, load_agreement, read_data

ROOT = Path(__file__).parent.parent
ADOPTION = ROOT / "examples" / "adoptionsvermittlung-rhein-kreis-neuss.yaml"
OLD = "Die Sach- und Personalkosten in Höhe von 190.000 Euro jährlich"
NEW = "Die Sach- und Personalkosten in Höhe von 210.000 Euro jährlich teilen sich"


def _amended(**approval: str) -> Any:
    """The Adoptionsvermittlung (GkG) with an amendment of § 2; *approval* gives its
    ``approved``/``published`` days (default: approved 10.03., published 20.03.2026)."""
    data = read_data(ADOPTION)
    assert isinstance(data, dict)
    data["events"] = [
        *data["events"],
        {
            "type": "amendment",
            "date": "2026-03-02",
            "effective": "2026-04-01",
            **(approval or {"approved": "2026-03-10", "published": "2026-03-20"}),
            "text": "§ 2 Abs. 1 erhält folgende Fassung: …",
            "sections": [
                {
                    "number": 2,
                    "heading": "Kosten",
                    "paragraphs": [
                        f"{NEW} die acht Kooperationspartner nach ihrer Einwohnerzahl.",
                        "Die Hälfte des Anteils ist zum 30.06. als Abschlag zu zahlen.",
                    ],
                }
            ],
        },
    ]
    return agreement_from_data(data)


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    body = "\n".join(p.text for p in doc.paragraphs)
    footer = "\n".join(p.text for p in doc.sections[0].footer.paragraphs)
    return " ".join(f"{body}\n{footer}".split())


def test_amended_agreement_is_the_lesefassung_of_the_day() -> None:
    text = _text(render_agreement(_amended(), on=dt.date(2026, 11, 21)).content)
    assert (
        "Lesefassung – Stand 21.11.2026, unter Berücksichtigung der Änderung vom 02.03.2026 "
        "(wirksam ab 01.04.2026)" in text
    )
    assert NEW in text
    assert OLD not in text
    assert "Geändert durch Änderungsvereinbarung vom 02.03.2026, gilt ab 01.04.2026" in text
    assert "Lesefassung, Stand 21.11.2026" in text  # footer of every page


def test_before_the_amendment_takes_effect_the_old_text_and_a_note() -> None:
    text = _text(render_agreement(_amended(), on=dt.date(2026, 3, 15)).content)
    assert OLD in text
    assert NEW not in text
    assert "Lesefassung" not in text
    assert "Abschrift der unterzeichneten Vereinbarung – Stand 15.03.2026" in text
    assert (
        "Noch nicht berücksichtigt: Änderung vom 02.03.2026 (vereinbart ab 01.04.2026), weil die "
        "Bekanntmachung fehlt"  # approved 10.03., published only on 20.03.2026
    ) in text
    text = _text(render_agreement(_amended(), on=dt.date(2026, 3, 25)).content)
    assert OLD in text
    assert (
        "Noch nicht berücksichtigt: Änderung vom 02.03.2026 (wirksam ab 01.04.2026), weil sie am "
        "Stichtag noch nicht gilt."
    ) in text


def test_before_the_amendment_is_concluded_it_is_not_mentioned() -> None:
    text = _text(render_agreement(_amended(), on=dt.date(2026, 2, 1)).content)
    assert OLD in text
    assert "02.03.2026" not in text


def test_signed_copy_has_no_dates_over_empty_signature_lines() -> None:
    doc = Document(io.BytesIO(render_agreement(_amended(), on=dt.date(2026, 11, 21)).content))
    lines = [p.text for p in doc.paragraphs]
    for i, line in enumerate(lines):
        if ", den " in line and line[-1].isdigit():  # a dated place line
            assert lines[i + 1].startswith("gez. "), lines[i : i + 2]
    assert "______________________________" not in lines


# -- GkG: an amendment applies once approved and published (§ 24 Abs. 2–4 GkG NRW) ------------

ADOPTION_OLD = "Sie kann mit einer Frist von einem Jahr zum Ende eines Kalenderjahres gekündigt"
ADOPTION_NEW = "Sie kann mit einer Frist von sechs Monaten zum Ende eines Kalenderjahres gekündigt"


def _gkg_absatz(**approval: str) -> Any:
    """The Adoptionsvermittlung (GkG) with an amendment of § 3 Abs. 2 concluded 02.03.2026,
    agreed to apply from 01.04.2026, with the *approval* days given."""
    data = read_data(ADOPTION)
    assert isinstance(data, dict)
    new = f"{ADOPTION_NEW} werden, frühestens jedoch zum 31.12.2028."
    data["events"] = [
        *data["events"],
        {
            "type": "amendment",
            "date": "2026-03-02",
            "effective": "2026-04-01",
            "text": "§ 3 Abs. 2 erhält folgende Fassung: …",
            "term": {**data["term"], "notice": "6 Monate"},
            "wording": [{"section": "§ 3 Abs. 2", "text": new}],
            **approval,
        },
    ]
    return agreement_from_data(data)


def test_gkg_amendment_without_approval_and_publication_is_not_in_the_lesefassung() -> None:
    text = _text(render_agreement(_gkg_absatz(), on=dt.date(2026, 11, 21)).content)
    assert ADOPTION_OLD in text
    assert ADOPTION_NEW not in text
    assert "Lesefassung –" not in text
    assert (
        "Noch nicht berücksichtigt: Änderung vom 02.03.2026 (vereinbart ab 01.04.2026), weil die "
        "Genehmigung der Aufsichtsbehörde und die Bekanntmachung fehlen (§ 24 Abs. 2–4 GkG NRW)."
    ) in text


def test_gkg_amendment_approved_but_not_published_names_the_bekanntmachung() -> None:
    agreement = _gkg_absatz(approved="2026-04-20")
    text = _text(render_agreement(agreement, on=dt.date(2026, 11, 21)).content)
    assert ADOPTION_OLD in text
    assert "weil die Bekanntmachung fehlt (§ 24 Abs. 2–4 GkG NRW)" in text


def test_gkg_amendment_applies_from_the_day_after_publication() -> None:
    agreement = _gkg_absatz(approved="2026-04-20", published="2026-05-08")
    # approved and published after the agreed day: it applies from 09.05.2026
    before = _text(render_agreement(agreement, on=dt.date(2026, 5, 8)).content)
    assert ADOPTION_OLD in before
    assert "Noch nicht berücksichtigt: Änderung vom 02.03.2026 (wirksam ab 09.05.2026)" in before
    after = _text(render_agreement(agreement, on=dt.date(2026, 5, 9)).content)
    assert ADOPTION_NEW in after
    assert ADOPTION_OLD not in after
    assert (
        "Lesefassung – Stand 09.05.2026, unter Berücksichtigung der Änderung vom 02.03.2026 "
        "(wirksam ab 09.05.2026)"
    ) in after
    # a day asked before the publication was recorded knows only what had happened by then
    early = _text(render_agreement(agreement, on=dt.date(2026, 4, 25)).content)
    assert ADOPTION_OLD in early
    assert "weil die Bekanntmachung fehlt" in early


# -- new wording of a § or an Absatz (issue 23) ------------------------------------------------

SCHOOL = ROOT / "examples" / "schulsozialarbeit-schuljahr.yaml"
SCHOOL_OLD = "wenn sie nicht von einer Vertragspartei zum Ende eines Schuljahres (31.07.) gekündigt"
SCHOOL_NEW = (
    "Sie verlängert sich jeweils um ein Jahr, wenn sie nicht von einer Vertragspartei mit einer "
    "Frist von zehn Arbeitstagen zum Ende eines Kalenderhalbjahres gekündigt wird."
)
SCHOOL_MARK = "(Abs. 2 geändert durch Änderungsvereinbarung vom 15.05.2026, gilt ab 01.08.2026)"


def _paragraphs(content: bytes) -> list[str]:
    return [" ".join(p.text.split()) for p in Document(io.BytesIO(content)).paragraphs]


def test_the_lesefassung_prints_the_amended_absatz_marked_with_its_amendment() -> None:
    lines = _paragraphs(render_agreement(load_agreement(SCHOOL), on=dt.date(2026, 11, 21)).content)
    start = lines.index("§ 3")
    section = lines[start : lines.index("§ 4")]
    assert section[1] == "Laufzeit und Kündigung"
    assert section[2].startswith("(1) Diese Vereinbarung tritt am 01.08.2025 in Kraft")
    assert section[3] == SCHOOL_MARK  # right over the Absatz it marks, kept with it
    assert section[4] == f"(2) {SCHOOL_NEW} Die Kündigung bedarf der Schriftform."
    assert len(section) == 5  # § 3 Abs. 1 is unchanged: no mark, no note about the term
    assert not any(SCHOOL_OLD in line for line in lines)


def test_before_the_amendment_takes_effect_the_old_absatz_without_mark() -> None:
    lines = _paragraphs(render_agreement(load_agreement(SCHOOL), on=dt.date(2026, 7, 31)).content)
    text = "\n".join(lines)
    assert SCHOOL_OLD in text
    assert SCHOOL_NEW not in text
    assert "geändert durch" not in text


def test_the_original_stays_renderable_as_such() -> None:
    document = render_agreement(load_agreement(SCHOOL), on=dt.date(2026, 11, 21), original=True)
    text = _text(document.content)
    assert "Ursprüngliche Fassung " in text
    assert (
        "Ursprüngliche Fassung der Vereinbarung, ohne die seither vereinbarten Änderungen "
        "(Änderung vom 15.05.2026 (wirksam ab 01.08.2026)). Den am 21.11.2026 geltenden Text "
        "gibt die Lesefassung."
    ) in text
    assert SCHOOL_OLD in text
    assert SCHOOL_NEW not in text
    assert "geändert durch" not in text
    assert "Lesefassung –" not in text


def _with_term_change(wording: list[dict[str, str]] | None) -> Any:
    data = read_data(SCHOOL)
    assert isinstance(data, dict)
    amendment = data["events"][-1]
    assert amendment["type"] == "amendment"
    if wording is None:
        del amendment["wording"]
    else:
        amendment["wording"] = wording
    return agreement_from_data(data)


def test_no_lesefassung_for_a_day_on_which_a_term_change_has_no_wording() -> None:
    agreement = _with_term_change(None)
    with pytest.raises(VereinbarungError) as info:
        render_agreement(agreement, on=dt.date(2026, 11, 21))
    assert info.value.message.startswith(
        "Keine Lesefassung zum 21.11.2026: die Änderung vom 15.05.2026 (wirksam ab 01.08.2026) "
        "ändert die Laufzeitregelung (term), gibt aber keinen neuen Wortlaut des Paragraphen an"
    )
    # before it takes effect the text is right; the original is right on any day
    render_agreement(agreement, on=dt.date(2026, 7, 31))
    render_agreement(agreement, on=dt.date(2026, 11, 21), original=True)
    # a letter or the Vermerk prints no § 3: not refused
    render_agreement(
        agreement, on=dt.date(2026, 11, 21), template="kuendigungsvermerk", by="Gemeinde Vorst"
    )


def test_a_whole_section_reworded_gets_one_mark_and_its_absaetze() -> None:
    agreement = _with_term_change(
        [{"section": "§ 3", "text": "Sie tritt am 01.08.2025 in Kraft.\n\nSie läuft unbefristet."}]
    )
    lines = _paragraphs(render_agreement(agreement, on=dt.date(2026, 11, 21)).content)
    section = lines[lines.index("§ 3") : lines.index("§ 4")]
    assert section[1:] == [
        "Laufzeit und Kündigung",
        "Geändert durch Änderungsvereinbarung vom 15.05.2026, gilt ab 01.08.2026",
        "(1) Sie tritt am 01.08.2025 in Kraft.",
        "(2) Sie läuft unbefristet.",
    ]


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("§ 9 Abs. 1", "die Vereinbarung hat keinen § 9 (vorhanden: § 1 bis § 4)"),
        ("§ 3 Abs. 4", "§ 3 hat 2 Absätze; möglich sind Abs. 1 bis Abs. 3"),
    ],
)
def test_a_wording_of_a_part_the_text_lacks_is_a_german_error(section: str, message: str) -> None:
    agreement = _with_term_change([{"section": section, "text": "Neu."}])
    with pytest.raises(VereinbarungError) as info:
        render_agreement(agreement, on=dt.date(2026, 11, 21))
    assert "Änderungsvereinbarung vom 15.05.2026: Neue Fassung »" in info.value.message
    assert "wording" not in info.value.message
    assert "sections" not in info.value.message
    assert message in info.value.message


def test_a_malformed_section_reference_is_refused_when_the_file_is_read() -> None:
    with pytest.raises(VereinbarungError, match=r"erwartet wird »§ 3« \(ganzer Paragraph\) oder"):
        _with_term_change([{"section": "Paragraph drei", "text": "Neu."}])


def test_lettered_items_of_a_new_absatz_are_items() -> None:
    term = {"section": "§ 3 Abs. 2", "text": SCHOOL_NEW}
    text = (
        "Die Gemeinde Vorst erstattet\na) die Personalkosten,\nb) die Sachkosten\njeweils hälftig."
    )
    agreement = _with_term_change([term, {"section": "§ 2 Abs. 2", "text": text}])
    lines = _paragraphs(render_agreement(agreement, on=dt.date(2026, 11, 21)).content)
    section = lines[lines.index("§ 2") : lines.index("§ 3")]
    # the last line is no item: the text stays one Absatz as written
    assert section[-1] == (
        "(2) Die Gemeinde Vorst erstattet a) die Personalkosten, b) die Sachkosten jeweils hälftig."
    )
    text = "Die Gemeinde Vorst erstattet hälftig\na) die Personalkosten,\nb) die Sachkosten."
    agreement = _with_term_change([term, {"section": "§ 2 Abs. 2", "text": text}])
    lines = _paragraphs(render_agreement(agreement, on=dt.date(2026, 11, 21)).content)
    section = lines[lines.index("§ 2") : lines.index("§ 3")]
    assert section[-4:] == [
        "(Abs. 2 geändert durch Änderungsvereinbarung vom 15.05.2026, gilt ab 01.08.2026)",
        "(2) Die Gemeinde Vorst erstattet hälftig",
        "a) die Personalkosten,",
        "b) die Sachkosten.",
    ]
    assert section[2].startswith("(1) Die Personal- und Sachkosten tragen")  # now numbered
