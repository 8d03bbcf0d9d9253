"""status, record and calendar on the command line."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from icalendar import Calendar

from vereinbarung import load_agreement

from .cli_runner import run

EXAMPLES = Path(__file__).parent.parent / "examples"
SEED = EXAMPLES / "kinderschutz-rhein-kreis-neuss.yaml"
OTHERS = [
    "Stadt Dormagen",
    "Stadt Grevenbroich",
    "Stadt Meerbusch",
    "Rhein-Kreis-Neuss",
    "Stadt Neuss",
]


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    path = tmp_path / "vereinbarung.yaml"
    shutil.copy(SEED, path)
    return path


def test_status_json_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", str(SEED), "--on", "2026-11-21", "--format", "json")
    assert code == 0
    record = json.loads(out)
    assert {"status", "effective", "ends_on", "parties", "next_deadline", "explanation"} <= set(
        record
    )
    assert record["status"] == "in_force"
    assert record["effective"] == "2023-02-01"
    assert record["ends_on"] is None
    assert len(record["parties"]) == 6
    assert record["next_deadline"]["date"] == "2028-06-30"
    assert record["timeline"][0] == {
        "date": "2023-02-01",
        "text": "Wirksamwerden: Wirksam ab 01.02.2023 (laut Vereinbarung)",
    }


def test_record_notice_keeps_comments_and_changes_the_status(
    seed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = seed.read_text(encoding="utf-8")
    assert "# " in before
    received = [f"--received={p}=30.06.2026" for p in OTHERS]
    code, out, _ = run(
        capsys,
        "record",
        str(seed),
        "notice",
        "--by",
        "Stadt Kaarst",
        *received,
        "--form",
        "written",
    )
    assert code == 0, out
    after = seed.read_text(encoding="utf-8")
    assert after.startswith(before)  # every comment and line of the file is kept as it was
    assert "type: notice" in after[len(before) :]
    agreement = load_agreement(seed)
    assert agreement.events[-1].type == "notice"
    code, out, _ = run(capsys, "status", str(seed), "--on", "2027-01-01", "--format", "json")
    assert json.loads(out)["parties"] == list(OTHERS)


def test_record_into_existing_events_in_the_middle_keeps_comments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SEED.read_text(encoding="utf-8").replace(
        "signatures:",
        "events:  # erfasste Ereignisse\n  - {type: signed, party: Stadt Neuss, date: 2023-01-10}\nsignatures:",
        1,
    )
    path = tmp_path / "v.yaml"
    path.write_text(text, encoding="utf-8")
    code, _, _ = run(
        capsys,
        "record",
        str(path),
        "signed",
        "--party",
        "Stadt Dormagen",
        "--date",
        "12.01.2023",
        "--place",
        "Dormagen",
    )
    assert code == 0
    after = path.read_text(encoding="utf-8")
    assert "# erfasste Ereignisse" in after
    assert "# Quelle" in after or after.count("#") >= text.count("#") - 1
    assert [e.type for e in load_agreement(path).events] == ["signed", "signed"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (
            ["notice", "--by", "Stadt Nirgendwo", "--received", "Stadt Neuss=30.06.2026"],
            "»Stadt Nirgendwo« ist keine der Parteien",
        ),
        (
            [
                "notice",
                "--by",
                "Stadt Kaarst",
                "--received",
                "Stadt Neuss=30.06.2026",
                "--sent",
                "2026-07-01",
            ],
            "vor der Absendung",
        ),
        (
            ["notice", "--by", "Stadt Kaarst", "--received", "Stadt Neuss:30.06.2026"],
            "PARTEI=DATUM",
        ),
        (
            ["notice", "--by", "Stadt Kaarst", "--received", "Stadt Neuss=31.06.2026"],
            "kein gültiges Datum",
        ),
        (["signed", "--party", "Stadt Neuss"], "Feld events › Nr. 1 › signed › date: fehlt"),
    ],
)
def test_record_refuses_nonsense_and_leaves_the_file(
    seed: Path, capsys: pytest.CaptureFixture[str], args: list[str], fragment: str
) -> None:
    if args[0] == "notice":
        args = [*args, "--form", "written"]
    before = seed.read_bytes()
    code, _, err = run(capsys, "record", str(seed), *args)
    assert code == 2
    assert fragment in err
    assert seed.read_bytes() == before
    assert [p.name for p in seed.parent.iterdir()] == [seed.name]


def test_second_signature_refused(seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run(
            capsys, "record", str(seed), "signed", "--party", "Stadt Neuss", "--date", "2023-01-10"
        )[0]
        == 0
    )
    before = seed.read_bytes()
    code, _, err = run(
        capsys, "record", str(seed), "signed", "--party", "Stadt Neuss", "--date", "2023-01-11"
    )
    assert code == 2
    assert "hat schon unterschrieben" in err
    assert seed.read_bytes() == before


def _events(path: Path) -> dict[str, tuple[str, str, int]]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {
        str(e["uid"]): (
            e.decoded("dtstart").isoformat(),
            str(e["summary"]),
            int(str(e["sequence"])),
        )
        for e in calendar.walk("VEVENT")
    }


def test_calendar_parses_and_uids_are_stable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "fristen.ics"
    args = [
        "calendar",
        str(EXAMPLES),
        "-o",
        str(out),
        "--on",
        "2026-11-21",
        "--reminder",
        "90d",
        "--reminder",
        "14d",
        "--vorfrist",
        "90d",
    ]
    assert run(capsys, *args)[0] == 0
    first = _events(out)
    summaries = [s for _, s, _ in first.values()]
    assert any(s.startswith("Kündigungsfrist: letzter Zugangstag") for s in summaries)
    assert any(s.startswith("Vorfrist (90 Tage)") for s in summaries)
    assert any(s.startswith("Kündigungstermin") for s in summaries)
    calendar = Calendar.from_ical(out.read_bytes())
    deadline = next(
        e
        for e in calendar.walk("VEVENT")
        if "Kündigung zum 31.12.2028" in str(e["summary"])
        and "Kinderschutz" in str(e["description"])
    )
    assert deadline.decoded("dtstart").isoformat() == "2028-06-30"
    triggers = sorted(str(a.decoded("trigger")) for a in deadline.walk("VALARM"))
    assert triggers == ["-14 days, 0:00:00", "-90 days, 0:00:00"]
    assert "30.06.2028 + 6 Monate = 30.12.2028" in str(deadline["description"])
    assert run(capsys, *args)[0] == 0  # re-export: same UIDs, same dates, same SEQUENCE
    assert _events(out) == first


def test_calendar_sequence_bumps_when_a_date_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agreement = tmp_path / "a.yaml"
    shutil.copy(SEED, agreement)
    out = tmp_path / "f.ics"
    assert run(capsys, "calendar", str(agreement), "-o", str(out), "--on", "2026-11-21")[0] == 0
    first = _events(out)
    agreement.write_text(
        agreement.read_text(encoding="utf-8").replace("notice: 6 Monate", "notice: 3 Monate"),
        encoding="utf-8",
    )
    assert run(capsys, "calendar", str(agreement), "-o", str(out), "--on", "2026-11-21")[0] == 0
    second = _events(out)
    # the deadlines to 31.12.2028 and 31.12.2030 keep their UIDs and move by three months
    common = set(first) & set(second)
    changed = [uid for uid in common if first[uid][0] != second[uid][0]]
    assert set(first) <= set(second)  # nothing vanishes; 30.09.2028 (Saturday) adds a send-by day
    assert sorted(second[uid][0] for uid in changed) == ["2028-09-30", "2030-09-30"]
    assert all(second[uid][2] == first[uid][2] + 1 for uid in changed)
    unchanged = [u for u in common if u not in changed and not second[u][1].startswith("Entfällt")]
    assert all(second[uid][2] == first[uid][2] for uid in unchanged)
    # 30.06.2030 is a Sunday: its send-by event (28.06.2030) is no longer needed, since
    # 30.09.2030 is a Monday; it is sent once more as cancelled so that Outlook removes it
    (gone,) = [uid for uid in first if second[uid][0] == first[uid][0] == "2030-06-28"]
    assert second[gone][1].startswith("Entfällt: Kündigung zustellen bis")
    assert second[gone][2] == first[gone][2] + 1
    calendar = Calendar.from_ical(out.read_bytes())
    statuses = {str(e["uid"]): str(e.get("status", "")) for e in calendar.walk("VEVENT")}
    assert statuses[gone] == "CANCELLED"
    assert run(capsys, "calendar", str(agreement), "-o", str(out), "--on", "2026-11-21")[0] == 0
    assert _events(out)[gone] == second[gone]  # cancelled once, then stays as it is


def test_calendar_bad_file_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "kaputt.yaml").write_text("title: X\n", encoding="utf-8")
    out = tmp_path / "f.ics"
    code, _, err = run(capsys, "calendar", str(tmp_path), "-o", str(out))
    assert code == 2
    assert "Nichts geschrieben" in err
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        [
            "approval_requested",
            "--date",
            "2023-01-10",
            "--authority",
            "Bezirksregierung Düsseldorf",
        ],
        ["approved", "--date", "2023-01-20"],
        ["approval_refused", "--date", "2023-01-20", "--reasons", "Formfehler"],
        ["published", "--date", "2023-01-25", "--gazette", "Amtsblatt Nr. 4"],
        [
            "amendment",
            "--date",
            "2025-03-01",
            "--effective",
            "2025-04-01",
            "--text",
            "§ 6 erhält folgende Fassung: …",
        ],
        ["terminated_by_agreement", "--date", "2026-05-01", "--effective", "2027-06-30"],
        [
            "extraordinary_notice",
            "--by",
            "Stadt Neuss",
            "--received",
            "2026-01-10",
            "--reasons",
            "…",
        ],
        ["joined", "--party", "Stadt Neuss", "--date", "2023-01-01", "--effective", "2023-02-01"],
        [
            "notice",
            "--by",
            "Stadt Neuss",
            "--received",
            "30.06.2026",
            "--form",
            "qualified_electronic",
        ],
    ],
)
def test_record_every_event_type(
    seed: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    if args[0] in ("approval_requested", "approved", "approval_refused", "published"):
        seed.write_text(
            seed.read_text(encoding="utf-8").replace("land: NW", "land: NW\nregime: gkg", 1),
            encoding="utf-8",
        )
    if args[0] == "extraordinary_notice":
        args = [*args, "--form", "written"]
    code, out, err = run(capsys, "record", str(seed), *args)
    assert (code, err) == (0, "")
    (event,) = load_agreement(seed).events
    assert event.type == args[0]
    assert f"Ereignis »{args[0]}« eingetragen" in out


def test_record_notice_needs_its_form(seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = seed.read_bytes()
    code, _, err = run(
        capsys, "record", str(seed), "notice", "--by", "Stadt Kaarst", "--received", "30.06.2026"
    )
    assert code == 2
    assert "Bitte die Form der Kündigung angeben" in err
    assert seed.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["signed", "--party", "Stadt Neuss", "--date", "2030-01-01"], "liegt in der Zukunft"),
        (["approved", "--date", "2023-01-20"], "regime: gkg"),
    ],
)
def test_record_refuses_what_cannot_have_happened(
    seed: Path, capsys: pytest.CaptureFixture[str], args: list[str], fragment: str
) -> None:
    before = seed.read_bytes()
    code, _, err = run(capsys, "record", str(seed), *args)
    assert code == 2
    assert fragment in err
    assert seed.read_bytes() == before


def test_record_refuses_a_notice_by_a_party_that_left(
    seed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    others = [f"--received={p}=30.06.2024" for p in OTHERS]
    assert run(capsys, "record", str(seed), "extraordinary_notice", "--by", "Stadt Kaarst", *others,
               "--form", "written", "--reasons", "…")[0] == 0  # fmt: skip
    again = [f"--received={p}=01.03.2025" for p in OTHERS]
    code, _, err = run(
        capsys, "record", str(seed), "notice", "--by", "Stadt Kaarst", *again, "--form", "written"
    )
    assert code == 2
    assert "ist schon mit Ablauf des 30.06.2024 ausgeschieden" in err


def test_record_signature_says_which_are_missing(
    seed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "record", str(seed), "signed", "--party", "Stadt Neuss", "--date", "2023-01-10"
    )
    assert code == 0
    assert "es fehlen noch die Unterschriften von Stadt Dormagen" in out


def test_record_amendment_with_a_new_term_clause(
    seed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "record", str(seed), "amendment", "--date", "2026-11-01", "--effective",
                       "2026-12-01", "--text", "§ 5 Abs. 3: drei Monate", "--term", "notice=3 Monate")  # fmt: skip
    assert code == 0, err
    agreement = load_agreement(seed)
    assert str(agreement.version_on(dt.date(2026, 12, 1)).term.notice) == "3 Monate"
    assert agreement.version_on(dt.date(2026, 12, 1)).term.ends == dt.date(2026, 12, 31)
    assert "effective: 2023-02-01" in seed.read_text(encoding="utf-8")  # a date, not quoted text
    code, _, err = run(capsys, "record", str(seed), "amendment", "--date", "2026-11-01", "--effective",
                       "2026-12-01", "--text", "x", "--term", "notize=3")  # fmt: skip
    assert code == 2
    assert "erwartet wird FELD=WERT" in err
