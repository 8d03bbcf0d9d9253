"""The sender of a letter (Absender): the office, its Aktenzeichen, contact and signatories.

A Kündigung or an Umlageberechnung is a letter of a municipality: DIN 5008 puts the office,
the Aktenzeichen ("Unser Zeichen"), the contact person, telephone, e-mail and date into the
Informationsblock, and the representation rules of the Land decide who signs (in
Nordrhein-Westfalen the Bürgermeister and a second authorised signatory, § 64 Abs. 1 GO NRW).
The agreement file does not hold these details (they change more often than the agreement);
they come from a small sender profile, ``vereinbarung render … --absender absender.yaml``::

    party: Gemeinde Rommerskirchen
    department: Rechtsamt
    reference: 30.2-12/2026
    contact: Anna Beispiel
    phone: 02183 123-456
    email: recht@rommerskirchen.example
    signatories:
      - {name: Martin Mertens, title: Bürgermeister}
      - {name: Petra Muster, title: Allgemeine Vertreterin}

The e-mail address is checked for its syntax (RFC 5322 addr-spec in the dot-atom form that
RFC 5321 § 4.1.2 allows for a mailbox, without quoted local parts or address literals, which
no office uses): one »@«, a local part and a domain of at least two labels, no spaces.
»kaya at werl.de« is refused with a German error naming the value.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from vereinbarung.model.agreement import Address
from vereinbarung.model.fields import Text

__all__ = ["Sender", "Signatory"]

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9\u00c0-\uffff](?:[A-Za-z0-9\u00c0-\uffff-]{0,61}[A-Za-z0-9\u00c0-\uffff])?"
_EMAIL = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})+")


def _check_email(value: str) -> str:
    """*value* if it is an e-mail address by its syntax, else ValueError (German).

    >>> _check_email("recht@rommerskirchen.example")
    'recht@rommerskirchen.example'
    >>> _check_email("kaya at werl.de")
    Traceback (most recent call last):
    ValueError: »kaya at werl.de« ist keine E-Mail-Adresse (erwartet z. B. name@stadt.de)
    """
    if len(value) > 254 or not _EMAIL.fullmatch(value):
        raise ValueError(f"»{value}« ist keine E-Mail-Adresse (erwartet z. B. name@stadt.de)")
    return value


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Signatory(_Model):
    """A person who signs a letter: name and office ("Bürgermeister", "Beigeordnete")."""

    name: Text = Field(description="Name der unterzeichnenden Person")
    title: Text = Field(description="Amt oder Funktion, z. B. Bürgermeister, Beigeordneter")
    prefix: Text | None = Field(
        default=None,
        description="Vertretungszusatz vor dem Namen, z. B. »In Vertretung« oder »Im Auftrag«",
    )


class Sender(_Model):
    """Absenderangaben eines Schreibens (Informationsblock nach DIN 5008, Unterzeichnende)."""

    party: Text | None = Field(
        default=None,
        description="Partei, für die geschrieben wird (wie unter parties); muss zu --by passen",
    )
    department: Text | None = Field(
        default=None, description="Dienststelle oder Organisationseinheit, z. B. Rechtsamt"
    )
    reference: Text | None = Field(
        default=None,
        description="Aktenzeichen (»Unser Zeichen«); fehlt es, das der Vereinbarung (reference)",
    )
    contact: Text | None = Field(default=None, description="Ansprechpartner oder -partnerin")
    phone: Text | None = Field(default=None, description="Telefon mit Durchwahl")
    email: Text | None = Field(default=None, description="E-Mail-Adresse")
    address: Address | None = Field(
        default=None, description="Anschrift, wenn sie von der der Partei abweicht"
    )
    signatories: tuple[Signatory, ...] = Field(
        default=(),
        description=(
            "Unterzeichnende in der Reihenfolge der Unterschriften; fehlt die erste, die "
            "vertretende Person der Partei"
        ),
    )

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return None if value is None else _check_email(value)
