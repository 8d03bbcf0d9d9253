"""Sender profiles (Absender) as data and as the YAML file ``render --absender`` reads.

The web register keeps sender profiles in the schema of :class:`vereinbarung.model.sender.Sender`
(DIN 5008 Informationsblock, the signatories of § 64 Abs. 1 GO NRW); this module turns plain data
into a validated profile with German problems naming each field, and a profile back into the
YAML 1.2 file the command line reads (``vereinbarung render … --absender absender.yaml``), so
a profile downloaded from the register works unchanged with the CLI and the other way round.
Source: ruamel.yaml documentation, "Basic Usage" (https://yaml.readthedocs.io/en/latest/basicuse/).
"""

from __future__ import annotations

import io
from typing import Any

from pydantic import ValidationError

from vereinbarung.errors import AgreementFileError
from vereinbarung.files.io import german_problems
from vereinbarung.model.sender import Sender

__all__ = ["sender_from_data", "sender_yaml"]

#: The header of a downloaded profile: what it is and how the command line uses it.
_HEADER = (
    "# Absenderangaben für Schreiben (Kündigung, Umlageberechnung, Vermerk), aus dem Register.\n"
    "# Verwendung auf der Kommandozeile: vereinbarung render DATEI -t kuendigung --by PARTEI "
    "--absender DIESE-DATEI\n"
)


def sender_from_data(data: Any, *, source: str = "<Absender>") -> Sender:
    """*data* (a mapping as read from YAML/JSON) as a :class:`Sender`.

    Raises :class:`~vereinbarung.AgreementFileError` naming *source*, with one German line per
    problem (``Feld signatories › Nr. 1 › name: fehlt (Pflichtfeld).``).

    >>> sender_from_data({"party": "Gemeinde Rommerskirchen", "reference": "30.2"}).reference
    '30.2'
    >>> sender_from_data({"telefon": "1"}, source="a.yaml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    vereinbarung.errors.AgreementFileError: a.yaml: Feld telefon: unbekannter Schlüssel »telefon«...
    """
    if not isinstance(data, dict):
        raise AgreementFileError(
            source, ["Die Absenderdatei muss eine Zuordnung (Schlüssel: Wert) enthalten."]
        )
    try:
        return Sender.model_validate(data)
    except ValidationError as exc:
        raise AgreementFileError(source, german_problems(exc)) from None


def sender_yaml(sender: Sender) -> str:
    """*sender* as the YAML file ``--absender`` reads (empty fields left out).

    >>> print(sender_yaml(Sender(party="Stadt Neuss", phone="02131 90-0")), end="")
    ... # doctest: +ELLIPSIS
    # Absenderangaben ...
    party: Stadt Neuss
    phone: 02131 90-0
    """
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = 4096
    yaml.default_flow_style = False
    out = io.StringIO()
    yaml.dump(sender.model_dump(mode="json", exclude_none=True, exclude_defaults=True), out)
    return _HEADER + out.getvalue()
