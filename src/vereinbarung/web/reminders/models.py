"""Per-user reminder settings, marked agreements, and every reminder sent or tried.

A :class:`Reminder` row is claimed *before* the mail goes out; the unique constraint on
(user, key) makes sure two runs at the same time (two servers) never send one reminder twice.
The claim carries its moment (``claimed``): a row still »sendet« long after it (the run died
while sending) is taken back by a later run (:data:`~vereinbarung.web.reminders.service.LEASE`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models

from vereinbarung.web.register.models import Agreement

DEFAULT_LEADS = "90, 30, 7, 0"


class ReminderSetting(models.Model):
    """Which agreements, which lead times, and whether a weekly digest."""

    ALL, PARTY, KEYWORD, MARKED = "alle", "partei", "stichwort", "markiert"
    SCOPES = {  # noqa: RUF012
        ALL: "alle Vereinbarungen",
        PARTY: "Vereinbarungen einer Partei",
        KEYWORD: "Vereinbarungen mit einem Stichwort",
        MARKED: "von mir markierte Vereinbarungen",
    }

    user: models.OneToOneField[Any, Any] = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_setting"
    )
    active: models.BooleanField[bool, bool] = models.BooleanField("Erinnerungen", default=True)
    scope: models.CharField[str, str] = models.CharField(
        "Welche Vereinbarungen", max_length=20, choices=list(SCOPES.items()), default=ALL
    )
    value: models.CharField[str, str] = models.CharField(
        "Partei oder Stichwort", max_length=200, blank=True
    )
    leads: models.CharField[str, str] = models.CharField(
        "Vorlauf in Tagen", max_length=100, default=DEFAULT_LEADS
    )
    weekly: models.BooleanField[bool, bool] = models.BooleanField(
        "wöchentliche Übersicht", default=False
    )

    class Meta:
        verbose_name = "Erinnerungseinstellung"

    def __str__(self) -> str:
        return f"{self.user}: {self.scope}"

    def lead_days(self) -> tuple[int, ...]:
        """The lead times in days, largest first (0 is the day itself)."""
        found = {int(p) for p in self.leads.replace(";", ",").split(",") if p.strip().isdigit()}
        return tuple(sorted((d for d in found if d <= 366), reverse=True))


class Mark(models.Model):
    """An agreement a user marked for reminders."""

    user: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="marks"
    )
    agreement: models.ForeignKey[Agreement, Agreement] = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=("user", "agreement"), name="one_mark")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.agreement}"


class Reminder(models.Model):
    """One reminder (or weekly digest) for one user: claimed, then sent or failed."""

    SENDING, SENT, FAILED = "sendet", "gesendet", "fehlgeschlagen"

    user: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    key: models.CharField[str, str] = models.CharField(max_length=120)
    agreement: models.ForeignKey[Agreement | None, Agreement | None] = models.ForeignKey(
        Agreement, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    deadline: models.DateField[dt.date | None, dt.date | None] = models.DateField(
        null=True, blank=True
    )
    lead: models.IntegerField[int | None, int | None] = models.IntegerField(null=True, blank=True)
    run_day: models.DateField[dt.date, dt.date] = models.DateField()
    status: models.CharField[str, str] = models.CharField(max_length=20, default=SENDING)
    claimed: models.DateTimeField[dt.datetime | None, dt.datetime | None] = models.DateTimeField(
        "zum Senden beansprucht am", null=True, blank=True
    )
    attempts: models.PositiveIntegerField[int, int] = models.PositiveIntegerField(default=0)
    error: models.TextField[str, str] = models.TextField(blank=True)
    subject: models.CharField[str, str] = models.CharField(max_length=300, blank=True)
    created: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(
        auto_now_add=True
    )
    updated: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created",)
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=("user", "key"), name="one_reminder_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.key} ({self.status})"
