"""The checklist of an unconfirmed agreement: each open point with the field that resolves it.

An imported agreement is ``unconfirmed`` (:func:`vereinbarung.state_on`) while a date of its
term clause is a placeholder (``term.placeholders``, or the importer's Inkrafttreten
01.01.1900) or a review point is open (``review``); no deadline is stated as a fact until then.
The agreement page lists these points (:func:`checklist`): a placeholder with an input for the
real value, a review point with a box to tick when it is done. :func:`pruefen` writes what was
entered into the text, removes the placeholder or the point (the text's comments kept by
ruamel's round trip, https://yaml.readthedocs.io/en/latest/detail/), checks the result with the
library and saves it as a new version; with the list empty the agreement is confirmed.

Bad input (an impossible date, a period the library does not read) is answered on the
agreement page with the error at the top and beside its field (``aria-invalid``,
``aria-describedby``; WCAG 2.1, 3.3.1), HTTP 400, nothing saved.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

import vereinbarung
from vereinbarung.web import clock
from vereinbarung.web.accounts.roles import BEARBEITEN, role_required
from vereinbarung.web.register import services
from vereinbarung.web.rights.checks import record_or_404
from vereinbarung.web.rights.views import held

__all__ = ["Point", "SignatureRow", "apply", "checklist", "pruefen", "signature_rows"]

#: The placeholder fields of ``term`` with their German label and whether they hold a date.
PLACEHOLDER_FIELDS: dict[str, tuple[str, bool]] = {
    "effective": ("Inkrafttreten", True),
    "ends": ("Laufzeitende", True),
    "duration": ("Laufzeit (z. B. 5 Jahre)", False),
    "notice": ("Kündigungsfrist (z. B. 6 Monate)", False),
    "earliest_end": ("Kündigung frühestens zum", True),
}
#: At most this many characters per value (a date, a period).
MAX_VALUE = 100


@dataclass(frozen=True)
class Point:
    """One open point: a placeholder of ``term`` (``field`` set) or a review point (``index``)."""

    text: str
    field: str = ""
    label: str = ""
    value: str = ""
    index: int = -1
    is_date: bool = False

    @property
    def input_id(self) -> str:
        """The id of the input that resolves it."""
        return f"id_pruef-{self.field}" if self.field else f"id_erledigt-{self.index}"


def _placeholders(agreement: vereinbarung.Agreement) -> list[str]:
    fields: list[str] = [n for n in agreement.term.placeholders if n in PLACEHOLDER_FIELDS]
    if agreement.term.effective == vereinbarung.PLACEHOLDER_DAY and "effective" not in fields:
        fields.insert(0, "effective")
    return fields


def checklist(agreement: vereinbarung.Agreement) -> list[Point]:
    """The open points of *agreement*, each with what resolves it (empty: confirmed)."""
    points: list[Point] = []
    for name in _placeholders(agreement):
        label, is_date = PLACEHOLDER_FIELDS[name]
        current = getattr(agreement.term, name, None)
        shown = ""
        if isinstance(current, dt.date) and current != vereinbarung.PLACEHOLDER_DAY:
            shown = vereinbarung.format_date(current)
        elif current is not None and not isinstance(current, dt.date):
            shown = str(current)
        short = label.split(" (")[0]
        text = (
            f"{short} ist noch ein Platzhalter"
            + (f" (vorläufig eingetragen: {shown})" if shown else "")
            + ": bitte den wirklichen Wert eintragen."
        )
        # the field starts empty: the placeholder confirmed by one click would be a guess
        points.append(Point(text, field=name, label=label, is_date=is_date))
    for index, item in enumerate(agreement.review):
        points.append(Point(_plain_point(item), index=index))
    return points


#: The importer's field paths at the start of a review point, in the words of the form.
_PATHS = {
    "term": "Laufzeit und Kündigung",
    "effective": "Inkrafttreten",
    "ends": "Laufzeitende",
    "duration": "Laufzeit",
    "renewal": "Verlängerung",
    "notice": "Kündigungsfrist",
    "notice_to": "Kündigungstermin",
    "earliest_end": "frühestens zum",
    "parties": "Parteien",
    "signatures": "Unterschriften",
    "costs": "Kosten",
    "sections": "Paragraphen",
    "title": "Titel",
    "regime": "Rechtsform",
    "lead": "Federführung",
    "on_party_notice": "Kündigung einer Partei",
}
_PATH = re.compile(r"^([a-z_]+(?: › [a-z_0-9]+)*): ")


def _plain_point(item: str) -> str:
    """A review point without the file's field path: »term › effective: …« → »Inkrafttreten: …«."""
    found = _PATH.match(item)
    if found is None:
        return item
    parts = [_PATHS.get(part) for part in found.group(1).split(" › ") if not part.isdigit()]
    label = next((part for part in reversed(parts) if part), None)
    rest = item[found.end() :]
    return f"{label}: {rest}" if label else rest


