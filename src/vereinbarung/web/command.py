"""``vereinbarung web``: serve the register with waitress, and its administration commands.

Django is imported only here and only when a command runs; the command line without the
``web`` extra never imports this module (:mod:`vereinbarung.cli.main` loads it on demand).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import click

CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
OPTS = "[OPTIONEN]"


#: The users of ``vereinbarung web --demo``: (name, password, role); the login page of the demo
#: names them (``VEREINBARUNG_DEMO=1``, :mod:`vereinbarung.web.rights.templatetags.rechte`).
DEMO_USERS = (("demo", "demo", "Bearbeiten"), ("freigabe", "freigabe", "Freigeben"))


def setup(*, demo_folder: Path | None = None) -> None:
    """Configure Django for the register and apply the migrations (quietly)."""
    if demo_folder is not None:
        os.environ["VEREINBARUNG_DEMO"] = "1"
        os.environ["VEREINBARUNG_DATA"] = str(demo_folder)
        os.environ.pop("VEREINBARUNG_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vereinbarung.web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    from django.db import DatabaseError

    try:
        call_command("migrate", verbosity=0, interactive=False)
    except DatabaseError as exc:  # server down, wrong address, no rights: say so, no traceback
        raise click.ClickException(_database_unreachable(exc)) from None


def _database_unreachable(exc: BaseException) -> str:
    """The German message for a database that does not answer at start-up (without password)."""
    from urllib.parse import urlsplit

    from django.conf import settings

    database = settings.DATABASES["default"]
    if str(database["ENGINE"]).endswith("sqlite3"):
        where = f"SQLite-Datei {database['NAME']}"
    else:
        url = urlsplit(os.environ.get("VEREINBARUNG_DATABASE_URL", ""))
        where = f"PostgreSQL-Server {url.hostname or database.get('HOST')}:{url.port or 5432}"
    text = str(exc).lower()
    reason = next(
        (german for words, german in _DATABASE_REASONS if any(w in text for w in words)),
        "keine Verbindung",
    )
    return (
        f"Die Datenbank antwortet nicht ({where}): {reason}. Bitte prüfen, ob der Server läuft "
        "und VEREINBARUNG_DATABASE_URL stimmt."
    )


_DATABASE_REASONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("connection refused",), "Verbindung abgelehnt"),
    (("timeout", "timed out"), "Zeitüberschreitung"),
    (("password", "authentication"), "Anmeldung abgelehnt"),
    (("does not exist",), "diese Datenbank oder dieser Benutzer existiert nicht"),
    (("could not translate host", "name or service not known"), "Rechnername unbekannt"),
    (("database is locked",), "die Datei ist von einem anderen Vorgang gesperrt"),
    (
        ("unable to open", "readonly", "read-only"),
        "die Datei lässt sich nicht öffnen oder beschreiben",
    ),
)


def examples_folder() -> Path | None:
    """The bundled examples: inside the package (wheel) or beside ``src`` (checkout)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "examples", here.parent.parent / "examples"):
        if candidate.is_dir():
            return candidate
    return None


def load_demo() -> int:
    """Load the bundled examples and the :data:`DEMO_USERS`: ``demo``/``demo`` (Bearbeiten)
    and ``freigabe``/``freigabe`` (Freigeben: approves what ``demo`` recorded, Vier-Augen)."""
    from vereinbarung.web.accounts.roles import create_user
    from vereinbarung.web.register import services

    for name, password, role in DEMO_USERS:
        create_user(name, password, role)
    folder = examples_folder()
    if folder is None:
        return 0
    report = services.import_files(folder)
    return len(report.created)


