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
from vereinbarung.files.io import agreement_from_data, read_data, write_atomic
from vereinbarung.law.dates import format_date
from vereinbarung.model.agreement import Agreement, Regime
from vereinbarung.model.events import (
    ApprovalRefused,
    ApprovalRequested,
    Approved,
    Event,
    ExtraordinaryNotice,
    Notice,
    Published,
)

__all__ = ["append_event"]


def append_event(
    path: str | Path, event: dict[str, Any], *, today: dt.date | None = None
) -> Agreement:
    """Append *event* to the ``events:`` of the agreement file at *path*; return the new agreement.

    Besides the model's checks, an event that contradicts what is recorded is refused: one
    dated after *today* (events are what happened), a notice by a party that had already
    left, approval or publication under the regime ``contract``.
    """
    file = Path(path)
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
    if file.suffix.lower() == ".json":
        data["events"] = [*events, event]
        content = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    else:
        content = _append_yaml(file.read_text(encoding="utf-8"), event)
    write_atomic(file, content.encode("utf-8"), force=True)
    return updated


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
    return None


def _append_yaml(text: str, event: dict[str, Any]) -> str:
    """The YAML text with *event* appended to ``events:``; the rest stays byte for byte.

    Where ``events:`` is missing or is the last key in block style, the event is added as text
    at the end; otherwise the document goes through ruamel's round trip (comments kept).
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.util import load_yaml_guess_indent

    _, guessed, offset = load_yaml_guess_indent(text)
    sequence = guessed or 2
    offset = offset or 0
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long lines of agreement text
    yaml.indent(mapping=max(2, sequence - offset), sequence=sequence, offset=offset)
    document = yaml.load(text)
    entry = CommentedMap()
    for key, value in event.items():
        entry[key] = CommentedMap(value) if isinstance(value, dict) else value
    events = document.get("events")
    keys = list(document.keys())
    block = events is None or (isinstance(events, CommentedSeq) and not events.fa.flow_style())
    if block and (events is None or keys[-1] == "events"):
        item = io.StringIO()
        yaml.dump([entry], item)
        lines = item.getvalue().splitlines()
        shift = "" if lines[0].startswith(" " * offset) else " " * offset
        added = "\n".join(shift + line for line in lines) + "\n"
        head = text if text.endswith("\n") else text + "\n"
        return head + ("events:\n" if events is None else "") + added
    if events is None:
        events = CommentedSeq()
        document["events"] = events
    events.append(entry)
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()
