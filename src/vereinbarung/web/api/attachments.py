"""``/api/agreements/{id}/attachments``: the attachments of an agreement (issue 25).

* ``GET …/attachments`` (role *Lesen*): every attachment, current and superseded, with kind,
  date, description, who and when, size and SHA-256, and the event it proves.
* ``POST …/attachments`` (role *Bearbeiten*): ``multipart/form-data`` with ``datei`` and the
  fields of the page (``art``, ``datum``, ``beschreibung``, ``ereignis``, ``ersetzt``); the same
  checks (:mod:`vereinbarung.web.akte.service`): type from the content, at most 20 MB; 201 with
  the new attachment, 422 with German messages naming the field.
* ``GET …/attachments/{number}`` (role *Lesen*): the file, always as a download
  (``Content-Disposition: attachment``, ``nosniff``), 409 when its SHA-256 no longer matches.

Which agreement a token's user may read or change is the one permission check
(:mod:`vereinbarung.web.rights.checks`, through :func:`vereinbarung.web.api.views._record`).
"""

from __future__ import annotations

from typing import Any, cast

from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from ninja import Router

from vereinbarung.web.accounts.roles import BEARBEITEN, LESEN
from vereinbarung.web.akte import evidence, files, service
from vereinbarung.web.akte.models import Attachment
from vereinbarung.web.api.views import Refusal, TokenAuth, _record, _token
from vereinbarung.web.register import services

router: Router = Router(tags=["Anlagen"])

UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "description": "Formular (multipart/form-data): `datei` (PDF, Word, Bild, E-Mail; "
        "höchstens 20 MB), `art` (original, genehmigung, bekanntmachung, zugangsnachweis, "
        "ratsbeschluss, schriftverkehr, sonstiges), optional `datum` (TT.MM.JJJJ), "
        "`beschreibung`, `ereignis` (Schlüssel aus `events` der Liste), `ersetzt` (Nummer).",
        "content": {"multipart/form-data": {"schema": {"type": "object"}}},
    }
}


def _json(item: Attachment) -> dict[str, Any]:
    return {
        "id": item.pk, "name": item.name, "kind": item.kind, "kind_label": item.kind_label,
        "date": item.date.isoformat() if item.date else None, "description": item.description,
        "type": item.type_label, "content_type": item.content_type, "size": item.size,
        "sha256": item.sha256, "event": item.event_key or None,
        "uploaded": item.uploaded.isoformat(), "uploaded_by": item.uploaded_by_name,
        "superseded_by": item.superseded_by_id, "text_note": item.text_note or None,
    }  # fmt: skip


def _answer(body: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(body, safe=False, status=status, json_dumps_params={"ensure_ascii": False})


@router.get("/agreements/{pk}/attachments", auth=TokenAuth(), summary="Anlagen einer Vereinbarung")
def attachments(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record(_token(request, LESEN), pk, "read")
    items = Attachment.objects.filter(agreement=record).order_by("pk")
    proofs = evidence.evidence_of(record, services.agreement_of(record))
    return _answer({
        "attachments": [_json(item) for item in items],
        "events": [{"key": e.key, "label": e.label, "needs": e.kind, "complete": e.complete}
                   for e in proofs],
    })  # fmt: skip


@router.post(
    "/agreements/{pk}/attachments", auth=TokenAuth(), openapi_extra=UPLOAD_BODY,
    summary="Anlage hochladen",
)  # fmt: skip
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    token = _token(request, BEARBEITEN)
    record = _record(token, pk, "edit")
    upload = request.FILES.get("datei")
    choices = evidence.event_choices(services.agreement_of(record))
    try:
        item = service.add_attachment(
            record, chunks=upload.chunks() if upload is not None else None,
            name=(upload.name or "Datei") if upload is not None else "",
            kind=str(request.POST.get("art", ""))[:40],
            day=str(request.POST.get("datum", ""))[:40],
            description=str(request.POST.get("beschreibung", ""))[:600],
            event_key=str(request.POST.get("ereignis", ""))[:400],
            replaces=str(request.POST.get("ersetzt", ""))[:20], user=token.user,
            events=[key for key, _ in choices],
        )  # fmt: skip
    except service.Invalid as exc:
        raise Refusal(422, [f"{key}: {message}" for key, message in exc.errors.items()]) from None
    return _answer(_json(item), status=201)


@router.get(
    "/agreements/{pk}/attachments/{number}", auth=TokenAuth(), summary="Anlage herunterladen"
)
def download(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    record = _record(_token(request, LESEN), pk, "read")
    item = Attachment.objects.filter(agreement=record, pk=number).first()
    if item is None:
        raise Refusal(404, [f"number: keine Anlage {number} zu dieser Vereinbarung."])
    problem = files.verify(item.stored, item.sha256)
    if problem:
        raise Refusal(409, [f"{item.name}: {problem}"])
    response = FileResponse(
        files.storage().open(item.stored, "rb"), as_attachment=True, filename=item.name,
        content_type=item.content_type,
    )  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    return cast("HttpResponse", response)  # streamed (FileResponse), typed as the others
