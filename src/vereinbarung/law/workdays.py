"""Working days, Saturdays, Sundays and public holidays per Land.

§ 193 BGB (a deadline on a Saturday, Sunday or holiday moves to the next working day) does not
apply to notice periods (BGH 17.02.2005, III ZR 172/04; BGHZ 59, 265; BAG 2 AZR 112/69): the
last day of receipt never moves. This module only says whether a day is a working day and which
is the last working day before it, so that staff can send in time. Holidays come from the
maintained ``holidays`` package, never from a hand-written list. Loading it takes a tenth of a
second, so a cheap pre-filter (:func:`could_be_holiday`: the fixed dates and Easter offsets on
which any German public holiday has fallen since 1990) decides first whether the package needs
to be asked at all; a test holds the filter to the package for every Land and year 1991–2200.

**Years.** The package computes every holiday from its rule (the movable feasts from Easter
Sunday, ``dateutil.easter``, which agrees with the Gauss/Meeus formula for every year 1583–9999,
held by a test), but stops at 2100 by default (``HolidayBase.end_year``): a window of its own,
not a limit of the law. The Länder's Feiertagsgesetze have no end date, so for every later year
up to 9999 (the last year the engine accepts) their rules apply as they stand: the calendar here
lifts the package's window. Before 1991 it refuses (:data:`FIRST_HOLIDAY_YEAR`): until German
unity (03.10.1990, Art. 2 Abs. 2 Einigungsvertrag) other holidays held (17. Juni in the west,
no Tag der Deutschen Einheit on 03.10., the GDR's own in the east), which neither the package
nor this module knows; a count of working days there would be wrong without saying so.

**Places.** Some holidays hold only in part of a Land (:data:`LOCAL_HOLIDAYS`): Mariä
Himmelfahrt in Bavarian municipalities with a Catholic majority (Art. 1 Abs. 1 Nr. 2, Abs. 3
BayFTG), the Augsburger Hohes Friedensfest in the city of Augsburg (Art. 1 Abs. 2 BayFTG),
Fronleichnam in some municipalities of Sachsen (§ 1 Abs. 1 SächsSFG with the
FronleichnamsVO) and Thüringen (§ 2 Abs. 2 i. V. m. § 10 Abs. 1 ThürFtG). An agreement names the
ones that hold at its place (``local_holidays``); the date rules then ask for a *holiday area*,
the Land code with those keys (``"BY+assumption_day"``, :func:`holiday_area`), wherever they ask
for a Land.

>>> import datetime as dt
>>> non_working_reason(dt.date(2026, 10, 3), "NW")
'Feiertag (Tag der Deutschen Einheit)'
>>> last_working_day_before(dt.date(2026, 1, 1), "NW")
datetime.date(2025, 12, 31)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from vereinbarung.errors import DateRangeError, VereinbarungError
from vereinbarung.law.values import fast_init

__all__ = [
    "FIRST_HOLIDAY_YEAR",
    "LANDS",
    "LOCAL_HOLIDAYS",
    "LocalHoliday",
    "PracticalDay",
    "PracticalDeadline",
    "area_label",
    "check_area",
    "could_be_holiday",
    "holiday_area",
    "last_working_day_before",
    "non_working_reason",
    "practical_day",
]

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


#: The first year whose holidays are known: the Länder's holiday law since German unity.
FIRST_HOLIDAY_YEAR = 1991
_LAST_YEAR = 9999


@dataclass(frozen=True, slots=True)
class LocalHoliday:
    """A public holiday that holds only in part of a Land, as the file format names it."""

    name: str
    """German name, as the ``holidays`` package gives it."""
    lands: tuple[str, ...]
    """The Länder where it holds in some places."""
    subdiv: str
    """The ``holidays`` subdivision whose calendar has it (a Land, or ``Augsburg``)."""
    category: str
    """The ``holidays`` category it is listed under there."""
    where: str
    """German: where it holds, with the provision."""


#: Holidays of part of a Land by their key in the file format (``local_holidays``).
LOCAL_HOLIDAYS: dict[str, LocalHoliday] = {
    "assumption_day": LocalHoliday(
        "Mariä Himmelfahrt", ("BY",), "BY", "catholic",
        "15.08., in Gemeinden mit überwiegend katholischer Bevölkerung, wie das Landesamt für "
        "Statistik sie feststellt (Art. 1 Abs. 1 Nr. 2, Abs. 3 BayFTG), z. B. München, Augsburg",
    ),
    "augsburg_peace_festival": LocalHoliday(
        "Augsburger Hohes Friedensfest", ("BY",), "Augsburg", "public",
        "08.08., im Stadtgebiet Augsburg (Art. 1 Abs. 2 BayFTG)",
    ),
    "corpus_christi": LocalHoliday(
        "Fronleichnam", ("SN", "TH"), "", "catholic",
        "in den Gemeinden der FronleichnamsVO (Sachsen, § 1 Abs. 1 SächsSFG) bzw. in den Teilen "
        "Thüringens, in denen er 1994 begangen wurde (§ 2 Abs. 2 i. V. m. § 10 Abs. 1 ThürFtG)",
    ),
}  # fmt: skip


def check_local_holidays(land: str, keys: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """*keys* of :data:`LOCAL_HOLIDAYS`, sorted, if each holds in part of *land*; else a German error."""
    for key in keys:
        holiday = LOCAL_HOLIDAYS.get(key)
        if holiday is None:
            known = ", ".join(f"{k} ({v.name})" for k, v in LOCAL_HOLIDAYS.items())
            raise VereinbarungError(f"»{key}« ist kein örtlicher Feiertag (erlaubt: {known}).")
        if land not in holiday.lands:
            raise VereinbarungError(
                f"»{key}« ({holiday.name}) ist nur in {' und '.join(holiday.lands)} ein örtlicher "
                f"Feiertag, nicht in {land}."
            )
    return tuple(sorted(set(keys)))


def holiday_area(land: str, local: tuple[str, ...] | list[str] = ()) -> str:
    """The holiday area of *land* with its *local* holidays: ``"BY"``, ``"BY+assumption_day"``.

    >>> holiday_area("BY", ["augsburg_peace_festival", "assumption_day"])
    'BY+assumption_day+augsburg_peace_festival'
    """
    keys = check_local_holidays(check_land(land), local)
    return "+".join((land, *keys))


def check_area(area: str) -> str:
    """Return *area* if it is a Land code or a holiday area (:func:`holiday_area`), else an error."""
    if area in LANDS:
        return area
    land, *local = area.split("+")
    if holiday_area(land, local) != area:
        raise VereinbarungError(f"»{area}« ist kein Bundesland-Kürzel mit örtlichen Feiertagen.")
    return area


def area_label(area: str) -> str:
    """German: ``"BY"``, ``"BY mit Mariä Himmelfahrt"``, ``"BY mit Mariä Himmelfahrt und …"``."""
    if "+" not in area:
        return area
    land, *local = area.split("+")
    names = [LOCAL_HOLIDAYS[key].name for key in local]
    listed = ", ".join(names[:-1]) + " und " + names[-1] if len(names) > 1 else names[0]
    return f"{land} mit {listed}"


#: (month, day) of every fixed-date public holiday of a Land, and the one-off days (8 May in
#: Berlin 2020 and 2025, 17 June until 1990), as the ``holidays`` package knows them.
_FIXED_DAYS = frozenset(
    {(1, 1), (1, 6), (3, 8), (5, 1), (5, 8), (6, 17), (8, 8), (8, 15), (9, 20), (10, 3),
     (10, 31), (11, 1), (12, 24), (12, 25), (12, 26), (12, 31)}
)  # fmt: skip
#: Days after Easter Sunday: Karfreitag, Ostersonntag, -montag, Himmelfahrt, Pfingsten, Fronleichnam.
_EASTER_OFFSETS = frozenset({-2, 0, 1, 39, 49, 50, 60})


def could_be_holiday(day: dt.date) -> bool:
    """False only if *day* is certainly no public holiday in any Land (a quick pre-filter)."""
    if (day.month, day.day) in _FIXED_DAYS:
        return True
    if day.month == 11 and 16 <= day.day <= 22 and day.weekday() == 2:
        return True  # Buß- und Bettag (Sachsen): the Wednesday before 23 November
    if not 3 <= day.month <= 6:
        return False
    return (day - _easter(day.year)).days in _EASTER_OFFSETS


@lru_cache(maxsize=256)
def _easter(year: int) -> dt.date:
    from dateutil.easter import easter

    return easter(year)


@lru_cache(maxsize=1)
def _germany() -> type:
    """The ``holidays`` package's Germany with its window lifted to the engine's last year."""
    from holidays.countries.germany import Germany  # the slowest import of the engine: on use

    class GermanyEveryYear(Germany):
        """Germany's holidays by the rules in force, for every year up to 9999 (not only 2100)."""

        end_year = _LAST_YEAR

    return GermanyEveryYear


