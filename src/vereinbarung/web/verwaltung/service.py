"""What a *Verwalten* user may do to other accounts; each change is logged with who did it.

Creating a local account checks the password like ``vereinbarung web createuser`` (Django's
validators, settings.AUTH_PASSWORD_VALIDATORS). No one disables themselves or takes away their
own Verwalten role (the register would be left without anyone to administer it). Login lockouts
are django-axes' ``AccessAttempt`` records (https://django-axes.readthedocs.io/en/latest/
3_usage.html: ``axes.utils.reset``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from vereinbarung.web import clock
from vereinbarung.web.accounts.roles import ROLES, VERWALTEN, ensure_roles, level
from vereinbarung.web.api.models import ApiToken
from vereinbarung.web.directory.models import DirectoryAccount
from vereinbarung.web.feeds.models import Feed
from vereinbarung.web.operation.audit import log_change
from vereinbarung.web.rights.grants import forget
from vereinbarung.web.rights.models import Fachbereich, Membership

#: The form's choice for an account without any role (it sees nothing but the login page).
NO_ROLE = ""
USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789@.+-_")


def _name(user: Any) -> str:
    return str(user.get_username())


def assigned_role(user: Any) -> str:
    """The role group the account holds (in all Fachbereiche), also while it is disabled."""
    if getattr(user, "is_superuser", False):
        return VERWALTEN
    names = {group.name for group in user.groups.all()}
    return next((role for role in reversed(ROLES) if role in names), "")


def roles_of(user: Any) -> list[str]:
    """Everything the account holds: »Verwalten« (in all), »Bearbeiten in Jugend (Adorf)«
    (from ``user.groups`` and ``user.memberships``, prefetched by a list of users)."""
    role = assigned_role(user)
    found = [role] if role else []
    for membership in user.memberships.all():
        where = membership.fachbereich
        found.append(f"{membership.role} in {where}" if where else membership.role)
    return list(dict.fromkeys(found))


def _still_verwalten(by: Any) -> bool:
    forget(by)
    fresh = get_user_model().objects.get(pk=by.pk)
    return level(fresh) >= ROLES.index(VERWALTEN) + 1


SELF = "Die eigene Rolle Verwalten kann man sich nicht selbst nehmen."


def add_membership(by: Any, user: Any, fachbereich: str, role: str) -> str:
    """Give *user* *role* in the Fachbereich with the id *fachbereich* ('' : in all)."""
    if role not in ROLES:
        return f"»{role[:20]}« ist keine Rolle."
    where = None
    if fachbereich:
        found = Fachbereich.objects.filter(pk=int(fachbereich)) if fachbereich.isdigit() else None
        where = found.first() if found is not None else None
        if where is None:
            return f"»{fachbereich[:20]}« ist kein Fachbereich."
    _, made = Membership.objects.get_or_create(user=user, fachbereich=where, role=role)
    forget(user)
    if made:
        log_change(_name(by), "Rolle im Fachbereich gegeben", benutzer=_name(user), rolle=role,
                   fachbereich=str(where) if where else "alle")  # fmt: skip
    return ""


def remove_membership(by: Any, user: Any, pk: str) -> str:
    """Take *user*'s membership *pk* away (not the acting person's last Verwalten)."""
    found = Membership.objects.filter(user=user, pk=int(pk)).first() if pk.isdigit() else None
    if found is None:
        return "Diese Rolle gibt es nicht (mehr)."
    with transaction.atomic():
        described = str(found)
        found.delete()
        forget(user)
        if user.pk == by.pk and not _still_verwalten(by):
            transaction.set_rollback(True)
            return SELF
    log_change(_name(by), "Rolle im Fachbereich genommen", benutzer=_name(user), rolle=described)
    return ""


def create_local_user(by: Any, values: dict[str, str]) -> tuple[Any, dict[str, str]]:
    """A new local account from the form *values*; ``(None, errors)`` when refused."""
    errors: dict[str, str] = {}
    typed = values.get("username", "").strip()
    name = typed.lower()
    if not name:
        errors["username"] = "Bitte einen Benutzernamen angeben."
    elif len(name) > 150 or not set(name) <= USERNAME_CHARS:
        errors["username"] = (
            f"»{typed[:40]}« geht nicht: nur Buchstaben a–z, Ziffern und @ . + - _, ohne "
            "Leerzeichen, höchstens 150 Zeichen."
        )
    elif get_user_model().objects.filter(username__iexact=name).exists():
        errors["username"] = f"Den Benutzer »{name}« gibt es schon."
    email = values.get("email", "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = f"»{email[:60]}« ist keine E-Mail-Adresse."
    role = values.get("role", "")
    if role not in (*ROLES, NO_ROLE):
        errors["role"] = f"»{role[:20]}« ist keine Rolle."
    chosen = values.get("fachbereich", "")
    where = None
    if chosen:
        found = Fachbereich.objects.filter(pk=int(chosen)) if chosen.isdigit() else None
        where = found.first() if found is not None else None
        if where is None:
            errors["fachbereich"] = f"»{chosen[:20]}« ist kein Fachbereich."
        elif not role:
            errors["role"] = "Für einen Fachbereich bitte eine Rolle wählen."
    password = values.get("password", "")
    candidate: Any = get_user_model()(username=name, email=email,
                                 first_name=values.get("first_name", "").strip()[:150],
                                 last_name=values.get("last_name", "").strip()[:150])  # fmt: skip
    try:
        password_validation.validate_password(password, candidate)
    except ValidationError as exc:
        errors["password"] = " ".join(exc.messages)
    if errors:
        return None, errors
    with transaction.atomic():
        candidate.set_password(password)
        candidate.save()
        if role and where is not None:
            Membership.objects.create(user=candidate, fachbereich=where, role=role)
        elif role:
            ensure_roles()
            candidate.groups.set([Group.objects.get(name=role)])
    log_change(_name(by), "Benutzer angelegt", benutzer=name, rolle=role or "keine",
               fachbereich=str(where) if where else "alle")  # fmt: skip
    return candidate, {}


def set_role(by: Any, user: Any, role: str) -> str:
    """Give *user* exactly *role* (or none); returns an error text or ''."""
    if role not in (*ROLES, NO_ROLE):
        return f"»{role[:20]}« ist keine Rolle."
    before = assigned_role(user)
    ensure_roles()
    with transaction.atomic():
        user.groups.set(list(Group.objects.filter(name=role)) if role else [])
        forget(user)
        if user.pk == by.pk and not _still_verwalten(by):
            transaction.set_rollback(True)
            return SELF
    if before != role:
        log_change(_name(by), "Rolle geändert", benutzer=_name(user), rolle=role or "keine",
                   vorher=before or "keine")  # fmt: skip
    return ""


def set_active(by: Any, user: Any, active: bool) -> str:
    """Enable or disable *user*; returns an error text or ''. Disabling ends nothing else:
    a disabled account's API keys and calendar address stop working at once (they check it)."""
    if user.pk == by.pk and not active:
        return "Das eigene Konto kann man nicht deaktivieren."
    DirectoryAccount.objects.filter(user=user).update(disabled_here=not active)
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        log_change(_name(by), "Benutzer aktiviert" if active else "Benutzer deaktiviert",
                   benutzer=_name(user))  # fmt: skip
    return ""


