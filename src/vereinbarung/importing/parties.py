"""The parties block in words: "zwischen der Stadt …, vertreten durch …".

Reads the parties block (from "zwischen" to "wird folgende … geschlossen") in the two layouts
agreements use: one party per block (seed 002: name as heading, "- vertreten durch Herrn
Bürgermeister Erik Lierenfeld -", street and "41539 Dormagen" on their own lines, "der", "dem",
"und der" between the parties) and the running text of a scan ("zwischen der Stadt A, vertreten
durch den Bürgermeister X, Markt 1, 12345 A, und dem Kreis B, …"). For each party: name (the
article and an adjective's dative ending removed: "dem Oberbergischen Kreis" → "Oberbergischer
Kreis"), kind, address, representative (salutation, office, name) and the municipalities it acts
for. A representative without a name becomes "N. N." (nomen nescio) with a review item.

Representatives are read by :mod:`vereinbarung.importing.representatives` (its names stay
importable from here), the signature blocks by :mod:`vereinbarung.importing.signatures`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from vereinbarung.importing import parties_chunks
from vereinbarung.importing.gazetteer import body_key, normalise
from vereinbarung.importing.parties_chunks import HOUSE, Line, is_connector
from vereinbarung.importing.parties_lists import PLURAL_KIND, enumerated_parties
from vereinbarung.importing.parties_recap import recap_names, split_recap
from vereinbarung.importing.representatives import (
    UNKNOWN_NAME,
    RepresentativeReading,
    parse_representative,
)
from vereinbarung.importing.text import Block
from vereinbarung.importing.words import Problem, Sentence
from vereinbarung.model.agreement import PartyKind, infer_party_kind
from vereinbarung.model.german import shorten

__all__ = [
    "UNKNOWN_NAME",
    "AddressReading",
    "PartyReading",
    "RepresentativeReading",
    "is_conclusion",
    "is_connector",
    "parse_parties",
    "parse_representative",
    "party_kind",
]

# -- the parties block ----------------------------------------------------------------------------

_CONCLUSION = re.compile(
    r"^(?:wird|werden)$|(?:wird|werden)\s+(?:\w+\s+){0,4}?(?:geschlossen|vereinbart|abgeschlossen)"
    r"|(?:folgende|nachstehende|nachfolgende)[nrs]?\s+[\w\s-]*?(?:geschlossen|vereinbart|abgeschlossen)"
    r"|^(?:schließen|vereinbaren|treffen)\s+(?:folgende|nachstehende)",
    re.IGNORECASE,
)
_PLZ_CITY = re.compile(
    r"(?:^|,\s*|\n)(?:D\s?-\s?)?(?P<plz>\d{5})\s+"
    r"(?P<city>[A-ZÄÖÜ][^,\n()]*?(?:\s\([^()\n]{1,20}\))?)\s*(?=,|\n|$|\()"
)
_STREET = re.compile(
    rf"(?:^|,\s*|\n)(?P<street>(?:[A-ZÄÖÜ][\w.ßäöüÄÖÜ'’\- ]{{1,60}}?\s{HOUSE}"
    r"|Postfach\s+[\d ]+?))\s*(?=,|\n|$)"
)
# where the words after "vertreten durch" end: the address or "handelnd für" begins
_REPRESENTATIVE_END = re.compile(
    rf",\s*(?=(?:D\s?-\s?)?\d{{5}}\s|[A-ZÄÖÜ][\w.ßäöü'’\- ]{{1,60}}?\s{HOUSE}\s*(?:,|$)|"
    r"Postfach\s)|\s*[-–,]?\s*(?:handelnd|zugleich|als\s+Träger|\(zugleich)\b"
)
_ACTS_FOR = re.compile(
    r"(?:handelnd|zugleich|auch|tätig|jeweils)\s+(?:\w+\s+)?(?:für|im\s+Namen)\s+"
    r"(?P<list>(?:die|der|den)\s+[^.;)\n–]+)"
    r"|(?:Träger\s+der\s+(?:öffentlichen\s+)?Jugendhilfe|Kreisjugendamt|Jugendamt)\s+"
    r"(?:\w+\s+)?für\s+(?P<list2>(?:die|das\s+Gebiet\s+der)\s+[^.;)\n–]+)",
    re.IGNORECASE,
)


def is_conclusion(text: str) -> bool:
    """Whether *text* ends the parties block: "wird", "folgende … geschlossen:"."""
    return bool(_CONCLUSION.search(" ".join(text.split())))


def party_kind(name: str) -> PartyKind | None:
    """The kind of body from its name; "Hansestadt …", "Kreisstadt …" are towns too.

    >>> party_kind("Hansestadt Attendorn"), party_kind("Rhein-Kreis-Neuss")
    (<PartyKind.STADT: 'Stadt'>, <PartyKind.KREIS: 'Kreis'>)
    """
    kind = infer_party_kind(name)
    if kind is None and re.match(r"^[A-ZÄÖÜ][\w-]*stadt\s", name):
        return PartyKind.STADT
    return kind


def _nominative(name: str, article: str | None) -> str:
    """ "Oberbergischen Kreis" after "dem" → "Oberbergischer Kreis"."""
    if article and article.lower() == "dem":
        return re.sub(
            r"^([A-ZÄÖÜ][\w-]*?)en\s+(Kreis|Landschaftsverband|Zweckverband)\b", r"\1er \2", name
        )
    return name


@dataclass(frozen=True, slots=True)
class AddressReading:
    """Street, postal code and city as read."""

    street: str
    postal_code: str
    city: str


@dataclass(slots=True)
class PartyReading:
    """One party as read, with the source of each value."""

    name: str
    kind: PartyKind | None
    representative: RepresentativeReading | None = None
    address: AddressReading | None = None
    acts_for: tuple[str, ...] = ()
    sources: dict[str, Sentence] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _source(line: Line) -> Sentence:
    return Sentence(line.text, where=line.block.where, block=line.block.index)


def _split_name(text: str) -> tuple[str, str]:
    """The party's name and the rest of a running-text line."""
    cut = re.search(
        r",|\s[-–]\s|\s\((?=[a-zäöü])|\s+vertreten\s+durch|\s+handelnd|\s+zugleich", text
    )
    if not cut:
        return text.strip(" ,-–"), ""
    return text[: cut.start()].strip(" ,-–"), text[cut.start() :]


