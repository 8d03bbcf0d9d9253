"""Rights per Fachbereich and Kommune (issue 26): memberships, groups as memberships in all
Fachbereiche, the Fachbereich an agreement's file names, and what each user may read and do."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model

from vereinbarung.web.accounts.roles import BEARBEITEN, LESEN, create_user, level
from vereinbarung.web.rights.grants import grants_of, set_memberships
from vereinbarung.web.rights.models import Fachbereich, Kommune, Membership

pytestmark = pytest.mark.django_db


def _user(name: str) -> Any:
    user = get_user_model()(username=name)
    user.set_password("geheim-123")
    user.save()
    return user


def test_set_memberships_creates_fachbereiche_and_replaces_the_old_ones() -> None:
    user = _user("jugend")
    set_memberships(user, [("Jugend", "Bearbeiten"), (None, "Lesen"), ("Jugend", "Bearbeiten")])
    assert Fachbereich.objects.filter(name="Jugend", kommune=None).count() == 1
    assert sorted(str(m) for m in Membership.objects.filter(user=user)) == [
        "Bearbeiten in Jugend",
        "Lesen in alle Fachbereiche",
    ]
    grants = grants_of(user)
    assert grants.everywhere == 1
    assert grants.per == ((Fachbereich.objects.get(name="Jugend").pk, 2),)
    assert level(user) == 2
    set_memberships(user, [("Soziales", "Lesen")])
    assert [str(m) for m in Membership.objects.filter(user=user)] == ["Lesen in Soziales"]
    assert level(user) == 1  # the cache was dropped
    set_memberships(user, [])
    assert level(user) == 0


def test_set_memberships_takes_the_only_fachbereich_of_a_name_in_a_kommune() -> None:
    kommune = Kommune.objects.create(name="Gemeinde Adorf")
    jugend = Fachbereich.objects.create(name="Jugend", kommune=kommune)
    user = _user("adorf")
    set_memberships(user, [("Jugend", "Freigeben")])
    assert Membership.objects.get(user=user).fachbereich == jugend
    assert grants_of(user).kommunen == frozenset({kommune.pk})


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        ([("Jugend", "Chef")], "Rolle »Chef« gibt es nicht"),
        ([("  ", "Lesen")], "Fachbereich: der Name ist leer."),
        ([("x" * 201, "Lesen")], "höchstens 200 Zeichen"),
    ],
)
def test_set_memberships_refuses_bad_input_in_german(pairs: Any, message: str) -> None:
    user = _user("falsch")
    set_memberships(user, [("Jugend", "Lesen")])
    with pytest.raises(ValueError, match=message):
        set_memberships(user, pairs)
    assert [str(m) for m in Membership.objects.filter(user=user)] == ["Lesen in Jugend"]


def test_groups_of_before_count_as_roles_in_all_fachbereiche() -> None:
    reader = create_user("leser", "geheim-123", LESEN)
    editor = create_user("bearbeiter", "geheim-123", BEARBEITEN)
    assert (grants_of(reader).everywhere, grants_of(editor).everywhere) == (1, 2)
    assert grants_of(editor).per == ()
