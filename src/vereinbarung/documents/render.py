"""Documents from Word templates: the agreement, the Kündigung, the Umlageberechnung, the
profile, the overview.

A template is a .docx with Jinja tags (docxtpl). The built-in ones live in ``templates/`` and
ship inside the package (:data:`BUILTIN_TEMPLATES`); any other .docx may be given by path.
Rendering is strict (:mod:`vereinbarung.documents.environment`): a missing value, a reach for Python
internals or an invalid result is a German :class:`DocumentTemplateError` naming the template
and the paragraph, and nothing is written. The document properties are set: title, subject,
author (the lead party, else the first; for a Kündigung the sender, for an Umlageberechnung the
payee), the generator and version in the comments, "zuletzt geändert von" and the application
name.

``--by PARTEI`` names the sender of a Kündigung, or the paying party of an Umlageberechnung
(template ``umlage``, for the budget year ``year``; a user template that uses
``umlage_letter`` is such a letter too).

docxtpl and python-docx are imported on first use: ``vereinbarung deadlines`` does not pay for
them.

>>> sorted(BUILTIN_TEMPLATES)
['fristenuebersicht', 'kooperationsvereinbarung', 'kuendigung', 'kuendigungsvermerk', 'steckbrief', 'umlage']
>>> import datetime as dt
>>> from vereinbarung.files.io import load_agreement
>>> doc = render_agreement(load_agreement("examples/interkommunaler-bauhof.yaml"),
...                        on=dt.date(2026, 11, 21))                          # doctest: +SKIP
>>> doc.content[:2], doc.warnings                                              # doctest: +SKIP
(b'PK', ())
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import io
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from jinja2 import TemplateError

from vereinbarung.documents.context import (
    GENERATOR,
    AgreementContext,
    LetterKind,
    OverviewContext,
    agreement_context,
    as_template_dict,
    overview_context,
)
from vereinbarung.documents.environment import missing_value, template_environment
from vereinbarung.documents.errors import (
    DocumentTemplateError,
    Place,
    german_template_error,
    paragraph_places,
)
from vereinbarung.documents.opening import open_template
from vereinbarung.documents.views.overview import shown_path
from vereinbarung.documents.views.steckbrief import ProfileView
from vereinbarung.errors import VereinbarungError
from vereinbarung.model.agreement import Agreement
from vereinbarung.model.sender import Sender

__all__ = [
    "BUILTIN_TEMPLATES",
    "PDF_A_FILTER",
    "BuiltinTemplate",
    "RenderedDocument",
    "clear_template_cache",
    "convert_to_pdf",
    "find_office",
    "pdfa_part",
    "render_agreement",
    "render_context",
    "render_overview",
    "require_office",
    "resolve_template",
    "templates_dir",
]

InputKind = Literal["agreement", "folder"]


@dataclass(frozen=True, slots=True)
class BuiltinTemplate:
    """A template that ships with the package."""

    name: str
    title: str
    description: str
    input: InputKind
    needs_sender: bool = False
    """``--by`` is the party giving notice (Kündigung)."""
    needs_payer: bool = False
    """``--by`` is the paying party (Umlageberechnung); the agreement needs a cost key."""
    shows_umlage: bool = False
    """The template shows the Umlage of the year (``umlage``) where the agreement has one."""

    @property
    def file_name(self) -> str:
        """The file in ``templates/``."""
        return f"{self.name}.docx"


#: The built-in templates by name (``--template NAME``).
BUILTIN_TEMPLATES: dict[str, BuiltinTemplate] = {
    t.name: t
    for t in (
        BuiltinTemplate(
            "kooperationsvereinbarung",
            "Kooperationsvereinbarung",
            "Die Vereinbarung im Aufbau der Vorlage aus dem Rhein-Kreis Neuss: Titel, "
            "Vertragspartner, Präambel, Paragraphen, Unterschriften; bei einer Umlage die "
            "Tabelle des Haushaltsjahres (--year) nach dem Kostenparagraphen.",
            "agreement",
            shows_umlage=True,
        ),
        BuiltinTemplate(
            "kuendigung",
            "Kündigungsschreiben",
            "Kündigung einer Partei (--by): je Empfänger ein Brief nach DIN 5008 mit "
            "Informationsblock (--absender), Termin, »hilfsweise zum nächstmöglichen Termin«, "
            "Eingangsbestätigung, Schriftformhinweis und den Unterschriften, die die "
            "Vertretungsregel des Landes verlangt (NRW: zwei, § 64 Abs. 1 GO NRW).",
            "agreement",
            needs_sender=True,
        ),
        BuiltinTemplate(
            "kuendigungsvermerk",
            "Vermerk zur Kündigung",
            "Interner Vermerk für die Akte zur Kündigung einer Partei (--by): Termin, letzter "
            "Zugangstag, Fristberechnung, Empfänger, Unterschriftenregel; wird nicht versandt.",
            "agreement",
            needs_sender=True,
        ),
        BuiltinTemplate(
            "umlage",
            "Umlageberechnung",
            "Schreiben des Zahlungsempfängers an eine zahlende Partei (--by) über ihren Anteil "
            "am Betrag eines Haushaltsjahres (--year): Grundlage, Schlüsselgröße, Anteil, "
            "Herleitung, Tabelle aller Parteien, Zahlungstermine.",
            "agreement",
            needs_payer=True,
            shows_umlage=True,
        ),
        BuiltinTemplate(
            "steckbrief",
            "Projektsteckbrief Interkommunales.NRW",
            "Der Steckbrief mit Stichworten, Hauptverantwortlichen, Kurzprofil, Anlass, Ziel, "
            "Umsetzung, Finanzierung, Rechtsform.",
            "agreement",
        ),
        BuiltinTemplate(
            "fristenuebersicht",
            "Fristenübersicht",
            "Tabelle der Fristen aller Vereinbarungen eines Ordners, die dringendste zuerst.",
            "folder",
        ),
    )
}


def templates_dir() -> Path:
    """The folder of the built-in templates: inside the installed package, or ``templates/``
    of a source checkout."""
    packaged = Path(__file__).resolve().parent.parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


def resolve_template(spec: str | os.PathLike[str]) -> tuple[Path, BuiltinTemplate | None]:
    """The file of template *spec*: a built-in name (``kuendigung``) or a path to a .docx."""
    text = str(spec)
    name = text.removesuffix(".docx")
    if name in BUILTIN_TEMPLATES and os.sep not in text and "/" not in text:
        builtin = BUILTIN_TEMPLATES[name]
        path = templates_dir() / builtin.file_name
        if not path.is_file():
            raise DocumentTemplateError(
                f"Die eingebaute Vorlage {builtin.file_name} fehlt in {path.parent} "
                "(Installation unvollständig)."
            )
        return path, builtin
    path = Path(spec)
    if not path.exists():
        raise DocumentTemplateError(
            f"Vorlage {text}: die Datei gibt es nicht (eingebaute Vorlagen: "
            f"{', '.join(BUILTIN_TEMPLATES)})."
        )
    if path.is_dir():
        raise DocumentTemplateError(f"Vorlage {text}: ist ein Ordner, keine .docx-Datei.")
    if path.suffix.lower() != ".docx":
        raise DocumentTemplateError(
            f"Vorlage {text}: erwartet wird eine Word-Datei (.docx), nicht »{path.suffix}«."
        )
    return path, None


@dataclass(frozen=True, slots=True)
class RenderedDocument:
    """A rendered .docx: its bytes, the German warnings, and the template it came from."""

    content: bytes
    warnings: tuple[str, ...]
    template: str
    title: str


@dataclass(frozen=True, slots=True)
class _Properties:
    title: str
    subject: str
    author: str
    template: str
    keywords: str
    moment: dt.datetime


_HINTS = {
    "sender": "»sender« gibt es nur in einem Kündigungsschreiben: --by PARTEI angeben",
    "recipients": "»recipients« gibt es nur in einem Kündigungsschreiben: --by PARTEI angeben",
    "termination": "»termination« gibt es nur in einem Kündigungsschreiben: --by PARTEI angeben",
}
_LETTER_HINTS = {
    "umlage_letter": "»umlage_letter« gibt es nur in einer Umlageberechnung: -t umlage "
    "--by PARTEI angeben",
}
#: Variables of a Kündigung and of an Umlageberechnung (how ``--by`` is meant in a user template).
_KUENDIGUNG_VARIABLES = ("sender", "recipients", "termination")
_UMLAGE_LETTER_VARIABLES = ("umlage_letter",)


@lru_cache(maxsize=1)
def _environment() -> Any:
    return template_environment()


def clear_template_cache() -> None:
    """Forget the compiled templates (they are kept per process, by source)."""
    _environment.cache_clear()


def _template_class() -> type[Any]:
    """docxtpl's template class, recording what Jinja compiled so errors can be located."""
    from docxtpl import DocxTemplate

    etree: Any = importlib.import_module("lxml.etree")

    class RecordingTemplate(DocxTemplate):  # type: ignore[misc]
        sources: list[tuple[str, str]]

        def render_xml_part(
            self, src_xml: str, part: Any, context: Any, jinja_env: Any = None
        ) -> Any:
            name = str(getattr(part, "partname", ""))
            self.sources.append((name, re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)))
            return super().render_xml_part(src_xml, part, context, jinja_env)

        def fix_tables(self, xml: str) -> Any:
            try:
                etree.fromstring(xml.encode("utf-8"))
            except etree.XMLSyntaxError as exc:
                raise DocumentTemplateError(
                    f"die Vorlage erzeugt kein gültiges Word-Dokument ({exc.msg}); meist steht "
                    "ein {%p …%}- oder {%tr …%}-Tag nicht allein in seinem Absatz bzw. seiner "
                    "Tabellenzeile"
                ) from None
            return super().fix_tables(xml)

    return RecordingTemplate


