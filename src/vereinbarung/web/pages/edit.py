"""Pages that change the register: Neu, Bearbeiten (form and YAML), Ereignis, Archiv, Import.

Every save goes through the library's validation and becomes a version; a form built on an
older version is refused (:class:`~vereinbarung.web.register.services.VersionConflict`) and
shows what the other person changed, with the user's input still in the form.
"""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

import vereinbarung
from vereinbarung.web import clock
from vereinbarung.web.accounts.roles import BEARBEITEN, role_required
from vereinbarung.web.pages import structured
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement as Record

_NEW_TEMPLATE = """\
title: Kooperationsvereinbarung
subtitle: über …
parties:
  - name: Stadt A
    representative: {name: Vorname Name, title: Bürgermeisterin}
  - name: Stadt B
    representative: {name: Vorname Name, title: Bürgermeister}
term:
  effective: 01.01.2027     # Inkrafttreten
  duration: 5 Jahre         # oder ends: 31.12.2031
  renewal: 2 Jahre
  notice: 6 Monate
  notice_to: term_end
"""

_LINE = re.compile(r"Zeile (\d+)")


def _problems(exc: vereinbarung.VereinbarungError) -> list[str]:
    problems = getattr(exc, "problems", None)
    return list(problems) if problems else [exc.message]


