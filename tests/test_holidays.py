"""Holidays for every year the engine accepts, and holidays of part of a Land (issue 24).

The reference here is independent of the engine and of the ``holidays`` package: Easter Sunday
by the Gauss/Meeus formula (Meeus, *Astronomical Algorithms*, ch. 8, valid for every Gregorian
year), and the public holidays of each Land written from its Feiertagsgesetz as it stands. The
worked examples for Munich and Augsburg are counted by hand under §§ 187 Abs. 1, 188 Abs. 1 BGB
and Art. 1 BayFTG.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, get_args

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from vereinbarung import AgreementFileError, agreement_from_data, state_on
from vereinbarung.errors import DateRangeError
from vereinbarung.law.notice import WorkdayPeriod
from vereinbarung.law.workdays import (
    LANDS,
    LOCAL_HOLIDAYS,
    area_label,
    could_be_holiday,
    holiday_area,
    non_working_reason,
    practical_day,
)
from vereinbarung.model.agreement import LocalHolidayKey

D = dt.date.fromisoformat


def easter_meeus(year: int) -> dt.date:
    """Easter Sunday (Gregorian), Meeus/Jones/Butcher: integer steps, no tables."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


#: Days after Easter Sunday of the movable feasts.
_MOVABLE = {"good_friday": -2, "easter": 0, "easter_monday": 1, "ascension": 39,
            "whit_sunday": 49, "whit_monday": 50, "corpus_christi": 60}  # fmt: skip
#: Fixed holidays by (month, day).
_FIXED = {"new_year": (1, 1), "epiphany": (1, 6), "womens_day": (3, 8), "labour_day": (5, 1),
          "augsburg": (8, 8), "assumption": (8, 15), "childrens_day": (9, 20),
          "unity": (10, 3), "reformation": (10, 31), "all_saints": (11, 1),
          "christmas": (12, 25), "boxing_day": (12, 26)}  # fmt: skip
_EVERYWHERE = ("new_year", "good_friday", "easter_monday", "labour_day", "ascension",
               "whit_monday", "unity", "christmas", "boxing_day")  # fmt: skip
#: Each Land's own holidays as its Feiertagsgesetz names them today (from 2023 on).
_LAND = {
    "BW": ("epiphany", "corpus_christi", "all_saints"),
    "BY": ("epiphany", "corpus_christi", "all_saints"),
    "BE": ("womens_day",),
    "BB": ("easter", "whit_sunday", "reformation"),
    "HB": ("reformation",), "HH": ("reformation",), "NI": ("reformation",),
    "SH": ("reformation",),
    "HE": ("corpus_christi",),
    "MV": ("womens_day", "reformation"),
    "NW": ("corpus_christi", "all_saints"), "RP": ("corpus_christi", "all_saints"),
    "SL": ("corpus_christi", "assumption", "all_saints"),
    "SN": ("reformation", "repentance"),
    "ST": ("epiphany", "reformation"),
    "TH": ("childrens_day", "reformation"),
}  # fmt: skip
#: One-off holidays a Land's law adds for a single year. Berlin: the 80th anniversary of the
#: liberation (08.05.2025) and the 75th of the uprising of 17 June 1953 (17.06.2028), each made a
#: holiday for that year only by the Berlin Sonn- und Feiertagsgesetz.
_ONE_OFF = {"BE": {2025: ((5, 8),), 2028: ((6, 17),)}}
_LOCAL = {"assumption_day": "assumption", "augsburg_peace_festival": "augsburg",
          "corpus_christi": "corpus_christi"}  # fmt: skip


def reference_holidays(land: str, year: int, local: tuple[str, ...] = ()) -> set[dt.date]:
    """The public holidays of *land* (and its *local* ones) in *year*, from the statutes."""
    easter = easter_meeus(year)
    days: set[dt.date] = set()
    for name in (*_EVERYWHERE, *_LAND[land], *(_LOCAL[key] for key in local)):
        if name in _MOVABLE:
            days.add(easter + dt.timedelta(days=_MOVABLE[name]))
        elif name == "repentance":  # Buß- und Bettag: the Wednesday before 23 November
            day = dt.date(year, 11, 22)
            days.add(day - dt.timedelta(days=(day.weekday() - 2) % 7))
        else:
            days.add(dt.date(year, *_FIXED[name]))
    days.update(dt.date(year, *day) for day in _ONE_OFF.get(land, {}).get(year, ()))
    return days


