"""The agreement model: parties, text, term clause, costs, signatures.

Frozen pydantic v2 models; unknown keys are rejected, so a typo in a file is an error and never
silently ignored. The structure follows the reference agreement (seed 002): title and subtitle,
legal basis, parties with representative and address, preamble, numbered sections (§) with
numbered paragraphs and lettered items, the term clause as data, costs, one signature block per
party. The field names are the public file format (see ``vereinbarung schema``).

The date rules live below this module (:mod:`vereinbarung.law.terms`); :meth:`Agreement.rule_on`
hands them the term clause in force on a day. What holds on a day is computed above, by
:func:`vereinbarung.state.day.state_on`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from enum import StrEnum
from typing import Literal, TypeVar

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
)

from vereinbarung.errors import VereinbarungError
from vereinbarung.law.terms import TermRule
from vereinbarung.law.workdays import (
    LOCAL_HOLIDAYS,
    check_land,
    check_local_holidays,
    holiday_area,
)
from vereinbarung.model.clauses import Costs, Paragraph, Section, Term
from vereinbarung.model.event_checks import check_events, not_a_party
from vereinbarung.model.events import (
    Amendment,
    Event,
    OnPartyNotice,
)
from vereinbarung.model.fields import Text
from vereinbarung.model.parties import (
    Address,
    Contact,
    FrozenModel,
    Party,
    PartyKind,
    Representative,
    Signature,
    infer_party_kind,
)
from vereinbarung.model.profile import Profile

__all__ = [  # parties, profile and clause models are re-exported: the model is one import away
    "Address",
    "Agreement",
    "Contact",
    "Costs",
    "Paragraph",
    "Party",
    "PartyKind",
    "Profile",
    "Regime",
    "Representative",
    "Section",
    "Signature",
    "Term",
    "infer_party_kind",
]


class Regime(StrEnum):
    """The legal regime: decides approval, publication and when the agreement takes effect."""

    CONTRACT = "contract"
    GKG = "gkg"

    @property
    def label(self) -> str:
        """German name of the regime."""
        return {
            Regime.CONTRACT: "öffentlich-rechtlicher Vertrag (§§ 54 ff. VwVfG NRW)",
            Regime.GKG: "öffentlich-rechtliche Vereinbarung (§§ 23–24 GkG NRW)",
        }[self]


_E = TypeVar("_E")

#: A holiday of part of a Land, by its key (:data:`vereinbarung.law.workdays.LOCAL_HOLIDAYS`).
LocalHolidayKey = Literal["assumption_day", "augsburg_peace_festival", "corpus_christi"]


def _area(info: ValidationInfo) -> str:
    """The holiday area of the fields validated so far (a failed Land or list counts as none)."""
    land = info.data.get("land")
    if land is None:
        return "NW"  # the Land's own error is reported; the term is not judged by another one
    return holiday_area(land, info.data.get("local_holidays", ()))


class Agreement(FrozenModel):
    """A cooperation agreement between municipalities (Kooperationsvereinbarung)."""

    title: Text = Field(description="Titel, z. B. Kooperationsvereinbarung")
    subtitle: Text | None = Field(default=None, description="Untertitel, z. B. »über die …«")
    legal_basis: Text | None = Field(default=None, description="Rechtsgrundlage")
    land: str = Field(
        default="NW",
        description="Bundesland (ISO-Kürzel) für Feiertage bei Fristen, Standard NW",
    )
    local_holidays: tuple[LocalHolidayKey, ...] = Field(
        default=(),
        description=(
            "Örtliche Feiertage, die nur in einem Teil des Landes gelten und am Ort der "
            "Vereinbarung gelten (zählen bei Arbeits- und Werktagen nicht mit): "
            + "; ".join(f"{key}: {h.name}, {h.where}" for key, h in LOCAL_HOLIDAYS.items())
        ),
    )
    parties: tuple[Party, ...] = Field(
        min_length=2, description="Vertragspartner (mindestens zwei)"
    )
    preamble: tuple[Text | tuple[Text, ...], ...] = Field(
        default=(), description="Präambel: Absätze (Text) und Aufzählungen (Liste)"
    )
    sections: tuple[Section, ...] = Field(default=(), description="Paragraphen § 1 … § n")
    regime: Regime = Field(
        default=Regime.CONTRACT,
        description=(
            "Rechtsform: contract (öffentlich-rechtlicher Vertrag, Standard) oder gkg "
            "(öffentlich-rechtliche Vereinbarung nach §§ 23–24 GkG NRW)"
        ),
    )
    lead: Text | None = Field(
        default=None,
        description="Federführende (hauptverantwortliche) Partei, Name wie unter parties",
    )
    reference: Text | None = Field(
        default=None,
        description="Aktenzeichen oder andere feste Kennung (hält Kalendereinträge stabil)",
    )
    short_name: Text | None = Field(
        default=None,
        max_length=60,
        description="Kurzname für Listen und Kalendertitel, z. B. »Kinderschutz RKN«",
    )
    department: Text | None = Field(
        default=None, description="Zuständiger Fachbereich oder zuständiges Amt"
    )
    contact: Contact | None = Field(default=None, description="Ansprechperson in der Verwaltung")
    on_party_notice: OnPartyNotice | None = Field(
        default=None,
        description=(
            "Wirkung der Kündigung einer Partei: party_leaves, ends_for_all, "
            "ends_if_lead_leaves, ends_if_majority; fehlt sie, wird party_leaves angenommen"
        ),
    )
    term: Term = Field(description="Inkrafttreten, Laufzeit, Verlängerung, Kündigung")
    costs: Costs | None = Field(default=None, description="Kosten")
    signatures: tuple[Signature, ...] = Field(default=(), description="Unterschriftenblöcke")
    profile: Profile | None = Field(
        default=None, description="Angaben für den Steckbrief von Interkommunales.NRW"
    )
    review: tuple[Text, ...] = Field(
        default=(),
        description=(
            "Offene Prüfpunkte (z. B. aus »vereinbarung import«); solange welche offen sind, "
            "weisen deadlines, status und check darauf hin. Erledigte Punkte löschen."
        ),
    )
    events: tuple[Event, ...] = Field(
        default=(),
        description=(
            "Ereignisse: signed, approval_requested, approved, approval_refused, published, "
            "notice, extraordinary_notice, amendment, terminated_by_agreement, joined"
        ),
    )

    @field_validator("land")
    @classmethod
    def _known_land(cls, value: str) -> str:
        return check_land(value)

    @field_validator("local_holidays")
    @classmethod
    def _local_in_land(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        land = info.data.get("land")
        return check_local_holidays(land, value) if land is not None else value

    @field_validator("parties")
    @classmethod
    def _unique_parties(cls, value: tuple[Party, ...]) -> tuple[Party, ...]:
        seen: set[str] = set()
        for party in value:
            if party.name in seen:
                raise ValueError(f"die Partei »{party.name}« steht mehrfach in der Liste")
            seen.add(party.name)
        return value

    @field_validator("lead")
    @classmethod
    def _lead_is_a_party(cls, value: str | None, info: ValidationInfo) -> str | None:
        parties = info.data.get("parties")
        if value is not None and parties is not None and value not in {p.name for p in parties}:
            raise not_a_party(value, parties)
        return value

    @field_validator("sections")
    @classmethod
    def _unique_sections(cls, value: tuple[Section, ...]) -> tuple[Section, ...]:
        numbers = [s.number for s in value]
        for number in numbers:
            if numbers.count(number) > 1:
                raise ValueError(f"§ {number} kommt mehrfach vor")
        return value

    @field_validator("signatures")
    @classmethod
    def _signatures_of_parties(
        cls, value: tuple[Signature, ...], info: ValidationInfo
    ) -> tuple[Signature, ...]:
        parties = info.data.get("parties")
        if parties is None:
            return value
        names = {p.name for p in parties}
        seen: set[str] = set()
        for signature in value:
            if signature.party not in names:
                raise ValueError(
                    f"Unterschrift für »{signature.party}«, das ist keine der Parteien "
                    f"({', '.join(sorted(names))})"
                )
            if signature.party in seen:
                raise ValueError(f"zwei Unterschriftenblöcke für »{signature.party}«")
            seen.add(signature.party)
        return value

    @field_validator("on_party_notice")
    @classmethod
    def _policy_needs_lead(
        cls, value: OnPartyNotice | None, info: ValidationInfo
    ) -> OnPartyNotice | None:
        if value is OnPartyNotice.ENDS_IF_LEAD_LEAVES and info.data.get("lead") is None:
            raise ValueError("ends_if_lead_leaves braucht die federführende Partei (lead)")
        return value

    @field_validator("costs")
    @classmethod
    def _costs_name_parties(cls, value: Costs | None, info: ValidationInfo) -> Costs | None:
        parties = info.data.get("parties")
        if value is None or parties is None:
            return value
        names = {p.name for p in parties}
        mentioned = [
            ("payee", [value.payee] if value.payee else []),
            ("exempt", list(value.exempt)),
            ("percentages", list(value.percentages)),
            *(
                (f"population ({f.date.strftime('%d.%m.%Y')})", list(f.figures))
                for f in value.population
            ),
            *((f"cases ({year})", list(figures)) for year, figures in value.cases.items()),
        ]
        for field, listed in mentioned:
            for name in listed:
                if name not in names:
                    raise not_a_party(name, parties, f"{field}: ")
        return value

    @field_validator("term")
    @classmethod
    def _term_in_land(cls, value: Term, info: ValidationInfo) -> Term:
        # working days are counted without the holidays of the agreement's Land and place
        return value.in_land(_area(info))

    @field_validator("events")
    @classmethod
    def _amendments_in_land(
        cls, value: tuple[Event, ...], info: ValidationInfo
    ) -> tuple[Event, ...]:
        land = _area(info)
        return tuple(
            event.model_copy(update={"term": event.term.in_land(land)})
            if isinstance(event, Amendment) and event.term is not None
            else event
            for event in value
        )

    @field_validator("events")
    @classmethod
    def _events_fit(cls, value: tuple[Event, ...], info: ValidationInfo) -> tuple[Event, ...]:
        parties = info.data.get("parties")
        if parties is not None:
            check_events(value, parties)
        return value

    @property
    def holiday_area(self) -> str:
        """The Land with the local holidays of the agreement's place (``"BY+assumption_day"``):
        whose holidays a count of Arbeitstage or Werktage leaves out."""
        if not self.local_holidays:
            return self.land
        return holiday_area(self.land, self.local_holidays)

    @property
    def full_title(self) -> str:
        """Title and subtitle in one line."""
        return f"{self.title} {self.subtitle}" if self.subtitle else self.title

    def party(self, name: str) -> Party:
        """The party called *name*; a German error if there is none."""
        for party in self.parties:
            if party.name == name:
                return party
        raise VereinbarungError(
            f"»{name}« ist keine Partei dieser Vereinbarung "
            f"({', '.join(p.name for p in self.parties)})."
        )

    def section(self, number: int) -> Section | None:
        """Section § *number*, or None."""
        return next((s for s in self.sections if s.number == number), None)

    def events_of(self, kind: type[_E]) -> tuple[_E, ...]:
        """The recorded events of one type (exactly *kind*), in the order of the file."""
        fields = self.__dict__
        cached = fields.get("_events_index")
        if cached is None or cached[0] is not fields["events"]:
            return self.events_by_type().get(kind, ())  # type: ignore[arg-type, return-value]
        return cached[1].get(kind, ())  # type: ignore[no-any-return]

    def events_by_type(self) -> Mapping[type[Event], tuple[Event, ...]]:
        """The recorded events by their type, each in the order of the file.

        Indexed once per agreement (the state asks for signatures, notices, amendments … of
        the same agreement again and again); a copy with other events gets its own index.
        """
        fields = self.__dict__
        cached = fields.get("_events_index")
        events = fields["events"]
        if cached is None or cached[0] is not events:
            index: dict[type[Event], list[Event]] = {}
            for event in events:
                index.setdefault(type(event), []).append(event)
            cached = (events, {key: tuple(found) for key, found in index.items()})
            fields["_events_index"] = cached
        return cached[1]

    def version_on(self, day: dt.date) -> Agreement:
        """The agreement as in force on *day*: amendments effective by then applied in order.

        An amendment's ``term`` replaces the term clause, its ``sections`` replace (or add) the
        sections with their numbers.
        """
        recorded = self.events_of(Amendment)
        if not recorded:
            return self
        amendments = sorted(
            (e for e in recorded if e.effective <= day and e.date <= day),
            key=lambda a: (a.effective, a.date),
        )
        if not amendments:
            return self
        term = self.term
        sections = {s.number: s for s in self.sections}
        for amendment in amendments:
            term = amendment.term or term
            sections.update({s.number: s for s in amendment.sections})
        return self.model_copy(
            update={"term": term, "sections": tuple(sections[n] for n in sorted(sections))}
        )

    def rule_on(self, day: dt.date, *, effective: dt.date | None = None) -> TermRule:
        """The term clause in force on *day* as input for the date rules.

        *effective*: the day the agreement actually took effect, where that differs from the
        clause (GkG publication, the last signature); a term given as a duration then runs from
        that day, and no Kündigungstermin lies on or before it (issue 24). A given end of the
        term stays as written (and the day stays the clause's if it would lie after that end).
        """
        term = self.version_on(day).term
        rule, duration = term.rule, term.duration
        if effective is None or effective == rule.effective:
            return rule
        shifted: dict[dt.date, TermRule] = term.__dict__.setdefault("rule_from", {})
        if effective in shifted:  # kept with the clause like its rule: built once per day
            return shifted[effective]
        if duration is not None:
            rule = replace(rule, effective=effective, first_end=duration.end_of_term(effective))
        elif rule.first_end is None or effective <= rule.first_end:
            rule = replace(rule, effective=effective)
        if len(shifted) < 8:
            shifted[effective] = rule
        return rule
