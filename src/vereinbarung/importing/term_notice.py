"""Term rules for the notice: Kündigungstermin, Zugang bis zu einem Tag, Form, Empfänger.

One sentence at a time (:class:`~vereinbarung.importing.term_work.SentenceWork`); the wordings
(``vereinbarungen.md``, ``fristen.md``):

* Kündigungstermin: "zum Laufzeitende", "vor Ablauf der Vertragslaufzeit" (term_end), "zum Ende
  eines Kalenderjahres", "zum 31. Dezember eines jeden Jahres", "zum Ende des Haushaltsjahres"
  (year_end: the Haushaltsjahr of a municipality is the calendar year, § 78 Abs. 4 GO NRW,
  unless a law says otherwise for a field, so it stays a review item), "zum Ende eines
  Kalendervierteljahres" (quarter_end), "zum Monatsende" (month_end).
* Zugang: "bis zum 30.06. eines Jahres zum Jahresende" as the period it equals.
* Form and addressees: "Die Kündigung bedarf der Schriftform", "ist allen übrigen Partnern
  gegenüber zu erklären"; a notice excluded; what one party's notice does ("bleibt …
  unberührt").
"""

from __future__ import annotations

import datetime as dt
import re

from vereinbarung.importing.term_shapes import form_of_notice, new_shapes
from vereinbarung.importing.term_work import SentenceWork
from vereinbarung.importing.words import MONTH_PATTERN, find_dates
from vereinbarung.law.periods import Period
from vereinbarung.law.terms import NoticeTo
from vereinbarung.model.events import OnPartyNotice

__all__ = [
    "RECEIPT_BY_DAY",
    "read_notice_clauses",
    "read_notice_to",
    "read_receipt_by_day",
]

_NOTICE_FORM = re.compile(
    r"kündigung\w*[^.;]*?(?:bedarf|bedürfen|hat|haben|muss|müssen|ist|sind)\s+(?:der\s+|in\s+)?"
    r"(?:schriftform|schriftlich|durch\s+eingeschrieben)|schriftlich\s+(?:zu\s+)?(?:ge)?kündig|"
    r"kündigung\w*[^.;]*?schriftlich",
    re.IGNORECASE,
)
_NO_NOTICE = re.compile(
    r"(?:ordentliche\s+)?kündigung\s+(?:\w+\s+){0,4}?(?:ist|wird)\s+(?:\w+\s+)?ausgeschlossen|"
    r"(?:nicht|kann\s+nicht)\s+(?:ordentlich\s+)?gekündigt\s+werden|ohne\s+dass\s+es\s+einer\s+"
    r"kündigung\s+bedarf",
    re.IGNORECASE,
)
_ADDRESSEES_ALL = re.compile(
    r"(?:allen|sämtlichen|jedem\s+der)\s+(?:übrigen|anderen|weiteren)\s+[\w*-]*(?:partner|"
    r"beteiligten|parteien|kommunen|vertragschließenden|mitgliedern)\w*[^.;]*?gegenüber|"
    r"gegenüber\s+(?:allen|sämtlichen)\s+(?:übrigen|anderen|weiteren)\s+[\w*-]*(?:partner|"
    r"beteiligten|parteien|kommunen|vertragschließenden)",
    re.IGNORECASE,
)
_ADDRESSEE_ONE = re.compile(
    r"gegenüber\s+(?:der|dem)\s+(?P<who>(?:federführenden\s+)?[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*)*)"
    r"[^.;]*?(?:zu\s+erklären|zu\s+richten|zu\s+kündigen|erklärt\s+werden)",
)
_PARTY_LEAVES = re.compile(
    r"kündig[^.]*?(?:zwischen\s+den\s+(?:übrigen|anderen|verbleibenden)[^.]*?(?:fortgesetzt|"
    r"fort|unberührt|weiter)|(?:bleibt|bleiben|lässt|lassen)\s+[^.]*?unberührt|scheidet\s+[^.]*?aus)"
    r"|(?:scheidet|scheiden)\s+[^.]*?durch\s+kündigung\s+aus"
    r"|werden\s+nur\s+einzelne\s+[^.]*?gekündigt[^.]*?unberührt",
    re.IGNORECASE,
)
_MAJORITY = re.compile(
    r"mehr\s+als\s+(?:der\s+|die\s+)?hälfte[^.]*?(?:außer\s+kraft|endet|aufgelöst|beendet)|"
    r"(?:außer\s+kraft|endet|aufgelöst|beendet)[^.]*?mehr\s+als\s+(?:der\s+|die\s+)?hälfte",
    re.IGNORECASE,
)
_ENDS_FOR_ALL = re.compile(
    r"kündig[^.]*?(?:insgesamt|für\s+alle\s+(?:partner|parteien|beteiligten)?)\s*"
    r"(?:gegenstandslos|beendet|aufgelöst|außer\s+kraft)|kündig[^.]*?endet\s+(?:die|diese)\s+"
    r"vereinbarung\s+(?:insgesamt|für\s+alle)",
    re.IGNORECASE,
)
_LEAD_WORDS = re.compile(r"federführend|schwerpunkt|hauptverantwortlich", re.IGNORECASE)

