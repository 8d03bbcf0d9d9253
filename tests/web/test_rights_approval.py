"""Second-person approval (Vier-Augen, issue 26): a Kündigung, an Aufhebung, an amendment or an
archiving recorded by one person waits »zur Freigabe« until a second person with *Freigeben*
approves or rejects it; until then the state is computed without it. Also: saving only into
one's own Fachbereiche, and which users read which agreement."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.test import Client, override_settings
from django.urls import reverse

import vereinbarung
from vereinbarung.web import clock
from vereinbarung.web.api.tokens import create_token
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement, Version
from vereinbarung.web.reminders import service as reminder_service
from vereinbarung.web.reminders.models import ReminderSetting
from vereinbarung.web.reminders.service import due_on
from vereinbarung.web.rights.approval import configured_acts, decide
from vereinbarung.web.rights.checks import level_on, readable
from vereinbarung.web.rights.models import Fachbereich, Kommune, Membership, PendingAct

from .conftest import EXAMPLES, login

pytestmark = pytest.mark.django_db
BAUHOF = (EXAMPLES / "interkommunaler-bauhof.yaml").read_text(encoding="utf-8")
ALL = override_settings(RIGHTS_FOUR_EYES="alle")


def _user(name: str, *memberships: tuple[Fachbereich | None, str]) -> Any:
    user = get_user_model()(username=name, email=f"{name}@example.org")
    user.set_password("geheim-123")
    user.save()
    for fachbereich, role in memberships:
        Membership.objects.create(user=user, fachbereich=fachbereich, role=role)
    return user


def _text(department: str, title: str = "Bauhof Jugend") -> str:
    text = BAUHOF.replace("title: Kooperationsvereinbarung", f"title: {title}", 1)
    return text.replace("\nparties:", f"\ndepartment: {department}\nparties:", 1)


@pytest.fixture
def jugend() -> dict[str, Any]:
    """Fachbereich Jugend: an agreement, its editor, a second person with Freigeben."""
    fachbereich = Fachbereich.objects.create(name="Jugend")
    editor = _user("bea", (fachbereich, "Bearbeiten"))
    approver = _user("frieda", (fachbereich, "Freigeben"))
    record = services.create(_text("Jugend"), user=editor)
    return {"fachbereich": fachbereich, "editor": editor, "approver": approver, "record": record}


def _notice(record: Agreement) -> dict[str, str]:
    agreement = services.agreement_of(record)
    day = vereinbarung.format_date(clock.today())
    return {"typ": "notice", "by": agreement.parties[0].name, "form": "written",
            "version": str(record.version), "aktion": "speichern",
            **{f"zugang-{i}": day for i in range(1, len(agreement.parties))}}  # fmt: skip


@ALL
def test_a_notice_waits_for_a_second_person_and_takes_effect_only_then(
    client: Client, jugend: dict[str, Any]
) -> None:
    record, today = jugend["record"], clock.today()
    before = services.state_of(record, today).status
    client.force_login(jugend["editor"])
    response = client.post(reverse("ereignis", args=[record.pk]), _notice(record), follow=True)
    page = response.content.decode()
    assert "Zur Freigabe vorgelegt: Kündigung" in page
    assert "Zur Freigabe (noch nicht wirksam)" in page
    record.refresh_from_db()
    assert record.version == 1  # nothing saved
    assert services.state_of(record, today).status == before
    assert services.state_of(record, today).leaving == {}
    act = PendingAct.objects.get(agreement=record)
    assert (act.kind, act.status, act.author_name) == ("kuendigung", "offen", "bea")
    url = reverse("freigabe", args=[record.pk, act.pk])
    # the author may not approve: no buttons, and a POST is refused
    assert "nicht Sie selbst" in client.get(url).content.decode()
    refused = client.post(url, {"aktion": "freigeben"})
    assert refused.status_code == 400
    assert "selbst erfasst" in refused.content.decode()
    act.refresh_from_db()
    assert act.status == "offen"
    # the second person approves: now it is a version and the state changes
    client.force_login(jugend["approver"])
    response = client.post(url, {"aktion": "freigeben"}, follow=True)
    assert "Kündigung freigegeben und gespeichert." in response.content.decode()
    record.refresh_from_db()
    assert record.version == 2
    # Bauhof: the party leaves, the others continue (party_leaves): still in force for them
    assert services.state_of(record, today).leaving_ahead
    version = Version.objects.get(agreement=record, number=2)
    assert version.author_name == "bea"
    assert version.reason.endswith("(freigegeben von frieda)")
    act.refresh_from_db()
    assert (act.status, act.decided_name) == ("freigegeben", "frieda")


@ALL
def test_rejecting_needs_a_reason_and_changes_nothing(
    client: Client, jugend: dict[str, Any]
) -> None:
    record = jugend["record"]
    client.force_login(jugend["editor"])
    client.post(reverse("archivieren", args=[record.pk]), {"archiviert": "1", "version": "1"})
    record.refresh_from_db()
    assert not record.archived
    act = PendingAct.objects.get(agreement=record, kind="archivierung")
    client.force_login(jugend["approver"])
    url = reverse("freigabe", args=[record.pk, act.pk])
    response = client.post(url, {"aktion": "ablehnen", "begruendung": "  "})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-invalid="true" aria-describedby="fehler-begruendung"' in page
    assert "Begründung: bitte angeben, warum Sie ablehnen." in page
    assert 'id="fehlerliste"' in page
    client.post(url, {"aktion": "ablehnen", "begruendung": "Vertrag läuft weiter"})
    act.refresh_from_db()
    assert (act.status, act.decision_reason) == ("abgelehnt", "Vertrag läuft weiter")
    record.refresh_from_db()
    assert (record.archived, record.version) == (False, 1)
    with pytest.raises(vereinbarung.VereinbarungError, match="bereits abgelehnt"):
        decide(act, jugend["approver"], approve=True)


@ALL
def test_amendment_and_aufhebung_wait_and_the_api_says_202(jugend: dict[str, Any]) -> None:
    record = jugend["record"]
    _, key = create_token(jugend["editor"], "test", "Bearbeiten")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    event = {"type": "terminated_by_agreement", "date": clock.today().isoformat(),
             "effective": (clock.today() + dt.timedelta(days=90)).isoformat()}  # fmt: skip
    response = client.post(
        f"/api/agreements/{record.pk}/events", event, content_type="application/json"
    )
    assert response.status_code == 202, response.content
    assert response.json()["saved"] is False
    assert response.json()["pending"]["kind"] == "Aufhebung"
    detail = client.get(f"/api/agreements/{record.pk}").json()
    assert [p["kind"] for p in detail["pending"]] == ["Aufhebung"]
    assert detail["version"] == 1


def test_vier_augen_is_on_for_every_act_unless_configured(
    monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    monkeypatch.delenv("VEREINBARUNG_VIER_AUGEN", raising=False)
    if hasattr(settings, "RIGHTS_FOUR_EYES"):
        del settings.RIGHTS_FOUR_EYES
    assert configured_acts() == frozenset({"kuendigung", "aufhebung", "aenderung", "archivierung"})
    monkeypatch.setenv("VEREINBARUNG_VIER_AUGEN", "aus")
    assert configured_acts() == frozenset()
    monkeypatch.setenv("VEREINBARUNG_VIER_AUGEN", "kuendigung")
    assert configured_acts() == frozenset({"kuendigung"})


def test_with_the_setting_off_every_act_takes_effect_at_once(jugend: dict[str, Any]) -> None:
    record = jugend["record"]
    assert configured_acts() == frozenset()  # VEREINBARUNG_VIER_AUGEN=aus (tests/web/conftest.py)
    saved = services.set_archived(record, True, base=1, user=jugend["editor"])
    assert saved.archived
    assert not PendingAct.objects.exists()


@pytest.mark.parametrize(
    ("value", "expected"),
    [("alle", 4), ("kuendigung, archivierung", 2), ("", 0), ("aus", 0), ("nie", None)],
)
def test_the_setting_per_act(value: str, expected: int | None) -> None:
    with override_settings(RIGHTS_FOUR_EYES=value):
        if expected is None:
            with pytest.raises(ValueError, match="»nie« ist kein Vorgang"):
                configured_acts()
        else:
            assert len(configured_acts()) == expected


@ALL
def test_reminders_name_the_act_waiting_for_freigabe(
    jugend: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    record, editor = jugend["record"], jugend["editor"]
    outcome = services.record_event(
        record, {"type": "notice", "by": "Gemeinde Blankenheim",
                 "received": {"Gemeinde Dahlem": clock.today().isoformat()}},
        today=clock.today(),
    )  # fmt: skip
    with pytest.raises(services.AwaitingApproval):
        services.save_version(record, outcome.text, base=1, user=editor)
    ReminderSetting.objects.create(user=editor, leads="366", weekly=True)
    monkeypatch.setattr(reminder_service, "DIGEST_DAYS", 400)
    deadline = services.state_of(record, clock.today()).notice_deadline
    assert deadline is not None
    mails = [d for d in due_on(clock.today()) if d.record is not None]
    assert mails, "keine Erinnerung fällig"
    assert "Zur Freigabe (noch nicht wirksam" in mails[0].body
    assert "Kündigung durch Gemeinde Blankenheim" in mails[0].body
    digest = next(d for d in due_on(clock.today()) if d.record is None)
    assert "    zur Freigabe: Kündigung durch Gemeinde Blankenheim" in digest.body


def test_an_editor_saves_only_into_own_fachbereiche(client: Client, jugend: dict[str, Any]) -> None:
    Fachbereich.objects.create(name="Soziales")
    client.force_login(jugend["editor"])
    response = client.post(reverse("neu_yaml"), {"text": _text("Soziales"), "version": "0"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Feld Fachbereich: »Soziales« ist keiner Ihrer Fachbereiche" in page
    assert "Jugend" in page
    response = client.post(reverse("neu_yaml"), {"text": _text(""), "version": "0"})
    assert "bitte einen Ihrer Fachbereiche angeben (Jugend)" in response.content.decode()
    assert Agreement.objects.count() == 1
    # into Jugend: linked to the Fachbereich
    response = client.post(reverse("neu_yaml"), {"text": _text("Jugend", "Zweite"), "version": "0"})
    assert response.status_code == 302
    assert Agreement.objects.get(title__startswith="Zweite").fachbereich == jugend["fachbereich"]


def test_who_reads_what_and_the_queryset_agrees_with_the_predicate() -> None:
    adorf, bstadt = Kommune.objects.create(name="Adorf"), Kommune.objects.create(name="Bstadt")
    jugend = Fachbereich.objects.create(name="Jugend", kommune=adorf)
    soziales = Fachbereich.objects.create(name="Soziales", kommune=adorf)
    recht = Fachbereich.objects.create(name="Rechtsamt", kommune=adorf)
    jugend_b = Fachbereich.objects.create(name="Jugend", kommune=bstadt)
    people = {
        "kreis": _user("kreis", (None, "Lesen")),
        "jugend": _user("jugend", (jugend, "Bearbeiten")),
        "recht": _user("recht", (recht, "Lesen")),
        "jugend_b": _user("jugend_b", (jugend_b, "Verwalten")),
        "niemand": _user("niemand"),
    }
    rows = {
        "j": (jugend, adorf, False), "jv": (jugend, adorf, True), "s": (soziales, adorf, False),
        "sv": (soziales, adorf, True), "jb": (jugend_b, bstadt, False),
        "ua": (None, adorf, False), "ub": (None, bstadt, False), "u": (None, None, False),
    }  # fmt: skip
    for name, (fachbereich, kommune, confidential) in rows.items():
        record = services.create(_text(fachbereich.name if fachbereich else "", name))
        Agreement.objects.filter(pk=record.pk).update(
            fachbereich=fachbereich, kommune=kommune, confidential=confidential
        )
    expected = {
        "kreis": {"j", "s", "jb", "ua", "ub", "u"},
        "jugend": {"j", "jv", "ua", "u"},
        "recht": {"j", "jv", "s", "sv", "ua", "u"},
        "jugend_b": {"jb", "ub", "u"},
        "niemand": set(),
    }
    for who, user in people.items():
        titles = {r.title.split()[0] for r in readable(user)}
        assert titles == expected[who], who
        for record in Agreement.objects.all():
            assert (level_on(user, record) > 0) == (record.title.split()[0] in titles), (
                who,
                record,
            )
    editable = {r.title.split()[0] for r in Agreement.objects.all()
                if level_on(people["jugend"], r) >= 2}  # fmt: skip
    assert editable == {"j", "jv", "ua", "u"}
    assert {r.title.split()[0] for r in Agreement.objects.filter(~Q(pk__in=[]))
            if level_on(people["recht"], r) >= 2} == set()  # fmt: skip


def test_vertraulich_limits_reading_to_the_fachbereich(
    client: Client, jugend: dict[str, Any]
) -> None:
    record = jugend["record"]
    kreis = _user("kreis", (None, "Lesen"))
    url = reverse("vereinbarung", args=[record.pk])
    client.force_login(kreis)
    assert client.get(url).status_code == 200
    assert (
        client.post(reverse("vertraulich", args=[record.pk]), {"vertraulich": "1"}).status_code
        == 403
    )
    client.force_login(jugend["editor"])
    page = client.post(reverse("vertraulich", args=[record.pk]), {"vertraulich": "1"}, follow=True)
    assert "Die Vereinbarung ist als vertraulich gekennzeichnet." in page.content.decode()
    assert "nur für den Fachbereich Jugend und das Rechtsamt lesbar" in page.content.decode()
    client.force_login(kreis)
    assert client.get(url).status_code == 404
    assert record.title not in client.get("/").content.decode()
    client.force_login(jugend["approver"])
    assert client.get(url).status_code == 200


def test_the_page_offers_editing_only_where_the_user_may_edit(
    client: Client, jugend: dict[str, Any]
) -> None:
    soziales = Fachbereich.objects.create(name="Soziales")
    both = _user("beide", (jugend["fachbereich"], "Lesen"), (soziales, "Bearbeiten"))
    client.force_login(both)
    page = client.get(reverse("vereinbarung", args=[jugend["record"].pk])).content.decode()
    assert "Ereignis erfassen" not in page
    assert client.get(reverse("bearbeiten", args=[jugend["record"].pk])).status_code == 403
    client.force_login(jugend["editor"])
    page = client.get(reverse("vereinbarung", args=[jugend["record"].pk])).content.decode()
    assert "Ereignis erfassen" in page


@pytest.mark.usefixtures("users", "examples")
def test_a_letter_for_a_kuendigung_waiting_for_freigabe_carries_entwurf(client: Client) -> None:
    from .test_absender import _profile
    from .test_absender import _text as text_of

    login(client, "leser")
    profile = _profile()
    record = Agreement.objects.get(file_name="adoptionsvermittlung-rhein-kreis-neuss.yaml")
    letter = {"vorlage": "kuendigung", "von": "Gemeinde Rommerskirchen", "absender": profile.pk}
    url = f"/vereinbarung/{record.pk}/dokument/"
    assert "ENTWURF" not in text_of(client.get(url, letter).content)
    PendingAct.objects.create(
        agreement=record, kind=PendingAct.KUENDIGUNG, summary="Kündigung", text=record.text,
        base=record.version, author_name="bearbeiter",
    )  # fmt: skip
    answer = client.get(url, letter)
    assert answer.status_code == 200
    assert "ENTWURF" in text_of(answer.content)
    assert "Anna Beispiel" in text_of(answer.content)  # still with the profile's sender
