"""Logins from the directory (LDAP/Active Directory, OpenID Connect) and TOTP for local accounts.

- :mod:`.config` reads the ``VEREINBARUNG_LDAP_*`` and ``VEREINBARUNG_OIDC_*`` variables into
  Django settings; :mod:`.groups` maps directory groups to roles and Fachbereiche.
- :mod:`.ldap` and :mod:`.oidc` are the authentication backends (django-python3-ldap,
  mozilla-django-oidc); :mod:`.models` remembers which accounts come from a directory.
- :mod:`.totp` and :mod:`.views`: the second factor of local accounts (django-otp), required for
  *Verwalten* by :mod:`.middleware`.
"""
