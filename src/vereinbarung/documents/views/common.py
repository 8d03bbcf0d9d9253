"""What every document view shares: the parties as letters and contracts print them, the
generator stamp, the party lookup for ``--by``, and German typography for running text.

Typography follows DIN 5008 (Schreib- und Gestaltungsregeln für die Textverarbeitung): a
no-break space after "§", "§§", "Abs.", "Nr.", "Art.", "S." and inside dates written with the
month name ("30. Juni 2026"), so that a sign and its number never stand on two lines.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from vereinbarung.errors import VereinbarungError
from vereinbarung.model.agreement import Address, Agreement, Party, PartyKind, Representative
from vereinbarung.model.german import (
    declined_name,
    party_intro,
    represented_by,
    short_name,
    with_article,
)
from vereinbarung.model.sender import Sender
from vereinbarung.version import __version__

__all__ = [
    "BLANK_DATE",
    "GENERATOR",
    "InfoLine",
    "PartyView",
    "SignatoryView",
    "find_party",
    "load_sender",
    "nbsp",
    "party_view",
]

GENERATOR = f"vereinbarung {__version__}"
#: Printed where a signature date is to be filled in by hand.
BLANK_DATE = "________________"


@dataclass(frozen=True, slots=True)
class PartyView:
    """A party as documents print it, with the forms the parties block and letters need."""

    name: str
    kind: PartyKind | None
    short_name: str
    intro: str
    """Words before the name in the parties block: "zwischen der", "der", "dem", "und der"."""
    name_dative: str
    """The name as it follows the dative article ("Oberbergischen Kreis")."""
    nominative: str
    genitive: str
    dative: str
    accusative: str
    represented_by: str
    """"Herrn Bürgermeister Erik Lierenfeld" (accusative, after "vertreten durch")."""
    representative: Representative
    address: Address | None
    address_lines: tuple[str, ...]
    acts_for: tuple[str, ...]
    is_lead: bool


def party_view(party: Party, index: int, count: int, lead: str | None) -> PartyView:
    kind = party.kind
    return PartyView(
        name=party.name,
        kind=kind,
        short_name=short_name(party.name, kind),
        intro=party_intro(index, count, kind),
        name_dative=declined_name(party.name, kind, "dative"),
        nominative=with_article(party.name, kind, "nominative"),
        genitive=with_article(party.name, kind, "genitive"),
        dative=with_article(party.name, kind, "dative"),
        accusative=with_article(party.name, kind, "accusative"),
        represented_by=represented_by(party.representative),
        representative=party.representative,
        address=party.address,
        address_lines=tuple(party.address.lines()) if party.address else (),
        acts_for=party.acts_for,
        is_lead=party.name == lead,
    )


def find_party(agreement: Agreement, name: str, *, option: str = "--by") -> Party:
    """The party called *name* (case ignored); a German error naming *option* if none."""
    for party in agreement.parties:
        if party.name == name:
            return party
    folded = [p for p in agreement.parties if p.name.casefold() == name.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    raise VereinbarungError(
        f"{option}: »{name}« ist keine Partei dieser Vereinbarung "
        f"(Parteien: {', '.join(p.name for p in agreement.parties)})."
    )


NBSP = "\u00a0"
_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
#: "§ 5", "§§ 23 ff.", "Abs. 3", "Nr. 2", "Art. 38", "S. 1", "Satz 2": sign and number stay together.
_BEFORE_NUMBER = re.compile(r"(§§?|Abs\.|Absatz|Nr\.|Art\.|Artikel|S\.|Satz|Ziff\.) (?=\d)")
#: "30. Juni 2026": day, month and year stay together.
_LONG_DATE = re.compile(rf"\b(\d{{1,2}}\.) ({_MONTHS}) (\d{{4}})\b")
#: "GkG NRW", "GO NRW", "SGB VIII": the law and its suffix stay together.
_LAW_SUFFIX = re.compile(r"\b(GkG|GO|KrO|SGB|LKiSchG|BGB|VwVfG|HGO|GemO) (?=NRW|[IVX]+\b)")


def nbsp(text: str) -> str:
    """*text* with no-break spaces where DIN 5008 keeps words together.

    >>> nbsp("gemäß § 5 Abs. 3 zum 30. Juni 2026 (§ 24 GkG NRW)").count("\u00a0")
    6
    """
    text = _BEFORE_NUMBER.sub(lambda m: m.group(1) + NBSP, text)
    text = _LONG_DATE.sub(lambda m: f"{m.group(1)}{NBSP}{m.group(2)}{NBSP}{m.group(3)}", text)
    return _LAW_SUFFIX.sub(lambda m: m.group(1) + NBSP, text)


def load_sender(path: str | os.PathLike[str]) -> Sender:
    """The sender profile at *path* (``--absender``, YAML or JSON); a German error naming the
    file, the field and the value if it is not one."""
    from pydantic import ValidationError

    from vereinbarung.errors import AgreementFileError
    from vereinbarung.files.io import german_problems, read_data

    file = Path(path)
    data = read_data(file)
    if not isinstance(data, dict):
        raise AgreementFileError(
            str(file), ["Die Absenderdatei muss eine Zuordnung (Schlüssel: Wert) enthalten."]
        )
    try:
        return Sender.model_validate(data)
    except ValidationError as exc:
        raise AgreementFileError(str(file), german_problems(exc)) from None


@dataclass(frozen=True, slots=True)
class SignatoryView:
    """A signature line of the letter: ``name`` None leaves it to be filled in by hand."""

    prefix: str
    """"In Vertretung", or empty."""
    name: str | None
    title: str


@dataclass(frozen=True, slots=True)
class InfoLine:
    """A labelled line: of the Informationsblock (DIN 5008), of bank details: "Aktenzeichen", "30.2-12/2026"."""

    label: str
    value: str
