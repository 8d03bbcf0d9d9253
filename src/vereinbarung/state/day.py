"""The one state of an agreement on a day: :func:`state_on`.

Every adapter (``deadlines``, ``status``, ``calendar``, ``costs``, the documents, ``check``,
the web register and the JSON API) shows this value and computes no status of its own. It
combines, for the day asked:

* the facts recorded as events (:mod:`vereinbarung.state.facts`): signatures (§ 57 VwVfG NRW),
  approval and publication (§ 24 GkG NRW) and so the day the agreement took effect;
* the date rules of the term clause in force (:mod:`vereinbarung.state.deadlines`, §§ 187, 188,
  190 BGB), amendments included;
* notices, exits and Aufhebung (:mod:`vereinbarung.state.notices`);
* what the data itself says is not yet confirmed: a placeholder date (``term.placeholders``, or
  the importer's Inkrafttreten 01.01.1900) or an open review point (``review``). Such an
  agreement is ``unconfirmed``: never in force, no deadline stated as a fact.

The status vocabulary (:data:`STATUS_LABELS`) is one for all adapters; ``in_force``,
``not_in_force`` and ``ended`` keep the meaning they have had in ``deadlines --format json``.

>>> import datetime as dt
>>> from vereinbarung.model.agreement import Agreement
>>> rep = {"name": "N. N.", "title": "Bürgermeister"}
>>> a = Agreement.model_validate({"title": "Beispiel", "parties": [
...     {"name": "Stadt A", "representative": rep}, {"name": "Stadt B", "representative": rep}],
...     "term": {"effective": "01.02.2023", "ends": "31.12.2026", "renewal": "2 Jahre",
...     "notice": "6 Monate"}})
>>> s = state_on(a, dt.date(2026, 11, 21))
>>> s.status, s.current_term_end, s.terminates_on, s.notice_deadline
('in_force', datetime.date(2026, 12, 31), datetime.date(2028, 12, 31), datetime.date(2028, 6, 30))
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from vereinbarung.errors import VereinbarungError
from vereinbarung.law.dates import format_date, parse_date
from vereinbarung.law.terms import DayStatus, Span
from vereinbarung.law.values import fast_init
from vereinbarung.law.workdays import PracticalDeadline, check_area
from vereinbarung.model.agreement import Agreement
from vereinbarung.state.amendments import in_effect
from vereinbarung.state.deadlines import ReceiptWindows, dates_and_windows
from vereinbarung.state.endings import Endings, endings_on
from vereinbarung.state.facts import Dated, Lifecycle, known_on
from vereinbarung.state.next_dates import next_dates
from vereinbarung.state.open_points import PLACEHOLDER_DAY, PLACEHOLDER_LINE, points_to_resolve
from vereinbarung.state.timeline import timeline_lines

__all__ = ["PLACEHOLDER_DAY", "STATUS_LABELS", "AgreementState", "StateStatus", "state_on"]

StateStatus = Literal[
    "draft",
    "awaiting_approval",
    "awaiting_publication",
    "not_in_force",
    "in_force",
    "notice_given",
    "ended",
    "unconfirmed",
]

#: German label of every status, as every adapter shows it.
STATUS_LABELS: dict[str, str] = {
    "draft": "Entwurf (Unterschriften fehlen)",
    "awaiting_approval": "Genehmigung ausstehend",
    "awaiting_publication": "Bekanntmachung ausstehend",
    "not_in_force": "noch nicht in Kraft",
    "in_force": "in Kraft",
    "notice_given": "gekündigt",
    "ended": "beendet",
    "unconfirmed": "unbestätigt",
}


@fast_init
@dataclass(frozen=True)
class AgreementState(PracticalDeadline):
    """What holds for an agreement on day ``on``, and the derivation of every date in it.

    ``terminates_on`` is the earliest end a notice received on ``on`` can achieve (or the end
    already fixed: a fixed term, a notice given, an Aufhebung), ``notice_deadline`` its last
    day of receipt. ``dates`` is the answer of the date rules for the clause in force (None
    where no date can be stated: a draft, a placeholder, a refused approval). ``open_points``
    says what must be entered or confirmed first (status ``unconfirmed``).
    """

    on: dt.date
    status: StateStatus
    land: str
    effective: Dated | None
    dates: DayStatus | None
    terminates_on: dt.date | None
    notice_deadline: dt.date | None
    missed: tuple[dt.date, dt.date] | None
    ends_on: Dated | None
    leaves: tuple[tuple[str, dt.date], ...]
    parties: tuple[str, ...]
    next_deadline: Dated | None
    warnings: tuple[str, ...]
    open_points: tuple[str, ...]
    # what the derivation and the timeline are made of: built into text only when asked for
    agreement: Agreement = field(repr=False, compare=False)
    life: Lifecycle = field(repr=False, compare=False)
    endings: Endings = field(repr=False, compare=False)
    next_candidates: tuple[Dated, ...] = field(repr=False)
    receipt_windows: ReceiptWindows = ()
    """Where a pending amendment leaves a gap: the stretches of days (first, last) in which a
    notice received reaches ``terminates_on``; empty where every day up to the deadline does."""

    @cached_property
    def derivation(self) -> tuple[str, ...]:
        """How every date was derived, one German line each, with the § it rests on."""
        lines = self.life.effective_on(self.on)[1]
        if points_to_resolve(self.agreement)[1]:
            lines.append(PLACEHOLDER_LINE)
        rule_lines = self.dates.explanation() if self.dates is not None else []
        if lines and rule_lines:
            rule_lines = rule_lines[1:]  # the Inkrafttreten is already derived above
        notice_lines = self.endings.explanation()
        dates = self.dates
        given = any(outcome.effective for outcome in self.endings.outcomes)
        if dates is not None and (given or self.notice_deadline != dates.notice_deadline):
            # a notice given (or an end declared) is derived on its own; the derivation of a
            # further notice follows apart from it, and only while the state still states one
            split = _further_notice_start(dates, rule_lines)
            rule_lines, further = rule_lines[:split], rule_lines[split:]
            if further and self.notice_deadline is not None:
                notice_lines = [*notice_lines, _FURTHER_NOTICE, *further]
        return tuple(dict.fromkeys(lines + rule_lines + notice_lines))

    @cached_property
    def timeline(self) -> tuple[tuple[dt.date, str], ...]:
        """What happened and what is due, by day (German)."""
        return timeline_lines(
            self.agreement, self.on, self.effective, self.endings, list(self.next_candidates)
        )

    @property
    def status_label(self) -> str:
        """German status, e.g. "in Kraft", "Bekanntmachung ausstehend", "unbestätigt"."""
        return STATUS_LABELS[self.status]

    @property
    def term(self) -> Span | None:
        """The current term (first term or renewal), if dates can be stated."""
        return self.dates.term if self.dates is not None else None

    @property
    def current_term_end(self) -> dt.date | None:
        """End of the current term (None: indefinite, or no dates)."""
        return self.term.end if self.term is not None else None

    @property
    def indefinite(self) -> bool:
        """Whether the current term runs for an indefinite time (no end to show)."""
        return self.term is not None and self.term.end is None

    @property
    def leaving(self) -> dict[str, dt.date]:
        """Parties that leave (or left), with the last day they are bound."""
        return dict(self.leaves)

    @property
    def leaving_ahead(self) -> tuple[tuple[str, dt.date], ...]:
        """The parties that are still to leave (last day bound on or after ``on``) while the
        agreement stays in force for the others: (party, last day), by day."""
        if self.status not in ("in_force", "not_in_force"):
            return ()
        return tuple((party, day) for party, day in self.leaves if day >= self.on)

    @property
    def partial_notices(self) -> tuple[str, ...]:
        """Per party still to leave while the others continue, one German line:
        »Stadt X scheidet zum 31.12.2027 aus; für die übrigen Parteien in Kraft«."""
        return tuple(
            f"{party} scheidet zum {format_date(day)} aus; für die übrigen Parteien "
            f"{self.status_label}"
            for party, day in self.leaving_ahead
        )

    @property
    def days_left(self) -> int | None:
        """Days from ``on`` to the last day of receipt."""
        return (self.notice_deadline - self.on).days if self.notice_deadline else None

    def explanation(self) -> list[str]:
        """The derivation of every date, one German line each, with the § it rests on."""
        return list(self.derivation)

    def to_json(self) -> dict[str, Any]:
        """The state as JSON: ISO dates or null, German texts. Shared by every adapter."""

        def iso(day: dt.date | None) -> str | None:
            return day.isoformat() if day is not None else None

        term = self.term
        return {
            "status": self.status,
            "status_label": self.status_label,
            "on": self.on.isoformat(),
            "effective": iso(self.effective.day if self.effective else None),
            "current_term_start": iso(term.start if term else None),
            "current_term_end": iso(term.end if term else None),
            "terminates_on": iso(self.terminates_on),
            "notice_deadline": iso(self.notice_deadline),
            "receipt_windows": [
                {"from": first.isoformat(), "until": last.isoformat()}
                for first, last in self.receipt_windows
            ],
            "practical_deadline": iso(self.practical_deadline),
            "days_left": self.days_left,
            "missed_termination": iso(self.missed[0] if self.missed else None),
            "missed_notice_deadline": iso(self.missed[1] if self.missed else None),
            "ends_on": iso(self.ends_on.day if self.ends_on else None),
            "parties": list(self.parties),
            "leaves": {party: day.isoformat() for party, day in self.leaves},
            "leaving_ahead": [
                {"party": party, "last_day": day.isoformat()} for party, day in self.leaving_ahead
            ],
            "partial_notices": list(self.partial_notices),
            "next_deadline": self.next_deadline.to_json() if self.next_deadline else None,
            "open_points": list(self.open_points),
            "warnings": list(self.warnings),
            "explanation": list(self.derivation),
            "timeline": [{"date": day.isoformat(), "text": text} for day, text in self.timeline],
        }


def _as_day(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    raise VereinbarungError(f"»{value!r}« ist kein Datum (erwartet: TT.MM.JJJJ oder JJJJ-MM-TT).")


def state_on(agreement: Agreement, on: dt.date | str, *, land: str | None = None) -> AgreementState:
    """The state of *agreement* on day *on* (a date, or a German or ISO date string).

    *land*: whose public holidays decide the practical day before a deadline (default: the
    agreement's Land). Only events that happened by *on* are taken into account: the state on
    a past day is what was true then (:func:`~vereinbarung.state.facts.known_on`: nothing
    concluded, received or published later reaches back into it).
    """
    day = _as_day(on)
    agreement, warnings = in_effect(known_on(agreement, day))  # GkG amendments: § 24 GkG NRW
    land = check_area(land or agreement.holiday_area)
    life = Lifecycle(agreement)
    open_points, placeholder = points_to_resolve(agreement)
    effective, _, effect_warnings = life.effective_on(day, explain=False)
    warnings += effect_warnings
    all_signed = not life.unsigned(day)
    refused = life.refused(day)
    endings: Endings = endings_on(agreement, life, day, effective.day if effective else None)
    warnings += endings.warnings

    status: StateStatus
    if not all_signed:
        status = "draft"
    elif effective is None:
        approved = life.approval_on(day)[0] is not None
        status = "awaiting_publication" if approved else "awaiting_approval"
        if refused:
            status = "not_in_force"
    elif day < effective.day:
        status = "not_in_force"
    elif endings.ends_on is not None and day > endings.ends_on.day:
        status = "ended"
    elif endings.pending and endings.ends_for_all(day):
        status = "notice_given"  # a party only leaving: in force for the others (issue 21)
    else:
        status = "in_force"
    if open_points:
        status = "unconfirmed"

    dates: DayStatus | None = None
    receipt: ReceiptWindows = ()
    if all_signed and not refused and not placeholder:
        dates, receipt = dates_and_windows(
            agreement, day, land=land, effective=effective.day if effective else None
        )
    terminates_on = dates.terminates_on if dates else None
    notice_deadline = dates.notice_deadline if dates else None
    missed = dates.missed if dates else None
    if dates is not None and effective is None:
        # § 24 Abs. 4 GkG NRW: not in force before the day after its publication, a day not yet
        # known: a Kündigungstermin or a last day of receipt computed from the clause would be
        # a guess, so none is stated (review of issue 21, item 3)
        warnings.append(
            "Kündigungsfristen erst ab Inkrafttreten: die Vereinbarung wird am Tag nach ihrer "
            "Bekanntmachung wirksam (§ 24 Abs. 4 GkG NRW); Genehmigung und Bekanntmachung "
            "stehen noch aus. Kündigungstermine und der letzte Tag für den Zugang einer "
            "Kündigung ergeben sich ab diesem Tag."
        )
        terminates_on, notice_deadline, missed = None, None, None
    ends_on = endings.ends_on
    if status == "ended" or (dates is not None and dates.status == "ended"):
        terminates_on, notice_deadline, missed = None, None, None
    elif (
        ends_on is not None
        and ends_on.label != "Laufzeitende"
        and (terminates_on is None or ends_on.day <= terminates_on)
    ):
        terminates_on, notice_deadline, missed = ends_on.day, None, None
    if dates is not None:
        warnings += _date_warnings(dates, notice_deadline)
    if notice_deadline is None:
        receipt = ()

    bound = life.bound_parties(day, endings.leaves)
    parties = () if status == "ended" else tuple(bound)
    next_candidates = next_dates(
        agreement, life, day, status, terminates_on, notice_deadline, dates, endings, bound, receipt
    )
    next_deadline = min(next_candidates, key=lambda d: d.day) if next_candidates else None
    if status == "unconfirmed":
        warnings.insert(
            0,
            "Unbestätigt – bitte zuerst eintragen bzw. prüfen: " + " ".join(open_points),
        )
        next_deadline = None
    return AgreementState(
        on=day,
        status=status,
        land=land,
        effective=effective,
        dates=dates,
        terminates_on=terminates_on,
        notice_deadline=notice_deadline,
        missed=missed,
        ends_on=ends_on,
        leaves=(
            tuple(sorted(endings.leaves.items(), key=lambda item: (item[1], item[0])))
            if endings.leaves
            else ()
        ),
        parties=parties,
        next_deadline=next_deadline,
        warnings=tuple(dict.fromkeys(warnings)),
        open_points=tuple(open_points),
        agreement=agreement,
        life=life,
        endings=endings,
        next_candidates=tuple(next_candidates),
        receipt_windows=receipt,
    )


def _date_warnings(dates: DayStatus, notice_deadline: dt.date | None) -> list[str]:
    """The date rules' warnings, without those about a deadline that no longer applies."""
    if notice_deadline is None and dates.notice_deadline is not None:
        return [w for w in dates.warnings() if "Zugang der Kündigung" not in w and w != dates.note]
    return dates.warnings()


_FURTHER_NOTICE = (
    "Für eine weitere Kündigung, die die Vereinbarung früher beenden könnte als die schon erklärte:"
)


def _further_notice_start(dates: DayStatus, lines: list[str]) -> int:
    """Where the derivation of the date rules turns from the clause to a notice received on the
    day asked: the missed Kündigungstermin or the last day of receipt (else: the end)."""
    found = len(lines)
    notice = dates.rule.notice
    if dates.terminates_on is not None and dates.notice_deadline is not None and notice:
        receipt = notice.explain_last_day_of_receipt(dates.terminates_on)
        if receipt in lines:
            found = lines.index(receipt)
    if dates.missed is not None:
        missed = f"Kündigung zum {format_date(dates.missed[0])} nicht mehr möglich"
        for index, line in enumerate(lines[:found]):
            if line.startswith(missed):
                return index
    return found
