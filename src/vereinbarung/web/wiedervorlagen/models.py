"""Wiedervorlagen (follow-ups), their closures, and people's absence periods.

A :class:`FollowUp` belongs to one agreement; ``due`` is its open occurrence. Closing it writes
a :class:`Closure` (who, when; unique per occurrence, so two clicks close it once) and moves
``due`` to the next occurrence of the repetition, or marks a one-off ``done``. An
:class:`Absence` is a period (both days included) in which a person's due items go to the
deputy (:mod:`vereinbarung.web.wiedervorlagen.dates`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models

from vereinbarung.web.register.models import Agreement
from vereinbarung.web.wiedervorlagen.dates import REPEATS


class FollowUp(models.Model):
    """One Wiedervorlage: subject, agreement, owner, deputy, first day and repetition."""

    agreement: models.ForeignKey[Agreement, Agreement] = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="followups"
    )
    subject: models.CharField[str, str] = models.CharField("Betreff", max_length=200)
    owner: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followups_owned"
    )
    deputy: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="followups_deputy",
    )  # fmt: skip
    start: models.DateField[dt.date, dt.date] = models.DateField("erstmals am")
    repeat: models.CharField[str, str] = models.CharField(
        "Wiederholung", max_length=20, choices=list(REPEATS.items()), blank=True, default=""
    )
    due: models.DateField[dt.date, dt.date] = models.DateField("fällig am")
    done: models.BooleanField[bool, bool] = models.BooleanField("erledigt", default=False)
    #: Key of the state's proposal it was accepted from (empty: made by hand).
    source: models.CharField[str, str] = models.CharField(max_length=120, blank=True)
    created_by_name: models.CharField[str, str] = models.CharField(max_length=150, blank=True)
    created: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(
        auto_now_add=True
    )
    agreement_id: int
    owner_id: int
    deputy_id: int | None

    class Meta:
        ordering = ("due", "pk")
        verbose_name = "Wiedervorlage"
        verbose_name_plural = "Wiedervorlagen"

    def __str__(self) -> str:
        return f"{self.subject} ({self.due.isoformat()})"

    @property
    def repeat_label(self) -> str:
        return REPEATS.get(self.repeat, self.repeat)


class Closure(models.Model):
    """One occurrence of a follow-up closed: by whom and when."""

    followup: models.ForeignKey[FollowUp, FollowUp] = models.ForeignKey(
        FollowUp, on_delete=models.CASCADE, related_name="closures"
    )
    occurrence: models.DateField[dt.date, dt.date] = models.DateField("fällig am")
    closed_by: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    closed_by_name: models.CharField[str, str] = models.CharField("erledigt von", max_length=150)
    closed_at: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField("erledigt am")
    followup_id: int

    class Meta:
        ordering = ("-closed_at",)
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=("followup", "occurrence"), name="one_closure")
        ]

    def __str__(self) -> str:
        return f"{self.followup_id}: {self.occurrence.isoformat()} ({self.closed_by_name})"


class Absence(models.Model):
    """A period in which a person is away (first and last day included)."""

    user: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="absences"
    )
    first: models.DateField[dt.date, dt.date] = models.DateField("abwesend vom")
    last: models.DateField[dt.date, dt.date] = models.DateField("abwesend bis")
    set_by_name: models.CharField[str, str] = models.CharField(max_length=150, blank=True)
    created: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(
        auto_now_add=True
    )
    user_id: int

    class Meta:
        ordering = ("first", "pk")
        verbose_name = "Abwesenheit"
        verbose_name_plural = "Abwesenheiten"

    def __str__(self) -> str:
        return f"{self.user}: {self.first.isoformat()}–{self.last.isoformat()}"
