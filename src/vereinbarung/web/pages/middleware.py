"""Middleware of the register for what Django 5.2 does not do itself.

- :func:`security_headers`: a Content-Security-Policy on every response, and
  ``Cache-Control: no-store`` (Django's :func:`~django.utils.cache.add_never_cache_headers`) on
  every response to a logged-in person or an API key, so that no browser or proxy keeps a page
  with the register's data (BSI IT-Grundschutz APP.3.1.A21; OWASP Session Management Cheat
  Sheet, »Web Content Caching«). Whether someone is logged in is read from the session cookie,
  not from the database: the check costs nothing and works while the database is down.
- :class:`AllowedMethods`: 405 with ``Allow`` (RFC 9110, section 15.5.6) for every method a page
  does not serve: PUT, DELETE, PATCH, OPTIONS … everywhere outside the API, POST too on the pages
  that only show something. The API's operations (django-ninja) answer 405 themselves.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils.cache import add_never_cache_headers

#: Only our own scripts, styles and images; no frames, forms only to ourselves.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; "
    "object-src 'none'"
)

#: Pages that only show something (names in :mod:`vereinbarung.web.urls`, and the API's
#: description and Swagger UI, which django-ninja serves for any method): GET and HEAD.
READ_ONLY = frozenset(
    {"fristen", "fristen_csv", "fristenuebersicht", "fristenrechner", "dokument", "version",
     "kalender", "health", "api:openapi-json", "api:openapi-view"}
)  # fmt: skip
SHOWING: tuple[str, ...] = ("GET", "HEAD")
#: Every other page: a form posts to it.
WITH_FORM: tuple[str, ...] = ("GET", "HEAD", "POST")


def security_headers(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[
    [HttpRequest], HttpResponse
]:  # fmt: skip
    """Add the Content-Security-Policy to every response, ``no-store`` where someone is known."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        if _authenticated(request, response):
            add_never_cache_headers(response)
        return response

    return middleware


def _authenticated(request: HttpRequest, response: HttpResponse) -> bool:
    """The request came with a session or an API key, or the response starts a session."""
    session = settings.SESSION_COOKIE_NAME
    return (
        session in request.COOKIES
        or "HTTP_AUTHORIZATION" in request.META
        or session in response.cookies
    )


class AllowedMethods:
    """405 for a method the page does not serve (before the CSRF check and the view)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, *_view_and_arguments: object
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None:
            return None
        if match.view_name in READ_ONLY:
            allowed = SHOWING
        elif match.route.startswith("api/"):  # the API's operations: django-ninja answers
            return None
        else:
            allowed = WITH_FORM
        if request.method in allowed:
            return None
        text = (
            f"Die Methode {request.method} ist hier nicht erlaubt (erlaubt: {', '.join(allowed)})."
        )
        return HttpResponseNotAllowed(
            allowed, content=text.encode(), content_type="text/plain; charset=utf-8"
        )
