"""Which text a document of the agreement is: Entwurf, Entwurf zur Unterzeichnung, Abschrift
der unterzeichneten Vereinbarung, Lesefassung of a day or Ursprungsfassung, with the amendments
applied, pending, or lacking the new wording of the term clause (issue 9, issue 23).

The signatures come from the one state (:func:`vereinbarung.state.day.state_on`): only when
every founding party's signature is recorded is a copy an Abschrift; the Lesefassung names each
amendment by :func:`vereinbarung.model.consolidation.amendment_name`. When an amendment applies
is the one state's rule too (:func:`vereinbarung.state.amendments.takes_effect`): an amendment
of an öffentlich-rechtliche Vereinbarung applies only once approved and published, from the day
after publication at the earliest (§ 24 Abs. 2–4 GkG NRW); until then it is »noch nicht
berücksichtigt« with what is missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from vereinbarung.errors import VereinbarungError
from vereinbarung.law.dates import format_date
from vereinbarung.model.agreement import Agreement, Regime
from vereinbarung.model.consolidation import unworded_term_changes
from vereinbarung.model.events import Amendment
from vereinbarung.model.german import join_names
from vereinbarung.state.amendments import amendment_missing, in_effect, takes_effect
from vereinbarung.state.day import AgreementState
from vereinbarung.state.facts import known_on

__all__ = ["AmendmentView", "EditionView", "edition_view", "refuse_unworded"]


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
    reason: str = "weil sie am Stichtag noch nicht gilt"
    """Of a pending amendment: why the text does not yet contain it."""


@dataclass(frozen=True, slots=True)
class EditionView:
    """Which text the document is: Entwurf, Abschrift (signed) or Lesefassung (amended).

    A document rendered after signing is no signed original: it says so (Abschrift), and
    after an amendment it is the text in force on the day with the amended sections
    (Lesefassung), naming every amendment applied and any concluded but not yet in force.
    """

    kind: Literal["entwurf", "abschrift", "lesefassung", "urfassung"]
    label: str
    """"Lesefassung – Stand 21.11.2026, unter Berücksichtigung der Änderung vom …"."""
    note: str
    """What the text is and what is authoritative, one sentence or two."""
    applied: tuple[AmendmentView, ...]
    pending: tuple[AmendmentView, ...]
    """Amendments concluded by the day that take effect later (not in the text)."""
    footer: str
    """For the footer: "Lesefassung, Stand 21.11.2026 – " (empty for an Entwurf)."""
    unworded: tuple[AmendmentView, ...] = ()
    """Amendments in effect that replace the term clause without a new wording of its §: no
    Lesefassung can be printed for the day (:func:`refuse_unworded`)."""
    hint: str | None = None
    """For the terminal, not the document: how to make a draft an Abschrift."""


def _amendment_view(amendment: Amendment, *, gkg: bool = False) -> AmendmentView:
    """The view of *amendment*; under GkG NRW (*gkg*) with the day it takes effect after
    approval and publication, or, while either is missing, what is missing as the reason."""
    effective = takes_effect(amendment, gkg=gkg)
    if effective is None:
        missing = amendment_missing(amendment)
        words = {
            "Genehmigung": "die Genehmigung der Aufsichtsbehörde",
            "Bekanntmachung": "die Bekanntmachung",
        }
        verb = "fehlen" if len(missing) > 1 else "fehlt"
        return AmendmentView(
            date=amendment.date,
            effective=amendment.effective,
            text=amendment.text,
            sections=tuple(s.number for s in amendment.sections),
            term=amendment.term is not None,
            label=(
                f"Änderung vom {format_date(amendment.date)} "
                f"(vereinbart ab {format_date(amendment.effective)})"
            ),
            reason=(
                f"weil {join_names([words[m] for m in missing])} {verb} (§ 24 Abs. 2–4 GkG NRW)"
            ),
        )
    return AmendmentView(
        date=amendment.date,
        effective=effective,
        text=amendment.text,
        sections=tuple(s.number for s in amendment.sections),
        term=amendment.term is not None,
        label=f"Änderung vom {format_date(amendment.date)} (wirksam ab {format_date(effective)})",
    )


def _applies_by(amendment: Amendment, on: dt.date, *, gkg: bool) -> bool:
    day = takes_effect(amendment, gkg=gkg)
    return day is not None and day <= on


def _signing_note(status: AgreementState) -> tuple[bool, str]:
    """(every founding party's signature recorded by the day, the note of a draft): from the
    one state's :class:`~vereinbarung.state.facts.Lifecycle`, never from the document."""
    life, on = status.life, status.on
    recorded = {p: d for p, d in life.signatures().items() if d <= on}
    founding = life.founding_parties()
    missing = [p for p in founding if p not in recorded]
    signed = [p for p in founding if p in recorded]
    if recorded and not missing:
        return True, ""
    if signed:
        return False, (
            f"Unterzeichnet hat bisher {join_names(signed)}; es fehlt die Unterschrift von "
            f"{join_names(missing)}."
        )
    if status.status == "draft":
        return False, "Noch von keiner Vertragspartei unterzeichnet."
    return False, "Die Unterschriften der Vertragsparteien sind nicht erfasst."


def edition_view(
    agreement: Agreement, status: AgreementState, *, original: bool = False
) -> EditionView:
    """Entwurf, Abschrift, Lesefassung or (with *original*) the original text of *agreement*
    on the day of *status*.

    »Abschrift der unterzeichneten Vereinbarung« only where every founding party's signature
    is recorded by the day (the one state); otherwise »Entwurf zur Unterzeichnung«.
    """
    on = status.on
    gkg = agreement.regime is Regime.GKG
    known = known_on(agreement, on)  # approvals and publications recorded by the day
    amendments = sorted(
        (e for e in known.events if isinstance(e, Amendment) and e.date <= on),
        key=lambda a: (takes_effect(a, gkg=gkg) or a.effective, a.date),
    )
    applied = tuple(_amendment_view(a, gkg=gkg) for a in amendments if _applies_by(a, on, gkg=gkg))
    pending = tuple(
        _amendment_view(a, gkg=gkg) for a in amendments if not _applies_by(a, on, gkg=gkg)
    )
    in_force, _ = in_effect(known)
    unworded = tuple(_amendment_view(a) for a in unworded_term_changes(in_force, on))
    stand = format_date(on)
    later = ""
    if pending and not original:
        later = (
            " Noch nicht berücksichtigt: "
            + "; ".join(f"{p.label}, {p.reason}" for p in pending)
            + "."
        )
    if original and (applied or pending):
        names = join_names([a.label for a in (*applied, *pending)])
        note = (
            "Ursprüngliche Fassung der Vereinbarung, ohne die seither vereinbarten Änderungen "
            f"({names}). Den am {stand} geltenden Text gibt die Lesefassung."
        )
        return EditionView(
            "urfassung", "Ursprüngliche Fassung", note, (), pending, "Ursprüngliche Fassung – "
        )
    if applied:
        names = join_names([a.label for a in applied])
        word = "der Änderung" if len(applied) == 1 else "der Änderungen"
        label = f"Lesefassung – Stand {stand}, unter Berücksichtigung {word} " + names.replace(
            "Änderung vom", "vom"
        )
        note = (
            f"Diese Lesefassung gibt den am {stand} geltenden Text wieder; die geänderten "
            "Paragraphen und Absätze sind gekennzeichnet. Rechtsverbindlich sind allein die "
            f"unterzeichneten Urkunden der Vereinbarung und ihrer Änderungen.{later}"
        )
        return EditionView(
            "lesefassung",
            label,
            note,
            applied,
            pending,
            f"Lesefassung, Stand {stand} – ",
            unworded,
        )
    all_signed, draft_note = _signing_note(status)
    if not all_signed:
        return EditionView(
            "entwurf",
            f"Entwurf zur Unterzeichnung – Stand {stand}",
            f"{draft_note}{later}",
            (),
            pending,
            "Entwurf zur Unterzeichnung – ",
            hint=(
                "Das Dokument heißt »Entwurf zur Unterzeichnung«, weil nicht alle Unterschriften "
                "erfasst sind; sind alle geleistet, sie eintragen (vereinbarung record DATEI "
                "signed --party PARTEI --date DATUM), dann ist es die »Abschrift der "
                "unterzeichneten Vereinbarung«."
            ),
        )
    note = f"Rechtsverbindlich sind allein die unterzeichneten Urkunden.{later}"
    return EditionView(
        "abschrift",
        f"Abschrift der unterzeichneten Vereinbarung – Stand {stand}",
        note,
        (),
        pending,
        f"Abschrift, Stand {stand} – ",
    )


def refuse_unworded(edition: EditionView, on: dt.date) -> None:
    """Raise a German error where the text of *edition* would print a term clause that an
    amendment in effect on *on* replaced without giving its new wording (issue 23)."""
    if not edition.unworded:
        return
    names = join_names([a.label for a in edition.unworded])
    raise VereinbarungError(
        f"Keine Lesefassung zum {format_date(on)}: die {names} ändert die Laufzeitregelung "
        "(term), gibt aber keinen neuen Wortlaut des Paragraphen an, der sie enthält; die "
        "Lesefassung würde den alten Wortlaut drucken. Den Wortlaut beim Ereignis »amendment« "
        'ergänzen (wording: [{section: "§ 3 Abs. 2", text: "…"}]) oder die ursprüngliche '
        "Fassung mit --ursprungsfassung erzeugen."
    )
