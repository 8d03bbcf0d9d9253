"""The JSON API (django-ninja): ``/api/deadlines`` without login, the register with a token.

* ``POST /api/deadlines?on=JJJJ-MM-TT``: one agreement document (the file schema, as JSON, at
  most 1 MB) in, exactly one record of ``vereinbarung deadlines --format json`` out; nothing is
  stored. The record's ``file`` is ``anfrage.json``, the name the document would have on disk.
* ``GET /api/agreements``, ``GET /api/agreements/{id}``: the register (role *Lesen*), only
  the agreements the token's user may read (:mod:`vereinbarung.web.rights.checks`: another
  Fachbereich's agreement is a 404, as if it did not exist); ``pending`` lists the acts waiting
  for a Freigabe (Vier-Augen, :mod:`vereinbarung.web.rights.approval`).
* ``POST /api/agreements/{id}/events``: an event with the checks of ``vereinbarung record``
  (role *Bearbeiten* in the agreement's Fachbereich); the answer says what it does. An act
  that waits for a second person's Freigabe is answered with 202 and ``"saved": false``.

Every refusal is German: ``{"fehler": ["feld: »wert« …"]}`` with HTTP 401, 403, 404, 409, 413,
422 or 429 (too many requests of one address, :mod:`vereinbarung.web.limits.middleware`); a
server error is JSON as well (500, or 503 while the database is out of reach), never Django's
HTML page. ``POST /api/deadlines`` is open to anyone: its date arithmetic runs under
:func:`vereinbarung.date_budget` and ends in a German 422 when a clause would need more. The interactive documentation at ``/api/docs`` is Swagger UI from django-ninja's own static
files (no CDN).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from typing import Any

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

import vereinbarung
from vereinbarung import DeadlineRow, load_json_limited
from vereinbarung.web import clock
from vereinbarung.web.accounts.roles import BEARBEITEN, LESEN, ROLES
from vereinbarung.web.api.models import ApiToken
from vereinbarung.web.api.tokens import find_token, token_level
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.rights.approval import open_acts
from vereinbarung.web.rights.checks import RIGHTS, level_on, may_record, readable

#: Largest request body of ``POST /api/deadlines`` and of events.
MAX_BODY = 1_048_576
#: The name an agreement posted to ``/api/deadlines`` has in its record and messages.
FILE_NAME = "anfrage.json"
#: Years of upcoming Kündigungstermine in ``GET /api/agreements/{id}``.
YEARS = 5
#: Seconds after which a client may ask again while the database is out of reach (503).
RETRY_AFTER = 30

logger = logging.getLogger("django.request")

DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)


def _docs_csp(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Swagger UI sets inline styles; its page alone allows them (scripts stay 'self')."""

    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.headers["Content-Security-Policy"] = DOCS_CSP
        return response

    return wrapper


api = NinjaAPI(
    title="vereinbarung – Schnittstelle",
    version=vereinbarung.__version__,
    description=(
        "Fristen nach §§ 187–188 BGB für andere Anwendungen. `POST /api/deadlines` braucht "
        "keine Anmeldung; alles andere einen API-Schlüssel (auf der Seite »Mein Konto« "
        "anlegen) im Kopf `Authorization: Bearer vb_…`. Fehler: HTTP 4xx mit "
        '`{"fehler": ["…"]}` auf Deutsch.'
    ),
    urls_namespace="api",
    docs_decorator=_docs_csp,
)


class Refusal(Exception):
    """An answer with a German message and an HTTP status."""

    def __init__(self, status: int, messages: list[str]) -> None:
        super().__init__(messages)
        self.status = status
        self.messages = messages


def _refuse(status: int, messages: list[str]) -> JsonResponse:
    return JsonResponse(
        {"fehler": messages}, status=status, json_dumps_params={"ensure_ascii": False}
    )


@api.exception_handler(Refusal)
def _on_refusal(request: HttpRequest, exc: Refusal) -> HttpResponse:  # noqa: ARG001
    return _refuse(exc.status, exc.messages)


@api.exception_handler(AuthenticationError)
def _on_auth(request: HttpRequest, exc: Exception) -> HttpResponse:  # noqa: ARG001
    return _refuse(
        401, ["Anmeldung nötig: API-Schlüssel im Kopf »Authorization: Bearer vb_…« angeben."]
    )


@api.exception_handler(ValidationError)
def _on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:  # noqa: ARG001
    messages = []
    for error in exc.errors:
        where = ".".join(
            str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")
        )
        value = error.get("input", "")
        messages.append(f"{where or 'Eingabe'}: »{value}« ist kein gültiger Wert.")
    return _refuse(422, messages or ["Ungültige Eingabe."])


@api.exception_handler(HttpError)
def _on_http(request: HttpRequest, exc: HttpError) -> HttpResponse:  # noqa: ARG001
    return _refuse(exc.status_code, [str(exc)])


