"""»Seite x von y« within each letter of a file that holds several letters (a Kündigung to all
recipients): y is the number of pages of that letter, not of the file.

Word computes the field SECTIONPAGES (ECMA-376 Part 1, 17.16.5.60) itself. LibreOffice (7.4)
does not know it and prints the result stored in the field. For the PDF the document is
therefore converted twice: the first PDF says where each letter begins (its page numbers
restart at 1, ``w:pgNumType w:start="1"``); each section then gets a footer of its own whose
SECTIONPAGES result is the page count of its letter, and the second conversion prints it.
Documents without SECTIONPAGES are converted once, as before.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile

__all__ = ["letter_page_counts", "uses_section_pages", "with_section_pages"]

_FOOTER = re.compile(r"word/footer\d*\.xml")
_PAGE = re.compile(r"Seite (\d+) von \d+")


def uses_section_pages(docx: bytes) -> bool:
    """Whether a footer of *docx* holds a SECTIONPAGES field."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return any(
            _FOOTER.fullmatch(name) and b"SECTIONPAGES" in archive.read(name)
            for name in archive.namelist()
        )


def letter_page_counts(pdf: bytes) -> list[int]:
    """The number of pages of each letter of *pdf*: a letter begins where »Seite 1 von«
    stands in the footer (the last such line of a page). Empty if no page says it."""
    import pypdf

    numbers = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        found = _PAGE.findall(page.extract_text() or "")
        numbers.append(int(found[-1]) if found else None)
    counts: list[int] = []
    for number in numbers:
        if number == 1 or not counts:
            counts.append(1)
        else:
            counts[-1] += 1
    return counts if any(n is not None for n in numbers) else []


def with_section_pages(docx: bytes, counts: list[int]) -> bytes:
    """*docx* with a footer of its own for each section, whose SECTIONPAGES result is the
    section's entry of *counts*; unchanged if the numbers of sections and counts differ."""
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(docx))
    sections = list(document.sections)
    if len(sections) != len(counts):
        return docx
    for section, count in zip(sections, counts, strict=True):
        for kind, attribute in (("default", "footer"), ("first", "first_page_footer")):
            sect_pr = section._sectPr
            references = [
                r for r in sect_pr.findall(qn("w:footerReference")) if r.get(qn("w:type")) == kind
            ]
            if not references:
                continue
            original = getattr(section, attribute)._element
            content = [copy.deepcopy(child) for child in original]
            for reference in references:
                sect_pr.remove(reference)
            footer = getattr(section, attribute)
            footer.is_linked_to_previous = False
            element = footer._element
            for child in list(element):
                element.remove(child)
            for child in content:
                element.append(child)
            for field in element.iter(qn("w:fldSimple")):
                if "SECTIONPAGES" in (field.get(qn("w:instr")) or ""):
                    for text in field.iter(qn("w:t")):
                        text.text = str(count)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
