"""The templates that ship with the package: their names, what they make, where they lie.

Built by ``tools/make_templates.py`` into ``templates/``; the wheel carries them as package
data (``vereinbarung/templates``). ``-t kuendigung`` names a built-in template, anything else a
.docx file of the user.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from vereinbarung.documents.errors import (
    DocumentTemplateError,
)
from vereinbarung.documents.pdf import (  # noqa: F401
    PDF_A_FILTER,
    convert_to_pdf,
    find_office,
    pdfa_part,
    require_office,
)

__all__ = ["BUILTIN_TEMPLATES", "BuiltinTemplate", "InputKind", "resolve_template", "templates_dir"]


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
