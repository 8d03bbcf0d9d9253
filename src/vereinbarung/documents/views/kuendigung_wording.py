"""The sentences of a Kündigung that depend on the agreement: how many receive it, what it
does (only the sender leaves, or the agreement ends for all), and under GkG the copy to the
Aufsichtsbehörde and the Anzeige and Bekanntmachung the end date depends on.

* What one party's notice does is the agreement's choice (``on_party_notice``,
  :class:`vereinbarung.model.events.OnPartyNotice`); without it the sender leaves and the
  others continue (§ 60 VwVfG NRW knows only the contract; a multilateral agreement decides).
* Under the GkG NRW a Kündigung is to be notified to the Aufsichtsbehörde and published; it
  takes effect only then, at the earliest at the end of the day of publication (§ 24 Abs. 5
  i. V. m. Abs. 4 GkG NRW). The state (:func:`vereinbarung.state.notices.notice_outcomes`)
  keeps the end date when the publication is on or before it and moves it to the day of
  publication otherwise; the Vermerk therefore plans the publication by the end date and the
  Anzeige before it.
"""

from __future__ import annotations

import datetime as dt

from vereinbarung.documents.views.common import InfoLine, PartyView, nbsp
from vereinbarung.law.dates import format_date
from vereinbarung.model.agreement import Agreement
from vereinbarung.model.events import ApprovalRequested, OnPartyNotice

__all__ = ["authority_copy", "copies_sentence", "effect_sentence", "gkg_steps"]

_WORDS = ("", "eine", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
          "elf", "zwölf")  # fmt: skip


def copies_sentence(others: int) -> str | None:
    """ "Gleichlautende Schreiben erhalten die übrigen sieben Vertragsparteien." — None where
    the recipient is the only other party (a two-party agreement)."""
    if others <= 1:
        return None
    if others == 2:
        return "Ein gleichlautendes Schreiben erhält die andere Vertragspartei."
    number = _WORDS[others - 1] if others - 1 < len(_WORDS) else str(others - 1)
    return f"Gleichlautende Schreiben erhalten die übrigen {number} Vertragsparteien."


def effect_sentence(agreement: Agreement, sender: PartyView, others: int) -> str:
    """What the notice does, in the words of ``on_party_notice``."""
    ends = "Mit Wirksamwerden der Kündigung endet die Vereinbarung"
    if others <= 1:
        return f"{ends}."
    policy = agreement.on_party_notice or OnPartyNotice.PARTY_LEAVES
    if policy is OnPartyNotice.ENDS_FOR_ALL or (
        policy is OnPartyNotice.ENDS_IF_LEAD_LEAVES and sender.is_lead
    ):
        return f"{ends} nach ihren Regelungen für alle Vertragsparteien."
    leaves = (
        f"Mit Wirksamwerden der Kündigung scheidet {sender.nominative} aus der Vereinbarung "
        "aus; zwischen den übrigen Vertragsparteien besteht sie fort"
    )
    if policy is OnPartyNotice.ENDS_IF_MAJORITY:
        return (
            f"{leaves}, solange nicht mehr als die Hälfte der Vertragsparteien gekündigt hat "
            "(dann endet sie für alle)."
        )
    return f"{leaves}."


def _authority(agreement: Agreement) -> str | None:
    named = [
        e.authority
        for e in agreement.events
        if isinstance(e, ApprovalRequested) and e.authority is not None
    ]
    return named[-1] if named else None


def authority_copy(agreement: Agreement) -> str:
    """ "Eine Abschrift dieses Schreibens erhält die Aufsichtsbehörde (Bezirksregierung
    Düsseldorf) zur Anzeige nach § 24 Abs. 5 GkG NRW.\""""
    name = _authority(agreement)
    who = f"die Aufsichtsbehörde ({name})" if name else "die Aufsichtsbehörde"
    return nbsp(
        f"Eine Abschrift dieses Schreibens erhält {who} zur Anzeige; die Kündigung wird "
        "öffentlich bekannt gemacht und erst danach wirksam (§ 24 Abs. 5 GkG NRW)."
    )


def gkg_steps(agreement: Agreement, terminates_on: dt.date) -> tuple[InfoLine, ...]:
    """The Anzeige and the Bekanntmachung with the day each must happen by, for the Vermerk."""
    publish_by = terminates_on
    notify_by = terminates_on - dt.timedelta(days=1)
    name = _authority(agreement)
    return (
        InfoLine(
            "Anzeige an die Aufsichtsbehörde",
            nbsp(
                f"{name + ': ' if name else ''}nach dem Zugang und vor der Bekanntmachung, "
                f"spätestens am {format_date(notify_by)} (§ 24 Abs. 5 GkG NRW)"
            ),
        ),
        InfoLine(
            "Öffentliche Bekanntmachung",
            nbsp(
                f"spätestens am {format_date(publish_by)}: die Kündigung wirkt erst mit Ablauf "
                "des Tages der Bekanntmachung; eine spätere Bekanntmachung verschiebt das "
                f"Ende über den {format_date(terminates_on)} hinaus (§ 24 Abs. 5 i. V. m. "
                "Abs. 4 GkG NRW)"
            ),
        ),
    )