def _part_label(partname: str) -> str:
    if "header" in partname:
        return "Kopfzeile"
    if "footer" in partname:
        return "Fußzeile"
    if "footnotes" in partname:
        return "Fußnoten"
    return ""


def _locate(exc: BaseException, tpl: Any, template: Path) -> DocumentTemplateError:
    template_name = template.name
    partname, source = tpl.sources[-1] if tpl.sources else ("", None)
    label = _part_label(partname)
    places: list[Place] = []
    if not label and tpl.docx is not None:
        places = paragraph_places(tpl.docx.element.body)
    if isinstance(exc, TemplateError):
        return german_template_error(
            exc,
            template=template_name,
            source=source,
            places=places,
            part=label,
            path=str(template),
        )
    # a filter or the data refused a value (VereinbarungError), or an operation failed
    from jinja2 import TemplateRuntimeError

    message = (
        str(exc)
        if isinstance(exc, VereinbarungError)
        else (f"ein Ausdruck lässt sich nicht auswerten ({type(exc).__name__}: {exc})")
    )
    wrapped = TemplateRuntimeError(message)
    wrapped.__traceback__ = exc.__traceback__
    return german_template_error(
        wrapped,
        template=template_name,
        source=source,
        places=places,
        part=label,
        path=str(template),
    )


