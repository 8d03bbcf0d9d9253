"""The view of the Interkommunales.NRW project profile (Steckbrief; seeds 001 and 004).

Fields the file leaves empty fall back to the agreement where it has them (title, financing,
legal form, since); the ones that stay empty are listed in ``missing`` so the document can say
which are missing instead of rendering a page of dashes. Links print with their address.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from vereinbarung.documents.views.common import PartyView
from vereinbarung.law.dates import format_date
from vereinbarung.model.agreement import Agreement
from vereinbarung.model.german import format_number, sort_key


@dataclass(frozen=True, slots=True)
class LinkView:
    """A link of the Steckbrief: ``title`` (or the address), ``url`` or None, and ``rich``,
    the hyperlink for ``{{r link.rich }}`` (set while rendering, where the document is open)."""

    title: str
    url: str | None
    text: str
    """"Rhein-Kreis Neuss – https://www.rhein-kreis-neuss.de"; the title alone without url."""
    rich: Any = None


#: Fields of the Steckbrief that may stay empty: German label, key under ``profile``.
PROFILE_FIELDS = (
    ("Stichworte", "keywords"),
    ("Sonstige Beteiligte", "other_participants"),
    ("Regierungsbezirk", "region"),
    ("Einwohnerzahl", "population"),
    ("Fläche", "area_km2"),
    ("Anlass", "occasion"),
    ("Ziel", "goal"),
    ("Umsetzung", "implementation"),
    ("Finanzierung", "financing"),
    ("Kontakt", "contact"),
    ("Links", "links"),
)


@dataclass(frozen=True, slots=True)
class ProfileView:
    """The Interkommunales.NRW project profile (seeds 001, 004), with fallbacks from the text."""

    title: str
    """The title of the profile (``profile.title``), else the agreement's title and subtitle."""
    participants: tuple[str, ...]
    participants_text: str
    keywords: tuple[str, ...]
    lead: str | None
    other_participants: tuple[str, ...]
    region: str | None
    population: str | None
    """"452.496 (31.12.2021; IT.NRW)"."""
    area: str | None
    """"785,00 km²"."""
    summary: tuple[str, ...]
    """The "Kurzprofil" lines: lead, Regierungsbezirk, Einwohner, Fläche (those known)."""
    occasion: str | None
    goal: str | None
    implementation: tuple[str, ...]
    financing: str | None
    legal_form: str
    since: int
    contact: tuple[str, ...]
    links: tuple[LinkView, ...]
    missing: tuple[str, ...]
    """The German labels of the fields without a value (:data:`PROFILE_FIELDS`)."""
    missing_text: str | None
    """The note that names them and the keys to fill in, or None if nothing is missing: for
    the terminal or the web page, never for the document (its keys are the file's, issue 23)."""
    warnings: tuple[str, ...]
    mostly_empty: bool = False
    """More than half of :data:`PROFILE_FIELDS` are empty: the Steckbrief is refused unless
    asked for (``--auch-unvollstaendig``)."""


def profile_view(agreement: Agreement, parties: Sequence[PartyView]) -> ProfileView:
    profile = agreement.profile
    lead = next((p for p in parties if p.is_lead), None)
    others = sorted(
        {p.short_name for p in parties if not p.is_lead}
        | {name for p in parties for name in p.acts_for},
        key=sort_key,
    )
    participants = ([lead.name] if lead else []) + others
    warnings = []
    if lead is None:
        warnings.append(
            "Keine federführende Partei (lead) angegeben: im Steckbrief bleibt "
            "»Hauptverantwortlich« offen."
        )
    population = area = None
    if profile and profile.population is not None:
        details = "; ".join(
            x
            for x in (
                format_date(profile.population_date) if profile.population_date else None,
                profile.population_source,
            )
            if x
        )
        population = format_number(profile.population) + (f" ({details})" if details else "")
    if profile and profile.area_km2 is not None:
        area = f"{format_number(profile.area_km2, 2)} km²"
    summary = [
        line
        for line in (
            lead.name if lead else None,
            f"Regierungsbezirk {profile.region}" if profile and profile.region else None,
            f"Einwohner: {population}" if population else None,
            f"Fläche: {area}" if area else None,
        )
        if line
    ]
    financing = (profile.financing if profile else None) or (
        agreement.costs.summary if agreement.costs else None
    )
    links = tuple(
        LinkView(
            title=link.label,
            url=link.url,
            text=f"{link.title} – {link.url}" if link.title and link.url else link.label,
        )
        for link in (profile.links if profile else ())
    )
    values = {
        "keywords": profile.keywords if profile else (),
        "other_participants": profile.other_participants if profile else (),
        "region": profile.region if profile else None,
        "population": population,
        "area_km2": area,
        "occasion": profile.occasion if profile else None,
        "goal": profile.goal if profile else None,
        "implementation": profile.implementation if profile else (),
        "financing": financing,
        "contact": profile.contact if profile else (),
        "links": links,
    }
    empty = [(label, key) for label, key in PROFILE_FIELDS if not values[key]]
    missing_text = None
    mostly_empty = len(empty) > len(PROFILE_FIELDS) // 2
    if empty:
        missing_text = (
            f"Noch ohne Angabe: {', '.join(label for label, _ in empty)}. Ergänzen im Abschnitt "
            f"»profile« der Vereinbarungsdatei: {', '.join(key for _, key in empty)}."
        )
        warnings.append(f"Steckbrief: {missing_text}")
    return ProfileView(
        title=(profile.title if profile else None) or agreement.full_title,
        participants=tuple(participants),
        participants_text=", ".join(participants),
        keywords=profile.keywords if profile else (),
        lead=lead.name if lead else None,
        other_participants=profile.other_participants if profile else (),
        region=profile.region if profile else None,
        population=population,
        area=area,
        summary=tuple(summary),
        occasion=profile.occasion if profile else None,
        goal=profile.goal if profile else None,
        implementation=profile.implementation if profile else (),
        financing=financing,
        legal_form=(profile.legal_form if profile else None) or agreement.regime.label,
        since=(profile.since if profile else None) or agreement.term.effective.year,
        contact=profile.contact if profile else (),
        links=links,
        missing=tuple(label for label, _ in empty),
        missing_text=missing_text,
        warnings=tuple(warnings),
        mostly_empty=mostly_empty,
    )
