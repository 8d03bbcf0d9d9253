"""The app of the sender profiles (Absender)."""

from __future__ import annotations

from django.apps import AppConfig


class AbsenderConfig(AppConfig):
    name = "vereinbarung.web.absender"
    label = "vereinbarung_absender"
    verbose_name = "Absender"
