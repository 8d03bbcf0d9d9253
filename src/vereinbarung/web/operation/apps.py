"""The operation app (backup, health, change log)."""

from __future__ import annotations

from django.apps import AppConfig


class OperationConfig(AppConfig):
    name = "vereinbarung.web.operation"
    label = "vereinbarung_operation"
    verbose_name = "Betrieb"

    def ready(self) -> None:
        from vereinbarung.web.operation import audit

        audit.connect()
