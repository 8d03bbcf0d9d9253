"""A Kündigung of an öffentlich-rechtliche Vereinbarung (GkG) takes effect from the browser.

The Ereignis page records the Anzeige to the Aufsichtsbehörde and the Bekanntmachung of a
notice already recorded (``notified``/``published`` on the notice, § 24 Abs. 5 GkG NRW); the
agreement page lists them as next steps with a button each (issue 21). pytest-django, the
server's clock fixed at :data:`TODAY`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

import vereinbarung
from vereinbarung.web import clock
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement

from .conftest import login

pytestmark = pytest.mark.django_db

#: The server's day in these tests.
TODAY = dt.date(2026, 7, 15)

#: Two parties, GkG, approved and published in 2023: a notice ends it for both.
GKG_TEXT = """\
# Beispiel für die Tests: erfundene Angaben.
title: Öffentlich-rechtliche Vereinbarung
subtitle: über die gemeinsame Wahrnehmung der Aufgaben des Standesamts
regime: gkg  # §§ 23–24 GkG NRW
land: NW
short_name: Standesamt Nord
parties:
  - name: Stadt Kaarst
    representative: {name: Ursula Baum, title: Bürgermeisterin}
  - name: Stadt Korschenbroich
    representative: {name: Marc Venten, title: Bürgermeister}
term:
  clause: § 6
  effective: 2024-01-01
  notice: 6 Monate
  notice_to: year_end
events:
  - type: approval_requested
    date: 2023-10-02
    authority: Bezirksregierung Düsseldorf
  - type: approved
    date: 2023-10-20
  - type: published
    date: 2023-11-10
    gazette: Amtsblatt Nr. 45
