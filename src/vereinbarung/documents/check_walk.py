"""What the expressions of a template reach: Jinja's syntax tree walked against the context's types.

Every name and field a template uses is looked up in the type hints of the document views
(:mod:`vereinbarung.documents.context`): unknown fields, lists used as one value, methods used
as values, values that can be empty without an ``{% if %}``. Nothing is evaluated: a check
never runs the template (issue 10).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, Literal

from jinja2 import nodes

from vereinbarung.documents.check_types import (
    UNKNOWN,
    Loop,
    Method,
    attributes,
    element_type,
    is_sequence,
    nullable,
    strip_optional,
)
from vereinbarung.documents.labels import class_label

__all__ = ["Level", "TemplateWalker"]


Level = Literal["Fehler", "Warnung"]


def _text(node: nodes.Node) -> str:
    """The expression as a person wrote it (for names and attribute chains)."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_text(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_text(node.node)}[{node.arg.value!r}]"
    return "…"


@dataclass
class _Binding:
    type: Any
    path: str | None
    nullable: bool = False
    failed: bool = False


@dataclass
class TemplateWalker:
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
                element_type(iterable.type), f"{iterable.path}[]" if iterable.path else None
            )
            self.bind(node.target, element, inner)
            inner["loop"] = _Binding(Loop, None)
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
                return _Binding(element_type(base.type), path)
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
                return _Binding(element_type(base.type), None)
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
            if isinstance(callee.type, Method):
                return _Binding(strip_optional(callee.type.returns), None)
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
        tp = strip_optional(base.type)
        if isinstance(tp, Method):
            self.error(node, f"»{written}« ist eine Methode; sie muss mit () aufgerufen werden")
            return failed
        if is_sequence(tp):
            self.error(
                node,
                f"»{written}« ist eine Liste und hat kein Feld »{name}«; mit "
                "{% for … %} durchlaufen oder mit [0] den ersten Eintrag wählen",
            )
            return failed
        known = attributes(tp)
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
        return _Binding(strip_optional(declared), path, nullable(declared))
