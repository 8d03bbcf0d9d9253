"""The Umlage: each party's share of a budget year's amount, exact to the cent, and when it is due.

The rules:

* Who pays in budget year Y follows the lifecycle (:func:`vereinbarung.state.day.state_on`):
  parties bound during Y, less those ``exempt``. ``changes`` decides for a party that joins or
  leaves during Y: ``full_year`` (bound on any day of Y: a full share), ``pro_rata_days`` (its
  key figure times the days bound / days of Y), ``next_year`` (only who is bound on 1 January).
  The key is always computed over the payers of the year, so the others' shares follow.
* Shares are computed exactly (fractions), then rounded to cents by the largest-remainder
  method, so they add up to the amount exactly. Tie-break, stated and independent of the order
  of the parties: the larger remainder first, then the larger key figure, then the name
  (alphabetical).
* Payments: each advance (Abschlag) is the party's share times its percentage, rounded half up
  to the cent; the final settlement (Schlussabrechnung) is the rest, so a party's payments add
  up to its share exactly.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from vereinbarung.errors import VereinbarungError
from vereinbarung.law.dates import format_date
from vereinbarung.model.agreement import Agreement
from vereinbarung.model.costs import CENT, ChangeRule, CostKey, Costs
from vereinbarung.model.german import format_amount, format_number
from vereinbarung.state.day import state_on
from vereinbarung.state.facts import Lifecycle

__all__ = ["CostBreakdown", "Payment", "ShareRow", "cost_shares", "split_cents"]


@dataclass(frozen=True, slots=True)
class Payment:
    """A payment of one party: due day, what it is, amount."""

    due: dt.date
    label: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class ShareRow:
    """One party's share of the year."""

    party: str
    figure: str
    weight: Fraction
    percent: Decimal
    amount: Decimal
    derivation: str
    payments: tuple[Payment, ...]


@dataclass(frozen=True, slots=True)
class CostBreakdown:
    """The Umlage of one budget year: amount, key, payee, one row per paying party."""

    year: int
    amount: Decimal
    key: CostKey
    payee: str | None
    rows: tuple[ShareRow, ...]
    basis: str
    notes: tuple[str, ...]

    def row(self, party: str) -> ShareRow:
        """The row of *party*; a German error if it pays nothing this year."""
        for row in self.rows:
            if row.party == party:
                return row
        raise VereinbarungError(f"»{party}« trägt im Haushaltsjahr {self.year} keinen Anteil.")


