"""Varied agreement data for the benchmarks: every term form, notice date kind and length."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

NOTICES = ["3 Monate", "sechs Monate", "ein Jahr", "6 Wochen", "P6M", "1 Monat", "zwei Jahre"]
RENEWALS = ["2 Jahre", "ein Jahr", "P6M", "5 Jahre", "unbestimmte Zeit"]
NOTICE_TO = ["term_end", "year_end", "quarter_end", "month_end"]


def agreement_data(rng: random.Random, index: int) -> dict[str, Any]:
    """One agreement as file data: two to eight parties, a term clause of a random form."""
    effective = dt.date(1995, 1, 1) + dt.timedelta(days=rng.randrange(0, 40 * 365))
    form = rng.choice(["fixed", "renewing", "renewing", "indefinite", "duration"])
    term: dict[str, Any] = {"effective": effective.isoformat(), "clause": "§ 5"}
    if form in ("fixed", "renewing"):
        term["ends"] = (effective + dt.timedelta(days=rng.randrange(200, 3000))).isoformat()
    if form == "duration":
        term["duration"] = rng.choice(["4 Jahre", "P3Y", "zehn Jahre", "18 Monate"])
    if form in ("renewing", "duration") and rng.random() < 0.8:
        term["renewal"] = rng.choice(RENEWALS)
    if form == "indefinite" or rng.random() < 0.9:
        term["notice"] = rng.choice(NOTICES)
        choices = NOTICE_TO[1:] if form == "indefinite" else NOTICE_TO
        term["notice_to"] = rng.choice(choices)
    if rng.random() < 0.2:
        term["earliest_end"] = (effective + dt.timedelta(days=rng.randrange(0, 5000))).isoformat()
    parties = [
        {
            "name": f"{rng.choice(['Stadt', 'Gemeinde'])} Musterort {index}-{p}",
            "representative": {
                "name": f"Person {p}",
                "title": rng.choice(["Bürgermeister", "Bürgermeisterin"]),
            },
            "address": {
                "street": "Markt 1",
                "postal_code": f"{40000 + p:05d}",
                "city": "Musterort",
            },
        }
        for p in range(rng.randrange(2, 9))
    ]
    return {
        "title": f"Kooperationsvereinbarung Nr. {index}",
        "land": "NW",
        "parties": parties,
        "term": term,
        "sections": [
            {"number": n, "heading": f"Überschrift {n}", "paragraphs": ["Text des Absatzes."]}
            for n in range(1, 8)
        ],
    }
