"""The Kündigung: one DIN 5008 letter per recipient, information block, "hilfsweise zum
nächstmöglichen Termin", the signatures the Land requires, no derivation in the letter (it goes
into the Vermerk), and a refusal where an address is missing."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from docx import Document

from vereinbarung.documents.render import render_agreement
from vereinbarung.errors import VereinbarungError
from vereinbarung.files.io import agreement_from_data, load_agreement, read_data
from vereinbarung.model.sender import Sender

from .cli_runner import run

ROOT = Path(__file__).parent.parent
SEED = ROOT / "examples" / "kinderschutz-rhein-kreis-neuss.yaml"
ADOPTION = ROOT / "examples" / "adoptionsvermittlung-rhein-kreis-neuss.yaml"
ON = dt.date(2026, 11, 21)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SENDER = Sender(
    party="Gemeinde Rommerskirchen",
    department="Rechtsamt",
    reference="30.2-12/2026",
    contact="Anna Beispiel",
    phone="02183 123-456",
    email="recht@rommerskirchen.example",
    signatories=(
        {"name": "Martin Mertens", "title": "Bürgermeister"},
        {"name": "Petra Muster", "title": "Allgemeine Vertreterin", "prefix": "In Vertretung"},
    ),
)


def paragraph_text(p: object) -> str:
    """The text of a paragraph element, tabs as spaces."""
    parts = []
    for node in p.iter(f"{W}t", f"{W}tab"):  # type: ignore[attr-defined]
        parts.append(" " if node.tag == f"{W}tab" else node.text or "")
    return "".join(parts)


def letters(content: bytes) -> list[str]:
    """The text of each letter (a section of the document), whitespace collapsed."""
    doc = Document(io.BytesIO(content))
    out: list[str] = []
    current: list[str] = []
    for element in doc.element.body.iterchildren():
        current.extend(paragraph_text(p) for p in element.iter(f"{W}p"))
        if element.find(f"{W}pPr/{W}sectPr") is not None or element.tag == f"{W}sectPr":
            out.append(" ".join(" ".join(current).split()))
            current = []
    if any(x.strip() for x in current):
        out.append(" ".join(" ".join(current).split()))
    return out


def test_eight_letters_for_the_eight_other_parties_of_the_adoption_agreement() -> None:
    agreement = load_agreement(ADOPTION)
    by = "Gemeinde Rommerskirchen"
    document = render_agreement(
        agreement, on=ON, template="kuendigung", by=by, sender_profile=SENDER
    )
    texts = letters(document.content)
    others = [p for p in agreement.parties if p.name != by]
    assert len(texts) == len(others) == 8
    for text, party in zip(texts, others, strict=True):
        assert party.address is not None
        assert f"{party.name} {party.address.street}" not in text  # street follows the addressee
        assert party.address.street in text
        for other in others:  # exactly one recipient per letter
            if other is not party:
                assert other.address is not None
                assert other.address.street not in text
        for info in ("Aktenzeichen 30.2-12/2026", "Ansprechpartner/-in Anna Beispiel",
                     "Telefon 02183 123-456", "E-Mail recht@rommerskirchen.example",
                     "Datum 21.11.2026"):  # fmt: skip
            assert info in text
        assert "vom 24.11.2023 gemäß § 3 Abs. 2 fristgerecht zum 31. Dezember 2028, " in text
        assert "hilfsweise zum nächstmöglichen Termin" in text
        assert "Bitte bestätigen Sie uns den Eingang dieses Schreibens" in text
        assert "Schriftform" in text
        assert text.count("______________________________") == 2  # § 64 Abs. 1 GO NRW
        assert "Martin Mertens Bürgermeister" in text
        assert "In Vertretung Petra Muster Allgemeine Vertreterin" in text
        assert "Mit freundlichen Grüßen Für die Gemeinde Rommerskirchen" in text
        for formula in ("+ 1 Jahr", "≤", "Fristberechnung", "§§ 187"):
            assert formula not in text
    assert document.warnings == ()


def test_salutation_follows_the_representative() -> None:
    document = render_agreement(
        load_agreement(ADOPTION),
        on=ON,
        template="kuendigung",
        by="Gemeinde Rommerskirchen",
        draft=True,
    )
    text = " ".join(letters(document.content))
    assert "Sehr geehrte Frau Bürgermeisterin Baum," in text
    assert "Sehr geehrter Herr Landrat Petrauschke," in text


MISSING = (
    "Absenderangaben; Aktenzeichen; Ansprechpartner/-in; Telefon; E-Mail; "
    "Name der 2. unterzeichnenden Person – vertretungsberechtigte Person (allgemeine Vertretung "
    "oder Beauftragte)"
)


def test_without_sender_profile_the_letter_is_refused_naming_what_is_missing() -> None:
    # issue 23: no placeholder »(Name) / vertretungsberechtigte Person …« in a letter to send
    with pytest.raises(VereinbarungError) as info:
        render_agreement(
            load_agreement(ADOPTION),
            on=ON,
            template="kuendigung",
            by="Gemeinde Rommerskirchen",
        )
    assert info.value.message.startswith(
        f"Das Kündigungsschreiben wäre so nicht versandfähig, es fehlen: {MISSING}. Die "
        "Absenderangaben mit --absender DATEI angeben"
    )
    assert "--entwurf" in info.value.message


def test_a_profile_without_the_second_signatory_is_refused_too() -> None:
    one = SENDER.model_copy(update={"signatories": SENDER.signatories[:1]})
    with pytest.raises(
        VereinbarungError, match=re.escape("es fehlen: Name der 2. unterzeichnenden")
    ):
        render_agreement(
            load_agreement(ADOPTION), on=ON, template="kuendigung",
            by="Gemeinde Rommerskirchen", sender_profile=one,
        )  # fmt: skip


def test_without_sender_profile_the_draft_is_marked_entwurf_on_every_letter() -> None:
    document = render_agreement(
        load_agreement(ADOPTION), on=ON, template="kuendigung", by="Gemeinde Rommerskirchen",
        draft=True,
    )  # fmt: skip
    texts = letters(document.content)
    assert len(texts) == 8
    for text in texts:
        # under the Anschriftfeld (whose place DIN 5008 fixes), before the Betreff
        mark = text.index(f"ENTWURF – nicht versenden Es fehlen: {MISSING} ")
        assert "Datum 21.11.2026" in text[:mark]
        assert mark < text.index("Kündigung der")
    assert "(Name)" in texts[0]  # the second line is left to be filled in
    assert texts[0].count("______________________________") == 2
    footers = {p.text for s in Document(io.BytesIO(document.content)).sections
               for p in s.footer.paragraphs}  # fmt: skip
    assert all(f.startswith("ENTWURF – Gemeinde Rommerskirchen – Kündigung") for f in footers)
    assert any("Im Informationsblock fehlen: Aktenzeichen" in w for w in document.warnings)
    assert any("Zweite Unterschrift" in w for w in document.warnings)


def test_with_the_sender_profile_no_entwurf_mark() -> None:
    document = render_agreement(
        load_agreement(ADOPTION), on=ON, template="kuendigung", by="Gemeinde Rommerskirchen",
        sender_profile=SENDER,
    )  # fmt: skip
    text = " ".join(letters(document.content))
    assert "ENTWURF" not in text
    assert "(Name)" not in text
    assert "vertretungsberechtigte Person" not in text


def test_a_single_letter_for_one_recipient() -> None:
    document = render_agreement(
        load_agreement(ADOPTION), on=ON, template="kuendigung", by="Gemeinde Rommerskirchen",
        recipient="stadt kaarst", draft=True,
    )  # fmt: skip
    texts = letters(document.content)
    assert len(texts) == 1
    assert "Stadt Kaarst" in texts[0]
    assert "Am Neumarkt 2" in texts[0]
    with pytest.raises(VereinbarungError, match="--an: »Gemeinde Rommerskirchen« erhält keine"):
        render_agreement(
            load_agreement(ADOPTION), on=ON, template="kuendigung", by="Gemeinde Rommerskirchen",
            recipient="Gemeinde Rommerskirchen",
        )  # fmt: skip


def test_missing_address_stops_with_a_german_message() -> None:
    data = read_data(ADOPTION)
    assert isinstance(data, dict)
    del data["parties"][3]["address"]
    agreement = agreement_from_data(data)
    with pytest.raises(
        VereinbarungError,
        match=re.escape(
            "Für »Stadt Kaarst« ist keine Anschrift hinterlegt (parties › Stadt Kaarst › address "
            "fehlt); ohne Anschrift wird kein Kündigungsschreiben erstellt."
        ),
    ):
        render_agreement(
            agreement, on=ON, template="kuendigung", by="Gemeinde Rommerskirchen", draft=True
        )


def test_sender_profile_of_another_party_is_refused() -> None:
    with pytest.raises(VereinbarungError, match="--absender: die Absenderangaben gehören zu"):
        render_agreement(
            load_agreement(ADOPTION), on=ON, template="kuendigung", by="Stadt Kaarst",
            sender_profile=SENDER,
        )  # fmt: skip


def test_vermerk_holds_the_derivation_the_letter_leaves_out() -> None:
    agreement = load_agreement(SEED)
    document = render_agreement(agreement, on=ON, template="kuendigungsvermerk", by="Stadt Neuss")
    doc = Document(io.BytesIO(document.content))
    text = " ".join(" ".join(paragraph_text(p) for p in doc.element.body.iter(f"{W}p")).split())
    assert "Nur für die Akte – nicht versenden." in text
    assert "Zugang spätestens 30.06.2028: 30.06.2028 + 6 Monate = 30.12.2028" in text
    assert "Letzter Zugangstag 30.06.2028" in text
    assert "Stadt Dormagen, Herrn Bürgermeister Erik Lierenfeld" in text
    assert document.title.startswith("Vermerk: Kündigung der Kooperationsvereinbarung")


def test_weekend_deadline_goes_into_the_vermerk() -> None:
    # on 01.07.2028 the next notice date is 31.12.2030; its last day of receipt is a Sunday
    seed = load_agreement(SEED)
    vermerk = render_agreement(
        seed, on=dt.date(2028, 7, 1), template="kuendigungsvermerk", by="Stadt Kaarst"
    )
    body = Document(io.BytesIO(vermerk.content)).element.body
    text = " ".join(" ".join(paragraph_text(p) for p in body.iter(f"{W}p")).split())
    assert "Der 30.06.2030 ist ein Sonntag; die Frist verschiebt sich dadurch nicht" in text
    assert "dem 28.06.2030" in text
    letter = render_agreement(
        seed, on=dt.date(2028, 7, 1), template="kuendigung", by="Stadt Kaarst", draft=True
    )
    assert "fristgerecht zum 31. Dezember 2030, hilfsweise" in " ".join(letters(letter.content))


def test_gkg_letter_mentions_the_supervisory_authority_and_contract_does_not() -> None:
    path = ROOT / "examples" / "gemeinsame-vergabestelle-soest.yaml"
    data = read_data(path)
    assert isinstance(data, dict)
    contract = agreement_from_data({**data, "regime": "contract", "events": []})
    text = " ".join(
        letters(
            render_agreement(
                contract, on=ON, template="kuendigung", by="Stadt Werl", draft=True
            ).content
        )
    )
    assert "GkG" not in text
    document = render_agreement(
        load_agreement(path), on=ON, template="kuendigung", by="Stadt Werl", draft=True
    )
    assert "(§ 24 Abs. 5 GkG NRW)" in " ".join(letters(document.content))


def test_one_signature_line_in_bavaria() -> None:
    data = read_data(ADOPTION)
    assert isinstance(data, dict)
    agreement = agreement_from_data({**data, "land": "BY"})
    document = render_agreement(
        agreement, on=ON, template="kuendigung", by="Gemeinde Rommerskirchen", draft=True
    )
    first = letters(document.content)[0]
    assert first.count("______________________________") == 1
    assert not any("Zweite Unterschrift" in w for w in document.warnings)


def test_command_line_writes_one_file_per_recipient_with_the_sender_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    profile = tmp_path / "absender.yaml"
    profile.write_text(
        "party: Gemeinde Rommerskirchen\nreference: 30.2-12/2026\ncontact: Anna Beispiel\n"
        "phone: 02183 123-456\nemail: recht@rommerskirchen.example\nsignatories:\n"
        "  - {name: Martin Mertens, title: Bürgermeister}\n"
        "  - {name: Petra Muster, title: Beigeordnete}\n",
        encoding="utf-8",
    )
    args = ["render", str(ADOPTION), "-t", "kuendigung", "--by", "Gemeinde Rommerskirchen",
            "--on", "21.11.2026", "--absender", str(profile)]  # fmt: skip
    code, _, _ = run(capsys, *args, "--einzeln")
    assert code == 0
    files = sorted(p.name for p in tmp_path.glob("*.docx"))
    assert len(files) == 8
    assert (
        "adoptionsvermittlung-rhein-kreis-neuss-kuendigung-gemeinde-rommerskirchen-an-stadt-kaarst.docx"
        in files
    )
    kaarst = next(tmp_path.glob("*-an-stadt-kaarst.docx"))
    (text,) = letters(kaarst.read_bytes())
    assert "Am Neumarkt 2" in text
    assert "Petra Muster Beigeordnete" in text
    profile.write_text("contact: [1, 2]\nfax: 1\n", encoding="utf-8")
    code, _, err = run(capsys, *args, "-o", "k.docx")
    assert code == 2
    assert "absender.yaml" in err
    assert "fax" in err
    assert not (tmp_path / "k.docx").exists()


def test_a_day_of_receipt_clause_reads_as_german_in_the_vermerk_and_the_letter() -> None:
    """``notice_by: "31.01."`` with ``notice_to: "31.07."``: the Vermerk names the rule in the
    words of the date rules, never »Zugang bis zum 31. Januar zum 31. Juli«."""
    agreement = load_agreement(ROOT / "examples" / "schulsozialarbeit-schuljahr.yaml")
    on = dt.date(2025, 12, 1)  # before the amendment of 01.08.2026 (ten Arbeitstage)
    vermerk = render_agreement(agreement, on=on, template="kuendigungsvermerk", by="Gemeinde Vorst")
    text = " ".join(letters(vermerk.content))
    assert (
        "Kündigungsregel Kündigung zum 31. Juli eines jeden Jahres, Zugang bis zum 31.01. des "
        "Jahres"
    ) in text
    assert "Zugang bis zum 31. Januar zum" not in text
    letter = " ".join(
        letters(
            render_agreement(
                agreement, on=on, template="kuendigung", by="Gemeinde Vorst", draft=True
            ).content
        )
    )
    # the first term of two school years runs to 31.07.2027 and binds: the first Kündigungstermin
    # is its end, not 31.07.2026 (§ 620 Abs. 1 BGB, § 62 Satz 2 VwVfG NRW; issue 24)
    assert "fristgerecht zum 31. Juli 2027, hilfsweise zum nächstmöglichen Termin" in letter
    assert "Zugang bis" not in letter
    # after the amendment the rule is a period again, worded as before
    later = render_agreement(
        agreement, on=ON, template="kuendigungsvermerk", by="Gemeinde Vorst"
    ).content
    assert "Kündigungsregel zehn Arbeitstage zum Ende eines Kalenderhalbjahres" in " ".join(
        letters(later)
    )


def test_a_single_letter_has_its_footer_with_the_page_number() -> None:
    # the footer sat on the section break after each letter but the last: a single letter
    # (--an, --einzeln) had none (issue 23)
    document = render_agreement(
        load_agreement(ADOPTION), on=ON, template="kuendigung", by="Gemeinde Rommerskirchen",
        recipient="Stadt Kaarst", sender_profile=SENDER,
    )  # fmt: skip
    (section,) = Document(io.BytesIO(document.content)).sections
    assert not section.footer.is_linked_to_previous
    # »Seite x von y«: one letter in the file, y counts its pages
    for footer in (section.footer, section.first_page_footer):
        assert footer.paragraphs[0].text == "Gemeinde Rommerskirchen – Kündigung – Seite  von "
        assert "PAGE" in footer.paragraphs[0]._p.xml
        assert "NUMPAGES" in footer.paragraphs[0]._p.xml
