"""Creating, revoking and checking API tokens; a token never has more than its user's role."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from vereinbarung.web import clock
from vereinbarung.web.accounts.roles import ROLES, level
from vereinbarung.web.api.models import ApiToken

PREFIX = "vb_"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(user: Any, name: str, role: str) -> tuple[ApiToken, str]:
    """A new token for *user* with *role* (at most the user's own); returns it and its secret."""
    if role not in ROLES:
        raise ValueError(f"Unbekannte Rolle »{role}«.")
    if ROLES.index(role) + 1 > level(user):
        raise PermissionError(f"Ein Schlüssel mit der Rolle »{role}« übersteigt Ihre Rolle.")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100] or "Schlüssel", role=role, digest=digest(secret),
        prefix=secret[:10],
    )  # fmt: skip
    return token, secret


def revoke_token(user: Any, pk: int) -> bool:
    """Revoke the user's token *pk*; False when there is none."""
    count = ApiToken.objects.filter(user=user, pk=pk, revoked__isnull=True).update(
        revoked=clock.now()
    )
    return count == 1


def token_level(token: ApiToken) -> int:
    """The role level the token acts with: its own role, never above the user's current one."""
    return min(ROLES.index(token.role) + 1, level(token.user))


def find_token(secret: str) -> ApiToken | None:
    """The active token with *secret*, or None."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest(secret), revoked__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used=clock.now())
    return token
