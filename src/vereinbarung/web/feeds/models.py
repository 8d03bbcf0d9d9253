"""A user's calendar feed: the SHA-256 of its secret and the calendar it last served.

The last served calendar keeps the SEQUENCE of each event and lets a deadline that disappears
come back once more as cancelled (``STATUS:CANCELLED``), per feed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models


class Feed(models.Model):
    """One secret calendar address of a user; renewing revokes the old one."""

    user: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feeds"
    )
    digest: models.CharField[str, str] = models.CharField(max_length=64, unique=True)
    prefix: models.CharField[str, str] = models.CharField(max_length=12)
    created: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(
        auto_now_add=True
    )
    revoked: models.DateTimeField[dt.datetime | None, dt.datetime | None] = models.DateTimeField(
        null=True, blank=True
    )
    last_fetched: models.DateTimeField[dt.datetime | None, dt.datetime | None] = (
        models.DateTimeField(null=True, blank=True)
    )
    served: models.BinaryField[bytes, bytes] = models.BinaryField(default=b"")

    class Meta:
        ordering = ("-created",)
        verbose_name = "Kalender-Abonnement"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
