"""The frame every letter shares (DIN 5008 Form B): letterhead, Anschriftfeld and
Informationsblock from the sender profile, the options of a letter, and its signatories.

DIN 5008:2020 (Schreib- und Gestaltungsregeln für die Textverarbeitung) with DIN 676 (Form B):
the Anschriftfeld is 85 × 45 mm at 20 mm from the left and 45 mm from the top edge; its
Zusatz- und Vermerkzone (17,7 mm, five lines of 8 pt) holds the Rücksendeangabe in its first
line and Vermerke such as »Einschreiben mit Rückschein« below it, filled from the bottom; the
Anschriftzone (27,3 mm, at most six lines) follows. The Informationsblock starts 125 mm from
the left and 50 mm from the top. The positions are the template's (``tools/make_templates.py``);
this module supplies the words: the letterhead and the Informationsblock come from the sender
profile (:class:`vereinbarung.model.sender.Sender`, the same profiles the web register keeps),
the return line keeps postcode and town together, and the letter options
(:class:`LetterOptions`) say how it is delivered, whether an acknowledgement of receipt is
enclosed and on which council decision it rests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from vereinbarung.documents.views.common import InfoLine, PartyView, SignatoryView, nbsp
from vereinbarung.errors import VereinbarungError
from vereinbarung.law.dates import format_date, format_long_date
from vereinbarung.model.agreement import Address, Agreement, PartyKind
from vereinbarung.model.sender import Sender

__all__ = [
    "DELIVERIES",
    "SENDER_OPTION_HINT",
    "SENDER_PLACE",
    "LetterFrame",
    "LetterOptions",
    "council_sentence",
    "letter_frame",
    "letter_signatories",
    "missing_in_frame",
    "nbsp_town",
]

#: The delivery lines a letter may carry in the Zusatz- und Vermerkzone (key: CLI value).
DELIVERIES = {
    "bote": "Per Boten",
    "einschreiben": "Einschreiben",
    "einschreiben-rueckschein": "Einschreiben mit Rückschein",
    "einschreiben-einwurf": "Einschreiben Einwurf",
}

#: The most lines the Anschriftzone holds (DIN 5008: six lines of the address).
ADDRESS_LINES = 6


@dataclass(frozen=True, slots=True)
class LetterOptions:
    """What a letter says beyond its content: the delivery line (a key of :data:`DELIVERIES`),
    an acknowledgement of receipt to return, the council decision it rests on."""

    delivery: str | None = None
    acknowledgement: bool = False
    council_decision: dt.date | None = None

    def __post_init__(self) -> None:
        if self.delivery is not None and self.delivery not in DELIVERIES:
            raise VereinbarungError(
                f"--zustellung: »{self.delivery}« ist keine Zustellungsart (möglich: "
                f"{', '.join(DELIVERIES)})."
            )


@dataclass(frozen=True, slots=True)
class LetterFrame:
    """The parts of a DIN 5008 letter that do not depend on the recipient."""

    letterhead: tuple[str, ...]
    """Briefkopf: the sender's name, then office and address (first-page header)."""
    return_line: str
    """Rücksendeangabe in one line: "Gemeinde Rommerskirchen · Bahnstraße 51 · 41569 Rommerskirchen",
    postcode and town joined by a no-break space."""
    notes: tuple[str, ...]
    """Vermerke under the Rücksendeangabe: "Einschreiben mit Rückschein"."""
    info: tuple[InfoLine, ...]
    """Informationsblock: Dienststelle, Aktenzeichen, Ansprechpartner/-in, Telefon, E-Mail, Datum."""
    place: str
    date: dt.date
    acknowledgement: bool
    """An Empfangsbekenntnis to return follows the letter."""
    council: str | None
    """"Der Rat der Gemeinde Rommerskirchen hat … beschlossen." or None."""


def nbsp_town(line: str) -> str:
    """ "41569 Rommerskirchen" with a no-break space: postcode and town never split."""
    head, _, tail = line.partition(" ")
    return f"{head}\u00a0{tail}" if head.isdigit() and tail else line


def council_sentence(sender: PartyView, decision: dt.date, what: str) -> str:
    """ "Der Rat der Gemeinde Rommerskirchen hat die Kündigung am 12. November 2026
    beschlossen." (the Kreistag for a Kreis)."""
    body = "Der Kreistag" if sender.kind is PartyKind.KREIS else "Der Rat"
    return nbsp(f"{body} {sender.genitive} hat {what} am {format_long_date(decision)} beschlossen.")


