"""The names, labels and choices of the structured agreement form (Neu / Bearbeiten).

Each field of the form is named in German (``kuendigungsfrist``, ``partei-0-einwohner``) and
maps to a key of the file format (:class:`vereinbarung.Agreement`, ``vereinbarung schema``);
this module holds those maps and the German labels and choices the page shows, so that the
reading (:mod:`.structured`), writing (:mod:`.form_writer`, :mod:`.form_costs`), error
placing (:mod:`.form_errors`) and the coverage test of the JSON Schema
(``tests/web/test_form_schema.py``) use one list. The choices take their German wording from
the library (``NoticeTo.label``, ``Regime.label``, ``OnPartyNotice.label``, ``CostKey.label``,
``ChangeRule.label``, ``LANDS``, ``LOCAL_HOLIDAYS``).
"""

from __future__ import annotations

import vereinbarung

#: The Kündigungstermine of the form and the Fristenrechner, in the library's wording; »feste
#: Tage« takes its days from the field ``kuendigungstage`` (``notice_to: "31.07."`` or a list).
FIXED_DAYS = "feste_tage"
NOTICE_TO_CHOICES = [
    (to.value, f"{to.label} (30.06. und 31.12.)" if to == "half_year_end" else to.label)
    for to in vereinbarung.NoticeTo
]
FORM_NOTICE_TO_CHOICES = [
    *NOTICE_TO_CHOICES,
    (FIXED_DAYS, "zu festen Tagen im Jahr (unten eintragen)"),
]
REGIME_CHOICES = [(regime.value, regime.label) for regime in vereinbarung.Regime]
LAND_CHOICES = sorted(vereinbarung.LANDS.items(), key=lambda item: item[1])
LOCAL_HOLIDAY_CHOICES = [
    (key, f"{holiday.name} ({holiday.where})")
    for key, holiday in vereinbarung.LOCAL_HOLIDAYS.items()
]
ON_PARTY_NOTICE_CHOICES = [
    ("", "– nicht geregelt (dann scheidet die kündigende Partei aus) –"),
    *((policy.value, policy.label) for policy in vereinbarung.OnPartyNotice),
]
COST_KEYS = [
    ("", "– keine Umlage (nur die Kostenregelung in einem Satz) –"),
    *((key.value, key.label) for key in vereinbarung.CostKey),
]
REST_KEYS = [("", "– bitte wählen –"), *(k for k in COST_KEYS[1:] if k[0] != "base_plus")]
CHANGE_CHOICES = [(rule.value, rule.label) for rule in vereinbarung.ChangeRule]

ROW_ACTIONS = {"partei_plus", "paragraph_plus"}

#: Agreement fields of the section »Vereinbarung« (form field → file key).
AGREEMENT_FIELDS = {
    "titel": "title",
    "untertitel": "subtitle",
    "aktenzeichen": "reference",
    "rechtsgrundlage": "legal_basis",
    "rechtsform": "regime",
    "land": "land",
    "federfuehrung": "lead",
    "bei_kuendigung": "on_party_notice",
}
#: The columns of a party row (the first six are the table »Parteien«).
PARTY_FIELDS = ("name", "vertreter", "amt", "strasse", "plz", "ort")
#: Per party in »Kosten«: the figures of the Umlage.
PARTY_COST_FIELDS = ("einwohner", "fallzahl", "anteil")
#: Per party in »Unterschriften«: the signature block (``signatures``).
SIGNATURE_FIELDS = {"u_ort": "place", "u_datum": "date", "u_name": "name", "u_amt": "title"}
#: Per party, rarely needed: kind of body, salutation, municipalities it acts for.
PARTY_MORE_FIELDS = ("art", "anrede", "handelt_fuer")
ALL_PARTY_FIELDS = (*PARTY_FIELDS, *PARTY_COST_FIELDS, *SIGNATURE_FIELDS, *PARTY_MORE_FIELDS)
KIND_CHOICES = [
    ("", "– aus dem Namen abgeleitet –"),
    *((k.value, k.value) for k in vereinbarung.PartyKind),
]
SALUTATION_CHOICES = [("", "– aus dem Amt abgeleitet –"), ("Frau", "Frau"), ("Herr", "Herr")]

TERM_FIELDS = {
    "inkrafttreten": "effective",
    "laufzeitende": "ends",
    "laufzeit": "duration",
    "verlaengerung": "renewal",
    "kuendigungsfrist": "notice",
    "kuendigungstermin": "notice_to",
    "fruehestens": "earliest_end",
}
TERM_LABELS = {
    "inkrafttreten": "Inkrafttreten",
    "laufzeitende": "Ende der ersten Laufzeit",
    "laufzeit": "oder: Laufzeit ab Inkrafttreten",
    "verlaengerung": "Verlängerung um jeweils",
    "kuendigungsfrist": "Kündigungsfrist",
    "kuendigungstermin": "Kündigungstermin",
    "fruehestens": "Kündigung frühestens zum",
}
#: Term fields beyond the first seven (form field → file key).
TERM_EXTRA = {"kuendigungstage": "notice_to", "zugang_bis": "notice_by", "fundstelle": "clause"}
DATE_FIELDS = {"inkrafttreten", "laufzeitende", "fruehestens"}
#: Checkbox »kann auch vor Ablauf der Laufzeit gekündigt werden« (term › notice_during_term).
DURING_TERM = "vor_ablauf"

