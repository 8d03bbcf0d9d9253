"""The calendar feed app."""

from __future__ import annotations

from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "vereinbarung.web.feeds"
    label = "vereinbarung_feeds"
    verbose_name = "Kalender-Abonnements"
