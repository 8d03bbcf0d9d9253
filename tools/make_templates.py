"""Write the built-in document templates in ``templates/`` (real Word files, editable in Word).

    python tools/make_templates.py          # writes templates/*.docx
    python tools/make_templates.py --check  # exit 1 if a committed template differs

The templates use Word's own styles (Title, Subtitle, Heading 1–3, List Bullet, Table Grid)
and a few named paragraph styles of their own ("Vertragskopf", "Absatz nummeriert",
"Aufzählung", "Unterschrift", "Anschrift" …), so that a legal department can restyle them in
Word without touching a tag. The Jinja tags are those of docxtpl: ``{{ … }}`` in the text,
``{%p … %}`` in a paragraph of its own (the paragraph disappears), ``{%tr … %}`` in a table
row. The variables are those of :mod:`vereinbarung.documents.context`.

The output is reproducible: fixed document properties and fixed timestamps in the zip, so that
running the script again changes no committed file unless the script changed.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, tzinfo=dt.UTC)
FONT = "Arial"
BLACK = RGBColor(0, 0, 0)

Doc = Any  # python-docx ships no type information


# -- document set-up --------------------------------------------------------------------------


def new_document(title: str, *, landscape: bool = False) -> Doc:
    """An A4 document with German language, Arial, and the named styles of the templates."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)
    _drop_thumbnail(doc)
    _set_defaults(doc)
    _hyphenate(doc)
    _styles(doc)
    props = doc.core_properties
    props.title = f"Vorlage: {title}"
    props.subject = "Dokumentvorlage für vereinbarung render"
    props.author = "vereinbarung"
    props.last_modified_by = "vereinbarung"
    props.comments = (
        "Vorlage mit Jinja-Platzhaltern (docxtpl). Erzeugt von tools/make_templates.py; "
        "prüfen mit: vereinbarung template-check"
    )
    props.keywords = "vereinbarung, Vorlage"
    props.category = "Vorlage"
    props.language = "de-DE"
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
    props.revision = 1
    return doc


def _drop_thumbnail(doc: Doc) -> None:
    package = doc.part.package
    for key, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[key]


def _hyphenate(doc: Doc) -> None:
    """Automatic hyphenation (German, from the language of the text), so that justified text
    has no wide gaps; capitalised words are hyphenated too, at most two lines in a row."""
    settings = doc.settings.element
    anchor = settings.find(qn("w:defaultTabStop"))  # the schema order: right after it
    for tag_name, value in (("w:consecutiveHyphenLimit", "2"), ("w:autoHyphenation", None)):
        element = OxmlElement(tag_name)
        if value is not None:
            element.set(qn("w:val"), value)
        if anchor is not None:
            anchor.addnext(element)
        else:
            settings.append(element)


def _set_defaults(doc: Doc) -> None:
    styles = doc.styles.element
    r_pr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:lang", "w:rFonts"):
        for old in r_pr.findall(qn(tag)):
            r_pr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    r_pr.insert(0, fonts)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "de-DE")
    lang.set(qn("w:eastAsia"), "de-DE")
    lang.set(qn("w:bidi"), "ar-SA")
    r_pr.append(lang)


