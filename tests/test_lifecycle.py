"""Lifecycle: signatures, approval and publication, notices, parties leaving, amendments."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from vereinbarung import AgreementFileError, Period, TermRule, agreement_from_data
from vereinbarung.law.periods import ONE_DAY
from vereinbarung.state.day import state_on

from .strategies import simple_periods, term_rules

D = dt.date.fromisoformat
A, B, C = "Stadt Aachtal", "Gemeinde Birkenfeld", "Kreis Celle-Land"


def agreement(events: list[dict[str, Any]] = (), **extra: Any) -> Any:  # type: ignore[assignment]
    data: dict[str, Any] = {
        "title": "Kooperationsvereinbarung (Beispiel)",
        "parties": [
            {"name": n, "representative": {"name": f"Person {i}", "title": "Bürgermeisterin"}}
            for i, n in enumerate((A, B, C))
        ],
        "lead": C,
        "on_party_notice": "party_leaves",
        "term": {"effective": "2023-02-01", "ends": "2026-12-31", "renewal": "2 Jahre",
                 "notice": "6 Monate", "clause": "§ 5"},
        "events": list(events),
    }  # fmt: skip
    data.update(extra)
    return agreement_from_data(data, source="test.yaml")


def notice(by: str = A, form: str = "written", **received: str) -> dict[str, Any]:
    return {"type": "notice", "by": by, "form": form, "received": received}


SIGNED = [
    {"type": "signed", "party": A, "date": "2023-01-20", "place": "Aachtal"},
    {"type": "signed", "party": B, "date": "2023-01-25"},
    {"type": "signed", "party": C, "date": "2023-02-10"},
]


def test_without_events_in_force_with_next_deadline() -> None:
    s = state_on(agreement(), D("2026-11-21"))
    assert s.status == "in_force"
    assert s.effective is not None
    assert s.effective.day == D("2023-02-01")
    assert s.parties == (A, B, C)
    assert s.next_deadline is not None
    assert (s.next_deadline.day, s.next_deadline.label) == (D("2028-06-30"), "Kündigungsfrist")
    assert "Unterschriften nicht erfasst" in " ".join(s.derivation)


def test_contract_takes_effect_when_the_last_party_signs() -> None:
    a = agreement(SIGNED)
    assert state_on(a, D("2023-01-30")).status == "draft"
    assert state_on(a, D("2023-02-05")).status == "draft"  # contractual day passed, C missing
    s = state_on(a, D("2023-02-11"))
    assert s.status == "in_force"
    assert s.effective is not None
    assert s.effective.day == D("2023-02-10")


def test_signed_before_effective_day_is_signed() -> None:
    events = [{**e, "date": "2023-01-2" + str(i)} for i, e in enumerate(SIGNED)]
    assert state_on(agreement(events), D("2023-01-25")).status == "not_in_force"


def test_notice_on_time_party_leaves_at_term_end() -> None:
    a = agreement([notice(**{B: "2026-06-29", C: "2026-06-30"})])
    s = state_on(a, D("2026-07-01"))
    # A leaves, the others continue: in force for them, not »gekündigt« (issue 21)
    assert s.status == "in_force"
    assert s.partial_notices == (
        f"{A} scheidet zum 31.12.2026 aus; für die übrigen Parteien in Kraft",
    )
    assert s.notice_deadline == D("2028-06-30")  # B and C can still give notice
    assert s.parties == (A, B, C)
    on_time = s.derivation.index("Rechtzeitig: wirkt zum frühestmöglichen Termin 31.12.2026")
    # the last day of receipt of that date, derived right after it (§§ 187 Abs. 1, 188 BGB)
    assert s.derivation[on_time + 1].startswith("Zugang spätestens 30.06.2026: 30.06.2026 + ")
    assert s.next_deadline is not None
    assert s.next_deadline.label == "Ausscheiden"
    after = state_on(a, D("2027-01-01"))
    assert after.status == "in_force"
    assert after.parties == (B, C)


def test_notice_a_day_late_works_at_the_next_term_end() -> None:
    a = agreement([notice(**{B: "2026-06-29", C: "2026-07-01"})])
    s = state_on(a, D("2026-07-02"))
    text = " ".join(s.derivation)
    assert "Verspätet für den 31.12.2026 (Zugang spätestens 30.06.2026)" in text
    assert "wirkt zum nächsten Termin 31.12.2028" in text
    assert state_on(a, D("2027-06-01")).parties == (A, B, C)
    assert state_on(a, D("2029-01-01")).parties == (B, C)


def test_email_is_not_written_form() -> None:
    s = state_on(
        agreement([notice(form="email", **{B: "2026-03-01", C: "2026-03-01"})]), D("2026-07-01")
    )
    assert s.status == "in_force"
    assert any("E-Mail genügt der Schriftform nicht" in w for w in s.warnings)
    assert state_on(
        agreement([notice(form="qualified_electronic", **{B: "2026-03-01", C: "2026-03-01"})]),
        D("2026-07-01"),
    ).leaving == {A: D("2026-12-31")}


def test_one_recipient_missing_is_not_yet_effective() -> None:
    s = state_on(agreement([notice(**{B: "2026-03-01"})]), D("2026-07-01"))
    assert s.status == "in_force"
    assert any("Zugang fehlt bei Kreis Celle-Land" in w for w in s.warnings)


def test_gkg_publication_after_the_contractual_day() -> None:
    events = [
        *SIGNED[:2],
        {**SIGNED[2], "date": "2023-01-26"},
        {"type": "approval_requested", "date": "2023-01-10"},
        {"type": "published", "date": "2023-03-15", "gazette": "Amtsblatt Nr. 11"},
    ]
    a = agreement(events, regime="gkg")
    before = state_on(a, D("2023-02-05"))
    assert before.status == "awaiting_approval"
    assert before.next_deadline is not None
    # 10.01.2023 + 4 Wochen = 07.02.2023 (§ 24 Abs. 2 GkG NRW, § 188 Abs. 2 BGB)
    assert (before.next_deadline.day, before.next_deadline.label) == (
        D("2023-02-07"),
        "Genehmigungsfiktion",
    )
    assert state_on(a, D("2023-03-15")).status == "not_in_force"  # published, effective tomorrow
    s = state_on(a, D("2023-03-16"))
    assert s.status == "in_force"
    assert s.effective is not None
    assert s.effective.day == D("2023-03-16")
    assert "§ 24 Abs. 4 GkG NRW" in " ".join(s.derivation)


def test_gkg_refused_approval_never_takes_effect() -> None:
    events = [{"type": "approval_requested", "date": "2023-01-10"},
              {"type": "approval_refused", "date": "2023-02-01"}]  # fmt: skip
    s = state_on(agreement(events, regime="gkg"), D("2024-01-01"))
    assert s.status == "not_in_force"
    assert any("versagt" in w for w in s.warnings)


def test_lead_party_leaving_ends_it_for_all() -> None:
    a = agreement(
        [notice(by=C, **{A: "2026-05-01", B: "2026-05-02"})], on_party_notice="ends_if_lead_leaves"
    )
    s = state_on(a, D("2026-07-01"))
    assert s.status == "notice_given"
    assert s.ends_on is not None
    assert s.ends_on.day == D("2026-12-31")
    ended = state_on(a, D("2027-01-01"))
    assert ended.status == "ended"
    assert ended.parties == ()
    # another party's notice only makes it leave
    b = agreement(
        [notice(by=A, **{B: "2026-05-01", C: "2026-05-02"})], on_party_notice="ends_if_lead_leaves"
    )
    assert state_on(b, D("2027-01-01")).parties == (B, C)


def test_majority_ends_it() -> None:
    events = [
        notice(by=A, **{B: "2026-05-01", C: "2026-05-01"}),
        notice(by=B, **{A: "2026-05-02", C: "2026-05-02"}),
    ]
    s = state_on(agreement(events, on_party_notice="ends_if_majority"), D("2027-01-01"))
    assert s.status == "ended"


def test_last_remaining_party_alone_ends_it() -> None:
    events = [
        notice(by=A, **{B: "2026-05-01", C: "2026-05-01"}),
        notice(by=B, **{A: "2026-05-02", C: "2026-05-02"}),
    ]
    s = state_on(agreement(events), D("2027-01-01"))
    assert s.status == "ended"
    assert "bliebe nur Kreis Celle-Land" in " ".join(s.derivation)


def test_amendment_changes_the_notice_period_from_its_effective_day() -> None:
    amendment = {"type": "amendment", "date": "2025-03-01", "effective": "2025-04-01",
                 "text": "§ 5 Abs. 3: Frist von drei Monaten",
                 "term": {"effective": "2023-02-01", "ends": "2026-12-31", "renewal": "2 Jahre",
                          "notice": "3 Monate", "clause": "§ 5"}}  # fmt: skip
    a = agreement([amendment])
    before = state_on(a, D("2025-02-15"))  # amendment not yet concluded: 6 Monate
    assert before.next_deadline is not None
    assert before.next_deadline.day == D("2026-06-30")
    # concluded 01.03.2025, effective 01.04.2025: a notice received after that is judged under
    # the new three months, so 30.09.2026 is still in time for 31.12.2026
    concluded = state_on(a, D("2025-03-15"))
    assert concluded.next_deadline is not None
    assert concluded.next_deadline.day == D("2026-09-30")
    assert any("geänderte Laufzeitregelung" in w for w in concluded.warnings)
    after = state_on(a, D("2026-08-01"))
    assert after.next_deadline is not None
    assert after.next_deadline.day == D("2026-09-30")
    # a notice on 15.08.2026 is timely under the amended clause
    b = agreement([amendment, notice(**{B: "2026-08-15", C: "2026-08-15"})])
    assert state_on(b, D("2027-01-01")).parties == (B, C)


def test_extraordinary_notice_and_termination_by_agreement() -> None:
    x = agreement([{"type": "extraordinary_notice", "by": B, "received": "2027-01-10"}])
    s = state_on(x, D("2027-01-11"))
    assert s.parties == (A, C)
    assert any("begründet" in line for line in s.derivation)
    t = agreement(
        [{"type": "terminated_by_agreement", "date": "2027-05-01", "effective": "2027-06-30"}]
    )
    assert state_on(t, D("2027-05-02")).status == "notice_given"
    assert state_on(t, D("2027-07-01")).status == "ended"


@pytest.mark.parametrize(
    ("events", "fragment"),
    [
        (
            [notice(by="Stadt Nirgendwo", **{B: "2026-01-01"})],
            "»Stadt Nirgendwo« ist keine der Parteien",
        ),
        ([{**notice(**{B: "2026-01-01"}), "sent": "2026-01-05"}], "vor der Absendung"),
        ([SIGNED[0], {**SIGNED[0], "date": "2023-01-21"}], "hat schon unterschrieben"),
        ([notice(**{A: "2026-01-01"})], "nicht selbst empfangen"),
        (
            [{"type": "notice", "by": A, "received": {B: "2026-01-01"}, "form": "fax"}],
            "»fax« ist nicht erlaubt",
        ),
    ],
)
def test_nonsense_events_are_refused(events: list[dict[str, Any]], fragment: str) -> None:
    with pytest.raises(AgreementFileError, match=fragment):
        agreement(events)


def _agreement_for(rule: TermRule) -> Any:
    term: dict[str, Any] = {
        "effective": rule.effective.isoformat(),
        "notice_to": str(rule.notice_to),
    }
    if rule.first_end:
        term["ends"] = rule.first_end.isoformat()
    if rule.renewal:
        term["renewal"] = str(rule.renewal)
    if rule.renews_indefinitely:
        term["renewal"] = "unbestimmte Zeit"
    if rule.notice:
        term["notice"] = str(rule.notice)
    if rule.earliest_end:
        term["earliest_end"] = rule.earliest_end.isoformat()
    return term


@settings(max_examples=150)
@given(term_rules(), st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2050, 12, 31)))
def test_notice_on_the_last_day_is_effective_at_that_date_a_day_later_at_the_next(
    rule: TermRule, on: dt.date
) -> None:
    deadlines = state_on(agreement(term=_agreement_for(rule)), on)
    if deadlines.notice_deadline is None or deadlines.terminates_on is None:
        return
    last = deadlines.notice_deadline
    on_time = agreement(
        [notice(**{B: last.isoformat(), C: last.isoformat()})], term=_agreement_for(rule)
    )
    assert state_on(on_time, last).parties == (A, B, C)
    assert A not in state_on(on_time, deadlines.terminates_on + ONE_DAY).parties
    late_day = last + ONE_DAY
    late = agreement(
        [notice(**{B: last.isoformat(), C: late_day.isoformat()})], term=_agreement_for(rule)
    )
    expected = state_on(agreement(term=_agreement_for(rule)), late_day).terminates_on
    if expected is None:
        assert A in state_on(late, deadlines.terminates_on + ONE_DAY).parties
        return
    assert expected > deadlines.terminates_on
    assert A in state_on(late, deadlines.terminates_on + ONE_DAY).parties
    assert A not in state_on(late, expected + ONE_DAY).parties


def test_amendment_that_lengthens_the_period_brings_the_deadline_forward() -> None:
    # reviewer's case: 3 Monate, amended to 6 Monate from 01.04.2025 (concluded 01.03.2025)
    longer = {"type": "amendment", "date": "2025-03-01", "effective": "2025-04-01", "text": "6 Monate",
              "term": {"effective": "2023-02-01", "ends": "2026-12-31", "renewal": "2 Jahre",
                       "notice": "6 Monate", "clause": "§ 5"}}  # fmt: skip
    base = {
        "effective": "2023-02-01",
        "ends": "2026-12-31",
        "renewal": "2 Jahre",
        "notice": "3 Monate",
    }
    a = agreement([longer], term=base)
    s = state_on(a, D("2025-03-15"))
    assert s.next_deadline is not None
    assert s.next_deadline.day == D("2026-06-30")  # not 30.09.2026: the new clause will decide


def test_amendment_concluded_later_is_not_known_on_earlier_days() -> None:
    retro = {"type": "amendment", "date": "2025-06-01", "effective": "2025-01-01", "text": "rückwirkend",
             "term": {"effective": "2023-02-01", "ends": "2026-12-31", "renewal": "2 Jahre",
                      "notice": "3 Monate"}}  # fmt: skip
    a = agreement([retro])
    assert a.version_on(D("2025-03-01")).term.notice == a.term.notice
    assert str(a.version_on(D("2025-06-01")).term.notice) == "3 Monate"


def test_gkg_notice_needs_publication() -> None:
    base = [
        {"type": "approval_requested", "date": "2023-01-02"},
        {"type": "published", "date": "2023-01-20"},
    ]
    n = notice(**{B: "2026-03-01", C: "2026-03-01"})
    unpublished = state_on(agreement([*base, n], regime="gkg"), D("2027-02-01"))
    assert unpublished.status == "in_force"
    assert any("§ 24 Abs. 5 GkG NRW" in w for w in unpublished.warnings)
    published = state_on(
        agreement([*base, {**n, "published": "2026-05-01"}], regime="gkg"), D("2027-02-01")
    )
    assert published.parties == (B, C)
    late = state_on(
        agreement([*base, {**n, "published": "2027-01-15"}], regime="gkg"), D("2027-01-10")
    )
    assert A in late.parties  # bound until the publication day


def test_refusal_after_deemed_approval_does_not_undo_it() -> None:
    events = [{"type": "approval_requested", "date": "2023-01-02"}, {"type": "published", "date": "2023-02-15"},
              {"type": "approval_refused", "date": "2024-06-01"}]  # fmt: skip
    s = state_on(agreement(events, regime="gkg"), D("2024-06-02"))
    assert s.status == "in_force"
    assert any("nach Ablauf der Vierwochenfrist" in w for w in s.warnings)


def test_extraordinary_after_ordinary_notice_and_former_parties() -> None:
    events = [
        notice(**{B: "2026-03-01", C: "2026-03-01"}),
        {"type": "extraordinary_notice", "by": A, "received": "2026-04-01", "reasons": "…"},
        notice(by=B, **{C: "2026-05-01"}),
    ]
    s = state_on(agreement(events), D("2026-06-01"))
    assert s.leaving[A] == D("2026-04-01")
    assert s.ends_on is not None
    assert s.ends_on.day == D("2026-12-31")  # B leaves then, C would be alone
    # a copy to a party that already left does not delay the deadline
    copy = notice(by=B, **{C: "2028-06-30", A: "2028-07-03"})
    t = state_on(agreement([notice(**{B: "2026-03-01", C: "2026-03-01"}), copy]), D("2029-01-01"))
    assert t.status == "ended"


def test_majority_counts_parties_that_joined() -> None:
    joined = [{"type": "joined", "party": C, "date": "2023-12-01", "effective": "2024-01-01"}]
    events = [*joined, notice(by=A, **{B: "2026-03-01", C: "2026-03-01"})]
    s = state_on(agreement(events, on_party_notice="ends_if_majority"), D("2027-01-01"))
    assert s.status == "in_force"  # 1 of 3 is no majority
    assert s.parties == (B, C)


def test_end_date_9999_does_not_overflow() -> None:
    a = agreement(
        term={
            "effective": "2020-01-01",
            "ends": "9999-12-31",
            "notice": "6 Monate",
            "notice_to": "year_end",
        }
    )
    assert state_on(a, D("2026-01-01")).status == "in_force"
    assert state_on(a, D("2026-01-01")).terminates_on == D("2026-12-31")


def test_amendment_that_shortens_the_period_opens_an_earlier_end() -> None:
    # 6 Monate; amended to 3 Monate from 15.07.2026 (concluded 10.07.2026). On 14.07.2026 the
    # end of 31.12.2026 is lost under the old clause (30.06.2026 passed), but a notice received
    # from 15.07. to 30.09.2026 is judged under the new one and ends the agreement then.
    shorter = {"type": "amendment", "date": "2026-07-10", "effective": "2026-07-15", "text": "3 Monate",
               "term": {"effective": "2023-02-01", "ends": "2026-12-31", "renewal": "2 Jahre",
                        "notice": "3 Monate"}}  # fmt: skip
    a = agreement([shorter])
    s = state_on(a, D("2026-07-14"))
    assert (s.terminates_on, s.notice_deadline, s.missed) == (
        D("2026-12-31"),
        D("2026-09-30"),
        None,
    )
    assert s.dates is not None
    assert s.dates.note is not None
    assert "vom 15.07.2026 bis zum 30.09.2026" in s.dates.note
    # and the notices themselves are judged under the clause of their receipt
    early = agreement([shorter, notice(**{B: "2026-07-14", C: "2026-07-14"})])
    assert state_on(early, D("2027-01-01")).parties == (A, B, C)  # old clause: 31.12.2028
    later = agreement([shorter, notice(**{B: "2026-07-20", C: "2026-07-20"})])
    assert state_on(later, D("2027-01-01")).parties == (B, C)


def test_notice_without_recorded_form_is_assumed_written_with_a_warning() -> None:
    n = notice(**{B: "2026-03-01", C: "2026-03-01"})
    del n["form"]
    s = state_on(agreement([n]), D("2026-07-01"))
    assert s.leaving == {A: D("2026-12-31")}
    assert any(w.startswith("Form nicht erfasst") for w in s.warnings)


@settings(max_examples=120)
@given(
    term_rules().filter(lambda r: r.notice is not None),
    simple_periods.filter(lambda p: p.years <= 2),
    st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2045, 12, 31)),
    st.integers(1, 900),
)
def test_deadline_across_a_pending_amendment_works_and_the_day_after_does_not(
    rule: TermRule, new_notice: Period, on: dt.date, gap: int
) -> None:
    # an amendment concluded on `on` changes the notice period from `on + gap` on; the last day
    # of receipt shown on `on` must end the agreement at the date shown, the day after must not
    old = _agreement_for(rule)
    amended = {**old, "notice": str(new_notice)}
    effective = on + dt.timedelta(days=gap)
    amendment = {"type": "amendment", "date": on.isoformat(), "effective": effective.isoformat(),
                 "text": "neue Frist", "term": amended}  # fmt: skip
    shown = state_on(agreement([amendment], term=old), on)
    if shown.notice_deadline is None or shown.terminates_on is None:
        return
    event(
        "window of the amended clause"
        if shown.dates and shown.dates.note
        else "clause in force today decides"
    )
    last = shown.notice_deadline
    assert last >= on
    on_time = agreement([amendment, notice(**{B: last.isoformat(), C: last.isoformat()})], term=old)
    assert state_on(on_time, shown.terminates_on).parties == (A, B, C)
    assert A not in state_on(on_time, shown.terminates_on + ONE_DAY).parties
    day_after = (last + ONE_DAY).isoformat()
    late = agreement([amendment, notice(**{B: day_after, C: day_after})], term=old)
    assert A in state_on(late, shown.terminates_on + ONE_DAY).parties
