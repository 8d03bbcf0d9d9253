"""Recording events: validate against the agreement, append to the file, keep its comments.

The event is checked with the whole agreement (known parties, no second signature, receipt not
before sending, …) before anything is written. YAML files are rewritten by ruamel.yaml's
round-trip mode, which keeps comments, key order, quoting and the file's indentation; JSON files
are rewritten with two-space indentation. The file is replaced atomically; on any error it is
untouched.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from vereinbarung.errors import AgreementFileError
from vereinbarung.files.io import agreement_from_data, read_data
from vereinbarung.files.limits import read_limited
from vereinbarung.files.writing import locked, write_atomic
from vereinbarung.law.dates import format_date
from vereinbarung.model.agreement import Agreement, Regime
from vereinbarung.model.events import (
    Amendment,
    ApprovalRefused,
    ApprovalRequested,
    Approved,
    Event,
    ExtraordinaryNotice,
    Notice,
    Published,
)

__all__ = ["append_event", "set_event_field"]


def append_event(
    path: str | Path, event: dict[str, Any], *, today: dt.date | None = None
) -> Agreement:
    """Append *event* to the ``events:`` of the agreement file at *path*; return the new agreement.

    Besides the model's checks, an event that contradicts what is recorded is refused: one
    dated after *today* (events are what happened), a notice by a party that had already
    left, approval or publication under the regime ``contract``.
    """
    file = Path(path)
    with locked(file):  # read, check and write as one step: a second writer waits
        data = read_data(file)
        if not isinstance(data, dict):
            raise AgreementFileError(
                str(file), ["Die Datei muss eine Zuordnung (Schlüssel: Wert) enthalten."]
            )
        before = agreement_from_data(data, source=str(file))  # the file as it is must be valid
        events = list(data.get("events") or [])
        updated = agreement_from_data({**data, "events": [*events, event]}, source=str(file))
        problem = _contradiction(before, updated.events[-1], today)
        if problem:
            raise AgreementFileError(str(file), [f"Ereignis »{event.get('type')}«: {problem}"])
        text = read_limited(file).decode("utf-8")
        newline = "\r\n" if "\r\n" in text else "\n"
        text = text.replace("\r\n", "\n")
        if file.suffix.lower() == ".json":
            data["events"] = [*events, event]
            content = _append_json(text, data, event)
        else:
            content = _append_yaml(text, event)
        write_atomic(file, content.replace("\n", newline).encode("utf-8"), force=True)
    return updated


def _append_json(text: str, data: dict[str, Any], event: dict[str, Any]) -> str:
    """The JSON text with *event* added to ``events`` as text: untouched parts stay byte for
    byte. Where the text cannot be found (an unusual layout), the file is written anew with
    its indentation; either way the result is checked to be exactly *data*."""
    indent = _json_indent(text) if "\n" in text.strip() else 0  # 0: all on one line
    inserted = _insert_event(text, event, indent)
    if inserted is not None and json.loads(inserted) == json.loads(json.dumps(data, default=str)):
        return inserted
    return json.dumps(data, ensure_ascii=False, indent=indent, default=str) + "\n"


def _insert_event(text: str, event: dict[str, Any], indent: int) -> str | None:
    """*text* with *event* after the last entry of the top-level ``events`` list (or a new
    ``events`` list before the closing brace), or None if the layout is not understood."""
    depth, index, key, events_open, last_value_end = 0, 0, None, None, None
    top_close = None
    while index < len(text):
        char = text[index]
        if char == '"':
            end = index + 1
            while text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            if depth == 1 and key is None:
                key = json.loads(text[index : end + 1])
            last_value_end = end
            index = end + 1
            continue
        if char in "[{":
            depth += 1
            if depth == 2 and char == "[" and key == "events":
                events_open = index
        elif char in "]}":
            if depth == 2 and char == "]" and events_open is not None and key == "events":
                body = text[events_open + 1 : index]
                entry = _dumped(event, indent, 2 * indent)
                lead, closing = (
                    ("\n" + " " * (2 * indent), "\n" + " " * indent) if indent else ("", "")
                )
                if body.strip():
                    end = events_open + 1 + len(body.rstrip())
                    return text[:end] + "," + lead + entry + text[end:]
                return text[: events_open + 1] + lead + entry + closing + text[index:]
            depth -= 1
            if depth == 0:
                top_close = index
                break
        elif char == "," and depth == 1:
            key = None
        if not char.isspace() and depth >= 1:
            last_value_end = index
        index += 1
    if top_close is None or last_value_end is None:
        return None
    entry = _dumped([event], indent, indent)
    end = last_value_end + 1
    lead = "\n" + " " * indent if indent else ""
    key = '"events": ' if indent else '"events":'
    return text[:end] + "," + lead + key + entry + text[end:]


def _dumped(value: Any, indent: int, pad: int) -> str:
    """*value* as JSON indented like the file (one line where the file is one line)."""
    if not indent:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    text = json.dumps(value, ensure_ascii=False, indent=indent, default=str)
    return text.replace("\n", "\n" + " " * pad)


def _json_indent(text: str) -> int:
    """The indentation of the JSON file (two spaces if it has none)."""
    for line in text.splitlines()[1:]:
        stripped = line.lstrip(" ")
        if stripped and len(stripped) < len(line):
            return len(line) - len(stripped)
    return 2


def _contradiction(before: Agreement, event: Event, today: dt.date | None) -> str | None:
    """Why *event* cannot have happened given the agreement as recorded, or None."""
    from vereinbarung.state.day import state_on

    happened = [
        getattr(event, name)
        for name in ("date", "sent", "notified", "published")
        if isinstance(getattr(event, name, None), dt.date)
    ]
    if isinstance(event, Notice | ExtraordinaryNotice):
        happened.append(event.last_receipt)
    if today is not None and any(day > today for day in happened):
        return (
            f"das Datum {format_date(max(happened))} liegt in der Zukunft; erfasst wird, was "
            "geschehen ist."
        )
    if before.regime is Regime.CONTRACT and isinstance(
        event, ApprovalRequested | Approved | ApprovalRefused | Published
    ):
        return (
            "Genehmigung und Bekanntmachung gibt es nur bei einer Vereinbarung nach §§ 23–24 "
            "GkG NRW; dafür in der Datei regime: gkg angeben."
        )
    if isinstance(event, Notice | ExtraordinaryNotice):
        left = state_on(before, event.last_receipt).leaving.get(event.by)
        if left is not None and left < event.last_receipt:
            return f"»{event.by}« ist schon mit Ablauf des {format_date(left)} ausgeschieden."
    if isinstance(event, Amendment) and event.wording:
        return _wording_problem(before, event)
    return None


def _wording_problem(before: Agreement, event: Amendment) -> str | None:
    """Why the new wording of *event* does not fit the text it changes (a § or Absatz the
    text does not have once every amendment is applied), or None."""
    from vereinbarung.model.consolidation import consolidate

    with_event = before.model_copy(update={"events": (*before.events, event)})
    last = max(max(a.effective, a.date) for a in with_event.events_of(Amendment))
    try:
        consolidate(with_event, last)
    except ValueError as exc:
        return str(exc)
    return None


def _append_yaml(text: str, event: dict[str, Any]) -> str:
    """The YAML text with *event* appended to ``events:``; the rest stays byte for byte.

    Where ``events:`` is missing or a list in block style, the event is inserted as text after
    the last event, indented like the events before it; only a list in flow style (``[…]``) or
    an empty ``events:`` makes the document go through ruamel's round trip (comments kept).
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml, offset = _round_trip(text)
    document = yaml.load(text)
    entry = CommentedMap()
    for key, value in event.items():
        entry[key] = CommentedMap(value) if isinstance(value, dict) else value
    events = document.get("events")
    if "events" not in document or (
        isinstance(events, CommentedSeq) and events and not events.fa.flow_style()
    ):
        return _insert_event_text(text, document, yaml, entry, offset)
    if events is None:
        events = CommentedSeq()
        document["events"] = events
    events.append(entry)
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _round_trip(text: str) -> tuple[Any, int]:
    """ruamel's round-trip YAML set up for *text*: its indentation, quotes and long lines kept;
    and the offset of its sequence dashes."""
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    _, guessed, found = load_yaml_guess_indent(text)
    sequence = guessed or 2
    offset = found or 0
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long lines of agreement text
    yaml.indent(mapping=max(2, sequence - offset), sequence=sequence, offset=offset)
    return yaml, offset


