"""Check a Word template before it is used: ``vereinbarung template-check VORLAGE.docx``.

What goes wrong with templates edited in Word, each reported in German with the place
(paragraph or table cell, and its text):

* Jinja syntax errors (an ``{% if %}`` without ``{% endif %}``, a stray ``}}``);
* variables and fields the context does not have (``{{ party.nmae }}``), unknown filters;
* typographic quotes inside tags (``{{ x or „–“ }}``), which Word's autocorrect puts there;
* tags that docxtpl cannot read: a tag broken over two paragraphs, braces separated by a space
  (``{ {``), a tag whose pieces leave the Word markup broken, ``{%tr %}`` outside a table;
* reaching for Python internals (``{{ ''.__class__ }}``).

The variables are checked against the type hints of the context classes
(:mod:`vereinbarung.documents.context`), following loops: in ``{% for party in parties %}``,
``party`` is a :class:`~vereinbarung.documents.context.PartyView`. The same analysis lists the
variables a template uses (``vereinbarung templates``).

>>> report = check_template(templates_dir() / "kooperationsvereinbarung.docx")  # doctest: +SKIP
>>> report.ok, report.context                                                     # doctest: +SKIP
(True, 'agreement')
"""

from __future__ import annotations

import dataclasses
import importlib
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from jinja2.exceptions import TemplateAssertionError

from vereinbarung.documents.builtin import templates_dir
from vereinbarung.documents.check_types import ContextKind, context_types
from vereinbarung.documents.check_walk import Level, TemplateWalker
from vereinbarung.documents.environment import template_environment
from vereinbarung.documents.errors import (
    Place,
    german_message,
    paragraph_places,
    place_of_line,
    prepare_for_check,
)
from vereinbarung.documents.opening import open_template, unreadable_template

__all__ = [
    "ContextKind",
    "TemplateFinding",
    "TemplateReport",
    "check_template",
    "template_variables",
]


_CONTEXT_LABELS: dict[ContextKind, str] = {
    "agreement": "einer Vereinbarungsdatei",
    "overview": "eines Ordners (Fristenübersicht)",
}


@dataclass(frozen=True, slots=True)
class TemplateFinding:
    """A problem of a template: ``level`` (Fehler/Warnung), where it is, what is wrong."""

    level: Level
    place: str
    message: str

    def __str__(self) -> str:
        where = f"{self.place}: " if self.place else ""
        return f"{where}{self.level}: {self.message}"


@dataclass(frozen=True, slots=True)
class TemplateReport:
    """The result of :func:`check_template`."""

    template: str
    context: ContextKind
    findings: tuple[TemplateFinding, ...]
    variables: tuple[str, ...]

    @property
    def errors(self) -> tuple[TemplateFinding, ...]:
        """The findings of level Fehler."""
        return tuple(f for f in self.findings if f.level == "Fehler")

    @property
    def ok(self) -> bool:
        """Whether the template has no errors (warnings allowed)."""
        return not self.errors

    @property
    def context_label(self) -> str:
        """German: against which context the variables were checked."""
        return _CONTEXT_LABELS[self.context]


# -- types of the context --------------------------------------------------------------------


# -- walking the template --------------------------------------------------------------------


# -- the checks ------------------------------------------------------------------------------

_DELIMITER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_SPACED = re.compile(r"\{[ \t\u00a0]+[{%]|[}%][ \t\u00a0]+\}")
_QUOTES = "„“”‚‘’"
_PAIRS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_TAG_SPAN = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_DOCXTPL_PREFIX = re.compile(r"\{%-?\s*(p|tr|tc|r)\s|\{\{(p|tr|tc|r)\s")


