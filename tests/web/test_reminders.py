"""Reminders by e-mail against a real SMTP server on 127.0.0.1 (aiosmtpd): each due reminder
exactly once, catching up after missed days, a refusing server retried next run, a row left
»sendet« by a dead run taken back after the lease (a fresh one left alone), two processes at
once sending nothing twice."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db.models import QuerySet

from vereinbarung.web import clock
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement
from vereinbarung.web.reminders import service
from vereinbarung.web.reminders.models import Mark, Reminder, ReminderSetting

from .conftest import EXAMPLES
from .smtp import Mailbox, smtp_server

pytestmark = pytest.mark.django_db

BASE = dt.date(2026, 1, 5)


@pytest.fixture
def mailbox(settings: Any) -> Iterator[Mailbox]:
    with smtp_server() as box:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", box.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        yield box


@pytest.fixture
def marked(users: dict[str, Any], examples: list[Any]) -> tuple[Any, Agreement, dt.date]:
    """Leser with an address, reminders for one marked agreement; its next deadline."""
    user = users["lesen"]
    user.email = "leser@example.org"
    user.save()
    record = next(r for r in examples if services.state_of(r, BASE).notice_deadline)
    Mark.objects.create(user=user, agreement=record)
    ReminderSetting.objects.create(user=user, scope=ReminderSetting.MARKED)
    deadline = services.state_of(record, BASE).notice_deadline
    assert deadline is not None
    return user, record, deadline


def test_sent_once_with_agreement_deadline_derivation_and_link(
    mailbox: Mailbox, marked: tuple[Any, Agreement, dt.date]
) -> None:
    _, record, deadline = marked
    day = deadline - dt.timedelta(days=30)
    report = service.run(day)
    assert [d.lead for d in report.sent] == [30]
    assert len(mailbox.messages) == 1
    mail = mailbox.messages[0]
    body = mail.get_content()
    assert deadline.strftime("%d.%m.%Y") in str(mail["Subject"])
    assert "in 30 Tagen" in str(mail["Subject"])
    assert record.title in body
    assert "Herleitung:" in body
    assert f"/vereinbarung/{record.pk}/" in body
    assert "Letzter Tag für den Zugang einer Kündigung" in body
    again = service.run(day)
    assert not again.sent
    assert again.skipped == 1
    assert len(mailbox.messages) == 1


def test_missed_days_are_caught_up_with_one_mail(
    mailbox: Mailbox, marked: tuple[Any, Agreement, dt.date]
) -> None:
    _, _, deadline = marked
    assert not service.run(deadline - dt.timedelta(days=95)).sent  # not due yet
    assert [d.lead for d in service.run(deadline - dt.timedelta(days=25)).sent] == [30]
    assert not service.run(deadline - dt.timedelta(days=24)).sent
    assert [d.lead for d in service.run(deadline - dt.timedelta(days=3)).sent] == [7]
    assert [d.lead for d in service.run(deadline).sent] == [0]
    assert "heute" in mailbox.subjects()[-1]
    assert len(mailbox.messages) == 3


def test_refused_mail_is_recorded_and_retried_next_run(
    mailbox: Mailbox, marked: tuple[Any, Agreement, dt.date]
) -> None:
    _, _, deadline = marked
    day = deadline - dt.timedelta(days=7)
    mailbox.refuse = True
    report = service.run(day)
    assert not report.sent
    assert len(report.failed) == 1
    row = Reminder.objects.get()
    assert row.status == Reminder.FAILED
    assert "550" in row.error
    assert row.attempts == 1
    mailbox.refuse = False
    report = service.run(day + dt.timedelta(days=1))
    assert len(report.sent) == 1
    row = Reminder.objects.get()
    assert (row.status, row.attempts, row.error) == (Reminder.SENT, 2, "")
    assert len(mailbox.messages) == 1


def left_sending(user: Any, day: dt.date, claimed: dt.datetime | None) -> Reminder:
    """The row a run leaves when it dies while sending the reminder due for *user* on *day*."""
    (due,) = [d for d in service.due_on(day) if d.user == user]
    return Reminder.objects.create(
        user=user, key=due.key, agreement=due.record, deadline=due.deadline, lead=due.lead,
        run_day=day, subject=due.subject, status=Reminder.SENDING, claimed=claimed,
    )  # fmt: skip


def test_row_left_sending_by_a_dead_run_is_sent_once_by_the_next_run(
    mailbox: Mailbox, marked: tuple[Any, Agreement, dt.date], caplog: pytest.LogCaptureFixture
) -> None:
    user, _, deadline = marked
    day = deadline - dt.timedelta(days=7)
    dead = clock.now() - dt.timedelta(minutes=20)
    row = left_sending(user, day, dead)
    assert [d.key for d in service.run(day, dry_run=True).planned] == [row.key]
    report = service.run(day)
    assert [d.key for d in report.sent] == [d.key for d in report.recovered] == [row.key]
    assert report.notes() == ["1 Erinnerung nach Abbruch erneut gesendet."]
    (logged,) = [r.getMessage() for r in caplog.records if "nach Abbruch" in r.getMessage()]
    assert '"was": "Erinnerung nach Abbruch erneut aufgenommen", "an": "leser"' in logged
    moment = dead.astimezone(clock.BERLIN).isoformat(timespec="seconds")
    assert f'"abgebrochen": "{moment}"' in logged
    assert [s.strip() for s in mailbox.subjects()] == [row.subject]  # folded: » =?utf-8?…«
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Reminder.SENT, 2)  # the dead run's try and this one
    assert row.claimed is not None
    assert row.claimed > dead + service.LEASE
    berlin = dead.astimezone(clock.BERLIN)
    assert row.error == f"Nach Abbruch erneut gesendet (abgebrochen: {berlin:%d.%m.%Y, %H:%M} Uhr)."
    for again in (service.run(day), service.run(day + dt.timedelta(days=1))):
        assert not again.sent
        assert not again.recovered
        assert again.notes() == []
    assert len(mailbox.messages) == 1


def test_row_sending_within_the_lease_is_left_alone(
    mailbox: Mailbox, marked: tuple[Any, Agreement, dt.date]
) -> None:
    user, _, deadline = marked
    day = deadline - dt.timedelta(days=7)
    claimed = clock.now() - dt.timedelta(minutes=14)  # another run, sending now (lease: 15)
    row = left_sending(user, day, claimed)
    assert not service.run(day, dry_run=True).planned
    report = service.run(day)
    assert (report.sent, report.failed, report.recovered, report.skipped) == ([], [], [], 1)
    assert not mailbox.messages
    fresh = Reminder.objects.get(pk=row.pk)
    assert (fresh.status, fresh.claimed, fresh.attempts, fresh.error) == (
        Reminder.SENDING, claimed, 0, ""
    )  # fmt: skip
    # the lease runs out: the next run takes it back
    Reminder.objects.filter(pk=row.pk).update(claimed=claimed - dt.timedelta(minutes=2))
    assert service.LEASE.total_seconds() == 15 * 60
    assert [d.key for d in service.run(day).recovered] == [row.key]
    assert len(mailbox.messages) == 1


def test_taking_back_is_compare_and_set_and_a_refusal_stays_retryable(
    mailbox: Mailbox, marked: tuple[Any, Agreement, dt.date], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another run takes the abandoned row back between this run's read and its update: this
    run gets nothing. A row of an older version (no claim moment) counts from its last change;
    refused again, it is failed and retried like any other."""
    user, _, deadline = marked
    day = deadline - dt.timedelta(days=7)
    row = left_sending(user, day, None)
    changed = clock.now() - dt.timedelta(hours=1)
    Reminder.objects.filter(pk=row.pk).update(updated=changed)
    (due,) = service.due_on(day)
    first = QuerySet.first
    other: list[service.Claim | None] = []

    def read_then_other_run_takes_it(self: QuerySet[Any]) -> Any:
        found = first(self)
        if isinstance(found, Reminder) and not other:
            other.append(None)
            other[0] = service._claim(due, day)
        return found

    with monkeypatch.context() as patch:
        patch.setattr(QuerySet, "first", read_then_other_run_takes_it)
        assert service._claim(due, day) is None
    assert other[0] is not None
    assert other[0].abandoned == changed
    Reminder.objects.filter(pk=row.pk).update(claimed=clock.now() - dt.timedelta(hours=1))
    mailbox.refuse = True
    report = service.run(day)
    assert [d.key for d in report.recovered] == [row.key]
    assert report.notes() == []  # taken back, but not sent
    failed = Reminder.objects.get(pk=row.pk)
    assert (failed.status, failed.attempts) == (Reminder.FAILED, 3)
    assert "550" in failed.error
    mailbox.refuse = False
    report = service.run(day)
    assert len(report.sent) == 1
    assert not report.recovered
    assert len(mailbox.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_migration_claims_old_rows_at_their_last_change(users: dict[str, Any]) -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    app = "vereinbarung_reminders"
    executor = MigrationExecutor(connection)
    executor.migrate([(app, "0001_initial")])
    old = executor.loader.project_state([(app, "0001_initial")]).apps
    stuck = old.get_model(app, "Reminder").objects.create(
        user_id=users["lesen"].pk, key="frist:1:2027-12-31:7", run_day=BASE, status="sendet"
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes(app))
    row = Reminder.objects.get(pk=stuck.pk)
    assert row.claimed is not None
    assert row.claimed == row.updated == stuck.updated


def test_weekly_digest_once_a_week_and_dry_run_sends_nothing(
    mailbox: Mailbox, marked: tuple[Any, Agreement, dt.date]
) -> None:
    user, _, deadline = marked
    ReminderSetting.objects.filter(user=user).update(weekly=True, leads="0")
    monday = deadline - dt.timedelta(days=deadline.weekday() + 14)
    dry = service.run(monday, dry_run=True)
    assert [d.key.split(":")[0] for d in dry.planned] == ["woche"]
    assert not Reminder.objects.exists()
    assert not mailbox.messages
    assert len(service.run(monday).sent) == 1
    assert not service.run(monday + dt.timedelta(days=2)).sent
    assert "Wochenübersicht" in mailbox.subjects()[0]
    assert deadline.strftime("%d.%m.%Y") in mailbox.messages[0].get_content()


def test_scope_party_and_keyword(users: dict[str, Any], examples: list[Any]) -> None:
    setting = ReminderSetting(user=users["lesen"], scope=ReminderSetting.PARTY, value="Dormagen")
    assert {r.pk for r in service.in_scope(setting)} == {
        r.pk for r in examples if any("Dormagen" in name for name in r.party_names)
    }
    setting = ReminderSetting(user=users["lesen"], scope=ReminderSetting.KEYWORD, value="Bauhof")
    assert [r.file_name for r in service.in_scope(setting)] == ["interkommunaler-bauhof.yaml"]


SETUP = """
import datetime as dt, sys
from vereinbarung.web.command import setup
setup()
from vereinbarung.web.accounts.roles import LESEN, create_user
from vereinbarung.web.register import services
from vereinbarung.web.reminders.models import ReminderSetting
services.import_files(__import__("pathlib").Path(sys.argv[1]))
for i in range(4):
    user = create_user(f"person{i}", "geheim-123", LESEN)
    user.email = f"person{i}@example.org"
    user.save()
    ReminderSetting.objects.create(user=user, leads="366")
"""


def run_two_at_once(env: dict[str, str], day: str) -> list[subprocess.CompletedProcess[str]]:
    command = [sys.executable, "-m", "vereinbarung", "web", "remind", "--on", day]
    processes = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(command, process.returncode, out, err))
    return results


