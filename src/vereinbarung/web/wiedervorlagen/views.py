"""``/wiedervorlagen/``: the person's follow-ups, new ones, the state's proposals, absences.

One page, every change a POST with ``aktion`` (``anlegen``, ``erledigen``, ``vorschlag``,
``abwesenheit``, ``abwesenheit_loeschen``), each checked by
:mod:`vereinbarung.web.rights.checks`: a follow-up is made on an agreement the user may edit,
closed by its owner, deputy or a Verwalten user of the agreement; a person's absence is set by
the person, another's only by a Verwalten user. Refused input is shown again with its German
error beside the field and in a list at the top.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

import vereinbarung
from vereinbarung.web import clock
from vereinbarung.web.accounts.roles import LESEN, level, role_required
from vereinbarung.web.operation.audit import log_change
from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.rights.checks import allowed, readable
from vereinbarung.web.wiedervorlagen import dates, service
from vereinbarung.web.wiedervorlagen.models import Absence, FollowUp

LABELS = {
    "vereinbarung": "Vereinbarung", "betreff": "Betreff", "faellig": "Fällig am",
    "wiederholung": "Wiederholung", "zustaendig": "Zuständig", "vertretung": "Vertretung",
    "person": "Person", "von": "Abwesend vom", "bis": "Abwesend bis",
}  # fmt: skip


def _number(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def _date(post: Any, field: str, errors: dict[str, str]) -> dt.date | None:
    value = post.get(field, "").strip()[:40]
    if not value:
        errors[field] = "Bitte ein Datum angeben (TT.MM.JJJJ)."
        return None
    try:
        return vereinbarung.parse_date(value)
    except vereinbarung.VereinbarungError:
        errors[field] = f"»{value}« ist kein Datum (TT.MM.JJJJ)."
        return None


def _create(request: HttpRequest, errors: dict[str, str]) -> None:
    user: Any = request.user
    post = request.POST
    pk = _number(post.get("vereinbarung", ""))
    record = Record.objects.filter(pk=pk).first() if pk is not None else None
    if record is None or not allowed(user, "edit", record):
        errors["vereinbarung"] = "Bitte eine Vereinbarung wählen, die Sie bearbeiten dürfen."
        record = None
    due = _date(post, "faellig", errors)
    if record is None or due is None:
        return
    try:
        service.create(
            user, record, subject=post.get("betreff", ""), due=due,
            owner=post.get("zustaendig", ""), deputy=post.get("vertretung", ""),
            repeat=post.get("wiederholung", ""),
        )  # fmt: skip
    except service.Refused as exc:
        errors.update(exc.errors)
        return
    messages.success(request, "Wiedervorlage angelegt.")


def _close(request: HttpRequest) -> None:
    user: Any = request.user
    pk = _number(request.POST.get("nummer", ""))
    item = FollowUp.objects.select_related("agreement").filter(pk=pk, done=False).first()
    if item is None or not service.may_close(user, item):
        messages.error(request, "Diese Wiedervorlage gibt es nicht oder Sie dürfen sie nicht "
                       "erledigen.")  # fmt: skip
        return
    shown = request.POST.get("faellig", "")[:10]
    try:
        occurrence = dt.date.fromisoformat(shown) if shown else None
    except ValueError:
        occurrence = None
    closure = service.close(item, user, occurrence or item.due)
    if closure is None:
        messages.warning(request, "Diese Wiedervorlage war schon erledigt.")
    elif item.done:
        messages.success(request, f"»{item.subject}« erledigt.")
    else:
        messages.success(request, f"»{item.subject}« erledigt; nächste Wiedervorlage am "
                         f"{vereinbarung.format_date(item.due)}.")  # fmt: skip


def _absence(request: HttpRequest, errors: dict[str, str]) -> None:
    user: Any = request.user
    post = request.POST
    person = user
    name = post.get("person", "").strip()[:150]
    if name and name != user.get_username():
        if level(user) < 4:
            errors["person"] = "Abwesenheiten anderer trägt nur ein, wer »Verwalten« hat."
            return
        person = get_user_model().objects.filter(username=name, is_active=True).first()
        if person is None:
            errors["person"] = f"»{name}« ist keine Person dieses Registers."
            return
    first, last = _date(post, "von", errors), _date(post, "bis", errors)
    if first is None or last is None:
        return
    try:
        service.set_absence(user, person, first, last)
    except service.Refused as exc:
        errors.update(exc.errors)
        return
    messages.success(request, f"Abwesenheit von {person.get_username()} vom "
                     f"{vereinbarung.format_date(first)} bis {vereinbarung.format_date(last)} "
                     "eingetragen.")  # fmt: skip


def _remove_absence(request: HttpRequest) -> None:
    user: Any = request.user
    pk = _number(request.POST.get("nummer", ""))
    absence = Absence.objects.filter(pk=pk).select_related("user").first()
    if absence is None or (absence.user_id != user.pk and level(user) < 4):
        messages.error(request, "Diese Abwesenheit gibt es nicht oder Sie dürfen sie nicht "
                       "löschen.")  # fmt: skip
        return
    absence.delete()
    log_change(user.get_username(), "Abwesenheit gelöscht", person=absence.user.get_username(),
               von=absence.first.isoformat(), bis=absence.last.isoformat())  # fmt: skip
    messages.success(request, "Abwesenheit gelöscht.")


def _with_notes(user: Any, today: dt.date) -> list[tuple[FollowUp, str]]:
    """The person's open items, each with who has it now when that is not simply them."""
    items = list(service.mine(user))
    periods = service.periods_of({i.owner_id for i in items})
    found = []
    for item in items:
        handled = {a.user.pk for a in service.handlers(item, item.due, today, periods)}
        note = ""
        if item.owner_id == user.pk and user.pk not in handled and handled:
            note = "liegt während Ihrer Abwesenheit bei der Vertretung"
        elif item.owner_id != user.pk:
            note = "Sie vertreten" + (" – jetzt bei Ihnen" if user.pk in handled else "")
        found.append((item, note))
    return found


