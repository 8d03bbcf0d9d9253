"""Reminders whose header values come from the register: a line break in a Kurzname,
Aktenzeichen or title (the file format allows it) gives a one-line subject, and one reminder
that cannot be sent is recorded with its agreement while the run goes on with the others
(exit 1 naming it) – against a real SMTP server on 127.0.0.1 (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement
from vereinbarung.web.reminders import service
from vereinbarung.web.reminders.models import Mark, Reminder, ReminderSetting

from .conftest import with_key
from .smtp import Mailbox, smtp_server
from .web_cli import run_web

pytestmark = pytest.mark.django_db

BASE = dt.date(2026, 1, 5)


@pytest.fixture
def mailbox(settings: Any) -> Iterator[Mailbox]:
    with smtp_server() as box:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", box.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        yield box


def with_deadline(examples: list[Any]) -> list[tuple[Agreement, dt.date]]:
    found = []
    for record in examples:
        deadline = services.state_of(record, BASE).notice_deadline
        if deadline is not None:
            found.append((record, deadline))
    return found


def watcher(name: str, email: str, records: list[Agreement]) -> Any:
    from vereinbarung.web.accounts.roles import LESEN, create_user

    user = create_user(name, "geheim-123", LESEN)
    user.email = email
    user.save()
    for record in records:
        Mark.objects.create(user=user, agreement=record)
    ReminderSetting.objects.create(user=user, scope=ReminderSetting.MARKED, leads="366")
    return user


@pytest.mark.parametrize(
    ("key", "value"),
    [("short_name", '"Bauhof\\nEifel"'), ("reference", '"51.20\\n\\t04/2026"')],
)
def test_line_break_in_a_register_field_gives_a_one_line_subject(
    mailbox: Mailbox, examples: list[Any], key: str, value: str
) -> None:
    (record, deadline), *_ = with_deadline(examples)
    assert not record.short_name  # so that the Aktenzeichen is the subject's name
    with_key(record, key, value)
    record.refresh_from_db()
    assert "\n" in getattr(record, key)
    watcher("leser", "leser@example.org", [record])
    report = service.run(deadline - dt.timedelta(days=30))
    assert not report.failed
    assert len(report.sent) == len(mailbox.messages) == 1
    subject = str(mailbox.messages[0]["Subject"]).strip()
    expected = "Bauhof Eifel" if key == "short_name" else "51.20 04/2026"
    assert subject.endswith(f"– {expected}")
    assert "\n" not in subject
    assert Reminder.objects.get().subject == subject


def test_line_break_in_a_title_gives_a_one_line_subject(
    mailbox: Mailbox, examples: list[Any]
) -> None:
    (record, deadline), *_ = with_deadline(examples)
    assert not record.short_name  # the title is the subject's name
    assert not record.reference
    lines = [
        'title: "Erste Zeile\\n  zweite Zeile"' if line.startswith("title: ") else line
        for line in record.text.split("\n")
    ]
    services.save_version(record, "\n".join(lines), base=record.version, reason="Titel")
    record.refresh_from_db()
    assert record.title.startswith("Erste Zeile\n  zweite Zeile")
    watcher("leser", "leser@example.org", [record])
    report = service.run(deadline - dt.timedelta(days=30))
    assert not report.failed
    (mail,) = mailbox.messages
    assert "– Erste Zeile zweite Zeile über " in str(mail["Subject"])
    assert "\n" not in str(mail["Subject"])


def test_one_unsendable_reminder_is_recorded_and_the_others_go_out(
    mailbox: Mailbox,
    examples: list[Any],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (first, deadline), *_ = with_deadline(examples)
    day = deadline - dt.timedelta(days=30)
    second = next(
        r for r in examples
        if r != first and (d := services.state_of(r, day).notice_deadline) and day <= d
        and (d - day).days <= 366
    )  # fmt: skip
    with_key(first, "short_name", '"Bauhof\\nEifel"')
    # an address with a line break (header injection, written into the database directly)
    broken = watcher("kaputt", "kaputt@example.org", [first])
    type(broken).objects.filter(pk=broken.pk).update(email="a@example.org\nBcc: b@example.org")
    watcher("erster", "erster@example.org", [first, second])
    watcher("zweiter", "zweiter@example.org", [second])
    code, out, err = run_web(capsys, monkeypatch, "remind", "--on", day.isoformat())
    assert code == 1, out + err
    assert "Vereinbarung »Bauhof Eifel«" in err
    assert f"(Nr. {first.pk})" in err
    assert "ungültige Kopfzeile" in err
    assert "»a@example.org\\nBcc: b@example.org« enthält einen Zeilenumbruch" in err
    assert "Header values" not in err  # Django's English message is not shown
    assert "1 fehlgeschlagen" in out
    to = sorted(str(m["To"]) for m in mailbox.messages)
    assert to == ["erster@example.org", "erster@example.org", "zweiter@example.org"]
    assert "b@example.org" not in " ".join(str(m["Bcc"] or "") for m in mailbox.messages)
    row = Reminder.objects.get(user=broken)
    assert row.status == Reminder.FAILED
    assert row.agreement is not None
    assert row.agreement.pk == first.pk
    assert "Kopfzeile" in row.error
