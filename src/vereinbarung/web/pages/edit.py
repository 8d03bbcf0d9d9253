"""Pages that write an agreement's text: Neu, Bearbeiten (form and YAML), Archiv.

Every save goes through the library's validation and becomes a version; a form built on an
older version is refused (:class:`~vereinbarung.web.register.services.VersionConflict`) and
shows the other person's version and the user's side by side (:mod:`.compare`), with the
user's input still in the form. The form keeps the version it was built on: submitting it again
is refused again, unless the person presses »Meine Fassung speichern (Änderung … überschreiben)«
– accepted only while the agreement is still at the version shown (``gesehen``), and recorded in
the version's reason.
:func:`posted_base` serves the Ereignis page (:mod:`vereinbarung.web.pages.events`) too; the
library's findings are listed by :func:`vereinbarung.web.register.services.problems`.
"""

from __future__ import annotations

import hashlib
import re

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

import vereinbarung
from vereinbarung.web.accounts.roles import BEARBEITEN, role_required
from vereinbarung.web.pages import form_choices, form_preview, structured
from vereinbarung.web.pages.compare import side_by_side
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.rights import placing
from vereinbarung.web.rights.checks import record_or_404
from vereinbarung.web.rights.views import held

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


# -- shared by the pages that save a version -------------------------------------------------


def posted_base(request: HttpRequest) -> int:
    """The version the posted form was built on (``version``); 0 if it is missing or wrong."""
    return _posted_number(request, "version")


def _posted_number(request: HttpRequest, name: str) -> int:
    value = request.POST.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 9 else 0


def overwrites(request: HttpRequest) -> int | None:
    """The version whose changes the person chose to overwrite: the one shown beside their
    input (``gesehen``) when they pressed the overwrite button (``ueberschreiben``), else None."""
    seen = _posted_number(request, "gesehen")
    if request.POST.get("ueberschreiben") != "1" or seen <= posted_base(request):
        return None
    return seen


def _conflict_context(conflict: services.VersionConflict | None, mine: str) -> dict[str, object]:
    if conflict is None:
        return {"conflict": None, "compare": [], "seen": 0}
    return {
        "conflict": conflict,
        "compare": side_by_side(conflict.record.text, mine),
        "seen": conflict.record.version,
    }


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
        **_conflict_context(conflict, text),
    }  # fmt: skip
    return render(request, "pages/yaml.html", context, status=status)


def _save_yaml(request: HttpRequest, record: Record | None) -> HttpResponse:
    text = request.POST.get("text", "").replace("\r\n", "\n")
    base = posted_base(request)
    reason = request.POST.get("grund", "").strip()
    try:
        if record is None:
            record = services.create(text, user=request.user, reason=reason or "angelegt")
        else:
            record = services.save_version(
                record, text, base=base, user=request.user, reason=reason,
                overwrites=overwrites(request),
            )  # fmt: skip
    except services.AwaitingApproval as exc:
        return held(request, exc)
    except services.VersionConflict as exc:
        return _yaml_page(request, record, text, base, conflict=exc, status=409)
    except vereinbarung.VereinbarungError as exc:
        return _yaml_page(request, record, text, base, problems=services.problems(exc), status=400)
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
    record = record_or_404(request, pk, "edit")
    if request.method == "POST":
        return _save_yaml(request, record)
    return _yaml_page(request, record, record.text, record.version)


# -- the structured form -----------------------------------------------------------------------


