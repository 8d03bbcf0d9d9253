"""The payee's bank account for the Umlage: IBAN, BIC, Kontoinhaber, Kassenzeichen, Verwendungszweck.

IBAN and BIC are checked with schwifty (ISO 13616 check digits, each country's length and
structure; ISO 9362 for the BIC), imported only when an account is given.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    Field,
    WithJsonSchema,
)

from vereinbarung.model.fields import Text
from vereinbarung.model.parties import FrozenModel

__all__ = ["BankAccount", "Bic", "Iban"]


def _schwifty_reason(exc: Exception, compact: str) -> str:
    """German words for schwifty's exception *exc* about the IBAN *compact*."""
    from schwifty import exceptions

    country = compact[:2]
    if isinstance(exc, exceptions.InvalidChecksumDigits):
        return "die Prüfziffer stimmt nicht (ISO 13616, Modulo 97); bitte Tippfehler prüfen"
    if isinstance(exc, exceptions.InvalidBBANChecksum):
        return "die Prüfziffer der Kontonummer stimmt nicht; bitte Tippfehler prüfen"
    if isinstance(exc, exceptions.InvalidLength):
        return f"{len(compact)} Zeichen sind nicht die Länge einer IBAN aus {country}"
    if isinstance(exc, exceptions.InvalidCountryCode):
        return f"»{country}« ist kein Ländercode einer IBAN"
    if isinstance(exc, exceptions.InvalidStructure):
        return f"der Aufbau passt nicht zu einer IBAN aus {country}"
    return "sie ist ungültig"


def _to_iban(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"»{value}« ist keine IBAN (z. B. DE89 3704 0044 0532 0130 00)")
    from schwifty import IBAN
    from schwifty.exceptions import SchwiftyException

    compact = "".join(value.split()).upper()
    try:
        iban = IBAN(compact)
    except SchwiftyException as exc:
        raise ValueError(
            f"»{value}« ist keine gültige IBAN: {_schwifty_reason(exc, compact)}"
        ) from None
    return str(iban.formatted)


def _to_bic(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"»{value}« ist keine BIC (z. B. COBADEFFXXX)")
    from schwifty import BIC
    from schwifty.exceptions import SchwiftyException

    try:
        return str(BIC("".join(value.split()).upper()))
    except SchwiftyException:
        raise ValueError(
            f"»{value}« ist keine gültige BIC (8 oder 11 Zeichen: Bank, Land, Ort, Filiale, "
            "z. B. COBADEFFXXX)"
        ) from None


#: An IBAN, checked (ISO 13616 check digits, the country's length and structure) and kept in
#: groups of four: ``DE89 3704 0044 0532 0130 00``.
Iban = Annotated[
    str,
    BeforeValidator(_to_iban),
    WithJsonSchema({"type": "string", "description": "IBAN, z. B. DE89 3704 0044 0532 0130 00"}),
]


#: A BIC (SWIFT code) of 8 or 11 characters.
Bic = Annotated[
    str,
    BeforeValidator(_to_bic),
    WithJsonSchema({"type": "string", "description": "BIC, z. B. COBADEFFXXX"}),
]


class BankAccount(FrozenModel):
    """The payee's bank account that the Umlageberechnung names for the transfer."""

    iban: Iban = Field(description="IBAN des Zahlungsempfängers (mit Prüfziffer geprüft)")
    bic: Bic | None = Field(default=None, description="BIC des Kreditinstituts")
    holder: Text = Field(description="Kontoinhaber, z. B. Rhein-Kreis Neuss – Kreiskasse")
    bank: Text | None = Field(default=None, description="Kreditinstitut, z. B. Sparkasse Neuss")
    cash_reference: Text | None = Field(
        default=None, description="Kassenzeichen, das bei der Überweisung anzugeben ist"
    )
    purpose: Text | None = Field(
        default=None,
        description=(
            "Verwendungszweck ohne Jahr, z. B. »Umlage Adoptionsvermittlung«; das Schreiben "
            "nennt »Kassenzeichen …, Verwendungszweck JAHR, zahlende Partei« (fehlt er: Umlage)"
        ),
    )
