"""Term wordings beyond the plain clause: minimum terms, the form of a notice, new notice shapes.

Rules used by :mod:`vereinbarung.importing.term` for one sentence:

* **Mindestlaufzeit** ("hat eine Mindestlaufzeit von 5 Jahren", "kann frühestens nach Ablauf
  von fünf Jahren gekündigt werden", "erstmals nach Ablauf von drei Jahren"): a period after
  which the agreement may end, never a fixed term. :mod:`vereinbarung.importing.resolve` turns
  it into ``earliest_end`` (the last day of the period from the day of effect, §§ 187, 188
  BGB), or a review item where the day of effect is not known. Where the text can also mean
  that the *declaration* may only be made after the period ("erstmals nach Ablauf … gekündigt
  werden"), the end may be later: a review item says so.
* **Form of a notice**: "bedarf der Schriftform", "schriftlich", "durch eingeschriebenen
  Brief" (Schriftform); "in Textform" (Textform); "elektronisch", "per E-Mail" (as written).
  A sentence about the notice that names a form no rule reads is a review item.
* **Notice shapes the file format does not hold yet** (a notice to the end of a calendar
  half-year, to days of the year such as "zum 31.07.", periods in working days "10
  Arbeitstage"/"12 Werktage", receipt "bis zum 30.06."): recognised and quoted in a review
  item, never written as a different value.
"""

from __future__ import annotations

import re

__all__ = ["MINIMUM_TERM_LEFT", "form_of_notice", "new_shapes", "unclear_minimum"]

#: Text before a period that makes it a minimum term ("Mindestlaufzeit von", "frühestens nach
#: Ablauf von").
MINIMUM_TERM_LEFT = re.compile(
    r"(?:mindest(?:vertrags)?laufzeit|mindestdauer|mindestvertragsdauer)\s+(?:von\s+|beträgt\s+|"
    r"(?:ist|sind)\s+)?(?:zunächst\s+)?$"
    r"|(?:frühestens|erstmals|erstmalig|nicht\s+vor)\s+(?:jedoch\s+)?(?:nach\s+)?(?:ablauf\s+)?"
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


_HALF_YEAR = re.compile(
    r"(?:ende|schluss|ablauf)\s+(?:eines|des|jedes|jeden)\s+(?:jeweiligen\s+)?"
    r"(?:kalender)?halbjahr(?:e)?s|halbjahres(?:ende|schluss)|"
    r"zum\s+30\.\s?0?6\.\s+(?:und|oder|bzw\.)\s+(?:zum\s+)?31\.\s?12\.",
    re.IGNORECASE,
)
_DAY_OF_YEAR = re.compile(
    r"(?<!bis\s)zum\s+(?P<day>(?:0?[1-9]|[12]\d|3[01])\.\s?(?:0?[1-9]|1[0-2])\.)(?!\s?\d{4})"
    r"(?:\s+(?:eines|jedes|jeden|des)\s+(?:jeweiligen\s+)?(?:kalender)?jahres)?",
    re.IGNORECASE,
)
_WORKDAYS = re.compile(
    r"(?P<n>\d{1,3}|zehn|zwanzig|dreißig|fünf|vierzehn)\s+(?P<unit>arbeitstag|werktag)\w*",
    re.IGNORECASE,
)
_BY_DAY = re.compile(
    r"(?:bis\s+(?:spätestens\s+)?(?:zum\s+)?|spätestens\s+(?:bis\s+)?(?:zum\s+|am\s+)?)"
    r"(?P<day>\d{1,2}\.\s?\d{1,2}\.)(?!\s?\d{4})",
    re.IGNORECASE,
)


def new_shapes(low: str) -> list[tuple[str, str]]:
    """Review items (field, message) for notice shapes the file format does not hold yet."""
    if "kündig" not in low:
        return []
    found: list[tuple[str, str]] = []
    if _HALF_YEAR.search(low):
        found.append(
            ("term › notice_to", "Kündigungstermin zum Ende eines Kalenderhalbjahres erkannt – "
             "bitte prüfen und eintragen")
        )  # fmt: skip
    else:
        days = [
            m.group("day").replace(" ", "")
            for m in _DAY_OF_YEAR.finditer(low)
            if not re.match(r"31\.\s?12\.", m.group("day"))
        ]
        if days:
            found.append(
                ("term › notice_to", f"Kündigungstermin zum {' und '.join(days)} eines Jahres "
                 "erkannt – bitte prüfen und eintragen")
            )  # fmt: skip
    workdays = _WORKDAYS.search(low)
    if workdays:
        unit = "Arbeitstage" if workdays.group("unit").startswith("arbeit") else "Werktage"
        found.append(
            ("term › notice", f"Kündigungsfrist in {unit}n erkannt (»{workdays.group()}«) – "
             "bitte prüfen und eintragen")
        )  # fmt: skip
    by_day = _BY_DAY.search(low)
    if by_day and not re.search(r"(?:eines|des|jedes|jeden)\s+(?:jeweiligen\s+)?(?:kalender)?"
                                r"jahres", low[by_day.end() : by_day.end() + 40]):  # fmt: skip
        found.append(
            ("term › notice", f"Zugang der Kündigung bis zum {by_day.group('day')} erkannt – "
             "bitte prüfen und eintragen")
        )  # fmt: skip
    return found
