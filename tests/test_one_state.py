"""One state for every adapter: deadlines, status, calendar, overview and check agree.

The cases named in issue 9 (GkG late publication, e-mail notice, placeholder Inkrafttreten,
signed but unpublished) and a property test over generated agreements with events: whatever the
adapters print about an agreement on a day is what ``state_on`` says.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli_runner import run
from vereinbarung import (
    agreement_from_data,
    calendar_entries,
    deadline_rows,
    load_agreement,
    state_on,
)
from vereinbarung.state.checks import check_agreement

D = dt.date.fromisoformat
A, B = "Stadt Aachtal", "Gemeinde Birkenfeld"


def data(events: list[dict[str, Any]] = (), **term: Any) -> dict[str, Any]:  # type: ignore[assignment]
    clause = {"effective": "2026-01-01", "duration": "5 Jahre", "renewal": "2 Jahre",
              "notice": "6 Monate", "clause": "§ 7"}  # fmt: skip
    clause.update(term)
    clause = {key: value for key, value in clause.items() if value is not None}
    return {
        "title": "Öffentlich-rechtliche Vereinbarung (Beispiel)",
        "regime": "gkg",
        "parties": [
            {"name": n, "representative": {"name": f"Person {i}", "title": "Bürgermeister"}}
            for i, n in enumerate((A, B))
        ],
        "term": clause,
        "events": list(events),
    }


SIGNED = [
    {"type": "signed", "party": A, "date": "2025-11-03"},
    {"type": "signed", "party": B, "date": "2025-11-10"},
    {"type": "approval_requested", "date": "2025-11-12"},
    {"type": "approved", "date": "2025-12-01"},
]
PUBLISHED = [*SIGNED, {"type": "published", "date": "2026-03-15", "gazette": "Amtsblatt 6/2026"}]


def write(tmp_path: Path, content: dict[str, Any], name: str = "v.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code, out, _ = run(capsys, *args)
    assert code == 0, out
    return json.loads(out)


def test_signed_not_published_is_awaiting_publication_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, data(SIGNED))
    (row,) = cli_json(capsys, "deadlines", str(path), "--on", "01.02.2026", "--format", "json")
    status = cli_json(capsys, "status", str(path), "--on", "01.02.2026", "--format", "json")
    assert row["status"] == status["status"] == "awaiting_publication"
    assert row["status"] == row["lifecycle_status"]  # one status field, twice for 0.1 readers
    _, table, _ = run(capsys, "deadlines", str(path), "--on", "01.02.2026")
    assert "Bekanntmachung ausstehend" in table
    assert "in Kraft" not in table


def test_gkg_duration_runs_from_the_day_after_publication_in_every_adapter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # clause: effective 01.01.2026 for 5 years; published 15.03.2026 → in force 16.03.2026
    # (§ 24 Abs. 4 GkG NRW); 5 years from 16.03.2026 end on 15.03.2031 (§ 188 Abs. 2 BGB);
    # six months before: last day of receipt 15.09.2030 (§§ 187 Abs. 1, 188 Abs. 2 BGB)
    path = write(tmp_path, data(PUBLISHED))
    (row,) = cli_json(capsys, "deadlines", str(path), "--on", "01.12.2026", "--format", "json")
    status = cli_json(capsys, "status", str(path), "--on", "01.12.2026", "--format", "json")
    for record in (row, status):
        assert record["status"] == "in_force"
        assert record["effective"] == "2026-03-16"
        assert record["current_term_end"] == "2031-03-15"
        assert record["terminates_on"] == "2031-03-15"
        assert record["notice_deadline"] == "2030-09-15"
    entries = calendar_entries(agreement_from_data(data(PUBLISHED)), D("2026-12-01"))
    assert D("2030-09-15") in {e.day for e in entries}
    assert D("2030-06-30") not in {e.day for e in entries}


def test_an_email_notice_is_a_warning_in_deadlines_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    email = {"type": "notice", "by": A, "form": "email", "received": {B: "2026-05-02"},
             "published": "2026-05-20"}  # fmt: skip
    path = write(tmp_path, data([*PUBLISHED, email]))
    (row,) = cli_json(capsys, "deadlines", str(path), "--on", "01.06.2026", "--format", "json")
    assert row["status"] == "in_force"
    assert any("E-Mail genügt der Schriftform nicht" in w for w in row["warnings"])
    assert row["notice_deadline"] == "2030-09-15"  # the notice changed nothing


def test_placeholder_effective_is_never_in_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = data([], effective="1900-01-01", duration=None, renewal=None, notice_to="year_end")
    content["regime"] = "contract"
    path = write(tmp_path, content)
    (row,) = cli_json(capsys, "deadlines", str(path), "--on", "01.12.2026", "--format", "json")
    assert row["status"] == "unconfirmed"
    assert (row["notice_deadline"], row["terminates_on"], row["current_term_end"]) == (None,) * 3
    assert any("Inkrafttreten ist ein Platzhalter" in p for p in row["open_points"])
    _, table, _ = run(capsys, "deadlines", str(path), "--on", "01.12.2026")
    assert "unbestätigt" in table
    assert "unbefristet" not in table
    assert calendar_entries(agreement_from_data(content), D("2026-12-01")) == []
    # a real date with the placeholder marked in term.placeholders: the same
    content["term"].update(effective="2024-05-01", placeholders=["effective"])
    marked = state_on(agreement_from_data(content), D("2026-12-01"))
    assert marked.status == "unconfirmed"
    assert marked.notice_deadline is None
    findings = check_agreement(agreement_from_data(content), on=D("2026-12-01"))
    assert any(f.field == "term.placeholders" for f in findings)


def test_record_says_what_the_event_does_and_exits_1_without_effect(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, data(PUBLISHED), "v.json")
    code, out, _ = run(capsys, "record", str(path), "notice", "--by", A, "--form", "email",
                       "--received", f"{B}=2026-05-02")  # fmt: skip
    assert code == 1
    assert "Wirkung: unwirksam: eine einfache E-Mail genügt der Schriftform nicht" in out
    code, out, _ = run(capsys, "record", str(path), "notice", "--by", B, "--form", "written",
                       "--received", f"{A}=2026-05-04", "--published", "2026-05-20")  # fmt: skip
    assert code == 0
    assert "Wirkung: Kündigung wirkt zum 15.03.2031" in out


def test_state_accepts_a_date_string_and_refuses_nonsense_in_german() -> None:
    agreement = agreement_from_data(data(PUBLISHED))
    assert state_on(agreement, "01.12.2026") == state_on(agreement, D("2026-12-01"))
    with pytest.raises(ValueError, match="kein Datum"):
        state_on(agreement, 20261201)  # type: ignore[arg-type]


# -- property: every adapter shows the state -------------------------------------------------

EVENT_DAYS = st.dates(min_value=D("2025-10-01"), max_value=D("2029-12-31"))


@st.composite
def agreements_with_events(draw: st.DrawFn) -> dict[str, Any]:
    regime = draw(st.sampled_from(["contract", "gkg"]))
    events: list[dict[str, Any]] = []
    if draw(st.booleans()):
        events += [
            {"type": "signed", "party": p, "date": draw(EVENT_DAYS).isoformat()} for p in (A, B)
        ]
    if regime == "gkg":
        applied = draw(EVENT_DAYS)
        events.append({"type": "approval_requested", "date": applied.isoformat()})
        if draw(st.booleans()):
            events.append({"type": "published", "date": draw(EVENT_DAYS).isoformat()})
    if draw(st.booleans()):
        received = draw(EVENT_DAYS)
        notice: dict[str, Any] = {
            "type": "notice", "by": A, "form": draw(st.sampled_from(["written", "email"])),
            "received": {B: received.isoformat()},
        }  # fmt: skip
        if regime == "gkg":
            notice["published"] = (received + dt.timedelta(days=20)).isoformat()
        events.append(notice)
    content = data(
        events,
        effective=draw(st.dates(min_value=D("2025-01-01"), max_value=D("2027-12-31"))).isoformat(),
        duration=draw(st.sampled_from(["1 Jahr", "3 Jahre", "18 Monate"])),
        renewal=draw(st.sampled_from(["1 Jahr", "2 Jahre", None])),
        notice=draw(st.sampled_from(["3 Monate", "6 Monate"])),
    )
    content["regime"] = regime
    if draw(st.integers(0, 9)) == 0:
        content["review"] = ["Laufzeit bitte prüfen"]
    return content


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    content=agreements_with_events(),
    on=st.dates(min_value=D("2025-06-01"), max_value=D("2031-12-31")),
)
def test_every_adapter_shows_the_one_state(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: dict[str, Any], on: dt.date
) -> None:
    try:
        agreement = agreement_from_data(content)
    except ValueError:
        return  # an inconsistent draw (e.g. publication before signature) is refused by the model
    path = write(tmp_path, content)
    state = state_on(agreement, on)
    expected = state.to_json()
    day = on.isoformat()
    (row,) = cli_json(capsys, "deadlines", str(path), "--on", day, "--format", "json")
    status = cli_json(capsys, "status", str(path), "--on", day, "--format", "json")
    for record in (row, status):
        for key, value in expected.items():
            assert record[key] == value, key
    (report,) = deadline_rows([path], on)  # what the Fristenübersicht and the table show
    assert report.state == state
    entries = calendar_entries(agreement, on)
    deadlines = {e.day for e in entries if e.title.startswith("Kündigungsfrist")}
    if state.status in ("ended", "unconfirmed", "draft", "notice_given"):
        assert deadlines == set()  # no deadline stated as a fact
    elif (
        state.notice_deadline is not None
        and state.terminates_on is not None
        and state.terminates_on <= on + dt.timedelta(days=1400)
    ):
        assert state.notice_deadline in deadlines


def test_calendar_and_deadlines_agree_around_an_amendment() -> None:
    # schulsozialarbeit: notice_by 31.01. for 31.07.; an amendment concluded 15.05.2026 sets
    # ten Arbeitstage to each half-year end from 01.08.2026. A calendar made on a day sees what
    # `deadlines` sees that day: before 15.05.2026 the amendment is not yet known.
    example = Path(__file__).parent.parent / "examples" / "schulsozialarbeit-schuljahr.yaml"
    agreement = load_agreement(example)
    day = D("2025-09-01")
    while day <= D("2027-09-01"):
        state = state_on(agreement, day)
        entries = calendar_entries(agreement, day, years=3)
        deadlines = sorted(e.day for e in entries if e.title.startswith("Kündigungsfrist"))
        if state.notice_deadline is not None:
            assert deadlines[0] == state.notice_deadline, day
        day += dt.timedelta(days=23)
    before = calendar_entries(agreement, D("2026-01-10"), years=2)
    titles = [e.title for e in before if e.title.startswith("Kündigungsfrist")]
    # the first term (two school years to 31.07.2027) binds: 31.07.2026 is no Kündigungstermin,
    # and 31.07.2028 needs receipt by 31.01.2028, after the horizon (issue 24)
    assert [t.rsplit("zum ", 1)[1] for t in titles] == ["31.07.2027)"]


def test_register_keys_travel_with_the_file_and_name_the_calendar_entries() -> None:
    content = data(PUBLISHED)
    content.update(
        short_name="Vergabestelle",
        reference="10-20-30",
        department="FB 1 Zentrale Dienste",
        contact={"name": "Erika Muster", "phone": "02131 123", "email": "e.muster@example.org"},
    )
    agreement = agreement_from_data(content)
    assert agreement.contact is not None
    assert agreement.contact.email == "e.muster@example.org"
    titles = [e.title for e in calendar_entries(agreement, D("2026-12-01"))]
    assert titles
    assert all("Vergabestelle" in title for title in titles)
    with pytest.raises(
        ValueError, match=r"short_name: Wert »x+« ist zu lang: höchstens 60 Zeichen"
    ):
        agreement_from_data({**content, "short_name": "x" * 61})
    wrong = {"name": "Erika Muster", "email": "e.muster"}
    with pytest.raises(ValueError, match=r"contact › email: »e\.muster« ist keine E-Mail-Adresse"):
        agreement_from_data({**content, "contact": wrong})
