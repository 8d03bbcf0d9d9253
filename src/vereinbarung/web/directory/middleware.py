"""Sends a local account that needs its second factor to set it up or to enter a code.

A local account with a confirmed TOTP device must enter a code after the password; a local
account with the role *Verwalten* without one is sent to set one up (issue 26; BSI
IT-Grundschutz ORP.4.A21: more than one factor for privileged accounts). Directory accounts
(LDAP/AD, OpenID Connect) are left to their directory. Runs after django-otp's
``OTPMiddleware``, which gives ``request.user`` its ``is_verified()``.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from vereinbarung.web.accounts.roles import ROLES, VERWALTEN, level
from vereinbarung.web.directory.models import source_of
from vereinbarung.web.directory.totp import confirmed_device

#: Addresses open without the second factor (besides the two pages of the second factor).
_OPEN = ("/abmelden/", "/static/", "/health", "/kalender/", "/api/", "/barrierefreiheit/",
         "/fristenrechner")  # fmt: skip


class SecondFactorRequired:
    """Redirect to ``zweiter_faktor`` (code) or ``zweiter_faktor_einrichten`` (set up)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        target = self._target(request)
        if target and request.path != target and not request.path.startswith(_OPEN):
            query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
            return HttpResponseRedirect(f"{target}?{query}" if query else target)
        return self.get_response(request)

    @staticmethod
    def _target(request: HttpRequest) -> str:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return ""
        if source_of(user):
            return ""
        if confirmed_device(user) is not None:
            return reverse("zweiter_faktor")
        if level(user) >= ROLES.index(VERWALTEN) + 1:
            return reverse("zweiter_faktor_einrichten")
        return ""
