"""Term rules for the notice besides its date: Arbeitstage, Zugang bis zu einem Tag, form.

One sentence at a time (:class:`~vereinbarung.importing.term_work.SentenceWork`); the
Kündigungstermin is read by :mod:`vereinbarung.importing.term_notice_to`, a period of months,
weeks or days by :mod:`vereinbarung.importing.term_dates`. The wordings (``fristen.md``):

* Kündigungsfrist in working days: "mit einer Frist von 10 Arbeitstagen", "zwölf Werktage"
  (:class:`~vereinbarung.law.notice.WorkdayPeriod`: Arbeitstage Monday to Friday, Werktage
  Monday to Saturday, without the Land's holidays);
* Zugang bis zu einem Tag: "Die Kündigung muss bis zum 30. Juni eines Jahres zum Jahresende
  zugehen" (:class:`~vereinbarung.law.notice.NoticeBy`, ``notice_by: "30.06."``): only where
  the sentence says that the notice must *reach* the others by then (zugehen, Zugang,
  eingehen); "bis zum 30.06. zu kündigen" can also mean the declaration and stays a review item;
* form and addressees: "Die Kündigung bedarf der Schriftform", "ist allen übrigen Partnern
  gegenüber zu erklären"; a notice excluded; what one party's notice does ("bleibt …
  unberührt").
"""

from __future__ import annotations

import re

from vereinbarung.errors import VereinbarungError
from vereinbarung.importing.term_shapes import form_of_notice
from vereinbarung.importing.term_work import SentenceWork
from vereinbarung.importing.words import NUMBER_PATTERN, NUMBER_WORDS, find_dates
from vereinbarung.law.notice import NoticeBy, WorkdayPeriod
from vereinbarung.model.events import OnPartyNotice

__all__ = ["read_notice_by", "read_notice_clauses", "read_workdays"]

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
# »kann auch vor Ablauf der Laufzeit … gekündigt werden«, »auch während der (ersten) Laufzeit
# … kündigen«: the clause allows ordinary notice inside the fixed term (issue 24; without it a
# fixed term binds, § 620 Abs. 1 BGB, § 62 Satz 2 VwVfG). Not »nicht vor Ablauf«.
DURING_TERM_PHRASE = re.compile(
    r"(?<!nicht\s)(?:auch|bereits|schon)\s+(?:vor\s+(?:dem\s+)?(?:ablauf|ende)|während)\s+der\s+"
    r"(?:\w+\s+){0,2}?(?:vertrags)?(?:laufzeit|dauer)\b",
    re.IGNORECASE,
)
_DURING_TERM = re.compile(
    # one sentence: a "." only in a date (»frühestens zum 01.01.2030«) or an abbreviation
    rf"(?:{DURING_TERM_PHRASE.pattern})[^;]*?kündig|kündig\w*[^;]*?(?:{DURING_TERM_PHRASE.pattern})",
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


def read_notice_clauses(work: SentenceWork) -> None:
    """What a sentence says about the notice besides its date: excluded, form, addressees,
    the form of amendments, what one party's notice does."""
    flat, low = work.flat, work.low
    if _NO_NOTICE.search(low):
        work.fact("notice_excluded", True)
    elif _DURING_TERM.search(low):
        work.fact("notice_during_term", True)
    form, unclear_form = form_of_notice(low)
    if _NOTICE_FORM.search(low) or form == "Schriftform":
        work.fact("notice_form", "Schriftform")
    elif form is not None:
        work.fact("notice_form", form)
    elif unclear_form is not None:
        work.problem("form › notice", unclear_form)
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


_WORKDAYS = re.compile(
    rf"(?<![\w.])(?P<n>{NUMBER_PATTERN})\s+(?P<unit>arbeitstag|werktag)(?:e|en|es)?(?![\wäöü])",
    re.IGNORECASE,
)
_NOTICE_PERIOD_LEFT = re.compile(
    r"(?:frist|kündigungsfrist|kündigungszeit)\s+(?:von\s+|beträgt\s+|in\s+höhe\s+von\s+)?"
    r"(?:mindestens\s+|jeweils\s+|nur\s+)?(?:von\s+)?$|\bmit\s+(?:einer\s+)?$|"
    r"\bunter\s+einhaltung\s+(?:einer\s+)?$|\bbeträgt\s+(?:mindestens\s+)?$",
    re.IGNORECASE,
)


def read_workdays(work: SentenceWork) -> None:
    """ "mit einer Frist von 10 Arbeitstagen", "zwölf Werktage vor Ablauf": the notice."""
    low = work.low
    if "kündig" not in low:
        return
    for match in _WORKDAYS.finditer(low):
        number = match.group("n")
        count = int(number) if number.isdigit() else NUMBER_WORDS[number]
        saturdays = match.group("unit") == "werktag"
        left = low[max(0, match.start() - 60) : match.start()]
        right = low[match.end() : match.end() + 40]
        work.place(match.start(), match.end())
        if not (
            _NOTICE_PERIOD_LEFT.search(left)
            or re.match(r"\s*(?:\([^)]*\)\s*)?vor\s+(?:ablauf|dem\s+ende|ende|beendigung)", right)
        ):
            work.problem(
                "term › notice",
                f"»{work.flat[match.start() : match.end()]}« keiner Kündigungsfrist zuzuordnen; "
                "nicht übernommen",
            )
            continue
        try:
            period = WorkdayPeriod(count, saturdays=saturdays)
        except VereinbarungError as error:
            work.problem("term › notice", f"{error.message}; nicht übernommen")
            continue
        kind = "Montag bis Samstag" if saturdays else "Montag bis Freitag"
        work.fact("notice", period, f"{kind}, ohne die Feiertage des Landes")


_BY_DAY_LEFT = re.compile(
    r"(?:\bbis\s+(?:spätestens\s+)?(?:zum\s+)?|\bspätestens\s+(?:bis\s+)?(?:zum\s+|am\s+)?)$",
    re.IGNORECASE,
)
_RECEIPT = re.compile(
    r"zugeh|zugang|zugegangen|zugestellt|eingeh|eingegangen|eingang|vorliegen|vorliegt",
    re.IGNORECASE,
)


def read_notice_by(work: SentenceWork) -> None:
    """ "Die Kündigung muss bis zum 30.06. eines Jahres zugehen": ``notice_by``."""
    low = work.low
    if "kündig" not in low:
        return
    days = [
        m
        for m in find_dates(work.flat)
        if m.year is None
        and (m.start, m.end) not in work.placed
        and _BY_DAY_LEFT.search(low[max(0, m.start - 30) : m.start])
    ]
    if not days:
        return
    for mention in days:
        work.place(mention.start, mention.end)
    shown = ", ".join(m.raw for m in days)
    if len(days) > 1:
        work.problem("term › notice", f"mehrere Tage für den Zugang ({shown}); keiner übernommen")
        return
    if not _RECEIPT.search(low):
        work.problem(
            "term › notice",
            f"Kündigung »bis zum {shown}«: ob der Zugang oder die Erklärung gemeint ist, steht "
            "nicht da; nicht übernommen – bitte prüfen",
        )
        return
    mention = days[0]
    try:
        by = NoticeBy(mention.month, mention.day)
    except VereinbarungError as error:
        work.problem("term › notice", f"Zugang bis zum {shown}: {error.message}")
        return
    work.fact("notice", by, f"Zugang bis zum {by.text()} eines jeden Jahres (§ 130 BGB)")
