"""The directory logins' settings from environment variables (read by ``web/settings.py``).

LDAP / Active Directory (django-python3-ldap, https://github.com/etianen/django-python3-ldap):

=====================================  ========================================================
``VEREINBARUNG_LDAP_URL``              server(s), e.g. ``ldaps://dc1.kreis.local`` (comma-
                                       separated); set: the LDAP login is switched on
``VEREINBARUNG_LDAP_STARTTLS``         ``1``: StartTLS on ``ldap://`` (required there, except to
                                       this machine: passwords never cross a network in clear)
``VEREINBARUNG_LDAP_CA_FILE``          CA certificate(s) (PEM) the server's certificate must
                                       chain to (default: the system's); ``ldaps://`` and
                                       StartTLS always check the certificate and host name
``VEREINBARUNG_LDAP_BIND_DN``          service account that searches users and groups (its
``VEREINBARUNG_LDAP_BIND_PASSWORD``    password); AD: ``CN=svc,OU=…`` or ``svc@kreis.local``
``VEREINBARUNG_LDAP_USER_BASE``        where users are searched, e.g. ``ou=people,dc=kreis,dc=de``
``VEREINBARUNG_LDAP_USER_ATTRIBUTE``   login name attribute (``uid``; AD: ``sAMAccountName``)
``VEREINBARUNG_LDAP_USER_CLASS``       object class of users (``inetOrgPerson``; AD: ``user``)
``VEREINBARUNG_LDAP_GROUP_BASE``       where groups are searched (default: the user base)
``VEREINBARUNG_LDAP_GROUPS``           group DN → role (and Fachbereich), see below
=====================================  ========================================================

OpenID Connect (mozilla-django-oidc, https://mozilla-django-oidc.readthedocs.io/en/stable/
settings.html; the addresses stand in the provider's ``/.well-known/openid-configuration``):

=====================================  ========================================================
``VEREINBARUNG_OIDC_CLIENT_ID``        client registered at the provider; set: switched on
``VEREINBARUNG_OIDC_CLIENT_SECRET``    its secret
``VEREINBARUNG_OIDC_AUTHORIZATION_URL`` ``authorization_endpoint``
``VEREINBARUNG_OIDC_TOKEN_URL``        ``token_endpoint``
``VEREINBARUNG_OIDC_USERINFO_URL``     ``userinfo_endpoint``
``VEREINBARUNG_OIDC_JWKS_URL``         ``jwks_uri`` (ID tokens signed with RS256)
``VEREINBARUNG_OIDC_NAME``             name on the login button (default ``Single Sign-on``)
``VEREINBARUNG_OIDC_GROUPS_CLAIM``     claim with the groups (``groups``; Entra ID: ``roles``)
``VEREINBARUNG_OIDC_SCOPES``           scopes asked for (``openid email profile``; add the
                                       one that carries the groups claim, if any)
``VEREINBARUNG_OIDC_GROUPS``           group → role (and Fachbereich), see below
=====================================  ========================================================

A group mapping lists entries separated by ``;`` or line breaks, each ``GROUP -> ROLE`` (the
role in all Fachbereiche) or ``GROUP -> ROLE in FACHBEREICH``, e.g.
``cn=jugend,ou=groups,dc=kreis,dc=de -> Bearbeiten in Jugend; cn=it,ou=groups,dc=kreis,dc=de ->
Verwalten``. A user of the directory in none of the mapped groups cannot log in, and an account
of such a user is disabled at the next login (a leaver).
"""

from __future__ import annotations

import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

#: The roles a group may grant (:mod:`vereinbarung.web.accounts.roles`; Freigeben: issue 26).
GRANTABLE = ("Lesen", "Bearbeiten", "Freigeben", "Verwalten")
_MAX_VALUE = 20_000


@dataclass(frozen=True)
class Grant:
    """A role, in one Fachbereich or (``fachbereich`` None) in all."""

    role: str
    fachbereich: str | None = None


@dataclass
class DirectorySettings:
    """What ``settings.py`` adds: Django settings and authentication backends."""

    settings: dict[str, Any] = field(default_factory=dict)
    backends: list[str] = field(default_factory=list)


class ConfigError(ValueError):
    """A variable with a value that cannot be used (German message naming it)."""


