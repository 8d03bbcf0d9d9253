"""Rendering: every built-in template × every example against golden text files; the seed text;
the Umlageberechnung and the cost table.

The golden files under ``tests/golden/<template>/<example>.txt`` hold the text of each rendered
document (properties, body with tables, footer), as :func:`document_text` extracts it after
opening the .docx again with python-docx. After a deliberate change to a template, the
wording or an example, regenerate them with one command and review the diff:

    python tools/make_templates.py && UPDATE_GOLDEN=1 python -m pytest tests/test_render.py

Documents are rendered as on 21.11.2026; the Kündigung is sent by the last party of each
example (for an agreement that cannot be terminated the golden file holds the German error);
the Umlageberechnung goes to the last party, for the budget year 2026. An example without a
cost key has no Umlageberechnung: the test asserts the German refusal, and there is no golden
file for it.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from vereinbarung import __version__
from vereinbarung.documents.builtin import BUILTIN_TEMPLATES
from vereinbarung.documents.context import agreement_context
from vereinbarung.documents.render import render_agreement, render_overview
from vereinbarung.documents.views.common import load_sender
from vereinbarung.documents.views.letter import SENDER_OPTION_HINT
from vereinbarung.errors import VereinbarungError
from vereinbarung.files.io import agreement_from_data, load_agreement, read_data

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SEED = ROOT / "examples" / "kinderschutz-rhein-kreis-neuss.yaml"
SEED_TEXT = Path(__file__).parent / "fixtures" / "seed_002.txt"
GOLDEN = Path(__file__).parent / "golden"
ON = dt.date(2026, 11, 21)
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def document_text(content: bytes) -> str:
    """The text of a .docx as the golden files store it: properties, body, footer."""
    doc = Document(io.BytesIO(content))
    props = doc.core_properties
    lines = [
        f"Titel: {props.title}",
        f"Betreff: {props.subject}",
        f"Autor: {props.author}",
        f"Kommentar: {props.comments}",
        "=====",
    ]
    for child in doc.element.body.iterchildren():
        if child.tag == f"{W}p":
            lines.append(Paragraph(child, doc).text)
        elif child.tag == f"{W}tbl":
            for row in Table(child, doc).rows:
                lines.append(" | ".join(cell.text for cell in row.cells))
    for number, section in enumerate(doc.sections, start=1):
        lines.append(f"===== Fußzeile {number}")
        lines.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(lines) + "\n"


def normalized(text: str) -> str:
    """Whitespace collapsed, for comparing texts across line breaks and tabs."""
    return " ".join(text.split())


def has_umlage(example: Path) -> bool:
    """Whether the example defines an Umlage (a cost key)."""
    costs = load_agreement(example).costs
    return costs is not None and costs.key is not None


def _render(template: str, example: Path) -> str:
    builtin = BUILTIN_TEMPLATES[template]
    if builtin.input == "folder":
        relative = example.relative_to(ROOT)
        return document_text(render_overview([relative], on=ON, template=template).content)
    agreement = load_agreement(example)
    by = agreement.parties[-1].name if builtin.needs_sender or builtin.needs_payer else None
    profile = SENDERS.get(by or "")
    try:
        document = render_agreement(
            agreement,
            on=ON,
            template=template,
            by=by,
            sender_profile=profile,
            draft=profile is None,  # without a sender profile only the marked ENTWURF
            incomplete=True,  # the Steckbriefe of the examples are mostly empty
        )
    except VereinbarungError as exc:
        return f"FEHLER: {exc.message}\n"
    return document_text(document.content)


#: The sender profiles of the examples (``*.absender``), by party.
SENDERS = {
    sender.party: sender
    for sender in (load_sender(p) for p in sorted((ROOT / "examples").glob("*.absender")))
    if sender.party
}


def _check_golden(path: Path, text: str) -> None:
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    if not path.is_file():
        pytest.fail(
            f"{path.relative_to(ROOT)} fehlt: UPDATE_GOLDEN=1 python -m pytest "
            "tests/test_render.py erzeugt sie (danach den Inhalt prüfen)"
        )
    assert text == path.read_text(encoding="utf-8"), f"weicht ab von {path.relative_to(ROOT)}"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("template", sorted(BUILTIN_TEMPLATES))
def test_every_template_renders_every_example(
    template: str, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    if BUILTIN_TEMPLATES[template].needs_payer and not has_umlage(example):
        agreement = load_agreement(example)
        message = (
            f"Die Vorlage {template} braucht eine Vereinbarung mit Umlage: "
            f"»{agreement.full_title}« regelt keine (costs › key fehlt)."
        )
        with pytest.raises(VereinbarungError, match=re.escape(message)):
            render_agreement(agreement, on=ON, template=template, by=agreement.parties[-1].name)
        return  # no golden file: there is no letter to compare
    _check_golden(GOLDEN / template / f"{example.stem}.txt", _render(template, example))


def test_overview_of_the_examples_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    document = render_overview([Path("examples")], on=ON)
    text = document_text(document.content)
    _check_golden(GOLDEN / "fristenuebersicht" / "_ordner_examples.txt", text)
    rows = [line for line in text.splitlines() if line.count(" | ") == 5][1:]
    deadlines = [
        dt.datetime.strptime(r.split(" | ")[0], "%d.%m.%Y") for r in rows if r[0].isdigit()
    ]
    assert deadlines == sorted(deadlines)
    assert len(rows) == len(EXAMPLES)
    assert document.warnings == ()


def test_no_stray_golden_files() -> None:
    expected = {
        GOLDEN / t / f"{e.stem}.txt"
        for t in BUILTIN_TEMPLATES
        for e in EXAMPLES
        if not BUILTIN_TEMPLATES[t].needs_payer or has_umlage(e)
    }
    expected.add(GOLDEN / "fristenuebersicht" / "_ordner_examples.txt")
    stray = sorted(p for p in GOLDEN.rglob("*.txt") if p not in expected)
    if UPDATE:
        for path in stray:
            path.unlink()
        return
    assert not stray, "veraltete Golden-Dateien (Beispiel entfernt?): UPDATE_GOLDEN=1 räumt auf"


# -- the seed: everything of seed 002 is in the document -------------------------------------


def _seed_structure() -> dict[str, list[str]]:
    """Party names, preamble, § headings, paragraph and item texts of the seed text."""
    lines = SEED_TEXT.read_text(encoding="utf-8").splitlines()
    clean = [line.replace("**", "").replace("\\*", "*").rstrip() for line in lines]
    out: dict[str, list[str]] = {"parties": [], "preamble": [], "sections": [], "texts": []}
    state = "parties"
    numbered = False
    for line in clean:
        stripped = line.strip()
        if stripped.startswith("wird"):
            state = "between"
        elif stripped == "## Präambel":
            state = "preamble"
            continue
        elif stripped == "## Unterschriften":
            break
        if re.fullmatch(r"#+ § \d+", stripped):
            state = "section"
            out["sections"].append(stripped.lstrip("# "))
            continue
        if state == "parties" and stripped.startswith("### "):
            out["parties"].append(stripped[4:])
        elif state == "preamble" and stripped:
            out["preamble"].append(stripped.removeprefix("- "))
        elif state == "section":
            if stripped.startswith("#"):
                out["sections"].append(stripped.lstrip("# "))
                numbered = False
            elif match := re.match(r"- \(\d+\) (.*)", stripped):
                out["texts"].append(match.group(1))
                numbered = True
            elif match := re.match(r"- [a-z]\) (.*)", stripped):
                out["texts"].append(match.group(1))
                numbered = False
            elif stripped and numbered:
                out["texts"][-1] += " " + stripped  # a hard line break inside a paragraph
            elif stripped:
                out["texts"].append(stripped)  # a section of a single paragraph
    return out


def test_seed_text_appears_in_the_document() -> None:
    agreement = load_agreement(SEED)
    content = render_agreement(agreement, on=ON).content
    text = normalized(document_text(content))
    seed = _seed_structure()
    assert len(seed["parties"]) == 6
    assert len(seed["sections"]) == 12
    assert len(seed["texts"]) == 24
    assert len(seed["preamble"]) == 16
    for kind in ("parties", "preamble", "sections", "texts"):
        position = 0
        for piece in seed[kind]:
            found = text.find(normalized(piece), position)
            assert found >= 0, f"{kind}: »{piece}« fehlt (oder steht nicht in dieser Reihenfolge)"
            position = found  # in the order of the seed
    for party in agreement.parties:  # the "vertreten durch" lines, from the data
        rep = party.representative
        salutation = "Herrn" if rep.form_of_address == "Herr" else "Frau"
        assert f"– vertreten durch {salutation} {rep.title} {rep.name} –" in text
        assert party.address is not None
        assert (
            normalized(f"{party.address.street} {party.address.postal_code} {party.address.city}")
            in text
        )
    for words in ("zwischen der Stadt Dormagen", "der Stadt Grevenbroich", "dem Rhein-Kreis-Neuss",
                  "und der Stadt Neuss", "wird folgende Kooperationsvereinbarung geschlossen:",
                  "Dormagen, den", "Hans-Jürgen Petrauschke Landrat für den Rhein-Kreis-Neuss"):  # fmt: skip
        assert words in text
    assert "(1) Gemäß § 9 Landeskinderschutzgesetz NRW" in text
    assert "Kosten Durch die interkommunale Zusammenarbeit" in text  # § 6: one paragraph, no (1)


def test_hard_line_break_inside_a_paragraph_is_kept() -> None:
    content = render_agreement(load_agreement(SEED), on=ON).content
    paragraphs = [p.text.replace("\xa0", " ") for p in Document(io.BytesIO(content)).paragraphs]
    assert (
        "(1)\tGemäß § 9 Landeskinderschutzgesetz NRW hat jedes Jugendamt eine "
        "Koordinierungsstelle für das Netzwerk Kinderschutz zu unterhalten.\nIm Falle von "
        "interkommunalen Netzwerken soll die Zusammenarbeit der beteiligten "
        "Koordinierungsstellen in Vereinbarungen geregelt werden."
    ) in paragraphs
    assert "a)\tdie fachliche Begleitung des Netzwerkes in seiner Aufgabenwahrnehmung" in paragraphs


# -- the term section: from the text, or worded from the data --------------------------------


def _seed_data() -> dict[str, Any]:
    data = read_data(SEED)
    assert isinstance(data, dict)
    return data


def test_term_section_from_the_text_when_the_text_has_it() -> None:
    paragraphs = [
        p.text
        for p in Document(
            io.BytesIO(render_agreement(load_agreement(SEED), on=ON).content)
        ).paragraphs
    ]
    five = paragraphs.index("§ 5")
    assert paragraphs[five + 1] == "In-Kraft-Treten, Laufzeit, Kündigung"
    assert paragraphs[five + 4].startswith("(3)\tSie verlängert sich um jeweils zwei weitere Jahre")
    assert (
        "mit einer Frist von 6 Monate zum Laufzeitende" in paragraphs[five + 4]
    )  # the seed's words


def test_term_section_worded_from_the_data_when_the_text_lacks_it() -> None:
    data = _seed_data()
    data["sections"] = [s for s in data["sections"] if s["number"] != 5]
    agreement = agreement_from_data(data)
    paragraphs = [
        p.text for p in Document(io.BytesIO(render_agreement(agreement, on=ON).content)).paragraphs
    ]
    five = paragraphs.index("§ 5")
    assert paragraphs[five - 1].startswith("(2)\tDie Leitungen der Verwaltungen")  # after § 3
    # the gap of the seed is named in the note under the title, not passed over
    assert paragraphs[3].endswith("§\xa04 ist im erfassten Vertragstext nicht enthalten."), (
        paragraphs[3]
    )
    assert paragraphs[five + 1 : five + 5] == [
        "Inkrafttreten, Laufzeit, Kündigung",
        "(1)\tDiese Vereinbarung tritt zum 01.02.2023 in Kraft.",
        "(2)\tDie Laufzeit dieser Vereinbarung endet am 31.12.2026.",
        "(3)\tSie verlängert sich um jeweils zwei weitere Jahre, wenn sie nicht mit einer Frist "
        "von sechs Monaten zum Laufzeitende gekündigt wird. Die Kündigung bedarf der Schriftform.",
    ]
    assert paragraphs[five + 5] == "§ 6"


def test_term_section_without_clause_follows_the_last_section() -> None:
    data = _seed_data()
    data["sections"] = [s for s in data["sections"] if s["number"] in (1, 2)]
    del data["term"]["clause"]
    paragraphs = [
        p.text
        for p in Document(
            io.BytesIO(render_agreement(agreement_from_data(data), on=ON).content)
        ).paragraphs
    ]
    assert paragraphs[paragraphs.index("§ 3") + 2].endswith("tritt zum 01.02.2023 in Kraft.")


# -- special characters, properties ----------------------------------------------------------

SPECIAL = "Stadt \"A & B\" <Test> 'x' „Zitat“ § 3 Straße Ä Ö Ü ä ö ü ß – €"


def test_special_characters_survive_intact() -> None:
    data = _seed_data()
    data["parties"][0]["name"] = SPECIAL
    data["signatures"][0]["party"] = SPECIAL
    data["subtitle"] = f"über {SPECIAL}"
    data["preamble"] = [f"Präambel mit {SPECIAL}", ["a < b", "c > d", "x && y"]]
    data["sections"][0]["paragraphs"][1] = f"Absatz: {SPECIAL}"
    agreement = agreement_from_data(data)
    document = render_agreement(agreement, on=ON)
    text = document_text(document.content).replace("\xa0", " ")
    for piece in (f"Titel: Kooperationsvereinbarung über {SPECIAL}", f"Präambel mit {SPECIAL}",
                  "a < b", "c > d", "x && y", f"(2)\tAbsatz: {SPECIAL}", f"für die {SPECIAL}"):  # fmt: skip
        assert piece in text
    letter = render_agreement(agreement, on=ON, template="kuendigung", by="Stadt Neuss", draft=True)
    assert f"\n{SPECIAL}\n" in document_text(letter.content).replace(" | ", "\n")


def test_control_characters_are_rejected_by_the_model() -> None:
    data = _seed_data()
    data["parties"][0]["name"] = "Stadt\x07Dormagen"
    with pytest.raises(VereinbarungError, match="U\\+0007"):
        agreement_from_data(data)


def test_document_properties() -> None:
    data = _seed_data()
    del data["lead"], data["profile"]
    agreement = agreement_from_data(data)
    doc = Document(io.BytesIO(render_agreement(agreement, on=ON).content))
    props = doc.core_properties
    assert props.title == agreement.full_title
    assert props.subject == "Kooperationsvereinbarung"  # the title: the kind of agreement
    assert props.author == "Stadt Dormagen"  # no lead: the first party
    assert props.comments == (
        f"Erzeugt mit vereinbarung {__version__} aus der Vorlage kooperationsvereinbarung.docx"
    )
    assert props.last_modified_by == f"vereinbarung {__version__}"
    assert props.language == "de-DE"
    assert props.category == "Kooperationsvereinbarung"
    assert props.keywords == ""
    assert props.created == props.modified == dt.datetime(2026, 11, 21, tzinfo=dt.UTC)
    app = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/docProps/app.xml")
    assert f"<Application>vereinbarung {__version__}</Application>".encode() in app.blob

    led = load_agreement(SEED)  # the seed names the lead and has the profile of seed 004
    assert led.lead == "Rhein-Kreis-Neuss"
    props = Document(io.BytesIO(render_agreement(led, on=ON).content)).core_properties
    assert props.author == "Rhein-Kreis-Neuss"
    assert props.keywords == "Kinder und Jugendliche, Soziales"
    letter = render_agreement(led, on=ON, template="kuendigung", by="Stadt Kaarst", draft=True)
    props = Document(io.BytesIO(letter.content)).core_properties
    assert props.author == "Stadt Kaarst"
    assert props.subject == "Kündigungsschreiben"
    assert props.title.startswith("Kündigung der Kooperationsvereinbarung über")


# -- the Kündigung ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("example", "on", "by", "message"),
    [
        ("gemeinsamer-gutachterausschuss", ON, "Stadt Wiehl",
         "sie endet ohne Kündigung mit Ablauf des 30.06.2027"),
        ("gemeinsamer-gutachterausschuss", dt.date(2027, 7, 1), "Stadt Wiehl",
         "am 01.07.2027 bereits beendet"),
        ("kinderschutz-rhein-kreis-neuss", ON, "Stadt Köln", "»Stadt Köln« ist keine Partei"),
    ],
)  # fmt: skip
def test_kuendigung_refused_with_a_german_error(
    example: str, on: dt.date, by: str, message: str
) -> None:
    agreement = load_agreement(ROOT / "examples" / f"{example}.yaml")
    with pytest.raises(VereinbarungError, match=re.escape(message)):
        render_agreement(agreement, on=on, template="kuendigung", by=by)


# -- the profile -----------------------------------------------------------------------------


def test_steckbrief_with_profile_fields_of_seed_004() -> None:
    data = _seed_data()
    data["lead"] = "Rhein-Kreis-Neuss"
    data["profile"] = {
        "keywords": ["Kinder und Jugendliche", "Soziales"],
        "region": "Düsseldorf",
        "population": 452496,
        "population_date": "31.12.2021",
        "population_source": "IT.NRW",
        "area_km2": 785.0,
        "occasion": "Verbesserung des Kinderschutzes",
        "goal": "Ziel des Projektes ist es, den Kinderschutz durch die Interkommunale "
        "Zusammenarbeit auszuweiten und zu verbessern.",
        "legal_form": "öffentlich-rechtliche Vereinbarung",
        "contact": ["Rhein-Kreis Neuss", "Oberstraße 91", "41460 Neuss"],
    }
    agreement = agreement_from_data(data)
    document = render_agreement(agreement, on=ON, template="steckbrief")
    text = document_text(document.content)
    assert f"=====\n{agreement.full_title}\n" in text  # no title in the profile: the agreement's
    assert "Rhein-Kreis-Neuss, Dormagen, Grevenbroich, Jüchen, Kaarst, Korschenbroich, " \
        "Meerbusch, Neuss, Rommerskirchen" in text  # fmt: skip
    for piece in ("Stichworte:\nKinder und Jugendliche, Soziales",
                  "Hauptverantwortlich:\nRhein-Kreis-Neuss",
                  "Kurzprofil:\nRhein-Kreis-Neuss\nRegierungsbezirk Düsseldorf\n"
                  "Einwohner: 452.496 (31.12.2021; IT.NRW)\nFläche: 785,00 km²",
                  "Anlass:\nVerbesserung des Kinderschutzes",
                  "Finanzierung:\nDurch die interkommunale Zusammenarbeit entstehen keine",
                  "Rechtsform:\nöffentlich-rechtliche Vereinbarung",
                  "Zusammenarbeit seit:\n2023",
                  "Kontakt:\nRhein-Kreis Neuss\nOberstraße 91\n41460 Neuss"):  # fmt: skip
        assert piece in text
    assert "Links:" not in text  # no heading without a link
    # the hint with the file's keys goes to the terminal, not into the document (issue 23)
    assert "Noch ohne Angabe" not in text
    assert "other_participants" not in text
    assert document.warnings == (
        "Steckbrief: Noch ohne Angabe: Sonstige Beteiligte, Umsetzung, Links. Ergänzen im "
        "Abschnitt »profile« der Vereinbarungsdatei: other_participants, implementation, links.",
    )


def test_steckbrief_without_lead_warns() -> None:
    data = _seed_data()
    del data["lead"]
    document = render_agreement(agreement_from_data(data), on=ON, template="steckbrief")
    assert "Hauptverantwortlich:" not in document_text(document.content)
    assert any("federführende Partei" in w for w in document.warnings)


def test_steckbrief_of_the_seed_uses_the_title_of_the_profile() -> None:
    document = render_agreement(load_agreement(SEED), on=ON, template="steckbrief")
    text = document_text(document.content)
    title = "Kooperationsvereinbarung: Gemeinsam für den Kinderschutz"
    assert f"Titel: Steckbrief: {title}\n" in text
    assert f"=====\n{title}\nRhein-Kreis-Neuss, Dormagen, Grevenbroich" in text
    for piece in ("Hauptverantwortlich:\nRhein-Kreis-Neuss",
                  "Einwohner: 452.496 (31.12.2021; IT-NRW)\nFläche: 785,00 km²",
                  "Kontakt:\nRhein-Kreis Neuss\nOberstraße 91\n41460 Neuss\nTelefon: 02131 928-0",
                  "Zusammenarbeit seit:\n2023"):  # fmt: skip
        assert piece in text
    assert "other_participants" not in text
    assert document.warnings == (
        "Steckbrief: Noch ohne Angabe: Sonstige Beteiligte. Ergänzen im Abschnitt »profile« "
        "der Vereinbarungsdatei: other_participants.",
    )


def test_party_of_unknown_kind_is_named_without_article_and_warned() -> None:
    data = _seed_data()
    data["parties"][1]["name"] = "Landesbetrieb IT.NRW"
    data["parties"][1]["kind"] = "Sonstige"
    data["signatures"][1]["party"] = "Landesbetrieb IT.NRW"
    document = render_agreement(agreement_from_data(data), on=ON)
    text = document_text(document.content)
    assert "zwischen der\nStadt Dormagen" in text
    # no article, no introducing word: the name opens its cell of the Vertragskopf
    assert "41539 Dormagen\n | Landesbetrieb IT.NRW\n– vertreten durch Herrn" in text
    assert any("Landesbetrieb IT.NRW" in w and "ohne Artikel" in w for w in document.warnings)


def _with_notice_by_dormagen(policy: str | None) -> Any:
    data = _seed_data()
    others = [p["name"] for p in data["parties"] if p["name"] != "Stadt Dormagen"]
    data["events"] = [
        {"type": "notice", "by": "Stadt Dormagen", "received": dict.fromkeys(others, "04.05.2026")}
    ]
    if policy:
        data["on_party_notice"] = policy
    return agreement_from_data(data)


def test_kuendigung_after_a_recorded_notice() -> None:
    agreement = _with_notice_by_dormagen(None)  # the party that gave notice leaves
    with pytest.raises(VereinbarungError, match=r"»Stadt Dormagen« hat .* bereits gekündigt"):
        render_agreement(agreement, on=ON, template="kuendigung", by="Stadt Dormagen", draft=True)
    before = render_agreement(agreement, on=ON, template="kuendigung", by="Stadt Neuss", draft=True)
    assert "\nStadt Dormagen\n" in document_text(before.content)  # still bound until 31.12.2026
    after = render_agreement(
        agreement, on=dt.date(2027, 1, 5), template="kuendigung", by="Stadt Neuss", draft=True
    )
    text = document_text(after.content)
    assert "\nStadt Dormagen\n" not in text  # left: no longer a recipient
    assert "\nStadt Kaarst\n" in text

    ends = _with_notice_by_dormagen("ends_for_all")
    document = render_agreement(ends, on=ON, template="kuendigung", by="Stadt Neuss", draft=True)
    assert "Die Vereinbarung ist bereits gekündigt und endet zum 31.12.2026" in " ".join(
        document.warnings
    )
    with pytest.raises(VereinbarungError, match=r"nach den verzeichneten Ereignissen .* beendet"):
        render_agreement(
            ends, on=dt.date(2027, 1, 5), template="kuendigung", by="Stadt Neuss", draft=True
        )


# -- the Umlage: the letter and the cost table of the agreement ------------------------------

ADOPTION = ROOT / "examples" / "adoptionsvermittlung-rhein-kreis-neuss.yaml"
EURO = re.compile(r"^-?\d{1,3}(?:\.\d{3})*,\d{2} €$")
PAYERS = ("Stadt Dormagen", "Stadt Grevenbroich", "Stadt Kaarst", "Stadt Meerbusch",
          "Stadt Neuss", "Stadt Korschenbroich", "Gemeinde Jüchen", "Gemeinde Rommerskirchen")  # fmt: skip


def euros(text: str) -> Decimal:
    """ "26.502,40 €" → Decimal("26502.40"); anything else fails the test."""
    assert EURO.match(text), text
    return Decimal(text.removesuffix(" €").replace(".", "").replace(",", "."))


def table_rows(text: str, header: str) -> list[list[str]]:
    """The rows after the header row *header* up to the first line that is no table row."""
    lines = text.splitlines()
    start = lines.index(header) + 1
    rows = []
    for line in lines[start:]:
        if " | " not in line:
            break
        rows.append(line.split(" | "))
    return rows


def _adoption_data() -> dict[str, Any]:
    data = read_data(ADOPTION)
    assert isinstance(data, dict)
    return data


def test_the_examples_include_one_with_an_umlage() -> None:
    assert [e.stem for e in EXAMPLES if has_umlage(e)] == [ADOPTION.stem]


def test_umlage_letter_to_grevenbroich_for_2025() -> None:
    agreement = load_agreement(ADOPTION)
    document = render_agreement(
        agreement, on=ON, template="umlage", by="Stadt Grevenbroich", year=2025
    )
    text = document_text(document.content)
    subject = (
        "Umlageberechnung 2025 – Öffentlich-rechtliche Vereinbarung über die gemeinsame "
        "Adoptionsvermittlungsstelle im Rhein-Kreis Neuss"
    )
    assert document.title == subject
    assert text.startswith(
        f"Titel: {subject}\nBetreff: Umlageberechnung\nAutor: Rhein-Kreis Neuss\n"
        "Kommentar: Erzeugt mit vereinbarung"
    )
    # the DIN 5008 frame: Rücksendeangabe (postcode and town joined), Informationsblock with
    # the date, Anschriftzone, Betreff
    assert (
        "=====\nRhein-Kreis Neuss · Oberstraße 91 · 41460\u00a0Neuss |  | \nDatum\t21.11.2026\n"
        "Stadt Grevenbroich\nHerrn Bürgermeister Klaus Krützen\nAm Markt 1\n41515 Grevenbroich"
        f" |  | \nDatum\t21.11.2026\n{subject}\nSehr geehrte Damen und Herren,\n"
    ) in text
    assert (
        "Der Jahresbetrag von 190.000,00 € wird nach der Einwohnerzahl auf die zahlenden "
        "Vertragsparteien verteilt. Maßgeblich sind die Einwohnerzahlen am 31.12.2023, Quelle: "
        "IT.NRW (Beispielzahlen)."
    ) in text
    assert "Von der Umlage ausgenommen: Rhein-Kreis Neuss." in text
    assert (
        "Auf die Stadt Grevenbroich entfällt ein Anteil von 13,9486 %, das sind 26.502,40 €:\n"
        "Schlüsselgröße | Einwohner 63.117\nAnteil | 13,9486 %\nBetrag | 26.502,40 €\n"
        "Berechnung | Einwohner 63.117 / 452.496 × 190.000,00 € ≈ 26.502,40 €\n"
    ) in text
    # the share, independently: 63,117 of 452,496 inhabitants of 190,000.00 €, to the cent
    exact = Fraction(63117, 452496) * 19_000_000
    assert Decimal(round(exact)) / 100 == euros("26.502,40 €")
    # the table of all parties adds up to the amount of the year
    rows = table_rows(text, "Partei | Schlüsselgröße | Anteil | Betrag")
    *shares, total = rows
    assert total == ["Summe", "", "100 %", "190.000,00 €"]
    assert [r[0] for r in shares] == [p.name for p in agreement.parties[1:]]  # not the exempt
    assert sum(euros(r[3]) for r in shares) == Decimal("190000.00")
    assert ["Stadt Grevenbroich", "Einwohner 63.117", "13,9486 %", "26.502,40 €"] in shares
    # when and what to pay
    assert table_rows(text, "Fällig am | Zahlung | Betrag") == [
        ["30.06.2025", "Abschlag 50 %", "13.251,20 €"],
        ["31.12.2025", "Schlussabrechnung", "13.251,20 €"],
        ["Summe", "", "26.502,40 €"],
    ]
    nb = "\u00a0"  # the IBAN's groups are joined by no-break spaces
    # the request and the bank details in one row that never splits (no »Verwendungszweck«
    # alone on the next page, issue 23)
    request = (
        "Wir bitten, die Beträge zu den genannten Terminen unter Angabe des Verwendungszwecks "
        "auf folgendes Konto zu überweisen:"
    )
    (outer,) = [
        t
        for t in Document(io.BytesIO(document.content)).tables
        if t.cell(0, 0).text.startswith(request)
    ]
    assert len(outer.rows) == 1
    row_properties = outer.rows[0]._tr.trPr
    assert row_properties is not None
    assert row_properties.find(f"{W}cantSplit") is not None
    (bank,) = outer.cell(0, 0).tables
    assert [[c.text for c in row.cells] for row in bank.rows] == [
        ["Kontoinhaber", "Rhein-Kreis Neuss – Kreiskasse"],
        ["Kreditinstitut", "Beispielbank Neuss"],
        ["IBAN", nb.join(("DE89", "3704", "0044", "0532", "0130", "00"))],
        ["BIC", "COBADEFFXXX"],
        ["Kassenzeichen", "5.1100.2026.0815"],
        [
            "Verwendungszweck",
            "Kassenzeichen 5.1100.2026.0815, Umlage Adoptionsvermittlung 2025, Stadt Grevenbroich",
        ],
    ]
    assert "Die Zahlungen zum 30.06.2025 und zum 31.12.2025 sind bereits fällig" in text
    # closing and signature in one row that is never split (as in the Kündigung)
    assert (
        "Rechtsgrundlage: § 2 der Vereinbarung.\nMit freundlichen Grüßen\n"
        "Für den Rhein-Kreis Neuss\n______________________________\nHans-Jürgen Petrauschke\n"
        "Landrat | \n===== Fußzeile 1\nRhein-Kreis Neuss – Umlageberechnung 2025 – Seite"
    ) in text
    closing = Document(io.BytesIO(document.content)).tables[-1]
    assert len(closing.rows) == 1
    assert closing.rows[0]._tr.find(f"{W}trPr/{W}cantSplit") is not None
    # without a sender profile (--absender) the Informationsblock holds only the date; the
    # warning in German words, the command line's option only in the terminal's hint
    assert document.warnings == (
        "Im Informationsblock fehlen: Aktenzeichen, Ansprechpartner/-in, Telefon, E-Mail – kein "
        "Absender gewählt; einen Absender mit diesen Angaben anlegen und beim Erzeugen wählen (im "
        "Register auf der Seite »Absender«).",
        SENDER_OPTION_HINT,
    )


def test_umlage_letter_year_defaults_to_the_year_of_the_day() -> None:
    agreement = load_agreement(ADOPTION)
    before = render_agreement(
        agreement, on=dt.date(2026, 3, 2), template="umlage", by="stadt grevenbroich"
    )
    text = document_text(before.content)
    assert "Titel: Umlageberechnung 2026 – " in text
    assert (
        "Auf die Stadt Grevenbroich entfällt ein Anteil von 13,9570 %, das sind 26.518,27 €" in text
    )
    assert "Maßgeblich sind die Einwohnerzahlen am 31.12.2024" in text  # Vorvorjahr
    assert "bereits fällig" not in text
    after = render_agreement(
        agreement, on=dt.date(2026, 7, 1), template="umlage", by="Gemeinde Jüchen"
    )
    assert (
        "Die Zahlung zum 30.06.2026 ist bereits fällig; soweit sie noch nicht geleistet ist, "
        "bitten wir um umgehende Überweisung."
    ) in document_text(after.content)


@pytest.mark.parametrize(
    ("change", "by", "year", "message"),
    [
        ({}, "Rhein-Kreis Neuss", 2025,
         "»Rhein-Kreis Neuss« trägt im Haushaltsjahr 2025 keinen Anteil an der Umlage (von der "
         "Umlage ausgenommen: costs › exempt); ein Umlageschreiben an diese Partei gibt es nicht."),
        ({}, "Stadt Köln", 2025, "--by: »Stadt Köln« ist keine Partei dieser Vereinbarung"),
        ({}, "Stadt Kaarst", 2027,
         "costs › population: für den Stichtag 31.12.2025 (Haushaltsjahr 2027) sind keine "
         "Einwohnerzahlen angegeben (vorhanden: 31.12.2023, 31.12.2024)."),
        ({}, "Stadt Kaarst", 2023, "Im Haushaltsjahr 2023 ist die Vereinbarung nicht in Kraft."),
        ({"amount": None, "amounts": {2026: "190000"}}, "Stadt Kaarst", 2025,
         "costs: kein Betrag für das Haushaltsjahr 2025 (amount oder amounts)."),
        ({"payee": "Stadt Neuss"}, "Stadt Neuss", 2025,
         "»Stadt Neuss« ist selbst Zahlungsempfänger der Umlage (costs › payee)"),
        ({"key": None}, "Stadt Kaarst", 2025,
         "Die Vorlage umlage braucht eine Vereinbarung mit Umlage: »Öffentlich-rechtliche "
         "Vereinbarung über die gemeinsame Adoptionsvermittlungsstelle im Rhein-Kreis Neuss« "
         "regelt keine (costs › key fehlt)."),
    ],
)  # fmt: skip
def test_umlage_letter_refused_with_a_german_error(
    change: dict[str, Any], by: str, year: int, message: str
) -> None:
    data = _adoption_data()
    data["costs"] = {**data["costs"], **change}
    agreement = agreement_from_data(data)
    with pytest.raises(VereinbarungError, match=re.escape(message)):
        render_agreement(agreement, on=ON, template="umlage", by=by, year=year)


def test_umlage_letter_without_payee_or_lead() -> None:
    data = _adoption_data()
    del data["costs"]["payee"], data["lead"]
    with pytest.raises(VereinbarungError, match="Die Umlage hat keinen Zahlungsempfänger"):
        render_agreement(
            agreement_from_data(data), on=ON, template="umlage", by="Stadt Kaarst", year=2025
        )
    data["lead"] = "Rhein-Kreis Neuss"  # the lead receives the payments
    document = render_agreement(
        agreement_from_data(data), on=ON, template="umlage", by="Stadt Kaarst", year=2025
    )
    assert "an den Rhein-Kreis Neuss zu überweisen" not in document_text(document.content)
    del data["costs"]["payee_account"]
    document = render_agreement(
        agreement_from_data(data), on=ON, template="umlage", by="Stadt Kaarst", year=2025
    )
    assert (
        "an den Rhein-Kreis Neuss zu überweisen (Verwendungszweck: Umlage 2025, Stadt Kaarst)"
    ) in document_text(document.content)
    assert (
        "costs › payee_account fehlt: das Umlageschreiben nennt keine Bankverbindung "
        "(IBAN, Kontoinhaber, Kassenzeichen) des Zahlungsempfängers."
    ) in document.warnings


@pytest.mark.parametrize(
    ("iban", "reason"),
    [
        (
            "DE89 3704 0044 0532 0130 01",
            "die Prüfziffer stimmt nicht (ISO 13616, Modulo 97); bitte Tippfehler prüfen",
        ),
        ("DE89 3704 0044", "12 Zeichen sind nicht die Länge einer IBAN aus DE"),
        ("XX89 3704 0044 0532 0130 00", "»XX« ist kein Ländercode einer IBAN"),
    ],
)
def test_a_wrong_iban_is_refused_naming_file_field_and_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], iban: str, reason: str
) -> None:
    from .cli_runner import run

    source = tmp_path / "adoption.yaml"
    source.write_text(
        ADOPTION.read_text(encoding="utf-8").replace("DE89 3704 0044 0532 0130 00", iban),
        encoding="utf-8",
    )
    target = tmp_path / "umlage.docx"
    code, _, err = run(
        capsys, "render", str(source), "-t", "umlage", "--by", "Stadt Kaarst", "-o", str(target)
    )
    assert code == 2
    assert "adoption.yaml" in err
    assert "costs › payee_account › iban" in err
    assert f"»{iban}« ist keine gültige IBAN: {reason}" in err
    assert not target.exists()


def test_a_wrong_bic_is_refused() -> None:
    data = _adoption_data()
    data["costs"]["payee_account"]["bic"] = "COBADEF"
    with pytest.raises(VereinbarungError, match="»COBADEF« ist keine gültige BIC"):
        agreement_from_data(data)


def test_umlage_letter_needs_the_paying_party() -> None:
    with pytest.raises(VereinbarungError) as info:
        render_agreement(load_agreement(ADOPTION), on=ON, template="umlage")
    assert info.value.message == (
        "Für die Vorlage umlage fehlt --by PARTEI, die zahlende Partei (eine von: Stadt "
        "Dormagen, Stadt Grevenbroich, Stadt Kaarst, Stadt Meerbusch, Stadt Neuss, Stadt "
        "Korschenbroich, Gemeinde Jüchen, Gemeinde Rommerskirchen)."
    )


def test_umlage_letter_to_a_party_that_joins_during_the_year() -> None:
    data = _adoption_data()
    data["events"] = [
        *data["events"],
        {"type": "joined", "party": "Gemeinde Rommerskirchen", "date": "2025-05-01",
         "effective": "2025-07-01"},
    ]  # fmt: skip
    document = render_agreement(
        agreement_from_data(data), on=ON, template="umlage", by="Gemeinde Rommerskirchen",
        year=2025,
    )  # fmt: skip
    text = document_text(document.content)
    assert "Einwohner 14.916 × 184/365 / " in text
    assert (
        "Hinweise zur Berechnung:\n"
        "Gemeinde Rommerskirchen: gebunden 01.07.2025 bis 31.12.2025, 184 von 365 Tagen\n"
    ) in text
    rows = table_rows(text, "Partei | Schlüsselgröße | Anteil | Betrag")
    assert sum(euros(r[3]) for r in rows[:-1]) == Decimal("190000.00")
    data["costs"]["changes"] = "next_year"
    with pytest.raises(VereinbarungError, match=re.escape(
        "»Gemeinde Rommerskirchen« trägt im Haushaltsjahr 2025 keinen Anteil an der Umlage "
        "(Gemeinde Rommerskirchen ist erst ab 01.07.2025 gebunden: Anteil ab dem nächsten "
        "Haushaltsjahr)"
    )):  # fmt: skip
        render_agreement(
            agreement_from_data(data), on=ON, template="umlage", by="Gemeinde Rommerskirchen",
            year=2025,
        )  # fmt: skip


def _section_lines(text: str, number: int) -> list[str]:
    lines = text.splitlines()
    start = lines.index(f"§ {number}")
    end = lines.index(f"§ {number + 1}")
    return lines[start:end]


def test_agreement_shows_the_cost_table_as_an_anlage_after_the_signatures() -> None:
    agreement = load_agreement(ADOPTION)
    text = document_text(render_agreement(agreement, on=ON).content)
    two = _section_lines(text, 2)
    assert two[:2] == ["§ 2", "Kosten"]
    assert two[2].startswith("(1)\tDie Sach- und Personalkosten")
    assert not any("Umlage 2026" in line for line in two)  # not inside the signed text
    lines = text.splitlines()
    anlage = lines.index("Anlage (nachrichtlich): Umlage 2026 (Berechnung nach § 2)")
    last_signature = max(i for i, line in enumerate(lines) if line.startswith("für die "))
    assert anlage > last_signature
    assert "nicht Teil des unterzeichneten Vertragstextes" in lines[anlage + 1]
    assert lines[anlage + 2 : anlage + 5] == [
        "Der Jahresbetrag von 190.000,00 € wird nach der Einwohnerzahl auf die zahlenden "
        "Vertragsparteien verteilt. Maßgeblich sind die Einwohnerzahlen am 31.12.2024, Quelle: "
        "IT.NRW (Beispielzahlen).",
        "Partei | Schlüsselgröße | Anteil | Betrag",
        "Stadt Dormagen | Einwohner 64.512 | 14,2152 % | 27.008,94 €",
    ]
    assert "Summe |  | 100 % | 190.000,00 €" in lines[anlage:]
    assert text.count("Umlage 2026") == 1
    earlier = render_agreement(agreement, on=ON, year=2025)
    assert "Stadt Grevenbroich | Einwohner 63.117 | 13,9486 % | 26.502,40 €" in document_text(
        earlier.content
    )
    assert earlier.warnings == ()


def test_agreement_without_figures_for_the_year_is_rendered_without_the_table() -> None:
    agreement = load_agreement(ADOPTION)
    document = render_agreement(agreement, on=ON, year=2027)
    text = document_text(document.content)
    assert "Umlage" not in text
    assert document.warnings == (
        "Umlage 2027 nicht berechnet, das Dokument zeigt sie nicht: costs › population: für den "
        "Stichtag 31.12.2025 (Haushaltsjahr 2027) sind keine Einwohnerzahlen angegeben "
        "(vorhanden: 31.12.2023, 31.12.2024).",
    )
    steckbrief = render_agreement(
        agreement, on=ON, year=2027, template="steckbrief", incomplete=True
    )
    # it does not show the Umlage: nothing to say about 2027 (only that the profile is empty)
    assert not any("Umlage" in w for w in steckbrief.warnings)
    assert steckbrief.warnings[0].startswith("Steckbrief: Noch ohne Angabe")


def test_agreement_without_cost_key_has_no_umlage() -> None:
    agreement = load_agreement(SEED)
    context = agreement_context(agreement, on=ON)
    assert context.umlage is None
    assert context.year == 2026
    assert "Umlage" not in document_text(render_agreement(agreement, on=ON, year=2025).content)


def test_cost_table_without_a_section_number_follows_the_cost_heading() -> None:
    data = _adoption_data()
    del data["costs"]["section"]
    agreement = agreement_from_data(data)
    document = render_agreement(agreement, on=ON)
    assert "Anlage (nachrichtlich): Umlage 2026 (nach Einwohnerzahl)" in document_text(
        document.content
    )
    letter = render_agreement(agreement, on=ON, template="umlage", by="Stadt Kaarst")
    assert "Rechtsgrundlage: Kostenregelung der Vereinbarung." in document_text(letter.content)
    assert letter.warnings[0] == (
        "costs › section fehlt: das Umlageschreiben nennt als Rechtsgrundlage nur die "
        "Kostenregelung der Vereinbarung, keinen Paragraphen."
    )


@pytest.mark.parametrize(
    ("change", "basis", "figure"),
    [
        ({"key": "equal"},
         "Der Jahresbetrag von 190.000,00 € wird zu gleichen Teilen auf die zahlenden "
         "Vertragsparteien verteilt.", "Anteil 1"),
        ({"key": "cases", "cases": {2025: dict.fromkeys(PAYERS, 10)}},
         "Der Jahresbetrag von 190.000,00 € wird nach den Fallzahlen auf die zahlenden "
         "Vertragsparteien verteilt. Maßgeblich sind die Fallzahlen des Jahres 2025.", "Fälle 10"),
        ({"key": "base_plus", "base_amount": "5000", "rest_key": "population"},
         "Vom Jahresbetrag (190.000,00 €) trägt jede zahlende Vertragspartei einen Sockelbetrag "
         "von 5.000,00 € (bei Bindung für einen Teil des Jahres anteilig nach Tagen); der übrige "
         "Betrag wird nach der Einwohnerzahl verteilt. Maßgeblich sind die Einwohnerzahlen am "
         "31.12.2024, Quelle: IT.NRW (Beispielzahlen).", "Einwohner 63.340"),
    ],
)  # fmt: skip
def test_umlage_basis_in_words_for_each_key(
    change: dict[str, Any], basis: str, figure: str
) -> None:
    data = _adoption_data()
    data["costs"] = {**data["costs"], **change}
    agreement = agreement_from_data(data)
    view = agreement_context(agreement, on=ON).umlage
    assert view is not None
    assert view.basis_text == basis
    assert view.rows[1].figure == figure
    assert sum(r.amount_value for r in view.rows) == Decimal("190000.00")
    letter = render_agreement(agreement, on=ON, template="umlage", by="Stadt Grevenbroich")
    assert basis in document_text(letter.content)


def test_steckbrief_links_are_hyperlinks_with_their_address() -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE

    document = render_agreement(load_agreement(SEED), on=ON, template="steckbrief")
    doc = Document(io.BytesIO(document.content))
    targets = {
        rel.rId: rel.target_ref
        for rel in doc.part.rels.values()
        if rel.reltype == RELATIONSHIP_TYPE.HYPERLINK
    }
    links = doc.element.body.findall(f".//{W}hyperlink")
    assert len(links) == 1  # the second link of the seed is a title only (an older file)
    r_id = links[0].get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    assert targets[r_id] == "https://www.rhein-kreis-neuss.de"
    text = document_text(document.content)
    assert "Links:\nRhein-Kreis Neuss: https://www.rhein-kreis-neuss.de\nGemeinsam für" in text


def test_steckbrief_link_forms_and_a_wrong_address() -> None:
    data = read_data(SEED)
    assert isinstance(data, dict)
    data["profile"]["links"] = ["www.example.org/kinderschutz", "Nur ein Titel"]
    agreement = agreement_from_data(data)
    assert [(link.title, link.url) for link in agreement.profile.links] == [  # type: ignore[union-attr]
        (None, "https://www.example.org/kinderschutz"),
        ("Nur ein Titel", None),
    ]
    dumped = agreement.model_dump(mode="json")["profile"]["links"]
    assert dumped == ["https://www.example.org/kinderschutz", "Nur ein Titel"]
    data["profile"]["links"] = [{"title": "Portal", "url": "portal kinderschutz"}]
    with pytest.raises(VereinbarungError) as info:
        agreement_from_data(data)
    assert "profile › links › 1 › url" in info.value.message or "links" in info.value.message
    assert "»portal kinderschutz« ist keine Web-Adresse" in info.value.message


SPARSE_HINT = (
    "Noch ohne Angabe: Stichworte, Sonstige Beteiligte, Regierungsbezirk, Einwohnerzahl, "
    "Fläche, Anlass, Ziel, Umsetzung, Kontakt, Links. Ergänzen im Abschnitt »profile« der "
    "Vereinbarungsdatei: keywords, other_participants, region, population, area_km2, "
    "occasion, goal, implementation, contact, links."
)


def test_a_mostly_empty_steckbrief_is_refused_unless_asked_for() -> None:
    bauhof = load_agreement(ROOT / "examples" / "interkommunaler-bauhof.yaml")
    with pytest.raises(VereinbarungError) as info:
        render_agreement(bauhof, on=ON, template="steckbrief")
    assert info.value.message == (
        "Der Steckbrief zu »Kooperationsvereinbarung über die interkommunale Zusammenarbeit der "
        "Bauhöfe der Gemeinden Blankenheim, Dahlem und Nettersheim« ist großenteils leer (10 "
        f"Angaben fehlen): {SPARSE_HINT} Trotzdem erzeugen mit --auch-unvollstaendig."
    )
    document = render_agreement(bauhof, on=ON, template="steckbrief", incomplete=True)
    text = document_text(document.content)
    for heading in ("Stichworte:", "Anlass:", "Ziel:", "Umsetzung:", "Kontakt:", "Links:"):
        assert heading not in text
    assert "–\n" not in text  # no dashes for empty values
    # the hint with the file's English keys is for the terminal, never in the document
    assert "Noch ohne Angabe" not in text
    assert "area_km2" not in text
    assert "»profile«" not in text
    assert document.warnings[-1] == f"Steckbrief: {SPARSE_HINT}"
    assert "Finanzierung:\nDie Leistungen werden nach tatsächlichem Aufwand" in text
