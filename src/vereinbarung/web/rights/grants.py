"""What roles a user holds where, and :func:`set_memberships` to give them (issue 26).

A role is held

* as a Django group *Lesen*, *Bearbeiten*, *Freigeben* or *Verwalten*
  (:mod:`vereinbarung.web.accounts.roles`, ``vereinbarung web createuser``): in all
  Fachbereiche: accounts and registers from before issue 26 keep exactly their rights;
* as a :class:`~vereinbarung.web.rights.models.Membership` with ``fachbereich`` empty: the
  same, in all Fachbereiche;
* as a membership in one Fachbereich: for that Fachbereich's agreements (and those without
  one of the same Kommune);
* a superuser holds *Verwalten* everywhere.

Members of the Fachbereich named by the setting ``RIGHTS_LEGAL_DEPARTMENT`` (environment
``VEREINBARUNG_RECHTSAMT``, default »Rechtsamt«) read every agreement of their Kommune (of all
Kommunen where the Rechtsamt has none), the confidential ones too. :func:`grants_of` reads all
this once per user object (one query for groups, one for memberships).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, IntegerField, Value

from vereinbarung.web.rights.models import ROLE_NAMES, Fachbereich, Kommune, Membership

__all__ = ["Grants", "forget", "grants_of", "legal_department", "set_memberships"]

_CACHE = "_vereinbarung_grants"
_OF_KOMMUNE = re.compile(r"(.+) \((.+)\)")


def legal_department() -> str:
    """The name of the Fachbereich whose members read everything (default »Rechtsamt«)."""
    configured = getattr(settings, "RIGHTS_LEGAL_DEPARTMENT", None)
    if configured is None:
        configured = os.environ.get("VEREINBARUNG_RECHTSAMT", "Rechtsamt")
    return str(configured).strip()


@dataclass(frozen=True)
class Grants:
    """The roles of one user: *everywhere* (0–4) and *per* Fachbereich: (id, 0–4) pairs.

    Hashable: users with equal grants may read exactly the same (a cache key of the lists).
    *kommunen*: ids of the Kommunen of the user's Fachbereiche; *any_kommune*: a Fachbereich
    without a Kommune is among them. *legal*: the Kommune ids of the user's Rechtsamt
    Fachbereiche (``None`` in it: a Rechtsamt without a Kommune, reads all). *in_kommunen*:
    (Kommune id, highest role in one of its Fachbereiche) pairs (what a partner Kommune's member
    may do with a shared agreement, :mod:`vereinbarung.web.rights.partners`).
    """

    everywhere: int = 0
    per: tuple[tuple[int, int], ...] = ()
    kommunen: frozenset[int] = frozenset()
    any_kommune: bool = False
    legal: frozenset[int | None] = frozenset()
    superuser: bool = False
    in_kommunen: tuple[tuple[int, int], ...] = ()

    def level_in_kommune(self, kommune_id: int) -> int:
        """The highest role held in a Fachbereich of Kommune *kommune_id* (0: none)."""
        return max((level for pk, level in self.in_kommunen if pk == kommune_id), default=0)

    @property
    def highest(self) -> int:
        """The highest role anywhere (what a page without an agreement needs)."""
        return max([self.everywhere, *(level for _, level in self.per)])

    def level_in(self, fachbereich_id: int | None) -> int:
        """The role held for agreements of Fachbereich *fachbereich_id* (held there or in all)."""
        own = max((level for pk, level in self.per if pk == fachbereich_id), default=0)
        return max(self.everywhere, own)

    @property
    def fachbereiche(self) -> list[int]:
        """The ids of the Fachbereiche the user holds a role in."""
        return [pk for pk, _ in self.per]

    def in_kommune(self, kommune_id: int | None) -> bool:
        """Whether one of the user's own Fachbereiche belongs to *kommune_id* (or it is none)."""
        return kommune_id is None or self.any_kommune or kommune_id in self.kommunen


NOBODY = Grants()


