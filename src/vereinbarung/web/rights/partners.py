"""One agreement, several municipalities: the partner Kommunen of an agreement (issue 26).

Where one register serves the partners of an agreement (a Kreis hosting it for its Gemeinden),
each partner Kommune is a :class:`~vereinbarung.web.rights.models.Partner` row: which party of
the agreement it is. The rows are

* derived on every save (:func:`derive`, called by ``services``): a party whose name is the name
  of a Kommune of the register (case and surrounding spaces aside) makes that Kommune a partner;
* set by hand by the owning Fachbereich's editors (:func:`set_by_hand`, the page
  ``/vereinbarung/<nr>/partner/``): a party → Kommune choice that a later save keeps.

What a partner may do is decided by the one permission check
(:mod:`vereinbarung.web.rights.checks`): members of a partner Kommune read the agreement
(unless »vertraulich«) and, with *Bearbeiten* in one of its Fachbereiche, record the events of
their own party (:func:`concerns`): its signature (``signed``), a Kündigung it gives
(``by``) or receives (``received``). Everything else stays with the owning Fachbereich.
All partners see the same record, so the one state function gives each the same state.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import F, QuerySet

import vereinbarung
from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.rights.models import Kommune, Partner

__all__ = ["OWN_EVENTS", "agreements_of", "concerns", "derive", "parties_of", "set_by_hand"]

#: Event types a partner may record for its own party.
OWN_EVENTS = ("signed", "notice", "extraordinary_notice")


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def derive(record: Record, agreement: vereinbarung.Agreement) -> None:
    """Make the partner rows of *record* (saved) match the parties of *agreement*: a party named
    like a Kommune is that Kommune; rows set by hand stay while their party exists."""
    parties = [party.name for party in agreement.parties]
    names = {_key(name): name for name in parties}
    kommunen = {
        _key(k.name): k
        for k in Kommune.objects.all().only("pk", "name")[:10_000]
        if _key(k.name) in names
    }
    with transaction.atomic():
        current = {p.party: p for p in Partner.objects.filter(agreement=record)}
        Partner.objects.filter(agreement=record).exclude(party__in=parties).delete()
        for party in parties:
            row = current.get(party)
            if row is not None and row.by_hand:
                continue
            kommune = kommunen.get(_key(party))
            if kommune is None:
                if row is not None:
                    row.delete()
            elif row is None:
                Partner.objects.create(agreement=record, kommune=kommune, party=party)
            elif row.kommune_id != kommune.pk:  # type: ignore[attr-defined]
                row.kommune = kommune
                row.save(update_fields=["kommune"])


def set_by_hand(record: Record, chosen: Mapping[str, int | None]) -> list[Partner]:
    """Set the partner Kommune of each party in *chosen* (party name → Kommune id; ``None``:
    none). German :class:`ValueError` for a party the agreement does not name or a Kommune
    the register does not have; nothing is changed then. The caller checks the right. The
    agreement's row is touched: the register's data version
    (:mod:`vereinbarung.web.register.stamp`) counts up, cached lists are made anew."""
    from vereinbarung.web.register import services

    parties = [party.name for party in services.agreement_of(record).parties]
    for party, kommune in chosen.items():
        if party not in parties:
            raise ValueError(f"Partei »{party[:80]}«: die Vereinbarung nennt sie nicht.")
        if kommune is not None and not Kommune.objects.filter(pk=kommune).exists():
            raise ValueError(f"Kommune für »{party[:80]}«: »{kommune}« gibt es nicht.")
    with transaction.atomic():
        for party, kommune in chosen.items():
            Partner.objects.filter(agreement=record, party=party).delete()
            if kommune is not None:
                Partner.objects.create(
                    agreement=record, kommune_id=kommune, party=party, by_hand=True
                )
        if chosen:  # who reads it changed: count the register's data version up (its trigger)
            Record.objects.filter(pk=record.pk).update(confidential=F("confidential"))
    return list(Partner.objects.filter(agreement=record).select_related("kommune"))


def agreements_of(kommunen: Iterable[int]) -> QuerySet[Partner, dict[str, Any]]:
    """The ids of the agreements Kommunen *kommunen* are partners of (a subquery)."""
    return Partner.objects.filter(kommune__in=sorted(kommunen)).values("agreement")


def parties_of(record: Record, kommunen: Iterable[int]) -> frozenset[str]:
    """The parties of *record* that Kommunen *kommunen* are."""
    rows = Partner.objects.filter(agreement=record, kommune__in=sorted(kommunen))
    return frozenset(rows.values_list("party", flat=True))


def concerns(event: Mapping[str, Any], parties: frozenset[str]) -> bool:
    """Whether *event* (as in the file) is an act of one of *parties*: its signature, a
    Kündigung it gives or one it receives."""
    kind = event.get("type")
    if kind not in OWN_EVENTS or not parties:
        return False
    if kind == "signed":
        return event.get("party") in parties
    if event.get("by") in parties:
        return True
    received = event.get("received")
    if not isinstance(received, Mapping):  # one day for all others: its party received it too
        return kind == "extraordinary_notice" and received is not None
    return bool(parties & set(map(str, received)))
