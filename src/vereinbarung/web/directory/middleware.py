"""Sends a local account that needs its second factor to set it up or to enter a code.

A local account with a confirmed TOTP device must enter a code after the password; a local
account with the role *Verwalten* without one is sent to set one up (issue 26; BSI
IT-Grundschutz ORP.4.A21: more than one factor for privileged accounts). Directory accounts
(LDAP/AD, OpenID Connect) are left to their directory. Runs after django-otp's
``OTPMiddleware``, which gives ``request.user`` its ``is_verified()``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from vereinbarung.web.accounts.roles import ROLES, VERWALTEN, level
from vereinbarung.web.directory.models import DirectoryAccount

#: Addresses open without the second factor (besides the two pages of the second factor); the
#: calendar answers its secret address, not a session (the API answers keys only).
_OPEN = ("/abmelden/", "/static/", "/health", "/kalender/", "/barrierefreiheit/",
         "/fristenrechner")  # fmt: skip


#: The sessions (key, person, role) found to need no second factor, in the memory of the process
#: (never written to the session: a read must not write, e.g. while SQLite's write lock is held),
#: so that their later requests ask no query. A new role asks again; a device the person sets up
#: verifies the session itself (django-otp ``login``).
_PASSED: OrderedDict[tuple[str, int, int], None] = OrderedDict()
_PASSED_SIZE = 10_000
_passed_lock = threading.Lock()


def _passed(key: tuple[str, int, int], add: bool = False) -> bool:
    with _passed_lock:
        if key in _PASSED:
            _PASSED.move_to_end(key)
            return True
        if add:
            _PASSED[key] = None
            if len(_PASSED) > _PASSED_SIZE:
                _PASSED.popitem(last=False)
        return False


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
        role = level(user)
        passed = (str(request.session.session_key or ""), int(user.pk), role)
        if passed[0] and _passed(passed):
            return ""
        directory, device = _facts(user)
        if directory:
            target = ""
        elif device:
            target = reverse("zweiter_faktor")
        elif role >= ROLES.index(VERWALTEN) + 1:
            target = reverse("zweiter_faktor_einrichten")
        else:
            target = ""
        if not target and passed[0]:
            _passed(passed, add=True)
        return target


def _facts(user: Any) -> tuple[bool, bool]:
    """Whether *user* comes from a directory, and has a confirmed TOTP device: one query."""
    found = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            directory=Exists(DirectoryAccount.objects.filter(user=OuterRef("pk"))),
            device=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        )
        .values_list("directory", "device")
        .first()
    )
    return (bool(found[0]), bool(found[1])) if found else (False, False)