"""

#: The notice is the fourth event of the file (index 3).
NOTICE = 3


@pytest.fixture
def gkg(users: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Agreement:  # noqa: ARG001
    """The GkG agreement in the register, the clock at :data:`TODAY`."""
    moment = dt.datetime.combine(TODAY, dt.time(10, 0), tzinfo=ZoneInfo("Europe/Berlin"))
    monkeypatch.setattr(clock, "now", lambda: moment)
    return services.create(GKG_TEXT, reason="angelegt")


def _post_notice(client: Client, record: Agreement, **extra: str) -> Any:
    data = {"typ": "notice", "by": "Stadt Kaarst", "form": "written", "zugang-1": "15.06.2026",
            "version": str(record.version), "aktion": "speichern", **extra}  # fmt: skip
    return client.post(reverse("ereignis", args=[record.pk]), data)


def _steps(page: str) -> str:
    found = re.search(r'<section class="schritte".*?</section>', page, re.S)
    return found.group(0) if found else ""


def test_gkg_notice_takes_effect_with_anzeige_and_bekanntmachung(
    client: Client, gkg: Agreement
) -> None:
    login(client, "bearbeiter")
    assert _post_notice(client, gkg).status_code == 302
    gkg.refresh_from_db()
    assert services.state_of(gkg, TODAY).status == "in_force"  # not yet effective (§ 24 Abs. 5)
    page = client.get(reverse("vereinbarung", args=[gkg.pk])).content.decode()
    steps = _steps(page)
    assert (
        "Anzeige der Kündigung durch Stadt Kaarst (Zugang 15.06.2026) an die Aufsichtsbehörde"
        in steps
    )
    assert ">Anzeige an die Aufsichtsbehörde</a>" in steps
    assert ">Bekanntmachung der Kündigung</a>" in steps
    # each step says what it would do today, as the Ereignis page's preview
    assert "Wirkung, wenn heute erfasst: Kündigung wirkt zum 31.12.2026." in steps
    # the button opens the Ereignis page filled in, but the day is typed in: never today
    link = re.search(r'href="([^"]*typ=notice_notified[^"]*)"', steps)
    assert link is not None
    assert "date=" not in link.group(1)
    opened = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert "selected>Anzeige einer Kündigung an die Aufsichtsbehörde</option>" in opened
    assert 'value="15.07.2026"' not in opened
    date = re.search(r'<input type="text" id="id_date"[^>]*>', opened)
    assert date is not None
    assert 'value=""' in date.group(0)
    assert " required" in date.group(0)
    assert 'aria-describedby="hinweis-date"' in date.group(0)
    assert re.search(r'id="hinweis-date">[^<]*z\. B\. \d\d\.\d\d\.\d{4}', opened)
    assert "bitte das Datum eintragen, an dem es geschehen ist" in opened
    assert 'id="wirkung"' not in opened
    url = reverse("ereignis", args=[gkg.pk])
    response = client.post(url, {"typ": "notice_notified", "bezug": str(NOTICE),
                                 "date": "01.07.2026", "version": str(gkg.version),
                                 "aktion": "speichern"}, follow=True)  # fmt: skip
    assert response.redirect_chain[-1][1] == 302
    gkg.refresh_from_db()
    assert "notified: 2026-07-01" in gkg.text
    assert "# Beispiel für die Tests: erfundene Angaben." in gkg.text  # comments kept
    assert getattr(services.agreement_of(gkg).events[NOTICE], "notified", None) == dt.date(
        2026, 7, 1
    )
    assert services.state_of(gkg, TODAY).status == "in_force"
    steps = _steps(response.content.decode())
    assert "Anzeige an die Aufsichtsbehörde</a>" not in steps
    assert ">Bekanntmachung der Kündigung</a>" in steps
    response = client.post(url, {"typ": "notice_published", "bezug": str(NOTICE),
                                 "date": "10.07.2026", "version": str(gkg.version),
                                 "aktion": "speichern"}, follow=True)  # fmt: skip
    shown = response.content.decode()
    assert "Ereignis eingetragen. Wirkung: Kündigung wirkt zum 31.12.2026." in shown
    gkg.refresh_from_db()
    state = services.state_of(gkg, TODAY)
    assert state.status == "notice_given"
    assert state.ends_on is not None
    assert state.ends_on.day == dt.date(2026, 12, 31)
    assert "Stand am 15.07.2026: gekündigt" in shown
    assert _steps(shown) == ""  # nothing left to do
    assert "Ereignis erfasst: Bekanntmachung einer Kündigung" not in shown  # reason names it
    assert "Ereignis erfasst: Bekanntmachung der Kündigung durch Stadt Kaarst" in shown


def test_bekanntmachung_is_not_taken_as_a_second_publication(
    client: Client, gkg: Agreement
) -> None:
    """With a notice awaiting its publication, »Bekanntmachung der Vereinbarung« is refused
    with a pointer to the right choice; before, it was recorded as a second publication."""
    login(client, "bearbeiter")
    _post_notice(client, gkg)
    gkg.refresh_from_db()
    response = client.post(reverse("ereignis", args=[gkg.pk]), {
        "typ": "published", "date": "10.07.2026", "version": str(gkg.version),
        "aktion": "speichern",
    })  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "Die Vereinbarung ist schon am 10.11.2023 bekannt gemacht." in page
    assert "»Bekanntmachung einer Kündigung oder Aufhebung« wählen" in page
    gkg.refresh_from_db()
    assert gkg.version == 2
    # the type offered for it, with the notice to choose
    page = client.get(reverse("ereignis", args=[gkg.pk]) + "?typ=notice_published").content.decode()
    assert '<option value="3">Kündigung durch Stadt Kaarst (Zugang 15.06.2026)</option>' in page
    assert '<label for="id_date">Bekanntgemacht am</label>' in page


def test_anzeige_only_where_a_notice_awaits_it(client: Client, gkg: Agreement) -> None:
    login(client, "bearbeiter")
    page = client.get(reverse("ereignis", args=[gkg.pk])).content.decode()
    assert "notice_notified" not in page
    assert "notice_published" not in page
    response = client.post(reverse("ereignis", args=[gkg.pk]), {
        "typ": "notice_published", "bezug": "0", "date": "10.07.2026",
        "version": str(gkg.version), "aktion": "vorschau",
    })  # fmt: skip
    assert response.status_code == 400
    assert "Keine erfasste Kündigung, bei der das noch fehlt" in response.content.decode()


@pytest.mark.parametrize(
    ("typ", "day", "message"),
    [
        ("notice_published", "20.07.2026", "liegt in der Zukunft"),
        ("notice_notified", "14.06.2026", "liegt vor dem Zugang am 15.06.2026"),
        ("notice_published", "xx", "Bekanntgemacht am: "),
    ],
)
def test_completion_refused(
    client: Client, gkg: Agreement, typ: str, day: str, message: str
) -> None:
    login(client, "bearbeiter")
    _post_notice(client, gkg)
    gkg.refresh_from_db()
    response = client.post(reverse("ereignis", args=[gkg.pk]), {
        "typ": typ, "bezug": str(NOTICE), "date": day, "version": str(gkg.version),
        "aktion": "speichern",
    })  # fmt: skip
    assert response.status_code == 400
    assert message in response.content.decode()
    gkg.refresh_from_db()
    assert gkg.version == 2


def test_published_before_notified_refused(client: Client, gkg: Agreement) -> None:
    login(client, "bearbeiter")
    _post_notice(client, gkg, **{"zugang-1": "15.06.2026"})
    gkg.refresh_from_db()
    url = reverse("ereignis", args=[gkg.pk])
    client.post(url, {"typ": "notice_notified", "bezug": str(NOTICE), "date": "05.07.2026",
                      "version": str(gkg.version), "aktion": "speichern"})  # fmt: skip
    gkg.refresh_from_db()
    response = client.post(url, {"typ": "notice_published", "bezug": str(NOTICE),
                                 "date": "01.07.2026", "version": str(gkg.version),
                                 "aktion": "speichern"})  # fmt: skip
    assert response.status_code == 400
    assert (
        "liegt vor der Anzeige an die Aufsichtsbehörde am 05.07.2026" in response.content.decode()
    )


def test_completion_of_a_flow_style_event_keeps_its_style(client: Client, gkg: Agreement) -> None:
    """An event written on one line (``- {type: notice, …}``) gets the day on that line."""
    text = gkg.text + (
        "  - {type: notice, by: Stadt Kaarst, form: written, "
        "received: {Stadt Korschenbroich: 2026-06-15}}\n"
    )
    record = services.save_version(gkg, text, base=gkg.version, reason="Kündigung")
    login(client, "bearbeiter")
    response = client.post(reverse("ereignis", args=[record.pk]), {
        "typ": "notice_published", "bezug": str(NOTICE), "date": "10.07.2026",
        "version": str(record.version), "aktion": "speichern",
    })  # fmt: skip
    assert response.status_code == 302
    record.refresh_from_db()
    assert "published: 2026-07-10}" in record.text
    assert services.state_of(record, TODAY).status == "notice_given"


#: The same agreement before it took effect: one signature recorded, nothing else.
DRAFT_TEXT = (
    GKG_TEXT.split("events:")[0].replace("2024-01-01", "2026-01-01")
    + """events:
  - type: signed
    party: Stadt Kaarst
    date: 2026-06-01
