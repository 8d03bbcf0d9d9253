"""Load test of the register over HTTP: 20 clients at once against ``vereinbarung web`` (waitress).

    .venv/bin/python benchmarks/load_web.py [--seconds 60] [--clients 20] [--count 1000]
                                            [--database-url postgresql://…@127.0.0.1/…]
                                            [--writers-only]

Starts the server on 127.0.0.1 (a free port, a fresh data folder, *count* agreements), then for
each of four targets – the start page (logged in, 1,000 agreements), the same while another
process (this script) edits an agreement once a second, the Fristenrechner and
``POST /api/deadlines`` – runs *clients* threads with keep-alive connections for *seconds*
(at most 200,000 requests per target). Reports requests/s, p50/p95 and errors, and in the same
run the same computation in process, one thread, no HTTP: the page through Django's test client,
the API's computation as library calls (``agreement_from_data`` + ``state_on`` + the record).
The ratio says what HTTP, waitress and the concurrency cost. After the edits, the server's CSV
must show the last one (the start page is kept per data version: a write by another process
must be seen at the next request). Only 127.0.0.1 is ever contacted.
The fifth target (issue 20; ``--writers-only``: this one alone) saves: *clients* people, each
with a session of their own and an agreement of their own, post the Expertenansicht one save
after the other (each on the version the last one made), half of them to a second server
process on the same database; afterwards every agreement must have exactly one version per
accepted save. The rate limits are off for the server (``VEREINBARUNG_RATE_LIMITS=aus``): this
measures capacity, and all clients share one address.
Targets: no errors; p95 < 0.5 s for pages, < 100 ms for the API; no lost version.
"""

from __future__ import annotations

import argparse
import html
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent.parent
HOST = "127.0.0.1"
MAX_REQUESTS = 200_000
CALCULATOR = (
    "/fristenrechner?laufzeitende=31.12.2026&verlaengerung=2+Jahre&kuendigungsfrist=6+Monate"
    "&stichtag=01.12.2026"
)


@dataclass
class Result:
    name: str
    times: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    kinds: set[str] = field(default_factory=set)

    def pct(self, q: float) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, max(0, int(len(ordered) * q) - 1))] if ordered else 0

    def line(self) -> str:
        rate = len(self.times) / self.seconds if self.seconds else 0
        return (
            f"{self.name}: {rate:.0f} Anfragen/s, p50 {self.pct(0.5) * 1000:.0f} ms, "
            f"p95 {self.pct(0.95) * 1000:.0f} ms, Fehler {self.errors} von "
            f"{len(self.times) + self.errors}"
            + (f" ({', '.join(sorted(self.kinds))})" if self.kinds else "")
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def prepare(data: Path, count: int) -> str:
    """Fill a fresh register with *count* agreements; return a logged-in session cookie."""
    os.environ["VEREINBARUNG_DATA"] = str(data)
    os.environ["DJANGO_SETTINGS_MODULE"] = "vereinbarung.web.settings"
    os.environ["VEREINBARUNG_ALLOWED_HOSTS"] = f"{HOST},localhost,testserver"
    from vereinbarung.web.command import setup

    setup()
    import logging

    logging.getLogger("vereinbarung.aenderungen").setLevel(logging.WARNING)  # 1,000 lines
    from django.contrib.auth import get_user_model
    from django.test import Client

    from vereinbarung.web.accounts.roles import LESEN, create_user
    from vereinbarung.web.register import services

    create_user("last", "last-passwort-1", LESEN)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.yaml"))]
    started = time.perf_counter()
    for i in range(count):
        text = texts[i % len(texts)].replace("title: ", f"title: Nr. {i} ", 1)
        services.create(text)
    print(f"{count} Vereinbarungen angelegt in {time.perf_counter() - started:.0f} s")
    client = Client()
    client.force_login(get_user_model().objects.get(username="last"))
    return str(client.cookies["sessionid"].value)


def start_server(data: Path, port: int, threads: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "VEREINBARUNG_DATA": str(data)}
    env.setdefault("VEREINBARUNG_RATE_LIMITS", "aus")  # capacity, not the limits; one address
    command = [sys.executable, "-m", "vereinbarung", "web", "--host", HOST, "--port", str(port),
               "--threads", str(threads)]  # fmt: skip
    # never a pipe: a full pipe would stop the server
    log = (data / f"server-{port}.log").open("wb")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=log)
    for _ in range(300):
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("Der Server ist nicht gestartet.")


