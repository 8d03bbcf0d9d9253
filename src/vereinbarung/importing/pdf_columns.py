"""Two columns side by side in a PDF page, read one after the other.

pypdf's layout mode (``extract_text(extraction_mode="layout")``) keeps the page's geometry:
where two blocks stand side by side — the Vertragskopf of a document set in two columns
(»zwischen der Gemeinde A« left, »der Gemeinde B« right, each with representative and address),
two signature blocks next to each other — one text line holds both, separated by a wide run of
spaces. Read as it stands, the line runs the two parties together (»zwischen der der Gemeinde A
Gemeinde B«). :func:`split_columns` finds such runs of lines and gives the left column's lines
first, then the right column's, as a reader reads them.

A run is at least :data:`MIN_RUN` consecutive lines that all have a gap of at least
:data:`MIN_GAP` spaces across one common column in the middle of the page (between 25 % and
75 % of the longest line), so that indented paragraph numbers, centred headings and justified
text are never split. Lines outside such a run are left as they are.
"""

from __future__ import annotations

import re

__all__ = ["MIN_GAP", "MIN_RUN", "split_columns"]

#: The fewest spaces between two columns.
MIN_GAP = 6
#: The fewest consecutive lines that make two columns.
MIN_RUN = 3

_GAP = re.compile(rf"(?<=\S) {{{MIN_GAP},}}(?=\S)")


def _gaps(line: str, low: int, high: int) -> list[tuple[int, int]]:
    """The wide gaps of *line* (start, end) that lie at least partly in [low, high)."""
    return [(m.start(), m.end()) for m in _GAP.finditer(line) if m.end() > low and m.start() < high]


def _common(run: list[list[tuple[int, int]]]) -> int | None:
    """A column inside one gap of every line of *run*, or None."""
    candidates = {position for start, end in run[0] for position in range(start + 1, end)}
    for gaps in run[1:]:
        candidates &= {position for start, end in gaps for position in range(start + 1, end)}
        if not candidates:
            return None
    return min(candidates) if candidates else None


def split_columns(lines: list[str]) -> list[str]:
    """*lines* (layout mode, not stripped) with each two-column run read column by column: the
    left column's lines, then the right column's."""
    width = max((len(line.rstrip()) for line in lines), default=0)
    low, high = width // 4, width * 3 // 4
    result: list[str] = []
    index = 0
    while index < len(lines):
        end = index
        gaps: list[list[tuple[int, int]]] = []
        while end < len(lines) and (found := _gaps(lines[end], low, high)):
            gaps.append(found)
            end += 1
        split = _common(gaps) if end - index >= MIN_RUN else None
        if split is None:
            result.append(lines[index])
            index += 1
            continue
        run = lines[index:end]
        result.extend(line[:split].rstrip() for line in run)
        result.append("")
        result.extend(line[split:].strip() for line in run)
        index = end
    return result
