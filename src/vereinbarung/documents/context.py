"""What a document template sees: the agreement and everything computed from it.

Two contexts, chosen by the input of ``vereinbarung render``:

* :class:`AgreementContext` for an agreement file: the agreement as in force on the day, its
  parties with the grammar the parties block needs, preamble, sections with their numbers and
  letters (the term section worded from the data where the text lacks it), signature blocks,
  status and deadlines on the day, the project profile, and, for a Kündigung, sender,
  recipients and the termination dates.
* :class:`OverviewContext` for a folder: one row per agreement, most urgent first.

An agreement with a cost key (``costs.key``) also has its Umlage of the budget ``year``
(:class:`UmlageView`, None without a key), and for ``--by PARTEI`` with the template ``umlage``
the letter to that paying party (:class:`UmlageLetterView`).

The top-level names of a template are the fields of these classes; their type hints are also
what :mod:`vereinbarung.documents.check` checks a template's variables against. Values that may
be missing are ``None`` and must be tested in the template (``{% if … %}``, ``{{ x or "–" }}``):
printing ``None`` is an error, never a blank.

>>> import datetime as dt
>>> from vereinbarung.files.io import load_agreement
>>> a = load_agreement("examples/kinderschutz-rhein-kreis-neuss.yaml")  # doctest: +SKIP
>>> c = agreement_context(a, on=dt.date(2026, 11, 21))                  # doctest: +SKIP
>>> c.parties[4].intro, c.parties[4].represented_by                      # doctest: +SKIP
('dem', 'Herrn Landrat Hans-Jürgen Petrauschke')
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from vereinbarung.documents.views.agreement import (
    ItemView,
    NoticeDate,
    ParagraphView,
    PreambleBlock,
    SectionView,
    SignatureView,
    mark_amended,
    notice_dates,
    preamble_blocks,
    sections_view,
    signature_views,
    term_spans,
    with_gaps,
)
from vereinbarung.documents.views.common import GENERATOR, PartyView, find_party, party_view
from vereinbarung.documents.views.edition import AmendmentView, EditionView, edition_view
from vereinbarung.documents.views.kuendigung import (
    TerminationView,
    check_recorded_events,
    termination_view,
)
from vereinbarung.documents.views.letter import LetterOptions
from vereinbarung.documents.views.overview import (
    OverviewContext,
    OverviewError,
    OverviewRow,
    overview_context,
)
from vereinbarung.documents.views.steckbrief import ProfileView, profile_view
from vereinbarung.documents.views.umlage import PaymentView, ShareView, UmlageView, umlage_view
from vereinbarung.documents.views.umlage_letter import UmlageLetterView, umlage_letter_view
from vereinbarung.errors import VereinbarungError
from vereinbarung.law.terms import Span
from vereinbarung.model.agreement import (
    Agreement,
    PartyKind,
)
from vereinbarung.model.clause_wording import conclusion_line, term_paragraphs
from vereinbarung.model.consolidation import consolidate, term_text_section
from vereinbarung.model.events import Amendment
from vereinbarung.model.sender import Sender
from vereinbarung.state.amendments import in_effect
from vereinbarung.state.day import AgreementState, state_on
from vereinbarung.state.facts import known_on

__all__ = [
    "GENERATOR",
    "SHORT_TITLE",
    "AgreementContext",
    "AmendmentView",
    "EditionView",
    "ItemView",
    "LetterKind",
    "NoticeDate",
    "OverviewContext",
    "OverviewError",
    "OverviewRow",
    "ParagraphView",
    "PartyPair",
    "PartyView",
    "PaymentView",
    "PreambleBlock",
    "ProfileView",
    "SectionView",
    "ShareView",
    "SignatureView",
    "TerminationView",
    "UmlageLetterView",
    "UmlageView",
    "agreement_context",
    "as_template_dict",
    "overview_context",
    "party_rows",
    "short_title",
    "umlage_view",
]


@dataclass(frozen=True, slots=True)
class PartyPair:
    """A row of the Vertragskopf: two parties side by side (``right`` None at an odd end)."""

    left: PartyView
    right: PartyView | None


@dataclass(frozen=True, slots=True)
class AgreementContext:
    """Everything a template sees for one agreement (the top-level variables)."""

    agreement: Agreement
    on: dt.date
    conclusion: str
    parties: tuple[PartyView, ...]
    lead: PartyView | None
    author: str
    preamble: tuple[PreambleBlock, ...]
    sections: tuple[SectionView, ...]
    term_paragraphs: tuple[str, ...]
    status: AgreementState
    terms: tuple[Span, ...]
    notice_dates: tuple[NoticeDate, ...]
    signatures: tuple[SignatureView, ...]
    edition: EditionView
    profile: ProfileView
    regime_label: str
    sender: PartyView | None
    recipients: tuple[PartyView, ...]
    termination: TerminationView | None
    year: int
    """The budget year of ``umlage`` (``--year``, else the year of ``on``)."""
    umlage: UmlageView | None
    """The Umlage of ``year``; None if the agreement has no cost key or it cannot be computed."""
    umlage_letter: UmlageLetterView | None
    generator: str
    source: str | None
    warnings: tuple[str, ...]
    party_rows: tuple[PartyPair, ...] = ()
    """The parties two by two, for the Vertragskopf as a two-column list (any number of
    parties: a row of two is never split across pages)."""
    short_title: str = ""
    """For footers: the Kurzname (``short_name``), else the title shortened to
    :data:`SHORT_TITLE` characters at a word boundary."""


#: The longest title a footer prints; a longer one is cut at a word with »…«.
SHORT_TITLE = 70


def short_title(agreement: Agreement) -> str:
    """The Kurzname of *agreement*, else its title, cut at a word to :data:`SHORT_TITLE`."""
    if agreement.short_name:
        return agreement.short_name
    title = agreement.title
    if len(title) <= SHORT_TITLE:
        return title
    cut = title[: SHORT_TITLE - 1].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return f"{cut} …"


def party_rows(parties: Sequence[PartyView]) -> tuple[PartyPair, ...]:
    """*parties* two by two; the last row of an odd number has None on the right."""
    return tuple(
        PartyPair(parties[i], parties[i + 1] if i + 1 < len(parties) else None)
        for i in range(0, len(parties), 2)
    )


Context = AgreementContext | OverviewContext
#: The letters an agreement context can hold for ``by``.
LetterKind = Literal["kuendigung", "umlage"]

# -- building --------------------------------------------------------------------------------


def _author(
    lead: PartyView | None,
    parties: Sequence[PartyView],
    sender: PartyView | None,
    umlage_letter: UmlageLetterView | None,
) -> str:
    """Who the document is from: the sender of a letter, else the lead party, else the first."""
    if sender is not None:
        return sender.name
    if umlage_letter is not None:
        return umlage_letter.payee.name
    return (lead or parties[0]).name


def agreement_context(
    agreement: Agreement,
    *,
    on: dt.date,
    by: str | None = None,
    source: str | None = None,
    year: int | None = None,
    letter: LetterKind = "kuendigung",
    sender_profile: Sender | None = None,
    recipient: str | None = None,
    original: bool = False,
    draft: bool = False,
    letter_options: LetterOptions | None = None,
) -> AgreementContext:
    """The context for *agreement* on day *on*; with *by* (a party's name) that of a letter.

    *letter* says which: ``kuendigung`` (*by* gives notice to all others) or ``umlage`` (the
    Umlageberechnung of budget *year* to *by*, the paying party). *year* defaults to the year
    of *on*; the Umlage of that year is there for every template of an agreement with a cost
    key (None if the year lacks its amount or figures). The text is the agreement as in force
    on *on* (amendments applied). Raises a German :class:`VereinbarungError` if *by* is no
    party, the agreement cannot be terminated, or *by* pays no share of *year*.
    *sender_profile* gives the Informationsblock and signatories of a letter; *recipient*
    limits a Kündigung to the letter to that party (one file per recipient). *original*: the
    text as first concluded, without amendments (»Ursprüngliche Fassung«); otherwise the
    Lesefassung of *on* with each § and Absatz in the wording an amendment gave it. *draft*
    marks a Kündigung »ENTWURF« (``--entwurf``). *letter_options* give a letter's delivery
    line, acknowledgement of receipt and council decision.
    """
    year = on.year if year is None else year
    changed: dict[tuple[int, int | None], Amendment] = {}
    if original:
        current = agreement
    else:
        # amendments apply as the one state applies them (GkG: approved and published, § 24
        # Abs. 2–4 GkG NRW), with what was recorded by the day
        in_force, _ = in_effect(known_on(agreement, on))
        try:
            consolidated = consolidate(in_force, on)
        except ValueError as exc:
            raise VereinbarungError(f"{source or agreement.full_title}: {exc}") from None
        changed = consolidated.changed
        current = in_force.version_on(on).model_copy(update={"sections": consolidated.sections})
    status = state_on(agreement, on)
    count = len(current.parties)
    parties = tuple(party_view(p, i, count, current.lead) for i, p in enumerate(current.parties))
    warnings: list[str] = [
        f"Für »{p.name}« ist die Art (Stadt, Gemeinde, Kreis …) nicht bekannt: der Vertragskopf "
        "nennt sie ohne Artikel; bitte die Art der Partei in der Vereinbarung eintragen."
        for p in parties
        if p.kind is None or p.kind is PartyKind.SONSTIGE
    ]
    paragraphs = tuple(term_paragraphs(current.term))
    lead = next((p for p in parties if p.is_lead), None)
    sender = None
    recipients: tuple[PartyView, ...] = ()
    termination = None
    signatures = signature_views(current, parties, on)
    edition = edition_view(agreement, status, original=original)
    sections = mark_amended(
        sections_view(current, paragraphs),
        changed,
        edition.unworded,
        term_text_section(current),
    )
    edition = with_gaps(edition, sections)
    umlage = None
    umlage_letter = None
    costs = agreement.costs
    if letter == "umlage" and by is not None:
        if costs is None or costs.key is None:
            raise VereinbarungError(
                f"»{agreement.full_title}« regelt keine Umlage (costs › key fehlt): ein "
                "Umlageschreiben gibt es nur für eine Vereinbarung mit Kostenschlüssel."
            )
        payer_party = find_party(current, by)
        payer = next(p for p in parties if p.name == payer_party.name)
        umlage = umlage_view(agreement, year, on=on, sections=sections)
        umlage_letter, letter_warnings = umlage_letter_view(
            current, parties, umlage, payer, on, sender_profile, letter_options
        )
        warnings.extend(letter_warnings)
    elif costs is not None and costs.key is not None:
        try:
            umlage = umlage_view(agreement, year, on=on, sections=sections)
        except VereinbarungError:
            umlage = None  # render_agreement says why where a template shows the Umlage
    if by is not None and letter == "kuendigung":
        sender_party = find_party(current, by)
        sender = next(p for p in parties if p.name == sender_party.name)
        left = check_recorded_events(agreement, status, sender.name, warnings)
        recipients = tuple(p for p in parties if p.name != sender.name and p.name not in left)
        if recipient is not None:
            chosen = find_party(current, recipient, option="--an")
            if chosen.name not in {p.name for p in recipients}:
                raise VereinbarungError(
                    f"--an: »{chosen.name}« erhält keine Kündigung (die kündigende Partei selbst "
                    "oder bereits ausgeschieden)."
                )
            letters_to = tuple(p for p in recipients if p.name == chosen.name)
        else:
            letters_to = recipients
        termination, letter_warnings = termination_view(
            current,
            status,
            sender,
            letters_to,
            sender_profile,
            draft=draft,
            options=letter_options,
            others=len(recipients),
        )
        warnings.extend(letter_warnings)
    return AgreementContext(
        agreement=current,
        on=on,
        conclusion=conclusion_line(current.title),
        parties=parties,
        lead=lead,
        author=_author(lead, parties, sender, umlage_letter),
        preamble=preamble_blocks(current),
        sections=sections,
        term_paragraphs=paragraphs,
        status=status,
        terms=term_spans(agreement, status),
        notice_dates=notice_dates(agreement, status),
        signatures=signatures,
        edition=edition,
        profile=profile_view(current, parties),
        regime_label=current.regime.label,
        sender=sender,
        recipients=recipients,
        termination=termination,
        year=year,
        umlage=umlage,
        umlage_letter=umlage_letter,
        generator=GENERATOR,
        source=source,
        warnings=tuple(warnings),
        party_rows=party_rows(parties),
        short_title=short_title(current),
    )


def as_template_dict(context: Context) -> dict[str, Any]:
    """The top-level variables of *context* as the dict a template is rendered with."""
    return {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
