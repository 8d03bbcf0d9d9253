"""The pages app."""

from __future__ import annotations

from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "vereinbarung.web.pages"
    label = "vereinbarung_pages"
    verbose_name = "Seiten"
