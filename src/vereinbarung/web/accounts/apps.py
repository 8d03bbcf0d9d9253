"""The accounts app: creates the role groups after every migration."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "vereinbarung.web.accounts"
    label = "vereinbarung_accounts"
    verbose_name = "Benutzer und Rollen"

    def ready(self) -> None:
        post_migrate.connect(_create_roles, sender=self)


def _create_roles(**_: Any) -> None:
    from vereinbarung.web.accounts.roles import ensure_roles

    ensure_roles()