def _base(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return 0


# -- the YAML expert view --------------------------------------------------------------------


def _yaml_page(
    request: HttpRequest, record: Record | None, text: str, base: int, *,
    problems: list[str] | None = None, conflict: services.VersionConflict | None = None,
    status: int = 200,
) -> HttpResponse:  # fmt: skip
    lines = sorted({int(n) for p in problems or [] for n in _LINE.findall(p)})
    context = {
        "record": record,
        "text": text,
        "base": base,
        "problems": problems or [],
        "error_lines": lines,
        "numbered": [(i + 1, line) for i, line in enumerate(text.splitlines())],
        "conflict": conflict,
    }  # fmt: skip
    return render(request, "pages/yaml.html", context, status=status)


def _save_yaml(request: HttpRequest, record: Record | None) -> HttpResponse:
    text = request.POST.get("text", "").replace("\r\n", "\n")
    base = _base(request)
    reason = request.POST.get("grund", "").strip()
    try:
        if record is None:
            record = services.create(text, user=request.user, reason=reason or "angelegt")
        else:
            record = services.save_version(
                record, text, base=base, user=request.user, reason=reason
            )
    except services.VersionConflict as exc:
        return _yaml_page(request, record, text, base, conflict=exc, status=409)
    except vereinbarung.VereinbarungError as exc:
        return _yaml_page(request, record, text, base, problems=_problems(exc), status=400)
    messages.success(request, f"Gespeichert als Version {record.version}.")
    return HttpResponseRedirect(reverse("vereinbarung", args=[record.pk]))


@role_required(BEARBEITEN)
@require_http_methods(["GET", "POST"])
def neu_yaml(request: HttpRequest) -> HttpResponse:
    """A new agreement written as YAML text (expert view)."""
    if request.method == "POST":
        return _save_yaml(request, None)
    return _yaml_page(request, None, _NEW_TEMPLATE, 0)


@role_required(BEARBEITEN)
@require_http_methods(["GET", "POST"])
def bearbeiten_yaml(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the agreement's file text (comments kept) with line-numbered errors."""
    record = get_object_or_404(Record, pk=pk)
    if request.method == "POST":
        return _save_yaml(request, record)
    return _yaml_page(request, record, record.text, record.version)


# -- the structured form -----------------------------------------------------------------------


def _form_page(
    request: HttpRequest, record: Record | None, form: structured.AgreementForm, *,
    conflict: services.VersionConflict | None = None, status: int = 200,
) -> HttpResponse:  # fmt: skip
    context = {
        "record": record,
        "form": form,
        "conflict": conflict,
        "notice_to": structured.NOTICE_TO_CHOICES,
        "term_labels": structured.TERM_LABELS,
        "register_labels": services.REGISTER_FIELDS,
        "cost_keys": structured.COST_KEYS,
        "party_names": [row["name"] for row in form.parties if row["name"]],
    }
    return render(request, "pages/formular.html", context, status=status)


def _save_form(request: HttpRequest, record: Record | None) -> HttpResponse:
    form = structured.AgreementForm.from_post(request.POST)
    if request.POST.get("aktion") in structured.ROW_ACTIONS:
        form.apply_row_action(request.POST["aktion"])
        return _form_page(request, record, form)
    base = _base(request)
    text = form.to_yaml(record.text if record else None)
    if form.errors:
        return _form_page(request, record, form, status=400)
    reason = request.POST.get("grund", "").strip()
    try:
        if record is None:
            saved = services.create(
                text, user=request.user, reason=reason or "angelegt (Formular)",
            )  # fmt: skip
        else:
            saved = services.save_version(
                record, text, base=base, user=request.user,
                reason=reason or "geändert (Formular)",
            )  # fmt: skip
    except services.VersionConflict as exc:
        return _form_page(request, record, form, conflict=exc, status=409)
    except vereinbarung.VereinbarungError as exc:
        form.add_library_errors(_problems(exc))
        return _form_page(request, record, form, status=400)
    messages.success(request, f"Gespeichert als Version {saved.version}.")
    return HttpResponseRedirect(reverse("vereinbarung", args=[saved.pk]))


@role_required(BEARBEITEN)
@require_http_methods(["GET", "POST"])
def neu(request: HttpRequest) -> HttpResponse:
    """A new agreement from the structured form."""
    if request.method == "POST":
        return _save_form(request, None)
    return _form_page(request, None, structured.AgreementForm.empty())


@role_required(BEARBEITEN)
@require_http_methods(["GET", "POST"])
def bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit title, parties, term clause and register fields in the structured form."""
    record = get_object_or_404(Record, pk=pk)
    if request.method == "POST":
        return _save_form(request, record)
    form = structured.AgreementForm.from_record(record, services.agreement_of(record))
    return _form_page(request, record, form)


# -- archive ---------------------------------------------------------------------------------


@role_required(BEARBEITEN)
@require_POST
def archivieren(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive or restore (a new version; nothing is deleted)."""
    record = get_object_or_404(Record, pk=pk)
    archived = request.POST.get("archiviert") == "1"
    try:
        services.set_archived(record, archived, base=_base(request), user=request.user)
    except services.VersionConflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Archiviert." if archived else "Wiederhergestellt.")
    return HttpResponseRedirect(reverse("vereinbarung", args=[pk]))


# -- events ----------------------------------------------------------------------------------

EVENT_TYPES = {
    "signed": "Unterschrift",
    "approval_requested": "Genehmigung beantragt",
    "approved": "Genehmigung erteilt",
    "approval_refused": "Genehmigung versagt",
    "published": "Bekanntmachung",
    "notice": "Kündigung (Zugang je Partei)",
    "extraordinary_notice": "Außerordentliche Kündigung",
    "joined": "Beitritt einer Partei",
    "amendment": "Änderung",
    "terminated_by_agreement": "Aufhebung",
}
NOTICE_FORMS = {
    "written": "schriftlich (unterschriebenes Original)",
    "qualified_electronic": "qualifizierte elektronische Signatur",
    "email": "einfache E-Mail",
}
#: Which fields each event type uses (form field → event key).
EVENT_FIELDS: dict[str, list[str]] = {
    "signed": ["party", "date", "place", "signer"],
    "approval_requested": ["date", "authority"],
    "approved": ["date"],
    "approval_refused": ["date", "reasons"],
    "published": ["date", "gazette"],
    "notice": ["by", "form", "received", "sent"],
    "extraordinary_notice": ["by", "form", "received", "reasons", "effective"],
    "joined": ["party", "date", "effective"],
    "amendment": ["date", "effective", "text"],
    "terminated_by_agreement": ["date", "effective", "published"],
}
FIELD_LABELS = {
    "date": "Datum",
    "sent": "abgesandt am",
    "effective": "gilt ab / wirksam zum",
    "published": "bekannt gemacht am",
    "place": "Ort",
    "signer": "unterzeichnet von",
    "authority": "Aufsichtsbehörde",
    "gazette": "Amtsblatt",
    "reasons": "Gründe",
    "text": "Inhalt der Änderung",
}
_DATES = {"date", "sent", "effective", "published"}


def _event_from_post(
    post: Any, agreement: vereinbarung.Agreement
) -> tuple[dict[str, Any], dict[str, str]]:
    kind = post.get("typ", "")
    errors: dict[str, str] = {}
    if kind not in EVENT_TYPES:
        return {}, {"typ": "Bitte die Art des Ereignisses wählen."}
    event: dict[str, Any] = {"type": kind}
    for key in EVENT_FIELDS[kind]:
        if key == "received":
            received = {}
            for party in agreement.parties:
                value = post.get(f"zugang-{agreement.parties.index(party)}", "").strip()
                if value:
                    try:
                        received[party.name] = vereinbarung.parse_date(value).isoformat()
                    except vereinbarung.VereinbarungError as exc:
                        errors[f"zugang-{agreement.parties.index(party)}"] = exc.message
            if received:
                event["received"] = received
            elif kind == "notice":
                errors["received"] = "Bitte den Zugang bei mindestens einer Partei eintragen."
            continue
        value = post.get(key, "").strip()[:5000]
        if not value:
            continue
        if key in _DATES:
            try:
                value = vereinbarung.parse_date(value).isoformat()
            except vereinbarung.VereinbarungError as exc:
                errors[key] = exc.message
                continue
        event[key] = value
    if kind in ("notice", "extraordinary_notice") and "form" not in event:
        errors["form"] = "Bitte die Form der Kündigung angeben."
    return event, errors


@role_required(BEARBEITEN)
@require_http_methods(["GET", "POST"])
def ereignis(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an event with the checks of ``vereinbarung record``; preview its effect first."""
    record = get_object_or_404(Record, pk=pk)
    agreement = services.agreement_of(record)
    today = clock.today()
    context: dict[str, Any] = {
        "record": record,
        "agreement": agreement,
        "parties": list(enumerate(agreement.parties)),
        "types": EVENT_TYPES,
        "forms": NOTICE_FORMS,
        "fields": EVENT_FIELDS,
        "field_labels": FIELD_LABELS,
        "values": request.POST if request.method == "POST" else {"typ": request.GET.get("typ", "")},
        "base": record.version,
        "errors": {},
        "effect": None,
        "problems": [],
    }  # fmt: skip
    status = 200
    if request.method == "POST" and request.POST.get("aktion") == "typ":
        context["base"] = _base(request)  # only the fields of the chosen type: no check yet
    elif request.method == "POST":
        context["base"] = _base(request)
        event, errors = _event_from_post(request.POST, agreement)
        context["errors"] = errors
        if not errors:
            try:
                outcome = services.record_event(record, event, today=today)
            except vereinbarung.VereinbarungError as exc:
                context["problems"] = [p.removeprefix("vereinbarung.yaml: ") for p in
                                       _problems(exc)]  # fmt: skip
                status = 400
            else:
                context["effect"] = outcome.effect
                if request.POST.get("aktion") == "speichern":
                    reason = f"Ereignis erfasst: {EVENT_TYPES[event['type']]}"
                    try:
                        services.save_version(
                            record, outcome.text, base=context["base"], user=request.user,
                            reason=reason,
                        )  # fmt: skip
                    except services.VersionConflict as exc:
                        context["conflict"] = exc
                        status = 409
                    else:
                        messages.success(
                            request, f"Ereignis eingetragen. Wirkung: {outcome.effect.text}"
                        )
                        return HttpResponseRedirect(reverse("vereinbarung", args=[pk]))
        else:
            status = 400
    template = "pages/_ereignis_vorschau.html" if request.headers.get("HX-Request") else None
    return render(request, template or "pages/ereignis.html", context, status=status)


# -- import ----------------------------------------------------------------------------------

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
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()
