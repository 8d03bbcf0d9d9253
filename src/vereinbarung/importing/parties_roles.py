"""Words around a party's name in a list that name its role, not the party.

A sentence naming the parties (:mod:`vereinbarung.importing.parties_sentence`) often says what
each one is in the agreement; the name is what is left without it:

- a role mark: »Die Stadt A - Beteiligte zu 1 - und die Gemeinde B - Beteiligte zu 2 -«,
  »(Vertragspartner zu 2)«;
- where the parties belong: »…, die beide dem Landkreis A angehören, …«;
- the sides of a change of territory (Eingemeindung, Gebietsänderungsvertrag): »die
  aufnehmende Stadt B«, »die abgebende Gemeinde A«, and the parts a Gemeinde brings with it,
  »die Gemeinde A nebst dem Ortsteil L«, »… mit ihren Ortsteilen L und M«.

:func:`without_roles` removes them from the text of a list.
"""

from __future__ import annotations

import re

__all__ = ["without_roles"]

_ROLE_MARK = re.compile(
    r"\s*(?:[-–]\s*|\(\s*)(?:Beteiligte[rn]?|Vertragspartei|Vertragspartner(?:in)?|Partei)"
    r"\s+(?:zu\s+)?\d+\s*(?:[-–]|\))",
    re.IGNORECASE,
)
_BELONG = re.compile(
    r",\s*(?:die|welche)\s+(?:beide|beiden|alle|jeweils)\s+[^,;]{3,150}?\s+"
    r"(?:angehören|gehören|liegen)\b,?"
)
# »die aufnehmende Stadt B«, »der abgebenden Gemeinde A«: the adjective before the kind
_SIDE = re.compile(
    r"\b(?P<article>die|der|dem|den|das)\s+(?:aufnehmenden?|abgebenden?|aufzunehmenden?|"
    r"eingliedernden?|einzugliedernden?|aufgebenden?)\s+(?=[A-ZÄÖÜ])",
    re.IGNORECASE,
)
# »nebst dem Ortsteil L«, »mit ihren Ortsteilen L und M«, »einschließlich des Ortsteils L«: up to
# the next party (»und die Stadt B«), a comma or the end
_PARTS = re.compile(
    r"\s+(?:nebst|mit|samt|einschließlich)\s+(?:dem|den|ihrem|ihren|seinem|seinen|des|der)\s+"
    r"(?:Ortsteil(?:e|en|s)?|Gemeindeteil(?:e|en|s)?)\s+[A-ZÄÖÜ][\w-]*"
    r"(?:(?:\s*,\s*|\s+und\s+)(?!(?:die|der|dem|den|das)\s)[A-ZÄÖÜ][\w-]*)*"
)


def without_roles(text: str) -> str:
    """The text of a list of parties without the words that name their roles.

    >>> without_roles("die Gemeinde A nebst dem Ortsteil L und die aufnehmende Stadt B")
    'die Gemeinde A und die Stadt B'
    """
    text = _ROLE_MARK.sub("", text)
    text = _BELONG.sub("", text)
    text = _PARTS.sub("", text)
    return _SIDE.sub(lambda m: f"{m.group('article')} ", text)
