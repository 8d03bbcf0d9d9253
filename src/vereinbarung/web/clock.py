"""The clock of the web adapter: today in Europe/Berlin, passed down as a plain date."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


def now() -> dt.datetime:
    """The current moment in Europe/Berlin."""
    return dt.datetime.now(BERLIN)


def today() -> dt.date:
    """The current day in Europe/Berlin."""
    return now().date()