_APP_NAME = re.compile(rb"<Application>[^<]*</Application>")


def render_context(
    template: Path,
    context: AgreementContext | OverviewContext,
    *,
    title: str,
    subject: str,
    author: str,
    keywords: str = "",
    now: dt.datetime | None = None,
) -> bytes:
    """Render *template* with *context* to .docx bytes and set the document properties.

    Created and modified are *now* (the command line passes the current time), else the
    beginning of the context's day.
    """
    values = as_template_dict(context)
    if isinstance(context, AgreementContext) and context.sender is None:
        for key, hint in _HINTS.items():
            values[key] = missing_value(hint)
    if isinstance(context, AgreementContext) and context.umlage_letter is None:
        for key, hint in _LETTER_HINTS.items():
            values[key] = missing_value(hint)
    tpl = _template_class()(str(template))
    tpl.sources = []
    name = template.name
    tpl.docx = open_template(template, name)
    if isinstance(context, AgreementContext) and context.profile.links:
        values["profile"] = _with_hyperlinks(context.profile, tpl)
    try:
        tpl.render(values, jinja_env=_environment(), autoescape=True)
    except DocumentTemplateError as exc:
        if exc.message.startswith("Vorlage "):
            raise
        raise DocumentTemplateError(f"Vorlage {name}: {exc.message}") from None
    except (TemplateError, VereinbarungError, TypeError, ValueError, ArithmeticError) as exc:
        raise _locate(exc, tpl, template) from None
    moment = now or dt.datetime(context.on.year, context.on.month, context.on.day)
    _set_properties(tpl.docx, _Properties(title, subject, author, name, keywords, moment))
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


