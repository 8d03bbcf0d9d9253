"""What the Wiedervorlagen pages, mails, calendars and API share: who handles which item on a
day, creating and closing items, absences, and the follow-ups proposed from the state.

Who handles an item is :func:`vereinbarung.web.wiedervorlagen.dates.in_charge` with the owner's
absences and the escalation days (setting ``WIEDERVORLAGE_ESKALATION``); a person handles it
only while they may read its agreement (:mod:`vereinbarung.web.rights.checks`). Proposals come
from the one state of each agreement (:func:`~vereinbarung.web.register.services.state_of`):
the last day of receipt of a Kündigung minus ``WIEDERVORLAGE_VORLAUF`` weeks, »Ratsbeschluss vor
Kündigung herbeiführen«; accepting one makes it a follow-up of the user with one click.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet

import vereinbarung
from vereinbarung.web import clock
from vereinbarung.web.operation.audit import log_change
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.rights.checks import allowed, readable
from vereinbarung.web.wiedervorlagen import dates
from vereinbarung.web.wiedervorlagen.models import Absence, Closure, FollowUp

#: Subject of the follow-up proposed before each last day of receipt.
PROPOSAL_SUBJECT = "Ratsbeschluss vor Kündigung herbeiführen"
#: Proposals are made for the follow-ups due within so many days.
PROPOSAL_HORIZON = dt.timedelta(days=366)
SUBJECT_MAX = 200


class Refused(Exception):
    """Bad input: German messages by field (``{"betreff": "…"}``)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


def escalate_after() -> int:
    return int(getattr(settings, "WIEDERVORLAGE_ESKALATION", 7))


def lead_weeks() -> int:
    return int(getattr(settings, "WIEDERVORLAGE_VORLAUF", 8))


def periods_of(user_ids: set[int]) -> dict[int, list[dates.Period]]:
    """Every absence period of the users *user_ids*."""
    found: dict[int, list[dates.Period]] = {}
    for user_id, first, last in Absence.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "first", "last"
    ):
        found.setdefault(user_id, []).append((first, last))
    return found


@dataclass(frozen=True)
class Assignment:
    """*item* handled by *user* on a day; *reason* says why a deputy has it (else empty)."""

    item: FollowUp
    user: Any
    reason: str = ""


def open_items() -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(done=False, agreement__archived=False).select_related(
        "agreement", "owner", "deputy"
    )


def handlers(
    item: FollowUp, occurrence: dt.date, day: dt.date, periods: dict[int, list[dates.Period]]
) -> list[Assignment]:
    """Who handles *occurrence* of *item* on *day* (each may read its agreement)."""
    deputy = item.deputy if item.deputy is not None and item.deputy.is_active else None
    owner_away = periods.get(item.owner_id, [])
    to_owner, to_deputy = dates.in_charge(
        occurrence, day, owner_absent=owner_away, has_deputy=deputy is not None,
        escalate_after=escalate_after(),
    )  # fmt: skip
    found = []
    if to_owner and item.owner.is_active and allowed(item.owner, "read", item.agreement):
        found.append(Assignment(item, item.owner))
    if to_deputy and deputy is not None and allowed(deputy, "read", item.agreement):
        away = dates.absent(max(day, occurrence), owner_away)
        who = item.owner.get_full_name() or item.owner.get_username()
        reason = f"Vertretung für {who} ({'abwesend' if away else 'überfällig'})"
        found.append(Assignment(item, deputy, reason))
    return found


def due_on(day: dt.date, user: Any | None = None) -> list[Assignment]:
    """The open items due on or before *day*, each with who handles it (of *user* only)."""
    items = open_items().filter(due__lte=day)
    if user is not None:
        items = items.filter(Q(owner=user) | Q(deputy=user))
    return _handled(list(items), day, user)


def _handled(items: list[FollowUp], day: dt.date, user: Any | None) -> list[Assignment]:
    """Of *items* (due by *day*), who handles each – of *user* only, unless ``None``."""
    if not items:
        return []
    periods = periods_of({i.owner_id for i in items})
    found = [a for item in items for a in handlers(item, item.due, day, periods)]
    return [a for a in found if user is None or a.user.pk == user.pk]


def box_of(user: Any, day: dt.date, ahead: int) -> tuple[list[Assignment], list[FollowUp]]:
    """The start page's box: what *user* handles on *day* (:func:`due_on`) and the next
    *ahead* items *user* owns (:func:`mine`) – from one query of the person's open items, the
    rights checked per item by :func:`allowed` without a query of the agreements."""
    items = list(open_items().filter(Q(owner=user) | Q(deputy=user)))
    due = _handled([i for i in items if i.due <= day], day, user)
    later = (i for i in items if i.owner_id == user.pk and i.due > day)
    return due, [i for i in later if allowed(user, "read", i.agreement)][:ahead]


def mine(user: Any) -> QuerySet[FollowUp]:
    """The open items *user* owns or deputises, of agreements *user* may read."""
    records = readable(user, Record.objects.filter(archived=False))
    return open_items().filter(Q(owner=user) | Q(deputy=user), agreement__in=records)


def closed_of(user: Any, limit: int = 20) -> QuerySet[Closure]:
    records = readable(user)
    return Closure.objects.filter(
        Q(followup__owner=user) | Q(followup__deputy=user), followup__agreement__in=records
    ).select_related("followup", "followup__agreement")[:limit]


def may_close(user: Any, item: FollowUp) -> bool:
    if not allowed(user, "read", item.agreement):
        return False
    return user.pk in (item.owner_id, item.deputy_id) or allowed(user, "manage", item.agreement)


