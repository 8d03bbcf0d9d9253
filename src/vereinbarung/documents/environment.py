"""The Jinja environment of document templates, and where in a .docx a template error sits.

Templates are Word files with Jinja tags (docxtpl). They are rendered in a sandbox
(:class:`jinja2.sandbox.ImmutableSandboxedEnvironment`): no attribute starting with ``_``, no
Python internals, no changing the data, no giant strings. Every variable must exist
(strict undefined, with a German message naming it), every printed value must be there
(``None`` is an error, never a blank), and values are escaped for XML, so ``& < > " '`` in an
agreement arrive in the document as they are. Dates print as ``30.06.2026``, decimal numbers
(amounts of the cost clause) as ``190.000,00``, and the German filters (:data:`FILTERS`) do
the rest.

Where an error sits in the .docx, and its German wording: :mod:`vereinbarung.documents.errors`.

>>> env = template_environment()
>>> env.from_string("{{ day }} · {{ day|long_date }} · {{ 1234.5|amount }}").render(
...     day=dt.date(2026, 6, 30))
'30.06.2026 · 30.\xa0Juni\xa02026 · 1.234,50 €'

(``long_date`` joins day, month and year with no-break spaces, DIN 5008.)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import re
from collections import OrderedDict
from collections.abc import MutableMapping
from decimal import Decimal
from typing import Any

from jinja2 import (
    StrictUndefined,
    Template,
    Undefined,
    UndefinedError,
    nodes,
)
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel

from vereinbarung.documents.filters import (
    FILTERS,
)
from vereinbarung.documents.labels import field_names, type_label
from vereinbarung.law.dates import format_date
from vereinbarung.law.periods import Period
from vereinbarung.model.german import (
    format_number,
)

__all__ = [
    "DocumentEnvironment",
    "GermanUndefined",
    "missing_value",
    "template_environment",
]

#: The longest string or list a template may build with ``*`` (against memory exhaustion).
MAX_REPEAT = 100_000


class GermanUndefined(StrictUndefined):
    """Strict undefined with German messages that name the variable or the missing field."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        hint = self._undefined_hint
        name = self._undefined_name
        if hint:
            return hint
        if isinstance(name, str) and name.startswith("_"):
            return f"Zugriff auf »{name}« ist nicht erlaubt (Python-Interna sind gesperrt)"
        if self._undefined_obj is _MISSING:
            return f"die Variable »{name}« gibt es nicht"
        obj = self._undefined_obj
        if obj is None:
            return f"»{name}« von einem leeren Wert (None) gibt es nicht"
        if not isinstance(name, str):
            return f"{type_label(obj)} hat kein Element »{name}«"
        known = field_names(obj)
        listing = f" (vorhanden: {', '.join(known)})" if known else ""
        return f"{type_label(obj)} hat kein Feld »{name}«{listing}"


_MISSING = GermanUndefined()._undefined_obj


# -- printing ---------------------------------------------------------------------------------

_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class _EmptyValue(UndefinedError):
    """A printed expression has no value (None)."""