"""
)


def _follow_step(client: Client, record: Agreement, button: str) -> str:
    """Open the step's button (the Ereignis page filled in, with the preview) and record it."""
    page = client.get(reverse("vereinbarung", args=[record.pk])).content.decode()
    link = re.search(rf'<a class="knopf" href="([^"]*)">{re.escape(button)}</a>', _steps(page))
    assert link is not None, _steps(page)
    url = link.group(1).replace("&amp;", "&")
    opened = client.get(url).content.decode()
    assert 'id="wirkung"' not in opened  # no day filled in: typed in, never today
    assert re.search(r'<input type="text" id="id_date" name="date" value="" required', opened)
    query = dict(part.split("=", 1) for part in url.split("?", 1)[1].split("&"))
    from urllib.parse import unquote_plus

    data = {key: unquote_plus(value) for key, value in query.items()}
    assert "date" not in data
    data["date"] = vereinbarung.format_date(TODAY)
    record.refresh_from_db()
    data.update({"version": str(record.version), "aktion": "speichern"})
    response = client.post(reverse("ereignis", args=[record.pk]), data, follow=True)
    assert response.redirect_chain[-1][1] == 302
    record.refresh_from_db()
    return response.content.decode()


@pytest.mark.usefixtures("gkg")  # the clock at TODAY
def test_next_steps_from_draft_to_in_force(client: Client) -> None:
    """Signature, application, approval, publication: each offered while the state needs it."""
    record = services.create(DRAFT_TEXT, reason="angelegt")
    login(client, "leser")  # reading only: the steps, but no buttons
    page = client.get(reverse("vereinbarung", args=[record.pk])).content.decode()
    assert "Unterschrift von Stadt Korschenbroich" in _steps(page)
    assert 'class="knopf"' not in _steps(page)
    login(client, "bearbeiter")
    page = _follow_step(client, record, "Unterschrift erfassen")
    assert services.state_of(record, TODAY).status == "awaiting_approval"
    assert "Genehmigung bei der Aufsichtsbehörde beantragen" in _steps(page)
    page = _follow_step(client, record, "Antrag auf Genehmigung erfassen")
    assert "Sonst gilt sie mit Ablauf des 12.08.2026 als erteilt." in _steps(page)
    page = _follow_step(client, record, "Genehmigung erfassen")
    assert services.state_of(record, TODAY).status == "awaiting_publication"
    page = _follow_step(client, record, "Bekanntmachung der Vereinbarung erfassen")
    record.refresh_from_db()
    state = services.state_of(record, TODAY)
    assert state.effective is not None
    assert state.effective.day == dt.date(2026, 7, 16)  # the day after publication
    assert _steps(page) == ""


