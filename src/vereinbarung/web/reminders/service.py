"""Which reminders are due on a day, and sending each of them exactly once.

For every active setting, every agreement in its scope (all, a party's, a keyword's, the
marked ones; archived ones never) and the last day of receipt *X* of its one state
(:func:`vereinbarung.state_on` via :func:`~vereinbarung.web.register.services.state_of`): the
reminder of lead time *L* is due from day ``X − L`` to *X*. Of the due lead times only the
smallest is sent, so a run after missed days catches up with one mail, not three.

Exactly once: each reminder has a key (agreement, deadline, lead time; or the ISO week of a
digest). Before a mail goes out its row is inserted with the moment of the claim – the
database's unique constraint lets one process win, the others skip it. A mail the server
refuses is recorded as failed with the server's answer and claimed again (compare-and-set on
the status) by the next run.

A run that dies while sending (killed, power cut) leaves its row »sendet«. Such a row is left
alone for :data:`LEASE` – another run may be sending it right now; sending one mail takes
seconds, and the mail server gets at most :data:`SMTP_TIMEOUT` per step. After that the claim
counts as abandoned and a later run takes it back like a failed one (compare-and-set on status
and claim moment, so of two runs one wins), notes it on the row and in the log, and sends it.
Whether the dead run's mail reached the server before it died nobody knows: such a reminder
may arrive twice, but never not at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import smtplib
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils.timezone import localtime

import vereinbarung
from vereinbarung.web import clock
from vereinbarung.web.accounts.roles import level
from vereinbarung.web.operation.audit import log_change
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.reminders.models import Mark, Reminder, ReminderSetting
from vereinbarung.web.rights.approval import open_acts
from vereinbarung.web.rights.checks import readable

#: Digest: the deadlines of the next so many days.
DIGEST_DAYS = 90
#: A row still »sendet« this long after its claim belongs to a run that died while sending.
LEASE = dt.timedelta(minutes=15)
#: Seconds the mail server may take per step when the settings name none (EMAIL_TIMEOUT).
SMTP_TIMEOUT = 60


@dataclass(frozen=True)
class Due:
    """One mail to send: to whom, under which key, with which text."""

    user: Any
    key: str
    subject: str
    body: str
    record: Record | None = None
    deadline: dt.date | None = None
    lead: int | None = None


@dataclass
class RunReport:
    """What a run did."""

    day: dt.date
    sent: list[Due] = field(default_factory=list)
    failed: list[tuple[Due, str]] = field(default_factory=list)
    skipped: int = 0  # claimed by another run or sent before
    recovered: list[Due] = field(default_factory=list)  # taken back from a run that died
    planned: list[Due] = field(default_factory=list)  # --dry-run
    without_address: list[str] = field(default_factory=list)

    def notes(self) -> list[str]:
        """German lines for the run's output beside the counts (e.g. what was taken back)."""
        again = [due for due in self.recovered if due in self.sent]
        if not again:
            return []
        noun = "Erinnerung" if len(again) == 1 else "Erinnerungen"
        return [f"{len(again)} {noun} nach Abbruch erneut gesendet."]


def base_url() -> str:
    return str(getattr(settings, "VEREINBARUNG_BASE_URL", "http://localhost:8000")).rstrip("/")


def in_scope(setting: ReminderSetting) -> list[Record]:
    """The agreements a setting covers that its user may read (never archived ones)."""
    records = readable(setting.user, Record.objects.filter(archived=False))
    value = setting.value.strip()
    if setting.scope == ReminderSetting.PARTY:
        needle = value.lower()
        return [r for r in records if needle and any(needle in p.lower() for p in r.party_names)]
    if setting.scope == ReminderSetting.KEYWORD:
        return list(records.filter(search__contains=value.lower())) if value else []
    if setting.scope == ReminderSetting.MARKED:
        marked = Mark.objects.filter(user=setting.user).values_list("agreement_id", flat=True)
        return list(records.filter(pk__in=list(marked)))
    return list(records)


def _name(record: Record) -> str:
    return record.short_name or record.reference or record.title


def one_line(text: str) -> str:
    """*text* for a mail header: every run of whitespace (line breaks included) one space.

    A header value must not contain a line break (RFC 5322 section 2.2; Django refuses it with
    ``BadHeaderError``); Kurzname, Aktenzeichen and title may have one (the file format allows
    it)."""
    return " ".join(text.split())


def describe(due: Due) -> str:
    """German name of what *due* is about, for messages: the agreement, or the digest."""
    if due.record is None:
        return "Wochenübersicht"
    return f"Vereinbarung »{one_line(_name(due.record))}« (Nr. {due.record.pk})"


def _greeting(user: Any) -> str:
    name = (user.get_full_name() or user.get_username()).strip()
    return f"Guten Tag {name},"


