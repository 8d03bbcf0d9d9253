"""The rights app: Kommunen, Fachbereiche, memberships, acts waiting for a second person."""

from __future__ import annotations

from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "vereinbarung.web.rights"
    label = "vereinbarung_rights"
    verbose_name = "Rechte und Freigaben"
