"""Two texts of an agreement side by side: the other person's version and one's own input.

Shown after a refused save (:class:`~vereinbarung.web.register.services.VersionConflict`) so
that whoever chooses to overwrite sees exactly what would be replaced. The lines come from
:class:`difflib.SequenceMatcher` (standard library); unchanged stretches are cut to
:data:`CONTEXT` lines around each change, as in a unified diff.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

#: Unchanged lines kept before and after each change.
CONTEXT = 2


@dataclass(frozen=True)
class Row:
    """One line of the comparison: left (theirs) and right (mine) with line numbers; *kind*
    ``gleich``, ``geaendert``, ``nur_links``, ``nur_rechts`` or ``luecke`` (lines left out)."""

    kind: str
    left_number: int | None = None
    left: str = ""
    right_number: int | None = None
    right: str = ""


def side_by_side(theirs: str, mine: str) -> list[Row]:
    """The changed places of *theirs* and *mine* line by line; empty when both are equal."""
    left, right = theirs.splitlines(), mine.splitlines()
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    rows: list[Row] = []
    for group in matcher.get_grouped_opcodes(CONTEXT):
        if rows:
            rows.append(Row("luecke"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows += [Row("gleich", i + 1, left[i], j + 1, right[j])
                         for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]  # fmt: skip
                continue
            for k in range(max(i2 - i1, j2 - j1)):
                i, j = i1 + k, j1 + k
                has_left, has_right = i < i2, j < j2
                kind = "geaendert" if has_left and has_right else (
                    "nur_links" if has_left else "nur_rechts"
                )  # fmt: skip
                rows.append(Row(
                    kind,
                    i + 1 if has_left else None, left[i] if has_left else "",
                    j + 1 if has_right else None, right[j] if has_right else "",
                ))  # fmt: skip
    return rows
