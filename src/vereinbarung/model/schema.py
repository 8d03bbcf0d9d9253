"""The JSON Schema of the agreement file, with German descriptions throughout.

The schema is a public contract: other applications write agreement files against it. pydantic
takes the description of each definition from the class docstring, which is English (written
for developers); here every definition gets the German text staff read in ``vereinbarung
schema``. A test holds the table complete, so a new model cannot slip in undescribed.
"""

from __future__ import annotations

import re
from typing import Any

from vereinbarung.model.agreement import Agreement

__all__ = ["DESCRIPTIONS", "agreement_schema"]

#: German description of every definition of the schema.
DESCRIPTIONS: dict[str, str] = {
    "Agreement": "Eine Kooperationsvereinbarung oder öffentlich-rechtliche Vereinbarung zwischen Kommunen.",
    "Address": "Anschrift einer Partei.",
    "Contact": "Ansprechperson in der Verwaltung: Name, Telefon, E-Mail.",
    "Advance": "Abschlag: ein Anteil am Jahresbetrag, fällig an einem Tag des Haushaltsjahres.",
    "Amendment": "Änderung (Nachtrag): neue Fassung einzelner Paragraphen und/oder der Laufzeitregelung.",
    "ApprovalRefused": "Die Aufsichtsbehörde hat die Genehmigung versagt.",
    "ApprovalRequested": "Genehmigung bei der Aufsichtsbehörde beantragt (§ 24 Abs. 2 GkG NRW).",
    "Approved": "Genehmigung erteilt.",
    "Wording": "Neuer Wortlaut eines Paragraphen oder Absatzes durch eine Änderung (für die Lesefassung).",
    "BankAccount": "Bankverbindung des Zahlungsempfängers: IBAN, BIC, Kontoinhaber, Kassenzeichen, Verwendungszweck.",
    "ChangeRule": "Wie eine Partei zahlt, die im Haushaltsjahr beitritt oder ausscheidet.",
    "CostKey": "Kostenschlüssel: wie der Betrag auf die Parteien verteilt wird.",
    "Costs": "Kostenregelung; ohne Schlüssel nur Text (z. B. »keine zusätzlichen Kosten«).",
    "ExtraordinaryNotice": "Außerordentliche Kündigung aus wichtigem Grund (§ 60 VwVfG NRW).",
    "Joined": "Beitritt einer Partei; gebunden ab dem Tag »effective«.",
    "Notice": "Ordentliche Kündigung einer Partei mit dem Zugang bei jeder anderen Partei.",
    "Link": "Link des Steckbriefs: Titel und Web-Adresse (eines von beiden mindestens).",
    "NoticeForm": "Form der Kündigung: schriftlich, qualifiziert elektronisch signiert oder einfache E-Mail.",
    "NoticeTo": "Kündigungstermin: zum Laufzeitende, Jahres-, Halbjahres-, Quartals- oder Monatsende, oder feste Tage eines jeden Jahres.",
    "OnPartyNotice": "Was die Kündigung einer Partei bewirkt; die Vereinbarung entscheidet.",
    "Paragraph": "Absatz eines Paragraphen, mit Aufzählung a), b), … nach dem Text.",
    "Party": "Vertragspartner: Körperschaft mit Anschrift und Vertretung.",
    "PartyKind": "Art der Körperschaft; bestimmt den Artikel (»der Stadt«, »dem Kreis«).",
    "PopulationFigures": "Einwohnerzahlen der Parteien zu einem Stichtag, mit Quelle.",
    "Profile": "Angaben des Steckbriefs von Interkommunales.NRW, die der Vertragstext nicht enthält.",
    "Published": "Bekanntmachung im Amtsblatt (§ 24 Abs. 3 GkG NRW).",
    "Regime": "Rechtsform: bestimmt Genehmigung, Bekanntmachung und Wirksamwerden.",
    "Representative": "Wer die Partei vertritt: Name, Amt, Anrede.",
    "Section": "Paragraph »§ n« mit Überschrift und Absätzen; ein einzelner Absatz bleibt ohne »(1)«.",
    "Signature": "Unterschriftenblock: Ort, Datum, Name und Amt.",
    "Signed": "Unterschrift einer Partei.",
    "Term": "Laufzeitregelung: Inkrafttreten, Laufzeit, Verlängerung, Kündigung.",
    "TerminatedByAgreement": "Aufhebungsvereinbarung aller Parteien; »effective« ist der letzte Tag.",
}


def agreement_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an agreement file, described in German."""
    document = Agreement.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "Vereinbarung"
    document["description"] = DESCRIPTIONS["Agreement"]
    for name, definition in document.get("$defs", {}).items():
        definition["description"] = DESCRIPTIONS[name]
        definition["title"] = _german_title(DESCRIPTIONS[name])
    for definition in [document, *document.get("$defs", {}).values()]:
        for prop in definition.get("properties", {}).values():
            # pydantic's titles are English ("Postal Code"): German from the description
            description = prop.get("description")
            if description:
                prop["title"] = _german_title(description)
            else:
                prop.pop("title", None)
    return document


def _german_title(description: str) -> str:
    """The head of a German description as a title: »Postleitzahl, z. B. 41460« → Postleitzahl."""
    head = re.split(r"[:;(.]|, z\. B\.|,\s| – ", description, maxsplit=1)[0].strip()
    return head or description