def hammer(port: int, clients: int, seconds: float, name: str, method: str, path: str,
           body: bytes | None, headers: dict[str, str]) -> Result:  # fmt: skip
    result = Result(name)
    lock = threading.Lock()
    stop = time.perf_counter() + seconds
    budget = [MAX_REQUESTS]

    def client() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        times: list[float] = []
        errors = 0
        while time.perf_counter() < stop:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            t = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
                kind = f"HTTP {response.status}"
            except (OSError, http.client.HTTPException) as exc:
                ok, kind = False, type(exc).__name__
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=30)
            if ok:
                times.append(time.perf_counter() - t)
            else:
                errors += 1
                with lock:
                    result.kinds.add(kind)
        connection.close()
        with lock:
            result.times += times
            result.errors += errors

    started = time.perf_counter()
    workers = [threading.Thread(target=client) for _ in range(clients)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    result.seconds = time.perf_counter() - started
    return result


FORM_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_VERSION = re.compile(r'name="version" value="(\d+)"')
FORM_TEXT = re.compile(r'<textarea[^>]*name="text"[^>]*>(.*?)</textarea>', re.S)


def writer_sessions(clients: int) -> tuple[list[str], list[int]]:
    """A person of the role Bearbeiten with *clients* sessions, and an agreement for each (not
    the first: the editor of the second target changes that one)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from vereinbarung.web.accounts.roles import BEARBEITEN, create_user
    from vereinbarung.web.register.models import Agreement

    create_user("schreiber", "schreiber-passwort-1", BEARBEITEN)
    person = get_user_model().objects.get(username="schreiber")
    pks = list(Agreement.objects.order_by("pk").values_list("pk", flat=True)[1 : clients + 1])
    sessions = []
    for _ in pks:
        client = Client()
        client.force_login(person)
        sessions.append(str(client.cookies["sessionid"].value))
    return sessions, pks


def write(ports: list[int], seconds: float, sessions: list[str], pks: list[int]) -> tuple[
    Result, dict[int, int]
]:  # fmt: skip
    """Each client saves its agreement through the Expertenansicht, one save after the other;
    the result (a save is a request) and the accepted saves per agreement."""
    result = Result(f"Speichern ({len(pks)} Schreiber, {len(ports)} Serverprozesse)")
    saved: dict[int, int] = {}
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(i: int) -> None:
        port, cookies = ports[i % len(ports)], {"sessionid": sessions[i]}
        connection = http.client.HTTPConnection(HOST, port, timeout=60)

        def request(method: str, path: str, body: bytes | None = None) -> tuple[int, str]:
            headers = {"Host": HOST, "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
            if body is not None:
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            page = response.read().decode("utf-8", errors="replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                cookies.update({k: m.value for k, m in SimpleCookie(header).items()})
            return response.status, page

        path = f"/vereinbarung/{pks[i]}/yaml/"
        _, page = request("GET", path)
        token, version = FORM_TOKEN.search(page), FORM_VERSION.search(page)
        text = FORM_TEXT.search(page)
        assert token, page[:500]
        assert version, page[:500]
        assert text, page[:500]
        number, original = int(version.group(1)), html.unescape(text.group(1))
        times: list[float] = []
        errors, count = 0, 0
        while time.perf_counter() < stop:
            body = urllib.parse.urlencode({
                "csrfmiddlewaretoken": token.group(1), "version": number, "grund": "Lasttest",
                "text": original.replace("title: ", f"title: Stand {number} ", 1),
            }).encode("utf-8")  # fmt: skip
            t = time.perf_counter()
            try:
                status, _ = request("POST", path, body)
                kind = f"HTTP {status}"
            except (OSError, http.client.HTTPException) as exc:
                status, kind = 0, type(exc).__name__
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=60)
            if status == 302:
                times.append(time.perf_counter() - t)
                number += 1
                count += 1
            else:
                errors += 1
                with lock:
                    result.kinds.add(kind)
        connection.close()
        with lock:
            result.times += times
            result.errors += errors
            saved[pks[i]] = count

    started = time.perf_counter()
    workers = [threading.Thread(target=client, args=(i,)) for i in range(len(pks))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    result.seconds = time.perf_counter() - started
    return result, saved


def versions_complete(saved: dict[int, int]) -> bool:
    """Whether every agreement has exactly versions 1 … 1 + its accepted saves."""
    from vereinbarung.web.register.models import Version

    for pk, count in saved.items():
        numbers = list(Version.objects.filter(agreement_id=pk).order_by("number")
                       .values_list("number", flat=True))  # fmt: skip
        if numbers != list(range(1, count + 2)):
            return False
    return True


class Editor(threading.Thread):
    """Another process's writes: an edit of one agreement through the services every second."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds
        self.count = 0
        self.title = ""

    def run(self) -> None:
        from django.db import connection

        from vereinbarung.web.register import services
        from vereinbarung.web.register.models import Agreement, Version

        try:
            stop = time.perf_counter() + self.seconds
            while time.perf_counter() < stop:
                record = Agreement.objects.order_by("pk").first()
                assert record is not None
                self.count += 1
                text = Version.objects.get(agreement_id=record.pk, number=1).text
                self.title = f"Stand {self.count} "
                services.save_version(
                    record, text.replace("title: ", f"title: {self.title}", 1), base=record.version
                )
                time.sleep(1.0)
        finally:
            connection.close()


def in_process(seconds: float, call: Any) -> float:
    """Calls per second of *call* in this process, one thread."""
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        call()
        count += 1
    return count / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--writers-only", action="store_true",
                        help="nur das Speichern (issue 20) messen")  # fmt: skip
    args = parser.parse_args()
    if args.database_url:
        host = urllib.parse.urlsplit(args.database_url).hostname
        if host not in (HOST, "localhost"):
            raise SystemExit("Nur gegen 127.0.0.1.")
        os.environ["VEREINBARUNG_DATABASE_URL"] = args.database_url
    seconds = min(max(args.seconds, 1.0), 600.0)
    clients = min(max(args.clients, 1), 100)
    data = Path(tempfile.mkdtemp(prefix="vereinbarung-load-"))
    session = prepare(data, max(args.count, clients + 1))
    sessions, pks = writer_sessions(clients)
    if args.writers_only:
        return report_writers(*run_writers(data, args.threads, seconds, sessions, pks), clients,
                              seconds, args)  # fmt: skip
    document = json.dumps(
        json.loads(json.dumps(
            __import__("vereinbarung.files.io", fromlist=["read_data"]).read_data(
                ROOT / "examples" / "kinderschutz-rhein-kreis-neuss.yaml"), default=str)),
    ).encode("utf-8")  # fmt: skip
    port = free_port()
    server = start_server(data, port, args.threads)
    try:
        cookie = {"Cookie": f"sessionid={session}", "Host": HOST}
        warm = http.client.HTTPConnection(HOST, port, timeout=120)
        warm.request("GET", "/", headers=cookie)  # the first request of the day computes
        assert warm.getresponse().status == 200  # every state once (cached per day)
        results = [
            hammer(port, clients, seconds, f"Startseite ({args.count} Vereinbarungen)", "GET",
                   "/", None, cookie),
        ]  # fmt: skip
        editor = Editor(seconds)
        editor.start()
        results.append(hammer(port, clients, seconds, "Startseite, je Sekunde eine Änderung",
                              "GET", "/", None, cookie))  # fmt: skip
        editor.join()
        check = http.client.HTTPConnection(HOST, port, timeout=120)
        check.request("GET", "/fristen.csv", headers=cookie)
        shown = check.getresponse().read().decode("utf-8-sig")
        seen = f";{editor.title}Nr. 0 " in shown
        results += [
            hammer(port, clients, seconds, "Fristenrechner", "GET", CALCULATOR, None,
                   {"Host": HOST}),
            hammer(port, clients, seconds, "POST /api/deadlines", "POST",
                   "/api/deadlines?on=2026-11-21", document,
                   {"Host": HOST, "Content-Type": "application/json"}),
        ]  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
    writing, complete = run_writers(data, args.threads, seconds, sessions, pks)
    # the same computation in this process, one thread, no HTTP
    from django.contrib.auth import get_user_model
    from django.test import Client

    import vereinbarung

    test_client = Client()
    test_client.force_login(get_user_model().objects.get(username="last"))
    data_document = json.loads(document)

    def compute() -> dict[str, Any]:
        agreement = vereinbarung.agreement_from_data(data_document, source="anfrage.json")
        state = vereinbarung.state_on(agreement, "2026-11-21")
        return vereinbarung.DeadlineRow("anfrage.json", agreement.full_title, state).to_json()

    local = min(seconds, 10.0)
    page_rate = in_process(local, lambda: test_client.get("/"))
    inside: list[float | None] = [
        page_rate,
        None,  # no in-process twin: the edits change the data version once a second
        in_process(local, lambda: test_client.get(CALCULATOR)),
        in_process(local, compute),
    ]
    print(f"{clients} Clients je {seconds:.0f} s gegen http://{HOST}:{port}/ "
          f"(waitress, {args.threads} Threads, {os.cpu_count()} Kerne, "
          f"{'PostgreSQL' if args.database_url else 'SQLite'}):")  # fmt: skip
    ok = True
    for result, rate in zip(results, inside, strict=True):
        http_rate = len(result.times) / result.seconds
        if rate is None:
            print(f"  {result.line()}")
        else:
            print(f"  {result.line()}; im Prozess {rate:.0f}/s, Verhältnis HTTP/Prozess "
                  f"{http_rate / rate:.2f}")  # fmt: skip
        limit = 0.1 if "api" in result.name else 0.5
        ok = ok and result.errors == 0 and result.pct(0.95) < limit
    print(f"  {editor.count} Änderungen durch einen anderen Prozess; die letzte zeigt der Server "
          f"danach: {'ja' if seen else 'NEIN'}")  # fmt: skip
    written = report_writers(writing, complete, clients, seconds, args)
    return 0 if ok and seen and written == 0 else 1


def run_writers(data: Path, threads: int, seconds: float, sessions: list[str],
                pks: list[int]) -> tuple[Result, bool]:  # fmt: skip
    """The fifth target on two server processes; the result and whether no version was lost."""
    ports = [free_port(), free_port()]
    servers = [start_server(data, port, threads) for port in ports]
    try:
        result, saved = write(ports, seconds, sessions, pks)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    return result, versions_complete(saved)


def report_writers(result: Result, complete: bool, clients: int, seconds: float,
                   args: argparse.Namespace) -> int:  # fmt: skip
    """Print the fifth target; 0 when there was no error and no version was lost."""
    print(
        f"{clients} Schreiber je {seconds:.0f} s (waitress, 2 Prozesse je {args.threads} "
        f"Threads, {os.cpu_count()} Kerne, {'PostgreSQL' if args.database_url else 'SQLite'}):"
    )
    print(f"  {result.line()}")  # fmt: skip
    print(f"  Versionen vollständig (je gespeicherter Änderung genau eine): "
          f"{'ja' if complete else 'NEIN'}")  # fmt: skip
    return 0 if result.errors == 0 and complete else 1


if __name__ == "__main__":
    sys.exit(main())
