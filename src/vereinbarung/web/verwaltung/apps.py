"""The user administration app (``/benutzer/``)."""

from __future__ import annotations

from django.apps import AppConfig


class VerwaltungConfig(AppConfig):
    name = "vereinbarung.web.verwaltung"
    label = "vereinbarung_verwaltung"
    verbose_name = "Benutzerverwaltung"
