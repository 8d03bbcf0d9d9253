"""``/konto/``: each user manages their own API keys, calendar address and reminders.

Errors stand beside their field, tied to it (``aria-invalid``, ``aria-describedby``), and are
listed at the top of the page with a link to the field (WCAG 2.1, 3.3.1 and 1.3.1).

Secrets (API key, calendar address) are shown once, right after they are made; the database
keeps only their SHA-256. An API key never has a higher role than its user.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from vereinbarung.web.accounts.roles import LESEN, ROLES, level, role_required
from vereinbarung.web.api.models import ApiToken
from vereinbarung.web.api.tokens import create_token, revoke_token
from vereinbarung.web.feeds import service as feeds
from vereinbarung.web.feeds.models import Feed
from vereinbarung.web.operation.audit import log_change
from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.reminders.models import Mark, Reminder, ReminderSetting
from vereinbarung.web.rights.checks import readable

#: An option of the »Markieren« drop-down shows at most this many characters of a title.
LABEL_WIDTH = 60

#: The visible label of each field of the page, for the error list at the top (WCAG 3.3.1).
FIELD_LABELS = {
    "email": "E-Mail-Adresse",
    "scope": "Welche Vereinbarungen",
    "value": "Partei oder Stichwort",
    "leads": "Tage vor dem letzten Zugangstag",
    "rolle": "Rolle",
}

NO_ADDRESS = (
    "E-Mail-Adresse: ohne Adresse können keine Erinnerungen verschickt werden – bitte eintragen."
)


def _setting(user: Any) -> ReminderSetting:
    found = ReminderSetting.objects.filter(user=user).first()
    return found or ReminderSetting(user=user, active=False)


def _label(record: Record) -> str:
    """Short name, else Aktenzeichen, else the title cut after a word to :data:`LABEL_WIDTH`."""
    if record.short_name or record.reference:
        return str(record.short_name or record.reference)
    title = " ".join(record.title.split())
    if len(title) <= LABEL_WIDTH:
        return title
    cut = title[: LABEL_WIDTH - 1]
    if " " in cut and title[LABEL_WIDTH - 1] != " ":
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–-") + "…"


def _reminder_form(request: HttpRequest, setting: ReminderSetting) -> dict[str, Any]:
    """The reminder form as shown: what was just posted (refused), else what is stored."""
    post = request.POST
    if request.method == "POST" and post.get("aktion") == "erinnerungen":
        return {
            "active": post.get("active") == "on",
            "email": post.get("email", ""),
            "scope": post.get("scope", ReminderSetting.ALL),
            "value": post.get("value", ""),
            "leads": post.get("leads", ""),
            "weekly": post.get("weekly") == "on",
        }
    user: Any = request.user
    return {
        "active": setting.active,
        "email": user.email,
        "scope": setting.scope,
        "value": setting.value,
        "leads": setting.leads,
        "weekly": setting.weekly,
    }


def _save_reminders(request: HttpRequest, errors: dict[str, str]) -> None:
    user: Any = request.user
    post = request.POST
    setting = _setting(user)
    active = post.get("active") == "on"
    email = post.get("email", "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = f"»{email}« ist keine E-Mail-Adresse."
    elif active:
        errors["email"] = NO_ADDRESS
    scope = post.get("scope", ReminderSetting.ALL)
    if scope not in ReminderSetting.SCOPES:
        errors["scope"] = f"»{scope}« ist keine Auswahl."
    value = post.get("value", "").strip()[:200]
    if scope in (ReminderSetting.PARTY, ReminderSetting.KEYWORD) and not value:
        errors["value"] = "Bitte die Partei oder das Stichwort angeben."
    leads = post.get("leads", "").strip()
    parts = [p.strip() for p in leads.replace(";", ",").split(",") if p.strip()]
    bad = [p for p in parts if not _is_number(p, 3) or int(p) > 366]
    if bad or not parts:
        errors["leads"] = (
            f"»{bad[0] if bad else leads}« ist keine Tageszahl (0 bis 366, durch Komma getrennt)."
        )
    if errors:
        return
    user.email = email
    user.save(update_fields=["email"])
    setting.active = active
    setting.scope, setting.value, setting.weekly = scope, value, post.get("weekly") == "on"
    setting.leads = ", ".join(str(d) for d in sorted({int(p) for p in parts}, reverse=True))
    setting.save()
    log_change(user.get_username(), "Erinnerungen eingestellt", umfang=scope)
    messages.success(request, "Erinnerungen gespeichert.")


def _named(label: str, message: str) -> str:
    """»Label: message« for the error list, unless the message names its field already."""
    return message if message.startswith(label) else f"{label}: {message}"


def _is_number(text: str, digits: int) -> bool:
    """Whether *text* is a whole number of at most *digits* ASCII digits (``"²".isdigit()`` is
    true, ``int("²")`` fails; ``int()`` refuses more than 4,300 digits)."""
    return text.isascii() and text.isdigit() and len(text) <= digits


@role_required(LESEN)
def konto(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    context: dict[str, Any] = {"errors": {}, "new_secret": None, "new_feed": None}
    if request.method == "POST":
        action = request.POST.get("aktion", "")
        if action == "schluessel":
            role = request.POST.get("rolle", LESEN)
            try:
                token, secret = create_token(user, request.POST.get("name", ""), role)
            except (ValueError, PermissionError) as exc:
                context["errors"]["rolle"] = str(exc)
            else:
                context["new_secret"] = (token, secret)
        elif action == "schluessel_widerrufen":
            pk = request.POST.get("pk", "")
            if _is_number(pk, 18) and revoke_token(user, int(pk)):
                log_change(user.get_username(), "API-Schlüssel widerrufen", nummer=int(pk))
                messages.success(request, "API-Schlüssel widerrufen.")
            return HttpResponseRedirect(reverse("konto"))
        elif action == "kalender":
            _feed, secret = feeds.renew(user)
            url = request.build_absolute_uri(reverse("kalender", args=[secret]))
            context["new_feed"] = url
        elif action == "kalender_widerrufen":
            if feeds.revoke(user):
                log_change(user.get_username(), "Kalenderadresse widerrufen")
                messages.success(request, "Kalenderadresse widerrufen.")
            return HttpResponseRedirect(reverse("konto"))
        elif action == "erinnerungen":
            _save_reminders(request, context["errors"])
            if not context["errors"]:
                return HttpResponseRedirect(reverse("konto"))
        elif action in ("markieren", "entmarkieren"):
            pk = request.POST.get("vereinbarung", "")
            record = readable(user).filter(pk=int(pk)).first() if _is_number(pk, 18) else None
            if record is not None and action == "markieren":
                Mark.objects.get_or_create(user=user, agreement=record)
            elif record is not None:
                Mark.objects.filter(user=user, agreement=record).delete()
            return HttpResponseRedirect(reverse("konto"))
    own = level(user)
    marked_ids = set(Mark.objects.filter(user=user).values_list("agreement_id", flat=True))
    records = list(
        readable(user).filter(archived=False).only("pk", "title", "short_name", "reference")
    )
    setting = _setting(user)
    context.update(
        roles=ROLES[:own],
        tokens=ApiToken.objects.filter(user=user, revoked__isnull=True),
        feed=Feed.objects.filter(user=user, revoked__isnull=True).first(),
        reminder_form=_reminder_form(request, setting),
        scopes=ReminderSetting.SCOPES,
        marked=[r for r in records if r.pk in marked_ids],
        unmarked=[(r, _label(r)) for r in records if r.pk not in marked_ids],
        reminders=Reminder.objects.filter(user=user)[:20],
    )
    context["error_items"] = [
        (key, _named(FIELD_LABELS.get(key, key), message))
        for key, message in context["errors"].items()
    ]
    status = 400 if context["errors"] else 200
    return render(request, "konto/konto.html", context, status=status)
