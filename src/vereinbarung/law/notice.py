"""Notice periods that are no calendar period: working days, and a day of receipt per year.

Besides a period of months, weeks or days (:class:`~vereinbarung.law.periods.Period`) public-law
agreements write two more forms of the Kündigungsfrist:

* **"10 Arbeitstage"**, **"12 Werktage"** (:class:`WorkdayPeriod`): the period starts with
  receipt, the day of receipt does not count (§ 187 Abs. 1 BGB), and ends at the end of the
  N-th working day (§ 188 Abs. 1 BGB). Arbeitstage are Monday to Friday, Werktage Monday to
  Saturday (§ 193 BGB names Saturday apart from the Werktage only for the end of a period;
  § 3 Abs. 2 BUrlG defines Werktage as all calendar days that are not Sundays or public
  holidays); neither counts a public holiday of the agreement's Land (``holidays`` package,
  :mod:`vereinbarung.law.workdays`).
* **"bis zum 30.06. eines Jahres"** (:class:`NoticeBy`): "Die Kündigung muss bis zum 30.06.
  eines Jahres zum Jahresende zugehen". The last day of receipt for a notice date is the last
  30.06. on or before it; there is no period to count.

Both answer the same questions as a ``Period``: the last day of receipt for a notice date
(the latest day from which the notice still reaches it, never counted backwards naively;
BGH III ZR 172/04) and a German line that derives it.

>>> import datetime as dt
>>> ten = WorkdayPeriod(10, land="NW")
>>> ten.end_after_event(dt.date(2026, 12, 18))        # Fr; 25., 26.12., 1.1. are holidays
datetime.date(2027, 1, 5)
>>> ten.last_day_of_receipt(dt.date(2026, 12, 31))
datetime.date(2026, 12, 16)
>>> NoticeBy(6, 30).last_day_of_receipt(dt.date(2026, 12, 31))
datetime.date(2026, 6, 30)
>>> NoticeBy(9, 30).last_day_of_receipt(dt.date(2027, 7, 31))
datetime.date(2026, 9, 30)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from vereinbarung.errors import PeriodParseError
from vereinbarung.law.budget import spend
from vereinbarung.law.dates import add_days, format_date
from vereinbarung.law.periods import Period
from vereinbarung.law.termination import day_of_year_words, parse_day_of_year
from vereinbarung.law.workdays import area_label, check_area, non_working_reason

__all__ = ["NoticeBy", "NoticePeriod", "WorkdayPeriod", "parse_notice_period"]

_MAX_WORKDAYS = 366
_WORKDAYS = re.compile(
    r"^(?:(?:mit\s+)?einer\s+frist\s+)?(?:von\s+)?(\d+|\S+)\s+(arbeitstag|arbeitstage|arbeitstagen|"
    r"werktag|werktage|werktagen)$"
)
_NUMBER_WORDS = {
    "ein": 1, "einem": 1, "einen": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
}  # fmt: skip
_WORDS = {v: k for k, v in _NUMBER_WORDS.items() if k not in ("ein", "einem", "einen", "eins")}

Case = Literal["nominative", "dative"]


@dataclass(frozen=True, slots=True)
class WorkdayPeriod:
    """N Arbeitstage (Monday–Friday) or, with ``saturdays``, N Werktage (Monday–Saturday).

    Public holidays of ``land`` never count. The model binds the agreement's Land.
    """

    count: int
    saturdays: bool = False
    land: str = "NW"

    def __post_init__(self) -> None:
        if not 1 <= self.count <= _MAX_WORKDAYS:
            raise PeriodParseError(
                f"Eine Frist von {self.count} {self.unit_plural}n gibt es in keiner Vereinbarung "
                f"(erlaubt: 1 bis {_MAX_WORKDAYS})."
            )
        check_area(self.land)  # a Land, or a Land with local holidays (holiday_area)

    @property
    def unit_plural(self) -> str:
        """ "Arbeitstage" or "Werktage"."""
        return "Werktage" if self.saturdays else "Arbeitstage"

    def counts(self, day: dt.date) -> bool:
        """Whether *day* is one of the days this period counts."""
        reason = non_working_reason(day, self.land)
        return reason is None or (self.saturdays and reason == "Samstag")

    def __str__(self) -> str:
        if self.count == 1:
            return "1 Werktag" if self.saturdays else "1 Arbeitstag"
        return f"{self.count} {self.unit_plural}"

    def in_words(self, case: Case = "nominative") -> str:
        """ "zehn Arbeitstage" (nominative), "zehn Arbeitstagen" (dative, after "Frist von")."""
        if self.count == 1:
            article = "einem" if case == "dative" else "ein"
            return f"{article} {'Werktag' if self.saturdays else 'Arbeitstag'}"
        number = _WORDS.get(self.count, str(self.count))
        return f"{number} {self.unit_plural}{'n' if case == 'dative' else ''}"

    def end_after_event(self, day: dt.date) -> dt.date:
        """The N-th counted day after *day* (§ 187 Abs. 1, § 188 Abs. 1 BGB)."""
        spend(self.count)  # law.budget: a count of days per call
        found = 0
        while found < self.count:
            day = add_days(day, 1)
            if self.counts(day):
                found += 1
        return day

    def last_day_of_receipt(self, termination: dt.date) -> dt.date:
        """Latest day of receipt from which the period ends by *termination*.

        The period from D ends by *termination* exactly if N counted days lie in
        (D, termination]: D is the day before the N-th counted day back from *termination*.
        """
        spend(self.count)  # law.budget: a count of days per call
        day, found = termination, 0
        while True:
            if self.counts(day):
                found += 1
                if found == self.count:
                    return add_days(day, -1)
            day = add_days(day, -1)

    def explain_last_day_of_receipt(self, termination: dt.date) -> str:
        """One line a lawyer can check: why :meth:`last_day_of_receipt` is that day."""
        last = self.last_day_of_receipt(termination)
        after = add_days(last, 1)
        kind = "Montag bis Samstag" if self.saturdays else "Montag bis Freitag"
        return (
            f"Zugang spätestens {format_date(last)}: {format_date(last)} + {self} = "
            f"{format_date(self.end_after_event(last))} ≤ {format_date(termination)}; "
            f"{format_date(after)} + {self} = {format_date(self.end_after_event(after))} > "
            f"{format_date(termination)} ({kind} ohne Feiertage in {area_label(self.land)}; "
            "§§ 187 Abs. 1, 188 Abs. 1 BGB)"
        )


@dataclass(frozen=True, slots=True)
class NoticeBy:
    """ "Die Kündigung muss bis zum 30.06. eines Jahres zugehen": a day of receipt per year."""

    month: int
    day: int

    def __post_init__(self) -> None:
        parse_day_of_year(f"{self.day}.{self.month}.")

    @classmethod
    def parse(cls, text: object) -> NoticeBy:
        """From ``"30.06."``."""
        month, day = parse_day_of_year(text)
        return cls(month, day)

    def text(self) -> str:
        """As written in the file: ``30.06.``."""
        return f"{self.day:02d}.{self.month:02d}."

    def __str__(self) -> str:
        return f"Zugang bis zum {self.text()}"

    def in_words(self, case: Case = "nominative") -> str:
        """ "Zugang bis zum 30. Juni" (the case does not change it)."""
        del case
        return f"Zugang bis zum {day_of_year_words(self.month, self.day)}"

    def last_day_of_receipt(self, termination: dt.date) -> dt.date:
        """The last such day on or before *termination*."""
        this_year = dt.date(termination.year, self.month, self.day)
        if this_year <= termination:
            return this_year
        return dt.date(termination.year - 1, self.month, self.day)

    def explain_last_day_of_receipt(self, termination: dt.date) -> str:
        """One line a lawyer can check: why :meth:`last_day_of_receipt` is that day."""
        last = self.last_day_of_receipt(termination)
        return (
            f"Zugang spätestens {format_date(last)}: die Kündigung muss bis zum {self.text()} "
            f"eines Jahres zugehen; der letzte {self.text()} bis zum Kündigungstermin "
            f"{format_date(termination)} ist der {format_date(last)} (Vereinbarung; § 130 BGB)"
        )


#: Every form of the notice period (Kündigungsfrist) an agreement may name.
NoticePeriod = Period | WorkdayPeriod | NoticeBy


def parse_notice_period(text: object, land: str = "NW") -> Period | WorkdayPeriod:
    """A Kündigungsfrist: a :class:`Period` or ``10 Arbeitstage`` / ``12 Werktage``.

    >>> str(parse_notice_period("zehn Arbeitstage")), str(parse_notice_period("von 12 Werktagen"))
    ('10 Arbeitstage', '12 Werktage')
    """
    if isinstance(text, str):
        words = " ".join(text.lower().split())
        match = _WORKDAYS.match(words)
        if match:
            number_text, unit = match.groups()
            number = int(number_text) if number_text.isdigit() else _NUMBER_WORDS.get(number_text)
            if number is None:
                raise PeriodParseError(
                    f"»{text}«: »{number_text}« ist keine Zahl (erlaubt: Ziffern oder eins bis zwölf)."
                )
            return WorkdayPeriod(number, saturdays=unit.startswith("werk"), land=land)
    try:
        return Period.parse(text)  # type: ignore[arg-type]  # Period.parse reports non-strings
    except PeriodParseError as exc:  # a Kündigungsfrist may also count Arbeitstage or Werktage
        calendar_units = "(erlaubt: Jahre, Monate, Wochen, Tage)"
        if calendar_units not in exc.message:
            raise
        units = "(erlaubt: Jahre, Monate, Wochen, Tage, Arbeitstage, Werktage)"
        raise PeriodParseError(exc.message.replace(calendar_units, units)) from None
