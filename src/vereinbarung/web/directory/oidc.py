"""Login through OpenID Connect (Keycloak, ADFS, Entra ID, …) with mozilla-django-oidc.

mozilla-django-oidc (https://mozilla-django-oidc.readthedocs.io/) runs the authorization code
flow (with PKCE, RFC 7636), checks the ID token's RS256 signature against the provider's keys and
asks the userinfo endpoint for the claims (OpenID Connect Core 1.0, sections 3.1 and 5.3). This
backend identifies a person by ``iss``-local ``sub`` (never by e-mail, which can change hands;
Core 1.0 section 5.7), names a new account after ``preferred_username`` (another name when a local
account has it), and maps the groups claim to roles and Fachbereiche
(:mod:`vereinbarung.web.directory.groups`): without a mapped group no login, and an existing
account is disabled.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from vereinbarung.web.directory import groups as mapping
from vereinbarung.web.directory.models import OIDC, DirectoryAccount


def _text(claims: dict[str, Any], key: str, limit: int) -> str:
    value = claims.get(key)
    return value.strip()[:limit] if isinstance(value, str) else ""


def claimed_groups(claims: dict[str, Any]) -> list[str]:
    """The groups claim (a list of names, or one name) as strings; at most 1,000."""
    value = claims.get(settings.VEREINBARUNG_OIDC_GROUPS_CLAIM, [])
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [str(v)[:500] for v in values[:1000] if isinstance(v, (str, int))]


def free_username(wanted: str) -> str:
    """*wanted*, or with ``-sso``, ``-sso2``, … when an account of that name exists."""
    model = get_user_model()
    base = "".join(c for c in wanted if c.isalnum() or c in "@.+-_")[:140] or "sso"
    name, number = base, 1
    while model.objects.filter(username__iexact=name).exists():
        number += 1
        name = f"{base}-sso" if number == 2 else f"{base}-sso{number - 1}"
    return name


class DirectoryOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """mozilla-django-oidc's backend, keyed on ``sub``, with the register's group mapping."""

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(_text(claims, "sub", 255))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[Any]:
        accounts = DirectoryAccount.objects.filter(source=OIDC, subject=_text(claims, "sub", 255))
        return get_user_model().objects.filter(pk__in=accounts.values("user_id"))

    def create_user(self, claims: dict[str, Any]) -> Any:
        wanted = (
            _text(claims, "preferred_username", 150)
            or _text(claims, "email", 150)
            or _text(claims, "sub", 150)
        )
        model: Any = get_user_model()
        user = model.objects.create_user(free_username(wanted))
        user.set_unusable_password()
        return self.update_user(user, claims)

    def update_user(self, user: Any, claims: dict[str, Any]) -> Any:
        user.first_name = _text(claims, "given_name", 150)
        user.last_name = _text(claims, "family_name", 150)
        user.email = _text(claims, "email", 254)
        user.save()
        groups = claimed_groups(claims)
        grants = mapping.grants_for(groups, settings.VEREINBARUNG_OIDC_GROUPS, fold_case=False)
        mapping.apply(user, OIDC, _text(claims, "sub", 255), groups, grants)
        return user
