"""The Import page: upload an existing agreement (.docx, .txt, .md, .pdf) and review what was read.

The file is checked (ending, size, content fits the ending) and read by
:func:`vereinbarung.import_agreement` in a temporary folder under a name of its own; the page
shows the YAML text and each value beside the source sentences it was read from, with the
points to review. The library reads the file in a child process with the time and memory
limits of a template (60 s, 1 GB; a Word file's entries are counted while they are inflated, a
text may have 2 MB): anything it refuses, a damaged or hostile file included, is a German 400
naming the uploaded file, never the server's temporary path.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

import vereinbarung
from vereinbarung.web.accounts.roles import BEARBEITEN, role_required
from vereinbarung.web.pages import review

IMPORT_TYPES = {".docx", ".txt", ".md", ".pdf"}


@role_required(BEARBEITEN)
@require_http_methods(["GET", "POST"])
def importieren(request: HttpRequest) -> HttpResponse:
    """Upload an existing agreement; show the result beside its source, correct, save."""
    context: dict[str, Any] = {"types": ", ".join(sorted(IMPORT_TYPES))}
    if request.method == "GET":
        return render(request, "pages/importieren.html", context)
    upload = request.FILES.get("datei")
    if upload is None:
        context["problem"] = "Bitte eine Datei auswählen."
        return render(request, "pages/importieren.html", context, status=400)
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in IMPORT_TYPES:
        context["problem"] = (
            f"Dateityp {suffix or '(ohne Endung)'} wird nicht gelesen; möglich: {context['types']}."
        )
        return render(request, "pages/importieren.html", context, status=400)
    if upload.size is None or upload.size > settings.MAX_UPLOAD_BYTES:
        context["problem"] = "Die Datei ist zu groß (höchstens 20 MB)."
        return render(request, "pages/importieren.html", context, status=400)
    with tempfile.TemporaryDirectory(prefix="vereinbarung-import-") as folder:
        path = Path(folder) / f"upload{suffix}"  # never the user's file name
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        wrong = _wrong_content(path, suffix)
        if wrong:
            context["problem"] = wrong
            return render(request, "pages/importieren.html", context, status=400)
        try:
            result = vereinbarung.import_agreement(path)
        except vereinbarung.VereinbarungError as exc:
            context["problem"] = exc.message.replace(str(path), upload.name or "Datei")
            return render(request, "pages/importieren.html", context, status=400)
    text = _dump(result.data)
    numbered = [(i + 1, line) for i, line in enumerate(text.splitlines())]
    rows, unplaced = _beside_sources(result)
    context.update({
        "result": result, "text": text, "numbered": numbered, "name": upload.name,
        "review": [str(problem) for problem in result.review],
        "rows": rows, "unplaced": unplaced,
        "signatures": review.signature_rows(result.agreement, tuple(
            p.message for p in (*result.review, *result.notes) if p.field == "signatures"
        )),
    })  # fmt: skip
    return render(request, "pages/importieren.html", context)


_MAGIC = {".docx": (b"PK\x03\x04", "Word-Datei (.docx)"), ".pdf": (b"%PDF-", "PDF-Datei")}


def _wrong_content(path: Path, suffix: str) -> str:
    """A German message if the file's content does not fit its ending, else ''."""
    head = path.read_bytes()[:8] if path.stat().st_size else b""
    if not head:
        return "Die Datei ist leer."
    if suffix in _MAGIC:
        magic, label = _MAGIC[suffix]
        if not head.startswith(magic):
            return f"Die Datei endet auf {suffix}, ist aber keine {label}."
        return ""
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return f"Die Datei endet auf {suffix}, ist aber kein Text in UTF-8."
    return ""


def _value_at(data: Any, path: tuple[str | int, ...]) -> str:
    for step in path:
        found = (isinstance(data, dict) and step in data) or (
            isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data)
        )
        if not found:
            return ""
        data = data[step]
    if isinstance(data, dict):
        return ", ".join(f"{v}" for v in data.values() if not isinstance(v, dict | list))
    if isinstance(data, list):
        return f"{len(data)} Einträge"
    if hasattr(data, "isoformat"):
        return vereinbarung.format_date(data)
    return str(data)


def _beside_sources(result: vereinbarung.ImportResult) -> tuple[list[dict[str, Any]], list[Any]]:
    """Each read value beside its source sentences, with the review points of that field."""
    review = list(result.review)
    rows = []
    for provenance in result.provenance:
        label = provenance.field
        points = [p for p in review if p.field == label or p.field.startswith(label + " › ")]
        rows.append({
            "field": label, "value": _value_at(result.data, provenance.path),
            "note": provenance.note or "",
            "sources": [(s.label, s.text) for s in provenance.sources],
            "review": [p.message for p in points],
        })  # fmt: skip
    placed = {id(p) for row in rows for p in review if p.message in row["review"]}
    unplaced = [p for p in review if id(p) not in placed]
    return rows, unplaced


def _dump(data: Any) -> str:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = 4096
    # never anchors and aliases (»&id001«, »*id001«) for a value the data holds twice, e.g. a
    # date of two signatures: editing one would silently change the other (issue 21)
    yaml.representer.ignore_aliases = lambda *_: True
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()
