"""Checks beyond the schema: what a careful Rechtsamt would point out in an agreement.

The model already refuses what cannot be right (fewer than two parties, a party twice, a
party without representative, a term that ends before it starts). These checks find what is
suspicious or legally thin and report it as a warning:

* section numbering with gaps or out of order (seed 002 jumps from § 3 to § 5);
* an indefinite agreement, or one running longer than 20 years, without a notice rule
  (§ 23 Abs. 5 GkG NRW);
* an automatic renewal without any notice rule (it could never be left);
* "frühestens zum" that is no notice date, references to sections that do not exist;
* likely transcription errors: a fixed term without renewal but a notice to a calendar date
  (a "Mindestlaufzeit" read as a fixed term), a notice period longer than the first term, a
  Kündigungstermin that can never be reached;
* parties without a signature block, signatures after the effective day (under ``contract``
  the agreement then takes effect with the last signature);
* issue 24 (:mod:`vereinbarung.state.term_checks`): a fixed first term that does not end on a
  date of the calendar rule, a notice period longer than the first term (each saying how the
  engine reads it, with the §), and the dates that moved because a fixed term now binds;
* a party that acts for another party of the same agreement;
* a multilateral agreement that does not say what one party's notice does (on_party_notice);
* an Umlage without payee or lead, approval events under the regime ``contract``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from vereinbarung.law.dates import format_date
from vereinbarung.law.terms import NoticeTo, status_on
from vereinbarung.model.agreement import Agreement
from vereinbarung.model.clauses import Term
from vereinbarung.state.term_checks import BINDING, late_signature, moved_dates, term_findings

__all__ = ["Finding", "check_agreement"]


@dataclass(frozen=True, slots=True)
class Finding:
    """A warning from :func:`check_agreement`: the field it concerns and German text."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"Warnung: Feld {self.field}: {self.message}"


def check_agreement(agreement: Agreement, *, on: dt.date | None = None) -> list[Finding]:
    """All findings for *agreement*, in the order of the file.

    With *on*, also what the one state of that day (:func:`vereinbarung.state.day.state_on`)
    says must be entered first (placeholders) and the notices recorded without effect.
    """
    findings: list[Finding] = []
    findings += _section_numbering(agreement)
    findings += _notice_rule(agreement)
    findings += _references(agreement)
    findings += _signatures(agreement)
    late = late_signature(agreement)
    if late is not None:
        findings.append(_warn("term.effective", late))
    findings += _acts_for(agreement)
    findings += _lifecycle(agreement)
    findings += [_warn("review", f"offener Prüfpunkt: {item}") for item in agreement.review]
    if on is not None:
        findings += _state(agreement, on)
    return findings


def _state(agreement: Agreement, on: dt.date) -> list[Finding]:
    from vereinbarung.state.day import state_on

    state = state_on(agreement, on)
    findings = [
        _warn("term.placeholders", point) for point in state.open_points if "Platzhalter" in point
    ]
    findings += [
        _warn("events", warning)
        for warning in state.warnings
        if warning.startswith("Kündigung durch ")
    ]
    # only dates that still matter on the day: not once the agreement has ended, nor once an
    # effective notice or Aufhebung has fixed its end
    moved = moved_dates(agreement, on) if state.status not in ("ended", "notice_given") else None
    if moved is not None:
        findings.append(_warn("term", moved))
    return findings


def _warn(field: str, message: str) -> Finding:
    return Finding(field, message)


def _section_numbering(agreement: Agreement) -> list[Finding]:
    numbers = [s.number for s in agreement.sections]
    if not numbers:
        return [_warn("sections", "die Vereinbarung hat keine Paragraphen (§).")]
    findings = []
    if numbers != sorted(numbers):
        findings.append(
            _warn("sections", f"die Paragraphen stehen nicht in aufsteigender Folge: "
                  f"{', '.join(f'§ {n}' for n in numbers)}.")
        )  # fmt: skip
    ordered = sorted(numbers)
    if ordered[0] != 1:
        findings.append(
            _warn("sections", f"die Zählung beginnt mit § {ordered[0]}, nicht mit § 1.")
        )
    for before, after in itertools.pairwise(ordered):
        if after - before > 1:
            missing = ", ".join(f"§ {n}" for n in range(before + 1, after))
            findings.append(
                _warn("sections", f"Lücke in der Zählung: nach § {before} folgt § {after} "
                      f"({missing} fehlt).")
            )  # fmt: skip
    return findings


def _notice_rule(agreement: Agreement) -> list[Finding]:
    term = agreement.term
    rule = term.rule
    findings = []
    if term.notice is None:
        runs_on = rule.first_end is None or rule.renews_indefinitely
        long = rule.first_end is not None and rule.first_end >= term.effective + relativedelta(
            years=20
        )
        if runs_on:
            findings.append(
                _warn("term.notice", "die Vereinbarung läuft auf unbestimmte Zeit, regelt aber "
                      "keine Kündigung (§ 23 Abs. 5 GkG NRW verlangt das für "
                      "öffentlich-rechtliche Vereinbarungen).")
            )  # fmt: skip
        elif long:
            findings.append(
                _warn("term.notice", "die Laufzeit ist länger als 20 Jahre, eine Kündigung ist "
                      "nicht geregelt (§ 23 Abs. 5 GkG NRW).")
            )  # fmt: skip
        elif rule.renewal is not None:
            findings.append(
                _warn("term.notice", f"die Vereinbarung verlängert sich um jeweils {rule.renewal}, "
                      "es gibt aber keine Kündigungsfrist: sie könnte nie ordentlich enden.")
            )  # fmt: skip
    if term.earliest_end is not None and term.notice is not None:
        first = next(rule.termination_dates(term.earliest_end), None)
        if first != term.earliest_end:
            later = (
                f"; der erste Kündigungstermin danach ist der {format_date(first)}" if first else ""
            )
            findings.append(
                _warn("term.earliest_end", f"»frühestens zum« {format_date(term.earliest_end)} ist "
                      f"kein Kündigungstermin ({term.notice_to.label}){later}.")
            )  # fmt: skip
    findings += [_warn(field, message) for field, message in term_findings(agreement)]
    return findings + _likely_transcription_errors(term)