def _edit(text: str, change: Callable[[Any], None]) -> str:
    """*text* (YAML or JSON) with *change* applied to its data; YAML keeps its comments."""
    if text.lstrip().startswith("{"):
        data = json.loads(text)
        change(data)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    _, guessed, found = load_yaml_guess_indent(text)
    sequence, offset = guessed or 2, found or 0
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=max(2, sequence - offset), sequence=sequence, offset=offset)
    document = yaml.load(text)
    change(document)
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def apply(
    text: str, agreement: vereinbarung.Agreement, values: dict[str, str], done: set[int]
) -> tuple[str, dict[str, str]]:
    """*text* with the values entered for placeholders and the review points *done* removed;
    and the errors per field (German; then the text is unchanged)."""
    errors: dict[str, str] = {}
    entered: dict[str, Any] = {}
    for name in _placeholders(agreement):
        raw = values.get(name, "").strip()[:MAX_VALUE]
        if not raw:
            continue
        label, is_date = PLACEHOLDER_FIELDS[name]
        short = label.split(" (")[0]
        if is_date:
            try:
                day = vereinbarung.parse_date(raw)
            except vereinbarung.VereinbarungError as exc:
                errors[name] = f"{short}: {exc.message}"
                continue
            if day == vereinbarung.PLACEHOLDER_DAY:
                errors[name] = f"{short}: {raw} ist der Platzhalter, nicht der wirkliche Tag."
                continue
            entered[name] = day
        else:
            entered[name] = raw
    done = {i for i in done if 0 <= i < len(agreement.review)}
    if errors or (not entered and not done):
        return text, errors

    as_json = text.lstrip().startswith("{")

    def change(data: Any) -> None:
        term = data["term"]
        for name, value in entered.items():
            term[name] = value.isoformat() if as_json and isinstance(value, dt.date) else value
        left = [n for n in term.get("placeholders") or [] if n not in entered]
        if "placeholders" in term:
            if left:
                term["placeholders"] = left
            else:
                del term["placeholders"]
        if done:
            kept = [item for i, item in enumerate(data.get("review") or []) if i not in done]
            if kept:
                data["review"] = kept
            else:
                del data["review"]

    return _edit(text, change), {}


@role_required(BEARBEITEN)
@require_POST
def pruefen(request: HttpRequest, pk: int) -> HttpResponse:
    """Resolve open points of the checklist; save as a new version, or show what is wrong."""
    from vereinbarung.web.pages.views import detail_response

    record = record_or_404(request, pk, "edit")
    agreement = services.agreement_of(record)
    values = {name: request.POST.get(f"pruef-{name}", "") for name in PLACEHOLDER_FIELDS}
    done = set()
    for raw in request.POST.getlist("erledigt")[:1000]:
        if raw.isdigit():
            done.add(int(raw))
    try:
        base = int(request.POST.get("version", ""))
    except ValueError:
        base = -1
    text, errors = apply(record.text, agreement, values, done)
    problems: list[str] = []
    if not errors and text == record.text:
        problems.append("Nichts eingetragen und kein Punkt als erledigt angekreuzt.")
    if not errors and not problems:
        try:
            services.save_version(
                record, text, base=base, user=request.user, reason="Prüfpunkte erledigt"
            )
        except services.AwaitingApproval as exc:
            return held(request, exc)
        except services.VersionConflict:
            problems.append(
                "Inzwischen hat jemand anderes die Vereinbarung gespeichert; bitte die Seite "
                "neu laden und die Punkte erneut eintragen."
            )
        except vereinbarung.VereinbarungError as exc:
            problems += services.problems(exc)
        else:
            record.refresh_from_db()
            state = services.state_of(record, clock.today())
            if state.status == "unconfirmed":
                messages.warning(request, "Gespeichert; es sind noch Punkte offen.")
            else:
                messages.success(
                    request, f"Gespeichert: alle Punkte erledigt, Stand: {state.status_label}."
                )
            return HttpResponseRedirect(reverse("vereinbarung", args=[pk]) + "#pruefliste")
    return detail_response(
        request, record, status=400, extra={"pruef_errors": errors, "pruef_problems": problems,
                                            "pruef_values": values, "pruef_done": done},
    )  # fmt: skip


@dataclass(frozen=True)
class SignatureRow:
    """The signature read for one party, and why it should be checked (German, or '')."""

    party: str
    place: str
    date: str
    signer: str
    warning: str


def signature_rows(
    agreement: vereinbarung.Agreement, notes: tuple[str, ...] = ()
) -> list[SignatureRow]:
    """One row per party with the signature block recorded for it (empty where there are no
    blocks at all). A party without a block is flagged, and so is a block whose place does not
    occur in the party's name while the import could not place every block (*notes*: the
    importer's notes on ``signatures``, e.g. »Unterschriftenblock »Kaarst« keiner Partei
    zuzuordnen; nicht übernommen«): then a block may have been given to the wrong party by
    its position (:mod:`vereinbarung.importing.signatures`)."""
    if not agreement.signatures and not notes:
        return []
    blocks = {block.party: block for block in agreement.signatures}
    unsure = bool(notes) or len(blocks) < len(agreement.parties)
    rows: list[SignatureRow] = []
    for party in agreement.parties:
        block = blocks.get(party.name)
        if block is None:
            rows.append(SignatureRow(party.name, "", "", "", (
                "Keine Unterschrift gelesen – bitte im Original prüfen und eintragen."
            )))  # fmt: skip
            continue
        rep = party.representative
        signer = block.name or (rep.name if rep else "") or ""
        title = block.title or (rep.title if rep else "") or ""
        warning = ""
        if unsure and block.place.casefold() not in party.name.casefold():
            warning = (
                f"Zuordnung unsicher: der Ort »{block.place}« steht nicht im Namen der Partei – "
                "bitte prüfen, ob dieser Unterschriftenblock zu ihr gehört."
            )
        rows.append(SignatureRow(
            party.name, block.place,
            vereinbarung.format_date(block.date) if block.date else "",
            ", ".join(part for part in (signer, title) if part), warning,
        ))  # fmt: skip
    return rows