def parse_group_map(text: str, variable: str, *, fold_case: bool) -> dict[str, tuple[Grant, ...]]:
    """The mapping in *text* (see the module): group → grants; *fold_case* for LDAP DNs."""
    if len(text) > _MAX_VALUE:
        raise ConfigError(f"{variable}: länger als {_MAX_VALUE} Zeichen.")
    found: dict[str, list[Grant]] = {}
    for raw in text.replace("\n", ";").split(";"):
        entry = raw.strip()
        if not entry:
            continue
        group, arrow, target = entry.rpartition("->")
        group, target = group.strip(), target.strip()
        if not arrow or not group or not target:
            raise ConfigError(
                f"{variable}: »{entry[:80]}« hat nicht die Form »Gruppe -> Rolle« oder "
                "»Gruppe -> Rolle in Fachbereich«."
            )
        role, _, fachbereich = target.partition(" in ")
        role = role.strip().capitalize()
        if role not in GRANTABLE:
            raise ConfigError(
                f"{variable}: »{target[:40]}« ist keine Rolle (möglich: {', '.join(GRANTABLE)})."
            )
        key = normalise_group(group) if fold_case else group
        found.setdefault(key, []).append(Grant(role, fachbereich.strip() or None))
    return {group: tuple(grants) for group, grants in found.items()}


def normalise_group(dn: str) -> str:
    """An LDAP DN compared without case and without blanks around ``,`` and ``=``."""
    parts = (part.strip() for part in dn.split(","))
    return ",".join("=".join(p.strip() for p in part.split("=", 1)) for part in parts).casefold()


def _get(env: Mapping[str, str], name: str, default: str = "") -> str:
    return env.get(name, "").strip() or default


def directory_settings(env: Mapping[str, str]) -> DirectorySettings:
    """The settings for the switched-on directories in *env*; raises :class:`ConfigError`."""
    result = DirectorySettings()
    if _get(env, "VEREINBARUNG_LDAP_URL"):
        _ldap(env, result)
    if _get(env, "VEREINBARUNG_OIDC_CLIENT_ID"):
        _oidc(env, result)
    return result


def _ldap(env: Mapping[str, str], result: DirectorySettings) -> None:
    urls = [u.strip() for u in _get(env, "VEREINBARUNG_LDAP_URL").split(",") if u.strip()]
    bad = [u for u in urls if not u.startswith(("ldap://", "ldaps://"))]
    if bad:
        raise ConfigError(
            f"VEREINBARUNG_LDAP_URL: »{bad[0][:80]}« beginnt nicht mit ldap:// oder ldaps://."
        )
    ca_file = _get(env, "VEREINBARUNG_LDAP_CA_FILE")
    if ca_file and not Path(ca_file).is_file():
        raise ConfigError(f"VEREINBARUNG_LDAP_CA_FILE: »{ca_file[:200]}« ist keine Datei.")
    starttls = _get(env, "VEREINBARUNG_LDAP_STARTTLS") in {"1", "true", "ja", "yes"}
    plain = [u for u in urls if u.startswith("ldap://") and not _loopback(u)]
    if plain and not starttls:
        raise ConfigError(
            f"VEREINBARUNG_LDAP_URL: »{plain[0][:80]}« schickte die Passwörter unverschlüsselt "
            "über das Netz. Bitte ldaps:// verwenden oder VEREINBARUNG_LDAP_STARTTLS=1 setzen."
        )
    base = _get(env, "VEREINBARUNG_LDAP_USER_BASE")
    if not base:
        raise ConfigError("VEREINBARUNG_LDAP_USER_BASE fehlt: wo stehen die Benutzer?")
    attribute = _get(env, "VEREINBARUNG_LDAP_USER_ATTRIBUTE", "uid")
    groups = parse_group_map(
        _get(env, "VEREINBARUNG_LDAP_GROUPS"), "VEREINBARUNG_LDAP_GROUPS", fold_case=True
    )
    if not groups:
        raise ConfigError(
            "VEREINBARUNG_LDAP_GROUPS fehlt: welche Gruppe gibt welche Rolle? Ohne Zuordnung "
            "könnte sich niemand anmelden."
        )
    result.settings.update(
        LDAP_AUTH_URL=urls,
        LDAP_AUTH_USE_TLS=starttls,
        # ldap3 checks no certificate unless told (ldap3.Tls: validate=CERT_NONE); the register
        # always checks it (https://ldap3.readthedocs.io/en/latest/ssltls.html)
        LDAP_AUTH_TLS_ARGS=_tls_args(ca_file),
        LDAP_AUTH_TLS_VERSION=None,  # Python's default context (not django-python3-ldap's
        LDAP_AUTH_TLS_CIPHERS=None,  # fixed protocol and »ALL« ciphers)
        LDAP_AUTH_CONNECT_ARGS={"tls": _tls(ca_file)},
        LDAP_AUTH_SEARCH_BASE=base,
        LDAP_AUTH_OBJECT_CLASS=_get(env, "VEREINBARUNG_LDAP_USER_CLASS", "inetOrgPerson"),
        LDAP_AUTH_USER_FIELDS={
            "username": attribute,
            "first_name": "givenName",
            "last_name": "sn",
            "email": "mail",
        },
        LDAP_AUTH_USER_LOOKUP_FIELDS=("username",),
        LDAP_AUTH_CLEAN_USER_DATA="vereinbarung.web.directory.ldap.clean_user_data",
        LDAP_AUTH_FORMAT_USERNAME="vereinbarung.web.directory.ldap.user_dn",
        LDAP_AUTH_SYNC_USER_RELATIONS="vereinbarung.web.directory.ldap.sync_relations",
        LDAP_AUTH_CONNECTION_USERNAME=_get(env, "VEREINBARUNG_LDAP_BIND_DN") or None,
        LDAP_AUTH_CONNECTION_PASSWORD=env.get("VEREINBARUNG_LDAP_BIND_PASSWORD") or None,
        LDAP_AUTH_CONNECT_TIMEOUT=5,
        LDAP_AUTH_RECEIVE_TIMEOUT=10,
        VEREINBARUNG_LDAP_GROUP_BASE=_get(env, "VEREINBARUNG_LDAP_GROUP_BASE", base),
        VEREINBARUNG_LDAP_GROUPS=groups,
    )
    result.backends.append("vereinbarung.web.directory.ldap.DirectoryBackend")


