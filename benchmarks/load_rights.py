"""Load test of the start page with rights (issue 26): 100 Kommunen, 20,000 agreements.

    .venv/bin/python benchmarks/load_rights.py --database-url postgresql://postgres@127.0.0.1:5432/test
                                               [--seconds 60] [--clients 20] [--count 20000]

Makes a fresh database on the PostgreSQL server of the URL (dropped afterwards; only 127.0.0.1),
100 Kommunen with the Fachbereiche Jugend and Soziales each, *count* agreements spread over
them (the examples' texts, stored as a save stores them: ``services.derived_fields`` once per
example, then bulk inserts) and one person per client with *Bearbeiten* in Jugend of another
Kommune. Then ``vereinbarung web`` (waitress, 8 threads) answers *clients* threads, each with
its own person's session and keep-alive connection, for *seconds*: every client sees only its
Kommune's Jugend agreements (checked on the first page). A second target: the same clients as
one person with *Lesen* in all Fachbereiche (all 20,000 agreements). Reports requests/s,
p50/p95 and errors (:mod:`load_web`'s measurement). Target: start page p95 < 300 ms.

Side by side in the same run, for machines that are not idle: the same start pages one after
another in this process (Django's test client, the same sessions, no HTTP, one thread) – what
one request costs the Python process, and so how many per second one core can answer. A
closed loop of 20 clients waits about 20 such costs per request: the ratio »HTTP-Latenz p50 /
(20 × Kosten im Prozess)« near 1 means the server is CPU-bound, above 1 that the machine is
busy with other work or the database.
"""

from __future__ import annotations

import argparse
import http.client
import os
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from load_web import HOST, ROOT, Result, free_port, start_server

KOMMUNEN = 100


def prepare(data: Path, count: int, clients: int) -> tuple[list[str], str]:
    """The register: Kommunen, Fachbereiche, *count* agreements; sessions per client and the
    session of a reader of all."""
    os.environ["VEREINBARUNG_DATA"] = str(data)
    os.environ["DJANGO_SETTINGS_MODULE"] = "vereinbarung.web.settings"
    os.environ["VEREINBARUNG_ALLOWED_HOSTS"] = f"{HOST},localhost,testserver"
    from vereinbarung.web.command import setup

    setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from vereinbarung.web.register import services
    from vereinbarung.web.register.models import Agreement
    from vereinbarung.web.rights.grants import set_memberships
    from vereinbarung.web.rights.models import Fachbereich, Kommune

    started = time.perf_counter()
    kommunen = Kommune.objects.bulk_create(
        [Kommune(name=f"Gemeinde {i:03d}") for i in range(KOMMUNEN)]
    )
    fachbereiche = Fachbereich.objects.bulk_create(
        [Fachbereich(name=name, kommune=k) for k in kommunen for name in ("Jugend", "Soziales")]
    )
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.yaml"))]
    columns = [services.derived_fields(text) for text in texts]
    batch = []
    for i in range(count):
        fachbereich = fachbereiche[i % len(fachbereiche)]
        fields = dict(columns[i % len(columns)])
        fields["title"] = f"Nr. {i} {fields['title']}"
        batch.append(Agreement(**fields, fachbereich=fachbereich, kommune=fachbereich.kommune,
                               confidential=i % 10 == 0))  # fmt: skip
    for start in range(0, len(batch), 1000):
        Agreement.objects.bulk_create(batch[start : start + 1000])
    print(f"{count} Vereinbarungen in {KOMMUNEN} Kommunen angelegt in "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip
    sessions = []
    for i in range(clients):
        user = get_user_model()(username=f"jugend{i}")
        user.save()
        set_memberships(user, [(f"Jugend (Gemeinde {i:03d})", "Bearbeiten")])
        client = Client()
        client.force_login(user)
        sessions.append(str(client.cookies["sessionid"].value))
    reader = get_user_model()(username="kreis")
    reader.save()
    set_memberships(reader, [(None, "Lesen")])
    client = Client()
    client.force_login(reader)
    return sessions, str(client.cookies["sessionid"].value)


def hammer(port: int, sessions: list[str], seconds: float, name: str) -> Result:
    """Each client GETs the start page as its own person (keep-alive) for *seconds*."""
    result = Result(name)
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(session: str) -> None:
        headers = {"Cookie": f"sessionid={session}", "Host": HOST}
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        times: list[float] = []
        errors = 0
        while time.perf_counter() < stop:
            t = time.perf_counter()
            try:
                connection.request("GET", "/", headers=headers)
                response = connection.getresponse()
                response.read()
                ok, kind = response.status == 200, f"HTTP {response.status}"
            except (OSError, http.client.HTTPException) as exc:
                ok, kind = False, type(exc).__name__
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=60)
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
    workers = [threading.Thread(target=client, args=(s,)) for s in sessions]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    result.seconds = time.perf_counter() - started
    return result


