"""Issue 24: a fixed term binds, nothing ends before it begins — worked examples by hand.

The rules (``README.md`` »So wird gerechnet«, :mod:`vereinbarung.law.rule`):

* A contract concluded for a fixed time cannot be terminated ordinarily before that time has
  run unless the parties agreed otherwise (§ 620 Abs. 1 BGB, § 542 Abs. 2 BGB; for
  public-law agreements through § 62 Satz 2 VwVfG NRW). With a first term (``ends`` or
  ``duration``) and a calendar rule the first Kündigungstermin is the end of that term itself;
  after it the calendar rule applies as without a term. ``notice_during_term: true`` (»kann
  auch vor Ablauf der Laufzeit gekündigt werden«) allows the calendar dates during the term.
* No Kündigungstermin on or before the Inkrafttreten (GkG: the day after publication, § 24
  Abs. 4 GkG NRW). A notice may be received before it; its period runs from receipt (§ 187
  Abs. 1 BGB).

Every date below is counted by hand in the comment above it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from vereinbarung import Period, TermRule, agreement_from_data
from vereinbarung.law.terms import NoticeTo, status_on
from vereinbarung.model.clause_wording import term_paragraphs
from vereinbarung.model.clauses import Term
from vereinbarung.state.checks import check_agreement
from vereinbarung.state.day import state_on

D = dt.date.fromisoformat
A, B = "Stadt Aachtal", "Gemeinde Birkenfeld"

# The issue's example, created with the form: Inkrafttreten 01.01.2027, Laufzeit 5 Jahre,
# Verlängerung 1 Jahr, 6 Monate zum Ende eines Kalenderhalbjahres.
ISSUE = {"effective": "2027-01-01", "duration": "5 Jahre", "renewal": "1 Jahr",
         "notice": "6 Monate", "notice_to": "half_year_end", "clause": "§ 5"}  # fmt: skip


def _agreement(term: dict[str, Any], events: list[dict[str, Any]] = (), **extra: Any) -> Any:  # type: ignore[assignment]
    data: dict[str, Any] = {
        "title": "Kooperationsvereinbarung (Beispiel)",
        "parties": [
            {"name": n, "representative": {"name": f"Person {i}", "title": "Bürgermeisterin"}}
            for i, n in enumerate((A, B))
        ],
        "term": term,
        "events": list(events),
    }
    data.update(extra)
    return agreement_from_data(data, source="test.yaml")


SIGNED = [
    {"type": "signed", "party": A, "date": "2026-11-02"},
    {"type": "signed", "party": B, "date": "2026-11-05"},
]


# -- fixed term + half-year rule (the issue's example) ------------------------------------------


def test_the_issue_example_has_its_first_kuendigungstermin_at_the_end_of_the_term() -> None:
    # Laufzeit 5 Jahre from 01.01.2027 (§ 187 Abs. 2 BGB: the first day counts) ends on the day
    # before the day with number 1 in January 2032: 31.12.2031 (§ 188 Abs. 2 BGB, second case).
    # The term binds (§ 620 Abs. 1 BGB): 30.06.2027 … 30.06.2031 are no Kündigungstermine; the
    # first is 31.12.2031. 6 Monate from receipt on 30.06.2031 end on 30.12.2031 ≤ 31.12.2031;
    # from 01.07.2031 on 01.01.2032 (§§ 187 Abs. 1, 188 Abs. 2 BGB): receipt by 30.06.2031.
    s = state_on(_agreement(ISSUE, SIGNED), D("2026-12-07"))
    assert s.status == "not_in_force"
    assert (s.terminates_on, s.notice_deadline) == (D("2031-12-31"), D("2031-06-30"))
    assert s.notice_deadline != D("2026-12-31")  # the start page's »Zugang bis 31.12.2026«
    assert any(
        "Die feste erste Laufzeit bindet bis 31.12.2031 (§ 620 Abs. 1 BGB" in line
        for line in s.derivation
    )


def test_after_the_fixed_term_the_half_year_rule_applies_as_before() -> None:
    # received 01.07.2031: 31.12.2031 is missed (receipt by 30.06.2031); the next half-year end
    # is 30.06.2032, inside the first renewal (01.01.–31.12.2032): 6 Monate from 31.12.2031 end
    # on 30.06.2032 (§ 188 Abs. 3 BGB: June has no 31st), from 01.01.2032 on 01.07.2032.
    rule = _agreement(ISSUE).term.rule
    s = status_on(rule, D("2031-07-01"))
    assert s.missed == (D("2031-12-31"), D("2031-06-30"))
    assert (s.terminates_on, s.notice_deadline) == (D("2032-06-30"), D("2031-12-31"))


# -- notice_during_term --------------------------------------------------------------------------


def test_notice_during_term_allows_the_half_year_ends_inside_the_term() -> None:
    # »kann auch vor Ablauf der Laufzeit gekündigt werden«: the first half-year end after the
    # Inkrafttreten is 30.06.2027. 6 Monate from 31.12.2026 end on 30.06.2027 (§ 188 Abs. 2,
    # 3 BGB), from 01.01.2027 on 01.07.2027: receipt by 31.12.2026, one day before the
    # Inkrafttreten — allowed, the period runs from receipt (§ 187 Abs. 1 BGB).
    during = _agreement({**ISSUE, "notice_during_term": True}, SIGNED)
    s = state_on(during, D("2026-12-07"))
    assert (s.terminates_on, s.notice_deadline) == (D("2027-06-30"), D("2026-12-31"))
    assert any(
        "Der letzte Zugangstag 31.12.2026 liegt vor dem Inkrafttreten am 01.01.2027" in line
        and "§ 187 Abs. 1 BGB" in line
        for line in s.derivation
    )
    # written into the document and read back from the file
    (*_, sentences) = term_paragraphs(during.term)
    assert "Sie kann auch vor Ablauf der Laufzeit gekündigt werden." in sentences


def test_notice_during_term_needs_a_term_and_the_form_of_the_file() -> None:
    with pytest.raises(ValueError, match=r"notice_during_term .* setzt eine feste Laufzeit"):
        Term.model_validate(
            {"effective": "2027-01-01", "notice": "6 Monate", "notice_to": "year_end",
             "notice_during_term": True}
        )  # fmt: skip
    term = Term.model_validate({**ISSUE, "notice_during_term": True})
    assert term.model_dump(mode="json")["notice_during_term"] is True
    # written only where the clause says so (files written by `record` stay as they were)
    assert "notice_during_term" not in Term.model_validate(ISSUE).model_dump(mode="json")
    assert term.rule.notice_during_term


def test_a_fixed_term_without_renewal_is_not_terminable_unless_the_clause_says_so() -> None:
    # 01.01.2027 – 31.12.2031, no renewal, 6 Monate zum Jahresende: it ends by itself; the
    # clause allows no notice before (§ 620 Abs. 1 BGB). With notice_during_term 31.12.2027 is
    # the first year end after the Inkrafttreten (receipt by 30.06.2027).
    fixed = {"effective": "2027-01-01", "ends": "2031-12-31", "notice": "6 Monate",
             "notice_to": "year_end"}  # fmt: skip
    s = status_on(Term.model_validate(fixed).rule, D("2027-03-01"))
    assert (s.terminates_on, s.notice_deadline) == (D("2031-12-31"), None)
    assert (
        "Eine ordentliche Kündigung ist ausgeschlossen."
        in term_paragraphs(Term.model_validate(fixed))[-1]
    )
    during = Term.model_validate({**fixed, "notice_during_term": True})
    s = status_on(during.rule, D("2027-03-01"))
    assert (s.terminates_on, s.notice_deadline) == (D("2027-12-31"), D("2027-06-30"))
    assert (
        "auch vor Ablauf der Laufzeit mit einer Frist von sechs Monaten"
        in (term_paragraphs(during)[-1])
    )


# -- fixed term + year-end rule, the term ending mid-year ----------------------------------------

MID_YEAR = {"effective": "2026-05-01", "ends": "2031-04-30", "renewal": "1 Jahr",
            "notice": "6 Monate", "notice_to": "year_end"}  # fmt: skip


def test_a_term_ending_mid_year_is_itself_the_first_kuendigungstermin() -> None:
    # The fixed term binds to 30.04.2031; its end is the first Kündigungstermin although it is
    # no year end. 6 Monate from 31.10.2030 end on 30.04.2031 (§ 188 Abs. 3 BGB: April has no
    # 31st), from 01.11.2030 on 01.05.2031: receipt by 31.10.2030.
    rule = Term.model_validate(MID_YEAR).rule
    s = status_on(rule, D("2026-06-01"))
    assert (s.terminates_on, s.notice_deadline) == (D("2031-04-30"), D("2030-10-31"))
    # one day late: the year-end rule applies after the term, 31.12.2031 (receipt by 30.06.2031)
    s = status_on(rule, D("2030-11-01"))
    assert s.missed == (D("2031-04-30"), D("2030-10-31"))
    assert (s.terminates_on, s.notice_deadline) == (D("2031-12-31"), D("2031-06-30"))


def test_the_first_year_end_after_the_term_where_the_clause_says_so() -> None:
    # »erstmals zum Ende des Kalenderjahres, in dem die Laufzeit endet«: earliest_end 31.12.2031
    rule = Term.model_validate({**MID_YEAR, "earliest_end": "2031-12-31"}).rule
    s = status_on(rule, D("2026-06-01"))
    assert (s.terminates_on, s.notice_deadline) == (D("2031-12-31"), D("2031-06-30"))


def test_check_says_how_a_term_off_the_calendar_rule_is_read() -> None:
    findings = check_agreement(_agreement(MID_YEAR, SIGNED))
    (finding,) = [f for f in findings if f.field == "term.notice_to"]
    assert "die erste Laufzeit endet am 30.04.2031, das ist kein Termin zum Ende eines " in (
        finding.message
    )
    assert (
        "erster Kündigungstermin ist das Laufzeitende 30.04.2031 selbst, danach gilt zum Ende "
        "eines Kalenderjahres (zuerst 31.12.2031). Ist erst der erste Termin nach dem "
        "Laufzeitende gemeint, ihn als earliest_end (»frühestens zum«) eintragen"
    ) in finding.message
    assert "§ 620 Abs. 1 BGB, § 542 Abs. 2 BGB, § 62 Satz 2 VwVfG NRW" in finding.message
    # a term ending on a year end is no ambiguity
    on_rule = {**MID_YEAR, "effective": "2026-01-01", "ends": "2030-12-31"}
    assert not [
        f for f in check_agreement(_agreement(on_rule, SIGNED)) if f.field == "term.notice_to"
    ]


def test_check_explains_a_notice_period_longer_than_the_first_term() -> None:
    # 1 Jahr zum Laufzeitende of a first term 01.01.2027–30.06.2027: receipt by 30.06.2026
    short = {"effective": "2027-01-01", "ends": "2027-06-30", "renewal": "1 Jahr",
             "notice": "1 Jahr"}  # fmt: skip
    (finding,) = [f for f in check_agreement(_agreement(short, SIGNED)) if f.field == "term.notice"]
    assert "länger als die erste Laufzeit" in finding.message
    assert "muss bis zum 30.06.2026 zugehen, also schon vor dem Inkrafttreten" in finding.message
    assert "§ 187 Abs. 1, § 188 BGB" in finding.message


def test_check_reports_dates_that_moved_under_the_new_rule() -> None:
    # the old reading gave 30.06.2027 (receipt by 31.12.2026) on 07.12.2026
    findings = check_agreement(_agreement(ISSUE, SIGNED), on=D("2026-12-07"))
    (moved,) = [f for f in findings if "Geänderte Berechnung" in f.message]
    assert moved.message == (
        "Geänderte Berechnung (die feste Laufzeit bis 31.12.2031 bindet, § 620 Abs. 1 BGB, "
        "§ 542 Abs. 2 BGB, § 62 Satz 2 VwVfG NRW): bei Zugang am 07.12.2026 bisher Kündigung "
        "zum 30.06.2027 mit Zugang bis 31.12.2026, jetzt zum 31.12.2031 mit Zugang bis "
        "30.06.2031."
    )
    during = _agreement({**ISSUE, "notice_during_term": True}, SIGNED)
    assert not [f for f in check_agreement(during, on=D("2026-12-07")) if "Geänderte" in f.message]


# -- nothing ends before it begins ---------------------------------------------------------------


def test_no_kuendigungstermin_on_the_inkrafttreten() -> None:
    # in force from 31.12.2026, 6 Monate zum Jahresende: 31.12.2026 would end it on its first
    # day; the first Kündigungstermin is 31.12.2027 (receipt by 30.06.2027)
    rule = TermRule(effective=D("2026-12-31"), notice=Period(months=6), notice_to=NoticeTo.YEAR_END)
    s = status_on(rule, D("2026-05-01"))
    assert (s.terminates_on, s.notice_deadline) == (D("2027-12-31"), D("2027-06-30"))
    assert next(rule.termination_dates(D("2020-01-01"))) == D("2027-12-31")
    # check names the date that moved (the old reading: 31.12.2026, receipt by 30.06.2026)
    term = {"effective": "2026-12-31", "notice": "6 Monate", "notice_to": "year_end"}
    (moved,) = [
        f.message
        for f in check_agreement(_agreement(term, SIGNED), on=D("2026-05-01"))
        if "Geänderte Berechnung" in f.message
    ]
    assert moved == (
        "Geänderte Berechnung (kein Kündigungstermin am Inkrafttreten 31.12.2026 oder davor): "
        "bei Zugang am 01.05.2026 bisher Kündigung zum 31.12.2026 mit Zugang bis 30.06.2026, "
        "jetzt zum 31.12.2027 mit Zugang bis 30.06.2027."
    )


def test_a_notice_received_before_the_inkrafttreten() -> None:
    # in force from 01.01.2027 for an indefinite time, 3 Monate zum Quartalsende; all received
    # 15.12.2026: 3 Monate from 15.12.2026 end on 15.03.2027 ≤ 31.03.2027, the first quarter
    # end after the Inkrafttreten (§§ 187 Abs. 1, 188 Abs. 2 BGB); receipt by 31.12.2026
    term = {"effective": "2027-01-01", "notice": "3 Monate", "notice_to": "quarter_end"}
    notice = {"type": "notice", "by": A, "form": "written", "received": {B: "2026-12-15"}}
    s = state_on(_agreement(term, [*SIGNED, notice]), D("2026-12-20"))
    assert s.ends_on is not None
    assert s.ends_on.day == D("2027-03-31")
    assert any("Rechtzeitig: wirkt zum frühestmöglichen Termin 31.03.2027" in line
               for line in s.derivation)  # fmt: skip
    assert (
        "Zugang am 15.12.2026 vor dem Inkrafttreten am 01.01.2027: zulässig, die "
        "Kündigungsfrist läuft ab Zugang (§ 187 Abs. 1 BGB); Kündigungstermin frühestens nach "
        "dem Inkrafttreten"
    ) in s.derivation


def test_a_gkg_agreement_published_late_with_a_fixed_duration() -> None:
    # Clause: in force 01.01.2027, Laufzeit 5 Jahre, then 1 Jahr each, 6 Monate zum
    # Laufzeitende. Published only on 14.03.2027: in force from 15.03.2027 (§ 24 Abs. 4 GkG
    # NRW); the five years run from then (§ 187 Abs. 2 BGB) and end on 14.03.2032 (§ 188
    # Abs. 2 BGB). 6 Monate from 14.09.2031 end on 14.03.2032: receipt by 14.09.2031.
    term = {**ISSUE, "notice_to": "term_end"}
    events = [
        *SIGNED,
        {"type": "approval_requested", "date": "2026-11-10"},
        {"type": "approved", "date": "2027-02-20"},
        {"type": "published", "date": "2027-03-14", "gazette": "Amtsblatt Nr. 6"},
    ]
    a = _agreement(term, events, regime="gkg")
    s = state_on(a, D("2027-04-01"))
    assert s.status == "in_force"
    assert (s.terminates_on, s.notice_deadline) == (D("2032-03-14"), D("2031-09-14"))
    # with the half-year rule the end of the term, 14.03.2032, is still the first
    # Kündigungstermin (§ 620 Abs. 1 BGB), and nothing lies before the 15.03.2027
    b = _agreement(ISSUE, events, regime="gkg")
    s = state_on(b, D("2027-04-01"))
    assert (s.terminates_on, s.notice_deadline) == (D("2032-03-14"), D("2031-09-14"))
    rule = b.rule_on(D("2027-04-01"), effective=D("2027-03-15"))
    assert rule.effective == D("2027-03-15")
    assert min(rule.termination_dates(D("2027-01-01"))) > D("2027-03-15")


def test_gkg_with_an_end_date_no_kuendigungstermin_before_the_publication() -> None:
    # indefinite, 1 Monat zum Monatsende, clause day 01.01.2027, published 14.03.2027: the
    # first month end after the Inkrafttreten 15.03.2027 is 31.03.2027 (receipt by 28.02.2027
    # would be needed: 1 Monat from 28.02.2027 ends 28.03.2027), asked 01.03.2027: 30.04.2027
    term = {"effective": "2027-01-01", "notice": "1 Monat", "notice_to": "month_end"}
    events = [
        *SIGNED,
        {"type": "approval_requested", "date": "2026-11-10"},
        {"type": "approved", "date": "2027-02-20"},
        {"type": "published", "date": "2027-03-14", "gazette": "Amtsblatt Nr. 6"},
    ]
    rule = _agreement(term, events, regime="gkg").rule_on(
        D("2027-03-20"), effective=D("2027-03-15")
    )
    assert rule.effective == D("2027-03-15")
    assert next(rule.termination_dates(D("2027-01-01"))) == D("2027-03-31")


# -- a contract signed after its agreed Inkrafttreten --------------------------------------------


def test_a_late_last_signature_is_warned_and_moves_a_duration() -> None:
    # agreed Inkrafttreten 01.01.2027, last signature 15.02.2027 (contract: written form, § 57
    # VwVfG NRW): in force from 15.02.2027; 5 Jahre from then end on 14.02.2032 (§ 188 Abs. 2
    # BGB), not on 31.12.2031
    late = [SIGNED[0], {**SIGNED[1], "date": "2027-02-15"}]
    a = _agreement(ISSUE, late)
    (finding,) = [f for f in check_agreement(a) if f.field == "term.effective"]
    assert "Die letzte Unterschrift (15.02.2027) liegt nach dem vereinbarten Inkrafttreten " in (
        finding.message
    )
    assert "endet am 14.02.2032 statt am 31.12.2031" in finding.message
    s = state_on(a, D("2027-03-01"))
    assert any("Die letzte Unterschrift (15.02.2027)" in w for w in s.warnings)
    assert s.terminates_on == D("2032-02-14")
    # before the last signature the state does not know it yet (the day is a boundary)
    assert not any("Die letzte Unterschrift" in w for w in state_on(a, D("2027-01-20")).warnings)
    # signed in time: no warning
    assert not [
        f for f in check_agreement(_agreement(ISSUE, SIGNED)) if f.field == "term.effective"
    ]


def test_a_late_signature_moves_the_timeline_and_cites_the_written_form() -> None:
    # Review of issue 24: agreed Inkrafttreten 01.01.2027, 2 Jahre, 1 Jahr renewal, 3 Monate
    # zum Laufzeitende; signatures 10.02.2027 and 15.02.2027. A public-law contract needs the
    # written form (§ 57 VwVfG NRW), the signatures of all parties on one document (§ 62 Satz 2
    # VwVfG NRW i. V. m. § 126 Abs. 2 BGB): in force from 15.02.2027; 2 Jahre from then (§ 187
    # Abs. 2 BGB) end on 14.02.2029 (§ 188 Abs. 2 BGB). The timeline says the same as the
    # derivation and the headline.
    term = {"effective": "2027-01-01", "duration": "2 Jahre", "renewal": "1 Jahr",
            "notice": "3 Monate", "notice_to": "term_end"}  # fmt: skip
    signed = [{**SIGNED[0], "date": "2027-02-10"}, {**SIGNED[1], "date": "2027-02-15"}]
    s = state_on(_agreement(term, signed, regime="contract"), D("2027-03-01"))
    assert s.terminates_on == D("2029-02-14")
    texts = [text for _, text in s.timeline]
    assert "Laufzeitbeginn, erste Laufzeit: 15.02.2027 – 14.02.2029" in texts
    assert not [text for text in texts if "01.01.2027 – 31.12.2028" in text]
    (warning,) = [w for w in s.warnings if "Die letzte Unterschrift (15.02.2027)" in w]
    assert "(Schriftform, § 57 VwVfG NRW; § 62 Satz 2 VwVfG NRW i. V. m. § 126 Abs. 2 BGB)" in (
        warning
    )
    assert "§ 154" not in warning
    assert "Die Laufzeit von zwei Jahren läuft ab diesem Tag und endet am 14.02.2029" in warning


# -- surviving mutants of the suite (issue 24) ---------------------------------------------------


def _four(policy: str, events: list[dict[str, Any]]) -> Any:
    names = (A, B, "Kreis Celle-Land", "Stadt Dorfen")
    data: dict[str, Any] = {
        "title": "Kooperationsvereinbarung (Beispiel)",
        "parties": [
            {"name": n, "representative": {"name": f"Person {i}", "title": "Bürgermeisterin"}}
            for i, n in enumerate(names)
        ],
        "on_party_notice": policy,
        "term": {"effective": "2023-02-01", "ends": "2026-12-31", "renewal": "2 Jahre",
                 "notice": "6 Monate", "clause": "§ 5"},
        "events": events,
    }  # fmt: skip
    return agreement_from_data(data, source="test.yaml")


def test_exactly_half_is_no_majority() -> None:
    # ends_if_majority: »mehr als die Hälfte der Vertragschließenden«. Two of four give notice
    # to 31.12.2026 (received 01.05.2026, in time: receipt by 30.06.2026): two is half, not
    # more — both leave, the other two stay bound. A mutant counting half as a majority ends it.
    others = ("Kreis Celle-Land", "Stadt Dorfen")
    events = [
        {"type": "notice", "by": A, "form": "written",
         "received": {B: "2026-05-01", **dict.fromkeys(others, "2026-05-01")}},
        {"type": "notice", "by": B, "form": "written",
         "received": {A: "2026-05-02", **dict.fromkeys(others, "2026-05-02")}},
    ]  # fmt: skip
    s = state_on(_four("ends_if_majority", events), D("2027-01-01"))
    assert s.status == "in_force"
    assert s.parties == others
    assert dict(s.leaves) == {A: D("2026-12-31"), B: D("2026-12-31")}
    # a third notice makes three of four: more than half, it ends for all
    third = {"type": "notice", "by": others[0], "form": "written",
             "received": {A: "2026-05-03", B: "2026-05-03", others[1]: "2026-05-03"}}  # fmt: skip
    assert state_on(_four("ends_if_majority", [*events, third]), D("2027-01-01")).status == "ended"


def test_a_notice_counts_from_its_last_receipt_not_its_first() -> None:
    # 6 Monate zum Laufzeitende 31.12.2026 need receipt by 30.06.2026. Received by B on
    # 30.06.2026 but by the last party on 01.07.2026: effective only with the last receipt
    # (§ 130 Abs. 1 BGB), too late for 31.12.2026; the next term end is 31.12.2028.
    others = ("Kreis Celle-Land", "Stadt Dorfen")
    events = [
        {"type": "notice", "by": A, "form": "written",
         "received": {B: "2026-06-30", others[0]: "2026-06-30", others[1]: "2026-07-01"}},
    ]  # fmt: skip
    s = state_on(_four("party_leaves", events), D("2026-07-02"))
    assert dict(s.leaves) == {A: D("2028-12-31")}
    assert any("maßgeblich ist der letzte Zugang am 01.07.2026" in line for line in s.derivation)
    assert any("Verspätet für den 31.12.2026" in line for line in s.derivation)


def test_a_kuendigungstermin_equal_to_earliest_end_counts() -> None:
    # terms end 31.12.2026, 2028, 2030, 2032 (2 Jahre each, § 190 BGB); »frühestens zum
    # 31.12.2030«: that day itself is the first Kündigungstermin (receipt by 30.06.2030), not
    # 31.12.2032
    term = {"effective": "2023-02-01", "ends": "2026-12-31", "renewal": "2 Jahre",
            "notice": "6 Monate", "earliest_end": "2030-12-31"}  # fmt: skip
    rule = Term.model_validate(term).rule
    assert next(rule.termination_dates(D("2027-01-01"))) == D("2030-12-31")
    s = state_on(_agreement(term), D("2027-01-01"))
    assert (s.terminates_on, s.notice_deadline) == (D("2030-12-31"), D("2030-06-30"))
    assert not [f for f in check_agreement(_agreement(term)) if f.field == "term.earliest_end"]
    # the same with a calendar rule and with a fixed term ending there
    year_end = {**term, "notice_to": "year_end"}
    s = state_on(_agreement(year_end), D("2027-01-01"))
    assert (s.terminates_on, s.notice_deadline) == (D("2030-12-31"), D("2030-06-30"))
    bound = {**year_end, "ends": "2030-12-31", "earliest_end": "2030-12-31"}
    s = state_on(_agreement(bound), D("2027-01-01"))
    assert (s.terminates_on, s.notice_deadline) == (D("2030-12-31"), D("2030-06-30"))
    # a term ending mid-year with »frühestens zum« on that very day: still its end, 30.04.2031
    mid = Term.model_validate({**MID_YEAR, "earliest_end": "2031-04-30"}).rule
    assert next(mid.termination_dates(D("2026-06-01"))) == D("2031-04-30")
    assert mid.first_termination(D("2026-06-01")) == D("2031-04-30")


@pytest.mark.parametrize(
    "term",
    [
        {**ISSUE, "notice_during_term": True},
        {**MID_YEAR, "renewal": "unbestimmte Zeit", "notice_during_term": True},
        {"effective": "2027-01-01", "ends": "2031-12-31", "notice": "3 Monate",
         "notice_to": "quarter_end", "notice_during_term": True},
        ISSUE,
    ],
    ids=["renewal", "then-indefinite", "fixed", "binding"],
)  # fmt: skip
def test_the_wording_of_notice_during_term_imports_back(term: dict[str, Any]) -> None:
    """The document's clause (model.clause_wording) read by the importer gives the same file."""
    from vereinbarung.importing.importer import import_markdown

    from .test_import_corpus import agreement_text

    written = Term.model_validate(term)
    text = agreement_text({"clause": term_paragraphs(written)})
    result = import_markdown(text, source="wording")
    assert not [p for p in result.review if p.field.startswith("term")], result.review
    imported = result.agreement.term
    assert imported.notice_during_term == written.notice_during_term
    assert imported.model_copy(update={"clause": None}) == written.model_copy(
        update={"clause": None}
    )


