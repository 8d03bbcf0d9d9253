"""Where the law is subtle (issue 11 § 2): receipt on a day without post, a practical day that
has passed, the grounds of an extraordinary notice, amendment windows, § 190 BGB."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from vereinbarung import Period, TermRule
from vereinbarung.law.dates import parse_date
from vereinbarung.law.terms import status_on
from vereinbarung.state.day import state_on

from .test_lifecycle import SIGNED, A, B, C, agreement

D = dt.date.fromisoformat

# 6 Monate zum Laufzeitende 03.04.2027: the last day of receipt is Saturday 03.10.2026, also
# Tag der Deutschen Einheit (03.10.2026 + 6 Monate = 03.04.2027, § 188 Abs. 2 BGB)
TERM = {"effective": "2024-04-04", "ends": "2027-04-03", "renewal": "2 Jahre", "notice": "6 Monate"}
RULE = TermRule(
    effective=D("2024-04-04"), first_end=D("2027-04-03"), renewal=Period(years=2),
    notice=Period(months=6),
)  # fmt: skip


def test_receipt_on_a_holiday_warns_and_shows_the_next_working_day() -> None:
    events: list[dict[str, Any]] = [*SIGNED, {"type": "notice", "by": A, "form": "written",
                        "received": {B: "2026-10-03", C: "2026-10-03"}}]  # fmt: skip
    s = state_on(agreement(events, term=TERM), D("2026-10-10"))
    (warning,) = [w for w in s.warnings if "§ 130 Abs. 1 BGB" in w]
    assert "als Zugang ist der 03.10.2026 erfasst, ein Feiertag (Tag der Deutschen Einheit)" in (
        warning
    )
    assert "hier am 05.10.2026" in warning
    # a receipt on Monday 05.10.2026 comes too late for 03.04.2027: the next term end
    assert "bei Zugang am 05.10.2026 wirkt die Kündigung zum 03.04.2029" in warning
    assert s.leaves == ((A, D("2027-04-03")),)  # the recorded receipt stands


def test_receipt_on_a_saturday_long_before_the_deadline_keeps_the_kuendigungstermin() -> None:
    events: list[dict[str, Any]] = [*SIGNED, {"type": "notice", "by": A, "form": "written",
                        "received": {B: "2026-09-05", C: "2026-09-05"}}]  # fmt: skip
    s = state_on(agreement(events, term=TERM), D("2026-10-10"))
    (warning,) = [w for w in s.warnings if "§ 130 Abs. 1 BGB" in w]
    assert "der 05.09.2026 erfasst, ein Samstag" in warning
    # Monday 07.09.2026 is still before the last day of receipt 03.10.2026
    assert "bei Zugang am 07.09.2026 wirkt die Kündigung zum 03.04.2027" in warning


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.dates(D("2025-01-01"), D("2031-12-31")),
        # around the last days of receipt 03.10.2026/2028/2030 (6 Monate zum 03.04.)
        st.builds(
            lambda deadline, days: deadline + dt.timedelta(days=days),
            st.sampled_from([D("2026-10-03"), D("2028-10-03"), D("2030-10-03")]),
            st.integers(-6, 2),
        ),
    )
)
def test_the_next_working_day_reaches_what_the_date_rules_say(received: dt.date) -> None:
    """The warning's Kündigungstermin for a receipt on the next working day, against status_on."""
    events: list[dict[str, Any]] = [*SIGNED, {"type": "notice", "by": A, "form": "written",
                        "received": {B: received.isoformat(), C: received.isoformat()}}]  # fmt: skip
    s = state_on(agreement(events, term=TERM), received)
    found = [w for w in s.warnings if w.startswith(f"Kündigung durch {A}: als Zugang ist")]
    if received.weekday() < 5 and "Feiertag" not in " ".join(found):
        assert not found
        return
    (warning,) = found
    match = re.search(r"bei Zugang am (\S+) wirkt die Kündigung zum (\S+)\.", warning)
    assert match is not None
    later, ends = match.groups()
    assert parse_date(ends) == status_on(RULE, parse_date(later)).terminates_on


def test_receipt_on_a_working_day_gives_no_such_warning() -> None:
    events: list[dict[str, Any]] = [*SIGNED, {"type": "notice", "by": A, "form": "written",
                        "received": {B: "2026-10-02", C: "2026-10-02"}}]  # fmt: skip
    s = state_on(agreement(events, term=TERM), D("2026-10-10"))
    assert not [w for w in s.warnings if "§ 130" in w]


def test_a_practical_day_that_has_passed_is_not_given_as_advice() -> None:
    before = status_on(RULE, D("2026-10-01"))
    assert before.practical_deadline == D("2026-10-02")
    assert not before.practical_passed
    assert any("gesichert sein" in w and "02.10.2026" in w for w in before.warnings())
    on_saturday = status_on(RULE, D("2026-10-03"))
    assert on_saturday.notice_deadline == D("2026-10-03")
    assert on_saturday.practical_passed
    assert on_saturday.practical_deadline == D("2026-10-03")  # today, not Friday
    (warning,) = [w for w in on_saturday.warnings() if "Zugang der Kündigung" in w]
    assert "02.10.2026, ist schon vorbei" in warning
    assert "nur noch ein Zugang, der ab heute (03.10.2026) bis zum 03.10.2026" in warning
    assert "gesichert sein" not in warning
    assert any("am 03.10.2026 schon vorbei" in line for line in on_saturday.explanation())


