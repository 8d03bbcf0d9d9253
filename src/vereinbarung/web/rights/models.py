"""Who may do what with which agreement: Kommunen, Fachbereiche and memberships (issue 26).

* :class:`Kommune`: a municipality the register serves (one register may serve many, e.g. a
  Kreis hosting it for its Gemeinden).
* :class:`Fachbereich`: a department, of one Kommune or of none (a register of one Kommune).
  An agreement's Fachbereich is the ``department`` key of its file, linked on every save
  (:mod:`vereinbarung.web.register.services`).
* :class:`Membership`: a role a user holds in one Fachbereich, or in all (``fachbereich`` empty).
* :class:`Partner`: a Kommune of the register that is a party of an agreement owned by another
  one (one agreement, several municipalities): its members read it and record their party's
  events (:mod:`vereinbarung.web.rights.partners`).
  The Django groups *Lesen*, *Bearbeiten*, *Freigeben*, *Verwalten*
  (:mod:`vereinbarung.web.accounts.roles`) count as memberships in all Fachbereiche, so registers
  and accounts from before keep their rights unchanged.

The checks themselves are in :mod:`vereinbarung.web.rights.checks` (one permission check).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models

#: The roles, lowest first; each includes the ones before it.
ROLE_NAMES = ("Lesen", "Bearbeiten", "Freigeben", "Verwalten")


class Kommune(models.Model):
    """A municipality served by the register."""

    name: models.CharField[str, str] = models.CharField("Name", max_length=200, unique=True)

    class Meta:
        ordering = ("name",)
        verbose_name = "Kommune"
        verbose_name_plural = "Kommunen"

    def __str__(self) -> str:
        return str(self.name)


class Fachbereich(models.Model):
    """A department (of one Kommune, or of the register's only one: ``kommune`` empty)."""

    name: models.CharField[str, str] = models.CharField("Name", max_length=200)
    kommune: models.ForeignKey[Kommune | None, Kommune | None] = models.ForeignKey(
        Kommune, null=True, blank=True, on_delete=models.PROTECT, related_name="fachbereiche"
    )

    class Meta:
        ordering = ("kommune__name", "name")
        verbose_name = "Fachbereich"
        verbose_name_plural = "Fachbereiche"
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=("name", "kommune"), name="one_fachbereich_name"),
            models.UniqueConstraint(
                fields=("name",),
                condition=models.Q(kommune__isnull=True),
                name="one_fachbereich_name_without_kommune",
            ),
        ]

    def __str__(self) -> str:
        kommune = self.kommune
        return f"{self.name} ({kommune.name})" if kommune is not None else str(self.name)


class Membership(models.Model):
    """*user* holds *role* in *fachbereich* (empty: in all Fachbereiche)."""

    ROLES = [(name, name) for name in ROLE_NAMES]  # noqa: RUF012

    user: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    fachbereich: models.ForeignKey[Fachbereich | None, Fachbereich | None] = models.ForeignKey(
        Fachbereich,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="Fachbereich (leer: alle)",
    )
    role: models.CharField[str, str] = models.CharField("Rolle", max_length=20, choices=ROLES)
    created: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(
        auto_now_add=True
    )

    class Meta:
        ordering = ("user", "fachbereich__name", "role")
        verbose_name = "Mitgliedschaft"
        verbose_name_plural = "Mitgliedschaften"
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=("user", "fachbereich", "role"), name="one_membership"),
        ]

    def __str__(self) -> str:
        fachbereich = self.fachbereich
        where = fachbereich.name if fachbereich is not None else "alle Fachbereiche"
        return f"{self.role} in {where}"

    @property
    def level(self) -> int:
        """1: Lesen … 4: Verwalten."""
        return ROLE_NAMES.index(self.role) + 1


