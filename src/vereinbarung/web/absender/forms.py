"""The sender profile form: German fields ↔ the data of :class:`vereinbarung.Sender`.

Every field is bounded; the data is validated by the library's model, and each German problem
it names (``Feld signatories › Nr. 2 › name: …``) is tied to the form field it comes from, so
the page lists it at the top and shows it at the field (WCAG 2.1, 3.3.1). The e-mail address
is checked with Django's ``EmailValidator`` (https://docs.djangoproject.com/en/5.2/ref/validators/
#emailvalidator) before the library's own syntax check; the Partei must be one of the parties of
the register's agreements (:func:`register_parties`), offered as a list to choose from, so that a
typo (»Stadt Wehrl«) does not leave the letter of »Stadt Werl« without its sender.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

import vereinbarung
from vereinbarung.web.absender.models import NAME_MAX, SenderProfile
from vereinbarung.web.register.models import Agreement

FIELD_MAX = 200
SIGNATORIES = 2

#: Form field → (path in the data, label shown).
FIELDS: dict[str, tuple[tuple[str | int, ...], str]] = {
    "bezeichnung": ((), "Bezeichnung des Absenders"),
    "partei": (("party",), "Partei (Name wie in den Vereinbarungen)"),
    "dienststelle": (("department",), "Dienststelle"),
    "aktenzeichen": (("reference",), "Aktenzeichen"),
    "ansprechperson": (("contact",), "Ansprechperson"),
    "telefon": (("phone",), "Telefon"),
    "email": (("email",), "E-Mail"),
    "strasse": (("address", "street"), "Straße und Hausnummer"),
    "plz": (("address", "postal_code"), "PLZ"),
    "ort": (("address", "city"), "Ort"),
    **{
        f"unterschrift{n}-{key}": (("signatories", n - 1, name), f"{n}. Unterschrift: {label}")
        for n in range(1, SIGNATORIES + 1)
        for key, name, label in (
            ("zusatz", "prefix", "Zusatz"),
            ("name", "name", "Name"),
            ("amt", "title", "Amt oder Funktion"),
        )
    },
}
LABELS = {key: label for key, (_, label) in FIELDS.items()}


def register_parties() -> list[str]:
    """The names of the parties of the register's agreements, sorted, each once."""
    names: set[str] = set()
    for parties in Agreement.objects.values_list("parties", flat=True):
        names.update(name for name in parties.splitlines() if name)
    return sorted(names)


def party_problem(name: str, known: list[str]) -> str | None:
    """Why *name* cannot be the Partei of a profile (German), or None: it must be one of the
    *known* parties of the register (any name while the register holds no agreement)."""
    if not name or not known or name in known:
        return None
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
    hint = f" – gemeint ist vielleicht »{close[0]}«" if close else ""
    return (
        f"»{name}« kommt in keiner Vereinbarung vor – Schreibweise prüfen{hint}; die Partei aus "
        "der Liste wählen oder leer lassen (Absender für jede Partei)."
    )


def email_problem(value: str) -> str | None:
    """Why *value* is no e-mail address (German, naming it), or None (Django's validator)."""
    if not value:
        return None
    try:
        EmailValidator()(value)
    except ValidationError:
        return f"»{value}« ist keine E-Mail-Adresse (erwartet z. B. name@stadt.de)."
    return None


def _path_text(path: tuple[str | int, ...]) -> str:
    """The field path as the library's German problems name it (``signatories › Nr. 1 › name``)."""
    return " › ".join(f"Nr. {p + 1}" if isinstance(p, int) else p for p in path)


@dataclass
class ProfileForm:
    """Values as entered, errors per form field, and general problems."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    @classmethod
    def of_profile(cls, profile: SenderProfile | None) -> ProfileForm:
        """The form filled with *profile* (empty for a new one)."""
        values = dict.fromkeys(FIELDS, "")
        if profile is not None:
            values["bezeichnung"] = profile.name
            for key, (path, _) in FIELDS.items():
                found: Any = profile.data
                for step in path:
                    if isinstance(step, int):
                        found = found[step] if isinstance(found, list) and step < len(found) else ""
                    else:
                        found = found.get(step, "") if isinstance(found, dict) else ""
                if path and isinstance(found, str | int):
                    values[key] = str(found)
        return cls(values)

    @classmethod
    def of_post(cls, post: Any) -> ProfileForm:
        """The form as submitted (each value stripped and cut to its bound)."""
        form = cls({key: str(post.get(key, "")).strip() for key in FIELDS})
        for key, value in form.values.items():
            bound = NAME_MAX if key == "bezeichnung" else FIELD_MAX
            if len(value) > bound:
                form.errors[key] = f"höchstens {bound} Zeichen (eingegeben: {len(value)})."
                form.values[key] = value[:bound]
        return form

    def data(self) -> dict[str, Any]:
        """The entered values as the data of a :class:`vereinbarung.Sender` (empty ones left out)."""
        v = self.values
        data: dict[str, Any] = {
            name: v[key]
            for key, name in (("partei", "party"), ("dienststelle", "department"),
                              ("aktenzeichen", "reference"), ("ansprechperson", "contact"),
                              ("telefon", "phone"), ("email", "email"))
            if v[key]
        }  # fmt: skip
        address = {name: v[key] for key, name in (("strasse", "street"), ("plz", "postal_code"),
                                                 ("ort", "city")) if v[key]}  # fmt: skip
        if address:
            data["address"] = address
        signatories = []
        for n in range(1, SIGNATORIES + 1):
            entry = {name: v[f"unterschrift{n}-{key}"]
                     for key, name in (("zusatz", "prefix"), ("name", "name"), ("amt", "title"))
                     if v[f"unterschrift{n}-{key}"]}  # fmt: skip
            if entry:
                signatories.append(entry)
            elif n < SIGNATORIES and any(v[f"unterschrift{n + 1}-{k}"] for k in ("name", "amt")):
                self.errors[f"unterschrift{n}-name"] = (
                    "bitte zuerst die 1. Unterschrift ausfüllen (Reihenfolge der Unterschriften)."
                )
        if signatories:
            data["signatories"] = signatories
        return data

    def validate(self, known: list[str]) -> dict[str, Any] | None:
        """The data if it is a valid profile, else None with the errors set; *known*: the
        parties of the register's agreements (:func:`register_parties`)."""
        if not self.values["bezeichnung"]:
            self.errors["bezeichnung"] = "fehlt (Pflichtfeld), z. B. »Rechtsamt Rommerskirchen«."
        for key, problem in (
            ("email", email_problem(self.values["email"])),
            ("partei", party_problem(self.values["partei"], known)),
        ):
            if problem is not None:
                self.errors.setdefault(key, problem)
        data = self.data()
        try:
            vereinbarung.sender_from_data(data, source="Absender")
        except vereinbarung.AgreementFileError as exc:
            self._tie(exc.problems)
        return None if self.errors or self.general else data

    def _tie(self, problems: tuple[str, ...]) -> None:
        """Each German problem of the library at the form field it names."""
        by_path = sorted(
            ((f"Feld {_path_text(path)}", key) for key, (path, _) in FIELDS.items() if path),
            key=lambda pair: -len(pair[0]),
        )
        for problem in problems:
            for prefix, key in by_path:
                if problem.startswith(prefix + ":"):
                    self.errors.setdefault(key, problem.removeprefix(prefix + ":").strip())
                    break
                parent = prefix.rsplit(" › ", 1)[0]
                if problem.startswith(parent + ":") and prefix != parent:
                    self.errors.setdefault(key, problem.removeprefix(parent + ":").strip())
                    break
            else:
                self.general.append(problem)
