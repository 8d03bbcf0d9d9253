"""Anonymous work is bounded (issue 20): a budget on the date arithmetic, rate limits per address.

* The issue's request – a renewal of one day from the year 1, 340 bytes – cost 9.5 s of CPU
  through ``POST /api/deadlines`` and 4.9 s through ``GET /fristenrechner``; now a German 422
  within a second (:func:`vereinbarung.date_budget`).
* The Fristenrechner, ``POST /api/deadlines``, the calendar feed and failed logins are counted
  per client address (``REMOTE_ADDR``); over the limit HTTP 429 with ``Retry-After`` and a
  German text (JSON in the API). Two server processes on one database share the counters.
"""

from __future__ import annotations

import http.client
import json
import time
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from vereinbarung.web.limits.rates import DEFAULT_RATE_LIMITS, parse_rate_limits

from .served import HOST, environment, server

pytestmark = pytest.mark.django_db

#: The issue's request: 340 bytes, a renewal of one day from the year 1.
YEAR_1 = json.dumps(
    {
        "title": "Anfrage",
        "parties": [
            {"name": "Stadt A", "representative": {"name": "A", "title": "Bürgermeisterin"}},
            {"name": "Stadt B", "representative": {"name": "B", "title": "Bürgermeister"}},
        ],
        "on_party_notice": "ends_for_all",
        "term": {
            "effective": "0001-01-01",
            "duration": "1 Tag",
            "renewal": "1 Tag",
            "notice": "1 Tag",
            "notice_to": "term_end",
        },
    },
    ensure_ascii=False,
)
YEAR_1_CALCULATOR = (
    "/fristenrechner?inkrafttreten=01.01.0001&laufzeit=1+Tag&verlaengerung=1+Tag"
    "&kuendigungsfrist=1+Tag&kuendigungstermin=term_end&stichtag=07.12.2026"
)
CALCULATOR = (
    "/fristenrechner?laufzeitende=31.12.2026&verlaengerung=2+Jahre&kuendigungsfrist=6+Monate"
    "&stichtag=01.12.2026"
)
TOO_MUCH = "Die Berechnung ist zu aufwendig"


def test_api_refuses_a_chain_from_the_year_1_within_a_second(client: Client) -> None:
    assert len(YEAR_1.encode()) < 400
    ordinary = YEAR_1.replace('"0001-01-01"', '"2025-01-01"')
    warm = client.post("/api/deadlines", ordinary, content_type="application/json")
    assert warm.status_code == 200  # the library's modules imported, as in a running server
    started = time.perf_counter()
    response = client.post("/api/deadlines", YEAR_1, content_type="application/json")
    assert time.perf_counter() - started < 1.0
    assert response.status_code == 422
    (message,) = response.json()["fehler"]
    assert message.startswith(f"term: {TOO_MUCH}"), message


def test_calculator_refuses_a_chain_from_the_year_1_within_a_second(client: Client) -> None:
    assert client.get(CALCULATOR).status_code == 200  # imports done, as in a running server
    started = time.perf_counter()
    response = client.get(YEAR_1_CALCULATOR)
    assert time.perf_counter() - started < 1.0
    assert response.status_code == 422
    page = response.content.decode()
    assert TOO_MUCH in page
    assert 'id="ergebnis-ende"' not in page


def test_calculator_shows_a_refused_parameter_with_422(client: Client) -> None:
    response = client.get("/fristenrechner?kuendigungsfrist=bald&laufzeitende=31.12.2026")
    assert response.status_code == 422
    assert "bald" in response.content.decode()
    assert client.get(CALCULATOR).status_code == 200


@pytest.fixture
def limits(settings: Any) -> Any:
    """Small limits for the tests: three requests (failed logins) per minute each."""
    settings.RATE_LIMITS = parse_rate_limits(
        "fristenrechner=3/m, api=3/m, kalender=3/m, anmelden=3/m"
    )
    return settings


def assert_too_many(response: Any) -> int:
    assert response.status_code == 429
    seconds = int(response["Retry-After"])
    assert 1 <= seconds <= 65
    assert response["Cache-Control"] == "no-store"
    return seconds