def revoke_token(by: Any, user: Any, pk: int) -> bool:
    """Revoke *user*'s API key *pk*; False when there is no such active key."""
    count = ApiToken.objects.filter(user=user, pk=pk, revoked__isnull=True).update(
        revoked=clock.now()
    )
    if count:
        log_change(_name(by), "API-Schlüssel widerrufen", benutzer=_name(user), nummer=pk)
    return count == 1


def revoke_feed(by: Any, user: Any) -> bool:
    """Revoke *user*'s calendar address; False when there is none."""
    count = Feed.objects.filter(user=user, revoked__isnull=True).update(revoked=clock.now())
    if count:
        log_change(_name(by), "Kalenderadresse widerrufen", benutzer=_name(user))
    return count > 0


def lockouts() -> list[AccessAttempt]:
    """The accounts django-axes locks now (failures at the limit within the cool-off time)."""
    since = clock.now() - dt.timedelta(hours=float(settings.AXES_COOLOFF_TIME))
    return list(
        AccessAttempt.objects.filter(
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
        ).order_by("username")[:200]
    )


def unlock(by: Any, username: str) -> bool:
    """Lift django-axes' lock of *username*; False when it was not locked."""
    count: int = axes_reset(username=username[:150])
    if count:
        log_change(_name(by), "Anmeldesperre aufgehoben", benutzer=username[:150])
    return count > 0
