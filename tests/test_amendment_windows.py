"""After an amendment: the windows of receipt, the clause's source, a given notice apart (issue 24).

Agreement: Laufzeit bis 31.12.2026, Verlängerung um je 2 Jahre, Kündigungsfrist 6 Monate zum
Laufzeitende (§ 5). Änderung vom 01.03.2026, gilt ab 01.08.2026: 3 Monate. Counted by hand
(§§ 187 Abs. 1, 188 Abs. 2 BGB):

* old clause: 30.06.2026 + 6 Monate = 30.12.2026 ≤ 31.12.2026, 01.07.2026 + 6 Monate =
  01.01.2027 > 31.12.2026: a receipt by 30.06.2026 reaches 31.12.2026;
* amended clause, for a receipt from 01.08.2026 (the day of receipt decides which clause
  applies): 30.09.2026 + 3 Monate = 30.12.2026, 01.10.2026 + 3 Monate = 01.01.2027: a receipt
  from 01.08.2026 to 30.09.2026 reaches 31.12.2026;
* a receipt in July 2026 is judged by the old clause and is late: it reaches 31.12.2028.

The headline said »Zugang bis 30.09.2026« while a receipt in July was judged late; now every
adapter states the two windows.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli_runner import run
from vereinbarung import agreement_from_data, state_on

D = dt.date.fromisoformat
A, B = "Stadt Aachtal", "Gemeinde Birkenfeld"
TERM = {"effective": "2023-02-01", "ends": "2026-12-31", "renewal": "2 Jahre",
        "notice": "6 Monate", "clause": "§ 5"}  # fmt: skip


def data(events: list[dict[str, Any]] = (), effective: str = "2026-08-01") -> dict[str, Any]:  # type: ignore[assignment]
    amendment = {"type": "amendment", "date": "2026-03-01", "effective": effective,
                 "text": "§ 5 Abs. 2: Kündigungsfrist drei Monate",
                 "term": {**TERM, "notice": "3 Monate"}}  # fmt: skip
    return {
        "title": "Kooperationsvereinbarung (Beispiel)",
        "parties": [
            {"name": n, "representative": {"name": f"Person {i}", "title": "Bürgermeisterin"}}
            for i, n in enumerate((A, B))
        ],
        "on_party_notice": "ends_for_all",
        "term": TERM,
        "events": [amendment, *events],
    }


def notice(received: str, form: str = "written") -> dict[str, Any]:
    return {"type": "notice", "by": A, "form": form, "received": {B: received}}


WINDOWS = ((D("2026-04-01"), D("2026-06-30")), (D("2026-08-01"), D("2026-09-30")))
IN_WORDS = "vom 01.04.2026 bis 30.06.2026 oder vom 01.08.2026 bis 30.09.2026"


def test_the_headline_states_both_windows_of_receipt() -> None:
    state = state_on(agreement_from_data(data(), source="v.yaml"), D("2026-04-01"))
    assert (state.terminates_on, state.notice_deadline) == (D("2026-12-31"), D("2026-09-30"))
    assert state.receipt_windows == WINDOWS
    assert state.next_deadline is not None
    assert f"rechtzeitig nur bei Zugang {IN_WORDS}" in state.next_deadline.derivation
    note = f"Zum 31.12.2026 wirkt daher nur eine Kündigung, die {IN_WORDS} zugeht"
    assert any(note in line for line in state.derivation)
    assert any(note in warning for warning in state.warnings)
    assert state.to_json()["receipt_windows"] == [
        {"from": "2026-04-01", "until": "2026-06-30"},
        {"from": "2026-08-01", "until": "2026-09-30"},
    ]


@pytest.mark.parametrize(
    ("received", "end"),
    [("2026-06-30", "2026-12-31"), ("2026-07-15", "2028-12-31"), ("2026-07-31", "2028-12-31"),
     ("2026-08-01", "2026-12-31"), ("2026-09-30", "2026-12-31"), ("2026-10-01", "2028-12-31")],
)  # fmt: skip
def test_a_notice_is_judged_as_the_windows_say(received: str, end: str) -> None:
    state = state_on(agreement_from_data(data([notice(received)]), source="v.yaml"), D(received))
    assert state.ends_on is not None
    assert state.ends_on.day == D(end)
    inside = any(first <= D(received) <= last for first, last in WINDOWS)
    assert inside == (end == "2026-12-31")


def test_without_a_gap_the_headline_is_the_last_day_of_receipt() -> None:
    # the amendment from 01.07.2026: the old clause reaches 31.12.2026 until 30.06.2026, the new
    # one from 01.07.2026 until 30.09.2026: every day up to 30.09.2026 is in time
    state = state_on(
        agreement_from_data(data(effective="2026-07-01"), source="v.yaml"), D("2026-04-01")
    )
    assert state.notice_deadline == D("2026-09-30")
    assert state.receipt_windows == ()
    assert state.next_deadline is not None
    assert "rechtzeitig nur" not in state.next_deadline.derivation


def test_status_prints_the_windows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "v.json"
    path.write_text(json.dumps(data()), encoding="utf-8")
    code, out, _ = run(capsys, "status", str(path), "--on", "01.04.2026")
    assert code == 0
    assert f"Zugang: {IN_WORDS} für ein Ende zum 31.12.2026" in out
    assert "Zugang bis: 30.09.2026" not in out


def test_the_amended_clause_names_its_amendment() -> None:
    state = state_on(agreement_from_data(data(), source="v.yaml"), D("2026-08-10"))
    assert (
        "Kündigungsfrist 3 Monate zum Laufzeitende (§ 5 in der Fassung der Änderung vom "
        "01.03.2026, gilt ab 01.08.2026)"
    ) in state.derivation
    before = state_on(agreement_from_data(data(), source="v.yaml"), D("2026-02-01"))
    assert "Kündigungsfrist 6 Monate zum Laufzeitende (§ 5)" in before.derivation


def test_a_given_notice_is_derived_apart_from_a_further_one() -> None:
    # received 15.07.2026: late under the old clause, ends the agreement on 31.12.2028. A
    # further notice received by 30.09.2026 (amended clause) would end it on 31.12.2026: its
    # derivation follows, apart, after the given notice's
    state = state_on(
        agreement_from_data(data([notice("2026-07-15")]), source="v.yaml"), D("2026-08-10")
    )
    lines = list(state.derivation)
    given = lines.index(
        "Zugang: Gemeinde Birkenfeld 15.07.2026; maßgeblich ist der letzte Zugang am 15.07.2026"
    )
    header = next(
        i for i, line in enumerate(lines) if line.startswith("Für eine weitere Kündigung")
    )
    further = next(
        i for i, line in enumerate(lines) if line.startswith("Zugang spätestens 30.09.2026")
    )
    assert given < header < further
    assert state.notice_deadline == D("2026-09-30")


def test_after_a_timely_notice_no_derivation_of_a_new_one() -> None:
    # received 15.08.2026: in time for 31.12.2026, which ends the agreement for all; the state
    # states no further deadline, so no line derives one
    state = state_on(
        agreement_from_data(data([notice("2026-08-15")]), source="v.yaml"), D("2026-08-20")
    )
    assert state.notice_deadline is None
    assert state.ends_on is not None
    assert state.ends_on.day == D("2026-12-31")
    lines = list(state.derivation)
    text = "\n".join(lines)
    # the last day of receipt is derived once, as the given notice's (it was in time)
    receipt = [i for i, line in enumerate(lines) if line.startswith("Zugang spätestens 30.09.2026")]
    assert len(receipt) == 1
    assert receipt[0] > lines.index("Rechtzeitig: wirkt zum frühestmöglichen Termin 31.12.2026")
    assert "Frühestmögliches Ende bei Zugang" not in text
    assert "Für eine weitere Kündigung" not in text
    assert not any(w.startswith("Ab 01.08.2026 gilt die geänderte") for w in state.warnings)


def test_an_email_notice_cites_the_form_of_a_kuendigung() -> None:
    state = state_on(
        agreement_from_data(data([notice("2026-05-04", form="email")]), source="v.yaml"),
        D("2026-05-05"),
    )
    line = next(w for w in state.warnings if "E-Mail genügt der Schriftform nicht" in w)
    assert "§ 60 Abs. 2 Satz 1 VwVfG NRW" in line
    assert "§ 127 Abs. 2 BGB" in line
    assert "§ 57" not in line


def test_an_amendment_replaced_before_it_takes_effect_opens_no_window() -> None:
    # Review of issue 24: 6 Monate zum Jahresende; Änderung vom 01.02.2027 (4 Monate) and
    # Änderung vom 01.05.2027 (1 Monat), both effective 01.06.2027. The later one replaces the
    # earlier before it ever applies (amendments apply by effective day, then by the day
    # concluded). Asked on 01.05.2027: received by 31.05.2027 the old clause decides, 6 Monate
    # from 31.05.2027 end on 30.11.2027 (§§ 187 Abs. 1, 188 Abs. 2 BGB) ≤ 31.12.2027; from
    # 01.06.2027 the clause of 01.05.2027: 1 Monat from 30.11.2027 ends on 30.12.2027, from
    # 01.12.2027 on 01.01.2028 — receipt by 30.11.2027 for 31.12.2027.
    term = {"effective": "2026-01-01", "notice": "6 Monate", "notice_to": "year_end"}
    events = [
        {"type": "amendment", "date": date, "effective": "2027-06-01", "text": text,
         "term": {**term, "notice": notice_period}}
        for date, text, notice_period in (
            ("2027-02-01", "Kündigungsfrist vier Monate", "4 Monate"),
            ("2027-05-01", "Kündigungsfrist ein Monat", "1 Monat"),
        )
    ]  # fmt: skip
    agreement = agreement_from_data({**data(), "term": term, "events": events}, source="f.yaml")
    state = state_on(agreement, D("2027-05-01"))
    assert (state.terminates_on, state.notice_deadline) == (D("2027-12-31"), D("2027-11-30"))
    (note,) = [line for line in state.derivation if "Es entscheidet der Tag des Zugangs" in line]
    assert note.endswith(
        "Es entscheidet der Tag des Zugangs: bei Zugang bis 31.05.2027 gilt die bisherige "
        "Regelung: Kündigungsfrist 6 Monate zum Ende eines Kalenderjahres; bei Zugang ab "
        "01.06.2027 gilt die Änderung vom 01.05.2027: Kündigungsfrist 1 Monat zum Ende eines "
        "Kalenderjahres."
    )
    assert "Änderung vom 01.02.2027" not in note
    # asked on 01.04.2027, only the first had been concluded: it decides from 01.06.2027
    # (4 Monate from 31.08.2027 end on 31.12.2027: receipt by 31.08.2027)
    before = state_on(agreement, D("2027-04-01"))
    assert (before.terminates_on, before.notice_deadline) == (D("2027-12-31"), D("2027-08-31"))
    assert any(
        "bei Zugang ab 01.06.2027 gilt die Änderung vom 01.02.2027: Kündigungsfrist 4 Monate"
        in line
        for line in before.derivation
    )
