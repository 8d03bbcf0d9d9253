"""The view of a Kündigung: the termination dates from the state of the day, and one letter per
recipient.

The dates come from :func:`vereinbarung.state.day.state_on` only; the letter never prints the
derivation (it goes into the internal Vermerk). Each letter follows DIN 5008 (Anschriftfeld,
Informationsblock with Aktenzeichen, Ansprechpartner, Telefon, E-Mail, Datum; Betreff,
Anrede, Gruß, Unterschriften). The number of signatures follows the representation rules of the
Land: in Nordrhein-Westfalen a declaration that binds a municipality is signed by the
Bürgermeister and a second authorised signatory (§ 64 Abs. 1 GO NRW; for a Kreis § 43 Abs. 1
KrO NRW), likewise in Hessen (§ 71 Abs. 2 HGO); in Bayern (Art. 38 Abs. 2 GO) and
Baden-Württemberg (§ 54 Abs. 1 GemO) the first Bürgermeister signs alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from vereinbarung.documents.views.common import InfoLine, PartyView, SignatoryView, nbsp
from vereinbarung.documents.views.kuendigung_wording import (
    authority_copy,
    copies_sentence,
    effect_sentence,
    gkg_steps,
)
from vereinbarung.documents.views.letter import (
    LetterFrame,
    LetterOptions,
    letter_frame,
    letter_signatories,
    missing_in_frame,
    nbsp_town,
)
from vereinbarung.errors import VereinbarungError
from vereinbarung.law.dates import format_date
from vereinbarung.law.notice import NoticeBy
from vereinbarung.model.agreement import Agreement, PartyKind, Regime
from vereinbarung.model.clause_wording import period_words, title_phrase
from vereinbarung.model.events import Signed
from vereinbarung.model.sender import Sender
from vereinbarung.state.day import AgreementState

__all__ = [
    "InfoLine",
    "LetterView",
    "SignatoryView",
    "TerminationView",
    "check_recorded_events",
    "signature_rule",
    "termination_view",
]


@dataclass(frozen=True, slots=True)
class SignatureRule:
    """How many sign a declaration that binds a municipality of a Land, and where it says so."""

    count: int
    gemeinde: str
    kreis: str
    second: str
    """What the second signatory is, for the empty line where the sender profile names none."""


#: The representation rules stored; a Land not listed gets two lines and a warning.
_RULES = {
    "NW": SignatureRule(
        2, "§ 64 Abs. 1 GO NRW", "§ 43 Abs. 1 KrO NRW",
        "vertretungsberechtigte Person (allgemeine Vertretung oder Beauftragte)",
    ),
    "HE": SignatureRule(
        2, "§ 71 Abs. 2 HGO", "§ 71 Abs. 2 HGO i. V. m. der HKO",
        "weiteres Mitglied des Gemeindevorstands",
    ),
    "BY": SignatureRule(1, "Art. 38 Abs. 2 GO", "Art. 38 Abs. 2 GO entsprechend", ""),
    "BW": SignatureRule(1, "§ 54 Abs. 1 GemO", "§ 54 Abs. 1 GemO entsprechend", ""),
}  # fmt: skip


def signature_rule(land: str, kind: PartyKind | None) -> tuple[int, str, str | None]:
    """Signatures a Kündigung of a party of *kind* in *land* needs, the provision, and a
    warning where the rule of the Land is not stored."""
    rule = _RULES.get(land)
    if rule is None:
        return (
            2,
            f"Vertretungsregel der Gemeinde- bzw. Kreisordnung ({land})",
            f"Die Vertretungsregel für Verpflichtungserklärungen in {land} ist nicht hinterlegt: "
            "das Schreiben sieht zwei Unterschriften vor; bitte prüfen.",
        )
    provision = rule.kreis if kind is PartyKind.KREIS else rule.gemeinde
    return rule.count, provision, None


@dataclass(frozen=True, slots=True)
class LetterView:
    """One letter of the Kündigung: to one recipient, on its own pages."""

    recipient: PartyView
    address_lines: tuple[str, ...]
    """Anschriftfeld: name, "Herrn Bürgermeister Erik Lierenfeld", street, postcode and place."""
    salutation: str
    """"Sehr geehrter Herr Bürgermeister Lierenfeld,"."""
    number: int
    count: int


@dataclass(frozen=True, slots=True)
class TerminationView:
    """A Kündigung by the sender: the dates, the letters, and the internal derivation.

    The letters print ``subject``, ``clause``, ``terminates_on``; ``computation``,
    ``derivation``, ``deadline`` and ``practical_deadline`` belong in the internal Vermerk.
    """

    terminates_on: dt.date
    deadline: dt.date
    practical_deadline: dt.date
    non_working: str | None
    """Why the last day of receipt is no working day ("Samstag"), or None."""
    computation: str
    """The line that shows why ``deadline`` is the last day of receipt (§§ 187, 188 BGB)."""
    derivation: tuple[str, ...]
    """How the state of the day derives every date (for the Vermerk)."""
    notice: str
    """The notice rule: "sechs Monate zum Laufzeitende"; with a day of receipt "Kündigung
    zum 31. Juli eines jeden Jahres, Zugang bis zum 31.01. des Jahres"."""
    clause: str | None
    """The clause with its paragraph: "§ 5 Abs. 3"."""
    agreement_date: dt.date | None
    """The day the agreement was concluded (the last signature), or None."""
    subject: str
    """"Kündigung der Kooperationsvereinbarung über … vom 24.11.2023"."""
    agreement_accusative: str
    """"die Kooperationsvereinbarung über … vom 24.11.2023" (after "kündigen wir")."""
    sender_lines: tuple[str, ...]
    """The sender's name, office and address (Briefkopf and Rücksendeangabe)."""
    return_line: str
    """"Gemeinde Rommerskirchen · Bahnstraße 51 · 41569 Rommerskirchen"."""
    info: tuple[InfoLine, ...]
    place: str
    date: dt.date
    signatories: tuple[SignatoryView, ...]
    signature_provision: str
    """Where the number of signatures comes from: "§ 64 Abs. 1 GO NRW"."""
    signer_name: str
    signer_title: str
    letters: tuple[LetterView, ...]
    gkg: bool
    missed: str | None
    """A notice date that can no longer be reached, in words, or None."""
    missing: tuple[str, ...] = ()
    """What the letter lacks to be sent as printed (no sender profile, a second signatory
    without a name); empty if it is sendable (issue 23)."""
    draft: bool = False
    """Rendered although something is missing (``--entwurf``): every page says »ENTWURF«."""
    frame: LetterFrame | None = None
    """Letterhead, Rücksendeangabe, Vermerke, Informationsblock (DIN 5008 Form B)."""
    copies: str | None = None
    """"Gleichlautende Schreiben erhalten die übrigen sieben Vertragsparteien." (None with
    one recipient only)."""
    effect: str = ""
    """What the notice does: only the sender leaves, or the agreement ends for all."""
    authority_copy: str | None = None
    """GkG: "Eine Abschrift dieses Schreibens erhält die Aufsichtsbehörde …"."""
    gkg_steps: tuple[InfoLine, ...] = ()
    """GkG, for the Vermerk: Anzeige and Bekanntmachung with the day they must happen by."""


