"""Rate limits per client address on what anyone may ask without logging in (issue 20).

BSI IT-Grundschutz APP.3.1.A7 asks a web application to protect itself against automated use
(resource exhaustion, password guessing). Four addresses are open to anyone:

=======================  ==============  =====================================================
URL                      group           counted
=======================  ==============  =====================================================
``/fristenrechner``      fristenrechner  every request
``POST /api/deadlines``  api             every request
``/kalender/….ics``      kalender        every request (the secret is the key)
``/anmelden/``           anmelden        failed logins only (a successful one redirects)
=======================  ==============  =====================================================

Over the limit the answer is HTTP 429 with ``Retry-After`` (RFC 6585, section 4; RFC 9110,
10.2.3) and a German text: ``{"fehler": [...]}`` in the API, the error page elsewhere. The limits
are those of :mod:`vereinbarung.web.limits.rates` (``VEREINBARUNG_RATE_LIMITS``).

The counting is django-ratelimit's (``django_ratelimit.core.get_usage``: fixed windows per key
and group in a Django cache). The cache is Django's database cache in the register's own
database (``CACHES["rate_limits"]``, its table made by this app's migration), so every app
process behind the proxy counts the same requests. The key is ``REMOTE_ADDR``, which waitress
sets from ``X-Forwarded-For`` of the trusted proxy (``VEREINBARUNG_TRUSTED_PROXY``); IPv6
addresses are counted by their /64 network. When the database cannot be asked, the request is
let through (the page that follows answers for the outage).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage  # type: ignore[import-untyped]  # no types shipped

from vereinbarung.web.limits.rates import describe

#: View name (``namespace:name``) → group of the limits.
LIMITED_VIEWS = {
    "fristenrechner": "fristenrechner",
    "api:deadlines": "api",
    "kalender": "kalender",
    "anmelden": "anmelden",
}
#: Groups that count failed attempts only: the answer after the view decides.
FAILURES_ONLY = {"anmelden"}
#: Status of a successful login (the redirect to the start page).
_SUCCESS = 302

logger = logging.getLogger("vereinbarung.web.limits")

Handler = Callable[[HttpRequest], HttpResponse]


def _usage(request: HttpRequest, group: str, rate: str, *, count: bool) -> dict[str, int] | None:
    """django-ratelimit's usage of *group* by the request's address (None: not to be counted)."""
    try:
        usage = get_usage(request, group=group, key="ip", rate=rate, increment=count)
    except DatabaseError:
        logger.warning("Anfragebegrenzung: Zähler nicht erreichbar, Anfrage zugelassen")
        return None
    return usage  # type: ignore[no-any-return]  # untyped library


def too_many(request: HttpRequest, group: str, rate: str, seconds: int) -> HttpResponse:
    """HTTP 429 with ``Retry-After`` and a German text: JSON for the API, else a page."""
    seconds = max(1, seconds)
    message = (
        f"Zu viele Anfragen von Ihrer Adresse: erlaubt sind {describe(rate)}. Bitte in "
        f"{seconds} Sekunden erneut versuchen."
    )
    if group == "anmelden":
        message = (
            f"Zu viele fehlgeschlagene Anmeldungen von Ihrer Adresse: erlaubt sind "
            f"{describe(rate).replace('Anfragen', 'Fehlversuche').replace('Anfrage', 'Fehlversuch')}"
            f". Bitte in {seconds} Sekunden erneut versuchen."
        )
    response: HttpResponse
    if group == "api":
        response = JsonResponse(
            {"fehler": [message]}, status=429, json_dumps_params={"ensure_ascii": False}
        )
    elif group == "kalender":
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    else:
        context = {"title": "Zu viele Anfragen", "message": message}
        response = render(request, "pages/fehler.html", context, status=429)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


class RateLimitMiddleware:
    """Counts the requests of :data:`LIMITED_VIEWS` per address; 429 over the limit."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        failed = getattr(request, "_vereinbarung_count_failure", None)
        if failed is not None and response.status_code != _SUCCESS:
            group, rate = failed
            _usage(request, group, rate, count=True)
        return response

    def process_view(
        self, request: HttpRequest, view: Handler, args: object, kwargs: object
    ) -> HttpResponse | None:
        """Before the view: refuse over the limit, else count (or note a login to count)."""
        del view, args, kwargs
        match = request.resolver_match
        group = LIMITED_VIEWS.get(match.view_name) if match is not None else None
        rate = settings.RATE_LIMITS.get(group) if group is not None else None
        if group is None or rate is None:
            return None
        if group in FAILURES_ONLY:
            if request.method != "POST":
                return None
            usage = _usage(request, group, rate, count=False)
            if usage is not None and usage["count"] >= usage["limit"]:
                return too_many(request, group, rate, usage["time_left"])
            request._vereinbarung_count_failure = (group, rate)  # type: ignore[attr-defined]
            return None
        usage = _usage(request, group, rate, count=True)
        if usage is not None and usage["should_limit"]:
            return too_many(request, group, rate, usage["time_left"])
        return None
