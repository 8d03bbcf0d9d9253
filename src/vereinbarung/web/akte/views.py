"""The pages of the file: add an attachment, download it, delete it, add a note, search.

Every view asks :mod:`vereinbarung.web.rights.checks` (read to see and download, edit to add,
manage to delete). A download is never shown inline: ``Content-Disposition: attachment`` and
``X-Content-Type-Options: nosniff`` (OWASP File Upload Cheat Sheet); a file whose SHA-256 no
longer matches is not handed out as if it were the evidence (409, German, naming both hashes).
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vereinbarung.web import clock
from vereinbarung.web.accounts.roles import BEARBEITEN, LESEN, VERWALTEN, role_required
from vereinbarung.web.akte import evidence, files, search, service
from vereinbarung.web.akte.models import KINDS, Attachment
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.rights.checks import readable, record_or_404

FIELD_NAMES = {
    "datei": "Datei", "art": "Art", "datum": "Datum", "beschreibung": "Beschreibung",
    "ereignis": "Ereignis", "ersetzt": "ersetzt Anlage", "grund": "Grund",
    "vermerk": "Vermerk", "vermerk_datum": "Datum des Vermerks",
}  # fmt: skip


def _attachment(record: Record, number: int) -> Attachment:
    found = Attachment.objects.filter(agreement=record, pk=number).first()
    if found is None:
        raise Http404("Keine solche Anlage.")
    return found


def _errors(errors: dict[str, str]) -> list[tuple[str, str, str]]:
    return [(key, FIELD_NAMES.get(key, key), message) for key, message in errors.items()]


@role_required(BEARBEITEN)
@require_http_methods(["GET", "POST"])
def anlage_neu(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload an attachment (a GET with ``ereignis`` and ``art`` opens the form filled in)."""
    record = record_or_404(request, pk, "edit")
    agreement = services.agreement_of(record)
    choices = evidence.event_choices(agreement)
    source = request.POST if request.method == "POST" else request.GET
    values = {key: str(source.get(key, ""))[:600] for key in
              ("art", "datum", "beschreibung", "ereignis", "ersetzt")}  # fmt: skip
    errors: dict[str, str] = {}
    if request.method == "POST":
        upload = request.FILES.get("datei")
        try:
            attachment = service.add_attachment(
                record, chunks=upload.chunks() if upload is not None else None,
                name=(upload.name or "Datei") if upload is not None else "",
                kind=values["art"], day=values["datum"], description=values["beschreibung"],
                event_key=values["ereignis"], replaces=values["ersetzt"], user=request.user,
                events=[key for key, _ in choices],
            )  # fmt: skip
        except service.Invalid as exc:
            errors = exc.errors
        else:
            messages.success(request, f"Anlage »{attachment.name}« gespeichert (SHA-256 "
                             f"{attachment.sha256[:16]}…).")  # fmt: skip
            if attachment.text_note:
                messages.warning(request, attachment.text_note)
            return HttpResponseRedirect(reverse("vereinbarung", args=[record.pk]) + "#akte")
    current = Attachment.objects.filter(agreement=record, superseded_by__isnull=True)
    context: dict[str, Any] = {
        "record": record, "values": values, "errors": errors, "error_list": _errors(errors),
        "kinds": KINDS, "events": choices, "current": current, "allowed": files.ALLOWED,
    }  # fmt: skip
    return render(request, "akte/anlage.html", context, status=400 if errors else 200)


@role_required(LESEN)
@require_GET
def anlage(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """Download an attachment: always as a file, its hash checked first."""
    record = record_or_404(request, pk, "read")
    found = _attachment(record, number)
    problem = files.verify(found.stored, found.sha256)
    if problem:
        return render(request, "pages/fehler.html", {"title": "Anlage verändert",
                      "message": f"{found.name}: {problem}"}, status=409)  # fmt: skip
    response = FileResponse(
        files.storage().open(found.stored, "rb"), as_attachment=True, filename=found.name,
        content_type=found.content_type,
    )  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return cast("HttpResponse", response)  # streamed (FileResponse), typed as the others


@role_required(VERWALTEN)
@require_http_methods(["GET", "POST"])
def anlage_loeschen(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """Delete an attachment with a reason (Verwalten in the agreement's Fachbereich)."""
    record = record_or_404(request, pk, "manage")
    found = _attachment(record, number)
    errors: dict[str, str] = {}
    reason = str(request.POST.get("grund", ""))[:600]
    if request.method == "POST":
        try:
            service.delete_attachment(found, reason, request.user)
        except service.Invalid as exc:
            errors = exc.errors
        else:
            messages.success(
                request, f"Anlage »{found.name}« gelöscht; der Grund ist protokolliert."
            )
            return HttpResponseRedirect(reverse("vereinbarung", args=[record.pk]) + "#akte")
    context = {"record": record, "attachment": found, "errors": errors, "reason": reason,
               "error_list": _errors(errors)}  # fmt: skip
    return render(request, "akte/loeschen.html", context, status=400 if errors else 200)


@role_required(BEARBEITEN)
@require_POST
def vermerk(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a Vermerk (dated, signed); errors on the agreement page's form."""
    record = record_or_404(request, pk, "edit")
    try:
        service.add_note(record, day=str(request.POST.get("vermerk_datum", "")),
                         text=str(request.POST.get("vermerk", ""))[:6000], user=request.user,
                         today=clock.today())  # fmt: skip
    except service.Invalid as exc:
        context = {"record": record, "errors": exc.errors, "error_list": _errors(exc.errors),
                   "values": {k: str(request.POST.get(k, ""))[:6000]
                              for k in ("vermerk", "vermerk_datum")}}  # fmt: skip
        return render(request, "akte/vermerk.html", context, status=400)
    messages.success(request, "Vermerk gespeichert.")
    return HttpResponseRedirect(reverse("vereinbarung", args=[record.pk]) + "#akte")


@role_required(LESEN)
@require_GET
def suche(request: HttpRequest) -> HttpResponse:
    """Full-text search over the agreements' texts and attachments the user may read."""
    query = str(request.GET.get("q", ""))[: search.MAX_QUERY]
    result = search.search(query, readable(request.user))
    context = {"query": query, "hits": result.hits, "ranked": result.ranked, "searched": bool(search.words(query)),
               "max_hits": search.MAX_HITS}  # fmt: skip
    return render(request, "akte/suche.html", context)
