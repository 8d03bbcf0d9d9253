"""The example agreements in ``examples/``: they load, the seed is reproduced word for word,
and their deadlines are the ones computed by hand from §§ 187, 188 BGB.

The reference text of the seed agreement is the fixture ``tests/fixtures/seed_002.txt`` (a
verbatim copy of the Markdown source); the tests never read anything outside the repository.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from vereinbarung import Agreement, load_agreement, state_on

ROOT = Path(__file__).parent.parent
EXAMPLES_DIR = ROOT / "examples"
EXAMPLES = sorted(EXAMPLES_DIR.glob("*.yaml"))
SEED_EXAMPLE = EXAMPLES_DIR / "kinderschutz-rhein-kreis-neuss.yaml"
SEED_TEXT = Path(__file__).parent / "fixtures" / "seed_002.txt"


def example(name: str) -> Agreement:
    return load_agreement(EXAMPLES_DIR / name)


# -- every example ---------------------------------------------------------------------------


def test_there_are_at_least_four_examples() -> None:
    assert len(EXAMPLES) >= 4
    assert SEED_EXAMPLE in EXAMPLES


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_loads(path: Path) -> None:
    agreement = load_agreement(path)
    assert len(agreement.parties) >= 2
    assert agreement.land == "NW"
    signed = [s.party for s in agreement.signatures]
    assert signed == [p.name for p in agreement.parties]


@pytest.mark.parametrize("path", [p for p in EXAMPLES if p != SEED_EXAMPLE], ids=lambda p: p.name)
def test_invented_examples_say_so(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# Beispiel: erfundene Angaben."


# -- the seed agreement, word for word -------------------------------------------------------


def normalise(line: str) -> str:
    """One line of the Markdown seed as plain text.

    Drops headings (``#``), bold (``**``), the escape in ``\\*``, a leading bullet ``- ``, a
    paragraph number ``(1) ``, an item letter ``a) `` and trailing hard-break spaces; collapses
    whitespace.
    """
    line = line.strip().replace("\\*", "*").replace("**", "")
    line = re.sub(r"^#+\s*", "", line)
    line = re.sub(r"^-\s+", "", line)
    line = re.sub(r"^\(\d+\)\s+", "", line)
    line = re.sub(r"^[a-z]\)\s+", "", line)
    return " ".join(line.split())


def seed_lines() -> list[str]:
    lines = (normalise(line) for line in SEED_TEXT.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def seed_body() -> list[str]:
    """The lines strictly between "Präambel" and "Unterschriften"."""
    lines = seed_lines()
    return lines[lines.index("Präambel") + 1 : lines.index("Unterschriften")]


def text_lines(text: str) -> list[str]:
    """A YAML text as lines with collapsed whitespace (a hard break stays a line break)."""
    return [" ".join(line.split()) for line in text.split("\n")]


def yaml_pieces(agreement: Agreement) -> list[str]:
    """Every piece of agreement text in the YAML, in document order."""
    pieces: list[str] = []
    for entry in agreement.preamble:
        if isinstance(entry, str):
            pieces.append(entry)
        else:
            pieces.extend(entry)
    for section in agreement.sections:
        pieces.append(section.heading)
        for paragraph in section.paragraphs:
            pieces.append(paragraph.text)
            pieces.extend(paragraph.items)
    return pieces


def yaml_body_lines(agreement: Agreement) -> list[str]:
    """The YAML text as the seed lays it out: "§ n", heading, paragraphs and items, in order."""
    lines: list[str] = []
    for entry in agreement.preamble:
        if isinstance(entry, str):
            lines.extend(text_lines(entry))
        else:
            for bullet in entry:
                lines.extend(text_lines(bullet))
    for section in agreement.sections:
        lines.append(f"§ {section.number}")
        lines.extend(text_lines(section.heading))
        for paragraph in section.paragraphs:
            lines.extend(text_lines(paragraph.text))
            for item in paragraph.items:
                lines.extend(text_lines(item))
    return lines


def occurs_as_lines(piece: str, lines: list[str]) -> bool:
    """Whether *piece* (one or more lines) occurs in *lines* as whole, consecutive lines."""
    haystack = "\n" + "\n".join(lines) + "\n"
    return "\n" + "\n".join(text_lines(piece)) + "\n" in haystack


@pytest.fixture(scope="module")
def seed() -> Agreement:
    return load_agreement(SEED_EXAMPLE)


def test_every_yaml_text_is_in_the_seed(seed: Agreement) -> None:
    lines = seed_lines()
    flat = " ".join(lines)
    missing = [p for p in yaml_pieces(seed) if " ".join(p.split()) not in flat]
    assert missing == []
    # stricter: each piece is one or more whole lines of the seed, not a fragment of one
    fragments = [p for p in yaml_pieces(seed) if not occurs_as_lines(p, lines)]
    assert fragments == []
    assert occurs_as_lines(seed.subtitle or "", lines)
    assert seed.title in lines


def test_every_seed_line_is_in_the_yaml(seed: Agreement) -> None:
    body = seed_body()
    assert body[0].startswith("Das neue und erstmalige Landesgesetz zum Kinderschutz")
    assert body[-1].startswith("Sollte einer der Regelungen")
    yaml_lines = yaml_body_lines(seed)
    dropped = [line for line in body if not occurs_as_lines(line, yaml_lines)]
    assert dropped == []
    # nothing dropped, nothing added, nothing moved
    assert yaml_lines == body


def test_seed_escapes_and_spellings(seed: Agreement) -> None:
    everything = "\n".join(yaml_pieces(seed))
    assert "\\" not in everything
    assert "**" not in everything
    assert "Kinderschutzkoordinator*innen" in everything
    assert "Vertragspartner*innen" in everything
    assert "im Rhein-Kreises Neuss" in everything
    assert "„Netzwerke zum Kinderschutz“" in (seed.subtitle or "")
    third = seed.section(3)
    assert third is not None
    assert third.heading == "Teilnehmer*innen der Konferenz der Koordinierungsstellen"


def test_seed_structure(seed: Agreement) -> None:
    assert seed.title == "Kooperationsvereinbarung"
    assert [s.number for s in seed.sections] == [1, 2, 3, 5, 6, 7]  # the seed has no § 4
    first, second = seed.section(1), seed.section(2)
    assert first is not None
    assert second is not None
    assert first.paragraphs[0].text.count("\n") == 1  # the hard break in § 1 (1)
    assert len(second.paragraphs[1].items) == 7  # a) … g)
    assert second.paragraphs[1].items[-1] == "Öffentlichkeitsarbeit"
    sixth = seed.section(6)
    assert sixth is not None
    assert len(sixth.paragraphs) == 1
    assert seed.costs is not None
    assert seed.costs.section == 6
    assert seed.costs.summary == sixth.paragraphs[0].text
    bullets = [entry for entry in seed.preamble if not isinstance(entry, str)]
    assert len(bullets) == 1
    assert len(bullets[0]) == 5


def test_seed_parties(seed: Agreement) -> None:
    lines = seed_lines()
    flat = " ".join(lines)
    headings = [
        normalise(line)
        for line in SEED_TEXT.read_text(encoding="utf-8").splitlines()
        if line.startswith("### **") and "§" not in line
    ]
    assert [p.name for p in seed.parties] == headings[:6]
    assert len(seed.parties) == 6
    for party in seed.parties:
        rep = party.representative
        assert party.name in lines
        assert rep.name in flat
        accusative = "Herrn" if rep.form_of_address == "Herr" else "Frau"
        assert f"vertreten durch {accusative} {rep.title} {rep.name}" in flat
        assert party.address is not None
        assert party.address.street in lines
        assert f"{party.address.postal_code} {party.address.city}" in lines
    kreis = seed.party("Rhein-Kreis-Neuss")
    assert kreis.kind == "Kreis"
    assert kreis.acts_for == ("Jüchen", "Korschenbroich", "Rommerskirchen")


def test_seed_signatures(seed: Agreement) -> None:
    places = [m.group(1) for line in seed_lines() if (m := re.fullmatch(r"(\S+), den", line))]
    assert [s.place for s in seed.signatures] == places
    assert [s.party for s in seed.signatures] == [p.name for p in seed.parties]
    assert all(s.date is None for s in seed.signatures)


# -- deadlines -------------------------------------------------------------------------------


def test_seed_term_clause(seed: Agreement) -> None:
    term = seed.term
    assert term.clause == "§ 5"
    assert term.effective == date(2023, 2, 1)
    assert term.ends == date(2026, 12, 31)
    assert str(term.renewal) == "2 Jahre"
    assert str(term.notice) == "6 Monate"
    assert term.notice_to == "term_end"


def test_seed_deadlines(seed: Agreement) -> None:
    # 21.11.2026: the notice to 31.12.2026 had to arrive by 30.06.2026 (30.06. + 6 Monate =
    # 30.12. ≤ 31.12.; 01.07. + 6 Monate = 01.01.2027 > 31.12.). Next term end: the renewal
    # begins 01.01.2027, 2 Jahre → 31.12.2028; notice by 30.06.2028.
    s = state_on(seed, date(2026, 11, 21))
    assert s.status == "in_force"
    assert s.current_term_end == date(2026, 12, 31)
    assert s.terminates_on == date(2028, 12, 31)
    assert s.notice_deadline == date(2028, 6, 30)

    s = state_on(seed, date(2026, 6, 30))
    assert s.terminates_on == date(2026, 12, 31)
    assert s.notice_deadline == date(2026, 6, 30)

    s = state_on(seed, date(2026, 7, 1))
    assert s.terminates_on == date(2028, 12, 31)
    assert s.notice_deadline == date(2028, 6, 30)


def test_aachen_indefinite_year_end() -> None:
    a = example("koordinierungsstelle-vormundschaften-aachen.yaml")
    assert a.term.indefinite
    # 15.03.2025: notice dates are ends of calendar years, at the earliest 31.12.2026.
    # Last day of receipt D for 31.12.2026: 30.06.2026 + 6 Monate = 30.12.2026 ≤ 31.12.2026,
    # 01.07.2026 + 6 Monate = 01.01.2027 > 31.12.2026 (§§ 187 Abs. 1, 188 Abs. 2 BGB).
    s = state_on(a, date(2025, 3, 15))
    assert s.status == "in_force"
    assert s.current_term_end is None
    assert s.terminates_on == date(2026, 12, 31)
    assert s.notice_deadline == date(2026, 6, 30)
    # 01.07.2026 is too late for 31.12.2026; next: 31.12.2027, by 30.06.2027 (same working).
    s = state_on(a, date(2026, 7, 1))
    assert s.terminates_on == date(2027, 12, 31)
    assert s.notice_deadline == date(2027, 6, 30)
    assert state_on(a, date(2023, 12, 31)).status == "not_in_force"


def test_gutachterausschuss_fixed_term() -> None:
    a = example("gemeinsamer-gutachterausschuss.yaml")
    # 5 Jahre from the start of 01.07.2022 (§ 187 Abs. 2 BGB) end with the day before the
    # day numbered 01 in July 2027 (§ 188 Abs. 2 BGB, second case): 30.06.2027.
    assert a.term.first_end == date(2027, 6, 30)
    s = state_on(a, date(2025, 1, 10))
    assert s.status == "in_force"
    assert s.current_term_end == date(2027, 6, 30)
    assert s.terminates_on == date(2027, 6, 30)  # ends by itself
    assert s.notice_deadline is None  # no notice needed or possible
    assert state_on(a, date(2027, 6, 30)).status == "in_force"
    assert state_on(a, date(2027, 7, 1)).status == "ended"


def test_bauhof_leap_year_and_renewal() -> None:
    a = example("interkommunaler-bauhof.yaml")
    # 3 Jahre from 01.03.2025: the day before 01.03.2028 is 29.02.2028 (2028 is a leap year).
    assert a.term.first_end == date(2028, 2, 29)
    # Notice 3 Monate to 29.02.2028: 30.11.2027 + 3 Monate = 29.02.2028 (no 30.02.: § 188
    # Abs. 3 BGB) ≤ 29.02.2028; 01.12.2027 + 3 Monate = 01.03.2028 > 29.02.2028.
    s = state_on(a, date(2025, 6, 1))
    assert s.status == "in_force"
    assert s.terminates_on == date(2028, 2, 29)
    assert s.notice_deadline == date(2027, 11, 30)
    # 01.12.2027 is too late: the first renewal 01.03.2028 + ein Jahr ends 28.02.2029;
    # 30.11.2028 + 3 Monate = 28.02.2029 (§ 188 Abs. 3 BGB), 01.12.2028 + 3 Monate = 01.03.2029.
    s = state_on(a, date(2027, 12, 1))
    assert s.current_term_end == date(2028, 2, 29)
    assert s.terminates_on == date(2029, 2, 28)
    assert s.notice_deadline == date(2028, 11, 30)


def test_vergabestelle_quarter_end_then_indefinite() -> None:
    a = example("gemeinsame-vergabestelle-soest.yaml")
    assert a.term.renewal == "unbestimmte Zeit"
    # 31.12.2025: first possible notice date 31.03.2026 ("erstmals zum");
    # 31.12.2025 + 3 Monate = 31.03.2026 ≤ 31.03.2026, 01.01.2026 + 3 Monate = 01.04.2026.
    s = state_on(a, date(2025, 12, 31))
    assert s.current_term_end == date(2026, 3, 31)
    assert s.terminates_on == date(2026, 3, 31)
    assert s.notice_deadline == date(2025, 12, 31)
    # 01.05.2026: runs on for an indefinite time; 30.06.2026 needed receipt by 31.03.2026
    # (31.03. + 3 Monate = 30.06., § 188 Abs. 3 BGB), so the next quarter end 30.09.2026:
    # 30.06.2026 + 3 Monate = 30.09.2026, 01.07.2026 + 3 Monate = 01.10.2026 > 30.09.2026.
    s = state_on(a, date(2026, 5, 1))
    assert s.status == "in_force"
    assert s.current_term_end is None
    assert s.terminates_on == date(2026, 9, 30)
    assert s.notice_deadline == date(2026, 6, 30)
