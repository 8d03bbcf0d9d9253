"""Status of 100,000 varied in-memory agreements on one day.

Targets (issue 2, kept by issue 9 with events): at least 20,000 agreements/s on the 2-core
machine, and at most 5x the time of the naive, wrong one-liner ``end - relativedelta(months=n)``
measured in the same run. Every agreement carries events (issue 9): all parties' signatures
before the Inkrafttreten, and every fourth a written notice received by the other party, so the
one state function (``state_on``) judges signatures, notices and endings each time.

    python benchmarks/bench_status.py [--count 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta

sys.path.insert(0, str(Path(__file__).parent))
from varied import agreement_data

from vereinbarung import Agreement, state_on

ON = dt.date(2026, 11, 21)


def with_events(data: dict[str, Any], index: int) -> dict[str, Any]:
    """*data* with signatures of every party and, for every fourth, a notice by the first."""
    effective = dt.date.fromisoformat(data["term"]["effective"])
    parties = [p["name"] for p in data["parties"]]
    events: list[dict[str, Any]] = [
        {"type": "signed", "party": name, "date": (effective - dt.timedelta(days=10)).isoformat()}
        for name in parties
    ]
    if index % 4 == 0:
        received = min(effective + dt.timedelta(days=400 + index % 3000), ON)
        events.append({
            "type": "notice", "by": parties[0], "form": "written",
            "received": {name: received.isoformat() for name in parties[1:]},
        })  # fmt: skip
    return {**data, "events": events}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(20261121)
    data = [with_events(agreement_data(rng, i), i) for i in range(args.count)]
    print(f"{args.count} Vereinbarungen werden aufgebaut …", flush=True)

    ours: list[float] = []
    naive: list[float] = []
    for run in range(args.repeat):
        # fresh model objects every run: the term rule (cached on the model) is built in the loop
        agreements = [Agreement.model_validate(d) for d in data]
        inputs = [
            (a.term.first_end or a.term.effective, a.term.notice.months if a.term.notice else 6)
            for a in agreements
        ]
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        for a in agreements:
            state_on(a, ON)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        for end, n in inputs:
            end - relativedelta(months=n)
        naive.append(time.perf_counter() - start)
        gc.enable()
        print(f"Lauf {run + 1}: {ours[-1]:.3f} s, naiv {naive[-1]:.3f} s", flush=True)

    median_ours, median_naive = statistics.median(ours), statistics.median(naive)
    rate = args.count / median_ours
    ratio = median_ours / median_naive
    print(f"Median: {median_ours:.3f} s = {rate:,.0f} Vereinbarungen/s (Ziel ≥ 20.000/s)")
    print(f"Naiver Einzeiler: {median_naive:.3f} s; Verhältnis {ratio:.2f} (Ziel ≤ 5)")
    ok = rate >= 20_000 and ratio <= 5
    print("ERGEBNIS:", "erfüllt" if ok else "NICHT erfüllt")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
