"""Calendar dates as German users write and read them.

Parsing accepts ISO 8601 (``2023-02-01``) and the German forms ``01.02.2023`` and ``1.2.2023``;
an impossible date such as ``31.02.2023`` is an error, never silently moved. Formatting gives
the short German form ``30.06.2026`` and the long form ``30. Juni 2026`` (month names from
pendulum's German locale).

>>> parse_date("1.2.2023")
datetime.date(2023, 2, 1)
>>> format_date(parse_date("2026-06-30"))
'30.06.2026'
>>> format_long_date(parse_date("2026-06-30"))
'30. Juni 2026'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from vereinbarung.errors import DateParseError, DateRangeError

__all__ = [
    "add_days",
    "add_months",
    "days_in_month",
    "format_date",
    "format_long_date",
    "parse_date",
]

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_GERMAN = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$")


def parse_date(value: object) -> dt.date:
    """Return the date written as ``2023-02-01``, ``01.02.2023`` or ``1.2.2023``.

    A :class:`datetime.date` is returned as it is; a :class:`datetime.datetime` is refused,
    because an agreement's dates are whole days.
    """
    if isinstance(value, dt.datetime):
        raise DateParseError(
            f"»{value.isoformat()}« ist ein Zeitpunkt; erwartet wird ein Datum ohne Uhrzeit."
        )
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise DateParseError(
            f"»{value}« ist kein Datum; erwartet wird z. B. 01.02.2023 oder 2023-02-01."
        )
    text = value.strip()
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _GERMAN.match(text)
        if not match:
            raise DateParseError(
                f"»{value}« ist kein Datum; erwartet wird z. B. 01.02.2023 oder 2023-02-01."
            )
        day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateParseError(
            f"»{value}« ist kein gültiges Datum (diesen Tag gibt es nicht)."
        ) from None


_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """Number of days of the month (28 to 31)."""
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAYS_IN_MONTH[month]


def add_months(day: dt.date, months: int) -> dt.date:
    """*day* moved by *months*, kept on its day number or clipped to the month's last day.

    The same as ``day + relativedelta(months=months)`` (the tests hold it to that), in plain
    integer arithmetic: the date rules call it several times per agreement, and it is the
    difference between meeting the throughput target and missing it.
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise _out_of_range(day, year > dt.MAXYEAR)
    number = day.day
    if number > 28:
        number = min(number, days_in_month(year, month))
    return dt.date(year, month, number)


# ``timedelta(days=n)`` costs more than the addition itself; the date rules move by a few
# hundred distinct day counts at most, so the deltas are made once (bounded: larger ones are not kept)
_DELTAS: dict[int, dt.timedelta] = {}
_DELTAS_KEPT = 2_000


def add_days(day: dt.date, days: int) -> dt.date:
    """*day* moved by *days*; a German error instead of an OverflowError at the calendar's ends."""
    delta = _DELTAS.get(days)
    if delta is None:
        try:
            delta = dt.timedelta(days=days)
        except OverflowError:
            raise _out_of_range(day, days > 0) from None
        if -_DELTAS_KEPT <= days <= _DELTAS_KEPT:
            _DELTAS[days] = delta
    try:
        return day + delta
    except OverflowError:
        raise _out_of_range(day, days > 0) from None


def _out_of_range(day: dt.date, later: bool) -> DateRangeError:
    if later:
        return DateRangeError(
            f"Die Frist ab {format_date(day)} reicht über das Jahr 9999 hinaus; so weit rechnet "
            "der Kalender nicht."
        )
    return DateRangeError(f"Die Frist ab {format_date(day)} reicht vor das Jahr 1 zurück.")


# the same days are formatted again and again (derivations, warnings, every row of a table)
_FORMATTED: dict[dt.date, str] = {}
_FORMATTED_KEPT = 50_000  # about 5 MB at most


def format_date(day: dt.date) -> str:
    """German short date: ``30.06.2026``."""
    text = _FORMATTED.get(day)
    if text is None:
        text = f"{day.day:02d}.{day.month:02d}.{day.year:04d}"
        if len(_FORMATTED) < _FORMATTED_KEPT:
            _FORMATTED[day] = text
    return text


@lru_cache(maxsize=12)
def _german_month_name(month: int) -> str:
    import pendulum  # formatting only; imported on first use to keep start-up fast

    return pendulum.date(2000, month, 1).format("MMMM", locale="de")


def format_long_date(day: dt.date) -> str:
    """German long date: ``30. Juni 2026``."""
    return f"{day.day}. {_german_month_name(day.month)} {day.year}"