_PARAGRAPH = re.compile(r"Abs\.|Absatz", re.IGNORECASE)
_SECTION = re.compile(r"§\s*(\d+)")


def _clause(agreement: Agreement) -> str | None:
    """The term clause with the paragraph that provides for notice: "§ 5 Abs. 3"."""
    clause = agreement.term.clause
    if clause is None or _PARAGRAPH.search(clause):
        return clause
    match = _SECTION.search(clause)
    section = agreement.section(int(match.group(1))) if match else None
    if section is None or len(section.paragraphs) < 2:
        return clause
    for number, paragraph in enumerate(section.paragraphs, start=1):
        if "kündig" in paragraph.text.lower():
            return f"{clause} Abs. {number}"
    return clause


def _notice_rule(agreement: Agreement) -> str:
    """The notice rule for the Vermerk: "sechs Monate zum Laufzeitende"; a day of receipt
    (``notice_by``) in the words of the date rules: "Kündigung zum 31. Juli eines jeden
    Jahres, Zugang bis zum 31.01. des Jahres"."""
    term = agreement.term
    if isinstance(term.notice, NoticeBy):
        return term.rule.notice_summary()
    assert term.notice is not None  # termination_view refuses a term without notice
    return f"{period_words(term.notice, 'nominative')} {term.notice_to.label}"


def _concluded(agreement: Agreement) -> dt.date | None:
    dates = [s.date for s in agreement.signatures if s.date is not None]
    dates += [e.date for e in agreement.events if isinstance(e, Signed)]
    return max(dates, default=None)


def _salutation(party: PartyView) -> str:
    rep = party.representative
    surname = rep.name.split()[-1]
    if rep.form_of_address == "Frau":
        return f"Sehr geehrte Frau {rep.title} {surname},"
    return f"Sehr geehrter Herr {rep.title} {surname},"


