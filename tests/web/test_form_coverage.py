"""Nothing requires the Expertenansicht (issue 21): the normal pages set every field of the file.

The JSON Schema of the agreement is walked property by property; each must be set by a field
of the structured form or of the Ereignis page (:mod:`vereinbarung.web.pages.form_coverage`),
which the rendered pages must show, or be listed as expert-only with a reason. The examples
saved through the form unchanged keep their data; a form with every new field filled writes
them into the file.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

import vereinbarung
from vereinbarung.model.schema import agreement_schema
from vereinbarung.web.pages import structured
from vereinbarung.web.pages.form_coverage import (
    EVENT_FIELDS_OF_SCHEMA,
    EXPERT_ONLY,
    FORM_FIELDS_OF_SCHEMA,
)
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement

from .conftest import login

pytestmark = pytest.mark.django_db


def _data(text: str) -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(text)


def schema_paths() -> list[str]:
    """Every leaf property of the agreement schema: ``term.notice_by``,
    ``parties[].address.city``, ``events[amendment].wording[].text``."""
    schema = agreement_schema()
    defs = schema["$defs"]

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = defs[node["$ref"].rsplit("/", 1)[-1]]
        return node

    def walk(node: dict[str, Any], path: str, out: list[str]) -> None:
        node = resolve(node)
        if node.get("type") == "null":
            return  # the »not given« of an optional field
        options = node.get("anyOf", []) + node.get("oneOf", [])
        if options:
            for option in options:
                event = resolve(option).get("properties", {}).get("type", {}).get("const")
                walk(option, f"{path}[{event}]" if event else path, out)
            return
        if node.get("type") == "array" and "items" in node:
            items = resolve(node["items"])
            walk(items, path if "oneOf" in items else f"{path}[]", out)  # events: by type
            return
        if "properties" not in node:
            out.append(path)
            return
        for name, prop in node["properties"].items():
            if path.endswith("]") and name == "type" and "const" in prop:
                continue  # the type of an event: chosen, not typed
            walk(prop, f"{path}.{name}" if path else name, out)

    found: list[str] = []
    walk(schema, "", found)
    # a scalar list (local_holidays, review) or mapping is one field: no »[]« at its end
    return sorted({re.sub(r"(\[\])+$", "", p) for p in found})


def test_every_field_of_the_schema_is_on_a_page_or_expert_only_with_a_reason() -> None:
    paths = schema_paths()
    assert len(paths) > 100  # the walk reaches into parties, term, costs, events
    assert "events[amendment].wording[].text" in paths
    covered = set(FORM_FIELDS_OF_SCHEMA) | set(EVENT_FIELDS_OF_SCHEMA)
    missing = [p for p in paths if p not in covered and p not in EXPERT_ONLY]
    assert not missing, f"weder im Formular noch als Expertenfeld begründet: {missing}"
    assert not covered & set(EXPERT_ONLY)
    stale = sorted((covered | set(EXPERT_ONLY)) - set(paths))
    assert not stale, f"nicht (mehr) im Schema: {stale}"
    for path, reason in EXPERT_ONLY.items():
        assert len(reason) > 30, path
        assert reason.strip() == reason, path


@pytest.mark.usefixtures("users", "examples")
def test_the_pages_show_every_field_they_are_said_to_set(client: Client) -> None:
    login(client, "bearbeiter")
    pages = client.get(reverse("neu")).content.decode()
    for record in Agreement.objects.all():
        pages += client.get(reverse("bearbeiten", args=[record.pk])).content.decode()
    for path, name in FORM_FIELDS_OF_SCHEMA.items():
        assert f'name="{name}"' in pages, (path, name)
    gkg = Agreement.objects.get(file_name="gemeinsamer-gutachterausschuss.yaml")
    assert services.agreement_of(gkg).regime is vereinbarung.Regime.GKG
    for path, (kind, name) in EVENT_FIELDS_OF_SCHEMA.items():
        page = client.get(reverse("ereignis", args=[gkg.pk]), {"typ": kind}).content.decode()
        assert f'name="{name}"' in page, (path, kind, name)


@pytest.mark.usefixtures("users", "examples")
def test_the_examples_saved_through_the_form_unchanged_keep_their_data() -> None:
    for record in Agreement.objects.all():
        form = structured.AgreementForm.from_record(record, services.agreement_of(record))
        text = form.to_yaml(record.text)
        assert not form.errors, (record.file_name, form.errors)
        assert _data(text) == _data(record.text), record.file_name


def _form(**more: Any) -> dict[str, Any]:
    data = {
        "titel": "Kooperationsvereinbarung Jugendhilfe", "short_name": "Jugendhilfe Drei",
        "parteien": "3",
        "partei-0-name": "Stadt Aachtal", "partei-0-vertreter": "Anna A", "partei-0-amt": "Bürgermeisterin",
        "partei-1-name": "Gemeinde Birkenfeld", "partei-1-vertreter": "Bernd B", "partei-1-amt": "Bürgermeister",
        "partei-2-name": "Stadt Cedern", "partei-2-vertreter": "Clara C", "partei-2-amt": "Bürgermeisterin",
        "rechtsform": "gkg", "land": "BY", "oertliche_feiertage_da": "1",
        "oertliche_feiertage": ["assumption_day"], "rechtsgrundlage": "Art. 7 ff. KommZG",
        "federfuehrung": "Stadt Aachtal", "bei_kuendigung": "ends_if_lead_leaves",
        "praeambel": "Die Parteien arbeiten zusammen.\n\nSie wollen Kosten sparen.",
        "inkrafttreten": "01.01.2027", "kuendigungsfrist": "10 Arbeitstage",
        "kuendigungstermin": "feste_tage", "kuendigungstage": "31.03., 30.09.",
        "fundstelle": "§ 5",
        "kosten-zusammenfassung": "Die Kosten werden nach Einwohnerzahl umgelegt.",
        "kosten-schluessel": "population", "kosten-betrag": "90.000,00",
        "kosten-empfaenger": "Stadt Aachtal", "kosten-stichtag": "31.12.2025",
        "kosten-quelle": "Bayerisches Landesamt für Statistik", "kosten-einwohner-jahre": "2",
        "kosten-wechsel": "pro_rata_days", "kosten-abschlaege": "30.06.: 50 %\n31.12.: 50 %",
        "kosten-abrechnung": "31.12.", "kosten-betraege": "2028: 95.000,00",
        "partei-0-einwohner": "20.000", "partei-1-einwohner": "10.000", "partei-2-einwohner": "30.000",
        "partei-0-u_ort": "Aachtal", "partei-0-u_datum": "01.12.2026",
        "partei-2-u_ort": "Cedern", "partei-2-u_name": "Dora D", "partei-2-u_amt": "Erste Beigeordnete",
        "partei-1-art": "Gemeinde", "partei-1-anrede": "Frau",
        "partei-2-handelt_fuer": "Gemeinde Dornbach, Gemeinde Erlen",
        "paragraphen": "1", "paragraph-0-ueberschrift": "Gegenstand", "paragraph-0-text": "Text.",
        "version": "0", "aktion": "speichern",
    }  # fmt: skip
    data.update(more)
    return data


@pytest.mark.usefixtures("users", "db")
def test_a_form_with_the_new_fields_writes_them_and_shows_them_again(client: Client) -> None:
    login(client, "bearbeiter")
    response = client.post(reverse("neu"), _form())
    assert response.status_code == 302, response.content.decode()[:3000]
    record = Agreement.objects.get(short_name="Jugendhilfe Drei")
    agreement = services.agreement_of(record)
    assert agreement.regime is vereinbarung.Regime.GKG
    assert (agreement.land, agreement.local_holidays) == ("BY", ("assumption_day",))
    assert agreement.on_party_notice is vereinbarung.OnPartyNotice.ENDS_IF_LEAD_LEAVES
    assert agreement.preamble == ("Die Parteien arbeiten zusammen.", "Sie wollen Kosten sparen.")
    assert record.data["term"]["notice_to"] == ["31.03.", "30.09."]
    assert agreement.term.clause == "§ 5"
    costs = agreement.costs
    assert costs is not None
    assert costs.key is vereinbarung.CostKey.POPULATION
    assert costs.population[0].figures == {"Stadt Aachtal": 20000, "Gemeinde Birkenfeld": 10000,
                                           "Stadt Cedern": 30000}  # fmt: skip
    assert costs.changes is vereinbarung.ChangeRule.PRO_RATA_DAYS
    assert [(a.due, int(a.percent)) for a in costs.advances] == [("30.06.", 50), ("31.12.", 50)]
    assert {y: str(a) for y, a in costs.amounts.items()} == {2028: "95000.00"}
    assert "settlement" not in record.data["costs"]  # the default is not written
    second, third = agreement.parties[1], agreement.parties[2]
    assert second.representative.form_of_address == "Frau"  # not »Herr« from »Bürgermeister«
    assert record.data["parties"][1]["kind"] == "Gemeinde"
    assert "kind" not in record.data["parties"][0]  # inferred from »Stadt …«, not written
    assert third.acts_for == ("Gemeinde Dornbach", "Gemeinde Erlen")
    assert [(s.party, s.place, s.name) for s in agreement.signatures] == [
        ("Stadt Aachtal", "Aachtal", None), ("Stadt Cedern", "Cedern", "Dora D"),
    ]  # fmt: skip
    # the form shows every value again, and saved unchanged it changes nothing
    page = client.get(reverse("bearbeiten", args=[record.pk])).content.decode()
    for shown in ('value="31.03., 30.09."', 'value="20.000"', 'value="Dora D"',
                  'value="gkg" selected', 'value="BY" selected', 'value="assumption_day" checked'):  # fmt: skip
        assert shown in page, shown
    # the live preview words the clause: fixed days, working days in Bayern, the Umlage
    for words in ("zehn Arbeitstagen", "Bayern", "Mariä Himmelfahrt"):
        assert words in page, words
    assert "Stadt Cedern: 45.000,00" in page  # 30.000 of 60.000 Einwohnern of 90.000 €
    form = structured.AgreementForm.from_record(record, agreement)
    assert _data(form.to_yaml(record.text)) == _data(record.text)


@pytest.mark.usefixtures("users", "db")
def test_the_preview_answers_in_place_and_names_the_field_of_an_error(client: Client) -> None:
    login(client, "bearbeiter")
    data = _form(aktion="vorschau", kuendigungstage="")
    response = client.post(reverse("neu"), data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page  # only the preview
    assert "Feste Kündigungstage im Jahr: Bitte die festen Tage angeben" in page
    response = client.post(reverse("neu"), _form(aktion="vorschau"), headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "Die Kündigung muss" not in page
    assert "zum 31.03. und 30.09." in page or "31. März" in page, page
    assert not Agreement.objects.exists()  # a preview stores nothing
    # without JavaScript: the whole page with the preview and the errors tied to their fields
    page = client.post(
        reverse("neu"), _form(aktion="vorschau", **{"partei-1-u_datum": "31.02.2026"})
    ).content.decode()
    assert 'id="id_partei-1-u_datum"' in page
    assert 'aria-describedby="fehler-partei-1-u_datum"' in page
    assert "Partei 2, Datum der Unterzeichnung:" in page


@pytest.mark.usefixtures("users", "examples")
def test_entering_the_real_date_replaces_the_placeholder_of_the_import(client: Client) -> None:
    login(client, "bearbeiter")
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    text = record.text.replace("term:\n", "term:\n  placeholders: [effective]\n", 1)
    record = services.save_version(record, text, base=record.version, user=None, reason="Import")
    agreement = services.agreement_of(record)
    assert agreement.term.placeholders == ("effective",)
    form = structured.AgreementForm.from_record(record, agreement)
    assert "placeholders" in form.to_yaml(record.text)  # unchanged: still a placeholder
    form.values["inkrafttreten"] = "01.03.2021"
    written = _data(form.to_yaml(record.text))
    assert "placeholders" not in written["term"]
    assert str(written["term"]["effective"]) in ("01.03.2021", "2021-03-01")


@pytest.mark.usefixtures("users", "db")
def test_fixed_shares_case_numbers_and_the_bank_account_from_the_form(client: Client) -> None:
    login(client, "bearbeiter")
    fixed = _form(**{
        "short_name": "Feste Anteile", "kosten-schluessel": "fixed",
        "kosten-zusammenfassung": "Die Kosten werden nach festen Anteilen getragen.",
        "kosten-stichtag": "", "kosten-quelle": "",
        "partei-0-einwohner": "", "partei-1-einwohner": "", "partei-2-einwohner": "",
        "partei-0-anteil": "50", "partei-1-anteil": "30", "partei-2-anteil": "20",
        "kosten-iban": "DE89 3704 0044 0532 0130 00", "kosten-inhaber": "Stadtkasse Aachtal",
        "kosten-kassenzeichen": "5.0001.0815",
    })  # fmt: skip
    response = client.post(reverse("neu"), fixed)
    assert response.status_code == 302, response.content.decode()[:3000]
    costs = services.agreement_of(Agreement.objects.get(short_name="Feste Anteile")).costs
    assert costs is not None
    assert {k: int(v) for k, v in costs.percentages.items()} == {
        "Stadt Aachtal": 50, "Gemeinde Birkenfeld": 30, "Stadt Cedern": 20,
    }  # fmt: skip
    assert costs.payee_account is not None
    assert costs.payee_account.cash_reference == "5.0001.0815"
    # shares that do not add up to 100: the library's German message beside the key
    wrong = {**fixed, "short_name": "Falsche Anteile", "partei-2-anteil": "25"}
    page = client.post(reverse("neu"), wrong).content.decode()
    assert "die Anteile ergeben 105 %, nicht 100 %" in page
    assert 'aria-describedby="fehler-kosten-schluessel"' in page
    cases = _form(**{
        "short_name": "Fallzahlen", "kosten-schluessel": "cases", "kosten-stichtag": "",
        "kosten-zusammenfassung": "Die Kosten werden nach Fallzahlen umgelegt.",
        "partei-0-einwohner": "", "partei-1-einwohner": "", "partei-2-einwohner": "",
        "kosten-falljahr": "2026", "partei-0-fallzahl": "12", "partei-1-fallzahl": "3",
        "partei-2-fallzahl": "1.005",
    })  # fmt: skip
    response = client.post(reverse("neu"), cases)
    assert response.status_code == 302, response.content.decode()[:3000]
    costs = services.agreement_of(Agreement.objects.get(short_name="Fallzahlen")).costs
    assert costs is not None
    assert costs.cases == {
        2026: {"Stadt Aachtal": 12, "Gemeinde Birkenfeld": 3, "Stadt Cedern": 1005}
    }
    bad = client.post(reverse("neu"), {**cases, "short_name": "X", "partei-1-fallzahl": "drei"})
    page = bad.content.decode()
    assert bad.status_code == 400
    assert "Partei 2, Fallzahl: »drei« ist keine ganze Zahl." in page


@pytest.mark.usefixtures("examples")
def test_lettered_items_are_lines_of_the_absatz_in_the_form() -> None:
    record = Agreement.objects.get(file_name="gemeinsame-vergabestelle-soest.yaml")
    agreement = services.agreement_of(record)
    form = structured.AgreementForm.from_record(record, agreement)
    assert form.sections_editable
    index, section = next(
        (i, s) for i, s in enumerate(agreement.sections) if any(p.items for p in s.paragraphs)
    )
    absatz = next(p for p in section.paragraphs if p.items)
    assert f"\na) {absatz.items[0]}" in form.sections[index]["text"]
    form.sections[index]["text"] = form.sections[index]["text"].replace(
        f"a) {absatz.items[0]}", "a) ein geänderter Buchstabe a"
    )
    form.sections.append({"ueberschrift": "Neu", "text": "Es gilt:\na) eins\nb) zwei\n\nEnde."})
    written = _data(form.to_yaml(record.text))["sections"]
    changed = next(p for p in written[index]["paragraphs"] if isinstance(p, dict))
    assert changed["text"] == absatz.text
    assert changed["items"] == ["ein geänderter Buchstabe a", *absatz.items[1:]]
    assert written[-1]["paragraphs"] == [{"text": "Es gilt:", "items": ["eins", "zwei"]}, "Ende."]
