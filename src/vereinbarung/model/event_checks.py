"""The events of an agreement fit its parties: each names a party, a party signs once, and the
party that gives notice does not receive it itself.

Part of the validation of :class:`vereinbarung.model.agreement.Agreement` (the pydantic field
validator of ``events``); every error is German and names the event by its number and type and
the field (»Ereignis Nr. 3 (notice), received: …«), as the reader of the file sees it.
"""

from __future__ import annotations

from vereinbarung.model.events import Event, ExtraordinaryNotice, Joined, Notice, Signed
from vereinbarung.model.parties import Party

__all__ = ["check_events", "not_a_party"]


def not_a_party(name: str, parties: tuple[Party, ...], where: str = "") -> ValueError:
    """The error for *name*, which is none of *parties* (*where* goes before it)."""
    known = ", ".join(p.name for p in parties)
    return ValueError(f"{where}»{name}« ist keine der Parteien ({known})")


def check_events(events: tuple[Event, ...], parties: tuple[Party, ...]) -> None:
    """Raise ValueError (German) for the first of *events* that does not fit *parties*."""
    names = {p.name for p in parties}
    signed: dict[str, int] = {}
    for number, event in enumerate(events, start=1):
        where = f"Ereignis Nr. {number} ({event.type})"

        def unknown(name: str, field: str, where: str = where) -> ValueError:
            return not_a_party(name, parties, f"{where}, {field}: ")

        if isinstance(event, Signed | Joined) and event.party not in names:
            raise unknown(event.party, "party")
        if isinstance(event, Signed):
            if event.party in signed:
                raise ValueError(
                    f"{where}: »{event.party}« hat schon unterschrieben "
                    f"(Ereignis Nr. {signed[event.party]})"
                )
            signed[event.party] = number
        if isinstance(event, Notice | ExtraordinaryNotice):
            if event.by not in names:
                raise unknown(event.by, "by")
            receipts = event.received if isinstance(event.received, dict) else {}
            for recipient in receipts:
                if recipient not in names:
                    raise unknown(recipient, "received")
                if recipient == event.by:
                    raise ValueError(
                        f"{where}, received: die kündigende Partei »{event.by}« kann die "
                        "Kündigung nicht selbst empfangen"
                    )
