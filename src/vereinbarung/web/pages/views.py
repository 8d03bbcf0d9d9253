"""The pages: Fristen, Vereinbarung, documents, versions, Fristenrechner.

Every date and status shown comes from :func:`vereinbarung.state_on` (through
:func:`~vereinbarung.web.register.services.state_of`); no view computes one itself. "Today" is
read once per request from :mod:`vereinbarung.web.clock`. The Fristen list and its rendered
table are kept per data version, day, filters and user (:mod:`vereinbarung.web.pages.listing`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_http_methods

import vereinbarung
from vereinbarung import find_office
from vereinbarung.web import clock
from vereinbarung.web.accounts.roles import LESEN, role_required
from vereinbarung.web.pages import calculator, history, letters, marks, review, steps
from vereinbarung.web.pages.listing import Listing, Row
from vereinbarung.web.pages.structured import NOTICE_TO_CHOICES
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.register.models import Version
from vereinbarung.web.rights.checks import allowed, record_or_404

#: Rows per page of the Fristen page; the rest comes with »weitere laden« (htmx) or ?seite=2.
PAGE_SIZE = 100


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("seite", "1")), 10_000))
    except ValueError:
        return 1


@role_required(LESEN)
@require_GET
def fristen(request: HttpRequest) -> HttpResponse:
    """Start page: every agreement, the most urgent deadline first, with filters.

    Sorted over all matching agreements, shown 100 at a time: »weitere laden« appends the next
    100 rows (htmx), without JavaScript the same link opens the next page. CSV and
    Fristenübersicht always cover every matching agreement.
    """
    listing = Listing.of(request)
    page = _page_number(request)
    params = request.GET.copy()
    for key in ("seite", "teil"):
        params.pop(key, None)
    query = params.urlencode()
    htmx = bool(request.headers.get("HX-Request"))
    part = "zeilen" if htmx and request.GET.get("teil") == "zeilen" else "tabelle"

    def render_part() -> str:
        rows = listing.rows()
        pages = max(1, -(-len(rows) // PAGE_SIZE))
        shown_page = min(page, pages)
        shown = rows[(shown_page - 1) * PAGE_SIZE : shown_page * PAGE_SIZE]
        context = {
            "rows": shown,
            "count": len(rows),
            "page": shown_page,
            "pages": pages,
            "first": (shown_page - 1) * PAGE_SIZE + 1,
            "last": (shown_page - 1) * PAGE_SIZE + len(shown),
            "query": query,
        }
        return render_to_string(f"pages/_fristen_{part}.html", context)

    html = listing.html(part, query, page, render_part)
    if htmx:
        return HttpResponse(html)
    context = {
        "tabelle": html,
        "filters": listing.filters,
        "today": listing.day,
        "status_choices": STATUS_CHOICES,
        "departments": listing.departments(),
    }
    return render(request, "pages/fristen.html", context)


STATUS_CHOICES = sorted(vereinbarung.STATUS_LABELS.items(), key=lambda kv: kv[1])

CSV_COLUMNS = [
    "Zugang bis", "Praktisch bis", "Tage", "Ende zum", "Laufzeit bis", "Status", "Kurzname",
    "Titel", "Aktenzeichen", "Fachbereich", "Federführung", "Offene Prüfpunkte",
]  # fmt: skip


@role_required(LESEN)
@require_GET
def fristen_csv(request: HttpRequest) -> HttpResponse:
    """The Fristen page as CSV for Excel (semicolons, UTF-8 with BOM, German dates)."""
    listing = Listing.of(request)
    rows = listing.rows()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(CSV_COLUMNS)
    date = vereinbarung.format_date
    for row in rows:
        s = row.state
        writer.writerow([vereinbarung.csv_cell(cell) for cell in (
            date(s.notice_deadline) if s.notice_deadline else "",
            date(s.practical_deadline) if s.practical_deadline else "",
            "" if s.days_left is None else s.days_left,
            date(s.terminates_on) if s.terminates_on else "",
            "unbefristet" if s.indefinite else date(s.current_term_end) if s.current_term_end else "",
            s.status_label, row.record.short_name, row.record.title, row.record.reference,
            row.record.department, row.record.lead, len(s.open_points),
        )])  # fmt: skip
    response = HttpResponse(
        ("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="fristen-{listing.day.isoformat()}.csv"'
    )
    return response


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@role_required(LESEN)
@require_GET
def fristenuebersicht(request: HttpRequest) -> HttpResponse:
    """The Fristenübersicht (.docx) of the agreements shown on the Fristen page."""
    listing = Listing.of(request)
    rows = listing.rows()
    if not rows:
        return _problem(request, "Keine Vereinbarungen ausgewählt: die Übersicht wäre leer.")
    day = listing.day
    with tempfile.TemporaryDirectory(prefix="vereinbarung-web-") as folder:
        services.export_files(Path(folder) / "Register", _with_texts(rows))
        document = vereinbarung.render_overview(
            [Path(folder) / "Register"], on=day, now=clock.now().astimezone(dt.UTC)
        )
    return _download(document.content, f"fristenuebersicht-{day.isoformat()}.docx", DOCX)


def _with_texts(rows: Sequence[Row]) -> list[Record]:
    """The records of *rows* with their texts, in the same order (a query per 500 rows)."""
    pks = [row.record.pk for row in rows]
    found: dict[int, Record] = {}
    for start in range(0, len(pks), 500):
        found.update(Record.objects.in_bulk(pks[start : start + 500]))
    return [found[pk] for pk in pks if pk in found]


def _download(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _problem(request: HttpRequest, message: str, status: int = 400) -> HttpResponse:
    return render(request, "pages/problem.html", {"message": message}, status=status)


def documents_of(agreement: vereinbarung.Agreement) -> list[dict[str, Any]]:
    """The documents offered for an agreement: label, query, and letters per recipient.

    Agreement and Steckbrief; per party its Kündigung (all recipients in one document, and the
    letter to each recipient on its own, as ``render --an`` / ``--einzeln``) with its Vermerk;
    the Umlageberechnung to each paying party where the agreement has costs.
    """
    from urllib.parse import urlencode

    found: list[dict[str, Any]] = [
        {"label": "Vereinbarung", "query": urlencode({"vorlage": "kooperationsvereinbarung"})},
        {
            "label": "Steckbrief (Interkommunales.NRW)",
            "query": urlencode({"vorlage": "steckbrief"}),
        },
    ]
    names = [party.name for party in agreement.parties]
    for by in names:
        found.append({
            # without a sender profile the letters are marked drafts (issue 23); »letter«: the
            # page offers the choice of a profile (:mod:`.letters`)
            "label": f"Kündigung durch {by} (alle Schreiben in einem Dokument) – ENTWURF",
            "letter": True,
            "query": urlencode({"vorlage": "kuendigung", "von": by}),
            "letters": [
                {"label": f"an {to}",
                 "query": urlencode({"vorlage": "kuendigung", "von": by, "an": to})}
                for to in names if to != by
            ],
        })  # fmt: skip
        found.append({
            "label": f"Vermerk zur Kündigung durch {by}", "letter": True,
            "query": urlencode({"vorlage": "kuendigungsvermerk", "von": by}),
        })  # fmt: skip
    if agreement.costs is not None:
        exempt = set(agreement.costs.exempt)
        for by in names:
            if by in exempt or by == agreement.costs.payee:
                continue
            found.append({
                "label": f"Umlageberechnung an {by} ({clock.today().year})", "letter": True,
                "query": urlencode({"vorlage": "umlage", "von": by}),
            })  # fmt: skip
    return found


@role_required(LESEN)
@require_http_methods(["GET", "POST"])
def vereinbarung_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One agreement: parties, today's state with derivation, timeline, documents, versions.

    POST sets or removes the user's own mark for reminders (:mod:`.marks`).
    """
    record = record_or_404(request, pk)
    if request.method == "POST":
        return marks.post(request, record)
    return detail_response(request, record)


