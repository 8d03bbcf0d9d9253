"""The page of a server error: 503 when the database is out of reach, else 500; German, no details.

Django calls the ``handler500`` of :mod:`vereinbarung.web.urls` inside the ``except`` block of
the failed request (``django.core.handlers.exception.response_for_exception``), so
:func:`sys.exc_info` names the cause. A database that cannot be reached, times out or refuses
a lock (``OperationalError``, ``InterfaceError`` of PEP 249) is an outage, not a fault of the
register: 503 with ``Retry-After`` (RFC 9110, 15.6.4 and 10.2.3). Both pages are rendered
without the request's context processors and without the layout of the other pages, which ask
the database for the user and the role: during an outage the error page itself would fail, and
waitress would answer with its own English text.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

#: Seconds after which a client may try again during an outage.
RETRY_AFTER = 30


def is_outage(exc: BaseException | None) -> bool:
    """Whether *exc* says the database is out of reach (not a fault of the register)."""
    return isinstance(exc, (OperationalError, InterfaceError))


def server_error(request: HttpRequest) -> HttpResponse:  # noqa: ARG001
    """``handler500``: the German 503 page during a database outage, else the 500 page."""
    if is_outage(sys.exc_info()[1]):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
    else:
        response = HttpResponse(loader.render_to_string("500.html"), status=500)
    response["Cache-Control"] = "no-store"
    return response