def _finalize(value: Any) -> Any:
    """What ``{{ … }}`` prints: German dates and numbers; None and whole objects are errors."""
    if isinstance(value, enum.Enum):  # before str: StrEnum values print their German label
        label = getattr(value, "label", None)
        return label if isinstance(label, str) else str(value.value)
    if isinstance(value, str):  # also Markup
        return _XML_INVALID.sub("\ufffd", value) if _XML_INVALID.search(value) else value
    if isinstance(value, Undefined):
        value._fail_with_undefined_error()
    if value is None:
        raise _EmptyValue(
            "ein Platzhalter ergibt keinen Wert (None); fehlende Angaben mit "
            '{% if … %} oder {{ wert or "–" }} abfangen'
        )
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, dt.datetime):
        return f"{format_date(value.date())} {value:%H:%M}"
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if isinstance(value, Decimal) and value.is_finite():
        # German separators, the decimals it has: 190000.00 → 190.000,00 (|amount adds €)
        exponent = value.as_tuple().exponent
        return format_number(value, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
    if isinstance(value, int | Decimal | Period) or type(value).__name__ == "Span":
        return value
    if type(value).__module__.startswith("docxtpl.") and hasattr(value, "__html__"):
        return value  # docxtpl's RichText of {{r … }}: Word markup made by the program
    if isinstance(value, tuple | list):
        raise UndefinedError(
            f"{type_label(value)} lässt sich nicht als Text drucken; mit {{% for … %}} "
            'durchlaufen oder mit |join(", ") verbinden'
        )
    known = field_names(value)
    listing = f"; ein Feld wählen, z. B. ».{known[0]}«" if known else ""
    raise UndefinedError(f"{type_label(value)} lässt sich nicht als Text drucken{listing}")


# -- filters ----------------------------------------------------------------------------------


class _NoFolding(CodeGenerator):
    """Jinja's code generator without evaluating printed expressions while compiling.

    Jinja turns ``{{ 'x'|center(1000000000) }}`` into its value at compile time; a template
    could then hang the check (which compiles, but never renders) or the compiler.
    """

    def _output_child_to_const(self, node: nodes.Expr, frame: Any, finalize: Any) -> str:
        if not isinstance(node, nodes.TemplateData):
            raise nodes.Impossible()
        return str(super()._output_child_to_const(node, frame, finalize))

    def visit_Concat(self, node: nodes.Concat, frame: Any) -> None:
        """``a ~ b`` through :meth:`DocumentEnvironment.join_texts`, which refuses whole objects
        (their repr) and prints dates and numbers the German way."""
        self.write("environment.join_texts(context.eval_ctx, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class DocumentEnvironment(ImmutableSandboxedEnvironment):
    """Sandbox for document templates: German errors, limits on ``*`` and ``**``.

    Compiled templates are kept by their source (docxtpl compiles every part of the .docx
    anew on each render): rendering the same template again skips Jinja's compiler.
    """

    intercepted_binops = frozenset({"*", "**", "%"})
    code_generator_class = _NoFolding
    #: How many compiled sources :meth:`from_string` keeps.
    compiled_cache_size = 64

    def __init__(self, **options: Any) -> None:
        # no constant folding: Jinja's optimizer would evaluate {{ 'x'|center(10**9) }} while
        # compiling, so that even checking a template could hang
        options.setdefault("optimized", False)
        super().__init__(**options)
        self._compiled: OrderedDict[str, Template] = OrderedDict()

    def from_string(
        self,
        source: str | nodes.Template,
        globals: MutableMapping[str, Any] | None = None,
        template_class: type[Template] | None = None,
    ) -> Template:
        if not isinstance(source, str) or globals or template_class is not None:
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = super().from_string(source)
            self._compiled[source] = template
            if len(self._compiled) > self.compiled_cache_size:
                self._compiled.popitem(last=False)
        else:
            self._compiled.move_to_end(source)
        return template

    def unsafe_undefined(self, obj: Any, attribute: str) -> GermanUndefined:
        return GermanUndefined(
            f"Zugriff auf »{attribute}« ist nicht erlaubt: die Vorlage darf keine "
            "Python-Interna erreichen",
            name=attribute,
            obj=obj,
            exc=SecurityError,
        )

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError(f"Potenz mit Exponent {right} ist nicht erlaubt (höchstens 64)")
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | list | tuple)
                    and isinstance(n, int)
                    and len(seq) * n > MAX_REPEAT
                ):
                    raise SecurityError(
                        f"die Vorlage baut einen Text oder eine Liste von {len(seq) * n} "
                        f"Zeichen oder Einträgen (höchstens {MAX_REPEAT})"
                    )
        if operator == "%" and isinstance(left, str):
            _check_format(left, right)
        return super().call_binop(context, operator, left, right)

    def join_texts(self, eval_ctx: Any, values: tuple[Any, ...]) -> str:
        """``~``: texts joined; a model object is refused (never its repr), dates and numbers
        print as ``{{ … }}`` prints them, ``None`` is an error as it is there."""
        from jinja2.runtime import markup_join, str_join

        texts = [v if isinstance(v, str) else filter_string(v) for v in values]
        return markup_join(texts) if eval_ctx.autoescape else str_join(texts)


_WIDTH = re.compile(r"%[-#0 +]*(\d+)?(?:\.(\d+))?")


def _check_format(text: str, values: Any) -> None:
    """Refuse ``'%1000000000d' % 1`` (a giant string) and ``'%s' % agreement`` (its repr)."""
    for match in _WIDTH.finditer(text):
        for number in match.groups():
            if number is not None and int(number) > MAX_REPEAT:
                raise SecurityError(
                    f"die Formatangabe »{match.group()}« baut einen Text von {number} Zeichen "
                    f"(höchstens {MAX_REPEAT})"
                )
    for value in values if isinstance(values, tuple) else (values,):
        _refuse_object_as_text(value)


def _refuse_object_as_text(value: Any) -> None:
    if isinstance(value, BaseModel) or dataclasses.is_dataclass(value):
        known = field_names(value)
        listing = f"; ein Feld wählen, z. B. ».{known[0]}«" if known else ""
        raise UndefinedError(f"{type_label(value)} lässt sich nicht als Text ausgeben{listing}")


def filter_string(value: Any) -> str:
    """``|string`` for texts, numbers and dates; a whole object is refused, never its repr."""
    _refuse_object_as_text(value)
    if isinstance(value, str):
        return value
    printed = _finalize(value)
    return printed if isinstance(printed, str) else str(printed)


FILTERS["string"] = filter_string


def template_environment() -> DocumentEnvironment:
    """A fresh sandboxed environment with the German filters, strict and XML-escaping."""
    env = DocumentEnvironment(
        undefined=GermanUndefined, autoescape=True, finalize=_finalize, keep_trailing_newline=True
    )
    env.filters.update(FILTERS)
    return env


def missing_value(hint: str) -> GermanUndefined:
    """A context value that is not there for this document; using it fails with *hint*."""
    return GermanUndefined(hint)
