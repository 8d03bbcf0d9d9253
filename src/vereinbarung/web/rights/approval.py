"""Second-person approval (Vier-Augen): acts that wait for a Freigabe (issue 26).

A Kündigung (``notice``, ``extraordinary_notice``), an Aufhebung (``terminated_by_agreement``),
an amendment (``amendment``) and an archiving recorded by one person are not saved: they are
kept as a :class:`~vereinbarung.web.rights.models.PendingAct` »zur Freigabe« (the whole text
with the act, and the version it is based on) until a second person with *Freigeben* for the
agreement approves it (:func:`decide`); then it becomes a version like any other save. Rejecting
needs a reason. The approver is never the author. Until then the agreement's stored text is
unchanged, so its state is still computed by the one state function without the act
(:func:`vereinbarung.state_on`); pages, reminders and letters name the open act
(:func:`open_acts`).

Which acts wait is configured per act: setting ``RIGHTS_FOUR_EYES`` or environment
``VEREINBARUNG_VIER_AUGEN`` (comma-separated: ``kuendigung``, ``aufhebung``, ``aenderung``,
``archivierung``; ``alle``; ``aus`` or empty: every act takes effect at once). Not set: ``alle``
(issue 26: a single person can no longer make these acts take effect). Saves without a person
(``import-files`` on the server) never wait.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet

import vereinbarung
from vereinbarung.web import clock
from vereinbarung.web.operation.audit import log_change
from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.rights.checks import allowed
from vereinbarung.web.rights.models import PendingAct

__all__ = ["AwaitingApproval", "configured_acts", "decide", "hold", "open_acts"]

#: Event types of the file format per act.
EVENT_KINDS = {
    PendingAct.KUENDIGUNG: ("notice", "extraordinary_notice"),
    PendingAct.AUFHEBUNG: ("terminated_by_agreement",),
    PendingAct.AENDERUNG: ("amendment",),
}
ALL = tuple(kind for kind, _ in PendingAct.KINDS)


class AwaitingApproval(vereinbarung.VereinbarungError):
    """Nothing saved yet: the act waits for a second person's Freigabe (*act*)."""

    def __init__(self, act: PendingAct) -> None:
        self.act = act
        super().__init__(
            f"Zur Freigabe vorgelegt: {act.summary}. Sie wird erst wirksam, "
            "wenn eine zweite Person mit der Rolle »Freigeben« zustimmt."
        )


def configured_acts() -> frozenset[str]:
    """The acts that wait for a Freigabe (see the module's description)."""
    given = getattr(settings, "RIGHTS_FOUR_EYES", None)
    if given is None:
        given = os.environ.get("VEREINBARUNG_VIER_AUGEN", "alle")
    words = {w.strip().lower() for w in (given.split(",") if isinstance(given, str) else given)}
    if "alle" in words:
        return frozenset(ALL)
    if words <= {"aus", "keine", ""}:
        return frozenset()
    unknown = words - set(ALL) - {""}
    if unknown:
        raise ValueError(
            f"VEREINBARUNG_VIER_AUGEN: »{sorted(unknown)[0]}« ist kein Vorgang; möglich sind "
            f"{', '.join(ALL)}, alle oder aus."
        )
    return frozenset(words - {""})


def _counts(agreement: vereinbarung.Agreement) -> Counter[str]:
    return Counter(str(getattr(event, "type", "")) for event in agreement.events)


def _acts(
    before: vereinbarung.Agreement, after: vereinbarung.Agreement, archiving: bool
) -> list[tuple[str, Any]]:
    """The acts a save adds: (kind, the new event or ``None`` for an archiving)."""
    old, new = _counts(before), _counts(after)
    found: list[tuple[str, Any]] = []
    for kind, types in EVENT_KINDS.items():
        if sum(new[t] for t in types) > sum(old[t] for t in types):
            event = next(e for e in reversed(after.events) if getattr(e, "type", "") in types)
            found.append((kind, event))
    if archiving:
        found.append((PendingAct.ARCHIVIERUNG, None))
    return found


def _summary(kind: str, event: Any) -> str:
    if event is None:
        return "Archivierung der Vereinbarung (sie erscheint dann nicht mehr in den Fristen)"
    label = dict(PendingAct.KINDS)[kind]
    by = getattr(event, "by", None)
    day = getattr(event, "day", None)
    text = f"{label}{f' durch {by}' if by else ''}"
    if day is not None:
        text += f" vom {vereinbarung.format_date(day)}"
    return text[:500]