def _deadline_text(record: Record, state: vereinbarung.AgreementState, day: dt.date) -> list[str]:
    data = state.to_json()
    fmt = vereinbarung.format_date
    deadline = state.notice_deadline
    assert deadline is not None
    days = (deadline - day).days
    when = "heute" if days == 0 else ("morgen" if days == 1 else f"in {days} Tagen")
    lines = [
        f"Vereinbarung: {record.title}",
        *([f"Aktenzeichen: {record.reference}"] if record.reference else []),
        f"Letzter Tag für den Zugang einer Kündigung: {vereinbarung.format_long_date(deadline)} ({when})",
    ]
    if state.terminates_on is not None:
        lines.append(f"Die Kündigung wirkt zum: {fmt(state.terminates_on)}")
    practical = data.get("practical_deadline")
    if practical and practical != deadline.isoformat():
        lines.append(
            f"Praktisch zustellen bis: {fmt(dt.date.fromisoformat(practical))} "
            "(letzter Arbeitstag davor; die Frist selbst verschiebt sich nicht)"
        )
    lines += _pending(record)
    lines += ["", "Herleitung:", *(f"  {line}" for line in data.get("explanation", []))]
    lines += ["", f"Zur Vereinbarung: {base_url()}/vereinbarung/{record.pk}/"]
    return lines


def _pending(record: Record) -> list[str]:
    """The acts waiting for a Freigabe (Vier-Augen): the dates above are without them."""
    acts = list(open_acts(record).order_by("created", "pk")[:5])
    if not acts:
        return []
    return ["", "Zur Freigabe (noch nicht wirksam, die Angaben oben gelten ohne):", *(
        f"  {act.summary} – erfasst von {act.author_name} am "
        f"{vereinbarung.format_date(localtime(act.created).date())}"
        for act in acts
    )]  # fmt: skip


def _footer() -> list[str]:
    return [
        "",
        "--",
        "Diese Erinnerung verschickt das Vereinbarungsregister. Welche Vereinbarungen und wie "
        f"viele Tage vorher: {base_url()}/konto/",
    ]


def due_on(day: dt.date) -> list[Due]:
    """Every reminder and digest due on *day* (sent or not)."""
    found: list[Due] = []
    settings_ = ReminderSetting.objects.filter(active=True, user__is_active=True).select_related(
        "user"
    )
    for setting in settings_:
        user = setting.user
        if level(user) < 1:
            continue
        leads = setting.lead_days()
        upcoming: list[tuple[dt.date, Record, vereinbarung.AgreementState]] = []
        for record in in_scope(setting):
            try:
                state = services.state_of(record, day)
            except vereinbarung.VereinbarungError:
                continue
            deadline = state.notice_deadline
            if deadline is None or deadline < day:
                continue
            upcoming.append((deadline, record, state))
            due = [lead for lead in leads if deadline - dt.timedelta(days=lead) <= day]
            if not due:
                continue
            lead = min(due)
            days = (deadline - day).days
            when = "heute" if days == 0 else f"in {days} Tagen"
            subject = (
                f"Kündigungsfrist {when}: {vereinbarung.format_date(deadline)} – {_name(record)}"
            )
            body = "\n".join(
                [_greeting(user), "", "eine Kündigungsfrist läuft ab:", "",
                 *_deadline_text(record, state, day), *_footer()]
            )  # fmt: skip
            key = f"frist:{record.pk}:{deadline.isoformat()}:{lead}"
            found.append(Due(user, key, one_line(subject)[:300], body, record, deadline, lead))
        if setting.weekly:
            year, week, _ = day.isocalendar()
            soon = sorted(
                (item for item in upcoming if item[0] <= day + dt.timedelta(days=DIGEST_DAYS)),
                key=lambda item: (item[0], item[1].pk),
            )
            lines = [_greeting(user), "",
                     f"die Kündigungsfristen der nächsten {DIGEST_DAYS} Tage (Stand "
                     f"{vereinbarung.format_date(day)}):", ""]  # fmt: skip
            for deadline, record, _state in soon:
                lines.append(
                    f"{vereinbarung.format_date(deadline)}  {_name(record)} – "
                    f"{base_url()}/vereinbarung/{record.pk}/"
                )
                lines += [f"    zur Freigabe: {line.strip()}" for line in _pending(record)[2:]]
            if not soon:
                lines.append("Keine.")
            found.append(Due(
                user, f"woche:{year}-W{week:02d}",
                f"Wochenübersicht Kündigungsfristen, KW {week}/{year}: {len(soon)} Fristen",
                "\n".join([*lines, *_footer()]),
            ))  # fmt: skip
    from vereinbarung.web.reminders import followups  # Wiedervorlagen (issue 25)

    return found + followups.due_on(day)


def _abandoned(before: dt.datetime) -> Q:
    """Rows »sendet« whose claim is older than *before* (rows of an older version: last change)."""
    return Q(status=Reminder.SENDING) & (
        Q(claimed__lt=before) | Q(claimed__isnull=True, updated__lt=before)
    )


def _at(moment: dt.datetime) -> str:
    return moment.astimezone(clock.BERLIN).strftime("%d.%m.%Y, %H:%M Uhr")


@dataclass(frozen=True)
class Claim:
    """A row this run may send; *abandoned*: when the run that died had claimed it."""

    row: Reminder
    abandoned: dt.datetime | None = None


