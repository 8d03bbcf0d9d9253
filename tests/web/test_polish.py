"""The remaining points of issue 21 after the first round, with the Django test client: the
Expertenansicht only »Für Fachleute«, an amendment's new wording in the version history, the
preview's Umlage of a GkG agreement not yet in force."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

import vereinbarung
from vereinbarung.files.io import read_data
from vereinbarung.web import clock
from vereinbarung.web.pages import form_preview, history
from vereinbarung.web.register.models import Agreement

from .conftest import EXAMPLES, login

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("users", "examples")
def test_the_expert_view_is_no_main_button_but_a_link_for_specialists(client: Client) -> None:
    record = Agreement.objects.get(file_name="kinderschutz-rhein-kreis-neuss.yaml")
    login(client, "bearbeiter")
    page = client.get(reverse("vereinbarung", args=[record.pk])).content.decode()
    actions = page[page.index('<div class="aktionen">') :]
    actions = actions[: actions.index("</div>")]
    assert "Ereignis erfassen" in actions
    assert reverse("bearbeiten_yaml", args=[record.pk]) not in actions
    assert "Expertenansicht (YAML)" not in page
    details = page[page.index('<details class="experten fachleute">') :]
    details = details[: details.index("</details>")]
    assert "<summary>Für Fachleute</summary>" in details
    assert "Für die tägliche Arbeit nicht nötig" in details
    assert reverse("bearbeiten_yaml", args=[record.pk]) in details


def test_an_amendment_shows_its_new_wording_approval_and_publication() -> None:
    wording = "Die Kosten tragen die Parteien nach ihrer Einwohnerzahl am 30. Juni des Vorjahres, " * 2
    amendment = {"type": "amendment", "date": "2027-02-01", "effective": "2027-04-01",
                 "text": "Nachtrag", "wording": [{"section": "§ 3  Abs. 2", "text": wording}]}  # fmt: skip
    lines = history.changes({"title": "V", "events": []}, {"title": "V", "events": [amendment]})
    assert lines[0] == "Ereignis erfasst: Änderung vom 01.02.2027"
    assert lines[1].startswith("§ 3 Abs. 2 neu gefasst: »Die Kosten tragen die Parteien")
    assert lines[1].endswith("…«") and len(lines[1]) < 120
    assert "Änderung gilt ab 01.04.2027" in lines
    approved = {**amendment, "approved": "2027-02-20", "published": "2027-03-01"}
    later = history.changes({"events": [amendment]}, {"events": [approved]})
    assert later == [
        "Änderung vom 01.02.2027 – Genehmigung: – → 20.02.2027",
        "Änderung vom 01.02.2027 – Bekanntmachung: – → 01.03.2027",
    ]
    assert "Änderung genehmigt am 20.02.2027" in history.changes(
        {"events": []}, {"events": [approved]}
    )


def _adoption(*, in_force: bool) -> vereinbarung.Agreement:
    data = read_data(EXAMPLES / "adoptionsvermittlung-rhein-kreis-neuss.yaml")
    if not in_force:  # applied for, not yet approved nor published
        data["events"] = [e for e in data["events"] if e["type"] not in ("approved", "published")]
    return vereinbarung.agreement_from_data(data, source="t.yaml")


def test_the_preview_says_a_gkg_umlage_applies_only_once_in_force() -> None:
    waiting = _adoption(in_force=False)
    state = vereinbarung.state_on(waiting, clock.today())
    assert state.status in ("awaiting_approval", "awaiting_publication")  # deemed approval
    (costs,) = [c for c in form_preview.describe(waiting) if c.heading == "Kosten"]
    assert any(line.startswith("Umlage ") for line in costs.lines)  # what the clause will say
    assert costs.lines[-1] == (
        "Die Umlage gilt erst, wenn die Vereinbarung nach Genehmigung durch die Aufsichtsbehörde "
        "und öffentlicher Bekanntmachung (§ 24 GkG NRW) in Kraft ist – Stand am "
        f"{vereinbarung.format_date(clock.today())}: {state.status_label}."
    )
    in_force = _adoption(in_force=True)
    assert vereinbarung.state_on(in_force, clock.today()).status == "in_force"
    (costs,) = [c for c in form_preview.describe(in_force) if c.heading == "Kosten"]
    assert not any("gilt erst" in line for line in costs.lines)
