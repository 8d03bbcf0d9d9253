"""``/importieren/liste/``: an Excel or CSV list of agreements into the register (issue 22).

Upload → columns (found by header, changeable per field) → preview of every row → create.
The uploaded file is kept between the steps under the data folder in ``listen/`` with a random
name known only to the uploader's session (at most :data:`KEEP` old; removed when the
agreements are created), and read by the library within its bounds
(:func:`vereinbarung.read_sheet`: size, rows, columns, cells; an .xlsx's zip entries inflated
and counted first; formula cells refused). Every row becomes an **unconfirmed** agreement with
review points (:func:`vereinbarung.table_agreements`); a bad row is listed with file, row,
column and value and nothing is created; all rows are created in one transaction or none.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

import vereinbarung
from vereinbarung.web.accounts.roles import BEARBEITEN, role_required
from vereinbarung.web.register import services

TYPES = (".xlsx", ".csv")
#: Uploaded lists are removed after this many seconds at the latest.
KEEP = 24 * 3600
_TOKEN = re.compile(r"^[0-9a-f]{32}(\.xlsx|\.csv)$")
_SESSION = "listen"
NAME_MAX = 100
#: Largest list accepted (the library's own bound, :data:`vereinbarung.importing.table.MAX_BYTES`).
MAX_MB = 5


def _folder() -> Path:
    folder = Path(settings.DATA_DIR) / "listen"
    folder.mkdir(mode=0o700, exist_ok=True)
    now = time.time()
    for old in folder.iterdir():
        if now - old.stat().st_mtime > KEEP:
            old.unlink(missing_ok=True)
    return folder


def _page(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    context.setdefault("types", ", ".join(TYPES))
    context.setdefault("max_mb", MAX_MB)
    return render(request, "pages/liste_importieren.html", context, status=status)


def _upload(request: HttpRequest) -> tuple[str, str, str]:
    """Store the uploaded list; (token, shown name, problem)."""
    upload = request.FILES.get("datei")
    if upload is None:
        return "", "", "Bitte eine Liste (.xlsx oder .csv) auswählen."
    name = Path(upload.name or "Liste").name[:NAME_MAX]
    suffix = Path(name).suffix.lower()
    if suffix not in TYPES:
        return "", name, f"{name}: Dateityp {suffix or '(ohne Endung)'} wird nicht gelesen; " \
                         f"möglich: {', '.join(TYPES)}."  # fmt: skip
    limit = MAX_MB * 1024 * 1024
    if upload.size is None or upload.size > limit:
        return "", name, f"{name}: die Datei ist zu groß (höchstens {limit // 1024 // 1024} MB)."
    token = secrets.token_hex(16) + suffix
    with (_folder() / token).open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    request.session[_SESSION] = [*request.session.get(_SESSION, [])[-9:], token]
    return token, name, ""


def _columns(request: HttpRequest, header: tuple[str, ...]) -> dict[str, int]:
    """The mapping chosen on the page (field → column), or found by header on the first visit."""
    if "zuordnung" not in request.POST:
        return vereinbarung.find_columns(header)
    columns: dict[str, int] = {}
    for field in vereinbarung.TABLE_COLUMNS:
        value = str(request.POST.get(f"spalte-{field}", ""))
        if value.isdigit() and int(value) < len(header):
            columns[field] = int(value)
    return columns


@role_required(BEARBEITEN)
@require_http_methods(["GET", "POST"])
def liste(request: HttpRequest) -> HttpResponse:
    """Upload a list, map its columns, preview the agreements, create them."""
    if request.method == "GET":
        return _page(request, {})
    own = " ".join(str(request.POST.get("eigene_partei", "")).split())[:200] or None
    if request.POST.get("aktion") == "hochladen":
        token, name, problem = _upload(request)
        if problem:
            return _page(request, {"problems": {"datei": problem}, "own": own}, status=400)
    else:
        token, name = (
            str(request.POST.get("liste", "")),
            str(request.POST.get("name", ""))[:NAME_MAX],
        )
        if (
            not _TOKEN.match(token)
            or token not in request.session.get(_SESSION, [])
            or not (_folder() / token).is_file()
        ):
            problem = "Die hochgeladene Liste ist nicht mehr da; bitte erneut hochladen."
            return _page(request, {"problems": {"datei": problem}, "own": own}, status=400)
    path = _folder() / token
    try:
        sheet = vereinbarung.read_sheet(path, name=name)
    except vereinbarung.VereinbarungError as exc:
        path.unlink(missing_ok=True)
        message = exc.message.replace(str(path), name)
        return _page(request, {"problems": {"datei": message}, "own": own}, status=400)
    columns = _columns(request, sheet.header)
    context: dict[str, Any] = {
        "token": token, "name": name, "own": own or "", "sheet": sheet, "columns": columns,
        "notice_to": {to.value: to.label for to in vereinbarung.NoticeTo},
        "fields": [(f, label, columns.get(f)) for f, (label, _) in vereinbarung.TABLE_COLUMNS.items()],
    }  # fmt: skip
    try:
        rows = vereinbarung.table_agreements(sheet, columns, own_party=own)
    except vereinbarung.TableImportError as exc:
        context["row_problems"] = exc.message.splitlines()
        return _page(
            request, context, status=400 if request.POST.get("aktion") == "anlegen" else 200
        )
    if request.POST.get("aktion") != "anlegen":
        context["rows"] = rows
        return _page(request, context)
    try:
        with transaction.atomic():  # all rows or none
            for row in rows:
                services.create(
                    vereinbarung.row_yaml(row), user=request.user,
                    reason=f"aus Liste übernommen ({name}, Zeile {row.row})",
                )  # fmt: skip
    except vereinbarung.VereinbarungError as exc:
        context["row_problems"] = [f"Zeile {row.row}: {exc.message}"]
        return _page(request, context, status=400)
    path.unlink(missing_ok=True)
    request.session[_SESSION] = [t for t in request.session.get(_SESSION, []) if t != token]
    messages.success(
        request,
        f"{len(rows)} Vereinbarungen aus {name} angelegt, alle unbestätigt: bitte die "
        "Prüfpunkte auf der Seite jeder Vereinbarung abarbeiten.",
    )
    return redirect("fristen")