@lru_cache(maxsize=512)
def _holidays(area: str, year: int) -> dict[dt.date, str]:
    if year < FIRST_HOLIDAY_YEAR:
        raise DateRangeError(
            f"Feiertage vor {FIRST_HOLIDAY_YEAR} kennt das Programm nicht (gefragt: {year}): "
            "das heutige Feiertagsrecht der Länder gilt seit der Deutschen Einheit, davor galten "
            "andere Feiertage (z. B. der 17. Juni). Arbeitstage in diesem Jahr bitte von Hand "
            "zählen."
        )
    land, *local = check_area(area).split("+")
    germany = _germany()
    calendar: dict[dt.date, str] = dict(germany(subdiv=land, years=year, language="de").items())
    for key in local:
        holiday = LOCAL_HOLIDAYS[key]
        where = germany(
            subdiv=holiday.subdiv or land, years=year, categories=(holiday.category,), language="de"
        )
        calendar.update({day: name for day, name in where.items() if name == holiday.name})
    return calendar


@lru_cache(maxsize=8192)  # deadlines cluster on month and year ends: asked again and again
def non_working_reason(day: dt.date, land: str) -> str | None:
    """Why *day* is no working day in *land* (``Samstag``, ``Sonntag``, ``Feiertag (…)``), or None.

    *land*: a Land code or a holiday area (:func:`holiday_area`). A day before 1991 is refused
    (:data:`FIRST_HOLIDAY_YEAR`) with a German error.
    """
    name = _holidays(land, day.year).get(day) if could_be_holiday(day) else None
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


