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
import datetime as dt
import difflib
import enum
import importlib
import inspect
import os
import re
import types
import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from jinja2 import TemplateSyntaxError, nodes
from jinja2.exceptions import TemplateAssertionError
from pydantic import BaseModel

from vereinbarung.documents.context import AgreementContext, OverviewContext
from vereinbarung.documents.environment import class_label, template_environment
from vereinbarung.documents.errors import (
    Place,
    german_message,
    paragraph_places,
    place_of_line,
    prepare_for_check,
)
from vereinbarung.documents.opening import open_template, unreadable_template
from vereinbarung.documents.render import templates_dir

__all__ = [
    "ContextKind",
    "TemplateFinding",
    "TemplateReport",
    "check_template",
    "template_variables",
]

ContextKind = Literal["agreement", "overview"]
Level = Literal["Fehler", "Warnung"]

_CONTEXTS: dict[ContextKind, type[Any]] = {
    "agreement": AgreementContext,
    "overview": OverviewContext,
}
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


class _Unknown:
    """A value whose type the check does not know: nothing below it is checked."""


UNKNOWN: Any = _Unknown


@dataclass(frozen=True)
class _Method:
    returns: Any


_LOOP_FIELDS = (
    "index", "index0", "revindex", "revindex0", "first", "last", "length", "cycle",
    "depth", "depth0", "previtem", "nextitem", "changed",
)  # fmt: skip


class _Loop:
    """The ``loop`` variable inside ``{% for %}``."""


def _strip_optional(tp: Any) -> Any:
    origin = get_origin(tp)
    if origin is Union or origin is types.UnionType:
        args = [a for a in get_args(tp) if a is not type(None)]
        return args[0] if len(args) == 1 else UNKNOWN
    if origin is typing.Annotated:
        return _strip_optional(get_args(tp)[0])
    if origin is Literal:
        return str if all(isinstance(a, str) for a in get_args(tp)) else UNKNOWN
    return tp


def _nullable(tp: Any) -> bool:
    origin = get_origin(tp)
    return (origin is Union or origin is types.UnionType) and type(None) in get_args(tp)