@pytest.mark.parametrize(
    ("sentence", "during"),
    [
        ("Sie kann auch vor Ablauf der Laufzeit mit einer Frist von sechs Monaten zum Ende "
         "eines Kalenderjahres gekündigt werden.", True),
        ("Die Vereinbarung kann bereits während der ersten Laufzeit gekündigt werden.", True),
        ("Eine Kündigung ist schon vor dem Ende der Vertragslaufzeit zulässig.", True),
        ("Sie kann nicht schon vor Ablauf der Laufzeit gekündigt werden.", False),
        ("Sie kann erstmals zum Ablauf der Laufzeit gekündigt werden.", False),
        ("Die Kündigung muss sechs Monate vor Ablauf der Laufzeit zugehen.", False),
    ],
)  # fmt: skip
def test_the_importer_recognises_notice_during_the_term(sentence: str, during: bool) -> None:
    from vereinbarung.importing.term import read_sentence
    from vereinbarung.importing.words import Sentence

    facts, _ = read_sentence(Sentence(sentence, 2, 1))
    assert any(f.field == "notice_during_term" for f in facts) is during


def test_record_an_amendment_that_allows_notice_during_the_term(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil
    from pathlib import Path

    from vereinbarung.files.io import load_agreement

    from .cli_runner import run

    path = tmp_path / "bauhof.yaml"
    shutil.copy(Path(__file__).parent.parent / "examples" / "interkommunaler-bauhof.yaml", path)
    before = path.read_text(encoding="utf-8")
    code, _, err = run(capsys, "record", str(path), "amendment", "--date", "02.11.2026",
                       "--effective", "01.12.2026", "--text", "§ 5 Abs. 3 neu",
                       "--term", "notice_during_term=vielleicht")  # fmt: skip
    assert code == 2
    assert "notice_during_term ist ja oder nein (true/false)" in err
    assert path.read_text(encoding="utf-8") == before
    code, _, err = run(capsys, "record", str(path), "amendment", "--date", "02.11.2026",
                       "--effective", "01.12.2026", "--text", "§ 5 Abs. 3 neu",
                       "--term", "notice_to=year_end", "--term", "notice_during_term=ja")  # fmt: skip
    assert code == 0, err
    assert "notice_during_term: true" in path.read_text(encoding="utf-8")
    term = load_agreement(path).version_on(D("2026-12-01")).term
    assert term.notice_during_term
    # the three-year term 01.03.2025–28.02.2028 no longer binds: 3 Monate zum Jahresende from
    # 01.12.2026 reach 31.12.2027 (31.12.2026 needs receipt by 30.09.2026)
    s = status_on(term.rule, D("2026-12-01"))
    assert (s.terminates_on, s.notice_deadline) == (D("2027-12-31"), D("2027-09-30"))


# -- mutants of the new bound (tools/mutation.sh, QUALITY.md) ------------------------------------


def test_the_dates_after_a_binding_term_follow_once_each() -> None:
    # the issue's example: 31.12.2031 (the end of the term, also a half-year end), then every
    # half-year end, each once (the calendar walk starts the day after the term's end)
    rule = _agreement(ISSUE).term.rule
    dates = list(itertools.islice(rule.termination_dates(D("2026-12-07")), 4))
    assert dates == [D("2031-12-31"), D("2032-06-30"), D("2032-12-31"), D("2033-06-30")]
    # a term ending mid-year: its end, then the year ends
    mid = Term.model_validate(MID_YEAR).rule
    dates = list(itertools.islice(mid.termination_dates(D("2026-06-01")), 3))
    assert dates == [D("2031-04-30"), D("2031-12-31"), D("2032-12-31")]


def test_notice_during_a_term_without_renewal_stops_before_its_end() -> None:
    # 01.01.2027–31.12.2031, 6 Monate zum Jahresende, notice allowed during the term: the year
    # ends 2027 … 2030; 31.12.2031 is the natural end, no Kündigungstermin (it ends anyway)
    fixed = {"effective": "2027-01-01", "ends": "2031-12-31", "notice": "6 Monate",
             "notice_to": "year_end", "notice_during_term": True}  # fmt: skip
    rule = Term.model_validate(fixed).rule
    assert list(rule.termination_dates(D("2027-01-01"))) == [
        D("2027-12-31"), D("2028-12-31"), D("2029-12-31"), D("2030-12-31"),
    ]  # fmt: skip
    s = status_on(rule, D("2030-07-01"))  # 31.12.2030 missed: nothing left but the end
    assert (s.terminates_on, s.notice_deadline) == (D("2031-12-31"), None)


def test_notice_during_term_keeps_the_end_of_the_term_as_a_kuendigungstermin() -> None:
    # Review of issue 24: 01.01.2027 + 62 Monate (§ 187 Abs. 2 BGB: the first day counts) ends
    # on the day before 01.03.2032 (§ 188 Abs. 2 BGB, second case): 29.02.2032, renewal 1 Jahr,
    # 3 Monate zum Jahresende. Asked on 15.11.2031: 31.12.2031 is missed (3 Monate from
    # 01.10.2031 end on 01.01.2032, receipt by 30.09.2031). Without notice_during_term the end
    # of the term 29.02.2032 is the first Kündigungstermin (§ 620 Abs. 1 BGB): 3 Monate from
    # 30.11.2031 end on 29.02.2032 (§ 188 Abs. 3 BGB: February 2032 has no 30th), from
    # 01.12.2031 on 01.03.2032 — receipt by 30.11.2031. A clause that also allows notice
    # during the term adds the year ends inside it and takes nothing away: the same answer,
    # not 31.12.2032 with receipt by 30.09.2032.
    term = {"effective": "2027-01-01", "duration": "62 Monate", "renewal": "1 Jahr",
            "notice": "3 Monate", "notice_to": "year_end"}  # fmt: skip
    bound = status_on(Term.model_validate(term).rule, D("2031-11-15"))
    assert (bound.terminates_on, bound.notice_deadline) == (D("2032-02-29"), D("2031-11-30"))
    during = Term.model_validate({**term, "notice_during_term": True}).rule
    s = status_on(during, D("2031-11-15"))
    assert s.missed == (D("2031-12-31"), D("2031-09-30"))
    assert (s.terminates_on, s.notice_deadline) == (D("2032-02-29"), D("2031-11-30"))
    # the Kündigungstermine: the year ends during the term, its end, then the year ends
    assert list(itertools.islice(during.termination_dates(D("2030-01-01")), 4)) == [
        D("2030-12-31"), D("2031-12-31"), D("2032-02-29"), D("2032-12-31"),
    ]  # fmt: skip
    assert any("ihr Ende 29.02.2032 bleibt Kündigungstermin" in line for line in s.explanation())


def test_no_calendar_date_is_computed_from_the_year_9000_on() -> None:
    # LAST_YEAR (law.termination): dates beyond 9000 are not iterated, the fast path agrees
    from vereinbarung.law.termination import calendar_notice_dates, first_calendar_notice_date

    for notice_to in (NoticeTo.YEAR_END, NoticeTo.MONTH_END):
        assert first_calendar_notice_date(notice_to, D("9000-01-01"), None) is None
        assert list(calendar_notice_dates(notice_to, D("9000-01-01"), None)) == []
    assert first_calendar_notice_date(NoticeTo.YEAR_END, D("8999-12-31"), None) == D("8999-12-31")


@pytest.mark.parametrize("end", ["9999-12-31", "9000-01-01"])
def test_an_end_in_the_year_9000_or_later_is_no_fixed_term(end: str) -> None:
    # 31.12.9999 is how some files write »unbefristet« (law.termination.LAST_YEAR): no term
    # binds, 6 Monate zum Jahresende reach 31.12.2026 from 01.03.2026 (receipt by 30.06.2026)
    rule = TermRule(effective=D("2026-01-01"), first_end=D(end), notice=Period(months=6),
                    notice_to=NoticeTo.YEAR_END)  # fmt: skip
    assert rule.bound_until is None
    s = status_on(rule, D("2026-03-01"))
    assert (s.terminates_on, s.notice_deadline) == (D("2026-12-31"), D("2026-06-30"))
    # an end in 8999 is a fixed term like any other
    fixed = TermRule(effective=D("2026-01-01"), first_end=D("8999-12-31"),
                     notice=Period(months=6), notice_to=NoticeTo.YEAR_END)  # fmt: skip
    assert fixed.bound_until == D("8999-12-31")


def test_a_notice_date_past_the_year_8999_is_said_to_be_out_of_the_calendar() -> None:
    # Review of issue 24: 01.01.8999, 1 Jahr (ends 31.12.8999, § 188 Abs. 2 BGB), 1 Jahr
    # renewal, 3 Monate zum Jahresende. On 01.02.8999 the end of the term 31.12.8999 is the
    # first Kündigungstermin (§ 620 Abs. 1 BGB): 3 Monate from 30.09.8999 end on 30.12.8999,
    # from 01.10.8999 on 01.01.9000 – receipt by 30.09.8999. From 9000 on the engine computes
    # no date (LAST_YEAR): it says so, not that the clause names only the end of the term.
    term = {"effective": "8999-01-01", "duration": "1 Jahr", "renewal": "1 Jahr",
            "notice": "3 Monate", "notice_to": "year_end"}  # fmt: skip
    s = state_on(_agreement(term, SIGNED), D("8999-02-01"))
    assert (s.terminates_on, s.notice_deadline) == (D("8999-12-31"), D("8999-09-30"))
    late = state_on(_agreement(term, SIGNED), D("9000-02-01"))
    assert late.terminates_on is None
    limit = "das Programm berechnet Kündigungstermine und Verlängerungen nur bis zum Jahr 8999"
    assert any(limit in w and "Kalender endet mit dem Jahr 9999" in w for w in late.warnings)
    assert not any("nennt nur das Laufzeitende" in w for w in late.warnings)
    # a notice received then is judged with the same words
    received = {"type": "notice", "by": A, "form": "written", "received": {B: "9000-02-01"}}
    given = state_on(_agreement(term, [*SIGNED, received]), D("9000-03-01"))
    assert any(f"Kündigung durch {A}: Kündigungstermin nicht bestimmbar: {limit}" in w
               for w in given.warnings)  # fmt: skip
    # the clause that really names only the end of the term keeps its own message
    indefinite = {"effective": "2027-01-01", "ends": "2028-12-31", "renewal": "unbestimmte Zeit",
                  "notice": "3 Monate"}  # fmt: skip
    after = state_on(_agreement(indefinite, SIGNED), D("2029-03-01"))
    assert any("die Klausel nennt nur das Laufzeitende" in w for w in after.warnings)


def test_check_compares_with_the_engine_as_it_was() -> None:
    # term to 30.04.2031, 6 Monate zum Jahresende, asked 01.07.2030. Before issue 24 the year
    # ends counted inside the term and its end did not: 31.12.2030 (receipt by 30.06.2030) is
    # missed, so 31.12.2031 (by 30.06.2031). Now the term's end: 30.04.2031 (by 31.10.2030).
    (moved,) = [
        f.message
        for f in check_agreement(_agreement(MID_YEAR, SIGNED), on=D("2030-07-01"))
        if "Geänderte Berechnung" in f.message
    ]
    assert moved.endswith(
        "bei Zugang am 01.07.2030 bisher Kündigung zum 31.12.2031 mit Zugang bis 30.06.2031, "
        "jetzt zum 30.04.2031 mit Zugang bis 31.10.2030."
    )
    # a fixed term without renewal: before, 31.12.2029 (by 30.06.2029); now none, it ends
    fixed = {**MID_YEAR, "renewal": None}
    (moved,) = [
        f.message
        for f in check_agreement(_agreement(fixed, SIGNED), on=D("2029-06-01"))
        if "Geänderte Berechnung" in f.message
    ]
    assert moved.endswith(
        "bisher Kündigung zum 31.12.2029 mit Zugang bis 30.06.2029, jetzt zum 30.04.2031 mit "
        "Zugang bis –."
    )
