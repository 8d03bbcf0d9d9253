"""Terms, renewals and notice dates of an agreement; its status on a day.

The rules (``fristen.md``; §§ 187–188 BGB through § 62 Satz 2 VwVfG NRW):

* The first term begins at the start of the effective day; its end is given, or follows from
  its duration as a period of the second kind (§ 187 Abs. 2, § 188 Abs. 2 and 3 BGB).
* Each renewal begins on the day after the previous term ended and is again a period of the
  second kind: the terms are chained, never computed as "start + k × renewal" (§ 190 BGB:
  the new period is computed from the end of the previous one). After 29.01. with
  "1 Monat" the chain runs 30.01.–28.02., 01.03.–31.03.: start + 2 Monate would end 29.03.
* Notice dates (Kündigungstermine) are the term ends, every end of a calendar year, half-year,
  quarter or month, or fixed days of every year (:mod:`vereinbarung.law.termination`), never
  before "frühestens zum" and never before the effective day.
* The notice period is a :class:`Period`, a number of Arbeitstage/Werktage, or a day of the
  year by which the notice must be received (:mod:`vereinbarung.law.notice`).
* The earliest possible end for a notice received on day X is the first notice date whose last
  day of receipt (:meth:`Period.last_day_of_receipt`) is on or after X.
* The last day of receipt never moves to a working day (§ 193 BGB does not apply); a warning
  names the last working day before it.

This module knows no particular agreement, no pydantic and no files: the model turns an
agreement's term clause into a :class:`TermRule`.

>>> import datetime as dt
>>> from vereinbarung.law.periods import Period
>>> rule = TermRule(effective=dt.date(2023, 2, 1), first_end=dt.date(2026, 12, 31),
...                 renewal=Period(years=2), notice=Period(months=6))
>>> s = status_on(rule, dt.date(2026, 11, 21))
>>> s.status, s.current_term_end, s.terminates_on, s.notice_deadline
('in_force', datetime.date(2026, 12, 31), datetime.date(2028, 12, 31), datetime.date(2028, 6, 30))
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from vereinbarung.law.dates import format_date
from vereinbarung.law.notice import NoticePeriod
from vereinbarung.law.periods import MAX_YEARS, Period
from vereinbarung.law.rule import Span, TermRule
from vereinbarung.law.termination import LAST_YEAR, NoticeDays, NoticeTo
from vereinbarung.law.values import fast_init
from vereinbarung.law.workdays import (
    PracticalDeadline,
    area_label,
    check_area,
    last_working_day_before,
)

__all__ = [
    "DayStatus",
    "NoticeDays",
    "NoticeTo",
    "Span",
    "Status",
    "TermRule",
    "no_termination_text",
    "status_on",
]

Status = Literal["not_in_force", "in_force", "ended"]
STATUS_LABELS: dict[str, str] = {
    "not_in_force": "noch nicht in Kraft",
    "in_force": "in Kraft",
    "ended": "beendet",
}


@fast_init
@dataclass(frozen=True)
class DayStatus(PracticalDeadline):
    """Where an agreement stands on day ``on`` and what a notice received that day achieves.

    ``terminates_on`` is the earliest possible end for a notice received on ``on`` (for a fixed
    term without renewal: its end), ``notice_deadline`` the last day of receipt for it (None
    where no notice is needed or possible). ``missed`` is the notice date (and its deadline)
    that could no longer be reached on ``on``, if any. The German derivation is built on demand
    by :meth:`explanation`.
    """

    on: dt.date
    rule: TermRule
    status: Status
    term: Span
    terminates_on: dt.date | None
    notice_deadline: dt.date | None
    missed: tuple[dt.date, dt.date] | None = None
    land: str = "NW"
    note: str | None = None
    """Why the last day of receipt differs from the clause's own (e.g. a pending amendment)."""

    @property
    def status_label(self) -> str:
        """German status: "noch nicht in Kraft", "in Kraft", "beendet"."""
        return STATUS_LABELS[self.status]

    @property
    def current_term_end(self) -> dt.date | None:
        """End of the current term (None if it runs for an indefinite time)."""
        return self.term.end

    def warnings(self) -> list[str]:
        """German warnings: a deadline on a day without post, no way to give notice."""
        result: list[str] = [self.note] if self.note else []
        reason = self.deadline_non_working if self.notice_deadline is not None else None
        if reason is not None and self.notice_deadline is not None and self.practical_deadline:
            text = (
                f"Der letzte Tag für den Zugang der Kündigung, {format_date(self.notice_deadline)}, "
                f"ist ein {reason} ({area_label(self.land)}). Die Frist verschiebt sich dadurch "
                "nicht (§ 193 BGB gilt nicht für Kündigungsfristen, BGH III ZR 172/04); "
            )
            if self.practical_passed:
                text += (
                    "der letzte Arbeitstag davor, "
                    f"{format_date(last_working_day_before(self.notice_deadline, self.land))}, "
                    f"ist schon vorbei. Die Frist wahrt nur noch ein Zugang, der ab heute "
                    f"({format_date(self.on)}) bis zum {format_date(self.notice_deadline)} "
                    "nachweisbar bewirkt wird (z. B. Übergabe durch Boten mit Zeugen); ein "
                    "Einwurf in den Briefkasten an einem Tag ohne Dienstbetrieb gilt in der Regel "
                    "erst am nächsten Arbeitstag als zugegangen (§ 130 Abs. 1 BGB)."
                )
            else:
                text += (
                    "der Zugang sollte bis zum letzten Arbeitstag davor, "
                    f"{format_date(self.practical_deadline)}, gesichert sein."
                )
            result.append(text)
        if self.status != "ended" and self.terminates_on is None:
            if self.rule.notice is None:
                result.append(
                    "Die Vereinbarung enthält keine Kündigungsregel: eine ordentliche Kündigung "
                    "ist nach ihren Daten nicht möglich."
                )
            else:
                result.append(no_termination_text(self.rule, after_first_term=True))
        return result

    def explanation(self) -> list[str]:
        """The derivation of every date, one German line each, with the § it rests on."""
        rule = self.rule
        cite = f"({rule.clause})" if rule.clause else "(Vereinbarung)"
        lines = [f"Inkrafttreten {format_date(rule.effective)} {cite}"]
        if rule.first_end is None:
            lines.append(f"Laufzeit: unbestimmte Zeit {cite}")
        elif rule.duration is not None:
            lines.append(
                f"Laufzeit {rule.duration}: {rule.duration.explain_end_of_term(rule.effective)}"
            )
        else:
            lines.append(f"Laufzeitende {format_date(rule.first_end)} {cite}")
        if rule.renewal is not None:
            lines.append(
                f"Verlängerung um jeweils {rule.renewal}, wenn nicht gekündigt {cite}; jede "
                "Verlängerung wird vom Ablauf der vorigen an berechnet und beginnt am Tag danach "
                "(§ 190 BGB mit §§ 187 Abs. 2, 188 Abs. 2 BGB)"
            )
        elif rule.renews_indefinitely:
            lines.append(f"Nach dem Laufzeitende Verlängerung auf unbestimmte Zeit {cite}")
        elif rule.first_end is not None:
            lines.append("Keine Verlängerung: die Vereinbarung endet mit Ablauf der Laufzeit")
        if rule.renewal is not None:
            horizon = max(self.terminates_on or self.term.end or self.on, self.term.end or self.on)
            for span in rule.terms():
                if span.index == 0 or span.end is None or span.end < self.term.start:
                    continue
                if span.start > horizon:
                    break
                current = " (laufend)" if span == self.term else ""
                lines.append(
                    f"{span.label}{current}: " + rule.renewal.explain_end_of_term(span.start)
                )
        if rule.notice is not None:
            lines.append(f"{rule.notice_summary()} {cite}")
            lines += _binding_lines(rule, self.on)
        if self.status == "ended":
            lines.append(
                f"Am {format_date(self.on)} beendet: Laufzeit endete am {format_date(self.term.end or self.on)}"
            )
            return lines
        if self.status == "not_in_force":
            lines.append(f"Am {format_date(self.on)} noch nicht in Kraft")
        if self.missed is not None:
            termination, deadline = self.missed
            lines.append(
                f"Kündigung zum {format_date(termination)} nicht mehr möglich: Zugang hätte "
                f"spätestens am {format_date(deadline)} erfolgen müssen"
            )
        if self.terminates_on is not None and self.notice_deadline is not None and rule.notice:
            lines.append(rule.notice.explain_last_day_of_receipt(self.terminates_on))
            if self.notice_deadline < rule.effective:
                lines.append(
                    f"Der letzte Zugangstag {format_date(self.notice_deadline)} liegt vor dem "
                    f"Inkrafttreten am {format_date(rule.effective)}: die Kündigung kann schon "
                    "vor dem Inkrafttreten zugehen, die Kündigungsfrist läuft ab ihrem Zugang "
                    f"(§ 187 Abs. 1 BGB); beendet wird die Vereinbarung erst zum "
                    f"{format_date(self.terminates_on)}, nach ihrem Inkrafttreten."
                )
            if self.note:
                lines.append(self.note)
            receipt = "im genannten Zeitraum" if self.note else f"am {format_date(self.on)}"
            lines.append(
                f"Frühestmögliches Ende bei Zugang {receipt}: {format_date(self.terminates_on)}"
            )
            if self.deadline_non_working is not None:
                working = last_working_day_before(self.notice_deadline, self.land)
                passed = f", am {format_date(self.on)} schon vorbei" if working < self.on else ""
                lines.append(
                    f"{format_date(self.notice_deadline)} ist ein {self.deadline_non_working}; "
                    f"die Frist verschiebt sich nicht (§ 193 BGB gilt nicht, BGH III ZR 172/04); "
                    f"letzter Arbeitstag davor: {format_date(working)}{passed}"
                )
        elif self.terminates_on is not None:
            lines.append(f"Endet ohne Kündigung mit Ablauf des {format_date(self.terminates_on)}")
        return lines


