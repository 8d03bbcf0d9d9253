"""Login through LDAP / Active Directory with django-python3-ldap (on ldap3, pure Python).

django-python3-ldap (https://github.com/etianen/django-python3-ldap) binds as the user with the
password typed in, searches the user's entry with the service account and creates or updates
the Django user from its attributes (``givenName``, ``sn``, ``mail``). This module adds what the
register needs (settings: :mod:`vereinbarung.web.directory.config`):

- :func:`user_dn`: the DN to bind as, found by the service account's search, so users may sit
  anywhere below the user base (RFC 4513 section 5.1.3: a simple bind needs the DN);
- :func:`sync_relations`: the user's groups (``memberOf`` where the directory keeps it, as Active
  Directory does, and every ``groupOfNames``/``groupOfUniqueNames``/``group`` below the group base
  that lists the DN as ``member``/``uniqueMember``, RFC 4519) → roles and Fachbereiche;
- :class:`DirectoryBackend`: a failed bind of a known directory account whose entry the service
  account no longer finds disables the account (a leaver, at the next login attempt).
"""

from __future__ import annotations

from typing import Any

import ldap3
from django.conf import settings
from django.http import HttpRequest
from django_python3_ldap import ldap as python3_ldap
from django_python3_ldap.auth import LDAPBackend
from ldap3.utils.conv import escape_filter_chars
from ldap3.utils.dn import escape_rdn

from vereinbarung.web.directory import groups as mapping
from vereinbarung.web.directory.models import LDAP, DirectoryAccount

#: Longest login name and password passed to the server.
MAX_NAME, MAX_PASSWORD = 256, 1024
_GROUP_CLASSES = (("groupOfNames", "member"), ("groupOfUniqueNames", "uniqueMember"),
                  ("group", "member"))  # fmt: skip


class DirectoryUnreachable(Exception):
    """No answer from the directory (the login falls back to nothing; nothing is changed)."""


def clean_user_data(fields: dict[str, Any]) -> dict[str, Any]:
    """Attribute values cut to the lengths of Django's user fields."""
    limits = {"username": 150, "first_name": 150, "last_name": 150, "email": 254}
    return {k: str(v)[: limits.get(k, 150)] for k, v in fields.items()}


def _search_entry(name: str) -> dict[str, Any] | None:
    """The entry of login name *name*, searched by the service account; raises if unreachable."""
    with python3_ldap.connection() as found:
        if found is None:
            raise DirectoryUnreachable(name)
        if not found.has_user(username=name):
            return None
        entry: dict[str, Any] = found._connection.response[0]
        return entry


def user_dn(fields: dict[str, str]) -> str:
    """The DN to bind as for ``fields["username"]`` (django-python3-ldap's FORMAT_USERNAME).

    A value that is already a DN or a user principal name (the service account) stays as it
    is; a login name is searched. Without a service account: ``attribute=name,user base``.
    """
    name = fields.get("username", "")
    if "=" in name or "@" in name or "\\" in name:
        return name
    attribute = settings.LDAP_AUTH_USER_FIELDS["username"]
    fallback = f"{attribute}={escape_rdn(name)},{settings.LDAP_AUTH_SEARCH_BASE}"
    if not settings.LDAP_AUTH_CONNECTION_USERNAME:
        return fallback
    try:
        entry = _search_entry(name)
    except DirectoryUnreachable:
        return fallback
    return str(entry["dn"]) if entry else fallback


def _groups(connection: ldap3.Connection, dn: str, attributes: dict[str, Any]) -> list[str]:
    found = [str(g) for g in attributes.get("memberOf", [])]
    escaped = escape_filter_chars(dn)
    wanted = "".join(f"(&(objectClass={cls})({attr}={escaped}))" for cls, attr in _GROUP_CLASSES)
    connection.search(
        search_base=settings.VEREINBARUNG_LDAP_GROUP_BASE, search_filter=f"(|{wanted})",
        search_scope=ldap3.SUBTREE, attributes=[], size_limit=1000,
    )  # fmt: skip
    found.extend(str(entry["dn"]) for entry in connection.response or [] if entry.get("dn"))
    return list(dict.fromkeys(found))


def sync_relations(user: Any, attributes: dict[str, Any], *, connection: Any, dn: str) -> None:
    """Roles and Fachbereiche of *user* from the groups of the entry *dn* (called at login)."""
    groups = _groups(connection, dn, attributes)
    grants = mapping.grants_for(groups, settings.VEREINBARUNG_LDAP_GROUPS, fold_case=True)
    mapping.apply(user, LDAP, dn, groups, grants)


class DirectoryBackend(LDAPBackend):  # type: ignore[misc]
    """django-python3-ldap's backend; a known account the directory has lost is disabled."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None,  # noqa: ARG002
        password: str | None = None, **kwargs: Any,  # noqa: ARG002
    ) -> Any:  # fmt: skip
        if not username or not password or len(username) > MAX_NAME:
            return None
        if len(password) > MAX_PASSWORD:
            return None
        user = python3_ldap.authenticate(username=username, password=password)
        if user is None:
            _disable_if_gone(username)
        return user


def _disable_if_gone(name: str) -> None:
    """Disable the directory account *name* when the directory no longer has its entry."""
    known = DirectoryAccount.objects.filter(
        source=LDAP, user__username=name, user__is_active=True
    ).select_related("user")
    account = known.first()
    if account is None or not settings.LDAP_AUTH_CONNECTION_USERNAME:
        return
    try:
        entry = _search_entry(name)
    except DirectoryUnreachable:
        return
    if entry is None or _disabled_in_ad(entry):
        mapping.disable_leaver(account.user)


def _disabled_in_ad(entry: dict[str, Any]) -> bool:
    """Whether Active Directory marks the entry disabled (``userAccountControl`` bit 2,
    ACCOUNTDISABLE: https://learn.microsoft.com/en-us/troubleshoot/windows-server/active-directory/
    useraccountcontrol-manipulate-account-properties)."""
    value = entry.get("attributes", {}).get("userAccountControl")
    value = value[0] if isinstance(value, list) and value else value
    return isinstance(value, int) and bool(value & 2)
