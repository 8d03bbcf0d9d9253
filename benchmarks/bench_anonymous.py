"""The anonymous request budget (issue 20): the worst requests anyone may send without a login.

Each clause chains terms or notice dates from the year 1 (a renewal of one day, of one week,
notice dates at every month end or on a fixed day, a notice period of 366 Arbeitstage), sent as
``POST /api/deadlines`` (the issue's 340-byte body) and as ``GET /fristenrechner``; for
comparison an ordinary clause. Every hostile one must end in HTTP 422 within 1 s (the budget of
:func:`vereinbarung.date_budget`), the ordinary one in 200. Wall time and CPU time of the process
per request, in the Django test client (the application's own work; HTTP adds about a
millisecond). The rate limits are off here: this measures one request, not many.

    .venv/bin/python benchmarks/bench_anonymous.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from typing import Any
from urllib.parse import urlencode

PARTIES = [
    {"name": "Stadt A", "representative": {"name": "A", "title": "Bürgermeisterin"}},
    {"name": "Stadt B", "representative": {"name": "B", "title": "Bürgermeister"}},
]
DAILY = {"effective": "0001-01-01", "duration": "1 Tag", "renewal": "1 Tag", "notice": "1 Tag",
         "notice_to": "term_end"}  # fmt: skip
CLAUSES: dict[str, dict[str, Any]] = {
    "1 Tag seit 0001, zum Laufzeitende": DAILY,
    "1 Tag seit 0001, zum Monatsende": {**DAILY, "notice_to": "month_end"},
    "1 Tag seit 0001, zum 31.07.": {**DAILY, "notice_to": ["31.07."]},
    "1 Tag seit 0001, 366 Arbeitstage": {**DAILY, "notice": "366 Arbeitstage"},
    "1 Woche seit 0001": {**DAILY, "duration": "1 Woche", "renewal": "1 Woche"},
}
ORDINARY = {"effective": "2023-02-01", "ends": "2026-12-31", "renewal": "2 Jahre",
            "notice": "6 Monate", "notice_to": "term_end"}  # fmt: skip
ON = "2026-12-07"


def calculator_url(term: dict[str, Any]) -> str:
    """The Fristenrechner's address for *term* (its parameters; fixed days have none)."""
    notice_to = term["notice_to"]
    params = {
        "inkrafttreten": ".".join(reversed(term["effective"].split("-"))),
        "verlaengerung": term["renewal"],
        "kuendigungsfrist": term["notice"],
        "kuendigungstermin": notice_to if isinstance(notice_to, str) else "term_end",
        "stichtag": ".".join(reversed(ON.split("-"))),
    }
    if "duration" in term:
        params["laufzeit"] = term["duration"]
    else:
        params["laufzeitende"] = ".".join(reversed(term["ends"].split("-")))
    return "/fristenrechner?" + urlencode(params)


def measure(send: Any, repeat: int) -> tuple[int, list[float], list[float]]:
    """Status, wall and CPU seconds of *repeat* calls of *send*."""
    walls, cpus, status = [], [], 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        status = send().status_code
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return status, walls, cpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ["VEREINBARUNG_DATA"] = tempfile.mkdtemp(prefix="vereinbarung-bench-anon-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "vereinbarung.web.settings"
    os.environ["VEREINBARUNG_ALLOWED_HOSTS"] = "testserver"
    os.environ["VEREINBARUNG_RATE_LIMITS"] = "aus"
    import django
    from django.core.management import call_command
    from django.test import Client

    django.setup()
    call_command("migrate", verbosity=0)
    client = Client()
    client.get(calculator_url(ORDINARY))  # imports and the holidays' first year
    worst = 0.0
    failed = False
    print(f"{'Anfrage':52} Status  Zeit max (median)   CPU max")
    for name, term in [*CLAUSES.items(), ("gewöhnlich: 2 Jahre, 6 Monate", ORDINARY)]:
        body = json.dumps({"title": "Anfrage", "parties": PARTIES,
                           "on_party_notice": "ends_for_all", "term": term}, ensure_ascii=False)  # fmt: skip
        for kind, send in (
            (f"API ({len(body.encode())} Bytes)", lambda b=body: client.post(
                f"/api/deadlines?on={ON}", b, content_type="application/json")),
            ("Fristenrechner", lambda t=term: client.get(calculator_url(t))),
        ):  # fmt: skip
            status, walls, cpus = measure(send, args.repeat)
            expected = 200 if term is ORDINARY else 422
            failed |= status != expected or max(walls) >= 1.0
            if term is not ORDINARY:
                worst = max(worst, max(walls))
            print(f"{name + ', ' + kind:52} {status}     {max(walls) * 1000:5.0f} ms "
                  f"({statistics.median(walls) * 1000:4.0f} ms)  {max(cpus) * 1000:5.0f} ms")  # fmt: skip
    print(f"Schlimmste Anfrage: {worst * 1000:.0f} ms (Ziel < 1000 ms, HTTP 422)")
    print("ERGEBNIS:", "NICHT erfüllt" if failed else "erfüllt")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
