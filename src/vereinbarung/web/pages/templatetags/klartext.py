"""Template filter ``klartext``: the library's German texts without the keys of the file format.

The state's warnings and open points (:func:`vereinbarung.state_on`) are written for the command
line too, where the key a text names (»(on_party_notice)«, »Offener Prüfpunkt (review)«,
»term.placeholders«) tells the reader what to write into the file. Staff on the pages read the
same sentence without the key: the pages offer the form, not the file. The structured form
drops a placeholder once its real value is entered (:mod:`vereinbarung.web.pages.form_writer`),
so the sentence names the form's field instead of the file's list.
"""

from __future__ import annotations

import re

from django import template

register = template.Library()

#: »(on_party_notice)«, »(notice_to)«, »(term.effective)«, »(review)«: a key in parentheses.
_KEY_IN_PARENTHESES = re.compile(
    r" \((?:term\.)?(?:[a-z]+_[a-z_]+|effective|ends|duration|notice|renewal|review)\)"
)
_PLACEHOLDER_ENTRY = " und den Eintrag aus term.placeholders löschen"


@register.filter
def klartext(text: object) -> str:
    """*text* with the keys of the file format left out (German sentences stay as they are)."""
    plain = str(text).replace(
        _PLACEHOLDER_ENTRY,
        " (»Bearbeiten«, Abschnitt »Laufzeit und Kündigung«); der Vermerk »Platzhalter« entfällt "
        "damit von selbst",
    )
    return _KEY_IN_PARENTHESES.sub("", plain)