#: Word's colour of a hyperlink.
_LINK_COLOUR = "0563C1"


def _with_hyperlinks(profile: ProfileView, tpl: Any) -> ProfileView:
    """*profile* with ``rich`` of each link set: a real hyperlink (a relationship of the open
    document) showing the title, then the address; the title alone where there is no url."""
    from docxtpl import RichText

    links = []
    for link in profile.links:
        rich = RichText()
        if link.url is None:
            rich.add(link.title)
        else:
            if link.title != link.url:
                rich.add(f"{link.title}: ")
            rich.add(
                link.url, url_id=tpl.build_url_id(link.url), color=_LINK_COLOUR, underline=True
            )
        links.append(dataclasses.replace(link, rich=rich))
    return dataclasses.replace(profile, links=tuple(links))


def _property(text: str) -> str:
    """A document property as Word keeps it: at most 255 characters (shortened with »…«)."""
    return text if len(text) <= 255 else text[:254] + "…"


def _set_properties(docx: Any, props: _Properties) -> None:
    core = docx.core_properties
    core.title = _property(props.title)
    core.subject = _property(props.subject)
    core.author = _property(props.author)
    core.comments = _property(f"Erzeugt mit {GENERATOR} aus der Vorlage {props.template}")
    core.last_modified_by = GENERATOR
    core.keywords = _property(props.keywords)
    core.category = _property(props.subject)
    core.language = "de-DE"
    core.created = core.modified = props.moment.replace(tzinfo=None)
    core.revision = 1
    for part in docx.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            blob = part.blob
            if _APP_NAME.search(blob):
                part._blob = _APP_NAME.sub(
                    b"<Application>" + GENERATOR.encode() + b"</Application>", blob
                )


def render_agreement(
    agreement: Agreement,
    *,
    on: dt.date,
    template: str | os.PathLike[str] = "kooperationsvereinbarung",
    by: str | None = None,
    year: int | None = None,
    source: str | None = None,
    now: dt.datetime | None = None,
    sender_profile: Sender | None = None,
    recipient: str | None = None,
) -> RenderedDocument:
    """Render *template* for *agreement* as on day *on*.

    *sender_profile* (``--absender``) fills the Informationsblock and signatures of a letter;
    *recipient* (``--an``) limits a Kündigung to the letter to that party.

    *by* names the sender of a Kündigung, or for the template ``umlage`` the paying party;
    *year* is the budget year of the Umlage (default: the year of *on*). *now* (UTC) is
    stamped as created/modified; without it, the beginning of *on*.
    """
    path, builtin = resolve_template(template)
    if builtin is not None and builtin.input == "folder":
        raise DocumentTemplateError(
            f"Die Vorlage {builtin.name} braucht einen Ordner mit Vereinbarungen, keine einzelne "
            "Vereinbarung."
        )
    names = ", ".join(p.name for p in agreement.parties)
    if builtin is not None and builtin.needs_sender and by is None:
        raise VereinbarungError(
            f"Für die Vorlage {builtin.name} fehlt --by PARTEI, die kündigende Partei "
            f"(eine von: {names})."
        )
    if builtin is not None and builtin.needs_payer:
        _require_umlage(agreement, builtin.name)
        if by is None:
            payers = _payers(agreement) or names
            raise VereinbarungError(
                f"Für die Vorlage {builtin.name} fehlt --by PARTEI, die zahlende Partei "
                f"(eine von: {payers})."
            )
    if builtin is None:
        variables = _refuse_broken(path, "agreement")
        letter = _letter_of(variables, path.name) if by is not None else "kuendigung"
        shows_umlage = any(v == "umlage" or v.startswith("umlage.") for v in variables)
        if letter == "umlage":
            _require_umlage(agreement, path.name)
    else:
        letter = "umlage" if builtin.needs_payer else "kuendigung"
        shows_umlage = builtin.shows_umlage
    context = agreement_context(
        agreement,
        on=on,
        by=by,
        source=source,
        year=year,
        letter=letter,
        sender_profile=sender_profile,
        recipient=recipient,
    )
    warnings = list(context.warnings)
    if shows_umlage and context.umlage is None:
        warnings.extend(_umlage_missing(agreement, context.year))
    if builtin is not None and builtin.name == "steckbrief":
        warnings.extend(context.profile.warnings)
    if (
        context.termination is not None
        and builtin is not None
        and builtin.name == "kuendigungsvermerk"
    ):
        title = f"Vermerk: {context.termination.subject}"
        subject = "Vermerk zur Kündigung"
    elif context.termination is not None:
        title = context.termination.subject
        subject = "Kündigungsschreiben"
    elif context.umlage_letter is not None:
        title = context.umlage_letter.subject
        subject = "Umlageberechnung"
    elif builtin is not None and builtin.name == "steckbrief":
        title = f"Steckbrief: {context.profile.title}"
        subject = builtin.title
    else:
        title = agreement.full_title
        subject = agreement.title if builtin else path.stem
    keywords = ", ".join(context.profile.keywords)
    content = render_context(
        path,
        context,
        title=title,
        subject=subject,
        author=context.author,
        keywords=keywords,
        now=now,
    )
    return RenderedDocument(content, tuple(warnings), path.name, title)


