"""Import of a 30-page agreement, as Word file and as Markdown.

Target (issue 6): a 30-page agreement imports in under a second. The agreement is generated:
eight parties, a preamble, 150 sections of two to four paragraphs (some with lettered items),
the term clause in § 149, the cost clause in § 150 and the signature blocks in a two-column
table (Word) or one after the other (Markdown); about 60,000 characters. Each run is a full
``import_agreement``: reading the file (python-docx for Word), finding the structure, reading
the term clause and validating the agreement. The first run (imports, regex compilation) is
reported apart and not counted.

    python benchmarks/bench_import.py [--sections 150] [--repeat 7]
    python benchmarks/bench_import.py --corpus

``--corpus`` (issue 13) imports the published-style agreements of
``tests/import_corpus/agreements.yaml`` as text, as PDF and as Word file with one paragraph per
line, and counts the fields that are right, flagged for review, and silently wrong (target 0).

Files go to ``benchmarks/_data/import/`` (not in git).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from vereinbarung.importing.importer import import_agreement

TARGET_SECONDS = 1.0
DATA = Path(__file__).parent / "_data" / "import"
TOWNS = [
    ("Stadt Dormagen", "Herrn Bürgermeister Erik Lierenfeld", "Paul-Wierich-Platz 2", "41539 Dormagen"),
    ("Stadt Grevenbroich", "Herrn Bürgermeister Klaus Krützen", "Am Markt 1", "41515 Grevenbroich"),
    ("Stadt Kaarst", "Frau Bürgermeisterin Ursula Baum", "Am Neumarkt 2", "41564 Kaarst"),
    ("Stadt Meerbusch", "Herrn Bürgermeister Christian Bommers", "Dorfstraße 20", "40667 Meerbusch"),
    ("Stadt Korschenbroich", "Herrn Bürgermeister Marc Venten", "Sebastianusstraße 1", "41352 Korschenbroich"),
    ("Gemeinde Jüchen", "Herrn Bürgermeister Harald Zillikens", "Am Rathaus 5", "41363 Jüchen"),
    ("Rhein-Kreis Neuss", "Herrn Landrat Hans-Jürgen Petrauschke", "Lindenstraße 2", "41515 Grevenbroich"),
    ("Stadt Neuss", "Herrn Bürgermeister Reiner Breuer", "Markt 2", "41460 Neuss"),
]  # fmt: skip
WORDS = [
    *[
        "Die",
        "Kooperationspartner",
        "stimmen",
        "sich",
        "über",
        "die",
        "Aufgaben",
        "der",
        "gemeinsamen",
        "Stelle",
        "ab",
    ],
    *[
        "und",
        "unterrichten",
        "einander",
        "rechtzeitig",
        "über",
        "alle",
        "Angelegenheiten,",
        "die",
        "für",
        "die",
    ],
    *["Zusammenarbeit", "von", "Bedeutung", "sind,", "insbesondere", "über", "Änderungen", "der"],
    *[
        "Zuständigkeiten,",
        "der",
        "Fallzahlen",
        "und",
        "der",
        "Ausstattung",
        "der",
        "Jugendämter",
        "im",
        "Kreisgebiet",
    ],
]
TERM = [
    "Diese Vereinbarung tritt zum 01.02.2023 in Kraft.",
    "Die Laufzeit dieser Vereinbarung endet am 31.12.2026.",
    "Sie verlängert sich um jeweils zwei weitere Jahre, wenn sie nicht mit einer Frist von "
    "sechs Monaten zum Laufzeitende gekündigt wird. Die Kündigung bedarf der Schriftform.",
]
COSTS = [
    "Die Sach- und Personalkosten in Höhe von rund 190.000 Euro jährlich teilen sich die "
    "Kooperationspartner entsprechend ihrer Einwohnerzahl am 31.12. des Vorjahres (IT.NRW)."
]

Paragraphs = list[tuple[str, list[str]]]


@dataclass
class Document:
    """The generated agreement: preamble, sections (number, heading, paragraphs with items)."""

    preamble: list[str] = field(default_factory=list)
    sections: list[tuple[int, str, Paragraphs]] = field(default_factory=list)

    def length(self) -> int:
        """Characters of text, roughly what a printed page count rests on."""
        text = sum(len(p) for p in self.preamble)
        for _, heading, paragraphs in self.sections:
            text += len(heading) + sum(
                len(t) + sum(len(i) for i in items) for t, items in paragraphs
            )
        return text + sum(sum(len(x) for x in town) for town in TOWNS)


def _sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, k=rng.randint(8, 14))
    return " ".join(words).capitalize() + "."


def _connector(index: int, name: str) -> str:
    if index == 0:
        return "zwischen der"
    if name.startswith("Rhein"):
        return "dem"
    return "und der" if index == len(TOWNS) - 1 else "der"


def agreement(sections: int, seed: int = 6) -> Document:
    """The agreement with *sections* sections; § n-1 is the term clause, § n the costs."""
    rng = random.Random(seed)
    document = Document(preamble=[" ".join(_sentence(rng) for _ in range(3)) for _ in range(6)])
    for number in range(1, sections + 1):
        paragraphs: Paragraphs = []
        if number == sections - 1:
            heading, paragraphs = "Inkrafttreten, Laufzeit, Kündigung", [(t, []) for t in TERM]
        elif number == sections:
            heading, paragraphs = "Kosten", [(t, []) for t in COSTS]
        else:
            heading = " ".join(rng.sample(WORDS, k=3)).capitalize()
            for _ in range(rng.randint(2, 4)):
                items: list[str] = []
                if rng.random() < 0.15:
                    items = [_sentence(rng)[:-1] for _ in range(rng.randint(2, 4))]
                paragraphs.append((_sentence(rng), items))
        document.sections.append((number, heading, paragraphs))
    return document


def _signers() -> list[tuple[str, str]]:
    return [(city.split()[-1], rep.split(maxsplit=2)[-1]) for _, rep, _, city in TOWNS]


def write_markdown(document: Document, path: Path) -> None:
    """The agreement as the seed files are written."""
    out = [
        "# **Kooperationsvereinbarung**",
        "## **über die interkommunale Zusammenarbeit im Test der Importgeschwindigkeit**",
    ]
    for index, (name, rep, street, city) in enumerate(TOWNS):
        out += [_connector(index, name), f"### **{name}**\n\n- vertreten durch {rep} -  \n"
                f"{street}  \n{city}"]  # fmt: skip
    out += [
        "wird folgende Kooperationsvereinbarung geschlossen:",
        "## Präambel",
        *document.preamble,
    ]
    for number, heading, paragraphs in document.sections:
        out.append(f"## **§ {number}**\n\n### **{heading}**")
        lines = []
        for n, (text, items) in enumerate(paragraphs, start=1):
            lines.append(f"- ({n}) {text}" if len(paragraphs) > 1 else text)
            lines += [f"  - {chr(96 + i)}) {item}" for i, item in enumerate(items, start=1)]
        out.append("\n".join(lines))
    out.append("## Unterschriften")
    out += [f"{place}, den\n\n---\n\n{signer}" for place, signer in _signers()]
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")


def write_docx(document: Document, path: Path) -> None:
    """The agreement as a Word file: headings, bold party names, signatures in a table."""
    import docx

    word = docx.Document()
    word.add_heading("Kooperationsvereinbarung", level=0)
    word.add_heading("über die interkommunale Zusammenarbeit im Test der Importgeschwindigkeit", 1)
    for index, (name, rep, street, city) in enumerate(TOWNS):
        word.add_paragraph(_connector(index, name))
        word.add_paragraph().add_run(name).bold = True
        for line in (f"– vertreten durch {rep} –", street, city):
            word.add_paragraph(line)
    word.add_paragraph("wird folgende Kooperationsvereinbarung geschlossen:")
    word.add_heading("Präambel", level=1)
    for text in document.preamble:
        word.add_paragraph(text)
    for number, heading, paragraphs in document.sections:
        word.add_heading(f"§ {number}", level=2)
        word.add_heading(heading, level=3)
        for n, (text, items) in enumerate(paragraphs, start=1):
            word.add_paragraph(f"({n}) {text}" if len(paragraphs) > 1 else text)
            for i, item in enumerate(items, start=1):
                word.add_paragraph(f"{chr(96 + i)}) {item}")
    signers = _signers()
    table = word.add_table(rows=(len(signers) + 1) // 2, cols=2)
    for i, (place, signer) in enumerate(signers):
        cell = table.cell(i // 2, i % 2)
        cell.paragraphs[0].text = f"{place}, den"
        cell.add_paragraph("______________________")
        cell.add_paragraph(signer)
    word.save(str(path))


def measure(path: Path, repeat: int) -> tuple[float, list[float]]:
    start = time.perf_counter()
    first = import_agreement(path)
    cold = time.perf_counter() - start
    assert first.complete, [str(p) for p in first.review]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = import_agreement(path)
        times.append(time.perf_counter() - start)
    assert len(result.agreement.sections) == len(first.agreement.sections)
    return cold, times


def corpus() -> int:
    """Right, flagged and silently wrong fields over the corpus of published agreements."""
    sys.path.insert(0, str(Path(__file__).parent.parent))
    from tests.import_scoring import AGREEMENTS, load_cases, make_docx, make_pdf, score

    DATA.mkdir(parents=True, exist_ok=True)
    totals: dict[str, dict[str, int]] = {}
    wrong: list[str] = []
    for case in load_cases():
        source = AGREEMENTS / case["file"]
        text = source.read_text(encoding="utf-8")
        for kind in case["as"]:
            path = source
            if kind == "pdf":
                path = make_pdf(text, DATA / f"{source.stem}.pdf")
            elif kind == "docx":
                path = make_docx(text, DATA / f"{source.stem}.docx")
            counts = totals.setdefault(kind, {"right": 0, "flagged": 0, "wrong": 0})
            for name, verdict, want, got in score(import_agreement(path), case):
                counts[verdict] += 1
                if verdict == "wrong":
                    wrong.append(
                        f"{case['file']} ({kind}) {name}: erwartet {want!r}, gelesen {got!r}"
                    )
    print("| Fassung | Felder | richtig | zur Prüfung markiert | still falsch |")
    print("|---|---|---|---|---|")
    for kind, counts in totals.items():
        total = sum(counts.values())
        print(f"| {kind} | {total} | {counts['right']} | {counts['flagged']} | {counts['wrong']} |")
    for line in wrong:
        print("  still falsch:", line)
    print(f"Ziel 0 still falsch: ERGEBNIS: {'erfüllt' if not wrong else 'NICHT erfüllt'}")
    return 0 if not wrong else 1


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sections", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--corpus", action="store_true", help="Felder des Korpus zählen")
    args = parser.parse_args()
    if args.corpus:
        return corpus()
    DATA.mkdir(parents=True, exist_ok=True)
    document = agreement(args.sections)
    length = document.length()
    markdown, word = DATA / "vereinbarung.md", DATA / "vereinbarung.docx"
    write_markdown(document, markdown)
    write_docx(document, word)
    pages = length / 2000  # about 2,000 characters per printed page
    print(
        f"Vereinbarung: {args.sections} Paragraphen, {length:,} Zeichen (≈ {pages:.0f} Seiten); "
        f"Word {word.stat().st_size / 1024:.0f} KiB, Markdown {markdown.stat().st_size / 1024:.0f} KiB"
    )
    worst = 0.0
    for label, path in (("Word (.docx)", word), ("Markdown (.md)", markdown)):
        cold, times = measure(path, args.repeat)
        median = statistics.median(times)
        worst = max(worst, median)
        print(
            f"{label:15} erster Lauf {cold:.3f} s; Median von {args.repeat}: {median:.3f} s "
            f"(min {min(times):.3f}, max {max(times):.3f})"
        )
    ok = worst < TARGET_SECONDS
    print(
        f"Ziel < {TARGET_SECONDS:.1f} s je Import: ERGEBNIS: {'erfüllt' if ok else 'NICHT erfüllt'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
