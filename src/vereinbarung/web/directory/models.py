"""Which accounts come from a directory (LDAP/AD or OpenID Connect), and from which.

An account without a :class:`DirectoryAccount` is local: its password is kept by the register,
and *Verwalten* needs a second factor (:mod:`vereinbarung.web.directory.middleware`). A directory
account has no usable password here; the directory decides at each login whether it may log in
and with which roles (:mod:`vereinbarung.web.directory.groups`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models

LDAP = "ldap"
OIDC = "oidc"
SOURCES = {LDAP: "LDAP/Active Directory", OIDC: "OpenID Connect"}


class DirectoryAccount(models.Model):
    """The directory a user comes from; *subject* is the OpenID ``sub`` or the LDAP DN."""

    user: models.OneToOneField[Any, Any] = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directory_account"
    )
    source: models.CharField[str, str] = models.CharField(
        "Verzeichnis", max_length=10, choices=list(SOURCES.items())
    )
    subject: models.CharField[str, str] = models.CharField("Kennung", max_length=500, blank=True)
    groups: models.TextField[str, str] = models.TextField("Gruppen", blank=True)
    last_sync: models.DateTimeField[dt.datetime | None, dt.datetime | None] = models.DateTimeField(
        "zuletzt abgeglichen", null=True, blank=True
    )
    #: Disabled by a Verwalten user in the register: a login from the directory does not enable
    #: the account again (only the register's user administration does).
    disabled_here: models.BooleanField[bool, bool] = models.BooleanField(default=False)

    class Meta:
        verbose_name = "Verzeichniskonto"
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(
                fields=["source", "subject"],
                condition=~models.Q(subject=""),
                name="directory_subject_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({SOURCES.get(self.source, self.source)})"


def source_of(user: Any) -> str:
    """``ldap``, ``oidc`` or ``""`` (a local account)."""
    if not getattr(user, "pk", None):
        return ""
    found = DirectoryAccount.objects.filter(user_id=user.pk).values_list("source", flat=True)
    return next(iter(found), "")
