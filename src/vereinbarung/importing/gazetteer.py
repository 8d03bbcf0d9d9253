"""German public bodies by name: recognise and normalise a party's name.

The gazetteer (``importing/data/gazetteer.tsv``, see the README next to it) is derived from the
Gemeindeverzeichnis of the Statistisches Bundesamt (Destatis, GV-ISys/GV100AD; Datenlizenz
Deutschland – Namensnennung 2.0): every Gemeinde, Stadt and Markt (Gebietsstand 31.12.2011),
every Kreis, Amt, Samtgemeinde and Verbandsgemeinde (31.03.2017), completed from the VG250 of
the Bundesamt für Kartographie und Geodäsie (© GeoBasis-DE / BKG 2016, same licence) by the
Gemeinden the 2011 copy lacks and every Verwaltungsgemeinschaft and Verwaltungsverband; each
with its key (AGS), Land and kind. The importer uses it only to *confirm* what a text says (»Stadt Coburg« is a Stadt of that
name) and to normalise the spelling around a name (»der Stadtverwaltung Ostritz« → »Stadt
Ostritz«); a body the gazetteer does not know is never dropped, only not confirmed.

>>> known("Stadt Neuss"), known("Gemeinde Neuss"), known("Stadt Nirgendwo")
(True, False, False)
>>> known("Städteregion Aachen"), known("Region Hannover"), known("Region Aachen")
(True, True, False)
>>> normalise("Stadtverwaltung Reichenbach/O.L."), normalise("Stadt Lauenburg / Elbe")
('Stadt Reichenbach/O.L.', 'Stadt Lauenburg/Elbe')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

__all__ = [
    "LAENDER",
    "Body",
    "bodies",
    "body_key",
    "known",
    "known_before_town",
    "normalise",
    "split_kind",
]

#: The Länder as parties of a Staatsvertrag or Verwaltungsvereinbarung (GG Präambel, Art. 23).
LAENDER = frozenset({
    "Baden-Württemberg", "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg", "Hessen",
    "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen", "Rheinland-Pfalz",
    "Saarland", "Sachsen", "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen",
})  # fmt: skip
_STATES = (
    "Freie und Hansestadt Hamburg", "Freie Hansestadt Bremen", "Freistaat Bayern",
    "Freistaat Sachsen", "Freistaat Thüringen", "Saarland",
)  # fmt: skip

# the word before the name in a text → the kinds of the gazetteer it may stand for
_KINDS: dict[str, tuple[str, ...]] = {
    "Stadt": ("Stadt",), "Hansestadt": ("Stadt",), "Landeshauptstadt": ("Stadt",),
    "Kreisstadt": ("Stadt",), "Große Kreisstadt": ("Stadt",), "Universitätsstadt": ("Stadt",),
    "Gemeinde": ("Gemeinde", "Markt", "Flecken"), "Ortsgemeinde": ("Gemeinde",),
    "Landgemeinde": ("Gemeinde", "Stadt"), "Markt": ("Markt",), "Marktgemeinde": ("Markt",),
    "Flecken": ("Flecken",), "Amt": ("Amt",), "Samtgemeinde": ("Samtgemeinde",),
    "Verbandsgemeinde": ("Verbandsgemeinde",), "Kreis": ("Kreis", "Landkreis"),
    "Landkreis": ("Landkreis", "Kreis"), "Region": ("Region",),
    "Regionalverband": ("Regionalverband",),
    "Verwaltungsgemeinschaft": ("Verwaltungsgemeinschaft",),
    "Verwaltungsverband": ("Verwaltungsverband",),
    "Gemeindeverwaltungsverband": ("Verwaltungsverband",),
}  # fmt: skip
_KIND_WORD = re.compile(
    r"^(?P<kind>"
    + "|".join(sorted((re.escape(k) for k in _KINDS), key=len, reverse=True))
    + r")\s+(?P<name>\S.*)$"
)
# »Stadtverwaltung X« names the administration, the party is the body
_ADMINISTRATION = {"Stadtverwaltung": "Stadt", "Gemeindeverwaltung": "Gemeinde",
                   "Kreisverwaltung": "Kreis", "Amtsverwaltung": "Amt"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Body:
    """One public body of the gazetteer."""

    key: str
    land: str
    kind: str
    name: str


@lru_cache(maxsize=1)
def bodies() -> tuple[Body, ...]:
    """Every body of the gazetteer (read once)."""
    text = files("vereinbarung.importing").joinpath("data/gazetteer.tsv").read_text("utf-8")
    found = []
    for line in text.splitlines():
        key, land, kind, name = line.split("\t")
        found.append(Body(key, land, kind, name))
    return tuple(found)


def _key(name: str) -> str:
    """A spelling-insensitive key: »Sulzbach a.Main« and »Sulzbach am Main« are one."""
    text = name.lower()
    for short, full in (("a.d.", "an der "), ("i.d.", "in der "), ("a.", "am "), ("i.", "im "),
                        ("b.", "bei "), ("st.", "sankt ")):  # fmt: skip
        text = re.sub(rf"(?<![\w]){re.escape(short)}\s*", full, text)
    return re.sub(r"[^\wäöüß]+", "", text)


@lru_cache(maxsize=1)
def _index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for body in bodies():
        short = re.sub(r"\s*\(.*$|\s+(?:a\.|am|an|i\.|im|in|b\.|bei|ob|vor|v\.d\.)(?:\s|(?<=\.)).*$",
                       "", body.name)  # fmt: skip
        for spelling in {body.name, short}:
            index.setdefault(_key(spelling), set()).add(body.kind)
    return {k: frozenset(v) for k, v in index.items()}


def split_kind(name: str) -> tuple[str, str] | None:
    """»Große Kreisstadt Aalen« → (»Große Kreisstadt«, »Aalen«); None without a kind word."""
    match = _KIND_WORD.match(name.strip())
    return (match.group("kind"), match.group("name")) if match else None


def known(name: str) -> bool:
    """Whether *name* (»Stadt Neuss«, »Land Hessen«, »Kreis Mettmann«) names a body of the
    gazetteer of that kind, or a Land."""
    name = " ".join(name.split())
    if name in _STATES or (name.startswith("Land ") and name[5:] in LAENDER):
        return True
    if re.search(r"(?i)region\b|kreis\b", name) and "Kreis" in _index().get(_key(name), ()):
        return True  # a Kreis whose kind word is part of its name: »Städteregion Aachen«
    parts = split_kind(name)
    if parts is None:
        return False
    kind, rest = parts
    kinds = _index().get(_key(rest), frozenset())
    return any(k in kinds for k in _KINDS[kind])


# the words for a town: a Gemeinde or Markt granted the title of Stadt after the gazetteer's date
_TOWN = frozenset({"Stadt", "Kreisstadt", "Große Kreisstadt"})


def known_before_town(name: str) -> str | None:
    """The gazetteer's name of *name* (»Stadt Wiesental«) as a Gemeinde, Markt or Flecken
    (»Gemeinde Wiesental«), where the gazetteer has no Stadt of that name: the title of Stadt
    is granted every year (Hessen, Bayern, Baden-Württemberg …), later than the gazetteer's
    date; None otherwise.

    >>> known_before_town("Stadt Erlensee"), known_before_town("Stadt Neuss")
    ('Gemeinde Erlensee', None)
    """
    parts = split_kind(" ".join(name.split()))
    if parts is None or parts[0] not in _TOWN or known(name):
        return None
    kinds = _index().get(_key(parts[1]), frozenset())
    kind = next((k for k in ("Gemeinde", "Markt", "Flecken") if k in kinds), None)
    return f"{kind} {parts[1]}" if kind else None


def normalise(name: str) -> str:
    """*name* with whitespace normalised and an administration named as its body
    (»Stadtverwaltung Ostritz« → »Stadt Ostritz«)."""
    name = " ".join(name.split())
    # »Lauenburg / Elbe« (justified or hyphenated text) is »Lauenburg/Elbe«
    name = re.sub(r"(?<=\w)\s*/\s*(?=[A-ZÄÖÜ][\w.]*$)", "/", name)
    first, _, rest = name.partition(" ")
    if first in _ADMINISTRATION and rest:
        return f"{_ADMINISTRATION[first]} {rest}"
    return name


def body_key(name: str) -> str:
    """One key for the spellings of one body: »Landeshauptstadt Düsseldorf« and »Stadt
    Düsseldorf« are one Stadt, »Kreis Mettmann« and »Landkreis Mettmann« one Kreis.

    >>> body_key("Landeshauptstadt Düsseldorf") == body_key("Stadt Düsseldorf")
    True
    >>> body_key("Landkreis Kassel") == body_key("Kreis Kassel") != body_key("Stadt Kassel")
    True
    """
    parts = split_kind(" ".join(name.split()))
    if parts is None:
        return _key(name)
    kind, rest = parts
    return f"{min(_KINDS[kind]).lower()}:{_key(rest)}"