def detail_response(
    request: HttpRequest, record: Record, *, status: int = 200, extra: dict[str, Any] | None = None
) -> HttpResponse:
    """The agreement page of *record*; *extra*: more context (the checklist's errors)."""
    day = clock.today()
    agreement = services.agreement_of(record)
    state = services.state_of(record, day)
    upcoming = vereinbarung.upcoming_states(agreement, day, count=3)
    versions = list(Version.objects.filter(agreement=record).order_by("-number")[:50])
    checklist = review.checklist(agreement) if state.status == "unconfirmed" else []
    context = {
        "record": record,
        "kann_bearbeiten": allowed(request.user, "edit", record),  # in its Fachbereich
        "agreement": agreement,
        "state": state,
        "today": day,
        "upcoming": upcoming,
        "documents": documents_of(agreement),
        "office": find_office() is not None,
        "versions": versions,
        "changes": _changes(record, versions),
        "steps": steps.next_steps(record, state, day),
        "checklist": checklist,
        # the open points are the checklist's: not repeated among the notes
        "warnings": [w for w in state.warnings if not (checklist and w.startswith("Unbestätigt "))],
        "import_signatures": (
            review.signature_rows(agreement) if state.status == "unconfirmed" else []
        ),
        **marks.mark_context(request.user, record),
        **(extra or {}),
    }
    return render(request, "pages/vereinbarung.html", context, status=status)


