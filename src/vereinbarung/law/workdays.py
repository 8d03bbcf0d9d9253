"""Working days, Saturdays, Sundays and public holidays per Land.

§ 193 BGB (a deadline on a Saturday, Sunday or holiday moves to the next working day) does not
apply to notice periods (BGH 17.02.2005, III ZR 172/04; BGHZ 59, 265; BAG 2 AZR 112/69): the
last day of receipt never moves. This module only says whether a day is a working day and which
is the last working day before it, so that staff can send in time. Holidays come from the
maintained ``holidays`` package, never from a hand-written list.

>>> import datetime as dt
>>> non_working_reason(dt.date(2026, 10, 3), "NW")
'Feiertag (Tag der Deutschen Einheit)'
>>> last_working_day_before(dt.date(2026, 1, 1), "NW")
datetime.date(2025, 12, 31)
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from vereinbarung.errors import VereinbarungError

__all__ = ["LANDS", "last_working_day_before", "non_working_reason"]

#: The Länder by their ISO 3166-2 code (as the ``holidays`` package names them).
LANDS: dict[str, str] = {
    "BB": "Brandenburg",
    "BE": "Berlin",
    "BW": "Baden-Württemberg",
    "BY": "Bayern",
    "HB": "Bremen",
    "HE": "Hessen",
    "HH": "Hamburg",
    "MV": "Mecklenburg-Vorpommern",
    "NI": "Niedersachsen",
    "NW": "Nordrhein-Westfalen",
    "RP": "Rheinland-Pfalz",
    "SH": "Schleswig-Holstein",
    "SL": "Saarland",
    "SN": "Sachsen",
    "ST": "Sachsen-Anhalt",
    "TH": "Thüringen",
}


def check_land(land: str) -> str:
    """Return *land* if it is a Land code such as ``NW``, else raise a German error."""
    if land not in LANDS:
        known = ", ".join(sorted(LANDS))
        raise VereinbarungError(f"»{land}« ist kein Bundesland-Kürzel (erlaubt: {known}).")
    return land


@lru_cache(maxsize=512)
def _holidays(land: str, year: int) -> dict[dt.date, str]:
    import holidays  # imported on first use: it is the slowest import of the engine

    calendar = holidays.country_holidays("DE", subdiv=check_land(land), years=year, language="de")
    return dict(calendar.items())


def non_working_reason(day: dt.date, land: str) -> str | None:
    """Why *day* is no working day in *land* (``Samstag``, ``Sonntag``, ``Feiertag (…)``), or None."""
    name = _holidays(land, day.year).get(day)
    if name is not None:
        return f"Feiertag ({name})"
    weekday = day.weekday()
    if weekday == 5:
        return "Samstag"
    if weekday == 6:
        return "Sonntag"
    return None


def last_working_day_before(day: dt.date, land: str) -> dt.date:
    """The last working day (Monday to Friday, no public holiday in *land*) before *day*."""
    candidate = day - dt.timedelta(days=1)
    while non_working_reason(candidate, land) is not None:
        candidate -= dt.timedelta(days=1)
    return candidate
