"""Checking a backup (``sicherung.json``) completely before ``restore`` writes anything.

A backup is data from outside the running register: it may have been edited, cut off or
damaged on its way. Nothing in it is taken as it stands. For every agreement

* every version's text is read again by the library (as a save would: :func:`validate_text`),
* the stored copies the list and the deadlines are computed from (``data``, title, Kurzname,
  Aktenzeichen, parties, search text …) must equal what the current text gives
  (:func:`~vereinbarung.web.register.services.derived_fields`) – a changed ``data`` would
  otherwise give other deadlines than the text says,
* the versions are numbered 1, 2, … without gap, the last one is the agreement's version and
  has its text, and every version names its author, moment and reason,
* numbers, flags and moments have their types; agreement numbers are unique.

Every problem is one German line naming the agreement (number and title) and the version;
:class:`RestorePlan` is returned only when there is none. Authors without an account in this
register keep their name on the version (the backup holds no accounts); they are listed so
that the operator can create them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import vereinbarung
from vereinbarung.web.register import services

#: The format number ``backup`` writes.
FORMAT = 1
#: At most so many problems are listed (the first ones; the count says how many there were).
SHOWN = 20
#: Limits of the columns (see :mod:`vereinbarung.web.register.models`).
AUTHOR_LENGTH = 150
REASON_LENGTH = 300
FILE_NAME_LENGTH = 255


class RestoreRefused(Exception):
    """The backup cannot be restored; *problems*: German lines naming agreement and version."""

    def __init__(self, file: Path, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:SHOWN]
        more = len(problems) - len(shown)
        lines = [f"{file}: Sicherung abgelehnt, nichts zurückgespielt:", *(f"  {p}" for p in shown)]
        if more:
            lines.append(f"  … und {more} weitere")
        super().__init__("\n".join(lines))


@dataclass
class PlannedVersion:
    number: int
    text: str
    author_name: str
    created: dt.datetime
    reason: str


@dataclass
class PlannedAgreement:
    """One agreement as it will be written: the columns and its versions, all checked."""

    pk: int
    columns: dict[str, Any]
    created: dt.datetime
    updated: dt.datetime
    versions: list[PlannedVersion] = field(default_factory=list)
    #: Fachbereich and Kommune by name (issue 26; ``None``: none, or a backup from before).
    rights: tuple[str | None, str | None] = (None, None)


@dataclass
class RestorePlan:
    agreements: list[PlannedAgreement]
    authors: set[str]


def read_document(file: Path) -> Any:
    """The parsed JSON of *file*, or :class:`RestoreRefused` saying why it cannot be read."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise RestoreRefused(file, [f"nicht lesbar: {exc.strerror or exc}"]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RestoreRefused(file, [f"kein UTF-8 (Byte {exc.start})"]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problem = f"kein gültiges JSON: Zeile {exc.lineno}, Spalte {exc.colno}: {exc.msg}"
        raise RestoreRefused(file, [problem]) from None
    except RecursionError:
        raise RestoreRefused(file, ["kein gültiges JSON: zu tief verschachtelt"]) from None


