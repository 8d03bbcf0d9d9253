"""``/kalender/<token>.ics``: no login (calendar clients cannot log in), the secret is the key."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse

from vereinbarung.web import clock
from vereinbarung.web.feeds import service


def kalender(request: HttpRequest, token: str) -> HttpResponse:  # noqa: ARG001
    feed = service.find(token)
    if feed is None:
        raise Http404("Dieses Kalender-Abonnement gibt es nicht (mehr).")
    stamp = clock.now().astimezone(dt.UTC).replace(microsecond=0)
    ical = service.calendar(feed, day=clock.today(), stamp=stamp)
    response = HttpResponse(ical, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="fristen.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
