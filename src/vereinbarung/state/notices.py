"""Notices on a day: form, receipt by every party still bound, the Kündigungstermin reached.

* A notice is effective only in written form (a signed original or a qualified electronic
  signature: the form of a Kündigung, § 60 Abs. 2 Satz 1 VwVfG NRW, §§ 126, 126a BGB, § 3a VwVfG
  NRW; e-mail is not enough, § 127 Abs. 2 BGB eases only an agreed form) and only
  once every other party still bound has received it (§ 130 Abs. 1 BGB); the deadline is judged
  on the last receipt. A timely notice ends at the earliest Kündigungstermin, a late one at the
  next. Under GkG NRW the Kündigung is reported (angezeigt) to the Aufsichtsbehörde, which
  publishes it; it takes effect with the publication, at the earliest on the day after it
  (§ 24 Abs. 5 i. V. m. Abs. 4 GkG NRW). The effect follows the publication alone; an Anzeige
  not recorded is a warning (it precedes the publication: its day is to be added), and the
  derivation names it.
* The agreement's ``on_party_notice`` policy decides whether it ends for all or the party leaves.
* A notice may be received before the Inkrafttreten; its period runs from receipt (§ 187 Abs. 1
  BGB), and it reaches only a Kündigungstermin after the Inkrafttreten (issue 24).
* An extraordinary notice works from receipt or the day it names. Its ground is for the
  lawyer: § 60 Abs. 1 VwVfG NRW (a substantial change of circumstances; the authority to avert
  serious harm to the common good) or, for another important reason, § 62 Satz 2 VwVfG NRW
  i. V. m. § 314 BGB. The code cannot tell which, so it names them as a review point.
* A receipt recorded on a Saturday, Sunday or public holiday of the Land: a letter put into an
  office letterbox that day is, as a rule, received only on the next working day, when the
  letterbox is next emptied (§ 130 Abs. 1 BGB). The receipt stays as recorded; a warning shows
  what the next working day would mean for the deadline. The deadline itself does not move:
  § 193 BGB does not apply to Kündigungsfristen (BGH 17.02.2005, III ZR 172/04, NJW 2005, 1354;
  there, whether a notice had been received on Holy Saturday or only on the following Tuesday
  was in dispute).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from vereinbarung.law.dates import format_date
from vereinbarung.law.notice import NoticePeriod
from vereinbarung.law.terms import DayStatus, no_termination_text
from vereinbarung.law.workdays import non_working_reason
from vereinbarung.model.agreement import Agreement, Regime
from vereinbarung.model.events import ExtraordinaryNotice, Notice, NoticeForm, OnPartyNotice
from vereinbarung.state.deadlines import dates_on
from vereinbarung.state.facts import Lifecycle, NoticeOutcome

__all__ = ["notice_outcomes", "policy_ends"]


def notice_outcomes(
    life: Lifecycle, on: dt.date, effective: dt.date | None = None
) -> list[NoticeOutcome]:
    """Every notice received by *on*, judged: form, receipt by all, notice date.

    *effective*: the day the agreement actually took effect, if known (see
    :func:`vereinbarung.state.day.state_on`).
    """
    outcomes: list[NoticeOutcome] = []
    leaving: dict[str, dt.date] = {}
    recorded: tuple[Notice | ExtraordinaryNotice, ...] = (
        *life.events(Notice),
        *life.events(ExtraordinaryNotice),
    )
    if not recorded:
        return []
    notices = sorted((e for e in recorded if e.day <= on), key=lambda e: e.day)
    for notice in notices:
        outcome = _judge(life, notice, leaving, effective)
        outcomes.append(outcome)
        if outcome.effective and outcome.ends_on is not None:
            # the earliest ending counts (an extraordinary notice may overtake an ordinary one)
            leaving[outcome.by] = min(leaving.get(outcome.by, outcome.ends_on), outcome.ends_on)
    return outcomes


def _judge(
    life: Lifecycle,
    notice: Notice | ExtraordinaryNotice,
    leaving: dict[str, dt.date],
    effective: dt.date | None,
) -> NoticeOutcome:
    agreement = life.agreement
    last = notice.last_receipt
    kind: Literal["notice", "extraordinary_notice"] = notice.type
    name = "Kündigung" if kind == "notice" else "Außerordentliche Kündigung"
    form = notice.form or NoticeForm.WRITTEN
    lines = [f"{name} durch {notice.by}, {form.label}"]
    if notice.form is None:
        lines.append(
            "Form nicht erfasst: angenommen wird die Schriftform (unterschriebenes Original) "
            "– bitte prüfen und mit form angeben"
        )

    review: list[str] = []
    receipt_rule: tuple[NoticePeriod, dt.date, int] | None = None

    def fails(reason: str) -> NoticeOutcome:
        return NoticeOutcome(notice.by, kind, False, last, None, (*lines, reason), tuple(review))

    if not form.is_written_form:
        return fails(
            "Unwirksam: eine einfache E-Mail genügt der Schriftform nicht (die Kündigung bedarf "
            "der Schriftform, § 60 Abs. 2 Satz 1 VwVfG NRW; §§ 126, 126a BGB, § 3a Abs. 2 "
            "VwVfG NRW; die Erleichterung des § 127 Abs. 2 BGB gilt nur für eine vereinbarte, "
            "nicht für die gesetzliche Schriftform); nötig ist das unterschriebene Original "
            "oder ein Dokument mit qualifizierter elektronischer Signatur."
        )
    if notice.by in leaving and leaving[notice.by] < last:
        return fails(f"Unwirksam: {notice.by} war zu diesem Zeitpunkt nicht mehr gebunden.")
    recipients = [p for p in life.bound_parties(last, leaving) if p != notice.by]
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
    lines.append(f"Zugang: {receipt_list}; maßgeblich ist der letzte Zugang am {format_date(last)}")
    former = [p for p in receipts if p not in recipients]
    if former:
        lines.append(f"Nicht maßgeblich (nicht mehr gebunden): Zugang bei {', '.join(former)}")
    gkg = agreement.regime is Regime.GKG
    if gkg and isinstance(notice, Notice):
        lines.append(_notified_line(notice))
        if notice.published is not None and notice.notified is None:
            review.append(f"Kündigung durch {notice.by}: {NOT_NOTIFIED}")
    if gkg and notice.published is None:
        notified = getattr(notice, "notified", None)
        anzeige = (
            f"Anzeige am {format_date(notified)} erfasst"
            if notified is not None
            else "Anzeige an die Aufsichtsbehörde noch nicht erfasst"
        )
        return fails(
            "Noch nicht wirksam: die Kündigung wird der Aufsichtsbehörde angezeigt, die sie "
            "bekannt macht; sie wirkt erst mit der Bekanntmachung, frühestens am Tag danach "
            f"(§ 24 Abs. 5 GkG NRW, Abs. 4 entsprechend). Bekanntmachung noch nicht erfasst; {anzeige}."
        )
    if isinstance(notice, ExtraordinaryNotice):
        ends = notice.effective or last
        when = (
            f"zum {format_date(ends)}" if notice.effective else f"mit Zugang am {format_date(ends)}"
        )
        lines.append(f"Außerordentliche Kündigung: wirkt {when}")
        review.append(
            f"Außerordentliche Kündigung durch {notice.by}: Kündigungsgrund rechtlich prüfen – "
            "wesentliche Änderung der Verhältnisse oder schwere Nachteile für das Gemeinwohl "
            "(§ 60 Abs. 1 VwVfG NRW), sonst ein wichtiger Grund (§ 62 Satz 2 VwVfG NRW "
            "i. V. m. § 314 BGB); Schriftform (§ 60 Abs. 2 Satz 1 VwVfG NRW)."
        )
        if not notice.reasons:
            lines.append(
                "Hinweis: die Kündigung soll begründet werden (§ 60 Abs. 2 Satz 2 VwVfG NRW)"
            )
        review.extend(_non_working_receipt(agreement, notice.by, last, None, None))
    else:
        version = agreement.version_on(last)
        # judged under the clause in force on the day of (last) receipt, nothing later
        deadline_status = dates_on(agreement, last, effective=effective, windows=False)
        begins = deadline_status.rule.effective
        if last < begins:
            lines.append(
                f"Zugang am {format_date(last)} vor dem Inkrafttreten am {format_date(begins)}: "
                "zulässig, die Kündigungsfrist läuft ab Zugang (§ 187 Abs. 1 BGB); "
                "Kündigungstermin frühestens nach dem Inkrafttreten"
            )
        if deadline_status.terminates_on is None:
            if version.term.notice is not None:
                return fails(no_termination_text(deadline_status.rule))
            return fails("Unwirksam: die Laufzeitregelung sieht keine ordentliche Kündigung vor.")
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
            receipt_rule = (version.term.notice, ends, len(lines))
        later = _next_working_day(last, agreement.holiday_area)
        if later != last:
            review.extend(
                _non_working_receipt(
                    agreement,
                    notice.by,
                    last,
                    later,
                    _ends_if_received(later, deadline_status, agreement, effective),
                )
            )
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
    return NoticeOutcome(
        notice.by, kind, True, last, ends, tuple(lines), tuple(review), receipt_rule
    )


#: The warning where a GkG Kündigung is published but its Anzeige is not recorded.
NOT_NOTIFIED = (
    "Anzeige an die Aufsichtsbehörde nicht erfasst; sie geht der Bekanntmachung voraus – Datum "
    "nachtragen (§ 24 Abs. 5 GkG NRW)."
)


def _notified_line(notice: Notice) -> str:
    """The derivation's line on the Anzeige of a GkG Kündigung (§ 24 Abs. 5 GkG NRW)."""
    if notice.notified is None:
        return "Anzeige an die Aufsichtsbehörde (§ 24 Abs. 5 GkG NRW): nicht erfasst"
    return (
        f"Anzeige an die Aufsichtsbehörde am {format_date(notice.notified)} (§ 24 Abs. 5 GkG NRW)"
    )