def hold(
    record: Record, before: vereinbarung.Agreement, after: vereinbarung.Agreement, text: str,
    *, archived: bool | None, base: int, user: Any, reason: str,
) -> PendingAct | None:  # fmt: skip
    """Keep the save of *text* as a :class:`PendingAct` if it adds an act that waits for a
    Freigabe; ``None``: save as usual. Called by ``services.save_version`` in its transaction."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    waiting = configured_acts()
    if not waiting:
        return None
    archiving = bool(archived) and not record.archived
    acts = [(kind, event) for kind, event in _acts(before, after, archiving) if kind in waiting]
    if not acts:
        return None
    summary = "; ".join(_summary(k, e) for k, e in acts)
    act = PendingAct.objects.create(
        agreement=record, kind=acts[0][0], summary=summary[:500], text=text, archived=archived,
        base=base, reason=reason[:300], author=user, author_name=str(user.get_username())[:150],
    )  # fmt: skip
    log_change(act.author_name, f"zur Freigabe vorgelegt: {act.summary}",
               vereinbarung=record.pk, vorgang=act.pk)  # fmt: skip
    return act


def open_acts(records: QuerySet[Record] | Record) -> QuerySet[PendingAct]:
    """The acts waiting for a Freigabe on *records* (one agreement or a queryset)."""
    acts = PendingAct.objects.filter(status=PendingAct.OPEN)
    if isinstance(records, Record):
        return acts.filter(agreement=records)
    return acts.filter(agreement__in=records)


def _is_author(act: PendingAct, user: Any) -> bool:
    if act.author_id is not None:  # type: ignore[attr-defined]
        return bool(act.author_id == user.pk)  # type: ignore[attr-defined]
    return bool(act.author_name == user.get_username())


def decide(act: PendingAct, user: Any, *, approve: bool, reason: str = "") -> PendingAct:
    """Approve (the act becomes a version) or reject (with *reason*) an open act.

    German :class:`vereinbarung.VereinbarungError` when *user* is its author, lacks
    *Freigeben* for the agreement, the act is no longer open, a rejection has no reason, or the
    agreement was changed since (``services.VersionConflict``: the act stays open).
    """
    from vereinbarung.web.register import services

    if act.status != PendingAct.OPEN:
        raise vereinbarung.VereinbarungError(
            f"Dieser Vorgang ist bereits {dict(PendingAct.STATUSES)[act.status]}."
        )
    if _is_author(act, user):
        raise vereinbarung.VereinbarungError(
            "Freigabe: Sie haben diesen Vorgang selbst erfasst; freigeben oder ablehnen muss "
            "eine zweite Person."
        )
    if not allowed(user, "approve", act.agreement):
        raise vereinbarung.VereinbarungError(
            "Freigabe: dafür ist die Rolle »Freigeben« im Fachbereich dieser Vereinbarung nötig."
        )
    reason = reason.strip()
    if not approve and not reason:
        raise vereinbarung.VereinbarungError("Begründung: bitte angeben, warum Sie ablehnen.")
    if len(reason) > 500:
        raise vereinbarung.VereinbarungError(
            f"Begründung: höchstens 500 Zeichen (es sind {len(reason)})."
        )
    name = str(user.get_username())[:150]
    with transaction.atomic():
        locked = PendingAct.objects.select_for_update().get(pk=act.pk)
        if locked.status != PendingAct.OPEN:
            raise vereinbarung.VereinbarungError("Dieser Vorgang wurde inzwischen entschieden.")
        if approve:
            note = f" (freigegeben von {name})"
            services.save_version(
                locked.agreement, locked.text, base=locked.base, user=locked.author,
                reason=(locked.reason or locked.kind_label)[: 300 - len(note)] + note,
                archived=locked.archived, approved=True,
            )  # fmt: skip
        locked.status = PendingAct.APPROVED if approve else PendingAct.REJECTED
        locked.decided_by, locked.decided_name = user, name
        locked.decided_at, locked.decision_reason = clock.now(), reason
        locked.save()
    log_change(name, f"Freigabe {'erteilt' if approve else 'abgelehnt'}: {locked.summary}",
               vereinbarung=locked.agreement_id, vorgang=locked.pk, grund=reason)  # type: ignore[attr-defined]  # fmt: skip
    return locked
