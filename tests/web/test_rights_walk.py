"""Every address and API route, walked as users of other Fachbereiche and Kommunen (issue 26).

The routes come from Django's URL resolver (pages, the ninja API, everything added later) and
the API's own OpenAPI description (every path and method of the ninja router); each is called
with GET and POST, with the number of an agreement of another Fachbereich or Kommune where it
takes one, as four users: Freigeben in Jugend of Gemeinde Adorf, in Soziales of Gemeinde Adorf,
in Jugend of Stadt Bstadt, in Jugend of Gemeinde Cdorf (with an API key of theirs on every
request). One agreement of Jugend Adorf names Stadt Bstadt as a party: Adorf's Jugend and
Bstadt (a partner Kommune) both read it, Soziales and Cdorf do not; a »vertraulich« one that
names Bstadt only Adorf's Jugend. Nothing of another's
agreements may be answered (403/404, never its title in a page, list, search, CSV, Word
document, calendar or JSON), and nothing may be written: no version, no archiving, no Freigabe,
no mark, no agreement created in another's Fachbereich.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from vereinbarung.web.api.routes import api
from vereinbarung.web.api.tokens import create_token
from vereinbarung.web.feeds import service as feeds
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement, Version
from vereinbarung.web.reminders.models import Mark
from vereinbarung.web.rights.checks import readable
from vereinbarung.web.rights.models import Fachbereich, Kommune, Membership, Partner, PendingAct

from .conftest import EXAMPLES

pytestmark = pytest.mark.django_db

BAUHOF = (EXAMPLES / "interkommunaler-bauhof.yaml").read_text(encoding="utf-8")


def _text(marker: str, department: str, partner: str = "") -> str:
    text = BAUHOF.replace("Gemeinde Nettersheim", partner) if partner else BAUHOF
    text = text.replace("title: Kooperationsvereinbarung", f"title: Vereinbarung {marker}", 1)
    dept = f"department: {department}\n" if department else ""
    return text.replace("\nparties:", f"\nshort_name: {marker}\n{dept}parties:", 1)


def _user(name: str, fachbereich: Fachbereich, role: str = "Freigeben") -> Any:
    user = get_user_model()(username=name)
    user.set_password("geheim-123")
    user.save()
    Membership.objects.create(user=user, fachbereich=fachbereich, role=role)
    return user


@pytest.fixture
def world() -> dict[str, Any]:
    """Two Kommunen, three Fachbereiche, one user each; agreements (marker → record)."""
    adorf = Kommune.objects.create(name="Gemeinde Adorf")
    bstadt = Kommune.objects.create(name="Stadt Bstadt")
    jugend_a = Fachbereich.objects.create(name="Jugend", kommune=adorf)
    soziales_a = Fachbereich.objects.create(name="Soziales", kommune=adorf)
    jugend_b = Fachbereich.objects.create(name="Jugend", kommune=bstadt)
    cdorf = Kommune.objects.create(name="Gemeinde Cdorf")
    jugend_c = Fachbereich.objects.create(name="Jugend", kommune=cdorf)
    users = {
        "ja": _user("jugend-adorf", jugend_a),
        "sa": _user("soziales-adorf", soziales_a),
        "jb": _user("jugend-bstadt", jugend_b),
        "jc": _user("jugend-cdorf", jugend_c),
    }
    records = {
        "zzmarkeja": services.create(_text("zzmarkeja", "Jugend"), user=users["ja"]),
        "zzmarkesa": services.create(_text("zzmarkesa", "Soziales"), user=users["sa"]),
        "zzmarkesk": services.create(_text("zzmarkesk", "Soziales"), user=users["sa"]),
        "zzmarkejb": services.create(_text("zzmarkejb", "Jugend"), user=users["jb"]),
        "zzmarkeub": services.create(_text("zzmarkeub", "")),
        "zzmarkejc": services.create(_text("zzmarkejc", "Jugend"), user=users["jc"]),
        "zzmarkepa": services.create(
            _text("zzmarkepa", "Jugend", "Stadt Bstadt"), user=users["ja"]
        ),
        "zzmarkepk": services.create(
            _text("zzmarkepk", "Jugend", "Stadt Bstadt"), user=users["ja"]
        ),
    }
    Agreement.objects.filter(pk__in=[records["zzmarkesk"].pk, records["zzmarkepk"].pk]).update(
        confidential=True
    )
    Agreement.objects.filter(pk=records["zzmarkeub"].pk).update(kommune=bstadt)
    owner = {"zzmarkeja": "ja", "zzmarkesa": "sa", "zzmarkesk": "sa", "zzmarkejb": "jb",
             "zzmarkeub": "jb", "zzmarkejc": "jc", "zzmarkepa": "ja", "zzmarkepk": "ja"}  # fmt: skip
    for marker, record in records.items():
        record.refresh_from_db()
        PendingAct.objects.create(
            agreement=record, kind=PendingAct.KUENDIGUNG, summary=f"Kündigung {marker}",
            text=record.text, base=record.version, author=users[owner[marker]],
            author_name=users[owner[marker]].username,
        )  # fmt: skip
    assert records["zzmarkeja"].fachbereich == jugend_a
    assert records["zzmarkejb"].fachbereich == jugend_b
    assert records["zzmarkesa"].kommune == adorf
    assert Partner.objects.get(agreement=records["zzmarkepa"]).kommune == bstadt
    own = {"ja": {"zzmarkeja", "zzmarkepa", "zzmarkepk"}, "sa": {"zzmarkesa", "zzmarkesk"},
           "jb": {"zzmarkejb", "zzmarkeub", "zzmarkepa"}, "jc": {"zzmarkejc"}}  # fmt: skip
    return {"users": users, "records": records, "own": own}


def routes() -> list[tuple[str, str | None]]:
    """(route with <parameters>, name) of every address the resolver knows."""

    def walk(patterns: list[Any], prefix: str) -> list[tuple[str, str | None]]:
        found: list[tuple[str, str | None]] = []
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                found += walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                found.append((prefix + str(pattern.pattern), pattern.name))
        return found

    return walk(get_resolver().url_patterns, "")


PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def _fill(route: str, values: dict[str, str]) -> str:
    return "/" + PARAM.sub(lambda m: values.get(m.group(2), "1"), route).lstrip("^").rstrip("$")


def _body(response: Any) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":  # a Word document: its XML parts
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            content = b"".join(archive.read(name) for name in archive.namelist())
    return content.decode("utf-8", errors="ignore").lower()


def _snapshot(records: list[int]) -> dict[str, Any]:
    """What must not change: the agreements *records*, their versions, all acts and marks."""
    return {
        "records": sorted(Agreement.objects.filter(pk__in=records).values_list(
            "pk", "version", "text", "archived", "fachbereich", "kommune", "confidential")),
        "versions": sorted(Version.objects.filter(agreement__in=records).values_list("pk", "text")),
        "acts": sorted(PendingAct.objects.values_list("pk", "status", "decided_name")),
        "marks": sorted(Mark.objects.filter(agreement__in=records).values_list("user", "agreement")),
    }  # fmt: skip


def test_the_walk_covers_every_route_of_the_resolver_and_the_api() -> None:
    walked = {route for route, _ in routes()}
    schema = api.get_openapi_schema()
    for path in schema["paths"]:
        assert "api" + re.sub(r"\{(\w+)\}", r"<\1>", path).removeprefix("/api") in walked, path
    names = {name for _, name in routes()}
    assert {
        "vereinbarung",
        "dokument",
        "freigabe",
        "agreement",
        "record_event",
        "kalender",
    } <= names


@pytest.mark.parametrize("who", ["ja", "sa", "jb", "jc"])
def test_nothing_across_the_boundary_is_readable_or_writable(
    world: dict[str, Any], who: str
) -> None:
    user = world["users"][who]
    own = world["own"][who]
    foreign = {m: r for m, r in world["records"].items() if m not in own}
    _, key = create_token(user, "Rundgang", "Freigeben")
    _, secret = feeds.renew(user)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    client.force_login(user)
    assert sorted(readable(user).values_list("short_name", flat=True)) == sorted(own)

    # what the user may see is there (the walk below could fail)
    start = _body(client.get("/?archiv=1"))
    api_list = _body(client.get("/api/agreements?archived=true"))
    for marker in own:
        assert marker in start
        assert marker in api_list
    old = [r.pk for r in world["records"].values()]
    before = _snapshot([r.pk for r in foreign.values()])
    mine = {getattr(r, "fachbereich_id", None) for m, r in world["records"].items() if m in own}
    counted = 0
    for route, _name in routes():
        takes_record = "<int:pk>" in route or "<pk>" in route
        targets = list(foreign.items()) if takes_record else [("", None)]
        for _, record in targets:
            values = {"token": secret, "number": "1"}
            if record is not None:
                values["pk"] = str(record.pk)
                values["act"] = str(PendingAct.objects.get(agreement=record).pk)
            url = _fill(route, values)
            answers = _calls(client, url, record)
            client.force_login(user)  # »abmelden« was among them
            for method, response in answers:
                counted += 1
                assert response.status_code < 500, (method, url, response.status_code)
                if record is not None:
                    assert response.status_code in {403, 404, 405}, (
                        method, url, response.status_code)  # fmt: skip
                body = _body(response)
                for hidden in foreign:
                    assert hidden not in body, (method, url, hidden)
    assert counted > 100
    assert _snapshot([r.pk for r in foreign.values()]) == before
    created = Agreement.objects.exclude(pk__in=old)
    assert all(getattr(r, "fachbereich_id", None) in mine for r in created), [
        r.department for r in created
    ]


def _calls(client: Client, url: str, record: Any) -> list[tuple[str, Any]]:
    """GET (with a search for every marker) and POSTs that would write."""
    found = [("GET", client.get(url)), ("GET ?q", client.get(url, {"q": "zzmarke", "archiv": "1"}))]
    text = _text("zzmarkeneu", "Soziales" if record is None else record.department or "Jugend")
    if record is not None:
        text = record.text.replace("Vereinbarung zzmarke", "Vereinbarung geändert zzmarke")
    version = str(record.version if record is not None else 0)
    for action in ("speichern", "freigeben", "markieren"):
        data = {
            "text": text, "version": version, "grund": "Rundgang", "archiviert": "1",
            "aktion": action, "begruendung": "Rundgang", "vereinbarung": str(getattr(record, "pk", "")),
            "typ": "notice", "by": "Gemeinde Blankenheim", "date": "01.06.2026",
        }  # fmt: skip
        found.append((f"POST {action}", client.post(url, data)))
    event = '{"type": "notice", "by": "Gemeinde Blankenheim", "date": "2026-06-01"}'
    found.append(("POST json", client.post(url, event, content_type="application/json")))
    return found
