"""Load test of the register over HTTP: 20 clients at once against ``vereinbarung web`` (waitress).

    .venv/bin/python benchmarks/load_web.py [--seconds 60] [--clients 20] [--count 1000]
                                            [--database-url postgresql://…@127.0.0.1/…]

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
Targets: no errors; p95 < 0.5 s for pages, < 100 ms for the API.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
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
    command = [sys.executable, "-m", "vereinbarung", "web", "--host", HOST, "--port", str(port),
               "--threads", str(threads)]  # fmt: skip
    log = (data / "server.log").open("wb")  # never a pipe: a full pipe would stop the server
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
    args = parser.parse_args()
    if args.database_url:
        host = urllib.parse.urlsplit(args.database_url).hostname
        if host not in (HOST, "localhost"):
            raise SystemExit("Nur gegen 127.0.0.1.")
        os.environ["VEREINBARUNG_DATABASE_URL"] = args.database_url
    seconds = min(max(args.seconds, 1.0), 600.0)
    clients = min(max(args.clients, 1), 100)
    data = Path(tempfile.mkdtemp(prefix="vereinbarung-load-"))
    session = prepare(data, args.count)
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
    return 0 if ok and seen else 1


if __name__ == "__main__":
    sys.exit(main())