def engine_holidays(area: str, year: int) -> set[dt.date]:
    first, found = dt.date(year, 1, 1), set()
    for offset in range((dt.date(year, 12, 31) - first).days + 1):
        day = first + dt.timedelta(days=offset)
        reason = non_working_reason(day, area)
        if reason is not None and reason.startswith("Feiertag"):
            found.add(day)
    return found


_AREAS = [(land, ()) for land in sorted(LANDS)] + [
    ("BY", ("assumption_day",)),
    ("BY", ("assumption_day", "augsburg_peace_festival")),
    ("BY", ("augsburg_peace_festival",)),
    ("SN", ("corpus_christi",)),
    ("TH", ("corpus_christi",)),
]


# -- Easter and the years past 2100 ----------------------------------------------------------


def test_easter_of_the_engine_is_gauss_meeus_for_every_year_it_accepts() -> None:
    from dateutil.easter import easter  # what the engine and the ``holidays`` package use

    wrong = [year for year in range(1583, 10000) if easter(year) != easter_meeus(year)]
    assert wrong == []
    assert easter_meeus(2026) == D("2026-04-05")  # known dates, to hold the reference itself
    assert easter_meeus(2101) == D("2101-04-17")
    assert easter_meeus(2285) == D("2285-03-22")  # the earliest possible
    assert easter_meeus(2038) == D("2038-04-25")  # the latest possible


@settings(max_examples=60, deadline=None)
@given(area=st.sampled_from(_AREAS), year=st.integers(2024, 9999))
@example(area=("BE", ()), year=2025)  # the one-off holidays (found by a random run in CI)
@example(area=("BE", ()), year=2028)
def test_holidays_of_every_year_against_the_statutes(
    area: tuple[str, tuple[str, ...]], year: int
) -> None:
    land, local = area
    assert engine_holidays(holiday_area(land, local), year) == reference_holidays(land, year, local)


@pytest.mark.parametrize("year", [2100, 2101, 2102, 2500, 9998])
@pytest.mark.parametrize("area", _AREAS, ids=lambda a: holiday_area(*a))
def test_holidays_right_after_the_package_window(
    area: tuple[str, tuple[str, ...]], year: int
) -> None:
    land, local = area
    expected = reference_holidays(land, year, local)
    assert engine_holidays(holiday_area(land, local), year) == expected
    assert all(could_be_holiday(day) for day in expected)  # the pre-filter holds there too


def naive_last_day_of_receipt(
    count: int, saturdays: bool, land: str, local: tuple[str, ...], termination: dt.date
) -> dt.date:
    """Walk back from the Kündigungstermin, counting Arbeitstage (Werktage) that are no holiday."""
    found, day = 0, termination
    while True:
        off = day.weekday() == 6 or (day.weekday() == 5 and not saturdays)
        if not off and day not in reference_holidays(land, day.year, local):
            found += 1
            if found == count:
                return day - dt.timedelta(days=1)
        day -= dt.timedelta(days=1)


@settings(max_examples=150, deadline=None)
@given(
    count=st.integers(1, 40),
    saturdays=st.booleans(),
    area=st.sampled_from(_AREAS),
    termination=st.dates(dt.date(2024, 3, 1), dt.date(9999, 11, 30)),
)
def test_working_day_periods_against_the_naive_count(
    count: int, saturdays: bool, area: tuple[str, tuple[str, ...]], termination: dt.date
) -> None:
    land, local = area
    period = WorkdayPeriod(count, saturdays, holiday_area(land, local))
    last = period.last_day_of_receipt(termination)
    assert last == naive_last_day_of_receipt(count, saturdays, land, local, termination)
    assert (
        period.end_after_event(last)
        <= termination
        < period.end_after_event(last + dt.timedelta(days=1))
    )


