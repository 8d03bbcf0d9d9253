"""A Kündigung of an öffentlich-rechtliche Vereinbarung: Anzeige and Bekanntmachung
(§ 24 Abs. 5 GkG NRW; review of issue 21, item 1).

§ 24 Abs. 5 GkG NRW: the Kündigung is reported (angezeigt) to the Aufsichtsbehörde, which
publishes it; Abs. 4 applies accordingly, so it takes effect with the publication, at the
earliest on the day after it. The effect follows the publication; the Anzeige precedes it.

Worked example: three parties, unbefristet since 01.01.2020, six months to the end of a year,
the party leaving (``party_leaves``). Gemeinde B gives notice, received by A and C on
10.03.2026; six months before 31.12.2026 is 30.06.2026, so the notice is in time for
31.12.2026.

* Asked on 01.05.2026 with nothing further recorded: not effective, »Bekanntmachung noch nicht
  erfasst; Anzeige an die Aufsichtsbehörde noch nicht erfasst«.
* Published 20.04.2026 without a recorded Anzeige: B leaves with the end of 31.12.2026 (the
  publication decides), but the state warns »Anzeige an die Aufsichtsbehörde nicht erfasst;
  sie geht der Bekanntmachung voraus – Datum nachtragen«, the derivation says so, and the
  register still lists the Anzeige as a step to record.
* Anzeige 25.03.2026, Bekanntmachung 20.04.2026: no warning; the derivation names the Anzeige
  on 25.03.2026, and the timeline has both days.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from vereinbarung import agreement_from_data, state_on

A, B, C = "Stadt A", "Gemeinde B", "Gemeinde C"
NOT_NOTIFIED = (
    "Kündigung durch Gemeinde B: Anzeige an die Aufsichtsbehörde nicht erfasst; sie geht der "
    "Bekanntmachung voraus – Datum nachtragen (§ 24 Abs. 5 GkG NRW)."
)


def _agreement(**days: str) -> Any:
    notice = {"type": "notice", "by": B, "form": "written",
              "received": {A: "2026-03-10", C: "2026-03-10"}, **days}  # fmt: skip
    data = {
        "title": "Öffentlich-rechtliche Vereinbarung (Beispiel)",
        "regime": "gkg",
        "parties": [
            {"name": n, "representative": {"name": f"Person {i}", "title": "Bürgermeisterin"}}
            for i, n in enumerate((A, B, C))
        ],
        "lead": A,
        "on_party_notice": "party_leaves",
        "term": {"effective": "2020-01-01", "notice": "6 Monate", "notice_to": "year_end"},
        "events": [
            {"type": "approved", "date": "2019-11-01"},
            {"type": "published", "date": "2019-12-01"},
            notice,
        ],
    }
    return agreement_from_data(data, source="t.yaml")


def test_without_anzeige_and_bekanntmachung_the_notice_has_no_effect_yet() -> None:
    state = state_on(_agreement(), dt.date(2026, 5, 1))
    assert B not in state.leaving
    assert any(
        "Bekanntmachung noch nicht erfasst; Anzeige an die Aufsichtsbehörde noch nicht erfasst" in w
        for w in state.warnings
    )
    assert not any("beide" in w for w in state.warnings)


def test_published_without_anzeige_takes_effect_and_warns() -> None:
    state = state_on(_agreement(published="2026-04-20"), dt.date(2026, 5, 1))
    assert state.leaving[B] == dt.date(2026, 12, 31)  # the publication decides the effect
    assert NOT_NOTIFIED in state.warnings
    assert "Anzeige an die Aufsichtsbehörde (§ 24 Abs. 5 GkG NRW): nicht erfasst" in "\n".join(
        state.derivation
    )
    timeline = dict(state.timeline)
    assert timeline[dt.date(2026, 4, 20)] == "Bekanntmachung der Kündigung durch Gemeinde B"


def test_anzeige_and_bekanntmachung_recorded_no_warning_and_both_in_timeline() -> None:
    state = state_on(_agreement(notified="2026-03-25", published="2026-04-20"), dt.date(2026, 5, 1))
    assert state.leaving[B] == dt.date(2026, 12, 31)
    assert not any("Anzeige" in w for w in state.warnings)
    derivation = "\n".join(state.derivation)
    assert "Anzeige an die Aufsichtsbehörde am 25.03.2026 (§ 24 Abs. 5 GkG NRW)" in derivation
    assert "Bekanntmachung der Kündigung am 20.04.2026 (§ 24 Abs. 5 GkG NRW)" in derivation
    lines = [
        line for day, line in state.timeline if day in (dt.date(2026, 3, 25), dt.date(2026, 4, 20))
    ]
    assert lines == [
        "Anzeige der Kündigung durch Gemeinde B an die Aufsichtsbehörde",
        "Bekanntmachung der Kündigung durch Gemeinde B",
    ]
    # asked before the publication: the Anzeige is in the timeline, the Bekanntmachung not yet
    before = state_on(
        _agreement(notified="2026-03-25", published="2026-04-20"), dt.date(2026, 4, 1)
    )
    assert B not in before.leaving
    assert [line for _, line in before.timeline if "Gemeinde B" in line and "Anzeige" in line]
    assert not [line for _, line in before.timeline if line.startswith("Bekanntmachung der")]
    assert any("Anzeige am 25.03.2026 erfasst" in w for w in before.warnings)
