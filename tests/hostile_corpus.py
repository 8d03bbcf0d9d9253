"""Bad agreement files made from the seed: every field replaced by values that do not belong.

Each place of the file format (title, parties, representative, address, term fields, costs,
events, review …) gets wrong types (list, mapping, number, truth value, null), text that is too
long or holds control characters, dates that do not exist or lie at the ends of the calendar,
periods and amounts out of bounds. Used by ``tests/test_hostile_corpus.py`` (in process, every
file through ``deadlines`` and ``status``) and by ``benchmarks/hostile.py`` (as child processes
with time and memory measured).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

SEED = Path(__file__).resolve().parent.parent / "examples" / "kinderschutz-rhein-kreis-neuss.yaml"

#: Values that do not belong anywhere a text, date or period is expected.
WRONG_TYPES: dict[str, Any] = {
    "liste": [1, 2],
    "zuordnung": {"a": 1},
    "zahl": 12345,
    "wahrheitswert": True,
    "null": None,
    "leer": "",
    "steuerzeichen": "a\x00b\x1bc",
    "sehr-lang": "x" * 200_000,
    "unsichtbar": "\u200b\u202e\ufeff",
}
WRONG_DATES = ["31.02.2026", "0000-01-01", "9999-12-31", "12023-01-01", "gestern", "2026-13-01"]
WRONG_PERIODS = ["0 Monate", "-6 Monate", "999999 Jahre", "6 Monde", "P9999999D", "sechzig Äonen"]

#: The places of the file format, as a path of keys and list indexes.
TEXT_PLACES: list[tuple[Any, ...]] = [
    ("title",),
    ("subtitle",),
    ("legal_basis",),
    ("parties",),
    ("parties", 0),
    ("parties", 0, "name"),
    ("parties", 0, "representative"),
    ("parties", 0, "representative", "name"),
    ("parties", 0, "address"),
    ("parties", 0, "address", "postal_code"),
    ("preamble",),
    ("sections",),
    ("sections", 0, "number"),
    ("sections", 0, "paragraphs"),
    ("term",),
    ("term", "clause"),
    ("term", "notice_to"),
    ("signatures",),
    ("land",),
    ("regime",),
    ("review",),
    ("events",),
]
DATE_PLACES: list[tuple[Any, ...]] = [("term", "effective"), ("term", "ends")]
PERIOD_PLACES: list[tuple[Any, ...]] = [("term", "notice"), ("term", "renewal")]


def _seed() -> dict[str, Any]:
    data = YAML(typ="safe").load(SEED.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _set(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    target: Any = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return changed


def _name(path: tuple[Any, ...], what: str) -> str:
    return "-".join(str(p) for p in path) + f"--{what}"


def generated() -> dict[str, bytes]:
    """File name → content: one file per place and bad value, as JSON (exact values)."""
    seed = _seed()
    files: dict[str, Any] = {}
    for path in TEXT_PLACES:
        for what, value in WRONG_TYPES.items():
            files[_name(path, what)] = _set(seed, path, value)
    for path in DATE_PLACES:
        for value in WRONG_DATES:
            files[_name(path, value)] = _set(seed, path, value)
    for path in PERIOD_PLACES:
        for value in WRONG_PERIODS:
            files[_name(path, value)] = _set(seed, path, value)
    events: list[dict[str, Any]] = [
        {"type": "notice", "by": "Stadt Neuss", "form": "written", "received": "31.02.2026"},
        {"type": "notice", "by": "Niemand", "form": "written", "received": {}},
        {"type": "amendment", "date": "2026-01-01", "effective": "2025-01-01", "text": "x"},
        {"type": "signed", "party": "Stadt Neuss"},
        {"type": "published", "date": "9999-12-31"},
        {"type": "joined", "party": "Stadt Neuss", "date": "2024-01-01", "effective": "2024-01-01"},
    ]
    for index, event in enumerate(events):
        files[f"events--{index}-{event['type']}"] = _set(seed, ("events",), [event])
    costs = {"section": 6, "key": "equal", "amount": "1" + "0" * 30}
    files["costs--amount-riesig"] = _set(seed, ("costs",), costs)
    files["costs--key-unbekannt"] = _set(seed, ("costs",), {**costs, "amount": 100, "key": "los"})
    return {
        f"{name}.json": json.dumps(content, ensure_ascii=False, default=str).encode("utf-8")
        for name, content in files.items()
    }
