"""The JSON API: ``POST /api/deadlines`` answers what ``deadlines --format json`` answers;
tokens, roles and events of the register (django-ninja)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_one_state import agreements_with_events
from vereinbarung.cli import main as cli
from vereinbarung.files.io import read_data
from vereinbarung.web.api.models import ApiToken
from vereinbarung.web.api.tokens import create_token
from vereinbarung.web.register.models import Agreement, Version

from .conftest import EXAMPLES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limits() -> Any:
    """Many requests of one address in one test (hypothesis's examples): without the limits of
    issue 20, which tests/web/test_ratelimit.py checks."""
    from django.conf import settings as django_settings
    from django.test import override_settings

    with override_settings(RATE_LIMITS=dict.fromkeys(django_settings.RATE_LIMITS)):
        yield


def cli_record(folder: Path, document: Any, on: dt.date) -> dict[str, Any]:
    """``vereinbarung deadlines anfrage.json --on … --format json`` run in *folder*."""
    import os

    (folder / "anfrage.json").write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    out, err = io.StringIO(), io.StringIO()
    here = Path.cwd()
    os.chdir(folder)
    try:
        with (
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
            pytest.raises(SystemExit),
        ):
            cli.main(["deadlines", "anfrage.json", "--on", on.isoformat(), "--format", "json"])
    finally:
        os.chdir(here)
    records = json.loads(out.getvalue())
    assert len(records) == 1
    return dict(records[0])


def api_post(client: Client, document: Any, on: dt.date | str) -> Any:
    return client.post(
        f"/api/deadlines?on={on}", json.dumps(document), content_type="application/json"
    )


def plain(path: Path) -> Any:
    return json.loads(json.dumps(read_data(path), default=str))


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_examples_answer_what_the_cli_answers(
    client: Client, tmp_path: Path, example: Path
) -> None:
    document = plain(example)
    for on in (dt.date(2026, 11, 21), dt.date(2030, 6, 30)):
        response = api_post(client, document, on)
        assert response.status_code == 200, response.content
        assert response.json() == cli_record(tmp_path, document, on)


@pytest.mark.slow
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    document=agreements_with_events(),
    on=st.dates(min_value=dt.date(2025, 6, 1), max_value=dt.date(2031, 12, 31)),
)
def test_random_agreements_answer_what_the_cli_answers(
    client: Client, tmp_path: Path, document: dict[str, Any], on: dt.date
) -> None:
    response = api_post(client, document, on)
    assert response.status_code == 200, response.content
    assert response.json() == cli_record(tmp_path, document, on)


def test_bad_documents_get_422_in_german(client: Client) -> None:
    document = plain(EXAMPLES / "kinderschutz-rhein-kreis-neuss.yaml")
    document["term"]["effective"] = "31.02.2026"
    response = api_post(client, document, "2026-11-21")
    assert response.status_code == 422
    messages = response.json()["fehler"]
    assert any("effective" in m and "31.02.2026" in m for m in messages), messages
    response = api_post(client, plain(EXAMPLES / "interkommunaler-bauhof.yaml"), "2026-13-01")
    assert response.status_code == 422
    assert "on: »2026-13-01«" in response.json()["fehler"][0]
    for body in ("[1, 2]", "{nicht json", "", "[" * 5000 + "]" * 5000):
        response = client.post("/api/deadlines", body, content_type="application/json")
        assert response.status_code == 422, body[:20]
        assert response.json()["fehler"], body[:20]
    assert (
        "Zuordnung"
        in client.post("/api/deadlines", "[1]", content_type="application/json").json()["fehler"][0]
    )


def test_body_over_one_megabyte_is_refused(client: Client) -> None:
    body = json.dumps({"title": "x" * 1_100_000})
    response = client.post("/api/deadlines", body, content_type="application/json")
    assert response.status_code == 413
    assert "1 MB" in response.json()["fehler"][0]


def test_deadlines_stores_nothing(client: Client) -> None:
    before = (Agreement.objects.count(), Version.objects.count())
    api_post(client, plain(EXAMPLES / "interkommunaler-bauhof.yaml"), "2026-11-21")
    assert (Agreement.objects.count(), Version.objects.count()) == before


def test_openapi_and_docs_without_cdn(client: Client) -> None:
    spec = client.get("/api/openapi.json").json()
    assert {"/api/deadlines", "/api/agreements", "/api/agreements/{pk}",
            "/api/agreements/{pk}/events"} <= set(spec["paths"])  # fmt: skip
    page = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


@pytest.mark.usefixtures("examples")
def test_agreements_need_a_token(client: Client, users: dict[str, Any]) -> None:
    assert client.get("/api/agreements").status_code == 401
    assert client.get("/api/agreements", headers=bearer("vb_falsch")).status_code == 401
    _, secret = create_token(users["lesen"], "Test", "Lesen")
    listing = client.get("/api/agreements?on=2026-11-21", headers=bearer(secret)).json()
    assert len(listing) == Agreement.objects.filter(archived=False).count()
    pk = listing[0]["id"]
    detail = client.get(f"/api/agreements/{pk}?on=2026-11-21", headers=bearer(secret)).json()
    assert detail["deadlines"]["on"] == "2026-11-21"
    assert detail["deadlines"]["status"] == listing[0]["status"]
    assert client.get("/api/agreements/999999", headers=bearer(secret)).status_code == 404


def test_token_never_above_the_role(users: dict[str, Any]) -> None:
    with pytest.raises(PermissionError):
        create_token(users["lesen"], "zu viel", "Bearbeiten")
    token, _ = create_token(users["verwalten"], "ok", "Bearbeiten")
    assert token.role == "Bearbeiten"


NOTICE_DAY = "2026-05-02"


@pytest.mark.usefixtures("examples")
def test_event_with_the_checks_of_record(client: Client, users: dict[str, Any]) -> None:
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    agreement = read_data(EXAMPLES / "interkommunaler-bauhof.yaml")
    a, b = (p["name"] for p in agreement["parties"][:2])
    event = {"type": "notice", "by": a, "received": {b: "2026-03-02"}}
    _, reader = create_token(users["lesen"], "lesen", "Lesen")
    url = f"/api/agreements/{record.pk}/events"
    response = client.post(
        url, json.dumps(event), content_type="application/json", headers=bearer(reader)
    )
    assert response.status_code == 403
    assert "Bearbeiten" in response.json()["fehler"][0]
    _, writer = create_token(users["bearbeiten"], "schreiben", "Bearbeiten")
    bad = {"type": "notice", "by": "Niemand", "received": {b: "2026-03-02"}}
    response = client.post(
        url, json.dumps(bad), content_type="application/json", headers=bearer(writer)
    )
    assert response.status_code == 422
    assert "Niemand" in " ".join(response.json()["fehler"])
    response = client.post(url + "?vorschau=true", json.dumps(event),
                           content_type="application/json", headers=bearer(writer))  # fmt: skip
    assert response.status_code == 200
    assert response.json()["saved"] is False
    before = record.version
    response = client.post(url, json.dumps({**event, "version": before}),
                           content_type="application/json", headers=bearer(writer))  # fmt: skip
    assert response.status_code == 201, response.content
    answer = response.json()
    assert answer["effect"]["text"]
    assert answer["version"] == before + 1
    version = Version.objects.get(agreement=record, number=before + 1)
    assert version.author_name == "bearbeiter"
    # the same base again: someone saved in between
    response = client.post(url, json.dumps({**event, "version": before}),
                           content_type="application/json", headers=bearer(writer))  # fmt: skip
    assert response.status_code == 409


def test_revoked_token_and_lowered_role(client: Client, users: dict[str, Any]) -> None:
    from vereinbarung.web.accounts.roles import LESEN, create_user

    token, secret = create_token(users["bearbeiten"], "x", "Bearbeiten")
    assert client.get("/api/agreements", headers=bearer(secret)).status_code == 200
    create_user("bearbeiter", "geheim-123", LESEN)  # the user's role is lowered
    from vereinbarung.web.api.tokens import token_level

    assert token_level(ApiToken.objects.get(pk=token.pk)) == 1
    ApiToken.objects.filter(pk=token.pk).update(revoked=dt.datetime.now(dt.UTC))
    assert client.get("/api/agreements", headers=bearer(secret)).status_code == 401


@pytest.mark.usefixtures("examples")
def test_the_state_names_a_party_that_leaves(client: Client, users: dict[str, Any]) -> None:
    """Issue 21: one party leaves the Bauhof, the others continue; the API's state says so
    (``leaving_ahead``, ``partial_notices``) in the list and in the detail."""
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    a, *others = (p["name"] for p in read_data(EXAMPLES / "interkommunaler-bauhof.yaml")["parties"])
    event = {"type": "notice", "by": a, "received": dict.fromkeys(others, "2026-03-02")}
    _, writer = create_token(users["bearbeiten"], "schreiben", "Bearbeiten")
    response = client.post(f"/api/agreements/{record.pk}/events", json.dumps(event),
                           content_type="application/json", headers=bearer(writer))  # fmt: skip
    assert response.status_code == 201, response.content
    detail = client.get(f"/api/agreements/{record.pk}?on=2026-11-21", headers=bearer(writer)).json()
    assert detail["status"] == "in_force"
    ((leaving),) = detail["leaving_ahead"]
    assert leaving["party"] == a
    day = dt.date.fromisoformat(leaving["last_day"])
    assert detail["partial_notices"] == [
        f"{a} scheidet zum {day:%d.%m.%Y} aus; für die übrigen Parteien in Kraft"
    ]
    assert detail["deadlines"]["partial_notices"] == detail["partial_notices"]
    assert detail["notice_deadline"] is not None  # the others' deadline stays
    listing = client.get("/api/agreements?on=2026-11-21", headers=bearer(writer)).json()
    (row,) = [r for r in listing if r["id"] == record.pk]
    assert row["partial_notices"] == detail["partial_notices"]
