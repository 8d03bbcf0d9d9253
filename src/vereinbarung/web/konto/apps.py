"""The user's own page."""

from __future__ import annotations

from django.apps import AppConfig


class KontoConfig(AppConfig):
    name = "vereinbarung.web.konto"
    label = "vereinbarung_konto"
    verbose_name = "Mein Konto"
