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
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from vereinbarung.errors import VereinbarungError
from vereinbarung.exports.reports import DeadlineRow
from vereinbarung.law.dates import format_date
from vereinbarung.law.terms import Span
from vereinbarung.model.agreement import (
    Address,
    Agreement,
    Party,
    PartyKind,
    Regime,
    Representative,
)
from vereinbarung.model.clauses import Section
from vereinbarung.model.costs import ChangeRule, CostKey, Costs
from vereinbarung.model.events import Amendment, Signed
from vereinbarung.model.german import (
    conclusion_line,
    declined_name,
    format_amount,
    format_number,
    join_names,
    party_intro,
    period_words,
    represented_by,
    short_name,
    sort_key,
    term_heading,
    term_paragraphs,
    title_phrase,
    with_article,
)
from vereinbarung.state.day import AgreementState, state_on
from vereinbarung.state.upcoming import upcoming_states
from vereinbarung.version import __version__

if TYPE_CHECKING:
    from vereinbarung.state.umlage import CostBreakdown, ShareRow

__all__ = [
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
    "umlage_view",
]

#: What the generator of a document calls itself.
GENERATOR = f"vereinbarung {__version__}"
#: Printed where a signature date is to be filled in by hand.
BLANK_DATE = "________________"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True, slots=True)
class PartyView:
    """A party as documents print it, with the forms the parties block and letters need."""

    name: str
    kind: PartyKind | None
    short_name: str
    intro: str
    """Words before the name in the parties block: "zwischen der", "der", "dem", "und der"."""
    name_dative: str
    """The name as it follows the dative article ("Oberbergischen Kreis")."""
    nominative: str
    genitive: str
    dative: str
    accusative: str
    represented_by: str
    """"Herrn Bürgermeister Erik Lierenfeld" (accusative, after "vertreten durch")."""
    representative: Representative
    address: Address | None
    address_lines: tuple[str, ...]
    acts_for: tuple[str, ...]
    is_lead: bool


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


@dataclass(frozen=True, slots=True)
class SectionView:
    """A section: ``title`` "§ 5", ``heading``; ``generated`` if worded from the term data;
    ``amended`` says which amendment gave it its wording ("Fassung der Änderung vom …")."""

    number: int
    title: str
    heading: str
    paragraphs: tuple[ParagraphView, ...]
    generated: bool
    amended: str | None = None


@dataclass(frozen=True, slots=True)
class AmendmentView:
    """An amendment (Nachtrag) as the Lesefassung names it."""

    date: dt.date
    effective: dt.date
    text: str
    sections: tuple[int, ...]
    """The sections it gives a new wording."""
    term: bool
    """Whether it replaces the term clause."""
    label: str
    """"Änderung vom 01.03.2026 (wirksam ab 01.04.2026)"."""


@dataclass(frozen=True, slots=True)
class EditionView:
    """Which text the document is: Entwurf, Abschrift (signed) or Lesefassung (amended).

    A document rendered after signing is no signed original: it says so (Abschrift), and
    after an amendment it is the text in force on the day with the amended sections
    (Lesefassung), naming every amendment applied and any concluded but not yet in force.
    """

    kind: Literal["entwurf", "abschrift", "lesefassung"]
    label: str
    """"Lesefassung – Stand 21.11.2026, unter Berücksichtigung der Änderung vom …"."""
    note: str
    """What the text is and what is authoritative, one sentence or two."""
    applied: tuple[AmendmentView, ...]
    pending: tuple[AmendmentView, ...]
    """Amendments concluded by the day that take effect later (not in the text)."""
    footer: str
    """For the footer: "Lesefassung, Stand 21.11.2026 – " (empty for an Entwurf)."""


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