def set_event_field(text: str, index: int, key: str, value: dt.date) -> str:
    """*text* (YAML or JSON) with ``key: value`` set on its event number *index* (from 0).

    Completes an event already recorded, e.g. the day a Kündigung was notified to the
    Aufsichtsbehörde or published (§ 24 Abs. 4 GkG NRW). YAML keeps comments, quoting and
    indentation (ruamel's round trip); JSON stays JSON. Validating the result is the caller's
    task (:func:`~vereinbarung.files.io.agreement_from_data`).
    """
    if text.lstrip().startswith("{"):
        data = json.loads(text)
        data["events"][index][key] = value.isoformat()
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    yaml, _ = _round_trip(text)
    document = yaml.load(text)
    document["events"][index][key] = value
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _insert_event_text(text: str, document: Any, yaml: Any, entry: Any, offset: int) -> str:
    """Insert *entry* as text after the last block-style event (or add ``events:`` at the end)."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    events = document.get("events")
    if events is None:
        dash, indent = offset, None
        at = len(lines)
        lines.append("events:\n")
        at += 1
    else:
        line, column = events.lc.item(0)
        dash = lines[line].rfind("-", 0, column)
        indent = column - dash
        keys = list(document)
        after = keys.index("events") + 1
        at = document.lc.key(keys[after])[0] if after < len(keys) else len(lines)
        last = events.lc.item(len(events) - 1)[0]
        while at - 1 > last and (not lines[at - 1].strip() or lines[at - 1].startswith("#")):
            at -= 1  # blank lines and comments before the next key stay with that key
    if indent is not None:
        yaml.indent(mapping=yaml.map_indent, sequence=indent, offset=0)
    item = io.StringIO()
    yaml.dump([entry], item)
    dumped = item.getvalue().splitlines()
    if indent is None:
        shift = "" if dumped[0].startswith(" " * offset) else " " * offset
    else:
        shift = " " * dash
    added = [shift + line + "\n" for line in dumped]
    return "".join(lines[:at] + added + lines[at:])
