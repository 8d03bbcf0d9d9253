"""An amendment of an öffentlich-rechtliche Vereinbarung takes effect only once approved and
published (issue 23; § 24 Abs. 2–4 GkG NRW applied to the Änderungsvereinbarung), in the one
state (:func:`vereinbarung.state_on`); under the regime ``contract`` from its ``effective`` day.

The clause: six months to the end of a year; the amendment (concluded 01.03.2026, »gilt ab
01.04.2026«) shortens the period to three months. Worked examples:

* not approved, not published: on 01.09.2026 the old clause decides (Zugang bis 30.06.2027 for
  31.12.2027), with a warning naming Genehmigung and Bekanntmachung;
* approved 10.03.2026, published 20.03.2026: it applies from the agreed 01.04.2026 (§ 24 Abs. 4:
  the day after publication, »soweit nicht in ihr ein späterer Zeitpunkt bestimmt ist«): on
  01.09.2026 a notice reaches 31.12.2026 if received by 30.09.2026;
* published 15.04.2026: it applies from 16.04.2026, the day after publication.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vereinbarung import (
    VereinbarungError,
    agreement_from_data,
    event_effect,
    load_agreement,
    state_on,
)
from vereinbarung.state.amendments import takes_effect

from .cli_runner import run

D = dt.date.fromisoformat
A, B = "Stadt Aachtal", "Gemeinde Birkenfeld"
FACTS = [
    {"type": "approval_requested", "date": "2019-11-01"},
    {"type": "approved", "date": "2019-11-15"},
    {"type": "published", "date": "2019-12-01"},
]


def agreement(regime: str = "gkg", **change: Any) -> Any:
    amendment = {
        "type": "amendment", "date": "2026-03-01", "effective": "2026-04-01",
        "text": "§ 5 Abs. 2: Kündigungsfrist drei Monate",
        "term": {"effective": "2020-01-01", "notice": "3 Monate", "notice_to": "year_end"},
        **change,
    }  # fmt: skip
    return agreement_from_data({
        "title": "Öffentlich-rechtliche Vereinbarung (Beispiel)",
        "regime": regime,
        "parties": [{"name": n, "representative": {"name": "N. N.", "title": "Bürgermeister"}}
                    for n in (A, B)],
        "term": {"effective": "2020-01-01", "notice": "6 Monate", "notice_to": "year_end"},
        "events": [*(FACTS if regime == "gkg" else []), amendment],
    }, source="t.yaml")  # fmt: skip


def test_without_approval_and_publication_the_old_clause_decides() -> None:
    state = state_on(agreement(), D("2026-09-01"))
    assert state.status == "in_force"
    assert (state.terminates_on, state.notice_deadline) == (D("2027-12-31"), D("2027-06-30"))
    assert any(
        "Änderung vom 01.03.2026 noch nicht wirksam: Genehmigung und Bekanntmachung fehlt" in w
        and "§ 24 Abs. 2–4 GkG NRW" in w
        for w in state.warnings
    )
    only_approved = state_on(agreement(approved="2026-03-10"), D("2026-09-01"))
    assert only_approved.notice_deadline == D("2027-06-30")
    assert any("noch nicht wirksam: Bekanntmachung fehlt" in w for w in only_approved.warnings)


def test_a_contract_amendment_applies_from_its_effective_day() -> None:
    state = state_on(agreement("contract"), D("2026-09-01"))
    assert (state.terminates_on, state.notice_deadline) == (D("2026-12-31"), D("2026-09-30"))


def test_approved_and_published_it_applies_from_the_agreed_day_or_the_day_after() -> None:
    published = agreement(approved="2026-03-10", published="2026-03-20")
    state = state_on(published, D("2026-09-01"))
    assert (state.terminates_on, state.notice_deadline) == (D("2026-12-31"), D("2026-09-30"))
    assert not any("noch nicht wirksam" in w for w in state.warnings)
    late = agreement(approved="2026-03-10", published="2026-04-15")
    assert [line for day, line in state_on(late, D("2026-09-01")).timeline
            if line.startswith("Änderung wirksam")]  # fmt: skip
    assert D("2026-04-16") in [day for day, line in state_on(late, D("2026-09-01")).timeline
                               if line.startswith("Änderung wirksam")]  # fmt: skip
    # a state on a day before the publication does not know it (the day is a boundary)
    before = state_on(late, D("2026-04-10"))
    assert any("noch nicht wirksam: Bekanntmachung fehlt" in w for w in before.warnings)


def test_the_effect_preview_says_what_is_missing() -> None:
    pending = agreement()
    effect = event_effect(pending, pending.events[-1], D("2026-03-02"))
    assert not effect.effective
    assert effect.text.startswith("noch ohne Wirkung: Genehmigung und Bekanntmachung der Änderung")
    done = agreement(approved="2026-03-10", published="2026-04-15")
    effect = event_effect(done, done.events[-1], D("2026-04-15"))
    assert effect.effective
    assert effect.text.startswith("Die Änderung gilt ab 16.04.2026")


def test_old_files_stay_valid_and_a_day_before_the_conclusion_is_refused() -> None:
    assert agreement().events[-1].approved is None
    with pytest.raises(VereinbarungError, match=r"approved 01\.02\.2026 liegt vor dem Abschluss"):
        agreement(approved="2026-02-01")


def _naive_applies(on: dt.date, effective: dt.date, approved: dt.date | None,
                   published: dt.date | None) -> bool:  # fmt: skip
    """Reference: walk the days up to *on*; the amendment applies on the first day that is not
    before its agreed day, on which its approval is known and which follows its publication."""
    day = D("2026-03-01")
    while day <= on:
        approved_by = approved is not None and approved <= day
        published_before = published is not None and published < day
        if day >= effective and approved_by and published_before:
            return True
        day += dt.timedelta(days=1)
    return False


@settings(max_examples=150, deadline=None)
@given(
    st.integers(0, 200), st.integers(0, 200), st.none() | st.integers(0, 200),
    st.none() | st.integers(0, 200),
)  # fmt: skip
def test_it_applies_exactly_when_the_naive_reference_says(
    on: int, effective: int, approved: int | None, published: int | None
) -> None:
    start = D("2026-03-01")

    def day(n: int | None) -> dt.date | None:
        return None if n is None else start + dt.timedelta(days=n)

    asked = day(on)
    assert asked is not None
    change: dict[str, Any] = {"effective": day(effective).isoformat()}  # type: ignore[union-attr]
    for key, value in (("approved", day(approved)), ("published", day(published))):
        if value is not None:
            change[key] = value.isoformat()
    subject = agreement(**change)
    expected = _naive_applies(asked, day(effective), day(approved), day(published))  # type: ignore[arg-type]
    # applied = the agreement in force on *asked* has the amended three months
    notice = subject.version_on(asked).term  # the file as written: every amendment by its day
    state = state_on(subject, asked)
    applied = state.agreement.version_on(asked).term.notice != subject.term.notice
    assert applied == expected, (asked, change)
    if expected:
        assert notice.notice == state.agreement.version_on(asked).term.notice
        begins = takes_effect(subject.events[-1], gkg=True)
        assert begins is not None
        assert begins <= asked


def test_the_cli_records_an_amendment_then_its_approval_and_publication(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``record … amendment``, then ``amendment_approved`` and ``amendment_published``: exit 1
    (no effect yet) until both are recorded, then 0; comments kept, the state follows."""
    path = tmp_path / "gkg.yaml"
    data = agreement().model_dump(mode="json", exclude_none=True)
    data["events"] = data["events"][:3]
    path.write_text("# Kommentar bleibt\n" + json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "record", str(path), "amendment", "--date", "01.03.2026",
                       "--effective", "01.04.2026", "--text", "§ 5: drei Monate",
                       "--term", "notice=3 Monate")  # fmt: skip
    assert code == 1, out
    assert "noch ohne Wirkung: Genehmigung und Bekanntmachung der Änderung fehlt" in out
    code, out, err = run(capsys, "record", str(path), "amendment_approved", "--date", "10.03.2026")
    assert code == 1, out + err
    assert "Genehmigung der Änderung vom 01.04.2026 eingetragen" in out
    assert "Bekanntmachung der Änderung fehlt" in out
    code, out, _ = run(capsys, "record", str(path), "amendment_published", "--date", "15.04.2026")
    assert code == 0, out
    assert "Die Änderung gilt ab 16.04.2026" in out
    assert path.read_text(encoding="utf-8").startswith("# Kommentar bleibt")
    code, _, err = run(capsys, "record", str(path), "amendment_published", "--date", "16.04.2026")
    assert code == 2
    assert "keine Änderung ohne Bekanntmachung erfasst" in err
    state = state_on(load_agreement(path), D("2026-09-01"))
    assert state.notice_deadline == D("2026-09-30")