#: Versions whose changes the agreement page lists (each costs reading two texts once, ~20 ms;
#: the lines are cached); older ones have them on their own page.
HISTORY_ON_PAGE = 10


def _changes(record: Record, versions: list[Version]) -> dict[int, list[str]]:
    """The German lines of the newest versions shown (newest first in *versions*)."""
    versions = versions[:HISTORY_ON_PAGE]
    if not versions:
        return {}
    oldest = versions[-1].number
    before = Version.objects.filter(agreement=record, number=oldest - 1).first()
    texts = [(v.number, v.text) for v in reversed(versions)]
    return history.history(texts, before.text if before else None)


TEMPLATES = {"kooperationsvereinbarung", "kuendigung", "kuendigungsvermerk", "steckbrief", "umlage"}


@role_required(LESEN)
@require_GET
def dokument(request: HttpRequest, pk: int) -> HttpResponse:
    """A document of the agreement as .docx (or PDF): the library renders it as on today."""
    record = record_or_404(request, pk)
    template = request.GET.get("vorlage", "kooperationsvereinbarung")
    if template not in TEMPLATES:
        raise Http404("Diese Vorlage gibt es nicht.")
    agreement = services.agreement_of(record)
    names = {party.name for party in agreement.parties}
    by = request.GET.get("von") or None
    to = request.GET.get("an") or None
    if (by is not None and by not in names) or (to is not None and to not in names):
        return _problem(request, "Diese Partei gehört nicht zur Vereinbarung.")
    if template in letters.LETTERS and request.GET.get("absender"):
        return letters.download(request, record, template, by, to)  # with a sender profile
    day = clock.today()
    try:
        document = vereinbarung.render_agreement(
            agreement, on=day, template=template, by=by, recipient=to,
            now=clock.now().astimezone(dt.UTC), draft=template == "kuendigung",
        )  # fmt: skip
        return letters.document_download(request, record, template, (by, to), document.content)
    except vereinbarung.VereinbarungError as exc:
        return _problem(request, f"Das Dokument lässt sich nicht erstellen: {exc.message}")


@role_required(LESEN)
@require_GET
def version_diff(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """A version of the text and what changed against the one before."""
    record = record_or_404(request, pk)
    version = get_object_or_404(Version, agreement=record, number=number)
    before = Version.objects.filter(agreement=record, number=number - 1).first()
    context = {
        "record": record,
        "version": version,
        "diff": services.diff_lines(before.text if before else "", version.text),
        "changes": history.version_changes(before.text if before else None, version.text),
    }
    return render(request, "pages/version.html", context)


@require_GET
def fristenrechner(request: HttpRequest) -> HttpResponse:
    """Fristenrechner: no login, stores nothing; the result has a shareable address (GET)."""
    answer = calculator.calculate({k: str(v) for k, v in request.GET.items()}, clock.today())
    context: dict[str, Any] = {
        "answer": answer,
        "labels": calculator.LABELS,
        "notice_to": NOTICE_TO_CHOICES,
        "today": clock.today(),
    }
    return render(request, "pages/fristenrechner.html", context, status=answer.status)


def error_404(request: HttpRequest, exception: Exception) -> HttpResponse:  # noqa: ARG001
    return render(request, "pages/fehler.html", {"title": "Nicht gefunden", "message":
        "Diese Seite gibt es nicht (mehr)."}, status=404)  # fmt: skip


def error_403(request: HttpRequest, exception: Exception) -> HttpResponse:
    message = str(exception) if str(exception).startswith("Dafür") else "Kein Zugriff."
    return render(request, "pages/fehler.html", {"title": "Kein Zugriff", "message": message},
                  status=403)  # fmt: skip


def error_400(request: HttpRequest, exception: Exception) -> HttpResponse:  # noqa: ARG001
    return render(request, "pages/fehler.html", {"title": "Ungültige Anfrage", "message":
        "Die Anfrage war ungültig."}, status=400)  # fmt: skip


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:  # noqa: ARG001
    return render(request, "pages/fehler.html", {"title": "Sitzung abgelaufen", "message":
        "Das Formular ist abgelaufen (CSRF-Prüfung). Bitte die Seite neu laden und erneut "
        "absenden."}, status=403)  # fmt: skip