def two_processes_send_each_reminder_once(env: dict[str, str]) -> None:
    """Four users, every agreement with a deadline: two ``remind`` processes at the same time."""
    setup = subprocess.run([sys.executable, "-c", SETUP, str(EXAMPLES)], env=env,
                           capture_output=True, text=True, timeout=300)  # fmt: skip
    assert setup.returncode == 0, setup.stderr
    with smtp_server() as box:
        env = {
            **env,
            "VEREINBARUNG_SMTP_HOST": "127.0.0.1",
            "VEREINBARUNG_SMTP_PORT": str(box.port),
        }
        results = run_two_at_once(env, "2026-11-21")
        for result in results:
            assert result.returncode == 0, result.stderr
        keys = [(str(m["To"]), str(m["Subject"])) for m in box.messages]
        assert keys, [r.stdout for r in results]
        assert len(keys) == len(set(keys)), "a reminder went out twice"
        assert len(keys) % 4 == 0
        # a second run the same day sends nothing
        again = run_two_at_once(env, "2026-11-21")
        assert all("0 gesendet" in r.stdout for r in again), [r.stdout for r in again]
        assert len(box.messages) == len(keys)


@pytest.mark.slow
def test_two_processes_at_once_on_sqlite(tmp_path: Path) -> None:
    env = {**os.environ, "VEREINBARUNG_DATA": str(tmp_path)}
    env.pop("VEREINBARUNG_DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    two_processes_send_each_reminder_once(env)