# notice dates (Kündigungstermine)
_TO_TERM_END = re.compile(
    r"zum\s+(?:jeweiligen\s+)?(?:laufzeitende|vertragsende|ablauf\s+der\s+(?:jeweiligen\s+)?"
    r"(?:vertrags)?laufzeit|ende\s+der\s+(?:jeweiligen\s+)?(?:vertrags)?laufzeit|ende\s+der\s+"
    r"(?:jeweiligen\s+)?verlängerung\w*|ablauf\s+der\s+(?:jeweiligen\s+)?verlängerung\w*|ende\s+"
    r"des\s+(?:jeweiligen\s+)?(?:vertrags|verlängerungs|laufzeit)zeitraum\w*|ende\s+der\s+"
    r"(?:jeweiligen\s+)?vertragszeit)"
    r"|vor\s+(?:ablauf|dem\s+ende|ende|beendigung)\s+der\s+(?:jeweiligen\s+|ersten\s+)?"
    r"(?:vertrags)?(?:laufzeit|verlängerung\w*|vertragszeit)"
    r"|vor\s+(?:ablauf|dem\s+ende|ende)\s+(?:des|eines)\s+(?:jeweiligen\s+)?"
    r"(?:verlängerungs|vertrags)zeitraum\w*",
    re.IGNORECASE,
)
_TO_YEAR_END = re.compile(
    r"zum\s+(?:ende|schluss|ablauf)\s+(?:eines|des|jedes|jeden)\s+(?:jeweiligen\s+)?"
    r"kalenderjahr(?:e)?s|zum\s+jahres(?:ende|schluss)|zum\s+31\.\s?12\.(?!\s?\d{4})|"
    r"zum\s+31\.\s*dezember(?!\s*\d{4})|vor\s+(?:ablauf|dem\s+ende|ende)\s+(?:eines|des|jedes)\s+"
    r"(?:jeweiligen\s+)?kalenderjahr(?:e)?s|vor\s+jahresende",
    re.IGNORECASE,
)
_TO_YEAR_END_VAGUE = re.compile(
    r"zum\s+(?:ende|schluss|ablauf)\s+(?:eines|des|jedes|jeden)\s+(?:jeweiligen\s+)?jahres",
    re.IGNORECASE,
)
_TO_BUDGET_YEAR_END = re.compile(
    r"zum\s+(?:ende|schluss|ablauf)\s+(?:eines|des|jedes|jeden)\s+(?:jeweiligen\s+)?"
    r"haushaltsjahr(?:e)?s|vor\s+(?:ablauf|ende)\s+(?:eines|des)\s+haushaltsjahr(?:e)?s",
    re.IGNORECASE,
)
_TO_QUARTER_END = re.compile(
    r"zum\s+(?:ende|schluss|ablauf)\s+(?:eines|des|jedes|jeden)\s+(?:jeweiligen\s+)?"
    r"(?:kalender)?(?:vierteljahr(?:e)?s|quartals)|zum\s+quartals(?:ende|schluss)",
    re.IGNORECASE,
)
_TO_MONTH_END = re.compile(
    r"zum\s+(?:ende|schluss|ablauf|letzten\s+tag)\s+(?:eines|des|jedes|jeden)\s+"
    r"(?:jeweiligen\s+)?(?:kalender)?monats|zum\s+monats(?:ende|schluss|letzten)",
    re.IGNORECASE,
)
_DAY_MONTH = rf"(?:\d{{1,2}}\.\s?\d{{1,2}}\.|\d{{1,2}}\.\s*(?:{MONTH_PATTERN}))"
_TO_UNSUPPORTED = re.compile(
    r"zum\s+(?:ende|schluss|ablauf)\s+(?:eines|des|jedes)\s+(?:jeweiligen\s+)?"
    r"(?:schul|kindergarten|kita|wirtschafts|geschäfts|halb|schulhalb)jahr(?:e)?s"
    rf"|zum\s+{_DAY_MONTH}\s+(?:oder|und|bzw\.)\s+(?:zum\s+)?{_DAY_MONTH}?"
    r"|\bjederzeit\b|halbjahres(?:ende|schluss)",
    re.IGNORECASE,
)
RECEIPT_BY_DAY = re.compile(
    r"(?:bis\s+(?:spätestens\s+)?(?:zum\s+)?|spätestens\s+(?:bis\s+)?(?:zum\s+|am\s+)?)"
    r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s+(?:eines|des|jedes|jeden)\s+(?:jeweiligen\s+)?"
    r"(?:kalender)?jahres",
    re.IGNORECASE,
)


