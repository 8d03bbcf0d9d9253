"""The Kündigungstermine ahead: one state per window of receipt, from a day on.

A notice received on day X reaches the earliest Kündigungstermin whose last day of receipt is
on or after X (:func:`vereinbarung.state.day.state_on`). The next window starts the day after
that last day of receipt; walking the windows gives every Termin with its deadline, each
derived by the one state function, so calendars and letters show what ``deadlines`` shows.
Every window is judged with what is recorded by the day asked: an event recorded later does not
reach back into a view of an earlier day.
"""

from __future__ import annotations

import datetime as dt

from vereinbarung.law.periods import ONE_DAY
from vereinbarung.model.agreement import Agreement
from vereinbarung.state.day import AgreementState, state_on
from vereinbarung.state.facts import known_on

__all__ = ["upcoming_states"]

#: Statuses with deadlines that can be stated as facts.
_STATED = ("not_in_force", "in_force", "awaiting_approval", "awaiting_publication")


def upcoming_states(
    agreement: Agreement,
    on: dt.date,
    *,
    until: dt.date | None = None,
    count: int | None = None,
    land: str | None = None,
) -> list[AgreementState]:
    """The state on *on* and at the start of each later window of receipt.

    Each state has a last day of receipt (``notice_deadline``) not after *until*; at most
    *count* of them. Empty where no deadline can be stated (a draft, an unconfirmed or ended
    agreement, one already terminated).
    """
    states: list[AgreementState] = []
    known = known_on(agreement, on)  # what was recorded by *on* (state.facts)
    day = on
    while count is None or len(states) < count:
        # the first window from the file as it is; later ones with what was known on *on*
        state = state_on(agreement if day == on else known, day, land=land)
        deadline = state.notice_deadline
        if state.status not in _STATED or deadline is None or state.terminates_on is None:
            break
        if until is not None and deadline > until:
            break
        states.append(state)
        if deadline >= dt.date(9990, 1, 1):
            break
        day = deadline + ONE_DAY
    return states
