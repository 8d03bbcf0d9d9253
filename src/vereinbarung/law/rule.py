"""The term clause as data: the chain of terms and the notice dates (Kündigungstermine).

* The first term begins at the start of the effective day; its end is given, or follows from
  its duration as a period of the second kind (§ 187 Abs. 2, § 188 Abs. 2 and 3 BGB).
* Each renewal begins on the day after the previous term ended and is again a period of the
  second kind: the terms are chained, never computed as "start + k × renewal" (§ 190 BGB:
  the new period is computed from the end of the previous one).
* Notice dates are the term ends or follow a calendar rule (:mod:`vereinbarung.law.termination`),
  never before "frühestens zum" and never on or before the effective day: nothing ends before
  it has begun.
* A fixed term binds (§ 620 Abs. 1 BGB, § 542 Abs. 2 BGB, applied to public-law agreements by
  § 62 Satz 2 VwVfG and the Länder's equal provisions): with a first term (``ends`` or
  ``duration``) no ordinary notice takes effect before its end, unless the clause allows it
  (``notice_during_term``, »kann auch vor Ablauf der Laufzeit … gekündigt werden«). Under a
  calendar rule or fixed days the first Kündigungstermin is then the end of the first term
  itself, whether or not it is a date of the rule (the fixed term ends there, and the notice
  keeps the renewal from beginning); after it the dates of the rule apply as without a fixed
  term. With ``notice_during_term`` the dates of the rule inside the term are added, and the
  term's end stays a Kündigungstermin: a right to terminate early never makes the earliest end
  later. Where the clause means the first date of the rule on or after the end instead
  (»erstmals zum Ende des Kalenderjahres, in dem die Laufzeit endet«), that date is its
  "frühestens zum" (``earliest_end``). A fixed term without renewal ends by itself: without
  ``notice_during_term`` it has no Kündigungstermin at all.

What holds on a day is :func:`vereinbarung.law.terms.status_on`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from vereinbarung.errors import VereinbarungError
from vereinbarung.law.budget import current_budget
from vereinbarung.law.dates import days_in_month, format_date
from vereinbarung.law.notice import NoticeBy, NoticePeriod
from vereinbarung.law.periods import ONE_DAY, Period
from vereinbarung.law.termination import LAST_YEAR as _LAST_YEAR
from vereinbarung.law.termination import (
    NoticeDays,
    NoticeTo,
    calendar_notice_dates,
    first_calendar_notice_date,
)
from vereinbarung.law.values import fast_init

__all__ = ["Span", "TermRule"]


@fast_init
@dataclass(frozen=True)
class Span:
    """One term: the first term (``index`` 0) or the ``index``-th renewal; ``end`` None: open."""

    start: dt.date
    end: dt.date | None
    index: int

    @property
    def label(self) -> str:
        """German name: "erste Laufzeit", "2. Verlängerung"."""
        return "erste Laufzeit" if self.index == 0 else f"{self.index}. Verlängerung"

    def __str__(self) -> str:
        end = format_date(self.end) if self.end else "unbestimmte Zeit"
        return f"{format_date(self.start)} – {end}"


@fast_init
@dataclass(frozen=True)
class TermRule:
    """The term clause of an agreement as data: what the date rules need, nothing else.

    ``first_end`` None means the agreement runs for an indefinite time from the start.
    ``renewal`` is the period of each automatic renewal; ``renews_indefinitely`` says that after
    the first term it runs on for an indefinite time. ``clause`` (e.g. ``"§ 5"``) and
    ``duration`` only serve the explanation.
    """

    effective: dt.date
    first_end: dt.date | None = None
    renewal: Period | None = None
    renews_indefinitely: bool = False
    notice: NoticePeriod | None = None
    notice_to: NoticeTo | NoticeDays = NoticeTo.TERM_END
    earliest_end: dt.date | None = None
    clause: str | None = None
    duration: Period | None = None
    notice_during_term: bool = False
    _chain: list[Span] = field(
        default_factory=list, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        if self.first_end is not None and self.first_end < self.effective:
            raise VereinbarungError(
                f"Die Laufzeit endet ({format_date(self.first_end)}) vor dem Inkrafttreten "
                f"({format_date(self.effective)})."
            )
        if self.renewal is not None and self.renews_indefinitely:
            raise VereinbarungError(
                "Eine Verlängerung ist entweder eine Frist oder »unbestimmte Zeit«, nicht beides."
            )
        if self.first_end is None and (self.renewal is not None or self.renews_indefinitely):
            raise VereinbarungError(
                "Eine Verlängerung setzt ein Laufzeitende voraus; die Vereinbarung läuft "
                "auf unbestimmte Zeit."
            )
        if (
            self.notice is not None
            and self.notice_to is NoticeTo.TERM_END
            and self.first_end is None
        ):
            raise VereinbarungError(
                "Kündigung »zum Laufzeitende«, aber die Vereinbarung hat kein Laufzeitende; "
                "gemeint ist wohl year_end, quarter_end oder month_end."
            )

    def notice_summary(self) -> str:
        """The notice rule in one German line: "Kündigungsfrist 6 Monate zum Laufzeitende"."""
        if self.notice is None:
            return "Keine ordentliche Kündigung"
        text = f"Kündigungsfrist {self.notice} {self.notice_to.label}"
        if isinstance(self.notice, NoticeBy):
            text = (
                f"Kündigung {self.notice_to.label}, Zugang bis zum {self.notice.text()} des Jahres"
            )
        if self.earliest_end is not None:
            text += f", frühestens zum {format_date(self.earliest_end)}"
        return text

    @property
    def bound_until(self) -> dt.date | None:
        """The end of the fixed first term before which no ordinary notice takes effect under a
        calendar rule or fixed days (§ 620 Abs. 1 BGB, § 542 Abs. 2 BGB, § 62 Satz 2 VwVfG);
        None where none binds: no first term, ``notice_during_term``, or notice "zum
        Laufzeitende" (its dates are the term ends anyway), and an end in the year 9000 or
        later (31.12.9999 written for "unbefristet")."""
        first_end = self.first_end
        if self.notice_during_term or self.notice_to is NoticeTo.TERM_END or first_end is None:
            return None
        if first_end.year >= _LAST_YEAR:
            return None  # 31.12.9999 written for "unbefristet": no fixed term
        return first_end

    @property
    def end_during_term(self) -> dt.date | None:
        """The end of the first term as a Kündigungstermin of its own where the clause allows
        notice during the term (``notice_during_term``) under a calendar rule or fixed days and
        the agreement renews: the right to terminate early adds the dates of the rule inside
        the term, it never takes away the term's end (without it the end is the first
        Kündigungstermin, :attr:`bound_until`). None otherwise, and for an end in the year 9000
        or later (31.12.9999 written for "unbefristet")."""
        first_end = self.first_end
        if (
            not self.notice_during_term
            or self.notice_to is NoticeTo.TERM_END
            or first_end is None
            or self.natural_end is not None
            or first_end.year >= _LAST_YEAR
        ):
            return None
        return first_end

    @property
    def first_possible_termination(self) -> dt.date:
        """The first day that may be a Kündigungstermin at all: the day after the effective day
        (nothing ends on or before the day it begins), or "frühestens zum" if later."""
        after = self.effective + ONE_DAY if self.effective < dt.date.max else self.effective
        return max(after, self.earliest_end or after)

    @property
    def natural_end(self) -> dt.date | None:
        """The day the agreement ends by itself (a fixed term without renewal), else None."""
        if self.renewal is None and not self.renews_indefinitely:
            return self.first_end
        return None

    def terms(self, start_at: Span | None = None) -> Iterator[Span]:
        """The first term and every renewal, chained (each begins the day after the last ended,
        § 190 BGB with §§ 187 Abs. 2, 188 Abs. 2 BGB).

        With *start_at* (one of these terms, e.g. from :meth:`term_on`) the chain continues
        from there. The chain from the first term is remembered on the rule: asking again (the
        term on a day, the notice dates, a notice judged on its day of receipt) does not walk
        it anew.
        """
        budget = current_budget()  # one step per term examined (law.budget)
        if start_at is not None:
            span: Span | None = start_at
            while span is not None:
                if budget is not None:
                    budget.spend()
                yield span
                span = self._after(span)
            return
        chain = self._chain
        index = 0
        while True:
            if index == len(chain):
                following = self._after(chain[-1] if chain else None)
                if following is None:
                    return
                chain.append(following)
            if budget is not None:
                budget.spend()
            yield chain[index]
            index += 1

    def _after(self, previous: Span | None) -> Span | None:
        """The term after *previous* (the first term for None), or None where the chain ends."""
        if previous is None:
            return Span(self.effective, self.first_end, 0)
        if previous.end is None or previous.end.year >= _LAST_YEAR:
            return None  # indefinite, or 31.12.9999 written for "unbefristet"
        if previous.index == 0 and self.renews_indefinitely:
            return Span(previous.end + ONE_DAY, None, 1)
        if self.renewal is None:
            return None
        start = previous.end + ONE_DAY
        if start.year >= _LAST_YEAR:
            return None
        return Span(start, self.renewal.end_of_term(start), previous.index + 1)

    def term_on(self, day: dt.date) -> Span:
        """The term that contains *day*; the first before the effective day, the last after the end."""
        span = self._renewal_on(day)
        if span is not None:
            return span
        span = Span(self.effective, self.first_end, 0)
        for span in self.terms():
            if span.end is None or span.end >= day:
                return span
        return span

    def _renewal_on(self, day: dt.date) -> Span | None:
        """The renewal containing *day* without walking the chain, where the chain is regular.

        A renewal of whole months that follows a term ending on day 1–27 of a month, or on a
        month's last day, ends on the same day number (or again on a month's last day) n months
        later: begun on the day after (§ 187 Abs. 2 BGB), it ends on the day before the day with
        its start's number (§ 188 Abs. 2 BGB), and that day exists in every month. So the k-th
        end is the first end moved by k × n months, which is what walking the chain (§ 190 BGB)
        gives; the tests hold the two equal. Other chains (ends on day 28–30, periods with days
        or weeks) can drift at February and are walked. None where this does not apply.
        """
        first_end, renewal = self.first_end, self.renewal
        if first_end is None or renewal is None or day <= first_end:
            return None
        months = renewal.months + 12 * renewal.years
        if renewal.days or renewal.weeks or not months or first_end.year >= _LAST_YEAR:
            return None
        month_end = _is_month_end(first_end)
        if first_end.day > 27 and not month_end:
            return None
        # the k-th end lies in month index base + k × months, on first_end's day number (1–27)
        # or on that month's last day; k is the first with an end on or after `day`
        base = first_end.year * 12 + first_end.month - 1
        wanted = day.year * 12 + day.month - 1
        k = max(1, -(-(wanted - base) // months))
        if (
            base + k * months == wanted
            and _end_day(base + k * months, first_end, month_end) < day.day
        ):
            k += 1
        previous = _end_of_index(base + (k - 1) * months, first_end, month_end)
        if previous.year + 1 >= _LAST_YEAR:
            return None  # near the end of the calendar the walk decides where the chain stops
        return Span(previous + ONE_DAY, _end_of_index(base + k * months, first_end, month_end), k)

    def first_termination(
        self, not_before: dt.date, *, start_at: Span | None = None
    ) -> dt.date | None:
        """The first of :meth:`termination_dates` (None: there is none), a calendar rule's
        without stepping through its dates."""
        notice_to = self.notice_to
        if isinstance(notice_to, NoticeTo) and notice_to is not NoticeTo.TERM_END:
            lower = max(not_before, self.first_possible_termination)
            natural_end, bound = self.natural_end, self.bound_until
            if bound is not None:
                if natural_end is not None:
                    return None  # a fixed term without renewal: it ends by itself
                if bound >= lower:
                    return bound
            found = first_calendar_notice_date(notice_to, lower, natural_end)
            term_end = self.end_during_term
            if term_end is not None and term_end >= lower and (found is None or found > term_end):
                return term_end
            return found
        return next(self.termination_dates(not_before, start_at=start_at), None)

    def termination_dates(
        self, not_before: dt.date, *, start_at: Span | None = None
    ) -> Iterator[dt.date]:
        """Notice dates (Kündigungstermine) on or after *not_before*, ascending.

        Never on or before the effective day, never before "frühestens zum"; under a calendar
        rule or fixed days never before the end of a binding first term (:attr:`bound_until`),
        which is itself one; for a fixed term without renewal none at all, or with
        ``notice_during_term`` only dates before its natural end (at its end it ends anyway).
        With ``notice_during_term`` and a renewal the end of the first term is one as well
        (:attr:`end_during_term`), as without the clause: an added right never removes one.
        *start_at*: a term that does not end after *not_before*'s term, to walk the chain from
        there (see :meth:`terms`).
        """
        lower = max(not_before, self.first_possible_termination)
        natural_end = self.natural_end
        if self.notice_to is NoticeTo.TERM_END:
            if natural_end is not None:
                return
            for span in self.terms(start_at):
                if span.end is None:
                    return
                if span.end >= lower:
                    yield span.end
            return
        bound = self.bound_until
        if bound is not None:
            if natural_end is not None:
                return  # a fixed term without renewal ends by itself
            if bound >= lower:
                yield bound
            lower = max(lower, bound + ONE_DAY)
        term_end = self.end_during_term
        if term_end is not None and term_end >= lower:
            for date in calendar_notice_dates(self.notice_to, lower, natural_end):
                if date >= term_end:
                    break
                yield date
            yield term_end
            lower = term_end + ONE_DAY
        yield from calendar_notice_dates(self.notice_to, lower, natural_end)


def _end_day(index: int, first_end: dt.date, month_end: bool) -> int:
    """Day number of a regular chain's end in month *index* (year × 12 + month − 1)."""
    return days_in_month(index // 12, index % 12 + 1) if month_end else first_end.day


def _end_of_index(index: int, first_end: dt.date, month_end: bool) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, _end_day(index, first_end, month_end))


def _is_month_end(day: dt.date) -> bool:
    return day.day == days_in_month(day.year, day.month)
