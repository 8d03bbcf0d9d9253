"""Notice dates (Kündigungstermine): to which days an agreement may be terminated.

An agreement names them in one of two ways (``fristen.md`` § 2; the wordings of the
Kündigungsklauseln in public-law agreements):

* by a calendar rule, :class:`NoticeTo`: the end of each term ("zum Laufzeitende"), or every
  end of a calendar year, half-year (30.06. and 31.12.), quarter or month;
* by fixed days of every year, :class:`NoticeDays`: "zum Ende des Schuljahres (31.07.)",
  "zum Ende des Kindergartenjahres", the end of a Haushaltsjahr that is not the calendar year,
  "zum 31.03. und zum 30.09. eines jeden Jahres".

A notice date is the last day of the agreement: it ends with the expiry of that day (§ 188
Abs. 1 BGB). The 29th of February is no fixed notice date: it does not exist in three of four
years, and no agreement names it.

>>> days = NoticeDays.parse(["30.09.", "31.3."])
>>> str(days), days.label
('31.03., 30.09.', 'zum 31. März oder zum 30. September eines jeden Jahres')
>>> list(calendar_notice_dates(days, dt.date(2026, 4, 1), None))[:3]
[datetime.date(2026, 9, 30), datetime.date(2027, 3, 31), datetime.date(2027, 9, 30)]
>>> list(calendar_notice_dates(NoticeTo.HALF_YEAR_END, dt.date(2026, 7, 1), None))[:2]
[datetime.date(2026, 12, 31), datetime.date(2027, 6, 30)]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from vereinbarung.errors import VereinbarungError
from vereinbarung.law.budget import current_budget
from vereinbarung.law.dates import days_in_month, format_long_date

__all__ = [
    "LAST_YEAR",
    "NoticeDays",
    "NoticeTo",
    "calendar_notice_dates",
    "first_calendar_notice_date",
    "parse_day_of_year",
]

#: Dates beyond are not iterated (``datetime.date`` ends in 9999).
LAST_YEAR = 9000


class NoticeTo(StrEnum):
    """To which dates a notice may be given (Kündigungstermin), as a calendar rule."""

    TERM_END = "term_end"
    YEAR_END = "year_end"
    HALF_YEAR_END = "half_year_end"
    QUARTER_END = "quarter_end"
    MONTH_END = "month_end"

    @property
    def label(self) -> str:
        """German wording, as in "mit einer Frist von sechs Monaten *zum Laufzeitende*"."""
        return _NOTICE_TO_LABELS[self]


_NOTICE_TO_LABELS = {
    NoticeTo.TERM_END: "zum Laufzeitende",
    NoticeTo.YEAR_END: "zum Ende eines Kalenderjahres",
    NoticeTo.HALF_YEAR_END: "zum Ende eines Kalenderhalbjahres",
    NoticeTo.QUARTER_END: "zum Ende eines Kalendervierteljahres",
    NoticeTo.MONTH_END: "zum Monatsende",
}
# months between two notice dates of a calendar rule
_STEP = {
    NoticeTo.YEAR_END: 12,
    NoticeTo.HALF_YEAR_END: 6,
    NoticeTo.QUARTER_END: 3,
    NoticeTo.MONTH_END: 1,
}

_DAY_OF_YEAR = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.?$")


def parse_day_of_year(text: object) -> tuple[int, int]:
    """(month, day) of a day written without year: ``31.07.``, ``31.7.``, ``1.10``.

    >>> parse_day_of_year("31.07."), parse_day_of_year(" 1.10 ")
    ((7, 31), (10, 1))
    """
    if not isinstance(text, str):
        raise VereinbarungError(
            f"»{text}« ist kein Tag im Jahr; erwartet wird z. B. »31.07.« (Tag und Monat)."
        )
    match = _DAY_OF_YEAR.match(text.strip())
    if not match:
        raise VereinbarungError(
            f"»{text}« ist kein Tag im Jahr; erwartet wird z. B. »31.07.« (Tag und Monat)."
        )
    day, month = (int(g) for g in match.groups())
    if (month, day) == (2, 29):
        raise VereinbarungError(
            f"»{text}«: den 29.02. gibt es nur in Schaltjahren; als Termin eines jeden Jahres "
            "ist »28.02.« oder »01.03.« gemeint."
        )
    try:
        dt.date(2001, month, day)
    except ValueError:
        raise VereinbarungError(f"»{text}«: diesen Tag gibt es nicht.") from None
    return month, day


def day_of_year_words(month: int, day: int) -> str:
    """ "31. Juli" for (7, 31)."""
    return format_long_date(dt.date(2001, month, day)).rsplit(" ", 1)[0]


@dataclass(frozen=True, slots=True)
class NoticeDays:
    """Fixed notice dates of every year, as (month, day) pairs in calendar order."""

    days: tuple[tuple[int, int], ...]

    def __post_init__(self) -> None:
        if not self.days:
            raise VereinbarungError("Es muss mindestens ein Kündigungstermin genannt sein.")
        for month, day in self.days:
            parse_day_of_year(f"{day}.{month}.")
        if list(self.days) != sorted(set(self.days)):
            object.__setattr__(self, "days", tuple(sorted(set(self.days))))

    @classmethod
    def parse(cls, value: str | Sequence[str]) -> NoticeDays:
        """From ``"31.07."`` or a list ``["31.03.", "30.09."]``."""
        texts = [value] if isinstance(value, str) else list(value)
        return cls(tuple(parse_day_of_year(text) for text in texts))

    def texts(self) -> list[str]:
        """The days as written in the file: ``["31.03.", "30.09."]``."""
        return [f"{day:02d}.{month:02d}." for month, day in self.days]

    def __str__(self) -> str:
        return ", ".join(self.texts())

    @property
    def label(self) -> str:
        """German wording: "zum 31. Juli eines jeden Jahres"."""
        words = [f"zum {day_of_year_words(month, day)}" for month, day in self.days]
        listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " oder " + words[-1]
        return f"{listed} eines jeden Jahres"


def calendar_notice_dates(
    notice_to: NoticeTo | NoticeDays, lower: dt.date, natural_end: dt.date | None
) -> Iterator[dt.date]:
    """The notice dates of a calendar rule or fixed days on or after *lower*, ascending.

    With a *natural_end* (a fixed term without renewal) only those before it: at its end the
    agreement ends anyway. ``NoticeTo.TERM_END`` depends on the terms (see ``TermRule``).
    """
    budget = current_budget()  # one step per notice date examined (law.budget)
    if isinstance(notice_to, NoticeDays):
        for year in range(lower.year, LAST_YEAR):
            if budget is not None:
                budget.spend(len(notice_to.days))
            for month, day in notice_to.days:
                date = dt.date(year, month, day)
                if natural_end is not None and date >= natural_end:
                    return
                if date >= lower:
                    yield date
        return
    step = _STEP[notice_to]
    index = _first_period_end(step, lower)
    while index // 12 < LAST_YEAR:
        if budget is not None:
            budget.spend()
        year, month = divmod(index, 12)
        end = _month_end(year, month + 1)
        if natural_end is not None and end >= natural_end:
            return
        if end >= lower:
            yield end
        index += step


def first_calendar_notice_date(
    notice_to: NoticeTo, lower: dt.date, natural_end: dt.date | None
) -> dt.date | None:
    """The first of :func:`calendar_notice_dates` for an end of year, half-year, quarter or
    month, computed at once (None: there is none)."""
    index = _first_period_end(_STEP[notice_to], lower)
    if index // 12 >= LAST_YEAR:
        return None
    end = _month_end(index // 12, index % 12 + 1)
    if natural_end is not None and end >= natural_end:
        return None
    return end  # the end of `lower`'s month or a later one: never before `lower`


def _first_period_end(step: int, lower: dt.date) -> int:
    """The month index (year × 12 + month − 1) of the first period end at or after *lower*."""
    index = lower.year * 12 + (lower.month - 1)
    return index + (step - 1 - (index % 12) % step) % step


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, days_in_month(year, month))