def _ends_if_received(
    later: dt.date, received: DayStatus, agreement: Agreement, effective: dt.date | None
) -> dt.date | None:
    """The Kündigungstermin of a notice received on *later* instead of ``received.on``.

    Where the clause is the same and *later* is still within the last day of receipt for
    ``received.terminates_on``, that date: a receipt between the two days cannot reach an
    earlier one, as it could not from ``received.on`` either.
    """
    deadline = received.notice_deadline
    if (
        deadline is not None
        and deadline >= later
        and agreement.rule_on(later, effective=effective) is received.rule
    ):
        return received.terminates_on
    return dates_on(agreement, later, effective=effective, windows=False).terminates_on


def _next_working_day(day: dt.date, land: str) -> dt.date:
    while non_working_reason(day, land) is not None:
        day += dt.timedelta(days=1)
    return day


def _non_working_receipt(
    agreement: Agreement,
    by: str,
    received: dt.date,
    later: dt.date | None,
    later_ends: dt.date | None,
) -> list[str]:
    """The § 130 BGB warning for a receipt recorded on a day without office hours."""
    reason = non_working_reason(received, agreement.holiday_area)
    if reason is None:
        return []
    later = later or _next_working_day(received, agreement.holiday_area)
    text = (
        f"Kündigung durch {by}: als Zugang ist der {format_date(received)} erfasst, ein "
        f"{reason} ({agreement.land}). Ein Schreiben, das an einem solchen Tag in den "
        "Briefkasten einer Behörde gelangt, geht in der Regel erst am nächsten Arbeitstag zu, "
        f"hier am {format_date(later)} (§ 130 Abs. 1 BGB; vgl. BGH III ZR 172/04) – Zugang "
        "prüfen"
    )
    if later_ends is None:
        return [text + "."]
    return [
        text + f"; bei Zugang am {format_date(later)} wirkt die Kündigung zum "
        f"{format_date(later_ends)}."
    ]


def policy_ends(
    agreement: Agreement, outcomes: list[NoticeOutcome], life: Lifecycle
) -> tuple[dt.date | None, dict[str, dt.date], list[str]]:
    """(end for all, leave day per party, German lines) under the on_party_notice policy."""
    if not outcomes:
        return None, {}, []
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
