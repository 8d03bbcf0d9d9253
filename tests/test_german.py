"""German wording: the parties block's articles and cases, amounts, periods, the term clause.

The tables are worked examples a lawyer can check line by line.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from vereinbarung.errors import VereinbarungError
from vereinbarung.files.io import load_agreement
from vereinbarung.law.periods import Period
from vereinbarung.law.terms import NoticeTo
from vereinbarung.model.agreement import PartyKind, Representative
from vereinbarung.model.clause_wording import (
    conclusion_line,
    period_words,
    term_heading,
    term_paragraphs,
    title_phrase,
)
from vereinbarung.model.clauses import Term
from vereinbarung.model.german import (
    article,
    declined_name,
    format_amount,
    format_number,
    join_names,
    party_intro,
    represented_by,
    short_name,
    sort_key,
    with_article,
)

EXAMPLES = Path(__file__).parent.parent / "examples"
K = PartyKind

# (name, kind, case, expected) — "zwischen der Stadt Dormagen …" takes the dative
WITH_ARTICLE = [
    ("Stadt Dormagen", K.STADT, "dative", "der Stadt Dormagen"),
    ("Stadt Dormagen", K.STADT, "genitive", "der Stadt Dormagen"),
    ("Stadt Dormagen", K.STADT, "nominative", "die Stadt Dormagen"),
    ("Stadt Dormagen", K.STADT, "accusative", "die Stadt Dormagen"),
    ("Gemeinde Wickede (Ruhr)", K.GEMEINDE, "dative", "der Gemeinde Wickede (Ruhr)"),
    ("Städteregion Aachen", K.STAEDTEREGION, "dative", "der Städteregion Aachen"),
    ("Städteregion Aachen", K.STAEDTEREGION, "accusative", "die Städteregion Aachen"),
    ("Rhein-Kreis-Neuss", K.KREIS, "dative", "dem Rhein-Kreis-Neuss"),
    ("Rhein-Kreis-Neuss", K.KREIS, "genitive", "des Rhein-Kreis-Neuss"),
    ("Rhein-Kreis Neuss", K.KREIS, "genitive", "des Rhein-Kreises Neuss"),
    ("Rhein-Kreis Neuss", K.KREIS, "accusative", "den Rhein-Kreis Neuss"),
    ("Kreis Soest", K.KREIS, "dative", "dem Kreis Soest"),
    ("Kreis Soest", K.KREIS, "genitive", "des Kreises Soest"),
    ("Kreis Soest", K.KREIS, "nominative", "der Kreis Soest"),
    ("Oberbergischer Kreis", K.KREIS, "nominative", "der Oberbergische Kreis"),
    ("Oberbergischer Kreis", K.KREIS, "dative", "dem Oberbergischen Kreis"),
    ("Oberbergischer Kreis", K.KREIS, "genitive", "des Oberbergischen Kreises"),
    ("Oberbergischer Kreis", K.KREIS, "accusative", "den Oberbergischen Kreis"),
    ("Rheinisch-Bergischer Kreis", K.KREIS, "dative", "dem Rheinisch-Bergischen Kreis"),
    ("Hochsauerlandkreis", K.KREIS, "genitive", "des Hochsauerlandkreises"),
    ("Landschaftsverband Rheinland", K.LANDSCHAFTSVERBAND, "dative", "dem Landschaftsverband Rheinland"),
    ("Landschaftsverband Rheinland", K.LANDSCHAFTSVERBAND, "genitive", "des Landschaftsverbandes Rheinland"),
    ("Zweckverband Nahverkehr Rheinland", K.ZWECKVERBAND, "genitive", "des Zweckverbandes Nahverkehr Rheinland"),
    ("Landesbetrieb IT.NRW", None, "dative", "Landesbetrieb IT.NRW"),
    ("Landesbetrieb IT.NRW", K.SONSTIGE, "dative", "Landesbetrieb IT.NRW"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "kind", "case", "expected"), WITH_ARTICLE)
def test_article_and_case_of_a_party(
    name: str, kind: PartyKind | None, case: str, expected: str
) -> None:
    assert with_article(name, kind, case) == expected  # type: ignore[arg-type]


def test_article_alone_and_the_declined_name_compose() -> None:
    for name, kind, case, expected in WITH_ARTICLE:
        first = article(kind, case)  # type: ignore[arg-type]
        rest = declined_name(name, kind, case)  # type: ignore[arg-type]
        assert " ".join(w for w in (first, rest) if w) == expected


def test_unknown_case_is_a_german_error() -> None:
    with pytest.raises(VereinbarungError, match="»dativ« ist kein Fall"):
        article(K.STADT, "dativ")  # type: ignore[arg-type]


def test_parties_block_as_in_seed_002() -> None:
    kinds = [K.STADT, K.STADT, K.STADT, K.STADT, K.KREIS, K.STADT]
    intros = [party_intro(i, len(kinds), k) for i, k in enumerate(kinds)]
    assert intros == ["zwischen der", "der", "der", "der", "dem", "und der"]
    assert party_intro(1, 2, K.KREIS) == "und dem"
    assert party_intro(0, 2, None) == "zwischen"


@pytest.mark.parametrize(
    ("representative", "expected"),
    [
        (Representative(name="Erik Lierenfeld", title="Bürgermeister", salutation="Herr"),
         "Herrn Bürgermeister Erik Lierenfeld"),
        (Representative(name="Ursula Baum", title="Bürgermeisterin", salutation="Frau"),
         "Frau Bürgermeisterin Ursula Baum"),
        (Representative(name="Ursula Baum", title="Bürgermeisterin"),
         "Frau Bürgermeisterin Ursula Baum"),
        (Representative(name="Hans-Jürgen Petrauschke", title="Landrat"),
         "Herrn Landrat Hans-Jürgen Petrauschke"),
        (Representative(name="Martin Esser", title="Städteregionsrat", salutation="Herr"),
         "Herrn Städteregionsrat Martin Esser"),
    ],
)  # fmt: skip
def test_vertreten_durch_takes_the_accusative(
    representative: Representative, expected: str
) -> None:
    assert represented_by(representative) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1234.56"), "1.234,56 €"),
        ("1234.56", "1.234,56 €"),
        (1234.56, "1.234,56 €"),
        (850, "850,00 €"),
        (0, "0,00 €"),
        (Decimal("0.005"), "0,01 €"),  # half up, as in commercial rounding
        (Decimal("2.675"), "2,68 €"),
        (-1234.5, "-1.234,50 €"),
        (Decimal("190000"), "190.000,00 €"),
        (Decimal("1234567.891"), "1.234.567,89 €"),
    ],
)
def test_amounts(value: object, expected: str) -> None:
    assert format_amount(value) == expected


@pytest.mark.parametrize("value", [True, None, "12,50", "abc", float("nan"), float("inf"), [1]])
def test_amount_refuses_what_is_no_amount(value: object) -> None:
    with pytest.raises(VereinbarungError, match="kein Geldbetrag"):
        format_amount(value)


def test_numbers() -> None:
    assert format_number(564444) == "564.444"
    assert format_number(706.92, 2) == "706,92"
    assert format_number(Decimal("33.3333"), 4) == "33,3333"
    assert format_number(2024) == "2.024"  # years are not numbers: print them plainly


@pytest.mark.parametrize(
    ("period", "case", "further", "expected"),
    [
        (Period(months=6), "dative", False, "sechs Monaten"),
        (Period(months=6), "nominative", False, "sechs Monate"),
        (Period(months=1), "dative", False, "einem Monat"),
        (Period(months=1), "accusative", False, "einen Monat"),
        (Period(years=1), "accusative", False, "ein Jahr"),
        (Period(weeks=1), "accusative", False, "eine Woche"),
        (Period(days=14), "dative", False, "14 Tagen"),
        (Period(years=2), "accusative", True, "zwei weitere Jahre"),
        (Period(years=1), "accusative", True, "ein weiteres Jahr"),
        (Period(months=1), "accusative", True, "einen weiteren Monat"),
        (Period(weeks=1), "accusative", True, "eine weitere Woche"),
        (Period(days=1), "accusative", True, "einen weiteren Tag"),
        (Period(years=1, months=6), "accusative", True, "ein Jahr und sechs Monate"),
    ],
)
def test_periods_in_words(period: Period, case: str, further: bool, expected: str) -> None:
    assert period_words(period, case, further=further) == expected


def test_period_in_the_genitive_is_refused() -> None:
    with pytest.raises(VereinbarungError):
        period_words(Period(months=6), "genitive")


@pytest.mark.parametrize(
    ("title", "case", "expected"),
    [
        ("Kooperationsvereinbarung", "accusative", "die Kooperationsvereinbarung"),
        ("Kooperationsvereinbarung", "genitive", "der Kooperationsvereinbarung"),
        ("Öffentlich-rechtliche Vereinbarung", "accusative", "die öffentlich-rechtliche Vereinbarung"),
        ("Öffentlich-rechtliche Vereinbarung", "genitive", "der öffentlich-rechtlichen Vereinbarung"),
        ("Öffentlich-rechtlicher Vertrag", "accusative", "den öffentlich-rechtlichen Vertrag"),
        ("Öffentlich-rechtlicher Vertrag", "nominative", "der öffentlich-rechtliche Vertrag"),
        ("Kooperationsvertrag", "genitive", "des Kooperationsvertrages"),
        ("Verwaltungsabkommen", "genitive", "des Verwaltungsabkommens"),
        ("Konzept Winterdienst", "genitive", "der Vereinbarung „Konzept Winterdienst“"),
    ],
)  # fmt: skip
def test_title_with_article(title: str, case: str, expected: str) -> None:
    assert title_phrase(title, case) == expected  # type: ignore[arg-type]


def test_conclusion_line() -> None:
    assert conclusion_line("Kooperationsvereinbarung") == (
        "wird folgende Kooperationsvereinbarung geschlossen:"
    )
    assert conclusion_line("Öffentlich-rechtliche Vereinbarung") == (
        "wird folgende öffentlich-rechtliche Vereinbarung geschlossen:"
    )
    assert (
        conclusion_line("Verwaltungsabkommen") == "wird folgendes Verwaltungsabkommen geschlossen:"
    )
    assert conclusion_line("Konzept") == "wird folgende Vereinbarung geschlossen:"


def test_names_for_the_profile() -> None:
    assert short_name("Stadt Dormagen", K.STADT) == "Dormagen"
    assert short_name("Gemeinde Ense", K.GEMEINDE) == "Ense"
    assert short_name("Städteregion Aachen", K.STAEDTEREGION) == "Städteregion Aachen"
    assert short_name("Stadt", K.STADT) == "Stadt"
    names = ["Würselen", "Alsdorf", "Übach-Palenberg", "Eschweiler", "Stolberg (Rhld.)"]
    assert sorted(names, key=sort_key) == [
        "Alsdorf", "Eschweiler", "Stolberg (Rhld.)", "Übach-Palenberg", "Würselen",
    ]  # fmt: skip
    assert join_names([]) == ""
    assert join_names(["Jüchen"]) == "Jüchen"
    assert join_names(["A", "B"]) == "A und B"


# -- the term clause worded from the data ----------------------------------------------------

D = dt.date
TERM_CLAUSES = [
    (  # seed 002 § 5
        Term(effective=D(2023, 2, 1), ends=D(2026, 12, 31), renewal=Period(years=2), notice=Period(months=6)),
        [
            "Diese Vereinbarung tritt zum 01.02.2023 in Kraft.",
            "Die Laufzeit dieser Vereinbarung endet am 31.12.2026.",
            "Sie verlängert sich um jeweils zwei weitere Jahre, wenn sie nicht mit einer Frist von "
            "sechs Monaten zum Laufzeitende gekündigt wird. Die Kündigung bedarf der Schriftform.",
        ],
    ),
    (  # duration, renewal by one year, three months
        Term(effective=D(2025, 3, 1), duration=Period(years=3), renewal=Period(years=1), notice=Period(months=3)),
        [
            "Diese Vereinbarung tritt zum 01.03.2025 in Kraft.",
            "Die Laufzeit dieser Vereinbarung beträgt drei Jahre und endet am 29.02.2028.",
            "Sie verlängert sich um jeweils ein weiteres Jahr, wenn sie nicht mit einer Frist von "
            "drei Monaten zum Laufzeitende gekündigt wird. Die Kündigung bedarf der Schriftform.",
        ],
    ),
    (  # indefinite, year end, "frühestens zum"
        Term(effective=D(2024, 1, 1), notice=Period(months=6), notice_to=NoticeTo.YEAR_END, earliest_end=D(2026, 12, 31)),
        [
            "Diese Vereinbarung tritt zum 01.01.2024 in Kraft.",
            "Sie wird auf unbestimmte Zeit geschlossen.",
            "Sie kann von jeder Vertragspartei mit einer Frist von sechs Monaten zum Ende eines "
            "Kalenderjahres, frühestens zum 31.12.2026, gekündigt werden. Die Kündigung bedarf der "
            "Schriftform.",
        ],
    ),
    (  # first term, then indefinite, quarter end
        Term(effective=D(2024, 4, 1), ends=D(2026, 3, 31), renewal="unbestimmte Zeit", notice=Period(months=3), notice_to=NoticeTo.QUARTER_END),
        [
            "Diese Vereinbarung tritt zum 01.04.2024 in Kraft.",
            "Die Laufzeit dieser Vereinbarung endet am 31.03.2026.",
            "Nach Ablauf der Laufzeit verlängert sie sich auf unbestimmte Zeit. Sie kann von jeder "
            "Vertragspartei mit einer Frist von drei Monaten zum Ende eines Kalendervierteljahres "
            "gekündigt werden. Die Kündigung bedarf der Schriftform.",
        ],
    ),
    (  # fixed term, no notice
        Term(effective=D(2022, 7, 1), duration=Period(years=5)),
        [
            "Diese Vereinbarung tritt zum 01.07.2022 in Kraft.",
            "Die Laufzeit dieser Vereinbarung beträgt fünf Jahre und endet am 30.06.2027.",
            "Sie endet mit Ablauf der Laufzeit, ohne dass es einer Kündigung bedarf. Eine "
            "ordentliche Kündigung ist ausgeschlossen.",
        ],
    ),
    (  # fixed term, notice to month end before it where the clause allows it (issue 24)
        Term(effective=D(2022, 7, 1), ends=D(2027, 6, 30), notice=Period(months=1), notice_to=NoticeTo.MONTH_END, notice_during_term=True),
        [
            "Diese Vereinbarung tritt zum 01.07.2022 in Kraft.",
            "Die Laufzeit dieser Vereinbarung endet am 30.06.2027.",
            "Sie endet mit Ablauf der Laufzeit, ohne dass es einer Kündigung bedarf. Sie kann von "
            "jeder Vertragspartei auch vor Ablauf der Laufzeit mit einer Frist von einem Monat zum "
            "Monatsende gekündigt werden. Die Kündigung bedarf der Schriftform.",
        ],
    ),
    (  # the same without it: the fixed term binds (§ 620 Abs. 1 BGB), the notice is moot
        Term(effective=D(2022, 7, 1), ends=D(2027, 6, 30), notice=Period(months=1), notice_to=NoticeTo.MONTH_END),
        [
            "Diese Vereinbarung tritt zum 01.07.2022 in Kraft.",
            "Die Laufzeit dieser Vereinbarung endet am 30.06.2027.",
            "Sie endet mit Ablauf der Laufzeit, ohne dass es einer Kündigung bedarf. Eine "
            "ordentliche Kündigung ist ausgeschlossen.",
        ],
    ),
    (  # renewal without a notice rule
        Term(effective=D(2022, 1, 1), ends=D(2022, 12, 31), renewal=Period(months=1)),
        [
            "Diese Vereinbarung tritt zum 01.01.2022 in Kraft.",
            "Die Laufzeit dieser Vereinbarung endet am 31.12.2022.",
            "Sie verlängert sich jeweils um einen weiteren Monat.",
        ],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("term", "expected"), TERM_CLAUSES)
def test_term_clause_from_the_data(term: Term, expected: list[str]) -> None:
    assert term_paragraphs(term) == expected


def test_term_heading() -> None:
    assert term_heading(TERM_CLAUSES[0][0]) == "Inkrafttreten, Laufzeit, Kündigung"
    assert term_heading(TERM_CLAUSES[4][0]) == "Inkrafttreten, Laufzeit"


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_term_is_worded(example: Path) -> None:
    term = load_agreement(example).term
    paragraphs = term_paragraphs(term)
    assert paragraphs[0].startswith("Diese Vereinbarung tritt zum ")
    assert all(p.endswith(".") and "None" not in p for p in paragraphs)
