"""The term clause in words: Inkrafttreten, Laufzeit, Verlängerung, Kündigung, put together.

Rule-based, sentence by sentence: :func:`read_sentence`
(:mod:`vereinbarung.importing.term_sentences`, with the rules of
:mod:`vereinbarung.importing.term_dates` and :mod:`vereinbarung.importing.term_notice`) gives
the facts of one sentence; :func:`read_term` puts the sentences of an agreement together into a
:class:`TermReading`. Sentences in the term section win over others; two sentences that
disagree become a review item (:class:`~vereinbarung.importing.words.Problem`), never a value
(for the notice period and »frühestens zum« the longer one is kept, with a review item, for a
Mindestlaufzeit the shorter). What the model cannot say (a renewal to a fixed day) is a review
item too.

>>> reading = read_term([Sentence("Diese Vereinbarung tritt zum 1. Februar 2023 in Kraft.", 5, 1),
...                      Sentence("Sie wird auf unbestimmte Zeit geschlossen und kann mit einer "
...                               "Frist von sechs Monaten zum Ende eines Kalenderjahres gekündigt "
...                               "werden.", 5, 2)])
>>> reading.effective, reading.indefinite, str(reading.notice), reading.notice_to.value
(datetime.date(2023, 2, 1), True, '6 Monate', 'year_end')
>>> reading.problems
()
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from vereinbarung.importing.term_sentences import read_sentence
from vereinbarung.importing.words import Fact, Problem, Sentence
from vereinbarung.law.dates import format_date
from vereinbarung.law.notice import NoticeBy, NoticePeriod, WorkdayPeriod
from vereinbarung.law.periods import Period
from vereinbarung.law.terms import NoticeDays, NoticeTo
from vereinbarung.model.events import OnPartyNotice

__all__ = [
    "EffectiveBasis",
    "TermReading",
    "read_sentence",
    "read_term",
]

EffectiveBasis = Literal[
    "date",  # a day named in the text
    "publication",  # the day after the publication (§ 24 Abs. 4 GkG NRW)
    "publication_or_date",  # a named day, but not before the day after the publication
    "signature",  # the day of the last signature (+ offset)
    "unknown",  # no rule, or a wording the rules do not know
]


# -- putting the sentences together --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TermReading:
    """The term clause as read from the sentences, before the model's rules apply.

    ``effective`` is None when the text names no day (then ``effective_basis`` says on what it
    depends). Each value's sources are in ``facts``; ``problems`` lists the review items.
    """

    effective: dt.date | None = None
    effective_basis: EffectiveBasis = "unknown"
    effective_offset: int = 0
    ends: dt.date | None = None
    duration: Period | None = None
    indefinite: bool = False
    renewal: Period | str | None = None
    renewal_same_as_duration: bool = False
    notice: NoticePeriod | None = None
    notice_to: NoticeTo | NoticeDays | None = None
    notice_to_in_renewal: bool = False
    notice_to_unsupported: bool = False
    notice_excluded: bool = False
    notice_during_term: bool = False
    earliest_end: dt.date | None = None
    minimum_term: Period | None = None
    minimum_unclear: bool = False
    notice_form: str | None = None
    notice_addressees: str | None = None
    amendment_form: str | None = None
    on_party_notice: OnPartyNotice | None = None
    gkg: bool = False
    clause: str | None = None
    facts: tuple[Fact, ...] = ()
    problems: tuple[Problem, ...] = ()

    def sources(self, name: str) -> list[Fact]:
        """The facts behind the value *name* (e.g. ``effective``, ``notice``)."""
        return [f for f in self.facts if f.field == name]

    @property
    def found(self) -> bool:
        """Whether any sentence said anything about the term."""
        return any(
            f.field
            in ("effective", "effective_basis", "ends", "duration", "indefinite", "renewal",
                "notice", "notice_to", "earliest_end", "minimum_term")
            for f in self.facts
        )  # fmt: skip


_TERM_FIELDS = (
    "effective", "ends", "duration", "renewal", "notice", "notice_to", "earliest_end",
    "minimum_term",
)  # fmt: skip


def _pick(
    name: str,
    facts: Sequence[Fact],
    problems: list[Problem],
    *,
    conservative: str | None = None,
) -> Fact | None:
    """The one value for *name*: sources in term sections win over others; disagreement is a
    review item. *conservative* ("max"/"min") picks among disagreeing values, else none."""
    candidates = [f for f in facts if f.field == name]
    if not candidates:
        return None
    preferred = [f for f in candidates if f.sentence.in_term_section] or candidates
    values = []
    for fact in preferred:
        if fact.value not in values:
            values.append(fact.value)
    if len(values) == 1:
        return preferred[0]
    shown = ", ".join(_show(v) for v in values)
    if conservative is None:
        problems.append(
            Problem(f"term › {name}", f"widersprüchliche Angaben ({shown}); keine übernommen",
                    preferred[1].sentence)
        )  # fmt: skip
        return None
    if len({_kind(v) for v in values}) > 1:  # 6 Monate against 10 Arbeitstage: no order
        problems.append(
            Problem(f"term › {name}", f"widersprüchliche Angaben ({shown}); keine übernommen",
                    preferred[1].sentence)
        )  # fmt: skip
        return None
    key = _sort_key
    chosen = max(preferred, key=key) if conservative == "max" else min(preferred, key=key)
    problems.append(
        Problem(
            f"term › {name}",
            f"widersprüchliche Angaben ({shown}); vorsichtshalber {_show(chosen.value)} übernommen",
            preferred[1].sentence,
        )
    )
    return chosen


def _kind(value: object) -> object:
    """Values of one kind can be ordered: periods, Arbeitstage, Werktage; each day of receipt
    (``notice_by``) is a kind of its own."""
    if isinstance(value, WorkdayPeriod):
        return ("workdays", value.saturdays)
    if isinstance(value, NoticeBy):
        return value
    return type(value)


def _sort_key(fact: Fact) -> tuple[int, int]:
    value = fact.value
    if isinstance(value, dt.date):
        return (value.toordinal(), 0)
    if isinstance(value, Period):
        return (12 * value.years + value.months, 7 * value.weeks + value.days)
    if isinstance(value, WorkdayPeriod):
        return (0, value.count)
    return (0, 0)


def _show(value: object) -> str:
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, NoticeTo | NoticeDays):
        return value.label
    return str(value)


def read_term(sentences: Iterable[Sentence]) -> TermReading:
    """Read the term clause from *sentences* (all sentences of the sections, in order).

    Sentences with ``in_term_section`` (the section headed "Laufzeit", "Inkrafttreten",
    "Kündigung" …) win over sentences elsewhere; disagreement is a review item.
    """
    facts: list[Fact] = []
    problems: list[Problem] = []
    renewal_sentences: set[int] = set()
    for sentence in sentences:
        found, trouble = read_sentence(sentence)
        facts += found
        problems += trouble
        names = {f.field for f in found}
        if (
            "notice" in names
            and "renewal" in names
            and re.search(
                r"\b(?:wenn|sofern|falls|soweit)\b[^.]*\bnicht\b", sentence.text, re.IGNORECASE
            )
        ):
            renewal_sentences.add(id(sentence))
    values: dict[str, Fact | None] = {}
    values["effective"] = _pick("effective", facts, problems)
    values["ends"] = _pick("ends", facts, problems)
    values["duration"] = _pick("duration", facts, problems)
    values["renewal"] = _pick("renewal", facts, problems)
    values["notice"] = _pick("notice", facts, problems, conservative="max")
    values["notice_to"] = _pick("notice_to", facts, problems)
    values["earliest_end"] = _pick("earliest_end", facts, problems, conservative="max")
    values["minimum_term"] = _pick("minimum_term", facts, problems, conservative="min")
    basis_fact = _pick("effective_basis", facts, problems)
    offset_fact = _pick("effective_offset", facts, problems)
    on_party = _pick("on_party_notice", facts, problems)
    notice_fact = values["notice"]

    def value(name: str) -> object:
        fact = values.get(name)
        return fact.value if fact is not None else None

    effective = value("effective")
    basis = str(basis_fact.value) if basis_fact else ("date" if effective else "unknown")
    renewal = value("renewal")
    notice = value("notice")
    notice_to = value("notice_to")
    clause = None
    anchors = [f for f in facts if f.field in _TERM_FIELDS and f.sentence.section is not None]
    if anchors:
        counts: dict[int, int] = {}
        for fact in anchors:
            section = fact.sentence.section
            if section is not None:
                counts[section] = counts.get(section, 0) + 1
        clause = f"§ {max(counts, key=lambda n: (counts[n], -n))}"
    return TermReading(
        effective=effective if isinstance(effective, dt.date) else None,
        effective_basis=basis,  # type: ignore[arg-type]
        effective_offset=int(offset_fact.value) if offset_fact else 0,  # type: ignore[call-overload]
        ends=value("ends"),  # type: ignore[arg-type]
        duration=value("duration"),  # type: ignore[arg-type]
        indefinite=any(f.field == "indefinite" for f in facts),
        renewal=renewal if isinstance(renewal, Period | str) else None,
        renewal_same_as_duration=any(f.field == "renewal_same_as_duration" for f in facts),
        notice=notice if isinstance(notice, Period | WorkdayPeriod | NoticeBy) else None,
        notice_to=notice_to if isinstance(notice_to, NoticeTo | NoticeDays) else None,
        notice_to_in_renewal=notice_fact is not None
        and id(notice_fact.sentence) in renewal_sentences,
        notice_to_unsupported=any(f.field == "notice_to_unsupported" for f in facts),
        notice_excluded=any(f.field == "notice_excluded" for f in facts),
        notice_during_term=any(f.field == "notice_during_term" for f in facts),
        earliest_end=value("earliest_end"),  # type: ignore[arg-type]
        minimum_term=value("minimum_term"),  # type: ignore[arg-type]
        minimum_unclear=any(f.field == "minimum_unclear" for f in facts),
        notice_form=next((str(f.value) for f in facts if f.field == "notice_form"), None),
        notice_addressees=next(
            (str(f.value) for f in facts if f.field == "notice_addressees"), None
        ),
        amendment_form=next((str(f.value) for f in facts if f.field == "amendment_form"), None),
        on_party_notice=on_party.value if on_party else None,  # type: ignore[arg-type]
        gkg=any(f.field == "regime" for f in facts) or basis.startswith("publication"),
        clause=clause,
        facts=tuple(facts),
        problems=tuple(problems),
    )
