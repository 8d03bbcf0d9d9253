"""The README's nginx block in front of a real ``vereinbarung web``, for the tests.

- :func:`readme_nginx_block` takes the one ```` ```nginx ```` block out of README.md at test time,
  :func:`adapted` replaces only the certificate paths, the ports (on 127.0.0.1) and the server
  name, so the README and the tested set-up cannot drift apart.
- :func:`self_signed` makes a certificate for 127.0.0.1 with ``openssl``.
- :func:`nginx` runs Debian's nginx (``nginx-light``) in the foreground with a temporary prefix.
- :func:`app` runs ``vereinbarung web`` as the service does, its output in a file (a full pipe
  would stop the server), and :func:`cli` the other commands.

Without nginx or openssl the tests are skipped with a German reason; with
``VEREINBARUNG_BROWSER_TESTS=required`` (CI) they fail instead (:func:`need`).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent.parent
NGINX = "/usr/sbin/nginx"
HOST = "127.0.0.1"
REQUIRED = os.environ.get("VEREINBARUNG_BROWSER_TESTS") == "required"
#: A password any password policy accepts (long, not common, not like the user name).
PASSWORD = "Kündigungsfrist-zum-31.12.2026"


def need(condition: bool, reason: str) -> None:
    """Skip with *reason* unless *condition*; in CI (``…=required``) fail instead."""
    if condition:
        return
    if REQUIRED:
        pytest.fail(reason)
    pytest.skip(reason)


def need_nginx_and_openssl() -> None:
    need(Path(NGINX).exists(), "nginx fehlt: apt-get install nginx-light")
    need(shutil.which("openssl") is not None, "openssl fehlt: apt-get install openssl")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def readme_nginx_block() -> str:
    """The README's only ```` ```nginx ```` block, as printed."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```nginx\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)
    assert len(blocks) == 1, f"README.md hat {len(blocks)} nginx-Blöcke statt einem"
    return str(blocks[0])


def adapted(block: str, *, https: int, http: int, app: int, cert: Path, key: Path) -> str:
    """*block* with only the ports, the certificate and the server name replaced."""
    replacements = {
        "listen 443 ssl;": f"listen {HOST}:{https} ssl;",
        "listen 80;": f"listen {HOST}:{http};",
        "server_name vereinbarungen.kreis.example;": f"server_name {HOST};",
        "/etc/ssl/vereinbarungen.pem": str(cert),
        "/etc/ssl/private/vereinbarungen.key": str(key),
        "http://127.0.0.1:8000;": f"http://{HOST}:{app};",
    }
    for old, new in replacements.items():
        assert old in block, f"»{old}« fehlt im nginx-Block der README"
        block = block.replace(old, new)
    return block


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost, and its key."""
    cert, key = folder / "zertifikat.pem", folder / "schluessel.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def tls_context(cert: Path) -> ssl.SSLContext:
    """Trusts *cert* (and nothing else), checks the host name as a browser does."""
    return ssl.create_default_context(cafile=str(cert))


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"beendet mit {process.returncode}:\n{log.read_text(errors='replace')}")
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail(f"Port {port} nach {timeout:.0f} s nicht offen:\n{log.read_text(errors='replace')}")


@contextmanager
def nginx(folder: Path, servers: str, port: int) -> Iterator[Path]:
    """nginx in the foreground with *servers* (``server { … }`` blocks); its error log."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "error.log"
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # as root the workers would switch to »nobody«, which cannot enter pytest's 0700 folders
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = folder / "nginx.conf"
    conf.write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {log} info;\nevents {{ worker_connections 64; }}\n"
        f"http {{\n    access_log {folder / 'access.log'};\n{temp}\n{servers}\n}}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [NGINX, "-p", str(folder), "-c", str(conf), "-e", str(log)],
        stdout=subprocess.DEVNULL, stderr=log.open("ab"),
    )  # fmt: skip
    try:
        _wait_for_port(port, process, log, 15)
        yield log
    finally:
        process.terminate()
        process.wait(timeout=10)


def environment(data: Path, **extra: str) -> dict[str, str]:
    """The service's environment on *data* (SQLite), with *extra* settings."""
    env = {**os.environ, "VEREINBARUNG_DATA": str(data), **extra}
    for name in ("DJANGO_SETTINGS_MODULE", "VEREINBARUNG_DATABASE_URL"):
        if name not in extra:
            env.pop(name, None)
    return env


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``vereinbarung ARGS`` in *env*, its output captured."""
    command = [sys.executable, "-m", "vereinbarung", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


@contextmanager
def app(data: Path, port: int, **extra: str) -> Iterator[Path]:
    """``vereinbarung web --port PORT`` on *data*; the file with its output (complete once the
    block is left: the server is stopped then)."""
    data.mkdir(parents=True, exist_ok=True)
    log = data.parent / f"server-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "vereinbarung", "web", "--port", str(port)],
            env=environment(data, **extra), stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            _wait_for_port(port, process, log, 60)
            yield log
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class Session:
    """One person with a browser's cookie rules (``http.cookiejar``: a Secure cookie is sent
    over https only) and the CSRF field of Django's forms; redirects are followed."""

    def __init__(self, base: str, cert: Path | None = None) -> None:
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        handlers: list[urllib.request.BaseHandler] = [urllib.request.HTTPCookieProcessor(self.jar)]
        if cert is not None:
            handlers.append(urllib.request.HTTPSHandler(context=tls_context(cert)))
        self.opener = urllib.request.build_opener(*handlers)

    def get(self, path: str) -> tuple[int, str, str]:
        """Status, final address and text of GET *path*."""
        return self._open(urllib.request.Request(self.base + path))

    def login(self, name: str, password: str) -> tuple[int, str, str]:
        """Fill and send the login form: status, final address and text of the answer."""
        status, _, page = self.get("/anmelden/")
        assert status == 200, page
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None, page
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token.group(1), "username": name, "password": password}
        ).encode()
        url = self.base + "/anmelden/"
        headers = {"Referer": url, "Origin": self.base}
        return self._open(urllib.request.Request(url, data=body, headers=headers))

    def _open(self, request: urllib.request.Request) -> tuple[int, str, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.url, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.url, error.read().decode("utf-8", errors="replace")
