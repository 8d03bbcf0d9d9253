"""Agreement files: YAML 1.2 and JSON in, German errors out, atomic writes.

Both formats carry the same structure (:class:`~vereinbarung.model.agreement.Agreement`). Every problem
is reported in German with the file, the field and the value, e.g.::

    beispiel.yaml: Feld term › effective: »31.02.2023« ist kein gültiges Datum (…)

Writing goes to a temporary file in the target folder that is then renamed over the target, so
a reader never sees half a file and an interrupted run leaves the old file intact.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from vereinbarung.errors import AgreementFileError
from vereinbarung.files.limits import (
    check_depth,
    check_yaml_events,
    load_json_limited,
    read_limited,
)
from vereinbarung.files.writing import write_atomic
from vereinbarung.model.agreement import Agreement

__all__ = [
    "AGREEMENT_SUFFIXES",
    "agreement_from_data",
    "find_agreement_files",
    "load_agreement",
    "read_data",
    "write_atomic",
]

#: File endings searched in folders.
AGREEMENT_SUFFIXES = (".yaml", ".yml", ".json")


@lru_cache(maxsize=1)
def _yaml_loader() -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.resolver import VersionedResolver

    class Yaml12Resolver(VersionedResolver):
        """YAML 1.2 for every document: the file format is defined as YAML 1.2.

        ruamel looks the version up again for every scalar, through an AttributeError when
        the C parser is in use; pinning it makes loading a third faster.
        """

        @property
        def processing_version(self) -> tuple[int, int]:
            return (1, 2)

    yaml = YAML(typ="safe")  # libyaml's parser (ruamel.yaml.clib) where installed
    yaml.Resolver = Yaml12Resolver
    yaml.allow_duplicate_keys = False
    return yaml


def read_data(path: Path) -> Any:
    """Read *path* as JSON (``.json``) or YAML 1.2 (anything else) into plain Python data.

    Within the limits of :mod:`vereinbarung.files.limits` (regular files only, size, nesting,
    alias expansion, digits); every problem is an :class:`AgreementFileError` in German.
    """
    name = str(path)
    raw = read_limited(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AgreementFileError(name, [f"ist keine UTF-8-Textdatei (Byte {exc.start})."]) from None
    if not text.strip():
        raise AgreementFileError(name, ["Die Datei ist leer."])
    try:
        return _parse(text, name, json_format=path.suffix.lower() == ".json")
    except RecursionError:
        raise AgreementFileError(name, ["zu tief verschachtelt."]) from None


def _parse(text: str, name: str, *, json_format: bool) -> Any:
    if json_format:
        try:
            return load_json_limited(text, name)
        except json.JSONDecodeError as exc:
            raise AgreementFileError(
                name,
                [f"kein gültiges JSON in Zeile {exc.lineno}, Spalte {exc.colno}: "
                 f"{_german_json_problem(exc.msg)}."],
            ) from None  # fmt: skip
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        check_yaml_events(text, name)
        data = _yaml_loader().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" in Zeile {mark.line + 1}, Spalte {mark.column + 1}" if mark else ""
        problem = _german_yaml_problem(str(exc.problem or exc.context or ""))
        if "duplicate key" in str(exc):
            problem = "doppelter Schlüssel"
        raise AgreementFileError(name, [f"kein gültiges YAML{where}: {problem}."]) from None
    except YAMLError:
        raise AgreementFileError(name, ["kein gültiges YAML."]) from None
    except ValueError as exc:  # the YAML loader builds dates itself: 2023-02-30 fails there
        if isinstance(exc, AgreementFileError):
            raise
        raise AgreementFileError(name, [_impossible_date(text)]) from None
    check_depth(data, name)
    return data


_JSON_PROBLEMS = (
    ("Expecting value", "hier wird ein Wert erwartet"),
    ("Expecting property name enclosed in double quotes",
     "hier wird ein Schlüssel in doppelten Anführungszeichen erwartet"),
    ("Expecting ':' delimiter", "es fehlt ein »:« nach dem Schlüssel"),
    ("Expecting ',' delimiter", "es fehlt ein »,« zwischen zwei Werten"),
    ("Unterminated string", "ein Text endet nicht (fehlt ein schließendes »\"«?)"),
    ("Invalid control character", "ein Steuerzeichen im Text (Zeilenumbruch als \\n schreiben)"),
    ("Invalid \\escape", "ungültige Maskierung mit »\\«"),
    ("Invalid \\uXXXX escape", "ungültige Maskierung \\uXXXX"),
    ("Extra data", "nach dem Ende der Daten folgt noch etwas"),
    ("Illegal trailing comma", "ein »,« zu viel vor der schließenden Klammer"),
)  # fmt: skip


def _german_json_problem(problem: str) -> str:
    for english, german in _JSON_PROBLEMS:
        if problem.startswith(english):
            return german
    return "an dieser Stelle lässt sich der Text nicht als JSON lesen"


_YAML_PROBLEMS = (
    ("mapping values are not allowed here",
     "hier ist kein »Schlüssel: Wert« erlaubt (fehlen Anführungszeichen um einen Text mit »: «?)"),
    ("could not find expected ':'", "es fehlt ein »:« nach dem Schlüssel"),
    ("did not find expected key", "die Einrückung passt nicht: hier wird ein Schlüssel erwartet"),
    ("did not find expected ','", "in der Liste oder Zuordnung in Klammern fehlt ein »,« oder die schließende Klammer"),
    ("did not find expected '-' indicator", "die Einrückung der Liste passt nicht"),
    ("found character that cannot start any token", "ein Zeichen, mit dem kein Wert beginnen darf (Tabulator? dann Leerzeichen verwenden)"),
    ("found unexpected end of stream", "die Datei endet mitten in einem Wert (fehlt ein schließendes Anführungszeichen?)"),
    ("found undefined alias", "Verweis (*anker) auf einen Anker, den es nicht gibt"),
    ("expected <block end>, but found", "die Einrückung passt nicht"),
    ("found a tab character", "ein Tabulator in der Einrückung (dafür Leerzeichen verwenden)"),
    ("while scanning a quoted scalar", "ein Text in Anführungszeichen endet nicht"),
    ("found unknown escape character", "unbekannte Maskierung mit »\\« im Text in Anführungszeichen"),
    ("expected alphabetic or numeric character", "nach »&« oder »*« fehlt der Name des Ankers"),
    ("found duplicate anchor", "derselbe Anker (&name) steht zweimal in der Datei"),
    ("expected a single document", "mehr als ein Dokument (»---«) in der Datei"),
    ("but found another document", "mehr als ein Dokument (»---«) in der Datei"),
    ("found unhashable key", "eine Liste oder Zuordnung als Schlüssel"),
    ("found unknown directive", "unbekannte Anweisung (»%«)"),
    ("could not determine a constructor", "unbekannte Typangabe (»!«)"),
    ("expected the node content, but found", "hier fehlt ein Wert"),
    ("did not find expected node content", "hier fehlt ein Wert"),
    ("block sequence entries are not allowed", "ein Listeneintrag »- « an einer Stelle, an der keiner stehen darf"),
    ("found incompatible YAML document", "die YAML-Version der Datei wird nicht unterstützt"),
    ("found undefined tag handle", "unbekannte Typangabe (»!«)"),
    ("while scanning a simple key", "es fehlt ein »:« nach dem Schlüssel"),
    ("while scanning an alias", "nach »*« fehlt der Name des Ankers"),
    ("while scanning an anchor", "nach »&« fehlt der Name des Ankers"),
    ("control characters are not allowed", "ein Steuerzeichen, das in YAML nicht erlaubt ist"),
    ("special characters are not allowed", "ein Zeichen, das in YAML nicht erlaubt ist"),
)  # fmt: skip


def _german_yaml_problem(problem: str) -> str:
    for english, german in _YAML_PROBLEMS:
        if english in problem:
            return german
    return "an dieser Stelle lässt sich der Text nicht als YAML lesen"


_ISO_IN_TEXT = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")


def _impossible_date(text: str) -> str:
    """Name the line of the first ISO date in *text* that is no calendar day."""
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _ISO_IN_TEXT.finditer(line):
            year, month, day = (int(g) for g in match.groups())
            try:
                dt.date(year, month, day)
            except ValueError:
                return (
                    f"Zeile {number}: »{match.group()}« ist kein gültiges Datum "
                    "(diesen Tag gibt es nicht)."
                )
    return "enthält einen Wert, der sich nicht lesen lässt (z. B. ein Datum, das es nicht gibt)."


def load_agreement(path: str | os.PathLike[str]) -> Agreement:
    """Read and validate the agreement file at *path* (YAML or JSON)."""
    file = Path(path)
    return agreement_from_data(read_data(file), source=str(file))


def agreement_from_data(data: Any, *, source: str = "<Daten>") -> Agreement:
    """Validate plain data (as read from a file) into an :class:`Agreement`.

    Raises :class:`AgreementFileError` naming *source*, each field and its value in German.
    """
    if not isinstance(data, dict):
        raise AgreementFileError(
            source,
            ["Die Datei muss eine Zuordnung (Schlüssel: Wert) enthalten, keine Liste oder Zahl."],
        )
    try:
        return Agreement.model_validate(data)
    except ValidationError as exc:
        raise AgreementFileError(source, german_problems(exc)) from None


def german_problems(exc: ValidationError) -> list[str]:
    """One German line per validation problem: field, value and what is wrong."""
    errors = exc.errors(include_url=False)
    by_field: dict[str, list[Any]] = {}
    for error in errors:
        by_field.setdefault(_field_path(error["loc"]), []).append(error)
    problems = []
    for field, field_errors in by_field.items():
        if len(field_errors) > 1:  # a union: keep what the value was meant to be
            specific = [e for e in field_errors if not str(e["type"]).endswith("_type")]
            field_errors = specific or field_errors[:1]
        for error in field_errors:
            if error["type"] == "too_short" and any(
                other is not error and other["loc"][: len(error["loc"])] == error["loc"]
                for other in errors
            ):
                continue  # pydantic counts the entries that failed as missing: say why instead
            problems.append(f"Feld {field}: {_german_message(error)}")
    return problems


def _field_path(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"Nr. {part + 1}")
        elif "[" in part or part in {"str", "tuple", "function-after", "function-before"}:
            continue  # pydantic's names for the members of a union
        else:
            parts.append(part)
    return " › ".join(parts) or "(Datei)"


def _show(value: Any) -> str:
    if isinstance(value, str):
        text = value
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except ValueError:  # a YAML alias that contains itself
            text = "(verweist auf sich selbst)"
    text = "".join(f"\\x{ord(c):02x}" if ord(c) < 32 and c not in "\n\t" else c for c in text)
    if len(text) > 80:
        text = text[:77] + "…"
    return f"»{text}«"


def _german_message(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return "fehlt (Pflichtfeld)."
    if kind == "extra_forbidden":
        key = str(error["loc"][-1])
        hint = ""
        close = difflib.get_close_matches(key, _KNOWN_KEYS, n=1)
        if close and close[0] == key:
            hint = " Diesen Schlüssel gibt es nur an anderer Stelle."
        elif close:
            hint = f" Gemeint ist vielleicht »{close[0]}«."
        return f"unbekannter Schlüssel »{key}« mit Wert {_show(value)}.{hint}"
    if kind in ("value_error", "assertion_error"):
        message = str(ctx.get("error", error["msg"]))
        if message.startswith("»"):
            return message.rstrip(".") + "."
        return f"Wert {_show(value)}: {message.rstrip('.')}."
    templates = {
        "string_type": "muss Text sein",
        "int_type": "muss eine ganze Zahl sein",
        "int_parsing": "muss eine ganze Zahl sein",
        "int_from_float": "muss eine ganze Zahl sein",
        "bool_type": "muss true oder false sein",
        "model_type": "muss eine Zuordnung (Schlüssel: Wert) sein",
        "model_attributes_type": "muss eine Zuordnung (Schlüssel: Wert) sein",
        "dict_type": "muss eine Zuordnung (Schlüssel: Wert) sein",
        "tuple_type": "muss eine Liste sein",
        "list_type": "muss eine Liste sein",
        "date_type": "muss ein Datum sein",
    }
    if kind in templates:
        return f"Wert {_show(value)} {templates[kind]}."
    if kind in ("enum", "literal_error"):
        allowed = str(ctx.get("expected", "")).replace(" or ", " oder ")
        return f"Wert {_show(value)} ist nicht erlaubt (erlaubt: {allowed})."
    if kind == "union_tag_invalid":
        allowed = str(ctx.get("expected_tags", "")).replace("'", "")
        return f"ein Ereignis vom Typ »{ctx.get('tag')}« gibt es nicht (erlaubt: {allowed})."
    if kind == "union_tag_not_found":
        return "es fehlt »type«, die Art des Ereignisses (z. B. signed, notice, amendment)."
    if kind == "too_short":
        return (
            f"zu wenige Einträge: {ctx.get('actual_length')} (mindestens {ctx.get('min_length')})."
        )
    if kind in ("too_long", "string_too_long"):
        unit = "Zeichen" if isinstance(value, str) else "Einträge"
        most = ctx.get("max_length")
        return f"Wert {_show(value)} ist zu lang: höchstens {most} {unit}."
    if kind == "string_too_short":
        return f"Wert {_show(value)} ist zu kurz: mindestens {ctx.get('min_length')} Zeichen."
    if kind == "greater_than_equal":
        return f"Wert {_show(value)} muss mindestens {ctx.get('ge')} sein."
    if kind == "greater_than":
        return f"Wert {_show(value)} muss größer als {ctx.get('gt')} sein."
    if kind in ("less_than_equal", "less_than"):
        bound = ctx.get("le", ctx.get("lt"))
        return f"Wert {_show(value)} muss {'höchstens' if kind == 'less_than_equal' else 'kleiner als'} {bound} sein."
    return f"Wert {_show(value)} ist an dieser Stelle nicht zulässig."


def _model_keys(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[str]:
    if model in seen:
        return set()
    seen.add(model)
    keys = set(model.model_fields)
    for info in model.model_fields.values():
        for candidate in _types_in(info.annotation):
            keys |= _model_keys(candidate, seen)
    return keys


def _types_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _types_in(arg)


_KNOWN_KEYS = sorted(_model_keys(Agreement, set()))


def find_agreement_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files named, and every ``*.yaml``, ``*.yml``, ``*.json`` below the folders named.

    Sorted within each folder; a path that does not exist is returned as it is, so that reading
    it reports the error. A subfolder that cannot be read is returned too: reading it reports
    that its files were not checked (instead of skipping them silently).
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            found.append(path)
            continue
        below: list[Path] = []
        unreadable: list[Path] = []

        def note(exc: OSError, unreadable: list[Path] = unreadable) -> None:
            unreadable.append(Path(exc.filename))

        for folder, dirs, names in os.walk(path, onerror=note):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            below.extend(
                Path(folder, n) for n in names
                if not n.startswith(".") and Path(n).suffix.lower() in AGREEMENT_SUFFIXES
                and Path(folder, n).is_file()
            )  # fmt: skip
        found.extend(sorted(unreadable) + sorted(below))
    return found