def _require_umlage(agreement: Agreement, template: str) -> None:
    costs = agreement.costs
    if costs is None or costs.key is None:
        raise VereinbarungError(
            f"Die Vorlage {template} braucht eine Vereinbarung mit Umlage: »{agreement.full_title}« "
            "regelt keine (costs › key fehlt)."
        )


def _payers(agreement: Agreement) -> str:
    """The parties that may carry a share (not exempt, not the payee), for messages."""
    costs = agreement.costs
    if costs is None:
        return ""
    payee = costs.payee or agreement.lead
    return ", ".join(
        p.name for p in agreement.parties if p.name not in costs.exempt and p.name != payee
    )


def _umlage_missing(agreement: Agreement, year: int) -> list[str]:
    """Why a template that shows the Umlage has none for *year* (empty without a cost key)."""
    costs = agreement.costs
    if costs is None or costs.key is None:
        return []
    from vereinbarung.state.umlage import cost_shares

    try:
        cost_shares(agreement, year)
    except VereinbarungError as exc:
        return [f"Umlage {year} nicht berechnet, das Dokument zeigt sie nicht: {exc.message}"]
    return []  # pragma: no cover - the context would have the Umlage


def _letter_of(variables: Sequence[str], name: str) -> LetterKind:
    """Which letter a user template with ``--by`` is, from the variables it uses."""

    def uses(roots: Sequence[str]) -> bool:
        return any(v.split(".")[0].split("[")[0] in roots for v in variables)

    kuendigung, umlage = uses(_KUENDIGUNG_VARIABLES), uses(_UMLAGE_LETTER_VARIABLES)
    if kuendigung and umlage:
        raise DocumentTemplateError(
            f"Vorlage {name}: sie verwendet sowohl Variablen einer Kündigung (sender, "
            "recipients, termination) als auch einer Umlageberechnung (umlage_letter); --by kann "
            "nur eines von beiden meinen."
        )
    return "umlage" if umlage else "kuendigung"


def render_overview(
    paths: Sequence[str | os.PathLike[str]],
    *,
    on: dt.date,
    template: str | os.PathLike[str] = "fristenuebersicht",
    land: str | None = None,
    now: dt.datetime | None = None,
) -> RenderedDocument:
    """Render the deadline overview of the agreement files in *paths* (files or folders)."""
    from vereinbarung.exports.reports import deadline_rows
    from vereinbarung.files.io import find_agreement_files

    path, builtin = resolve_template(template)
    if builtin is not None and builtin.input != "folder":
        raise DocumentTemplateError(
            f"Die Vorlage {builtin.name} braucht eine einzelne Vereinbarungsdatei, keinen Ordner."
        )
    if builtin is None:
        _refuse_broken(path, "overview")
    files = find_agreement_files(paths)
    names = ", ".join(str(p) for p in paths)
    if not files:
        raise VereinbarungError(f"Keine Vereinbarungsdateien (*.yaml, *.yml, *.json) in {names}.")
    rows = deadline_rows(files, on, land=land)
    names = ", ".join(shown_path(Path(p)) for p in paths)
    first = Path(paths[0])
    base = first.absolute() if len(paths) == 1 and first.is_dir() else None
    context = overview_context(rows, on=on, folder=names, base=base)
    title = f"Fristenübersicht {names}"
    content = render_context(
        path, context, title=title, subject="Fristenübersicht", author=GENERATOR, now=now
    )
    return RenderedDocument(content, context.warnings, path.name, title)