def test_extraordinary_notice_names_its_possible_grounds_as_a_review_point() -> None:
    x = agreement([{"type": "extraordinary_notice", "by": B, "received": "2027-01-11"}])
    s = state_on(x, D("2027-01-12"))
    (review,) = [w for w in s.warnings if "Kündigungsgrund" in w]
    assert "§ 60 Abs. 1 VwVfG NRW" in review
    assert "§ 62 Satz 2 VwVfG NRW i. V. m. § 314 BGB" in review
    assert not any("§ 314" in line for line in s.derivation)  # not a derivation line
    assert "Außerordentliche Kündigung: wirkt mit Zugang am 11.01.2027" in s.derivation
    assert any("§ 60 Abs. 2 Satz 2 VwVfG NRW" in line for line in s.derivation)


def test_amendment_window_shows_both_clauses_and_which_decides_when() -> None:
    amendment = {"type": "amendment", "date": "2025-03-01", "effective": "2025-04-01",
                 "text": "§ 5 Abs. 3: zehn Arbeitstage zum Ende eines Kalenderhalbjahres, auch "
                         "vor Ablauf der Laufzeit",
                 "term": {"effective": "2023-02-01", "ends": "2026-12-31", "renewal": "2 Jahre",
                          "notice": "10 Arbeitstage", "notice_to": "half_year_end",
                          "notice_during_term": True}}  # fmt: skip
    s = state_on(agreement([amendment]), D("2025-03-15"))
    text = " ".join(s.warnings)
    assert (
        "Es entscheidet der Tag des Zugangs: bei Zugang bis 31.03.2025 gilt die bisherige "
        "Regelung: Kündigungsfrist 6 Monate zum Laufzeitende; bei Zugang ab 01.04.2025 gilt die "
        "Änderung vom 01.03.2025: Kündigungsfrist 10 Arbeitstage zum Ende eines "
        "Kalenderhalbjahres." in text
    )
    # under the new clause 30.06.2025 needs ten Arbeitstage after receipt: 16.–18., 20.,
    # 23.–27., 30.06. (NW: Fronleichnam 19.06.2025 does not count), so receipt by Sunday 15.06.
    assert s.terminates_on == D("2025-06-30")
    assert s.notice_deadline == D("2025-06-15")
    assert s.practical_deadline == D("2025-06-13")
    assert any("Es entscheidet der Tag des Zugangs" in line for line in s.derivation)


def test_renewal_chaining_cites_section_190() -> None:
    lines = status_on(RULE, D("2026-01-01")).explanation()
    assert any("§ 190 BGB mit §§ 187 Abs. 2, 188 Abs. 2 BGB" in line for line in lines)


# -- check: combinations that are almost always a transcription error ----------------------------


def _findings(term: dict[str, Any]) -> list[tuple[str, str]]:
    from vereinbarung.state.checks import check_agreement

    return [(f.field, f.message) for f in check_agreement(agreement(SIGNED, term=term))]


def test_check_warns_on_a_minimum_term_read_as_a_fixed_term() -> None:
    findings = _findings({"effective": "2024-01-01", "ends": "2028-12-31", "notice": "6 Monate",
                          "notice_to": "year_end"})  # fmt: skip
    assert any(
        field == "term.renewal" and "meist ist eine Mindestlaufzeit gemeint" in message
        for field, message in findings
    )
    assert not _findings_about("Mindestlaufzeit", {**TERM})


def _findings_about(fragment: str, term: dict[str, Any]) -> list[str]:
    return [message for _, message in _findings(term) if fragment in message]


def test_check_warns_on_a_notice_period_longer_than_the_first_term() -> None:
    long = {"effective": "2024-01-01", "ends": "2024-06-30", "renewal": "1 Jahr",
            "notice": "7 Monate"}  # fmt: skip
    (message,) = _findings_about("länger als die erste Laufzeit", long)
    assert "(7 Monate)" in message
    assert "01.01.2024 bis 30.06.2024" in message
    # exactly as long as the first term is no error: receipt on 31.12.2023 + 6 Monate = 30.06.
    assert not _findings_about("länger als", {**long, "notice": "6 Monate"})


def test_check_warns_on_a_notice_date_that_can_never_be_reached() -> None:
    # only where the clause allows notice during the fixed term (issue 24); without it a fixed
    # term has no Kündigungstermin at all, which check says in its own words
    never = {"effective": "2024-08-01", "ends": "2025-07-30", "notice": "3 Monate",
             "notice_to": "31.07.", "notice_during_term": True}  # fmt: skip
    (message,) = _findings_about("nie erreichbar", never)
    assert "zum 31. Juli eines jeden Jahres" in message
    assert not _findings_about("nie erreichbar", {**never, "ends": "2026-07-30"})
