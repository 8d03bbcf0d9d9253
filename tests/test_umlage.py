"""The Umlage: worked examples, errors and properties of the cost split."""

from __future__ import annotations

import datetime as dt
import random
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vereinbarung import AgreementFileError, VereinbarungError, agreement_from_data, load_agreement
from vereinbarung.state.umlage import cost_shares, split_cents

EXAMPLE = Path(__file__).parent.parent / "examples" / "adoptionsvermittlung-rhein-kreis-neuss.yaml"
NAMES = ["Stadt A", "Stadt B", "Gemeinde C", "Kreis D"]


def agreement(
    costs: dict[str, Any], *, events: tuple[dict[str, Any], ...] = (), parties: list[str] = NAMES
) -> Any:
    return agreement_from_data({
        "title": "Vereinbarung (Beispiel)",
        "parties": [{"name": n, "representative": {"name": "N. N.", "title": "Bürgermeister"}} for n in parties],
        "term": {"effective": "2020-01-01", "notice": "6 Monate", "notice_to": "year_end"},
        "costs": {"summary": "Umlage.", **costs},
        "events": list(events),
    }, source="test.yaml")  # fmt: skip


def amounts(breakdown: Any) -> dict[str, str]:
    return {row.party: str(row.amount) for row in breakdown.rows}


# -- worked examples ------------------------------------------------------------------------


def test_population_example_by_hand() -> None:
    # Grevenbroich: 63.117 / 452.496 × 190.000,00 € = 26.502,400021… € → 26.502,40 €
    b = cost_shares(load_agreement(EXAMPLE), 2025)
    row = b.row("Stadt Grevenbroich")
    assert row.amount == Decimal("26502.40")
    assert row.derivation == "Einwohner 63.117 / 452.496 × 190.000,00 € ≈ 26.502,40 €"
    assert sum(r.amount for r in b.rows) == Decimal("190000.00")
    assert (
        b.basis == "Einwohner am 31.12.2023, Quelle: IT.NRW (Beispielzahlen)"
    )  # 2025: 31.12. des Vorvorjahres
    assert [(p.due, p.amount) for p in row.payments] == [
        (dt.date(2025, 6, 30), Decimal("13251.20")),
        (dt.date(2025, 12, 31), Decimal("13251.20")),
    ]
    with pytest.raises(VereinbarungError, match="keinen Anteil"):
        b.row("Rhein-Kreis Neuss")  # exempt: carries the service


EXAMPLES = [
    # costs, year, expected amounts, source
    ({"key": "equal", "amount": "100"}, 2026,
     {"Gemeinde C": "25.00", "Kreis D": "25.00", "Stadt A": "25.00", "Stadt B": "25.00"}, "4 × 25,00 €"),
    ({"key": "equal", "amount": "100", "exempt": ["Kreis D"]}, 2026,
     {"Gemeinde C": "33.34", "Stadt A": "33.33", "Stadt B": "33.33"},
     "10.000 Cent / 3 = 3.333⅓: one cent left, tie-break by name: Gemeinde C"),
    ({"key": "fixed", "amount": "1000", "percentages": {"Stadt A": 50, "Stadt B": "30", "Gemeinde C": "12,5", "Kreis D": 7.5}}, 2026,
     {"Stadt A": "500.00", "Stadt B": "300.00", "Gemeinde C": "125.00", "Kreis D": "75.00"}, "fixed percentages"),
    ({"key": "base_plus", "amount": "100000", "base_amount": "10000", "rest_key": "equal"}, 2026,
     dict.fromkeys(NAMES, "25000.00"), "4 × 10.000 € Sockel, 60.000 € / 4"),
    ({"key": "cases", "amount": "9000", "cases": {2025: {"Stadt A": 1, "Stadt B": 2, "Gemeinde C": 3, "Kreis D": 3}}}, 2026,
     {"Stadt A": "1000.00", "Stadt B": "2000.00", "Gemeinde C": "3000.00", "Kreis D": "3000.00"}, "cases of the previous year"),
    ({"key": "equal", "amount": "1000", "amounts": {2027: "1200"}}, 2027,
     dict.fromkeys(NAMES, "300.00"), "amount of the year"),
]  # fmt: skip


@pytest.mark.parametrize(("costs", "year", "expected", "source"), EXAMPLES)
def test_worked_examples(
    costs: dict[str, Any], year: int, expected: dict[str, str], source: str
) -> None:
    assert amounts(cost_shares(agreement(costs), year)) == expected, source


def _notice_by_a(received: str) -> dict[str, Any]:
    return {"type": "notice", "by": "Stadt A", "received": dict.fromkeys(NAMES[1:], received)}


