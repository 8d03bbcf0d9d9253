"""Real ``vereinbarung web`` servers (waitress) for the tests, and a small HTTP client for them.

A server runs in its own process on 127.0.0.1 (a free port) on the data folder it is given;
its output goes to ``server-<port>.log`` in that folder (never a pipe: a full pipe would stop
the server), shown by :func:`log_tail` when a test fails. :class:`Browser` keeps the cookies
of one person and fills the CSRF field of the forms like a browser (RFC 6265 cookies, only
what Django sets).
"""

from __future__ import annotations

import html
import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

HOST = "127.0.0.1"
#: Fills a fresh register (``python -c PREPARE EXAMPLES COUNT``): COUNT people of the role
#: Bearbeiten (``schreiber0`` …), each with an agreement of their own (an example with »Nr. i«
#: in the title) and a session; prints ``{"pks": […], "sessions": […]}``.
PREPARE = """
import json, sys
from pathlib import Path
from vereinbarung.web.command import setup
setup()
from django.test import Client
from vereinbarung.web.accounts.roles import BEARBEITEN, create_user
from vereinbarung.web.register import services
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.yaml"))]
pks, sessions = [], []
for i in range(int(sys.argv[2])):
    user = create_user(f"schreiber{i}", "schreiber-passwort-1", BEARBEITEN)
    text = texts[i % len(texts)].replace("title: ", f"title: Nr. {i} ", 1)
    pks.append(services.create(text).pk)
    client = Client()
    client.force_login(user)
    sessions.append(client.cookies["sessionid"].value)
print(json.dumps({"pks": pks, "sessions": sessions}))
"""
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def environment(data: Path, **extra: str) -> dict[str, str]:
    """The environment of a server or a setup script on *data* (SQLite unless *extra* says)."""
    env = {**os.environ, "VEREINBARUNG_DATA": str(data), **extra}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if "VEREINBARUNG_DATABASE_URL" not in extra:
        env.pop("VEREINBARUNG_DATABASE_URL", None)
    return env


def run_script(script: str, env: dict[str, str], *args: str) -> str:
    """Run *script* (Python, with Django set up by it) in a process of its own; its stdout."""
    done = subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True,
                          text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


@contextmanager
def server(env: dict[str, str], *, threads: int = 8, ready: bool = True) -> Iterator[int]:
    """A ``vereinbarung web`` process on a free port; its port. With *ready*, waits until
    ``/health`` answers 200. Terminated afterwards."""
    port = free_port()
    log = Path(env["VEREINBARUNG_DATA"]) / f"server-{port}.log"
    command = [sys.executable, "-m", "vereinbarung", "web", "--host", HOST, "--port", str(port),
               "--threads", str(threads)]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=out)
    try:
        wait_until_listening(port, process, log, health=ready)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def wait_until_listening(port: int, process: subprocess.Popen[bytes], log: Path, *,
                         health: bool) -> None:  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"Server beendet:\n{log.read_text(errors='replace')}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=10)
            connection.request("GET", "/health")
            status = connection.getresponse().status
            connection.close()
        except OSError:
            time.sleep(0.1)
            continue
        if not health or status == 200:
            return
        time.sleep(0.1)
    raise AssertionError(f"Server nicht bereit:\n{log.read_text(errors='replace')}")


def get(port: int, path: str, timeout: float = 60.0) -> tuple[int, str, dict[str, str], float]:
    """Status, body, headers and seconds of ``GET path`` on a new connection (no cookies)."""
    started = time.monotonic()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": f"{HOST}:{port}"})
        response = connection.getresponse()
        text = response.read().decode("utf-8", errors="replace")
    finally:
        connection.close()
    return response.status, text, dict(response.headers.items()), time.monotonic() - started


@contextmanager
def fresh_postgres_database(url: str) -> Iterator[str]:
    """A new, empty database on the PostgreSQL server of *url*; its URL. Dropped afterwards."""
    import psycopg

    name = f"vereinbarung_served_{os.getpid()}_{secrets.token_hex(4)}"
    admin = url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(admin)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def own_database(env: dict[str, str]) -> Iterator[dict[str, str]]:
    """*env* for a server of a test module with a database nobody else uses: on PostgreSQL
    (``VEREINBARUNG_DATABASE_URL`` of the run) a fresh database, dropped afterwards – never the
    server's shared one, where an earlier module's or run's users and absences would remain;
    on SQLite the file in the module's own data folder already is."""
    url = env.get("VEREINBARUNG_DATABASE_URL", "")
    if urlsplit(url).scheme not in {"postgres", "postgresql", "pgsql"}:
        yield env
        return
    with fresh_postgres_database(url) as database:
        yield {**env, "VEREINBARUNG_DATABASE_URL": database}


def log_tail(data: Path, lines: int = 40) -> str:
    """The last *lines* of every server log in *data* (for assertion messages)."""
    return "\n".join(
        "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
        for log in sorted(data.glob("server-*.log"))
    )


class Browser:
    """One person's connection to one server: cookies, CSRF field, no redirects followed."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None) -> None:
        self.port = port
        self.cookies = dict(cookies or {})
        self.headers: dict[str, str] = {}  # of the last response
        self.connection = http.client.HTTPConnection(HOST, port, timeout=120)

    def request(self, method: str, path: str, form: dict[str, str] | None = None
                ) -> tuple[int, str]:  # fmt: skip
        """Status and body (text) of *method* *path*, *form* sent url-encoded."""
        headers = {"Host": f"{HOST}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode("utf-8")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (OSError, http.client.HTTPException):  # closed keep-alive connection: once more
            self.connection.close()
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=120)
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        self.headers = dict(response.headers.items())
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, text

    def form_page(self, path: str) -> tuple[str, dict[str, str]]:
        """The page *path* (must answer 200) and its hidden fields (CSRF token, ``version``)."""
        status, page = self.request("GET", path)
        assert status == 200, (status, page[:2000])
        token = CSRF_FIELD.search(page)
        assert token is not None, page[:2000]
        fields = {"csrfmiddlewaretoken": token.group(1)}
        version = re.search(r'name="version" value="(\d+)"', page)
        if version is not None:
            fields["version"] = version.group(1)
        return page, fields


def log_in(browser: Browser, name: str, password: str) -> int:
    """Log in through the login page like a person (django-axes, a new session); the status."""
    _, fields = browser.form_page("/anmelden/")
    status, _ = browser.request("POST", "/anmelden/",
                                {**fields, "username": name, "password": password})  # fmt: skip
    return status


def textarea(page: str, name: str) -> str:
    """The content of the textarea *name* of *page*, as a browser would send it."""
    found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    assert found is not None, page[:2000]
    return html.unescape(found.group(1))