def test_notice_with_anzeige_and_bekanntmachung_at_once(client: Client, gkg: Agreement) -> None:
    """Known at once (as ``record notice --notified --published``): one event, effective."""
    login(client, "bearbeiter")
    page = client.get(reverse("ereignis", args=[gkg.pk]) + "?typ=notice").content.decode()
    assert '<label for="id_notified">der Aufsichtsbehörde angezeigt am</label>' in page
    response = _post_notice(client, gkg, notified="01.07.2026", published="10.07.2026")
    assert response.status_code == 302
    gkg.refresh_from_db()
    assert services.state_of(gkg, TODAY).status == "notice_given"
    notice = services.agreement_of(gkg).events[NOTICE]
    assert getattr(notice, "published", None) == dt.date(2026, 7, 10)


@pytest.mark.usefixtures("users", "examples")
def test_no_anzeige_fields_for_a_contract(client: Client) -> None:
    """A öffentlich-rechtlicher Vertrag knows no Anzeige or Bekanntmachung of a notice."""
    login(client, "bearbeiter")
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    page = client.get(reverse("ereignis", args=[record.pk]) + "?typ=notice").content.decode()
    assert 'id="id_sent"' in page
    assert 'id="id_notified"' not in page
    assert 'id="id_published"' not in page


def test_aufhebung_takes_effect_with_its_bekanntmachung(client: Client, gkg: Agreement) -> None:
    login(client, "bearbeiter")
    response = client.post(reverse("ereignis", args=[gkg.pk]), {
        "typ": "terminated_by_agreement", "date": "01.07.2026", "effective": "31.12.2026",
        "version": str(gkg.version), "aktion": "speichern",
    })  # fmt: skip
    assert response.status_code == 302
    gkg.refresh_from_db()
    page = client.get(reverse("vereinbarung", args=[gkg.pk])).content.decode()
    assert "Bekanntmachung der Aufhebung vom 01.07.2026 (endet mit Ablauf des 31.12.2026)" in (
        _steps(page)
    )
    assert "Anzeige der Aufhebung" not in _steps(page)  # the file format has no such day
    refused = client.post(reverse("ereignis", args=[gkg.pk]), {
        "typ": "notice_published", "bezug": str(NOTICE), "date": "30.06.2026",
        "version": str(gkg.version), "aktion": "vorschau",
    })  # fmt: skip
    assert "liegt vor dem Abschluss am 01.07.2026" in refused.content.decode()
    shown = _follow_step(client, gkg, "Bekanntmachung der Aufhebung")
    assert "Die Vereinbarung endet mit Ablauf des 31.12.2026." in shown
    assert services.state_of(gkg, TODAY).status == "notice_given"


@pytest.mark.usefixtures("gkg")
def test_completion_of_a_json_text(client: Client) -> None:
    """An agreement kept as JSON (taken from a .json file) stays JSON."""
    import json

    data = services.validate_text(GKG_TEXT)[1]
    data["events"].append({"type": "notice", "by": "Stadt Kaarst", "form": "written",
                           "received": {"Stadt Korschenbroich": "2026-06-15"}})  # fmt: skip
    record = services.create(json.dumps(data, ensure_ascii=False, indent=2), reason="JSON")
    login(client, "bearbeiter")
    response = client.post(reverse("ereignis", args=[record.pk]), {
        "typ": "notice_published", "bezug": str(NOTICE), "date": "10.07.2026",
        "version": str(record.version), "aktion": "speichern",
    })  # fmt: skip
    assert response.status_code == 302
    record.refresh_from_db()
    assert json.loads(record.text)["events"][NOTICE]["published"] == "2026-07-10"
    assert services.state_of(record, TODAY).status == "notice_given"
