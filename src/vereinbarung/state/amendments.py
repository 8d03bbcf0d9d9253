"""When an amendment of an öffentlich-rechtliche Vereinbarung (GkG NRW) takes effect.

An Änderungsvereinbarung to an öffentlich-rechtliche Vereinbarung under §§ 23–24 GkG NRW is
itself such an agreement: it is concluded in writing (§ 24 Abs. 1), needs the approval of the
Aufsichtsbehörde (§ 24 Abs. 2), is published in the authority's official gazette (§ 24 Abs. 3)
and takes effect on the day after that publication, unless it names a later day (§ 24 Abs. 4
GkG NRW). Until both approval and publication are recorded the agreement stays in force as it
was worded before; the amendment's ``effective`` day alone does not make it apply. Under the
regime ``contract`` (§§ 54 ff. VwVfG NRW) the amendment applies from its ``effective`` day.

Worked examples (the days of the test suite; § 24 Abs. 4 GkG NRW):

>>> import datetime as dt
>>> from vereinbarung.model.events import Amendment
>>> change = Amendment.model_validate({"type": "amendment", "date": "2026-03-01",
...     "effective": "2026-04-01", "text": "§ 5 erhält folgende Fassung: …"})
>>> takes_effect(change, gkg=False)  # a contract: as agreed
datetime.date(2026, 4, 1)
>>> takes_effect(change, gkg=True) is None  # GkG: neither approved nor published
True
>>> approved = change.model_copy(update={"approved": dt.date(2026, 3, 10)})
>>> takes_effect(approved, gkg=True) is None  # approved, not yet published
True
>>> early = approved.model_copy(update={"published": dt.date(2026, 3, 20)})
>>> takes_effect(early, gkg=True)  # published before the agreed day: that day holds
datetime.date(2026, 4, 1)
>>> late = approved.model_copy(update={"published": dt.date(2026, 4, 15)})
>>> takes_effect(late, gkg=True)  # published after it: the day after publication
datetime.date(2026, 4, 16)

:func:`in_effect` applies this to the amendments of an agreement for the one state
(:func:`vereinbarung.state.day.state_on`): those not yet approved and published are left out
(with a warning naming what is missing), the others apply from the day they take effect.
"""

from __future__ import annotations

import datetime as dt

from vereinbarung.law.dates import format_date
from vereinbarung.law.periods import ONE_DAY
from vereinbarung.model.agreement import Agreement, Regime
from vereinbarung.model.events import Amendment, Event

__all__ = ["amendment_missing", "in_effect", "takes_effect"]


def takes_effect(amendment: Amendment, *, gkg: bool) -> dt.date | None:
    """The day *amendment* applies from; under GkG NRW (*gkg*) None until it is approved and
    published, then its ``effective`` day but not before the day after publication (nor before
    the approval, should the file record a publication before it)."""
    if not gkg:
        return amendment.effective
    if amendment.approved is None or amendment.published is None:
        return None
    return max(amendment.effective, amendment.published + ONE_DAY, amendment.approved)


def amendment_missing(amendment: Amendment) -> list[str]:
    """What a GkG amendment still needs, in German: »Genehmigung«, »Bekanntmachung«."""
    missing = []
    if amendment.approved is None:
        missing.append("Genehmigung")
    if amendment.published is None:
        missing.append("Bekanntmachung")
    return missing


def in_effect(agreement: Agreement) -> tuple[Agreement, list[str]]:
    """*agreement* with its amendments as they take effect, and a warning per pending one.

    Only under the regime ``gkg`` does anything change: an amendment not yet approved and
    published is left out, the others get the day they take effect as ``effective``.
    """
    if agreement.regime is not Regime.GKG or not agreement.events_of(Amendment):
        return agreement, []
    warnings: list[str] = []
    kept: list[Event] = []
    for event in agreement.events:
        if not isinstance(event, Amendment):
            kept.append(event)
            continue
        day = takes_effect(event, gkg=True)
        if day is None:
            missing = " und ".join(amendment_missing(event))
            warnings.append(
                f"Änderung vom {format_date(event.date)} noch nicht wirksam: {missing} fehlt "
                "(die Änderung einer öffentlich-rechtlichen Vereinbarung bedarf der Genehmigung "
                "und wird am Tag nach der Bekanntmachung wirksam, § 24 Abs. 2–4 GkG NRW); bis "
                "dahin gilt die bisherige Fassung."
            )
            continue
        kept.append(
            event if day == event.effective else event.model_copy(update={"effective": day})
        )
    return agreement.model_copy(update={"events": tuple(kept)}), warnings