def grants_of(user: Any) -> Grants:
    """The roles *user* holds (cached on the user object; :func:`forget` clears it)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOBODY
    cached = getattr(user, _CACHE, None)
    if isinstance(cached, Grants):
        return cached
    if getattr(user, "is_superuser", False):
        found = Grants(everywhere=len(ROLE_NAMES), superuser=True)
    else:
        found = _read(user)
    setattr(user, _CACHE, found)
    return found


def _level(role: str) -> int:
    return ROLE_NAMES.index(role) + 1 if role in ROLE_NAMES else 0


def _read(user: Any) -> Grants:
    """The memberships of *user* and its role groups, in one query (a group is a role in all
    Fachbereiche, like a membership without Fachbereich)."""
    everywhere = 0
    per: dict[int, int] = {}
    kommunen: set[int] = set()
    any_kommune = False
    legal: set[int | None] = set()
    by_kommune: dict[int, int] = {}
    legal_name = legal_department()
    memberships = (
        Membership.objects.filter(user=user)
        .order_by()
        .values_list("role", "fachbereich_id", "fachbereich__kommune_id", "fachbereich__name")
    )
    groups = (
        user.groups.order_by()
        .annotate(
            none=Value(None, output_field=IntegerField()),
            no_name=Value(None, output_field=CharField()),
        )
        .values_list("name", "none", "none", "no_name")
    )
    for role, fachbereich_id, kommune_id, name in memberships.union(groups, all=True):
        level = _level(role)
        if fachbereich_id is None:
            everywhere = max(everywhere, level)
            continue
        per[fachbereich_id] = max(per.get(fachbereich_id, 0), level)
        if kommune_id is None:
            any_kommune = True
        else:
            kommunen.add(kommune_id)
            by_kommune[kommune_id] = max(by_kommune.get(kommune_id, 0), level)
        if legal_name and name == legal_name and level:
            legal.add(kommune_id)
    return Grants(
        everywhere,
        tuple(sorted(per.items())),
        frozenset(kommunen),
        any_kommune,
        frozenset(legal),
        in_kommunen=tuple(sorted(by_kommune.items())),
    )


def forget(user: Any) -> None:
    """Drop the roles cached on *user* (after its memberships or groups changed)."""
    if user is not None and hasattr(user, _CACHE):
        delattr(user, _CACHE)


def _fachbereich(name: str) -> Fachbereich:
    """The Fachbereich called *name*: »Jugend (Gemeinde Adorf)« is Jugend of that Kommune
    (where the Kommune exists); else the only one of that name, or the one without a Kommune
    (created if missing)."""
    match = _OF_KOMMUNE.fullmatch(name)
    if match:
        kommune = Kommune.objects.filter(name=match.group(2).strip()).first()
        if kommune is not None:
            found, _ = Fachbereich.objects.get_or_create(
                name=match.group(1).strip(), kommune=kommune
            )
            return found
    same = list(Fachbereich.objects.filter(name=name)[:2])
    if len(same) == 1:
        return same[0]
    found, _ = Fachbereich.objects.get_or_create(name=name, kommune=None)
    return found


def set_memberships(user: Any, pairs: Iterable[tuple[str | None, str]]) -> list[Membership]:
    """Give *user* exactly the memberships *pairs*: ``(Fachbereich name or None, role)``.

    ``None`` means all Fachbereiche; a Fachbereich that does not exist is created (without a
    Kommune; where one name exists in exactly one Kommune, that one is meant; »Jugend
    (Gemeinde Adorf)« names Jugend of the Kommune »Gemeinde Adorf«, as the pages show it). Roles are
    »Lesen«, »Bearbeiten«, »Freigeben«, »Verwalten«; another is a German :class:`ValueError`.
    The user's groups stay as they are. Used by the directory login to map groups.
    """
    wanted: list[tuple[str | None, str]] = []
    for name, role in pairs:
        if role not in ROLE_NAMES:
            raise ValueError(
                f"Rolle »{role}« gibt es nicht; möglich sind: {', '.join(ROLE_NAMES)}."
            )
        clean = name.strip() if name is not None else None
        if clean is not None and not clean:
            raise ValueError("Fachbereich: der Name ist leer.")
        if clean is not None and len(clean) > 200:
            raise ValueError(f"Fachbereich »{clean[:40]}…«: höchstens 200 Zeichen.")
        if (clean, role) not in wanted:
            wanted.append((clean, role))
    with transaction.atomic():
        Membership.objects.filter(user=user).delete()
        made = [
            Membership.objects.create(
                user=user, fachbereich=_fachbereich(name) if name else None, role=role
            )
            for name, role in wanted
        ]
    forget(user)
    return made
