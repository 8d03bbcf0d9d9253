"""From the term clause as read to the model's term clause: the day of effect and the rest.

The model needs a day for ``effective`` (:class:`~vereinbarung.model.clauses.Term`). Where the text
names one, it is taken. Where it does not, the import never invents one:

* "am Tage nach ihrer Bekanntmachung": the day after a publication dated in the text
  (§ 24 Abs. 4 GkG NRW), with a review item to check it against the gazette;
* "mit ihrer Unterzeichnung": the last signature, if every signature block is dated;
* otherwise a **placeholder** and a review item: the last dated signature as the earliest day
  the agreement can have taken effect (§ 57 VwVfG NRW, and under GkG approval and publication
  come after it), or, without any date, :data:`PLACEHOLDER_EFFECTIVE` (01.01.1900).

Everything else is kept only where it cannot make a deadline later than the text says:
contradictions and what the model cannot express (a notice "jederzeit", a notice date missing)
are review items, and where a value must be written the one with the earlier deadlines is
taken ("zum Monatsende" for a notice on any day; the longer of two notice periods).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from vereinbarung.importing.term import TermReading
from vereinbarung.importing.words import Fact, Problem, Sentence
from vereinbarung.law.dates import format_date
from vereinbarung.law.notice import NoticeBy
from vereinbarung.law.terms import NoticeTo
from vereinbarung.model.clauses import Term

__all__ = ["PLACEHOLDER_EFFECTIVE", "ResolvedTerm", "resolve_term"]

#: Written as ``effective`` when the text gives no day and no lower bound for it: the model
#: needs a day (see the report of ``vereinbarung import``); always with a review item.
PLACEHOLDER_EFFECTIVE = dt.date(1900, 1, 1)


# -- from the reading to the model's term clause -------------------------------------------------


@dataclass(frozen=True, slots=True)
class ResolvedTerm:
    """The term clause as the model wants it, with sources and notes for each key.

    ``data`` has the keys of :class:`~vereinbarung.model.clauses.Term` (values as Python objects);
    ``sources[key]`` are the facts behind a value, ``notes[key]`` says how it was derived.
    ``placeholder`` is true when ``effective`` is not the day the agreement takes effect.
    """

    data: dict[str, object]
    sources: dict[str, tuple[Fact, ...]]
    notes: dict[str, str]
    placeholder: bool
    gkg: bool
    problems: tuple[Problem, ...]


def _effective(
    reading: TermReading,
    signature_dates: Sequence[dt.date | None],
    publication: dt.date | None,
    problems: list[Problem],
    notes: dict[str, str],
) -> tuple[dt.date, bool]:
    """The day for ``effective`` and whether it is a placeholder (see the module description)."""
    known = [d for d in signature_dates if d is not None]
    all_signed = bool(signature_dates) and len(known) == len(signature_dates)
    last = max(known) if known else None
    basis = reading.effective_basis
    source = next(iter(reading.sources("effective_basis") or reading.sources("effective")), None)
    sentence = source.sentence if source else None

    def fallback(reason: str) -> tuple[dt.date, bool]:
        if last is not None:
            notes["effective"] = (
                f"PLATZHALTER: Tag der letzten datierten Unterschrift ({format_date(last)}) als "
                "frühestmöglicher Tag, nicht das Inkrafttreten"
            )
            consequence = (
                f"eingetragen ist die letzte datierte Unterschrift ({format_date(last)}) als "
                "frühestmöglicher Tag – bitte den Tag des Inkrafttretens eintragen"
            )
            day = last
        else:
            notes["effective"] = (
                f"PLATZHALTER {format_date(PLACEHOLDER_EFFECTIVE)}: das Inkrafttreten steht nicht "
                "im Text"
            )
            consequence = (
                f"eingetragen ist der Platzhalter {format_date(PLACEHOLDER_EFFECTIVE)}; keine Frist "
                "aus dieser Datei gilt, bevor der Tag des Inkrafttretens eingetragen ist"
            )
            day = PLACEHOLDER_EFFECTIVE
        _amend(problems, "term › effective", reason, consequence, sentence)
        return day, True

    if basis == "date" and reading.effective is not None:
        return reading.effective, False
    if basis == "publication_or_date" and reading.effective is not None:
        notes["effective"] = (
            "genannter Tag; wirksam aber nicht vor dem Tag nach der Bekanntmachung "
            "(§ 24 Abs. 4 GkG NRW)"
        )
        problems.append(
            Problem(
                "term › effective",
                f"tritt am {format_date(reading.effective)}, aber nicht vor dem Tag nach der "
                "Bekanntmachung in Kraft: Bekanntmachung mit »vereinbarung record … published« "
                "erfassen",
                sentence,
            )
        )
        return reading.effective, False
    if basis == "publication":
        if publication is not None:
            day = publication + dt.timedelta(days=1)
            notes["effective"] = (
                f"Tag nach der Bekanntmachung vom {format_date(publication)} (§ 24 Abs. 4 GkG NRW)"
            )
            problems.append(
                Problem(
                    "term › effective",
                    f"Inkrafttreten aus der Bekanntmachung vom {format_date(publication)} "
                    f"abgeleitet ({format_date(day)}); bitte mit dem Amtsblatt abgleichen",
                    sentence,
                )
            )
            return day, False
        return fallback(
            "tritt am Tag nach der Bekanntmachung in Kraft, der Tag der Bekanntmachung steht "
            "nicht im Text"
        )
    if basis == "signature":
        offset = reading.effective_offset
        if all_signed and last is not None:
            day = last + dt.timedelta(days=offset)
            notes["effective"] = (
                f"Tag {'nach der' if offset else 'der'} letzten Unterschrift ({format_date(last)})"
            )
            return day, False
        return fallback(
            "tritt mit der Unterzeichnung in Kraft, aber nicht jede Unterschrift ist datiert"
        )
    if reading.effective is None and not any(p.field == "term › effective" for p in problems):
        if all_signed and last is not None:
            notes["effective"] = (
                f"kein Inkrafttreten genannt: Tag der letzten Unterschrift ({format_date(last)}) "
                "angenommen"
            )
            problems.append(
                Problem(
                    "term › effective",
                    "kein Inkrafttreten genannt; angenommen ist der Abschluss mit der letzten "
                    f"Unterschrift am {format_date(last)} – bitte bestätigen",
                )
            )
            return last, False
        return fallback("kein Inkrafttreten gefunden")
    return fallback("Inkrafttreten nicht verstanden")


def _amend(
    problems: list[Problem], name: str, reason: str, consequence: str, sentence: Sentence | None
) -> None:
    """Add *consequence* to the last problem of *name*, or add one with *reason*."""
    for index in range(len(problems) - 1, -1, -1):
        if problems[index].field == name:
            old = problems[index]
            problems[index] = Problem(name, f"{old.message}; {consequence}", old.sentence)
            return
    problems.append(Problem(name, f"{reason}; {consequence}", sentence))


def resolve_term(
    reading: TermReading,
    *,
    signature_dates: Sequence[dt.date | None] = (),
    publication: dt.date | None = None,
) -> ResolvedTerm:
    """The model's term clause from *reading*: the day of effect (from the text, the day after
    the publication, the last signature, or a placeholder), and every value the model can hold.

    *signature_dates* has one entry per party (None where its block has no date); *publication*
    is a day of publication found elsewhere in the text. Whatever is assumed, contradictory or
    left out is a review item; a value is only kept where it cannot make a deadline later than
    the text says.
    """
    problems = list(reading.problems)
    notes: dict[str, str] = {}
    sources: dict[str, tuple[Fact, ...]] = {}
    if not reading.found:
        problems.append(
            Problem("term", "keine Laufzeitklausel gefunden (Inkrafttreten, Laufzeit, Kündigung)")
        )
    effective, placeholder = _effective(reading, signature_dates, publication, problems, notes)
    sources["effective"] = tuple(reading.sources("effective") + reading.sources("effective_basis"))
    first = reading.sources

    def review(name: str, message: str, facts: Sequence[Fact] = ()) -> None:
        problems.append(Problem(f"term › {name}", message, facts[0].sentence if facts else None))

    ends, duration = reading.ends, reading.duration
    if ends is not None and ends < effective and not placeholder:
        review(
            "ends",
            f"Laufzeitende {format_date(ends)} liegt vor dem Inkrafttreten "
            f"{format_date(effective)}; nicht übernommen",
            first("ends"),
        )
        ends = None
    if ends is not None and placeholder and ends < effective:
        ends = None  # a lower bound after the end: the lower bound is wrong, the review says so
    if ends is not None and duration is not None:
        if not placeholder and duration.end_of_term(effective) == ends:
            notes["duration"] = f"Dauer {duration} endet am {format_date(ends)}, wie im Text"
            ends = None
        else:
            if not placeholder:
                review(
                    "duration",
                    f"Dauer {duration} ab {format_date(effective)} endet am "
                    f"{format_date(duration.end_of_term(effective))}, der Text nennt "
                    f"{format_date(ends)}; das Datum aus dem Text übernommen",
                    first("duration"),
                )
            duration = None
    if reading.indefinite and (ends is not None or duration is not None):
        review(
            "ends",
            "»auf unbestimmte Zeit« und ein Laufzeitende zugleich; das Laufzeitende übernommen",
            first("indefinite"),
        )
    has_end = ends is not None or duration is not None
    renewal = reading.renewal
    if reading.renewal_same_as_duration and renewal is None:
        if duration is not None:
            renewal = duration
            notes["renewal"] = "Verlängerung um die gleiche Dauer wie die erste Laufzeit"
        else:
            review("renewal", "Verlängerung »um die gleiche Laufzeit«, aber keine Dauer genannt")
    if renewal is not None and not has_end:
        review(
            "renewal", "Verlängerung, aber kein Laufzeitende gefunden; nicht übernommen",
            first("renewal"),
        )  # fmt: skip
        renewal = None
    notice, notice_to = reading.notice, reading.notice_to
    if notice is not None and notice_to is None and reading.notice_to_unsupported:
        notice_to = NoticeTo.TERM_END if has_end else NoticeTo.MONTH_END
        _amend(
            problems,
            "term › notice_to",
            "Kündigungstermin nicht darstellbar",
            f"vorsichtshalber »{notice_to.label}« eingetragen – bitte prüfen",
            first("notice")[0].sentence if first("notice") else None,
        )
    if notice is not None and notice_to is None:
        if has_end and reading.notice_to_in_renewal:
            notice_to = NoticeTo.TERM_END
            notes["notice_to"] = "die Kündigung verhindert die Verlängerung: zum Laufzeitende"
        elif has_end:
            notice_to = NoticeTo.TERM_END
            review(
                "notice_to", "Kündigungstermin nicht genannt; »zum Laufzeitende« angenommen",
                first("notice"),
            )  # fmt: skip
        else:
            notice_to = NoticeTo.MONTH_END
            review(
                "notice_to",
                "Kündigungstermin nicht genannt; »zum Monatsende« eingetragen (der früheste "
                "Termin, den das Modell kennt) – bitte prüfen",
                first("notice"),
            )
    if notice_to is NoticeTo.TERM_END and not has_end:
        if notice is not None:
            review(
                "notice_to",
                "»zum Laufzeitende«, aber keine Laufzeit gefunden; »zum Monatsende« eingetragen "
                "– bitte prüfen",
                first("notice_to"),
            )
            notice_to = NoticeTo.MONTH_END
        else:
            notice_to = None
    if notice_to is not None and notice is None and reading.notice_excluded:
        notice_to = None
    if notice_to is not None and notice is None:
        review("notice", "Kündigungstermin genannt, aber keine Kündigungsfrist gefunden",
               first("notice_to"))  # fmt: skip
    if (
        notice is None
        and not reading.notice_excluded
        and not any(p.field == "term › notice" for p in problems)
    ):
        if renewal is not None:
            review("notice", "Verlängerung, aber keine Kündigungsfrist gefunden", first("renewal"))
        elif not has_end and reading.found:
            review(
                "notice",
                "unbefristet, aber keine Kündigungsregel gefunden (§ 23 Abs. 5 GkG NRW)",
                first("indefinite"),
            )
    earliest = reading.earliest_end
    if earliest is not None and earliest < effective:
        review(
            "earliest_end",
            f"»frühestens zum« {format_date(earliest)} liegt vor dem Inkrafttreten; nicht "
            "übernommen",
            first("earliest_end"),
        )
        earliest = None
    minimum = reading.minimum_term
    minimum_sources: tuple[Fact, ...] = ()
    if minimum is not None and placeholder:
        review(
            "earliest_end",
            f"Mindestlaufzeit {minimum} ab Inkrafttreten erkannt, das Inkrafttreten ist aber nicht "
            "bekannt; »frühestens zum« nicht eingetragen – bitte ergänzen",
            first("minimum_term"),
        )
    elif minimum is not None:
        day = minimum.end_of_term(effective)
        if earliest is None or day > earliest:
            earliest = day
            minimum_sources = tuple(first("minimum_term"))
            notes["earliest_end"] = (
                f"Mindestlaufzeit {minimum} ab dem Inkrafttreten {format_date(effective)}: "
                f"frühestes Ende {format_date(day)} (§§ 187, 188 BGB)"
            )
            if reading.minimum_unclear:
                review(
                    "earliest_end",
                    f"»frühestens/erstmals nach Ablauf von {minimum}« als frühestes Ende "
                    f"{format_date(day)} übernommen; darf erst danach gekündigt werden, endet "
                    "die Vereinbarung später – bitte prüfen",
                    first("minimum_term"),
                )
    data: dict[str, object] = {}
    if reading.clause:
        data["clause"] = reading.clause
    data["effective"] = effective
    if ends is not None:
        data["ends"] = ends
        sources["ends"] = tuple(first("ends"))
    if duration is not None:
        data["duration"] = duration
        sources["duration"] = tuple(first("duration") + first("ends"))
    if renewal is not None:
        data["renewal"] = renewal
        sources["renewal"] = tuple(first("renewal") + first("renewal_same_as_duration"))
    if notice is not None:
        key = "notice_by" if isinstance(notice, NoticeBy) else "notice"  # as the file writes it
        data[key] = notice
        sources[key] = tuple(first("notice"))
    if notice_to is not None:
        data["notice_to"] = notice_to
        sources["notice_to"] = tuple(first("notice_to") or first("notice"))
    if earliest is not None:
        data["earliest_end"] = earliest
        sources["earliest_end"] = minimum_sources or tuple(first("earliest_end"))
    if reading.notice_during_term and notice is not None and (ends or duration) is not None:
        # »kann auch vor Ablauf der Laufzeit … gekündigt werden« (issue 24)
        data["notice_during_term"] = True
        sources["notice_during_term"] = tuple(first("notice_during_term"))
    if placeholder and "placeholders" in Term.model_fields:
        data["placeholders"] = ["effective"]  # the agreement is unconfirmed until it is filled in
    return ResolvedTerm(
        data=data,
        sources=sources,
        notes=notes,
        placeholder=placeholder,
        gkg=reading.gkg,
        problems=tuple(problems),
    )
