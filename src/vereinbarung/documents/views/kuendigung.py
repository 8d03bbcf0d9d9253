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
from dataclasses import dataclass

from vereinbarung.documents.views.common import PartyView
from vereinbarung.errors import VereinbarungError
from vereinbarung.law.dates import format_date
from vereinbarung.model.agreement import Agreement, Regime
from vereinbarung.model.german import period_words, title_phrase
from vereinbarung.state.day import AgreementState


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


def termination_view(
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
