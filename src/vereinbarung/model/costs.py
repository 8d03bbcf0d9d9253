"""The cost clause: amount per budget year, payee, cost key (Kostenschlüssel), payment schedule.

Keys as real agreements use them (``vereinbarungen.md``, "Cost sharing"):

* ``equal``: equal shares;
* ``population``: by Einwohnerzahl at a reference date, figures with their source (IT.NRW);
  ``population_lag`` says which reference date a budget year uses (2: "31.12. des
  Vorvorjahres", 1: "31.12. des Vorjahres");
* ``cases``: by case numbers per party and year, ``cases_lag`` years before the budget year;
* ``fixed``: percentages that add up to 100;
* ``base_plus``: a fixed base amount per party, the rest by ``rest_key``.

``payee_account`` is the payee's bank account for the Umlageberechnung letter: IBAN (checked
with its ISO 13616 check digits and the country's structure by the maintained library
``schwifty``, imported only when an account is given), BIC, Kontoinhaber, Kassenzeichen,
Verwendungszweck.

Parties listed in ``exempt`` carry no share (a Kreis acting for its Gemeinden). ``changes``
says how a party that joins or leaves during a budget year pays. Amounts are euros with cents
(:class:`decimal.Decimal`), never floats.

>>> Costs(summary="Gleiche Anteile.", key="equal", amount="1000").amount
Decimal('1000.00')
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from vereinbarung.model.accounts import BankAccount
from vereinbarung.model.fields import GermanDate, Text

__all__ = [
    "Advance",
    "ChangeRule",
    "CostKey",
    "Costs",
    "PopulationFigures",
]

CENT = Decimal("0.01")
#: Amounts from one Billion euros on are refused (they are typos, and Decimal has 28 digits).
MAX_EUROS = Decimal(10) ** 12


def _to_euros(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError(f"»{value}« ist kein Betrag")
    text = str(value).strip().removesuffix("€").strip()
    if isinstance(value, str) and "," in text:  # German: 190.000,00
        text = text.replace(".", "").replace(",", ".")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"»{value}« ist kein Betrag (z. B. 190000.00 oder 190.000,00 €)") from None
    if not amount.is_finite():
        raise ValueError(f"»{value}« ist kein Betrag")
    if amount < 0:
        raise ValueError(f"der Betrag »{value}« ist negativ")
    if amount >= MAX_EUROS:
        raise ValueError(
            f"der Betrag »{value}« ist zu groß (höchstens 999.999.999.999,99 €, eine Billion)"
        )
    if amount != amount.quantize(CENT):
        raise ValueError(f"»{value}«: Beträge haben höchstens zwei Nachkommastellen (Cent)")
    return amount.quantize(CENT)


#: A non-negative amount in euros with cents: ``190000``, ``190000.00``, ``"190.000,00 €"``.
Euros = Annotated[
    Decimal,
    BeforeValidator(_to_euros),
    PlainSerializer(lambda d: str(d), return_type=str),
    WithJsonSchema(
        {
            "type": ["string", "number"],
            "description": "Betrag in Euro mit höchstens zwei Nachkommastellen",
        }
    ),
]


def _to_percent(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError(f"»{value}« ist kein Prozentsatz")
    text = str(value).strip().removesuffix("%").strip().replace(",", ".")
    try:
        percent = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"»{value}« ist kein Prozentsatz") from None
    if not percent.is_finite() or percent < 0 or percent > 100:
        raise ValueError(f"»{value}« liegt nicht zwischen 0 und 100 %")
    return percent


#: A percentage from 0 to 100: ``25``, ``"12,5 %"``.
Percent = Annotated[
    Decimal,
    BeforeValidator(_to_percent),
    PlainSerializer(lambda d: str(d), return_type=str),
    WithJsonSchema({"type": ["string", "number"], "description": "Prozentsatz von 0 bis 100"}),
]

_DAY_MONTH = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?$")


def _to_day_month(value: Any) -> str:
    match = _DAY_MONTH.match(str(value).strip())
    if not match:
        raise ValueError(f"»{value}« ist kein Tag im Jahr (z. B. 30.06.)")
    day, month = int(match.group(1)), int(match.group(2))
    try:
        dt.date(2024, month, day)  # a leap year admits 29.02.
    except ValueError:
        raise ValueError(f"»{value}« ist kein Tag im Jahr") from None
    return f"{day:02d}.{month:02d}."


#: A day of the year, ``30.06.``.
DayMonth = Annotated[
    str,
    BeforeValidator(_to_day_month),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{1,2}\.\d{1,2}\.?$",
            "description": "Tag im Jahr, z. B. 30.06.",
        }
    ),
]


class CostKey(StrEnum):
    """How the amount is divided among the parties."""

    EQUAL = "equal"
    POPULATION = "population"
    CASES = "cases"
    FIXED = "fixed"
    BASE_PLUS = "base_plus"

    @property
    def label(self) -> str:
        """German name of the key."""
        return {
            CostKey.EQUAL: "zu gleichen Teilen",
            CostKey.POPULATION: "nach Einwohnerzahl",
            CostKey.CASES: "nach Fallzahlen",
            CostKey.FIXED: "nach festen Anteilen",
            CostKey.BASE_PLUS: "Sockelbetrag je Partei, Rest nach Schlüssel",
        }[self]


class ChangeRule(StrEnum):
    """How a party that joins or leaves during a budget year pays."""

    FULL_YEAR = "full_year"
    PRO_RATA_DAYS = "pro_rata_days"
    NEXT_YEAR = "next_year"

    @property
    def label(self) -> str:
        """German wording."""
        return {
            ChangeRule.FULL_YEAR: "wer im Haushaltsjahr gebunden ist, zahlt das volle Jahr",
            ChangeRule.PRO_RATA_DAYS: "anteilig nach Tagen der Bindung im Haushaltsjahr",
            ChangeRule.NEXT_YEAR: "Änderungen wirken ab dem nächsten Haushaltsjahr (Stand 1. Januar)",
        }[self]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PopulationFigures(_Model):
    """Einwohnerzahlen of the parties at one reference date, with their source."""

    date: GermanDate = Field(description="Stichtag, z. B. 31.12.2023")
    source: Text = Field(description="Quelle, z. B. IT.NRW")
    figures: dict[str, int] = Field(description="Einwohner je Partei: {Partei: Zahl}")

    @field_validator("figures")
    @classmethod
    def _non_negative(cls, value: dict[str, int]) -> dict[str, int]:
        for party, number in value.items():
            if number < 0:
                raise ValueError(f"Einwohnerzahl von »{party}« ist negativ ({number})")
        return value


class Advance(_Model):
    """An advance payment (Abschlag): a share of the year's amount due on a day of the year."""

    due: DayMonth = Field(description="Fällig am, z. B. 30.06.")
    percent: Percent = Field(description="Anteil am Jahresbetrag in Prozent, z. B. 50")


