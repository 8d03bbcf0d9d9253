"""What must be entered or confirmed before an agreement's dates count: placeholders and review.

The importer writes a placeholder (:data:`PLACEHOLDER_DAY`, listed in ``term.placeholders``)
where the text does not give a date as a date (»tritt am Tage nach ihrer Bekanntmachung in
Kraft«), and open review points (``review``) where it could not read something with
certainty (issue 22). Until they are resolved the one state (:func:`vereinbarung.state.day.state_on`)
is ``unconfirmed`` and gives no deadlines: a date derived from a placeholder would be a guess.
"""

from __future__ import annotations

import datetime as dt

from vereinbarung.model.agreement import Agreement

__all__ = ["PLACEHOLDER_DAY", "PLACEHOLDER_LINE", "points_to_resolve"]

#: The importer's placeholder for an Inkrafttreten it could not find in the text.
PLACEHOLDER_DAY = dt.date(1900, 1, 1)

PLACEHOLDER_LINE = (
    "Keine Fristen: das Inkrafttreten oder ein anderes Datum der Laufzeitregelung ist noch ein "
    "Platzhalter."
)
_FIELD_LABELS = {
    "effective": "Inkrafttreten",
    "ends": "Laufzeitende",
    "duration": "Laufzeit",
    "notice": "Kündigungsfrist",
    "earliest_end": "»frühestens zum«",
}


def points_to_resolve(agreement: Agreement) -> tuple[list[str], bool]:
    """(what must be entered or confirmed first, whether a date is only a placeholder)."""
    term = agreement.term
    if not term.placeholders and not agreement.review and term.effective != PLACEHOLDER_DAY:
        return [], False
    fields = list(term.placeholders)
    if term.effective == PLACEHOLDER_DAY and "effective" not in fields:
        fields.insert(0, "effective")
    points = [
        f"{_FIELD_LABELS[name]} ist ein Platzhalter (term.{name}): bitte den wirklichen Wert "
        "eintragen und den Eintrag aus term.placeholders löschen."
        for name in fields
    ]
    points += [f"Offener Prüfpunkt (review): {item}" for item in agreement.review]
    return points, bool(fields)
