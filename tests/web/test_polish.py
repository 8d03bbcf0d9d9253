"""The remaining points of issue 21 after the first round, with the Django test client: the
Expertenansicht only »Für Fachleute«, an amendment's new wording in the version history, the
preview's Umlage of a GkG agreement not yet in force."""

from __future__ import annotations

import re
from html.parser import HTMLParser

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
    wording = (
        "Die Kosten tragen die Parteien nach ihrer Einwohnerzahl am 30. Juni des Vorjahres, " * 2
    )
    amendment = {"type": "amendment", "date": "2027-02-01", "effective": "2027-04-01",
                 "text": "Nachtrag", "wording": [{"section": "§ 3  Abs. 2", "text": wording}]}  # fmt: skip
    lines = history.changes({"title": "V", "events": []}, {"title": "V", "events": [amendment]})
    assert lines[0] == "Ereignis erfasst: Änderung vom 01.02.2027"
    assert lines[1].startswith("§ 3 Abs. 2 neu gefasst: »Die Kosten tragen die Parteien")
    assert lines[1].endswith("…«")
    assert len(lines[1]) < 120
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


PARTIES = {
    "partei-0-name": "Stadt Kaarst", "partei-0-vertreter": "Ursula Baum",
    "partei-0-amt": "Bürgermeisterin",
    "partei-1-name": "Stadt Korschenbroich", "partei-1-vertreter": "Marc Venten",
    "partei-1-amt": "Bürgermeister",
}  # fmt: skip


def _key(page: str) -> str:
    found = re.search(r'name="parteien_angezeigt" value="([0-9a-f]+)"', page)
    assert found, page
    return found.group(1)


@pytest.mark.usefixtures("users")
def test_the_live_preview_redraws_the_per_party_blocks_when_parties_change(
    client: Client,
) -> None:
    login(client, "bearbeiter")
    url = reverse("neu")
    first = client.post(url, {"titel": "V", "parteien": "2", **PARTIES, "aktion": "partei_plus"})
    page = first.content.decode()  # without JavaScript: the whole page, a third row
    assert 'id="id_partei-2-name"' in page
    drawn = _key(page)
    posted = {"titel": "V", "parteien": "3", **PARTIES, "partei-2-name": "Gemeinde Jüchen",
              "aktion": "vorschau", "parteien_angezeigt": drawn}  # fmt: skip
    answer = client.post(url, posted, headers={"HX-Request": "true"}).content.decode()
    for block in ("unterschriften-parteien", "kosten-parteien", "partei-weitere",
                  "kosten-befreit-block"):  # fmt: skip
        assert f'<div id="{block}" hx-swap-oob="true">' in answer
    assert '<datalist id="parteinamen" hx-swap-oob="true">' in answer
    assert "Partei 3: Gemeinde Jüchen</legend>" in answer
    assert 'value="Gemeinde Jüchen"' in answer
    # drawn for these parties already: only the preview, the blocks stay as the person left them
    again = client.post(url, {**posted, "parteien_angezeigt": _key(answer)},
                        headers={"HX-Request": "true"}).content.decode()  # fmt: skip
    assert "hx-swap-oob" not in again
    assert "<h3>" in again or "Vorschau" in again


class _Visible(HTMLParser):
    """The text a person reads on a page: no script, style, attribute values, nor what is
    inside a closed »Für Fachleute«/expert ``<details>``."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if (
            tag in ("script", "style", "textarea")
            or (tag == "details" and "experten" in classes)
            or (self.skip and tag in ("script", "style", "textarea", "details"))
        ):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self.skip and tag in ("script", "style", "textarea", "details"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


JARGON = re.compile(r"\b[a-z]+_[a-z_]+\b|(?<![\w-])--[a-z]{3,}|\bYAML\b|\bin_force\b|\bnull\b")


@pytest.mark.usefixtures("users", "examples")
def test_no_page_staff_use_speaks_the_file_format(client: Client) -> None:
    """Issue 21: the hints on the normal pages name no key of the file, no CLI option and no
    English value; only the »Für Fachleute« part of a page may."""
    login(client, "bearbeiter")
    urls = ["/", reverse("neu"), "/importieren/", "/importieren/liste/", "/absender/",
            reverse("fristenrechner")]  # fmt: skip
    for record in Agreement.objects.all():
        urls += [reverse("vereinbarung", args=[record.pk]), reverse("bearbeiten", args=[record.pk]),
                 reverse("ereignis", args=[record.pk])]  # fmt: skip
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        parser = _Visible()
        parser.feed(response.content.decode())
        text = " ".join(" ".join(parser.parts).split())
        found = sorted(set(JARGON.findall(text)))
        assert not found, (url, found)
