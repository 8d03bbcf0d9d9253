"""Which field of a page sets each field of the file format, and which are left to the experts.

Every property of the JSON Schema of an agreement (``vereinbarung schema``,
:func:`vereinbarung.model.schema.agreement_schema`) is either set on a normal page – the
structured form (Neu / Bearbeiten, :mod:`.structured`) or the Ereignis page (:mod:`.events`) –
or listed in :data:`EXPERT_ONLY` with the reason a clerk does not need it there. The test
``tests/web/test_form_coverage.py`` walks the schema and fails for a property in neither list,
and renders the pages to see each named field on them. Paths: ``term.notice_by``,
``parties[].address.city``, ``events[amendment].wording[].text`` (an event by its ``type``).
"""

from __future__ import annotations

__all__ = ["EVENT_FIELDS_OF_SCHEMA", "EXPERT_ONLY", "FORM_FIELDS_OF_SCHEMA"]

#: Schema path → the field of the structured form that sets it.
FORM_FIELDS_OF_SCHEMA: dict[str, str] = {
    "title": "titel",
    "subtitle": "untertitel",
    "legal_basis": "rechtsgrundlage",
    "land": "land",
    "local_holidays": "oertliche_feiertage",
    "parties[].name": "partei-0-name",
    "parties[].address.street": "partei-0-strasse",
    "parties[].address.postal_code": "partei-0-plz",
    "parties[].address.city": "partei-0-ort",
    "parties[].representative.name": "partei-0-vertreter",
    "parties[].representative.title": "partei-0-amt",
    "parties[].representative.salutation": "partei-0-anrede",
    "parties[].kind": "partei-0-art",
    "parties[].acts_for": "partei-0-handelt_fuer",
    "preamble": "praeambel",
    "sections[].number": "paragraph-0-ueberschrift",  # numbered in the order of the rows
    "sections[].heading": "paragraph-0-ueberschrift",
    "sections[].paragraphs[].text": "paragraph-0-text",
    "sections[].paragraphs[].items": "paragraph-0-text",  # lines »a) …« after the text
    "regime": "rechtsform",
    "lead": "federfuehrung",
    "reference": "aktenzeichen",
    "short_name": "short_name",
    "department": "department",
    "contact.name": "contact_name",
    "contact.phone": "contact_phone",
    "contact.email": "contact_email",
    "on_party_notice": "bei_kuendigung",
    "term.effective": "inkrafttreten",
    "term.ends": "laufzeitende",
    "term.duration": "laufzeit",
    "term.renewal": "verlaengerung",
    "term.notice": "kuendigungsfrist",
    "term.notice_by": "zugang_bis",
    "term.notice_to": "kuendigungstermin",
    "term.earliest_end": "fruehestens",
    "term.notice_during_term": "vor_ablauf",
    "term.clause": "fundstelle",
    "costs.summary": "kosten-zusammenfassung",
    "costs.section": "kosten-paragraph",
    "costs.key": "kosten-schluessel",
    "costs.amount": "kosten-betrag",
    "costs.amounts": "kosten-betraege",
    "costs.actual": "kosten-ist",
    "costs.payee": "kosten-empfaenger",
    "costs.payee_account.iban": "kosten-iban",
    "costs.payee_account.bic": "kosten-bic",
    "costs.payee_account.holder": "kosten-inhaber",
    "costs.payee_account.bank": "kosten-bank",
    "costs.payee_account.cash_reference": "kosten-kassenzeichen",
    "costs.payee_account.purpose": "kosten-zweck",
    "costs.exempt": "kosten-befreit",
    "costs.population[].date": "kosten-stichtag",
    "costs.population[].source": "kosten-quelle",
    "costs.population[].figures": "partei-0-einwohner",
    "costs.population_lag": "kosten-einwohner-jahre",
    "costs.cases": "partei-0-fallzahl",  # with the year »kosten-falljahr«
    "costs.cases_lag": "kosten-fall-jahre",
    "costs.percentages": "partei-0-anteil",
    "costs.base_amount": "kosten-sockel",
    "costs.rest_key": "kosten-rest",
    "costs.changes": "kosten-wechsel",
    "costs.advances[].due": "kosten-abschlaege",
    "costs.advances[].percent": "kosten-abschlaege",
    "costs.settlement": "kosten-abrechnung",
    "signatures[].party": "partei-0-u_ort",  # one block per party with a place
    "signatures[].place": "partei-0-u_ort",
    "signatures[].date": "partei-0-u_datum",
    "signatures[].name": "partei-0-u_name",
    "signatures[].title": "partei-0-u_amt",
}

