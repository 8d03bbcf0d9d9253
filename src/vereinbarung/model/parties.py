"""The parties of an agreement: kind of body, representative, address, signature block.

The kind of body (Stadt, Gemeinde, Kreis …) decides the article in documents ("die Stadt",
"der Kreis"); it is inferred from the name where the file does not give it. The representative
is the person who signs for the party (§ 64 Abs. 1 GO NRW: the Bürgermeister, § 42 KrO NRW:
the Landrat); the address is the recipient of a notice.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from vereinbarung.model.fields import GermanDate, PostalCode, Text

__all__ = [
    "Address",
    "FrozenModel",
    "Party",
    "PartyKind",
    "Representative",
    "Signature",
    "infer_party_kind",
]


class FrozenModel(BaseModel):
    """Base of the file models: frozen, unknown keys rejected (a typo is an error)."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=False,
        coerce_numbers_to_str=False,
        use_enum_values=False,
    )


class PartyKind(StrEnum):
    """What kind of body a party is; decides the article in "zwischen der Stadt …"."""

    STADT = "Stadt"
    GEMEINDE = "Gemeinde"
    KREIS = "Kreis"
    STAEDTEREGION = "Städteregion"
    LANDSCHAFTSVERBAND = "Landschaftsverband"
    ZWECKVERBAND = "Zweckverband"
    SONSTIGE = "Sonstige"


def infer_party_kind(name: str) -> PartyKind | None:
    """Guess the kind from a name such as ``Stadt Neuss`` or ``Rhein-Kreis Neuss``."""
    lowered = name.lower()
    for prefix, kind in (
        ("stadt ", PartyKind.STADT),
        ("gemeinde ", PartyKind.GEMEINDE),
        ("städteregion", PartyKind.STAEDTEREGION),
        ("landschaftsverband", PartyKind.LANDSCHAFTSVERBAND),
        ("zweckverband", PartyKind.ZWECKVERBAND),
    ):
        if lowered.startswith(prefix):
            return kind
    if "kreis" in lowered:
        return PartyKind.KREIS
    return None


class Representative(FrozenModel):
    """Who acts for a party: "vertreten durch Herrn Bürgermeister Erik Lierenfeld"."""

    name: Text = Field(description="Name der vertretenden Person, z. B. Erik Lierenfeld")
    title: Text = Field(description="Amt, z. B. Bürgermeister, Bürgermeisterin, Landrat")
    salutation: Text | None = Field(
        default=None,
        description="Anrede Herr oder Frau; fehlt sie, gilt Frau bei einem Amt auf -in, sonst Herr",
    )

    @field_validator("salutation")
    @classmethod
    def _known_salutation(cls, value: str | None) -> str | None:
        if value is not None and value not in ("Herr", "Frau"):
            raise ValueError(f"»{value}« ist keine Anrede (erlaubt: Herr, Frau)")
        return value

    @property
    def form_of_address(self) -> str:
        """``Herr`` or ``Frau``: as given, else inferred from the office (Bürgermeister*in*)."""
        if self.salutation:
            return self.salutation
        return "Frau" if self.title.endswith("in") else "Herr"


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class Contact(FrozenModel):
    """The person in the administration who looks after an agreement (register, reminders)."""

    name: Text = Field(description="Name der Ansprechperson")
    phone: Text | None = Field(default=None, description="Telefon")
    email: Text | None = Field(default=None, description="E-Mail-Adresse")

    @field_validator("email")
    @classmethod
    def _plausible_email(cls, value: str | None) -> str | None:
        # a plausibility check (one @, a domain with a dot, no spaces), not RFC 5322
        if value is not None and not _EMAIL.fullmatch(value):
            raise ValueError(f"»{value}« ist keine E-Mail-Adresse (z. B. name@stadt.de)")
        return value


class Address(FrozenModel):
    """Postal address of a party."""

    street: Text = Field(description="Straße und Hausnummer")
    postal_code: PostalCode = Field(description="Postleitzahl (fünf Ziffern)")
    city: Text = Field(description="Ort")

    def lines(self) -> list[str]:
        """The address as lines: street, then postal code and city."""
        return [self.street, f"{self.postal_code} {self.city}"]


class Party(FrozenModel):
    """A party to the agreement (Vertragspartner)."""

    name: Text = Field(description="Name, z. B. Stadt Dormagen, Rhein-Kreis Neuss")
    kind: PartyKind | None = Field(
        default=None,
        description="Art der Körperschaft; fehlt sie, wird sie aus dem Namen abgeleitet",
    )
    address: Address | None = Field(default=None, description="Anschrift")
    representative: Representative = Field(description="Vertreten durch")
    acts_for: tuple[Text, ...] = Field(
        default=(),
        description="Kommunen, für die diese Partei handelt (z. B. ein Kreisjugendamt)",
    )

    @model_validator(mode="before")
    @classmethod
    def _infer_kind(cls, data: Any) -> Any:
        if (
            isinstance(data, dict)
            and data.get("kind") is None
            and isinstance(data.get("name"), str)
        ):
            kind = infer_party_kind(data["name"])
            if kind is not None:
                data = {**data, "kind": kind}
        return data


class Signature(FrozenModel):
    """A signature block: "Dormagen, den ____", line, name, office."""

    party: Text = Field(description="Name der Partei, wie unter parties")
    place: Text = Field(description="Ort der Unterzeichnung")
    date: GermanDate | None = Field(default=None, description="Datum der Unterzeichnung")
    name: Text | None = Field(
        default=None, description="Unterzeichnende Person; fehlt sie, die vertretende Person"
    )
    title: Text | None = Field(
        default=None, description="Amt; fehlt es, das der vertretenden Person"
    )