def _font(style: Any, size: float, *, bold: bool = False, italic: bool = False) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = BLACK
    r_fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        r_fonts.set(qn(attr), FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        r_fonts.attrib.pop(qn(theme), None)


def _paragraph_style(
    doc: Doc,
    name: str,
    *,
    size: float = 11,
    bold: bool = False,
    align: Any = None,
    before: float = 0,
    after: float = 6,
    left: float = 0,
    first: float = 0,
    tab: float | None = None,
    keep_next: bool = False,
    base: str = "Normal",
) -> Any:
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else None
    if style is None:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
    _font(style, size, bold=bold)
    fmt = style.paragraph_format
    if align is not None:
        fmt.alignment = align
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.left_indent, fmt.first_line_indent = Cm(left), Cm(first)
    fmt.keep_with_next = keep_next
    if tab is not None:
        fmt.tab_stops.add_tab_stop(Cm(tab), WD_TAB_ALIGNMENT.LEFT)
    return style


def _styles(doc: Doc) -> None:
    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    normal = doc.styles["Normal"]
    _font(normal, 11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    _paragraph_style(doc, "Title", size=16, bold=True, align=center, after=6)
    _paragraph_style(doc, "Subtitle", size=12, bold=True, align=center, after=18)
    _paragraph_style(
        doc, "Heading 1", size=12, bold=True, align=center, before=18, after=6, keep_next=True
    )
    _paragraph_style(
        doc, "Heading 2", size=12, bold=True, align=center, before=18, after=0, keep_next=True
    )
    _paragraph_style(
        doc, "Heading 3", size=11, bold=True, align=center, before=0, after=6, keep_next=True
    )
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
        # Word's built-in headings carry a theme colour and a bottom border on the title, the
        # subtitle letter-spacing (w:spacing in its run properties): none of them here
        p_pr = doc.styles[name].element.get_or_add_pPr()
        for border in p_pr.findall(qn("w:pBdr")):
            p_pr.remove(border)
        r_pr = doc.styles[name].element.get_or_add_rPr()
        for spacing in r_pr.findall(qn("w:spacing")):
            r_pr.remove(spacing)
    _paragraph_style(doc, "List Bullet", align=justify, after=3)
    # the recipients of a Kündigung in the Vermerk: bulleted, names never hyphenated
    _paragraph_style(
        doc,
        "Empfängerliste",
        align=WD_ALIGN_PARAGRAPH.LEFT,
        after=3,
        left=0.63,
        first=-0.63,
        base="List Bullet",
    )
    # the parties block: "und der" stays with the name, the name with its representative
    # the parties block, two parties a row (parties_table): compact, single-spaced
    # no keep-with-next in the table: LibreOffice would move the whole table to the next page
    kopf = _paragraph_style(doc, "Vertragskopf", size=10, align=center, after=0)
    kopf.paragraph_format.line_spacing = 1.0
    partei = _paragraph_style(
        doc, "Vertragspartei", size=11, bold=True, align=center, before=0, after=0
    )
    partei.paragraph_format.line_spacing = 1.0
    _paragraph_style(doc, "Brieftext", after=6)
    _paragraph_style(doc, "Vertragsschluss", align=center, before=18, after=12)
    _paragraph_style(doc, "Textabsatz", align=justify)
    _paragraph_style(doc, "Absatz nummeriert", align=justify, left=1.0, first=-1.0, tab=1.0)
    _paragraph_style(doc, "Aufzählung", align=justify, after=3, left=1.75, first=-0.75, tab=1.75)
    _paragraph_style(doc, "Unterschrift Ort", before=30, after=0, keep_next=True)
    _paragraph_style(doc, "Unterschrift", after=0, keep_next=True)
    _paragraph_style(doc, "Unterschrift Linie", before=36, after=0, keep_next=True)
    _paragraph_style(doc, "Unterschrift gezeichnet", before=18, after=0, keep_next=True)
    _paragraph_style(doc, "Fassung", bold=True, align=center, before=6, after=3)
    _paragraph_style(doc, "Fassungshinweis", size=9, align=center, after=12)
    # the amendment that worded an Absatz, over it in the Lesefassung and kept with it (issue 23)
    _paragraph_style(doc, "Änderungsvermerk", size=9, after=0, left=1.0, keep_next=True)
    _paragraph_style(doc, "Entwurfsvermerk", size=28, bold=True, align=center, after=0)
    _paragraph_style(doc, "Anschrift", after=0)
    _paragraph_style(doc, "Briefkopf", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT, after=30)

    _paragraph_style(doc, "Informationsblock", size=8, after=0, tab=2.9)
    _paragraph_style(doc, "Gruß", before=6, after=0, keep_next=True)
    _paragraph_style(doc, "Absenderzeile", size=8, after=12)
    _paragraph_style(doc, "Datumszeile", align=WD_ALIGN_PARAGRAPH.RIGHT, before=12, after=18)
    _paragraph_style(doc, "Betreff", bold=True, before=24, after=12)
    _paragraph_style(doc, "Berechnung", size=9, align=justify, left=0.5)
    _paragraph_style(doc, "Feldname", bold=True, before=9, after=0, keep_next=True)
    _paragraph_style(doc, "Tabelle", size=9, after=0)
    _paragraph_style(doc, "Tabelle rechts", size=9, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    _paragraph_style(doc, "Tabellentitel", bold=True, before=12, after=6, keep_next=True)
    anlage = _paragraph_style(doc, "Anlage", size=12, bold=True, before=0, after=6, keep_next=True)
    anlage.paragraph_format.page_break_before = True
    _paragraph_style(doc, "Fußzeile", size=8, align=center, after=0, base="Footer")
    _letter_styles(doc)
    # never hyphenated: titles and headings, names, addresses, signatures (issue 23)
    for name in (
        "Title",
        "Subtitle",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "Fassung",
        "Feldname",
        "Tabellentitel",
        "Empfängerliste",
        "Vertragspartei",
        "Vertragskopf",
        "Unterschrift",
        "Anschrift",
        "Fußzeile",
    ):
        _no_hyphens(doc.styles[name])


# -- writing ---------------------------------------------------------------------------------


def para(doc: Doc, *parts: str, style: str = "Textabsatz", bold: bool = False) -> Any:
    """A paragraph of *parts*; ``"\\t"`` as a part is a tab."""
    paragraph = doc.add_paragraph(style=style)
    for part in parts:
        if part == "\t":
            paragraph.add_run().add_tab()
        else:
            run = paragraph.add_run(part)
            run.bold = bold or None
    return paragraph


def tag(doc: Doc, text: str) -> None:
    """A paragraph that holds only a docxtpl paragraph tag ``{%p … %}`` (removed on rendering)."""
    doc.add_paragraph(text, style="Textabsatz")


def _field(paragraph: Any, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def footer(doc: Doc, text: str) -> None:
    """Footer: *text*, then "Seite n von m"."""
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.style = doc.styles["Fußzeile"]
    paragraph.add_run(f"{text}Seite ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" von ")
    _field(paragraph, "NUMPAGES")


# -- the templates ---------------------------------------------------------------------------


def kooperationsvereinbarung() -> Doc:
    """The agreement, laid out as seed 002."""
    doc = new_document("Kooperationsvereinbarung")
    para(doc, "{{ agreement.title }}", style="Title")
    tag(doc, "{%p if agreement.subtitle %}")
    para(doc, "{{ agreement.subtitle }}", style="Subtitle")
    tag(doc, "{%p endif %}")
    para(doc, "{{ edition.label }}", style="Fassung")
    para(doc, "{{ edition.note }}", style="Fassungshinweis")
    parties_table(doc)
    para(doc, "{{ conclusion }}", style="Vertragsschluss")
    tag(doc, "{%p if agreement.preamble %}")
    para(doc, "Präambel", style="Heading 1")
    tag(doc, "{%p for block in preamble %}")
    tag(doc, "{%p if block.text is not none %}")
    para(doc, "{{ block.text }}")
    tag(doc, "{%p else %}")
    tag(doc, "{%p for item in block.items %}")
    para(doc, "{{ item }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for section in sections %}")
    para(doc, "{{ section.title }}", style="Heading 2")
    para(doc, "{{ section.heading }}", style="Heading 3")
    tag(doc, "{%p if section.amended %}")
    para(doc, "{{ section.amended }}", style="Fassungshinweis")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for paragraph in section.paragraphs %}")
    tag(doc, "{%p if paragraph.amended %}")
    para(doc, "({{ paragraph.amended }})", style="Änderungsvermerk")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if paragraph.label %}")
    para(doc, "{{ paragraph.label }}", "\t", "{{ paragraph.text }}", style="Absatz nummeriert")
    tag(doc, "{%p else %}")
    para(doc, "{{ paragraph.text }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for item in paragraph.items %}")
    para(doc, "{{ item.label }}", "\t", "{{ item.text }}", style="Aufzählung")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for signature in signatures %}")
    para(doc, "{{ signature.place }}, den {{ signature.date_text }}", style="Unterschrift Ort")
    tag(doc, "{%p if signature.signed %}")
    para(doc, "gez. {{ signature.name }}", style="Unterschrift gezeichnet")
    tag(doc, "{%p else %}")
    para(doc, "______________________________", style="Unterschrift Linie")
    para(doc, "{{ signature.name }}", style="Unterschrift")
    tag(doc, "{%p endif %}")
    para(doc, "{{ signature.title }}", style="Unterschrift")
    para(doc, "für {{ signature.party.accusative }}", style="Anschrift")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if umlage %}")
    para(doc, "Anlage (nachrichtlich): {{ umlage.caption }}", style="Anlage")
    para(
        doc,
        "Berechnet von {{ generator }} am {{ on|date }}; nicht Teil des unterzeichneten "
        "Vertragstextes. Maßgeblich ist die Regelung der Vereinbarung.",
        style="Fassungshinweis",
    )
    para(doc, "{{ umlage.basis_text }}", style="Berechnung")
    share_table(doc)
    tag(doc, "{%p for note in umlage.notes %}")
    para(doc, "{{ note }}", style="Berechnung")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    footer(doc, "{{ short_title }} – {{ edition.footer }}")
    return doc


def parties_table(doc: Doc) -> None:
    """The Vertragskopf as a compact two-column list: two parties a row (``party_rows``), each
    with its introducing words, name, representative and address; a row is never split, so
    no party is torn across a page, and 40 parties take two pages, not eight."""
    table = doc.add_table(rows=3, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    set_widths(table, (8.25, 8.25))
    keep_rows_whole(table)
    _cell(table.rows[0].cells[0], "{%tr for row in party_rows %}")
    for index, cell in enumerate(table.rows[1].cells):
        party = ("row.left", "row.right")[index]
        _cell_para(cell, f"{{%p if {party} %}}", "Vertragskopf", first=True)
        _cell_para(cell, f"{{%p if {party}.intro %}}", "Vertragskopf")
        _cell_para(cell, f"{{{{ {party}.intro }}}}", "Vertragskopf")
        _cell_para(cell, "{%p endif %}", "Vertragskopf")
        _cell_para(cell, f"{{{{ {party}.name_dative }}}}", "Vertragspartei")
        _cell_para(cell, f"– vertreten durch {{{{ {party}.represented_by }}}} –", "Vertragskopf")
        _cell_para(cell, f"{{%p for line in {party}.address_lines %}}", "Vertragskopf")
        _cell_para(cell, "{{ line }}", "Vertragskopf")
        _cell_para(cell, "{%p endfor %}", "Vertragskopf")
        _cell_para(cell, "{%p endif %}", "Vertragskopf")
        last = _cell_para(cell, "", "Vertragskopf")
        last.paragraph_format.space_after = Pt(6)
    _cell(table.rows[2].cells[0], "{%tr endfor %}")


def _no_borders(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def set_widths(table: Any, widths: tuple[float, ...]) -> None:
    """Fixed column widths: the grid (``w:tblGrid``, which LibreOffice reads), every cell, the
    table width and a fixed layout, so that Word and LibreOffice show the same columns."""
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(int(Cm(sum(widths)).twips)))
    tbl_w.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)


def keep_rows_whole(table: Any) -> None:
    """No row is split across pages (``w:cantSplit``)."""
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        cant = OxmlElement("w:cantSplit")
        cant.set(qn("w:val"), "true")
        tr_pr.insert(0, cant)


def _cell_para(cell: Any, text: str, style: str, *, first: bool = False) -> Any:
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.style = cell.part.document.styles[style]
    if text:
        paragraph.add_run(text)
    return paragraph


def section_break(doc: Doc) -> None:
    """A paragraph that ends a section: the next letter starts on a new page at page 1."""
    body_sect = doc.sections[0]._sectPr
    _restart_numbering(body_sect)
    paragraph = doc.add_paragraph(style="Textabsatz")
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(copy.deepcopy(body_sect))


def _restart_numbering(sect_pr: Any) -> None:
    if sect_pr.find(qn("w:pgNumType")) is None:
        number = OxmlElement("w:pgNumType")
        number.set(qn("w:start"), "1")
        cols = sect_pr.find(qn("w:cols"))
        if cols is not None:
            cols.addprevious(number)
        else:
            sect_pr.append(number)


#: DIN 5008 Form B (with DIN 676): the positions of the letter frame, in millimetres.
FORM_B = {
    "address_left": 20.0,
    "address_top": 45.0,
    "address_width": 85.0,
    "notes_height": 17.7,
    "address_height": 27.3,
    "info_left": 125.0,
    "info_top": 50.0,
    "info_width": 75.0,
    "fold_marks": (105.0, 210.0),
    "punch_mark": 148.5,
}
#: The line of a letter (exact, 13 pt): "two blank lines" after the Betreff are two of them.
LETTER_LINE = 13


def _letter_styles(doc: Doc) -> None:
    """Styles of the letter frame: exact line heights, so that the blank lines DIN 5008 asks
    for (two after the Betreff, one after the Anrede and between paragraphs) are exact."""
    line = LETTER_LINE
    for name, size, bold, before, after, keep in (
        ("Brieftext", 11, False, 0, line, False),
        ("Betreff", 11, True, 2 * line, 2 * line, True),
        ("Anrede", 11, False, 0, line, True),
        ("Gruß", 11, False, 0, 0, True),
        ("Anschriftzone", 11, False, 0, 0, False),
    ):
        style = _paragraph_style(
            doc, name, size=size, bold=bold, before=before, after=after, keep_next=keep
        )
        style.paragraph_format.line_spacing = Pt(line if name != "Anschriftzone" else 12)
        style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    # the Rücksendeangabe in 7 pt: name, street, postcode and town fit on the one line
    for name, size in (("Rücksendeangabe", 7), ("Vermerk", 8), ("Informationsblock", 8)):
        style = _paragraph_style(doc, name, size=size, after=0, tab=3.0)
        style.paragraph_format.line_spacing = Pt(10)
        style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        _no_hyphens(style)
    for name in ("Anschriftzone", "Betreff", "Briefkopf"):
        _no_hyphens(doc.styles[name])
    _paragraph_style(doc, "Briefkopf", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    _paragraph_style(doc, "Briefkopfzeile", size=9, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)


def _no_hyphens(style: Any) -> None:
    """No automatic hyphenation in paragraphs of *style* (titles, names, addresses)."""
    p_pr = style.element.get_or_add_pPr()
    if p_pr.find(qn("w:suppressAutoHyphens")) is None:
        element = OxmlElement("w:suppressAutoHyphens")
        # schema order: after keepNext/keepLines/pageBreakBefore/…, before spacing
        spacing = p_pr.find(qn("w:spacing"))
        if spacing is not None:
            spacing.addprevious(element)
        else:
            p_pr.append(element)


def _frame_paragraph(container: Any, *, x: float, y: float, width: float, height: float) -> Any:
    """A paragraph in a frame at a fixed place on the page (mm from the top left corner)."""
    paragraph = container.add_paragraph()
    p_pr = paragraph._p.get_or_add_pPr()
    frame = OxmlElement("w:framePr")
    for key, value in (
        ("w", str(int(Mm(width).twips))),
        ("h", str(int(Mm(height).twips))),
        ("hRule", "exact"),
        ("wrap", "around"),
        ("hAnchor", "page"),
        ("vAnchor", "page"),
        ("x", str(int(Mm(x).twips))),
        ("y", str(int(Mm(y).twips))),
    ):
        frame.set(qn(f"w:{key}"), value)
    p_pr.insert(0, frame)
    return paragraph


def _mark(container: Any, y: float, length: float) -> None:
    """A fold or punch mark: a short line at *y* mm from the top, at the left edge."""
    paragraph = _frame_paragraph(container, x=4.0, y=y, width=length, height=1.0)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000")):
        top.set(qn(f"w:{key}"), value)
    borders.append(top)
    p_pr.append(borders)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "20")
    spacing.set(qn("w:lineRule"), "exact")
    p_pr.append(spacing)


def letter_page(doc: Doc, *, frame: str, footer_text: str, multi: str | None = None) -> None:
    """The page of a letter (DIN 5008 Form B) for every section of *doc*: the letterhead of
    ``{frame}.letterhead`` and the fold marks (105 and 210 mm) and punch mark (148,5 mm) in the
    first page's header, the body from 45 mm (the Anschriftfeld), and on every page the footer
    *footer_text* with »Seite x von y«. *multi* (a Jinja test) says the document holds several
    letters, each numbered from 1: then y counts the pages of the letter (SECTIONPAGES)."""
    for section in doc.sections:
        section.top_margin, section.bottom_margin = Mm(45), Mm(20)
        section.left_margin, section.right_margin = Mm(25), Mm(20)
        section.header_distance, section.footer_distance = Mm(10), Mm(10)
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        section.header.is_linked_to_previous = False
        head = section.first_page_header
        first = head.paragraphs[0]
        first.style = doc.styles["Briefkopf"]
        first.add_run(f"{{{{ {frame}.letterhead[0] }}}}")
        line = head.add_paragraph(style="Briefkopfzeile")
        line.add_run(f'{{{{ {frame}.letterhead[1:]|join(" · ") }}}}')
        fold_top, fold_bottom = FORM_B["fold_marks"]
        for y, length in ((fold_top, 5.0), (FORM_B["punch_mark"], 8.0), (fold_bottom, 5.0)):
            _mark(head, y, length)
        # LibreOffice drops a frame in the last paragraph of a header: an empty one ends it
        closing_paragraph = head.add_paragraph(style="Briefkopfzeile")
        closing_paragraph.paragraph_format.line_spacing = Pt(1)
        closing_paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        for footer in (section.first_page_footer, section.footer):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.style = doc.styles["Fußzeile"]
            paragraph.add_run(f"{footer_text}Seite ")
            _field(paragraph, "PAGE")
            paragraph.add_run(" von ")
            if multi:
                # several letters in one file: y counts the pages of the letter (SECTIONPAGES;
                # for LibreOffice, documents/section_pages.py writes the counts in)
                paragraph.add_run(f"{{% if {multi} %}}")
                _field(paragraph, "SECTIONPAGES")
                paragraph.add_run("{% else %}")
                _field(paragraph, "NUMPAGES")
                paragraph.add_run("{% endif %}")
            else:
                _field(paragraph, "NUMPAGES")


def address_field(doc: Doc, *, frame: str, address: str) -> None:
    """Anschriftfeld and Informationsblock (DIN 5008 Form B) as one borderless table at the
    top of the first page: the Zusatz- und Vermerkzone (17,7 mm; Rücksendeangabe, then
    Vermerke, filled from the bottom) and the Anschriftzone (27,3 mm) from 25 mm (the field
    from 20 mm, 5 mm inset), the Informationsblock from 125 mm and 50 mm. The rows have exact
    heights, so that nothing below moves with the length of the address."""
    table = doc.add_table(rows=2, cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _no_borders(table)
    inset = 5.0
    info_gap = FORM_B["info_left"] - FORM_B["address_left"] - FORM_B["address_width"]
    # the text of the field stands at 25 mm (the left margin), the field itself from 20 mm
    set_widths(
        table,
        (
            (FORM_B["address_width"] - inset) / 10,
            info_gap / 10,
            FORM_B["info_width"] / 10,
        ),
    )
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for edge in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)
    keep_rows_whole(table)
    for row, height in zip(
        table.rows, (FORM_B["notes_height"], FORM_B["address_height"]), strict=True
    ):
        tr_pr = row._tr.get_or_add_trPr()
        element = OxmlElement("w:trHeight")
        element.set(qn("w:val"), str(int(Mm(height).twips)))
        element.set(qn("w:hRule"), "exact")
        tr_pr.append(element)
    notes, address_cell = table.rows[0].cells[0], table.rows[1].cells[0]
    notes.vertical_alignment = WD_ALIGN_VERTICAL.BOTTOM
    _cell_para(notes, f"{{{{ {frame}.return_line }}}}", "Rücksendeangabe", first=True)
    _cell_para(notes, f"{{%p for line in {frame}.notes %}}", "Vermerk")
    _cell_para(notes, "{{ line }}", "Vermerk")
    _cell_para(notes, "{%p endfor %}", "Vermerk")
    _cell_para(address_cell, f"{{%p for line in {address} %}}", "Anschriftzone", first=True)
    _cell_para(address_cell, "{{ line }}", "Anschriftzone")
    _cell_para(address_cell, "{%p endfor %}", "Anschriftzone")
    info = table.cell(0, 2).merge(table.cell(1, 2))
    info.vertical_alignment = WD_ALIGN_VERTICAL.TOP
    top = FORM_B["info_top"] - FORM_B["address_top"]
    first = _cell_para(info, f"{{%p for line in {frame}.info %}}", "Informationsblock", first=True)
    first.paragraph_format.space_before = Pt(0)
    spacer = info.paragraphs[0].insert_paragraph_before("", style="Informationsblock")
    spacer.paragraph_format.line_spacing = Mm(top)
    spacer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    _cell_para(info, "{{ line.label }}\t{{ line.value }}", "Informationsblock")
    _cell_para(info, "{%p endfor %}", "Informationsblock")


def closing(doc: Doc, *, party: str, signatories: str) -> None:
    """Gruß, the sending party and the signatures in one table row that is never split, so
    that closing and signatures stand on one page; one column per signatory (at most two)."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _no_borders(table)
    set_widths(table, (8.25, 8.25))
    keep_rows_whole(table)
    for index, cell in enumerate(table.rows[0].cells):
        signer = f"{signatories}[{index}]"
        guard = f"{{%p if {signatories}|length > {index} %}}"
        _cell_para(cell, guard, "Gruß", first=True)
        _cell_para(cell, "Mit freundlichen Grüßen" if index == 0 else "", "Gruß")
        _cell_para(cell, f"Für {{{{ {party} }}}}" if index == 0 else "", "Gruß")
        _cell_para(cell, "______________________________", "Unterschrift Linie")
        _cell_para(cell, f"{{%p if {signer}.prefix %}}", "Unterschrift")
        _cell_para(cell, f"{{{{ {signer}.prefix }}}}", "Unterschrift")
        _cell_para(cell, "{%p endif %}", "Unterschrift")
        _cell_para(cell, f'{{{{ {signer}.name or "(Name)" }}}}', "Unterschrift")
        _cell_para(cell, f"{{{{ {signer}.title }}}}", "Unterschrift")
        _cell_para(cell, "{%p endif %}", "Unterschrift")


def kuendigung() -> Doc:
    """A Kündigung from one party: one DIN 5008 letter (Form B) per recipient, each on its own
    pages, numbered »Seite x von y« within the letter; an Empfangsbekenntnis on request."""
    doc = new_document("Kündigung")
    t = "termination"
    tag(doc, f"{{%p for letter in {t}.letters %}}")
    address_field(doc, frame=f"{t}.frame", address="letter.address_lines")
    # a letter without sender profile only as a marked draft (--entwurf, issue 23)
    tag(doc, f"{{%p if {t}.draft %}}")
    para(doc, "ENTWURF – nicht versenden", style="Entwurfsvermerk")
    para(doc, f'Es fehlen: {{{{ {t}.missing|join("; ") }}}}', style="Fassungshinweis")
    tag(doc, "{%p endif %}")
    para(doc, f"{{{{ {t}.subject }}}}", style="Betreff")
    para(doc, "{{ letter.salutation }}", style="Anrede")
    para(
        doc,
        f"hiermit kündigen wir {{{{ {t}.agreement_accusative }}}}"
        f"{{% if {t}.clause %}} gemäß {{{{ {t}.clause }}}}{{% endif %}} "
        f"fristgerecht zum {{{{ {t}.terminates_on|long_date }}}}, hilfsweise zum "
        f"nächstmöglichen Termin. {{{{ {t}.effect }}}}",
        style="Brieftext",
    )
    tag(doc, f"{{%p if {t}.frame.council %}}")
    para(doc, f"{{{{ {t}.frame.council }}}}", style="Brieftext")
    tag(doc, "{%p endif %}")
    para(
        doc,
        f"{{% if {t}.copies %}}{{{{ {t}.copies }}}} {{% endif %}}Die Kündigung bedarf der "
        "Schriftform; dieses Schreiben ist im Original unterzeichnet.",
        style="Brieftext",
    )
    tag(doc, f"{{%p if {t}.authority_copy %}}")
    para(doc, f"{{{{ {t}.authority_copy }}}}", style="Brieftext")
    tag(doc, "{%p endif %}")
    para(
        doc,
        f"{{% if {t}.frame.acknowledgement %}}Bitte senden Sie uns das beigefügte "
        "Empfangsbekenntnis unterschrieben zurück.{% else %}Bitte bestätigen Sie uns den "
        "Eingang dieses Schreibens unter Angabe des Eingangsdatums.{% endif %}",
        style="Brieftext",
    )
    closing(doc, party="sender.accusative", signatories=f"{t}.signatories")
    tag(doc, f"{{%p if {t}.frame.acknowledgement %}}")
    acknowledgement(doc, t)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if not loop.last %}")
    section_break(doc)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    letter_page(
        doc,
        frame=f"{t}.frame",
        footer_text=(
            f"{{% if {t}.draft %}}ENTWURF – {{% endif %}}{{{{ sender.name }}}} – Kündigung – "
        ),
        multi=f"{t}.letters|length > 1",
    )
    return doc


def acknowledgement(doc: Doc, t: str) -> None:
    """The Empfangsbekenntnis of a letter, on a page of its own, to sign and return."""
    heading = para(doc, "Empfangsbekenntnis", style="Anlage")
    heading.paragraph_format.space_after = Pt(18)
    para(doc, f"An {{{{ {t}.frame.return_line }}}}", style="Brieftext")
    para(
        doc,
        f"Das Schreiben {{{{ sender.genitive }}}} vom {{{{ {t}.date|long_date }}}} "
        f"({{{{ {t}.subject }}}}) habe ich für {{{{ letter.recipient.accusative }}}} am "
        "____________________ erhalten.",
        style="Brieftext",
    )
    para(doc, "______________________________", style="Unterschrift Linie")
    para(doc, "Ort, Datum, Unterschrift, Dienstsiegel", style="Unterschrift")


def kuendigungsvermerk() -> Doc:
    """The internal Vermerk of a Kündigung for the file: dates, derivation, recipients."""
    doc = new_document("Vermerk zur Kündigung")
    t = "termination"
    para(doc, "Vermerk", style="Title")
    para(doc, f"{{{{ {t}.subject }}}}", style="Subtitle")
    para(doc, "Nur für die Akte – nicht versenden.", style="Fassung")
    rows = (
        ("Kündigende Partei", "{{ sender.name }}"),
        ("Stand", "{{ on|date }}"),
        ("Kündigung zum", f"{{{{ {t}.terminates_on|date }}}}"),
        ("Letzter Zugangstag", f"{{{{ {t}.deadline|date }}}}"),
        ("Zugang praktisch bis", f"{{{{ {t}.practical_deadline|date }}}}"),
        ("Kündigungsregel", f"{{{{ {t}.notice }}}}"),
        ("Regelung", f'{{{{ {t}.clause or "–" }}}}'),
        ("Unterschriften", f"{{{{ {t}.signatories|length }}}} ({{{{ {t}.signature_provision }}}})"),
    )
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = doc.styles["Table Grid"]
    set_widths(table, (5.0, 11.5))
    keep_rows_whole(table)
    for row, (label, value) in zip(table.rows, rows, strict=True):
        _cell(row.cells[0], label, bold=True)
        _cell(row.cells[1], value)
    tag(doc, f"{{%p if {t}.non_working %}}")
    para(
        doc,
        f"Der {{{{ {t}.deadline|date }}}} ist ein {{{{ {t}.non_working }}}}; die Frist verschiebt "
        "sich dadurch nicht (§\u00a0193 BGB gilt nicht für Kündigungsfristen). Zugang daher "
        f"spätestens am letzten Arbeitstag davor, dem {{{{ {t}.practical_deadline|date }}}}.",
    )
    tag(doc, "{%p endif %}")
    tag(doc, f"{{%p if {t}.missed %}}")
    para(doc, f"{{{{ {t}.missed }}}}")
    tag(doc, "{%p endif %}")
    tag(doc, f"{{%p if {t}.gkg_steps %}}")
    para(doc, "Anzeige und Bekanntmachung (GkG NRW)", style="Heading 1")
    tag(doc, f"{{%p for line in {t}.gkg_steps %}}")
    para(doc, "{{ line.label }}: {{ line.value }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    para(doc, "Fristberechnung", style="Heading 1")
    para(doc, f"{{{{ {t}.computation }}}}", style="Berechnung")
    tag(doc, f"{{%p for line in {t}.derivation %}}")
    para(doc, "{{ line }}", style="Berechnung")
    tag(doc, "{%p endfor %}")
    para(doc, "Empfänger (je ein Schreiben, Zugang nachweisen)", style="Heading 1")
    tag(doc, f"{{%p for letter in {t}.letters %}}")
    para(doc, '{{ letter.address_lines|join(", ") }}', style="Empfängerliste")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if warnings %}")
    para(doc, "Hinweise", style="Heading 1")
    tag(doc, "{%p for warning in warnings %}")
    para(doc, "{{ warning }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    footer(doc, "Vermerk Kündigung – ")
    return doc


def steckbrief() -> Doc:
    """The Interkommunales.NRW project profile (fields of seeds 001 and 004)."""
    doc = new_document("Steckbrief")
    para(doc, "{{ profile.title }}", style="Title")
    para(doc, "{{ profile.participants_text }}", style="Subtitle")

    def field(label: str, value: str, guard: str | None = None) -> None:
        if guard:
            tag(doc, f"{{%p if {guard} %}}")
        para(doc, label, style="Feldname")
        para(doc, value)
        if guard:
            tag(doc, "{%p endif %}")

    def lines(label: str, items: str, line: str = "{{ line }}") -> None:
        tag(doc, f"{{%p if {items} %}}")
        para(doc, label, style="Feldname")
        tag(doc, f"{{%p for line in {items} %}}")
        para(doc, line)
        tag(doc, "{%p endfor %}")
        tag(doc, "{%p endif %}")

    field("Stichworte:", '{{ profile.keywords|join(", ") }}', "profile.keywords")
    field("Hauptverantwortlich:", "{{ profile.lead }}", "profile.lead")
    field(
        "Sonstige Beteiligte:",
        '{{ profile.other_participants|join(", ") }}',
        "profile.other_participants",
    )
    lines("Kurzprofil:", "profile.summary")
    field("Anlass:", "{{ profile.occasion }}", "profile.occasion")
    field("Ziel:", "{{ profile.goal }}", "profile.goal")
    lines("Umsetzung:", "profile.implementation")
    field("Finanzierung:", "{{ profile.financing }}", "profile.financing")
    field("Rechtsform:", "{{ profile.legal_form }}")
    field("Zusammenarbeit seit:", "{{ profile.since }}")
    lines("Kontakt:", "profile.contact")
    lines("Links:", "profile.links", line="{{r line.rich }}")
    # empty fields get no heading; which are empty goes to the terminal or the web page, never
    # into the document (issue 23)
    footer(doc, "Steckbrief Interkommunales.NRW – ")
    return doc


def _cell(cell: Any, text: str, *, bold: bool = False, right: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = cell.part.document.styles["Tabelle rechts" if right else "Tabelle"]
    run = paragraph.add_run(text)
    run.bold = bold or None


def loop_table(
    doc: Doc,
    headers: tuple[str, ...],
    loop: str,
    cells: tuple[str, ...],
    widths: tuple[float, ...],
    *,
    right: tuple[int, ...] = (),
    total: tuple[str, ...] = (),
) -> Any:
    """A table: bold header row (repeated on each page), one row per item of ``{%tr for
    loop %}``, and a bold *total* row; the columns in *right* are right-aligned."""
    table = doc.add_table(rows=4 + bool(total), cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_widths(table, widths)
    keep_rows_whole(table)
    for i, (cell, text) in enumerate(zip(table.rows[0].cells, headers, strict=True)):
        _cell(cell, text, bold=True, right=i in right)
    _repeat_header(table.rows[0])
    _cell(table.rows[1].cells[0], f"{{%tr for {loop} %}}")
    for i, (cell, text) in enumerate(zip(table.rows[2].cells, cells, strict=True)):
        _cell(cell, text, right=i in right)
    _cell(table.rows[3].cells[0], "{%tr endfor %}")
    if total:
        for i, (cell, text) in enumerate(zip(table.rows[4].cells, total, strict=True)):
            _cell(cell, text, bold=True, right=i in right)
    return table


def label_table(doc: Doc, loop: str, widths: tuple[float, float]) -> Any:
    """Label and value per row, one row per item of ``{%tr for loop %}`` (``line.label``,
    ``line.value``), labels bold; rows never split."""
    table = doc.add_table(rows=3, cols=2)
    table.style = table.part.document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_widths(table, widths)
    keep_rows_whole(table)
    _cell(table.rows[0].cells[0], f"{{%tr for {loop} %}}")
    _cell(table.rows[1].cells[0], "{{ line.label }}", bold=True)
    _cell(table.rows[1].cells[1], "{{ line.value }}")
    _cell(table.rows[2].cells[0], "{%tr endfor %}")
    return table


def share_table(doc: Doc) -> Any:
    """The Umlage of the year: party, key figure, share, amount, and the sum."""
    return loop_table(
        doc,
        ("Partei", "Schlüsselgröße", "Anteil", "Betrag"),
        "row in umlage.rows",
        ("{{ row.party }}", "{{ row.figure }}", "{{ row.percent }}", "{{ row.amount }}"),
        (6.5, 4.0, 2.5, 3.5),
        right=(2, 3),
        total=("Summe", "", "100 %", "{{ umlage.total }}"),
    )


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def umlage() -> Doc:
    """The Umlageberechnung of a budget year: from the payee to one paying party."""
    doc = new_document("Umlageberechnung")
    letter = "umlage_letter"
    address_field(doc, frame=f"{letter}.frame", address=f"{letter}.recipient_lines")
    para(doc, f"{{{{ {letter}.subject }}}}", style="Betreff")
    para(doc, "Sehr geehrte Damen und Herren,", style="Anrede")
    para(
        doc,
        "hiermit erhalten Sie die Berechnung Ihres Anteils an der Umlage für das Haushaltsjahr "
        f"{{{{ {letter}.year }}}}. {{{{ umlage.basis_text }}}}",
    )
    tag(doc, f"{{%p if {letter}.frame.council %}}")
    para(doc, f"{{{{ {letter}.frame.council }}}}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if umlage.exempt %}")
    para(doc, "Von der Umlage ausgenommen: {{ umlage.exempt|join_names }}.")
    tag(doc, "{%p endif %}")
    para(
        doc,
        f"Auf {{{{ {letter}.payer.accusative }}}} entfällt ein Anteil von "
        f"{{{{ {letter}.share.percent }}}}, das sind {{{{ {letter}.share.amount }}}}:",
    )
    share = doc.add_table(rows=4, cols=2)
    share.style = doc.styles["Table Grid"]
    share.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_widths(share, (3.5, 13.0))
    keep_rows_whole(share)
    for row, (label, value) in zip(
        share.rows,
        (
            ("Schlüsselgröße", f"{{{{ {letter}.share.figure }}}}"),
            ("Anteil", f"{{{{ {letter}.share.percent }}}}"),
            ("Betrag", f"{{{{ {letter}.share.amount }}}}"),
            ("Berechnung", f"{{{{ {letter}.share.derivation }}}}"),
        ),
        strict=True,
    ):
        _cell(row.cells[0], label, bold=True)
        _cell(row.cells[1], value)
    para(doc, "Die Anteile aller zahlenden Vertragsparteien", style="Tabellentitel")
    share_table(doc)
    tag(doc, "{%p if umlage.notes %}")
    para(doc, "Hinweise zur Berechnung:", style="Tabellentitel")
    tag(doc, "{%p for note in umlage.notes %}")
    para(doc, "{{ note }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    para(doc, "Zahlungstermine", style="Tabellentitel")
    loop_table(
        doc,
        ("Fällig am", "Zahlung", "Betrag"),
        f"payment in {letter}.share.payments",
        ("{{ payment.due|date }}", "{{ payment.label }}", "{{ payment.amount }}"),
        (3.5, 9.5, 3.5),
        right=(2,),
        total=("Summe", "", f"{{{{ {letter}.share.amount }}}}"),
    )
    para(doc, "")  # tables side by side would become one
    tag(doc, f"{{%p if {letter}.account %}}")
    # the request and the bank details in one row that never splits: no »Verwendungszweck«
    # alone on the next page
    outer = doc.add_table(rows=1, cols=1)
    _no_borders(outer)
    set_widths(outer, (16.5,))
    keep_rows_whole(outer)
    cell = outer.rows[0].cells[0]
    _cell_para(
        cell,
        "Wir bitten, die Beträge zu den genannten Terminen unter Angabe des Verwendungszwecks "
        "auf folgendes Konto zu überweisen:",
        "Tabellentitel",
        first=True,
    )
    label_table(cell, f"line in {letter}.account", (3.5, 12.8))
    _cell_para(cell, "", "Textabsatz")
    tag(doc, "{%p else %}")
    para(
        doc,
        "Wir bitten, die Beträge zu den genannten Terminen an "
        f"{{{{ {letter}.payee.accusative }}}} zu überweisen "
        f"(Verwendungszweck: {{{{ {letter}.purpose }}}}).",
    )
    tag(doc, "{%p endif %}")
    tag(doc, f"{{%p if {letter}.overdue %}}")
    para(doc, f"{{{{ {letter}.overdue }}}}")
    tag(doc, "{%p endif %}")
    para(doc, f"Rechtsgrundlage: {{{{ {letter}.legal_basis }}}}.")
    closing(doc, party=f"{letter}.payee.accusative", signatories=f"{letter}.signatories")
    letter_page(
        doc,
        frame=f"{letter}.frame",
        footer_text=f"{{{{ {letter}.payee.name }}}} – Umlageberechnung {{{{ {letter}.year }}}} – ",
    )
    return doc


def fristenuebersicht() -> Doc:
    """The deadlines of a folder of agreements, most urgent first."""
    doc = new_document("Fristenübersicht", landscape=True)
    para(doc, "Fristenübersicht", style="Title")
    para(doc, "{{ folder }} – Stand {{ on|date }}", style="Subtitle")
    para(
        doc,
        "{{ count }} Vereinbarungsdatei(en), die dringendste Frist zuerst. »Zugang bis« ist der "
        "letzte Tag, an dem eine Kündigung allen Vertragspartnern zugegangen sein muss, damit "
        "sie zum Termin »Ende zum« wirkt; Wochenenden und Feiertage verschieben ihn nicht.",
    )
    tag(doc, "{%p if errors %}")
    para(doc, "Nicht ausgewertet", style="Heading 1")
    tag(doc, "{%p for error in errors %}")
    para(doc, "{{ error.message }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    headers = ("Zugang bis", "Tage", "Ende zum", "Laufzeit bis", "Status", "Vereinbarung")
    cells = (
        '{{ row.notice_deadline or "–" }}',
        '{{ row.days_left if row.days_left is not none else "–" }}',
        '{{ row.terminates_on or "–" }}',
        '{{ row.current_term_end or "unbefristet" }}',
        "{{ row.status }}",
        "{{ row.title }} ({{ row.file }})",
    )
    # the agreement gets the room; dates fit "30.06.2026", the status "Bekanntmachung ausstehend"
    loop_table(doc, headers, "row in rows", cells, (2.3, 1.2, 2.3, 2.4, 3.5, 13.5))
    tag(doc, "{%p if rows|selectattr('warnings')|list %}")
    para(doc, "Hinweise", style="Heading 1")
    tag(doc, "{%p for row in rows %}")
    tag(doc, "{%p for warning in row.warnings %}")
    para(doc, "{{ row.title }} ({{ row.file }}): {{ warning }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    footer(doc, "Fristenübersicht {{ on|date }} – ")
    return doc


BUILDERS: dict[str, Callable[[], Doc]] = {
    "kooperationsvereinbarung": kooperationsvereinbarung,
    "kuendigung": kuendigung,
    "kuendigungsvermerk": kuendigungsvermerk,
    "umlage": umlage,
    "steckbrief": steckbrief,
    "fristenuebersicht": fristenuebersicht,
}


def reproducible(doc: Doc) -> bytes:
    """The .docx bytes with fixed zip timestamps and entry order."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="nur vergleichen, nichts schreiben")
    parser.add_argument("--out", type=Path, default=TEMPLATES, help="Zielordner")
    args = parser.parse_args(argv)
    differs = []
    args.out.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        target = args.out / f"{name}.docx"
        content = reproducible(build())
        if args.check:
            if not target.is_file() or target.read_bytes() != content:
                differs.append(target)
            continue
        if not target.is_file() or target.read_bytes() != content:
            tmp = target.with_suffix(".docx.tmp")
            tmp.write_bytes(content)
            tmp.replace(target)
            print(
                f"geschrieben: {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}"
            )
    if differs:
        print("Nicht aktuell: " + ", ".join(str(p) for p in differs), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