def _form(request: HttpRequest) -> dict[str, str]:
    post = request.POST if request.method == "POST" else {}
    user: Any = request.user
    keys = ("vereinbarung", "betreff", "faellig", "wiederholung", "vertretung", "von", "bis")
    values = {key: str(post.get(key, "")) for key in keys}
    values["zustaendig"] = str(post.get("zustaendig", "") or user.get_username())
    values["person"] = str(post.get("person", "") or user.get_username())
    return values


@role_required(LESEN)
def wiedervorlagen(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    today = clock.today()
    errors: dict[str, str] = {}
    action = request.POST.get("aktion", "") if request.method == "POST" else ""
    if action == "anlegen":
        _create(request, errors)
    elif action == "erledigen":
        _close(request)
    elif action == "vorschlag":
        if service.accept(user, request.POST.get("vorschlag", "")[:120], today) is None:
            messages.error(request, "Diesen Vorschlag gibt es nicht (mehr).")
        else:
            messages.success(request, "Vorschlag als Wiedervorlage übernommen.")
    elif action == "abwesenheit":
        _absence(request, errors)
    elif action == "abwesenheit_loeschen":
        _remove_absence(request)
    if action and not errors:
        return HttpResponseRedirect(reverse("wiedervorlagen"))
    manager = level(user) >= 4
    editable = [
        r for r in readable(user, Record.objects.filter(archived=False))
        if allowed(user, "edit", r)
    ]  # fmt: skip
    absences = Absence.objects.filter(last__gte=today).select_related("user")
    context = {
        "today": today,
        "due": service.due_on(today, user),
        "items": _with_notes(user, today),
        "closed": list(service.closed_of(user)),
        "proposals": service.proposals(user, today) if editable else [],
        "editable": editable,
        "people": get_user_model().objects.filter(is_active=True).order_by("username"),
        "repeats": dates.REPEATS,
        "absences": absences if manager else absences.filter(user=user),
        "manager": manager,
        "form": _form(request),
        "errors": errors,
        "labels": LABELS,
        "weeks": service.lead_weeks(),
        "escalate": service.escalate_after(),
    }
    return render(request, "wiedervorlagen/wiedervorlagen.html", context,
                  status=400 if errors else 200)  # fmt: skip
