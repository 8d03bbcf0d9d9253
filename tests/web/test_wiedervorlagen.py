"""Wiedervorlagen without a browser: the page (create, errors at the fields, close once, the
state's proposals accepted with one click, absences), reminder mails against a real SMTP server
(aiosmtpd) exactly once to the person in charge, the calendar feeds, ``/api/followups``, and
backup/restore."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from vereinbarung.web import clock
from vereinbarung.web.api.tokens import create_token
from vereinbarung.web.feeds import service as feeds
from vereinbarung.web.operation import backup
from vereinbarung.web.register import services as register
from vereinbarung.web.register.models import Agreement, Version
from vereinbarung.web.reminders import service as reminders
from vereinbarung.web.reminders.models import Reminder, ReminderSetting
from vereinbarung.web.wiedervorlagen import service
from vereinbarung.web.wiedervorlagen.models import Absence, Closure, FollowUp

from .conftest import login
from .smtp import Mailbox, smtp_server
from .test_rights_walk import world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

D = dt.date
SUBJECT = "Einwohnerzahlen für die Umlage anfordern"


@pytest.fixture
def mailbox(settings: Any) -> Iterator[Mailbox]:
    with smtp_server() as box:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", box.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        yield box


@pytest.fixture
def yearly(users: dict[str, Any], examples: list[Any]) -> FollowUp:
    """Bearbeiter owns a yearly follow-up on 01.03. (from 2027), Verwalter deputises."""
    for key, address in (("bearbeiten", "bearbeiter@example.org"),
                         ("verwalten", "verwalter@example.org")):  # fmt: skip
        users[key].email = address
        users[key].save()
    return service.create(
        users["bearbeiten"], examples[0], subject=SUBJECT, due=D(2027, 3, 1),
        deputy="verwalter", repeat="jaehrlich",
    )  # fmt: skip


def _today(monkeypatch: pytest.MonkeyPatch, day: D) -> None:
    monkeypatch.setattr(clock, "today", lambda: day)


def test_create_on_the_page_and_errors_at_the_fields(
    users: dict[str, Any], examples: list[Any]
) -> None:
    client = login(Client(), "bearbeiter")
    bad = client.post("/wiedervorlagen/", {
        "aktion": "anlegen", "vereinbarung": str(examples[0].pk), "betreff": " ",
        "faellig": "31.02.2027", "zustaendig": "bearbeiter", "vertretung": "bearbeiter",
    })  # fmt: skip
    assert bad.status_code == 400
    page = bad.content.decode()
    assert 'id="fehlerliste"' in page
    assert 'id="id_faellig" name="faellig" value="31.02.2027"' in page
    assert 'aria-invalid="true" aria-describedby="fehler-faellig"' in page
    assert "»31.02.2027« ist kein Datum (TT.MM.JJJJ)." in page
    assert not FollowUp.objects.exists()
    good = client.post("/wiedervorlagen/", {
        "aktion": "anlegen", "vereinbarung": str(examples[0].pk), "betreff": SUBJECT,
        "faellig": "01.03.2027", "wiederholung": "jaehrlich", "zustaendig": "bearbeiter",
        "vertretung": "verwalter",
    })  # fmt: skip
    assert good.status_code == 302
    item = FollowUp.objects.get()
    assert (item.owner, item.deputy, item.due, item.repeat) == (
        users["bearbeiten"], users["verwalten"], D(2027, 3, 1), "jaehrlich")  # fmt: skip
    # a Leser may not create one (no agreement to edit)
    reader = login(Client(), "leser")
    refused = reader.post("/wiedervorlagen/", {
        "aktion": "anlegen", "vereinbarung": str(examples[0].pk), "betreff": "x",
        "faellig": "01.03.2027"})  # fmt: skip
    assert refused.status_code == 400
    assert FollowUp.objects.count() == 1


def test_closing_keeps_who_and_when_and_moves_a_yearly_one_once(
    yearly: FollowUp, users: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    _today(monkeypatch, D(2027, 3, 1))
    client = login(Client(), "verwalter")
    form = {"aktion": "erledigen", "nummer": yearly.pk, "faellig": "2027-03-01"}
    assert client.post("/wiedervorlagen/", form).status_code == 302
    again = client.post("/wiedervorlagen/", form, follow=True)  # the same form sent twice
    assert "schon erledigt" in again.content.decode()
    yearly.refresh_from_db()
    assert (yearly.due, yearly.done) == (D(2028, 3, 1), False)
    closure = Closure.objects.get()
    assert (closure.occurrence, closure.closed_by, closure.closed_by_name) == (
        D(2027, 3, 1), users["verwalten"], "verwalter")  # fmt: skip
    assert closure.closed_at is not None
    assert "erledigt von verwalter" in again.content.decode()
    # a person neither owner nor deputy nor Verwalten may not close it
    other = login(Client(), "leser")
    other.post("/wiedervorlagen/", {"aktion": "erledigen", "nummer": yearly.pk})
    assert Closure.objects.count() == 1


def test_proposal_from_the_state_accepted_with_one_click(
    users: dict[str, Any], examples: list[Any], monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    day = D(2026, 1, 5)
    _today(monkeypatch, day)
    settings.WIEDERVORLAGE_VORLAUF = 6
    deadlines = {r: register.state_of(r, day).notice_deadline for r in examples}
    ahead = sorted((d, r.pk, r) for r, d in deadlines.items() if d is not None and d >= day)
    deadline, _, record = ahead[0]
    proposed = {p.record: p for p in service.proposals(users["bearbeiten"], day)}
    proposal = proposed[record]
    # within a year only (the lead time counted back from the last day of receipt)
    assert set(proposed) == {
        r for d, _, r in ahead if d - dt.timedelta(weeks=6) <= day + service.PROPOSAL_HORIZON
    }
    assert len(proposed) < len(ahead)
    assert proposal.due == max(day, deadline - dt.timedelta(weeks=6))
    assert service.proposals(users["lesen"], day) == []  # a Leser edits nothing
    client = login(Client(), "bearbeiter")
    assert proposal.key in client.get("/wiedervorlagen/").content.decode()
    client.post("/wiedervorlagen/", {"aktion": "vorschlag", "vorschlag": proposal.key})
    item = FollowUp.objects.get()
    assert item.subject.startswith("Ratsbeschluss vor Kündigung herbeiführen")
    assert (item.agreement, item.due, item.owner) == (record, proposal.due, users["bearbeiten"])
    assert proposal.key not in [p.key for p in service.proposals(users["bearbeiten"], day)]


def test_absence_sends_the_mail_to_the_deputy_exactly_once(
    yearly: FollowUp, users: dict[str, Any], mailbox: Mailbox
) -> None:
    Absence.objects.create(user=users["bearbeiten"], first=D(2027, 2, 20), last=D(2027, 3, 10))
    first = reminders.run(D(2027, 3, 1))
    again = reminders.run(D(2027, 3, 2))
    assert [m["To"] for m in mailbox.messages] == ["verwalter@example.org"]
    assert SUBJECT in mailbox.subjects()[0]
    body = mailbox.messages[0].get_content()
    assert "Vertretung für bearbeiter (abwesend)" in body
    assert len(first.sent) == 1
    assert not again.sent
    assert Reminder.objects.get().key == f"wv:{yearly.pk}:2027-03-01"
    # the next year, nobody away: to the owner on the day
    service.close(yearly, users["verwalten"])
    reminders.run(D(2028, 3, 1))
    assert [m["To"] for m in mailbox.messages][1:] == ["bearbeiter@example.org"]


@pytest.mark.usefixtures("yearly")
def test_overdue_escalates_to_the_deputy(mailbox: Mailbox, settings: Any) -> None:
    settings.WIEDERVORLAGE_ESKALATION = 5
    reminders.run(D(2027, 3, 1))
    reminders.run(D(2027, 3, 5))
    assert [m["To"] for m in mailbox.messages] == ["bearbeiter@example.org"]
    reminders.run(D(2027, 3, 6))
    reminders.run(D(2027, 3, 7))
    assert [m["To"] for m in mailbox.messages] == ["bearbeiter@example.org",
                                                   "verwalter@example.org"]  # fmt: skip
    assert "Vertretung für bearbeiter (überfällig)" in mailbox.messages[1].get_content()


@pytest.mark.usefixtures("yearly")
def test_a_followup_mail_needs_no_subscription_to_notice_reminders(
    users: dict[str, Any], mailbox: Mailbox
) -> None:
    ReminderSetting.objects.create(user=users["bearbeiten"], active=False)
    reminders.run(D(2027, 3, 1))
    assert [m["To"] for m in mailbox.messages] == ["bearbeiter@example.org"]


@pytest.mark.usefixtures("yearly")
def test_calendars_of_owner_and_deputy(users: dict[str, Any]) -> None:
    Absence.objects.create(user=users["bearbeiten"], first=D(2028, 2, 25), last=D(2028, 3, 3))
    day = D(2027, 1, 10)

    def followups(who: str) -> list[D]:
        return [e.day for e in feeds.entries_for(users[who], day) if "Wiedervorlage" in e.title]

    assert followups("bearbeiten") == [D(2027, 3, 1), D(2028, 3, 1)]
    assert followups("verwalten") == [D(2028, 3, 1)]  # only during the owner's absence
    assert followups("lesen") == []
    feed, _ = feeds.renew(users["verwalten"])
    ical = feeds.calendar(feed, day=day, stamp=dt.datetime(2027, 1, 10, tzinfo=dt.UTC))
    assert b"Wiedervorlage: Einwohnerzahlen" in ical.replace(b"\r\n ", b"")
    assert b"DTSTART;VALUE=DATE:20280301" in ical


def test_api_followups(
    yearly: FollowUp, users: dict[str, Any], examples: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    _today(monkeypatch, D(2027, 3, 1))
    _, key = create_token(users["bearbeiten"], "Test", "Bearbeiten")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    listed = client.get("/api/followups").json()
    assert [(i["id"], i["due"], i["due_today"]) for i in listed] == [
        (yearly.pk, "2027-03-01", True)
    ]
    body = {"agreement": examples[1].pk, "subject": "Haushaltsmittel prüfen",
            "due": "2027-04-01", "deputy": "verwalter"}  # fmt: skip
    made = client.post("/api/followups", body, content_type="application/json")
    assert made.status_code == 201, made.content
    assert made.json()["owner"] == "bearbeiter"
    bad = client.post("/api/followups", {**body, "due": "01.13.2027"},
                      content_type="application/json")  # fmt: skip
    assert bad.status_code == 422
    assert bad.json() == {"fehler": ["due: »01.13.2027« ist kein Datum (JJJJ-MM-TT)."]}
    closed = client.post(f"/api/followups/{yearly.pk}/close")
    assert closed.status_code == 200
    assert closed.json()["due"] == "2028-03-01"
    assert closed.json()["closed"][0]["by"] == "bearbeiter"
    assert client.post("/api/followups/999999/close").status_code == 404
    _, reading = create_token(users["lesen"], "Lesen", "Lesen")
    reader = Client(HTTP_AUTHORIZATION=f"Bearer {reading}")
    assert reader.post("/api/followups", body, content_type="application/json").status_code == 403
    assert reader.get("/api/followups").json() == []


@pytest.mark.usefixtures("users")
def test_absence_of_others_only_for_verwalten() -> None:
    own = login(Client(), "leser")
    own.post(
        "/wiedervorlagen/", {"aktion": "abwesenheit", "von": "01.07.2027", "bis": "14.07.2027"}
    )
    refused = own.post("/wiedervorlagen/", {"aktion": "abwesenheit", "person": "bearbeiter",
                                            "von": "01.07.2027", "bis": "14.07.2027"})  # fmt: skip
    assert refused.status_code == 400
    manager = login(Client(), "verwalter")
    manager.post("/wiedervorlagen/", {"aktion": "abwesenheit", "person": "bearbeiter",
                                      "von": "01.07.2027", "bis": "14.07.2027"})  # fmt: skip
    backwards = manager.post("/wiedervorlagen/", {"aktion": "abwesenheit", "von": "14.07.2027",
                                                  "bis": "01.07.2027"})  # fmt: skip
    assert "Das Ende der Abwesenheit liegt vor ihrem Beginn." in backwards.content.decode()
    assert sorted(Absence.objects.values_list("user__username", "set_by_name")) == [
        ("bearbeiter", "verwalter"), ("leser", "leser")]  # fmt: skip


def test_backup_and_restore_keep_followups(
    yearly: FollowUp, users: dict[str, Any], tmp_path: Path
) -> None:
    service.close(yearly, users["verwalten"])
    Absence.objects.create(user=users["bearbeiten"], first=D(2028, 2, 25), last=D(2028, 3, 3))

    def snapshot() -> list[Any]:
        return [
            sorted(FollowUp.objects.values_list("agreement_id", "subject", "owner__username",
                   "deputy__username", "start", "repeat", "due", "done")),
            sorted(Closure.objects.values_list("followup__subject", "occurrence",
                   "closed_by_name", "closed_at")),
            sorted(Absence.objects.values_list("user__username", "first", "last")),
        ]  # fmt: skip

    before = snapshot()
    backup.backup(tmp_path / "sicherung")
    Absence.objects.all().delete()
    Version.objects.all().delete()
    Agreement.objects.all().delete()
    assert not FollowUp.objects.exists()
    backup.restore(tmp_path / "sicherung")
    assert snapshot() == before


@pytest.mark.usefixtures("users")
def test_absence_from_my_account(monkeypatch: pytest.MonkeyPatch) -> None:
    _today(monkeypatch, D(2027, 6, 1))
    client = login(Client(), "bearbeiter")
    page = client.get("/konto/").content.decode()
    assert 'id="id_konto_von" name="von"' in page
    assert 'action="/wiedervorlagen/"' in page
    client.post("/wiedervorlagen/", {"aktion": "abwesenheit", "von": "01.07.2027",
                                     "bis": "14.07.2027"})  # fmt: skip
    assert "01.07.2027 bis 14.07.2027" in client.get("/konto/").content.decode()


def test_nothing_of_another_fachbereich(world: dict[str, Any]) -> None:  # noqa: F811
    """A follow-up on an agreement of Soziales (Adorf) is invisible to Jugend (Adorf): page, start
    page, feed, API; it cannot be closed, and Jugend makes none on Soziales' agreements."""
    users, records = world["users"], world["records"]
    foreign = records["zzmarkesa"]
    item = service.create(users["sa"], foreign, subject="zzgeheim prüfen", due=clock.today())
    outsider = users["ja"]
    client = Client()
    client.force_login(outsider)
    for address in ("/wiedervorlagen/", "/", "/konto/"):
        body = client.get(address).content.decode()
        assert "zzgeheim" not in body, address
        assert "zzmarkesa" not in body, address
    client.post("/wiedervorlagen/", {"aktion": "erledigen", "nummer": item.pk})
    refused = client.post("/wiedervorlagen/", {
        "aktion": "anlegen", "vereinbarung": str(foreign.pk), "betreff": "x",
        "faellig": "01.03.2027", "zustaendig": "jugend-adorf"})  # fmt: skip
    assert refused.status_code == 400
    assert [e for e in feeds.entries_for(outsider, clock.today()) if "zzgeheim" in e.title] == []
    _, key = create_token(outsider, "Rundgang", "Freigeben")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.get("/api/followups").json() == []
    assert api.post(f"/api/followups/{item.pk}/close").status_code == 404
    made = api.post("/api/followups", {"agreement": foreign.pk, "subject": "x", "due": "2027-03-01"},
                    content_type="application/json")  # fmt: skip
    assert made.status_code == 404
    # nor may the owner name someone of another Fachbereich as deputy
    with pytest.raises(service.Refused, match="vertretung"):
        service.create(users["sa"], foreign, subject="x", due=clock.today(), deputy="jugend-bstadt")
    assert list(FollowUp.objects.values_list("pk", flat=True)) == [item.pk]
    assert not Closure.objects.exists()
    assert [a.user for a in service.due_on(clock.today())] == [users["sa"]]


