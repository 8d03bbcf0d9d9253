"""The next dates of an agreement's state: what calls for action or brings a change.

Part of the one state (:func:`vereinbarung.state.day.state_on`): the deemed approval (§ 24 Abs. 2
GkG NRW), the last day of receipt for a notice with the practical day before it (§ 193 BGB not
applied, BGH III ZR 172/04) and the windows of receipt after an amendment, parties leaving, the
end.
"""

from __future__ import annotations

import datetime as dt

from vereinbarung.law.dates import format_date
from vereinbarung.law.terms import DayStatus
from vereinbarung.model.agreement import Agreement, Regime
from vereinbarung.model.events import ApprovalRefused, Approved
from vereinbarung.state.deadlines import ReceiptWindows
from vereinbarung.state.endings import Endings
from vereinbarung.state.facts import Dated, Lifecycle

__all__ = ["next_dates"]


def next_dates(
    agreement: Agreement,
    life: Lifecycle,
    day: dt.date,
    status: str,
    terminates_on: dt.date | None,
    notice_deadline: dt.date | None,
    dates: DayStatus | None,
    endings: Endings,
    bound_now: list[str],
    receipt: ReceiptWindows = (),
) -> list[Dated]:
    """The next dates that call for action or bring a change (*bound_now*: parties bound on *day*).

    *receipt*: where a pending amendment leaves a gap, the windows of receipt for
    *terminates_on* (:func:`vereinbarung.state.deadlines.dates_and_windows`), named in the text.
    """
    found: list[Dated] = []
    if status in ("draft", "awaiting_approval") and agreement.regime is Regime.GKG:
        deemed = life.deemed_approval()
        decisions: tuple[Approved | ApprovalRefused, ...] = (
            *life.events(Approved),
            *life.events(ApprovalRefused),
        )
        decided = any(e.day <= day for e in decisions)
        if deemed is not None and not decided and deemed.day >= day:
            found.append(deemed)
    still_bound = bound_now if not endings.leaves else set(bound_now) - set(endings.leaves)
    if (
        notice_deadline is not None
        and terminates_on is not None
        and dates is not None
        and still_bound
    ):
        text = f"Letzter Zugangstag für eine Kündigung zum {format_date(terminates_on)}"
        if receipt:
            text += (
                " (rechtzeitig nur bei Zugang "
                + " oder ".join(
                    f"vom {format_date(first)} bis {format_date(last)}" for first, last in receipt
                )
                + ")"
            )
        practical = dates.practical
        if practical is not None and practical.passed:
            text += " (der letzte Arbeitstag davor ist vorbei: nur ein heute nachweisbarer Zugang)"
        elif practical is not None and practical.day != notice_deadline:
            text += f" (praktisch: bis {format_date(practical.day)} zustellen)"
        found.append(Dated(notice_deadline, "Kündigungsfrist", text))
    leaves = sorted(endings.leaves.items(), key=lambda kv: kv[1]) if endings.leaves else ()
    for party, leave_day in leaves:
        if leave_day >= day:
            text = f"{party} scheidet mit Ablauf des {format_date(leave_day)} aus"
            found.append(Dated(leave_day, "Ausscheiden", text))
    if endings.ends_on is not None and endings.ends_on.day >= day and status != "draft":
        found.append(endings.ends_on)
    return found
