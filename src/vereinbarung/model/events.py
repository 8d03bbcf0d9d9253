"""What happened to an agreement: the ``events:`` list of an agreement file.

Each event is dated and has a ``type``; the file format (keys and values) is public:

===========================  ================================================================
``signed``                   a party signed (``party``, ``date``, ``place``, ``signer``)
``approval_requested``       approval applied for at the Aufsichtsbehörde (GkG NRW)
``approved``                 approval granted; ``approval_refused``: refused
``published``                published in the official gazette (``gazette``)
``notice``                   ordinary notice (Kündigung) ``by`` a party, ``form``, ``received``
                             by each other party (``{party: date}``), optional ``sent``,
                             ``notified`` and ``published`` (GkG NRW § 24 Abs. 5)
``extraordinary_notice``     notice for cause (§ 60 VwVfG NRW), ``reasons``
``amendment``                an amendment (Nachtrag) with ``effective`` day and new ``term``,
                             ``sections`` or ``wording`` (new text of a § or an Absatz:
                             ``[{section: "§ 3 Abs. 2", text: "…"}]``, issue 23); under GkG
                             NRW optional ``approved`` and ``published`` (§ 24 Abs. 2–4)
``terminated_by_agreement``  ended by agreement of all (Aufhebungsvertrag), last day ``effective``
``joined``                   a party joins, bound from ``effective``
===========================  ================================================================

Consistency with the agreement (known parties, no second signature, receipt not before
sending) is checked by :class:`~vereinbarung.model.agreement.Agreement`.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from vereinbarung.law.dates import format_date
from vereinbarung.model.clauses import Section, Term
from vereinbarung.model.fields import GermanDate, Text

__all__ = [
    "Amendment",
    "ApprovalRefused",
    "ApprovalRequested",
    "Approved",
    "Event",
    "ExtraordinaryNotice",
    "Joined",
    "Notice",
    "NoticeForm",
    "OnPartyNotice",
    "Published",
    "Signed",
    "TerminatedByAgreement",
    "Wording",
    "check_receipts",
]


class NoticeForm(StrEnum):
    """The form in which a notice was given."""

    WRITTEN = "written"
    QUALIFIED_ELECTRONIC = "qualified_electronic"
    EMAIL = "email"

    @property
    def label(self) -> str:
        """German name of the form."""
        return {
            NoticeForm.WRITTEN: "schriftlich (unterschriebenes Original)",
            NoticeForm.QUALIFIED_ELECTRONIC: "elektronisch mit qualifizierter elektronischer Signatur",
            NoticeForm.EMAIL: "einfache E-Mail",
        }[self]

    @property
    def is_written_form(self) -> bool:
        """Whether it meets the statutory written form (§§ 126, 126a BGB; § 3a VwVfG NRW)."""
        return self is not NoticeForm.EMAIL


class OnPartyNotice(StrEnum):
    """What one party's notice does to a multilateral agreement (the agreement decides)."""

    PARTY_LEAVES = "party_leaves"
    ENDS_FOR_ALL = "ends_for_all"
    ENDS_IF_LEAD_LEAVES = "ends_if_lead_leaves"
    ENDS_IF_MAJORITY = "ends_if_majority"

    @property
    def label(self) -> str:
        """German wording of the policy."""
        return {
            OnPartyNotice.PARTY_LEAVES: "die kündigende Partei scheidet aus, die übrigen setzen fort",
            OnPartyNotice.ENDS_FOR_ALL: "die Kündigung einer Partei beendet die Vereinbarung für alle",
            OnPartyNotice.ENDS_IF_LEAD_LEAVES: (
                "kündigt die federführende Partei, endet die Vereinbarung für alle; sonst "
                "scheidet die kündigende Partei aus"
            ),
            OnPartyNotice.ENDS_IF_MAJORITY: (
                "kündigt mehr als die Hälfte der Parteien, endet die Vereinbarung für alle; "
                "sonst scheiden die kündigenden Parteien aus"
            ),
        }[self]