def _letters(recipients: Sequence[PartyView]) -> tuple[LetterView, ...]:
    missing = [p.name for p in recipients if p.address is None]
    if missing:
        fields = ", ".join(f"parties › {name} › address" for name in missing)
        raise VereinbarungError(
            f"Für {', '.join(f'»{n}«' for n in missing)} ist keine Anschrift hinterlegt "
            f"({fields} fehlt); ohne Anschrift wird kein Kündigungsschreiben erstellt."
        )
    return tuple(
        LetterView(
            recipient=p,
            address_lines=(p.name, p.represented_by, *(nbsp_town(x) for x in p.address_lines)),
            salutation=_salutation(p),
            number=number,
            count=len(recipients),
        )
        for number, p in enumerate(recipients, start=1)
    )


def termination_view(
    agreement: Agreement,
    status: AgreementState,
    sender: PartyView,
    recipients: Sequence[PartyView],
    profile: Sender | None = None,
    *,
    draft: bool = False,
    options: LetterOptions | None = None,
    others: int | None = None,
) -> tuple[TerminationView, list[str]]:
    """The Kündigung of *agreement* by *sender* to *recipients* on the day of *status*.

    ``missing`` names what the letter lacks to be sent (no *profile*, a signatory without a
    name); *draft* marks it »ENTWURF« (the caller refuses a letter that lacks something and is
    not asked for as a draft). *options* add the delivery line, an acknowledgement of receipt
    and the council decision; *others* is how many parties receive the notice in all (with
    ``--an`` more than the letters rendered; default: every other party).

    Raises a German :class:`VereinbarungError` if it cannot be terminated or a recipient
    has no address.
    """
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
    if profile is not None and profile.party is not None and profile.party != sender.name:
        raise VereinbarungError(
            f"--absender: die Absenderangaben gehören zu »{profile.party}« (Feld party), "
            f"gekündigt wird aber für »{sender.name}« (--by)."
        )
    letters = _letters(recipients)
    frame, warnings = letter_frame(
        agreement, sender, profile, on, options or LetterOptions(), council_what="die Kündigung"
    )
    count, provision, rule_warning = signature_rule(agreement.land, sender.kind)
    if rule_warning:
        warnings.append(rule_warning)
    rep = sender.representative
    default = (
        (signature.name if signature else None) or rep.name,
        (signature.title if signature else None) or rep.title,
    )
    rule = _RULES.get(agreement.land)
    signatories, signer_warnings = letter_signatories(
        profile, count, rule.second if rule else "", default, sender.accusative
    )
    warnings.extend(signer_warnings)
    missed = None
    if dates.missed is not None:
        missed_end, missed_deadline = dates.missed
        missed = (
            f"Eine Kündigung zum {format_date(missed_end)} ist nicht mehr möglich: sie hätte "
            f"spätestens am {format_date(missed_deadline)} zugehen müssen."
        )
        warnings.append(f"{missed} Das Schreiben kündigt zum {format_date(terminates_on)}.")
    warnings.extend(status.warnings)
    concluded = _concluded(agreement)
    if concluded is None:
        warnings.append(
            "Das Datum der Vereinbarung ist nicht bekannt (keine Unterschrift mit Datum): der "
            "Betreff nennt es nicht."
        )
    subtitle = f" {agreement.subtitle}" if agreement.subtitle else ""
    of = f" vom {format_date(concluded)}" if concluded else ""
    gkg = agreement.regime is Regime.GKG
    others = len(agreement.parties) - 1 if others is None else others
    view = TerminationView(
        terminates_on=terminates_on,
        deadline=deadline,
        practical_deadline=practical,
        non_working=dates.deadline_non_working,
        computation=notice.explain_last_day_of_receipt(terminates_on),
        derivation=status.derivation,
        notice=_notice_rule(agreement),
        clause=nbsp(c) if (c := _clause(agreement)) else None,
        agreement_date=concluded,
        subject=nbsp(f"Kündigung {title_phrase(title, 'genitive')}{subtitle}{of}"),
        agreement_accusative=nbsp(f"{title_phrase(title, 'accusative')}{subtitle}{of}"),
        sender_lines=frame.letterhead,
        return_line=frame.return_line,
        info=frame.info,
        place=frame.place,
        date=on,
        signatories=signatories,
        signature_provision=nbsp(provision),
        signer_name=default[0],
        signer_title=default[1],
        letters=letters,
        gkg=gkg,
        missed=missed,
        missing=missing_in_frame(profile, frame, signatories),
        draft=draft,
        frame=frame,
        copies=copies_sentence(others),
        effect=effect_sentence(agreement, sender, others),
        authority_copy=authority_copy(agreement) if gkg else None,
        gkg_steps=gkg_steps(agreement, terminates_on) if gkg else (),
    )
    return view, warnings


def check_recorded_events(
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