def _loopback(url: str) -> bool:
    """Whether *url* names this machine (a local server or TLS tunnel: nothing on the wire)."""
    host = urlsplit(url).hostname or ""
    return host in {"localhost", "::1"} or host.startswith("127.")


def _tls_args(ca_file: str) -> dict[str, Any]:
    return {"validate": ssl.CERT_REQUIRED, "ca_certs_file": ca_file or None}


def _tls(ca_file: str) -> Any:
    import ldap3  # only where LDAP is switched on

    return ldap3.Tls(**_tls_args(ca_file))


def _oidc(env: Mapping[str, str], result: DirectorySettings) -> None:
    names = {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "VEREINBARUNG_OIDC_AUTHORIZATION_URL",
        "OIDC_OP_TOKEN_ENDPOINT": "VEREINBARUNG_OIDC_TOKEN_URL",
        "OIDC_OP_USER_ENDPOINT": "VEREINBARUNG_OIDC_USERINFO_URL",
        "OIDC_OP_JWKS_ENDPOINT": "VEREINBARUNG_OIDC_JWKS_URL",
        "OIDC_RP_CLIENT_SECRET": "VEREINBARUNG_OIDC_CLIENT_SECRET",
    }
    for setting, variable in names.items():
        value = _get(env, variable)
        if not value:
            raise ConfigError(f"{variable} fehlt (VEREINBARUNG_OIDC_CLIENT_ID ist gesetzt).")
        if variable.endswith("_URL") and not value.startswith(("https://", "http://")):
            raise ConfigError(f"{variable}: »{value[:80]}« ist keine http(s)-Adresse.")
        result.settings[setting] = value
    groups = parse_group_map(
        _get(env, "VEREINBARUNG_OIDC_GROUPS"), "VEREINBARUNG_OIDC_GROUPS", fold_case=False
    )
    if not groups:
        raise ConfigError(
            "VEREINBARUNG_OIDC_GROUPS fehlt: welche Gruppe gibt welche Rolle? Ohne Zuordnung "
            "könnte sich niemand anmelden."
        )
    result.settings.update(
        OIDC_RP_CLIENT_ID=_get(env, "VEREINBARUNG_OIDC_CLIENT_ID"),
        OIDC_RP_SIGN_ALGO="RS256",
        OIDC_RP_SCOPES=_get(env, "VEREINBARUNG_OIDC_SCOPES", "openid email profile"),
        OIDC_TIMEOUT=10,
        OIDC_USE_PKCE=True,
        LOGIN_REDIRECT_URL_FAILURE="/anmelden/?sso=fehler",
        VEREINBARUNG_OIDC_NAME=_get(env, "VEREINBARUNG_OIDC_NAME", "Single Sign-on")[:60],
        VEREINBARUNG_OIDC_GROUPS_CLAIM=_get(env, "VEREINBARUNG_OIDC_GROUPS_CLAIM", "groups"),
        VEREINBARUNG_OIDC_GROUPS=groups,
    )
    result.backends.append("vereinbarung.web.directory.oidc.DirectoryOIDCBackend")