@click.group(
    "web", invoke_without_command=True, context_settings=CONTEXT, options_metavar=OPTS,
    subcommand_metavar="[BEFEHL [ARGUMENTE]…]",
)  # fmt: skip
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Adresse, an der der Server lauscht."
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port."
)
@click.option(
    "--threads",
    default=8,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Anzahl gleichzeitiger Anfragen.",
)
@click.option(
    "--demo",
    is_flag=True,
    help="Vorführung: frische Datenbank mit den Beispielen, Benutzer demo/demo und "
    "freigabe/freigabe.",
)
@click.pass_context
def web(ctx: click.Context, host: str, port: int, threads: int, demo: bool) -> None:
    """Das Register im Browser: startet den Webserver (waitress).

    Daten liegen im Ordner VEREINBARUNG_DATA (Standard: Benutzerdatenordner des Systems);
    die Datenbank wird beim Start auf den neuesten Stand gebracht.

    \b
    Befehle:
      vereinbarung web createuser NAME --role lesen|bearbeiten|freigeben|verwalten
                                       [--fachbereich NAME]…
      vereinbarung web import-files ORDNER
      vereinbarung web export-files ORDNER
      vereinbarung web check-deploy
      vereinbarung web remind [--on DATUM] [--dry-run]
      vereinbarung web backup ORDNER
      vereinbarung web restore ORDNER
      vereinbarung web check-attachments
    """
    if ctx.invoked_subcommand is not None:
        return
    started = time.monotonic()
    demo_folder = Path(tempfile.mkdtemp(prefix="vereinbarung-demo-")) if demo else None
    setup(demo_folder=demo_folder)
    if demo:
        count = load_demo()
        click.echo(f"Vorführung: {count} Beispielvereinbarungen geladen (Daten in {demo_folder}).")
        for name, password, role in DEMO_USERS:
            click.echo(f"Anmelden mit Benutzer »{name}«, Passwort »{password}« (Rolle {role}).")
    from django.conf import settings
    from waitress import serve

    from vereinbarung.web.wsgi import application

    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    click.echo(f"Register bereit nach {time.monotonic() - started:.1f} s: http://{shown}:{port}/")
    proxy: dict[str, Any] = {}
    if settings.TRUSTED_PROXY:  # X-Forwarded-Proto/-For of this proxy only (see settings)
        proxy = {
            "trusted_proxy": settings.TRUSTED_PROXY,
            "trusted_proxy_count": 1,
            "trusted_proxy_headers": set(settings.TRUSTED_PROXY_HEADERS),
        }
        click.echo(
            f"X-Forwarded-Proto und X-Forwarded-For gelten nur von {settings.TRUSTED_PROXY}."
        )
    click.echo("Beenden mit Strg+C.")
    sys.stdout.flush()
    serve(application, host=host, port=port, threads=threads, ident="vereinbarung", **proxy)


@web.command("createuser", context_settings=CONTEXT, options_metavar=OPTS)
@click.argument("name")
@click.option("--role", "role", required=True, type=click.Choice(["lesen", "bearbeiten", "freigeben", "verwalten"]),
              help="Rolle: lesen, bearbeiten, freigeben oder verwalten; in allen Fachbereichen, "
                   "mit --fachbereich nur in diesen.")  # fmt: skip
@click.option("--fachbereich", "fachbereiche", multiple=True, metavar="NAME",
              help="Die Rolle nur in diesem Fachbereich (mehrfach möglich; »Jugend (Gemeinde "
                   "Adorf)« ist Jugend dieser Kommune).")  # fmt: skip
@click.option(
    "--password",
    envvar="VEREINBARUNG_PASSWORD",
    help="Passwort (sonst wird gefragt; auch VEREINBARUNG_PASSWORD).",
)
def createuser(name: str, role: str, fachbereiche: tuple[str, ...], password: str | None) -> None:
    """Benutzer NAME anlegen (oder Passwort und Rollen neu setzen)."""
    setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from vereinbarung.web.accounts.roles import ROLE_CHOICES, create_user

    if password is None:
        password = click.prompt(
            "Passwort", hide_input=True, confirmation_prompt="Passwort wiederholen"
        )
    try:  # AUTH_PASSWORD_VALIDATORS (settings): length, common, numeric, like the name
        validate_password(password, user=get_user_model()(username=name))
    except ValidationError as exc:
        reasons = " ".join(str(m).strip() for m in exc.messages)
        click.echo(f"Fehler: Passwort für »{name}« abgelehnt: {reasons}", err=True)
        raise SystemExit(2) from None
    for fachbereich in fachbereiche:
        clean = fachbereich.strip()
        if not clean or len(clean) > 200:
            what = "ist leer" if not clean else "hat mehr als 200 Zeichen"
            click.echo(f"Fehler: --fachbereich »{fachbereich[:40]}«: der Name {what}.", err=True)
            raise SystemExit(2)
    from django.db import transaction

    from vereinbarung.web.rights.grants import set_memberships

    with transaction.atomic():
        user = create_user(name, password, ROLE_CHOICES[role])
        if fachbereiche:  # the role per Fachbereich, not in all
            user.groups.clear()
        set_memberships(user, [(f.strip(), ROLE_CHOICES[role]) for f in fachbereiche])
    where = f" in {', '.join(f'»{f.strip()}«' for f in fachbereiche)}" if fachbereiche else ""
    click.echo(f"Benutzer »{name}« mit der Rolle {ROLE_CHOICES[role]}{where} gespeichert.")


