"""Non-numeric and out-of-range numbers in forms, queries and addresses (issue 20).

A number field gets letters, a superscript digit (``"²".isdigit()`` is true, ``int("²")``
fails), thousands of digits (``int()`` refuses more than 4,300) or a number beyond the database's
integers: the answer is a German 4xx, never a bare 500. Server errors of the API come as JSON.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client

from .conftest import login

pytestmark = pytest.mark.django_db

BAD = ["abc", "²", "9" * 5000]
HUGE = "99999999999999999999999"


def no_server_error(response: Any) -> None:
    assert response.status_code < 500, response.content[:300]


@pytest.mark.usefixtures("users")
@pytest.mark.parametrize("value", BAD)
def test_mein_konto_lead_days(client: Client, value: str) -> None:
    login(client, "leser")
    response = client.post(
        "/konto/", {"aktion": "erinnerungen", "email": "a@b.de", "scope": "all", "leads": value}
    )
    no_server_error(response)
    assert response.status_code == 400
    assert "ist keine Tageszahl" in response.content.decode()


@pytest.mark.usefixtures("users")
@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize(
    "form", [{"aktion": "schluessel_widerrufen", "pk": "{}"}, {"aktion": "markieren",
             "vereinbarung": "{}"}, {"aktion": "entmarkieren", "vereinbarung": "{}"}],
)  # fmt: skip
def test_mein_konto_numbers_of_keys_and_agreements(
    client: Client, value: str, form: dict[str, str]
) -> None:
    login(client, "leser")
    response = client.post("/konto/", {k: v.format(value) for k, v in form.items()})
    no_server_error(response)


@pytest.mark.usefixtures("users")
@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize("field", ["parteien", "paragraphen"])
def test_agreement_form_counts(client: Client, value: str, field: str) -> None:
    login(client, "bearbeiter")
    response = client.post("/vereinbarung/neu/", {"titel": "Test", field: value})
    no_server_error(response)


@pytest.mark.usefixtures("users")
@pytest.mark.parametrize("value", BAD)
def test_page_numbers_of_the_start_page(client: Client, value: str) -> None:
    login(client, "leser")
    no_server_error(client.get("/", {"seite": value}))


@pytest.mark.usefixtures("users", "examples")
@pytest.mark.parametrize(
    "url",
    [
        f"/vereinbarung/{HUGE}/",
        f"/vereinbarung/{HUGE}/dokument/",
        f"/vereinbarung/{HUGE}/bearbeiten/",
        f"/vereinbarung/{HUGE}/ereignis/",
        f"/vereinbarung/1/version/{HUGE}/",
    ],
)
def test_numbers_in_addresses(client: Client, url: str) -> None:
    login(client, "verwalter")
    response = client.get(url)
    no_server_error(response)
    assert response.status_code == 404


@pytest.mark.usefixtures("users")
def test_numbers_in_api_addresses_and_queries(client: Client, users: dict[str, Any]) -> None:
    from vereinbarung.web.api.tokens import create_token

    _, secret = create_token(users["bearbeiten"], "Test", "Bearbeiten")
    auth = {"Authorization": f"Bearer {secret}"}
    response = client.get(f"/api/agreements/{HUGE}", headers=auth)
    assert response.status_code == 404
    assert response.json()["fehler"]
    response = client.get("/api/agreements/abc", headers=auth)
    assert response.status_code in (404, 422)
    for query in ("archived=vielleicht", "on=abc"):
        response = client.get(f"/api/agreements?{query}", headers=auth)
        assert response.status_code == 422, query
        assert response.json()["fehler"], query
    response = client.post(
        f"/api/agreements/{HUGE}/events?vorschau=abc", "{}", content_type="application/json",
        headers=auth,
    )  # fmt: skip
    assert response.status_code == 422
    assert response.json()["fehler"]


def test_api_server_error_is_json(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from vereinbarung.web.api import views

    def broken(*args: Any, **kwargs: Any) -> Any:  # noqa: ARG001
        raise RuntimeError("kaputt")

    monkeypatch.setattr(views, "DeadlineRow", broken)
    body = (
        '{"title": "T", "parties": [{"name": "A", "representative": {"name": "x", "title": "y"}},'
        ' {"name": "B", "representative": {"name": "x", "title": "y"}}],'
        ' "on_party_notice": "ends_for_all", "term": {"effective": "2020-01-01"}}'
    )
    response = client.post("/api/deadlines", body, content_type="application/json")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "fehler": ["Ein interner Fehler ist aufgetreten. Bitte später erneut versuchen."]
    }
    assert "kaputt" not in response.content.decode()

    def outage(*args: Any, **kwargs: Any) -> Any:  # noqa: ARG001
        raise OperationalError("database is locked")

    monkeypatch.setattr(views, "DeadlineRow", outage)
    response = client.post("/api/deadlines", body, content_type="application/json")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Datenbank" in response.json()["fehler"][0]
