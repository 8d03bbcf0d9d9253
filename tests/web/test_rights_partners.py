"""One agreement, several municipalities: partner Kommunen (issue 26).

A Kreis hosts the register for its Gemeinden; an agreement of the Kreis's Fachbereich Bauhof
names Gemeinde Adorf and Stadt Bstadt (Kommunen of the register) as parties. Their members
read it and see the same state; with *Bearbeiten* they record their own party's events
(signature, a Kündigung given or received) on the page and through the API; nothing else
(edit, another party's events, archiving) — that stays with the owning Fachbereich.
A third Kommune neither reads nor writes it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from vereinbarung.web.api.tokens import create_token
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement
from vereinbarung.web.rights import partners
from vereinbarung.web.rights.approval import decide
from vereinbarung.web.rights.checks import acts_for, allowed, may_record, readable
from vereinbarung.web.rights.models import Fachbereich, Kommune, Membership, Partner, PendingAct

from .conftest import EXAMPLES

pytestmark = pytest.mark.django_db

BAUHOF = (EXAMPLES / "interkommunaler-bauhof.yaml").read_text(encoding="utf-8")
TEXT = (
    BAUHOF.replace("Gemeinde Dahlem", "Gemeinde Adorf")
    .replace("Gemeinde Nettersheim", "Stadt Bstadt")
    .replace("\nparties:", "\ndepartment: Bauhof\nparties:", 1)
)


def _user(name: str, fachbereich: Fachbereich, role: str) -> Any:
    user = get_user_model()(username=name)
    user.set_password("geheim-123")
    user.save()
    Membership.objects.create(user=user, fachbereich=fachbereich, role=role)
    return user


@pytest.fixture
def shared() -> dict[str, Any]:
    kreis = Kommune.objects.create(name="Kreis Euskirchen")
    adorf = Kommune.objects.create(name="Gemeinde Adorf")
    bstadt = Kommune.objects.create(name="Stadt Bstadt")
    cdorf = Kommune.objects.create(name="Gemeinde Cdorf")
    bauhof = Fachbereich.objects.create(name="Bauhof", kommune=kreis)
    users = {
        "kreis": _user("kreis-bauhof", bauhof, "Freigeben"),
        "adorf": _user("adorf-ordnung", Fachbereich.objects.create(name="Ordnung", kommune=adorf),
                       "Bearbeiten"),
        "bstadt": _user("bstadt-bauhof", Fachbereich.objects.create(name="Bauhof", kommune=bstadt),
                        "Bearbeiten"),
        "cdorf": _user("cdorf-bauhof", Fachbereich.objects.create(name="Bauhof", kommune=cdorf),
                       "Bearbeiten"),
        "bstadt_leser": _user("bstadt-leser", Fachbereich.objects.get(name="Bauhof",
                              kommune=bstadt), "Lesen"),
    }  # fmt: skip
    record = services.create(TEXT, user=users["kreis"])
    return {"record": record, "users": users, "adorf": adorf, "bstadt": bstadt, "cdorf": cdorf}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_partners_are_derived_from_the_parties_and_kept_when_set_by_hand(
    shared: dict[str, Any],
) -> None:
    record = shared["record"]
    rows = {p.party: p.kommune for p in Partner.objects.filter(agreement=record)}
    assert rows == {"Gemeinde Adorf": shared["adorf"], "Stadt Bstadt": shared["bstadt"]}
    # Blankenheim is no Kommune of the register: set by hand as Cdorf (e.g. another spelling)
    partners.set_by_hand(record, {"Gemeinde Blankenheim": shared["cdorf"].pk})
    with pytest.raises(ValueError, match="Partei »Gemeinde Zett«: die Vereinbarung nennt sie"):
        partners.set_by_hand(record, {"Gemeinde Zett": shared["cdorf"].pk})
    record.refresh_from_db()
    text = record.text.replace("Stadt Bstadt", "Stadt Bestadt")
    saved = services.save_version(record, text, base=record.version, user=shared["users"]["kreis"])
    rows = {p.party: p.kommune for p in Partner.objects.filter(agreement=saved)}
    assert rows == {"Gemeinde Adorf": shared["adorf"], "Gemeinde Blankenheim": shared["cdorf"]}


def test_both_partners_read_it_and_see_the_same_state_a_third_does_not(
    shared: dict[str, Any],
) -> None:
    record, users = shared["record"], shared["users"]
    for name in ("kreis", "adorf", "bstadt", "bstadt_leser"):
        assert list(readable(users[name])) == [record], name
    assert not readable(users["cdorf"]).exists()
    answers = []
    for name in ("adorf", "bstadt"):
        _, key = create_token(users[name], "Partner", "Bearbeiten")
        response = Client().get(f"/api/agreements/{record.pk}", HTTP_AUTHORIZATION=f"Bearer {key}")
        assert response.status_code == 200
        answers.append(response.json())
    assert answers[0] == answers[1]
    assert _client(users["cdorf"]).get(f"/vereinbarung/{record.pk}/").status_code == 404
    # »vertraulich«: the partners no longer read it
    Agreement.objects.filter(pk=record.pk).update(confidential=True)
    assert not readable(users["bstadt"]).exists()
    assert _client(users["bstadt"]).get(f"/vereinbarung/{record.pk}/").status_code == 404


def _signature(party: str, version: int) -> dict[str, str]:
    return {"typ": "signed", "party": party, "date": "01.03.2025", "version": str(version),
            "aktion": "speichern"}  # fmt: skip


@override_settings(RIGHTS_FOUR_EYES="")
def test_a_partner_records_its_own_signature_but_not_another_partys_data(
    shared: dict[str, Any],
) -> None:
    record, users = shared["record"], shared["users"]
    client = _client(users["bstadt"])
    page = f"/vereinbarung/{record.pk}/ereignis/"
    refused = client.post(page, _signature("Gemeinde Adorf", 1))
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "nur Ereignisse Ihrer eigenen Partei (Stadt Bstadt)" in body
    assert 'id="id_party" name="party" aria-invalid="true"' in body
    record.refresh_from_db()
    assert record.version == 1
    done = client.post(page, _signature("Stadt Bstadt", 1))
    assert done.status_code == 302, done.content.decode()[:2000]
    record.refresh_from_db()
    assert record.version == 2
    assert record.versions.get(number=2).author_name == "bstadt-bauhof"
    # the rest stays with the owning Fachbereich
    text = record.text.replace("Kooperationsvereinbarung", "Geändert", 1)
    for url, data in [
        (f"/vereinbarung/{record.pk}/bearbeiten/", {"text": text, "version": "2"}),
        (f"/vereinbarung/{record.pk}/vertraulich/", {"vertraulich": "1"}),
    ]:
        assert client.post(url, data).status_code == 403, url
    # with Lesen only: not even the own party's signature
    lesen = _client(users["bstadt_leser"]).post(page, _signature("Stadt Bstadt", 2))
    assert lesen.status_code == 403
    # the third Kommune: as if it did not exist
    assert _client(users["cdorf"]).post(page, _signature("Stadt Bstadt", 2)).status_code == 404
    record.refresh_from_db()
    assert record.version == 2
    assert not record.confidential


def _notice(by: str, received: dict[str, str]) -> dict[str, Any]:
    return {"type": "notice", "by": by, "form": "written", "received": received}


@override_settings(RIGHTS_FOUR_EYES="")
def test_the_api_takes_a_notice_the_partner_gives_or_receives_only(
    shared: dict[str, Any],
) -> None:
    record, users = shared["record"], shared["users"]
    _, key = create_token(users["bstadt"], "Partner", "Bearbeiten")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    url = f"/api/agreements/{record.pk}/events"
    other = _notice("Gemeinde Adorf", {"Gemeinde Blankenheim": "2026-05-02"})
    answer = api.post(url, other, content_type="application/json")
    assert answer.status_code == 403
    assert "eigenen Partei" in answer.content.decode()
    received = _notice("Gemeinde Adorf", {"Stadt Bstadt": "2026-05-02"})
    assert may_record(users["bstadt"], record, received)
    assert api.post(url, received, content_type="application/json").status_code == 201
    record.refresh_from_db()
    assert record.version == 2
    assert acts_for(users["cdorf"], record) == frozenset()
    assert not allowed(users["bstadt"], "edit", record)


@override_settings(RIGHTS_FOUR_EYES="kuendigung")
def test_a_partners_notice_waits_for_the_owning_fachbereichs_freigabe(
    shared: dict[str, Any],
) -> None:
    record, users = shared["record"], shared["users"]
    given = _notice("Stadt Bstadt", {"Gemeinde Adorf": "2026-05-02",
                                     "Gemeinde Blankenheim": "2026-05-03"})  # fmt: skip
    outcome = services.record_event(record, given, today=record.created.date())
    with pytest.raises(services.AwaitingApproval):
        services.save_version(record, outcome.text, base=1, user=users["bstadt"])
    act = PendingAct.objects.get(agreement=record)
    with pytest.raises(Exception, match="Freigeben"):
        decide(act, users["adorf"], approve=True)
    decide(act, users["kreis"], approve=True)
    record.refresh_from_db()
    assert record.version == 2
    assert services.agreement_of(record).events[-1].by == "Stadt Bstadt"  # type: ignore[union-attr]


def test_the_owning_fachbereich_sets_the_partners_by_hand_on_a_page(
    shared: dict[str, Any],
) -> None:
    record, users = shared["record"], shared["users"]
    url = f"/vereinbarung/{record.pk}/partner/"
    owner = _client(users["kreis"])
    detail = owner.get(f"/vereinbarung/{record.pk}/").content.decode()
    assert "Partnerkommunen: Gemeinde Adorf, Stadt Bstadt" in detail
    assert f'href="{url}">festlegen</a>' in detail
    form = owner.get(url).content.decode()
    assert '<label for="id_partei-0">Kommune für Gemeinde Blankenheim</label>' in form
    bad = owner.post(url, {"partei-0": "999999", "partei-1": str(shared["adorf"].pk)})
    assert bad.status_code == 400
    page = bad.content.decode()
    assert 'aria-invalid="true" aria-describedby="fehler-partei-0"' in page
    assert "Kommune für Gemeinde Blankenheim: »999999« gibt es nicht." in page
    assert not Partner.objects.filter(agreement=record, party="Gemeinde Blankenheim").exists()
    chosen = {"partei-0": str(shared["cdorf"].pk), "partei-1": str(shared["adorf"].pk),
              "partei-2": ""}  # fmt: skip
    assert owner.post(url, chosen).status_code == 302
    rows = {p.party: p.kommune for p in Partner.objects.filter(agreement=record)}
    assert rows == {"Gemeinde Blankenheim": shared["cdorf"], "Gemeinde Adorf": shared["adorf"]}
    assert list(readable(users["cdorf"])) == [record]
    assert not readable(users["bstadt"]).exists()
    # a partner reads the agreement but does not set its partners; others do not even see it
    assert _client(users["cdorf"]).post(url, {"partei-0": ""}).status_code == 403
    assert _client(users["bstadt"]).get(url).status_code == 404
    assert Partner.objects.filter(agreement=record).count() == 2
