"""Umlage over all 427 NRW municipalities and Kreise for 1,000 budget years.

    python benchmarks/bench_umlage.py [--years 1000] [--key population]

396 Gemeinden and 31 Kreise (the Städteregion Aachen counted as one) with realistic, generated
Einwohnerzahlen (log-normal around 20,000, the largest city about 1.1 million, Kreise 150,000
to 650,000), drifting by up to ±1 % a year; one population table per reference date. The
agreement is built once (not timed); timed is :func:`cost_shares` for every budget year, which
includes the lifecycle (who is bound), the exact split and the payment schedule. Checks that
every year adds up to the amount exactly.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from decimal import Decimal

from vereinbarung import agreement_from_data
from vereinbarung.state.umlage import cost_shares

FIRST_YEAR = 2030


def agreement_data(years: int, key: str) -> dict[str, object]:
    rng = random.Random(427)
    names = [f"Gemeinde {i:03d}" for i in range(396)] + [f"Kreis {i:02d}" for i in range(31)]
    base = {n: int(min(1_100_000, rng.lognormvariate(9.9, 0.8))) for n in names[:396]}
    base.update({n: rng.randrange(150_000, 650_000) for n in names[396:]})
    base[names[0]] = 1_084_831  # the largest city
    population = []
    figures = dict(base)
    for year in range(FIRST_YEAR - 2, FIRST_YEAR + years - 2):
        figures = {n: max(1, int(v * (1 + rng.uniform(-0.01, 0.01)))) for n, v in figures.items()}
        population.append(
            {"date": f"{year}-12-31", "source": "IT.NRW (erzeugt)", "figures": figures}
        )
    costs: dict[str, object] = {
        "summary": "Umlage nach Einwohnerzahl.", "key": key, "amount": "1234567.89",
        "population": population, "advances": [{"due": "30.06.", "percent": 50}],
    }  # fmt: skip
    if key == "base_plus":
        costs.update(base_amount="500.00", rest_key="population")
    return {
        "title": "Benchmark-Umlage",
        "parties": [
            {"name": n, "representative": {"name": "N. N.", "title": "Bürgermeister"}}
            for n in names
        ],
        "term": {"effective": f"{FIRST_YEAR}-01-01", "notice": "ein Jahr", "notice_to": "year_end"},
        "costs": costs,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=1000)
    parser.add_argument("--key", default="population", choices=["population", "base_plus", "equal"])
    args = parser.parse_args()
    start = time.perf_counter()
    agreement = agreement_from_data(agreement_data(args.years, args.key), source="benchmark")
    build = time.perf_counter() - start
    per_year = []
    for year in range(FIRST_YEAR, FIRST_YEAR + args.years):
        t = time.perf_counter()
        breakdown = cost_shares(agreement, year)
        per_year.append(time.perf_counter() - t)
        assert len(breakdown.rows) == 427
        assert sum((r.amount for r in breakdown.rows), Decimal(0)) == breakdown.amount
    total = sum(per_year)
    print(
        f"Aufbau der Vereinbarung (427 Parteien, {args.years} Stichtage): {build:.2f} s (nicht gemessen)"
    )
    print(f"{args.years} Haushaltsjahre, Schlüssel {args.key}: {total:.2f} s gesamt, "
          f"Median {statistics.median(per_year) * 1000:.1f} ms je Jahr, "
          f"max {max(per_year) * 1000:.1f} ms; jede Summe auf den Cent genau")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
