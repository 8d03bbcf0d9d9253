"""A sender profile (Absender) in the schema of :class:`vereinbarung.Sender`.

The profile is stored as the plain data of the library's model (``data``, the same keys as
the file ``render --absender`` reads), validated by it on every save; ``name`` is the label
staff choose it by (»Rechtsamt Rommerskirchen«, »Anna Beispiel, Jugendamt«).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import models

import vereinbarung

NAME_MAX = 120


class SenderProfile(models.Model):
    """One Dienststelle's or person's sender details for letters."""

    name: models.CharField[str, str] = models.CharField(max_length=NAME_MAX, unique=True)
    data: models.JSONField[Any, Any] = models.JSONField(default=dict)
    created: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(
        auto_now_add=True
    )
    updated: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(auto_now=True)
    updated_by: models.CharField[str, str] = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ("name",)
        verbose_name = "Absender"
        verbose_name_plural = "Absender"

    def __str__(self) -> str:
        return self.name

    def sender(self) -> vereinbarung.Sender:
        """The profile as the library's :class:`~vereinbarung.Sender` (validated)."""
        return vereinbarung.sender_from_data(self.data, source=f"Absender »{self.name}«")

    @property
    def party(self) -> str:
        """The party the profile writes for, or '' (any party)."""
        return str(self.data.get("party") or "")

    def missing(self, parties: list[str] | None = None) -> list[str]:
        """What a letter with this profile would still lack to be sent as printed: an empty
        or invalid field (a profile stored before the checks, or uploaded), and, given the
        *parties* of the register's agreements, a Partei that none of them names."""
        labels = (("reference", "Aktenzeichen"), ("contact", "Ansprechperson"),
                  ("phone", "Telefon"), ("email", "E-Mail"))  # fmt: skip
        found = [label for key, label in labels if not self.data.get(key)]
        email = str(self.data.get("email") or "")
        if email:
            try:
                EmailValidator()(email)
            except ValidationError:
                found.append(f"gültige E-Mail-Adresse (»{email}« ist keine)")
        party = self.party
        if parties and party and party not in parties:
            found.append(f"Partei »{party}« kommt in keiner Vereinbarung vor – Schreibweise prüfen")
        if len(self.data.get("signatories") or ()) < 2:  # § 64 Abs. 1 GO NRW
            found.append("zwei Unterzeichnende")
        return found
