"""The API app."""

from __future__ import annotations

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "vereinbarung.web.api"
    label = "vereinbarung_api"
    verbose_name = "Schnittstelle (API)"
