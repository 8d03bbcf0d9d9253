"""After a refused save (someone else saved in between) the person sees the other version and
their own side by side; submitting again is refused again – the form keeps the version it was
built on – unless they choose explicitly to overwrite the other change, which the version's
reason records. Structured form and Expertenansicht (YAML), with the Django test client."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement, Version

from .conftest import login

pytestmark = pytest.mark.django_db


class _Form(HTMLParser):
    """The values a browser would post from the page's ``<form method="post">`` (no button)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.inside = False
        self.textarea: str | None = None
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method") == "post":
            self.inside = True
        if not self.inside or "name" not in a:
            if tag == "option" and self.select and "selected" in a:
                self.fields[self.select] = a.get("value", "")
            return
        if tag == "input" and a.get("type") not in ("checkbox", "radio", "submit"):
            self.fields[a["name"]] = a.get("value", "")
        elif tag == "input" and "checked" in a:
            self.fields[a["name"]] = a.get("value", "on")
        elif tag == "textarea":
            self.textarea = a["name"]
            self.fields[a["name"]] = ""
        elif tag == "select":
            self.select = a["name"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        if tag == "textarea":
            self.textarea = None
        if tag == "select":
            self.select = None

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.fields[self.textarea] += data


def form_of(page: str) -> dict[str, str]:
    parser = _Form()
    parser.feed(page)
    text = parser.fields.get("text")
    if text is not None and text.startswith("\n"):
        parser.fields["text"] = text[1:]  # the newline after <textarea> is not content
    return parser.fields


def other_person_saves(record: Agreement, users: dict[str, Any], old: str, new: str) -> None:
    record.refresh_from_db()
    assert old in record.text
    services.save_version(record, record.text.replace(old, new), base=record.version,
                          user=users["verwalten"], reason="Frist verlängert")  # fmt: skip


def reasons(record: Agreement) -> list[str]:
    return list(Version.objects.filter(agreement=record).order_by("number")
                .values_list("reason", flat=True))  # fmt: skip


@pytest.fixture
def bauhof(users: dict[str, Any], examples: list[Any]) -> Agreement:  # noqa: ARG001
    return Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")


@pytest.mark.parametrize("page", ["bearbeiten", "bearbeiten_yaml"])
def test_second_submit_after_a_conflict_is_refused_again(
    client: Client, users: dict[str, Any], bauhof: Agreement, page: str
) -> None:
    login(client, "bearbeiter")
    url = reverse(page, args=[bauhof.pk])
    fields = form_of(client.get(url).content.decode())
    assert fields["version"] == "1"
    other_person_saves(bauhof, users, "notice: 3 Monate", "notice: 4 Monate")
    # mine: a new subtitle, built on version 1 (still with 3 Monate)
    if page == "bearbeiten":
        fields["untertitel"] = "über den gemeinsamen Bauhof (neu)"
        fields["aktion"] = "speichern"
    else:
        fields["text"] = fields["text"].replace("\nsubtitle: ", "\nsubtitle: (neu) ", 1)
    response = client.post(url, fields)
    assert response.status_code == 409
    refused = response.content.decode()
    assert "verwalter hat die Vereinbarung inzwischen geändert" in refused
    assert "Ihre Fassung" in refused
    assert "Meine Fassung speichern (Änderung von verwalter überschreiben)" in refused
    table = refused[refused.index('<table class="vergleich">') :]
    table = table[: table.index("</table>")]
    assert "notice: 4 Monate" in table  # theirs, left
    assert "notice: 3 Monate" in table  # mine, right
    again = form_of(refused)
    assert again["version"] == "1"  # still the version the input was built on
    assert again["gesehen"] == "2"
    # pressing »Speichern« again (the page as it is): refused again, their change kept
    if page == "bearbeiten":
        again["aktion"] = "speichern"
    response = client.post(url, again)
    assert response.status_code == 409
    bauhof.refresh_from_db()
    assert bauhof.version == 2
    assert "notice: 4 Monate" in bauhof.text
    # choosing to overwrite: saved, and the reason says whose change was overwritten
    chosen = form_of(response.content.decode())
    chosen.pop("aktion", None)
    chosen["ueberschreiben"] = "1"
    chosen["grund"] = "Untertitel ergänzt"
    response = client.post(url, chosen)
    assert response.status_code == 302, response.content.decode()[:3000]
    bauhof.refresh_from_db()
    assert bauhof.version == 3
    assert "(neu)" in bauhof.text
    assert "notice: 3 Monate" in bauhof.text
    assert reasons(bauhof)[-1] == (
        "Untertitel ergänzt (Änderung von verwalter überschrieben, Version 2)"
    )


@pytest.mark.parametrize("page", ["bearbeiten", "bearbeiten_yaml"])
def test_overwrite_refused_when_someone_saved_after_the_comparison(
    client: Client, users: dict[str, Any], bauhof: Agreement, page: str
) -> None:
    login(client, "bearbeiter")
    url = reverse(page, args=[bauhof.pk])
    fields = form_of(client.get(url).content.decode())
    other_person_saves(bauhof, users, "notice: 3 Monate", "notice: 4 Monate")
    if page == "bearbeiten":
        fields["aktion"] = "speichern"
    fields["grund"] = "meins"
    shown = client.post(url, fields)
    assert shown.status_code == 409
    other_person_saves(bauhof, users, "notice: 4 Monate", "notice: 5 Monate")
    chosen = form_of(shown.content.decode())
    chosen.pop("aktion", None)
    chosen["ueberschreiben"] = "1"
    response = client.post(url, chosen)
    assert response.status_code == 409  # version 3 was never shown beside the input
    assert 'name="gesehen" value="3"' in response.content.decode()
    bauhof.refresh_from_db()
    assert (bauhof.version, "notice: 5 Monate" in bauhof.text) == (3, True)
    # an overwrite button on a form that was never refused overwrites nothing
    fresh = form_of(client.get(url).content.decode())
    forged = {**fields, "version": "1", "gesehen": "1", "ueberschreiben": "1"}
    response = client.post(url, forged)
    assert response.status_code == 409
    assert fresh["version"] == "3"


def test_overwriting_several_versions_names_every_author(
    users: dict[str, Any], bauhof: Agreement
) -> None:
    other_person_saves(bauhof, users, "notice: 3 Monate", "notice: 4 Monate")
    bauhof.refresh_from_db()
    services.save_version(bauhof, bauhof.text.replace("4 Monate", "5 Monate"),
                          base=2, user=users["bearbeiten"], reason="x")  # fmt: skip
    with pytest.raises(services.VersionConflict):
        services.save_version(bauhof, bauhof.text, base=1, user=users["lesen"], reason="mein")
    saved = services.save_version(bauhof, bauhof.text, base=1, user=users["lesen"],
                                  reason="mein", overwrites=3)  # fmt: skip
    assert saved.version == 4
    assert reasons(bauhof)[-1] == (
        "mein (Änderungen von verwalter, bearbeiter überschrieben, Versionen 2–3)"
    )


def test_form_error_after_a_conflict_keeps_the_old_base(
    client: Client, users: dict[str, Any], bauhof: Agreement
) -> None:
    login(client, "bearbeiter")
    url = reverse("bearbeiten", args=[bauhof.pk])
    fields = form_of(client.get(url).content.decode())
    other_person_saves(bauhof, users, "notice: 3 Monate", "notice: 4 Monate")
    fields["aktion"] = "speichern"
    refused = form_of(client.post(url, fields).content.decode())
    # a mistake, then a row action: the form still says version 1
    refused.update(titel="", aktion="speichern")
    wrong = client.post(url, refused)
    assert wrong.status_code == 400
    fixed = form_of(wrong.content.decode())
    assert fixed["version"] == "1"
    fixed.update(titel="Kooperationsvereinbarung", aktion="partei_plus")
    added = form_of(client.post(url, fixed).content.decode())
    assert added["version"] == "1"
    added[f"partei-{int(added['parteien']) - 1}-entfernen"] = "1"  # the new, empty row
    added["aktion"] = "speichern"
    response = client.post(url, added)
    assert response.status_code == 409
    bauhof.refresh_from_db()
    assert "notice: 4 Monate" in bauhof.text