def _paragraph_findings(place: Place) -> Iterator[tuple[Level, str]]:
    text = place.text
    if "{" not in text and "}" not in text:
        return
    spaced = [match.group() for match in _SPACED.finditer(text)]
    if spaced:  # the other findings would only follow from these
        for group in spaced:
            yield (
                "Fehler",
                (
                    f"»{group}«: die Klammern eines Tags sind durch ein Leerzeichen getrennt "
                    "(richtig: {{, }}, {%, %})"
                ),
            )
        return
    open_tag: str | None = None
    start = 0
    for match in _DELIMITER.finditer(text):
        token = match.group()
        if token in _PAIRS:
            if open_tag is not None and open_tag != "{#":
                yield (
                    "Fehler",
                    (
                        f"ein neuer Tag »{token}« beginnt, bevor »{open_tag}« geschlossen ist "
                        f"(es fehlt »{_PAIRS[open_tag]}«)"
                    ),
                )
            if open_tag != "{#":
                open_tag, start = token, match.start()
        elif open_tag is None:
            yield "Fehler", f"»{token}« schließt keinen Tag (es fehlt das öffnende Gegenstück)"
        elif _PAIRS[open_tag] == token:
            tag = text[start : match.end()]
            quotes = sorted({c for c in tag if c in _QUOTES})
            if quotes:
                yield (
                    "Fehler",
                    (
                        f"typografische Anführungszeichen {' '.join(quotes)} im Tag »{tag}« "
                        '(Autokorrektur von Word): durch gerade Anführungszeichen " ersetzen'
                    ),
                )
            open_tag = None
        elif open_tag != "{#":
            yield "Fehler", f"der Tag »{open_tag}« wird mit »{token}« geschlossen"
            open_tag = None
    if open_tag is not None and open_tag != "{#":
        yield (
            "Fehler",
            (
                f"der Tag »{text[start : start + 30]}…« wird in diesem Absatz nicht geschlossen "
                "(ein Tag darf nicht über einen Absatz- oder Zellenwechsel gehen)"
            ),
        )
    prefix = _DOCXTPL_PREFIX.search(text)
    if prefix:
        kind = prefix.group(1) or prefix.group(2)
        rest = _TAG_SPAN.sub("", text).strip()
        in_table = place.where.startswith("Tabelle")
        if kind in ("tr", "tc") and not in_table:
            yield (
                "Fehler",
                (
                    f"»{{%{kind} …%}}« steht nicht in einer Tabelle; es wirkt nur in einer "
                    "Tabellenzeile bzw. -zelle"
                ),
            )
        elif kind == "p" and rest:
            yield (
                "Warnung",
                (f"»{{%p …%}}« ersetzt den ganzen Absatz; der übrige Text »{rest[:40]}« fällt weg"),
            )


def _patch_function() -> Any:
    from docxtpl import DocxTemplate

    return DocxTemplate("").patch_xml


def _parts(document: Any) -> Iterator[tuple[str, Any]]:
    yield "", document.element.body
    counts = {"Kopfzeile": 0, "Fußzeile": 0}
    for rel in document.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind not in ("header", "footer") or rel.is_external:
            continue
        label = "Kopfzeile" if kind == "header" else "Fußzeile"
        counts[label] += 1
        yield f"{label} {counts[label]}", rel.target_part.element