def _acts_for(text: str) -> tuple[str, ...]:
    match = _ACTS_FOR.search(text)
    if not match:
        return ()
    listed = match.group("list") or match.group("list2") or ""
    listed = re.sub(
        r"^(?:die|der|den|das\s+Gebiet\s+der)\s+(?:kreisangehörigen\s+)?(?:Gemeinden|Städte\s+und\s+"
        r"Gemeinden|Städte|Kommunen)\s+",
        "",
        listed.strip(),
    )
    listed = re.sub(r"\s*[,-–]?\s*vertreten\s+durch.*$", "", listed)
    names = []
    for raw in re.split(r",\s*|\s+und\s+|\s+sowie\s+", listed):
        name = re.sub(r"^(?:die|der|den)\s+", "", raw.strip()).strip(" ,-–")
        if re.search(r"\d", name):
            break  # the address follows the list
        if name and name[0].isupper():
            names.append(name)
    return tuple(names)


_WRAPPED_REPRESENTATIVE = re.compile(
    r"(vertreten\s+durch\s[^\n–]+?)\s*\n([^\n\d–]{1,60}?\s[–-])(?=\n|$)", re.IGNORECASE
)


def _party(article: str | None, lines: list[Line]) -> PartyReading:
    first = lines[0]
    name, rest = _split_name(first.text)
    name = re.sub(r"^(?:kreisfreien|kreisangehörigen)\s+(?=Stadt\s)", "", name)
    name = normalise(_nominative(name, article))
    party = PartyReading(name=name, kind=party_kind(name))
    party.sources["name"] = _source(first)
    texts = ([rest.strip(" ,")] if rest.strip(" ,") else []) + [line.text for line in lines[1:]]
    # »– vertreten durch Frau Bürgermeisterin Jennifer« / »Meyer –«: a representative set
    # between dashes and wrapped in a narrow column is one phrase (the closing dash marks it)
    whole = _WRAPPED_REPRESENTATIVE.sub(r"\1 \2", "\n".join(texts))

    def source_of(fragment: str) -> Sentence:
        return next(
            (_source(ln) for ln in lines if fragment and fragment in ln.text), _source(first)
        )

    rep_match = re.search(r"vertreten\s+durch\s+(?P<rep>[^\n]+)", whole, re.IGNORECASE)
    if rep_match:
        phrase = rep_match.group("rep")
        cut = _REPRESENTATIVE_END.search(phrase)
        if cut:
            phrase = phrase[: cut.start()]
        rep = parse_representative(phrase)
        party.representative = rep
        party.sources["representative"] = source_of(rep_match.group())
        if rep.problem:
            party.problems.append(
                Problem(f"parties › {name} › representative", rep.problem,
                        party.sources["representative"])
            )  # fmt: skip
    else:
        party.problems.append(
            Problem(
                f"parties › {name} › representative",
                "keine Vertretung (»vertreten durch …«) gefunden; »N. N.« eingetragen",
                party.sources["name"],
            )
        )
    address_text = whole
    if rep_match:  # the address is what is left without the representative
        phrase_end = rep_match.start("rep") + len(phrase)
        address_text = whole[: rep_match.start()] + "\n" + whole[phrase_end:]
    address_text = re.sub(r"^[\s,–-]+", "", address_text, flags=re.MULTILINE)
    plz = _PLZ_CITY.search(address_text)
    street = _STREET.search(address_text[: plz.start()] if plz else address_text)
    if plz and street:
        party.address = AddressReading(
            street.group("street").strip(), plz.group("plz"), plz.group("city").strip(" -–")
        )
        where = source_of(street.group("street").strip())
        party.sources["address"] = Sentence(
            f"{street.group('street').strip()}, {plz.group('plz')} {plz.group('city').strip()}",
            where=where.where,
            block=where.block,
        )
    elif plz or street:
        party.problems.append(
            Problem(
                f"parties › {name} › address",
                "Anschrift unvollständig (Straße oder Postleitzahl und Ort fehlt); nicht übernommen",
                party.sources["name"],
                review=False,
            )
        )
    acts_for = _acts_for(whole)
    if acts_for:
        party.acts_for = acts_for
        party.sources["acts_for"] = source_of(_ACTS_FOR.search(whole).group().split("\n")[0])  # type: ignore[union-attr]
    if party.kind is None:
        party.problems.append(
            Problem(
                f"parties › {name} › kind",
                "Art der Körperschaft nicht aus dem Namen erkennbar; bitte »kind« eintragen",
                party.sources["name"],
                review=False,
            )
        )
    return party


