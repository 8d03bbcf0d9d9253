"""The work area of one sentence of a term clause, shared by the term rules.

:mod:`vereinbarung.importing.term_sentences` reads a sentence with the rules of
:mod:`vereinbarung.importing.term_dates` (Inkrafttreten, Laufzeit, Verlängerung) and
:mod:`vereinbarung.importing.term_notice` (Kündigungstermin, Zugang, Form). Each rule writes
what it finds as a :class:`~vereinbarung.importing.words.Fact` or a review item
(:class:`~vereinbarung.importing.words.Problem`) with the sentence as its source, and *places*
the dates and periods it used: a date or period no rule places becomes a review item.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vereinbarung.importing.words import Fact, Problem, Sentence

__all__ = ["SentenceWork", "clause_of", "left_of"]


@dataclass(slots=True)
class SentenceWork:
    """Work area for one sentence: what was placed, what was found."""

    source: Sentence
    flat: str
    low: str
    facts: list[Fact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    placed: set[tuple[int, int]] = field(default_factory=set)

    def fact(self, name: str, value: object, note: str | None = None) -> None:
        self.facts.append(Fact(name, value, self.source, note))

    def problem(self, name: str, message: str, *, review: bool = True) -> None:
        self.problems.append(Problem(name, message, self.source, review))

    def place(self, start: int, end: int) -> None:
        self.placed.add((start, end))


def left_of(low: str, start: int, width: int = 90) -> str:
    """Text before *start* back to the start of the clause (sentence, ``;``)."""
    piece = low[max(0, start - width) : start]
    cut = max(piece.rfind(";"), piece.rfind(". "))
    return piece[cut + 1 :] if cut >= 0 else piece


def clause_of(low: str, start: int) -> str:
    """The clause around *start*: the text between the ``;`` before and after it."""
    before = max(low.rfind(";", 0, start), -1)
    after = low.find(";", start)
    return low[before + 1 : after if after >= 0 else len(low)]