def no_termination_text(rule: TermRule, *, after_first_term: bool = False) -> str:
    """Why a clause with a notice period gives no Kündigungstermin (German, one sentence or two).

    Either the clause allows notice only to the end of a term, and after the first the
    agreement runs on for an indefinite time; or the date would lie at the end of the calendar:
    notice dates are computed up to the year 8999 only (``LAST_YEAR``: ``datetime`` ends in
    9999, and a date from the year 9000 on stands for »unbefristet« in the files).
    """
    if rule.notice_to is NoticeTo.TERM_END and rule.renews_indefinitely:
        after = " nach dem ersten Laufzeitende" if after_first_term else ""
        return (
            f"Kündigungstermin{after} nicht bestimmbar: die Klausel nennt nur das Laufzeitende, "
            "die Vereinbarung läuft aber auf unbestimmte Zeit weiter. Eine dauerhafte Bindung "
            "ist nicht anzunehmen (vgl. § 23 Abs. 5 GkG NRW) – rechtlich prüfen."
        )
    return (
        "Kündigungstermin nicht bestimmbar: das Programm berechnet Kündigungstermine und "
        f"Verlängerungen nur bis zum Jahr {LAST_YEAR - 1}. Der Kalender endet mit dem Jahr "
        f"9999, und ein Datum ab dem Jahr {LAST_YEAR} steht in Vereinbarungsdateien für "
        "»unbefristet«. Bitte die Daten der Laufzeitregelung prüfen."
    )


