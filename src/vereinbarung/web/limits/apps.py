"""The app of the rate limits: its migration creates the counters' cache table."""

from __future__ import annotations

from django.apps import AppConfig


class LimitsConfig(AppConfig):
    name = "vereinbarung.web.limits"
    label = "vereinbarung_limits"
    verbose_name = "Anfragebegrenzung"