class Costs(_Model):
    """The cost clause; without ``key`` it is text only (e.g. "keine zusätzlichen Kosten")."""

    summary: Text = Field(description="Kostenregelung in einem Satz, wie in der Vereinbarung")
    section: int | None = Field(default=None, ge=1, description="Nummer des Kosten-Paragraphen")
    key: CostKey | None = Field(
        default=None,
        description="Kostenschlüssel: equal, population, cases, fixed, base_plus; fehlt er, keine Umlage",
    )
    amount: Euros | None = Field(default=None, description="Betrag je Haushaltsjahr")
    amounts: dict[int, Euros] = Field(
        default_factory=dict, description="Betrag für einzelne Haushaltsjahre: {Jahr: Betrag}"
    )
    actual: dict[int, Euros] = Field(
        default_factory=dict,
        description="Ist-Kosten je Haushaltsjahr für die Schlussabrechnung: {Jahr: Betrag}",
    )
    payee: Text | None = Field(
        default=None, description="Zahlungsempfänger (Partei); fehlt er, die federführende Partei"
    )
    payee_account: BankAccount | None = Field(
        default=None,
        description="Bankverbindung des Zahlungsempfängers für das Umlageschreiben",
    )
    exempt: tuple[Text, ...] = Field(default=(), description="Parteien ohne Kostenanteil")
    population: tuple[PopulationFigures, ...] = Field(
        default=(), description="Einwohnerzahlen je Stichtag (Schlüssel population)"
    )
    population_lag: int = Field(
        default=2,
        ge=0,
        le=5,
        description="Stichtag 31.12. so viele Jahre vor dem Haushaltsjahr (2: Vorvorjahr, 1: Vorjahr)",
    )
    cases: dict[int, dict[str, int]] = Field(
        default_factory=dict, description="Fallzahlen je Jahr und Partei: {Jahr: {Partei: Zahl}}"
    )
    cases_lag: int = Field(
        default=1,
        ge=0,
        le=5,
        description="Fallzahlen so viele Jahre vor dem Haushaltsjahr (1: Vorjahr)",
    )
    percentages: dict[str, Percent] = Field(
        default_factory=dict, description="Feste Anteile in Prozent je Partei (Schlüssel fixed)"
    )
    base_amount: Euros | None = Field(
        default=None, description="Sockelbetrag je Partei (Schlüssel base_plus)"
    )
    rest_key: CostKey | None = Field(
        default=None, description="Schlüssel für den Rest nach dem Sockel (base_plus)"
    )
    changes: ChangeRule = Field(
        default=ChangeRule.FULL_YEAR,
        description="Beitritt/Austritt im Haushaltsjahr: full_year, pro_rata_days, next_year",
    )
    advances: tuple[Advance, ...] = Field(
        default=(), description="Abschläge, z. B. [{due: 30.06., percent: 50}]"
    )
    settlement: DayMonth = Field(
        default="31.12.", description="Schlussabrechnung nach Ist-Zahlen am (Tag im Jahr)"
    )

    @field_validator("cases")
    @classmethod
    def _cases_non_negative(cls, value: dict[int, dict[str, int]]) -> dict[int, dict[str, int]]:
        for year, figures in value.items():
            for party, number in figures.items():
                if number < 0:
                    raise ValueError(f"Fallzahl {year} von »{party}« ist negativ ({number})")
        return value

    @field_validator("percentages")
    @classmethod
    def _hundred_percent(cls, value: dict[str, Decimal]) -> dict[str, Decimal]:
        if value and sum(value.values()) != 100:
            listed = ", ".join(f"{p} {v} %" for p, v in value.items())
            raise ValueError(f"die Anteile ergeben {sum(value.values())} %, nicht 100 % ({listed})")
        return value

    @field_validator("rest_key")
    @classmethod
    def _rest_key(cls, value: CostKey | None) -> CostKey | None:
        if value is CostKey.BASE_PLUS:
            raise ValueError("der Rest kann nicht wieder nach base_plus verteilt werden")
        return value

    @field_validator("advances")
    @classmethod
    def _advances(cls, value: tuple[Advance, ...]) -> tuple[Advance, ...]:
        total = sum((a.percent for a in value), Decimal(0))
        if total > 100:
            raise ValueError(f"die Abschläge ergeben {total} %, mehr als 100 %")
        return value

    @model_validator(mode="after")
    def _key_has_its_data(self) -> Costs:
        key = self.key
        if key is None:
            return self
        if self.amount is None and not self.amounts:
            raise ValueError(f"Schlüssel {key.value}: es fehlt amount (Betrag je Haushaltsjahr)")
        needs = {key, self.rest_key} if key is CostKey.BASE_PLUS else {key}
        if key is CostKey.BASE_PLUS and (self.base_amount is None or self.rest_key is None):
            raise ValueError("Schlüssel base_plus braucht base_amount und rest_key")
        if CostKey.POPULATION in needs and not self.population:
            raise ValueError("Schlüssel population: es fehlen Einwohnerzahlen (population)")
        if CostKey.CASES in needs and not self.cases:
            raise ValueError("Schlüssel cases: es fehlen Fallzahlen (cases)")
        if CostKey.FIXED in needs and not self.percentages:
            raise ValueError("Schlüssel fixed: es fehlen die Anteile (percentages)")
        return self

    def amount_for(self, year: int) -> Decimal | None:
        """The amount for budget year *year*: from ``amounts``, else ``amount``."""
        return self.amounts.get(year, self.amount)

    def population_for(self, year: int) -> PopulationFigures | None:
        """The figures whose reference date is 31.12. ``population_lag`` years before *year*."""
        wanted = dt.date(year - self.population_lag, 12, 31)
        return next((p for p in self.population if p.date == wanted), None)
