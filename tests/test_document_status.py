"""Which text the agreement document says it is comes from the one state (issue 23):
»Abschrift der unterzeichneten Vereinbarung« only when every party's signature is recorded by
the day (the :class:`~vereinbarung.state.facts.Lifecycle` of :func:`state_on`), otherwise
»Entwurf zur Unterzeichnung« with the signature lines; a partly signed file is never called an
Abschrift (§ 57 VwVfG NRW: the contract needs every party's signature)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from docx import Document

from vereinbarung.documents.render import render_agreement
from vereinbarung.files.io import agreement_from_data, read_data
from vereinbarung.state.day import state_on

ROOT = Path(__file__).parent.parent
SEED = ROOT / "examples" / "kinderschutz-rhein-kreis-neuss.yaml"
ON = dt.date(2026, 11, 21)
LINE = "______________________________"
PARTIES = [
    "Stadt Dormagen",
    "Stadt Grevenbroich",
    "Stadt Kaarst",
    "Stadt Meerbusch",
    "Rhein-Kreis-Neuss",
    "Stadt Neuss",
]


def _signed(parties: list[str], day: str = "2023-01-20") -> Any:
    data = read_data(SEED)
    assert isinstance(data, dict)
    events = [{"type": "signed", "party": p, "date": day} for p in parties]
    return agreement_from_data({**data, "events": [*(data.get("events") or []), *events]})


def _lines(agreement: Any, on: dt.date = ON) -> list[str]:
    content = render_agreement(agreement, on=on).content
    return [p.text for p in Document(io.BytesIO(content)).paragraphs]


def test_no_signature_recorded_is_a_draft_for_signing_with_lines() -> None:
    lines = _lines(_signed([]))
    assert "Entwurf zur Unterzeichnung – Stand 21.11.2026" in lines
    assert not any("Abschrift" in line for line in lines)
    assert lines.count(LINE) == 6  # one signature line per party
    assert not any(line.startswith("gez. ") for line in lines)


def test_partly_signed_is_never_an_abschrift() -> None:
    agreement = _signed(PARTIES[:2])
    assert state_on(agreement, ON).status == "draft"  # what `status` says
    lines = _lines(agreement)
    assert "Entwurf zur Unterzeichnung – Stand 21.11.2026" in lines
    assert (
        "Unterzeichnet hat bisher Stadt Dormagen und Stadt Grevenbroich; es fehlt die "
        "Unterschrift von Stadt Kaarst, Stadt Meerbusch, Rhein-Kreis-Neuss und Stadt Neuss."
    ) in " ".join(lines)
    assert not any("Abschrift" in line for line in lines)
    assert lines.count(LINE) == 4  # the parties still to sign
    assert sum(line.startswith("gez. ") for line in lines) == 2


def test_every_signature_recorded_is_the_abschrift() -> None:
    agreement = _signed(PARTIES)
    lines = _lines(agreement)
    assert "Abschrift der unterzeichneten Vereinbarung – Stand 21.11.2026" in lines
    assert "Entwurf" not in " ".join(lines)
    assert LINE not in lines
    assert sum(line.startswith("gez. ") for line in lines) == 6


def test_before_the_last_signature_the_same_file_is_a_draft() -> None:
    data = read_data(SEED)
    assert isinstance(data, dict)
    events = [{"type": "signed", "party": p, "date": "2023-01-20"} for p in PARTIES[:-1]]
    events.append({"type": "signed", "party": PARTIES[-1], "date": "2023-01-27"})
    agreement = agreement_from_data({**data, "events": events})
    assert "Entwurf zur Unterzeichnung – Stand 25.01.2023" in _lines(
        agreement, dt.date(2023, 1, 25)
    )
    assert "Abschrift der unterzeichneten Vereinbarung – Stand 27.01.2023" in _lines(
        agreement, dt.date(2023, 1, 27)
    )


def test_how_to_record_the_signatures_goes_to_the_terminal_not_into_the_document() -> None:
    document = render_agreement(_signed([]), on=ON)
    text = " ".join(p.text for p in Document(io.BytesIO(document.content)).paragraphs)
    assert "Die Unterschriften der Vertragsparteien sind nicht erfasst." in text
    assert "vereinbarung record" not in text
    assert any(
        w.startswith("Das Dokument heißt »Entwurf zur Unterzeichnung«") for w in document.warnings
    )
    assert not any("Entwurf zur" in w for w in render_agreement(_signed(PARTIES), on=ON).warnings)
