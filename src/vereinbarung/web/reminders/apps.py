"""The reminder app."""

from __future__ import annotations

from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "vereinbarung.web.reminders"
    label = "vereinbarung_reminders"
    verbose_name = "Erinnerungen"