def _analyse(
    path: Path,
) -> tuple[list[TemplateFinding], list[tuple[str, nodes.Template, str, list[Place]]]]:
    etree: Any = importlib.import_module("lxml.etree")

    document = open_template(path)
    env = template_environment()
    patch = _patch_function()
    findings: list[TemplateFinding] = []
    trees = []
    for part, root in _parts(document):
        places = paragraph_places(root, part)
        text_findings = [
            TemplateFinding(level, str(place), message)
            for place in places
            for level, message in _paragraph_findings(place)
        ]
        findings.extend(text_findings)
        if any(f.level == "Fehler" for f in text_findings):
            continue  # the source would only repeat these errors in Jinja's words
        xml = etree.tostring(root, encoding="unicode")
        source = prepare_for_check(xml, patch)

        def at(
            lineno: int | None, source: str = source, places: list[Place] = places, part: str = part
        ) -> str:
            place = place_of_line(source, lineno or 0, places)
            return str(place) if place else part

        for match in _TAG_SPAN.finditer(source):
            if re.search(r"</?w:", match.group()):
                lineno = source.count("\n", 0, match.start()) + 1
                findings.append(
                    TemplateFinding(
                        "Fehler",
                        at(lineno),
                        "ein Tag ist so auf Textteile verteilt, dass docxtpl ihn nicht lesen "
                        "kann: den Tag in Word markieren, löschen und in einem Zug neu tippen",
                    )
                )
        without_tags = _TAG_SPAN.sub(lambda m: "\n" * m.group().count("\n"), source)
        try:
            etree.fromstring(without_tags.encode("utf-8"))
        except etree.XMLSyntaxError as exc:
            findings.append(
                TemplateFinding(
                    "Fehler",
                    at(exc.lineno),
                    "docxtpl kann die Tags nicht sauber aus dem Word-Text lösen (ein Tag reicht "
                    "über eine Formatierungs-, Link- oder Feldgrenze): den Tag in Word neu tippen",
                )
            )
            continue
        try:
            tree = env.parse(source)
        except TemplateSyntaxError as exc:
            findings.append(TemplateFinding("Fehler", at(exc.lineno), german_message(exc)))
            continue
        try:
            env.compile(tree, raw=True)
        except TemplateAssertionError as exc:
            message = exc.message or ""
            if "No filter named" not in message and "No test named" not in message:
                findings.append(TemplateFinding("Fehler", at(exc.lineno), german_message(exc)))
        trees.append((part, tree, source, places))
    return findings, trees


def _walk(
    trees: Sequence[tuple[str, nodes.Template, str, list[Place]]], kind: ContextKind
) -> tuple[list[TemplateFinding], set[str], set[str]]:
    env = template_environment()
    findings = []
    used: set[str] = set()
    unknown: set[str] = set()
    for part, tree, source, places in trees:
        walker = TemplateWalker(
            roots=context_types(kind),
            filters=frozenset(env.filters),
            tests=frozenset(env.tests),
            globals=frozenset(env.globals),
        )
        walker.walk(tree, {})
        for lineno, level, message in walker.problems:
            place = place_of_line(source, lineno, places)
            findings.append(TemplateFinding(level, str(place) if place else part, message))
        used |= walker.used
        unknown |= walker.unknown_roots
    return findings, used, unknown


def _signature(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return str(path.resolve()), stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=32)
def _cached_check(key: tuple[str, int, int], context: ContextKind | None) -> TemplateReport:
    path = Path(key[0])
    findings, trees = _analyse(path)
    candidates: list[ContextKind] = [context] if context else ["agreement", "overview"]
    results = {kind: _walk(trees, kind) for kind in candidates}
    chosen = min(candidates, key=lambda kind: (len(results[kind][2]), candidates.index(kind)))
    walk_findings, used, _ = results[chosen]
    findings.extend(walk_findings)
    variables = sorted(
        p for p in used if not any(other.startswith((p + ".", p + "[]")) for other in used)
    )
    return TemplateReport(str(path), chosen, tuple(findings), tuple(variables))


def check_template(
    path: str | os.PathLike[str], *, context: ContextKind | None = None
) -> TemplateReport:
    """Check the template at *path*; *context* ("agreement"/"overview") or guessed from its
    variables. Raises a German error only if the file is no readable .docx."""
    file = Path(path)
    if not file.is_file():
        unreadable_template(file, FileNotFoundError())
    report = _cached_check(_signature(file), context)
    if report.template != str(path):
        report = dataclasses.replace(report, template=str(path))
    return report


def template_variables(path: str | os.PathLike[str]) -> tuple[str, ...]:
    """The variables a template uses, as paths: ``parties[].represented_by``, ``on``."""
    return check_template(path).variables


def builtin_reports() -> dict[str, TemplateReport]:
    """The check of every built-in template, by name."""
    from vereinbarung.documents.builtin import BUILTIN_TEMPLATES

    folder = templates_dir()
    return {
        name: check_template(
            folder / t.file_name, context="overview" if t.input == "folder" else "agreement"
        )
        for name, t in BUILTIN_TEMPLATES.items()
    }