#: Schema path of an event → (event type chosen on the Ereignis page, its field).
EVENT_FIELDS_OF_SCHEMA: dict[str, tuple[str, str]] = {
    **{f"events[signed].{key}": ("signed", key) for key in ("party", "date", "place", "signer")},
    "events[approval_requested].date": ("approval_requested", "date"),
    "events[approval_requested].authority": ("approval_requested", "authority"),
    "events[approved].date": ("approved", "date"),
    "events[approval_refused].date": ("approval_refused", "date"),
    "events[approval_refused].reasons": ("approval_refused", "reasons"),
    "events[published].date": ("published", "date"),
    "events[published].gazette": ("published", "gazette"),
    "events[notice].by": ("notice", "by"),
    "events[notice].form": ("notice", "form"),
    "events[notice].received": ("notice", "zugang-1"),
    "events[notice].sent": ("notice", "sent"),
    "events[notice].notified": ("notice", "notified"),  # later: »Anzeige einer Kündigung«
    "events[notice].published": ("notice", "published"),
    "events[extraordinary_notice].by": ("extraordinary_notice", "by"),
    "events[extraordinary_notice].form": ("extraordinary_notice", "form"),
    "events[extraordinary_notice].received": ("extraordinary_notice", "zugang-1"),
    "events[extraordinary_notice].reasons": ("extraordinary_notice", "reasons"),
    "events[extraordinary_notice].effective": ("extraordinary_notice", "effective"),
    "events[extraordinary_notice].published": ("extraordinary_notice", "published"),
    "events[amendment].date": ("amendment", "date"),
    "events[amendment].effective": ("amendment", "effective"),
    "events[amendment].text": ("amendment", "text"),
    # an amendment under the GkG: its approval and publication, added to it later
    "events[amendment].approved": ("amendment_approved", "date"),
    "events[amendment].published": ("amendment_published", "date"),
    "events[amendment].wording[].section": ("amendment", "fassung-0-stelle"),
    "events[amendment].wording[].text": ("amendment", "fassung-0-text"),
    "events[terminated_by_agreement].date": ("terminated_by_agreement", "date"),
    "events[terminated_by_agreement].effective": ("terminated_by_agreement", "effective"),
    "events[terminated_by_agreement].published": ("terminated_by_agreement", "published"),
    "events[joined].party": ("joined", "party"),
    "events[joined].date": ("joined", "date"),
    "events[joined].effective": ("joined", "effective"),
    **{
        f"events[amendment].term.{key}": ("amendment", f"neu-{name}")
        for key, name in (
            ("effective", "inkrafttreten"),
            ("ends", "laufzeitende"),
            ("duration", "laufzeit"),
            ("renewal", "verlaengerung"),
            ("notice", "kuendigungsfrist"),
            ("notice_by", "zugang_bis"),
            ("notice_to", "kuendigungstermin"),
            ("earliest_end", "fruehestens"),
            ("notice_during_term", "vor_ablauf"),
            ("clause", "fundstelle"),
        )
    },
}

_PROFILE = (
    "Steckbrief für das Portal Interkommunales.NRW, kein Teil der Vereinbarung: wird für die "
    "Veröffentlichung im Portal gepflegt, nicht bei der Arbeit mit der Vereinbarung"
)
_AMENDED_CLAUSE = (
    "der neue Wortlaut ganzer Paragraphen wird mit »Neue Fassung« auf der Ereignis-Seite "
    "erfasst (gleiche Wirkung auf die Lesefassung); als Datenstruktur nur für Fachleute"
)

#: Schema path → why the normal pages do not offer it (it stays editable in the Expertenansicht).
EXPERT_ONLY: dict[str, str] = {
    "term.placeholders": "setzt der Import; das Formular löscht einen Platzhalter, sobald der "
    "wirkliche Wert eingetragen wird",
    "review": "offene Prüfpunkte des Imports; sie werden auf der Seite der Vereinbarung "
    "abgearbeitet, nicht im Formular geschrieben",
    **{
        f"profile.{key}": _PROFILE
        for key in (
            "title",
            "keywords",
            "other_participants",
            "region",
            "population",
            "population_date",
            "population_source",
            "area_km2",
            "occasion",
            "goal",
            "implementation",
            "financing",
            "legal_form",
            "since",
            "contact",
            "links",
            "links[].title",
            "links[].url",
        )
    },
    "events[amendment].term.placeholders": "setzt nur der Import; eine Änderung nennt die "
    "wirklichen Werte",
    **{
        f"events[amendment].sections[].{key}": _AMENDED_CLAUSE
        for key in ("number", "heading", "paragraphs[].text", "paragraphs[].items")
    },
}
