"""The project profile (Steckbrief) of Interkommunales.NRW: what the agreement text lacks.

Fields follow the portal's Steckbrief (seeds 001 and 004): title, keywords, region, population
with date and source, area, occasion, goal, implementation, financing, legal form, contact, links.
"""

from __future__ import annotations

from pydantic import Field

from vereinbarung.model.fields import GermanDate, Text
from vereinbarung.model.links import Link
from vereinbarung.model.parties import FrozenModel

__all__ = ["Profile"]


class Profile(FrozenModel):
    """Fields of the Interkommunales.NRW project profile (Steckbrief) that the text lacks."""

    title: Text | None = Field(
        default=None, description="Titel im Steckbrief; fehlt er, der Titel der Vereinbarung"
    )
    keywords: tuple[Text, ...] = Field(default=(), description="Stichworte")
    other_participants: tuple[Text, ...] = Field(default=(), description="Sonstige Beteiligte")
    region: Text | None = Field(
        default=None, description="Regierungsbezirk der hauptverantwortlichen Kommune"
    )
    population: int | None = Field(default=None, ge=0, description="Einwohnerzahl")
    population_date: GermanDate | None = Field(
        default=None, description="Stichtag der Einwohnerzahl"
    )
    population_source: Text | None = Field(default=None, description="Quelle, z. B. IT.NRW")
    area_km2: float | None = Field(default=None, ge=0, description="Fläche in km²")
    occasion: Text | None = Field(default=None, description="Anlass")
    goal: Text | None = Field(default=None, description="Ziel")
    implementation: tuple[Text, ...] = Field(default=(), description="Umsetzung (Absätze)")
    financing: Text | None = Field(
        default=None, description="Finanzierung; fehlt sie, die Kostenregelung"
    )
    legal_form: Text | None = Field(default=None, description="Rechtsform")
    since: int | None = Field(
        default=None, ge=1900, le=2200, description="Zusammenarbeit seit (Jahr)"
    )
    contact: tuple[Text, ...] = Field(default=(), description="Kontakt (Zeilen)")
    links: tuple[Link, ...] = Field(
        default=(),
        description="Links: {title: Text, url: https://…}, eine Web-Adresse oder nur ein Titel",
    )
