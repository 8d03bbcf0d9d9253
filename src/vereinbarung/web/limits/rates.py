"""The rate limits as configured: ``VEREINBARUNG_RATE_LIMITS``, read by the settings.

A limit is a number of requests per period, in the notation of django-ratelimit: ``30/m`` (30 a
minute), ``20/10m`` (20 in ten minutes), ``1000/h``, ``5000/d``. The variable overrides the
defaults one group at a time, ``aus`` (or ``0``) switches a group or, alone, every limit off::

    VEREINBARUNG_RATE_LIMITS="fristenrechner=60/m, kalender=aus"

>>> parse_rate_limits("fristenrechner=60/m, kalender=aus")["fristenrechner"]
'60/m'
>>> parse_rate_limits("fristenrechner=60/m, kalender=aus")["kalender"] is None
True
>>> set(parse_rate_limits("aus").values())
{None}
>>> describe("20/10m"), describe("30/m"), describe("1/s")
('20 Anfragen je 10 Minuten', '30 Anfragen je Minute', '1 Anfrage je Sekunde')
>>> parse_rate_limits("rechner=5/m")
Traceback (most recent call last):
...
ValueError: VEREINBARUNG_RATE_LIMITS: »rechner« ist keine Gruppe (erlaubt: anmelden, api, fristenrechner, kalender).
"""

from __future__ import annotations

import re

__all__ = ["DEFAULT_RATE_LIMITS", "describe", "parse_rate_limits"]

#: Requests per client address (``REMOTE_ADDR``, behind the trusted proxy the person's own):
#: the Fristenrechner and ``POST /api/deadlines`` each at most half a second of computing
#: (:mod:`vereinbarung.law.budget`), the calendar feed polled by a calendar program every few
#: minutes at most (a town hall's staff may share one address), failed logins (successful ones
#: are not counted; django-axes locks the account after five failures besides).
DEFAULT_RATE_LIMITS: dict[str, str | None] = {
    "anmelden": "20/10m",
    "api": "30/m",
    "fristenrechner": "30/m",
    "kalender": "120/m",
}
_RATE = re.compile(r"^([1-9]\d{0,6})/([1-9]\d{0,3})?([smhd])$")
_OFF = {"aus", "0", "off", "nein", "no"}
_UNITS = {
    "s": ("Sekunde", "Sekunden"),
    "m": ("Minute", "Minuten"),
    "h": ("Stunde", "Stunden"),
    "d": ("Tag", "Tage"),
}


def parse_rate_limits(text: str) -> dict[str, str | None]:
    """The limits by group: the defaults, changed by *text* (None: no limit for the group)."""
    limits = dict(DEFAULT_RATE_LIMITS)
    text = text.strip()
    if not text:
        return limits
    if text.lower() in _OFF:
        return dict.fromkeys(limits)
    for part in text.split(","):
        if not part.strip():
            continue
        name, sep, value = (s.strip() for s in part.partition("="))
        if name not in limits:
            allowed = ", ".join(sorted(limits))
            raise ValueError(
                f"VEREINBARUNG_RATE_LIMITS: »{name}« ist keine Gruppe (erlaubt: {allowed})."
            )
        if value.lower() in _OFF:
            limits[name] = None
        elif sep and _RATE.match(value):
            limits[name] = value
        else:
            raise ValueError(
                f"VEREINBARUNG_RATE_LIMITS: »{part.strip()}« – erwartet wird z. B. "
                f"»{name}=30/m« (Anfragen je s, m, h oder d; »20/10m«: 20 je 10 Minuten) oder "
                f"»{name}=aus«."
            )
    return limits


def describe(rate: str) -> str:
    """German wording of a limit: ``20/10m`` → "20 Anfragen je 10 Minuten"."""
    match = _RATE.match(rate)
    if match is None:
        return rate
    count, multiple, unit = match.groups()
    one, many = _UNITS[unit]
    period = f"{multiple} {many}" if multiple and multiple != "1" else one
    return f"{count} {'Anfrage' if count == '1' else 'Anfragen'} je {period}"
