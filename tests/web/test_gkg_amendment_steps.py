"""An amendment of an öffentlich-rechtliche Vereinbarung (GkG) takes effect from the browser.

The agreement page lists »Genehmigung der Änderung« and »Bekanntmachung der Änderung« as next
steps, each with the effect it would have today; the Ereignis page records them on the
amendment already recorded (``approved``/``published``, § 24 Abs. 2–4 GkG NRW). The server's
clock is fixed at :data:`TODAY` (pytest-django).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from vereinbarung.web import clock
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement

from .conftest import login
from .test_gkg_notice import GKG_TEXT

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 7, 15)
AMENDMENT = """\
  - type: amendment  # Nachtrag: drei Monate statt sechs
    date: 2026-07-01
    effective: 2026-07-10
    text: "§ 6: Kündigungsfrist drei Monate zum Jahresende"
    term: {clause: § 6, effective: 2024-01-01, notice: 3 Monate, notice_to: year_end}
"""
INDEX = 3


@pytest.fixture
def amended(users: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Agreement:  # noqa: ARG001
    moment = dt.datetime.combine(TODAY, dt.time(10, 0), tzinfo=ZoneInfo("Europe/Berlin"))
    monkeypatch.setattr(clock, "now", lambda: moment)
    return services.create(GKG_TEXT + AMENDMENT, reason="angelegt")


def _steps(page: str) -> str:
    found = re.search(r'<section class="schritte".*?</section>', page, re.S)
    return found.group(0) if found else ""


def _post(client: Client, record: Agreement, kind: str, day: str) -> Any:
    data = {"typ": kind, "bezug": str(INDEX), "date": day, "version": str(record.version),
            "aktion": "speichern"}  # fmt: skip
    return client.post(reverse("ereignis", args=[record.pk]), data, follow=True)


def test_gkg_amendment_takes_effect_with_genehmigung_and_bekanntmachung(
    client: Client, amended: Agreement
) -> None:
    login(client, "bearbeiter")
    state = services.state_of(amended, TODAY)
    # not approved, not published: the six months still decide (Zugang bis 30.06.2027)
    assert state.notice_deadline == dt.date(2027, 6, 30)
    page = client.get(reverse("vereinbarung", args=[amended.pk])).content.decode()
    steps = _steps(page)
    assert "Genehmigung der Änderung vom 01.07.2026 (gilt laut Vereinbarung ab 10.07.2026)" in steps
    assert ">Genehmigung der Änderung</a>" in steps
    assert ">Bekanntmachung der Änderung</a>" in steps
    assert "§ 24 Abs. 2 GkG NRW" in steps
    assert "Wirkung, wenn heute erfasst: noch ohne Wirkung: Bekanntmachung der Änderung" in steps
    # the button opens the Ereignis page filled in, with the preview
    link = re.search(r'href="([^"]*typ=amendment_approved[^"]*)"', steps)
    assert link is not None
    opened = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert "selected>Genehmigung einer Änderung (GkG NRW)</option>" in opened
    assert '<label for="id_bezug">Änderung</label>' in opened
    assert 'id="wirkung"' in opened
    shown = _post(client, amended, "amendment_approved", "03.07.2026").content.decode()
    amended.refresh_from_db()
    assert "approved: 2026-07-03" in amended.text
    assert "# Nachtrag: drei Monate statt sechs" in amended.text  # comments kept
    assert services.state_of(amended, TODAY).notice_deadline == dt.date(2027, 6, 30)
    steps = _steps(shown)
    assert ">Genehmigung der Änderung</a>" not in steps
    assert "Wirkung, wenn heute erfasst: Die Änderung gilt ab 16.07.2026" in steps
    # publication before the approval is refused, in German, naming the field
    early = _post(client, amended, "amendment_published", "02.07.2026").content.decode()
    assert "liegt vor der Genehmigung am 03.07.2026" in early
    shown = _post(client, amended, "amendment_published", "15.07.2026").content.decode()
    assert "Ereignis eingetragen. Wirkung: Die Änderung gilt ab 16.07.2026" in shown
    amended.refresh_from_db()
    assert "published: 2026-07-15" in amended.text
    assert _steps(shown) == ""
    # from 16.07.2026 the three months decide: Zugang bis 30.09.2026 for 31.12.2026
    after = services.state_of(amended, dt.date(2026, 7, 16))
    assert (after.terminates_on, after.notice_deadline) == (
        dt.date(2026, 12, 31),
        dt.date(2026, 9, 30),
    )
