"""Which Fachbereich (and Kommune) an agreement belongs to, set on every save (issue 26).

The Fachbereich is the ``department`` key of the agreement's file (the form's field
»Fachbereich«, :mod:`vereinbarung.web.register.fields`): on every save the register links the
agreement to the Fachbereich of that name, and its Kommune to the Fachbereich's. A person
saves only into a Fachbereich where they hold *Bearbeiten* (or in all Fachbereiche); otherwise
nothing is written and the German error names the field and the value (for a person with
roles per Fachbereich; a role in all Fachbereiche may save into any). The form offers such a
person the choice of their Fachbereiche (:func:`editable_fachbereiche`), others a free text. Saves without a person
(``vereinbarung web import-files`` on the server) link by name and create what is missing.
"""

from __future__ import annotations

from typing import Any

import vereinbarung
from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.rights.grants import Grants, grants_of
from vereinbarung.web.rights.models import Fachbereich

__all__ = ["editable_fachbereiche", "place"]

EDIT = 2  # Bearbeiten


def _candidates(name: str) -> list[Fachbereich]:
    return list(Fachbereich.objects.filter(name=name).select_related("kommune")[:50])


def _choose(name: str, record: Record, grants: Grants | None) -> Fachbereich | None:
    """The existing Fachbereich *name* meant for *record* (``None``: there is none yet)."""
    current: Fachbereich | None = (
        record.fachbereich if getattr(record, "fachbereich_id", None) else None
    )
    if current is not None and current.name == name:
        return current
    found = _candidates(name)
    if grants is not None:
        own = [f for f in found if grants.level_in(f.pk) >= EDIT and f.pk in grants.fachbereiche]
        if len(own) == 1:
            return own[0]
    kommune = getattr(record, "kommune_id", None)
    if kommune is not None:
        same = [f for f in found if f.kommune_id == kommune]  # type: ignore[attr-defined]
        if same:
            return same[0]
    if len(found) == 1:
        return found[0]
    plain = [f for f in found if f.kommune is None]
    return plain[0] if plain else None


def _own_names(grants: Grants) -> str:
    names = Fachbereich.objects.filter(pk__in=grants.fachbereiche).values_list("name", flat=True)
    return ", ".join(sorted(set(names))) or "keine"


def editable_fachbereiche(user: Any) -> list[tuple[str, str]] | None:
    """(name, label) of the Fachbereiche *user* may save into, for the form's choice;
    ``None`` for a role in all Fachbereiche (the field stays free text)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    grants = grants_of(user)
    if grants.superuser or not grants.per or grants.everywhere >= EDIT:
        return None
    own = [pk for pk, level in grants.per if level >= EDIT]
    found = Fachbereich.objects.filter(pk__in=own).select_related("kommune")
    names: dict[str, str] = {}
    for fachbereich in found:
        names.setdefault(fachbereich.name, str(fachbereich))
    return sorted(names.items(), key=lambda item: item[1].casefold())


def place(record: Record, user: Any, *, source: str) -> None:
    """Link *record* (filled, not yet saved) to the Fachbereich its ``department`` names.

    Raises :class:`vereinbarung.AgreementFileError` (naming the field »Fachbereich« and the
    value) when *user* may not edit agreements of that Fachbereich; nothing is changed then.
    """
    person = user is not None and getattr(user, "is_authenticated", False)
    grants = grants_of(user) if person else None
    name = record.department.strip()
    chosen = _choose(name, record, grants) if name else None
    # whether a person may edit at all is the view's check (role, record_or_404); here: only
    # where a person with roles per Fachbereich puts the agreement
    limited = grants is not None and bool(grants.per) and grants.everywhere < EDIT
    # a partner Kommune's event (checks.may_record) leaves the Fachbereich as it is
    kept = chosen is not None and chosen.pk == getattr(record, "fachbereich_id", None)
    if (
        grants is not None
        and limited
        and not kept
        and (chosen is None or grants.level_in(chosen.pk) < EDIT)
    ):
        own = _own_names(grants)
        problem = (
            f"Feld Fachbereich: »{name}« ist keiner Ihrer Fachbereiche; Sie dürfen nur in "
            f"diesen speichern: {own}."
            if name
            else f"Feld Fachbereich: bitte einen Ihrer Fachbereiche angeben ({own})."
        )
        raise vereinbarung.AgreementFileError(source, [problem])
    if name and chosen is None:
        kommune = record.kommune if getattr(record, "kommune_id", None) else None
        chosen, _ = Fachbereich.objects.get_or_create(name=name, kommune=kommune)
    record.fachbereich = chosen
    if chosen is not None and chosen.kommune is not None:
        record.kommune = chosen.kommune