def _text(node: nodes.Node) -> str:
    """The expression as a person wrote it (for names and attribute chains)."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_text(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_text(node.node)}[{node.arg.value!r}]"
    return "…"


def _element(tp: Any) -> Any:
    tp = _strip_optional(tp)
    origin = get_origin(tp)
    if origin in (tuple, list, Sequence) or (
        isinstance(origin, type) and issubclass(origin, Sequence | list | tuple)
    ):
        args = [a for a in get_args(tp) if a is not Ellipsis]
        return _strip_optional(args[0]) if len(args) == 1 else UNKNOWN
    if tp is str:
        return str
    return UNKNOWN


def _is_sequence(tp: Any) -> bool:
    origin = get_origin(_strip_optional(tp))
    return origin in (tuple, list) or (isinstance(origin, type) and issubclass(origin, Sequence))


def _hints(obj: Any) -> dict[str, Any]:
    try:
        return get_type_hints(obj)
    except Exception:  # an unresolvable forward reference: leave unchecked
        return {}


@lru_cache(maxsize=256)
def _attributes(tp: Any) -> dict[str, Any] | None:
    """Attribute name → type for objects of type *tp*; None where the check cannot know."""
    if tp is _Loop:
        return dict.fromkeys(_LOOP_FIELDS, UNKNOWN)
    if not isinstance(tp, type) or tp is _Unknown:
        return None
    names: dict[str, Any] = {}
    if tp in (str, int, float, dt.date, dt.datetime, bool):
        for name in dir(tp):
            if not name.startswith("_"):
                member = getattr(tp, name)
                names[name] = _Method(UNKNOWN) if callable(member) else UNKNOWN
        if tp is str:
            names.update({n: _Method(str) for n in ("upper", "lower", "title", "strip")})
        return names
    if issubclass(tp, enum.Enum):
        names.update({"name": str, "value": UNKNOWN})
        for name in dir(tp):
            if not name.startswith("_") and isinstance(getattr(tp, name, None), property):
                names[name] = UNKNOWN
        names.update({n: _Method(UNKNOWN) for n in dir(str) if not n.startswith("_")})
        return names
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        names.update({f.name: hints.get(f.name, UNKNOWN) for f in dataclasses.fields(tp)})
        classes: list[type[Any]] = [tp]
    elif issubclass(tp, BaseModel):
        hints = _hints(tp)
        names.update({n: hints.get(n, UNKNOWN) for n in tp.model_fields})
        classes = [c for c in tp.__mro__ if issubclass(c, BaseModel) and c is not BaseModel]
    else:
        return None
    for cls in classes:
        for name, member in vars(cls).items():
            if name.startswith("_") or name in names:
                continue
            if isinstance(member, property) and member.fget is not None:
                names[name] = _hints(member.fget).get("return", UNKNOWN)
            elif isinstance(member, cached_property):
                names[name] = _hints(member.func).get("return", UNKNOWN)
            elif inspect.isfunction(member):
                names[name] = _Method(_hints(member).get("return", UNKNOWN))
    return names


# -- walking the template --------------------------------------------------------------------


@dataclass
class _Binding:
    type: Any
    path: str | None
    nullable: bool = False
    failed: bool = False


@dataclass
class _Walker:
    roots: dict[str, Any]
    filters: frozenset[str]
    tests: frozenset[str]
    globals: frozenset[str]
    problems: list[tuple[int, Level, str]] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    unknown_roots: set[str] = field(default_factory=set)
    guards: list[frozenset[str]] = field(default_factory=list)

    def error(self, node: nodes.Node, message: str, level: Level = "Fehler") -> None:
        self.problems.append((node.lineno, level, message))

    def path_of(self, node: nodes.Node, scope: dict[str, _Binding]) -> str | None:
        """The context path an expression names (no checks), for guards."""
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name].path
            return node.name if node.name in self.roots else None
        if isinstance(node, nodes.Getattr):
            base = self.path_of(node.node, scope)
            return f"{base}.{node.attr}" if base else None
        return None

    def guarded(self, path: str) -> bool:
        return any(path in guard for guard in self.guards)

    # statements

    def walk(self, node: nodes.Node, scope: dict[str, _Binding]) -> None:
        if isinstance(node, nodes.If):
            self.expr(node.test, scope)
            tests = [node.test, *node.test.find_all((nodes.Name, nodes.Getattr))]
            tested = {self.path_of(n, scope) for n in tests}
            self.guards.append(frozenset(p for p in tested if p))
            for child in [*node.body, *node.elif_, *node.else_]:
                self.walk(child, scope)
            self.guards.pop()
            return
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if isinstance(child, nodes.TemplateData):
                    continue
                printed = self.expr(child, scope)
                if printed.nullable and printed.path and not self.guarded(printed.path):
                    self.error(
                        child,
                        f"»{_text(child)}« kann leer sein (None) und bricht dann das Erzeugen "
                        f"ab; mit {{% if {_text(child)} %}} abfangen oder {{{{ {_text(child)} "
                        'or "–" }} schreiben',
                        "Warnung",
                    )
            return
        if isinstance(node, nodes.For):
            iterable = self.expr(node.iter, scope)
            inner = dict(scope)
            element = _Binding(
                _element(iterable.type), f"{iterable.path}[]" if iterable.path else None
            )
            self.bind(node.target, element, inner)
            inner["loop"] = _Binding(_Loop, None)
            if node.test is not None:
                self.expr(node.test, inner)
            for child in node.body:
                self.walk(child, inner)
            for child in node.else_:
                self.walk(child, scope)
            return
        if isinstance(node, nodes.Assign):
            value = self.expr(node.node, scope)
            self.bind(node.target, value, scope)
            return
        if isinstance(node, nodes.AssignBlock):
            for child in node.body:
                self.walk(child, scope)
            self.bind(node.target, _Binding(str, None), scope)
            return
        if isinstance(node, nodes.Macro | nodes.CallBlock):
            if isinstance(node, nodes.Macro):
                scope[node.name] = _Binding(UNKNOWN, None)
            else:
                self.expr(node.call, scope)
            inner = dict(scope)
            for arg in node.args:
                inner[arg.name] = _Binding(UNKNOWN, None)
            for default in node.defaults:
                self.expr(default, scope)
            for name in ("varargs", "kwargs", "caller"):
                inner[name] = _Binding(UNKNOWN, None)
            for child in node.body:
                self.walk(child, inner)
            return
        if isinstance(node, nodes.With):
            inner = dict(scope)
            for target, expression in zip(node.targets, node.values, strict=False):
                self.bind(target, self.expr(expression, scope), inner)
            for child in node.body:
                self.walk(child, inner)
            return
        if isinstance(node, nodes.Include | nodes.Import | nodes.FromImport | nodes.Extends):
            self.error(
                node,
                "{% include %}, {% import %} und {% extends %} gehen in Word-Vorlagen nicht "
                "(es gibt keine weiteren Vorlagendateien)",
            )
            return
        if isinstance(node, nodes.Expr):
            self.expr(node, scope)
            return
        for child in node.iter_child_nodes():
            self.walk(child, scope)

    def bind(self, target: nodes.Node, value: _Binding, scope: dict[str, _Binding]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = value
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, _Binding(UNKNOWN, None), scope)
        elif isinstance(target, nodes.NSRef):
            pass

    # expressions

    def expr(self, node: nodes.Node, scope: dict[str, _Binding]) -> _Binding:
        unknown = _Binding(UNKNOWN, None)
        if isinstance(node, nodes.Name):
            if node.name in scope:
                binding = scope[node.name]
            elif node.name in self.roots:
                binding = _Binding(self.roots[node.name], node.name)
            elif node.name in self.globals:
                return unknown
            else:
                self.unknown_roots.add(node.name)
                close = difflib.get_close_matches(node.name, [*self.roots, *scope], n=1)
                hint = f"; gemeint ist vielleicht »{close[0]}«" if close else ""
                self.error(node, f"die Variable »{node.name}« gibt es nicht{hint}")
                return _Binding(UNKNOWN, None, failed=True)
            if binding.path:
                self.used.add(binding.path)
            return binding
        if isinstance(node, nodes.Getattr):
            return self.attribute(node, self.expr(node.node, scope), node.attr)
        if isinstance(node, nodes.Getitem):
            base = self.expr(node.node, scope)
            arg = node.arg
            if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
                return self.attribute(node, base, arg.value)
            self.expr(arg, scope)
            if isinstance(arg, nodes.Const) and isinstance(arg.value, int):
                path = f"{base.path}[]" if base.path else None
                if path:
                    self.used.add(path)
                return _Binding(_element(base.type), path)
            if isinstance(arg, nodes.Slice):
                return base
            return unknown
        if isinstance(node, nodes.Filter):
            base = self.expr(node.node, scope) if node.node is not None else unknown
            self.arguments(node, scope)
            if node.name not in self.filters:
                close = difflib.get_close_matches(node.name, sorted(self.filters), n=1)
                hint = f"; gemeint ist vielleicht »{close[0]}«" if close else ""
                self.error(node, f"den Filter »{node.name}« gibt es nicht{hint}")
                return unknown
            if node.name in (
                "list",
                "sort",
                "reverse",
                "unique",
                "selectattr",
                "rejectattr",
                "batch",
            ):
                return _Binding(base.type if node.name != "batch" else UNKNOWN, None)
            if node.name in ("first", "last", "random"):
                return _Binding(_element(base.type), None)
            if node.name in ("length", "count", "int", "sum"):
                return _Binding(int, None)
            return _Binding(str if node.name not in ("term_clause", "map") else UNKNOWN, None)
        if isinstance(node, nodes.Test):
            self.expr(node.node, scope)
            self.arguments(node, scope)
            if node.name not in self.tests:
                self.error(node, f"den Test »{node.name}« gibt es nicht")
            return _Binding(bool, None)
        if isinstance(node, nodes.Call):
            callee = self.expr(node.node, scope)
            self.arguments(node, scope)
            if isinstance(callee.type, _Method):
                return _Binding(_strip_optional(callee.type.returns), None)
            return unknown
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Expr):
                self.expr(child, scope)
            else:
                self.walk(child, scope)
        return unknown

    def arguments(
        self, node: nodes.Filter | nodes.Test | nodes.Call, scope: dict[str, _Binding]
    ) -> None:
        for arg in node.args:
            self.expr(arg, scope)
        for keyword in node.kwargs:
            self.expr(keyword.value, scope)
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                self.expr(extra, scope)

    def attribute(self, node: nodes.Node, base: _Binding, name: str) -> _Binding:
        if base.failed:
            return base  # reported once, at the first wrong step
        failed = _Binding(UNKNOWN, None, failed=True)
        path = f"{base.path}.{name}" if base.path else None
        written = _text(node.node) if isinstance(node, nodes.Getattr | nodes.Getitem) else "…"
        if name.startswith("_"):
            self.error(
                node, f"Zugriff auf »{name}« ist nicht erlaubt (Python-Interna sind gesperrt)"
            )
            return failed
        tp = _strip_optional(base.type)
        if isinstance(tp, _Method):
            self.error(node, f"»{written}« ist eine Methode; sie muss mit () aufgerufen werden")
            return failed
        if _is_sequence(tp):
            self.error(
                node,
                f"»{written}« ist eine Liste und hat kein Feld »{name}«; mit "
                "{% for … %} durchlaufen oder mit [0] den ersten Eintrag wählen",
            )
            return failed
        known = _attributes(tp)
        if known is None:
            return _Binding(UNKNOWN, path)
        if name not in known:
            close = difflib.get_close_matches(name, list(known), n=1)
            hint = f"; gemeint ist vielleicht »{close[0]}«" if close else ""
            self.error(node, f"»{written}« ({class_label(tp)}) hat kein Feld »{name}«{hint}")
            return failed
        if path:
            self.used.add(path)
        declared = known[name]
        return _Binding(_strip_optional(declared), path, _nullable(declared))


def _roots(kind: ContextKind) -> dict[str, Any]:
    cls = _CONTEXTS[kind]
    hints = _hints(cls)
    return {f.name: _strip_optional(hints.get(f.name, UNKNOWN)) for f in dataclasses.fields(cls)}


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
        walker = _Walker(
            roots=_roots(kind),
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
    from vereinbarung.documents.render import BUILTIN_TEMPLATES

    folder = templates_dir()
    return {
        name: check_template(
            folder / t.file_name, context="overview" if t.input == "folder" else "agreement"
        )
        for name, t in BUILTIN_TEMPLATES.items()
    }
