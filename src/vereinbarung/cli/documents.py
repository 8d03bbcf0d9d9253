"""Commands for documents: ``render``, ``templates`` and ``template-check``.

Rendering imports docxtpl, python-docx and Jinja; this module imports none of them at load
time, so that the other commands start as fast as before.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from vereinbarung.cli.common import (
    CONTEXT,
    DATE,
    EXIT_BAD_INPUT,
    EXIT_WARNINGS,
    OPTIONS_METAVAR,
    land_option,
    now_utc,
    on_option,
    today_in_berlin,
)
from vereinbarung.errors import VereinbarungError

#: The values of ``--zustellung`` (the keys of ``documents.views.letter.DELIVERIES``; kept here
#: so that ``--help`` does not load the document code).
DELIVERY_CHOICES = ("bote", "einschreiben", "einschreiben-einwurf", "einschreiben-rueckschein")

if TYPE_CHECKING:
    from vereinbarung.documents.check import ContextKind
    from vereinbarung.documents.render import RenderedDocument

__all__ = ["register"]


def _slug(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-") or "dokument"


def _default_output(
    source: Path, template: str, by: str | None, pdf: bool, year: int | None = None
) -> Path:
    stem = source.resolve().name if source.is_dir() else source.stem
    parts = [_slug(stem), _slug(Path(template).stem)]
    if year is not None:
        parts.append(str(year))
    if by:
        parts.append(_slug(by))
    return Path("-".join(parts) + (".pdf" if pdf else ".docx"))


T = TypeVar("T")


def _directly(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    return function(*args, **kwargs)


@click.command("render", context_settings=CONTEXT, options_metavar=OPTIONS_METAVAR)
@click.argument("source", metavar="VEREINBARUNG|ORDNER")
@click.option(
    "-t", "--template", "template", default=None, metavar="NAME|PFAD",
    help="Vorlage: kooperationsvereinbarung (Standard für eine Datei), kuendigung, umlage, "
    "steckbrief, fristenuebersicht (Standard für einen Ordner) oder eine eigene .docx-Datei.",
)  # fmt: skip
@click.option(
    "-o", "--output", "output", default=None, metavar="AUSGABE",
    help="Zieldatei (.docx, mit --pdf .pdf); Standard: aus Datei- und Vorlagenname im "
    "aktuellen Ordner.",
)  # fmt: skip
@on_option()
@click.option(
    "--by", "by", default=None, metavar="PARTEI",
    help="Kündigende Partei (Vorlage kuendigung) oder zahlende Partei (Vorlage umlage).",
)  # fmt: skip
@click.option(
    "--year", "year", type=click.IntRange(1900, 2200), default=None, metavar="JAHR",
    help="Haushaltsjahr der Umlage (Vorlage umlage, Umlagetabelle der Vereinbarung); "
    "Standard: das Jahr von --on.",
)  # fmt: skip
@click.option(
    "--absender", "absender", default=None, metavar="DATEI",
    help="Absenderangaben eines Schreibens (YAML/JSON): Aktenzeichen, Ansprechpartner, Telefon, "
    "E-Mail, Unterzeichnende (Vorlagen kuendigung, kuendigungsvermerk).",
)  # fmt: skip
@click.option(
    "--an", "an", default=None, metavar="PARTEI",
    help="Nur das Kündigungsschreiben an diese Partei erzeugen.",
)  # fmt: skip
@click.option(
    "--einzeln", is_flag=True,
    help="Kündigung: je Empfänger eine eigene Datei (Name mit -an-PARTEI) statt aller Briefe "
    "in einer Datei.",
)  # fmt: skip
@click.option(
    "--ursprungsfassung", is_flag=True,
    help="Vereinbarung: die ursprüngliche Fassung ohne die Änderungen statt der Lesefassung.",
)  # fmt: skip
@click.option(
    "--entwurf", is_flag=True,
    help="Kündigung ohne vollständige Absenderangaben als »ENTWURF« gekennzeichnet erzeugen "
    "(sonst wird sie abgelehnt).",
)  # fmt: skip
@click.option(
    "--auch-unvollstaendig", "incomplete", is_flag=True,
    help="Steckbrief auch erzeugen, wenn die meisten Angaben fehlen.",
)  # fmt: skip
@click.option(
    "--zustellung", "delivery", type=click.Choice(DELIVERY_CHOICES), default=None,
    help="Schreiben: Vermerk im Anschriftfeld, z. B. bote (»Per Boten«) oder "
    "einschreiben-rueckschein (»Einschreiben mit Rückschein«).",
)  # fmt: skip
@click.option(
    "--empfangsbekenntnis", "acknowledgement", is_flag=True,
    help="Kündigung: ein Empfangsbekenntnis zum Zurücksenden beifügen.",
)  # fmt: skip
@click.option(
    "--ratsbeschluss", "council", type=DATE, default=None, metavar="DATUM",
    help="Schreiben: Datum des Rats- bzw. Kreistagsbeschlusses, auf dem es beruht.",
)  # fmt: skip
@click.option("--pdf", is_flag=True, help="PDF/A-2b erzeugen (braucht LibreOffice).")
@click.option("--force", is_flag=True, help="Eine vorhandene Zieldatei überschreiben.")
@land_option(
    "Feiertage dieses Bundeslandes für die Fristenübersicht (Standard: das jeder Vereinbarung)."
)
def render(
    source: str,
    template: str | None,
    output: str | None,
    on: dt.date | None,
    by: str | None,
    year: int | None,
    absender: str | None,
    an: str | None,
    einzeln: bool,
    ursprungsfassung: bool,
    entwurf: bool,
    incomplete: bool,
    delivery: str | None,
    acknowledgement: bool,
    council: dt.date | None,
    pdf: bool,
    force: bool,
    land: str | None,
) -> int:
    """Ein Word-Dokument aus einer Vorlage erzeugen: Vereinbarung, Kündigung,
    Umlageberechnung, Steckbrief, Fristenübersicht.

    VEREINBARUNG ist eine Vereinbarungsdatei; für die Fristenübersicht ein ORDNER (darin alle
    *.yaml, *.yml, *.json). Die Umlageberechnung (-t umlage --by PARTEI [--year JAHR]) ist
    ein Schreiben des Zahlungsempfängers an die zahlende Partei über ihren Anteil. Fehlt ein
    Wert, den die Vorlage braucht, oder ist die Vorlage fehlerhaft, wird nichts geschrieben
    (Rückgabewert 2). Eine vorhandene Datei wird nur mit --force überschrieben. In der Fristenübersicht werden fehlerhafte Dateien aufgeführt und
    gemeldet (Rückgabewert 2).
    """
    from vereinbarung.documents.builtin import resolve_template
    from vereinbarung.documents.isolation import run_limited
    from vereinbarung.documents.pdf import convert_to_pdf, require_office
    from vereinbarung.documents.render import render_agreement, render_overview
    from vereinbarung.documents.views.common import load_sender
    from vereinbarung.documents.views.letter import LetterOptions
    from vereinbarung.files.io import load_agreement, write_atomic

    path = Path(source)
    folder = path.is_dir()
    name = template or ("fristenuebersicht" if folder else "kooperationsvereinbarung")
    # a template of the user's own runs in a child process with a time and a memory limit
    isolated = run_limited if resolve_template(name)[1] is None else _directly
    day = on or today_in_berlin()
    options = LetterOptions(
        delivery=delivery, acknowledgement=acknowledgement, council_decision=council
    )
    letter_year = (year or day.year) if Path(name).stem == "umlage" else None
    target = Path(output) if output else _default_output(path, name, by, pdf, letter_year)
    if target.suffix.lower() == ".pdf":
        pdf = True
    elif pdf and output:
        raise VereinbarungError(f"{target}: mit --pdf muss die Zieldatei auf .pdf enden.")
    elif target.suffix.lower() != ".docx":
        raise VereinbarungError(f"{target}: die Zieldatei muss auf .docx (oder .pdf) enden.")
    if target.exists() and not force:
        raise VereinbarungError(
            f"{target}: die Datei gibt es schon; zum Überschreiben --force angeben."
        )
    office = require_office() if pdf else None  # before any work: nothing half-written
    if folder:
        if by is not None:
            raise VereinbarungError(
                "--by gilt für ein Kündigungsschreiben oder eine Umlageberechnung, nicht für "
                "einen Ordner."
            )
        if year is not None:
            raise VereinbarungError(
                "--year gilt für die Umlage einer Vereinbarung, nicht für einen Ordner."
            )
        document = isolated(
            render_overview, [path], on=day, template=name, land=land, now=now_utc()
        )
    else:
        agreement = load_agreement(path)
        sender = load_sender(absender) if absender else None
        recipients: list[str | None] = [an]
        if einzeln:
            if an is not None:
                raise VereinbarungError("--einzeln und --an schließen sich aus.")
            recipients = [
                p.name for p in agreement.parties if p.name.casefold() != (by or "").casefold()
            ]
        documents = []
        for recipient in recipients:
            try:
                documents.append((recipient, isolated(
                    render_agreement, agreement, on=day, template=name, by=by, year=year,
                    source=str(path), now=now_utc(), sender_profile=sender, recipient=recipient,
                    original=ursprungsfassung, draft=entwurf, incomplete=incomplete,
                    letter_options=options,
                )))  # fmt: skip
            except VereinbarungError as exc:
                if einzeln and "erhält keine Kündigung" in exc.message:
                    continue  # a party that has left: no letter
                raise
        if einzeln:
            return _write_each(documents, target, office=office, force=force, day=day)
        document = documents[0][1]
    content = convert_to_pdf(document.content, office=office) if pdf else document.content
    write_atomic(target, content, force=force)
    for warning in document.warnings:
        click.echo(f"Hinweis: {warning}", err=True)
    click.echo(f"Geschrieben: {target} (Vorlage {document.template}, Stand {day:%d.%m.%Y})")
    if folder and document.warnings:
        return EXIT_BAD_INPUT
    return 0


def _write_each(
    documents: list[tuple[str | None, RenderedDocument]],
    target: Path,
    *,
    office: str | None,
    force: bool,
    day: dt.date,
) -> int:
    """Write one file per recipient (``--einzeln``): all or none."""
    from vereinbarung.documents.pdf import convert_to_pdf
    from vereinbarung.files.io import write_atomic

    targets = [
        target.with_name(f"{target.stem}-an-{_slug(r or '')}{target.suffix}") for r, _ in documents
    ]
    existing = [t for t in targets if t.exists() and not force]
    if existing:
        raise VereinbarungError(
            f"{existing[0]}: die Datei gibt es schon; zum Überschreiben --force angeben."
        )
    contents = [
        convert_to_pdf(d.content, office=office) if office else d.content for _, d in documents
    ]
    for file, content in zip(targets, contents, strict=True):
        write_atomic(file, content, force=force)
    for warning in dict.fromkeys(w for _, d in documents for w in d.warnings):
        click.echo(f"Hinweis: {warning}", err=True)
    for file in targets:
        click.echo(f"Geschrieben: {file} (Stand {day:%d.%m.%Y})")
    return 0


def _wrap(label: str, text: str) -> list[str]:
    return textwrap.wrap(
        text, width=98, initial_indent=f"  {label}", subsequent_indent=" " * (len(label) + 2)
    )


@click.command("templates", context_settings=CONTEXT, options_metavar=OPTIONS_METAVAR)
def templates() -> int:
    """Die eingebauten Vorlagen auflisten, mit den Variablen, die jede verwendet."""
    from vereinbarung.documents.builtin import BUILTIN_TEMPLATES, templates_dir
    from vereinbarung.documents.check import builtin_reports
    from vereinbarung.documents.filters import FILTERS

    reports = builtin_reports()
    lines = [f"Eingebaute Vorlagen (in {templates_dir()}):", ""]
    for name, builtin in BUILTIN_TEMPLATES.items():
        report = reports[name]
        needs = "ein Ordner" if builtin.input == "folder" else "eine Vereinbarungsdatei"
        if builtin.needs_sender:
            needs += " und --by PARTEI"
        if builtin.needs_payer:
            needs += (
                " mit Umlage (costs › key) und --by PARTEI (die zahlende Partei); --year JAHR, "
                "Standard: das Jahr von --on"
            )
        elif builtin.shows_umlage:
            needs += "; bei einer Umlage --year JAHR (Standard: das Jahr von --on)"
        lines.append(f"{name} – {builtin.title}")
        lines.extend(_wrap("", builtin.description))
        lines.extend(_wrap("Eingabe: ", needs))
        lines.extend(_wrap("Variablen: ", ", ".join(report.variables)))
        lines.append("")
    lines.extend(_wrap("Filter für eigene Vorlagen: ", ", ".join(FILTERS)))
    lines.append("  Beispiele: {{ on|date }} → 21.11.2026, {{ on|long_date }} → 21. November 2026,")
    lines.append(
        "  {{ agreement.term.notice|period_words }} → sechs Monaten, {{ 1234.5|amount }} → 1.234,50 €,"
    )
    lines.append("  {{ party|with_article('dative') }} → der Stadt Dormagen")
    lines.append("Eigene Vorlage prüfen: vereinbarung template-check VORLAGE.docx")
    click.echo("\n".join(lines))
    return 0


@click.command("template-check", context_settings=CONTEXT, options_metavar=OPTIONS_METAVAR)
@click.argument("paths", nargs=-1, required=True, metavar="VORLAGE…")
@click.option(
    "--context", "context", type=click.Choice(["agreement", "folder"]), default=None,
    help="Wogegen die Variablen geprüft werden: agreement (Vereinbarungsdatei) oder folder "
    "(Fristenübersicht); Standard: aus den Variablen erkannt.",
)  # fmt: skip
@click.option("--strict", is_flag=True, help="Warnungen wie Fehler behandeln (Rückgabewert 1).")
def template_check(paths: tuple[str, ...], context: str | None, strict: bool) -> int:
    """Word-Vorlagen prüfen: Jinja-Syntax, unbekannte Variablen, typografische
    Anführungszeichen in Tags, zerrissene Tags.

    Jede Meldung nennt die Stelle (Absatz oder Tabellenzelle) und ihren Text. Rückgabewert 2
    bei Fehlern, mit --strict 1 bei Warnungen, sonst 0.
    """
    from vereinbarung.documents.check import check_template

    kind: ContextKind | None = None
    if context == "folder":
        kind = "overview"
    elif context == "agreement":
        kind = "agreement"
    failed = warned = 0
    for path in paths:
        try:
            report = check_template(path, context=kind)
        except VereinbarungError as exc:
            failed += 1
            click.echo(f"Fehler: {exc.message}", err=True)
            continue
        for finding in report.findings:
            click.echo(f"{path}: {finding}")
        errors = len(report.errors)
        warnings = len(report.findings) - errors
        against = f"geprüft gegen den Kontext {report.context_label}"
        if report.findings:
            click.echo(f"{path}: {errors} Fehler, {warnings} Warnung(en) ({against}).")
        else:
            click.echo(f"{path}: in Ordnung ({against}; {len(report.variables)} Variablen).")
        failed += bool(errors)
        warned += bool(warnings)
    if failed:
        return EXIT_BAD_INPUT
    return EXIT_WARNINGS if strict and warned else 0


def register(group: click.Group) -> None:
    """Add the document commands to the ``vereinbarung`` command group."""
    for command in (render, templates, template_check):
        group.add_command(command)
