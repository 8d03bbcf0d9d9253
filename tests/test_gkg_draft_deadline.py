"""A GkG agreement not yet approved and published states no Kündigungsfrist (review of
issue 21, item 3; § 24 Abs. 4 GkG NRW).

§ 24 Abs. 4 GkG NRW: an öffentlich-rechtliche Vereinbarung takes effect on the day after its
publication by the Aufsichtsbehörde, unless it names a later day. Before approval and
publication that day is unknown, so a Kündigungstermin or a last day of receipt computed from
the clause (»Kündigung muss zugehen bis 30.06.2026«) would be a guess: the one state gives none
and says why; once published, the deadlines run from the day it took effect.

Worked example: clause »tritt am 01.01.2026 in Kraft«, six months to the end of a year.
* Asked on 07.12.2025 with nothing recorded: no notice deadline, no upcoming deadline, the
  warning »Kündigungsfristen erst ab Inkrafttreten … (§ 24 Abs. 4 GkG NRW)«.
* Approved 01.12.2025, published 10.12.2025 (in force from 01.01.2026, the later day named):
  on 15.12.2025 the first Kündigungstermin is 31.12.2026, the last day of receipt 30.06.2026.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from vereinbarung import agreement_from_data, state_on, upcoming_states

EXPLAINED = "Kündigungsfristen erst ab Inkrafttreten"


def _agreement(*events: dict[str, str]) -> Any:
    return agreement_from_data(
        {
            "title": "Öffentlich-rechtliche Vereinbarung (Entwurf)",
            "regime": "gkg",
            "parties": [
                {"name": n, "representative": {"name": "Person", "title": "Bürgermeisterin"}}
                for n in ("Stadt A", "Gemeinde B")
            ],
            "term": {"effective": "2026-01-01", "notice": "6 Monate", "notice_to": "year_end"},
            "events": list(events),
        },
        source="t.yaml",
    )


def test_a_gkg_draft_states_no_notice_deadline() -> None:
    state = state_on(_agreement(), dt.date(2025, 12, 7))
    assert state.status == "awaiting_approval"
    assert state.notice_deadline is None
    assert state.terminates_on is None
    assert state.next_deadline is None
    assert upcoming_states(_agreement(), dt.date(2025, 12, 7), count=3) == []
    assert any(w.startswith(EXPLAINED) and "§ 24 Abs. 4 GkG NRW" in w for w in state.warnings)


def test_approved_not_published_states_none_either() -> None:
    agreement = _agreement({"type": "approved", "date": "2025-12-01"})
    state = state_on(agreement, dt.date(2025, 12, 7))
    assert state.status == "awaiting_publication"
    assert state.notice_deadline is None
    assert any(w.startswith(EXPLAINED) for w in state.warnings)


def test_once_published_the_deadlines_run_from_the_inkrafttreten() -> None:
    agreement = _agreement(
        {"type": "approved", "date": "2025-12-01"}, {"type": "published", "date": "2025-12-10"}
    )
    state = state_on(agreement, dt.date(2025, 12, 15))
    assert state.terminates_on == dt.date(2026, 12, 31)
    assert state.notice_deadline == dt.date(2026, 6, 30)
    assert not any(w.startswith(EXPLAINED) for w in state.warnings)
