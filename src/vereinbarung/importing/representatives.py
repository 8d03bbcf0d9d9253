"""Representatives in words: "vertreten durch den Landrat Herrn Hans-Jürgen Petrauschke".

Reads who acts for a party (§ 63 GO NRW: the Bürgermeister; the Landrat for a Kreis, § 42 KrO
NRW) as the parties block and the signature blocks write it: salutation (Herr, Frau), office
(Bürgermeisterin, Landrat, Verbandsvorsteher, Oberbürgermeister …) and name, in either order.
A representative without a name becomes "N. N." (nomen nescio) with a review item.

>>> rep = parse_representative("den Landrat Herrn Hans-Jürgen Petrauschke")
>>> rep.salutation, rep.title, rep.name, rep.problem
('Herr', 'Landrat', 'Hans-Jürgen Petrauschke', None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["OFFICE", "OFFICE_ONLY", "UNKNOWN_NAME", "RepresentativeReading", "parse_representative"]

#: Written where a name is required but not in the text (nomen nescio).
UNKNOWN_NAME = "N. N."

OFFICE = (
    r"(?:(?:Erste[rn]?|Allgemeine[rn]?|Ständige[rn]?|Stellvertretende[rn]?)\s+)?"
    r"(?:(?:Ober)?[Bb]ürgermeister(?:in)?|Landr(?:at|ätin)|Städteregionsr(?:at|ätin)|"
    r"(?:Kreis|Stadt|Amts|Landes|Verbands|Regional|Gemeinde)direktor(?:in)?|"
    r"Direktor(?:in)?(?:\s+de[sr]\s+[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*)?)?|"
    r"Beigeordnete[rn]?|Verbandsvorsteher(?:in)?|Verbandsvorsitzende[rn]?|Vorsitzende[rn]?|"
    r"Geschäftsführer(?:in)?|(?:Kreis|Stadt)?[Dd]ezernent(?:in)?|(?:Stadt|Kreis)?[Kk]ämmer(?:er|in)|"
    r"Präsident(?:in)?|Leiter(?:in)?(?:\s+de[sr]\s+[A-ZÄÖÜ][\w-]*)?|Vorst(?:and|ändin)|"
    r"Magistrat|Gemeindevorstand|Kreisausschuss|Verbandsvorstand|Amtsdirektor(?:in)?)"
)
_NAME = (
    r"(?:(?:Dr\.|Prof\.|Dipl\.-[\w.]+)\s*)*[A-ZÄÖÜ][\w'’.-]*"
    r"(?:\s+(?:(?:von|van|de|der|zu|vom|von\s+der|van\s+der|ten)\s+)?[A-ZÄÖÜ][\w'’-]*)*"
)
_SALUTATION = r"(?:Herrn|Herr|Frau)"
_REP_PATTERNS = (
    # Herrn Bürgermeister Erik Lierenfeld / Frau Ursula Baum
    re.compile(rf"^(?P<sal>{_SALUTATION})\s+(?:(?P<office>{OFFICE})\s+)?(?P<name>{_NAME})$"),
    # Frau Ursula Baum, Bürgermeisterin / Herrn Erik Lierenfeld (Bürgermeister)
    re.compile(
        rf"^(?P<sal>{_SALUTATION})\s+(?P<name>{_NAME})\s*(?:,\s*|\(\s*)(?:(?:die|der|den|als)\s+)?"
        rf"(?P<office>{OFFICE})\s*\)?$"
    ),
    # Bürgermeister Erik Lierenfeld / Landrat Herrn Hans-Jürgen Petrauschke / Bürgermeisterin,
    # Frau Ursula Baum
    re.compile(rf"^(?P<office>{OFFICE})\s*,?\s*(?:(?P<sal>{_SALUTATION})\s+)?(?P<name>{_NAME})$"),
    # Erik Lierenfeld, Bürgermeister
    re.compile(rf"^(?P<name>{_NAME})\s*(?:,\s*|\(\s*)(?:(?:als)\s+)?(?P<office>{OFFICE})\s*\)?$"),
)
OFFICE_ONLY = re.compile(rf"^(?P<office>{OFFICE})$")
_OFFICE_LIKE = re.compile(
    r"^[A-ZÄÖÜ][\wäöüß]*(?:führer|meister|rat|rätin|direktor|leiter|vorsteher|vorsitzende|"
    r"dezernent|beauftragte|präsident|kämmerer|referent|amtmann|rätin)(?:in|r|n)?$"
)
_SALUTATION_WORD = re.compile(
    rf"^(?P<sal>{_SALUTATION})\s+(?P<office>[A-ZÄÖÜ][\w-]+)\s+(?P<name>{_NAME})$"
)


@dataclass(frozen=True, slots=True)
class RepresentativeReading:
    """Who acts for a party, as read; *problem* says what is missing or uncertain."""

    name: str
    title: str
    salutation: str | None
    problem: str | None = None


def _salutation(word: str | None) -> str | None:
    if not word:
        return None
    return "Herr" if word.startswith("Herr") else "Frau"


def parse_representative(phrase: str) -> RepresentativeReading:
    """Salutation, office and name from the words after "vertreten durch".

    Words after a comma that fit no pattern (a building: "…, Altes Rathaus") are left out.

    >>> parse_representative("Frau Bürgermeisterin Ursula Baum").title
    'Bürgermeisterin'
    >>> parse_representative("den Bürgermeister").name
    'N. N.'
    """
    reading = _representative(phrase)
    text = phrase
    while reading.problem is not None and "," in text:
        text = text.rsplit(",", 1)[0]
        shorter = _representative(text)
        if shorter.problem is None:
            return shorter
    return reading


def _representative(phrase: str) -> RepresentativeReading:
    text = " ".join(phrase.replace("\n", " ").split())
    text = re.sub(r"^(?:diese[rs]?\s+)?(?:vertreten\s+durch\s+)", "", text, flags=re.IGNORECASE)
    text = text.strip(" ,;:-–—()").removesuffix(" -").strip()
    text = re.sub(r"^(den|die|dem|der)\s+jeweiligen\s+", r"\1 ", text)
    dative = re.match(r"^(?:den|dem)\s", text) is not None
    text = re.sub(r"^(?:den|die|dem|der|ihre[nr]?|seine[nr]?)\s+", "", text)
    if dative:  # "den Ersten Bürgermeister" → "Erster Bürgermeister"
        text = re.sub(r"^(Erste|Allgemeine|Ständige|Stellvertretende)n\s", r"\1r ", text)
    text = re.sub(r"\s+(?:i\.\s?V\.|in\s+Vertretung)$", "", text)
    for pattern in _REP_PATTERNS:
        match = pattern.match(text)
        if match:
            office = match.group("office")
            salutation = _salutation(match.groupdict().get("sal"))
            name = match.group("name").strip()
            first, _, rest = name.partition(" ")
            if office is None and rest and _OFFICE_LIKE.match(first):
                return RepresentativeReading(
                    rest, first, salutation,
                    f"Amt »{first}« ist kein bekanntes Amt; bitte prüfen",
                )  # fmt: skip
            if office is None:
                return RepresentativeReading(
                    name, UNKNOWN_NAME, salutation, "Amt der vertretenden Person nicht genannt"
                )
            return RepresentativeReading(name, " ".join(office.split()), salutation)
    match = OFFICE_ONLY.match(text)
    if match:
        return RepresentativeReading(
            UNKNOWN_NAME, " ".join(match.group("office").split()), None,
            "Name der vertretenden Person nicht genannt",
        )  # fmt: skip
    match = _SALUTATION_WORD.match(text)
    if match:
        return RepresentativeReading(
            match.group("name"), match.group("office"), _salutation(match.group("sal")),
            f"Amt »{match.group('office')}« ist kein bekanntes Amt; bitte prüfen",
        )  # fmt: skip
    return RepresentativeReading(
        UNKNOWN_NAME, UNKNOWN_NAME, None, f"Vertretung »{text}« nicht verstanden"
    )
