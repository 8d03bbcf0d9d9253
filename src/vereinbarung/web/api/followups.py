"""``/api/followups``: the token user's Wiedervorlagen – list, create, close (issue 25).

* ``GET /api/followups``: the open follow-ups the user owns or deputises (agreements they may
  read), with ``due_today`` (whether the user handles it today: as owner, or as deputy during
  the owner's absence or after escalation) and the closed occurrences;
* ``POST /api/followups``: ``{"agreement": 7, "subject": "…", "due": "2027-03-01",
  "repeat": "jaehrlich", "owner": "name", "deputy": "name"}`` – role *Bearbeiten* in the
  agreement's Fachbereich (:mod:`vereinbarung.web.rights.checks`); 201 with the follow-up;
* ``POST /api/followups/{number}/close``: closes its open occurrence (owner, deputy or
  *Verwalten*); a repeating one moves to its next day.

Errors as in the rest of the API: ``{"fehler": ["feld: …"]}`` with 403, 404, 409 or 422.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Router

import vereinbarung
from vereinbarung.web import clock
from vereinbarung.web.accounts.roles import BEARBEITEN, LESEN
from vereinbarung.web.api import views
from vereinbarung.web.rights.checks import level_on
from vereinbarung.web.wiedervorlagen import service
from vereinbarung.web.wiedervorlagen.dates import REPEATS
from vereinbarung.web.wiedervorlagen.models import Closure, FollowUp

router = Router(tags=["Wiedervorlagen"])

FOLLOWUP_BODY = {
    "requestBody": {
        "required": True,
        "description": "Eine Wiedervorlage: `agreement` (Nummer), `subject`, `due` (JJJJ-MM-TT), "
        "optional `repeat` (" + ", ".join(f"`{k}`" for k in REPEATS if k) + "), "
        "`owner` (Standard: Sie), `deputy`.",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
}


def _json(item: FollowUp, handled: set[int] | None = None) -> dict[str, Any]:
    return {
        "id": item.pk, "agreement": item.agreement_id, "subject": item.subject,
        "due": item.due.isoformat(), "repeat": item.repeat, "done": item.done,
        "owner": item.owner.get_username(),
        "deputy": item.deputy.get_username() if item.deputy else None,
        **({"due_today": item.pk in handled} if handled is not None else {}),
        "closed": [
            {"occurrence": c.occurrence.isoformat(), "by": c.closed_by_name,
             "at": c.closed_at.isoformat(timespec="seconds")}
            for c in Closure.objects.filter(followup=item).order_by("occurrence")
        ],
    }  # fmt: skip


def _answer(body: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(body, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


@router.get("", auth=views.TokenAuth(), summary="Meine Wiedervorlagen")
def followups(request: HttpRequest) -> HttpResponse:
    token = views._token(request, LESEN)
    user = token.user
    handled = {a.item.pk for a in service.due_on(clock.today(), user)}
    return _answer([_json(item, handled) for item in service.mine(user)])


@router.post("", auth=views.TokenAuth(), openapi_extra=FOLLOWUP_BODY,
             summary="Wiedervorlage anlegen")  # fmt: skip
def create_followup(request: HttpRequest) -> HttpResponse:
    token = views._token(request, BEARBEITEN)
    body = views._json_body(request, "wiedervorlage")
    if not isinstance(body, dict):
        raise views.Refusal(422, ["Eine Wiedervorlage ist eine Zuordnung (Schlüssel: Wert)."])
    pk = body.get("agreement")
    if not isinstance(pk, int) or isinstance(pk, bool):
        raise views.Refusal(422, [f"agreement: »{pk}« ist keine Nummer einer Vereinbarung."])
    record = views._record(token, pk, "edit")
    raw_due = body.get("due")
    try:
        due = vereinbarung.parse_date(raw_due)
    except vereinbarung.VereinbarungError:
        raise views.Refusal(422, [f"due: »{raw_due}« ist kein Datum (JJJJ-MM-TT)."]) from None
    texts = {}
    for key in ("subject", "repeat", "owner", "deputy"):
        value = body.get(key) or ""
        if not isinstance(value, str):
            raise views.Refusal(422, [f"{key}: »{value}« ist kein Text."])
        texts[key] = value
    try:
        item = service.create(
            token.user, record, subject=texts["subject"], due=due, owner=texts["owner"],
            deputy=texts["deputy"], repeat=texts["repeat"],
        )  # fmt: skip
    except service.Refused as exc:
        names = {"betreff": "subject", "wiederholung": "repeat", "zustaendig": "owner",
                 "vertretung": "deputy"}  # fmt: skip
        raise views.Refusal(
            422, [f"{names.get(k, k)}: {message}" for k, message in exc.errors.items()]
        ) from None
    return _answer(_json(item), 201)


@router.post("/{number}/close", auth=views.TokenAuth(), summary="Wiedervorlage erledigen")
def close_followup(request: HttpRequest, number: int) -> HttpResponse:
    token = views._token(request, LESEN)
    item = FollowUp.objects.select_related("agreement").filter(pk=number).first()
    if item is None or not level_on(token.user, item.agreement):
        raise views.Refusal(404, [f"number: keine Wiedervorlage mit der Nummer {number}."])
    if not service.may_close(token.user, item):
        raise views.Refusal(403, ["Erledigen darf die zuständige Person, ihre Vertretung oder "
                                  "wer »Verwalten« hat."])  # fmt: skip
    if item.done or service.close(item, token.user) is None:
        raise views.Refusal(409, [f"number: die Wiedervorlage {number} ist schon erledigt."])
    item.refresh_from_db()
    return _answer(_json(item))