def _refuse_broken(path: Path, context: Literal["agreement", "overview"]) -> tuple[str, ...]:
    """Run :func:`~vereinbarung.documents.check.check_template` on a user template; refuse it
    on errors (a tag docxtpl would leave in the text, a variable the context lacks …).
    Returns the variables the template uses."""
    from vereinbarung.documents.check import check_template

    report = check_template(path, context=context)
    if not report.ok:
        lines = "\n".join(f"  {finding}" for finding in report.errors)
        raise DocumentTemplateError(
            f"Vorlage {path.name} ist fehlerhaft, es wurde nichts geschrieben:\n{lines}\n"
            f"Prüfen mit: vereinbarung template-check {path}"
        )
    return report.variables


# -- PDF ---------------------------------------------------------------------------------------


def find_office() -> str | None:
    """The LibreOffice program (``soffice`` or ``libreoffice``) on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_office() -> str:
    """The LibreOffice program, or a German error saying that PDF needs it."""
    program = find_office()
    if program is None:
        raise VereinbarungError(
            "Für --pdf wird LibreOffice gebraucht, es ist aber nicht installiert (weder soffice "
            "noch libreoffice im PATH). Ohne --pdf entsteht die Word-Datei; sie lässt sich in "
            "Word als PDF speichern."
        )
    return program


#: LibreOffice's PDF export as PDF/A-2b (archival: fonts embedded, no encryption).
PDF_A_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'


def pdfa_part(pdf: bytes) -> int | None:
    """The PDF/A part a PDF declares in its XMP metadata (``pdfaid:part``), or None."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    metadata = reader.xmp_metadata
    if metadata is None:
        return None
    ns = "http://www.aiim.org/pdfa/ns/id/"
    for node in metadata.rdf_root.getElementsByTagNameNS(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "Description"
    ):
        value = node.getAttributeNS(ns, "part")
        if not value:
            found = node.getElementsByTagNameNS(ns, "part")
            value = (found[0].firstChild.nodeValue if found and found[0].firstChild else "") or ""
        if value and value.strip().isdigit():
            return int(value.strip())
    return None


def convert_to_pdf(docx: bytes, *, office: str | None = None, timeout: float = 180) -> bytes:
    """Convert a .docx to PDF/A-2b with LibreOffice (headless, its own profile, nothing left
    behind); a German error if LibreOffice fails or the result does not declare PDF/A-2."""
    program = office or require_office()
    with tempfile.TemporaryDirectory(prefix="vereinbarung-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "dokument.docx"
        source.write_bytes(docx)
        profile = (folder / "profil").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            PDF_A_FILTER,
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            result = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise VereinbarungError(
                f"LibreOffice hat die Umwandlung in PDF nicht in {timeout:.0f} s beendet."
            ) from None
        except OSError as exc:
            raise VereinbarungError(
                f"LibreOffice ({program}) lässt sich nicht starten: {exc.strerror}."
            ) from None
        pdf = folder / "dokument.pdf"
        if result.returncode != 0 or not pdf.is_file():
            detail = result.stderr.decode("utf-8", "replace").strip()[-300:]
            raise VereinbarungError(
                f"LibreOffice konnte das Dokument nicht in PDF umwandeln (Rückgabewert "
                f"{result.returncode}){': ' + detail if detail else ''}."
            )
        content = pdf.read_bytes()
    if pdfa_part(content) != 2:
        raise VereinbarungError(
            "LibreOffice hat ein PDF erzeugt, aber kein PDF/A-2 (pdfaid:part fehlt in den "
            "XMP-Metadaten); eine ältere LibreOffice-Version? Mindestens 7.4 wird gebraucht."
        )
    return content