class _Event(BaseModel):
    """Common configuration; every event type has a ``day`` that orders the timeline."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Signed(_Event):
    """A party signed the agreement."""

    type: Literal["signed"]
    party: Text = Field(description="Partei, wie unter parties")
    date: GermanDate = Field(description="Datum der Unterschrift")
    place: Text | None = Field(default=None, description="Ort")
    signer: Text | None = Field(default=None, description="Unterzeichnende Person")

    @property
    def day(self) -> dt.date:
        """The day of the signature."""
        return self.date


class ApprovalRequested(_Event):
    """Approval applied for at the Aufsichtsbehörde (§ 24 Abs. 2 GkG NRW)."""

    type: Literal["approval_requested"]
    date: GermanDate = Field(description="Eingang des Antrags bei der Aufsichtsbehörde")
    authority: Text | None = Field(default=None, description="Aufsichtsbehörde")

    @property
    def day(self) -> dt.date:
        """The day the application was received."""
        return self.date


class Approved(_Event):
    """Approval granted."""

    type: Literal["approved"]
    date: GermanDate = Field(description="Datum der Genehmigung")

    @property
    def day(self) -> dt.date:
        """The day of the approval."""
        return self.date


class ApprovalRefused(_Event):
    """Approval refused: the agreement does not take effect."""

    type: Literal["approval_refused"]
    date: GermanDate = Field(description="Datum der Versagung")
    reasons: Text | None = Field(default=None, description="Gründe")

    @property
    def day(self) -> dt.date:
        """The day of the refusal."""
        return self.date


class Published(_Event):
    """Publication in the official gazette (§ 24 Abs. 3 GkG NRW)."""

    type: Literal["published"]
    date: GermanDate = Field(description="Datum der Bekanntmachung")
    gazette: Text | None = Field(default=None, description="Amtsblatt, Nummer")

    @property
    def day(self) -> dt.date:
        """The day of publication."""
        return self.date


class Notice(_Event):
    """An ordinary notice (Kündigung) by one party, received by each of the others."""

    type: Literal["notice"]
    by: Text = Field(description="Kündigende Partei")
    form: NoticeForm | None = Field(
        default=None,
        description=(
            "written (unterschrieben), qualified_electronic (qualifizierte elektronische "
            "Signatur) oder email; fehlt sie, wird schriftlich angenommen und darauf hingewiesen"
        ),
    )
    received: dict[str, GermanDate] = Field(
        description="Zugang bei jeder anderen Partei: {Partei: Datum}", min_length=1
    )
    sent: GermanDate | None = Field(default=None, description="Datum der Absendung")
    notified: GermanDate | None = Field(
        default=None, description="Anzeige bei der Aufsichtsbehörde (GkG NRW)"
    )
    published: GermanDate | None = Field(default=None, description="Bekanntmachung (GkG NRW)")

    @model_validator(mode="after")
    def _not_before_sent(self) -> Notice:
        check_receipts(self.received, self.sent)
        return self

    @property
    def day(self) -> dt.date:
        """The last receipt: the notice counts from then on."""
        return max(self.received.values())

    @property
    def last_receipt(self) -> dt.date:
        """The day the last recipient received the notice."""
        return max(self.received.values())


class ExtraordinaryNotice(_Event):
    """A notice for cause (außerordentliche Kündigung, § 60 VwVfG NRW)."""

    type: Literal["extraordinary_notice"]
    by: Text = Field(description="Kündigende Partei")
    form: NoticeForm | None = Field(default=None, description="Form der Kündigung (wie bei notice)")
    received: dict[str, GermanDate] | GermanDate = Field(
        description="Zugang: ein Datum für alle oder {Partei: Datum}"
    )
    reasons: Text | None = Field(default=None, description="Gründe (§ 60 Abs. 2 VwVfG NRW)")
    effective: GermanDate | None = Field(
        default=None, description="Späterer Tag, zu dem sie wirken soll (sonst mit Zugang)"
    )
    published: GermanDate | None = Field(default=None, description="Bekanntmachung (GkG NRW)")

    @model_validator(mode="after")
    def _effective_not_before_receipt(self) -> ExtraordinaryNotice:
        if self.effective is not None and self.effective < self.last_receipt:
            raise ValueError(
                f"effective {format_date(self.effective)} liegt vor dem Zugang am "
                f"{format_date(self.last_receipt)}: eine Kündigung wirkt frühestens mit Zugang"
            )
        return self

    @property
    def last_receipt(self) -> dt.date:
        """The day the last recipient received the notice."""
        if isinstance(self.received, dict):
            return max(self.received.values())
        return self.received

    @property
    def day(self) -> dt.date:
        """The last receipt."""
        return self.last_receipt


_SECTION_REFERENCE = re.compile(r"§\s*(\d{1,4})(?:\s*(?:Abs\.|Absatz)\s*(\d{1,3}))?")


class Wording(_Event):
    """The new wording an amendment gives one § or one Absatz (for the Lesefassung).

    ``section`` is »§ 3« (the whole paragraph; Absätze separated by a blank line) or
    »§ 3 Abs. 2« (that Absatz; the number after the last one adds an Absatz). Lettered items
    of a replaced Absatz are part of its new ``text``: lines »a) …«, »b) …« after its text.
    """

    section: Text = Field(description="»§ 3« oder »§ 3 Abs. 2«")
    text: Text = Field(description="Neuer Wortlaut")

    @model_validator(mode="after")
    def _reference(self) -> Wording:
        if _SECTION_REFERENCE.fullmatch(self.section.strip()) is None:
            raise ValueError(
                f"section »{self.section}«: erwartet wird »§ 3« (ganzer Paragraph) oder "
                "»§ 3 Abs. 2« (ein Absatz)"
            )
        return self

    @property
    def number(self) -> int:
        """The number of the § it rewords."""
        match = _SECTION_REFERENCE.fullmatch(self.section.strip())
        assert match is not None  # checked on validation
        return int(match.group(1))

    @property
    def paragraph(self) -> int | None:
        """The number of the Absatz it rewords, or None for the whole §."""
        match = _SECTION_REFERENCE.fullmatch(self.section.strip())
        assert match is not None
        return int(match.group(2)) if match.group(2) else None

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The new Absätze of a whole § (split at blank lines), or the one Absatz."""
        if self.paragraph is not None:
            return (self.text.strip(),)
        parts = re.split(r"\n\s*\n", self.text.strip())
        return tuple(p.strip() for p in parts if p.strip())

    @property
    def label(self) -> str:
        """»§ 3 Abs. 2« or »§ 3«, normalised."""
        if self.paragraph is None:
            return f"§ {self.number}"
        return f"§ {self.number} Abs. {self.paragraph}"


