"""Periods (Fristen) and how they run under §§ 187, 188 BGB.

A :class:`Period` is symbolic (years, months, weeks, days); a month is never 30 days. It knows
the two ways a period runs:

* started by an event (§ 187 Abs. 1 BGB), e.g. a notice received on day D: D does not count,
  and the period ends on the day of the last month with D's number (§ 188 Abs. 2, first case),
  or on that month's last day if it has no such day (§ 188 Abs. 3);
* begun at the start of a day (§ 187 Abs. 2 BGB), e.g. a term that begins on 01.02.2023: the
  first day counts, and the period ends on the day *before* the day with the start day's
  number (§ 188 Abs. 2, second case), or on the month's last day if it has none (§ 188 Abs. 3).

The last day on which a notice may be received for a given termination date is found as the
latest day that still satisfies the notice period, never by counting backwards
(``fristen.md`` § 3; BGH III ZR 172/04; BGHZ 59, 265).

>>> p = Period.parse("sechs Monate")
>>> str(p), p.in_words("dative")
('6 Monate', 'sechs Monaten')
>>> p.end_after_event(dt.date(2025, 12, 31))          # § 188 Abs. 2, 3 BGB
datetime.date(2026, 6, 30)
>>> Period.parse("P1Y").end_of_term(dt.date(2024, 2, 29))   # § 188 Abs. 3 BGB
datetime.date(2025, 2, 28)
>>> p.last_day_of_receipt(dt.date(2027, 2, 28))
datetime.date(2026, 8, 31)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from vereinbarung.errors import PeriodParseError
from vereinbarung.law.dates import add_days, add_months, format_date

__all__ = ["Period"]

ONE_DAY = dt.timedelta(days=1)
#: The longest period accepted (a term, a renewal, a notice period): 100 years.
MAX_YEARS = 100

# Number words as they appear in agreements, in every case ("einer Frist von einem Monat").
_NUMBER_WORDS: dict[str, int] = {
    "ein": 1, "eine": 1, "einem": 1, "einen": 1, "einer": 1, "eines": 1, "eins": 1,
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
}  # fmt: skip
_WORDS_FOR_NUMBER = {
    2: "zwei", 3: "drei", 4: "vier", 5: "fünf", 6: "sechs", 7: "sieben", 8: "acht",
    9: "neun", 10: "zehn", 11: "elf", 12: "zwölf",
}  # fmt: skip

Unit = Literal["years", "months", "weeks", "days"]
_UNITS: dict[str, Unit] = {
    "jahr": "years", "jahre": "years", "jahren": "years", "jahres": "years",
    "monat": "months", "monate": "months", "monaten": "months", "monats": "months",
    "woche": "weeks", "wochen": "weeks",
    "tag": "days", "tage": "days", "tagen": "days", "tages": "days",
}  # fmt: skip
# (singular nominative, plural nominative, plural dative, grammatical gender of the unit)
_UNIT_FORMS: dict[Unit, tuple[str, str, str, str]] = {
    "years": ("Jahr", "Jahre", "Jahren", "n"),
    "months": ("Monat", "Monate", "Monaten", "m"),
    "weeks": ("Woche", "Wochen", "Wochen", "f"),
    "days": ("Tag", "Tage", "Tagen", "m"),
}
# "ein halbes Jahr" is six months, "ein Vierteljahr" three (§ 189 Abs. 1 BGB).
_FRACTIONS = {
    "ein halbes jahr": (0, 6),
    "einem halben jahr": (0, 6),
    "ein vierteljahr": (0, 3),
    "einem vierteljahr": (0, 3),
}
_ISO = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")
_GERMAN = re.compile(r"^(?:(?:mit\s+)?einer\s+frist\s+)?(?:von\s+)?(\S+)\s+(\S+)$")

Case = Literal["nominative", "dative"]


@dataclass(frozen=True, slots=True)
class Period:
    """A period of years, months, weeks and days, kept symbolic.

    Create one with :meth:`parse` (``"6 Monate"``, ``"zwei Jahre"``, ``"P6M"``) or directly,
    e.g. ``Period(months=6)``. ``str()`` gives the canonical German form ``6 Monate``.
    """

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0

    _total_months: int = field(init=False, repr=False, compare=False, hash=False)
    _extra_days: int = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        parts = (self.years, self.months, self.weeks, self.days)
        if any(p < 0 for p in parts) or not any(parts):
            raise PeriodParseError("Eine Frist muss länger als null sein.")
        if (
            12 * self.years + self.months > 12 * MAX_YEARS
            or 7 * self.weeks + self.days > 366 * MAX_YEARS
        ):
            raise PeriodParseError(
                f"Eine Frist von mehr als {MAX_YEARS} Jahren gibt es in keiner Vereinbarung."
            )
        # the date rules count in months and days; computed once, they run on every call
        object.__setattr__(self, "_total_months", 12 * self.years + self.months)
        object.__setattr__(self, "_extra_days", 7 * self.weeks + self.days)

    # -- parsing and words ------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period written in German or ISO 8601.

        German: a number (digits or a word from *eins* to *zwölf*, in any case) and a unit
        (Jahr, Monat, Woche, Tag in any form), optionally after ``von`` or ``mit einer Frist
        von``: ``6 Monate``, ``von sechs Monaten``, ``einem Jahr``, ``ein halbes Jahr``.
        ISO 8601: ``P2Y``, ``P6M``, ``P4W``, ``P14D`` and combinations such as ``P1Y6M``.
        """
        if not isinstance(text, str):
            raise PeriodParseError(f"»{text}« ist keine Frist; erwartet wird z. B. »6 Monate«.")
        raw = text.strip()
        iso = _ISO.match(raw.upper())
        if iso and any(iso.groups()):
            y, m, w, d = (int(g) if g else 0 for g in iso.groups())
            return cls._checked(raw, years=y, months=m, weeks=w, days=d)
        words = " ".join(raw.lower().split())
        words = re.sub(r"^(?:mit\s+)?(?:einer\s+frist\s+)?(?:von\s+)?", "", words)
        if " und " in words:  # "ein Jahr und sechs Monate"
            parts = [cls.parse(part) for part in words.split(" und ")]
            total = [0, 0, 0, 0]
            for part in parts:
                for i, n in enumerate((part.years, part.months, part.weeks, part.days)):
                    if n and total[i]:
                        raise PeriodParseError(f"»{text}«: dieselbe Einheit steht zweimal darin.")
                    total[i] += n
            return cls(*total)
        if words in _FRACTIONS:
            years, months = _FRACTIONS[words]
            return cls(years=years, months=months)
        match = _GERMAN.match(words)
        if not match:
            raise PeriodParseError(
                f"»{text}« ist keine Frist; erwartet wird z. B. »6 Monate«, »zwei Jahre«, "
                "»4 Wochen«, »14 Tage« oder »P6M«."
            )
        number_text, unit_text = match.groups()
        if number_text.isdigit():
            number = int(number_text)
        elif number_text in _NUMBER_WORDS:
            number = _NUMBER_WORDS[number_text]
        else:
            raise PeriodParseError(
                f"»{text}«: »{number_text}« ist keine Zahl (erlaubt: Ziffern oder eins bis zwölf)."
            )
        unit = _UNITS.get(unit_text)
        if unit is None:
            raise PeriodParseError(
                f"»{text}«: unbekannte Einheit »{unit_text}« (erlaubt: Jahre, Monate, Wochen, Tage)."
            )
        return cls._checked(text, **{unit: number})

    @classmethod
    def _checked(cls, text: str, **parts: int) -> Period:
        try:
            return cls(**parts)
        except PeriodParseError as exc:
            reason = exc.message[0].lower() + exc.message[1:]
            raise PeriodParseError(f"»{text}«: {reason}") from None

    def _parts(self) -> list[tuple[int, Unit]]:
        pairs: list[tuple[int, Unit]] = [
            (self.years, "years"),
            (self.months, "months"),
            (self.weeks, "weeks"),
            (self.days, "days"),
        ]
        return [(n, unit) for n, unit in pairs if n]

    def __str__(self) -> str:
        return _period_text(self)

    def _text(self) -> str:
        words = []
        for n, unit in self._parts():
            singular, plural, _, _ = _UNIT_FORMS[unit]
            words.append(f"{n} {singular if n == 1 else plural}")
        return " und ".join(words)

    def in_words(self, case: Case = "nominative") -> str:
        """The period in words, as an agreement writes it.

        ``nominative``: *sechs Monate*, *ein Jahr*, *eine Woche*; ``dative`` (after "mit einer
        Frist von"): *sechs Monaten*, *einem Jahr*, *einer Woche*. Numbers above twelve stay
        digits.
        """
        words = []
        for n, unit in self._parts():
            singular, plural, plural_dative, gender = _UNIT_FORMS[unit]
            if n == 1:
                if case == "dative":
                    article = "einer" if gender == "f" else "einem"
                else:
                    article = "eine" if gender == "f" else "ein"
                words.append(f"{article} {singular}")
            else:
                number = _WORDS_FOR_NUMBER.get(n, str(n))
                words.append(f"{number} {plural_dative if case == 'dative' else plural}")
        return " und ".join(words)

    def iso(self) -> str:
        """ISO 8601 form, e.g. ``P6M``."""
        return "P" + "".join(
            f"{n}{letter}" for n, letter in zip(
                (self.years, self.months, self.weeks, self.days), "YMWD", strict=True
            ) if n
        )  # fmt: skip

    # -- §§ 187, 188 BGB --------------------------------------------------------------------

    def end_after_event(self, day: dt.date) -> dt.date:
        """Last day of the period started by an event on *day* (e.g. receipt of a notice).

        § 187 Abs. 1 BGB: *day* itself does not count. § 188 Abs. 2, first case: a period of
        months or years ends with the day of the last month that has *day*'s number; § 188
        Abs. 3: if that month has no such day, with its last day. § 188 Abs. 1: days and weeks
        are counted from *day* (weeks end on the same weekday).
        """
        return _end_after(self._total_months, self._extra_days, day)

    def end_of_term(self, start: dt.date) -> dt.date:
        """Last day of a period that begins at the start of *start* (a term, a renewal).

        § 187 Abs. 2 BGB: the first day counts. § 188 Abs. 2, second case: the period ends with
        the day before the day of the last month that has *start*'s number; § 188 Abs. 3: if
        that month has no such day, with its last day (31.03. + 1 Monat → 30.04., not 29.04.).
        """
        if not self._total_months:
            return add_days(start, self._extra_days - 1)
        same_day = add_months(start, self._total_months)
        if same_day.day != start.day:  # the month has no such day: § 188 Abs. 3 BGB
            end = same_day
        else:
            end = add_days(same_day, -1)
        return add_days(end, self._extra_days) if self._extra_days else end

    def event_end_is_month_end_rule(self, day: dt.date) -> bool:
        """Whether § 188 Abs. 3 BGB decided the end of the period started on *day*."""
        if not self._total_months:
            return False
        return add_months(day, self._total_months).day != day.day

    def last_day_of_receipt(self, termination: dt.date) -> dt.date:
        """Latest day a notice may be received so that this period runs in full by *termination*.

        The latest day D such that the period started by receipt on D
        (:meth:`end_after_event`) ends no later than *termination*; D + 1 day no longer does.
        Searched from an estimate, because counting back is wrong at month ends
        (30.06.2026 with 6 Monate → 31.12.2025, not 30.12.2025).
        """
        return _last_day_of_receipt(self._total_months, self._extra_days, termination)

    def explain_last_day_of_receipt(self, termination: dt.date) -> str:
        """One line a lawyer can check: why :meth:`last_day_of_receipt` is that day."""
        return _explain_last_day_of_receipt(self, termination)

    def _explain_last_day_of_receipt(self, termination: dt.date) -> str:
        last = self.last_day_of_receipt(termination)
        after = add_days(last, 1)
        end_last = self.end_after_event(last)
        end_after = self.end_after_event(after)
        rules = "§§ 187 Abs. 1, 188 Abs. 2"
        if self.event_end_is_month_end_rule(last) or self.event_end_is_month_end_rule(after):
            rules += " und 3"
        if not self._total_months:
            rules = "§§ 187 Abs. 1, 188 Abs. 1" if not self.weeks else "§§ 187 Abs. 1, 188 Abs. 2"
        return (
            f"Zugang spätestens {format_date(last)}: {format_date(last)} + {self} = "
            f"{format_date(end_last)} ≤ {format_date(termination)}; {format_date(after)} + "
            f"{self} = {format_date(end_after)} > {format_date(termination)} ({rules} BGB)"
        )

    def explain_end_of_term(self, start: dt.date) -> str:
        """One line: how :meth:`end_of_term` follows from *start*."""
        end = self.end_of_term(start)
        rules = "§§ 187 Abs. 2, 188 Abs. 2 BGB"
        if self._total_months and add_months(start, self._total_months).day != start.day:
            rules = "§§ 187 Abs. 2, 188 Abs. 2 und 3 BGB"
        elif not self._total_months:
            rules = "§§ 187 Abs. 2, 188 Abs. 1 BGB" if not self.weeks else rules
        return f"Beginn {format_date(start)} + {self} → Ende {format_date(end)} ({rules})"


def _end_after(months: int, extra_days: int, day: dt.date) -> dt.date:
    """:meth:`Period.end_after_event` on the period's months and days."""
    end = add_months(day, months) if months else day  # clips to month end: § 188 (3)
    return add_days(end, extra_days) if extra_days else end


# every line of a derivation names its period; there are few distinct ones
@lru_cache(maxsize=1024)
def _period_text(period: Period) -> str:
    return period._text()


# a pure function of the period and the day: every notice judged and every derivation asks
@lru_cache(maxsize=4096)
def _explain_last_day_of_receipt(period: Period, termination: dt.date) -> str:
    return period._explain_last_day_of_receipt(termination)


# a pure function of three values, asked for the same year ends by many agreements
@lru_cache(maxsize=20_000)
def _last_day_of_receipt(months: int, extra_days: int, termination: dt.date) -> dt.date:
    """:meth:`Period.last_day_of_receipt`: searched from the estimate one day at a time."""
    guess = add_months(termination, -months) if months else termination
    day = add_days(guess, -extra_days) if extra_days else guess
    while _end_after(months, extra_days, day) > termination:
        day = add_days(day, -1)
    while _end_after(months, extra_days, add_days(day, 1)) <= termination:
        day = add_days(day, 1)
    return day
