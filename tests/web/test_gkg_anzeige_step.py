"""A GkG Kündigung published without a recorded Anzeige: the register still asks for the
Anzeige (it precedes the Bekanntmachung, § 24 Abs. 5 GkG NRW; review of issue 21, item 1)."""

from __future__ import annotations

from vereinbarung import Agreement, agreement_from_data
from vereinbarung.web.register.completing import open_completions


def _agreement(**days: str) -> Agreement:
    notice = {"type": "notice", "by": "Gemeinde B", "form": "written",
              "received": {"Stadt A": "2026-03-10"}, **days}  # fmt: skip
    return agreement_from_data(
        {
            "title": "Öffentlich-rechtliche Vereinbarung (Beispiel)",
            "regime": "gkg",
            "parties": [
                {"name": n, "representative": {"name": "Person", "title": "Bürgermeisterin"}}
                for n in ("Stadt A", "Gemeinde B")
            ],
            "term": {"effective": "2020-01-01", "notice": "6 Monate", "notice_to": "year_end"},
            "events": [
                {"type": "approved", "date": "2019-11-01"},
                {"type": "published", "date": "2019-12-01"},
                notice,
            ],
        },
        source="t.yaml",
    )


def test_the_anzeige_stays_a_step_after_the_bekanntmachung() -> None:
    published = _agreement(published="2026-04-20")
    assert [c.key for c in open_completions(published)] == ["notified"]
    both = _agreement(notified="2026-03-25", published="2026-04-20")
    assert open_completions(both) == []
    neither = _agreement()
    assert [c.key for c in open_completions(neither)] == ["notified", "published"]