@pytest.mark.usefixtures("limits")
def test_calculator_over_the_limit_gets_429_per_address(client: Client) -> None:
    for _ in range(3):
        assert client.get(CALCULATOR).status_code == 200
    response = client.get(CALCULATOR)
    seconds = assert_too_many(response)
    page = response.content.decode()
    assert "Zu viele Anfragen von Ihrer Adresse: erlaubt sind 3 Anfragen je Minute." in page
    assert f"Bitte in {seconds} Sekunden erneut versuchen." in page
    # a forged X-Forwarded-For changes nothing: the address is REMOTE_ADDR (set by waitress
    # from the trusted proxy's header, never by the application from a client's header)
    assert client.get(CALCULATOR, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    assert Client(REMOTE_ADDR="192.0.2.7").get(CALCULATOR).status_code == 200
    assert Client(REMOTE_ADDR="2001:db8::1").get(CALCULATOR).status_code == 200


@pytest.mark.usefixtures("limits")
def test_api_over_the_limit_gets_429_in_json(client: Client) -> None:
    for _ in range(3):
        response = client.post("/api/deadlines", "[1]", content_type="application/json")
        assert response.status_code == 422
    response = client.post("/api/deadlines", "[1]", content_type="application/json")
    assert_too_many(response)
    assert response["Content-Type"] == "application/json"
    (message,) = response.json()["fehler"]
    assert message.startswith("Zu viele Anfragen von Ihrer Adresse: erlaubt sind 3 Anfragen")


@pytest.mark.usefixtures("limits")
def test_calendar_over_the_limit_gets_429(client: Client) -> None:
    for _ in range(3):
        assert client.get("/kalender/unbekannt.ics").status_code == 404
    response = client.get("/kalender/unbekannt.ics")
    assert_too_many(response)
    assert "Zu viele Anfragen" in response.content.decode()


@pytest.mark.usefixtures("limits", "users")
def test_login_counts_failed_attempts_only(client: Client) -> None:
    for _ in range(5):  # successful logins are not counted
        response = Client().post("/anmelden/", {"username": "leser", "password": "geheim-123"})
        assert response.status_code == 302
    for name in ("a", "b", "c"):  # three people's names, so that axes locks no one
        response = client.post("/anmelden/", {"username": name, "password": "falsch"})
        assert response.status_code == 200
    response = client.post("/anmelden/", {"username": "leser", "password": "geheim-123"})
    assert_too_many(response)
    assert "Zu viele fehlgeschlagene Anmeldungen" in response.content.decode()
    assert client.get("/anmelden/").status_code == 200  # the page itself stays readable
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert (
        other.post("/anmelden/", {"username": "leser", "password": "geheim-123"}).status_code == 302
    )


def test_limits_are_configured_by_one_variable() -> None:
    assert parse_rate_limits("") == DEFAULT_RATE_LIMITS
    assert all(rate is None for rate in parse_rate_limits("aus").values())
    changed = parse_rate_limits("fristenrechner=60/m, kalender=aus")
    assert changed == {**DEFAULT_RATE_LIMITS, "fristenrechner": "60/m", "kalender": None}
    for bad in ("rechner=5/m", "api=viele", "api", "api=0/m"):
        with pytest.raises(ValueError, match="VEREINBARUNG_RATE_LIMITS"):
            parse_rate_limits(bad)


def get(port: int, path: str) -> int:
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("GET", path, headers={"Host": f"{HOST}:{port}"})
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.mark.slow
def test_two_processes_on_one_database_share_the_counters(tmp_path: Path) -> None:
    env = environment(tmp_path, VEREINBARUNG_RATE_LIMITS="fristenrechner=4/m")
    with server(env, threads=2) as first, server(env, threads=2) as second:
        statuses = [get(port, CALCULATOR) for port in (first, second, first, second, first)]
    # the fifth request of the address in the window is refused, whichever process answers;
    # a window may end in between (django-ratelimit's fixed windows): then it starts anew
    assert statuses in ([200, 200, 200, 200, 429], [200] * 5), statuses
    if statuses == [200] * 5:
        with server(env, threads=2) as first, server(env, threads=2) as second:
            statuses = [get(port, CALCULATOR) for port in (first, second) * 3]
        assert 429 in statuses[4:], statuses
