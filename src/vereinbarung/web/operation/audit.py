"""One structured log line (JSON) per change: who, what, when – logger ``vereinbarung.aenderungen``.

Every saved version of an agreement (create, edit, event, archive, import; a restored one
marked as such, with its author and original moment), every API
key and calendar address created or revoked, and every reminder sent or failed writes a line
such as ``{"zeit": "2026-06-30T09:12:03+02:00", "wer": "mueller", "was": "Ereignis erfasst:
Kündigung", "vereinbarung": 12, "version": 4}`` to the server's log (stderr; the service manager
keeps it: journald, the Windows event log of the service wrapper).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.db.models.signals import post_save

from vereinbarung.web import clock

LOGGER = logging.getLogger("vereinbarung.aenderungen")


def log_change(who: str, what: str, **details: Any) -> None:
    """Write one JSON line: ``zeit``, ``wer``, ``was`` and *details*."""
    line = {"zeit": clock.now().isoformat(timespec="seconds"), "wer": who or "System", "was": what}
    line.update(details)
    LOGGER.info(json.dumps(line, ensure_ascii=False, default=str))


def _version_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:  # noqa: ARG001
    restored = getattr(instance, "restored", None)  # the version's own moment (backup.restore)
    if created and restored is not None:  # not a change made now by its author: marked as such
        log_change(
            "System", "aus Sicherung zurückgespielt", vereinbarung=instance.agreement_id,
            version=instance.number, urheber=instance.author_name,
            urspruenglich=restored.isoformat(timespec="seconds"), grund=instance.reason,
        )  # fmt: skip
    elif created:
        log_change(
            instance.author_name, instance.reason or "geändert",
            vereinbarung=instance.agreement_id, version=instance.number,
        )  # fmt: skip


def _token_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:  # noqa: ARG001
    user = instance.user.get_username()
    kind = "API-Schlüssel" if sender.__name__ == "ApiToken" else "Kalenderadresse"
    if created:
        log_change(user, f"{kind} angelegt", kennung=instance.prefix)


def connect() -> None:
    from vereinbarung.web.api.models import ApiToken
    from vereinbarung.web.feeds.models import Feed
    from vereinbarung.web.register.models import Version

    post_save.connect(_version_saved, sender=Version, dispatch_uid="audit-version")
    post_save.connect(_token_saved, sender=ApiToken, dispatch_uid="audit-apitoken")
    post_save.connect(_token_saved, sender=Feed, dispatch_uid="audit-feed")
