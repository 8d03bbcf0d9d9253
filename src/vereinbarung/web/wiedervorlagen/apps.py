"""The Wiedervorlagen app."""

from __future__ import annotations

from django.apps import AppConfig


class WiedervorlagenConfig(AppConfig):
    name = "vereinbarung.web.wiedervorlagen"
    label = "vereinbarung_wiedervorlagen"
    verbose_name = "Wiedervorlagen"
