"""Anzeige and Bekanntmachung of a recorded Kündigung or Aufhebung (§ 24 Abs. 5 GkG NRW), and
Genehmigung and Bekanntmachung of a recorded amendment (§ 24 Abs. 2–4 GkG NRW).

Under the regime ``gkg`` a notice is reported (angezeigt) to the Aufsichtsbehörde, which
publishes it; it takes effect with the publication, not before the day after it (§ 24 Abs. 5
i. V. m. Abs. 4 GkG NRW). An Anzeige not recorded stays a step to record even after the
publication (it precedes it). The file format keeps both days on the notice event itself (``notified``,
``published``; :class:`vereinbarung.Event`), as ``vereinbarung record notice --notified
--published`` writes them when everything is known at once. In the office the Anzeige and the
Bekanntmachung come weeks after the receipt: :func:`complete` adds the day to the notice already
recorded (the text's comments, order and style kept by ruamel's round trip), checks the new text
with the library (:func:`~vereinbarung.web.register.services.validate_text`) and says what it
does (:func:`vereinbarung.event_effect`), exactly like a new event
(:func:`~vereinbarung.web.register.services.record_event`). Nothing is stored here.

:func:`open_completions` lists what is still to be recorded, from the agreement alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

import vereinbarung
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement as Record

__all__ = ["Completion", "complete", "open_completions"]

Key = Literal["notified", "published", "amendment_approved", "amendment_published"]

#: The key of the file each completion sets on its event.
FIELDS: dict[str, str] = {
    "notified": "notified",
    "published": "published",
    "amendment_approved": "approved",
    "amendment_published": "published",
}


@dataclass(frozen=True)
class Completion:
    """One day still to be recorded on a recorded event: its position in ``events`` and key."""

    index: int
    key: Key
    event: str
    """The event, as a person recognises it: »Kündigung durch Stadt Aachen (Zugang 30.06.2026)«."""

    @property
    def field(self) -> str:
        """The key of the event it sets: ``notified``, ``published`` or ``approved``."""
        return FIELDS[self.key]

    @property
    def label(self) -> str:
        """»Anzeige der Kündigung durch … an die Aufsichtsbehörde«, »Genehmigung der Änderung
        vom …«."""
        if self.key == "amendment_approved":
            return f"Genehmigung der {self.event}"
        noun = "Bekanntmachung der" if self.field == "published" else "Anzeige der"
        return f"{noun} {self.event}" + (
            " an die Aufsichtsbehörde" if self.key == "notified" else ""
        )


def _describe(event: Any) -> str:
    date = vereinbarung.format_date
    if event.type == "amendment":
        return (
            f"Änderung vom {date(event.date)} (gilt laut Vereinbarung ab {date(event.effective)})"
        )
    if event.type == "terminated_by_agreement":
        return f"Aufhebung vom {date(event.date)} (endet mit Ablauf des {date(event.effective)})"
    name = "Kündigung" if event.type == "notice" else "außerordentlichen Kündigung"
    return f"{name} durch {event.by} (Zugang {date(event.last_receipt)})"


def open_completions(agreement: vereinbarung.Agreement) -> list[Completion]:
    """The Anzeigen, Genehmigungen and Bekanntmachungen still missing on recorded notices,
    Aufhebungen and amendments (only under the regime ``gkg``; none otherwise), in the order
    of the events."""
    if agreement.regime is not vereinbarung.Regime.GKG:
        return []
    found: list[Completion] = []
    for index, event in enumerate(agreement.events):
        if event.type == "amendment":  # § 24 Abs. 2–4 GkG NRW (vereinbarung.state.amendments)
            if event.approved is None:
                found.append(Completion(index, "amendment_approved", _describe(event)))
            if event.published is None:
                found.append(Completion(index, "amendment_published", _describe(event)))
            continue
        if event.type not in ("notice", "extraordinary_notice", "terminated_by_agreement"):
            continue
        text = _describe(event)
        if event.type == "notice" and event.notified is None:  # also after the Bekanntmachung
            found.append(Completion(index, "notified", text))
        if event.published is None:
            found.append(Completion(index, "published", text))
    return found


def _first_day(event: Any) -> dt.date:
    """The day before which neither Anzeige nor Bekanntmachung can have happened."""
    if event.type in ("terminated_by_agreement", "amendment"):
        return event.date  # type: ignore[no-any-return]
    return event.last_receipt  # type: ignore[no-any-return]


def _with_day(text: str, index: int, key: str, day: dt.date) -> str:
    """*text* with ``key: day`` added to its event number *index* (the library keeps comments)."""
    return vereinbarung.set_event_field(text, index, key, day)


def complete(
    record: Record, completion: Completion, day: dt.date, *, today: dt.date
) -> services.EventOutcome:
    """The text of *record* with *completion* recorded on *day*, and what that does.

    Refused with a German :class:`vereinbarung.VereinbarungError` (nothing changes) when the
    day lies after *today* or before the notice reached the last party (the Aufhebung was
    concluded), or when the day is already recorded.
    """
    agreement = services.agreement_of(record)
    if completion not in open_completions(agreement):
        raise vereinbarung.VereinbarungError(
            f"{completion.label}: schon erfasst oder nicht vorgesehen (nur bei einer "
            "öffentlich-rechtlichen Vereinbarung nach dem GkG NRW)."
        )
    event = agreement.events[completion.index]
    what = completion.label
    date = vereinbarung.format_date
    if day > today:
        raise vereinbarung.VereinbarungError(
            f"{what}: das Datum {date(day)} liegt in der Zukunft; erfasst wird, was geschehen ist."
        )
    first = _first_day(event)
    if day < first:
        since = "dem Zugang" if event.type.endswith("notice") else "dem Abschluss"
        raise vereinbarung.VereinbarungError(
            f"{what}: das Datum {date(day)} liegt vor {since} am {date(first)}."
        )
    notified = getattr(event, "notified", None)
    if completion.key == "published" and notified is not None and day < notified:
        raise vereinbarung.VereinbarungError(
            f"{what}: das Datum {date(day)} liegt vor der Anzeige an die Aufsichtsbehörde am "
            f"{date(notified)}."
        )
    approved = getattr(event, "approved", None) if event.type == "amendment" else None
    if completion.key == "amendment_published" and approved is not None and day < approved:
        raise vereinbarung.VereinbarungError(
            f"{what}: das Datum {date(day)} liegt vor der Genehmigung am {date(approved)}."
        )
    text = _with_day(record.text, completion.index, completion.field, day)
    updated, _ = services.validate_text(text)
    effect = vereinbarung.event_effect(updated, updated.events[completion.index], today)
    return services.EventOutcome(text, effect)
