"""pytest-django for the register; the whole folder is skipped without the ``web`` extra."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from django.test import Client

pytest.importorskip("django", reason="Weboberfläche nicht installiert: pip install '.[web]'")
pytest.importorskip("pytest_django", reason="pytest-django fehlt: pip install '.[test,web]'")

os.environ.setdefault("VEREINBARUNG_DATA", tempfile.mkdtemp(prefix="vereinbarung-test-web-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vereinbarung.web.settings")

import django

django.setup()

from .database import configure_run_database  # noqa: E402

configure_run_database()

ROOT = Path(__file__).parent.parent.parent
EXAMPLES = ROOT / "examples"


def login(client: Client, name: str) -> Client:
    """*client* logged in as the user *name* (one of :func:`users`), without a password."""
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=name))
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