#: The cost clause (form field → file key); figures per party are party fields.
COST_FIELDS = {
    "kosten-zusammenfassung": "summary",
    "kosten-schluessel": "key",
    "kosten-betrag": "amount",
    "kosten-empfaenger": "payee",
}
COST_EXTRA = {
    "kosten-paragraph": "section",
    "kosten-betraege": "amounts",
    "kosten-ist": "actual",
    "kosten-stichtag": "population › date",
    "kosten-quelle": "population › source",
    "kosten-einwohner-jahre": "population_lag",
    "kosten-falljahr": "cases",
    "kosten-fall-jahre": "cases_lag",
    "kosten-sockel": "base_amount",
    "kosten-rest": "rest_key",
    "kosten-wechsel": "changes",
    "kosten-abschlaege": "advances",
    "kosten-abrechnung": "settlement",
    "kosten-iban": "payee_account › iban",
    "kosten-bic": "payee_account › bic",
    "kosten-inhaber": "payee_account › holder",
    "kosten-bank": "payee_account › bank",
    "kosten-kassenzeichen": "payee_account › cash_reference",
    "kosten-zweck": "payee_account › purpose",
}
ALL_COST_FIELDS = {**COST_FIELDS, **COST_EXTRA}

#: The visible label of every field, for the error list at the top of the form.
LABELS: dict[str, str] = {
    "titel": "Titel",
    "untertitel": "Untertitel",
    "aktenzeichen": "Aktenzeichen",
    "rechtsgrundlage": "Rechtsgrundlage",
    "rechtsform": "Rechtsform",
    "land": "Bundesland (Feiertage bei Arbeits- und Werktagen)",
    "oertliche_feiertage": "Örtliche Feiertage",
    "federfuehrung": "Federführung",
    "bei_kuendigung": "Wenn eine Partei kündigt",
    "praeambel": "Präambel",
    **TERM_LABELS,
    "kuendigungstage": "Feste Kündigungstage im Jahr",
    "zugang_bis": "oder: Kündigung muss zugehen bis (Tag im Jahr)",
    "fundstelle": "Fundstelle der Klausel",
    DURING_TERM: "Kündigung vor Ablauf der Laufzeit",
    "kosten-zusammenfassung": "Kostenregelung in einem Satz",
    "kosten-schluessel": "Kostenschlüssel (Umlage)",
    "kosten-betrag": "Betrag je Haushaltsjahr (Euro)",
    "kosten-empfaenger": "Zahlungsempfänger",
    "kosten-befreit": "Parteien ohne Kostenanteil",
    "kosten-paragraph": "Kosten stehen in §",
    "kosten-betraege": "Abweichende Beträge einzelner Haushaltsjahre",
    "kosten-ist": "Ist-Kosten je Haushaltsjahr (Schlussabrechnung)",
    "kosten-stichtag": "Stichtag der Einwohnerzahlen",
    "kosten-quelle": "Quelle der Einwohnerzahlen",
    "kosten-einwohner-jahre": "Stichtag so viele Jahre vor dem Haushaltsjahr",
    "kosten-falljahr": "Jahr der Fallzahlen",
    "kosten-fall-jahre": "Fallzahlen so viele Jahre vor dem Haushaltsjahr",
    "kosten-sockel": "Sockelbetrag je Partei (Euro)",
    "kosten-rest": "Rest verteilt",
    "kosten-wechsel": "Beitritt oder Austritt im Haushaltsjahr",
    "kosten-abschlaege": "Abschläge",
    "kosten-abrechnung": "Schlussabrechnung am (Tag im Jahr)",
    "kosten-iban": "IBAN",
    "kosten-bic": "BIC",
    "kosten-inhaber": "Kontoinhaber",
    "kosten-bank": "Kreditinstitut",
    "kosten-kassenzeichen": "Kassenzeichen",
    "kosten-zweck": "Verwendungszweck",
}
PARTY_LABELS = {
    "name": "Name",
    "vertreter": "vertreten durch",
    "amt": "Amt",
    "strasse": "Straße",
    "plz": "PLZ",
    "ort": "Ort",
    "einwohner": "Einwohnerzahl",
    "fallzahl": "Fallzahl",
    "anteil": "Fester Anteil in Prozent",
    "u_ort": "Ort der Unterzeichnung",
    "u_datum": "Datum der Unterzeichnung",
    "u_name": "Unterzeichnet von (leer: die Vertretung)",
    "u_amt": "Amt (leer: das der Vertretung)",
    "art": "Art der Körperschaft",
    "anrede": "Anrede der Vertretung",
    "handelt_fuer": "Handelt für (Kommunen, durch Komma getrennt)",
}


def label_of(key: str) -> str:
    """The visible label of the form field *key* (»Partei 2, Einwohnerzahl«)."""
    if key in LABELS:
        return LABELS[key]
    from vereinbarung.web.register.fields import FORM_FIELDS

    if key in FORM_FIELDS:
        return FORM_FIELDS[key]
    parts = key.split("-", 2)
    if len(parts) == 3 and parts[1].isdigit():
        number = int(parts[1]) + 1
        if parts[0] == "partei":
            return f"Partei {number}, {PARTY_LABELS.get(parts[2], parts[2])}"
        if parts[0] == "paragraph":
            return f"§ {number} Überschrift"
    return key
