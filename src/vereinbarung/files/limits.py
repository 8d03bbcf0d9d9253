"""Input limits: what a file may be before its contents are read into memory.

An agreement file is a few kilobytes of text. A file far beyond that, or one built to exhaust
the reader, is refused with a German message naming the file (and the line, where there is
one) before anything expensive happens:

* only regular files are read (a named pipe would block forever, a device never ends), and
  only up to :data:`MAX_FILE_BYTES`;
* nesting deeper than :data:`MAX_DEPTH` (the YAML and JSON readers recurse, and libyaml slows
  down with the square of the depth of flow lists);
* YAML aliases: every node an alias pulls in is counted, so that a "billion laughs" file stops
  at :data:`MAX_NODES` instead of filling the memory;
* numbers with more than :data:`MAX_DIGITS` digits (Python refuses to read integers of more
  than 4300 digits, and no amount or count in an agreement has more than a few).

YAML is checked on the parser's events (libyaml, no tree is built), JSON while it is read.
A text to be imported (``.txt``, ``.md``) may have at most :data:`MAX_TEXT_BYTES`
(:func:`check_text_size`); the reading itself runs under the limits of
:mod:`vereinbarung.files.child`.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

from vereinbarung.errors import AgreementFileError

__all__ = [
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "MAX_TEXT_BYTES",
    "check_depth",
    "check_text_size",
    "check_yaml_events",
    "load_json_limited",
    "read_limited",
]

#: Largest agreement file read, in bytes (the largest example is about 20 KB).
MAX_FILE_BYTES = 2 * 1024 * 1024
#: Deepest nesting of lists and mappings (an agreement needs about eight levels).
MAX_DEPTH = 64
#: Most values a YAML document may have with every alias expanded.
MAX_NODES = 200_000
#: Most digits of a number.
MAX_DIGITS = 30
#: Largest text (``.txt``, ``.md``) imported, in bytes: about 700 pages, far more than any
#: agreement (the longest published ones have about 100 KB).
MAX_TEXT_BYTES = 2 * 1024 * 1024

_NUMBER = re.compile(
    r"[-+]?(?:[0-9][0-9_]*|0x[0-9a-fA-F_]+|0o[0-7_]+)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
)


def _thousands(number: int) -> str:
    return f"{number:_}".replace("_", ".")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


def read_limited(path: Path, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file *path*, at most *limit* of them.

    Opened without blocking, so that a named pipe is refused instead of waited on; anything
    that is not a regular file (pipe, device, socket) is refused, as is a file over *limit*.
    Raises :class:`AgreementFileError` in German for these and for every OSError.
    """
    from vereinbarung.files.failures import german_os_error

    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise AgreementFileError(name, ["ist ein Ordner, keine Datei."]) from None
        if exc.errno == errno.ENOENT:
            raise AgreementFileError(name, ["Datei nicht gefunden."]) from None
        if path.is_dir():
            raise AgreementFileError(
                name,
                [f"der Ordner lässt sich nicht lesen ({german_os_error(exc, with_path=False)[:-1]}); "
                 "die Dateien darin wurden nicht geprüft."],
            ) from None  # fmt: skip
        raise AgreementFileError(name, [german_os_error(exc, with_path=False)]) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise AgreementFileError(name, ["ist ein Ordner, keine Datei."])
        if not stat.S_ISREG(info.st_mode):
            raise AgreementFileError(
                name,
                ["ist keine gewöhnliche Datei (sondern z. B. eine benannte Pipe oder ein Gerät); "
                 "gelesen werden nur Dateien."],
            )  # fmt: skip
        if info.st_size > limit:
            raise AgreementFileError(name, [_too_large(info.st_size, limit)])
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # grew while being read
            raise AgreementFileError(name, [_too_large(size, limit)])
        return b"".join(chunks)
    except OSError as exc:
        raise AgreementFileError(name, [german_os_error(exc, with_path=False)]) from None
    finally:
        os.close(fd)


def check_text_size(path: Path, *, limit: int | None = None) -> None:
    """Refuse the text file *path* (to be imported) if it is larger than *limit* bytes
    (default :data:`MAX_TEXT_BYTES`); a German :class:`AgreementFileError` naming the file."""
    from vereinbarung.files.failures import german_os_error

    limit = MAX_TEXT_BYTES if limit is None else limit
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise AgreementFileError(str(path), [german_os_error(exc, with_path=False)]) from None
    if size > limit:
        raise AgreementFileError(
            str(path),
            [f"ist mit {_megabytes(size)} zu groß für den Text einer Vereinbarung "
             f"(höchstens {_megabytes(limit)}); bitte nur den Text der Vereinbarung speichern."],
        )  # fmt: skip


def _too_large(size: int, limit: int) -> str:
    return (
        f"ist mit {_megabytes(size)} zu groß für eine Vereinbarungsdatei "
        f"(höchstens {_megabytes(limit)})."
    )


