"""The register's data version, and caches keyed on it.

:func:`data_version` reads the one row of :class:`~vereinbarung.web.register.models.Stamp`
(one small query): database triggers count it up with every change of an agreement, in the
writing transaction, whoever writes (a view, the API, ``import-files``, another process, plain
SQL). Whatever a request reads *after* the version is at least as new as that version, so a
result computed then may be kept under the version: a later request that reads the same version
sees the same data. Without the triggers (another database, a schema not migrated) the version
is ``None`` and nothing may be kept.

:class:`Memo` is such a cache in the memory of one process: a bounded LRU, safe for waitress'
threads, and computing each missing key only once at a time (the other threads wait for it
instead of doing the same work). Each process has its own; each sees another process's write at
its next request, because the key starts with the version read from the database.
"""

from __future__ import annotations

import logging
import secrets
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from django.db import IntegrityError, connection, transaction

from vereinbarung.web.register.models import Stamp

__all__ = ["Memo", "clear_memos", "data_version"]

Version = tuple[str, int]
V = TypeVar("V")

_log = logging.getLogger(__name__)
_TRIGGERS: dict[tuple[str, str], bool] = {}  # (vendor, database name) -> triggers present


def _triggers_present() -> bool:
    """Whether the counting triggers exist (looked up once per process and database)."""
    vendor = connection.vendor
    key = (vendor, str(connection.settings_dict.get("NAME", "")))
    found = _TRIGGERS.get(key)
    if found is None:
        table = Stamp._meta.db_table
        with connection.cursor() as cursor:
            if vendor == "sqlite":
                cursor.execute(
                    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                    [f"{table}_%"],
                )
                found = cursor.fetchone()[0] == 3
            elif vendor == "postgresql":
                cursor.execute(
                    "SELECT COUNT(*) FROM pg_trigger WHERE tgname = %s", [f"{table}_count"]
                )
                found = cursor.fetchone()[0] >= 1
            else:
                found = False
        if not found:
            _log.warning("Datenstand ohne Trigger (%s): Zwischenspeicher der Seiten aus.", vendor)
        _TRIGGERS[key] = found
    return found


def data_version() -> Version | None:
    """``(token, count)`` of the register's data, or ``None`` when it cannot be known.

    One query; a second one only when the row is missing (then made again with a new token,
    e.g. after a test database was emptied).
    """
    if not _triggers_present():
        return None
    found = Stamp.objects.filter(pk=1).values_list("token", "value").first()
    if found is None:
        try:
            with transaction.atomic():
                Stamp.objects.create(pk=1, token=secrets.token_hex(8), value=0)
        except IntegrityError:  # another request made it at the same moment
            pass
        found = Stamp.objects.filter(pk=1).values_list("token", "value").first()
    return (found[0], found[1]) if found is not None else None


_MEMOS: weakref.WeakSet[Memo[Any]] = weakref.WeakSet()


class Memo(Generic[V]):
    """A bounded, thread-safe LRU cache that computes a missing key once at a time.

    >>> memo: Memo[int] = Memo(size=2)
    >>> memo.get(("v", 1), lambda: 41 + 1)
    42
    >>> memo.get(("v", 1), lambda: 0)  # kept
    42
    >>> _ = memo.get("b", lambda: 1), memo.get("c", lambda: 2)
    >>> memo.get(("v", 1), lambda: 7)  # the oldest went when the third came
    7
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._busy: dict[Hashable, threading.Lock] = {}
        _MEMOS.add(self)

    def __len__(self) -> int:
        return len(self._items)

    def _found(self, key: Hashable) -> tuple[bool, V | None]:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return True, self._items[key]
            return False, None

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The value kept for *key*, or ``compute()`` kept for it (computed once at a time)."""
        hit, value = self._found(key)
        if hit:
            return value  # type: ignore[return-value]
        with self._lock:
            busy = self._busy.setdefault(key, threading.Lock())
        with busy:  # a second thread missing the same key waits here for the first one
            hit, value = self._found(key)
            if hit:
                return value  # type: ignore[return-value]
            try:
                made = compute()
                with self._lock:
                    self._items[key] = made
                    while len(self._items) > self.size:
                        self._items.popitem(last=False)
            finally:
                with self._lock:
                    self._busy.pop(key, None)
        return made

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def clear_memos() -> None:
    """Forget every :class:`Memo` of this process (tests: a rolled-back test database counts
    the version again from the same number)."""
    for memo in list(_MEMOS):
        memo.clear()
    _TRIGGERS.clear()