def test_ten_arbeitstage_in_saxony_to_the_end_of_2101() -> None:
    # 31.12.2101 is a Saturday. Counted back, Monday to Friday without 25./26.12.2101 (Sunday,
    # Monday: Erster/Zweiter Weihnachtstag, § 1 SächsSFG): 30., 29., 28., 27., 23., 22., 21.,
    # 20., 19., 16.12. are the ten; the period from receipt on 15.12.2101 ends with the 30.12.
    # (§§ 187 Abs. 1, 188 Abs. 1 BGB). Without the holidays of 2101 it was 18.12.2101.
    assert D("2101-12-31").weekday() == 5
    assert WorkdayPeriod(10, land="SN").last_day_of_receipt(D("2101-12-31")) == D("2101-12-15")
    assert non_working_reason(D("2101-12-26"), "SN") == "Feiertag (Zweiter Weihnachtstag)"


def test_before_1991_holidays_are_refused_not_guessed() -> None:
    # 25.12.1989 was a holiday, but under another law (17. Juni, no 03.10.): the engine says so
    # instead of offering it as a practical day
    with pytest.raises(DateRangeError, match="Feiertage vor 1991 kennt das Programm nicht"):
        practical_day(D("1989-12-26"), D("1989-12-01"), "NW")
    with pytest.raises(DateRangeError, match=r"gefragt: 1990"):
        WorkdayPeriod(10, land="NW").last_day_of_receipt(D("1991-01-04"))
    assert non_working_reason(D("1991-01-01"), "NW") == "Feiertag (Neujahr)"


# -- holidays of part of a Land ---------------------------------------------------------------


def test_the_file_keys_are_the_engines() -> None:
    assert set(get_args(LocalHolidayKey)) == set(LOCAL_HOLIDAYS)


def _agreement(land: str, local: list[str], notice: str = "20 Arbeitstage") -> Any:
    rep = {"name": "N. N.", "title": "Oberbürgermeisterin"}
    return agreement_from_data(
        {
            "title": "Kooperationsvereinbarung (Beispiel)",
            "land": land,
            "local_holidays": local,
            "parties": [
                {"name": "Landeshauptstadt München", "representative": rep},
                {"name": "Stadt Augsburg", "representative": rep},
            ],
            "term": {"effective": "2026-01-01", "notice": notice, "notice_to": "month_end"},
        },
        source="v.yaml",
    )


def test_munich_and_augsburg_count_their_local_holidays() -> None:
    # 20 Arbeitstage zum 31.08.2028 (a Thursday). Counted back, Monday to Friday (§ 188 Abs. 1
    # BGB; the day of receipt does not count, § 187 Abs. 1 BGB): 31., 30., 29., 28., 25., 24.,
    # 23., 22., 21., 18., 17., 16. August, then
    #  * Bavaria without local holidays: 15., 14., 11., 10., 09., 08., 07., 04. → receipt by 03.08.
    #  * München (Mariä Himmelfahrt, Tuesday 15.08.2028, is a holiday in municipalities with a
    #    Catholic majority, Art. 1 Abs. 1 Nr. 2, Abs. 3 BayFTG): 14., 11., 10., 09., 08., 07.,
    #    04., 03. → receipt by 02.08.2028, one Arbeitstag earlier
    #  * Augsburg (also the Friedensfest, Tuesday 08.08.2028, Art. 1 Abs. 2 BayFTG): 14., 11.,
    #    10., 09., 07., 04., 03., 02. → receipt by 01.08.2028
    on = D("2028-07-15")
    cases = [([], D("2028-08-03")), (["assumption_day"], D("2028-08-02")),
             (["assumption_day", "augsburg_peace_festival"], D("2028-08-01"))]  # fmt: skip
    for local, deadline in cases:
        state = state_on(_agreement("BY", local), on)
        assert (state.terminates_on, state.notice_deadline) == (D("2028-08-31"), deadline), local
    munich = state_on(_agreement("BY", ["assumption_day"]), on)
    assert "ohne Feiertage in BY mit Mariä Himmelfahrt;" in " ".join(munich.derivation)
    augsburg = _agreement("BY", ["augsburg_peace_festival", "assumption_day"])
    assert augsburg.holiday_area == "BY+assumption_day+augsburg_peace_festival"
    assert area_label(augsburg.holiday_area) == (
        "BY mit Mariä Himmelfahrt und Augsburger Hohes Friedensfest"
    )


