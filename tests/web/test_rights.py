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


def test_backup_keeps_fachbereich_kommune_and_confidential(tmp_path: Any) -> None:
    from vereinbarung.web.operation import backup
    from vereinbarung.web.register import services
    from vereinbarung.web.register.models import Agreement, Version

    from .conftest import EXAMPLES

    adorf = Kommune.objects.create(name="Gemeinde Adorf")
    jugend = Fachbereich.objects.create(name="Jugend", kommune=adorf)
    text = (EXAMPLES / "interkommunaler-bauhof.yaml").read_text(encoding="utf-8")
    text = text.replace("\nparties:", "\ndepartment: Jugend\nparties:", 1)
    record = services.create(text)
    assert record.fachbereich == jugend  # the only Jugend: linked by name
    assert record.kommune == adorf
    Agreement.objects.filter(pk=record.pk).update(confidential=True)
    backup.backup(tmp_path / "sicherung")
    Version.objects.all().delete()
    Agreement.objects.all().delete()
    Fachbereich.objects.all().delete()
    Kommune.objects.all().delete()
    backup.restore(tmp_path / "sicherung")
    restored = Agreement.objects.get(pk=record.pk)
    assert restored.confidential
    assert str(restored.fachbereich) == "Jugend (Gemeinde Adorf)"
    assert str(restored.kommune) == "Gemeinde Adorf"


def test_set_memberships_names_the_kommune_as_the_pages_show_it() -> None:
    adorf = Kommune.objects.create(name="Gemeinde Adorf")
    bstadt = Kommune.objects.create(name="Stadt Bstadt")
    Fachbereich.objects.create(name="Jugend", kommune=adorf)
    in_b = Fachbereich.objects.create(name="Jugend", kommune=bstadt)
    user = _user("bstadt")
    set_memberships(user, [("Jugend (Stadt Bstadt)", "Lesen"), ("Bauamt (Hochbau)", "Lesen")])
    found = {str(m.fachbereich) for m in Membership.objects.filter(user=user)}
    assert found == {str(in_b), "Bauamt (Hochbau)"}  # no Kommune »Hochbau«: a plain name
    assert Fachbereich.objects.get(name="Bauamt (Hochbau)").kommune is None


def test_the_form_offers_a_choice_of_own_fachbereiche_for_roles_per_fachbereich() -> None:
    from django.test import Client

    adorf = Kommune.objects.create(name="Gemeinde Adorf")
    jung = _user("jung")
    set_memberships(jung, [("Jugend (Gemeinde Adorf)", "Bearbeiten"), ("Soziales", "Bearbeiten"),
                           ("Kultur", "Lesen")])  # fmt: skip
    assert Fachbereich.objects.filter(name="Jugend", kommune=adorf).exists()
    client = Client()
    client.force_login(jung)
    page = client.get("/vereinbarung/neu/").content.decode()
    assert '<select id="id_department" name="department"' in page
    assert '<option value="Jugend">Jugend (Gemeinde Adorf)</option>' in page
    assert '<option value="Soziales">Soziales</option>' in page
    assert "Kultur" not in page  # Lesen only: not for saving into
    everywhere = create_user("alle", "geheim-123", BEARBEITEN)
    client.force_login(everywhere)
    page = client.get("/vereinbarung/neu/").content.decode()
    assert 'type="text" id="id_department" name="department"' in page
