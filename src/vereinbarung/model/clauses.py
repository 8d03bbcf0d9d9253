"""The clauses of an agreement: numbered sections and the term clause (the cost clause: costs.py).

Frozen pydantic models like the rest of the model (:mod:`vereinbarung.model.agreement`); kept apart so that
events (an amendment carries new sections and a new term clause) can use them.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from vereinbarung.law.dates import format_date
from vereinbarung.law.periods import Period
from vereinbarung.law.terms import NoticeTo, TermRule
from vereinbarung.model.costs import Costs
from vereinbarung.model.fields import INDEFINITE, GermanDate, PeriodField, RenewalField, Text

__all__ = ["Costs", "Paragraph", "Section", "Term"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Paragraph(_Model):
    """A numbered paragraph (Absatz) of a section, with optional lettered items a), b) …."""

    text: Text = Field(description="Text des Absatzes (Zeilenumbrüche bleiben erhalten)")
    items: tuple[Text, ...] = Field(
        default=(), description="Aufzählung a), b), … nach dem Text; Buchstaben werden gezählt"
    )

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return {"text": data} if isinstance(data, str) else data


class Section(_Model):
    """A section "§ n" with heading and paragraphs; one paragraph alone is printed without "(1)"."""

    number: int = Field(ge=1, description="Nummer des Paragraphen (§)")
    heading: Text = Field(description="Überschrift")
    paragraphs: tuple[Paragraph, ...] = Field(min_length=1, description="Absätze")


class Term(_Model):
    """The term clause: Inkrafttreten, Laufzeit, Verlängerung, Kündigung."""

    effective: GermanDate = Field(description="Inkrafttreten")
    ends: GermanDate | None = Field(
        default=None, description="Ende der ersten Laufzeit (statt duration)"
    )
    duration: PeriodField | None = Field(
        default=None, description="Dauer der ersten Laufzeit ab Inkrafttreten (statt ends)"
    )
    renewal: RenewalField | None = Field(
        default=None,
        description="Automatische Verlängerung um jeweils diese Frist, oder »unbestimmte Zeit«",
    )
    notice: PeriodField | None = Field(default=None, description="Kündigungsfrist")
    notice_to: NoticeTo = Field(
        default=NoticeTo.TERM_END,
        validate_default=True,
        description=(
            "Kündigungstermin: term_end (zum Laufzeitende), year_end (zum Ende eines "
            "Kalenderjahres), quarter_end (Kalendervierteljahr), month_end (Monatsende)"
        ),
    )
    earliest_end: GermanDate | None = Field(default=None, description="Kündigung frühestens zum")
    clause: Text | None = Field(
        default=None, description="Fundstelle der Klausel in der Vereinbarung, z. B. § 5"
    )
    placeholders: tuple[Literal["effective", "ends", "duration", "notice", "earliest_end"], ...] = (
        Field(
            default=(),
            description=(
                "Felder mit einem Platzhalter statt des wirklichen Werts (z. B. [effective], wenn "
                "das Inkrafttreten noch aus dem Amtsblatt einzutragen ist); solange einer hier "
                "steht, gilt die Vereinbarung als unbestätigt und es werden keine Fristen genannt"
            ),
        )
    )

    @field_validator("ends", "earliest_end")
    @classmethod
    def _not_before_start(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        effective = info.data.get("effective")
        if value is not None and effective is not None and value < effective:
            what = "Laufzeitende" if info.field_name == "ends" else "»frühestens zum«"
            raise ValueError(
                f"{what} {format_date(value)} liegt vor dem Inkrafttreten {format_date(effective)}"
            )
        return value

    @field_validator("duration")
    @classmethod
    def _one_end(cls, value: Period | None, info: ValidationInfo) -> Period | None:
        if value is not None and info.data.get("ends") is not None:
            raise ValueError(
                "entweder ends (Laufzeitende) oder duration (Dauer) angeben, nicht beides"
            )
        return value

    @field_validator("renewal")
    @classmethod
    def _renewal_needs_end(
        cls, value: Period | str | None, info: ValidationInfo
    ) -> Period | str | None:
        if (
            value is not None
            and info.data.get("ends") is None
            and info.data.get("duration") is None
        ):
            raise ValueError("eine Verlängerung setzt ein Laufzeitende (ends oder duration) voraus")
        return value

    @field_validator("notice_to")
    @classmethod
    def _something_to_end(cls, value: NoticeTo, info: ValidationInfo) -> NoticeTo:
        if "ends" not in info.data or "duration" not in info.data:
            return value  # an end that failed its own check is reported there already
        has_end = info.data.get("ends") is not None or info.data.get("duration") is not None
        if value is NoticeTo.TERM_END and info.data.get("notice") is not None and not has_end:
            raise ValueError(
                "term_end (zum Laufzeitende), aber die Vereinbarung läuft auf unbestimmte Zeit "
                "und hat kein Laufzeitende; gemeint ist wohl year_end, quarter_end oder month_end"
            )
        return value

    @property
    def first_end(self) -> dt.date | None:
        """End of the first term: given, or computed from the duration (§ 188 Abs. 2 BGB)."""
        if self.ends is not None:
            return self.ends
        if self.duration is not None:
            return self.duration.end_of_term(self.effective)
        return None

    @property
    def indefinite(self) -> bool:
        """Whether the agreement runs for an indefinite time from the start."""
        return self.first_end is None

    @cached_property
    def rule(self) -> TermRule:
        """The clause as input for the date rules."""
        renewal = self.renewal
        return TermRule(
            effective=self.effective,
            first_end=self.first_end,
            renewal=renewal if isinstance(renewal, Period) else None,
            renews_indefinitely=renewal == INDEFINITE,
            notice=self.notice,
            notice_to=self.notice_to,
            earliest_end=self.earliest_end,
            clause=self.clause,
            duration=self.duration,
        )