def letter_frame(
    agreement: Agreement,
    sender: PartyView,
    profile: Sender | None,
    on: dt.date,
    options: LetterOptions,
    *,
    council_what: str,
) -> tuple[LetterFrame, list[str]]:
    """The frame of a letter of *sender* on day *on*, with warnings for what the
    Informationsblock lacks."""
    address: Address | None = (profile.address if profile else None) or sender.address
    signature = next((s for s in agreement.signatures if s.party == sender.name), None)
    place = address.city if address else signature.place if signature else sender.short_name
    department = profile.department if profile else None
    address_lines = tuple(address.lines()) if address else ()
    letterhead = tuple(x for x in (sender.name, department, " · ".join(address_lines)) if x)
    return_line = " · ".join(nbsp_town(x) for x in (sender.name, *address_lines) if x)
    reference = (profile.reference if profile else None) or agreement.reference
    pairs = [
        ("Dienststelle", department),
        ("Aktenzeichen", reference),
        ("Ansprechpartner/-in", profile.contact if profile else None),
        ("Telefon", profile.phone if profile else None),
        ("E-Mail", profile.email if profile else None),
    ]
    missing = [label for label, value in pairs[1:] if not value]
    warnings = []
    if missing:
        warnings.append(
            f"Im Informationsblock fehlen: {', '.join(missing)} – {_sender_hint(profile)}."
        )
    info = [InfoLine(label, value) for label, value in pairs if value]
    info.append(InfoLine("Datum", format_date(on)))
    decision = options.council_decision
    frame = LetterFrame(
        letterhead=letterhead,
        return_line=return_line,
        notes=(DELIVERIES[options.delivery],) if options.delivery else (),
        info=tuple(info),
        place=place,
        date=on,
        acknowledgement=options.acknowledgement,
        council=council_sentence(sender, decision, council_what) if decision else None,
    )
    return frame, warnings


#: Where staff give the sender details: in words, never a command-line option or a file key
#: (the terminal adds the option, :data:`SENDER_OPTION_HINT`).
SENDER_PLACE = "im Register auf der Seite »Absender«"

#: For the terminal only, never in a document: how the command line takes a sender profile.
SENDER_OPTION_HINT = (
    "Absenderangaben (Dienststelle, Aktenzeichen, Ansprechperson, Telefon, E-Mail, die beiden "
    "Unterzeichnenden) mit --absender DATEI angeben, Beispiel: examples/rommerskirchen.absender."
)


def _sender_hint(profile: Sender | None) -> str:
    if profile is None:
        return (
            "kein Absender gewählt; einen Absender mit diesen Angaben anlegen und beim "
            f"Erzeugen wählen ({SENDER_PLACE})"
        )
    return f"im gewählten Absender nicht angegeben; den Absender ergänzen ({SENDER_PLACE})"


def letter_signatories(
    profile: Sender | None, count: int, second: str, default: tuple[str, str], whose: str
) -> tuple[tuple[SignatoryView, ...], list[str]]:
    """The *count* signatories of a letter: those of *profile*, else *default* (name and
    title of the party's representative); a missing second one stays a line to fill in."""
    given = list(profile.signatories) if profile else []
    views = [
        SignatoryView(prefix=s.prefix or "", name=s.name, title=s.title) for s in given[:count]
    ]
    if not views:
        views.append(SignatoryView(prefix="", name=default[0], title=default[1]))
    warnings = []
    while len(views) < count:
        views.append(SignatoryView(prefix="", name=None, title=second or "Unterschrift"))
        warnings.append(
            f"Zweite Unterschrift für {whose}: "
            + (
                "der Absender nennt keine zweite unterzeichnende Person"
                if profile is not None
                else "kein Absender gewählt, der die zweite unterzeichnende Person nennt"
            )
            + "; die Zeile bleibt zum Ausfüllen leer."
        )
    return tuple(views), warnings


def missing_in_frame(
    profile: Sender | None, frame: LetterFrame, signatories: Sequence[SignatoryView]
) -> tuple[str, ...]:
    """What a letter lacks to be sent as printed: a sender profile (without it the
    Informationsblock names neither office nor contact), a signatory without a name."""
    missing = []
    if profile is None:
        missing.append("Absenderangaben")
        given = {line.label for line in frame.info}
        missing += [
            label
            for label in ("Aktenzeichen", "Ansprechpartner/-in", "Telefon", "E-Mail")
            if label not in given
        ]
    missing += [
        f"Name der {number}. unterzeichnenden Person – {s.title}"
        for number, s in enumerate(signatories, start=1)
        if s.name is None
    ]
    return tuple(missing)
