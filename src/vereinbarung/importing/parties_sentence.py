"""Parties named in a sentence instead of a »zwischen …« block.

Published agreements often name the parties only in running text:

- as the subject (also run on from a transcript's heading): »Die Stadt A und die Gemeinde B
  schließen … folgende Vereinbarung«, »Die kreisfreien Städte A, B und die Kreise C und D …«, »Das
  Land A und das Land B sind wie folgt übereingekommen«, »Die Stadt A schließt mit der B …«;
- in a title whose agreement is theirs: »Vereinbarung der (Regierungen der) Länder A und B über …«,
  »Vereinbarung über die Fusion der A und der B«, »… über die Eingemeindung der A in die B«;
- after the verb: »… schließen die Stadt X und die Gemeinde Y folgende Vereinbarung«;
- in a section: »Vertragspartner dieses Vertrages sind der Kreis A, vertreten durch …, und die
  Städte B, C …«, »§ 1 Beteiligte: Beteiligte sind …«;
- in a notice of approval: »… über die Genehmigung der Zweckvereinbarung zwischen A und B zur …«,
  »Die (1. Änderung der) (vorstehende) Zweckvereinbarung (zur …) zwischen A und B über … wird/wurde
  … genehmigt«
  (a Kreis named by its kind alone, »dem Erzgebirgskreis«, is confirmed as that Landkreis);
- only mentioned (always under review): »die Zusammenarbeit der Länder Berlin und Brandenburg
  über …«, a title of another agreement »… des Staatsvertrages zwischen den Ländern A und B …«.

:func:`sentence_parties` finds such a sentence and reads its list into single parties (a shared
plural »die Städte A, B« gives »Stadt A«, »Stadt B«; »vertreten durch …« is dropped). A list is
*certain* only when it is closed (by the verb or a full stop, not by the end of a cut-off text),
every item reads as a name and every party is confirmed by the gazetteer
(:mod:`vereinbarung.importing.gazetteer`); otherwise the caller keeps the names under review.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from vereinbarung.importing.gazetteer import known, normalise
from vereinbarung.importing.parties_roles import without_roles
from vereinbarung.importing.text import Block

__all__ = ["SentenceParties", "sentence_parties"]

_PLURAL = {
    "städte": "Stadt", "städten": "Stadt", "gemeinden": "Gemeinde", "märkte": "Markt",
    "landkreise": "Landkreis", "kreise": "Kreis", "ämter": "Amt", "ortsgemeinden": "Ortsgemeinde",
    "verbandsgemeinden": "Verbandsgemeinde", "samtgemeinden": "Samtgemeinde", "länder": "Land",
    "ländern": "Land",
}  # fmt: skip
_SINGULAR = (
    "Freie und Hansestadt", "Freie Hansestadt", "Freistaat", "Land", "Landeshauptstadt",
    "Hansestadt", "Große Kreisstadt", "Kreisstadt", "Stadt", "Gemeinde", "Ortsgemeinde",
    "Markt", "Marktgemeinde", "Landkreis", "Kreis", "Amt", "Verbandsgemeinde", "Samtgemeinde",
    "Verwaltungsgemeinschaft", "Zweckverband", "Landgemeinde", "Städteregion",
    "Regionalverband", "Region", "Flecken",
)  # fmt: skip
_ADJECTIVE = r"(?:(?:kreisfreien|kreisangehörigen|amtsfreien|amtsangehörigen|großen)\s+)?"
_ARTICLE = r"(?:(?:die|der|dem|den|das|des)\s+)?"
_HEAD = re.compile(
    rf"^{_ARTICLE}{_ADJECTIVE}(?P<plural>{'|'.join(_PLURAL)})\s+(?=[A-ZÄÖÜ])"
    rf"|^{_ARTICLE}(?P<singular>{'|'.join(_SINGULAR)})\s+(?=[A-ZÄÖÜ„\"])",
    re.IGNORECASE,
)
_NAME = re.compile(
    r"^[A-ZÄÖÜ„\"][\w.'’/()\"“-]*(?:\s*/\s*[A-ZÄÖÜ][\w.()-]*|\s+(?:[A-ZÄÖÜ(][\w.'’/()“\"-]*|"
    r"a\.\s?d\.|i\.\s?\w+\.?|an\s+der|am|im|in|ob\s+der|bei|vor\s+der)){0,5}$"
)
_VERB = r"(?:schließen|vereinbaren|treffen|beschließen)"
# the head of a title: the agreement word, at most adjectives before it (»Öffentlich-rechtliche
# Vereinbarung«, »Gemeinsamer Staatsvertrag«), not the object of another title (»Vertrag über
# den Beitritt zum Abkommen zwischen A und B«: the parties are A, B and the one acceding)
_TITLE_HEAD = (
    r"(?:[A-ZÄÖÜ][\w-]*(?:e|er|es|en)\s+){0,2}"
    r"[A-ZÄÖÜ]?\w*(?:[Vv]ereinbarung|[Vv]ertrag|[Aa]bkommen|[Üü]bereinkommen)"
)
# a title beginning after a list (»… und der Stadt B Öffentlich-rechtliche Vereinbarung zur …«):
# only a hyphenated adjective before the agreement word, so that »B« is never taken for one
_NEXT_TITLE = (
    r"(?:[A-ZÄÖÜ]\w*-\w*(?:e|er|es)\s+)?"
    r"(?:[A-ZÄÖÜ]\w*(?:vereinbarung|vertrag|abkommen)|Vereinbarung|Vertrag|Abkommen)\s"
)
# the subject's verb may also be »sind (wie folgt) übereingekommen« / »kommen … überein«
_AGREED = (
    r"(?:sind\s+(?:wie\s+folgt\s+|über\s+Folgendes\s+)?übereingekommen|"
    r"kommen\s+(?:wie\s+folgt\s+)?überein)\b"
)
# what may stand between a list after the verb and the object: »… schließen A und B, vertreten
# durch …, vorbehaltlich der Zustimmung …/auf der Grundlage von …/aufgrund … folgenden Vertrag«
_GROUNDS = r"(?:vorbehaltlich|auf\s+(?:der\s+)?Grundlage|auf\s+Grund|aufgrund|gemäß)"
_COUNCIL = r"(?:des|der)\s+(?:Rates|Stadtrates|Gemeinderates|Gemeindevertretung)\s+"
_COUNCIL_OF = re.compile(
    _COUNCIL + r"(?P<name>der\s+(?:Stadt|Gemeinde)\s+[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*)*)"
)
_FORMS = (
    ("subject", re.compile(
        rf"(?:^|\s)(?P<list>(?:Die|Der|Das)\s+[^.;]{{3,900}}?)\s+(?:{_VERB}\b(?!\s+mit\s)|{_AGREED})",
        re.MULTILINE)),
    ("with", re.compile(
        rf"(?:^|\s)(?P<list>(?:Die|Der|Das)\s+[^.;]{{3,400}}?)\s+(?:schließt|trifft|vereinbart|{_VERB})"
        rf"\s+mit\s+(?P<list2>(?:der|dem|den)\s+[^.;]{{3,400}}?),?\s+(?:(?:(?:die|den)\s+)?"
        rf"(?:folgende|nachstehende|nachfolgende)[nrs]?|{_GROUNDS})\b")),
    # »Die Gemeinden A, B und C bilden ab 01.01.2023 einen gemeinsamen Standesamtsbezirk«:
    # what they form together, with nobody else (no »mit der Stadt D«)
    ("joint", re.compile(
        r"(?:^|[.:;]\s+)(?P<list>(?:Die|Der|Das)\s+[^.;]{3,400}?)\s+bilden\s+"
        r"(?:(?:ab|zum|am|mit\s+Wirkung\s+(?:vom|zum|ab))\s+(?:dem\s+)?(?:[\w.]+\s+){1,3}?)?"
        r"(?:einen|eine|ein)\s+gemeinsame[nrs]?\b(?![^.;]*\bmit\s+(?:der|dem|den)\s)",
        re.MULTILINE)),
    # a vereinbarte Verwaltungsgemeinschaft (§ 59 GemO BW) names both sides by their roles:
    # »Die Stadt A (erfüllende Stadt) erfüllt für die Gemeinde B (Nachbargemeinde) …«
    ("roles", re.compile(
        r"(?:^|[.:;)]\s+)(?P<list>(?:Die|Der)\s+[^.;()]{3,80}?(?:\s\([A-ZÄÖÜ][\w.\s-]{1,20}\))?)"
        r"\s*\(erfüllende\s+(?:Stadt|Gemeinde)\)\s+erfüllt\s+(?:[^.;()]{0,60}?\s+)?für\s+"
        r"(?P<list2>(?:die|den)\s+[^.;()]{3,300}?)\s*(?:\((?:[Ii]m\s+[Ff]olgenden:?\s+|nachfolgend:?\s+)?"
        r"Nachbargemeinden?\)|(?=die\s+Aufgaben\s+eines\s+Gemeindeverwaltungsverband))",
        )),
    # »schließen die Gemeinden A, B und C folgenden Vertrag«, »… die Ortsgemeinden A, B und C
    # aufgrund des § 8 GemO … folgende Zweckvereinbarung«: a kind word, singular or plural
    ("verb_first", re.compile(
        rf"\b{_VERB}\s+(?P<list>(?:die|der|das)\s+(?:(?:Freie|Freistaat|Saarland|Länder|Land|"
        rf"Stadt|Städte|Gemeinden?|Ortsgemeinden?|Kreise?|Landkreise?|Markt|Märkte|Amt|Ämter|"
        rf"Verbandsgemeinden?|Samtgemeinden?|Verwaltungsgemeinschaft|Flecken|"
        rf"kreisfreien|Landeshauptstadt|Hansestadt|Große\s+Kreisstadt)\b)[^.;]{{3,900}}?),?\s+"
        rf"(?:(?:(?:die|den)\s+)?(?:folgende|nachstehende|nachfolgende|diese)[nrs]?|"
        rf"{_GROUNDS})\b")),
    # the councils' decisions name the parties: »Aufgrund der Beschlüsse des Rates der Stadt A
    # vom … und des Rates der Gemeinde B vom … treffen die genannten Gemeinden folgende …«
    ("councils", re.compile(
        rf"\bAuf\s?(?:grund|Grund)\s+der\s+Beschlüsse\s+(?P<list>{_COUNCIL}(?:[^.;:]|\.(?=\d)){{3,600}}?)\s+"
        r"(?:treffen|schließen|vereinbaren)\s+die\s+(?:genannten|beteiligten)\s+(?:Gemeinden|"
        r"Städte|Kommunen|Körperschaften|Beteiligten)\b")),
    ("section", re.compile(
        r"\b(?:Vertragspartner|Beteiligte|Partner|Vertragsparteien)\s+(?:dieses\s+\w+\s+|dieser"
        r"\s+\w+\s+|der\s+\w+\s+)?sind\s*:?\s+(?P<list>[^.]{3,1500}?)(?:\.(?:\s|$)|$)")),
    ("title_states", re.compile(
        rf"^{_TITLE_HEAD}\s+der\s+(?:Regierungen\s+der\s+)?(?P<list>Länder\s+[A-ZÄÖÜ][^.;:,]{{2,120}}?)"
        r"\s+(?:über|zur|zum|betreffend)\b")),
    ("title_between", re.compile(
        rf"^{_TITLE_HEAD}\s+zwischen\s+(?P<list>"
        r"(?:der|dem|den)\s+[^.;:]{3,400}?)(?:\s+(?:über|zur|zum|betreffend)\b|\s*$|"
        rf"\s+(?={_NEXT_TITLE}))")),  # the next title (a PDF's lines read as one paragraph)
    # a change of territory names its sides in the title: »Vereinbarung über die (freiwillige)
    # Fusion der Verbandsgemeinde A und der Verbandsgemeinde B«, »… Eingemeindung der Gemeinde A
    # in die Stadt B« (never a new body: »… zu einer neuen Gemeinde«, »zur Stadt C«)
    ("title_merger", re.compile(
        rf"^{_TITLE_HEAD}\s+(?:über|zur)\s+(?:die|den)\s+(?:freiwillige[n]?\s+)?(?:Fusion|"
        r"Eingemeindung|Vereinigung|Zusammenschluss)\s+(?P<list>(?:der|des)\s+[^.;:]{3,300}?)"
        r"(?:\s+in\s+(?P<list2>(?:die|den|das)\s+[^.;:]{3,100}?))?\s*(?:$|\s(?:zu|zur|zum|mit|vom)\s)")),
    # a notice of approval names the parties of the agreement it approves: »Bekanntmachung über
    # die Genehmigung der (befristeten) Zweckvereinbarung (zur …) zwischen A und B über/vom …«
    ("approval", re.compile(
        r"\bGenehmigung\s+(?:der|des)\s+(?:[a-zäöüß-]+(?:e|en)\s+)?[A-ZÄÖÜ][\w-]*(?:vereinbarung|"
        r"vertrag(?:es|s)?)(?:\s+(?:über|zur|zum)\s[^.;:]{3,300}?)?\s+zwischen\s+(?P<list>"
        r"(?:der|dem|den)\s+[^.;:]{3,400}?)\s+(?:über|zur|zum|betreffend|vom)\b")),
    # … or in its sentence: »Die (vorstehende) Zweckvereinbarung zwischen A und B über … wird
    # hiermit gemäß § 12 Abs. 2 KomZG … genehmigt«
    ("approved", re.compile(
        r"(?:^|[.:;]\s+)(?:Die|Der)\s+(?:\d+\.\s+Änderung\s+der\s+)?(?:(?:vorstehende|"
        r"nachstehende|obige|befristete)\s+)?[A-ZÄÖÜ][\w-]*(?:vereinbarung|vertrag)"
        r"(?:\s+(?:über|zur|zum)\s[^.;:]{3,300}?)?\s+zwischen\s+(?P<list>(?:der|dem|den)\s+"
        r"[^.;:]{3,1200}?)\s+(?:(?:über|zur|zum|vom)\s|(?=(?:wird|wurde)\s))"
        r"(?=.{0,400}?\b(?:wird|wurde)\b.{0,400}?\bgenehmigt\b)")),
    ("states", re.compile(
        r"\b(?:der|die|den)\s+(?P<list>Ländern?\s+[A-ZÄÖÜ][^.;:,]{2,120}?)"
        r"(?=\s+(?:über|zur|zum|vom|betreffend)\b|[.:;,]|$)")),
    ("between", re.compile(
        r"\bzwischen\s+(?P<list>(?:der|dem|den)\s+[^.;:]{3,400}?)\s+(?:über|zur|zum|betreffend|vom|"
        r"wird|werden|in\s+der\s+Fassung|(?:ab)?geschlossenen?)\b")),
)  # fmt: skip
_DATIVE = (
    ("Freien und Hansestadt", "Freie und Hansestadt"),
    ("Freien Hansestadt", "Freie Hansestadt"),
    ("dem Lande ", "dem Land "),  # the old dative: »dem Lande Niedersachsen«
    ("Großen Kreisstadt", "Große Kreisstadt"),  # »der Großen Kreisstadt Eilenburg«
)
# a Kreis whose name holds its kind: »dem Erzgebirgskreis«, »der Rhein-Sieg-Kreis«
_KREIS_NAME = re.compile(r"^(?:der|dem|den)\s+(?P<name>[A-ZÄÖÜ][\w-]*(?:kreis|-Kreis))$")
# forms that name bodies, but not surely as the parties of this text: always under review
_WEAK = ("states", "between")
# »vertreten durch den Landrat«, »dieser/beide/ebenfalls vertreten durch …«: up to a
# comma, or »und« before the next party (»… und der Freistaat Thüringen«)
_SEGMENT = r"(?:(?!\s+(?:und|sowie)\s+(?:der|die|das|dem|den)\s+[A-ZÄÖÜ])[^,;])*"
_BY = r",?\s*(?:(?:jeweils|beide|alle|dieser|diese|ebenfalls|gleichfalls)\s+)?vertreten\s+durch\s+"
_REPRESENTED = re.compile(_BY + _SEGMENT, re.IGNORECASE)
# the office of a minister may name its fields with commas: »vertreten durch den Minister für
# Soziales, Arbeit, Gesundheit und Demografie, das Saarland …«: the fields after »für« go with
# it up to an article (the next party). Not in a list with a shared plural (»die Städte A,
# vertreten durch …, B und C«), whose bare names follow a comma just as the fields do.
_OFFICE = re.compile(
    _BY + r"(?=[^,;]*\bfür\b)" + _SEGMENT
    + r"(?:,\s*(?!(?:und|sowie|der|die|das|dem|den|dieser|diese)\s)[A-ZÄÖÜ]" + _SEGMENT + r")*"
)  # fmt: skip
_PROTECTED = ("Freie und Hansestadt",)


@dataclass(frozen=True, slots=True)
class SentenceParties:
    """The parties of one sentence; *certain*: closed list, every name read and confirmed."""

    names: tuple[str, ...]
    block: Block
    sentence: str
    form: str
    certain: bool
    doubts: tuple[str, ...]


def _items(text: str) -> list[str]:
    plural = re.search(rf"\b(?:{'|'.join(_PLURAL)})\s", text, re.IGNORECASE)
    text = (_REPRESENTED if plural else _OFFICE).sub("", text)
    text = _REPRESENTED.sub("", text)
    for dative, nominative in _DATIVE:
        text = text.replace(dative, nominative)
    text = without_roles(text)  # »- Beteiligte zu 1 -«, »die aufnehmende Stadt B« …
    text = re.sub(r"\s*\((?:im\s+Folgenden|nachfolgend|nachstehend)[^)]*\)", "", text, flags=re.I)
    text = re.sub(r"\s*[-–]\s*(?:nachfolgend|im\s+Folgenden)[^-–]*[-–]", "", text, flags=re.I)
    for phrase in _PROTECTED:
        text = text.replace(phrase, phrase.replace(" und ", " \0 "))
    parts = re.split(r"\s*[,;]\s*(?:und\s+|sowie\s+)?|\s+(?:und|sowie)\s+", text)
    return [p.replace("\0", "und").strip(" ,;:") for p in parts if p.strip(" ,;:")]


def read_list(text: str) -> tuple[list[str], list[str]]:
    """The party names of a list and the items that could not be read as a name.

    >>> read_list("Die kreisfreien Städte Aachen, Bonn und die Kreise Düren und Euskirchen")
    (['Stadt Aachen', 'Stadt Bonn', 'Kreis Düren', 'Kreis Euskirchen'], [])
    """
    names: list[str] = []
    doubts: list[str] = []
    plural: str | None = None
    for item in _items(text):
        head = _HEAD.match(item)
        if re.fullmatch(r"(?:das\s+)?Saarland", item):  # the one Land named without »Land«
            plural = None
            names.append("Saarland")
            continue
        if head and head.group("plural"):
            plural = _PLURAL[head.group("plural").lower()]
            rest = item[head.end() :]
            name = f"{plural} {rest}"
        elif head:
            plural = None
            singular = next(s for s in _SINGULAR if s.lower() == head.group("singular").lower())
            rest = item[head.end() :]
            name = f"{singular} {rest}"
        elif kreis := _KREIS_NAME.match(item):
            plural = None
            names.append(kreis.group("name"))
            continue
        elif plural is not None:
            rest = item
            name = f"{plural} {item}"
        else:
            doubts.append(item)
            continue
        rest = re.sub(r"^(?:die|der|dem|den)\s+", "", rest)
        if not _NAME.match(rest):
            doubts.append(item)
            continue
        names.append(normalise(name))
    return names, doubts


_VERB_FIRST = re.compile(rf"^{_VERB}\b")
# the verb's paragraph concludes the agreement: »schließen … nachstehenden Staatsvertrag«,
# »vereinbaren Folgendes«, not »schließen sich … zusammen«
_CONCLUDES = re.compile(
    r"\b(?:(?:folgende|nachstehende|nachfolgende|diese)[nrs]?\s+[\w-]*(?:vereinbarung|vertrag|"
    r"abkommen|übereinkommen)|Folgendes)\b",
    re.IGNORECASE,
)
_TITLE_END = re.compile(rf"^{_TITLE_HEAD}$")
_TITLE_LINE = re.compile(rf"^{_TITLE_HEAD}\s+zwischen\s")


def _list_line(entry: tuple[Block, str]) -> bool:
    """Whether a block may be part of a list of parties before the verb: no heading, short, and
    no finished sentence (a full stop or colon at its end)."""
    block, text = entry
    return block.kind != "heading" and len(text) < 1500 and not text.endswith((".", ":"))


def _flat(blocks: Sequence[Block]) -> list[tuple[list[tuple[int, Block]], str]]:
    """The text of each block, with where each block's text begins in it; a block that begins
    with the verb (»schließen …«) continues the list of parties in the blocks before it (a
    treaty's preamble, one party a paragraph), so it is read together with them: the short
    blocks before it, back to a heading or a finished sentence, from the first that begins with
    an article (»Das Land …«); the verb's paragraph (or the next) must conclude the agreement."""
    plain = [(b, " ".join(b.text.split())) for b in blocks if b.kind != "rule"]
    flat: list[tuple[list[tuple[int, Block]], str]] = []
    for at, (block, text) in enumerate(plain):
        if at and text.startswith("zwischen ") and _TITLE_END.search(plain[at - 1][1]):
            # »Staatsvertrag« / »zwischen der Freien und Hansestadt Hamburg und …« on two lines
            title = plain[at - 1][1]
            starts, joined = [(0, plain[at - 1][0]), (len(title) + 1, block)], f"{title} {text}"
            for later, later_text in plain[at + 1 : at + 4]:  # »und B über …« on the next lines
                if not re.match(r"(?:und|sowie|über|des|der|zur|zum)\s", later_text):
                    break
                starts.append((len(joined) + 1, later))
                joined = f"{joined} {later_text}"
            flat.append((starts, joined))
        if _TITLE_LINE.match(text):  # »Vereinbarung zwischen der A,« / »dem Lande B« / »über …«
            starts, joined = [(0, block)], text
            for later, later_text in plain[at + 1 : at + 6]:
                if not re.match(r"(?:und|sowie|über|der|dem|den|zur|zum)\s", later_text):
                    break
                starts.append((len(joined) + 1, later))
                joined = f"{joined} {later_text}"
            if len(starts) > 1:
                flat.append((starts, joined))
        following = plain[at + 1][1] if at + 1 < len(plain) else ""
        if at and _VERB_FIRST.match(text) and _CONCLUDES.search(f"{text} {following}"):
            first = at
            while first > 0 and at - first < 40 and _list_line(plain[first - 1]):
                first -= 1
            while first < at and not re.match(r"(?:Die|Der|Das)\s", plain[first][1]):
                first += 1  # the list begins with its first party (»Das Land …«)
            if first < at:
                starts, offset = [], 0
                for joined_block, joined_text in plain[first : at + 1]:
                    starts.append((offset, joined_block))
                    offset += len(joined_text) + 1
                flat.append((starts, " ".join(t for _, t in plain[first : at + 1])))
        lines = block.physical_lines
        for number in range(1, len(lines)):  # a title line below a running head in one block
            if _TITLE_LINE.match(lines[number]):
                flat.append(([(0, block)], " ".join(" ".join(lines[number:]).split())))
                break
        flat.append(([(0, block)], text))
    return flat


def _block_at(starts: list[tuple[int, Block]], position: int) -> Block:
    """The block in which *position* of a joined text lies."""
    return [block for offset, block in starts if offset <= position][-1]


def _continued(blocks: Sequence[Block], block: Block) -> bool:
    """Whether the text after *block* may continue a list ending with it (a title line broken
    before »und der Gemeinde B«), or *block* is the last: a list ending there is not closed."""
    after = (
        [b for b in blocks[blocks.index(block) + 1 :] if b.kind != "rule"]
        if block in blocks
        else []
    )
    if not after:
        return True
    following = " ".join(after[0].text.split())
    return following[:1].islower() or bool(re.match(r"(?:und|sowie|der|dem|den|[,;])\s", following))


def _confirmed(name: str) -> bool:
    """Whether the gazetteer knows *name*; a Kreis named by its kind alone (»Erzgebirgskreis«)
    as the Landkreis or Kreis of that name."""
    if known(name):
        return True
    return bool(_KREIS_NAME.match(f"dem {name}")) and (
        known(f"Landkreis {name}") or known(f"Kreis {name}")
    )


def sentence_parties(blocks: Sequence[Block]) -> SentenceParties | None:
    """The first sentence of *blocks* that names at least two parties in one of the forms."""
    flat = _flat(blocks)
    for form, pattern in _FORMS:  # the forms in order: a sentence with a verb before a title
        for starts, text in flat:
            for match in pattern.finditer(text):
                if len(starts) > 1 and match.start() > 0:
                    continue  # blocks read together are one list from their start, or none
                block = _block_at(starts, match.start("list"))
                listed = match.group("list")
                if "list2" in pattern.groupindex and match.group("list2"):  # the other side
                    listed = f"{listed} und {match.group('list2')}"
                if form == "councils":  # the bodies whose councils decided
                    listed = " und ".join(m.group("name") for m in _COUNCIL_OF.finditer(listed))
                names, doubts = read_list(listed)
                if len(names) < 2:
                    continue
                closed = match.end("list") < len(text.rstrip()) or (
                    form in ("title_between", "title_merger")
                    and not _continued(blocks, starts[-1][1])
                )
                unknown = [n for n in names if not _confirmed(n)]
                certain = (
                    form not in _WEAK
                    and closed
                    and not doubts
                    and not unknown
                    and len(set(names)) == len(names)
                )
                reasons = [f"»{d}« nicht als Partei gelesen" for d in doubts]
                reasons += [f"»{n}« nicht im Gemeindeverzeichnis" for n in unknown]
                if not closed:
                    reasons.append("die Aufzählung bricht mit dem Text ab")
                if form in _WEAK:
                    reasons.append("nur aus einer Erwähnung »zwischen …« bzw. »der Länder …«")
                return SentenceParties(
                    tuple(dict.fromkeys(names)), block, match.group().strip(" .:;"), form,
                    certain, tuple(reasons),
                )  # fmt: skip
    return None
