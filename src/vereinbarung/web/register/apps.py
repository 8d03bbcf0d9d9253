"""The register app."""

from __future__ import annotations

from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "vereinbarung.web.register"
    label = "vereinbarung_register"
    verbose_name = "Register der Vereinbarungen"
