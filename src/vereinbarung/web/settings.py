"""Django settings of the register, read from environment variables.

=============================  ==============================================================
``VEREINBARUNG_DATA``          data folder (default: the platform's user data folder)
``VEREINBARUNG_DATABASE_URL``  database URL (default: SQLite file ``register.sqlite3`` there)
``VEREINBARUNG_DB_TIMEOUT``    seconds a request waits for a database lock or statement (15)
``VEREINBARUNG_SECRET_KEY``    secret key (default: generated once into the data folder)
``VEREINBARUNG_PRODUCTION``    ``1``: production mode (no debug output)
``VEREINBARUNG_HTTPS``         ``1``: served behind TLS (HSTS, redirect to https, Secure cookies)
``VEREINBARUNG_TRUSTED_PROXY`` address of the proxy whose ``X-Forwarded-Proto``/``-For`` waitress
                               believes (default ``127.0.0.1``; empty: none)
``VEREINBARUNG_ALLOWED_HOSTS`` host names, comma-separated (default: localhost, 127.0.0.1)
``VEREINBARUNG_DEBUG``         ``1``: Django's debug pages (never in production)
``VEREINBARUNG_SMTP_HOST``     mail server for reminders (unset: mails go to the console);
                               ``…_SMTP_PORT`` (25), ``…_SMTP_USER``, ``…_SMTP_PASSWORD``,
                               ``…_SMTP_STARTTLS``/``…_SMTP_SSL`` (``1``), ``…_MAIL_FROM``
``VEREINBARUNG_BASE_URL``      address of the register in links of mails (``https://…``)
``VEREINBARUNG_VIER_AUGEN``    acts waiting for a second person's Freigabe: ``kuendigung``,
                               ``aufhebung``, ``aenderung``, ``archivierung`` (comma-separated),
                               ``alle`` (the default, unset); ``aus``: none
                               (:mod:`vereinbarung.web.rights.approval`)
``VEREINBARUNG_RECHTSAMT``     the Fachbereich whose members read every agreement of their
                               Kommune (default ``Rechtsamt``; :mod:`vereinbarung.web.rights`)
``VEREINBARUNG_RATE_LIMITS``   requests per client address, e.g. ``fristenrechner=60/m``, ``aus``
                               (:mod:`vereinbarung.web.limits.rates`)
``VEREINBARUNG_LDAP_*``,       login through LDAP/Active Directory or OpenID Connect
``VEREINBARUNG_OIDC_*``        (:mod:`vereinbarung.web.directory.config`)
``VEREINBARUNG_WV_ESKALATION`` Wiedervorlagen: so many days overdue, an item also goes to the
                               deputy (7); ``…_WV_VORLAUF``: weeks before the last day of
                               receipt of the proposed »Ratsbeschluss« follow-up (8)
=============================  ==============================================================
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
import platformdirs

from vereinbarung.web.directory.config import ConfigError, directory_settings
from vereinbarung.web.limits.rates import parse_rate_limits


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "ja"}


DATA_DIR = Path(
    os.environ.get("VEREINBARUNG_DATA") or platformdirs.user_data_dir("vereinbarung", False)
)
DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)  # a new folder: the service's only
PRODUCTION = _flag("VEREINBARUNG_PRODUCTION")
HTTPS = _flag("VEREINBARUNG_HTTPS")
DEBUG = _flag("VEREINBARUNG_DEBUG") and not PRODUCTION


def _secret_key() -> str:
    given = os.environ.get("VEREINBARUNG_SECRET_KEY")
    if given:
        return given
    file = DATA_DIR / "secret_key"
    if not file.exists():
        _create_private(file)
        file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    return file.read_text(encoding="utf-8").strip()


def _create_private(file: Path) -> None:
    """Create *file* empty with mode 0600 unless it exists (the mode of an existing file stays)."""
    # a folder that does not exist (yet): whoever writes the file reports the error
    with contextlib.suppress(OSError):
        os.close(os.open(file, os.O_CREAT | os.O_WRONLY, 0o600))


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("VEREINBARUNG_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "vereinbarung.web.accounts",
    "vereinbarung.web.register",
    "vereinbarung.web.rights",  # Fachbereiche, Kommunen, memberships, Vier-Augen (issue 26)
    "vereinbarung.web.pages",
    "ninja",  # serves Swagger UI from its own static files (no CDN)
    "vereinbarung.web.api",
    "vereinbarung.web.feeds",
    "vereinbarung.web.reminders",
    "vereinbarung.web.operation",
    "vereinbarung.web.konto",
    "vereinbarung.web.limits",  # rate limits: the counters' cache table
    "vereinbarung.web.barrierefreiheit",  # Erklärung zur Barrierefreiheit, its feedback form
    "django_otp",
    "django_otp.plugins.otp_totp",
    "vereinbarung.web.directory",  # LDAP/AD and OpenID Connect logins, TOTP (issue 26)
    "vereinbarung.web.verwaltung",  # user administration in the browser (issue 26)
    "vereinbarung.web.absender",  # sender profiles of letters (issue 21)
    "vereinbarung.web.akte",  # attachments, notes, full-text search (issue 25)
    "vereinbarung.web.wiedervorlagen",  # follow-ups, deputies, absences (issue 25)
]
#: Where reports of the accessibility feedback form are mailed (and shown as contact); empty:
#: stored in the database only (:mod:`vereinbarung.web.barrierefreiheit`).
ACCESSIBILITY_CONTACT = os.environ.get("VEREINBARUNG_BARRIEREFREIHEIT_KONTAKT", "").strip()[:200]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "vereinbarung.web.operation.stall_guard.StallGuard",
    "vereinbarung.web.pages.middleware.security_headers",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "vereinbarung.web.pages.middleware.AllowedMethods",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "vereinbarung.web.directory.middleware.SecondFactorRequired",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "vereinbarung.web.limits.middleware.RateLimitMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Directory logins, switched on by VEREINBARUNG_LDAP_URL / VEREINBARUNG_OIDC_CLIENT_ID (issue 26)
try:
    _directory = directory_settings(os.environ)
except ConfigError as _exc:
    import vereinbarung

    raise vereinbarung.VereinbarungError(str(_exc)) from None
globals().update(_directory.settings)
AUTHENTICATION_BACKENDS += _directory.backends
# Local accounts with the role Verwalten need a second factor (vereinbarung.web.directory.middleware)
OTP_TOTP_ISSUER = "Vereinbarungsregister"

ROOT_URLCONF = "vereinbarung.web.urls"
WSGI_APPLICATION = "vereinbarung.web.wsgi.application"

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vereinbarung.web.accounts.roles.role_context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("VEREINBARUNG_DATABASE_URL")
        or f"sqlite:///{(DATA_DIR / 'register.sqlite3').as_posix()}",
        conn_max_age=600,
    )
}
# Waits instead of failures, limits instead of hanging (issue 20). SQLite: write-ahead log (readers
# never wait for a writer), a busy timeout, and BEGIN IMMEDIATE for every transaction, so that a
# transaction takes the write lock at its start and waits for it; a deferred one that reads and
# then writes fails at once with »database is locked« when another process wrote in between
# (https://www.sqlite.org/lang_transaction.html, https://www.sqlite.org/wal.html). PostgreSQL:
# connecting gives up after DATABASE_CONNECT_TIMEOUT s, a statement after DATABASE_TIMEOUT s
# (libpq ``connect_timeout``, ``statement_timeout``); a URL's own ``?connect_timeout=…`` or
# ``?options=…`` wins. A broken kept connection is replaced before the request uses it.
_timeout = os.environ.get("VEREINBARUNG_DB_TIMEOUT", "").strip() or "15"
if not (_timeout.isdigit() and 1 <= int(_timeout) <= 600):
    import vereinbarung

    raise vereinbarung.VereinbarungError(
        f"VEREINBARUNG_DB_TIMEOUT: »{_timeout[:20]}« ist keine Zahl von Sekunden von 1 bis 600."
    )
DATABASE_TIMEOUT = int(_timeout)
for _name, _default in (("ESKALATION", "7"), ("VORLAUF", "8")):
    _value = os.environ.get(f"VEREINBARUNG_WV_{_name}", "").strip() or _default
    if not (_value.isdigit() and len(_value) <= 3):
        import vereinbarung

        raise vereinbarung.VereinbarungError(
            f"VEREINBARUNG_WV_{_name}: »{_value[:20]}« ist keine Zahl von 0 bis 999."
        )
    globals()[f"WIEDERVORLAGE_{_name}"] = int(_value)
DATABASE_CONNECT_TIMEOUT = 3
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
_db_options = DATABASES["default"].setdefault("OPTIONS", {})
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    _db_options.setdefault("timeout", DATABASE_TIMEOUT)
    _db_options.setdefault("transaction_mode", "IMMEDIATE")
    _db_options.setdefault("init_command", "PRAGMA journal_mode=WAL")
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # the same backend, failing at once while the server is known to hang (stall_guard)
    DATABASES["default"]["ENGINE"] = "vereinbarung.web.operation.postgresql"
    # Connections are kept for 60 s (connecting costs ~4 ms of both machines' time per request,
    # a third of a start page: benchmarks/load_rights.py). A kept connection to a server that
    # stalls would wait for ever – the statement timeout runs on the server, the connect timeout
    # only when connecting: operation.stall_guard cuts it when the server stops answering.
    # VEREINBARUNG_DB_CONN_MAX_AGE=0 connects anew for every request.
    _age = os.environ.get("VEREINBARUNG_DB_CONN_MAX_AGE", "").strip() or "60"
    if not (_age.isdigit() and int(_age) <= 3600):
        import vereinbarung

        raise vereinbarung.VereinbarungError(
            f"VEREINBARUNG_DB_CONN_MAX_AGE: »{_age[:20]}« ist keine Zahl von Sekunden von 0 bis "
            "3600."
        )
    DATABASES["default"]["CONN_MAX_AGE"] = int(_age)
    _db_options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    _db_options.setdefault("options", f"-c statement_timeout={DATABASE_TIMEOUT * 1000}")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate limits per client address on the pages open to anyone (vereinbarung.web.limits): the
# counters in Django's database cache, a table in the register's database made by a migration,
# so that every app process behind the proxy counts the same requests (django-ratelimit).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "rate_limits": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "vereinbarung_rate_limits",
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    },
}
RATELIMIT_USE_CACHE = "rate_limits"
RATELIMIT_FAIL_OPEN = True  # counters out of reach: let the request through
try:
    RATE_LIMITS = parse_rate_limits(os.environ.get("VEREINBARUNG_RATE_LIMITS", ""))
except ValueError as _exc:
    import vereinbarung

    raise vereinbarung.VereinbarungError(str(_exc)) from None

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)

# The SQLite file is created 0600 before SQLite opens it (SQLite's own default is 0644, minus the
# umask); SQLite gives its -wal, -shm and -journal files the mode of the database file.
if DATABASES["default"]["ENGINE"].endswith("sqlite3") and not str(
    DATABASES["default"]["NAME"]
).startswith((":memory:", "file:")):
    _create_private(Path(DATABASES["default"]["NAME"]))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    # attachments (vereinbarung.web.akte): the data folder; an object store may be configured
    # here instead (e.g. django-storages' S3 backend)
    "anlagen": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(DATA_DIR / "anlagen"),
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
}
WHITENOISE_USE_FINDERS = True  # serve from the package without collectstatic
WHITENOISE_AUTOREFRESH = DEBUG

# Passwords set with ``vereinbarung web createuser`` (BSI IT-Grundschutz ORP.4.A22: length,
# no common or all-numeric password, not like the user name); Django's messages in German.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "anmelden"
LOGIN_REDIRECT_URL = "fristen"
LOGOUT_REDIRECT_URL = "anmelden"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Secure cookies only where the browser gets them over https: on plain http (PRODUCTION without
# HTTPS, inside a town hall network) the browser drops a Secure cookie, and no one could log in.
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
#: The proxy whose X-Forwarded-Proto and X-Forwarded-For waitress believes (one address or ``*``,
#: passed to ``waitress.serve`` by :mod:`vereinbarung.web.command`); headers from anyone else are
#: removed. Default: a proxy on the same machine (nginx as in the README), with or without TLS,
#: so that the app sees https and the person's address, not the proxy's (a client elsewhere is
#: never 127.0.0.1, so it cannot forge these headers); set empty, none is believed.
TRUSTED_PROXY = os.environ.get("VEREINBARUNG_TRUSTED_PROXY", "127.0.0.1").strip()
#: The headers the README's nginx block sets itself (a client's own values are overwritten);
#: X-Forwarded-Host is not among them: nginx passes a client's on, so it is not believed.
TRUSTED_PROXY_HEADERS = ("x-forwarded-proto", "x-forwarded-for")
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^health$"]  # a monitor may ask the app itself over http
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = False
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = [
    # the account is locked (the issue's rule), not the address: a town hall's staff share one
    # proxy address, and locking it would lock out everyone after five typos of one person
    "axes.W006",
    # entering the browsers' HSTS preload list is the operator's decision for the whole domain
    "security.W021",
]
if PRODUCTION and not HTTPS:  # plain http inside the town hall network: no HSTS, no redirect,
    # no Secure cookies (check-deploy says so in a note of its own)
    SILENCED_SYSTEM_CHECKS += ["security.W004", "security.W008", "security.W012", "security.W016"]

# uploads: an agreement text or file, never more
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# django-axes: five failed logins lock the account for 15 minutes
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "pages/gesperrt.html"
AXES_VERBOSE = False

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_HOST = os.environ.get("VEREINBARUNG_SMTP_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("VEREINBARUNG_SMTP_PORT") or 25)
    EMAIL_HOST_USER = os.environ.get("VEREINBARUNG_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("VEREINBARUNG_SMTP_PASSWORD", "")
    EMAIL_USE_TLS = _flag("VEREINBARUNG_SMTP_STARTTLS")
    EMAIL_USE_SSL = _flag("VEREINBARUNG_SMTP_SSL")
    EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("VEREINBARUNG_MAIL_FROM", "vereinbarung@localhost")
VEREINBARUNG_BASE_URL = os.environ.get("VEREINBARUNG_BASE_URL", "http://localhost:8000")

# One handler, on the root logger: each line is written once (waitress' ``logging.basicConfig()``
# adds nothing when the root logger has a handler, and no logger has a second one of its own);
# client errors (4xx) without traceback, calendar secrets masked (vereinbarung.web.logs).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "client_errors": {"()": "vereinbarung.web.logs.NoTracebackForClientErrors"},
        "secrets": {"()": "vereinbarung.web.logs.MaskSecrets"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["client_errors", "secrets"]}
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # one JSON line per change: who, what, when (vereinbarung.web.operation.audit)
        "vereinbarung.aenderungen": {"level": "INFO"},
    },
}
CSRF_FAILURE_VIEW = "vereinbarung.web.pages.views.csrf_failure"
