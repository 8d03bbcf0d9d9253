"""Filling one .docx template: docxtpl with the sandboxed environment, errors located in the
Word document, hyperlinks, and the document properties (title, author, at most 255 characters).

The documents themselves (which context, which template, which checks first) are made by
:mod:`vereinbarung.documents.render`; this module only turns a template and a context into
bytes, or a German :class:`~vereinbarung.documents.errors.DocumentTemplateError` naming the
paragraph or table cell.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import TemplateError

from vereinbarung.documents.context import (
    GENERATOR,
    AgreementContext,
    OverviewContext,
    as_template_dict,
)
from vereinbarung.documents.environment import missing_value, template_environment
from vereinbarung.documents.errors import (
    DocumentTemplateError,
    Place,
    german_template_error,
    paragraph_places,
)
from vereinbarung.documents.opening import open_template
from vereinbarung.documents.views.steckbrief import ProfileView
from vereinbarung.errors import VereinbarungError
from vereinbarung.model.german import shorten

__all__ = ["clear_template_cache", "render_context"]


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
    if not isinstance(exc, TemplateError):
        # a filter or the data refused a value (VereinbarungError), or an operation failed
        from jinja2 import TemplateRuntimeError

        message = (
            str(exc)
            if isinstance(exc, VereinbarungError)
            else (f"ein Ausdruck lässt sich nicht auswerten ({type(exc).__name__}: {exc})")
        )
        wrapped = TemplateRuntimeError(message)
        wrapped.__traceback__ = exc.__traceback__
        exc = wrapped
    return german_template_error(
        exc, template=template_name, source=source, places=places, part=label, path=str(template)
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
    return shorten(text, 255)


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