def test_party_leaving_at_year_end_pays_that_year_only() -> None:
    # notice received 01.03.2026, 6 Monate zum Jahresende: Stadt A is bound until 31.12.2026
    costs = {"key": "equal", "amount": "300", "changes": "pro_rata_days"}
    a = agreement(costs, events=(_notice_by_a("2026-03-01"),))
    assert amounts(cost_shares(a, 2026)) == dict.fromkeys(NAMES, "75.00")
    assert amounts(cost_shares(a, 2027)) == {
        "Stadt B": "100.00",
        "Gemeinde C": "100.00",
        "Kreis D": "100.00",
    }


def test_joining_mid_year_under_each_rule() -> None:
    joined = [
        {"type": "joined", "party": "Kreis D", "date": "2026-05-01", "effective": "2026-07-02"}
    ]
    days = (dt.date(2026, 12, 31) - dt.date(2026, 7, 2)).days + 1  # 183 of 365 days
    assert days == 183
    full = cost_shares(agreement({"key": "equal", "amount": "1000"}, events=tuple(joined)), 2026)
    assert amounts(full) == dict.fromkeys(NAMES, "250.00")
    nxt = cost_shares(
        agreement({"key": "equal", "amount": "900", "changes": "next_year"}, events=tuple(joined)),
        2026,
    )
    assert amounts(nxt) == {"Stadt A": "300.00", "Stadt B": "300.00", "Gemeinde C": "300.00"}
    assert any("ab dem nächsten Haushaltsjahr" in n for n in nxt.notes)
    pro = cost_shares(
        agreement(
            {"key": "equal", "amount": "1000", "changes": "pro_rata_days"}, events=tuple(joined)
        ),
        2026,
    )
    # weights 1, 1, 1, 183/365: D pays 1000 × 183 / (3 × 365 + 183) = 183000 / 1278 = 143,1924… €;
    # the others 365000 / 1278 = 285,6025… € each; the one cent left goes to the largest
    # remainder (0,25 Cent, three-way tie) and then by name: Gemeinde C
    assert amounts(pro) == {
        "Stadt A": "285.60",
        "Stadt B": "285.60",
        "Gemeinde C": "285.61",
        "Kreis D": "143.19",
    }
    assert pro.row("Kreis D").derivation.startswith("Anteil 1 × 183/365 / ")
    assert sum(r.amount for r in pro.rows) == Decimal("1000.00")


@pytest.mark.parametrize(
    ("costs", "fragment"),
    [
        (
            {"key": "fixed", "amount": 1, "percentages": {"Stadt A": 60, "Stadt B": 30}},
            "ergeben 90 %, nicht 100 %",
        ),
        ({"key": "equal", "amount": "-5"}, "negativ"),
        ({"key": "equal", "amount": "12.345"}, "höchstens zwei Nachkommastellen"),
        ({"key": "population", "amount": 1}, "es fehlen Einwohnerzahlen"),
        ({"key": "base_plus", "amount": 1, "base_amount": 1}, "base_amount und rest_key"),
        ({"key": "equal", "amount": 1, "exempt": ["Stadt X"]}, "»Stadt X« ist keine der Parteien"),
        ({"key": "equal"}, "es fehlt amount"),
    ],
)
def test_model_errors(costs: dict[str, Any], fragment: str) -> None:
    with pytest.raises(AgreementFileError, match=fragment):
        agreement(costs)


@pytest.mark.parametrize(
    ("costs", "year", "fragment"),
    [
        ({"key": "population", "amount": 1, "population": [{"date": "2023-12-31", "source": "IT.NRW", "figures": {"Stadt A": 5}}]},
         2026, "Stichtag 31.12.2024 (Haushaltsjahr 2026) sind keine Einwohnerzahlen"),
        ({"key": "population", "amount": 1, "population_lag": 1, "population": [{"date": "2025-12-31", "source": "IT.NRW", "figures": {"Stadt A": 5}}]},
         2026, "es fehlt die Einwohnerzahl von Stadt B, Gemeinde C, Kreis D"),
        ({"key": "cases", "amount": 1, "cases": {2020: {"Stadt A": 1}}}, 2026, "für 2025 (Haushaltsjahr 2026) sind keine Fallzahlen"),
        ({"key": "base_plus", "amount": 10, "base_amount": 5, "rest_key": "equal"}, 2026, "übersteigen"),
        ({"key": "equal", "amount": 1}, 2019, "nicht in Kraft"),
    ],
)  # fmt: skip
def test_computation_errors(costs: dict[str, Any], year: int, fragment: str) -> None:
    with pytest.raises(VereinbarungError, match=re.escape(fragment)):
        cost_shares(agreement(costs), year)


