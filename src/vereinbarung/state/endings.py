"""How an agreement ends, as of a day: its fixed end, notices, exits and Aufhebung.

* A fixed term without renewal ends with its last day (§ 188 BGB).
* Notices end it for all or make the party leave, as ``on_party_notice`` says
  (:mod:`vereinbarung.state.notices`).
* An Aufhebungsvereinbarung ends it on the day it names; under GkG only once notified and
  published, and not before the day after publication (§ 24 Abs. 5 i. V. m. Abs. 4 GkG NRW).
* When fewer than two parties would remain, the agreement ends with that departure.
* Under the regime ``contract`` a last signature after the agreed Inkrafttreten delays the
  beginning, and with it a term given as a duration (:func:`~vereinbarung.state.term_checks.
  late_signature`): the state says so among its warnings (issue 24).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vereinbarung.law.dates import format_date
from vereinbarung.law.periods import ONE_DAY
from vereinbarung.law.values import fast_init
from vereinbarung.model.agreement import Agreement, Regime
from vereinbarung.model.events import TerminatedByAgreement
from vereinbarung.state.facts import Dated, Lifecycle, NoticeOutcome
from vereinbarung.state.notices import notice_outcomes, policy_ends
from vereinbarung.state.term_checks import late_signature

__all__ = ["Endings", "endings_on"]


@fast_init
@dataclass(frozen=True)
class Endings:
    """The end fixed as of a day (the earliest), exits per party, and how they were derived."""

    ends_on: Dated | None
    leaves: dict[str, dt.date]
    pending: bool
    """An ending was declared (notice, exit, Aufhebung) and has not yet taken effect."""
    lines: list[str]
    """The derivation of the endings after the notices'."""
    warnings: list[str]
    outcomes: tuple[NoticeOutcome, ...] = ()
    """Every notice received by the day, judged."""

    def ends_for_all(self, on: dt.date) -> bool:
        """Whether an end of the whole agreement is declared and still ahead on *on* (a notice
        ending it for all, an Aufhebung, the last but one party leaving): »gekündigt«. A party
        that only leaves while the others continue (``on_party_notice``) leaves it in force."""
        ends = self.ends_on
        return ends is not None and ends.label != "Laufzeitende" and ends.day >= on

    def explanation(self) -> list[str]:
        """The derivation: each notice as judged, then the endings (German, one line each)."""
        lines = [line for outcome in self.outcomes for line in outcome.explanation]
        return lines + self.lines


def endings_on(
    agreement: Agreement, life: Lifecycle, on: dt.date, effective: dt.date | None
) -> Endings:
    """What is known on *on* about the end of *agreement* (taken effect on *effective*)."""
    lines: list[str] = []
    warnings: list[str] = []
    if agreement.on_party_notice is None and len(agreement.parties) > 2 and agreement.term.notice:
        warnings.append(
            "Die Vereinbarung regelt nicht, was die Kündigung einer Partei bewirkt "
            "(on_party_notice); angenommen: die kündigende Partei scheidet aus."
        )
    late = late_signature(agreement, on)
    if late is not None:
        warnings.append(late)
    outcomes = notice_outcomes(life, on, effective)
    for outcome in outcomes:
        warnings += [line for line in outcome.lines if line.startswith("Form nicht erfasst")]
        warnings += list(outcome.review)
        if not outcome.effective:
            warnings.append(f"Kündigung durch {outcome.by}: {outcome.explanation[-1]}")
    end_all, leaves, policy_lines = policy_ends(agreement, outcomes, life)
    lines += policy_lines

    ends: list[Dated] = []
    natural_end = agreement.version_on(on).term.rule.natural_end
    if natural_end is not None:
        text = f"Feste Laufzeit bis {format_date(natural_end)} ohne Verlängerung"
        ends.append(Dated(natural_end, "Laufzeitende", text))
    if end_all is not None:
        text = policy_lines[0] if policy_lines else ""
        ends.append(Dated(end_all, "Beendigung durch Kündigung", text))
    for event in life.events(TerminatedByAgreement):
        if event.date <= on:
            day = event.effective
            text = (
                f"Aufhebungsvereinbarung vom {format_date(event.date)}: endet mit Ablauf des "
                f"{format_date(day)}"
            )
            if agreement.regime is Regime.GKG:
                if event.published is None:
                    text += (
                        "; noch nicht wirksam: sie wirkt erst mit der Bekanntmachung durch die "
                        "Aufsichtsbehörde, der sie angezeigt wird (§ 24 Abs. 5 GkG NRW); "
                        "Bekanntmachung noch nicht erfasst"
                    )
                    warnings.append(text + ".")
                    lines.append(text)
                    continue
                if event.published >= day:
                    day = event.published
                    text += f"; wirksam erst am Tag nach der Bekanntmachung am {format_date(day)}"
            ends.append(Dated(day, "Aufhebung", text))
            lines.append(text)
    for leave_day in sorted(set(leaves.values())) if leaves else ():
        remaining = life.bound_parties(leave_day + ONE_DAY, leaves)
        if len(remaining) < 2:
            text = (
                f"Nach dem Ausscheiden zum {format_date(leave_day)} bliebe nur "
                f"{', '.join(remaining) or 'keine Partei'}: die Vereinbarung endet"
            )
            ends.append(Dated(leave_day, "Beendigung", text))
            lines.append(text)
            break
    ends_on = (ends[0] if len(ends) == 1 else min(ends, key=lambda d: d.day)) if ends else None
    declared = bool(leaves or ends) and (
        any(day >= on for day in leaves.values())
        or any(d.label != "Laufzeitende" and d.day >= on for d in ends)
    )
    if ends_on is not None and ends_on.label != "Laufzeitende" and ends_on.day >= on:
        warnings.append(f"Beendigung erklärt: {ends_on.derivation}.")
    if leaves:
        for party, day in sorted(leaves.items(), key=lambda item: item[1]):
            if day >= on:
                warnings.append(f"{party} scheidet mit Ablauf des {format_date(day)} aus.")
    return Endings(ends_on, leaves, declared, lines, warnings, tuple(outcomes))
