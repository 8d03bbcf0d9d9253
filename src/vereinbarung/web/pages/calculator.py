"""The Fristenrechner: a term clause without an agreement, answered by the one state.

The parameters (GET, shareable) become a minimal agreement with two placeholder parties, which
:func:`vereinbarung.state_on` answers like any other: the calculator shows no date the register
would not show for the same clause. Anyone may ask, so the computation runs under
:func:`vereinbarung.date_budget` (issue 20); a refused parameter or a clause beyond the budget
is shown on the page with HTTP 422.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import vereinbarung
from vereinbarung.web.pages.structured import TERM_FIELDS

#: GET parameter → field of the term clause.
PARAMETERS = {name: key for name, key in TERM_FIELDS.items() if name != "fruehestens"}
LABELS = {
    "inkrafttreten": "Inkrafttreten",
    "laufzeitende": "Laufzeitende",
    "laufzeit": "Laufzeit",
    "verlaengerung": "Verlängerung",
    "kuendigungsfrist": "Kündigungsfrist",
    "kuendigungstermin": "Kündigungstermin",
    "stichtag": "Stichtag",
}
_PARAMETER_OF_KEY = {key: name for name, key in PARAMETERS.items()}
#: A problem of the file format with a field of the term clause: »Feld term › notice: …«.
_TERM_PROBLEM = re.compile(r"^Feld term › (\w+)(?: › [^:]*)?: (.*)$", re.DOTALL)
_ASSUMED = "Kein Inkrafttreten angegeben: gerechnet, als gelte die Vereinbarung am Stichtag."
_PARTIES = [
    {"name": name, "representative": {"name": "–", "title": "–"}}
    for name in ("Partei A", "Partei B")
]


@dataclass
class Answer:
    """The calculator's result: the state, or German errors by parameter."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    state: vereinbarung.AgreementState | None = None
    notes: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    """The state's derivation, computed with the state (within the budget of the request)."""

    @property
    def asked(self) -> bool:
        return any(self.values.get(name) for name in PARAMETERS)

    @property
    def derivation(self) -> list[str]:
        if self.state is None:
            return []
        skip = ("Inkrafttreten laut", "Unterschriften nicht erfasst", "Wirksam ab", "Hinweis:")
        lines = [line for line in self.lines if not line.startswith(skip)]
        return [*self.notes, *lines]

    @property
    def status(self) -> int:
        """HTTP status of the page: 422 where a parameter is refused, else 200."""
        return 422 if self.errors else 200


def _day(text: str, name: str, errors: dict[str, str]) -> dt.date | None:
    try:
        return vereinbarung.parse_date(text)
    except vereinbarung.VereinbarungError as exc:
        errors[name] = exc.message
        return None


def calculate(query: dict[str, str], today: dt.date) -> Answer:
    """Answer the calculator's parameters (German dates and periods) as of *stichtag*."""
    values = {name: query.get(name, "").strip()[:100] for name in LABELS}
    answer = Answer(values)
    if not answer.asked:
        return answer
    errors = answer.errors
    day = _day(values["stichtag"], "stichtag", errors) if values["stichtag"] else today
    term: dict[str, Any] = {}
    for name, key in PARAMETERS.items():
        if values[name]:
            term[key] = values[name]
    for name in ("inkrafttreten", "laufzeitende"):
        if values[name]:
            parsed = _day(values[name], name, errors)
            if parsed is not None:
                term[PARAMETERS[name]] = parsed.isoformat()
    # periods are read by the file format's own fields (agreement_from_data below): the
    # calculator accepts exactly what a file accepts (»6 Monate«, »10 Arbeitstage«, »12 Werktage«,
    # »unbestimmte Zeit« as Verlängerung) and reports its errors by parameter
    if values["laufzeitende"] and values["laufzeit"]:
        errors["laufzeit"] = "Bitte entweder Laufzeitende oder Laufzeit angeben, nicht beides."
    if errors or day is None:
        return answer
    if "effective" not in term:
        if values["laufzeit"]:
            errors["inkrafttreten"] = "Für eine Laufzeit bitte das Inkrafttreten angeben."
            return answer
        ends = term.get("ends")
        start = min(day, dt.date.fromisoformat(ends)) if ends else day
        term["effective"] = start.isoformat()
        answer.notes.append(_ASSUMED)
    term.setdefault(
        "notice_to", "term_end" if ("ends" in term or "duration" in term) else "year_end"
    )
    data = {
        "title": "Fristenrechner",
        "parties": _PARTIES,
        "on_party_notice": "ends_for_all",
        "term": term,
    }
    try:
        # anyone may ask: the date arithmetic is bounded (a German 422 within a second); the
        # derivation shown on the page is computed here, inside the budget, not while rendering
        with vereinbarung.date_budget():
            agreement = vereinbarung.agreement_from_data(data, source="Fristenrechner")
            state = vereinbarung.state_on(agreement, day)
            answer.lines = [*state.derivation]
        answer.state = state
    except vereinbarung.AgreementFileError as exc:
        for problem in exc.problems:
            match = _TERM_PROBLEM.match(problem)
            parameter = _PARAMETER_OF_KEY.get(match.group(1)) if match else None
            if parameter is not None and match is not None and parameter not in errors:
                errors[parameter] = match.group(2)
            else:
                earlier = errors.get("allgemein")
                errors["allgemein"] = f"{earlier} {problem}" if earlier else problem
    except vereinbarung.VereinbarungError as exc:
        errors["allgemein"] = exc.message.replace("Fristenrechner: ", "")
    return answer
