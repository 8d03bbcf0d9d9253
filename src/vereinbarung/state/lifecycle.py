"""What is true of an agreement on a day, given what happened: the lifecycle.

Above the model and the date rules. From the ``events`` of an agreement it derives, for a day:

* **Wirksamwerden.** Regime ``contract``: as the term clause says, but not before every party
  has signed (§ 57 VwVfG NRW: written form). Regime ``gkg`` (§§ 23–24 GkG NRW): approval, deemed
  given four weeks after the application unless refused (§ 24 Abs. 2), and publication; the
  agreement takes effect on the day after publication or the later day it names (§ 24 Abs. 4).
  If no signature at all is recorded, the agreement is taken as signed (and the timeline says so).
* **Notices.** Effective only in written form (a signed original or a qualified electronic
  signature, §§ 126, 126a BGB, § 3a VwVfG NRW; e-mail is not enough) and only once every other
  party still bound has received it; the deadline is judged on the last receipt. A timely notice
  ends at the earliest notice date, a late one at the next. Under GkG the ending also needs
  notification and publication (§ 24 Abs. 5 GkG NRW) and is not effective before publication.
  The agreement's ``on_party_notice`` policy decides whether it ends for all or the party leaves.
* **Amendments** apply from their effective day (:meth:`Agreement.version_on`).

Only events that happened by the day are taken into account: the status on a past day is what
was true then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from vereinbarung.law.dates import format_date
from vereinbarung.law.periods import ONE_DAY, Period
from vereinbarung.law.terms import DayStatus, status_on
from vereinbarung.model.agreement import Agreement, Regime
from vereinbarung.model.events import (
    Amendment,
    ApprovalRefused,
    ApprovalRequested,
    Approved,
    ExtraordinaryNotice,
    Joined,
    Notice,
    NoticeForm,
    OnPartyNotice,
    Published,
    Signed,
    TerminatedByAgreement,
)

__all__ = [
    "APPROVAL_PERIOD",
    "Dated",
    "Lifecycle",
    "LifecycleStatus",
    "NoticeOutcome",
    "lifecycle_on",
]

LifecycleState = Literal["draft", "signed", "in_force", "notice_given", "ended"]
STATE_LABELS: dict[str, str] = {
    "draft": "Entwurf (noch nicht von allen unterschrieben)",
    "signed": "unterschrieben, noch nicht wirksam",
    "in_force": "in Kraft",
    "notice_given": "gekündigt, läuft bis zum Beendigungstermin",
    "ended": "beendet",
}

#: Approval is deemed given if the authority does not object within four weeks (§ 24 Abs. 2 GkG NRW).
APPROVAL_PERIOD = Period(weeks=4)


@dataclass(frozen=True, slots=True)
class Dated:
    """A date, what it is, and how it was derived (German, with the rule it rests on)."""

    day: dt.date
    label: str
    derivation: str

    def to_json(self) -> dict[str, str]:
        """``{"date": ISO date, "label": …, "derivation": …}``."""
        return {"date": self.day.isoformat(), "label": self.label, "derivation": self.derivation}


@dataclass(frozen=True, slots=True)
class NoticeOutcome:
    """What one notice achieved: whether it is effective, and the last day the party is bound."""

    by: str
    kind: Literal["notice", "extraordinary_notice"]
    effective: bool
    last_receipt: dt.date
    ends_on: dt.date | None
    explanation: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LifecycleStatus:
    """The status of an agreement on day ``on`` and the derivation of every date in it."""

    on: dt.date
    status: LifecycleState
    effective: Dated | None
    ends_on: Dated | None
    parties: tuple[str, ...]
    next_deadline: Dated | None
    derivation: tuple[str, ...]
    timeline: tuple[tuple[dt.date, str], ...]
    warnings: tuple[str, ...]
    deadlines: DayStatus | None = field(default=None)
    leaves: dict[str, dt.date] = field(default_factory=dict)
    """Parties that leave (or left) with the last day they are bound."""

    @property
    def status_label(self) -> str:
        """German status."""
        return STATE_LABELS[self.status]


@dataclass(frozen=True)
class Lifecycle:
    """The facts of an agreement that do not depend on the day asked about."""

    agreement: Agreement

    # -- signatures and taking effect ---------------------------------------------------------

    def signatures(self) -> dict[str, dt.date]:
        """Recorded signature day per party: ``signed`` events and dated signature blocks."""
        days = {s.party: s.date for s in self.agreement.signatures if s.date is not None}
        for event in self.agreement.events:
            if isinstance(event, Signed):
                days[event.party] = event.date
        return days

    def joined(self) -> dict[str, dt.date]:
        """Parties that joined later, with the day they are bound from."""
        return {e.party: e.effective for e in self.agreement.events if isinstance(e, Joined)}

    def founding_parties(self) -> list[str]:
        """The parties that conclude the agreement (not those that join later)."""
        joined = self.joined()
        return [p.name for p in self.agreement.parties if p.name not in joined]

    def _events_by(self, on: dt.date) -> list[object]:
        return [e for e in self.agreement.events if e.day <= on]

    def effective_on(self, on: dt.date) -> tuple[Dated | None, list[str], list[str]]:
        """(effective date if known by *on*, derivation lines, warnings)."""
        agreement = self.agreement
        term = agreement.term
        lines: list[str] = []
        warnings: list[str] = []
        cite = f" ({term.clause})" if term.clause else ""
        lines.append(f"Inkrafttreten laut Vereinbarung: {format_date(term.effective)}{cite}")
        candidates = [term.effective]
        signatures = self.signatures()
        if not signatures:
            lines.append("Unterschriften nicht erfasst: die Vereinbarung gilt als unterschrieben")
        else:
            founding = self.founding_parties()
            missing = [p for p in founding if p not in signatures or signatures[p] > on]
            if missing:
                lines.append(f"Es fehlen noch Unterschriften: {', '.join(missing)}")
                return None, lines, warnings
            last = max(signatures[p] for p in founding)
            lines.append(
                f"Letzte Unterschrift {format_date(last)}: wirksam nicht vor Unterzeichnung durch "
                "alle Parteien (Schriftform, § 57 VwVfG NRW)"
            )
            candidates.append(last)
        if agreement.regime is Regime.GKG:
            approval, approval_lines, approval_warnings = self._approval(on)
            lines += approval_lines
            warnings += approval_warnings
            if approval is None:
                return None, lines, warnings
            published = [e for e in agreement.events if isinstance(e, Published) and e.date <= on]
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
            candidates.append(publication + ONE_DAY)
        effective = max(candidates)
        rule = (
            "späteste der genannten Voraussetzungen" if len(candidates) > 1 else "laut Vereinbarung"
        )
        derivation = f"Wirksam ab {format_date(effective)} ({rule})"
        lines.append(derivation)
        return Dated(effective, "Wirksamwerden", derivation), lines, warnings

    def _approval(self, on: dt.date) -> tuple[Dated | None, list[str], list[str]]:
        events = self._events_by(on)
        refused = [e for e in events if isinstance(e, ApprovalRefused)]
        approved = [e for e in events if isinstance(e, Approved)]
        requested = [e for e in events if isinstance(e, ApprovalRequested)]
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
        events = self._events_by(on)
        if any(isinstance(e, Approved) for e in events):
            return False
        deemed = self.deemed_approval()
        limit = deemed.day if deemed else dt.date.max
        return any(isinstance(e, ApprovalRefused) and e.date <= limit for e in events)

    def deemed_approval(self) -> Dated | None:
        """The day approval is deemed given (end of four weeks from the application), if applied."""
        requested = [e for e in self.agreement.events if isinstance(e, ApprovalRequested)]
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

    # -- notices --------------------------------------------------------------------------------

    def bound_parties(self, day: dt.date, leaving: dict[str, dt.date]) -> list[str]:
        """Parties bound on *day*: joined by then, not left before it."""
        joined = self.joined()
        return [
            p.name
            for p in self.agreement.parties
            if joined.get(p.name, dt.date.min) <= day and leaving.get(p.name, dt.date.max) >= day
        ]

    def notice_outcomes(self, on: dt.date, effective: dt.date | None = None) -> list[NoticeOutcome]:
        """Every notice received by *on*, judged: form, receipt by all, notice date.

        *effective*: the day the agreement actually took effect, if known (see
        :meth:`Agreement.status_on`).
        """
        outcomes: list[NoticeOutcome] = []
        leaving: dict[str, dt.date] = {}
        notices = sorted(
            (e for e in self._events_by(on) if isinstance(e, Notice | ExtraordinaryNotice)),
            key=lambda e: e.day,
        )
        for notice in notices:
            outcome = self._judge(notice, leaving, effective)
            outcomes.append(outcome)
            if outcome.effective and outcome.ends_on is not None:
                # the earliest ending counts (an extraordinary notice may overtake an ordinary one)
                leaving[outcome.by] = min(leaving.get(outcome.by, outcome.ends_on), outcome.ends_on)
        return outcomes

    def _judge(
        self,
        notice: Notice | ExtraordinaryNotice,
        leaving: dict[str, dt.date],
        effective: dt.date | None,
    ) -> NoticeOutcome:
        agreement = self.agreement
        last = notice.last_receipt
        kind: Literal["notice", "extraordinary_notice"] = notice.type
        name = "Kündigung" if kind == "notice" else "Außerordentliche Kündigung"
        form = notice.form or NoticeForm.WRITTEN
        lines = [f"{name} durch {notice.by} ({form.label})"]
        if notice.form is None:
            lines.append(
                "Form nicht erfasst: angenommen wird die Schriftform (unterschriebenes Original) "
                "– bitte prüfen und mit form angeben"
            )

        def fails(reason: str) -> NoticeOutcome:
            return NoticeOutcome(notice.by, kind, False, last, None, (*lines, reason))

        if not form.is_written_form:
            return fails(
                "Unwirksam: eine einfache E-Mail genügt der Schriftform nicht (§§ 126, 126a BGB, "
                "§ 3a Abs. 2 VwVfG NRW, § 57 VwVfG NRW); nötig ist das unterschriebene Original "
                "oder ein Dokument mit qualifizierter elektronischer Signatur."
            )
        if notice.by in leaving and leaving[notice.by] < last:
            return fails(f"Unwirksam: {notice.by} war zu diesem Zeitpunkt nicht mehr gebunden.")
        recipients = [p for p in self.bound_parties(last, leaving) if p != notice.by]
        if isinstance(notice.received, dict):
            receipts = notice.received
        else:
            receipts = dict.fromkeys(recipients, notice.received)
        missing = [p for p in recipients if p not in receipts]
        if missing:
            return fails(
                f"Noch nicht wirksam: Zugang fehlt bei {', '.join(missing)} (die Kündigung ist "
                "allen übrigen Parteien gegenüber zu erklären)."
            )
        # only the parties still bound must receive it; a copy to a former party does not count
        last = max((receipts[p] for p in recipients), default=last)
        receipt_list = ", ".join(f"{p} {format_date(receipts[p])}" for p in recipients)
        lines.append(
            f"Zugang: {receipt_list}; maßgeblich ist der letzte Zugang am {format_date(last)}"
        )
        former = [p for p in receipts if p not in recipients]
        if former:
            lines.append(f"Nicht maßgeblich (nicht mehr gebunden): Zugang bei {', '.join(former)}")
        gkg = agreement.regime is Regime.GKG
        if gkg and notice.published is None:
            return fails(
                "Noch nicht wirksam: die Kündigung ist der Aufsichtsbehörde anzuzeigen und bekannt "
                "zu machen und wird erst danach wirksam (§ 24 Abs. 5 GkG NRW); Bekanntmachung "
                "noch nicht erfasst."
            )
        if isinstance(notice, ExtraordinaryNotice):
            ends = notice.effective or last
            when = (
                f"zum {format_date(ends)}"
                if notice.effective
                else f"mit Zugang am {format_date(ends)}"
            )
            lines.append(f"Wirkt {when} (§ 60 VwVfG NRW)")
            if not notice.reasons:
                lines.append("Hinweis: die Kündigung soll begründet werden (§ 60 Abs. 2 VwVfG NRW)")
        else:
            version = agreement.version_on(last)
            # judged under the clause in force on the day of (last) receipt, nothing later
            deadline_status = status_on(
                agreement.rule_on(last, effective=effective), last, land=agreement.land
            )
            if deadline_status.terminates_on is None:
                if version.term.notice is not None:
                    return fails(
                        "Kündigungstermin nicht bestimmbar: die Klausel nennt nur das Laufzeitende, "
                        "die Vereinbarung läuft aber auf unbestimmte Zeit weiter. Eine dauerhafte "
                        "Bindung ist nicht anzunehmen (vgl. § 23 Abs. 5 GkG NRW) – rechtlich prüfen."
                    )
                return fails(
                    "Unwirksam: die Laufzeitregelung sieht keine ordentliche Kündigung vor."
                )
            ends = deadline_status.terminates_on
            if deadline_status.notice_deadline is None:
                return fails(
                    f"Ohne Wirkung: die Vereinbarung endet ohnehin am {format_date(ends)} (feste Laufzeit)."
                )
            if deadline_status.missed is not None:
                missed_to, missed_by = deadline_status.missed
                lines.append(
                    f"Verspätet für den {format_date(missed_to)} (Zugang spätestens "
                    f"{format_date(missed_by)}); wirkt zum nächsten Termin {format_date(ends)}"
                )
            else:
                lines.append(f"Rechtzeitig: wirkt zum frühestmöglichen Termin {format_date(ends)}")
            if version.term.notice is not None:
                lines.append(version.term.notice.explain_last_day_of_receipt(ends))
        if gkg and notice.published is not None:
            lines.append(
                f"Bekanntmachung der Kündigung am {format_date(notice.published)} (§ 24 Abs. 5 GkG NRW)"
            )
            if notice.published >= ends:
                lines.append(
                    "Sie wird erst am Tag nach der Bekanntmachung wirksam (§ 24 Abs. 5 i. V. m. "
                    f"Abs. 4 GkG NRW): gebunden bis einschließlich {format_date(notice.published)}"
                )
                ends = notice.published
        return NoticeOutcome(notice.by, kind, True, last, ends, tuple(lines))


def _policy_ends(
    agreement: Agreement, outcomes: list[NoticeOutcome], life: Lifecycle
) -> tuple[dt.date | None, dict[str, dt.date], list[str]]:
    """(end for all, leave day per party, German lines) under the on_party_notice policy."""
    policy = agreement.on_party_notice or OnPartyNotice.PARTY_LEAVES
    effective = sorted(
        (o for o in outcomes if o.effective and o.ends_on), key=lambda o: o.ends_on or dt.date.max
    )
    leaves: dict[str, dt.date] = {}
    lines: list[str] = []
    end_all: dt.date | None = None
    for outcome in effective:
        assert outcome.ends_on is not None
        if outcome.by in leaves:
            continue  # an earlier ending of the same party already counts
        ends_all = policy is OnPartyNotice.ENDS_FOR_ALL or (
            policy is OnPartyNotice.ENDS_IF_LEAD_LEAVES and outcome.by == agreement.lead
        )
        if policy is OnPartyNotice.ENDS_IF_MAJORITY:
            # "mehr als die Hälfte der Vertragschließenden": of the parties bound on that day
            earlier = {p: d for p, d in leaves.items() if d < outcome.ends_on}
            bound = set(life.bound_parties(outcome.ends_on, earlier))
            given = {o.by for o in effective if o.ends_on and o.ends_on <= outcome.ends_on}
            ends_all = len(given & bound) * 2 > len(bound)
        if ends_all:
            end_all = outcome.ends_on if end_all is None else min(end_all, outcome.ends_on)
            lines.append(
                f"Kündigung durch {outcome.by} beendet die Vereinbarung für alle zum "
                f"{format_date(outcome.ends_on)} ({policy.label})"
            )
        else:
            leaves[outcome.by] = outcome.ends_on
            lines.append(
                f"{outcome.by} scheidet mit Ablauf des {format_date(outcome.ends_on)} aus "
                f"({policy.label})"
            )
    return end_all, leaves, lines


def lifecycle_on(agreement: Agreement, on: dt.date) -> LifecycleStatus:
    """The status of *agreement* on day *on*, from its term clause and its events."""
    life = Lifecycle(agreement)
    warnings: list[str] = []
    effective, derivation, effect_warnings = life.effective_on(on)
    warnings += effect_warnings
    timeline: list[tuple[dt.date, str]] = [
        (e.day, _describe(e)) for e in agreement.events if e.day <= on
    ]
    timeline += [
        (s.date, f"Unterschrift {s.party} in {s.place}")
        for s in agreement.signatures
        if s.date is not None and s.date <= on
    ]
    warnings += [f"Offener Prüfpunkt: {item}" for item in agreement.review]
    if agreement.on_party_notice is None and len(agreement.parties) > 2 and agreement.term.notice:
        warnings.append(
            "Die Vereinbarung regelt nicht, was die Kündigung einer Partei bewirkt "
            "(on_party_notice); angenommen: die kündigende Partei scheidet aus."
        )

    version = agreement.version_on(on)
    natural_end = version.term.rule.natural_end
    outcomes = life.notice_outcomes(on, effective.day if effective else None)
    for outcome in outcomes:
        derivation += list(outcome.explanation)
        warnings += [line for line in outcome.explanation if line.startswith("Form nicht erfasst")]
        if not outcome.effective:
            warnings.append(outcome.explanation[-1])
    end_all, leaves, policy_lines = _policy_ends(agreement, outcomes, life)
    derivation += policy_lines

    ends: list[Dated] = []
    if natural_end is not None:
        ends.append(
            Dated(
                natural_end,
                "Laufzeitende",
                f"Feste Laufzeit bis {format_date(natural_end)} ohne Verlängerung",
            )
        )
    if end_all is not None:
        ends.append(
            Dated(end_all, "Beendigung durch Kündigung", policy_lines[0] if policy_lines else "")
        )
    for event in agreement.events:
        if isinstance(event, TerminatedByAgreement) and event.date <= on:
            day = event.effective
            text = f"Aufhebungsvereinbarung vom {format_date(event.date)}: endet mit Ablauf des {format_date(day)}"
            if agreement.regime is Regime.GKG:
                if event.published is None:
                    text += "; noch nicht wirksam: Anzeige und Bekanntmachung fehlen (§ 24 Abs. 5 GkG NRW)"
                    warnings.append(text + ".")
                    derivation.append(text)
                    continue
                if event.published >= day:
                    day = event.published
                    text += f"; wirksam erst am Tag nach der Bekanntmachung am {format_date(day)}"
            ends.append(Dated(day, "Aufhebung", text))
            derivation.append(text)
    # fewer than two parties left: the agreement ends with the departure that leaves one alone
    for leave_day in sorted(set(leaves.values())):
        remaining = life.bound_parties(leave_day + ONE_DAY, leaves)
        if len(remaining) < 2:
            text = f"Nach dem Ausscheiden zum {format_date(leave_day)} bliebe nur {', '.join(remaining) or 'keine Partei'}: die Vereinbarung endet"
            ends.append(Dated(leave_day, "Beendigung", text))
            derivation.append(text)
            break
    ends_on = min(ends, key=lambda d: d.day) if ends else None

    signatures = life.signatures()
    founding_names = life.founding_parties()
    all_signed = not signatures or all(
        p in signatures and signatures[p] <= on for p in founding_names
    )
    # an ending that was declared (notice, Aufhebung) and has not yet taken effect
    pending = [day for day in leaves.values() if day >= on] + [
        d.day for d in ends if d.label != "Laufzeitende" and d.day >= on
    ]
    status: LifecycleState
    if not all_signed:
        status = "draft"
    elif effective is None or on < effective.day:
        status = "signed"
    elif ends_on is not None and on > ends_on.day:
        status = "ended"
    elif pending:
        status = "notice_given"
    else:
        status = "in_force"

    parties = () if status == "ended" else tuple(life.bound_parties(on, leaves))
    deadlines = None
    next_candidates: list[Dated] = []
    if status in ("signed", "draft") and agreement.regime is Regime.GKG:
        deemed = life.deemed_approval()
        approved = any(
            isinstance(e, Approved | ApprovalRefused) and e.day <= on for e in agreement.events
        )
        if deemed is not None and not approved and deemed.day >= on:
            next_candidates.append(deemed)
    if status in ("signed", "in_force", "notice_given") and not life.refused(on):
        deadlines = agreement.status_on(on, effective=effective.day if effective else None)
        leaving_now = set(leaves)
        if (
            deadlines.notice_deadline is not None
            and deadlines.terminates_on is not None
            and (ends_on is None or deadlines.terminates_on < ends_on.day)
            and set(parties) - leaving_now
        ):
            practical = deadlines.practical_deadline
            text = (
                f"Letzter Zugangstag für eine Kündigung zum {format_date(deadlines.terminates_on)}"
            )
            if practical is not None and practical != deadlines.notice_deadline:
                text += f" (praktisch: bis {format_date(practical)} zustellen)"
            next_candidates.append(Dated(deadlines.notice_deadline, "Kündigungsfrist", text))
            derivation.append(
                deadlines.rule.notice.explain_last_day_of_receipt(deadlines.terminates_on)
                if deadlines.rule.notice
                else text
            )
        for party, day in sorted(leaves.items(), key=lambda kv: kv[1]):
            if day >= on:
                next_candidates.append(
                    Dated(
                        day,
                        "Ausscheiden",
                        f"{party} scheidet mit Ablauf des {format_date(day)} aus",
                    )
                )
        if ends_on is not None and ends_on.day >= on:
            next_candidates.append(ends_on)
        warnings += deadlines.warnings()
    next_deadline = min(next_candidates, key=lambda d: d.day) if next_candidates else None

    if effective is not None:
        timeline.append((effective.day, f"Wirksamwerden: {effective.derivation}"))
    for party, day in leaves.items():
        timeline.append((day, f"{party} scheidet mit Ablauf dieses Tages aus"))
    if ends_on is not None:
        timeline.append((ends_on.day, f"Ende: {ends_on.derivation}"))
    for dated in next_candidates:
        if dated is not ends_on and dated.label != "Ausscheiden":
            timeline.append((dated.day, f"{dated.label}: {dated.derivation}"))
    for span in agreement.version_on(on).term.rule.terms():
        if span.start > max(on, ends_on.day if ends_on else on) or span.index > 50:
            break
        if ends_on is not None and span.start > ends_on.day:
            break
        timeline.append((span.start, f"Laufzeitbeginn, {span.label}: {span}"))
    timeline.sort(key=lambda item: item[0])
    return LifecycleStatus(
        on=on,
        status=status,
        effective=effective,
        ends_on=ends_on,
        parties=parties,
        next_deadline=next_deadline,
        derivation=tuple(derivation),
        timeline=tuple(dict.fromkeys(timeline)),
        warnings=tuple(dict.fromkeys(warnings)),
        deadlines=deadlines,
        leaves=dict(leaves),
    )


def _describe(event: object) -> str:
    if isinstance(event, Signed):
        place = f" in {event.place}" if event.place else ""
        return f"Unterschrift {event.party}{place}"
    if isinstance(event, ApprovalRequested):
        return "Genehmigung beantragt" + (f" bei {event.authority}" if event.authority else "")
    if isinstance(event, Approved):
        return "Genehmigung erteilt"
    if isinstance(event, ApprovalRefused):
        return "Genehmigung versagt"
    if isinstance(event, Published):
        return "Bekanntmachung" + (f" ({event.gazette})" if event.gazette else "")
    if isinstance(event, Notice):
        form = event.form.label if event.form else "Form nicht erfasst"
        return f"Kündigung durch {event.by}: letzter Zugang ({form})"
    if isinstance(event, ExtraordinaryNotice):
        return f"Außerordentliche Kündigung durch {event.by}"
    if isinstance(event, Amendment):
        return f"Änderung wirksam: {event.text}"
    if isinstance(event, TerminatedByAgreement):
        return f"Aufhebungsvereinbarung (Ende mit Ablauf des {format_date(event.effective)})"
    if isinstance(event, Joined):
        return f"Beitritt {event.party}"
    return str(event)
