"""The notice around a published agreement (Bekanntmachung), and the agreement's title inside it.

Agreements are published wrapped in a notice: a running head ("Amtliche Bekanntmachungen",
"Vollzug des Gesetzes über die kommunale Zusammenarbeit"), a headline ("Bekanntmachung der
öffentlich-rechtlichen Vereinbarung über …"), the council decision ("Der Rat hat in seiner
Sitzung am … folgende Vereinbarung beschlossen:"), the approval note ("… wurde mit Verfügung
des Regierungspräsidiums … vom … genehmigt", § 24 Abs. 2 GkG NRW, § 26 KGG, Art. 12 KommZG),
the publication note ("wird hiermit öffentlich bekannt gemacht", "Amtsblatt Nr. 12 vom …",
§ 24 Abs. 3 GkG NRW, Art. 13 KommZG) and "Hinweis gemäß …" (e.g. § 7 Abs. 6 GO NRW).

:func:`choose_title` takes the title from the agreement, not from the headline: the block
after "… folgende …:" or the last block before the parties that names an agreement
("…vereinbarung", "…vertrag"). In »Vereinbarung zwischen der Stadt A und … über …« the kind
is the title; a bare »Vertrag über …« is none of its own, but the kind on the line above it
(»Eingemeindungsvertrag«) is, with the line as subtitle. A notice of approval that names the
agreement only by description (»… über die Genehmigung der Zweckvereinbarung zwischen A und B
zur …«) gives its kind (»Zweckvereinbarung«) where no block gives a title. A title that is not clearly marked as
one (no such block, or only a headline) is a review item. :func:`wrapper_events` keeps the notice's facts where the
agreement file has a place for them: ``approved`` and ``published`` events (with the gazette),
each with the sentence it comes from; a day taken from the date line of a notice (not from
the gazette) is a review item. The approving authority and the council decision have no field
of their own and are cited in the provenance and the notes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from vereinbarung.importing.text import Block
from vereinbarung.importing.words import Problem, Sentence, find_dates, split_sentences
from vereinbarung.law.dates import format_date
from vereinbarung.model.german import shorten

__all__ = [
    "WRAPPER",
    "TitleChoice",
    "WrapperEvent",
    "choose_title",
    "is_kind_only",
    "is_wrapper",
    "wrapper_events",
]

#: Words of a notice, never of an agreement's title.
WRAPPER = re.compile(
    r"bekanntmachung|bekannt\s*gemacht|bekanntgemacht|amtsblatt|amtliche[nr]?\b|\bvollzug\b|"
    r"genehmig|beschlossen|beschluss\b|\bsitzung\b|hinweis\s+(?:gemäß|nach)|"
    r"\bjahrgang\b|ausgegeben|veröffentlich",
    re.IGNORECASE,
)
# the words that name an agreement; »Abkommen«, »Übereinkommen«, »Übereinkunft«: the names of
# agreements between Länder (Staatsverträge and Abkommen, e.g. REVOSax)
_AGREEMENT = re.compile(
    r"\w*(?:vereinbarung|vertrag|abkommen|übereinkommen|übereinkunft)\b", re.IGNORECASE
)
_INTRODUCES = re.compile(
    r"(?:folgende|nachstehende|nachfolgende|beschlossen|bekannt\s*gemacht|genehmigt)\b[^.]*:$",
    re.IGNORECASE,
)
_AUTHORITY = re.compile(
    r"(?:Regierungspräsidium|Regierungspräsidiums|Regierung\s+von|Bezirksregierung|"
    r"Landratsamt(?:es)?|Landrat\s+de[rs]|Landrätin\s+de[rs]|Kreisverwaltung|Kreisausschuss|"
    r"Landesverwaltungsamt(?:es)?|Ministerium|Ministeriums|Kommunalaufsicht)"
    r"(?:\s+(?:des|der|für|i\.\s?[A-ZÄÖÜ][\w.-]*|[A-ZÄÖÜ][\w.-]*|\([^)]{1,30}\))){0,5}"
)
_DATE_LINE = re.compile(r"^[A-ZÄÖÜ][\w.()/\- ]{0,60}?,\s*(?:den|am)\s+")
_COUNCIL = re.compile(r"\bsitzung\s+(?:vom|am)\s+(?P<date>\S+\s?\S*)|\bbeschlossen\b", re.I)
_GAZETTE = re.compile(
    r"(?P<gazette>Amtsblatt[^.;:]*?(?:Nr\.\s*\d+(?:/\d{2,4})?)?)\s+(?:vom|am)\s+", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class TitleChoice:
    """The block holding the title, where the title stands in it, and whether it is marked."""

    position: int | None
    title: str
    subtitle: str | None
    clear: bool
    reason: str


def is_wrapper(block: Block) -> bool:
    """Whether *block* belongs to the notice around an agreement, not to the agreement."""
    return bool(WRAPPER.search(block.text))


def _title_text(block: Block) -> tuple[str, str | None]:
    text = re.sub(r"\b(Öffentlich|Privat)-Rechtlich", r"\1-rechtlich", " ".join(block.text.split()))
    text = re.sub(r"^#{1,6}\s+", "", text)  # a Markdown heading read as plain text (Word, PDF)
    glued = re.search(r"\s+zwischen(?:\s+|$)", text)
    if glued and not _KIND_END.search(text[: glued.start()]):
        glued = None  # »… zur Ausführung des Staatsvertrages zwischen A und B …«: another's
    if glued:  # "Zweckvereinbarung zwischen der Stadt A und der Gemeinde B über …"
        about = re.search(r"\s(über|zur|zum|betreffend)\s.+$", text[glued.end() :])
        return text[: glued.start()], about.group().strip() if about else None
    match = re.search(r"\s(über|zur|zum|betreffend)\s", text)
    if match and match.start() > 0 and _KIND_END.search(text[: match.start()]):
        return text[: match.start()], text[match.start() + 1 :]
    return text, None


# the words before "über …" are the kind of agreement only: "Zweckvereinbarung über …" is split,
# "Vereinbarung der Regierungen der Länder Berlin und Brandenburg über …" stays whole
# a title that is the kind of agreement alone: the last such line before the parties is the title
_KIND_ONLY = re.compile(
    r"^(?:Öffentlich-rechtliche[nrs]?\s+)?(?:[A-ZÄÖÜ][\wäöüß-]*(?:vereinbarung|vertrag|abkommen)|"
    r"Vereinbarung|Vertrag|Abkommen|Übereinkommen)$"
)


def is_kind_only(text: str) -> bool:
    """Whether *text* is the kind of agreement alone (»Zweckvereinbarung«, »Öffentlich-rechtliche
    Vereinbarung«), no title beyond it."""
    return bool(_KIND_ONLY.match(text))


_KIND_END = re.compile(r"(?:vereinbarung|vertrag|übereinkunft|abkommen|satzung)$", re.IGNORECASE)


# a title may end with an abbreviated place name: »… im Gebiet des Marktes Sulzbach a.«
_ABBREVIATION_END = re.compile(r"\s(?:[a-zäöü]\.){1,3}$")


# the sentence concluding the agreement names it, but is no title: »… beschließen am [Datum]
# nachfolgende öffentlich-rechtliche Vereinbarung«
_CONCLUDES = re.compile(
    r"\b(?:nach)?(?:folgende|stehende)[nrs]?\s+(?:[\w-]+\s+)?\w*(?:vereinbarung|vertrag)\b",
    re.IGNORECASE,
)


def _long_title_between(text: str) -> bool:
    """»Öffentlich-rechtliche Vereinbarung zwischen A, B, C und D über … vom …«: a title that
    names many parties may be long; the words before »zwischen« are the kind alone."""
    head = re.match(r"^(?P<kind>.{1,80}?)\s+zwischen\s", text)
    return len(text) <= 600 and head is not None and bool(_KIND_END.search(head.group("kind")))


def _candidate(block: Block) -> bool:
    text = " ".join(block.text.split())
    return (
        bool(_AGREEMENT.search(text))
        and not is_wrapper(block)
        and (len(text) <= 300 or _long_title_between(text))
        and not _CONCLUDES.search(text)
        and (not text.endswith((".", ";", ":")) or bool(_ABBREVIATION_END.search(text)))
        and not re.match(
            r"^[„\"“?]?\s*(?:zwischen|die|der|den|das|auf\s*grund|gemäß|gem\.|nach|hiermit|mit)\b",
            text,
            re.IGNORECASE,
        )
    )


def _kind_line_before(blocks: Sequence[Block], position: int) -> int | None:
    """The position of the block before *position* if it names the kind of agreement alone
    (»Eingemeindungsvertrag« above »Vertrag über den Zusammenschluss …«), else None."""
    before = [i for i in range(position) if blocks[i].kind != "rule"]
    if not before:
        return None
    block = blocks[before[-1]]
    text = " ".join(block.text.split())
    return before[-1] if _candidate(block) and _KIND_ONLY.match(text) else None


# a notice of approval that names the agreement only by description: »Bekanntmachung … über die
# Genehmigung der (befristeten) Zweckvereinbarung zwischen A und B zur …«
# (also of its new version or amendment, with its name in quotes: »Genehmigung der Neufassung
# der Zweckvereinbarung „Nutzung …“«)
_APPROVAL_OF = re.compile(
    r"\bGenehmigung\s+(?:der|des|einer|eines)\s+"
    r"(?:(?:\d{1,2}\.\s*)?(?:Neufassung|Änderung|Ergänzung)\s+(?:der|des)\s+)?(?:[a-zäöüß-]+(?:e|en)\s+)?"
    r"(?P<kind>[A-ZÄÖÜ][\wäöüß-]*(?:vereinbarung|vertrag(?:es|s)?))\s+(?:(?:zwischen|über|zur|zum)\s|[„\"])"
)


def _approved_kind(blocks: Sequence[Block]) -> TitleChoice | None:
    """The kind of agreement that a notice of approval names in its headline (»Genehmigung der
    Zweckvereinbarung zwischen …«) as the title, where no block gives the agreement's own title;
    the kind alone, the description is no title of its own."""
    for position, block in enumerate(blocks):
        text = " ".join(block.text.split())
        match = _APPROVAL_OF.search(text) if block.kind != "rule" and len(text) <= 600 else None
        if match:
            kind = re.sub(r"(?<=vertrag)(?:es|s)$", "", match.group("kind"))
            return TitleChoice(position, kind, None, True, "aus der Genehmigung der Bekanntmachung")
    return None


def choose_title(blocks: Sequence[Block]) -> TitleChoice:
    """The title among the blocks before the parties (see the module description)."""
    texts = [b for b in blocks if b.kind != "rule"]
    wrapped = any(is_wrapper(b) for b in texts)
    for position, block in enumerate(blocks):
        if block.kind == "rule" or not _INTRODUCES.search(" ".join(block.text.split())):
            continue
        following = next((b for b in blocks[position + 1 :] if b.kind != "rule"), None)
        if following is not None and _candidate(following):
            title, subtitle = _title_text(following)
            return TitleChoice(
                blocks.index(following), title, subtitle, True, "nach »… folgende …:«"
            )
    candidates = [i for i, b in enumerate(blocks) if b.kind != "rule" and _candidate(b)]
    if candidates:
        position = candidates[-1]
        block = blocks[position]
        title, subtitle = _title_text(block)
        bare = subtitle is not None and title in ("Vertrag", "Vereinbarung")
        bare = bare and not re.search(r"\szwischen\b", block.text)
        earlier = _kind_line_before(blocks, position) if bare else None
        if earlier is not None:  # "Eingemeindungsvertrag" / "Vertrag über den Zusammenschluss …"
            subtitle = " ".join(block.text.split())
            position, block = earlier, blocks[earlier]
            title, bare = " ".join(block.text.split()), False
        later = [b for b in blocks[position + 1 :] if b.kind != "rule"]
        close = not any(is_wrapper(b) for b in later)
        first = texts[0] is block
        marked = block.kind == "heading" or block.bold
        # "Vertrag über den Zusammenschluss …": the bare word is no title of its own; in
        # "Vereinbarung zwischen der Stadt A und der Gemeinde B über …" the kind is the title
        kind_only = bool(_KIND_ONLY.match(title)) and not bare
        clear = marked or kind_only or (close and (first or wrapped))
        return TitleChoice(
            position, title, subtitle, clear, "über dem Parteienblock" if clear else
            "Zeile nennt eine Vereinbarung, ist aber nicht als Titel gekennzeichnet",
        )  # fmt: skip
    approved = _approved_kind(blocks)
    if approved is not None:
        return approved
    first_text = " ".join(texts[0].text.split()) if texts else ""
    if texts and not is_wrapper(texts[0]) and len(first_text) <= 300 and first_text[:1].isupper():
        title, subtitle = _title_text(texts[0])
        return TitleChoice(
            blocks.index(texts[0]), title, subtitle, False,
            "erste Zeile; sie nennt keine Vereinbarung",
        )  # fmt: skip
    return TitleChoice(None, "Vereinbarung", None, False, "kein Titel gefunden")


# -- the notice's facts ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WrapperEvent:
    """An event read from the notice: its data, the sentence and how it was read."""

    data: dict[str, object]
    source: Sentence
    note: str


@dataclass(slots=True)
class WrapperReading:
    """What the notice says: events, notes and review items."""

    events: list[WrapperEvent] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _source(block: Block, text: str | None = None) -> Sentence:
    return Sentence(" ".join((text or block.text).split()), where=block.where, block=block.index)


def _first_date(text: str, after: int = 0) -> dt.date | None:
    return next((m.date for m in find_dates(text) if m.start >= after and m.date), None)


def _dated_line(blocks: Sequence[Block], position: int) -> tuple[dt.date, str, Block] | None:
    """The "Ort, den …" line in the block at *position* or the next two blocks."""
    for block in blocks[position : position + 3]:
        for line in block.physical_lines:
            if _DATE_LINE.match(line):
                day = _first_date(line)
                if day is not None:
                    return day, line, block
    return None


def wrapper_events(blocks: Sequence[Block]) -> WrapperReading:
    """Approval, publication, council decision and notes of the notice blocks *blocks*."""
    reading = WrapperReading()
    approved = published = False
    for position, block in enumerate(blocks):
        text = " ".join(block.text.split())
        low = text.lower()
        if re.search(r"hinweis\s+(?:gemäß|nach)", low):
            reading.problems.append(
                Problem("Bekanntmachung", f"»{shorten(text)}« gehört zur Bekanntmachung; nicht "
                        "übernommen", _source(block), review=False)
            )  # fmt: skip
            continue
        council = _COUNCIL.search(text)
        if council and re.search(r"sitzung|beschlossen", low) and "genehmig" not in low:
            day = _first_date(text)
            reading.problems.append(
                Problem(
                    "Bekanntmachung",
                    "Beschluss der Vertretung"
                    + (f" vom {format_date(day)}" if day else "")
                    + " (das Dateiformat hat dafür kein Ereignis; nur als Hinweis)",
                    _source(block),
                    review=False,
                )
            )
        if (
            not approved
            and re.search(r"\bgenehmigt\b|genehmigung", low)
            and not re.search(
                r"bedarf|bedürfen|nach\s+(?:der\s+)?genehmigung|genehmigungspflicht", low
            )
        ):
            authority = _AUTHORITY.search(text)
            verdict = re.search(r"\bgenehmigt\b", low)
            verdict_sentence = next(
                (x for x in split_sentences(text) if re.search(r"genehmig", x, re.IGNORECASE)), text
            )
            day = _first_date(verdict_sentence)
            where, line_block = text, block
            if day is None or (verdict is None and authority is None):
                dated = _dated_line(blocks, position + 1 if day is None else position)
                if dated is not None:
                    day, where, line_block = dated
                    authority = authority or _AUTHORITY.search(where)
            if day is not None and (verdict is not None or authority is not None):
                approved = True
                who = " ".join(authority.group().split()) if authority else None
                reading.events.append(
                    WrapperEvent(
                        {"type": "approved", "date": day},
                        _source(line_block, where if line_block is not block else text),
                        "Genehmigung"
                        + (f" durch {who}" if who else "")
                        + " (Genehmigungsvermerk der Bekanntmachung)",
                    )
                )
                if who is None:
                    reading.problems.append(
                        Problem("events › approved", "genehmigende Behörde nicht erkannt",
                                _source(block), review=False)
                    )  # fmt: skip
        if not published and re.search(
            r"bekannt\s*gemacht|bekanntgemacht|amtsblatt|bekanntmachung\s+de[rs]\b", low
        ):
            gazette = _GAZETTE.search(text)
            if gazette is not None:
                day = _first_date(text, gazette.end())
                if day is not None:
                    published = True
                    reading.events.append(
                        WrapperEvent(
                            {
                                "type": "published",
                                "date": day,
                                "gazette": " ".join(gazette.group("gazette").split()),
                            },
                            _source(block),
                            "Tag der Ausgabe des Amtsblatts",
                        )
                    )
                    continue
            day = None
            where, line_block = text, block
            if re.search(r"bekanntmachung\s+de[rs]\b[^:;]{0,120}?\bvom\s", low):
                day = _first_date(text)
            elif re.search(r"(?:hiermit|wird|werden)\s+[^.]*bekannt\s*gemacht", low):
                dated = _dated_line(blocks, position)
                if dated is not None:
                    day, where, line_block = dated
            if day is not None:
                published = True
                source = _source(line_block, where)
                reading.events.append(
                    WrapperEvent(
                        {"type": "published", "date": day},
                        source,
                        "Datum der Bekanntmachung, nicht der Ausgabe des Amtsblatts",
                    )
                )
                reading.problems.append(
                    Problem(
                        "events › published",
                        f"Tag der Bekanntmachung {format_date(day)} aus dem Datum des "
                        "Bekanntmachungstextes übernommen; bitte mit dem Erscheinungstag des "
                        "Amtsblatts abgleichen",
                        source,
                    )
                )
    return reading
