"""The app of the Erklärung zur Barrierefreiheit."""

from __future__ import annotations

from django.apps import AppConfig


class BarrierefreiheitConfig(AppConfig):
    name = "vereinbarung.web.barrierefreiheit"
    label = "vereinbarung_barrierefreiheit"
    verbose_name = "Barrierefreiheit"
