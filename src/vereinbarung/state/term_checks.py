"""Checks of a term clause that issue 24 made necessary: how the engine reads what is ambiguous.

* **A fixed term binds** (§ 620 Abs. 1 BGB, § 542 Abs. 2 BGB, applied to public-law agreements
  by § 62 Satz 2 VwVfG NRW): an agreement with a first term (``ends`` or ``duration``) cannot be
  terminated ordinarily before that term has run unless the clause says so
  (``notice_during_term``). A first term that does not end on a date of the calendar rule
  (»Laufzeit bis 30.04.2031 … zum Ende eines Kalenderjahres«) is ambiguous: the engine takes the
  end of the term itself as the first Kündigungstermin (:mod:`vereinbarung.law.rule`).
* **A notice period longer than the first term**: a notice to the end of the first term must
  then be received before the Inkrafttreten; the engine allows that (the period runs from
  receipt, § 187 Abs. 1 BGB) and says so.
* **Dates that moved**: files written before the rule was in force may have relied on the old
  reading, which let a calendar rule end the agreement inside its fixed term and even on or
  before its Inkrafttreten. :func:`moved_dates` puts the old and the new date side by side.
* **A contract signed after its agreed Inkrafttreten** takes effect only with the last signature
  (§ 57 VwVfG NRW: written form; § 62 Satz 2 VwVfG NRW i. V. m. § 126 Abs. 2 BGB: the
  signatures on one document); a term given
  as a duration then runs from that day.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace

from vereinbarung.errors import DateRangeError
from vereinbarung.law.dates import format_date
from vereinbarung.law.notice import NoticeBy
from vereinbarung.law.rule import TermRule
from vereinbarung.law.termination import NoticeDays, NoticeTo, calendar_notice_dates
from vereinbarung.law.terms import status_on
from vereinbarung.model.agreement import Agreement, Regime
from vereinbarung.state.facts import Lifecycle

__all__ = [
    "BINDING",
    "late_signature",
    "moved_dates",
    "old_dates",
    "term_findings",
]

#: The sources of the rule, as cited in every message.
BINDING = "§ 620 Abs. 1 BGB, § 542 Abs. 2 BGB, § 62 Satz 2 VwVfG NRW"


def term_findings(agreement: Agreement) -> list[tuple[str, str]]:
    """(field, German message) for the ambiguous combinations of the term clause."""
    term = agreement.term
    rule = term.rule
    findings: list[tuple[str, str]] = []
    if term.notice_during_term and term.notice_to is NoticeTo.TERM_END:
        findings.append(
            ("term.notice_during_term", "»kann auch vor Ablauf der Laufzeit gekündigt werden«, "
             "aber Kündigung nur zum Laufzeitende: die Angabe bewirkt nichts – Kündigungstermin "
             "(notice_to) prüfen.")
        )  # fmt: skip
    if term.notice is None:
        return findings
    bound, first_end = rule.bound_until, rule.first_end
    if bound is not None and rule.natural_end is None and not _on_rule(term.notice_to, bound):
        after = next(calendar_notice_dates(term.notice_to, bound, None), None)
        then = (
            f", danach gilt {term.notice_to.label} (zuerst {format_date(after)})" if after else ""
        )
        findings.append(
            ("term.notice_to", f"die erste Laufzeit endet am {format_date(bound)}, das ist kein "
             f"Termin {term.notice_to.label}. So wird gerechnet: die feste Laufzeit bindet bis "
             f"zu ihrem Ende ({BINDING}); erster Kündigungstermin ist das Laufzeitende "
             f"{format_date(bound)} selbst{then}. Ist erst der erste "
             "Termin nach dem Laufzeitende gemeint, ihn als earliest_end (»frühestens zum«) "
             "eintragen; ist eine Kündigung auch während der Laufzeit erlaubt, "
             "notice_during_term: true.")
        )  # fmt: skip
    if first_end is not None and not isinstance(term.notice, NoticeBy):
        try:
            last = term.notice.last_day_of_receipt(first_end)
        except DateRangeError as exc:  # working days before 1991, or past the calendar's end
            findings.append(
                ("term.notice", f"die Kündigungsfrist ({term.notice}) zum Ende der ersten "
                 f"Laufzeit {format_date(first_end)} lässt sich nicht berechnen: {exc.message}")
            )  # fmt: skip
            return findings
        if last < rule.effective - dt.timedelta(days=1):
            findings.append(
                ("term.notice", f"die Kündigungsfrist ({term.notice}) ist länger als die erste "
                 f"Laufzeit ({format_date(rule.effective)} bis {format_date(first_end)}): "
                 "vermutlich falsch übertragen – Klausel prüfen. So wird gerechnet: eine "
                 f"Kündigung zum {format_date(first_end)} muss bis zum {format_date(last)} "
                 "zugehen, also schon vor dem Inkrafttreten; das ist zulässig, die Frist läuft "
                 "ab Zugang (§ 187 Abs. 1, § 188 BGB). Sonst wirkt sie zum nächsten Termin.")
            )  # fmt: skip
    return findings


def _on_rule(notice_to: NoticeTo | NoticeDays, day: dt.date) -> bool:
    """Whether *day* is a date of the calendar rule or fixed days."""
    return next(calendar_notice_dates(notice_to, day, None), None) == day


def old_dates(rule: TermRule, on: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """(Kündigungstermin, last day of receipt) for a notice received on *on* as the engine read
    the clause before issue 24: every date of a calendar rule or fixed days from the
    Inkrafttreten on (that day included) and before a natural end, inside a fixed first term
    too, and not its end unless it is such a date; "zum Laufzeitende" also on the Inkrafttreten.
    For a fixed term without renewal whose dates are all missed: its end and None."""
    notice, natural_end = rule.notice, rule.natural_end
    if notice is None or (natural_end is not None and on > natural_end):
        return None, None
    if rule.notice_to is NoticeTo.TERM_END:
        begun = rule.effective - dt.timedelta(days=1) if rule.effective > dt.date.min else None
        before = status_on(replace(rule, effective=begun) if begun else rule, on)
        return before.terminates_on, before.notice_deadline
    lower = max(on, rule.effective, rule.earliest_end or rule.effective)
    dates = calendar_notice_dates(rule.notice_to, lower, natural_end)
    for termination in itertools.islice(dates, _OLD_DATES):
        last = notice.last_day_of_receipt(termination)
        if last >= on:
            return termination, last
    return natural_end, None


#: Notice dates looked at for the old reading: a notice period of at most 100 years to month
#: ends (the longest the engine accepts) is reached within these.
_OLD_DATES = 1300


def moved_dates(agreement: Agreement, on: dt.date) -> str | None:
    """A German note if the Kündigungstermin or last day of receipt for a notice received on
    *on* differs between the old reading and the binding fixed term; None where nothing moved."""
    rule = agreement.rule_on(on)
    if rule.notice is None:
        return None
    (old_end, old_deadline), new = old_dates(rule, on), status_on(rule, on)
    if (old_end, old_deadline) == (new.terminates_on, new.notice_deadline):
        return None
    if rule.bound_until is not None and (old_end or on) < rule.bound_until:
        why = f"die feste Laufzeit bis {format_date(rule.bound_until)} bindet, {BINDING}"
    else:
        why = f"kein Kündigungstermin am Inkrafttreten {format_date(rule.effective)} oder davor"
    return (
        f"Geänderte Berechnung ({why}): bei Zugang am {format_date(on)} bisher Kündigung zum "
        f"{_date(old_end)} mit Zugang bis {_date(old_deadline)}, jetzt zum "
        f"{_date(new.terminates_on)} mit Zugang bis {_date(new.notice_deadline)}."
    )


def _date(day: dt.date | None) -> str:
    return format_date(day) if day is not None else "–"


def late_signature(agreement: Agreement, on: dt.date | None = None) -> str | None:
    """A German note where, under the regime ``contract``, the last signature comes after the
    agreed Inkrafttreten: the agreement takes effect only then, its term runs from then.

    *on*: only signatures given by that day count (the state of a day knows no later ones).
    """
    if agreement.regime is not Regime.CONTRACT:
        return None
    life = Lifecycle(agreement)
    signed = {p: d for p, d in life.signatures().items() if on is None or d <= on}
    founding = life.founding_parties()
    if not signed or any(party not in signed for party in founding):
        return None  # not yet signed by all: the state says so itself
    last = max(signed[party] for party in founding)
    effective = agreement.term.effective
    if last <= effective:
        return None
    text = (
        f"Die letzte Unterschrift ({format_date(last)}) liegt nach dem vereinbarten "
        f"Inkrafttreten {format_date(effective)}: wirksam wird die Vereinbarung erst mit der "
        "Unterschrift aller Parteien (Schriftform, § 57 VwVfG NRW; § 62 Satz 2 VwVfG NRW "
        f"i. V. m. § 126 Abs. 2 BGB), also am {format_date(last)}."
    )
    if agreement.term.duration is not None:
        end = agreement.term.duration.end_of_term(last)
        text += (
            f" Die Laufzeit von {agreement.term.duration.in_words(case='dative')} läuft ab diesem "
            f"Tag und endet am {format_date(end)} statt am {_date(agreement.term.first_end)}; "
            "alle Fristen verschieben sich entsprechend."
        )
    else:
        text += " Das Laufzeitende bleibt wie vereinbart; kein Kündigungstermin vor diesem Tag."
    return text + " Bitte prüfen, ob ein anderes Inkrafttreten gemeint ist."
