"""The pages of the second factor: set up TOTP (``/konto/zweiter-faktor/``) and enter a code
after the password (``/anmelden/zweiter-faktor/``); :mod:`.totp` does the work."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from vereinbarung.web.accounts.roles import ROLES, VERWALTEN, level
from vereinbarung.web.directory import totp
from vereinbarung.web.directory.models import SOURCES, source_of


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and safe else reverse("konto")


@login_required
def einrichten(request: HttpRequest) -> HttpResponse:
    """Set up (or, when verified, replace) the TOTP device of a local account."""
    user: Any = request.user
    source = source_of(user)
    context: dict[str, Any] = {"next": _next(request), "error": "", "source": SOURCES.get(source)}
    context["required"] = level(user) >= ROLES.index(VERWALTEN) + 1
    if source:
        return render(request, "directory/einrichten.html", context)
    context["device"] = totp.confirmed_device(user)
    if request.method == "POST" and request.POST.get("aktion") == "entfernen":
        if context["required"]:
            context["error"] = "Mit der Rolle Verwalten ist der zweite Faktor Pflicht."
        else:
            totp.remove(user, user.get_username())
            messages.success(request, "Zweiter Faktor entfernt.")
            return HttpResponseRedirect(reverse("zweiter_faktor_einrichten"))
    pending = totp.pending_device(user)
    if request.method == "POST" and request.POST.get("aktion") == "bestaetigen":
        context["error"] = totp.confirm(request, pending, request.POST.get("code", ""))
        if not context["error"]:
            messages.success(request, "Zweiter Faktor eingerichtet.")
            return HttpResponseRedirect(context["next"])
    context.update(qr=totp.qr_svg(pending), secret=totp.secret_text(pending))
    status = 400 if context["error"] else 200
    return render(request, "directory/einrichten.html", context, status=status)


@login_required
def code(request: HttpRequest) -> HttpResponse:
    """Enter the code of the confirmed device after the password."""
    user: Any = request.user
    device = totp.confirmed_device(user)
    target = _next(request)
    if device is None or user.is_verified():
        return HttpResponseRedirect(target)
    error = ""
    if request.method == "POST":
        error = totp.verify(request, device, request.POST.get("code", ""))
        if not error:
            return HttpResponseRedirect(target)
    context = {"next": target, "error": error}
    return render(request, "directory/code.html", context, status=400 if error else 200)
