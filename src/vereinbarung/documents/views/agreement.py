"""The view of the agreement itself: preamble, sections with numbered paragraphs and lettered
items, signature blocks; which text it is (Entwurf, Abschrift, Lesefassung) is
:mod:`vereinbarung.documents.views.edition`.

The text is the agreement as in force on the day (:meth:`Agreement.version_on`); a document
rendered after an amendment is the Lesefassung of that day and says so, naming each amendment
applied (issue 9). Signature blocks of parties that have signed show "gez." with the name, never a
signing date over an empty line. Running text gets no-break spaces after "§", "Abs.", "Nr."
(DIN 5008, :func:`~vereinbarung.documents.views.common.nbsp`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from vereinbarung.documents.views.common import BLANK_DATE, PartyView, nbsp
from vereinbarung.documents.views.edition import (
    AmendmentView,
    EditionView,
)
from vereinbarung.law.dates import format_date
from vereinbarung.law.terms import Span
from vereinbarung.model.agreement import Agreement
from vereinbarung.model.clause_wording import term_heading
from vereinbarung.model.clauses import Section
from vereinbarung.model.consolidation import amendment_name
from vereinbarung.model.events import Amendment, Signed
from vereinbarung.state.day import AgreementState
from vereinbarung.state.upcoming import upcoming_states

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
#: The heading of a section number the text skips.
MISSING_SECTION = "im erfassten Vertragstext nicht enthalten"


@dataclass(frozen=True, slots=True)
class PreambleBlock:
    """A preamble paragraph (``text``) or a bulleted list (``items``)."""

    text: str | None
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ItemView:
    """A lettered item: ``label`` "a)", ``text``."""

    label: str
    text: str


@dataclass(frozen=True, slots=True)
class ParagraphView:
    """A paragraph: ``label`` "(1)", or None where a section has a single paragraph."""

    label: str | None
    text: str
    items: tuple[ItemView, ...]
    amended: str | None = None
    """»Abs. 2 geändert durch Änderungsvereinbarung vom …, gilt ab …« where an amendment gave
    this Absatz its wording (the section as a whole keeps its own)."""


@dataclass(frozen=True, slots=True)
class SectionView:
    """A section: ``title`` "§ 5", ``heading``; ``generated`` if worded from the term data;
    ``amended`` says which amendment gave it its wording (»geändert durch
    Änderungsvereinbarung vom …, gilt ab …«)."""

    number: int
    title: str
    heading: str
    paragraphs: tuple[ParagraphView, ...]
    generated: bool
    amended: str | None = None


@dataclass(frozen=True, slots=True)
class SignatureView:
    """A signature block: "Dormagen, den ____", line, name, office, for ``party``.

    ``signed``: the party has signed (a date in the file or a ``signed`` event); the copy then
    shows "gez. Name" instead of an empty line, so that no signing date stands over a blank
    signature line.
    """

    party: PartyView
    place: str
    date: dt.date | None
    date_text: str
    name: str
    title: str
    signed: bool = False


@dataclass(frozen=True, slots=True)
class NoticeDate:
    """A notice date (Kündigungstermin) and the last day a notice may be received for it."""

    terminates_on: dt.date
    deadline: dt.date
    practical_deadline: dt.date
    non_working: str | None


def preamble_blocks(agreement: Agreement) -> tuple[PreambleBlock, ...]:
    blocks = []
    for entry in agreement.preamble:
        if isinstance(entry, str):
            blocks.append(PreambleBlock(text=nbsp(entry), items=()))
        else:
            blocks.append(PreambleBlock(text=None, items=tuple(nbsp(x) for x in entry)))
    return tuple(blocks)


def _letter(index: int) -> str:
    # a) … z), then aa) … zz) as German drafting does
    if index < len(_LETTERS):
        return f"{_LETTERS[index]})"
    return f"{_LETTERS[index % len(_LETTERS)] * (index // len(_LETTERS) + 1)})"


def _section_view(section: Section) -> SectionView:
    single = len(section.paragraphs) == 1
    paragraphs = tuple(
        ParagraphView(
            label=None if single else f"({number})",
            text=nbsp(paragraph.text),
            items=tuple(
                ItemView(label=_letter(i), text=nbsp(item))
                for i, item in enumerate(paragraph.items)
            ),
        )
        for number, paragraph in enumerate(section.paragraphs, start=1)
    )
    return SectionView(
        number=section.number,
        title=f"§ {section.number}",
        heading=nbsp(section.heading),
        paragraphs=paragraphs,
        generated=False,
    )


CLAUSE_NUMBER = re.compile(r"§\s*(\d+)")
_TERM_HEADING = re.compile(r"laufzeit|in-?kraft", re.IGNORECASE)


def _term_section_number(agreement: Agreement) -> int | None:
    """The number of the section to word from the term data, or None if the text has it."""
    numbers = {s.number for s in agreement.sections}
    clause = agreement.term.clause
    match = CLAUSE_NUMBER.search(clause) if clause else None
    if match:
        number = int(match.group(1))
        return None if number in numbers else number
    if any(_TERM_HEADING.search(s.heading) for s in agreement.sections):
        return None
    return max(numbers, default=0) + 1


def sections_view(agreement: Agreement, paragraphs: tuple[str, ...]) -> tuple[SectionView, ...]:
    views = [_section_view(s) for s in agreement.sections]
    number = _term_section_number(agreement)
    if number is not None:
        views.append(
            SectionView(
                number=number,
                title=f"§ {number}",
                heading=term_heading(agreement.term),
                paragraphs=tuple(
                    ParagraphView(label=f"({i})", text=nbsp(text), items=())
                    for i, text in enumerate(paragraphs, start=1)
                ),
                generated=True,
            )
        )
    return tuple(sorted(views, key=lambda v: v.number))


def with_gaps(edition: EditionView, sections: Sequence[SectionView]) -> EditionView:
    """*edition* whose note names the section numbers the text skips (seed 002 has no § 4),
    so that a reader does not take the gap for a page lost."""
    numbers = {v.number for v in sections}
    skipped = [n for n in range(1, max(numbers, default=0)) if n not in numbers]
    if not skipped:
        return edition
    signs = ", ".join(f"§\u00a0{n}" for n in skipped)
    verb = "ist" if len(skipped) == 1 else "sind"
    return dataclasses.replace(edition, note=f"{edition.note} {signs} {verb} {MISSING_SECTION}.")


def signature_views(
    agreement: Agreement, parties: Sequence[PartyView], on: dt.date
) -> tuple[SignatureView, ...]:
    given = {s.party: s for s in agreement.signatures}
    events = {e.party: e for e in agreement.events if isinstance(e, Signed) and e.date <= on}
    blocks = []
    for view in parties:
        signature = given.get(view.name)
        event = events.get(view.name)
        rep = view.representative
        place = signature.place if signature else view.address.city if view.address else None
        if event is not None and event.place and not place:
            place = event.place
        date = signature.date if signature and signature.date else None
        if date is None and event is not None:
            date = event.date
        blocks.append(
            SignatureView(
                party=view,
                place=place or BLANK_DATE,
                date=date,
                date_text=format_date(date) if date else BLANK_DATE,
                name=(signature.name if signature else None) or rep.name,
                title=(signature.title if signature else None) or rep.title,
                signed=date is not None,
            )
        )
    return tuple(blocks)


def mark_amended(
    sections: tuple[SectionView, ...],
    changed: Mapping[tuple[int, int | None], Amendment],
    unworded: Sequence[AmendmentView],
    term_number: int | None,
) -> tuple[SectionView, ...]:
    """The sections with the amendment that gave each § or Absatz its wording
    (»geändert durch Änderungsvereinbarung vom …, gilt ab …«); a term clause replaced by an
    amendment without a new wording is marked with that amendment's text."""
    marked = []
    for view in sections:
        if view.generated:
            marked.append(view)
            continue
        whole = changed.get((view.number, None))
        paragraphs = []
        for number, paragraph in enumerate(view.paragraphs, start=1):
            source = changed.get((view.number, number))
            if source is not None:
                prefix = f"Abs. {number} geändert" if paragraph.label else "Geändert"
                paragraph = dataclasses.replace(
                    paragraph, amended=f"{prefix} durch {amendment_name(source)}"
                )
            paragraphs.append(paragraph)
        amended = f"Geändert durch {amendment_name(whole)}" if whole is not None else None
        if amended is None and unworded and view.number == term_number:
            term = unworded[-1]
            amended = f"Die Laufzeitregelung wurde durch die {term.label} geändert: {term.text}"
        marked.append(dataclasses.replace(view, paragraphs=tuple(paragraphs), amended=amended))
    return tuple(marked)


def term_spans(agreement: Agreement, status: AgreementState) -> tuple[Span, ...]:
    horizon = max(status.on, status.terminates_on or status.on)
    rule = status.dates.rule if status.dates else agreement.version_on(status.on).term.rule
    spans = []
    for span in rule.terms():
        spans.append(span)
        if span.start > horizon or len(spans) >= 100:
            break
    return tuple(spans)


def notice_dates(agreement: Agreement, status: AgreementState) -> tuple[NoticeDate, ...]:
    dates: list[NoticeDate] = []
    for window in upcoming_states(agreement, status.on, count=3, land=status.land):
        assert window.terminates_on is not None
        assert window.notice_deadline is not None
        assert window.practical_deadline is not None
        dates.append(
            NoticeDate(
                terminates_on=window.terminates_on,
                deadline=window.notice_deadline,
                practical_deadline=window.practical_deadline,
                non_working=window.deadline_non_working,
            )
        )
    return tuple(dates)
