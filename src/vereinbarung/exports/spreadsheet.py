"""Cells of the CSV files the project writes, safe to open in a spreadsheet.

Excel, LibreOffice Calc and Google Sheets treat a cell beginning with ``=``, ``+``, ``-`` or
``@`` as a formula – also after a tab or carriage return – so a title such as
``=HYPERLINK("http://…")`` in a CSV export would run when the file is opened (»CSV injection«).
Following OWASP's advice (https://owasp.org/www-community/attacks/CSV_Injection) every text cell
beginning with one of these characters gets a leading apostrophe, which the spreadsheet takes
as »text follows« and does not show. Numbers stay numbers: an ``int``, ``float`` or ``Decimal``
and a text that is only a number (``-12,50``, ``1.234,56``) are written unchanged.

A cell that begins with an apostrophe itself gets a second one, so that :func:`csv_cell_text`
gives back exactly what was written (``register.csv`` is read again by ``import-files``).

    >>> [csv_cell(v) for v in ["=1+1", "-12,50", -3, "@SUM(A1)", "Bauhof", "'s Hertogenbosch"]]
    ["'=1+1", '-12,50', -3, "'@SUM(A1)", 'Bauhof', "''s Hertogenbosch"]
    >>> csv_cell_text(csv_cell("+49 2131 928-0"))
    '+49 2131 928-0'
"""

from __future__ import annotations

import re
from decimal import Decimal

#: The first characters that make a spreadsheet read a cell as a formula (OWASP), and the
#: apostrophe (escaped as well, so that reading back is unambiguous).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
#: A text that is only a number, German or English notation (``-1.234,56``, ``+3``, ``0.5``).
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


def csv_cell(value: str | int | float | Decimal | None) -> str | int | float | Decimal:
    """*value* for a CSV cell: text that a spreadsheet would take as a formula gets a leading
    apostrophe; numbers (also a text that is only a number) and other text stay as they are;
    ``None`` is the empty cell."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_cell_text(cell: str) -> str:
    """The text a cell written by :func:`csv_cell` stood for (the leading apostrophe removed)."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_START):
        return cell[1:]
    return cell