def test_no_cost_key() -> None:
    with pytest.raises(VereinbarungError, match="keine Umlage"):
        cost_shares(load_agreement(EXAMPLE.parent / "kinderschutz-rhein-kreis-neuss.yaml"), 2026)


# -- properties -----------------------------------------------------------------------------

totals = st.integers(0, 10**9).map(lambda cents: Decimal(cents) / 100)
weights = st.dictionaries(
    st.text("ABCDEFGHIJ", min_size=1, max_size=4),
    st.integers(1, 2_000_000).map(Fraction),
    min_size=1,
    max_size=30,
)


@given(totals, weights)
def test_split_is_exact_and_never_negative(total: Decimal, w: dict[str, Fraction]) -> None:
    shares = split_cents(total, w)
    assert sum(shares.values(), Decimal(0)) == total
    assert all(s >= 0 for s in shares.values())
    assert all(s == s.quantize(Decimal("0.01")) for s in shares.values())


@given(totals, weights, st.randoms(use_true_random=False))
def test_order_of_parties_changes_nothing(
    total: Decimal, w: dict[str, Fraction], rnd: random.Random
) -> None:
    items = list(w.items())
    rnd.shuffle(items)
    assert split_cents(total, dict(items)) == split_cents(total, w)


@given(totals, st.integers(1, 50))
def test_equal_shares_differ_by_at_most_a_cent(total: Decimal, n: int) -> None:
    shares = split_cents(total, {f"P{i:02d}": Fraction(1) for i in range(n)})
    assert max(shares.values()) - min(shares.values()) <= Decimal("0.01")


@given(totals, weights)
def test_more_inhabitants_never_pay_less(total: Decimal, w: dict[str, Fraction]) -> None:
    shares = split_cents(total, w)
    for a in w:
        for b in w:
            if w[a] > w[b]:
                assert shares[a] >= shares[b]


@settings(max_examples=40)
@given(
    st.lists(st.integers(1, 700_000), min_size=2, max_size=8),
    st.integers(0, 10**8),
    st.randoms(use_true_random=False),
)
def test_population_key_end_to_end(figures: list[int], cents: int, rnd: random.Random) -> None:
    names = [f"Gemeinde {chr(65 + i)}" for i in range(len(figures))]
    costs = {"key": "population", "amount": str(Decimal(cents) / 100), "population_lag": 1,
             "population": [{"date": "2025-12-31", "source": "IT.NRW", "figures": dict(zip(names, figures, strict=True))}]}  # fmt: skip
    b = cost_shares(agreement(costs, parties=names), 2026)
    shuffled = names[:]
    rnd.shuffle(shuffled)
    c = cost_shares(agreement(costs, parties=shuffled), 2026)
    assert {r.party: r.amount for r in b.rows} == {r.party: r.amount for r in c.rows}
    assert sum(r.amount for r in b.rows) == Decimal(cents) / 100
    for row in b.rows:
        assert sum(p.amount for p in row.payments) == row.amount


def test_party_leaving_mid_year_pays_pro_rata_and_the_others_take_the_rest() -> None:
    leave = [
        {
            "type": "extraordinary_notice",
            "by": "Stadt A",
            "received": "2026-06-30",
            "reasons": "wichtiger Grund",
        }
    ]
    b = cost_shares(
        agreement(
            {"key": "equal", "amount": "1000", "changes": "pro_rata_days"}, events=tuple(leave)
        ),
        2026,
    )
    # A bound 01.01.–30.06.2026: 181 of 365 days; 1000 × 181 / (181 + 3 × 365) = 141,8495… €
    assert b.row("Stadt A").amount == Decimal("141.85")
    assert sum(r.amount for r in b.rows) == Decimal("1000.00")
    assert amounts(cost_shares(agreement({"key": "equal", "amount": "900"}, events=tuple(leave)), 2027)) == {
        "Stadt B": "300.00", "Gemeinde C": "300.00", "Kreis D": "300.00"
    }  # fmt: skip


def test_costs_command(capsys: pytest.CaptureFixture[str]) -> None:
    from .cli_runner import run

    code, out, _ = run(capsys, "costs", str(EXAMPLE), "--year", "2025")
    assert code == 0
    assert "Stadt Grevenbroich       Einwohner 63.117" in out
    assert "26.502,40 €" in out
    assert "Summe" in out
    assert "190.000,00 €" in out
    code, out, _ = run(capsys, "costs", str(EXAMPLE), "--year", "2025", "--format", "json")
    data = __import__("json").loads(out)
    assert sum(Decimal(s["amount"]) for s in data["shares"]) == Decimal("190000.00")
    code, out, _ = run(capsys, "costs", str(EXAMPLE), "--year", "2025", "--format", "csv")
    lines = out.splitlines()
    assert lines[0].startswith("\ufeffHaushaltsjahr;Partei;")  # BOM: Excel reads UTF-8
    assert (
        "2025;Stadt Grevenbroich;Einwohner 63.117;13,9486;26502,40;30.06.2025;Abschlag 50 %;13251,20"
        in lines
    )
    code, _, err = run(capsys, "costs", str(EXAMPLE), "--year", "2024")
    assert code == 2
    assert "31.12.2022" in err