def parse_parties(
    blocks: Sequence[Block], *, nominative: bool = False
) -> tuple[list[PartyReading], list[Problem]]:
    """The parties in the blocks from "zwischen" up to (not including) the conclusion line.

    *nominative*: the block names the parties as subject ("Die Stadt A, vertreten durch …, und
    die Stadt B, … schließen folgende Vereinbarung") instead of after "zwischen". A last line
    that names the parties of a »zwischen« list once more (:mod:`~vereinbarung.importing.
    parties_recap`) is left out when it names exactly the parties read, with a note."""
    split = None if nominative else split_recap(blocks)
    if split is not None:
        parties, problems = _parse_parties(split[0], nominative=False)
        repeated = recap_names(split[1])
        read = {body_key(party.name) for party in parties}
        if repeated is not None and {body_key(name) for name in repeated} == read:
            note = f"»{shorten(split[1])}« nennt die Parteien noch einmal; nicht eigens gelesen"
            source = Sentence(split[1], where=blocks[-1].where, block=blocks[-1].index)
            return parties, [*problems, Problem("parties", note, source, review=False)]
    return _parse_parties(blocks, nominative=nominative)


def _parse_parties(
    blocks: Sequence[Block], *, nominative: bool
) -> tuple[list[PartyReading], list[Problem]]:
    problems: list[Problem] = []
    parties: list[PartyReading] = []
    seen: set[str] = set()
    enumerated = enumerated_parties(blocks)
    chunks: list[tuple[str | None, list[Line]]]
    if enumerated is not None:
        items, lost = enumerated
        if lost is not None:
            problems.append(Problem("parties", lost, _source(parties_chunks.lines(blocks[:1])[0])))
        chunks = [(None, [Line(item.text, item.block, False)]) for item in items]
    else:
        chunks = parties_chunks.chunks(parties_chunks.lines(blocks), nominative=nominative)
    for article, lines in chunks:
        party = _party(article, lines)
        if re.search(rf"\s(?:und|sowie)\s|{PLURAL_KIND.pattern}", party.name):
            problems.append(
                Problem(
                    "parties",
                    f"»{party.name}« nennt offenbar mehrere Körperschaften; als eine Partei "
                    "übernommen – bitte prüfen",
                    _source(lines[0]),
                )
            )
        if not party.name or len(party.name) > 120 or not party.name[0].isupper():
            problems.append(
                Problem(
                    "parties",
                    f"»{shorten(lines[0].text)}« nicht als Partei erkannt; nicht übernommen",
                    _source(lines[0]),
                )
            )
            continue
        if body_key(party.name) in seen:
            problems.append(
                Problem("parties", f"»{party.name}« steht zweimal; einmal übernommen",
                        _source(lines[0]))
            )  # fmt: skip
            continue
        seen.add(body_key(party.name))
        parties.append(party)
        problems += party.problems
    return parties, problems