def check_yaml_events(text: str, name: str) -> None:
    """Refuse YAML nested too deeply, with aliases that expand too far, or with huge numbers.

    Runs over libyaml's events without building the document; stops at the first problem, so
    that a file built against the reader costs no more than the limits. Syntax errors are
    raised as the parser's own (:class:`ruamel.yaml.error.MarkedYAMLError`).
    """
    from ruamel.yaml import events

    parser = _event_parser(text)
    # one frame per open collection: [nodes counted so far, anchor]
    stack: list[list[Any]] = []
    sizes: dict[str, int] = {}
    total = 0
    while parser.check_event():
        event = parser.get_event()
        count = 0
        if isinstance(event, events.CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise AgreementFileError(
                    name, [f"{_where(event)}: zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen)."]
                )
            stack.append([1, event.anchor])
            total += 1
        elif isinstance(event, events.CollectionEndEvent):
            count, anchor = stack.pop()
            if anchor is not None:
                sizes[anchor] = count
        elif isinstance(event, events.ScalarEvent):
            count = 1
            total += 1
            if event.anchor is not None:
                sizes[event.anchor] = 1
            if not event.style and len(event.value) > MAX_DIGITS and _NUMBER.fullmatch(event.value):
                raise AgreementFileError(
                    name,
                    [
                        f"{_where(event)}: die Zahl {event.value[:20]}… hat mehr als {MAX_DIGITS} Stellen."
                    ],
                )
        elif isinstance(event, events.AliasEvent):
            count = sizes.get(event.anchor, 1)
            total += count
        if total > MAX_NODES:
            how = "mit allen Verweisen (*anker) aufgelöst hätte" if sizes else "hat"
            raise AgreementFileError(
                name,
                [f"{_where(event)}: die Datei {how} mehr als {_thousands(MAX_NODES)} Werte; "
                 "so viele hat keine Vereinbarung."],
            )  # fmt: skip
        if stack and isinstance(
            event, events.CollectionEndEvent | events.ScalarEvent | events.AliasEvent
        ):
            stack[-1][0] += count


def _event_parser(text: str) -> Any:
    try:
        from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]

        return CParser(text)
    except ImportError:  # pragma: no cover - without ruamel.yaml.clib
        from ruamel.yaml import YAML

        class _Events:
            def __init__(self, source: str) -> None:
                self._events = iter(YAML(typ="safe", pure=True).parse(source))
                self._next: Any = next(self._events, None)

            def check_event(self) -> bool:
                return self._next is not None

            def get_event(self) -> Any:
                event, self._next = self._next, next(self._events, None)
                return event

        return _Events(text)


def _where(event: Any) -> str:
    mark = event.start_mark
    return f"Zeile {mark.line + 1}, Spalte {mark.column + 1}" if mark else "(Datei)"


def load_json_limited(text: str, name: str) -> Any:
    """Read JSON *text* with the limits on depth and on digits of numbers."""

    def whole(digits: str) -> int:
        if len(digits.lstrip("-")) > MAX_DIGITS:
            raise AgreementFileError(
                name, [f"die Zahl {digits[:20]}… hat mehr als {MAX_DIGITS} Stellen."]
            )
        return int(digits)

    def fraction(digits: str) -> float:
        if len(digits) > MAX_DIGITS + 10:
            raise AgreementFileError(
                name, [f"die Zahl {digits[:20]}… hat mehr als {MAX_DIGITS} Stellen."]
            )
        return float(digits)

    try:
        data = json.loads(text, parse_int=whole, parse_float=fraction)
    except RecursionError:
        # the C parser stops nesting at the interpreter's recursion limit; say where it is
        _check_json_depth_by_scanning(text, name)
        raise AgreementFileError(
            name, [f"zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen)."]
        ) from None
    try:
        check_depth(data, name)  # the exact limit, on the parsed values (no recursion)
    except AgreementFileError:
        _check_json_depth_by_scanning(text, name)  # names the line where it gets too deep
        raise
    return data


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def _check_json_depth_by_scanning(text: str, name: str) -> None:
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                raise AgreementFileError(
                    name, [f"Zeile {line}: zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen)."]
                )
        elif token in "]}":
            depth -= 1


def check_depth(data: Any, name: str, *, limit: int = MAX_DEPTH) -> None:
    """Refuse *data* (lists and mappings) nested deeper than *limit*; without recursion."""
    if not isinstance(data, dict | list | tuple):
        return
    pending: list[tuple[Any, int]] = [(data, 1)]
    seen: set[int] = {id(data)}  # an alias shares its value: walk it once (and stop on a cycle)
    while pending:
        value, depth = pending.pop()
        if depth > limit:
            raise AgreementFileError(name, [f"zu tief verschachtelt (mehr als {limit} Ebenen)."])
        for child in value.values() if isinstance(value, dict) else value:
            # only containers are walked: leaves (most values) cost one type check
            if isinstance(child, dict | list | tuple) and id(child) not in seen:
                seen.add(id(child))
                pending.append((child, depth + 1))
