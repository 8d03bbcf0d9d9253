"""Attachments (Anlagen), notes (Vermerke) and the search text of an agreement's file.

An :class:`Attachment` is a stored file (PDF, Word, image, e-mail) with its kind, date,
description, who uploaded it and when, and the SHA-256 of its bytes (FIPS 180-4) taken on
upload: a file changed in the storage afterwards no longer matches
(:func:`vereinbarung.web.akte.files.verify`). An attachment may belong to one event of the
agreement (``event_key``, :mod:`vereinbarung.web.akte.evidence`), e.g. the Zugangsnachweis of a
Kündigung. Nothing is deleted: a new file *supersedes* one (``superseded_by``); only a Verwalten
user deletes, with a reason written to the change log. A :class:`Note` is dated and signed. A
:class:`SearchText` holds the searchable words of an agreement (its text) or of an attachment
(:mod:`vereinbarung.web.akte.search`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models

from vereinbarung.web.register.models import Agreement

#: The kinds of attachment (key → German label).
KINDS = {
    "original": "unterzeichnetes Original",
    "genehmigung": "Genehmigung",
    "bekanntmachung": "Bekanntmachung/Amtsblatt",
    "zugangsnachweis": "Zugangsnachweis",
    "ratsbeschluss": "Ratsbeschluss",
    "schriftverkehr": "Schriftverkehr",
    "sonstiges": "Sonstiges",
}


class Attachment(models.Model):
    """One stored file of an agreement (or of one of its events)."""

    agreement_id: int
    superseded_by_id: int | None

    agreement: models.ForeignKey[Agreement, Agreement] = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="attachments"
    )
    event_key: models.CharField[str, str] = models.CharField("Ereignis", max_length=300, blank=True)
    kind: models.CharField[str, str] = models.CharField(
        "Art", max_length=20, choices=list(KINDS.items())
    )
    date: models.DateField[dt.date | None, dt.date | None] = models.DateField(
        "Datum", null=True, blank=True
    )
    description: models.CharField[str, str] = models.CharField(
        "Beschreibung", max_length=500, blank=True
    )
    name: models.CharField[str, str] = models.CharField("Dateiname", max_length=255)
    stored: models.CharField[str, str] = models.CharField(max_length=300)  # name in the storage
    content_type: models.CharField[str, str] = models.CharField(max_length=100)
    type_label: models.CharField[str, str] = models.CharField("Dateityp", max_length=100)
    size: models.PositiveBigIntegerField[int, int] = models.PositiveBigIntegerField("Größe")
    sha256: models.CharField[str, str] = models.CharField("SHA-256", max_length=64)
    text_note: models.CharField[str, str] = models.CharField(max_length=500, blank=True)
    uploaded_by: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_by_name: models.CharField[str, str] = models.CharField(max_length=150, blank=True)
    uploaded: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(
        auto_now_add=True
    )
    superseded_by: models.ForeignKey[Any, Any] = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )

    class Meta:
        ordering = ("agreement", "-uploaded", "-pk")
        verbose_name = "Anlage"
        verbose_name_plural = "Anlagen"

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.name}"

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)


class Note(models.Model):
    """A Vermerk: a dated, signed note on an agreement."""

    agreement_id: int

    agreement: models.ForeignKey[Agreement, Agreement] = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="notes"
    )
    day: models.DateField[dt.date, dt.date] = models.DateField("Datum")
    text: models.TextField[str, str] = models.TextField("Vermerk")
    author: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    author_name: models.CharField[str, str] = models.CharField(max_length=150)
    created: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(
        auto_now_add=True
    )

    class Meta:
        ordering = ("agreement", "-created", "-pk")
        verbose_name = "Vermerk"
        verbose_name_plural = "Vermerke"

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.text[:40]}"


class SearchText(models.Model):
    """The searchable words of an agreement (``attachment`` empty) or of an attachment."""

    agreement_id: int
    attachment_id: int | None

    agreement: models.ForeignKey[Agreement, Agreement] = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="+"
    )
    attachment: models.OneToOneField[Any, Any] = models.OneToOneField(
        Attachment, null=True, blank=True, on_delete=models.CASCADE, related_name="search_text"
    )
    body: models.TextField[str, str] = models.TextField()

    class Meta:
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(
                fields=("agreement",), condition=models.Q(attachment__isnull=True),
                name="one_search_text_per_agreement",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.agreement_id}/{self.attachment_id or '-'}"
