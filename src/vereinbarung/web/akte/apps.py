"""The Akte app: attachments, notes and the full-text search of the register (issue 25)."""

from __future__ import annotations

from django.apps import AppConfig


class AkteConfig(AppConfig):
    name = "vereinbarung.web.akte"
    label = "vereinbarung_akte"
    verbose_name = "Akte: Anlagen, Vermerke, Volltextsuche"

    def ready(self) -> None:
        from vereinbarung.web.akte import search

        search.connect()