def close(item: FollowUp, user: Any, occurrence: dt.date | None = None) -> Closure | None:
    """Close the open occurrence of *item* – the one due on *occurrence* when given – once:
    a second click (a form shown before) finds it closed and gets None."""
    if occurrence is not None and occurrence != item.due:
        return None
    occurrence = item.due
    try:
        with transaction.atomic():
            closure = Closure.objects.create(
                followup=item, occurrence=occurrence, closed_by=user,
                closed_by_name=user.get_username(), closed_at=clock.now(),
            )  # fmt: skip
            following = dates.next_after(item.start, item.repeat, occurrence)
            changed = FollowUp.objects.filter(pk=item.pk, due=occurrence, done=False).update(
                due=following or occurrence, done=following is None
            )
            if not changed:
                raise IntegrityError("schon erledigt")
    except IntegrityError:
        return None
    log_change(user.get_username(), "Wiedervorlage erledigt", nummer=item.pk,
               vereinbarung=item.agreement_id, faellig=occurrence.isoformat())  # fmt: skip
    item.refresh_from_db()
    return closure


def _person(name: str, field: str, record: Record, *, required: bool) -> Any:
    name = name.strip()[:150]
    if not name:
        if required:
            raise Refused({field: "Bitte eine Person angeben."})
        return None
    person = get_user_model().objects.filter(username=name, is_active=True).first()
    if person is None or not allowed(person, "read", record):
        raise Refused({field: f"»{name}« ist keine Person, die diese Vereinbarung lesen darf."})
    return person


def create(
    user: Any, record: Record, *, subject: str, due: dt.date, owner: str = "",
    deputy: str = "", repeat: str = "", source: str = "",
) -> FollowUp:  # fmt: skip
    """A new follow-up of *record* by *user* (who may edit it); German :class:`Refused`."""
    errors: dict[str, str] = {}
    subject = " ".join(subject.split())
    if not subject:
        errors["betreff"] = "Bitte einen Betreff angeben."
    elif len(subject) > SUBJECT_MAX:
        errors["betreff"] = f"Der Betreff ist länger als {SUBJECT_MAX} Zeichen."
    if repeat not in dates.REPEATS:
        errors["wiederholung"] = f"»{repeat[:40]}« ist keine Wiederholung."
    people: dict[str, Any] = {}
    for field, name, required in (("zustaendig", owner or user.get_username(), True),
                                  ("vertretung", deputy, False)):  # fmt: skip
        try:
            people[field] = _person(name, field, record, required=required)
        except Refused as exc:
            errors.update(exc.errors)
    if (
        not errors
        and people["vertretung"] is not None
        and people["vertretung"] == people["zustaendig"]
    ):
        errors["vertretung"] = "Die Vertretung muss eine andere Person sein."
    if errors:
        raise Refused(errors)
    item = FollowUp.objects.create(
        agreement=record, subject=subject, owner=people["zustaendig"],
        deputy=people["vertretung"], start=due, due=due, repeat=repeat, source=source,
        created_by_name=user.get_username(),
    )  # fmt: skip
    log_change(user.get_username(), "Wiedervorlage angelegt", nummer=item.pk,
               vereinbarung=record.pk, betreff=subject, faellig=due.isoformat())  # fmt: skip
    return item


def set_absence(user: Any, person: Any, first: dt.date, last: dt.date) -> Absence:
    """*user* records an absence of *person* (themselves, or anyone as Verwalten)."""
    if last < first:
        raise Refused({"bis": "Das Ende der Abwesenheit liegt vor ihrem Beginn."})
    if (last - first).days > 366:
        raise Refused({"bis": "Eine Abwesenheit dauert höchstens ein Jahr."})
    absence = Absence.objects.create(
        user=person, first=first, last=last, set_by_name=user.get_username()
    )
    log_change(user.get_username(), "Abwesenheit eingetragen", person=person.get_username(),
               von=first.isoformat(), bis=last.isoformat())  # fmt: skip
    return absence


@dataclass(frozen=True)
class Proposal:
    """A follow-up the state suggests: *due* (*weeks* before the last day of receipt)."""

    record: Record
    due: dt.date
    deadline: dt.date
    subject: str
    key: str


def proposals(user: Any, day: dt.date) -> list[Proposal]:
    """For each agreement *user* may edit: the last day of receipt ahead minus the lead time
    (within :data:`PROPOSAL_HORIZON`), unless a follow-up was already made from it."""
    taken = set(FollowUp.objects.exclude(source="").values_list("source", flat=True))
    weeks = lead_weeks()
    found: list[Proposal] = []
    for record in readable(user, Record.objects.filter(archived=False)):
        if not allowed(user, "edit", record):
            continue
        try:
            deadline = services.state_of(record, day).notice_deadline
        except vereinbarung.VereinbarungError:
            continue
        if deadline is None or deadline < day:
            continue
        key = f"vorschlag:{record.pk}:{deadline.isoformat()}"
        if key in taken:
            continue
        due = max(day, deadline - dt.timedelta(weeks=weeks))
        if due > day + PROPOSAL_HORIZON:
            continue
        found.append(Proposal(record, due, deadline, PROPOSAL_SUBJECT, key))
    return sorted(found, key=lambda p: (p.due, p.record.pk))


def accept(user: Any, key: str, day: dt.date) -> FollowUp | None:
    """Make the proposal *key* a follow-up of *user*; None when it is no (longer a) proposal."""
    for proposal in proposals(user, day):
        if proposal.key == key:
            text = (f"{proposal.subject} (Kündigung muss bis "
                    f"{vereinbarung.format_date(proposal.deadline)} zugehen)")  # fmt: skip
            return create(user, proposal.record, subject=text, due=proposal.due,
                          source=proposal.key)  # fmt: skip
    return None