class Partner(models.Model):
    """Kommune *kommune* is the party *party* of *agreement* (derived from the parties' names,
    or set by hand: *by_hand*). A through table here, not a column of the agreements table."""

    agreement: models.ForeignKey[Any, Any] = models.ForeignKey(
        "vereinbarung_register.Agreement", on_delete=models.CASCADE, related_name="partners"
    )
    kommune: models.ForeignKey[Kommune, Kommune] = models.ForeignKey(
        Kommune, on_delete=models.CASCADE, related_name="partners"
    )
    party: models.CharField[str, str] = models.CharField("Partei", max_length=300)
    by_hand: models.BooleanField[bool, bool] = models.BooleanField(default=False)

    class Meta:
        ordering = ("agreement", "party")
        verbose_name = "Partnerkommune"
        verbose_name_plural = "Partnerkommunen"
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=("agreement", "party"), name="one_kommune_per_party"),
        ]
        indexes = [models.Index(fields=("kommune", "agreement"), name="partner_by_kommune")]  # noqa: RUF012

    def __str__(self) -> str:
        return f"{self.party}: {self.kommune_id}"  # type: ignore[attr-defined]


class PendingAct(models.Model):
    """An act recorded by one person that waits for a second person's Freigabe (Vier-Augen).

    *text* is the agreement's whole text with the act, based on version *base*; it becomes a
    version only when approved (:mod:`vereinbarung.web.rights.approval`). Until then the
    agreement's state is computed from its stored text without the act.
    """

    KUENDIGUNG = "kuendigung"
    AUFHEBUNG = "aufhebung"
    AENDERUNG = "aenderung"
    ARCHIVIERUNG = "archivierung"
    KINDS = [  # noqa: RUF012
        (KUENDIGUNG, "Kündigung"),
        (AUFHEBUNG, "Aufhebung"),
        (AENDERUNG, "Änderung"),
        (ARCHIVIERUNG, "Archivierung"),
    ]
    OPEN = "offen"
    APPROVED = "freigegeben"
    REJECTED = "abgelehnt"
    STATUSES = [(OPEN, "zur Freigabe"), (APPROVED, "freigegeben"), (REJECTED, "abgelehnt")]  # noqa: RUF012

    agreement: models.ForeignKey[Any, Any] = models.ForeignKey(
        "vereinbarung_register.Agreement", on_delete=models.PROTECT, related_name="pending_acts"
    )
    kind: models.CharField[str, str] = models.CharField("Art", max_length=20, choices=KINDS)
    summary: models.CharField[str, str] = models.CharField("Was", max_length=500)
    text: models.TextField[str, str] = models.TextField("Text mit dem Vorgang")
    archived: models.BooleanField[bool | None, bool | None] = models.BooleanField(null=True)
    base: models.PositiveIntegerField[int, int] = models.PositiveIntegerField()
    reason: models.CharField[str, str] = models.CharField("Grund", max_length=300, blank=True)
    author: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name: models.CharField[str, str] = models.CharField(max_length=150)
    created: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(
        auto_now_add=True
    )
    status: models.CharField[str, str] = models.CharField(
        max_length=20, choices=STATUSES, default=OPEN
    )
    decided_by: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    decided_name: models.CharField[str, str] = models.CharField(max_length=150, blank=True)
    decided_at: models.DateTimeField[dt.datetime | None, dt.datetime | None] = models.DateTimeField(
        null=True, blank=True
    )
    decision_reason: models.CharField[str, str] = models.CharField(
        "Begründung der Ablehnung", max_length=500, blank=True
    )

    class Meta:
        ordering = ("agreement", "-created", "-pk")
        verbose_name = "Vorgang zur Freigabe"
        verbose_name_plural = "Vorgänge zur Freigabe"

    def __str__(self) -> str:
        return f"{self.kind_label}: {self.summary} ({dict(self.STATUSES)[self.status]})"

    @property
    def kind_label(self) -> str:
        """»Kündigung«, »Aufhebung«, »Änderung« or »Archivierung«."""
        return dict(self.KINDS)[self.kind]
