"""Per-user API tokens: only the SHA-256 of the secret is stored, shown once when created."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A secret for other applications, acting for *user* with at most *role*."""

    user: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name: models.CharField[str, str] = models.CharField("Bezeichnung", max_length=100)
    role: models.CharField[str, str] = models.CharField("Rolle", max_length=20)
    digest: models.CharField[str, str] = models.CharField(max_length=64, unique=True)
    prefix: models.CharField[str, str] = models.CharField(max_length=12)
    created: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(
        auto_now_add=True
    )
    last_used: models.DateTimeField[dt.datetime | None, dt.datetime | None] = models.DateTimeField(
        null=True, blank=True
    )
    revoked: models.DateTimeField[dt.datetime | None, dt.datetime | None] = models.DateTimeField(
        null=True, blank=True
    )

    class Meta:
        ordering = ("-created",)
        verbose_name = "API-Schlüssel"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"