def _form_page(
    request: HttpRequest, record: Record | None, form: structured.AgreementForm, *,
    conflict: services.VersionConflict | None = None, status: int = 200,
    shown: form_preview.Preview | None = None,
) -> HttpResponse:  # fmt: skip
    # a posted form keeps the version it was built on (after a refusal, a row action, an error)
    base = posted_base(request) if request.method == "POST" else (record.version if record else 0)
    mine = form.to_yaml(conflict.record.text) if conflict is not None else ""
    fachbereiche = placing.editable_fachbereiche(request.user)
    context = {
        "record": record,
        "form": form,
        "base": base,
        **_conflict_context(conflict, mine),
        "notice_to": form_choices.FORM_NOTICE_TO_CHOICES,
        "fixed_days": form_choices.FIXED_DAYS,
        "term_labels": form_choices.TERM_LABELS,
        "labels": form_choices.LABELS,
        "register_labels": services.REGISTER_FIELDS,
        "fachbereiche": fachbereiche,  # a choice for roles per Fachbereich; None: free text
        "fachbereiche_names": [name for name, _ in fachbereiche or []],
        "cost_keys": form_choices.COST_KEYS,
        "rest_keys": form_choices.REST_KEYS,
        "changes": form_choices.CHANGE_CHOICES,
        "regimes": form_choices.REGIME_CHOICES,
        "lands": form_choices.LAND_CHOICES,
        "local_holidays": form_choices.LOCAL_HOLIDAY_CHOICES,
        "policies": form_choices.ON_PARTY_NOTICE_CHOICES,
        "party_names": [row["name"] for row in form.parties if row["name"]],
        "preview": shown,
        "cost_rows": _party_rows(form, form_choices.PARTY_COST_FIELDS),
        "more_rows": _party_rows(form, form_choices.PARTY_MORE_FIELDS),
        "kinds": form_choices.KIND_CHOICES,
        "salutations": form_choices.SALUTATION_CHOICES,
        "signature_rows": _party_rows(form, tuple(form_choices.SIGNATURE_FIELDS)),
        "party_key": _party_key(form),
    }
    if request.headers.get("HX-Request") and request.POST.get("aktion") == "vorschau":
        # the per-party blocks follow a party added or renamed, without a reload
        context["oob"] = request.POST.get("parteien_angezeigt") != context["party_key"]
        return render(request, "pages/_formular_vorschau_antwort.html", context)
    return render(request, "pages/formular.html", context, status=status)


def _party_key(form: structured.AgreementForm) -> str:
    """What the per-party blocks were drawn for: a digest of the parties' names, in order."""
    names = "\x1f".join(str(row["name"]) for row in form.parties)
    return hashlib.sha256(names.encode("utf-8")).hexdigest()[:16]


def _party_rows(
    form: structured.AgreementForm, keys: tuple[str, ...]
) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Per party: its name and the fields *keys* (form field, visible label, value)."""
    return [
        (f"Partei {i + 1}: {row['name']}" if row["name"] else f"Partei {i + 1}",
         [(f"partei-{i}-{key}", form_choices.PARTY_LABELS[key], row.get(key, "")) for key in keys])
        for i, row in enumerate(form.parties)
    ]  # fmt: skip


def _save_form(request: HttpRequest, record: Record | None) -> HttpResponse:
    form = structured.AgreementForm.from_post(request.POST)
    if request.POST.get("aktion") in structured.ROW_ACTIONS:
        form.apply_row_action(request.POST["aktion"])
        return _form_page(request, record, form)
    if request.POST.get("aktion") == "vorschau":  # the clauses the form produces; nothing stored
        shown = form_preview.preview(form, record.text if record else None)
        return _form_page(request, record, form, shown=shown)
    base = posted_base(request)
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
                reason=reason or "geändert (Formular)", overwrites=overwrites(request),
            )  # fmt: skip
    except services.AwaitingApproval as exc:
        return held(request, exc)
    except services.VersionConflict as exc:
        return _form_page(request, record, form, conflict=exc, status=409)
    except vereinbarung.VereinbarungError as exc:
        form.add_library_errors(services.problems(exc))
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
    record = record_or_404(request, pk, "edit")
    if request.method == "POST":
        return _save_form(request, record)
    agreement = services.agreement_of(record)
    form = structured.AgreementForm.from_record(record, agreement)
    shown = form_preview.preview(
        structured.AgreementForm.from_record(record, agreement), record.text
    )
    return _form_page(request, record, form, shown=shown)


# -- archive ---------------------------------------------------------------------------------


@role_required(BEARBEITEN)
@require_POST
def archivieren(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive or restore (a new version; nothing is deleted)."""
    record = record_or_404(request, pk, "edit")
    archived = request.POST.get("archiviert") == "1"
    try:
        services.set_archived(record, archived, base=posted_base(request), user=request.user)
    except services.AwaitingApproval as exc:
        return held(request, exc)
    except services.VersionConflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Archiviert." if archived else "Wiederhergestellt.")
    return HttpResponseRedirect(reverse("vereinbarung", args=[pk]))