def _claim(due: Due, day: dt.date) -> Claim | None:
    """Insert the reminder's row, or take back a failed or abandoned one; None when another
    run has it (or had it and sent it)."""
    now = clock.now()
    try:
        with transaction.atomic():
            return Claim(Reminder.objects.create(
                user=due.user, key=due.key, agreement=due.record, deadline=due.deadline,
                lead=due.lead, run_day=day, subject=due.subject, status=Reminder.SENDING,
                claimed=now,
            ))  # fmt: skip
    except IntegrityError:
        pass
    rows = Reminder.objects.filter(user=due.user, key=due.key)
    if rows.filter(status=Reminder.FAILED).update(
        status=Reminder.SENDING, run_day=day, claimed=now
    ):
        return Claim(rows.get())
    row = rows.filter(_abandoned(now - LEASE)).first()
    if row is None:
        return None
    since = row.claimed or row.updated
    # compare-and-set on the claim moment: of two runs taking it back at once, one wins
    same = Q(claimed=row.claimed) if row.claimed else Q(claimed__isnull=True, updated=row.updated)
    note = f"Versand vom {_at(since)} abgebrochen (Lauf beendet); erneut versucht am {_at(now)}."
    taken = rows.filter(same, status=Reminder.SENDING).update(
        run_day=day, claimed=now, attempts=F("attempts") + 1, error=note
    )
    if not taken:
        return None
    log_change("System", "Erinnerung nach Abbruch erneut aufgenommen",
               an=due.user.get_username(), betreff=due.subject,
               abgebrochen=since.astimezone(clock.BERLIN).isoformat(timespec="seconds"))  # fmt: skip
    return Claim(rows.get(), abandoned=since)


def run(day: dt.date, *, dry_run: bool = False) -> RunReport:
    """Send every reminder due on *day* that has not been sent; with *dry_run* only list them."""
    report = RunReport(day)
    done = set(
        Reminder.objects.exclude(status=Reminder.FAILED)
        .exclude(_abandoned(clock.now() - LEASE))
        .values_list("user_id", "key")
    )
    connection = None
    try:
        for due in due_on(day):
            if (due.user.pk, due.key) in done:
                report.skipped += 1
                continue
            if not due.user.email:
                report.without_address.append(due.user.get_username())
                continue
            if dry_run:
                report.planned.append(due)
                continue
            claim = _claim(due, day)
            if claim is None:
                report.skipped += 1
                continue
            row = claim.row
            if claim.abandoned is not None:
                report.recovered.append(due)
            if connection is None:
                timeout = getattr(settings, "EMAIL_TIMEOUT", None) or SMTP_TIMEOUT
                connection = get_connection(fail_silently=False, timeout=timeout)
            message = EmailMessage(
                due.subject, due.body, settings.DEFAULT_FROM_EMAIL, [due.user.email],
                connection=connection,
            )  # fmt: skip
            try:
                message.send()
            except (smtplib.SMTPException, OSError, ValueError) as exc:
                # ValueError: a header the message cannot carry (BadHeaderError, e.g. a line
                # break in the stored address) – this reminder fails, the others go out
                error = _smtp_error(exc, due)
                Reminder.objects.filter(pk=row.pk).update(
                    status=Reminder.FAILED, attempts=row.attempts + 1, error=error
                )
                report.failed.append((due, error))
                # a refused message can leave the connection unusable: start afresh
                with contextlib.suppress(smtplib.SMTPException, OSError):
                    connection.close()
                connection = None
            else:
                note = (
                    "" if claim.abandoned is None
                    else f"Nach Abbruch erneut gesendet (abgebrochen: {_at(claim.abandoned)})."
                )  # fmt: skip
                Reminder.objects.filter(pk=row.pk).update(
                    status=Reminder.SENT, attempts=row.attempts + 1, error=note
                )
                report.sent.append(due)
    finally:
        if connection is not None:
            connection.close()
    return report


def _smtp_error(exc: BaseException, due: Due) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        answers = [f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
                   for code, text in exc.recipients.values()]  # fmt: skip
        return "Empfänger abgelehnt: " + "; ".join(answers)
    if isinstance(exc, smtplib.SMTPResponseException):
        text = (
            exc.smtp_error.decode(errors="replace")
            if isinstance(exc.smtp_error, bytes)
            else str(exc.smtp_error)
        )
        return f"Der Mailserver lehnt ab: {exc.smtp_code} {text}"
    if isinstance(exc, OSError):
        return f"Mailserver nicht erreichbar: {exc.strerror or exc}"
    if isinstance(exc, ValueError):  # Django's BadHeaderError, an address it cannot encode
        address = str(due.user.email)
        shown = address.replace("\r", "\\r").replace("\n", "\\n")[:200]
        if any(c.isspace() for c in address):
            return (f"Nachricht nicht versendbar (ungültige Kopfzeile): die E-Mail-Adresse "
                    f"»{shown}« enthält einen Zeilenumbruch oder Leerraum")  # fmt: skip
        return (f"Nachricht nicht versendbar (ungültige Kopfzeile): Empfänger »{shown}« oder "
                f"Absender »{settings.DEFAULT_FROM_EMAIL}« ist keine gültige Adresse")  # fmt: skip
    return f"Fehler beim Senden: {exc}"
