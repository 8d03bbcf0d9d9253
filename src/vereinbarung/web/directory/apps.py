"""The directory app: logins from LDAP/AD and OpenID Connect, TOTP for local accounts."""

from __future__ import annotations

from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "vereinbarung.web.directory"
    label = "vereinbarung_directory"
    verbose_name = "Verzeichnis-Anmeldung und zweiter Faktor"
