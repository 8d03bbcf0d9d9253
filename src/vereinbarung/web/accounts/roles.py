"""Roles, ordered: *Lesen* < *Bearbeiten* < *Freigeben* < *Verwalten*.

A role is held as a Django group (in all Fachbereiche, as before issue 26) or as a
:class:`~vereinbarung.web.rights.models.Membership` in one Fachbereich or in all
(:mod:`vereinbarung.web.rights.grants`). Every view states the role it needs
(:func:`role_required`): the user's highest role anywhere; which agreements it applies to is
the one permission check of :mod:`vereinbarung.web.rights.checks`. A superuser counts as
*Verwalten*. A user without any role sees nothing but the login page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

LESEN = "Lesen"
BEARBEITEN = "Bearbeiten"
FREIGEBEN = "Freigeben"
VERWALTEN = "Verwalten"
ROLES = (LESEN, BEARBEITEN, FREIGEBEN, VERWALTEN)
ROLE_CHOICES = {
    "lesen": LESEN, "bearbeiten": BEARBEITEN, "freigeben": FREIGEBEN, "verwalten": VERWALTEN,
}  # fmt: skip

View = TypeVar("View", bound=Callable[..., HttpResponse])


def ensure_roles() -> None:
    """Create the role groups if they are missing."""
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def level(user: AbstractBaseUser | AnonymousUser) -> int:
    """The highest role anywhere: 0 none (or not logged in), 1 Lesen, 2 Bearbeiten,
    3 Freigeben, 4 Verwalten (a group, or a membership in any Fachbereich)."""
    from vereinbarung.web.rights.grants import grants_of

    return grants_of(user).highest


def role_label(user: AbstractBaseUser | AnonymousUser) -> str:
    """The German name of the user's highest role, or ''."""
    found = level(user)
    return ROLES[found - 1] if found else ""


def role_required(role: str) -> Callable[[View], View]:
    """Let the view run only for users with *role* or a higher one.

    Not logged in: to the login page. Logged in with too low a role: 403 (German page).
    """
    needed = ROLES.index(role) + 1

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if level(request.user) < needed:
                raise PermissionDenied(f"Dafür ist die Rolle »{role}« nötig.")
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def role_context(request: HttpRequest) -> dict[str, Any]:
    """Template context: ``kann_lesen``, ``kann_bearbeiten``, ``kann_verwalten``, ``rolle``."""
    user = getattr(request, "user", None)  # missing on error pages raised before the login
    found = level(user) if user is not None else 0
    return {
        "kann_lesen": found >= 1,
        "kann_bearbeiten": found >= 2,
        "kann_freigeben": found >= ROLES.index(FREIGEBEN) + 1,
        "kann_verwalten": found >= ROLES.index(VERWALTEN) + 1,
        "rolle": ROLES[found - 1] if found else "",
    }


def create_user(name: str, password: str, role: str) -> Any:
    """Create (or update) user *name* with *password* and exactly the role *role*."""
    ensure_roles()
    model = get_user_model()
    user, _ = model.objects.get_or_create(username=name)
    user.set_password(password)
    user.is_active = True
    user.save()
    user.groups.set([Group.objects.get(name=role)])  # type: ignore[attr-defined]
    from vereinbarung.web.rights.grants import forget

    forget(user)
    return user
