"""»Für Erinnerungen markieren« on an agreement's page.

The mark is the user's own (:class:`vereinbarung.web.reminders.models.Mark`, the same one
``/konto/`` lists): every user who may read the agreement may set or remove it. The form posts
(with CSRF) to the agreement's own address; htmx swaps the form for the new one, without
JavaScript the browser is sent back to the page, which shows the new state and a message.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.reminders.models import Mark, ReminderSetting

MARK, UNMARK = "markieren", "entmarkieren"


def mark_context(user: Any, record: Record) -> dict[str, Any]:
    """What the mark form shows: whether *user* marked *record*, and what marks do for them.

    ``erinnerung``: ``markierte`` (reminders on, for marked agreements), ``andere`` (on, for
    another choice: ``umfang`` names it) or ``aus`` (no reminders).
    """
    setting = ReminderSetting.objects.filter(user=user).first()
    if setting is None or not setting.active:
        reminders, scope = "aus", ""
    elif setting.scope == ReminderSetting.MARKED:
        reminders, scope = "markierte", ""
    else:
        reminders, scope = "andere", ReminderSetting.SCOPES.get(setting.scope, setting.scope)
    return {
        "record": record,
        "marked": Mark.objects.filter(user=user, agreement=record).exists(),
        "erinnerung": reminders,
        "umfang": scope,
    }


def post(request: HttpRequest, record: Record) -> HttpResponse:
    """Set or remove the user's mark on *record* (``aktion``: markieren or entmarkieren)."""
    action = request.POST.get("aktion", "")
    if action not in (MARK, UNMARK):
        message = (
            "Unbekannte Aktion: bitte »Für Erinnerungen markieren« oder »Markierung entfernen«."
        )
        return render(request, "pages/problem.html", {"message": message}, status=400)
    user: Any = request.user
    if action == MARK:
        Mark.objects.get_or_create(user=user, agreement=record)
    else:
        Mark.objects.filter(user=user, agreement=record).delete()
    if request.headers.get("HX-Request"):
        return render(request, "pages/_markierung.html", mark_context(user, record))
    done = "Für Erinnerungen markiert." if action == MARK else "Markierung entfernt."
    messages.success(request, done)
    return HttpResponseRedirect(reverse("vereinbarung", args=[record.pk]))
