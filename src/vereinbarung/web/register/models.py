"""An agreement in the register is its document in the file format plus register fields.

``text`` is the YAML text as written (comments kept), validated by the library on every save;
``data`` the same document as JSON (read back without the YAML parser, validated again when
used). Every save adds a :class:`Version`; nothing is deleted, only archived. ``version`` is the
number the next save must be based on (optimistic locking).

Aktenzeichen, Kurzname, Fachbereich and Ansprechperson are keys of the file format
(``reference``, ``short_name``, ``department``, ``contact``): the columns of the same names are
copies taken from the stored document on every save (for the list and its filters), never
edited apart from it. Only ``archived`` is not in the file (``register.csv`` on export).

Rights (issue 26, :mod:`vereinbarung.web.rights`): ``fachbereich`` is the Fachbereich the
``department`` names, linked on every save (empty: no department, visible to every role as
before); ``kommune`` the municipality it belongs to (its Fachbereich's, where that has one);
``confidential`` (»vertraulich«) limits reading to the Fachbereich's members and the Rechtsamt.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models


class Agreement(models.Model):
    """One agreement of the register (current text and register fields)."""

    title: models.CharField[str, str] = models.CharField("Titel", max_length=1000)
    short_name: models.CharField[str, str] = models.CharField(
        "Kurzname", max_length=200, blank=True
    )
    department: models.CharField[str, str] = models.CharField(
        "Fachbereich", max_length=200, blank=True
    )
    contact: models.CharField[str, str] = models.CharField(
        "Ansprechperson", max_length=200, blank=True
    )
    contact_phone: models.CharField[str, str] = models.CharField(
        "Telefon der Ansprechperson", max_length=200, blank=True
    )
    contact_email: models.CharField[str, str] = models.CharField(
        "E-Mail der Ansprechperson", max_length=200, blank=True
    )
    reference: models.CharField[str, str] = models.CharField(
        "Aktenzeichen", max_length=200, blank=True
    )
    lead: models.CharField[str, str] = models.CharField("Federführung", max_length=500, blank=True)
    parties: models.TextField[str, str] = models.TextField(
        "Parteien", blank=True
    )  # one name per line
    search: models.TextField[str, str] = models.TextField(
        blank=True
    )  # lower-case title, parties and text
    text: models.TextField[str, str] = models.TextField("Vereinbarungsdatei (YAML)")
    data: Any = models.JSONField()
    version: models.PositiveIntegerField[int, int] = models.PositiveIntegerField(default=1)
    archived: models.BooleanField[bool, bool] = models.BooleanField("archiviert", default=False)
    created: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(
        auto_now_add=True
    )
    updated: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(auto_now=True)
    file_name: models.CharField[str, str] = models.CharField(
        max_length=255, blank=True
    )  # name in import/export folders
    fachbereich: models.ForeignKey[Any, Any] = models.ForeignKey(
        "vereinbarung_rights.Fachbereich", null=True, blank=True, on_delete=models.PROTECT,
        related_name="agreements", verbose_name="Fachbereich (Rechte)",
    )  # fmt: skip
    kommune: models.ForeignKey[Any, Any] = models.ForeignKey(
        "vereinbarung_rights.Kommune", null=True, blank=True, on_delete=models.PROTECT,
        related_name="agreements",
    )  # fmt: skip
    confidential: models.BooleanField[bool, bool] = models.BooleanField(
        "vertraulich", default=False
    )

    class Meta:
        ordering = ("title", "pk")
        verbose_name = "Vereinbarung"
        verbose_name_plural = "Vereinbarungen"

    def __str__(self) -> str:
        return str(self.short_name or self.title)

    @property
    def party_names(self) -> list[str]:
        return [name for name in self.parties.splitlines() if name]


class Version(models.Model):
    """One saved state of an agreement's text: who, when, why."""

    agreement: models.ForeignKey[Agreement, Agreement] = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="versions"
    )
    number: models.PositiveIntegerField[int, int] = models.PositiveIntegerField()
    text: models.TextField[str, str] = models.TextField()
    author: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    author_name: models.CharField[str, str] = models.CharField(max_length=150, blank=True)
    created: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(
        auto_now_add=True
    )
    reason: models.CharField[str, str] = models.CharField("Grund", max_length=300, blank=True)

    class Meta:
        ordering = ("agreement", "-number")
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=("agreement", "number"), name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.agreement.pk} v{self.number}"


class Stamp(models.Model):
    """The data version of the register: one row, counted up by the database itself.

    Triggers (migration 0003) add one to ``value`` with every INSERT, UPDATE, DELETE (and on
    PostgreSQL TRUNCATE) of an agreement, in the writing transaction: a reader sees the new value
    exactly when it sees the change, whoever made it (this process, another one, plain SQL).
    ``token`` is drawn anew whenever the row is made again, so that a count starting over never
    repeats an old (token, value). Read by :func:`vereinbarung.web.register.stamp.data_version`.
    """

    token: models.CharField[str, str] = models.CharField(max_length=32)
    value: models.BigIntegerField[int, int] = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "Datenstand"

    def __str__(self) -> str:
        return f"{self.token}:{self.value}"