class Amendment(_Event):
    """An amendment (Nachtrag): new wording of sections and/or a new term clause."""

    type: Literal["amendment"]
    date: GermanDate = Field(description="Datum der Änderungsvereinbarung")
    effective: GermanDate = Field(description="Gilt ab")
    text: Text = Field(description="Inhalt, z. B. »§ 6 erhält folgende Fassung: …«")
    term: Term | None = Field(
        default=None, description="Neue Laufzeitregelung (wie term), gilt ab effective"
    )
    sections: tuple[Section, ...] = Field(
        default=(), description="Neue Fassung einzelner Paragraphen (wie sections)"
    )
    wording: tuple[Wording, ...] = Field(
        default=(),
        max_length=200,
        description="Neuer Wortlaut einzelner Paragraphen oder Absätze: [{section: »§ 3 Abs. 2«, "
        "text: …}]",
    )
    approved: GermanDate | None = Field(
        default=None, description="Genehmigung der Änderung durch die Aufsichtsbehörde (GkG NRW)"
    )
    published: GermanDate | None = Field(
        default=None, description="Bekanntmachung der Änderung (GkG NRW)"
    )

    @model_validator(mode="after")
    def _approved_and_published_after_concluded(self) -> Amendment:
        for day, what in ((self.approved, "approved"), (self.published, "published")):
            if day is not None and day < self.date:
                raise ValueError(
                    f"{what} {format_date(day)} liegt vor dem Abschluss der Änderung am "
                    f"{format_date(self.date)}"
                )
        return self

    @property
    def day(self) -> dt.date:
        """The day the amendment applies from."""
        return self.effective


class TerminatedByAgreement(_Event):
    """All parties agree to end the agreement (Aufhebungsvertrag)."""

    type: Literal["terminated_by_agreement"]
    date: GermanDate = Field(description="Datum der Aufhebungsvereinbarung")
    effective: GermanDate = Field(description="Letzter Tag der Vereinbarung")
    published: GermanDate | None = Field(default=None, description="Bekanntmachung (GkG NRW)")

    @property
    def day(self) -> dt.date:
        """The day the agreement was concluded."""
        return self.date


class Joined(_Event):
    """A party joins the agreement later (Beitritt)."""

    type: Literal["joined"]
    party: Text = Field(description="Beitretende Partei, wie unter parties")
    date: GermanDate = Field(description="Datum der Beitrittserklärung")
    effective: GermanDate = Field(description="Gebunden ab")

    @property
    def day(self) -> dt.date:
        """The day the party is bound from."""
        return self.effective


#: One event of the ``events:`` list, told apart by its ``type``.
Event = Annotated[
    Signed
    | ApprovalRequested
    | Approved
    | ApprovalRefused
    | Published
    | Notice
    | ExtraordinaryNotice
    | Amendment
    | TerminatedByAgreement
    | Joined,
    Field(discriminator="type"),
]


def check_receipts(received: dict[str, dt.date], sent: dt.date | None) -> None:
    """Raise a German error if a receipt lies before the day the notice was sent."""
    if sent is None:
        return
    for party, day in received.items():
        if day < sent:
            raise ValueError(
                f"Zugang bei »{party}« am {format_date(day)} liegt vor der Absendung am "
                f"{format_date(sent)}"
            )