@dataclass(frozen=True, slots=True)
class ProfileView:
    """The Interkommunales.NRW project profile (seeds 001, 004), with fallbacks from the text."""

    title: str
    """The title of the profile (``profile.title``), else the agreement's title and subtitle."""
    participants: tuple[str, ...]
    participants_text: str
    keywords: tuple[str, ...]
    lead: str | None
    other_participants: tuple[str, ...]
    region: str | None
    population: str | None
    """"452.496 (31.12.2021; IT.NRW)"."""
    area: str | None
    """"785,00 km²"."""
    summary: tuple[str, ...]
    """The "Kurzprofil" lines: lead, Regierungsbezirk, Einwohner, Fläche (those known)."""
    occasion: str | None
    goal: str | None
    implementation: tuple[str, ...]
    financing: str | None
    legal_form: str
    since: int
    contact: tuple[str, ...]
    links: tuple[str, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TerminationView:
    """A Kündigung by the sender: the dates, how they follow, and the letter's wording."""

    terminates_on: dt.date
    deadline: dt.date
    practical_deadline: dt.date
    non_working: str | None
    """Why the last day of receipt is no working day ("Samstag"), or None."""
    computation: str
    """The line that shows why ``deadline`` is the last day of receipt (§§ 187, 188 BGB)."""
    notice: str
    """The notice period with its date rule: "sechs Monate zum Laufzeitende"."""
    clause: str | None
    subject: str
    """"Kündigung der Kooperationsvereinbarung über …"."""
    agreement_accusative: str
    """"die Kooperationsvereinbarung über …" (after "kündigen wir")."""
    place: str
    date: dt.date
    signer_name: str
    signer_title: str
    gkg: bool
    missed: str | None
    """A notice date that can no longer be reached, in words, or None."""


@dataclass(frozen=True, slots=True)
class PaymentView:
    """A payment of a party's share: due day, what it is ("Abschlag 50 %"), amount."""

    due: dt.date
    label: str
    amount: str
    """"13.251,20 €"."""
    amount_value: Decimal
    overdue: bool
    """Whether it fell due before the day of the document."""


@dataclass(frozen=True, slots=True)
class ShareView:
    """One paying party's share of the budget year, every value formatted the German way."""

    party: str
    figure: str
    """The key figure with its name: "Einwohner 63.117", "Fälle 12", "Anteil 25,00 %"."""
    percent: str
    """"13,9486 %" (four decimals)."""
    percent_value: Decimal
    amount: str
    """"26.502,40 €"."""
    amount_value: Decimal
    derivation: str
    """"Einwohner 63.117 / 452.496 × 190.000,00 € = 26.502,40 €"."""
    payments: tuple[PaymentView, ...]
    payments_text: str
    """"30.06.2025 Abschlag 50 % 13.251,20 €; 31.12.2025 Schlussabrechnung 13.251,20 €"."""


@dataclass(frozen=True, slots=True)
class UmlageView:
    """The Umlage of one budget year (:func:`vereinbarung.state.umlage.cost_shares`), for documents."""

    year: int
    amount: str
    """The amount of the year: "190.000,00 €"."""
    amount_value: Decimal
    key: CostKey
    key_label: str
    """"nach Einwohnerzahl"."""
    basis: str
    """The figures the key uses: "Einwohner am 31.12.2023 (IT.NRW)"."""
    reference_date: dt.date | None
    """The reference date of the Einwohnerzahlen (key population), else None."""
    source: str | None
    """Where the figures come from ("IT.NRW"; "Fallzahlen 2024"), None for equal/fixed."""
    basis_text: str
    """The distribution in sentences: the amount of the year, the key, reference date and
    source of the figures ("Der Jahresbetrag von 190.000,00 € wird nach der Einwohnerzahl …")."""
    payee: str | None
    section: int | None
    """The number of the cost section (``costs.section``), or None."""
    clause: str | None
    """"§ 2", or None."""
    caption: str
    """"Umlage 2026 (Berechnung nach § 2)"."""
    after_section: int
    """The section after whose text the agreement shows the table (the cost section)."""
    rows: tuple[ShareView, ...]
    total: str
    """The sum of the shares (always the amount of the year): "190.000,00 €"."""
    exempt: tuple[str, ...]
    """Parties that carry no share (``costs.exempt``)."""
    notes: tuple[str, ...]
    """Parties bound for part of the year and how they pay."""


@dataclass(frozen=True, slots=True)
class UmlageLetterView:
    """The Umlageberechnung of one budget year from the payee to one paying party."""

    year: int
    payer: PartyView
    """The party that pays (the addressee, ``--by``)."""
    payee: PartyView
    """The sender: ``costs.payee``, else the lead party."""
    share: ShareView
    subject: str
    """"Umlageberechnung 2026 – Öffentlich-rechtliche Vereinbarung über …"."""
    legal_basis: str
    """"§ 2 der Vereinbarung" (``costs.section``), else "der Kostenregelung der Vereinbarung"."""
    place: str
    date: dt.date
    signer_name: str
    signer_title: str
    overdue: str | None
    """Payments that fell due before the letter, in a sentence, or None."""


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


@dataclass(frozen=True, slots=True)
class OverviewRow:
    """One agreement of the deadline overview."""

    file: str
    title: str
    status: str
    notice_deadline: dt.date | None
    practical_deadline: dt.date | None
    days_left: int | None
    terminates_on: dt.date | None
    current_term_end: dt.date | None
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OverviewError:
    """A file of the folder that could not be read, with its German error."""

    file: str
    message: str


@dataclass(frozen=True, slots=True)
class OverviewContext:
    """Everything a template sees for a folder: the deadline overview (top-level variables)."""

    on: dt.date
    folder: str
    rows: tuple[OverviewRow, ...]
    errors: tuple[OverviewError, ...]
    count: int
    generator: str
    warnings: tuple[str, ...]


Context = AgreementContext | OverviewContext
#: The letters an agreement context can hold for ``by``.
LetterKind = Literal["kuendigung", "umlage"]

# -- building --------------------------------------------------------------------------------


def _party_view(party: Party, index: int, count: int, lead: str | None) -> PartyView:
    kind = party.kind
    return PartyView(
        name=party.name,
        kind=kind,
        short_name=short_name(party.name, kind),
        intro=party_intro(index, count, kind),
        name_dative=declined_name(party.name, kind, "dative"),
        nominative=with_article(party.name, kind, "nominative"),
        genitive=with_article(party.name, kind, "genitive"),
        dative=with_article(party.name, kind, "dative"),
        accusative=with_article(party.name, kind, "accusative"),
        represented_by=represented_by(party.representative),
        representative=party.representative,
        address=party.address,
        address_lines=tuple(party.address.lines()) if party.address else (),
        acts_for=party.acts_for,
        is_lead=party.name == lead,
    )


def _preamble(agreement: Agreement) -> tuple[PreambleBlock, ...]:
    blocks = []
    for entry in agreement.preamble:
        if isinstance(entry, str):
            blocks.append(PreambleBlock(text=entry, items=()))
        else:
            blocks.append(PreambleBlock(text=None, items=tuple(entry)))
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
            text=paragraph.text,
            items=tuple(
                ItemView(label=_letter(i), text=item) for i, item in enumerate(paragraph.items)
            ),
        )
        for number, paragraph in enumerate(section.paragraphs, start=1)
    )
    return SectionView(
        number=section.number,
        title=f"§ {section.number}",
        heading=section.heading,
        paragraphs=paragraphs,
        generated=False,
    )


