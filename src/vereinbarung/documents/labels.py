"""German names of the values a template reaches, for error messages: "eine Partei", "die Vereinbarung".

A template that prints a whole object or asks for a field that does not exist gets a message in
the words of the document ("eine Partei hat kein Feld »nmae«"), never a Python class name.
"""

from __future__ import annotations

import dataclasses

from pydantic import BaseModel

__all__ = ["class_label", "field_names", "type_label"]


_TYPE_LABELS = {
    "Agreement": "die Vereinbarung",
    "PartyView": "eine Partei",
    "Party": "eine Partei",
    "Representative": "die vertretende Person",
    "Address": "eine Anschrift",
    "SectionView": "ein Paragraph",
    "ParagraphView": "ein Absatz",
    "ItemView": "ein Aufzählungspunkt",
    "PreambleBlock": "ein Präambelabsatz",
    "SignatureView": "ein Unterschriftenblock",
    "TerminationView": "die Kündigung",
    "ProfileView": "der Steckbrief",
    "AgreementState": "der Status",
    "DayStatus": "der Status",
    "Span": "eine Laufzeit",
    "NoticeDate": "ein Kündigungstermin",
    "UmlageView": "die Umlage",
    "ShareView": "ein Umlageanteil",
    "PaymentView": "eine Zahlung",
    "UmlageLetterView": "die Umlageberechnung",
    "Costs": "die Kostenregelung",
    "CostKey": "der Kostenschlüssel",
    "OverviewRow": "eine Zeile der Übersicht",
    "OverviewError": "eine fehlerhafte Datei",
    "Term": "die Laufzeitklausel",
    "Period": "eine Frist",
    "str": "ein Text",
    "int": "eine Zahl",
    "Decimal": "eine Zahl",
    "date": "ein Datum",
    "tuple": "eine Liste",
    "list": "eine Liste",
    "NoneType": "ein leerer Wert (None)",
}


def type_label(obj: object) -> str:
    """German words for what *obj* is, for messages."""
    return class_label(type(obj))


def class_label(cls: object) -> str:
    """German words for an object of class *cls*: "eine Partei"."""
    name = getattr(cls, "__name__", str(cls))
    return _TYPE_LABELS.get(name, f"ein Objekt vom Typ {name}")


def field_names(obj: object) -> list[str]:
    """The public names of a model or view object, for "vorhanden: …" hints."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        names = [f.name for f in dataclasses.fields(obj)]
    elif isinstance(obj, BaseModel):
        names = list(type(obj).model_fields)
    else:
        return []
    names += [
        n
        for n, v in vars(type(obj)).items()
        if isinstance(v, property) and not n.startswith("_") and n not in names
    ]
    return names