def read_notice_clauses(work: SentenceWork) -> None:
    """What a sentence says about the notice besides its date: excluded, form, addressees,
    the form of amendments, what one party's notice does."""
    flat, low = work.flat, work.low
    if _NO_NOTICE.search(low):
        work.fact("notice_excluded", True)
    form, unclear_form = form_of_notice(low)
    if _NOTICE_FORM.search(low) or form == "Schriftform":
        work.fact("notice_form", "Schriftform")
    elif form is not None:
        work.fact("notice_form", form)
    elif unclear_form is not None:
        work.problem("form › notice", unclear_form)
    for name, message in new_shapes(low):
        work.problem(name, message)
    if "kündig" in low and _ADDRESSEES_ALL.search(low):
        work.fact("notice_addressees", "allen übrigen Parteien")
    else:
        one = _ADDRESSEE_ONE.search(flat)
        if one and "kündig" in low:
            work.fact("notice_addressees", one.group("who"))
    if re.search(r"(?:änderung|ergänzung|nebenabrede)\w*[^.;]*?(?:schriftform|schriftlich)", low):
        work.fact("amendment_form", "Schriftform")
    if _MAJORITY.search(low):
        work.fact("on_party_notice", OnPartyNotice.ENDS_IF_MAJORITY)
    elif _ENDS_FOR_ALL.search(low):
        lead = bool(_LEAD_WORDS.search(low))
        work.fact(
            "on_party_notice",
            OnPartyNotice.ENDS_IF_LEAD_LEAVES if lead else OnPartyNotice.ENDS_FOR_ALL,
        )
    elif _PARTY_LEAVES.search(low):
        work.fact("on_party_notice", OnPartyNotice.PARTY_LEAVES)


def read_notice_to(work: SentenceWork) -> None:
    low = work.low
    found: list[tuple[NoticeTo, str | None]] = []
    if _TO_TERM_END.search(low):
        found.append((NoticeTo.TERM_END, None))
    if _TO_YEAR_END.search(low):
        found.append((NoticeTo.YEAR_END, None))
    elif _TO_BUDGET_YEAR_END.search(low):
        found.append((NoticeTo.YEAR_END, "budget"))
    elif _TO_YEAR_END_VAGUE.search(low):
        found.append((NoticeTo.YEAR_END, "vague"))
    if _TO_QUARTER_END.search(low):
        found.append((NoticeTo.QUARTER_END, None))
    if _TO_MONTH_END.search(low):
        found.append((NoticeTo.MONTH_END, None))
    unsupported = _TO_UNSUPPORTED.search(low)
    if unsupported and "kündig" in low:
        work.problem(
            "term › notice_to",
            f"Kündigungstermin »{work.flat[unsupported.start() : unsupported.end()].strip()}« "
            "kann das Modell nicht darstellen "
            "(nur Laufzeitende, Ende eines Kalenderjahres, -vierteljahres oder Monats)",
        )
        work.fact("notice_to_unsupported", True)
    for notice_to, kind in found:
        note = None
        if kind == "budget":
            note = "Haushaltsjahr = Kalenderjahr (§ 78 Abs. 4 GO NRW)"
            work.problem(
                "term › notice_to",
                "»zum Ende des Haushaltsjahres« als Ende des Kalenderjahres übernommen "
                "(§ 78 Abs. 4 GO NRW: Haushaltsjahr ist das Kalenderjahr, soweit für einzelne "
                "Bereiche durch Gesetz nichts anderes bestimmt ist); bitte bestätigen",
            )
        elif kind == "vague":
            note = "»Jahr« als Kalenderjahr verstanden"
            work.problem(
                "term › notice_to",
                "»zum Ende eines Jahres« als Ende des Kalenderjahres übernommen; bitte "
                "bestätigen, dass nicht das Vertragsjahr gemeint ist",
            )
        work.fact("notice_to", notice_to, note)


def read_receipt_by_day(work: SentenceWork) -> None:
    """ "bis zum 30.06. eines Jahres zum Jahresende": as a period, where one is exactly equal."""
    match = RECEIPT_BY_DAY.search(work.low)
    if not match or "kündig" not in work.low:
        return
    day, month = int(match.group("d")), int(match.group("m"))
    if not _TO_YEAR_END.search(work.low):
        work.problem(
            "term › notice",
            f"Zugang bis zum {day:02d}.{month:02d}. eines Jahres, aber kein Kündigungstermin "
            "zum Jahresende; nicht übernommen",
        )
        return
    for months in range(1, 12):
        period = Period(months=months)
        if all(
            period.last_day_of_receipt(dt.date(year, 12, 31)) == dt.date(year, month, day)
            for year in (2023, 2024)
        ):
            work.fact(
                "notice",
                period,
                f"Zugang bis zum {day:02d}.{month:02d}. zum 31.12. ist dasselbe wie eine Frist "
                f"von {period.in_words('dative')} zum Jahresende (§§ 187, 188 BGB)",
            )
            for mention in find_dates(work.low):
                if mention.start >= match.start() and mention.end <= match.end():
                    work.place(mention.start, mention.end)
            return
    work.problem(
        "term › notice",
        f"Zugang bis zum {day:02d}.{month:02d}. entspricht keiner Frist in Monaten; "
        "nicht übernommen",
    )
