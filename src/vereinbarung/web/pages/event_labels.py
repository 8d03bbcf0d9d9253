"""The tables of the Ereignis page: event types, their fields and German labels.

What :mod:`vereinbarung.web.pages.events` offers per event type of the file format
(:mod:`vereinbarung.model.events`), named as staff read them; the GkG completions add a day to an
event already recorded (§ 24 Abs. 2–5 GkG NRW, :mod:`vereinbarung.web.register.completing`).
"""

from __future__ import annotations

__all__ = [
    "COMPLETIONS",
    "DATE_LABELS",
    "EVENT_FIELDS",
    "EVENT_TYPES",
    "FIELD_LABELS",
    "NOTICE_FORMS",
]

EVENT_TYPES = {
    "signed": "Unterschrift",
    "approval_requested": "Genehmigung beantragt",
    "approved": "Genehmigung erteilt",
    "approval_refused": "Genehmigung versagt",
    "published": "Bekanntmachung der Vereinbarung (Inkrafttreten)",
    "notice": "Kündigung (Zugang je Partei)",
    "notice_notified": "Anzeige einer Kündigung an die Aufsichtsbehörde",
    "notice_published": "Bekanntmachung einer Kündigung oder Aufhebung",
    "extraordinary_notice": "Außerordentliche Kündigung",
    "joined": "Beitritt einer Partei",
    "amendment": "Änderung",
    "amendment_approved": "Genehmigung einer Änderung (GkG NRW)",
    "amendment_published": "Bekanntmachung einer Änderung (GkG NRW)",
    "terminated_by_agreement": "Aufhebung",
}
#: Types that add a day to a notice (or Aufhebung) already recorded (§ 24 Abs. 5 GkG NRW):
#: the key they set on that event (:mod:`vereinbarung.web.register.completing`).
COMPLETIONS: dict[str, str] = {
    "notice_notified": "notified",
    "notice_published": "published",
    "amendment_approved": "amendment_approved",  # an amendment (§ 24 Abs. 2–4 GkG NRW)
    "amendment_published": "amendment_published",
}
NOTICE_FORMS = {
    "written": "schriftlich (unterschriebenes Original)",
    "qualified_electronic": "qualifizierte elektronische Signatur",
    "email": "einfache E-Mail",
}
#: Which fields each event type uses (form field → event key).
EVENT_FIELDS: dict[str, list[str]] = {
    "signed": ["party", "date", "place", "signer"],
    "approval_requested": ["date", "authority"],
    "approved": ["date"],
    "approval_refused": ["date", "reasons"],
    "published": ["date", "gazette"],
    "notice": ["by", "form", "received", "sent", "notified", "published"],
    "notice_notified": ["bezug", "date"],
    "notice_published": ["bezug", "date"],
    "amendment_approved": ["bezug", "date"],
    "amendment_published": ["bezug", "date"],
    "extraordinary_notice": ["by", "form", "received", "reasons", "effective", "published"],
    "joined": ["party", "date", "effective"],
    "amendment": ["date", "effective", "text", "wording", "term"],
    "terminated_by_agreement": ["date", "effective", "published"],
}
FIELD_LABELS = {
    "date": "Datum",
    "sent": "abgesandt am",
    "effective": "gilt ab / wirksam zum",
    "notified": "der Aufsichtsbehörde angezeigt am",
    "published": "bekannt gemacht am",
    "place": "Ort",
    "signer": "unterzeichnet von",
    "authority": "Aufsichtsbehörde",
    "gazette": "Amtsblatt",
    "reasons": "Gründe",
    "text": "Inhalt der Änderung",
}
#: The label of »Datum« where the type says more precisely what day is meant.
DATE_LABELS = {
    "signed": "Datum der Unterschrift",
    "approval_requested": "Antrag eingegangen am",
    "approved": "Genehmigt am",
    "approval_refused": "Versagt am",
    "published": "Bekanntgemacht am",
    "notice_notified": "Angezeigt am",
    "notice_published": "Bekanntgemacht am",
    "amendment_approved": "Genehmigt am",
    "amendment_published": "Bekanntgemacht am",
}
