"""The view of the Umlageberechnung letter from the payee to one paying party.

The figures are the party's row of :func:`vereinbarung.documents.views.umlage.umlage_view`
(shares to the cent from :func:`vereinbarung.state.umlage.cost_shares`). The letter names the
payee's account (IBAN, BIC, Kassenzeichen, Verwendungszweck) from ``costs › payee_account``, the
IBAN in groups of four (DIN 5008) that no line break separates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from vereinbarung.documents.views.common import InfoLine, PartyView, SignatoryView
from vereinbarung.documents.views.letter import (
    LetterFrame,
    LetterOptions,
    letter_frame,
    letter_signatories,
)
from vereinbarung.documents.views.umlage import PaymentView, ShareView, UmlageView
from vereinbarung.errors import VereinbarungError
from vereinbarung.law.dates import format_date
from vereinbarung.model.accounts import BankAccount
from vereinbarung.model.agreement import Agreement
from vereinbarung.model.german import join_names
from vereinbarung.model.sender import Sender

__all__ = ["UmlageLetterView", "nbsp_iban", "umlage_letter_view"]


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
    signatories: tuple[SignatoryView, ...]
    """Who signs for the payee (its representative), for the closing of the letter."""
    overdue: str | None
    """Payments that fell due before the letter, in a sentence, or None."""
    account: tuple[InfoLine, ...]
    """The payee's bank details (``costs › payee_account``): Kontoinhaber, Kreditinstitut,
    IBAN, BIC, Kassenzeichen, Verwendungszweck; empty where the file has none."""
    purpose: str
    """The Verwendungszweck to give with the transfer."""
    recipient_lines: tuple[str, ...] = ()
    """Anschriftzone: the paying party, its representative, its address."""
    frame: LetterFrame | None = None
    """Letterhead, Rücksendeangabe, Vermerke, Informationsblock (DIN 5008 Form B)."""


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


def _account_lines(account: BankAccount | None, purpose: str) -> tuple[InfoLine, ...]:
    if account is None:
        return ()
    pairs = (
        ("Kontoinhaber", account.holder),
        ("Kreditinstitut", account.bank),
        ("IBAN", account.iban),
        ("BIC", account.bic),
        ("Kassenzeichen", account.cash_reference),
        ("Verwendungszweck", purpose),
    )
    return tuple(InfoLine(label, nbsp_iban(value)) for label, value in pairs if value)


def nbsp_iban(value: str) -> str:
    """An IBAN in groups of four that no line break separates (no-break spaces); other
    values as they are."""
    if len(value) > 15 and value[:2].isalpha() and value[2:4].isdigit() and value.count(" ") >= 3:
        return value.replace(" ", "\u00a0")
    return value


def _purpose(account: BankAccount | None, year: int, payer: PartyView) -> str:
    """ "Kassenzeichen 5.1100.2026.0815, Umlage Adoptionsvermittlung 2026, Gemeinde Jüchen":
    the Kassenzeichen, ``purpose`` (else "Umlage") with the budget year, the paying party."""
    parts = [
        f"Kassenzeichen {account.cash_reference}" if account and account.cash_reference else "",
        f"{(account.purpose if account else None) or 'Umlage'} {year}",
        payer.name,
    ]
    return ", ".join(p for p in parts if p)


def umlage_letter_view(
    agreement: Agreement,
    parties: Sequence[PartyView],
    umlage: UmlageView,
    payer: PartyView,
    on: dt.date,
    profile: Sender | None = None,
    options: LetterOptions | None = None,
) -> tuple[UmlageLetterView, list[str]]:
    """The letter of *umlage* to *payer*; a German error if it pays nothing or has no sender.

    *profile* is the payee's sender profile (letterhead, Informationsblock, signatories),
    *options* the delivery line and council decision of the letter."""
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
    if profile is not None and profile.party is not None and profile.party != payee.name:
        raise VereinbarungError(
            f"--absender: die Absenderangaben gehören zu »{profile.party}« (Feld party), "
            f"das Umlageschreiben schreibt aber der Zahlungsempfänger »{payee.name}«."
        )
    frame, frame_warnings = letter_frame(
        agreement, payee, profile, on, options or LetterOptions(), council_what="die Umlage"
    )
    warnings.extend(frame_warnings)
    rep = payee.representative
    count = min(2, max(1, len(profile.signatories))) if profile else 1
    signatories, signer_warnings = letter_signatories(
        profile, count, "", (rep.name, rep.title), payee.accusative
    )
    warnings.extend(signer_warnings)
    account = costs.payee_account
    if account is None:
        warnings.append(
            "costs › payee_account fehlt: das Umlageschreiben nennt keine Bankverbindung "
            "(IBAN, Kontoinhaber, Kassenzeichen) des Zahlungsempfängers."
        )
    purpose = _purpose(account, year, payer)
    view = UmlageLetterView(
        year=year,
        payer=payer,
        payee=payee,
        share=share,
        subject=f"Umlageberechnung {year} – {agreement.full_title}",
        legal_basis=legal_basis,
        place=frame.place,
        date=on,
        signer_name=rep.name,
        signer_title=rep.title,
        signatories=signatories,
        overdue=_overdue_sentence(share.payments),
        account=_account_lines(account, purpose),
        purpose=purpose,
        recipient_lines=(payer.name, payer.represented_by, *payer.address_lines),
        frame=frame,
    )
    return view, warnings
