"""Documents speak to staff in German words: a Vermerk or letter rendered without a sender
profile names the missing details (Aktenzeichen, Ansprechperson …) and where to give them, but
never a command-line option (»--absender DATEI«) or a key of the files (»reference, contact«,
»signatories«); the option goes to the terminal only, as a warning of the rendered document
(issue 21, review item 6)."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from docx import Document

from vereinbarung.documents.render import render_agreement
from vereinbarung.documents.views.letter import SENDER_OPTION_HINT
from vereinbarung.files.io import load_agreement

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))
#: Command-line options and keys of the agreement and sender files that staff do not read.
JARGON = re.compile(
    r"--[a-z]|\b(reference|contact|phone|email|signatories|party|kind|term|events|published|"
    r"notified|costs|key|placeholders|review)\b|›"
)


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = (c.text for t in doc.tables for r in t.rows for c in r.cells)
    return "\n".join([*(p.text for p in doc.paragraphs), *cells])


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_vermerk_without_sender_names_no_option_and_no_file_key(path: Path) -> None:
    agreement = load_agreement(path)
    if agreement.term.duration is not None and agreement.term.notice is None:
        pytest.skip("Diese Vereinbarung endet ohne Kündigung: kein Vermerk zur Kündigung.")
    by = agreement.parties[-1].name
    document = render_agreement(
        agreement, on=dt.date(2026, 12, 7), template="kuendigungsvermerk", by=by
    )
    text = _text(document.content)
    assert [line for line in text.splitlines() if JARGON.search(line)] == []
    assert "Im Informationsblock fehlen: Aktenzeichen, Ansprechpartner/-in, Telefon, E-Mail" in text
    assert "kein Absender gewählt" in text
    assert "im Register auf der Seite »Absender«" in text
    # the terminal learns the option; the document does not print it
    assert SENDER_OPTION_HINT in document.warnings
    assert SENDER_OPTION_HINT not in text
