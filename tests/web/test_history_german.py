"""The version history in German, one line per changed field; the YAML diff only in the
expert view (issue 21). pytest-django with the bundled examples."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from vereinbarung.web.pages import history
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement

from .conftest import login

pytestmark = pytest.mark.django_db

JUECHEN = """  - name: Gemeinde Jüchen
    representative:
      name: Harald Zillikens
      title: Bürgermeister
"""


def _kinderschutz() -> Agreement:
    return Agreement.objects.get(file_name="kinderschutz-rhein-kreis-neuss.yaml")


@pytest.mark.usefixtures("users", "examples")
def test_history_says_in_german_what_changed(client: Client) -> None:
    record = _kinderschutz()
    assert "notice: 6 Monate" in record.text
    text = record.text.replace("notice: 6 Monate", "notice: 3 Monate", 1)
    first_party = re.search(r"\nparties:\n", text)
    assert first_party is not None
    text = text[: first_party.end()] + JUECHEN + text[first_party.end() :]
    record = services.save_version(record, text, base=record.version, reason="Nachtrag")
    login(client, "leser")
    page = client.get(reverse("vereinbarung", args=[record.pk])).content.decode()
    versions = page[page.index("<h2>Versionen</h2>") :]
    assert "<li>Kündigungsfrist: 6 Monate → 3 Monate</li>" in versions
    assert "<li>Partei hinzugefügt: Gemeinde Jüchen</li>" in versions
    assert "<li>Vereinbarung angelegt</li>" in versions
    assert "notice:" not in versions  # no YAML on the page
    shown = client.get(reverse("version", args=[record.pk, record.version])).content.decode()
    assert "<li>Kündigungsfrist: 6 Monate → 3 Monate</li>" in shown
    # the raw diff only inside the expert view, closed
    expert = shown.index("<details")
    assert shown.index("Kündigungsfrist: 6 Monate") < expert
    assert shown.index("+  notice: 3 Monate") > expert
    assert "<details open" not in shown


def test_changes_field_by_field() -> None:
    before = {
        "title": "Vereinbarung",
        "regime": "contract",
        "parties": [{"name": "Stadt A", "representative": {"name": "X", "title": "Bürgermeister"}},
                    {"name": "Stadt B"}],
        "term": {"effective": "2024-01-01", "notice": "6 Monate", "notice_to": "year_end"},
        "events": [{"type": "notice", "by": "Stadt A", "received": {"Stadt B": "2026-06-15"}}],
        "sections": [{"number": 1, "heading": "Zweck"}],
    }  # fmt: skip
    after = {
        "title": "Vereinbarung",
        "regime": "gkg",
        "parties": [{"name": "Stadt A", "representative": {"name": "Y", "title": "Bürgermeister"}},
                    {"name": "Stadt C"}],
        "term": {"effective": "2024-02-01", "notice": "6 Monate", "notice_to": "half_year_end"},
        "events": [{"type": "notice", "by": "Stadt A", "received": {"Stadt B": "2026-06-15"},
                    "published": "2026-07-10"}, {"type": "approved", "date": "2026-07-11"}],
        "sections": [{"number": 1, "heading": "Zweck", "paragraphs": ["neu"]},
                     {"number": 2, "heading": "Kosten"}],
    }  # fmt: skip
    lines = history.changes(before, after)
    assert lines == [
        "Rechtsform: öffentlich-rechtlicher Vertrag (§§ 54 ff. VwVfG NRW) → "
        "öffentlich-rechtliche Vereinbarung (§§ 23–24 GkG NRW)",
        "Partei entfernt: Stadt B",
        "Partei hinzugefügt: Stadt C",
        "Partei Stadt A – Vertreten durch: X → Y",
        "§ 1 (Zweck) neu gefasst",
        "§ 2 hinzugefügt (Kosten)",
        "Inkrafttreten: 01.01.2024 → 01.02.2024",
        "Kündigungstermin: zum Ende eines Kalenderjahres → zum Ende eines Kalenderhalbjahres",
        "Kündigung durch Stadt A – Bekanntmachung: – → 10.07.2026",
        "Ereignis erfasst: Genehmigung erteilt vom 11.07.2026",
    ]
    assert history.changes(None, after) == ["Vereinbarung angelegt"]
    costs = history.changes({"costs": {"amount": 190000.0, "key": "equal"}},
                            {"costs": {"amount": 195000.5, "key": "population"}})  # fmt: skip
    assert costs == [
        "Kosten – Betrag je Haushaltsjahr: 190.000,00 € → 195.000,50 €",
        "Kosten – Kostenschlüssel: zu gleichen Teilen → nach Einwohnerzahl",
    ]


@pytest.mark.usefixtures("users", "examples")
def test_agreement_page_lists_the_changes_of_the_newest_versions(client: Client) -> None:
    """The lines of the ten newest versions on the page (each costs reading two texts once);
    older versions link to their own page, which always has them."""
    from vereinbarung.web.pages.views import HISTORY_ON_PAGE

    record = _kinderschutz()
    for months in range(7, 7 + HISTORY_ON_PAGE + 1):
        text = re.sub(r"notice: \d+ Monate", f"notice: {months} Monate", record.text, count=1)
        record = services.save_version(record, text, base=record.version, reason="Frist")
    login(client, "leser")
    page = client.get(reverse("vereinbarung", args=[record.pk])).content.decode()
    versions = page[page.index("<h2>Versionen</h2>") :]
    newest = 7 + HISTORY_ON_PAGE
    assert f"<li>Kündigungsfrist: {newest - 1} Monate → {newest} Monate</li>" in versions
    assert "<li>Kündigungsfrist: 7 Monate → 8 Monate</li>" in versions  # version 3: shown
    assert "Kündigungsfrist: 6 Monate → 7 Monate" not in versions  # version 2: on its own page
    assert "Änderungen von Version 2 ansehen</a>" in versions
    assert "Änderungen von Version 1 ansehen</a>" in versions
    shown = client.get(reverse("version", args=[record.pk, 2])).content.decode()
    assert "<li>Kündigungsfrist: 6 Monate → 7 Monate</li>" in shown