@web.command("import-files", context_settings=CONTEXT, options_metavar=OPTS)
@click.argument("folder", metavar="ORDNER", type=click.Path(exists=True, file_okay=False))
def import_files(folder: str) -> None:
    """Alle Vereinbarungsdateien eines Ordners ins Register übernehmen (nach Dateiname)."""
    setup()
    from vereinbarung.web.register import services

    report = services.import_files(Path(folder))
    click.echo(
        f"Neu: {len(report.created)}, geändert: {len(report.updated)}, unverändert: "
        f"{len(report.unchanged)}, fehlerhaft: {len(report.failed)}."
    )
    for line in report.failed:
        click.echo(f"Fehler: {line}", err=True)
    if report.failed:
        raise SystemExit(2)


@web.command("export-files", context_settings=CONTEXT, options_metavar=OPTS)
@click.argument("folder", metavar="ORDNER", type=click.Path(file_okay=False))
def export_files(folder: str) -> None:
    """Jede Vereinbarung als Datei in ORDNER schreiben (Text unverändert) und register.csv."""
    setup()
    from vereinbarung.web.akte.backup import export
    from vereinbarung.web.register import services
    from vereinbarung.web.register.models import Agreement

    written = services.export_files(Path(folder))
    attachments = export(Path(folder), Agreement.objects.all())
    click.echo(f"{len(written)} Vereinbarungen nach {folder} geschrieben (dazu register.csv"
               f"{f' und {attachments} Anlagen in anlagen/' if attachments else ''}).")  # fmt: skip


@web.command("check-deploy", context_settings=CONTEXT, options_metavar=OPTS)
@click.option(
    "--url",
    metavar="ADRESSE",
    help="Das laufende Register unter seiner Adresse abfragen, z. B. https://vereinbarungen.kreis.example/ "
    "(Umleitungsschleife, Secure-Cookies über http).",
)
@click.option(
    "--cafile",
    metavar="DATEI",
    type=click.Path(exists=True, dir_okay=False),
    help="Zertifikat (PEM), dem bei --url https://… vertraut wird (eigene Zertifizierungsstelle).",
)
def check_deploy(url: str | None, cafile: str | None) -> None:
    """Die Einstellungen für den Betrieb prüfen (Django: check --deploy, Proxy, Cookies, Dateirechte)."""
    setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    from vereinbarung.web import deploy

    failed = False
    try:
        call_command("check", deploy=True, fail_level="WARNING")
    except SystemCheckError as exc:
        click.echo(str(exc), err=True)
        failed = True
    problems = deploy.settings_problems(settings)
    if url:
        problems += deploy.probe(url, cafile)
    for problem in problems:
        click.echo(f"Fehler: {problem}", err=True)
    for note in deploy.settings_notes(settings):
        click.echo(note)
    if failed or problems:
        raise click.ClickException("Die Einstellungen sind für den Betrieb nicht geeignet.")
    click.echo(
        "Einstellungen für den Betrieb in Ordnung." + (f" {url} antwortet richtig." if url else "")
    )


from vereinbarung.web.operation.commands import register as _register  # noqa: E402

_register(web)  # remind, backup, restore

from vereinbarung.web.akte.commands import register as _register_akte  # noqa: E402

_register_akte(web)  # check-attachments (issue 25)


def main(args: list[str]) -> int:
    """Run ``vereinbarung web ARGS`` (called by :mod:`vereinbarung.cli.main`)."""
    result = web.main(args=args, prog_name="vereinbarung web", standalone_mode=False)
    return result if isinstance(result, int) else 0
