"""German for click's own words (usage lines, help headings, usage errors).

click marks its messages for translation with :func:`gettext.gettext`, bound in each of its
modules as ``_`` (and ``ngettext``). It ships no catalogs, and an application cannot register
an in-memory one, so :func:`install` rebinds those names in click's modules to a lookup in the
table below. Messages not in the table stay as click wrote them. Placeholders are kept, because
click formats them after the lookup.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

__all__ = ["install"]

GERMAN: dict[str, str] = {
    "Usage:": "Aufruf:",
    "Options": "Optionen",
    "Commands": "Befehle",
    "Positional arguments": "Argumente",
    "Show this message and exit.": "Diese Hilfe anzeigen und beenden.",
    "Show the version and exit.": "Die Version anzeigen und beenden.",
    "%(prog)s, version %(version)s": "%(prog)s, Version %(version)s",
    "Error: {message}": "Fehler: {message}",
    "Try '{command} {option}' for help.": "Hilfe: »{command} {option}«.",
    "Aborted!": "Abgebrochen.",
    "Missing argument": "Es fehlt das Argument",
    "Missing option": "Es fehlt die Option",
    "Missing parameter": "Es fehlt der Parameter",
    "Missing command.": "Es fehlt ein Befehl.",
    "Missing {param_type}": "Es fehlt: {param_type}",
    "Missing parameter: {param_name}": "Es fehlt der Parameter {param_name}",
    "No such command {name!r}.": "Den Befehl {name!r} gibt es nicht.",
    "No such option {name!r}.": "Die Option {name!r} gibt es nicht.",
    "Option {name!r} does not take a value.": "Die Option {name!r} nimmt keinen Wert.",
    "Option {name!r} requires an argument.": "Die Option {name!r} braucht einen Wert.",
    "Argument {name!r} takes {nargs} values.": "Das Argument {name!r} braucht {nargs} Werte.",
    "Invalid value for {param_hint}: {message}": "Ungültiger Wert für {param_hint}: {message}",
    "Invalid value: {message}": "Ungültiger Wert: {message}",
    "Got unexpected extra argument ({args})": "Unerwartetes zusätzliches Argument ({args})",
    "Got unexpected extra arguments ({args})": "Unerwartete zusätzliche Argumente ({args})",
    "{value!r} is not {choice}.": "{value!r} ist nicht {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} ist nicht eines von {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} ist keine gültige Zahl.",
    "{value} is not in the range {range}.": "{value} liegt nicht im Bereich {range}.",
    "Did you mean {possibility}?": "Gemeint ist vielleicht {possibility}?",
    "(Possible options: {possibilities})": "(Mögliche Optionen: {possibilities})",
    "{name} {filename!r} does not exist.": "{name} {filename!r} gibt es nicht.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} ist ein Ordner.",
    "{name} {filename!r} is a file.": "{name} {filename!r} ist eine Datei.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} ist nicht lesbar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} ist nicht beschreibbar.",
    "Could not open file {filename!r}: {message}": "Die Datei {filename!r} lässt sich nicht öffnen: {message}",
    "Choose from:\n\t{choices}": "Zur Auswahl:\n\t{choices}",
    "(Did you mean one of: {possibilities}?)": "(Gemeint ist vielleicht eines von: {possibilities}?)",
    "Option {name!r} requires {nargs} arguments.": "Die Option {name!r} braucht {nargs} Werte.",
    "Takes {nargs} values but 1 was given.": "Braucht {nargs} Werte, angegeben ist einer.",
    "Takes {nargs} values but {len} were given.": "Braucht {nargs} Werte, angegeben sind {len}.",
    "{value!r} does not match the format {format}.": "{value!r} passt nicht zum Format {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} passt zu keinem der Formate {formats}.",
    "{value!r} is not a valid boolean.": "{value!r} ist weder ja noch nein.",
    "default: {default}": "Standard: {default}",
    "required": "Pflicht",
    "file": "Datei",
    "directory": "Ordner",
    "path": "Pfad",
}

_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils")


def _gettext(message: str) -> str:
    return GERMAN.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def install() -> None:
    """Make click speak German in this process (idempotent)."""
    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        replacements: dict[str, Callable[..., str]] = {"_": _gettext, "ngettext": _ngettext}
        for attr, function in replacements.items():
            if hasattr(module, attr):
                setattr(module, attr, function)
