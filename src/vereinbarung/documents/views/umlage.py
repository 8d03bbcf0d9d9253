"""The view of the Umlage of a budget year (the letter to one party: :mod:`.umlage_letter`).

Figures come from :func:`vereinbarung.state.umlage.cost_shares` (shares to the cent, largest
remainder). In the agreement they are a marked Anlage after the signatures, never part of the
signed text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from vereinbarung.documents.views.agreement import SectionView, sections_view
from vereinbarung.errors import VereinbarungError
from vereinbarung.law.dates import format_date
from vereinbarung.model.agreement import Agreement
from vereinbarung.model.clause_wording import term_paragraphs
from vereinbarung.model.costs import ChangeRule, CostKey, Costs
from vereinbarung.model.german import format_amount, format_number

if TYPE_CHECKING:
    from vereinbarung.state.umlage import CostBreakdown, ShareRow


@dataclass(frozen=True, slots=True)
class PaymentView:
    """A payment of a party's share: due day, what it is ("Abschlag 50 %"), amount."""

    due: dt.date
    label: str
    amount: str
    """"13.251,20 €"."""
    amount_value: Decimal
    overdue: bool
    """Whether it fell due before the day of the document."""


@dataclass(frozen=True, slots=True)
class ShareView:
    """One paying party's share of the budget year, every value formatted the German way."""

    party: str
    figure: str
    """The key figure with its name: "Einwohner 63.117", "Fälle 12", "Anteil 25,00 %"."""
    percent: str
    """"13,9486 %" (four decimals)."""
    percent_value: Decimal
    amount: str
    """"26.502,40 €"."""
    amount_value: Decimal
    derivation: str
    """"Einwohner 63.117 / 452.496 × 190.000,00 € = 26.502,40 €"."""
    payments: tuple[PaymentView, ...]
    payments_text: str
    """"30.06.2025 Abschlag 50 % 13.251,20 €; 31.12.2025 Schlussabrechnung 13.251,20 €"."""


@dataclass(frozen=True, slots=True)
class UmlageView:
    """The Umlage of one budget year (:func:`vereinbarung.state.umlage.cost_shares`), for documents."""

    year: int
    amount: str
    """The amount of the year: "190.000,00 €"."""
    amount_value: Decimal
    key: CostKey
    key_label: str
    """"nach Einwohnerzahl"."""
    basis: str
    """The figures the key uses: "Einwohner am 31.12.2023 (IT.NRW)"."""
    reference_date: dt.date | None
    """The reference date of the Einwohnerzahlen (key population), else None."""
    source: str | None
    """Where the figures come from ("IT.NRW"; "Fallzahlen 2024"), None for equal/fixed."""
    basis_text: str
    """The distribution in sentences: the amount of the year, the key, reference date and
    source of the figures ("Der Jahresbetrag von 190.000,00 € wird nach der Einwohnerzahl …")."""
    payee: str | None
    section: int | None
    """The number of the cost section (``costs.section``), or None."""
    clause: str | None
    """"§ 2", or None."""
    caption: str
    """"Umlage 2026 (Berechnung nach § 2)"."""
    after_section: int
    """The section after whose text the agreement shows the table (the cost section)."""
    rows: tuple[ShareView, ...]
    total: str
    """The sum of the shares (always the amount of the year): "190.000,00 €"."""
    exempt: tuple[str, ...]
    """Parties that carry no share (``costs.exempt``)."""
    notes: tuple[str, ...]
    """Parties bound for part of the year and how they pay."""


# -- the Umlage -------------------------------------------------------------------------------

_COST_HEADING = re.compile(r"kosten|umlage|finanzierung", re.IGNORECASE)


def _payment_views(row: ShareRow, on: dt.date) -> tuple[PaymentView, ...]:
    return tuple(
        PaymentView(
            due=p.due,
            label=p.label,
            amount=format_amount(p.amount),
            amount_value=p.amount,
            overdue=p.due < on,
        )
        for p in row.payments
    )


def _share_view(row: ShareRow, on: dt.date) -> ShareView:
    payments = _payment_views(row, on)
    return ShareView(
        party=row.party,
        figure=row.figure,
        percent=f"{format_number(row.percent, 4)} %",
        percent_value=row.percent,
        amount=format_amount(row.amount),
        amount_value=row.amount,
        derivation=row.derivation,
        payments=payments,
        payments_text="; ".join(f"{format_date(p.due)} {p.label} {p.amount}" for p in payments),
    )


