"""The fields of an amendment on the Ereignis page: the new wording and a new term clause.

**Neue Fassung** (``wording``, for the Lesefassung, :mod:`vereinbarung.model.consolidation`):
rows ``fassung-0-stelle`` (»§ 3« or »§ 3 Abs. 2«) and ``fassung-0-text``, as ``vereinbarung
record --section/--wording`` writes them.

**Neue Laufzeitregelung** (``term``):
A Nachtrag that changes the Laufzeit or the Kündigung replaces the whole term clause from its
day of effect (:meth:`vereinbarung.Agreement.version_on`). The Ereignis page offers the fields
of the structured form's »Laufzeit und Kündigung« with the prefix ``neu-``, filled in with the
clause in force today, behind the checkbox »Der Nachtrag ändert die Laufzeitregelung«; the
clause is written by the same code as the form's (:func:`.form_writer.term_data`), so both
write what ``vereinbarung record`` writes.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import vereinbarung
from vereinbarung.web.pages.form_choices import (
    DURING_TERM,
    FORM_NOTICE_TO_CHOICES,
    LABELS,
    TERM_FIELDS,
)
from vereinbarung.web.pages.form_writer import term_data
from vereinbarung.web.pages.structured import term_values

__all__ = [
    "PREFIX",
    "SWITCH",
    "WORDING_ROWS",
    "amended_term",
    "term_fields",
    "wording_error",
    "wording_from_post",
    "wording_rows",
]

PREFIX = "neu-"
#: The checkbox: the amendment changes the term clause (else the fields are not read).
SWITCH = "neue-laufzeitregelung"
_NAMES = (*TERM_FIELDS, "zugang_bis", "kuendigungstage", "fundstelle", DURING_TERM)
_PLACEHOLDERS = {
    "inkrafttreten": "01.01.2027",
    "laufzeitende": "31.12.2031",
    "laufzeit": "5 Jahre",
    "verlaengerung": "2 Jahre",
    "kuendigungsfrist": "6 Monate",
    "fruehestens": "31.12.2031",
    "zugang_bis": "30.06.",
    "kuendigungstage": "31.07.",
    "fundstelle": "§ 5",
}


def current_values(agreement: vereinbarung.Agreement, day: dt.date) -> dict[str, str]:
    """The fields filled in with the term clause in force on *day* (as written where possible)."""
    term = agreement.version_on(day).term
    return term_values(term, term.model_dump(mode="json", exclude_none=True))


def term_fields(
    agreement: vereinbarung.Agreement, values: Any, day: dt.date
) -> list[dict[str, Any]]:
    """The fields to show: name, label, value, placeholder, choices (a list) or checkbox."""
    posted = values.get(SWITCH) is not None or any(f"{PREFIX}{n}" in values for n in _NAMES)
    shown = (
        {n: str(values.get(f"{PREFIX}{n}", "")) for n in _NAMES}
        if posted
        else current_values(agreement, day)
    )
    fields = []
    for name in _NAMES:
        fields.append({
            "name": PREFIX + name,
            "label": "kann auch vor Ablauf der Laufzeit gekündigt werden" if name == DURING_TERM
            else LABELS[name],
            "value": shown.get(name, ""),
            "placeholder": _PLACEHOLDERS.get(name, ""),
            "choices": FORM_NOTICE_TO_CHOICES if name == "kuendigungstermin" else None,
            "checkbox": name == DURING_TERM,
        })  # fmt: skip
    return fields


def amended_term(post: Any, errors: dict[str, str]) -> dict[str, Any] | None:
    """The new term clause of the posted amendment, or None when the box is not ticked."""
    if not post.get(SWITCH):
        return None
    values = {name: str(post.get(PREFIX + name, "")).strip()[:200] for name in _NAMES}
    values[DURING_TERM] = "1" if values[DURING_TERM] else ""
    return term_data(values, errors, PREFIX) or None


#: Rows »Neue Fassung«: one empty row more than filled ones is shown (without JavaScript, too).
WORDING_ROWS = 20
_WORDING_PLACE = re.compile(r"§\s*\d{1,4}(?:\s*(?:Abs\.|Absatz)\s*\d{1,3})?")


def wording_from_post(post: Any, errors: dict[str, str]) -> list[dict[str, str]]:
    """The rows »Neue Fassung« of an amendment: [{section: »§ 3 Abs. 2«, text: …}]."""
    rows = []
    for i in range(WORDING_ROWS):
        place = str(post.get(f"fassung-{i}-stelle", "")).strip()[:100]
        text = str(post.get(f"fassung-{i}-text", "")).replace("\r\n", "\n").strip()[:20_000]
        if not place and not text:
            continue
        if not _WORDING_PLACE.fullmatch(place):
            errors[f"fassung-{i}-stelle"] = (
                f"Neue Fassung {i + 1}, Stelle: »{place}« – bitte »§ 3« (ganzer Paragraph) oder "
                "»§ 3 Abs. 2« (ein Absatz) eintragen."
            )
        elif not text:
            errors[f"fassung-{i}-text"] = (
                f"Neue Fassung {i + 1}: bitte den neuen Wortlaut eintragen."
            )
        else:
            rows.append({"section": place, "text": text})
    return rows


def wording_rows(values: Any, errors: dict[str, str]) -> list[tuple[int, str, str, str, str]]:
    """The rows »Neue Fassung« to show: the filled ones and one empty row (index, place,
    text, error of the place, error of the text)."""
    rows = []
    for i in range(WORDING_ROWS):
        place = str(values.get(f"fassung-{i}-stelle", ""))
        text = str(values.get(f"fassung-{i}-text", ""))
        if place.strip() or text.strip():
            rows.append((i, place, text))
    following = rows[-1][0] + 1 if rows else 0
    if following < WORDING_ROWS:
        rows.append((following, "", ""))
    return [
        (i, place, text, errors.get(f"fassung-{i}-stelle", ""), errors.get(f"fassung-{i}-text", ""))
        for i, place, text in rows
    ]


_WORDING = re.compile(r"Neue Fassung »([^«]+)«: (.+)$", re.DOTALL)


def wording_error(problem: str, post: Any) -> tuple[str, str] | None:
    """The field »Stelle« of the row »Neue Fassung« a finding of the library is about
    (:func:`vereinbarung.model.consolidation.wording_problem`) and the finding in its words,
    or None."""
    match = _WORDING.search(problem)
    if match is None:
        return None
    for i in range(WORDING_ROWS):
        if str(post.get(f"fassung-{i}-stelle", "")).strip() == match.group(1):
            reason = match.group(2)
            return f"fassung-{i}-stelle", reason[:1].upper() + reason[1:]
    return None
