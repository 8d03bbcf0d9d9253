"""``/health``: for monitoring; no login, no data beyond counts."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse

import vereinbarung
from vereinbarung.web import clock


def health(request: HttpRequest) -> HttpResponse:  # noqa: ARG001
    """200 with ``{"status": "ok", …}`` when the database answers, else 503."""
    from vereinbarung.web.register.models import Agreement

    body: dict[str, object] = {
        "status": "ok", "version": vereinbarung.__version__, "datenbank": connection.vendor,
        "zeit": clock.now().isoformat(timespec="seconds"),
    }  # fmt: skip
    try:
        body["vereinbarungen"] = Agreement.objects.count()
    except Exception as exc:  # any database failure is what the monitor must see
        body.update(status="fehler", fehler=f"Datenbank antwortet nicht: {type(exc).__name__}")
        return JsonResponse(body, status=503, json_dumps_params={"ensure_ascii": False})
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
