"""Roles as Django groups, ordered: *Lesen* < *Bearbeiten* < *Verwalten*.

Every view states the role it needs (:func:`role_required`); a superuser counts as
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
VERWALTEN = "Verwalten"
ROLES = (LESEN, BEARBEITEN, VERWALTEN)
ROLE_CHOICES = {"lesen": LESEN, "bearbeiten": BEARBEITEN, "verwalten": VERWALTEN}

View = TypeVar("View", bound=Callable[..., HttpResponse])


def ensure_roles() -> None:
    """Create the three groups if they are missing."""
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def level(user: AbstractBaseUser | AnonymousUser) -> int:
    """0: no role (or not logged in), 1: Lesen, 2: Bearbeiten, 3: Verwalten."""
    if not user.is_authenticated or not user.is_active:
        return 0
    if getattr(user, "is_superuser", False):
        return 3
    names = set(getattr(user, "groups").values_list("name", flat=True))  # noqa: B009
    return max((i + 1 for i, name in enumerate(ROLES) if name in names), default=0)


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
        "kann_verwalten": found >= 3,
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
    return user
