"""The facts of an agreement that do not depend on the day asked: signatures, taking effect.

* **Wirksamwerden.** Regime ``contract``: as the term clause says, but not before every party
  has signed (§ 57 VwVfG NRW: written form). Regime ``gkg`` (§§ 23–24 GkG NRW): approval, deemed
  given four weeks after the application unless refused (§ 24 Abs. 2), and publication; the
  agreement takes effect on the day after publication or the later day it names (§ 24 Abs. 4).
  If no signature at all is recorded, the agreement is taken as signed (and the derivation says so).
* **Who is bound** on a day: the founding parties and those that joined, less those that left.

Only events that happened by the day asked are taken into account (:func:`known_on`: what was
concluded, received, notified or published after it is left out). The one state on a day is
assembled from these facts by :func:`vereinbarung.state.day.state_on`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, TypeVar

from vereinbarung.law.dates import format_date
from vereinbarung.law.notice import NoticePeriod
from vereinbarung.law.periods import ONE_DAY, Period
from vereinbarung.law.values import fast_init
from vereinbarung.model.agreement import Agreement, Regime
from vereinbarung.model.events import (
    Amendment,
    ApprovalRefused,
    ApprovalRequested,
    Approved,
    Event,
    ExtraordinaryNotice,
    Joined,
    Notice,
    Published,
    Signed,
    TerminatedByAgreement,
)

__all__ = ["APPROVAL_PERIOD", "Dated", "Lifecycle", "NoticeOutcome", "known_on"]

_E = TypeVar("_E")

#: Approval is deemed given if the authority does not object within four weeks (§ 24 Abs. 2 GkG NRW).
APPROVAL_PERIOD = Period(weeks=4)


@fast_init
@dataclass(frozen=True)
class Dated:
    """A date, what it is, and how it was derived (German, with the rule it rests on)."""

    day: dt.date
    label: str
    derivation: str

    def to_json(self) -> dict[str, str]:
        """``{"date": ISO date, "label": …, "derivation": …}``."""
        return {"date": self.day.isoformat(), "label": self.label, "derivation": self.derivation}


@fast_init
@dataclass(frozen=True)
class NoticeOutcome:
    """What one notice achieved: whether it is effective, and the last day the party is bound."""

    by: str
    kind: Literal["notice", "extraordinary_notice"]
    effective: bool
    last_receipt: dt.date
    ends_on: dt.date | None
    lines: tuple[str, ...]
    """The derivation, without the line on the last day of receipt (see ``receipt_rule``)."""
    review: tuple[str, ...] = ()
    """Points the code cannot decide (e.g. which ground of an extraordinary notice applies)."""
    receipt_rule: tuple[NoticePeriod, dt.date, int] | None = None
    """(notice period, Kündigungstermin, position in ``lines``) of the line that derives the
    last day of receipt: written when the explanation is read."""

    @property
    def explanation(self) -> tuple[str, ...]:
        """How the notice was judged, one German line each."""
        if self.receipt_rule is None:
            return self.lines
        period, termination, position = self.receipt_rule
        line = period.explain_last_day_of_receipt(termination)
        return (*self.lines[:position], line, *self.lines[position:])


def _latest_fact(event: Event) -> dt.date:
    """The last day on which something of *event* happened: concluded, received, notified or
    published (a day it names for its effect, such as an amendment's ``effective``, is no fact).
    A signature counts as known at once: :meth:`Lifecycle.unsigned` judges its day itself, and a
    signature dated after the day asked means the party had not yet signed then (not that no
    signature is recorded, which would be taken as signed)."""
    if isinstance(event, Signed):
        return dt.date.min
    if isinstance(event, Amendment):
        return max(event.date, event.approved or event.date, event.published or event.date)
    if isinstance(event, Joined):
        return event.date
    if isinstance(event, TerminatedByAgreement):
        return max(event.date, event.published or event.date)
    if isinstance(event, Notice):
        return max(
            event.last_receipt, event.notified or dt.date.min, event.published or dt.date.min
        )
    if isinstance(event, ExtraordinaryNotice):
        return max(event.last_receipt, event.published or dt.date.min)
    return event.date


def _as_known_on(event: Event, on: dt.date) -> Event | None:
    """*event* as it was recorded by *on* (None: nothing of it had happened yet)."""
    if isinstance(event, Amendment):
        if event.date > on:
            return None
        later = {key: None for key in ("approved", "published") if (getattr(event, key) or on) > on}
        return event.model_copy(update=later) if later else event
    if isinstance(event, Joined):
        return event if event.date <= on else None
    if isinstance(event, TerminatedByAgreement):
        if event.date > on:
            return None
        return event.model_copy(update={"published": None})  # published after *on*
    if isinstance(event, Notice | ExtraordinaryNotice):
        update: dict[str, object] = {}
        if isinstance(event.received, dict):
            received = {party: day for party, day in event.received.items() if day <= on}
            if not received:
                return None
            if len(received) < len(event.received):
                update["received"] = received  # received by some parties only, so far
        elif event.received > on:
            return None
        if event.published is not None and event.published > on:
            update["published"] = None
        if isinstance(event, Notice) and event.notified is not None and event.notified > on:
            update["notified"] = None
        return event.model_copy(update=update)
    return event if event.date <= on else None


def known_on(agreement: Agreement, on: dt.date) -> Agreement:
    """*agreement* as recorded by the end of day *on*: the day asked is a boundary.

    An amendment, an Aufhebung or an accession concluded after *on* (its ``date``), a signature,
    approval or publication after it, a receipt of a notice after it (of a notice received by
    some parties only, the receipts so far) and a notification or publication after it are left
    out: an answer for a day uses only what had happened by then (§ 130 Abs. 1 BGB: a notice
    takes effect with its receipt; § 24 Abs. 4 and 5 GkG NRW: with publication).
    """
    events = agreement.events
    if not events:
        return agreement
    fields = agreement.__dict__  # the latest fact, kept per agreement like the events' index
    cached = fields.get("_latest_fact")
    if cached is None or cached[0] is not events:
        latest = dt.date.min
        for event in events:
            day = _latest_fact(event)
            if day > latest:
                latest = day
        cached = (events, latest)
        fields["_latest_fact"] = cached
    if cached[1] <= on:
        return agreement
    kept: list[Event] = []
    for event in events:
        if _latest_fact(event) <= on:
            kept.append(event)
        else:
            known = _as_known_on(event, on)
            if known is not None:
                kept.append(known)
    return agreement.model_copy(update={"events": tuple(kept)})


class Lifecycle:
    """The facts of an agreement that do not depend on the day asked about."""

    __slots__ = ("_events", "_founding", "_joined", "_names", "_signatures", "agreement")

    def __init__(self, agreement: Agreement) -> None:
        # computed once per agreement (every state needs all three): they do not depend on the day
        # (plain loops: a comprehension costs a function call of its own, and this runs per state)
        self.agreement = agreement
        self._events = agreement.events_by_type()
        days: dict[str, dt.date] = {}
        for block in agreement.signatures:
            if block.date is not None:
                days[block.party] = block.date
        for event in self.events(Signed):
            days[event.party] = event.date
        self._signatures = days
        self._joined: dict[str, dt.date] = {}
        for joining in self.events(Joined):
            self._joined[joining.party] = joining.effective
        self._names: list[str] = []
        for party in agreement.parties:
            self._names.append(party.name)
        self._founding: list[str] = (
            [name for name in self._names if name not in self._joined]
            if self._joined
            else self._names
        )

    def events(self, kind: type[_E]) -> tuple[_E, ...]:
        """The recorded events of one type (:meth:`Agreement.events_of`)."""
        return self._events.get(kind, ())  # type: ignore[arg-type, return-value]

    # -- signatures and taking effect ---------------------------------------------------------

    def signatures(self) -> dict[str, dt.date]:
        """Recorded signature day per party: ``signed`` events and dated signature blocks."""
        return self._signatures

    def joined(self) -> dict[str, dt.date]:
        """Parties that joined later, with the day they are bound from."""
        return self._joined

    def founding_parties(self) -> list[str]:
        """The parties that conclude the agreement (not those that join later)."""
        return self._founding

    def unsigned(self, on: dt.date) -> list[str]:
        """Founding parties whose signature is not recorded by *on* (none if none is recorded:
        then the agreement is taken as signed)."""
        signatures = self._signatures
        if not signatures:
            return []
        missing: list[str] = []
        for party in self._founding:
            signed = signatures.get(party)
            if signed is None or signed > on:
                missing.append(party)
        return missing

    def effective_on(
        self, on: dt.date, *, explain: bool = True
    ) -> tuple[Dated | None, list[str], list[str]]:
        """(effective date if known by *on*, derivation lines, warnings).

        *explain*: False leaves out the derivation lines where they cost something to write (the
        state asks for them only when its derivation is read).
        """
        agreement = self.agreement
        term = agreement.term
        lines: list[str] = []
        warnings: list[str] = []
        if explain:
            cite = f" ({term.clause})" if term.clause else ""
            lines.append(f"Inkrafttreten laut Vereinbarung: {format_date(term.effective)}{cite}")
        effective = term.effective
        signatures = self._signatures
        if not signatures:
            lines.append("Unterschriften nicht erfasst: die Vereinbarung gilt als unterschrieben")
        else:
            missing = self.unsigned(on)
            if missing:
                lines.append(f"Es fehlen noch Unterschriften: {', '.join(missing)}")
                return None, lines, warnings
            last = max([signatures[p] for p in self._founding])
            if explain:
                lines.append(
                    f"Letzte Unterschrift {format_date(last)}: wirksam nicht vor Unterzeichnung "
                    "durch alle Parteien (Schriftform, § 57 VwVfG NRW)"
                )
            effective = max(effective, last)
        if agreement.regime is Regime.GKG:
            approval, approval_lines, approval_warnings = self.approval_on(on)
            lines += approval_lines
            warnings += approval_warnings
            if approval is None:
                return None, lines, warnings
            published = [e for e in self.events(Published) if e.date <= on]
            if not published:
                lines.append("Bekanntmachung fehlt noch (§ 24 Abs. 3 GkG NRW)")
                return None, lines, warnings
            publication = min(e.date for e in published)
            if publication < approval.day:
                warnings.append(
                    f"Bekanntmachung am {format_date(publication)} vor der Genehmigung "
                    f"({format_date(approval.day)})."
                )
            lines.append(
                f"Bekanntmachung {format_date(publication)}: wirksam frühestens am Tag danach, "
                f"{format_date(publication + ONE_DAY)} (§ 24 Abs. 4 GkG NRW)"
            )
            effective = max(effective, publication + ONE_DAY)
        several = bool(signatures) or agreement.regime is Regime.GKG
        rule = "späteste der genannten Voraussetzungen" if several else "laut Vereinbarung"
        derivation = f"Wirksam ab {format_date(effective)} ({rule})"
        lines.append(derivation)
        return Dated(effective, "Wirksamwerden", derivation), lines, warnings

    def approval_on(self, on: dt.date) -> tuple[Dated | None, list[str], list[str]]:
        refused = [e for e in self.events(ApprovalRefused) if e.day <= on]
        approved = [e for e in self.events(Approved) if e.day <= on]
        requested = [e for e in self.events(ApprovalRequested) if e.day <= on]
        if approved:
            day = min(e.date for e in approved)
            return (
                Dated(day, "Genehmigung", f"Genehmigt am {format_date(day)}"),
                [f"Genehmigung der Aufsichtsbehörde am {format_date(day)} (§ 24 Abs. 2 GkG NRW)"],
                [],
            )
        if not requested:
            return None, ["Genehmigung noch nicht beantragt (§ 24 Abs. 2 GkG NRW)"], []
        applied = min(e.date for e in requested)
        deemed = self.deemed_approval()
        assert deemed is not None  # there is an application
        in_time = [e for e in refused if e.date <= deemed.day]
        if in_time:
            day = min(e.date for e in in_time)
            return (
                None,
                [f"Genehmigung am {format_date(day)} versagt"],
                [
                    f"Die Aufsichtsbehörde hat die Genehmigung am {format_date(day)} versagt: die "
                    "Vereinbarung wird nicht wirksam."
                ],
            )
        if deemed.day >= on:
            return (
                None,
                [f"Genehmigung beantragt am {format_date(applied)}; {deemed.derivation}"],
                [],
            )
        late = [
            f"Versagung am {format_date(e.date)} nach Ablauf der Vierwochenfrist: die Genehmigung "
            f"galt bereits mit Ablauf des {format_date(deemed.day)} als erteilt (§ 24 Abs. 2 GkG "
            "NRW); aufheben könnten sie nur Rücknahme oder Widerruf – rechtlich prüfen."
            for e in refused
        ]
        return deemed, [deemed.derivation], late

    def refused(self, on: dt.date) -> bool:
        """Whether approval was refused in time (GkG): the agreement will not take effect."""
        if self.agreement.regime is not Regime.GKG:
            return False
        if any(e.day <= on for e in self.events(Approved)):
            return False
        refusals = [e for e in self.events(ApprovalRefused) if e.day <= on]
        if not refusals:
            return False
        deemed = self.deemed_approval()
        limit = deemed.day if deemed else dt.date.max
        return any(e.date <= limit for e in refusals)

    def deemed_approval(self) -> Dated | None:
        """The day approval is deemed given (end of four weeks from the application), if applied."""
        requested = self.events(ApprovalRequested)
        if not requested:
            return None
        applied = min(e.date for e in requested)
        day = APPROVAL_PERIOD.end_after_event(applied)
        return Dated(
            day,
            "Genehmigungsfiktion",
            f"Genehmigung gilt mit Ablauf des {format_date(day)} als erteilt, sofern die "
            "Aufsichtsbehörde nicht innerhalb dieser Frist Bedenken geltend gemacht hat (Wortlaut "
            f"von § 24 Abs. 2 GkG NRW prüfen): Antrag {format_date(applied)} + {APPROVAL_PERIOD} "
            "(§§ 187 Abs. 1, 188 Abs. 2 BGB)",
        )

    def bound_parties(self, day: dt.date, leaving: dict[str, dt.date]) -> list[str]:
        """Parties bound on *day*: joined by then, not left before it."""
        joined = self._joined
        if not joined and not leaving:
            return list(self._names)
        return [
            name
            for name in self._names
            if joined.get(name, dt.date.min) <= day and leaving.get(name, dt.date.max) >= day
        ]
