"""The one permission check: who may read, edit, approve or manage which agreement (issue 26).

Every page, feed, reminder, export, document and API route asks here (never a check of its
own): :func:`readable` filters a queryset to the agreements a user may read (lists, search,
feeds, reminders, exports), :func:`allowed` answers for one agreement (django-rules predicates
``read``, ``edit``, ``approve``, ``manage`` in :data:`RULES`, see
https://github.com/dfunckt/django-rules#using-rules-with-django), :func:`record_or_404` is what
a view calls with the number from the address: 404 where the agreement may not be read (as if it
did not exist: nobody learns what another Fachbereich holds), 403 where it may be read but not
changed.

Who reads an agreement (the roles: :mod:`vereinbarung.web.rights.grants`):

* a role in all Fachbereiche: every agreement that is not »vertraulich«;
* a role in its Fachbereich: the agreement, »vertraulich« or not;
* a role in any Fachbereich of its Kommune (or a Fachbereich without Kommune): an agreement
  without Fachbereich that is not »vertraulich« (»unassigned: visible as before«);
* a role in any Fachbereich of a partner Kommune of the agreement
  (:mod:`vereinbarung.web.rights.partners`): the agreement, unless »vertraulich«;
* a member of the Rechtsamt: every agreement of the Rechtsamt's Kommune (all, without one);
* a superuser: all.

Editing, approving and managing need the role (Bearbeiten, Freigeben, Verwalten) in the
agreement's Fachbereich or in all; for an agreement without Fachbereich a role in any
Fachbereich of its Kommune counts. The Rechtsamt's reading right adds no other right.
A partner Kommune's member with *Bearbeiten* in one of its Fachbereiche has the right
``record`` (record an event) for the events of its own party only (:func:`may_record`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from rules.predicates import Predicate
from rules.rulesets import RuleSet

from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.rights import partners
from vereinbarung.web.rights.grants import Grants, grants_of

__all__ = [
    "RIGHTS", "RULES", "acts_for", "allowed", "level_on", "may_record", "readable", "readable_q",
    "record_or_404",
]  # fmt: skip

#: Right → the role it needs (1 Lesen, 2 Bearbeiten, 3 Freigeben, 4 Verwalten) and its German name.
#: ``record``: record an event, »Bearbeiten« for the agreement or a partner's own party's.
RIGHTS = {"read": (1, "Lesen"), "edit": (2, "Bearbeiten"), "approve": (3, "Freigeben"),
          "manage": (4, "Verwalten"), "record": (2, "Bearbeiten")}  # fmt: skip


def _grants(who: Any) -> Grants:
    return who if isinstance(who, Grants) else grants_of(who)


def readable_q(who: Any) -> Q | None:
    """The condition on agreements that *who* (a user or its :class:`Grants`) may read;
    ``None``: nothing at all."""
    grants = _grants(who)
    if grants.superuser:
        return Q()
    if not grants.highest:
        return None
    found = Q(pk__in=[])
    if grants.everywhere:
        found |= Q(confidential=False)
    if grants.per:
        found |= Q(fachbereich__in=grants.fachbereiche)
        unassigned = Q(fachbereich__isnull=True, confidential=False)
        if not grants.any_kommune:
            unassigned &= Q(kommune__isnull=True) | Q(kommune__in=sorted(grants.kommunen))
        found |= unassigned
        found |= Q(confidential=False, pk__in=partners.agreements_of(grants.kommunen))
    for kommune in grants.legal:
        if kommune is None:
            return Q()
        found |= Q(kommune=kommune) | Q(fachbereich__kommune=kommune)
    return found


def readable(who: Any, records: QuerySet[Record] | None = None) -> QuerySet[Record]:
    """*records* (default: all agreements) reduced to those *who* may read."""
    records = Record.objects.all() if records is None else records
    condition = readable_q(who)
    return records.none() if condition is None else records.filter(condition)


def _reads(grants: Grants, record: Record) -> bool:
    """:func:`readable_q` for one agreement, without a query (the same rules)."""
    if grants.superuser:
        return True
    fachbereich: int | None = getattr(record, "fachbereich_id", None)
    kommune: int | None = getattr(record, "kommune_id", None)
    if not grants.highest:
        return False
    if grants.everywhere and not record.confidential:
        return True
    if fachbereich is not None and fachbereich in grants.fachbereiche:
        return True
    if (
        fachbereich is None and grants.per and not record.confidential
        and grants.in_kommune(kommune)
    ):  # fmt: skip
        return True
    if None in grants.legal:
        return True
    if not record.confidential and grants.kommunen and _partner_of(grants, record):
        return True
    if grants.legal:
        own = kommune if kommune is not None else _kommune_of(fachbereich)
        return own is not None and own in grants.legal
    return False


def _partner_of(grants: Grants, record: Record) -> bool:
    return bool(partners.parties_of(record, grants.kommunen))


def acts_for(who: Any, record: Record) -> frozenset[str]:
    """The parties of *record* whose events *who* may record as a partner: those of the
    partner Kommunen where *who* holds *Bearbeiten* (in one of their Fachbereiche)."""
    grants = _grants(who)
    if not grants.kommunen or not _reads(grants, record):
        return frozenset()
    editing = [k for k, level in grants.in_kommunen if level >= RIGHTS["edit"][0]]
    return partners.parties_of(record, editing) if editing else frozenset()


def may_record(who: Any, record: Record, event: Any) -> bool:
    """Whether *who* may record *event* (as in the file, a mapping) for *record*: with
    *Bearbeiten* for the agreement any event; as a partner only its own party's
    (:func:`vereinbarung.web.rights.partners.concerns`)."""
    if allowed(who, "edit", record):
        return True
    return isinstance(event, dict) and partners.concerns(event, acts_for(who, record))


def _kommune_of(fachbereich: int | None) -> int | None:
    from vereinbarung.web.rights.models import Fachbereich

    if fachbereich is None:
        return None
    return Fachbereich.objects.filter(pk=fachbereich).values_list("kommune", flat=True).first()


def level_on(who: Any, record: Record) -> int:
    """The role *who* holds for *record*: 0 (may not even read it) to 4 (Verwalten)."""
    grants = _grants(who)
    if not _reads(grants, record):
        return 0
    if grants.superuser:
        return 4
    fachbereich: int | None = getattr(record, "fachbereich_id", None)
    found = grants.level_in(fachbereich) if fachbereich is not None else grants.everywhere
    if fachbereich is None and grants.in_kommune(getattr(record, "kommune_id", None)):
        found = max(found, grants.highest)
    return max(found, 1)  # reading it is at least Lesen (the Rechtsamt's right)


def _needs(level: int, right: str) -> Predicate:
    def has(user: Any, record: Record | None) -> bool:
        if record is None:
            return _grants(user).highest >= level
        if level_on(user, record) >= level:
            return True
        return right == "record" and bool(acts_for(user, record))

    return Predicate(has, name=f"role_{level}")


#: The rules (django-rules): ``RULES.test_rule("edit", user, record)``.
RULES = RuleSet()
for _right, (_level, _) in RIGHTS.items():
    RULES.add_rule(_right, _needs(_level, _right))  # type: ignore[no-untyped-call]


def allowed(who: Any, right: str, record: Record | None = None) -> bool:
    """Whether *who* has *right* (``read``, ``edit``, ``approve``, ``manage``) on *record*
    (``None``: on some agreement, e.g. to create one)."""
    if right not in RIGHTS:
        raise ValueError(f"Unbekanntes Recht »{right}«.")
    return bool(RULES.test_rule(right, who, record))  # type: ignore[no-untyped-call]


def record_or_404(request: HttpRequest, pk: int, right: str = "read") -> Record:
    """The agreement *pk* if the request's user may *right* it.

    404 when it does not exist or may not be read (the same answer: nothing is revealed),
    403 (German) when it may be read but the right is missing.
    """
    record = Record.objects.filter(pk=pk).first()
    user: Any = getattr(request, "user", None)
    if record is None or not allowed(user, "read", record):
        raise Http404("Keine solche Vereinbarung.")
    if not allowed(user, right, record):
        raise PermissionDenied(
            f"Dafür ist die Rolle »{RIGHTS[right][1]}« im Fachbereich dieser Vereinbarung nötig."
        )
    return record
