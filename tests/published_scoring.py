"""Scoring the importer on real published agreements (issue 22), per part and file format.

``tests/import_corpus_published/cases.yaml`` lists real agreement texts (``texts/``) with a
truth made by reading each text: the titles that count as right, the parties, every term value
the text states, and so every term value it does not state. Each text is imported as written
(.txt), as a Word file with one paragraph per line and as a PDF (both written at run time with
:func:`tests.import_scoring.make_docx` / :func:`~tests.import_scoring.make_pdf`). Every value
the text states is

- **right**: the importer's value, no review item on the field;
- **flagged**: a review item names the field (»Zu prüfen«), whatever the value;
- **wrong**: another value and no review item (silently wrong); or
- **refused**: the importer refused the whole text (exit code 2).

A value the text does not state but the importer gives without a review item is **invented**
(counted as silently wrong, listed separately); with a review item it is fine and not counted. Run as a script for the table of
``benchmarks/README.md`` and the failing values of the development part (the evaluation part
is only counted: it is never used to tune the importer; ``--list-evaluation`` lists it too, to
check its truth)::

    .venv/bin/python -m tests.published_scoring
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from vereinbarung.errors import VereinbarungError
from vereinbarung.importing.importer import import_agreement
from vereinbarung.importing.result import ImportResult, plain

from .import_scoring import _flagged, make_docx, make_pdf

CORPUS = Path(__file__).parent / "import_corpus_published"
TEXTS = CORPUS / "texts"
FORMATS = ("txt", "docx", "pdf")
PARTS = ("development", "evaluation")
TERM_KEYS = (
    "effective",
    "ends",
    "duration",
    "renewal",
    "notice",
    "notice_by",
    "notice_to",
    "earliest_end",
)
# typographic quotes and dashes count as their plain forms when values are compared
_PLAIN = {"„": '"', "“": '"', "”": '"', "‚": "'", "‘": "'", "’": "'", "–": "-", "—": "-"}
_QUOTES = str.maketrans(_PLAIN)
# the PDF core font is Latin-1 only: quotes, dashes, »…« and the few other characters of the
# texts are written in Latin-1 (as make_pdf does) before anything is lost to »?«
_PDF_SAFE = str.maketrans(
    {"•": "-", "‹": "<", "€": "EUR", "ś": "s", "ó": "o", "Ó": "O", "…": "..."} | _PLAIN
)


def load_cases() -> list[dict[str, Any]]:
    """The cases of ``cases.yaml``."""
    data = YAML(typ="safe").load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def split_part(case: dict[str, Any]) -> str:
    """The part a case belongs to by the fixed rule (sha256 of its group, modulo 3)."""
    key = str(case.get("group") or case["id"]).encode("utf-8")
    return "evaluation" if int(hashlib.sha256(key).hexdigest(), 16) % 3 == 0 else "development"


def recorded_parts(cases: list[dict[str, Any]]) -> list[str]:
    """The part of every case: :func:`split_part` for the first two batches; the third batch
    (``batch: 3``, new publishers) alternately by agreement, its first agreement evaluation; the
    fourth to eighth batches (``batch: 4`` to ``8``) development only: more forms to learn
    from, while the evaluation part stays the 24 texts it was split into once."""
    parts: list[str] = []
    third: dict[str, str] = {}
    for case in cases:
        if case.get("batch") in (4, 5, 6, 7, 8):
            parts.append("development")
            continue
        if case.get("batch") != 3:
            parts.append(split_part(case))
            continue
        key = str(case.get("group") or case["id"])
        if key not in third:
            third[key] = "evaluation" if len(third) % 2 == 0 else "development"
        parts.append(third[key])
    return parts


def norm(text: str) -> str:
    """*text* with runs of whitespace as one space and typographic quotes as plain ones."""
    return " ".join(text.translate(_QUOTES).split())


def pdf_text(text: str) -> str:
    """*text* in the characters of the PDF core font (Latin-1), nothing dropped but the rest."""
    return text.translate(_PDF_SAFE).encode("latin-1", "replace").decode("latin-1")


def write_variant(text: str, kind: str, directory: Path) -> Path:
    """The file of *text* to import: as written (.txt), as Word file or as PDF."""
    target = directory / f"vereinbarung.{kind}"
    if kind == "txt":
        target.write_text(text, encoding="utf-8")
        return target
    if kind == "docx":
        return make_docx(text, target)
    safe = pdf_text(text)
    return make_pdf(safe, target)


def _expected_term(case: dict[str, Any]) -> dict[str, str]:
    term = case["truth"].get("term") or {}
    return {k: v.isoformat() if isinstance(v, dt.date) else str(v) for k, v in term.items()}


def _parties_match(want: list[Any], got: list[str]) -> bool:
    left = [norm(name) for name in got]
    for entry in want:
        spellings = {norm(s) for s in (entry if isinstance(entry, list) else [entry])}
        match = next((i for i, name in enumerate(left) if name in spellings), None)
        if match is None:
            return False
        del left[match]
    return not left


@dataclass(frozen=True)
class Verdict:
    """One scored field of one case in one format."""

    case: str
    kind: str
    field: str
    verdict: str  # right, flagged, wrong, refused; invented, flagged_unstated (not stated)
    want: Any
    got: Any


def score_result(case: dict[str, Any], kind: str, result: ImportResult | None) -> Iterator[Verdict]:
    """The verdicts of every scored field of *case* for one import (None: refused)."""
    truth = case["truth"]
    unscored = set(case.get("unscored") or ())
    expected_term = _expected_term(case)
    stated = ["title"] if truth["title"] else []
    stated += ["parties"] + [f"term.{k}" for k in expected_term]
    stated = [f for f in stated if f not in unscored]
    if result is None:
        for name in stated:
            yield Verdict(case["id"], kind, name, "refused", None, None)
        return
    data = plain(result.data)
    term = {k: str(v) for k, v in data["term"].items() if k not in ("clause", "placeholders")}
    if result.placeholder_effective:
        term.pop("effective", None)  # a placeholder with its review item is no value
    got_title = data.get("title")
    got_parties = [p["name"] for p in data.get("parties", [])]
    checks: list[tuple[str, Any, Any, bool]] = []
    if "title" not in unscored:
        titles = [norm(t) for t in truth["title"]]
        ok = norm(got_title) in titles if got_title else False
        checks.append(("title", truth["title"] or None, got_title, ok))
    if "parties" not in unscored:
        ok = _parties_match(truth["parties"], got_parties)
        checks.append(("parties", truth["parties"], got_parties, ok))
    for key in TERM_KEYS:
        name = f"term.{key}"
        if name not in unscored and (key in expected_term or key in term):
            want, got = expected_term.get(key), term.get(key)
            checks.append((name, want, got, want == got))
    for name, want, got, ok in checks:
        is_stated = name in stated
        if _flagged(result, name):
            verdict = "flagged" if is_stated else "flagged_unstated"
        elif is_stated:
            verdict = "right" if ok else "wrong"
        elif got is None:
            continue  # not stated, nothing given: nothing to score
        else:
            verdict = "invented"
        yield Verdict(case["id"], kind, name, verdict, want, got)


def import_variant(case: dict[str, Any], kind: str, directory: Path) -> ImportResult | None:
    """The import of *case* in format *kind*, or None where the importer refused it."""
    text = (TEXTS / f"{case['id']}.txt").read_text(encoding="utf-8")
    source = write_variant(text, kind, directory)
    try:
        return import_agreement(source)
    except VereinbarungError:
        return None


def verdicts(cases: Iterable[dict[str, Any]], kinds: Iterable[str] = FORMATS) -> list[Verdict]:
    """Every verdict of *cases* in each format of *kinds*."""
    found: list[Verdict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            for kind in kinds:
                result = import_variant(case, kind, Path(tmp))
                found.extend(score_result(case, kind, result))
    return found


@dataclass
class Tally:
    """The counts of one part in one format."""

    cases: int = 0
    refused_cases: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def stated(self) -> int:
        """Values the texts state (scored)."""
        return sum(self.counts.get(v, 0) for v in ("right", "flagged", "wrong", "refused"))

    @property
    def silently_wrong(self) -> int:
        """Stated values read wrongly plus values invented, neither with a review item."""
        return self.counts.get("wrong", 0) + self.counts.get("invented", 0)

    def share_right(self) -> float:
        """Right values as a share of the stated values."""
        return self.counts.get("right", 0) / self.stated if self.stated else 0.0


def tally(cases: list[dict[str, Any]], found: list[Verdict]) -> dict[tuple[str, str], Tally]:
    """The tallies per (part, format)."""
    part_of = {c["id"]: c["part"] for c in cases}
    table = {(p, k): Tally() for p in PARTS for k in FORMATS}
    for (part, kind), entry in table.items():
        entry.cases = sum(1 for c in cases if c["part"] == part)
        refused = {v.case for v in found if v.kind == kind and v.verdict == "refused"}
        entry.refused_cases = sum(1 for c in refused if part_of[c] == part)
    for v in found:
        entry = table[(part_of[v.case], v.kind)]
        entry.counts[v.verdict] = entry.counts.get(v.verdict, 0) + 1
    return table


def report(cases: list[dict[str, Any]], found: list[Verdict], *, evaluation: bool) -> list[str]:
    """The lines of the report: the table of every part and format, then the silently wrong
    and refused values of the development part (of the evaluation part too if *evaluation*).

    The evaluation part is never used to tune the importer (corpus README), so by default its
    cases are only counted, not listed.
    """
    lines = [
        "| part | format | texts | refused texts | values stated | right | flagged |"
        " silently wrong | of which invented | right share |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for (part, kind), t in tally(cases, found).items():
        c = t.counts
        lines.append(
            f"| {part} | .{kind} | {t.cases} | {t.refused_cases} | {t.stated} | "
            f"{c.get('right', 0)} | {c.get('flagged', 0)} | {t.silently_wrong} | "
            f"{c.get('invented', 0)} | {t.share_right():.0%} |"
        )
    lines.append("")
    part_of = {c["id"]: c["part"] for c in cases}
    shown = [v for v in found if evaluation or part_of[v.case] == "development"]
    for v in shown:
        if v.verdict in ("wrong", "invented"):
            lines.append(
                f"{v.verdict}: {v.case} .{v.kind} {v.field}: want {v.want!r}, got {v.got!r}"
            )
    for case_id, kind in sorted({(v.case, v.kind) for v in shown if v.verdict == "refused"}):
        lines.append(f"refused: {case_id} .{kind}")
    if not evaluation:
        lines.append(
            "evaluation part: counted above, cases not listed (never used to tune the importer; "
            "--list-evaluation lists them to check the truth)"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Print the report of :func:`report` for every case of the corpus."""
    parser = argparse.ArgumentParser(description="Score the importer on the published agreements.")
    parser.add_argument(
        "--list-evaluation",
        action="store_true",
        help="list the failing values of the evaluation part too (to check its truth only)",
    )
    args = parser.parse_args(argv)
    cases = load_cases()
    print("\n".join(report(cases, verdicts(cases), evaluation=args.list_evaluation)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