def _likely_transcription_errors(term: Term) -> list[Finding]:
    """Combinations of term and notice that are almost always a mistake in the file."""
    rule, notice = term.rule, term.notice
    findings: list[Finding] = []
    if notice is None:
        return findings
    natural_end = rule.natural_end
    calendar = term.notice_to is not NoticeTo.TERM_END
    if natural_end is not None and calendar:
        reachable = status_on(rule, rule.effective).notice_deadline is not None
        reading = (
            "So wird gerechnet: Kündigung auch während der Laufzeit (notice_during_term)."
            if term.notice_during_term
            else f"So wird gerechnet: die feste Laufzeit bindet ({BINDING}), eine ordentliche "
            "Kündigung ist nicht möglich, die Vereinbarung endet mit Ablauf der Laufzeit; "
            "erlaubt die Klausel die Kündigung vorher, notice_during_term: true."
        )
        findings.append(
            _warn("term.renewal", f"feste Laufzeit bis {format_date(natural_end)} ohne "
                  f"Verlängerung, aber Kündigung {term.notice_to.label}: meist ist eine "
                  "Mindestlaufzeit gemeint, nach der die Vereinbarung auf unbestimmte Zeit "
                  "weiterläuft (renewal: unbestimmte Zeit, oder earliest_end) – Klausel prüfen. "
                  + reading)
        )  # fmt: skip
        if term.notice_during_term and not reachable:
            findings.append(
                _warn("term.notice_to", f"Kündigungstermin {term.notice_to.label} ist vor dem "
                      f"Laufzeitende {format_date(natural_end)} nie erreichbar: die Kündigung "
                      "könnte nichts bewirken – Klausel prüfen.")
            )  # fmt: skip
    return findings  # a notice period longer than the first term: term_checks


def _references(agreement: Agreement) -> list[Finding]:
    numbers = {s.number for s in agreement.sections}
    findings = []
    if agreement.term.clause and numbers:
        match = re.search(r"§\s*(\d+)", agreement.term.clause)
        if match and int(match.group(1)) not in numbers:
            findings.append(
                _warn("term.clause", f"»{agreement.term.clause}« verweist auf einen Paragraphen, "
                      "den die Vereinbarung nicht hat.")
            )  # fmt: skip
    costs = agreement.costs
    if costs is not None and costs.section is not None and numbers and costs.section not in numbers:
        findings.append(
            _warn("costs.section", f"§ {costs.section} gibt es in der Vereinbarung nicht.")
        )
    return findings


def _signatures(agreement: Agreement) -> list[Finding]:
    if not agreement.signatures:
        return [_warn("signatures", "keine Unterschriftenblöcke.")]
    signed = {s.party for s in agreement.signatures}
    findings = [
        _warn("signatures", f"kein Unterschriftenblock für »{p.name}«.")
        for p in agreement.parties
        if p.name not in signed
    ]
    for signature in agreement.signatures:
        if signature.date is not None and signature.date > agreement.term.effective:
            findings.append(
                _warn("signatures", f"»{signature.party}« unterschreibt am "
                      f"{format_date(signature.date)}, nach dem Inkrafttreten "
                      f"{format_date(agreement.term.effective)}.")
            )  # fmt: skip
    return findings


def _acts_for(agreement: Agreement) -> list[Finding]:
    names = {p.name for p in agreement.parties}
    return [
        _warn("parties", f"»{p.name}« handelt für »{other}«, das selbst Partei ist.")
        for p in agreement.parties
        for other in p.acts_for
        if other in names
    ]


def _lifecycle(agreement: Agreement) -> list[Finding]:
    findings = []
    if len(agreement.parties) > 2 and agreement.on_party_notice is None and agreement.term.notice:
        findings.append(
            _warn("on_party_notice", "nicht geregelt, was die Kündigung einer Partei bewirkt "
                  "(scheidet sie aus oder endet die Vereinbarung für alle?); angenommen wird "
                  "party_leaves.")
        )  # fmt: skip
    costs = agreement.costs
    if (
        costs is not None
        and costs.key is not None
        and costs.payee is None
        and agreement.lead is None
    ):
        findings.append(
            _warn("costs.payee", "Umlage ohne Zahlungsempfänger: payee oder lead angeben.")
        )
    gkg_events = {"approval_requested", "approved", "approval_refused", "published"}
    if agreement.regime.value == "contract" and any(e.type in gkg_events for e in agreement.events):
        findings.append(
            _warn("regime", "Genehmigung/Bekanntmachung erfasst, aber regime ist contract; "
                  "für eine Vereinbarung nach §§ 23–24 GkG NRW regime: gkg angeben.")
        )  # fmt: skip
    return findings