def _binding_lines(rule: TermRule, on: dt.date) -> list[str]:
    """Why no Kündigungstermin lies inside a fixed first term (while it still runs on *on*)."""
    lines: list[str] = []
    bound = rule.bound_until
    if bound is not None and on > bound:
        return lines
    if bound is not None and rule.natural_end is not None:
        lines.append(
            f"Feste Laufzeit bis {format_date(bound)} ohne Verlängerung: eine ordentliche "
            "Kündigung vor ihrem Ablauf ist nicht vereinbart (§ 620 Abs. 1 BGB, § 542 Abs. 2 "
            "BGB, § 62 Satz 2 VwVfG NRW); die Vereinbarung endet mit Ablauf der Laufzeit"
        )
    elif bound is not None:
        lines.append(
            f"Die feste erste Laufzeit bindet bis {format_date(bound)} (§ 620 Abs. 1 BGB, § 542 "
            "Abs. 2 BGB, § 62 Satz 2 VwVfG NRW): erster Kündigungstermin ist ihr Ende "
            f"{format_date(bound)}, danach gilt {rule.notice_to.label}"
        )
    elif rule.notice_during_term and rule.first_end is not None and on <= rule.first_end:
        lines.append(
            "Kündigung auch vor Ablauf der Laufzeit vereinbart: die Termine "
            f"{rule.notice_to.label} gelten schon während der ersten Laufzeit"
            + (
                f", ihr Ende {format_date(rule.end_during_term)} bleibt Kündigungstermin"
                if rule.end_during_term is not None
                else ""
            )
        )
    return lines


def status_on(rule: TermRule, on: dt.date, *, land: str = "NW") -> DayStatus:
    """The status of the agreement with term clause *rule* on day *on*, holidays of *land*."""
    check_area(land)
    natural_end = rule.natural_end
    status: Status
    if on < rule.effective:
        status = "not_in_force"
    elif natural_end is not None and on > natural_end:
        status = "ended"
    else:
        status = "in_force"
    term = rule.term_on(on)
    if status == "ended":
        return DayStatus(on, rule, status, term, None, None, None, land)
    if rule.notice is None:
        return DayStatus(on, rule, status, term, natural_end, None, None, land)
    found, deadline, missed = _earliest_end(rule, rule.notice, on, term)
    terminates_on = natural_end if found is None else found
    return DayStatus(on, rule, status, term, terminates_on, deadline, missed, land)


def _earliest_end(
    rule: TermRule, notice: NoticePeriod, on: dt.date, term: Span
) -> tuple[dt.date | None, dt.date | None, tuple[dt.date, dt.date] | None]:
    """(first Kündigungstermin a notice received on *on* reaches, its last day of receipt, the
    first one it misses if that comes before) – the first with a last day of receipt ≥ *on*."""
    first = rule.first_termination(on, start_at=term)
    if first is None:
        return None, None, None
    last_day = notice.last_day_of_receipt(first)
    if last_day >= on:
        return first, last_day, None
    missed = (first, last_day)
    if isinstance(notice, Period) and on.year < LAST_YEAR - MAX_YEARS:
        # a notice received on `on` runs its period until `reach`; no date before it can be met
        # (the last day of receipt of a date T is on or after `on` exactly when the period
        # started on `on` ends by T, §§ 187 Abs. 1, 188 BGB)
        found = rule.first_termination(notice.end_after_event(on), start_at=term)
        if found is None:
            return None, None, missed
        return found, notice.last_day_of_receipt(found), missed
    for termination in rule.termination_dates(on, start_at=term):
        last_day = notice.last_day_of_receipt(termination)
        if last_day >= on:
            return termination, last_day, missed
    return None, None, missed