def split_cents(
    total: Decimal, weights: dict[str, Fraction], figures: dict[str, Fraction] | None = None
) -> dict[str, Decimal]:
    """Divide *total* in proportion to *weights*, in cents that add up to *total* exactly.

    Largest-remainder method; ties go to the larger figure (*figures*, default the weight), then
    to the name in alphabetical order.

    >>> split_cents(Decimal("100.00"), {"A": Fraction(1), "B": Fraction(1), "C": Fraction(1)})
    {'A': Decimal('33.34'), 'B': Decimal('33.33'), 'C': Decimal('33.33')}
    """
    cents = int((total / CENT).to_integral_exact())
    denominator = math.lcm(*(w.denominator for w in weights.values()))
    scaled = {party: w.numerator * (denominator // w.denominator) for party, w in weights.items()}
    whole = sum(scaled.values())
    if whole <= 0:
        raise VereinbarungError("Die Summe der Schlüsselgrößen ist null: nichts zu verteilen.")
    # exact share in cents = cents × w / whole = floor + remainder / whole (integers throughout)
    parts = {party: divmod(cents * w, whole) for party, w in scaled.items()}
    left = cents - sum(floor for floor, _ in parts.values())
    figures = figures or weights
    order = sorted(parts, key=lambda p: (-parts[p][1], -figures[p], p))
    extra = set(order[:left])
    return {party: Decimal(parts[party][0] + (party in extra)) * CENT for party in weights}


def _days_in_year(year: int) -> int:
    return (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1


def _payers(agreement: Agreement, costs: Costs, year: int) -> tuple[dict[str, Fraction], list[str]]:
    """Factor per paying party (1 or days bound / days of the year) and notes."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    status = state_on(agreement, last)
    effective = status.effective.day if status.effective else None
    if effective is None or effective > last:
        raise VereinbarungError(f"Im Haushaltsjahr {year} ist die Vereinbarung nicht in Kraft.")
    end = status.ends_on.day if status.ends_on else dt.date.max
    if end < first:
        raise VereinbarungError(
            f"Im Haushaltsjahr {year} ist die Vereinbarung nicht mehr in Kraft."
        )
    joined = Lifecycle(agreement).joined()
    notes: list[str] = []
    factors: dict[str, Fraction] = {}
    days = _days_in_year(year)
    for party in agreement.parties:
        name = party.name
        if name in costs.exempt:
            continue
        start = max(first, effective, joined.get(name, dt.date.min))
        stop = min(last, end, status.leaving.get(name, dt.date.max))
        bound = (stop - start).days + 1
        if bound <= 0:
            continue
        if costs.changes is ChangeRule.NEXT_YEAR:
            if start > max(first, effective):  # joined during the year (not: the agreement began)
                notes.append(
                    f"{name} ist erst ab {format_date(start)} gebunden: Anteil ab dem nächsten Haushaltsjahr"
                )
                continue
            factors[name] = Fraction(1)
        elif costs.changes is ChangeRule.PRO_RATA_DAYS:
            factors[name] = Fraction(bound, days)
            if bound < days:
                notes.append(
                    f"{name}: gebunden {format_date(start)} bis {format_date(stop)}, {bound} von {days} Tagen"
                )
        else:
            factors[name] = Fraction(1)
            if bound < days:
                notes.append(f"{name}: nur {bound} von {days} Tagen gebunden, zahlt das volle Jahr")
    if not factors:
        raise VereinbarungError(f"Im Haushaltsjahr {year} trägt keine Partei einen Anteil.")
    return factors, notes


def _per_party(
    where: str,
    what: str,
    values: Mapping[str, int | Decimal],
    payers: list[str],
    label: Callable[[int | Decimal], str],
) -> tuple[dict[str, Fraction], dict[str, str]]:
    """Key figure and its label per payer; a German error naming the payers without one."""
    missing = [p for p in payers if p not in values]
    if missing:
        raise VereinbarungError(f"{where}: es fehlt {what} von {', '.join(missing)}.")
    return {p: Fraction(values[p]) for p in payers}, {p: label(values[p]) for p in payers}


def _figures(
    costs: Costs, key: CostKey, year: int, payers: list[str]
) -> tuple[dict[str, Fraction], dict[str, str], str]:
    """Key figure per payer, its German label, and the basis of the figures."""
    if key is CostKey.EQUAL:
        return (
            dict.fromkeys(payers, Fraction(1)),
            dict.fromkeys(payers, "Anteil 1"),
            "gleiche Anteile",
        )
    if key is CostKey.POPULATION:
        figures = costs.population_for(year)
        wanted = dt.date(year - costs.population_lag, 12, 31)
        if figures is None:
            known = ", ".join(format_date(p.date) for p in costs.population) or "keine"
            raise VereinbarungError(
                f"costs › population: für den Stichtag {format_date(wanted)} (Haushaltsjahr {year}) "
                f"sind keine Einwohnerzahlen angegeben (vorhanden: {known})."
            )
        weights, labels = _per_party(
            f"costs › population ({format_date(wanted)})", "die Einwohnerzahl", figures.figures,
            payers, lambda n: f"Einwohner {format_number(n)}",
        )  # fmt: skip
        return (
            weights,
            labels,
            f"Einwohner am {format_date(figures.date)}, Quelle: {figures.source}",
        )
    if key is CostKey.CASES:
        source_year = year - costs.cases_lag
        cases = costs.cases.get(source_year)
        if cases is None:
            raise VereinbarungError(
                f"costs › cases: für {source_year} (Haushaltsjahr {year}) sind keine Fallzahlen angegeben."
            )
        weights, labels = _per_party(
            f"costs › cases ({source_year})", "die Fallzahl", cases, payers,
            lambda n: f"Fälle {format_number(n)}",
        )  # fmt: skip
        return weights, labels, f"Fallzahlen {source_year}"
    if key is CostKey.FIXED:
        weights, labels = _per_party(
            "costs › percentages", "der Anteil", costs.percentages, payers,
            lambda n: f"Anteil {format_number(n, 2)} %",
        )  # fmt: skip
        return weights, labels, "feste Anteile"
    raise VereinbarungError(
        f"Schlüssel {key.value} kann nicht als Restschlüssel dienen."
    )  # base_plus


def cost_shares(agreement: Agreement, year: int) -> CostBreakdown:
    """Each paying party's share of budget year *year* with its derivation and payments.

    Where the actual costs of the year are known (``costs.actual``), the shares are those of
    the actual amount; the advances stay those of the planned amount, and the final settlement
    is the difference (negative: a refund).
    """
    costs = agreement.costs
    if costs is None or costs.key is None:
        raise VereinbarungError("Die Vereinbarung regelt keine Umlage (costs › key fehlt).")
    planned = costs.amount_for(year)
    if planned is None:
        raise VereinbarungError(
            f"costs: kein Betrag für das Haushaltsjahr {year} (amount oder amounts)."
        )
    actual = costs.actual.get(year)
    factors, notes = _payers(agreement, costs, year)
    payers = list(factors)  # in the order of the agreement's parties
    figure_key = costs.rest_key if costs.key is CostKey.BASE_PLUS else costs.key
    assert figure_key is not None  # the model requires rest_key for base_plus
    figures, labels, basis = _figures(costs, figure_key, year, payers)
    weights = {p: figures[p] * factors[p] for p in payers}
    if sum(weights.values(), Fraction(0)) == 0:
        raise VereinbarungError(
            f"Die Schlüsselgrößen für {year} sind alle null: nichts zu verteilen."
        )
    total = actual if actual is not None else planned
    shares, derivations = _split(costs, total, factors, figures, weights, labels)
    advance_basis = shares if actual is None else _split(
        costs, planned, factors, figures, weights, labels
    )[0]  # fmt: skip
    if actual is not None:
        notes.append(
            f"Schlussabrechnung nach Ist-Kosten {format_amount(actual)} (geplant "
            f"{format_amount(planned)}); die Abschläge bleiben die des geplanten Betrags."
        )
    rows = []
    for party in payers:
        amount = shares[party]
        percent = (
            (Decimal(amount) / total * 100).quantize(Decimal("0.0001"), ROUND_HALF_UP)
            if total
            else Decimal(0)
        )
        payments = _payments(costs, year, advance_basis[party], amount)
        rows.append(
            ShareRow(
                party, labels[party], weights[party], percent, amount, derivations[party], payments
            )
        )
    return CostBreakdown(
        year=year,
        amount=total,
        key=costs.key,
        payee=costs.payee or agreement.lead,
        rows=tuple(rows),
        basis=basis,
        notes=tuple(notes),
    )


def _split(
    costs: Costs,
    total: Decimal,
    factors: dict[str, Fraction],
    figures: dict[str, Fraction],
    weights: dict[str, Fraction],
    labels: dict[str, str],
) -> tuple[dict[str, Decimal], dict[str, str]]:
    """Shares of *total* (base amounts first under base_plus) and their German derivations."""
    base: dict[str, Decimal] = {}
    if costs.key is CostKey.BASE_PLUS:
        assert costs.base_amount is not None  # the model requires it for base_plus
        base = {
            p: (costs.base_amount * Decimal(f.numerator) / Decimal(f.denominator)).quantize(
                CENT, ROUND_HALF_UP
            )
            for p, f in factors.items()
        }
    rest = total - sum(base.values(), Decimal(0))
    if rest < 0:
        raise VereinbarungError(
            f"costs: die Sockelbeträge ({format_amount(sum(base.values(), Decimal(0)))}) "
            f"übersteigen den Betrag {format_amount(total)}."
        )
    variable = split_cents(rest, weights, figures)
    whole = sum(weights.values(), Fraction(0))
    shares: dict[str, Decimal] = {}
    derivations: dict[str, str] = {}
    for party, weight in weights.items():
        factor = factors[party]
        pro_rata = f" × {factor.numerator}/{factor.denominator}" if factor != 1 else ""
        exact = Fraction(rest) * weight / whole
        result = format_amount(variable[party])
        sign = "="
        if exact != Fraction(variable[party]):  # rounded to the cent
            approx = format_number(Decimal(exact.numerator) / Decimal(exact.denominator), 4)
            if approx == format_number(variable[party], 4):
                sign = "≈"  # the difference is below 0,0001 €
            else:
                result = f"{approx} € → {result}"
        derivation = (
            f"{labels[party]}{pro_rata} / {_format_fraction(whole)} × {format_amount(rest)} "
            f"{sign} {result}"
        )
        shares[party] = variable[party] + base.get(party, Decimal(0))
        if base:
            derivation = (
                f"Sockel {format_amount(base[party])} + ({derivation}) = "
                f"{format_amount(shares[party])}"
            )
        derivations[party] = derivation
    return shares, derivations


def _format_fraction(value: Fraction) -> str:
    if value.denominator == 1:
        return format_number(value.numerator)
    return format_number(Decimal(value.numerator) / Decimal(value.denominator), 4)


def _payments(costs: Costs, year: int, planned: Decimal, amount: Decimal) -> tuple[Payment, ...]:
    """Advances on the *planned* share, rounded cumulatively; the settlement brings the
    payments to *amount* (the share, on actual costs where known; negative: a refund)."""
    payments = []
    share = Decimal(0)  # cumulative percentage
    paid = Decimal(0)
    for advance in costs.advances:
        day, month = (int(x) for x in advance.due.rstrip(".").split("."))
        share += advance.percent
        due_so_far = (planned * share / 100).quantize(CENT, ROUND_HALF_UP)
        label = f"Abschlag {_percent_text(advance.percent)} %"
        payments.append(Payment(_day_in(year, month, day), label, due_so_far - paid))
        paid = due_so_far
    day, month = (int(x) for x in costs.settlement.rstrip(".").split("."))
    label = "Schlussabrechnung" if costs.advances else "Zahlung"
    if amount - paid < 0:
        label += " (Erstattung)"
    payments.append(Payment(_day_in(year, month, day), label, amount - paid))
    return tuple(payments)


def _percent_text(percent: Decimal) -> str:
    return format_number(percent, 0 if percent == percent.to_integral_value() else 2)


def _day_in(year: int, month: int, day: int) -> dt.date:
    if month == 2 and day == 29:
        try:
            return dt.date(year, 2, 29)
        except ValueError:
            return dt.date(year, 2, 28)
    return dt.date(year, month, day)
