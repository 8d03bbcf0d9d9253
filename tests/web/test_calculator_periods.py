"""The Fristenrechner accepts every period the file format accepts (issue 24): one parser.

Its help text offers »10 Arbeitstage«; it refused them (»unbekannte Einheit«) because it checked
each period with ``Period.parse`` before the file format's own fields ever saw them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from vereinbarung.web.pages.calculator import calculate

if TYPE_CHECKING:
    from django.test import Client

D = dt.date.fromisoformat


def test_ten_arbeitstage_to_the_year_end() -> None:
    # 10 Arbeitstage zum 31.12.2026 in NRW: counted back Monday to Friday without 25./26.12.
    # (Friday, Saturday): 31., 30., 29., 28., 24., 23., 22., 21., 18., 17.12.; receipt by
    # 16.12.2026 (§§ 187 Abs. 1, 188 Abs. 1 BGB; README »So wird gerechnet«)
    answer = calculate(
        {"kuendigungsfrist": "10 Arbeitstage", "stichtag": "01.12.2026"}, D("2026-12-07")
    )
    assert answer.errors == {}
    assert answer.state is not None
    assert (answer.state.terminates_on, answer.state.notice_deadline) == (
        D("2026-12-31"),
        D("2026-12-16"),
    )


def test_twelve_werktage_to_the_term_end() -> None:
    # Laufzeitende 31.12.2026, Verlängerung um je ein Jahr, 12 Werktage (Monday to Saturday,
    # § 3 Abs. 2 BUrlG) zum Laufzeitende: 31., 30., 29., 28., 24., 23., 22., 21., 19., 18., 17.,
    # 16.12. (Saturday 26.12. is a holiday, Saturday 19.12. counts); receipt by 15.12.2026
    answer = calculate(
        {"laufzeitende": "31.12.2026", "verlaengerung": "ein Jahr",
         "kuendigungsfrist": "zwölf Werktage", "stichtag": "01.12.2026"},
        D("2026-12-07"),
    )  # fmt: skip
    assert answer.errors == {}
    assert answer.state is not None
    assert answer.state.notice_deadline == D("2026-12-15")
    assert "12 Werktage" in " ".join(answer.derivation)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("kuendigungsfrist", "3 Fortnights", "»3 Fortnights«: unbekannte Einheit »fortnights«"),
        ("laufzeit", "2 Jahrzehnte", "»2 Jahrzehnte«: unbekannte Einheit »jahrzehnte«"),
        ("verlaengerung", "bald", "»bald«"),
    ],
)
def test_a_wrong_period_is_reported_at_its_parameter(name: str, value: str, message: str) -> None:
    query = {"inkrafttreten": "01.01.2026", "kuendigungsfrist": "6 Monate", name: value}
    answer = calculate(query, D("2026-12-07"))
    assert answer.state is None
    assert message in answer.errors[name]
    assert "Feld term" not in answer.errors[name]


def test_the_units_named_for_a_kuendigungsfrist_include_working_days() -> None:
    answer = calculate({"kuendigungsfrist": "3 Fortnights"}, D("2026-12-07"))
    assert answer.errors["kuendigungsfrist"] == (
        "»3 Fortnights«: unbekannte Einheit »fortnights« (erlaubt: Jahre, Monate, Wochen, Tage, "
        "Arbeitstage, Werktage)."
    )
    laufzeit = calculate(
        {"inkrafttreten": "01.01.2026", "laufzeit": "2 Arbeitstage"}, D("2026-12-07")
    )
    assert "(erlaubt: Jahre, Monate, Wochen, Tage)." in laufzeit.errors["laufzeit"]


@pytest.mark.django_db
def test_the_page_answers_working_days(client: Client) -> None:
    page = client.get("/fristenrechner?kuendigungsfrist=10+Arbeitstage&stichtag=01.12.2026")
    text = page.content.decode()
    assert 'id="ergebnis-zugang">16.12.2026' in text
    assert "unbekannte Einheit" not in text
