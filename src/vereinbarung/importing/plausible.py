"""The last check on a party name and a title before they are accepted without a review item.

Every way of reading parties and title (a parties block, a sentence, a list, a Bekanntmachung)
can take text around a value for the value: »Gemeinderat der Gemeinde A hat am 28.07.2025
beschlossen«, »Dies vorausgeschickt«, a title »1 von 11 Gebietsänderungsvereinbarung«. Issue 22
asks for 0 silently wrong values, so what one reader misses this module catches, once, where
parties and title are finalised (:func:`~vereinbarung.importing.parties_fallback.suspicious_names`
and :meth:`~vereinbarung.importing.structure.DocumentWalk.header`):

* :func:`normalise_party` writes the nominative of a compound kind (»Großen Kreisstadt A« →
  »Große Kreisstadt A«, »kreisfreien Stadt B« → »Stadt B«) and drops an abbreviation of the
  kind or of the name that the text adds (»Verwaltungsgemeinschaft (VG) A«, »Zweckverband B
  –ZV B-«);
* :func:`party_doubt` says why a name does not read as »Kind Name« — no kind word, gazetteer
  entry or Land; verb forms or sentence words; a date or number; numbering; page furniture;
* :func:`clean_title` removes furniture before a title (»1 von 11«, »Seite 3«, »I. Text:«) and
  :func:`title_words_doubt` says why a title is still implausible.

A doubt is a review item, never a silent change: the value may stay, someone looks at it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from vereinbarung.importing.gazetteer import LAENDER, body_key, known

__all__ = [
    "clean_title",
    "empty_name_slot",
    "normalise_party",
    "partner_not_listed",
    "party_doubt",
    "title_words_doubt",
    "whole_title",
]

# -- party names -------------------------------------------------------------------------------

# a word of the name naming the kind of body (»Stadt«, »Rhein-Kreis«, »Samtgemeinde«, »Bund«)
_KIND_END = re.compile(
    r"(?:stadt|städte|gemeinde|gemeinden|kreis|markt|amt|verband|gemeinschaft|land|staat|"
    r"republik|bund|flecken|bezirk|region|körperschaft|anstalt|kammer|kasse|behörde|ministerium|"
    r"regierung|senat|verwaltung|universität|hochschule|gesellschaft|gmbh|stiftung|kirche|"
    r"betrieb|werke?|agentur|direktion|zentrum|genossenschaft|innung|bistum|diözese|präsidium|"
    r"kommune|klinikum|institut|schule|center|rundfunk|unternehmen|träger|körperschaften)$"
)
_KIND_START = re.compile(r"^(?:stadt|kreis|land|bundes|freistaat|markt|verbands|zweck|samt)")
# verb forms and words of a sentence: the name ran on into the text around it
_SENTENCE = re.compile(
    r"\b(?:hat|haben|hatte|hatten|wird|werden|wurde|wurden|ist|sind|war|waren|sei|seien|"
    r"beschlossen|beschließt|beschließen|vorausgeschickt|vereinbart|vereinbaren|vereinbaren|"
    r"schließt|geschlossen|handelnd|nachfolgend|nachstehend\w*|folgende[nrs]?|hiermit|dies|"
    r"Dies|diese[nrs]?|Diese[nrs]?|dass|daher|deshalb|soll|sollen|kann|können|muss|müssen|"
    r"übernimmt|überträgt|übertragen|erfüllt|nimmt|bildet|bilden|beauftragt|"
    r"Beschluss|Präambel|Gemeinderat|Stadtrat|Kreistag|Verbandsversammlung|"
    r"jeweils|sowie|bzw|beide|Folgenden|als|"  # a second party or a reference glued on
    r"Herr|Herrn|Frau|Bürgermeister\w*|Oberbürgermeister\w*|Landrat|Landrätin|Amtsdirektor\w*|"
    r"Verbandsvorsteher\w*|Vorsitzende[nr]?|\w*[Ss]traße|\w*str\.)(?!\w)"
    r"|\bund\s+(?:der|die|dem|den|des|Stadt|Gemeinde|Landkreis|Kreis|Markt|Amt)\b"  # two parties
)
_PUNCTUATION = re.compile(r"[;:\"„“”»«]|,$")
_DATE = re.compile(
    r"\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4}|\b\d{1,2}\.\s*(?:Januar|Februar|März|April|Mai|Juni|Juli|"
    r"August|September|Oktober|November|Dezember)\b|\b(?:1[89]|20)\d{2}\b"
)
_NUMBERING = re.compile(r"^(?:\d{1,3}|[a-z]|[IVX]{1,4})[.)]\s|^\(\w{1,3}\)\s|^[-–•*]\s")
_FURNITURE = re.compile(r"\b(?:Seite|SEITE|Page|Blatt|Download|Transkript)\b|\d+\s+von\s+\d+")

# the nominative of a compound kind after »der/die/den« (README of the corpus: »Kind Name«)
_NOMINATIVE = (
    (re.compile(r"^Großen\s+Kreisstadt\s+"), "Große Kreisstadt "),
    (re.compile(r"^[Kk]reisfreie[nr]?\s+Stadt\s+"), "Stadt "),
    (re.compile(r"^Freien\s+und\s+Hansestadt\s+"), "Freie und Hansestadt "),
    (re.compile(r"^Freien\s+Hansestadt\s+"), "Freie Hansestadt "),
    (re.compile(r"^(Landkreis|Kreis)es\s+"), r"\1 "),  # »des Landkreises A«
    (re.compile(r"^(Freistaat|Land|Amt|Markt|Bezirk|Zweckverband|Schulverband)e?s\s+"), r"\1 "),
)
# »Verwaltungsgemeinschaft (VG) A«: the kind's own abbreviation after it
_KIND_ABBREVIATION = re.compile(r"^(?P<kind>[A-ZÄÖÜ][\w-]+)\s+\((?P<short>[A-ZÄÖÜ]{2,5})\)\s+")
# »Zweckverband B –KVÜ MIL-«, »Zweckverband B -KVÜ-«: an abbreviation in dashes at the end
_DASHED_ABBREVIATION = re.compile(r"\s+[-–]\s?[A-ZÄÖÜ]{2,}(?:\s[A-ZÄÖÜ]{2,})*\s?[-–]?$")
# »Verwaltungsgemeinschaft „Ershausen/Geismar“«: the name after the kind in quotes
_QUOTED_NAME = re.compile(r"^(?P<kind>[A-ZÄÖÜ][\w-]+)\s+[„\"“](?P<name>[^„“”\"]{2,80})[“”\"]$")


def _abbreviates(short: str, word: str) -> bool:
    """Whether *short* (»VG«) is made of letters of *word* (»Verwaltungsgemeinschaft«) in
    order, starting with its first letter."""
    letters = word.lower()
    if not short or letters[0] != short[0].lower():
        return False
    at = 0
    for char in short.lower():
        at = letters.find(char, at)
        if at < 0:
            return False
        at += 1
    return True


def normalise_party(name: str) -> str:
    """*name* with the nominative of its compound kind and without an added abbreviation.

    >>> normalise_party("Großen Kreisstadt Leutkirch im Allgäu")
    'Große Kreisstadt Leutkirch im Allgäu'
    >>> normalise_party("Verwaltungsgemeinschaft (VG) Stadtprozelten")
    'Verwaltungsgemeinschaft Stadtprozelten'
    >>> normalise_party("Zweckverband Abfall im Landkreis Hof –ZAH-")
    'Zweckverband Abfall im Landkreis Hof'
    >>> normalise_party("Verwaltungsgemeinschaft „Obertal-Untertal“")
    'Verwaltungsgemeinschaft Obertal-Untertal'
    """
    name = " ".join(name.split())
    quoted = _QUOTED_NAME.match(name)
    if quoted:
        name = f"{quoted.group('kind')} {quoted.group('name').strip()}"
    for pattern, nominative in _NOMINATIVE:
        name = pattern.sub(nominative, name, count=1)
    match = _KIND_ABBREVIATION.match(name)
    if match and _abbreviates(match.group("short"), match.group("kind")):
        name = f"{match.group('kind')} {name[match.end() :]}"
    stripped = _DASHED_ABBREVIATION.sub("", name)
    if stripped != name and len(stripped.split()) >= 2:
        name = stripped
    return name


def _has_kind(name: str) -> bool:
    """Whether *name* reads as »Kind Name«: a gazetteer entry, a Land, or a kind word in it."""
    if known(name) or name in LAENDER:
        return True
    words = [w.strip("()/,") for w in re.split(r"[\s-]+", name)]  # »Rhein-Kreis-Neuss«
    return any(
        _KIND_END.search(w.lower()) or _KIND_START.match(w.lower()) for w in words if len(w) > 2
    )


# what a party name must not hold, in the order asked, each with its review message
_NAME_DOUBTS: tuple[tuple[Callable[[str], re.Match[str] | None], str], ...] = (
    (_SENTENCE.search, "er enthält das Satzwort »{}«"),
    (_PUNCTUATION.search, "er enthält das Satzzeichen »{}«"),
    (_FURNITURE.search, "er enthält Seitenangaben (»{}«)"),
    (_NUMBERING.match, "er beginnt mit einer Nummerierung (»{}«)"),
    (
        lambda n: _DATE.search(n) or re.search(r"\d", n),
        "er enthält ein Datum oder eine Zahl (»{}«)",
    ),
)


def party_doubt(name: str) -> str | None:
    """Why *name* does not read as the name of a body (»Kind Name«), or None.

    >>> party_doubt("Stadt Neuss"), party_doubt("Rhein-Kreis Neuss"), party_doubt("Saarland")
    (None, None, None)
    >>> party_doubt("Dies vorausgeschickt")
    'er enthält das Satzwort »Dies«'
    >>> party_doubt("Gemeinde Aitrach hat am 28.07.2025 beschlossen")
    'er enthält das Satzwort »hat«'
    """
    name = " ".join(name.split())
    for find, message in _NAME_DOUBTS:
        found = find(name)
        if found:
            return message.format(found.group().strip())
    if not name[:1].isupper():
        return "er beginnt nicht mit einem großgeschriebenen Wort (Artikel oder Satzteil?)"
    if not _has_kind(name):
        return "er nennt keine Art der Körperschaft (Stadt, Gemeinde, Kreis, Amt …)"
    return None


# a kind word with its article but no name, a blank before the comma where the name stood
# (»Die Stadt , die Stadt , die Gemeinde A«): a hosting site removed the names, parties are
# missing. Typed text has no blank before a comma, so a kind word before » ,« is no wording.
_KINDS = (
    r"(?:Stadt|Gemeinde|Amt|Landkreis|Kreis|Markt|Samtgemeinde|Verbandsgemeinde|Ortsgemeinde|"
    r"Hansestadt|Kreisstadt|Zweckverband|Verwaltungsgemeinschaft)"
)
_EMPTY_SLOT = re.compile(rf"\b(?:[Dd]ie|[Dd]er|[Dd]en|[Dd]em)\s+{_KINDS}(?=\s+[,;])")


def empty_name_slot(text: str) -> str | None:
    """The first kind word of *text* standing with its article but without a name, or None.

    >>> empty_name_slot("Die Stadt , die Stadt , die Gemeinde Adorf und das Amt Bdorf")
    'Die Stadt'
    >>> empty_name_slot("zwischen der Stadt Adorf und der Gemeinde Bdorf") is None
    True
    """
    found = _EMPTY_SLOT.search(" ".join(text.split()))
    return found.group() if found else None


# »Die Gemeinde A vereinbart mit der Stadt B …«, »schließen mit dem Landkreis C folgende …«:
# a body named as the other side of the agreement
_CONTRACTS_WITH = re.compile(
    rf"\b(?:vereinbar\w*|schließ\w*|geschlossen)\s+(?:\w+\s+){{0,3}}?mit\s+(?:der|dem)\s+"
    rf"(?P<name>{_KINDS}(?:\s+[A-ZÄÖÜ][\w./()-]*){{1,4}})"
)


def partner_not_listed(text: str, names: list[str]) -> str | None:
    """A body of the gazetteer that *text* names as the other side of the agreement (»…
    vereinbart mit der Stadt B«) but that is not among *names*, or None.

    >>> partner_not_listed("Die Gemeinde Adorf vereinbart mit der Stadt Wolgast:", ["Gemeinde Adorf"])
    'Stadt Wolgast'
    >>> partner_not_listed("vereinbaren mit der Stadt Wolgast", ["Stadt Wolgast"]) is None
    True
    """
    listed = {body_key(n) for n in names}
    for found in _CONTRACTS_WITH.finditer(" ".join(text.split())):
        words = found.group("name").split()
        for size in range(len(words), 1, -1):
            name = " ".join(words[:size]).rstrip(".,;:")
            if known(name):
                if body_key(name) not in listed and not any(name in n for n in names):
                    return name
                break
    return None


# -- titles ------------------------------------------------------------------------------------

# furniture before a title: a page number (»1 von 11«, »Seite 3«), the outline number and label
# of the notice around the agreement (»I. Text:«, »Wortlaut:«)
_TITLE_FURNITURE = re.compile(
    r"^(?:(?:Seite|Blatt|Page)\s*\d{1,4}(?:\s*(?:von|/)\s*\d{1,4})?|\d{1,4}\s*(?:von|/)\s*\d{1,4})"
    r"\s*[-–:|]?\s+(?=\S)"
    r"|^(?:[IVX]{1,4}\.\s+)?(?:Text|Wortlaut|Volltext)(?:\s+der\s+\w+)?\s*:\s*(?=\S)"
    # a file number of a collection of local law (»h0681«) and a draft's mark (»Entwurf für die
    # Beratung Stand 9. Januar 2017«) before the title
    r"|^[a-z]{1,2}\d{3,5}\s+(?=[A-ZÄÖÜ\d])"
    r"|^(?:\d{1,3}\s+)?Entwurf\b[^.:;]{0,80}?\bStand:?\s+\d{1,2}\.\s*(?:\d{1,2}\.|[A-ZÄÖÜ][a-zäöü]+)"
    r"\s*\d{4}\s+(?=\S)"
    # the end of a signature before it: »Adorf, 01.09.2025 gez. Eva Muster Bürgermeisterin«
    r"|^[\w. ()/-]{2,40},\s*(?:den\s+)?\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4}\s+gez\.\s+"
    r"(?:[\w.-]+\s+){1,4}?(?:Erste[r]?\s+)?(?:(?:Ober)?Bürgermeister(?:in)?|Landr(?:at|ätin)|"
    r"Amtsdirektor(?:in)?|Amtsvorsteher(?:in)?|Verbandsvorsteher(?:in)?)\s+(?=\S)",
    re.IGNORECASE,
)
# a leading ordinal is part of a title only before these words (»1. Änderung der …«)
_ORDINAL_NOUN = re.compile(
    r"^(?:\d{1,3}|[IVX]{1,4})\.\s+(?:Änderung|Nachtrag|Ergänzung|Fortschreibung|Neufassung|"
    r"Änderungsvereinbarung|Zusatzvereinbarung|Ergänzungsvereinbarung)",
    re.IGNORECASE,
)
_TITLE_START = re.compile(
    r"^(?:\d{1,4}\b|[IVX]{1,4}\.\s|[a-z]\)\s|\(\w{1,3}\)\s|Seite\b|Anlage\b|Anhang\b|Blatt\b|"
    r"Download\b|Transkript\b|Titel\b|Inhalt\w*|Startseite\b|Aktuelle[s]?\b|"
    # the heading of a notice around the agreement, not the agreement's title
    r"(?:Öffentliche\s+|Amtliche\s+)?Bekanntmachung\b|Vollzug\b|Genehmigung\b)",
    re.IGNORECASE,
)
_TITLE_SENTENCE = re.compile(
    r"\b(?:hat|haben|wurde|wurden|beschlossen|vorausgeschickt)\b|\b(?:Seite|SEITE|Page)\s+\d"
)


def clean_title(title: str) -> tuple[str, str | None]:
    """*title* without the furniture before it, and what was removed (None: nothing).

    >>> clean_title("1 von 11 Gebietsänderungsvereinbarung")
    ('Gebietsänderungsvereinbarung', '1 von 11')
    >>> clean_title("I. Text: Zweckvereinbarung")
    ('Zweckvereinbarung', 'I. Text:')
    >>> clean_title("h0681 0/7 Vereinbarung über die Verwaltungsgemeinschaft")
    ('Vereinbarung über die Verwaltungsgemeinschaft', 'h0681 0/7')
    >>> clean_title("1 Entwurf für die Beratung Stand 9. Januar 2017 Grenzänderungsvertrag")
    ('Grenzänderungsvertrag', '1 Entwurf für die Beratung Stand 9. Januar 2017')
    >>> clean_title("1. Änderung der Zweckvereinbarung")
    ('1. Änderung der Zweckvereinbarung', None)
    >>> clean_title("Adorf, 01.09.2025 gez. Eva Muster Bürgermeisterin Zweckvereinbarung")
    ('Zweckvereinbarung', 'Adorf, 01.09.2025 gez. Eva Muster Bürgermeisterin')
    """
    removed: list[str] = []
    while True:
        match = _TITLE_FURNITURE.match(title)
        if match is None or not title[match.end() :].strip():
            break
        removed.append(match.group().strip())
        title = title[match.end() :]
    return title, (" ".join(removed) if removed else None)


# the word naming the agreement's kind; what stands before it is read for a signature run
_TITLE_KIND = re.compile(r"vereinbarung|vertrag|abkommen|übereinkommen|satzung", re.IGNORECASE)
# a first word in lower case that is not the kind (»öffentlich-rechtliche Vereinbarung«): the
# rest of a sentence (»… schließen die Gemeinden A und B nachfolgende 1. Änderung der …«)
_TITLE_LOWER = re.compile(
    r"^(?!öffentlich|(?:\w+-)?(?:vereinbarung|vertrag|abkommen|übereinkommen)\b)[a-zäöüß][\w-]*"
)
# a place-date line, »gez.« or an office before the kind: the end of a signature glued on
_SIGNATURE_RUN = re.compile(
    r"\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4}|\bgez\.|\b(?:Ober)?[Bb]ürgermeister\w*|\bLandr(?:at|ätin)\b|"
    r"\bAmtsdirektor\w*|\bAmtsvorsteher\w*|\bVerbandsvorsteher\w*|\bVorsitzende[nr]?\b|"
    r"\bGeschäftsführer\w*|\bDezernent\w*|\bSiegel\b|\bL\.\s?S\.|\bi\.\s?V\."
)


def title_words_doubt(title: str) -> str | None:
    """Why *title* is not plausible as an agreement's title by its words, or None.

    >>> title_words_doubt("Zweckvereinbarung"), title_words_doubt("1. Änderung der Vereinbarung")
    (None, None)
    >>> title_words_doubt("Anlage 1 Zweckvereinbarung")
    'er beginnt mit »Anlage« (Nummerierung, Anlage oder Seitenangabe)'
    >>> title_words_doubt("Adorf, 01.09.2025 gez. Müller Bürgermeister Zweckvereinbarung")
    'vor der Art der Vereinbarung steht »01.09.2025« (Ort und Datum, Unterschrift oder Amt?)'
    >>> title_words_doubt("nachfolgende 1. Änderung der Zweckvereinbarung")
    'er beginnt klein mit »nachfolgende« (Rest eines Satzes?)'
    >>> title_words_doubt("öffentlich-rechtliche Vereinbarung über die Schule") is None
    True
    """
    start = _TITLE_START.match(title)
    if start and not _ORDINAL_NOUN.match(title):
        return f"er beginnt mit »{start.group().strip()}« (Nummerierung, Anlage oder Seitenangabe)"
    kind = _TITLE_KIND.search(title)
    found = _SIGNATURE_RUN.search(title[: kind.start()] if kind else title)
    if found:
        return (
            f"vor der Art der Vereinbarung steht »{found.group()}« (Ort und Datum, Unterschrift "
            "oder Amt?)"
        )
    found = _TITLE_SENTENCE.search(title)
    if found:
        return f"er enthält »{found.group()}« (Satz oder Seitenangabe)"
    lower = _TITLE_LOWER.match(title)
    if lower:
        return f"er beginnt klein mit »{lower.group()}« (Rest eines Satzes?)"
    return None


# the kind of agreement alone (»Zweckvereinbarung«, »Öffentlich-rechtliche Vereinbarung«)
_KIND_ALONE = re.compile(
    r"^(?:Öffentlich-rechtliche[rs]?\s+|Öffentlich\s*-\s*rechtliche[rs]?\s+)?"
    r"(?:[A-ZÄÖÜ][\wäöüß-]*)?(?:vereinbarung|vertrag|abkommen|übereinkommen)$",
    re.IGNORECASE,
)


def whole_title(title: str, subtitle: str | None) -> tuple[str, str | None]:
    """Title and subtitle as written on one line: »über …« split from the kind alone stays
    a subtitle; split from more than the kind (»Neufassung der Vereinbarung«), the whole line
    is the title — a part of a title line is neither its kind nor the title.

    >>> whole_title("Zweckvereinbarung", "über die Schule")
    ('Zweckvereinbarung', 'über die Schule')
    >>> whole_title("Neufassung der Vereinbarung", "über die Schule")
    ('Neufassung der Vereinbarung über die Schule', None)
    """
    if subtitle is None or _KIND_ALONE.match(title):
        return title, subtitle
    return f"{title} {subtitle}", None
