"""CSV cells safe for a spreadsheet (OWASP »CSV injection«): :func:`vereinbarung.csv_cell` and
``costs --format csv``."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

import vereinbarung

from .cli_runner import run

EXAMPLE = Path(__file__).parent.parent / "examples" / "adoptionsvermittlung-rhein-kreis-neuss.yaml"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+49 2131 928-0", "'+49 2131 928-0"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("@SUMME(A1)", "'@SUMME(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("'s Hertogenbosch", "''s Hertogenbosch"),
        ("Bauhof =1", "Bauhof =1"),
        ("", ""),
        (None, ""),
        ("-12,50", "-12,50"),
        ("-1.234,56", "-1.234,56"),
        ("+3", "+3"),
        (-3, -3),
        (Decimal("-12.50"), Decimal("-12.50")),
        (-0.5, -0.5),
    ],
)
def test_cell(value: str | int | float | Decimal | None, cell: object) -> None:
    assert vereinbarung.csv_cell(value) == cell
    if isinstance(value, str):
        assert vereinbarung.csv_cell_text(str(vereinbarung.csv_cell(value))) == value


def test_costs_csv_neutralises_a_party_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = tmp_path / "umlage.yaml"
    hostile.write_text(
        EXAMPLE.read_text("utf-8").replace("Stadt Grevenbroich", "=Stadt Grevenbroich"), "utf-8"
    )
    code, out, err = run(capsys, "costs", str(hostile), "--year", "2025", "--format", "csv")
    assert code == 0, err
    table = list(csv.reader(io.StringIO(out.lstrip("\ufeff")), delimiter=";"))
    parties = {row[1] for row in table[1:]}
    assert "'=Stadt Grevenbroich" in parties
    assert not any(p.startswith("=") for p in parties)
    for row in table[1:]:
        assert row[0] == "2025"
        assert float(row[4].replace(",", ".")) > 0  # amounts stay numbers
