"""Never refuse an agreement: parties from a sentence, else placeholders under review.

Issue 22: a text that reads as an agreement (an agreement word together with a §/Artikel
structure, a Laufzeit or Kündigung sentence or the words that name parties) is always imported.
When the parties block (»zwischen …«) gives fewer than two parties, the parties come from a
sentence (:mod:`vereinbarung.importing.parties_sentence`); if none names two, two placeholders
stand in (the model needs two parties, :class:`~vereinbarung.model.agreement.Agreement`), each
under »Zu prüfen«. Only a text without those signs is refused (exit code 2), with the reason.

A party name read anywhere never contains words of the text around it (Vereinbarung,
zwischen, schließen, vertreten, Seite …): :func:`suspicious_names` makes each such name a
review item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from vereinbarung.importing.gazetteer import known, known_before_town, split_kind
from vereinbarung.importing.parties import PartyReading, party_kind
from vereinbarung.importing.parties_sentence import SentenceParties, sentence_parties
from vereinbarung.importing.plausible import normalise_party, party_doubt
from vereinbarung.importing.structure import is_section_heading
from vereinbarung.importing.text import Block
from vereinbarung.importing.words import Problem, Sentence

__all__ = [
    "PLACEHOLDER",
    "Fallback",
    "agreement_evidence",
    "despaced",
    "fallback_parties",
    "sentence_is_better",
    "suspicious_names",
]

#: The name of a party the text does not let the importer read (numbered: 1, 2).
PLACEHOLDER = "Nicht erkannte Partei"
_FOREIGN = re.compile(
    r"\b(?:\w*[Vv]ereinbarung\w*|\w*[Vv]ertrag\w*|zwischen|Zwischen|schließen|vertreten|Seite|"
    r"SEITE|Bekanntmachung|Amtsblatt|genannt|geführt|stattgefunden|über|vertrete\w*)\b"
    r"|\s{2,}|\d{5}|\bvom\s+\d|[-–?]\s?[A-ZÄÖÜ]{2,}$|\.$|\?"
)
# a full stop after a whole word ends the sentence; after a short one (»Reichenbach/O.L.«,
# »Frankfurt a.M.«) it belongs to an abbreviation of the name
_SENTENCE_END = re.compile(r"[^\W\d_]{4,}\.$")
# »Gemeinde Röthlein als abgebendes Standesamt«: a role after the name of a known body
_ROLE = re.compile(r"\s+als\s+\S.*$")
_KIND_ONLY = (
    r"(?:Stadt|Städte|Gemeinden?|Markt|Märkte|Kreise?|Landkreise?|Amt|Ämter|Verbandsgemeinden?|"
    r"Samtgemeinden?|Zweckverband|Land|Länder)"
)
_AGREEMENT_WORD = re.compile(
    r"\b\w*(?:vereinbarung|vertrag|verträge|übereinkunft|übereinkommen|abkommen)\b",
    re.IGNORECASE,
)
_STRUCTURE = re.compile(r"(?:^|\s)(?:§{1,2}\s*\d+|Artikel\s+\d+|Art\.\s*\d+)\b")
_TERM = re.compile(
    r"\b(?:kündig\w*|laufzeit|in\s*kraft|unbefristet|auf\s+unbestimmte\s+zeit|geltungsdauer)",
    re.IGNORECASE,
)
_PARTY_WORDS = re.compile(
    r"\b(?:zwischen|schließen|vertragspartner\w*|beteiligte[n]?|vertreten\s+durch|"
    r"mitgliedsgemeinden|gemeinsame\s+bekanntmachung\s+der)\b",
    re.IGNORECASE,
)
# the formula that concludes an agreement: »A und B treffen (…) folgende Vereinbarung«, »sind
# übereingekommen«
_CONCLUSION = re.compile(
    r"\b(?:schließen|treffen|vereinbaren|beschließen)\b[^.;]{0,200}?\bfolgende[nrs]?\s+"
    r"(?:\w+\s+){0,2}?\w*(?:vereinbarung|vertrag)\b|\bübereingekommen\b",
    re.IGNORECASE,
)


def despaced(text: str) -> str:
    """*text* with words printed letter-spaced joined up (the words between them are not
    told apart: »V e r e i n b a r u n g« → »Vereinbarung«, used to find agreement words).

    >>> despaced("Ö f f e n t l i c h - r e c h t l i c h e V e r e i n b a r u n g über")
    'Öffentlich-rechtlicheVereinbarung über'
    >>> despaced("die Stadt A und die Gemeinde B")
    'die Stadt A und die Gemeinde B'
    """
    return re.sub(r"(?<!\S)\w(?: \S(?!\S)){3,}", lambda m: m.group().replace(" ", ""), text)


def agreement_evidence(blocks: Sequence[Block]) -> str | None:
    """Why the text reads as an agreement, or None: an agreement word and at least one of a
    §/Artikel structure, a term or notice sentence, words that name parties."""
    text = " ".join(b.text for b in blocks[:2000])
    word = _AGREEMENT_WORD.search(text)
    spaced = None if word else _AGREEMENT_WORD.search(despaced(text))
    if word is None and spaced is None:
        return None
    if spaced is not None:  # »rechtlicheVereinbarung«: the last word of the joined run
        last = re.search(r"[A-ZÄÖÜ][^A-ZÄÖÜ]*$", spaced.group())
        shown = f"»{last.group() if last else spaced.group()}« (gesperrt gedruckt)"
    else:
        shown = f"»{word.group()}«" if word else ""
    signs = [
        label
        for label, pattern in (
            ("Gliederung in § oder Artikel", _STRUCTURE),
            ("Laufzeit oder Kündigung", _TERM),
            ("Vertragsparteien genannt", _PARTY_WORDS),
            ("Abschlussformel", _CONCLUSION),
        )
        if pattern.search(text)
    ]
    if not signs:
        return None
    return f"{shown} und " + ", ".join(signs)


def suspicious_names(parties: Sequence[PartyReading]) -> list[Problem]:
    """A review item for each party name holding words of the text around it."""
    problems = []
    for party in parties:
        if party.name.endswith(".") and known(party.name[:-1]) and _SENTENCE_END.search(party.name):
            party.name = party.name[:-1]  # "der Stadt Reutlingen." at the end of a sentence
        if not party.name.startswith(PLACEHOLDER):
            party.name = normalise_party(party.name)
            party.kind = party.kind or party_kind(party.name)
            role = _ROLE.search(party.name)
            if role and known(party.name[: role.start()]):
                problems.append(
                    Problem(
                        "parties",
                        f"Rolle »{role.group().strip()}« nach dem Namen "
                        f"»{party.name[: role.start()]}« entfernt",
                        party.sources.get("name"),
                        review=False,
                    )
                )
                party.name = party.name[: role.start()]
        found = _FOREIGN.search(party.name)
        if found and found.group() == "." and known(party.name):
            found = None  # "Stadt Reichenbach/O.L.": the full stop belongs to the name
        parts = split_kind(party.name)
        before_town = known_before_town(party.name)
        if before_town is not None:
            problems.append(
                Problem("parties", f"»{party.name}« steht im Gemeindeverzeichnis als »{before_town}«"
                        " (seither Stadtrecht verliehen?)", party.sources.get("name"), review=False)
            )  # fmt: skip
        elif parts is not None and not known(party.name) and not party.name.startswith(PLACEHOLDER):
            bare = party.representative is None or party.representative.problem is not None
            problems.append(
                Problem(
                    "parties" if bare else f"parties › {party.name} › gazetteer",
                    f"»{party.name}« steht nicht im Gemeindeverzeichnis (Destatis) – "
                    + ("bitte den Namen prüfen (abgeschnitten, falsch gelesen oder neu gebildet?)"
                       if bare else "Name mit Vertretung gelesen, daher übernommen"),
                    party.sources.get("name"),
                    review=bare,
                )
            )  # fmt: skip
        elif re.fullmatch(_KIND_ONLY, party.name):
            problems.append(
                Problem("parties", f"»{party.name}« ist kein Name einer Körperschaft – bitte "
                        "prüfen", party.sources.get("name"))
            )  # fmt: skip
        doubt = None if party.name.startswith(PLACEHOLDER) else party_doubt(party.name)
        if found:
            problems.append(
                Problem(
                    "parties",
                    f"der Name »{party.name}« enthält »{found.group().strip() or 'Leerraum'}«, "
                    "also wohl Text um die Partei herum – bitte den Namen prüfen",
                    party.sources.get("name"),
                )
            )
        elif doubt is not None:
            problems.append(
                Problem(
                    "parties",
                    f"»{party.name}« liest sich nicht als Name einer Körperschaft: {doubt} – "
                    "bitte den Namen prüfen",
                    party.sources.get("name"),
                )
            )
    return problems


@dataclass(frozen=True, slots=True)
class Fallback:
    """The parties read without a parties block, their problems and where the walk goes on:
    the title is read from the blocks before *start*, the text from *start* on."""

    parties: list[PartyReading]
    problems: list[Problem]
    start: int


def _reading(name: str, source: Sentence) -> PartyReading:
    party = PartyReading(name=name, kind=party_kind(name))
    party.sources["name"] = source
    party.problems.append(
        Problem(
            f"parties › {name} › representative",
            "keine Vertretung (»vertreten durch …«) gefunden; »N. N.« eingetragen",
            source,
        )
    )
    return party


def sentence_is_better(blocks: Sequence[Block], parties: Sequence[PartyReading]) -> bool:
    """Whether a certain sentence naming the parties (closed list, every name confirmed by the
    gazetteer) should replace the parties a parties block gave: where that block gave names
    that are text around a party (»Staatsvertrag«, »Artikel 1«, read from a treaty whose
    preamble says »Der Freistaat A und der Freistaat B, beide vertreten durch …, schließen …«)
    and the sentence names every other party of the block; or where the sentence names every
    party of the block and more. Never where the block gave the name of a body the gazetteer
    does not know (a Zweckverband, a Städteregion): the sentence could not name it.
    """
    names = [p.name for p in parties]
    # text around a party read as one (»Staatsvertrag«, »Artikel 1«, »Finanzminister«)
    doubtful = [n for n in names if _FOREIGN.search(n) or (party_kind(n) is None and not known(n))]
    if any(not known(n) for n in names if n not in doubtful):
        return False  # a body the gazetteer does not know (a Zweckverband …) is never dropped
    found = sentence_parties(blocks)
    if found is None or not found.certain:
        return False
    if not doubtful:  # the block lost a party the sentence names (»vertreten durch« between)
        return set(names) < set(found.names)
    return all(n in found.names for n in names if n not in doubtful)


# the agreement's text begins: a long paragraph, an article's heading (»Artikel 5«) or its
# first numbered paragraph (»(1) Der Vertrag gilt …«) — never part of the title above it
_BODY = re.compile(r"^(?:(?:Artikel|Art\.)\s*\d+[a-z]?\b|\(1\)\s)")


def _body_starts(block: Block) -> bool:
    return len(block.text) > 300 or bool(_BODY.match(block.text))


def _body_start(blocks: Sequence[Block], first_section: int | None) -> int:
    if first_section is not None:
        return first_section
    return next((i for i, b in enumerate(blocks) if _body_starts(b) or i >= 6), len(blocks))


def _run_on(found: SentenceParties) -> bool:
    """Whether the subject of *found* begins inside its paragraph, after a heading run into it
    without a full stop (»3 Entwurf des Vertrages … 2018 Die Stadt A und … treffen …«)."""
    text = " ".join(found.block.text.split())
    return (
        found.form == "subject"
        and not text.startswith(found.sentence)
        and (not re.search(r"[.:;]\s*$", text[: text.find(found.sentence)]))
    )


def fallback_parties(blocks: Sequence[Block], evidence: str) -> Fallback:
    """The parties of a text whose parties block gave fewer than two (see the module)."""
    first_section = next((i for i, b in enumerate(blocks) if is_section_heading(b)), None)
    found = sentence_parties(blocks)
    if found is not None:
        source = Sentence(found.sentence, where=found.block.where, block=found.block.index)
        parties = [_reading(name, source) for name in found.names]
        problems = [p for party in parties for p in party.problems]
        if not found.certain:
            problems.append(
                Problem(
                    "parties",
                    "Parteien aus dem Satz »" + found.sentence[:160] + "« gelesen ("
                    + "; ".join(found.doubts) + ") – bitte prüfen und ergänzen",
                    source,
                )
            )  # fmt: skip
        at = next(i for i, b in enumerate(blocks) if b is found.block)
        if found.form == "roles":  # a sentence of the body (§ 1): the header ends before it
            start = _body_start(blocks, first_section)
        elif found.form == "title_between":  # the title naming the parties is the header's
            start = at + 1 if first_section is None else min(at + 1, first_section)
        elif first_section is not None:
            start = min(at, first_section)
        elif _run_on(found):  # the sentence runs on from a heading (a transcript's page):
            start = min(at, _body_start(blocks, None))  # a long table of contents ends the header
        else:  # a short block naming the parties (a title line) belongs to the header
            start = at + 1 if len(found.block.text) < 600 else at
        return Fallback(parties, problems, start)
    start = _body_start(blocks, first_section)
    where = blocks[min(start, len(blocks) - 1)]
    source = Sentence(where.text[:200], where=where.where, block=where.index)
    parties = [_reading(f"{PLACEHOLDER} {n}", source) for n in (1, 2)]
    problems = [
        Problem(
            "parties",
            f"keine Vertragsparteien gefunden, der Text liest sich aber als Vereinbarung "
            f"({evidence}); zwei Platzhalter eingetragen – bitte die Parteien eintragen",
            source,
        )
    ]
    return Fallback(parties, problems, start)
