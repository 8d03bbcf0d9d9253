"""The cost clause in words: its text, and the cost key where it is one of the simple forms.

The cost clause is the section headed "Kosten", "Finanzierung", "Kostenerstattung",
"Kostentragung" or "Umlage" (else the first sentence elsewhere that says who bears costs). Its
text goes to ``costs.summary`` and its number to ``costs.section``. The key
(``vereinbarungen.md``, "Cost sharing") is recognised in its simple forms and reported as data
beside it, with the sentence it rests on:

* ``none``: "entstehen keine (zusätzlichen) Kosten", "trägt jede Partei ihre Kosten selbst";
* ``equal``: "zu gleichen Teilen", "gleichmäßig", "je zur Hälfte";
* ``population``: "entsprechend/nach dem Verhältnis ihrer Einwohnerzahl(en)"; reference day and
  source (IT.NRW) where given;
* ``cases``: "nach Fallzahlen", "im Verhältnis der Fälle"; "des Vorjahres" as ``cases_lag`` 1;
* ``fixed``: percentages per party ("Stadt A 40 %"), checked to add up to 100;
* ``base_plus``: a "Sockelbetrag"/"Grundbetrag" per party plus a rest by one of the keys above.

>>> reading = read_costs([Sentence("Die Kosten tragen die Partner zu gleichen Teilen.", 6)],
...                      {6: "Kosten"}, ["Stadt A", "Stadt B"])
>>> reading.key, reading.section
('equal', 6)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from vereinbarung.importing.words import Problem, Sentence

__all__ = ["COST_HEADING", "CostReading", "read_costs"]

#: Headings of a cost section.
COST_HEADING = re.compile(
    r"kosten|finanzierung|umlage|entgelt|vergütung|kostenerstattung|kostentragung|aufwendungen",
    re.IGNORECASE,
)
_COSTS_SENTENCE = re.compile(r"\bkosten|\bumlage|aufwendungen|finanzierung", re.IGNORECASE)
_NONE = re.compile(
    r"(?:entstehen|entstehen\s+\w+)\s+keine\s+(?:\w+\s+)?kosten|keine\s+(?:\w+\s+)?kosten\s+"
    r"(?:entstehen|an)|kostenfrei|unentgeltlich|trägt\s+(?:jede[rs]?|jeweils)\s+[^.]*?(?:ihre|seine|"
    r"eigenen)\s+kosten\s+selbst|(?:eigenen|jeweiligen)\s+kosten\s+(?:trägt|tragen)\s+(?:jede|die)"
    r"[^.]*?selbst|keine\s+kostenerstattung|(?:jede[rs]?|die|alle)\s+(?:[\w*-]+\s+){0,2}?"
    r"tr(?:ägt|agen)\s+(?:[\w*-]+\s+){0,4}?kosten\s+selbst",
    re.IGNORECASE,
)
_EQUAL = re.compile(
    r"zu\s+gleichen\s+teilen|gleichmäßig|je\s+zur\s+hälfte|zu\s+gleichen\s+anteilen|"
    r"(?:jeweils|je)\s+(?:einem|ein)\s+(?:drittel|viertel|fünftel|sechstel)",
    re.IGNORECASE,
)
_POPULATION = re.compile(
    r"einwohner(?:zahl|zahlen|innen|n)?|bevölkerungs(?:zahl|anteil)", re.IGNORECASE
)
_CASES = re.compile(
    r"fallzahl|anzahl\s+der\s+fälle|im\s+verhältnis\s+der\s+(?:[\w-]+\s+){0,6}?(?:fälle|verfahren|"
    r"kaufverträge|anträge|vorgänge|beurkundungen)\b",
    re.IGNORECASE,
)
_GROUP = re.compile(
    r"einwohner\w*(?:\s+und\s+einwohner\w*)?\s+(?P<group>unter\s+\d+\s+jahren)", re.I
)
_YEARLY = re.compile(r"jährlich|pro\s+jahr|je\s+(?:haushalts)?jahr|im\s+jahr|jahresbetrag", re.I)
_BASE = re.compile(r"sockelbetrag|grundbetrag|grundpauschale|festbetrag|sockel", re.IGNORECASE)
_PERCENT = re.compile(r"(?P<n>\d{1,3}(?:,\d{1,2})?)\s*(?:%|prozent|v\.\s?h\.)", re.IGNORECASE)
_AMOUNT = re.compile(
    r"(?P<n>\d{1,3}(?:\.\d{3})+(?:,\d{2})?|\d+(?:,\d{2})?)\s*(?:euro|eur|€)", re.IGNORECASE
)
_LAG = re.compile(
    r"(?:des|im)\s+(?P<which>vorvorjahres|vorjahres|vorjahr|vorvorjahr|vorvergangenen\s+jahres|"
    r"vergangenen\s+jahres)",
    re.I,
)
_OTHER_KEY = re.compile(
    r"(?:nach|im\s+verhältnis)\s+(?:der|dem|den)\s+(?:zahl|anzahl|verhältnis|anteil)[^.;]{0,60}"
    r"|stichtag[^.;]{0,20}",
    re.IGNORECASE,
)
_REFERENCE_DAY = re.compile(r"(?:stichtag|zum|am)\s+(?P<day>\d{1,2}\.\s?\d{1,2}\.)", re.I)


@dataclass(frozen=True, slots=True)
class CostReading:
    """The cost clause: text, section, recognised key and its details, with sources.

    ``key`` is one of ``none``, ``equal``, ``population``, ``cases``, ``fixed``, ``base_plus``
    or None (not one of the simple forms). ``details`` holds what the key needs as plain data
    (``percentages``, ``base_amount``, ``rest_key``, ``amount``, ``lag``, ``source``).
    """

    summary: str
    section: int | None
    key: str | None
    details: dict[str, object]
    sources: tuple[Sentence, ...]
    problems: tuple[Problem, ...] = field(default=())


def _euros(text: str) -> str:
    return str(Decimal(text.replace(".", "").replace(",", ".")).quantize(Decimal("0.01")))


def _percentages(
    sentences: Sequence[Sentence], parties: Sequence[str]
) -> tuple[dict[str, str], list[Sentence], bool]:
    """Percentages per party, where each part of a sentence (between commas, "und", ";") names
    exactly one party and one percentage; and whether some percentage could not be assigned."""
    shares: dict[str, str] = {}
    used: list[Sentence] = []
    unassigned = False
    for sentence in sentences:
        for part in re.split(r"[,;:]\s*|\s+und\s+|\s+sowie\s+", sentence.text):
            found = _PERCENT.findall(part)
            if not found:
                continue
            named = [p for p in parties if p in part or _bare(p) in part]
            if len(found) == 1 and len(named) == 1 and named[0] not in shares:
                shares[named[0]] = found[0].replace(",", ".")
                if sentence not in used:
                    used.append(sentence)
            else:
                unassigned = True
    return shares, used, unassigned


def _bare(name: str) -> str:
    return re.sub(r"^(?:Stadt|Gemeinde)\s+", "", name)


def read_costs(
    sentences: Sequence[Sentence],
    headings: Mapping[int, str],
    parties: Sequence[str],
) -> CostReading | None:
    """The cost clause among *sentences* (all sentences of the sections, in order).

    *headings* maps section numbers to headings; *parties* are the party names (for fixed
    percentages). None if the text says nothing about costs.
    """
    sections = [n for n, heading in headings.items() if COST_HEADING.search(heading)]
    section = sections[0] if sections else None
    if section is not None:
        chosen = [s for s in sentences if s.section == section]
    else:
        chosen = [s for s in sentences if _COSTS_SENTENCE.search(s.text)]
        if chosen:
            section = chosen[0].section
            chosen = [s for s in chosen if s.section == section]
    if not chosen:
        return None
    text = " ".join(s.text for s in chosen)
    problems: list[Problem] = []
    details: dict[str, object] = {}
    keys: list[tuple[str, Sentence]] = []

    def first(pattern: re.Pattern[str]) -> Sentence | None:
        return next((s for s in chosen if pattern.search(s.text)), None)

    none = first(_NONE)
    if none is not None:
        keys.append(("none", none))
    shares, share_sources, unassigned = _percentages(chosen, parties)
    base = first(_BASE)
    rest: str | None = None
    for name, pattern in (("equal", _EQUAL), ("population", _POPULATION), ("cases", _CASES)):
        found = first(pattern)
        if found is not None:
            if base is not None:
                rest = rest or name
            else:
                keys.append((name, found))
    if base is not None:
        keys.append(("base_plus", base))
        amount = _AMOUNT.search(base.text)
        if amount:
            details["base_amount"] = _euros(amount.group("n"))
        if rest:
            details["rest_key"] = rest
        else:
            problems.append(
                Problem("costs › key", "Sockelbetrag ohne erkennbaren Schlüssel für den Rest",
                        base, review=False)
            )  # fmt: skip
    if unassigned and _PERCENT.search(text):
        problems.append(
            Problem(
                "costs › key",
                "Prozentangaben nicht eindeutig einer Partei zuzuordnen; kein fester Schlüssel "
                "übernommen",
                next(s for s in chosen if _PERCENT.search(s.text)),
                review=False,
            )
        )
    elif len(shares) >= 2:
        keys.append(("fixed", share_sources[0]))
        details["percentages"] = shares
        total = sum(Decimal(v) for v in shares.values())
        if total != 100:
            problems.append(
                Problem(
                    "costs › key",
                    f"die Anteile ergeben {str(total).replace('.', ',')} %, nicht 100 %",
                    share_sources[0],
                    review=False,
                )
            )
    population = any(k == "population" for k, _ in keys) or rest == "population"
    if population:
        if "it.nrw" in text.lower() or "information und technik" in text.lower():
            details["source"] = "IT.NRW"
        day = _REFERENCE_DAY.search(text)
        if day:
            details["reference_day"] = day.group("day").replace(" ", "")
        group = _GROUP.search(text)
        if group:
            details["group"] = group.group("group")
            problems.append(
                Problem(
                    "costs › key",
                    f"Schlüssel nach Einwohnern {group.group('group')}, nicht nach allen Einwohnern",
                    first(_GROUP),
                    review=False,
                )
            )
    if population or any(k == "cases" for k, _ in keys) or rest == "cases":
        lag = _LAG.search(text)
        if lag:
            which = lag.group("which").lower()
            details["lag"] = 2 if "vorvor" in which or "vorvergangen" in which else 1
    amounts = list(_AMOUNT.finditer(text))
    if amounts and "base_amount" not in details and _YEARLY.search(text):
        details["amount"] = _euros(amounts[0].group("n"))
    distinct: list[tuple[str, Sentence]] = []
    for name, sentence in keys:
        if name not in [k for k, _ in distinct]:
            distinct.append((name, sentence))
    if "none" in [k for k, _ in distinct] and len(distinct) > 1:
        distinct = [(k, s) for k, s in distinct if k != "none"]
    key: str | None = None
    if len(distinct) == 1:
        key = distinct[0][0]
    elif len(distinct) > 1:
        problems.append(
            Problem(
                "costs › key",
                "mehrere Kostenschlüssel erwähnt ("
                + ", ".join(k for k, _ in distinct)
                + "); keiner übernommen",
                distinct[0][1],
                review=False,
            )
        )
    basis = _OTHER_KEY.search(text)
    if key is None and not distinct and basis is not None:
        problems.append(
            Problem(
                "costs › key",
                f"Verteilungsschlüssel »{basis.group().strip()}« erkannt, aber keiner der "
                "einfachen Schlüssel; nur als Text übernommen – bitte prüfen",
                next((s for s in chosen if _OTHER_KEY.search(s.text)), chosen[0]),
            )
        )
    summary_source = distinct[0][1] if key is not None else chosen[0]
    paragraph = [s for s in chosen if s.paragraph == summary_source.paragraph]
    summary = " ".join(s.text for s in paragraph)
    return CostReading(
        summary=summary,
        section=section,
        key=key,
        details=details,
        sources=tuple(paragraph),
        problems=tuple(problems),
    )