def in_process(sessions: list[str], rounds: int = 5) -> float:
    """Median seconds of one start page in this process, the sessions in turn (kept rows)."""
    from django.test import Client

    clients = []
    for session in sessions:
        client = Client()
        client.cookies["sessionid"] = session
        client.get("/")
        clients.append(client)
    times = []
    for _ in range(rounds):
        for client in clients:
            started = time.perf_counter()
            assert client.get("/").status_code == 200
            times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2]


def first_page(port: int, session: str) -> str:
    connection = http.client.HTTPConnection(HOST, port, timeout=300)
    connection.request("GET", "/", headers={"Cookie": f"sessionid={session}", "Host": HOST})
    response = connection.getresponse()
    assert response.status == 200, response.status
    return response.read().decode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--count", type=int, default=20_000)
    args = parser.parse_args()
    parts = urllib.parse.urlsplit(args.database_url)
    if parts.hostname not in (HOST, "localhost"):
        raise SystemExit("Nur gegen 127.0.0.1.")
    import psycopg

    name = f"vereinbarung_rechte_{os.getpid()}"
    with psycopg.connect(args.database_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        os.environ["VEREINBARUNG_DATABASE_URL"] = parts._replace(path=f"/{name}").geturl()
        return run(args, name)
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(args.database_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(args: argparse.Namespace, name: str) -> int:
    seconds = min(max(args.seconds, 1.0), 600.0)
    clients = min(max(args.clients, 1), KOMMUNEN)
    data = Path(tempfile.mkdtemp(prefix="vereinbarung-rechte-"))
    sessions, reader = prepare(data, max(args.count, 1000), clients)
    port = free_port()
    server = start_server(data, port, 8)
    try:
        started = time.perf_counter()
        page = first_page(port, sessions[0])  # its states: computed once (cached per day)
        print(
            f"erste Startseite (Zustände ihrer Vereinbarungen berechnet) in {time.perf_counter() - started:.1f} s"
        )
        shown = page.count('href="/vereinbarung/')
        assert shown > 0, "keine eigene Vereinbarung sichtbar"
        assert "Nr. 1 " not in page, "fremde Vereinbarungen sichtbar"  # Soziales of the same
        results = [hammer(port, sessions, seconds, f"Startseite, je Person eine Kommune "
                          f"(Jugend, {shown} Zeilen auf der ersten Seite)")]  # fmt: skip
        first_page(port, reader)
        results.append(hammer(port, [reader] * clients, seconds,
                              f"Startseite, Lesen in allen ({args.count} Vereinbarungen)"))  # fmt: skip
        costs = [in_process(sessions), in_process([reader] * clients)]
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{clients} Clients je {seconds:.0f} s, PostgreSQL ({name}), waitress 8 Threads:")
    for result, cost in zip(results, costs, strict=True):
        print("  " + result.line())
        print(f"    im Prozess (ein Thread, ohne HTTP): {cost * 1000:.1f} ms je Startseite, "
              f"höchstens {1 / cost:.0f}/s; Verhältnis p50 / ({clients} × Kosten) "
              f"{result.pct(0.5) / (clients * cost):.2f}")  # fmt: skip
    met = all(r.errors == 0 and r.pct(0.95) < 0.3 for r in results)
    print("ERGEBNIS: " + ("erfüllt" if met else "NICHT erfüllt"))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
