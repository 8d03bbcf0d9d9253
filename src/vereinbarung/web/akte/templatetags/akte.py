"""``{% akte record agreement %}``: the file section of an agreement's page; ``{% verlauf %}``.

The section lists the events that rest on evidence (complete or still missing, with a link to
add it), the current attachments (kind, date, description, who and when, SHA-256, superseded
ones below), and the notes with the form for a new one. ``verlauf`` merges the versions and
the notes, newest first, for the version history (notes are part of the file's history).
"""

from __future__ import annotations

from typing import Any

from django import template

from vereinbarung.web.akte import evidence
from vereinbarung.web.akte.models import Attachment, Note
from vereinbarung.web.rights.checks import allowed

register = template.Library()


@register.inclusion_tag("akte/_akte.html", takes_context=True)
def akte(context: Any, record: Any, agreement: Any) -> dict[str, Any]:
    """The Akte section of *record*."""
    user = context["request"].user
    items = list(Attachment.objects.filter(agreement=record).order_by("-uploaded", "-pk"))
    proofs = evidence.evidence_of(record, agreement)
    labels = dict(evidence.event_choices(agreement))
    for attachment in items:
        attachment.event_label = labels.get(attachment.event_key, "")  # type: ignore[attr-defined]
    return {
        "record": record, "evidence": proofs,
        "missing": [e for e in proofs if not e.complete],
        "current": [a for a in items if a.superseded_by_id is None],
        "superseded": [a for a in items if a.superseded_by_id is not None],
        "notes": list(Note.objects.filter(agreement=record).order_by("-day", "-created")[:100]),
        "can_edit": allowed(user, "edit", record), "can_manage": allowed(user, "manage", record),
        "csrf_token": context.get("csrf_token"),
    }  # fmt: skip


@register.simple_tag
def verlauf(record: Any, versions: list[Any]) -> list[tuple[str, Any]]:
    """Versions and notes, newest first: ``("version", v)`` and ``("vermerk", n)``."""
    if not versions:
        return []
    oldest = versions[-1].created
    notes = list(Note.objects.filter(agreement=record, created__gte=oldest))
    entries = [("version", v) for v in versions] + [("vermerk", n) for n in notes]
    return sorted(entries, key=lambda entry: entry[1].created, reverse=True)