def test_the_start_page_box_agrees_with_the_page(world: dict[str, Any]) -> None:  # noqa: F811
    """The box (one query: :func:`service.box_of`) shows what the page's queries show: due
    items by :func:`service.due_on`, the next ones the person owns by :func:`service.mine` –
    also after an agreement moved to a Fachbereich the owner may not read."""
    users, records = world["users"], world["records"]
    foreign = records["zzmarkesa"]
    today = clock.today()
    for offset, subject in ((-3, "zzüberfällig"), (0, "zzheute"), (5, "zzbald"), (40, "zzspäter")):
        service.create(users["sa"], foreign, subject=subject, due=today + dt.timedelta(offset))

    def expected(user: Any) -> tuple[list[Any], list[Any]]:
        ahead = list(service.mine(user).filter(owner=user, due__gt=today)[:2])
        return [(a.item.pk, a.user.pk) for a in service.due_on(today, user)], ahead

    def box(user: Any) -> tuple[list[Any], list[Any]]:
        due, ahead = service.box_of(user, today, 2)
        return [(a.item.pk, a.user.pk) for a in due], ahead

    owner = users["sa"]
    assert box(owner) == expected(owner)
    assert [a.subject for a in box(owner)[1]] == ["zzbald", "zzspäter"]
    assert len(box(owner)[0]) == 2
    foreign.fachbereich = users["ja"].memberships.first().fachbereich
    foreign.save()
    for who in (owner, users["ja"]):
        who.refresh_from_db()
        assert box(who) == expected(who)
    assert box(owner) == ([], [])
