"""The day asked is a boundary (issue 24): an answer for a day uses only what had happened by then.

An amendment counts from the day it was concluded (its ``date``), an Aufhebung under GkG NRW
from its publication (§ 24 Abs. 5 i. V. m. Abs. 4 GkG NRW), a notice from its receipt (§ 130
Abs. 1 BGB). The two cases of the issue are worked by hand; a property test adds, to generated
agreements with events, an event that happened after the day asked and checks that the answer
for that day does not change.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vereinbarung import agreement_from_data, load_agreement, state_on

D = dt.date.fromisoformat
EXAMPLES = Path(__file__).parent.parent / "examples"
A, B, C = "Stadt Aachtal", "Gemeinde Birkenfeld", "Kreis Celle-Land"


def data(events: list[dict[str, Any]], regime: str = "contract", **term: Any) -> dict[str, Any]:
    clause = {"effective": "2020-01-01", "notice": "6 Monate", "notice_to": "year_end"}
    clause.update(term)
    return {
        "title": "Kooperationsvereinbarung (Beispiel)",
        "regime": regime,
        "parties": [
            {"name": n, "representative": {"name": f"Person {i}", "title": "Bürgermeisterin"}}
            for i, n in enumerate((A, B, C))
        ],
        "lead": A,
        "on_party_notice": "party_leaves",
        "term": clause,
        "events": events,
    }


def amendment(date: str, notice: str) -> dict[str, Any]:
    return {
        "type": "amendment", "date": date, "effective": "2027-06-01",
        "text": f"§ 5 Abs. 2: Kündigungsfrist {notice}",
        "term": {"effective": "2020-01-01", "notice": notice, "notice_to": "year_end"},
    }  # fmt: skip


def test_an_amendment_concluded_later_does_not_reach_back() -> None:
    # Unbefristet, 6 Monate zum Jahresende. Änderung 1 (15.01.2027): ab 01.06.2027 vier Monate;
    # Änderung 2 (01.05.2027): ab 01.06.2027 ein Monat. Asked on 01.04.2027 only the first exists:
    # a notice received from 01.06.2027 needs four months to 31.12.2027, so the last day of
    # receipt is 31.08.2027 (31.08. + 4 Monate = 31.12.2027, §§ 187 Abs. 1, 188 Abs. 2 BGB), not
    # 30.11.2027 (one month, the second amendment, concluded a month later).
    agreement = agreement_from_data(
        data([amendment("2027-01-15", "4 Monate"), amendment("2027-05-01", "1 Monat")]),
        source="t.yaml",
    )
    before = state_on(agreement, D("2027-04-01"))
    assert (before.terminates_on, before.notice_deadline) == (D("2027-12-31"), D("2027-08-31"))
    text = " ".join(before.derivation + before.warnings)
    assert "Kündigungsfrist 4 Monate zum Ende eines Kalenderjahres" in text
    assert "1 Monat" not in text
    assert "01.05.2027" not in text
    # once the second is concluded, it decides from 01.06.2027: 30.11. + 1 Monat = 30.12.2027
    after = state_on(agreement, D("2027-05-01"))
    assert after.notice_deadline == D("2027-11-30")


def test_signatures_dated_after_the_day_asked_mean_not_yet_signed() -> None:
    # Signatures recorded as events: Stadt Aachtal 10.01.2020, Gemeinde Birkenfeld 20.01.2020,
    # Kreis Celle-Land 05.02.2020. A contract is concluded only when every party has signed
    # (Schriftform, § 57 VwVfG NRW; § 62 Satz 2 VwVfG i. V. m. § 126 Abs. 2 BGB): on 15.01.2020
    # two signatures are missing (a draft), not »Unterschriften nicht erfasst: gilt als
    # unterschrieben«; from 05.02.2020 it is in force (agreed Inkrafttreten 01.01.2020, so the
    # later signature decides: 05.02.2020).
    signed = [
        {"type": "signed", "party": A, "date": "2020-01-10"},
        {"type": "signed", "party": B, "date": "2020-01-20"},
        {"type": "signed", "party": C, "date": "2020-02-05"},
    ]
    agreement = agreement_from_data(data(signed), source="t.yaml")
    draft = state_on(agreement, D("2020-01-15"))
    assert draft.status == "draft"
    assert any(f"Es fehlen noch Unterschriften: {B}, {C}" in line for line in draft.derivation)
    before_any = state_on(agreement, D("2019-12-31"))
    assert before_any.status == "draft"
    in_force = state_on(agreement, D("2020-02-05"))
    assert in_force.status == "in_force"
    assert in_force.effective is not None
    assert in_force.effective.day == D("2020-02-05")


GKG_FACTS = [
    {"type": "approval_requested", "date": "2019-11-01"},
    {"type": "approved", "date": "2019-11-15"},
    {"type": "published", "date": "2019-12-01"},
]


def test_a_gkg_aufhebung_counts_from_its_publication_not_before() -> None:
    # Aufhebung concluded 01.02.2026 to end 30.06.2026, published only on 15.07.2026: under
    # § 24 Abs. 5 i. V. m. Abs. 4 GkG NRW it takes effect the day after publication, so it ends
    # the agreement with the end of 15.07.2026. On 01.03.2026 it is concluded but not published:
    # in force, the Aufhebung not yet effective; on 16.07.2026 ended with the end of 15.07.2026.
    aufhebung = {"type": "terminated_by_agreement", "date": "2026-02-01",
                 "effective": "2026-06-30", "published": "2026-07-15"}  # fmt: skip
    agreement = agreement_from_data(data([*GKG_FACTS, aufhebung], regime="gkg"), source="t.yaml")
    early = state_on(agreement, D("2026-03-01"))
    assert early.status == "in_force"
    assert early.ends_on is None
    assert any(
        "noch nicht wirksam: sie wirkt erst mit der Bekanntmachung" in w for w in early.warnings
    )
    assert "15.07.2026" not in " ".join(early.warnings + early.derivation)
    published = state_on(agreement, D("2026-07-15"))
    assert published.status == "notice_given"
    assert published.ends_on is not None
    assert published.ends_on.day == D("2026-07-15")
    assert state_on(agreement, D("2026-07-16")).status == "ended"


def test_a_notice_received_by_some_parties_only_is_not_yet_effective() -> None:
    # received by B on 20.06.2027 and by C only on 05.07.2027: on 01.07.2027 it is not yet
    # effective (§ 130 Abs. 1 BGB: every other party must have received it), and the answer on
    # that day does not anticipate the late receipt
    notice = {"type": "notice", "by": A, "form": "written",
              "received": {B: "2027-06-20", C: "2027-07-05"}}  # fmt: skip
    agreement = agreement_from_data(data([notice]), source="t.yaml")
    state = state_on(agreement, D("2027-07-01"))
    assert state.status == "in_force"
    assert any("Zugang fehlt bei Kreis Celle-Land" in w for w in state.warnings)
    assert "05.07.2027" not in " ".join(state.warnings + state.derivation)
    assert state_on(agreement, D("2027-07-05")).leaving == {A: D("2028-12-31")}


# -- property: an event after the day asked never changes that day's answer ----------------

_DAYS = st.dates(min_value=dt.date(2019, 6, 1), max_value=dt.date(2031, 12, 31))


def _iso(day: dt.date) -> str:
    return day.isoformat()


@st.composite
def _event(draw: st.DrawFn, after: dt.date | None = None) -> dict[str, Any]:
    """One event of any type; with *after*, everything of it happens after that day."""
    days = _DAYS if after is None else st.dates(after + dt.timedelta(days=1), D("2033-12-31"))
    kind = draw(st.sampled_from([
        "approval_requested", "approved", "approval_refused", "published", "notice",
        "notice", "extraordinary_notice", "amendment", "amendment", "terminated_by_agreement",
    ]))  # fmt: skip
    day = draw(days)
    if kind in ("approval_requested", "approved", "approval_refused", "published"):
        return {"type": kind, "date": _iso(day)}
    if kind in ("notice", "extraordinary_notice"):
        by = draw(st.sampled_from([A, B, C]))
        others = [p for p in (A, B, C) if p != by]
        received = {p: _iso(draw(days)) for p in others}
        event = {"type": kind, "by": by, "form": draw(st.sampled_from(["written", "email"])),
                 "received": received}  # fmt: skip
        if draw(st.booleans()):
            event["published"] = _iso(max(D(d) for d in received.values()) + dt.timedelta(days=7))
        return event
    if kind == "amendment":
        effective = day + dt.timedelta(days=draw(st.integers(-400, 400)))
        notice = draw(st.sampled_from(["1 Monat", "3 Monate", "6 Monate", "10 Arbeitstage"]))
        to = draw(st.sampled_from(["year_end", "half_year_end", "quarter_end"]))
        return {"type": "amendment", "date": _iso(day), "effective": _iso(effective),
                "text": "Änderung", "term": {"effective": "2020-01-01", "notice": notice,
                                             "notice_to": to}}  # fmt: skip
    event = {"type": "terminated_by_agreement", "date": _iso(day),
             "effective": _iso(day + dt.timedelta(days=draw(st.integers(0, 400))))}  # fmt: skip
    if draw(st.booleans()):
        event["published"] = _iso(day + dt.timedelta(days=draw(st.integers(0, 60))))
    return event


def _answer(content: dict[str, Any], day: dt.date) -> dict[str, Any]:
    return state_on(agreement_from_data(content, source="t.yaml"), day).to_json()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    regime=st.sampled_from(["contract", "gkg"]),
    notice=st.sampled_from(["6 Monate", "3 Monate", "10 Arbeitstage"]),
    events=st.lists(_event(), max_size=4),
    day=_DAYS,
    data_=st.data(),
)
def test_an_event_after_the_day_asked_never_changes_its_answer(
    regime: str, notice: str, events: list[dict[str, Any]], day: dt.date, data_: st.DataObject
) -> None:
    base = data(events, regime=regime, notice=notice)
    later = data_.draw(_event(after=day), label="later event")
    before = _answer(base, day)
    with_later = _answer(data([*events, later], regime=regime, notice=notice), day)
    assert with_later == before
    # and a publication after the day, added to an Aufhebung or a notice already recorded
    for index, event in enumerate(events):
        if event["type"] in ("terminated_by_agreement", "notice") and "published" not in event:
            published = {**event, "published": _iso(day + dt.timedelta(days=1))}
            if event["type"] == "notice":
                latest = max(D(d) for d in event["received"].values())
                published["published"] = _iso(max(day, latest) + dt.timedelta(days=1))
            changed = [*events[:index], published, *events[index + 1 :]]
            assert _answer(data(changed, regime=regime, notice=notice), day) == before


def _first_fact(event: Any) -> dt.date:
    """The first day on which anything of *event* happened (concluded, received, published)."""
    days: list[dt.date] = [
        getattr(event, name) for name in ("date", "sent") if getattr(event, name, None)
    ]
    received = getattr(event, "received", None)
    if isinstance(received, dict):
        days += list(received.values())
    elif isinstance(received, dt.date):
        days.append(received)
    return min(days)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bundled_event_leaves_the_days_before_it_alone(path: Path) -> None:
    agreement = load_agreement(path)
    for index, event in enumerate(agreement.events):
        first = _first_fact(event)
        without = agreement.model_copy(
            update={"events": agreement.events[:index] + agreement.events[index + 1 :]}
        )
        for back in (1, 2, 30, 91, 200, 400, 800):
            day = first - dt.timedelta(days=back)
            assert state_on(agreement, day).to_json() == state_on(without, day).to_json(), (
                event.type,
                day,
            )


def test_the_effect_of_a_notice_is_judged_with_what_was_known_that_day() -> None:
    # GkG: a notice received 01.03.2027 and published 01.05.2027 (§ 24 Abs. 5 GkG NRW): recorded
    # on 02.03.2027, its effect is not yet there, as the state of that day says
    from vereinbarung.state.effects import event_effect

    notice = {"type": "notice", "by": A, "form": "written",
              "received": {B: "2027-03-01", C: "2027-03-01"}, "published": "2027-05-01"}  # fmt: skip
    agreement = agreement_from_data(data([*GKG_FACTS, notice], regime="gkg"), source="t.yaml")
    early = event_effect(agreement, agreement.events[-1], D("2027-03-02"))
    assert not early.effective
    assert "§ 24 Abs. 5 GkG NRW" in early.text
    assert state_on(agreement, D("2027-03-02")).leaving == {}
    late = event_effect(agreement, agreement.events[-1], D("2027-05-02"))
    assert late.effective
    assert "Kündigung wirkt zum 31.12.2027" in late.text


def test_the_windows_ahead_use_what_was_known_on_the_day_asked() -> None:
    # GkG Aufhebung concluded 01.02.2026, published only on 15.08.2027 (§ 24 Abs. 5 GkG NRW).
    # The windows ahead seen on 01.03.2026 (calendar, letters) do not stop at a publication that
    # had not happened then: 6 Monate zum Jahresende, receipt by 30.06. of each year
    from vereinbarung.state.upcoming import upcoming_states

    aufhebung = {"type": "terminated_by_agreement", "date": "2026-02-01",
                 "effective": "2027-06-30", "published": "2027-08-15"}  # fmt: skip
    agreement = agreement_from_data(data([*GKG_FACTS, aufhebung], regime="gkg"), source="t.yaml")
    windows = upcoming_states(agreement, D("2026-03-01"), count=4)
    assert [(s.terminates_on, s.notice_deadline) for s in windows] == [
        (D(f"{year}-12-31"), D(f"{year}-06-30")) for year in (2026, 2027, 2028, 2029)
    ]


def test_check_reports_moved_dates_only_while_they_matter() -> None:
    # 01.01.2020 – 31.12.2030, 1 Jahr renewal, 6 Monate zum Jahresende (GkG). The old reading
    # let the year ends inside the term be Kündigungstermine; the fixed term binds to 31.12.2030
    # (§ 620 Abs. 1 BGB). The Aufhebung concluded 01.02.2026, published 15.07.2026, ends the
    # agreement with the end of 15.07.2026 (§ 24 Abs. 5 i. V. m. Abs. 4 GkG NRW): from that day
    # on the moved Kündigungstermine no longer matter; before it they still do (not yet
    # effective).
    from vereinbarung.state.checks import check_agreement

    aufhebung = {"type": "terminated_by_agreement", "date": "2026-02-01",
                 "effective": "2026-06-30", "published": "2026-07-15"}  # fmt: skip
    term = {"ends": "2030-12-31", "renewal": "1 Jahr"}
    agreement = agreement_from_data(
        data([*GKG_FACTS, aufhebung], regime="gkg", **term), source="t.yaml"
    )

    def moved(day: str) -> list[str]:
        findings = check_agreement(agreement, on=D(day))
        return [f.message for f in findings if "Geänderte Berechnung" in f.message]

    assert moved("2026-03-01")  # in force, the Aufhebung not yet published
    assert moved("2026-07-15") == []  # the Aufhebung fixes the end
    assert moved("2026-12-07") == []  # ended


def test_status_says_wirksam_ab_before_the_agreement_takes_effect(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # in force from 01.01.2027 (signed 2026): on 07.12.2026 not yet – »Wirksam ab«; on
    # 01.02.2027 in force – »Wirksam seit«
    import json

    from .cli_runner import run

    signed = [{"type": "signed", "party": name, "date": "2026-11-02"} for name in (A, B, C)]
    path = tmp_path / "v.json"
    path.write_text(json.dumps(data(signed, effective="2027-01-01")), encoding="utf-8")
    code, out, _ = run(capsys, "status", str(path), "--on", "2026-12-07")
    assert code == 0
    assert "noch nicht in Kraft" in out
    assert "Wirksam ab: 01.01.2027" in out
    assert "Wirksam seit" not in out
    code, out, _ = run(capsys, "status", str(path), "--on", "2027-02-01")
    assert "Wirksam seit: 01.01.2027" in out
