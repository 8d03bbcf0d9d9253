"""The register fields live in the agreement file: Kurzname, Fachbereich, Ansprechperson.

``short_name``, ``department`` and ``contact`` (name, phone, email) are keys of the file format
(:class:`vereinbarung.Agreement`), beside ``reference`` (Aktenzeichen). The forms write them
into the YAML document with :func:`with_register_fields` (ruamel round trip: comments and
every other key stay); the register's columns of the same names are only copies, filled from
the stored document on every save, for the list and its filters.
"""

from __future__ import annotations

import io
from typing import Any

__all__ = ["FORM_FIELDS", "register_values", "with_register_fields"]

#: Form field → German label; ``contact_*`` are the parts of ``contact``.
FORM_FIELDS = {
    "short_name": "Kurzname (für Listen und Kalender, höchstens 60 Zeichen)",
    "department": "Fachbereich",
    "contact_name": "Ansprechperson",
    "contact_phone": "Telefon der Ansprechperson",
    "contact_email": "E-Mail der Ansprechperson",
}


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def register_values(agreement: Any) -> dict[str, str]:
    """The form values of an agreement's register fields (empty strings where absent)."""
    contact = agreement.contact
    return {
        "short_name": agreement.short_name or "",
        "department": agreement.department or "",
        "contact_name": contact.name if contact else "",
        "contact_phone": (contact.phone or "") if contact else "",
        "contact_email": (contact.email or "") if contact else "",
    }


def put_register_fields(document: Any, values: dict[str, str]) -> None:
    """Set (or remove, when empty) the register keys in a ruamel mapping, in place."""
    from ruamel.yaml.comments import CommentedMap

    def put(mapping: Any, key: str, value: str) -> None:
        if value:
            if mapping.get(key) != value:
                mapping[key] = value
        else:
            mapping.pop(key, None)

    put(document, "short_name", values.get("short_name", "").strip())
    put(document, "department", values.get("department", "").strip())
    name = values.get("contact_name", "").strip()
    phone = values.get("contact_phone", "").strip()
    email = values.get("contact_email", "").strip()
    if name or phone or email:
        contact = document.get("contact")
        if not isinstance(contact, dict):
            contact = CommentedMap()
        put(contact, "name", name)
        put(contact, "phone", phone)
        put(contact, "email", email)
        document["contact"] = contact
    else:
        document.pop("contact", None)


def with_register_fields(text: str, values: dict[str, str]) -> str:
    """*text* with the register keys set from *values*; unchanged when nothing differs."""
    from ruamel.yaml.comments import CommentedMap

    yaml = _yaml()
    document = yaml.load(text) if text.strip() else CommentedMap()
    if not isinstance(document, dict):
        return text  # not a mapping: the library's validation says what is wrong
    before = _snapshot(document)
    put_register_fields(document, values)
    if _snapshot(document) == before:
        return text
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _snapshot(document: Any) -> Any:
    contact = document.get("contact")
    return (
        document.get("short_name"),
        document.get("department"),
        dict(contact) if isinstance(contact, dict) else contact,
    )
