"""The consolidated text (Lesefassung) of an agreement on a day: which wording each § and
Absatz has, and which amendment gave it (issue 23).

An amendment (:class:`~vereinbarung.model.events.Amendment`) replaces whole sections
(``sections``) or gives the new wording of one § or one Absatz (``wording``); applied in the
order :meth:`Agreement.version_on` applies them (by ``effective``, then ``date``), only those
concluded and in effect by the day. An amendment that replaces the term clause (``term``) but
gives no wording of the § holding it leaves the printed text behind the rule the deadlines
follow: :func:`unworded_term_changes` names such amendments, so that no Lesefassung prints the
old clause as if it held (German drafting practice: »Lesefassung«, »Neubekanntmachung«, e.g.
Handbuch der Rechtsförmlichkeit, 3. Aufl. 2008, Rn. 707 ff.).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from vereinbarung.law.dates import format_date
from vereinbarung.model.agreement import Agreement
from vereinbarung.model.clauses import Paragraph, Section
from vereinbarung.model.events import Amendment, Wording

__all__ = [
    "Consolidated",
    "amendment_name",
    "applied_amendments",
    "consolidate",
    "term_text_section",
    "unworded_term_changes",
    "wording_problem",
]

_CLAUSE_NUMBER = re.compile(r"§\s*(\d+)")
_TERM_HEADING = re.compile(r"laufzeit|in-?kraft", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Consolidated:
    """The sections valid on a day and, per changed part, the amendment that worded it.

    ``changed`` maps (section number, Absatz number) to the amendment; Absatz ``None`` stands
    for the whole section (given anew by ``sections`` or a ``wording`` of »§ n«).
    """

    sections: tuple[Section, ...]
    changed: dict[tuple[int, int | None], Amendment]


def applied_amendments(agreement: Agreement, day: dt.date) -> list[Amendment]:
    """The amendments concluded and in effect by *day*, in the order they apply."""
    return sorted(
        (a for a in agreement.events_of(Amendment) if a.effective <= day and a.date <= day),
        key=lambda a: (a.effective, a.date),
    )


def amendment_name(amendment: Amendment) -> str:
    """»Änderungsvereinbarung vom 15.05.2026, gilt ab 01.08.2026«."""
    return (
        f"Änderungsvereinbarung vom {format_date(amendment.date)}, gilt ab "
        f"{format_date(amendment.effective)}"
    )


def _numbers(numbers: list[int]) -> str:
    """»§ 1 bis § 8«, »§ 1, § 3 bis § 5«: the numbers, runs of consecutive ones joined."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(
        f"§ {run[0]}" if len(run) == 1 else f"§ {run[0]} bis § {run[-1]}" for run in runs
    )


def wording_problem(sections: dict[int, Section], wording: Wording) -> str | None:
    """Why *wording* cannot apply to *sections* (German, no keys of the file), or None.

    »Neue Fassung »§ 99 Abs. 1«: die Vereinbarung hat keinen § 99 (vorhanden: § 1 bis § 8);
    …«: the part after the first »: « is what a form shows at its field »Stelle«.
    """
    section = sections.get(wording.number)
    if section is None:
        known = _numbers(list(sections)) or "keine"
        hint = ""
        if sections:  # the form sets new wordings of existing sections (a new Absatz included)
            last = sections[max(sections)]
            hint = (
                f"; bitte einen vorhandenen Paragraphen angeben (einen neuen Absatz am Ende, "
                f"z. B. »§ {last.number} Abs. {len(last.paragraphs) + 1}«)"
            )
        return (
            f"Neue Fassung »{wording.section}«: die Vereinbarung hat keinen § {wording.number} "
            f"(vorhanden: {known}){hint}"
        )
    if wording.paragraph is not None and not 1 <= wording.paragraph <= len(section.paragraphs) + 1:
        count = len(section.paragraphs)
        return (
            f"Neue Fassung »{wording.section}«: § {wording.number} hat {count} "
            f"{'Absatz' if count == 1 else 'Absätze'}; möglich sind Abs. 1 bis Abs. {count + 1} "
            "(ein neuer Absatz am Ende)"
        )
    return None


_ITEM = re.compile(r"^\s*[a-z]{1,2}\)\s+(\S.*)$")


def _paragraph(text: str) -> Paragraph:
    """An Absatz from its new wording: lines »a) …«, »b) …« after the text are its lettered
    items (the document counts the letters itself)."""
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if _ITEM.match(line)), len(lines))
    if first == 0 or not all(_ITEM.match(line) for line in lines[first:] if line.strip()):
        return Paragraph(text=text)
    items = tuple(m.group(1).strip() for line in lines[first:] if (m := _ITEM.match(line)))
    return Paragraph(text="\n".join(lines[:first]).strip(), items=items)


def _apply(section: Section, wording: Wording) -> Section:
    if wording.paragraph is None:
        paragraphs = tuple(_paragraph(t) for t in wording.paragraphs)
        return section.model_copy(update={"paragraphs": paragraphs})
    new = list(section.paragraphs)
    paragraph = _paragraph(wording.paragraphs[0])
    if wording.paragraph > len(new):
        new.append(paragraph)
    else:
        new[wording.paragraph - 1] = paragraph
    return section.model_copy(update={"paragraphs": tuple(new)})


def consolidate(agreement: Agreement, day: dt.date) -> Consolidated:
    """The sections of *agreement* as worded on *day*, with the amendment behind each change.

    Raises ValueError (German, naming the amendment) for a wording of a § or Absatz that the
    text does not have.
    """
    sections = {s.number: s for s in agreement.sections}
    changed: dict[tuple[int, int | None], Amendment] = {}
    for amendment in applied_amendments(agreement, day):
        for section in amendment.sections:
            sections[section.number] = section
            changed = {k: v for k, v in changed.items() if k[0] != section.number}
            changed[(section.number, None)] = amendment
        for wording in amendment.wording:
            problem = wording_problem(sections, wording)
            if problem is not None:
                raise ValueError(
                    f"Änderungsvereinbarung vom {format_date(amendment.date)}: {problem}"
                )
            sections[wording.number] = _apply(sections[wording.number], wording)
            if wording.paragraph is None:
                changed = {k: v for k, v in changed.items() if k[0] != wording.number}
            changed[(wording.number, wording.paragraph)] = amendment
    return Consolidated(tuple(sections[n] for n in sorted(sections)), changed)


def term_text_section(agreement: Agreement) -> int | None:
    """The number of the § of the text that holds the term clause, or None if the text has
    none (the document then words it from the term data)."""
    numbers = {s.number for s in agreement.sections}
    match = _CLAUSE_NUMBER.search(agreement.term.clause or "")
    if match:
        number = int(match.group(1))
        return number if number in numbers else None
    return next((s.number for s in agreement.sections if _TERM_HEADING.search(s.heading)), None)


def unworded_term_changes(agreement: Agreement, day: dt.date) -> list[Amendment]:
    """Amendments in effect on *day* that replace the term clause held in a § of the text
    without giving that § (or one of its Absätze) a new wording."""
    number = term_text_section(agreement)
    if number is None:
        return []
    return [
        a
        for a in applied_amendments(agreement, day)
        if a.term is not None
        and all(s.number != number for s in a.sections)
        and all(w.number != number for w in a.wording)
    ]
