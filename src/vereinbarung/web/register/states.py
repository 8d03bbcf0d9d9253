"""The library's agreement and its one state for a record, cached per version and day.

:func:`agreement_of` and :func:`state_of` give :func:`vereinbarung.agreement_from_data` and
:func:`vereinbarung.state_on` of the record's current version, each computed once per process
(key: number, version, day). :func:`states_of` does the same for many records at once and loads
the documents it still needs in a few queries instead of one per record.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import vereinbarung
from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.register.stamp import clear_memos

__all__ = ["SOURCE", "agreement_of", "clear_caches", "state_of", "states_of"]

SOURCE = "Vereinbarung"

_LOCK = threading.Lock()
_AGREEMENTS: OrderedDict[tuple[int, int], vereinbarung.Agreement] = OrderedDict()
_STATES: OrderedDict[tuple[int, int, dt.date], vereinbarung.AgreementState] = OrderedDict()
_MAX = 20_000
_CHUNK = 500  # documents per query (SQLite's limit of variables per statement)


def _remember(cache: OrderedDict[Any, Any], key: Any, value: Any) -> None:
    with _LOCK:
        cache[key] = value
        while len(cache) > _MAX:
            cache.popitem(last=False)


def agreement_of(record: Record) -> vereinbarung.Agreement:
    """The library's agreement for the record's current version."""
    key = (record.pk, record.version)
    found = _AGREEMENTS.get(key)
    if found is None:
        found = vereinbarung.agreement_from_data(record.data, source=record.title or SOURCE)
        _remember(_AGREEMENTS, key, found)
    return found


def state_of(record: Record, day: dt.date) -> vereinbarung.AgreementState:
    """:func:`vereinbarung.state_on` for the record's current version on *day* (cached)."""
    key = (record.pk, record.version, day)
    found = _STATES.get(key)
    if found is None:
        found = vereinbarung.state_on(agreement_of(record), day)
        _remember(_STATES, key, found)
    return found


def states_of(records: Sequence[Record], day: dt.date) -> list[vereinbarung.AgreementState]:
    """:func:`state_of` of each record (loaded without ``data``) on *day*.

    The documents of records whose agreement is not cached yet are read in chunks of 500, and
    only where the stored version is still the record's (else :func:`state_of` reads it).
    """
    needed = [
        r for r in records
        if (r.pk, r.version, day) not in _STATES and (r.pk, r.version) not in _AGREEMENTS
    ]  # fmt: skip
    for start in range(0, len(needed), _CHUNK):
        chunk = {r.pk: r for r in needed[start : start + _CHUNK]}
        stored = Record.objects.filter(pk__in=list(chunk)).values_list("pk", "version", "data")
        for pk, version, data in stored:
            if chunk[pk].version == version:
                chunk[pk].data = data
    return [state_of(record, day) for record in records]


def clear_caches() -> None:
    """Forget cached agreements, states and page caches of this process (tests, imports)."""
    with _LOCK:
        _AGREEMENTS.clear()
        _STATES.clear()
    clear_memos()
