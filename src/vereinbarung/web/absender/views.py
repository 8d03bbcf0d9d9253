"""``/absender/``: list, create, edit, delete, download and upload sender profiles.

Reading the list needs the role *Lesen* (everyone who downloads letters chooses a profile);
changing profiles needs *Bearbeiten*. A profile downloads as the YAML file the command line's
``render --absender`` reads, and such a file uploads as a new profile: the same format in both
places (:func:`vereinbarung.sender_yaml`, :func:`vereinbarung.sender_from_data`). An uploaded
file is bounded (:data:`UPLOAD_MAX` bytes) and read with the library's limits
(:func:`vereinbarung.read_data`: size, nesting, aliases); problems are German, naming the file
and the field, and nothing is stored.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import vereinbarung
from vereinbarung.web.absender.forms import LABELS, ProfileForm, register_parties
from vereinbarung.web.absender.models import NAME_MAX, SenderProfile
from vereinbarung.web.accounts.roles import BEARBEITEN, LESEN, role_required
from vereinbarung.web.operation.audit import log_change

#: Largest sender file accepted on upload (a profile has a dozen short lines).
UPLOAD_MAX = 64 * 1024
UPLOAD_TYPES = (".yaml", ".yml", ".absender", ".json")


@role_required(LESEN)
@require_GET
def liste(request: HttpRequest) -> HttpResponse:
    """Every sender profile with what a letter would still lack."""
    known = register_parties()
    rows = [(p, p.missing(known)) for p in SenderProfile.objects.all()]
    return render(request, "absender/liste.html", {"rows": rows})


def _form_page(
    request: HttpRequest, form: ProfileForm, profile: SenderProfile | None, status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        "profile": profile,
        "labels": LABELS,
        "name_max": NAME_MAX,
        "parties": register_parties(),
    }
    return render(request, "absender/formular.html", context, status=status)


def _save(request: HttpRequest, profile: SenderProfile | None) -> HttpResponse:
    form = ProfileForm.of_post(request.POST)
    data = form.validate(register_parties())
    if data is None:
        return _form_page(request, form, profile, status=400)
    target = profile or SenderProfile()
    target.name, target.data = form.values["bezeichnung"], data
    target.updated_by = request.user.get_username()
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError:
        form.errors["bezeichnung"] = (
            f"Einen Absender »{form.values['bezeichnung']}« gibt es schon; bitte eine andere "
            "Bezeichnung wählen."
        )
        return _form_page(request, form, profile, status=400)
    log_change(request.user.get_username(), "Absender gespeichert", absender=target.pk,
               name=target.name)  # fmt: skip
    messages.success(request, f"Absender »{target.name}« gespeichert.")
    return redirect("absender")


@role_required(BEARBEITEN)
@require_http_methods(["GET", "POST"])
def neu(request: HttpRequest) -> HttpResponse:
    """A new sender profile."""
    if request.method == "POST":
        return _save(request, None)
    return _form_page(request, ProfileForm.of_profile(None), None)


@role_required(BEARBEITEN)
@require_http_methods(["GET", "POST"])
def bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a sender profile."""
    profile = get_object_or_404(SenderProfile, pk=pk)
    if request.method == "POST":
        return _save(request, profile)
    return _form_page(request, ProfileForm.of_profile(profile), profile)


@role_required(BEARBEITEN)
@require_POST
def loeschen(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a sender profile (letters already downloaded keep their text)."""
    profile = get_object_or_404(SenderProfile, pk=pk)
    name = profile.name
    profile.delete()
    log_change(request.user.get_username(), "Absender gelöscht", absender=pk, name=name)
    messages.success(request, f"Absender »{name}« gelöscht.")
    return redirect("absender")


@role_required(LESEN)
@require_GET
def herunterladen(request: HttpRequest, pk: int) -> HttpResponse:
    """The profile as the YAML file of ``vereinbarung render … --absender DATEI``."""
    profile = get_object_or_404(SenderProfile, pk=pk)
    try:
        text = vereinbarung.sender_yaml(profile.sender())
    except vereinbarung.VereinbarungError as exc:
        return render(request, "pages/problem.html", {"message": exc.message}, status=400)
    stem = "".join(c if c.isalnum() else "-" for c in profile.name.lower()).strip("-")[:60]
    response = HttpResponse(text.encode("utf-8"), content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem or "absender"}.absender"'
    return response


def _read_upload(request: HttpRequest) -> tuple[vereinbarung.Sender | None, str]:
    """The uploaded sender file as a profile, or None and a German problem."""
    upload = request.FILES.get("datei")
    if upload is None:
        return None, "Bitte eine Absenderdatei auswählen."
    shown = Path(upload.name or "Datei").name[:100]
    suffix = Path(shown).suffix.lower()
    if suffix not in UPLOAD_TYPES:
        return None, (
            f"{shown}: Dateityp {suffix or '(ohne Endung)'} wird nicht gelesen; möglich: "
            f"{', '.join(UPLOAD_TYPES)}."
        )
    if upload.size is None or upload.size > UPLOAD_MAX:
        return None, f"{shown}: die Datei ist zu groß (höchstens {UPLOAD_MAX // 1024} KB)."
    with tempfile.TemporaryDirectory(prefix="vereinbarung-absender-") as folder:
        path = Path(folder) / ("upload.json" if suffix == ".json" else "upload.yaml")
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        try:
            sender = vereinbarung.sender_from_data(vereinbarung.read_data(path), source=shown)
        except vereinbarung.VereinbarungError as exc:
            return None, exc.message.replace(str(path), shown)
    return sender, ""


@role_required(BEARBEITEN)
@require_http_methods(["GET", "POST"])
def hochladen(request: HttpRequest) -> HttpResponse:
    """Upload a sender file (``--absender``) as a new profile; nothing is stored on a problem."""
    context: dict[str, object] = {"name_max": NAME_MAX, "types": ", ".join(UPLOAD_TYPES)}
    if request.method == "GET":
        return render(request, "absender/hochladen.html", context)
    name = str(request.POST.get("bezeichnung", "")).strip()
    context["bezeichnung"] = name[:NAME_MAX]
    problems: dict[str, str] = {}
    sender, problem = _read_upload(request)
    if problem:
        problems["datei"] = problem
    if not name:
        name = " – ".join(p for p in (sender.department, sender.party) if p) if sender else ""
    if not name and "datei" not in problems:
        problems["bezeichnung"] = "fehlt: die Datei nennt weder Dienststelle noch Partei."
    elif len(name) > NAME_MAX:
        problems["bezeichnung"] = f"höchstens {NAME_MAX} Zeichen (eingegeben: {len(name)})."
    elif name and SenderProfile.objects.filter(name=name).exists():
        problems["bezeichnung"] = f"einen Absender »{name}« gibt es schon."
    if problems or sender is None:
        context["problems"] = problems
        return render(request, "absender/hochladen.html", context, status=400)
    data = sender.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    created = SenderProfile.objects.create(
        name=name, data=data, updated_by=request.user.get_username()
    )
    log_change(request.user.get_username(), "Absender aus Datei übernommen", absender=created.pk,
               name=name)  # fmt: skip
    messages.success(request, f"Absender »{name}« aus der Datei übernommen.")
    return redirect("absender")
