"""Term wordings beyond the plain clause: minimum terms and the form of a notice.

Rules used by :mod:`vereinbarung.importing.term` for one sentence:

* **Mindestlaufzeit** ("hat eine Mindestlaufzeit von 5 Jahren", "kann frühestens nach Ablauf
  von fünf Jahren gekündigt werden", "erstmals nach/mit Ablauf von drei Jahren"): a period after
  which the agreement may end, never a fixed term. :mod:`vereinbarung.importing.resolve` turns
  it into ``earliest_end`` (the last day of the period from the day of effect, §§ 187, 188
  BGB), or a review item where the day of effect is not known. Where the text can also mean
  that the *declaration* may only be made after the period ("erstmals nach Ablauf … gekündigt
  werden"), the end may be later: a review item says so.
* **Form of a notice**: "bedarf der Schriftform", "schriftlich", "durch eingeschriebenen
  Brief" (Schriftform); "in Textform" (Textform); "elektronisch", "per E-Mail" (as written).
  A sentence about the notice that names a form no rule reads is a review item.
"""

from __future__ import annotations

import re

__all__ = ["MINIMUM_TERM_LEFT", "form_of_notice", "unclear_minimum"]

#: Text before a period that makes it a minimum term ("Mindestlaufzeit von", "frühestens nach
#: Ablauf von").
MINIMUM_TERM_LEFT = re.compile(
    r"(?:mindest(?:vertrags)?laufzeit|mindestdauer|mindestvertragsdauer)\s+(?:von\s+|beträgt\s+|"
    r"(?:ist|sind)\s+)?(?:zunächst\s+)?$"
    r"|(?:frühestens|erstmals|erstmalig|nicht\s+vor)\s+(?:jedoch\s+)?(?:nach\s+|mit\s+)?(?:ablauf\s+)?"
    r"(?:von\s+|der\s+ersten\s+|eines\s+zeitraums\s+von\s+)?$"
    r"|\bmindestens\s+(?:für\s+)?(?:die\s+dauer\s+von\s+|einen\s+zeitraum\s+von\s+)?$",
    re.IGNORECASE,
)
_DECLARATION_AFTER = re.compile(
    r"(?:erstmals|erstmalig|frühestens)\s+nach\s+(?:ablauf\s+)?[^.;]*?gekündigt", re.IGNORECASE
)


def unclear_minimum(low: str) -> bool:
    """Whether "frühestens/erstmals nach Ablauf von … gekündigt" can also mean that the notice
    may only be *given* after the period (then the agreement ends later)."""
    return bool(_DECLARATION_AFTER.search(low))


_FORM_WORDS = re.compile(
    r"\bform\b|formvorschrift|schriftform|schriftlich|textform|elektronisch|e-mail|einschreiben|"
    r"eingeschrieben|zustellungsurkunde|unterschrift",
    re.IGNORECASE,
)
_WRITTEN = re.compile(
    r"schriftform|schriftlich|eingeschrieben\w*\s+brief|einschreiben|zustellungsurkunde",
    re.IGNORECASE,
)


def form_of_notice(low: str) -> tuple[str | None, str | None]:
    """The form a notice needs, if the sentence says (``Schriftform``, ``Textform``,
    ``elektronisch``), and a review message if it names a form no rule reads."""
    if "kündig" not in low or not _FORM_WORDS.search(low):
        return None, None
    if re.search(r"(?:änderung|ergänzung|nebenabrede)\w*", low) and "kündigung" not in low:
        return None, None
    if _WRITTEN.search(low):
        return "Schriftform", None
    if "textform" in low:
        return "Textform", None
    if re.search(r"elektronisch|e-mail", low):
        return None, "Kündigung in elektronischer Form erwähnt; Form bitte eintragen"
    return None, "Formvorschrift für die Kündigung erwähnt, aber nicht verstanden"
