"""The Fristen list: every matching agreement with its state today, the most urgent first.

Sorting all agreements and rendering the table is most of a start page's work, so both are kept
in the memory of the process (:class:`~vereinbarung.web.register.stamp.Memo`) under

* the register's data version (:func:`~vereinbarung.web.register.stamp.data_version`, read
  first in every request: any change of an agreement or event, by whatever process, gives a new
  one, and the next request of every process computes afresh),
* the day (Europe/Berlin): the states change with it,
* the filters, and for the rendered table the whole query and the page,
* who asks: the roles held where (:class:`~vereinbarung.web.rights.grants.Grants`: users with
  the same ones read the same agreements, :func:`~vereinbarung.web.rights.checks.readable`)
  and, for the rendered table, the user.

Without a data version (no counting triggers) nothing is kept. The rows hold plain copies of the
register fields (:class:`Listed`), never model instances that could load or change later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

import vereinbarung
from vereinbarung.web import clock
from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.register.stamp import Memo, Version, data_version
from vereinbarung.web.register.states import states_of
from vereinbarung.web.rights.checks import readable
from vereinbarung.web.rights.grants import Grants, grants_of

FILTERS = ("q", "status", "partei", "fachbereich", "archiv")


@dataclass(frozen=True)
class Listed:
    """What the list shows of a record (copied when the rows are made)."""

    pk: int
    version: int
    title: str
    short_name: str
    reference: str
    department: str
    lead: str
    archived: bool

    FIELDS = ("id", "version", "title", "short_name", "reference", "department", "lead",
              "archived")  # fmt: skip

    @classmethod
    def of(cls, record: Record) -> Listed:
        return cls(
            record.pk, record.version, record.title, record.short_name, record.reference,
            record.department, record.lead, record.archived,
        )  # fmt: skip


@dataclass(frozen=True)
class Row:
    """One line of the Fristen page: the record and its state on the day."""

    record: Listed
    state: vereinbarung.AgreementState

    @property
    def urgency(self) -> tuple[int, dt.date, str]:
        return vereinbarung.DeadlineRow(str(self.record.pk), self.record.title, self.state).urgency

    @property
    def urgency_word(self) -> str:
        """German word for how urgent the next day of receipt is (never colour alone)."""
        days = self.state.days_left
        if days is None:
            return ""
        if days <= 30:
            return "dringend"
        if days <= 90:
            return "bald"
        return ""

    @property
    def urgency_class(self) -> str:
        return {"dringend": "dringend", "bald": "bald"}.get(self.urgency_word, "ruhig")


def _rows(filters: dict[str, str], day: dt.date, who: Grants) -> tuple[Row, ...]:
    """The rows matching *filters* on *day*, sorted by urgency (computed, not cached)."""
    records = readable(who, Record.objects.only(*Listed.FIELDS))
    if filters["archiv"] != "1":
        records = records.filter(archived=False)
    if filters["q"]:
        for word in filters["q"].lower().split()[:10]:
            records = records.filter(search__contains=word)
    if filters["partei"]:
        records = records.filter(parties__icontains=filters["partei"])
    if filters["fachbereich"]:
        records = records.filter(department=filters["fachbereich"])
    found = list(records)
    rows = [Row(Listed.of(r), s) for r, s in zip(found, states_of(found, day), strict=True)]
    if filters["status"]:
        rows = [row for row in rows if row.state.status == filters["status"]]
    rows.sort(key=lambda row: row.urgency)
    return tuple(rows)


_ROWS: Memo[tuple[Row, ...]] = Memo(size=32)
_TABLES: Memo[str] = Memo(size=64)  # about 150 KB each with 100 rows
_DEPARTMENTS: Memo[list[str]] = Memo(size=256)  # a few names each


@dataclass(frozen=True)
class Listing:
    """One request's view of the list: data version, day, filters and who asks."""

    version: Version | None
    day: dt.date
    filters: dict[str, str]
    role: Grants
    user: int

    @classmethod
    def of(cls, request: HttpRequest) -> Listing:
        version = data_version()  # before anything is read: what follows is at least as new
        filters = {key: request.GET.get(key, "").strip()[:200] for key in FILTERS}
        user: Any = request.user
        return cls(version, clock.today(), filters, grants_of(user), int(user.pk or 0))

    def _kept(self, memo: Memo[Any], key: tuple[Hashable, ...], compute: Callable[[], Any]) -> Any:
        if self.version is None:
            return compute()
        return memo.get((self.version, self.day, self.role, *key), compute)

    def rows(self) -> tuple[Row, ...]:
        """Every matching row, the most urgent first."""
        key = tuple(sorted(self.filters.items()))
        rows: tuple[Row, ...] = self._kept(
            _ROWS, key, lambda: _rows(self.filters, self.day, self.role)
        )
        return rows

    def departments(self) -> list[str]:
        """The Fachbereiche of the register, for the filter."""

        def compute() -> list[str]:
            found = readable(self.role).exclude(department="").values_list("department", flat=True)
            return sorted(set(found.distinct()))

        departments: list[str] = self._kept(_DEPARTMENTS, ("fachbereiche",), compute)
        return departments

    def html(self, part: str, query: str, page: int, render: Callable[[], str]) -> str:
        """The rendered table (or its rows: *part*) for this user, query and page."""
        html: str = self._kept(_TABLES, (self.user, part, query, page), render)
        return html
