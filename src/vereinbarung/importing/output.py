"""The result of an import as a commented agreement file, and as lines for the terminal.

The YAML file (ruamel.yaml round trip, comments included) starts with a block that lists what
to review ("Zu prüfen"), then the notes, the recognised cost key and the form requirements.
Above each value stands the sentence it was read from, with its place (``§ 5 Abs. 1``,
``Zeile 11``, ``Absatz 7``) and, where it was derived, how. Long text is never re-wrapped;
text with line breaks is written as a literal block (``|-``).
"""

from __future__ import annotations

import io
import textwrap
from typing import Any

from vereinbarung.importing.importer import ImportResult, Provenance
from vereinbarung.importing.words import Problem, Sentence
from vereinbarung.law.dates import format_date

__all__ = ["report_lines", "to_yaml"]

_ORDER = (
    "review", "title", "subtitle", "legal_basis", "land", "regime", "lead", "on_party_notice", "reference",
    "parties", "preamble", "sections", "term", "costs", "signatures",
)  # fmt: skip
_WIDTH = 100
_FORM_LABELS = {
    "notice": "Kündigung",
    "notice_addressees": "Kündigung zu erklären gegenüber",
    "amendments": "Änderungen und Ergänzungen",
}


def _quote(sentence: Sentence, limit: int = 400) -> str:
    text = " ".join(sentence.text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"{sentence.label}: „{text}“"


def _problem_text(problem: Problem) -> str:
    text = f"{problem.field}: {problem.message}"
    if problem.sentence is not None:
        text += f" ({_quote(problem.sentence, 200)})"
    return text


def _wrapped(text: str, indent: int, *, bullet: str = "") -> list[str]:
    width = max(40, _WIDTH - indent - 2)
    lines = textwrap.wrap(
        text, width=width, initial_indent=bullet, subsequent_indent=" " * len(bullet),
        break_long_words=False, break_on_hyphens=False,
    )  # fmt: skip
    return lines or [bullet.rstrip()]


def _comment(
    provenance: Provenance | None, indent: int, previous: Provenance | None = None
) -> str | None:
    if provenance is None:
        return None
    parts = [
        f"{s.label}: derselbe Satz"
        if previous is not None and previous.sources and s in previous.sources
        else _quote(s)
        for s in provenance.sources
    ]
    if provenance.note:
        parts.append(f"({provenance.note})")
    if not parts:
        return None
    lines: list[str] = []
    for part in parts:
        lines += _wrapped(part, indent)
    return "\n".join(lines)


def _header(result: ImportResult) -> list[str]:
    lines = [
        f"Importiert aus {result.source} (vereinbarung import).",
        "Über jedem übernommenen Wert steht der Satz, aus dem er stammt, mit seiner Fundstelle.",
        "",
    ]
    if result.review:
        lines.append(f"Zu prüfen ({len(result.review)}):")
        for problem in result.review:
            lines += _wrapped(_problem_text(problem), 2, bullet="  - ")
    else:
        lines.append("Zu prüfen: nichts – alle Angaben wurden im Text gefunden.")
    if result.notes:
        lines += ["", f"Hinweise ({len(result.notes)}):"]
        for problem in result.notes:
            lines += _wrapped(_problem_text(problem), 2, bullet="  - ")
    costs = result.costs
    if costs is not None:
        lines.append("")
        if costs.key == "none":
            lines += _wrapped(
                f"Kostenregelung: keine Umlage – {_quote(costs.sources[0], 200)}",
                0,
            )
        elif costs.key is not None:
            details = ", ".join(f"{k}: {v}" for k, v in costs.details.items())
            lines += _wrapped(
                f"Kostenschlüssel erkannt: {costs.key}"
                + (f" ({details})" if details else "")
                + f" – {_quote(costs.sources[0], 200)}",
                0,
            )
        else:
            lines.append("Kostenschlüssel: keiner der einfachen Schlüssel erkannt.")
    if result.form:
        lines.append("")
        lines += _wrapped(
            "Formvorschriften: "
            + "; ".join(f"{_FORM_LABELS.get(k, k)}: {v}" for k, v in result.form.items()),
            0,
        )
    return lines


def _scalar(value: Any) -> Any:
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString("\n".join(line.rstrip() for line in value.split("\n")))
    return value


def _build(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _build(item)
        return mapping
    if isinstance(value, list | tuple):
        sequence = CommentedSeq()
        for item in value:
            sequence.append(_build(item))
        return sequence
    return _scalar(value)


def _annotate(document: Any, result: ImportResult) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def before(
        container: Any,
        key: Any,
        path: tuple[str | int, ...],
        indent: int,
        previous: tuple[str | int, ...] | None = None,
    ) -> None:
        earlier = result.provenance_of(*previous) if previous else None
        text = _comment(result.provenance_of(*path), indent, earlier)
        if text:
            container.yaml_set_comment_before_after_key(key, before=text, indent=indent)

    for key in ("title", "subtitle", "legal_basis", "regime", "lead", "on_party_notice"):
        if key in document:
            before(document, key, (key,), 0)
    parties = document.get("parties")
    if isinstance(parties, CommentedSeq):
        for index, party in enumerate(parties):
            before(parties, index, ("parties", index, "name"), 2)
            if not isinstance(party, CommentedMap):
                continue
            for key in ("address", "representative", "acts_for"):
                if key in party:
                    before(party, key, ("parties", index, key), 4)
            kind = result.provenance_of("parties", index, "kind")
            if "kind" in party and kind is not None and kind.note:
                party.yaml_add_eol_comment(kind.note, "kind")
    if "preamble" in document:
        before(document, "preamble", ("preamble",), 0)
    sections = document.get("sections")
    if isinstance(sections, CommentedSeq):
        for index in range(len(sections)):
            provenance = result.provenance_of("sections", index)
            if provenance is not None and provenance.sources:
                sections.yaml_set_comment_before_after_key(
                    index, before=f"{provenance.sources[0].where}", indent=2
                )
    term = document.get("term")
    if isinstance(term, CommentedMap):
        previous: tuple[str | int, ...] | None = None
        for key in list(term.keys()):
            before(term, key, ("term", key), 2, previous)
            previous = ("term", key)
    if "costs" in document:
        before(document, "costs", ("costs",), 0)
    signatures = document.get("signatures")
    if isinstance(signatures, CommentedSeq):
        for index in range(len(signatures)):
            before(signatures, index, ("signatures", index), 2)


def to_yaml(result: ImportResult) -> str:
    """The agreement file: review block at the top, each value with its source above it."""
    from ruamel.yaml import YAML

    data = dict(result.data)
    ordered = {key: data[key] for key in _ORDER if key in data}
    ordered.update({k: v for k, v in data.items() if k not in ordered})
    document = _build(ordered)
    _annotate(document, result)
    yaml = YAML(typ="rt")
    yaml.width = 4096  # never re-wrap agreement text
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    yaml.representer.ignore_aliases = lambda *_: True  # a date used twice stays a date, no &id001
    out = io.StringIO()
    yaml.dump(document, out)
    header = "\n".join(f"# {line}".rstrip() for line in _header(result))
    return header + "\n\n" + out.getvalue()


def _term_line(result: ImportResult) -> str:
    term = result.agreement.term
    parts = []
    if result.placeholder_effective:
        parts.append("Inkrafttreten unbekannt (Platzhalter)")
    else:
        parts.append(f"in Kraft ab {format_date(term.effective)}")
    end = term.first_end
    parts.append(f"Laufzeit bis {format_date(end)}" if end else "unbestimmte Laufzeit")
    if term.renewal is not None:
        parts.append(f"Verlängerung um {term.renewal}")
    if term.notice is not None:
        parts.append(f"Kündigungsfrist {term.notice} {term.notice_to.label}")
    if term.earliest_end is not None:
        parts.append(f"frühestens zum {format_date(term.earliest_end)}")
    clause = f" ({term.clause})" if term.clause else ""
    return "Laufzeit" + clause + ": " + ", ".join(parts)


def report_lines(result: ImportResult, target: str | None) -> list[str]:
    """What the command prints: the file written, what was found, what to review."""
    agreement = result.agreement
    lines = []
    if target:
        lines.append(f"{result.source} → {target}: geschrieben.")
    lines.append(
        f"Gefunden: {len(agreement.parties)} Parteien, {len(agreement.sections)} Paragraphen, "
        f"{len(agreement.signatures)} Unterschriftenblöcke."
    )
    lines.append(_term_line(result))
    if result.review:
        lines.append(f"Zu prüfen ({len(result.review)}):")
        lines += [f"  - {_problem_text(p)}" for p in result.review]
    else:
        lines.append("Vollständig: nichts zu prüfen.")
    if result.notes:
        lines.append(f"Hinweise ({len(result.notes)}):")
        lines += [f"  - {_problem_text(p)}" for p in result.notes]
    return lines