@api.exception_handler(Exception)
def _on_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Any other failure: JSON too, logged with its traceback (Django's page would be HTML)."""
    if isinstance(exc, (OperationalError, InterfaceError)):  # the database is out of reach
        logger.error("Datenbank nicht erreichbar: %s %s", request.method, request.path)
        response = _refuse(503, ["Die Datenbank antwortet nicht. Bitte später erneut versuchen."])
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    logger.error("Interner Fehler: %s %s", request.method, request.path, exc_info=exc)
    return _refuse(500, ["Ein interner Fehler ist aufgetreten. Bitte später erneut versuchen."])


def _day(value: str | None) -> dt.date:
    if value is None or not value.strip():
        return clock.today()
    try:
        return vereinbarung.parse_date(value.strip())
    except vereinbarung.VereinbarungError as exc:
        raise Refusal(422, [f"on: »{value}« – {exc.message}"]) from None


def _json_body(request: HttpRequest, name: str) -> Any:
    """The request body as JSON within the limits of agreement files (size, depth, digits)."""
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > MAX_BODY:
        raise Refusal(413, [f"Die Anfrage ist größer als {MAX_BODY // 1_048_576} MB."])
    raw = request.body
    if len(raw) > MAX_BODY:
        raise Refusal(413, [f"Die Anfrage ist größer als {MAX_BODY // 1_048_576} MB."])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refusal(422, [f"ist kein UTF-8-Text (Byte {exc.start})."]) from None
    if not text.strip():
        raise Refusal(422, ["Die Anfrage ist leer: ein JSON-Dokument erwartet."])
    try:
        return load_json_limited(text, name)
    except json.JSONDecodeError as exc:
        raise Refusal(
            422, [f"kein gültiges JSON in Zeile {exc.lineno}, Spalte {exc.colno}."]
        ) from None
    except RecursionError:
        raise Refusal(422, ["zu tief verschachtelt."]) from None
    except vereinbarung.VereinbarungError as exc:
        raise Refusal(422, services.problems(exc)) from None


AGREEMENT_BODY = {
    "requestBody": {
        "required": True,
        "description": "Eine Vereinbarung im Dateiformat (»vereinbarung schema«), als JSON.",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
}


@api.post(
    "/deadlines", auth=None, openapi_extra=AGREEMENT_BODY, summary="Fristen einer Vereinbarung",
    description="Ohne Anmeldung, speichert nichts. Antwort: genau ein Datensatz von "
    "`vereinbarung deadlines --format json` (gleiche Felder, gleiche Werte); `on` ist der "
    "Stichtag (Standard: heute in Berlin).",
)  # fmt: skip
def deadlines(request: HttpRequest, on: str | None = None) -> HttpResponse:
    day = _day(on)
    data = _json_body(request, FILE_NAME)
    try:
        # anyone may ask: the date arithmetic is bounded (a German 422 within a second)
        with vereinbarung.date_budget():
            agreement = vereinbarung.agreement_from_data(data, source=FILE_NAME)
            state = vereinbarung.state_on(agreement, day)
            record = DeadlineRow(FILE_NAME, agreement.full_title, state).to_json()
    except vereinbarung.BudgetExceeded as exc:
        raise Refusal(422, [f"term: {exc.message}"]) from None
    except vereinbarung.VereinbarungError as exc:
        raise Refusal(422, services.problems(exc)) from None
    return JsonResponse(record, json_dumps_params={"ensure_ascii": False})


class TokenAuth(HttpBearer):
    """``Authorization: Bearer vb_…``: an active token of an active user."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:  # noqa: ARG002
        return find_token(token)


def _token(request: HttpRequest, role: str) -> ApiToken:
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    if token_level(token) < ROLES.index(role) + 1:
        raise Refusal(403, [f"Dafür ist die Rolle »{role}« nötig (Schlüssel »{token.name}«)."])
    return token


def _record(token: ApiToken, pk: int, right: str) -> Record:
    """Agreement *pk* if the token's user may read it (else 404) and has *right* (else 403)."""
    record = Record.objects.filter(pk=pk).first()
    found = level_on(token.user, record) if record is not None else 0
    if record is None or not found:
        raise Refusal(404, [f"id: keine Vereinbarung mit der Nummer {pk}."])
    needed, role = RIGHTS[right]
    if min(found, token_level(token)) < needed:
        raise Refusal(403, [f"Dafür ist die Rolle »{role}« im Fachbereich der Vereinbarung "
                            f"nötig (Schlüssel »{token.name}«)."])  # fmt: skip
    return record


def _summary(record: Record, day: dt.date) -> dict[str, Any]:
    state = services.state_of(record, day).to_json()
    keys = ("status", "status_label", "notice_deadline", "practical_deadline", "days_left",
            "terminates_on", "current_term_end", "leaving_ahead", "partial_notices")  # fmt: skip
    return {
        "id": record.pk, "title": record.title, "short_name": record.short_name,
        "reference": record.reference, "department": record.department,
        "version": record.version, "archived": record.archived,
        **{key: state.get(key) for key in keys},
    }  # fmt: skip


@api.get("/agreements", auth=TokenAuth(), summary="Alle Vereinbarungen des Registers")
def agreements(request: HttpRequest, on: str | None = None, archived: bool = False) -> HttpResponse:
    token = _token(request, LESEN)
    day = _day(on)
    records = readable(token.user, Record.objects.all() if archived else None)
    records = records if archived else records.filter(archived=False)
    body = [_summary(record, day) for record in records]
    return JsonResponse(body, safe=False, json_dumps_params={"ensure_ascii": False})


def _detail(record: Record, day: dt.date) -> dict[str, Any]:
    state = services.state_of(record, day)
    agreement = services.agreement_of(record)
    until = dt.date(min(day.year + YEARS, 9999), day.month, min(day.day, 28))
    upcoming = [
        {"terminates_on": s.terminates_on.isoformat() if s.terminates_on else None,
         "notice_deadline": s.notice_deadline.isoformat() if s.notice_deadline else None}
        for s in vereinbarung.upcoming_states(agreement, day, until=until)
    ]  # fmt: skip
    name = record.file_name or f"{record.pk}.yaml"
    return {
        **_summary(record, day),
        "deadlines": DeadlineRow(name, agreement.full_title, state).to_json(),
        "upcoming": upcoming,
        "pending": [
            {"kind": act.kind_label, "summary": act.summary, "author": act.author_name,
             "created": act.created.isoformat()}
            for act in open_acts(record).order_by("created", "pk")[:20]
        ],  # acts waiting for a Freigabe: the state above is without them
    }  # fmt: skip


@api.get("/agreements/{pk}", auth=TokenAuth(), summary="Eine Vereinbarung: Stand und Fristen")
def agreement(request: HttpRequest, pk: int, on: str | None = None) -> HttpResponse:
    token = _token(request, LESEN)
    record = _record(token, pk, "read")
    return JsonResponse(_detail(record, _day(on)), json_dumps_params={"ensure_ascii": False})


EVENT_BODY = {
    "requestBody": {
        "required": True,
        "description": "Ein Ereignis wie in der Datei (»events«), z. B. "
        '`{"type": "notice", "by": "Stadt A", "received": {"Stadt B": "2026-05-02"}}`; '
        "optional `version` (die Version, auf der die Änderung beruht).",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
}


@api.post(
    "/agreements/{pk}/events", auth=TokenAuth(), openapi_extra=EVENT_BODY,
    summary="Ereignis erfassen (Prüfungen wie »vereinbarung record«)",
    description="Mit `?vorschau=true` wird nur geprüft und die Wirkung genannt, nichts gespeichert.",
)  # fmt: skip
def record_event(request: HttpRequest, pk: int, vorschau: bool = False) -> HttpResponse:
    token = _token(request, BEARBEITEN)
    record = _record(token, pk, "read")  # a partner Kommune: only its own party's events
    body = _json_body(request, "ereignis")
    if not isinstance(body, dict):
        raise Refusal(422, ["Ein Ereignis ist eine Zuordnung (Schlüssel: Wert)."])
    if not may_record(token.user, record, body):
        raise Refusal(403, [f"Dafür ist die Rolle »Bearbeiten« im Fachbereich der Vereinbarung "
                            f"nötig, als Partnerkommune: ein Ereignis der eigenen Partei "
                            f"(Schlüssel »{token.name}«)."])  # fmt: skip
    base = body.pop("version", record.version)
    if not isinstance(base, int) or isinstance(base, bool):
        raise Refusal(422, [f"version: »{base}« ist keine Versionsnummer."])
    today = clock.today()
    try:
        outcome = services.record_event(record, body, today=today)
    except vereinbarung.VereinbarungError as exc:
        raise Refusal(422, services.problems(exc)) from None
    effect = {"text": outcome.effect.text, "effective": outcome.effect.effective}
    if vorschau:
        return JsonResponse({"id": record.pk, "version": record.version, "effect": effect,
                             "saved": False}, json_dumps_params={"ensure_ascii": False})  # fmt: skip
    kind = str(body.get("type", ""))
    try:
        saved = services.save_version(
            record, outcome.text, base=base, user=token.user,
            reason=f"Ereignis erfasst über die Schnittstelle: {kind}",
        )  # fmt: skip
    except services.AwaitingApproval as exc:
        return JsonResponse(
            {"id": record.pk, "version": record.version, "effect": effect, "saved": False,
             "pending": {"kind": exc.act.kind_label, "summary": exc.act.summary},
             "message": exc.message},
            status=202, json_dumps_params={"ensure_ascii": False},
        )  # fmt: skip
    except services.VersionConflict as exc:
        raise Refusal(409, [exc.message]) from None
    except vereinbarung.VereinbarungError as exc:  # e.g. a Fachbereich the user may not edit
        raise Refusal(422, services.problems(exc)) from None
    answer = {**_detail(saved, today), "effect": effect, "saved": True}
    return JsonResponse(answer, status=201, json_dumps_params={"ensure_ascii": False})