def _moment(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "…"


def _difference(path: str, stored: Any, given: Any) -> tuple[str, Any, Any]:
    """The first place where *stored* and *given* differ (``data.term.start``) and both values
    there."""
    if isinstance(stored, dict) and isinstance(given, dict):
        for key in [*given, *(k for k in stored if k not in given)]:
            if stored.get(key) != given.get(key):
                return _difference(f"{path}.{key}", stored.get(key), given.get(key))
    if isinstance(stored, list) and isinstance(given, list) and len(stored) == len(given):
        for index, (one, other) in enumerate(zip(stored, given, strict=True)):
            if one != other:
                return _difference(f"{path}[{index}]", one, other)
    return path, stored, given


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.authors: set[str] = set()
        self.valid: set[str] = set()  # texts read without a problem (each text read once)

    def agreement(self, index: int, item: Any) -> PlannedAgreement | None:
        if not isinstance(item, dict):
            self.problems.append(f"Eintrag {index + 1}: keine Vereinbarung (kein JSON-Objekt)")
            return None
        pk = item.get("id")
        title = item.get("title") if isinstance(item.get("title"), str) else ""
        name = f"Vereinbarung {pk}" + (f" »{title[:60]}«" if title else "")
        if not _is_int(pk):
            name = f"Eintrag {index + 1}"
            self.problems.append(f"{name}: Feld id: Wert {_shown(pk)}: keine positive Zahl")
        found: list[str] = []
        text = item.get("text")
        if not isinstance(text, str):
            found.append(f"Feld text: Wert {_shown(text)}: kein Text")
        version = item.get("version")
        if not _is_int(version):
            found.append(f"Feld version: Wert {_shown(version)}: keine positive Zahl")
        if not isinstance(item.get("archived"), bool):
            found.append(f"Feld archived: Wert {_shown(item.get('archived'))}: nicht true/false")
        file_name = item.get("file_name")
        if not isinstance(file_name, str) or len(file_name) > FILE_NAME_LENGTH:
            found.append(f"Feld file_name: Wert {_shown(file_name)}: kein Dateiname")
        if not isinstance(item.get("confidential", False), bool):
            found.append(
                f"Feld confidential: Wert {_shown(item.get('confidential'))}: nicht true/false"
            )
        for key in ("fachbereich", "kommune"):
            value = item.get(key)
            if value is not None and (not isinstance(value, str) or not 0 < len(value) <= 200):
                found.append(f"Feld {key}: Wert {_shown(value)}: kein Name (höchstens 200 Zeichen)")
        moments = {key: _moment(item.get(key)) for key in ("created", "updated")}
        for key, moment in moments.items():
            if moment is None:
                found.append(f"Feld {key}: Wert {_shown(item.get(key))}: kein Zeitpunkt mit Zone")
        columns: dict[str, Any] = {}
        if isinstance(text, str):
            try:
                columns = services.derived_fields(text, source=name)
                self.valid.add(text)
            except vereinbarung.VereinbarungError as exc:
                found.append("Text ungültig: " + "; ".join(services.problems(exc)))
        for key, value in columns.items():
            if key in item and item[key] != value:
                where, stored, given = _difference(key, item[key], value)
                found.append(
                    f"Feld {where}: gespeichert {_shown(stored)}, der Text ergibt "
                    f"{_shown(given)} – die Daten passen nicht zum Text"
                )
        versions = self.versions(name, item.get("versionen"), text, version)
        current = f"{name}, Version {version}" if _is_int(version) else name
        self.problems += [f"{current}: {p}" for p in found]
        if found or versions is None or not _is_int(pk):
            return None
        created, updated = moments["created"], moments["updated"]
        assert created is not None
        assert updated is not None
        assert isinstance(pk, int)
        columns.update(id=pk, version=version, archived=item["archived"], file_name=file_name,
                       confidential=item.get("confidential", False))  # fmt: skip
        rights = (item.get("fachbereich"), item.get("kommune"))
        return PlannedAgreement(pk, columns, created, updated, versions, rights)

    def versions(
        self, name: str, history: Any, text: Any, version: Any
    ) -> list[PlannedVersion] | None:
        if not isinstance(history, list) or not history:
            self.problems.append(f"{name}: Feld versionen: keine Liste von Versionen")
            return None
        planned: list[PlannedVersion] = []
        ok = True
        for position, entry in enumerate(history, start=1):
            where = f"{name}, Version {position}"
            if not isinstance(entry, dict):
                self.problems.append(f"{where}: kein JSON-Objekt")
                ok = False
                continue
            number = entry.get("number")
            if number != position or not _is_int(number):
                self.problems.append(
                    f"{where}: Feld number: Wert {_shown(number)}: die Versionen sind nicht "
                    f"fortlaufend (erwartet {position})"
                )
                ok = False
                continue
            problems = self.version(where, entry)
            if problems:
                self.problems += [f"{where}: {p}" for p in problems]
                ok = False
                continue
            moment = _moment(entry["created"])
            assert moment is not None
            planned.append(PlannedVersion(
                number, entry["text"], entry["author_name"], moment, entry["reason"]
            ))  # fmt: skip
        if not ok:
            return None
        last = planned[-1]
        if _is_int(version) and last.number != version:
            self.problems.append(
                f"{name}: Feld version: Wert {version}, die letzte Version ist aber {last.number}"
            )
            return None
        if isinstance(text, str) and last.text != text:
            self.problems.append(
                f"{name}, Version {last.number}: der Text der letzten Version ist nicht der "
                "Text der Vereinbarung"
            )
            return None
        return planned

    def version(self, where: str, entry: dict[str, Any]) -> list[str]:
        found = []
        text = entry.get("text")
        if not isinstance(text, str):
            found.append(f"Feld text: Wert {_shown(text)}: kein Text")
        elif text not in self.valid:
            try:
                services.validate_text(text, source=where)
                self.valid.add(text)
            except vereinbarung.VereinbarungError as exc:
                found.append("Text ungültig: " + "; ".join(services.problems(exc)))
        author = entry.get("author_name")
        if not isinstance(author, str) or not author.strip() or len(author) > AUTHOR_LENGTH:
            found.append(f"Feld author_name: Wert {_shown(author)}: kein Name eines Autors")
        else:
            self.authors.add(author)
        if _moment(entry.get("created")) is None:
            found.append(f"Feld created: Wert {_shown(entry.get('created'))}: kein Zeitpunkt")
        reason = entry.get("reason")
        if not isinstance(reason, str) or len(reason) > REASON_LENGTH:
            found.append(f"Feld reason: Wert {_shown(reason)}: kein Grund (Text, höchstens "
                         f"{REASON_LENGTH} Zeichen)")  # fmt: skip
        return found


def check(file: Path, document: Any) -> RestorePlan:
    """Check the parsed backup *document* read from *file*; the plan of what to write, or
    :class:`RestoreRefused` listing every problem."""
    if not isinstance(document, dict):
        raise RestoreRefused(file, ["keine Sicherung (kein JSON-Objekt)"])
    if document.get("format") != FORMAT:
        raise RestoreRefused(file, [f"unbekanntes Format {_shown(document.get('format'))}"])
    items = document.get("vereinbarungen")
    if not isinstance(items, list):
        raise RestoreRefused(file, ["Feld vereinbarungen: keine Liste"])
    checker = _Checker()
    planned: list[PlannedAgreement] = []
    seen: set[int] = set()
    for index, item in enumerate(items):
        agreement = checker.agreement(index, item)
        if agreement is None:
            continue
        if agreement.pk in seen:
            checker.problems.append(f"Vereinbarung {agreement.pk}: die Nummer kommt zweimal vor")
            continue
        seen.add(agreement.pk)
        planned.append(agreement)
    if checker.problems:
        raise RestoreRefused(file, checker.problems)
    return RestorePlan(planned, checker.authors)