def test_a_deadline_on_a_local_holiday_gives_the_working_day_before() -> None:
    # 6 Monate zum 15.02.2029: last day of receipt 15.08.2028, in Munich Mariä Himmelfahrt;
    # the practical day is Monday 14.08.2028 (§ 193 BGB does not move the deadline)
    assert practical_day(D("2028-08-15"), D("2028-07-01"), "BY+assumption_day").day == D(
        "2028-08-14"
    )
    assert practical_day(D("2028-08-15"), D("2028-07-01"), "BY").reason is None


def test_fronleichnam_in_saxony_and_thuringia_only_where_named() -> None:
    # Fronleichnam 2026: Easter 05.04. + 60 = Thursday 04.06.2026
    assert non_working_reason(D("2026-06-04"), "SN") is None
    assert non_working_reason(D("2026-06-04"), "SN+corpus_christi") == "Feiertag (Fronleichnam)"
    assert non_working_reason(D("2026-06-04"), "TH+corpus_christi") == "Feiertag (Fronleichnam)"


@pytest.mark.parametrize(
    ("land", "local", "message"),
    [
        ("NW", ["assumption_day"], "»assumption_day« (Mariä Himmelfahrt) ist nur in BY ein "
         "örtlicher Feiertag, nicht in NW."),
        ("BY", ["corpus_christi"], "»corpus_christi« (Fronleichnam) ist nur in SN und TH ein "
         "örtlicher Feiertag, nicht in BY."),
        ("BY", ["fasching"], "Feld local_holidays › Nr. 1: Wert »fasching« ist nicht erlaubt"),
    ],
)  # fmt: skip
def test_a_local_holiday_of_another_land_is_refused(
    land: str, local: list[str], message: str
) -> None:
    with pytest.raises(AgreementFileError, match=r"v\.yaml") as error:
        _agreement(land, local)
    assert message in str(error.value)


# -- a file with working days before 1991 among others (review of issue 24) ----------------------


def _old_and_new_files(tmp_path: Any) -> list[str]:
    parties = "".join(
        f"  - name: {name}\n    representative: {{name: N. N., title: Bürgermeister}}\n"
        for name in ("Stadt A", "Gemeinde B")
    )
    paths = []
    for name, effective, ends in (
        ("a", "2020-01-01", "2021-12-31"),
        ("old", "1988-01-01", "1989-12-31"),
        ("b", "2020-01-01", "2021-12-31"),
    ):
        path = tmp_path / f"{name}.yaml"
        path.write_text(
            f"title: Vereinbarung {name}\nparties:\n{parties}term:\n  effective: {effective}\n"
            f"  ends: {ends}\n  renewal: 1 Jahr\n  notice: 10 Arbeitstage\n"
            "  notice_to: term_end\nevents: []\n",
            encoding="utf-8",
        )
        paths.append(str(path))
    return paths


def test_check_reports_a_file_before_1991_and_checks_the_others(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    # 10 Arbeitstage zum Laufzeitende 31.12.1989: the holidays of 1989 (17. Juni, Buß- und
    # Bettag …) are not today's; the check says so for old.yaml and goes on with b.yaml
    from .cli_runner import run

    paths = _old_and_new_files(tmp_path)
    code, out, err = run(capsys, "check", *paths)
    assert "Fehler: Feiertage vor 1991" not in err
    assert (
        f"{paths[1]}: Warnung: Feld term.notice: die Kündigungsfrist (10 Arbeitstage) zum Ende "
        "der ersten Laufzeit 31.12.1989 lässt sich nicht berechnen: Feiertage vor 1991"
    ) in out
    assert f"{paths[2]}: Warnung" in out
    assert "3 Datei(en) geprüft: 3 gültig, 0 fehlerhaft, 3 mit Warnungen." in out
    # deadlines on a day in 1989 names the file and lists the others
    code, out, err = run(capsys, "deadlines", *paths, "--on", "1989-12-01")
    assert code == 2
    assert f"Fehler: {paths[1]}: Feiertage vor 1991" in err
    assert out.count("Vereinbarung a") + out.count("Vereinbarung b") == 2
    code, _, err = run(capsys, "status", paths[1], "--on", "1989-12-01")
    assert code == 2
    assert f"{paths[1]}: Feiertage vor 1991" in err
