"""pytest-django for the register; the whole folder is skipped without the ``web`` extra."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest

if TYPE_CHECKING:
    from django.test import Client

pytest.importorskip("django", reason="Weboberfläche nicht installiert: pip install '.[web]'")
pytest.importorskip("pytest_django", reason="pytest-django fehlt: pip install '.[test,web]'")

os.environ.setdefault("VEREINBARUNG_DATA", tempfile.mkdtemp(prefix="vereinbarung-test-web-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vereinbarung.web.settings")
# Vier-Augen is on by default (issue 26); the tests that record a Kündigung, Aufhebung, Änderung
# or Archivierung test its effect, so it is off for them (and the servers they start); the
# approval tests switch it on (test_rights_approval.py, test_browser_rights.py).
os.environ["VEREINBARUNG_VIER_AUGEN"] = "aus"

import django

django.setup()

from .database import configure_run_database  # noqa: E402

configure_run_database()

ROOT = Path(__file__).parent.parent.parent
EXAMPLES = ROOT / "examples"
#: The moment of every fetch of the subscribed calendar (the server's clock, see
#: :func:`subscribed`): the day the feed is computed for.
FEED_NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def login(client: Client, name: str) -> Client:
    """*client* logged in as the user *name* (one of :func:`users`), without a password; a
    Verwalten user with its second factor confirmed (tests/web/test_totp.py tests that step)."""
    from django.contrib.auth import get_user_model
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from vereinbarung.web.accounts.roles import ROLES, VERWALTEN, level

    user = get_user_model().objects.get(username=name)
    client.force_login(user)
    if level(user) >= ROLES.index(VERWALTEN) + 1:
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="Test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    from vereinbarung.web.register import services

    services.clear_caches()
    yield
    services.clear_caches()


@pytest.fixture
def users(db: Any) -> dict[str, Any]:  # noqa: ARG001
    """One user per role: lesen, bearbeiten, verwalten (password »geheim-123«)."""
    from vereinbarung.web.accounts.roles import BEARBEITEN, LESEN, VERWALTEN, create_user

    return {
        "lesen": create_user("leser", "geheim-123", LESEN),
        "bearbeiten": create_user("bearbeiter", "geheim-123", BEARBEITEN),
        "verwalten": create_user("verwalter", "geheim-123", VERWALTEN),
    }


@pytest.fixture
def examples(db: Any) -> list[Any]:  # noqa: ARG001
    """The bundled examples in the register."""
    from vereinbarung.web.register import services
    from vereinbarung.web.register.models import Agreement

    services.import_files(EXAMPLES)
    return list(Agreement.objects.order_by("file_name"))


def with_key(record: Any, key: str, value: str) -> Any:
    """A new version of *record* with a top-level key of the file (before ``parties:``)."""
    from vereinbarung.web.register import services

    text = record.text.replace("\nparties:", f"\n{key}: {value}\nparties:", 1)
    assert text != record.text
    return services.save_version(record, text, base=record.version, reason=f"{key} gesetzt")


@pytest.fixture
def subscribed(
    live_server: Any, users: dict[str, Any], examples: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[str, list[Any]]:  # fmt: skip
    """Leser subscribed to the register (the Bauhof with a Kurzname, the Kinderschutz with an
    Aktenzeichen), the server's clock at :data:`FEED_NOW`; the address of the feed on the live
    server (pytest-django's ``live_server``) and the agreements."""
    from vereinbarung.web import clock
    from vereinbarung.web.feeds import service
    from vereinbarung.web.register.models import Agreement

    monkeypatch.setattr(clock, "now", lambda: FEED_NOW)
    bauhof = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    with_key(bauhof, "short_name", "Bauhof Eifel")
    child = Agreement.objects.get(file_name="kinderschutz-rhein-kreis-neuss.yaml")
    with_key(child, "reference", "51.20-04/2026")
    _, secret = service.renew(users["lesen"])
    return f"{live_server.url}/kalender/{secret}.ics", examples