@fast_init
@dataclass(frozen=True)
class PracticalDay:
    """The day to be safe by for a last day of receipt, seen from day ``on``.

    ``reason`` says why the deadline is no working day (None: it is one, and ``day`` is the
    deadline itself). ``day`` is the last working day before it, but never before ``on``;
    ``passed`` says that the last working day before it is already over on ``on``.
    """

    reason: str | None
    day: dt.date
    passed: bool


@lru_cache(maxsize=4096)  # a state asks for it several times (warnings, next deadline, JSON)
def practical_day(deadline: dt.date, on: dt.date, land: str) -> PracticalDay:
    """When a notice due on *deadline* should be received, asked on *on* (§ 193 BGB not applied).

    >>> practical_day(dt.date(2026, 10, 3), dt.date(2026, 9, 1), "NW")
    PracticalDay(reason='Feiertag (Tag der Deutschen Einheit)', day=datetime.date(2026, 10, 2), passed=False)
    >>> practical_day(dt.date(2026, 10, 3), dt.date(2026, 10, 3), "NW").day
    datetime.date(2026, 10, 3)
    """
    reason = non_working_reason(deadline, land)
    if reason is None:
        return PracticalDay(None, deadline, passed=False)
    working = last_working_day_before(deadline, land)
    return PracticalDay(reason, max(working, on), passed=working < on)


class PracticalDeadline:
    """What follows from a last day of receipt for the people who must meet it (a mixin).

    For any answer with ``on``, ``land`` and ``notice_deadline``: the date rules' answer for a
    term clause (:class:`vereinbarung.law.terms.DayStatus`) and the state of an agreement.
    """

    __slots__ = ()
    on: dt.date
    land: str
    notice_deadline: dt.date | None

    @property
    def practical(self) -> PracticalDay | None:
        """The day to be safe by for the last day of receipt (None: no deadline)."""
        if self.notice_deadline is None:
            return None
        return practical_day(self.notice_deadline, self.on, self.land)

    @property
    def deadline_non_working(self) -> str | None:
        """Why the last day of receipt is no working day (Samstag, Sonntag, Feiertag), or None."""
        practical = self.practical
        return practical.reason if practical else None

    @property
    def practical_deadline(self) -> dt.date | None:
        """The last working day before the last day of receipt, never before ``on``: if that day
        has passed, only a receipt proven from ``on`` on still meets the deadline."""
        practical = self.practical
        return practical.day if practical else None

    @property
    def practical_passed(self) -> bool:
        """Whether the last working day before a deadline on a day without post has passed."""
        practical = self.practical
        return practical.passed if practical else False
