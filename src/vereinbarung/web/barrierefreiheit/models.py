"""A message reporting a barrier, sent through the form of the Erklärung zur Barrierefreiheit."""

from __future__ import annotations

import datetime as dt

from django.db import models

MESSAGE_MAX = 5000
CONTACT_MAX = 200
PAGE_MAX = 300


class Feedback(models.Model):
    """One report: what does not work, where, and how to answer (optional, no login needed)."""

    created: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(
        auto_now_add=True
    )
    message: models.TextField[str, str] = models.TextField(max_length=MESSAGE_MAX)
    page: models.CharField[str, str] = models.CharField(max_length=PAGE_MAX, blank=True)
    contact: models.CharField[str, str] = models.CharField(max_length=CONTACT_MAX, blank=True)
    mailed: models.BooleanField[bool, bool] = models.BooleanField(default=False)

    class Meta:
        ordering = ("-created",)
        verbose_name = "Rückmeldung zur Barrierefreiheit"
        verbose_name_plural = "Rückmeldungen zur Barrierefreiheit"

    def __str__(self) -> str:
        return f"{self.created:%d.%m.%Y %H:%M}: {self.message[:60]}"
