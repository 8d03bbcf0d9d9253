"""The Wiedervorlagen and absences in ``web backup`` / ``restore`` (``sicherung.json``).

:func:`dump` gives the part of the backup document (keys ``wiedervorlagen`` and
``abwesenheiten``; people by user name, agreements by their number, which a restore keeps);
:func:`load` writes it back inside the restore's transaction and raises :class:`ValueError`
(German, naming the entry) for anything unsound, so that the whole restore is refused and
nothing written. A follow-up or absence of a person without an account here is refused too:
create the accounts first, then restore.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from vereinbarung.web.wiedervorlagen.dates import REPEATS
from vereinbarung.web.wiedervorlagen.models import Absence, Closure, FollowUp

FOLLOWUPS, ABSENCES = "wiedervorlagen", "abwesenheiten"


def dump() -> dict[str, Any]:
    """The follow-ups (with closures) and absences as plain JSON data."""
    closures: dict[int, list[dict[str, Any]]] = {}
    for closure in Closure.objects.order_by("followup_id", "occurrence"):
        closures.setdefault(closure.followup_id, []).append({
            "occurrence": closure.occurrence.isoformat(), "by": closure.closed_by_name,
            "at": closure.closed_at.isoformat(),
        })  # fmt: skip
    items = [
        {"agreement": f.agreement_id, "subject": f.subject, "owner": f.owner.get_username(),
         "deputy": f.deputy.get_username() if f.deputy else None, "start": f.start.isoformat(),
         "repeat": f.repeat, "due": f.due.isoformat(), "done": f.done, "source": f.source,
         "created_by": f.created_by_name, "closed": closures.get(f.pk, [])}
        for f in FollowUp.objects.select_related("owner", "deputy").order_by("pk")
    ]  # fmt: skip
    absences = [
        {"person": a.user.get_username(), "first": a.first.isoformat(),
         "last": a.last.isoformat(), "set_by": a.set_by_name}
        for a in Absence.objects.select_related("user").order_by("pk")
    ]  # fmt: skip
    return {FOLLOWUPS: items, ABSENCES: absences}


def _person(users: dict[str, Any], name: Any, where: str) -> Any:
    if name not in users:
        raise ValueError(f"{where}: »{name}« hat hier kein Konto (erst die Konten anlegen).")
    return users[name]


def _day(value: Any, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{where}: »{value}« ist kein Datum.") from None


def load(document: Any, users: dict[str, Any], agreements: set[int]) -> tuple[int, int]:
    """Write the follow-ups and absences of *document*; (follow-ups, absences) written."""
    items = document.get(FOLLOWUPS, []) if isinstance(document, dict) else []
    absences = document.get(ABSENCES, []) if isinstance(document, dict) else []
    if not isinstance(items, list) or not isinstance(absences, list):
        raise ValueError(f"»{FOLLOWUPS}« und »{ABSENCES}« müssen Listen sein.")
    for number, item in enumerate(items, start=1):
        where = f"Wiedervorlage Nr. {number}"
        if not isinstance(item, dict) or item.get("agreement") not in agreements:
            raise ValueError(f"{where}: keine Vereinbarung der Sicherung.")
        subject, repeat = item.get("subject"), item.get("repeat", "")
        if not isinstance(subject, str) or not subject.strip() or len(subject) > 200:
            raise ValueError(f"{where}: Betreff fehlt oder ist zu lang.")
        if repeat not in REPEATS:
            raise ValueError(f"{where}: »{repeat}« ist keine Wiederholung.")
        deputy = item.get("deputy")
        followup = FollowUp.objects.create(
            agreement_id=item["agreement"], subject=subject,
            owner=_person(users, item.get("owner"), where),
            deputy=_person(users, deputy, where) if deputy is not None else None,
            start=_day(item.get("start"), where), repeat=repeat,
            due=_day(item.get("due"), where), done=item.get("done") is True,
            source=str(item.get("source", ""))[:120],
            created_by_name=str(item.get("created_by", ""))[:150],
        )  # fmt: skip
        for closed in item.get("closed", []):
            try:
                at = dt.datetime.fromisoformat(str(closed["at"]))
            except (ValueError, KeyError, TypeError):
                raise ValueError(f"{where}: »{closed}« ist kein Erledigt-Vermerk.") from None
            Closure.objects.create(
                followup=followup, occurrence=_day(closed.get("occurrence"), where),
                closed_by=users.get(closed.get("by")), closed_by_name=str(closed.get("by"))[:150],
                closed_at=at,
            )  # fmt: skip
    for number, entry in enumerate(absences, start=1):
        where = f"Abwesenheit Nr. {number}"
        if not isinstance(entry, dict):
            raise ValueError(f"{where}: keine Zuordnung.")
        first, last = _day(entry.get("first"), where), _day(entry.get("last"), where)
        if last < first:
            raise ValueError(f"{where}: das Ende liegt vor dem Beginn.")
        Absence.objects.create(
            user=_person(users, entry.get("person"), where), first=first, last=last,
            set_by_name=str(entry.get("set_by", ""))[:150],
        )  # fmt: skip
    return len(items), len(absences)