def test_advances_never_make_the_settlement_negative() -> None:
    # 53.004,82 € / 4 = 13.251,205 €: Gemeinde C and Kreis D get 13.251,21 € (remainder, then name);
    # two advances of 50 %: 6.625,61 + 6.625,60, settlement 0,00 (rounding each gave -0,01)
    costs = {"key": "fixed", "amount": "53004.82", "percentages": dict.fromkeys(NAMES, 25),
             "advances": [{"due": "15.02.", "percent": 50}, {"due": "15.08.", "percent": 50}]}  # fmt: skip
    b = cost_shares(agreement(costs), 2026)
    for row in b.rows:
        assert all(p.amount >= 0 for p in row.payments)
        assert sum(p.amount for p in row.payments) == row.amount
    assert [str(p.amount) for p in b.row("Gemeinde C").payments] == ["6625.61", "6625.60", "0.00"]
    thirds = {"key": "equal", "amount": "100", "advances": [{"due": "31.03.", "percent": "33.34"}]}
    assert b.row("Stadt A").payments[0].label == "Abschlag 50 %"
    assert (
        cost_shares(agreement(thirds), 2026).row("Stadt A").payments[0].label == "Abschlag 33,34 %"
    )


def test_negative_case_numbers_are_refused() -> None:
    with pytest.raises(AgreementFileError, match="Fallzahl 2025 von »Stadt B« ist negativ"):
        agreement({"key": "cases", "amount": 1, "cases": {2025: {"Stadt A": 1, "Stadt B": -4}}})


def test_next_year_rule_in_the_first_year_of_the_agreement() -> None:
    data = {"key": "equal", "amount": "400", "changes": "next_year"}
    a = agreement_from_data({
        "title": "Vereinbarung (Beispiel)",
        "parties": [{"name": n, "representative": {"name": "N. N.", "title": "Bürgermeister"}} for n in NAMES],
        "term": {"effective": "2025-07-01", "notice": "6 Monate", "notice_to": "year_end"},
        "costs": {"summary": "Umlage.", **data},
    }, source="test.yaml")  # fmt: skip
    assert amounts(cost_shares(a, 2025)) == dict.fromkeys(NAMES, "100.00")


def test_settlement_on_actual_costs_and_refund() -> None:
    # planned 1.000 €, advance 50 % on 30.06.; actual costs 900 € → settlement 225 - 125 = 100 €;
    # actual 200 € → 50 € share, 125 € paid: refund of 75 €
    costs = {
        "key": "equal",
        "amount": "1000",
        "advances": [{"due": "30.06.", "percent": 50}],
        "actual": {2026: "900"},
    }
    b = cost_shares(agreement(costs), 2026)
    row = b.row("Stadt A")
    assert row.amount == Decimal("225.00")
    assert [(p.label, str(p.amount)) for p in row.payments] == [
        ("Abschlag 50 %", "125.00"), ("Schlussabrechnung", "100.00")
    ]  # fmt: skip
    assert any("Ist-Kosten 900,00 €" in n for n in b.notes)
    low = cost_shares(agreement({**costs, "actual": {2026: "200"}}), 2026).row("Stadt A")
    assert [(p.label, str(p.amount)) for p in low.payments] == [
        ("Abschlag 50 %", "125.00"), ("Schlussabrechnung (Erstattung)", "-75.00")
    ]  # fmt: skip


def test_derivation_shows_the_exact_value_before_rounding() -> None:
    b = cost_shares(agreement({"key": "equal", "amount": "100", "exempt": ["Kreis D"]}), 2026)
    assert b.row("Gemeinde C").derivation == "Anteil 1 / 3 × 100,00 € = 33,3333 € → 33,34 €"
    base = cost_shares(
        agreement(
            {"key": "base_plus", "amount": "100000", "base_amount": "10000", "rest_key": "equal"}
        ),
        2026,
    )
    assert base.row("Stadt A").derivation == (
        "Sockel 10.000,00 € + (Anteil 1 / 4 × 60.000,00 € = 15.000,00 €) = 25.000,00 €"
    )
