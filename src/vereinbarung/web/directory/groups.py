"""Directory groups → roles and Fachbereiche, applied at every login from a directory.

The mapping comes from ``VEREINBARUNG_LDAP_GROUPS`` / ``VEREINBARUNG_OIDC_GROUPS``
(:mod:`vereinbarung.web.directory.config`); the roles become memberships
(:func:`vereinbarung.web.rights.grants.set_memberships`: a Fachbereich named there, or all), and
a directory account holds no role group of its own. The directory decides: roles the groups no
longer give are taken away; a user in none of the mapped groups (a leaver, or never meant to use the
register) is disabled, and every change is logged (:mod:`vereinbarung.web.operation.audit`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from vereinbarung.web import clock
from vereinbarung.web.directory.config import Grant, normalise_group
from vereinbarung.web.directory.models import DirectoryAccount
from vereinbarung.web.operation.audit import log_change
from vereinbarung.web.rights.grants import set_memberships
from vereinbarung.web.rights.models import Membership


def grants_for(
    groups: Iterable[str], mapping: Mapping[str, tuple[Grant, ...]], *, fold_case: bool
) -> list[Grant]:
    """The grants of the mapped groups among *groups*, in the mapping's order, each once."""
    member = {normalise_group(g) if fold_case else g for g in groups}
    found: list[Grant] = []
    for group, grants in mapping.items():
        if group in member:
            found.extend(g for g in grants if g not in found)
    return found


def describe(pairs: Iterable[tuple[str | None, str]]) -> list[str]:
    """»Bearbeiten in Jugend«, »Verwalten« (in all Fachbereiche), sorted."""
    return sorted(f"{role} in {where}" if where else role for where, role in pairs)


@transaction.atomic
def apply(user: Any, source: str, subject: str, groups: list[str], grants: list[Grant]) -> bool:
    """Record *user* as an account of *source* and give it exactly what *grants* say.

    Returns whether the user may log in: False without any grant (the account is then
    disabled) or when a Verwalten user disabled it in the register.
    """
    account, created = DirectoryAccount.objects.get_or_create(
        user=user, defaults={"source": source, "subject": subject}
    )
    if created and user.has_usable_password():  # a local account of the same name: from now on
        user.set_unusable_password()  # the directory's; its local password ends
        user.save(update_fields=["password"])
        log_change("Verzeichnis", "lokales Konto vom Verzeichnis übernommen",
                   benutzer=user.get_username())  # fmt: skip
    account.source, account.subject = source, subject
    account.groups = "\n".join(sorted(groups))[:10_000]
    account.last_sync = clock.now()
    account.save()
    before = describe(
        [(m.fachbereich.name if m.fachbereich else None, m.role)
         for m in Membership.objects.filter(user=user).select_related("fachbereich")]
        + [(None, name) for name in user.groups.values_list("name", flat=True)]
    )  # fmt: skip
    pairs = [(g.fachbereich, g.role) for g in grants]
    user.groups.clear()
    set_memberships(user, pairs)
    if before != describe(pairs):
        log_change(
            "Verzeichnis", "Rollen aus dem Verzeichnis übernommen", benutzer=user.get_username(),
            rollen=describe(pairs), vorher=before,
        )  # fmt: skip
    allowed = bool(grants) and not account.disabled_here
    if user.is_active != allowed:
        user.is_active = allowed
        user.save(update_fields=["is_active"])
        log_change(
            "Verzeichnis",
            "Konto aktiviert" if allowed else "Konto deaktiviert (in keiner Gruppe des Registers)",
            benutzer=user.get_username(),
        )
    return allowed


def disable_leaver(user: Any) -> None:
    """Disable the directory account *user*, which the directory no longer knows."""
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        log_change(
            "Verzeichnis", "Konto deaktiviert (im Verzeichnis nicht mehr vorhanden)",
            benutzer=user.get_username(),
        )  # fmt: skip