def _distribution(
    costs: Costs, key: CostKey, year: int
) -> tuple[str, dt.date | None, str | None, str]:
    """How *key* divides (after "wird … verteilt"), reference date and source of the figures,
    and the sentence naming the figures ("" if there are none)."""
    if key is CostKey.POPULATION:
        figures = costs.population_for(year)
        if figures is None:  # pragma: no cover - cost_shares has refused the year already
            raise VereinbarungError(f"costs › population: keine Einwohnerzahlen für {year}.")
        return (
            "nach der Einwohnerzahl",
            figures.date,
            figures.source,
            f"Maßgeblich sind die Einwohnerzahlen am {format_date(figures.date)}, Quelle: "
            f"{figures.source}.",
        )
    if key is CostKey.CASES:
        source_year = year - costs.cases_lag
        return (
            "nach den Fallzahlen",
            None,
            f"Fallzahlen {source_year}",
            f"Maßgeblich sind die Fallzahlen des Jahres {source_year}.",
        )
    if key is CostKey.FIXED:
        return "nach den in der Vereinbarung festgelegten Anteilen", None, None, ""
    return "zu gleichen Teilen", None, None, ""


def _basis_text(costs: Costs, breakdown: CostBreakdown) -> tuple[str, dt.date | None, str | None]:
    year, amount = breakdown.year, format_amount(breakdown.amount)
    key = breakdown.key
    rest_key = costs.rest_key if key is CostKey.BASE_PLUS else key
    assert rest_key is not None  # the model requires rest_key with base_plus
    distribution, reference, source, figures = _distribution(costs, rest_key, year)
    if key is CostKey.BASE_PLUS:
        assert costs.base_amount is not None
        pro_rata = (
            " (bei Bindung für einen Teil des Jahres anteilig nach Tagen)"
            if costs.changes is ChangeRule.PRO_RATA_DAYS
            else ""
        )
        text = (
            f"Vom Jahresbetrag ({amount}) trägt jede zahlende Vertragspartei einen Sockelbetrag "
            f"von {format_amount(costs.base_amount)}{pro_rata}; der übrige Betrag wird "
            f"{distribution} verteilt."
        )
    else:
        text = (
            f"Der Jahresbetrag von {amount} wird {distribution} auf die zahlenden "
            "Vertragsparteien verteilt."
        )
    return (f"{text} {figures}" if figures else text), reference, source


def _cost_section(costs: Costs, sections: Sequence[SectionView]) -> int:
    """The section after which the agreement shows the table: ``costs.section`` if the text has
    it, else the first whose heading speaks of costs, else the last."""
    numbers = [s.number for s in sections]
    if costs.section is not None and costs.section in numbers:
        return costs.section
    found = next((s.number for s in sections if _COST_HEADING.search(s.heading)), None)
    return found if found is not None else numbers[-1]


def umlage_view(
    agreement: Agreement,
    year: int,
    *,
    on: dt.date,
    sections: Sequence[SectionView] = (),
) -> UmlageView:
    """The Umlage of budget *year* as documents show it; payments before *on* are overdue.

    Raises the German :class:`VereinbarungError` of :func:`vereinbarung.state.umlage.cost_shares`
    if the agreement has no cost key or the year lacks its amount or figures. *sections* (the
    document's sections) decide where the agreement places the table.
    """
    from vereinbarung.state.umlage import cost_shares

    breakdown = cost_shares(agreement, year)
    costs = agreement.costs
    assert costs is not None  # cost_shares refuses an agreement without costs
    basis_text, reference, source = _basis_text(costs, breakdown)
    clause = f"§ {costs.section}" if costs.section is not None else None
    if clause:
        caption = f"Umlage {year} (Berechnung nach {clause})"
    else:
        caption = f"Umlage {year} ({breakdown.key.label})"
    views = sections or sections_view(agreement, tuple(term_paragraphs(agreement.term)))
    rows = tuple(_share_view(row, on) for row in breakdown.rows)
    return UmlageView(
        year=year,
        amount=format_amount(breakdown.amount),
        amount_value=breakdown.amount,
        key=breakdown.key,
        key_label=breakdown.key.label,
        basis=breakdown.basis,
        reference_date=reference,
        source=source,
        basis_text=basis_text,
        payee=breakdown.payee,
        section=costs.section,
        clause=clause,
        caption=caption,
        after_section=_cost_section(costs, views),
        rows=rows,
        total=format_amount(sum((r.amount_value for r in rows), Decimal(0))),
        exempt=costs.exempt,
        notes=breakdown.notes,
    )
