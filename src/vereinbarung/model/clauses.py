"""The clauses of an agreement: numbered sections and the term clause (the cost clause: costs.py).

Frozen pydantic models like the rest of the model (:mod:`vereinbarung.model.agreement`); kept apart so that
events (an amendment carries new sections and a new term clause) can use them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)

from vereinbarung.errors import VereinbarungError
from vereinbarung.law.dates import format_date
from vereinbarung.law.notice import NoticeBy, WorkdayPeriod
from vereinbarung.law.periods import Period
from vereinbarung.law.terms import NoticeDays, NoticeTo, TermRule
from vereinbarung.model.costs import Costs
from vereinbarung.model.fields import (
    INDEFINITE,
    GermanDate,
    NoticeByField,
    NoticeField,
    NoticeToField,
    PeriodField,
    RenewalField,
    Text,
)

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
    notice: NoticeField | None = Field(
        default=None,
        description="Kündigungsfrist: »6 Monate«, »10 Arbeitstage«, »12 Werktage«",
    )
    notice_by: NoticeByField | None = Field(
        default=None,
        description="Statt notice: Zugang bis zu diesem Tag eines Jahres, z. B. »30.06.«",
    )
    notice_to: NoticeToField = Field(
        default=NoticeTo.TERM_END,
        validate_default=True,
        description=(
            "Kündigungstermin: term_end, year_end, half_year_end, quarter_end, month_end oder "
            'feste Tage eines jeden Jahres (»31.07.«, ["31.03.", "30.09."])'
        ),
    )
    earliest_end: GermanDate | None = Field(default=None, description="Kündigung frühestens zum")
    notice_during_term: bool = Field(
        default=False,
        description=(
            "Ordentliche Kündigung auch vor Ablauf der festen Laufzeit erlaubt (»kann auch vor "
            "Ablauf der Laufzeit … gekündigt werden«); sonst bindet die Laufzeit: erster "
            "Kündigungstermin ist ihr Ende (§ 620 Abs. 1, § 542 Abs. 2 BGB, § 62 Satz 2 VwVfG)"
        ),
    )
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

    @model_validator(mode="before")
    @classmethod
    def _notice_by_is_the_notice(cls, data: Any) -> Any:
        # notice_by replaces notice: the date rules and every reader see it as the notice rule
        if not isinstance(data, dict) or data.get("notice_by") is None:
            return data
        notice = data.get("notice")
        if notice is not None and not isinstance(notice, NoticeBy):
            raise ValueError(
                "entweder notice (Kündigungsfrist) oder notice_by (Zugang bis zu einem Tag des "
                "Jahres) angeben, nicht beides"
            )
        by = data["notice_by"]
        try:
            parsed = by if isinstance(by, NoticeBy) else NoticeBy.parse(by)
        except VereinbarungError as error:
            raise ValueError(f"notice_by: {error}") from None
        return {**data, "notice": parsed}

    @model_serializer(mode="wrap")
    def _notice_by_written_once(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if self.notice_by is not None and isinstance(data, dict):
            data.pop("notice", None)  # the same rule, written as notice_by
        if not self.notice_during_term and isinstance(data, dict):
            data.pop("notice_during_term", None)  # written only where the clause says so
        return data

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
    def _something_to_end(
        cls, value: NoticeTo | NoticeDays, info: ValidationInfo
    ) -> NoticeTo | NoticeDays:
        if "ends" not in info.data or "duration" not in info.data:
            return value  # an end that failed its own check is reported there already
        has_end = info.data.get("ends") is not None or info.data.get("duration") is not None
        if value is NoticeTo.TERM_END and info.data.get("notice") is not None and not has_end:
            raise ValueError(
                "term_end (zum Laufzeitende), aber die Vereinbarung läuft auf unbestimmte Zeit "
                "und hat kein Laufzeitende; gemeint ist wohl year_end, quarter_end oder month_end"
            )
        return value

    @field_validator("notice_during_term")
    @classmethod
    def _during_a_term(cls, value: bool, info: ValidationInfo) -> bool:
        if "ends" not in info.data or "duration" not in info.data:
            return value  # an end that failed its own check is reported there already
        if value and info.data.get("ends") is None and info.data.get("duration") is None:
            raise ValueError(
                "notice_during_term (Kündigung vor Ablauf der Laufzeit) setzt eine feste "
                "Laufzeit (ends oder duration) voraus; die Vereinbarung läuft auf unbestimmte Zeit"
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

    def in_land(self, land: str) -> Term:
        """This clause with working days counted without the public holidays of *land*."""
        notice = self.notice
        if not isinstance(notice, WorkdayPeriod) or notice.land == land:
            return self
        copy = self.model_copy(update={"notice": replace(notice, land=land)})
        copy.__dict__.pop("rule", None)  # a cached rule would still count the other Land
        copy.__dict__.pop("rule_from", None)  # so would those of Agreement.rule_on
        return copy

    @property
    def rule(self) -> TermRule:
        """The clause as input for the date rules (built once per clause, kept with it)."""
        kept = self.__dict__.get("rule")  # not a field: pydantic's equality ignores it
        if kept is None:
            kept = self.__dict__["rule"] = self._build_rule()
        return kept

    def _build_rule(self) -> TermRule:
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
            notice_during_term=self.notice_during_term,
        )
