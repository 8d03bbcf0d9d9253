"""``vereinbarung web check-deploy``: what Django's ``check --deploy`` does not see.

Two kinds of checks, each giving German messages:

- :func:`settings_problems` reads the settings: HTTPS behind a proxy that waitress does not
  believe (every request looks like http and is redirected to https, for ever: a redirect
  loop), Secure cookies on plain http (the browser drops them and no one can log in: under
  RFC 6265bis, »Storage Model«, a cookie with the Secure attribute set over a non-secure
  connection is ignored), data files readable by others. :func:`settings_notes` says what is allowed but worth knowing.
- :func:`probe` asks the running register at its public address (``--url``) as a browser
  would: it follows the redirects of ``/anmelden/`` and ``/health`` by hand, reports a loop,
  and a Secure cookie that comes over http.
"""

from __future__ import annotations

import http.client
import ssl
import stat
from collections.abc import Sequence
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

#: Redirects followed before the probe gives up (a browser stops at about 20).
MAX_REDIRECTS = 5
TIMEOUT = 10.0


def settings_problems(settings: Any) -> list[str]:
    """What makes the register unusable or its data readable, one German sentence each."""
    problems = []
    redirect = bool(getattr(settings, "SECURE_SSL_REDIRECT", False))
    https = redirect or bool(getattr(settings, "HTTPS", False))
    proxy = str(getattr(settings, "TRUSTED_PROXY", "") or "")
    headers: Sequence[str] = getattr(settings, "TRUSTED_PROXY_HEADERS", ())
    if redirect and not proxy:
        problems.append(
            "Umleitungsschleife: VEREINBARUNG_HTTPS=1 leitet jede Anfrage über http auf https "
            "um, aber VEREINBARUNG_TRUSTED_PROXY nennt keinen Proxy. waitress verwirft dann "
            "dessen »X-Forwarded-Proto: https«, jede Anfrage gilt als http, und jede Adresse "
            "antwortet mit 301 auf sich selbst. VEREINBARUNG_TRUSTED_PROXY auf die Adresse des "
            "Proxys setzen (Standard: 127.0.0.1)."
        )
    elif redirect and (
        "x-forwarded-proto" not in headers
        or getattr(settings, "SECURE_PROXY_SSL_HEADER", None) is None
    ):
        problems.append(
            "Umleitungsschleife: VEREINBARUNG_HTTPS=1 leitet auf https um, aber der Kopf "
            "»X-Forwarded-Proto« des Proxys wird nicht ausgewertet (TRUSTED_PROXY_HEADERS, "
            "SECURE_PROXY_SSL_HEADER)."
        )
    for name in ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
        if getattr(settings, name, False) and not https:
            problems.append(
                f"{name} verlangt sichere Cookies (Attribut Secure), der Betrieb ist aber ohne "
                "HTTPS (VEREINBARUNG_HTTPS fehlt): über http verwirft der Browser diese "
                "Cookies, und niemand kann sich anmelden (»Sitzung abgelaufen«)."
            )
    problems += _readable_by_others(settings)
    return problems


def settings_notes(settings: Any) -> list[str]:
    """What is allowed but worth knowing (not a reason to fail)."""
    notes = []
    if getattr(settings, "PRODUCTION", False) and not getattr(settings, "HTTPS", False):
        notes.append(
            "Hinweis: Betrieb ohne HTTPS (VEREINBARUNG_PRODUCTION=1 ohne VEREINBARUNG_HTTPS=1). "
            "Die Cookies sind daher nicht als Secure markiert, damit die Anmeldung über http "
            "funktioniert; Passwörter und Sitzungen gehen unverschlüsselt durchs Netz. Nur in "
            "einem geschützten internen Netz so betreiben."
        )
    if getattr(settings, "TRUSTED_PROXY", "") == "*":
        notes.append(
            "Hinweis: VEREINBARUNG_TRUSTED_PROXY=* glaubt jedem Absender »X-Forwarded-Proto« und "
            "»X-Forwarded-For«. Nur so einstellen, wenn allein der Proxy die Anwendung erreicht."
        )
    return notes


def _readable_by_others(settings: Any) -> list[str]:
    """The SQLite file and the generated secret key: only for the service (0600)."""
    files = [Path(settings.DATA_DIR) / "secret_key"]
    database = settings.DATABASES["default"]
    if str(database["ENGINE"]).endswith("sqlite3"):
        files.append(Path(str(database["NAME"])))
    problems = []
    for file in files:
        try:
            mode = stat.S_IMODE(file.stat().st_mode)
        except OSError:
            continue
        if mode & 0o077:
            problems.append(
                f"Die Datei {file} ist für andere Benutzer zugänglich (Rechte {mode:04o}): "
                f"»chmod 600 {file}«."
            )
    return problems


def probe(url: str, cafile: str | None = None) -> list[str]:
    """Ask the register at *url* for ``/anmelden/`` and ``/health``; the problems found."""
    base = url if url.endswith("/") else url + "/"
    if urlsplit(base).scheme not in ("http", "https"):
        return [f"--url: »{url}« ist keine http- oder https-Adresse."]
    problems = []
    for path in ("anmelden/", "health"):
        problems += _follow(urljoin(base, path), cafile)
    return problems


def _follow(url: str, cafile: str | None) -> list[str]:
    seen: list[str] = []
    while True:
        seen.append(url)
        try:
            status, location, cookies = _get(url, cafile)
        except (OSError, http.client.HTTPException) as exc:
            return [f"{url} ist nicht erreichbar: {exc}"]
        if status in (301, 302, 303, 307, 308) and location:
            target = urljoin(url, location)
            if target in seen:
                return [
                    f"Umleitungsschleife: {url} antwortet {status} mit Umleitung auf {target}, "
                    "das schon aufgerufen wurde. Der Proxy muss »X-Forwarded-Proto: https« "
                    "senden, und VEREINBARUNG_TRUSTED_PROXY muss seine Adresse nennen."
                ]
            if len(seen) > MAX_REDIRECTS:
                return [f"{seen[0]}: mehr als {MAX_REDIRECTS} Umleitungen ({' → '.join(seen)})."]
            url = target
            continue
        problems = []
        if status != 200:
            problems.append(f"{url} antwortet mit HTTP {status} statt 200.")
        if urlsplit(url).scheme == "http":
            for name, morsel in cookies.items():
                if morsel["secure"]:
                    problems.append(
                        f"Das Cookie »{name}« kommt mit dem Attribut Secure über http ({url}): "
                        "der Browser verwirft es, und niemand kann sich anmelden. Über https "
                        "betreiben (VEREINBARUNG_HTTPS=1 hinter einem Proxy mit TLS)."
                    )
        return problems


def _get(url: str, cafile: str | None) -> tuple[int, str, SimpleCookie]:
    parts = urlsplit(url)
    connection: http.client.HTTPConnection
    if parts.scheme == "https":
        context = ssl.create_default_context(cafile=cafile)
        connection = http.client.HTTPSConnection(
            parts.hostname or "", parts.port, timeout=TIMEOUT, context=context
        )
    else:
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=TIMEOUT)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", target or "/", headers={"User-Agent": "vereinbarung-check"})
        response = connection.getresponse()
        response.read()
        cookies: SimpleCookie = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
        return response.status, response.headers.get("Location", ""), cookies
    finally:
        connection.close()
