"""Documents from Word templates: the agreement, the Kündigung, the Umlageberechnung, the
profile, the overview.

A template is a .docx with Jinja tags (docxtpl). The built-in ones live in ``templates/`` and
ship inside the package (:mod:`vereinbarung.documents.builtin`); any other .docx may be given
by path; one template is filled by :mod:`vereinbarung.documents.filling`.
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

>>> from vereinbarung.documents.builtin import BUILTIN_TEMPLATES
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

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from vereinbarung.documents.builtin import (
    resolve_template,
)
from vereinbarung.documents.context import (
    GENERATOR,
    LetterKind,
    agreement_context,
    overview_context,
)
from vereinbarung.documents.errors import (
    DocumentTemplateError,
)
from vereinbarung.documents.filling import (
    render_context,
)
from vereinbarung.documents.views.edition import refuse_unworded
from vereinbarung.documents.views.letter import SENDER_OPTION_HINT, SENDER_PLACE, LetterOptions
from vereinbarung.documents.views.overview import shown_path
from vereinbarung.errors import VereinbarungError
from vereinbarung.model.agreement import Agreement
from vereinbarung.model.sender import Sender

__all__ = [
    "RenderedDocument",
    "render_agreement",
    "render_overview",
]


@dataclass(frozen=True, slots=True)
class RenderedDocument:
    """A rendered .docx: its bytes, the German warnings, and the template it came from."""

    content: bytes
    warnings: tuple[str, ...]
    template: str
    title: str


#: Variables of a Kündigung and of an Umlageberechnung (how ``--by`` is meant in a user template).
_KUENDIGUNG_VARIABLES = ("sender", "recipients", "termination")
_UMLAGE_LETTER_VARIABLES = ("umlage_letter",)


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
    original: bool = False,
    draft: bool = False,
    incomplete: bool = False,
    letter_options: LetterOptions | None = None,
) -> RenderedDocument:
    """Render *template* for *agreement* as on day *on*.

    The text of the agreement is the Lesefassung of *on* (refused where an amendment in effect
    replaces the term clause without its new wording), or with *original* the text as first
    concluded. A Kündigung that lacks a sender profile or a signatory's name is refused unless
    *draft* (then every page says »ENTWURF«); a Steckbrief with most fields empty is refused
    unless *incomplete* (issue 23).

    *sender_profile* (``--absender``) fills the Informationsblock and signatures of a letter;
    *recipient* (``--an``) limits a Kündigung to the letter to that party; *letter_options*
    add a delivery line (``--zustellung``), an acknowledgement of receipt
    (``--empfangsbekenntnis``) and the council decision (``--ratsbeschluss``) to a letter.

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
    variables: tuple[str, ...] = ()
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
        original=original,
        draft=draft,
        letter_options=letter_options,
    )
    name = builtin.name if builtin is not None else None
    if name == "kooperationsvereinbarung" or _uses(variables, ("sections",)):
        refuse_unworded(context.edition, on)
    shows_text = name == "kooperationsvereinbarung" or _uses(variables, ("sections", "edition"))
    termination = context.termination
    if (
        termination is not None
        and termination.missing
        and not draft
        and (name == "kuendigung" or _uses(variables, ("termination.signatories",)))
    ):
        raise VereinbarungError(
            "Das Kündigungsschreiben wäre so nicht versandfähig, es fehlen: "
            + "; ".join(termination.missing)
            + ". Die Absenderangaben mit --absender DATEI angeben (Aktenzeichen, Ansprechpartner, "
            "Telefon, E-Mail und die Unterzeichnenden unter signatories, Beispiel: "
            "examples/rommerskirchen.absender), oder mit --entwurf einen als »ENTWURF« "
            "gekennzeichneten Entwurf erzeugen."
        )
    if name == "steckbrief" and context.profile.mostly_empty and not incomplete:
        raise VereinbarungError(
            f"Der Steckbrief zu »{context.profile.title}« ist großenteils leer "
            f"({len(context.profile.missing)} Angaben fehlen): {context.profile.missing_text} "
            "Trotzdem erzeugen mit --auch-unvollstaendig."
        )
    warnings = list(context.warnings)
    if any(SENDER_PLACE in w for w in warnings):  # the terminal's hint, never in the document
        warnings.append(SENDER_OPTION_HINT)
    if shows_text and context.edition.hint:
        warnings.append(context.edition.hint)
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


def _uses(variables: Sequence[str], prefixes: Sequence[str]) -> bool:
    """Whether a user template uses a variable under one of *prefixes* (»termination.x«)."""
    return any(v == p or v.startswith((f"{p}.", f"{p}[")) for v in variables for p in prefixes)


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