_CLAUSE_NUMBER = re.compile(r"§\s*(\d+)")
_TERM_HEADING = re.compile(r"laufzeit|in-?kraft", re.IGNORECASE)


def _term_section_number(agreement: Agreement) -> int | None:
    """The number of the section to word from the term data, or None if the text has it."""
    numbers = {s.number for s in agreement.sections}
    clause = agreement.term.clause
    match = _CLAUSE_NUMBER.search(clause) if clause else None
    if match:
        number = int(match.group(1))
        return None if number in numbers else number
    if any(_TERM_HEADING.search(s.heading) for s in agreement.sections):
        return None
    return max(numbers, default=0) + 1


def _sections(agreement: Agreement, paragraphs: tuple[str, ...]) -> tuple[SectionView, ...]:
    views = [_section_view(s) for s in agreement.sections]
    number = _term_section_number(agreement)
    if number is not None:
        views.append(
            SectionView(
                number=number,
                title=f"§ {number}",
                heading=term_heading(agreement.term),
                paragraphs=tuple(
                    ParagraphView(label=f"({i})", text=text, items=())
                    for i, text in enumerate(paragraphs, start=1)
                ),
                generated=True,
            )
        )
    return tuple(sorted(views, key=lambda v: v.number))


def _signatures(
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


def _amendment_view(amendment: Amendment) -> AmendmentView:
    return AmendmentView(
        date=amendment.date,
        effective=amendment.effective,
        text=amendment.text,
        sections=tuple(s.number for s in amendment.sections),
        term=amendment.term is not None,
        label=(
            f"Änderung vom {format_date(amendment.date)} "
            f"(wirksam ab {format_date(amendment.effective)})"
        ),
    )


def _edition(
    agreement: Agreement, status: AgreementState, signatures: Sequence[SignatureView]
) -> EditionView:
    """Entwurf, Abschrift or Lesefassung of *agreement* on the day of *status*."""
    on = status.on
    amendments = sorted(
        (e for e in agreement.events if isinstance(e, Amendment) and e.date <= on),
        key=lambda a: (a.effective, a.date),
    )
    applied = tuple(_amendment_view(a) for a in amendments if a.effective <= on)
    pending = tuple(_amendment_view(a) for a in amendments if a.effective > on)
    stand = format_date(on)
    later = ""
    if pending:
        later = (
            " Noch nicht berücksichtigt: "
            + join_names([p.label for p in pending])
            + ", weil sie am Stichtag noch nicht gilt."
        )
    if applied:
        names = join_names([a.label for a in applied])
        word = "der Änderung" if len(applied) == 1 else "der Änderungen"
        label = f"Lesefassung – Stand {stand}, unter Berücksichtigung {word} " + names.replace(
            "Änderung vom", "vom"
        )
        note = (
            f"Diese Lesefassung gibt den am {stand} geltenden Text wieder; die geänderten "
            "Paragraphen sind gekennzeichnet. Rechtsverbindlich sind allein die unterzeichneten "
            f"Urkunden der Vereinbarung und ihrer Änderungen.{later}"
        )
        return EditionView(
            "lesefassung", label, note, applied, pending, f"Lesefassung, Stand {stand} – "
        )
    if status.status == "draft" and not any(s.signed for s in signatures):
        note = f"Entwurf, noch nicht von allen Vertragsparteien unterzeichnet.{later}"
        return EditionView("entwurf", f"Entwurf – Stand {stand}", note, (), pending, "Entwurf – ")
    note = (
        "Abschrift der unterzeichneten Vereinbarung; rechtsverbindlich sind allein die "
        f"unterzeichneten Urkunden.{later}"
    )
    return EditionView(
        "abschrift", f"Abschrift – Stand {stand}", note, (), pending, f"Abschrift, Stand {stand} – "
    )


def _mark_amended(
    sections: tuple[SectionView, ...], edition: EditionView, term_number: int | None
) -> tuple[SectionView, ...]:
    """The sections with the amendment that gave each its wording; a term clause changed by
    an amendment that did not reword its section is marked too (its text is not the rule)."""
    if not edition.applied:
        return sections
    marked = []
    for view in sections:
        source = next((a for a in reversed(edition.applied) if view.number in a.sections), None)
        term = next((a for a in reversed(edition.applied) if a.term), None)
        if source is not None:
            view = dataclasses.replace(view, amended=f"Fassung der {source.label}")
        elif term is not None and view.number == term_number and not view.generated:
            view = dataclasses.replace(
                view,
                amended=(
                    f"Die Laufzeitregelung wurde durch die {term.label} geändert: {term.text}"
                ),
            )
        marked.append(view)
    return tuple(marked)


def _terms(agreement: Agreement, status: AgreementState) -> tuple[Span, ...]:
    horizon = max(status.on, status.terminates_on or status.on)
    rule = status.dates.rule if status.dates else agreement.version_on(status.on).term.rule
    spans = []
    for span in rule.terms():
        spans.append(span)
        if span.start > horizon or len(spans) >= 100:
            break
    return tuple(spans)


def _notice_dates(agreement: Agreement, status: AgreementState) -> tuple[NoticeDate, ...]:
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


def _profile(agreement: Agreement, parties: Sequence[PartyView]) -> ProfileView:
    profile = agreement.profile
    lead = next((p for p in parties if p.is_lead), None)
    others = sorted(
        {p.short_name for p in parties if not p.is_lead}
        | {name for p in parties for name in p.acts_for},
        key=sort_key,
    )
    participants = ([lead.name] if lead else []) + others
    warnings = []
    if lead is None:
        warnings.append(
            "Keine federführende Partei (lead) angegeben: im Steckbrief bleibt "
            "»Hauptverantwortlich« offen."
        )
    population = area = None
    if profile and profile.population is not None:
        details = "; ".join(
            x
            for x in (
                format_date(profile.population_date) if profile.population_date else None,
                profile.population_source,
            )
            if x
        )
        population = format_number(profile.population) + (f" ({details})" if details else "")
    if profile and profile.area_km2 is not None:
        area = f"{format_number(profile.area_km2, 2)} km²"
    summary = [
        line
        for line in (
            lead.name if lead else None,
            f"Regierungsbezirk {profile.region}" if profile and profile.region else None,
            f"Einwohner: {population}" if population else None,
            f"Fläche: {area}" if area else None,
        )
        if line
    ]
    financing = (profile.financing if profile else None) or (
        agreement.costs.summary if agreement.costs else None
    )
    return ProfileView(
        title=(profile.title if profile else None) or agreement.full_title,
        participants=tuple(participants),
        participants_text=", ".join(participants),
        keywords=profile.keywords if profile else (),
        lead=lead.name if lead else None,
        other_participants=profile.other_participants if profile else (),
        region=profile.region if profile else None,
        population=population,
        area=area,
        summary=tuple(summary),
        occasion=profile.occasion if profile else None,
        goal=profile.goal if profile else None,
        implementation=profile.implementation if profile else (),
        financing=financing,
        legal_form=(profile.legal_form if profile else None) or agreement.regime.label,
        since=(profile.since if profile else None) or agreement.term.effective.year,
        contact=profile.contact if profile else (),
        links=profile.links if profile else (),
        warnings=tuple(warnings),
    )


# -- the Umlage -------------------------------------------------------------------------------

_COST_HEADING = re.compile(r"kosten|umlage|finanzierung", re.IGNORECASE)


def _payment_views(row: ShareRow, on: dt.date) -> tuple[PaymentView, ...]:
    return tuple(
        PaymentView(
            due=p.due,
            label=p.label,
            amount=format_amount(p.amount),
            amount_value=p.amount,
            overdue=p.due < on,
        )
        for p in row.payments
    )


def _share_view(row: ShareRow, on: dt.date) -> ShareView:
    payments = _payment_views(row, on)
    return ShareView(
        party=row.party,
        figure=row.figure,
        percent=f"{format_number(row.percent, 4)} %",
        percent_value=row.percent,
        amount=format_amount(row.amount),
        amount_value=row.amount,
        derivation=row.derivation,
        payments=payments,
        payments_text="; ".join(f"{format_date(p.due)} {p.label} {p.amount}" for p in payments),
    )


def _distribution(
    costs: Costs, key: CostKey, year: int
) -> tuple[str, dt.date | None, str | None, str]:
    """How *key* divides (after "wird … verteilt"), reference date and source of the figures,
    and the sentence naming the figures ("" if there are none)."""
    if key is CostKey.POPULATION:
        figures = costs.population_for(year)
        if figures is None:  # pragma: no cover - cost_shares has refused the year already
            raise VereinbarungError(f"costs › population: keine Einwohnerzahlen für {year}.")
        return (
            "nach der Einwohnerzahl",
            figures.date,
            figures.source,
            f"Maßgeblich sind die Einwohnerzahlen am {format_date(figures.date)}, Quelle: "
            f"{figures.source}.",
        )
    if key is CostKey.CASES:
        source_year = year - costs.cases_lag
        return (
            "nach den Fallzahlen",
            None,
            f"Fallzahlen {source_year}",
            f"Maßgeblich sind die Fallzahlen des Jahres {source_year}.",
        )
    if key is CostKey.FIXED:
        return "nach den in der Vereinbarung festgelegten Anteilen", None, None, ""
    return "zu gleichen Teilen", None, None, ""


def _basis_text(costs: Costs, breakdown: CostBreakdown) -> tuple[str, dt.date | None, str | None]:
    year, amount = breakdown.year, format_amount(breakdown.amount)
    key = breakdown.key
    rest_key = costs.rest_key if key is CostKey.BASE_PLUS else key
    assert rest_key is not None  # the model requires rest_key with base_plus
    distribution, reference, source, figures = _distribution(costs, rest_key, year)
    if key is CostKey.BASE_PLUS:
        assert costs.base_amount is not None
        pro_rata = (
            " (bei Bindung für einen Teil des Jahres anteilig nach Tagen)"
            if costs.changes is ChangeRule.PRO_RATA_DAYS
            else ""
        )
        text = (
            f"Vom Jahresbetrag ({amount}) trägt jede zahlende Vertragspartei einen Sockelbetrag "
            f"von {format_amount(costs.base_amount)}{pro_rata}; der übrige Betrag wird "
            f"{distribution} verteilt."
        )
    else:
        text = (
            f"Der Jahresbetrag von {amount} wird {distribution} auf die zahlenden "
            "Vertragsparteien verteilt."
        )
    return (f"{text} {figures}" if figures else text), reference, source


def _cost_section(costs: Costs, sections: Sequence[SectionView]) -> int:
    """The section after which the agreement shows the table: ``costs.section`` if the text has
    it, else the first whose heading speaks of costs, else the last."""
    numbers = [s.number for s in sections]
    if costs.section is not None and costs.section in numbers:
        return costs.section
    found = next((s.number for s in sections if _COST_HEADING.search(s.heading)), None)
    return found if found is not None else numbers[-1]


def umlage_view(
    agreement: Agreement,
    year: int,
    *,
    on: dt.date,
    sections: Sequence[SectionView] = (),
) -> UmlageView:
    """The Umlage of budget *year* as documents show it; payments before *on* are overdue.

    Raises the German :class:`VereinbarungError` of :func:`vereinbarung.state.umlage.cost_shares`
    if the agreement has no cost key or the year lacks its amount or figures. *sections* (the
    document's sections) decide where the agreement places the table.
    """
    from vereinbarung.state.umlage import cost_shares

    breakdown = cost_shares(agreement, year)
    costs = agreement.costs
    assert costs is not None  # cost_shares refuses an agreement without costs
    basis_text, reference, source = _basis_text(costs, breakdown)
    clause = f"§ {costs.section}" if costs.section is not None else None
    if clause:
        caption = f"Umlage {year} (Berechnung nach {clause})"
    else:
        caption = f"Umlage {year} ({breakdown.key.label})"
    views = sections or _sections(agreement, tuple(term_paragraphs(agreement.term)))
    rows = tuple(_share_view(row, on) for row in breakdown.rows)
    return UmlageView(
        year=year,
        amount=format_amount(breakdown.amount),
        amount_value=breakdown.amount,
        key=breakdown.key,
        key_label=breakdown.key.label,
        basis=breakdown.basis,
        reference_date=reference,
        source=source,
        basis_text=basis_text,
        payee=breakdown.payee,
        section=costs.section,
        clause=clause,
        caption=caption,
        after_section=_cost_section(costs, views),
        rows=rows,
        total=format_amount(sum((r.amount_value for r in rows), Decimal(0))),
        exempt=costs.exempt,
        notes=breakdown.notes,
    )


def _overdue_sentence(payments: Sequence[PaymentView]) -> str | None:
    due = [f"zum {format_date(p.due)}" for p in payments if p.overdue]
    if not due:
        return None
    if len(due) == 1:
        return (
            f"Die Zahlung {due[0]} ist bereits fällig; soweit sie noch nicht geleistet ist, "
            "bitten wir um umgehende Überweisung."
        )
    return (
        f"Die Zahlungen {join_names(due)} sind bereits fällig; soweit sie noch nicht "
        "geleistet sind, bitten wir um umgehende Überweisung."
    )


def _umlage_letter(
    agreement: Agreement,
    parties: Sequence[PartyView],
    umlage: UmlageView,
    payer: PartyView,
    on: dt.date,
) -> tuple[UmlageLetterView, list[str]]:
    """The letter of *umlage* to *payer*; a German error if it pays nothing or has no sender."""
    costs = agreement.costs
    assert costs is not None
    year = umlage.year
    share = next((row for row in umlage.rows if row.party == payer.name), None)
    if share is None:
        if payer.name in costs.exempt:
            detail = "von der Umlage ausgenommen: costs › exempt"
        else:
            detail = next(
                (note for note in umlage.notes if note.startswith(payer.name)),
                "im Haushaltsjahr nicht an die Vereinbarung gebunden",
            )
        raise VereinbarungError(
            f"»{payer.name}« trägt im Haushaltsjahr {year} keinen Anteil an der Umlage "
            f"({detail}); ein Umlageschreiben an diese Partei gibt es nicht."
        )
    if umlage.payee is None:
        raise VereinbarungError(
            "Die Umlage hat keinen Zahlungsempfänger: costs › payee fehlt, und es ist keine "
            "federführende Partei (lead) angegeben; das Schreiben hätte keinen Absender."
        )
    if umlage.payee == payer.name:
        raise VereinbarungError(
            f"»{payer.name}« ist selbst Zahlungsempfänger der Umlage (costs › payee); ein "
            "Umlageschreiben an sich selbst gibt es nicht."
        )
    payee = next(p for p in parties if p.name == umlage.payee)
    warnings = []
    if costs.section is None:
        legal_basis = "Kostenregelung der Vereinbarung"
        warnings.append(
            "costs › section fehlt: das Umlageschreiben nennt als Rechtsgrundlage nur die "
            "Kostenregelung der Vereinbarung, keinen Paragraphen."
        )
    else:
        legal_basis = f"§ {costs.section} der Vereinbarung"
    signature = next((s for s in agreement.signatures if s.party == payee.name), None)
    place = (
        payee.address.city
        if payee.address
        else signature.place
        if signature and signature.place
        else payee.short_name
    )
    rep = payee.representative
    view = UmlageLetterView(
        year=year,
        payer=payer,
        payee=payee,
        share=share,
        subject=f"Umlageberechnung {year} – {agreement.full_title}",
        legal_basis=legal_basis,
        place=place,
        date=on,
        signer_name=rep.name,
        signer_title=rep.title,
        overdue=_overdue_sentence(share.payments),
    )
    return view, warnings


def _find_party(agreement: Agreement, name: str) -> Party:
    for party in agreement.parties:
        if party.name == name:
            return party
    folded = [p for p in agreement.parties if p.name.casefold() == name.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    raise VereinbarungError(
        f"--by: »{name}« ist keine Partei dieser Vereinbarung "
        f"(Parteien: {', '.join(p.name for p in agreement.parties)})."
    )


def _termination(
    agreement: Agreement, status: AgreementState, sender: PartyView
) -> tuple[TerminationView, list[str]]:
    on = status.on
    title = agreement.title
    if status.status == "ended":
        end = status.ends_on.day if status.ends_on else status.current_term_end or on
        raise VereinbarungError(
            f"»{agreement.full_title}« ist am {format_date(on)} bereits beendet (die Laufzeit "
            f"endete am {format_date(end)}); eine Kündigung ist nicht mehr möglich."
        )
    if status.status in ("unconfirmed", "draft"):
        raise VereinbarungError(
            f"»{agreement.full_title}« ist am {format_date(on)} {status.status_label}: "
            + (" ".join(status.open_points) or "es fehlen noch Unterschriften.")
        )
    notice = agreement.term.notice
    # the letter is about a notice received now: the date rules' answer within the state
    dates = status.dates
    if dates is None:
        raise VereinbarungError(
            f"»{agreement.full_title}« kann am {format_date(on)} nicht ordentlich gekündigt "
            f"werden: {' '.join(status.warnings) or status.status_label}."
        )
    if notice is None or dates.terminates_on is None or dates.notice_deadline is None:
        if dates.terminates_on is not None and notice is None:
            reason = (
                f"sie endet ohne Kündigung mit Ablauf des {format_date(dates.terminates_on)}, "
                "eine ordentliche Kündigung ist nicht vorgesehen"
            )
        else:
            reason = " ".join(status.warnings) or "es gibt keinen Kündigungstermin mehr"
        raise VereinbarungError(
            f"»{agreement.full_title}« kann am {format_date(on)} nicht ordentlich gekündigt "
            f"werden: {reason.rstrip('.')}."
        )
    terminates_on, deadline = dates.terminates_on, dates.notice_deadline
    practical = dates.practical_deadline or deadline
    signature = next((s for s in agreement.signatures if s.party == sender.name), None)
    place = (
        signature.place
        if signature
        else sender.address.city
        if sender.address
        else sender.short_name
    )
    warnings = []
    missed = None
    if dates.missed is not None:
        missed_end, missed_deadline = dates.missed
        missed = (
            f"Eine Kündigung zum {format_date(missed_end)} ist nicht mehr möglich: sie hätte "
            f"spätestens am {format_date(missed_deadline)} zugehen müssen."
        )
        warnings.append(f"{missed} Das Schreiben kündigt zum {format_date(terminates_on)}.")
    warnings.extend(status.warnings)
    subtitle = f" {agreement.subtitle}" if agreement.subtitle else ""
    view = TerminationView(
        terminates_on=terminates_on,
        deadline=deadline,
        practical_deadline=practical,
        non_working=dates.deadline_non_working,
        computation=notice.explain_last_day_of_receipt(terminates_on),
        notice=f"{period_words(notice, 'nominative')} {agreement.term.notice_to.label}",
        clause=agreement.term.clause,
        subject=f"Kündigung {title_phrase(title, 'genitive')}{subtitle}",
        agreement_accusative=f"{title_phrase(title, 'accusative')}{subtitle}",
        place=place,
        date=on,
        signer_name=(signature.name if signature else None) or sender.representative.name,
        signer_title=(signature.title if signature else None) or sender.representative.title,
        gkg=agreement.regime is Regime.GKG,
        missed=missed,
    )
    return view, warnings


def _check_recorded_events(
    agreement: Agreement, status: AgreementState, sender: str, warnings: list[str]
) -> set[str]:
    """What recorded events (``events:``) mean for a Kündigung by *sender*, from the state.

    Raises if the agreement has ended or the sender has already given notice; warns if it is
    already terminated for all. Returns the parties that have left (no recipients any more).
    """
    on = status.on
    if status.status == "ended":
        raise VereinbarungError(
            f"»{agreement.full_title}« ist nach den verzeichneten Ereignissen am "
            f"{format_date(on)} bereits beendet; eine Kündigung ist nicht mehr möglich."
        )
    leaving = status.leaving
    if sender in leaving:
        last = leaving[sender]
        raise VereinbarungError(
            f"»{sender}« hat nach den verzeichneten Ereignissen bereits gekündigt und ist "
            f"{'bis' if last >= on else 'nur bis'} {format_date(last)} gebunden; eine weitere "
            "Kündigung ist nicht nötig."
        )
    if status.status == "notice_given" and status.ends_on is not None:
        warnings.append(
            f"Die Vereinbarung ist bereits gekündigt und endet zum {format_date(status.ends_on.day)} "
            "(verzeichnete Kündigung)."
        )
    return {party for party, last in leaving.items() if last < on}


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
) -> AgreementContext:
    """The context for *agreement* on day *on*; with *by* (a party's name) that of a letter.

    *letter* says which: ``kuendigung`` (*by* gives notice to all others) or ``umlage`` (the
    Umlageberechnung of budget *year* to *by*, the paying party). *year* defaults to the year
    of *on*; the Umlage of that year is there for every template of an agreement with a cost
    key (None if the year lacks its amount or figures). The text is the agreement as in force
    on *on* (amendments applied). Raises a German :class:`VereinbarungError` if *by* is no
    party, the agreement cannot be terminated, or *by* pays no share of *year*.
    """
    year = on.year if year is None else year
    current = agreement.version_on(on)
    status = state_on(agreement, on)
    count = len(current.parties)
    parties = tuple(_party_view(p, i, count, current.lead) for i, p in enumerate(current.parties))
    warnings: list[str] = [
        f"Für »{p.name}« ist die Art (Stadt, Gemeinde, Kreis …) nicht bekannt: der Vertragskopf "
        "nennt sie ohne Artikel; »kind« in der Datei angeben."
        for p in parties
        if p.kind is None or p.kind is PartyKind.SONSTIGE
    ]
    paragraphs = tuple(term_paragraphs(current.term))
    lead = next((p for p in parties if p.is_lead), None)
    sender = None
    recipients: tuple[PartyView, ...] = ()
    termination = None
    signatures = _signatures(current, parties, on)
    edition = _edition(agreement, status, signatures)
    term_clause = _CLAUSE_NUMBER.search(current.term.clause or "")
    sections = _mark_amended(
        _sections(current, paragraphs), edition, int(term_clause.group(1)) if term_clause else None
    )
    if any(a.term and not a.sections for a in edition.applied):
        warnings.append(
            "Eine Änderung ersetzt die Laufzeitregelung ohne neuen Wortlaut des Paragraphen: die "
            "Lesefassung zeigt den alten Wortlaut mit dem Hinweis auf die Änderung."
        )
    umlage = None
    umlage_letter = None
    costs = agreement.costs
    if letter == "umlage" and by is not None:
        if costs is None or costs.key is None:
            raise VereinbarungError(
                f"»{agreement.full_title}« regelt keine Umlage (costs › key fehlt): ein "
                "Umlageschreiben gibt es nur für eine Vereinbarung mit Kostenschlüssel."
            )
        payer_party = _find_party(current, by)
        payer = next(p for p in parties if p.name == payer_party.name)
        umlage = umlage_view(agreement, year, on=on, sections=sections)
        umlage_letter, letter_warnings = _umlage_letter(current, parties, umlage, payer, on)
        warnings.extend(letter_warnings)
    elif costs is not None and costs.key is not None:
        try:
            umlage = umlage_view(agreement, year, on=on, sections=sections)
        except VereinbarungError:
            umlage = None  # render_agreement says why where a template shows the Umlage
    if by is not None and letter == "kuendigung":
        sender_party = _find_party(current, by)
        sender = next(p for p in parties if p.name == sender_party.name)
        left = _check_recorded_events(agreement, status, sender.name, warnings)
        recipients = tuple(p for p in parties if p.name != sender.name and p.name not in left)
        termination, letter_warnings = _termination(current, status, sender)
        warnings.extend(letter_warnings)
        warnings.extend(
            f"Für »{p.name}« ist keine Anschrift hinterlegt: das Schreiben nennt nur den Namen."
            for p in recipients
            if p.address is None
        )
    return AgreementContext(
        agreement=current,
        on=on,
        conclusion=conclusion_line(current.title),
        parties=parties,
        lead=lead,
        author=_author(lead, parties, sender, umlage_letter),
        preamble=_preamble(current),
        sections=sections,
        term_paragraphs=paragraphs,
        status=status,
        terms=_terms(agreement, status),
        notice_dates=_notice_dates(agreement, status),
        signatures=signatures,
        edition=edition,
        profile=_profile(current, parties),
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
    )


def overview_context(rows: Sequence[DeadlineRow], *, on: dt.date, folder: str) -> OverviewContext:
    """The context of the deadline overview: *rows* as :func:`reports.deadline_rows` sorts them."""
    views = []
    errors = []
    for row in rows:
        if row.state is None or row.title is None:
            errors.append(OverviewError(file=row.file, message=row.error or "unlesbar"))
            continue
        s = row.state
        views.append(
            OverviewRow(
                file=row.file,
                title=row.title,
                status=s.status_label,
                notice_deadline=s.notice_deadline,
                practical_deadline=s.practical_deadline,
                days_left=s.days_left,
                terminates_on=s.terminates_on,
                current_term_end=s.current_term_end,
                warnings=s.warnings,
            )
        )
    warnings = tuple(f"nicht ausgewertet: {e.message}" for e in errors)
    return OverviewContext(
        on=on,
        folder=folder,
        rows=tuple(views),
        errors=tuple(errors),
        count=len(views) + len(errors),
        generator=GENERATOR,
        warnings=warnings,
    )


def as_template_dict(context: Context) -> dict[str, Any]:
    """The top-level variables of *context* as the dict a template is rendered with."""
    return {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
