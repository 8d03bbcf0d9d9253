"""The clauses the structured form produces, shown live beside it (»So liest sich die Vereinbarung«).

The form's values are written into the file text (:mod:`.form_writer`) and validated by the
library exactly as a save would (:func:`vereinbarung.web.register.services.validate_text`,
nothing stored); the preview then words the agreement as its documents do: the term clause
(:func:`vereinbarung.term_paragraphs`, seed 002 § 5), the Rechtsform, what one party's notice
causes, whose holidays a count of Arbeitstage leaves out, the Umlage of a budget year
(:func:`vereinbarung.cost_shares`; while the one state, :func:`vereinbarung.state_on`, says
the agreement is not yet in force – for a GkG agreement before approval and publication,
§ 24 GkG NRW – the preview says the Umlage applies only from then) and the signature blocks. Where the form has errors, the
preview lists them in German instead (no raw values of the file format).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import vereinbarung
from vereinbarung.web import clock
from vereinbarung.web.register import services

if TYPE_CHECKING:
    from vereinbarung.web.pages.structured import AgreementForm

__all__ = ["Clause", "Preview", "preview"]


@dataclass
class Clause:
    """One part of the preview: a heading and its sentences."""

    heading: str
    lines: list[str]


@dataclass
class Preview:
    """The clauses of the form, or the German problems that keep them from being shown."""

    clauses: list[Clause] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def preview(form: AgreementForm, existing: str | None) -> Preview:
    """The clauses *form* produces (its errors are put next to their fields, too)."""
    text = form.to_yaml(existing)
    if not form.errors and not form.general:
        try:
            agreement, _ = services.validate_text(text)
        except vereinbarung.VereinbarungError as exc:
            form.add_library_errors(services.problems(exc))
        else:
            return Preview(clauses=describe(agreement))
    problems = [*form.general, *(f"{label}: {message}" for _, label, message in form.error_items)]
    return Preview(problems=problems)


def describe(agreement: vereinbarung.Agreement) -> list[Clause]:
    """The agreement's clauses in the words of its documents."""
    clauses = [
        Clause("Rechtsform", [agreement.regime.label]),
        Clause("Inkrafttreten, Laufzeit, Kündigung", vereinbarung.term_paragraphs(agreement.term)),
    ]
    if len(agreement.parties) > 2 or agreement.on_party_notice is not None:
        policy = agreement.on_party_notice or vereinbarung.OnPartyNotice.PARTY_LEAVES
        note = "" if agreement.on_party_notice else " (nicht geregelt: so wird es angenommen)"
        sentence = policy.label[:1].upper() + policy.label[1:]
        clauses.append(Clause("Wenn eine Partei kündigt", [sentence + note + "."]))
    land = vereinbarung.LANDS[agreement.land]
    local = [vereinbarung.LOCAL_HOLIDAYS[key].name for key in agreement.local_holidays]
    clauses.append(Clause("Feiertage bei Arbeits- und Werktagen", [
        f"Gesetzliche Feiertage in {land}" + (f" und {', '.join(local)}" if local else "") + "."
    ]))  # fmt: skip
    if agreement.costs is not None:
        clauses.append(Clause("Kosten", _cost_lines(agreement)))
    if agreement.signatures:
        clauses.append(
            Clause("Unterschriften", [_signature_line(agreement, s) for s in agreement.signatures])
        )
    return clauses


def _cost_lines(agreement: vereinbarung.Agreement) -> list[str]:
    costs = agreement.costs
    assert costs is not None
    lines = [costs.summary]
    if costs.key is None:
        return lines
    year = max(clock.today().year, agreement.term.effective.year)
    # the shares as they will be once the agreement is in force (signed by all, published):
    # the preview shows what the clause says, not the state of today
    data = agreement.model_dump(mode="json", exclude_none=True)
    day = agreement.term.effective.isoformat()
    data.update(regime="contract", review=[], events=[
        {"type": "signed", "party": party.name, "date": day} for party in agreement.parties
    ])  # fmt: skip
    in_force = vereinbarung.agreement_from_data(data, source="Vorschau")
    try:
        shares = vereinbarung.cost_shares(in_force, year)
    except vereinbarung.VereinbarungError as exc:
        return [*lines, f"Umlage {year}: {exc.message}", *_not_yet(agreement)]
    lines.append(
        f"Umlage {year}: {vereinbarung.format_amount(shares.amount)} {costs.key.label}"
        + (f", zu zahlen an {shares.payee}" if shares.payee else "")
        + "."
    )
    lines += [f"{row.party}: {vereinbarung.format_amount(row.amount)}" for row in shares.rows]
    return [*lines, *_not_yet(agreement)]


#: States of the one state function in which nothing of the agreement applies yet.
NOT_YET = ("draft", "awaiting_approval", "awaiting_publication", "not_in_force")


def _not_yet(agreement: vereinbarung.Agreement) -> list[str]:
    """A sentence that the Umlage applies only once in force, while the state says it is not."""
    today = clock.today()
    try:
        state = vereinbarung.state_on(agreement, today)
    except vereinbarung.VereinbarungError:
        return []
    if state.status not in NOT_YET:
        return []
    when = (
        "nach Genehmigung durch die Aufsichtsbehörde und öffentlicher Bekanntmachung "
        "(§ 24 GkG NRW) "
        if agreement.regime is vereinbarung.Regime.GKG
        else ""
    )
    return [
        f"Die Umlage gilt erst, wenn die Vereinbarung {when}in Kraft ist – Stand am "
        f"{vereinbarung.format_date(today)}: {state.status_label}."
    ]


def _signature_line(agreement: vereinbarung.Agreement, signature: vereinbarung.Signature) -> str:
    party = agreement.party(signature.party)
    rep = party.representative
    day = vereinbarung.format_date(signature.date) if signature.date else "________"
    who = f"{signature.name or rep.name}, {signature.title or rep.title}"
    return f"{signature.party}: {signature.place}, den {day} – {who}"
