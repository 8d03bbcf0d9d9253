"""Import of the list staff keep today (issue 22): Excel/CSV rows as unconfirmed agreements.

Generated .xlsx (openpyxl) and .csv files: headers in German variants, dates as text, as Excel
dates and as Excel day numbers, »6 Monate« / »3 Monate zum Jahresende«; hostile files (formula
cells such as =HYPERLINK, too many rows, a zip bomb, a damaged archive, too long cells). Bad
rows: a German message naming the file, row, column and value, and nothing written."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

import vereinbarung
from vereinbarung.importing.table import MAX_ROWS

from .cli_runner import run

DAY = dt.date(2026, 12, 7)


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_an_excel_list_with_german_headers_becomes_unconfirmed_agreements(tmp_path: Path) -> None:
    file = _xlsx(tmp_path / "liste.xlsx", [
        ["Lfd. Nr.", " TITEL ", "Vertrags-Partner", "gültig ab", "Laufzeit bis", "Kündigungsfrist"],
        [1, "Interkommunaler Bauhof", "Stadt Adenau; Gemeinde Barweiler", dt.datetime(2020, 1, 1),
         "31.12.2030", "3 Monate zum Jahresende"],
        [2, "Volkshochschule", "Stadt Kaarst, Stadt Korschenbroich", 43831, "unbefristet",
         "6 Monate"],
    ])  # fmt: skip
    rows = vereinbarung.import_table(str(file))
    assert [r.row for r in rows] == [2, 3]
    bauhof, vhs = (r.agreement for r in rows)
    assert bauhof.title == "Interkommunaler Bauhof"
    assert [p.name for p in bauhof.parties] == ["Stadt Adenau", "Gemeinde Barweiler"]
    assert bauhof.term.effective == dt.date(2020, 1, 1)
    assert bauhof.term.ends == dt.date(2030, 12, 31)
    assert str(bauhof.term.notice) == "3 Monate"
    assert bauhof.term.notice_to == vereinbarung.NoticeTo("year_end")
    assert vhs.term.effective == dt.date(2020, 1, 1)  # Excel's day number 43831
    assert vhs.term.ends is None
    assert vhs.term.notice_to == vereinbarung.NoticeTo("month_end")
    assert any("»zum Monatsende« eingetragen" in point for point in vhs.review)
    for row in rows:
        assert "Zeile" in row.review[0]
        assert vereinbarung.state_on(row.agreement, DAY).status == "unconfirmed"
        assert all(p.representative.name == "N. N." for p in row.agreement.parties)


def test_a_missing_beginn_is_a_placeholder_and_never_a_deadline(tmp_path: Path) -> None:
    file = _csv(
        tmp_path / "liste.csv", "Titel;Partner;Kündigungsfrist\nVHS;Stadt A, Stadt B;6 Monate\n"
    )
    (row,) = vereinbarung.import_table(str(file))
    assert row.agreement.term.placeholders == ("effective",)
    assert any("Platzhalter 01.01.1900" in point for point in row.review)
    state = vereinbarung.state_on(row.agreement, DAY)
    assert state.status == "unconfirmed"
    assert state.notice_deadline is None


def test_excel_csv_in_windows_1252_with_commas_and_an_own_party(tmp_path: Path) -> None:
    text = 'Bezeichnung,Kooperationspartner,Beginn,Frist\n"Gemeinsame Vergabestelle",Stadt Soest,01.07.2021,"6 Monate zum Ende des Kalenderjahres"\n'
    file = _csv(tmp_path / "liste.csv", text, "cp1252")
    (row,) = vereinbarung.import_table(str(file), own_party="Gemeinde Möhnesee")
    assert [p.name for p in row.agreement.parties] == ["Gemeinde Möhnesee", "Stadt Soest"]
    assert row.agreement.term.notice_to == vereinbarung.NoticeTo("year_end")
    text = vereinbarung.row_yaml(row)
    assert text.startswith("review:\n")
    assert (
        vereinbarung.agreement_from_data(vereinbarung.read_data(_csv(tmp_path / "a.yaml", text)))
        == row.agreement
    )


def test_und_in_a_name_is_never_split_but_a_review_point(tmp_path: Path) -> None:
    text = "Titel;Partner\nAbwasser;Zweckverband Wasser und Abwasser, Stadt Jüchen\n"
    (row,) = vereinbarung.import_table(str(_csv(tmp_path / "l.csv", text)))
    assert [p.name for p in row.agreement.parties] == [
        "Zweckverband Wasser und Abwasser",
        "Stadt Jüchen",
    ]
    assert "Partei »Zweckverband Wasser und Abwasser«: eine Partei oder mehrere?" in row.review[2]


def test_columns_can_be_mapped_by_hand(tmp_path: Path) -> None:
    file = _csv(
        tmp_path / "liste.csv",
        "Sache;Wer;Start\nBauhof;Stadt A; Stadt B;\n".replace("; Stadt B;", ";01.01.2024"),
    )
    sheet = vereinbarung.read_sheet(file)
    with pytest.raises(vereinbarung.TableImportError, match="keine Spalte »Titel« gefunden"):
        vereinbarung.table_agreements(sheet)
    file = _csv(tmp_path / "liste.csv", "Sache;Wer;Start\nBauhof;Stadt A, Stadt B;01.01.2024\n")
    rows = vereinbarung.table_agreements(
        vereinbarung.read_sheet(file), {"title": 0, "parties": 1, "effective": 2}
    )
    assert rows[0].agreement.term.effective == dt.date(2024, 1, 1)


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (["Bauhof", "Stadt A, Stadt B", "31.02.2020", "6 Monate"],
         "Zeile 2, Spalte C »Beginn«, Wert »31.02.2020«: »31.02.2020« ist kein gültiges Datum"),
        (["Bauhof", "Stadt A, Stadt B", 12, "6 Monate"],
         "Zeile 2, Spalte C »Beginn«, Wert »12«: die Zahl 12 ist kein Datum"),
        (["Bauhof", "Stadt A", "01.01.2020", "6 Monate"],
         "Zeile 2, Spalte B »Partner«, Wert »Stadt A«: mindestens zwei Parteien nötig"),
        (["Bauhof", "Stadt A, Stadt B", "01.01.2020", "6 Monate zum Nimmerleinstag"],
         "Zeile 2, Spalte D »Kündigungsfrist«, Wert »6 Monate zum Nimmerleinstag«: "
         "Kündigungstermin »Nimmerleinstag« nicht verstanden"),
        (["Bauhof", "Stadt A, Stadt B", "01.01.2020", "sechs Monde"],
         "Zeile 2, Spalte D »Kündigungsfrist«, Wert »sechs Monde«: Feld term › notice"),
        (["", "Stadt A, Stadt B", "01.01.2020", "6 Monate"],
         "Zeile 2, Spalte A »Titel«, Wert »«: der Titel fehlt"),
    ],
)  # fmt: skip
def test_a_bad_row_names_file_row_column_and_value_and_refuses_the_list(
    tmp_path: Path, cells: list[object], message: str
) -> None:
    file = _xlsx(tmp_path / "liste.xlsx", [["Titel", "Partner", "Beginn", "Kündigungsfrist"],
                                          ["Gut", "Stadt A, Stadt B", "01.01.2020", "6 Monate"],
                                          cells])  # fmt: skip
    with pytest.raises(vereinbarung.VereinbarungError) as caught:
        vereinbarung.import_table(str(file), name="liste.xlsx")
    assert f"liste.xlsx: {message.replace('Zeile 2', 'Zeile 3')}" in caught.value.message


@pytest.mark.parametrize(
    "formula", ['=HYPERLINK("http://böse.example";"Hier klicken")', "@SUM(A1:A2)", "+cmd(1)"]
)
def test_formula_cells_are_refused_in_excel_and_csv(tmp_path: Path, formula: str) -> None:
    file = _xlsx(tmp_path / "liste.xlsx", [["Titel", "Partner"], [formula, "Stadt A, Stadt B"]])
    with pytest.raises(
        vereinbarung.VereinbarungError, match=r"Zeile 2, Spalte A »Titel«: Wert .* ist eine Formel"
    ):
        vereinbarung.import_table(str(file))
    quoted = formula.replace('"', '""')
    file = _csv(tmp_path / "liste.csv", f'Titel;Partner\n"{quoted}";Stadt A, Stadt B\n')
    with pytest.raises(vereinbarung.VereinbarungError, match="ist eine Formel"):
        vereinbarung.import_table(str(file))


def test_a_phone_number_or_minus_sign_is_not_a_formula(tmp_path: Path) -> None:
    file = _csv(
        tmp_path / "l.csv", "Titel;Partner;Notiz\nBauhof;Stadt A, Stadt B;+49 (0)2183 123\n"
    )
    assert vereinbarung.import_table(str(file))[0].agreement.title == "Bauhof"


def test_hostile_files_are_refused_within_bounds(tmp_path: Path) -> None:
    many = "Titel;Partner\n" + "X;Stadt A, Stadt B\n" * (MAX_ROWS + 5)
    with pytest.raises(vereinbarung.VereinbarungError, match="zu viele Zeilen"):
        vereinbarung.import_table(str(_csv(tmp_path / "viele.csv", many)))
    with pytest.raises(vereinbarung.VereinbarungError, match="zu groß"):
        vereinbarung.import_table(str(_csv(tmp_path / "gross.csv", "x" * (6 * 1024 * 1024))))
    long = "Titel;Partner\n" + "X" * 3000 + ";Stadt A, Stadt B\n"
    with pytest.raises(
        vereinbarung.VereinbarungError, match=r"Zeile 2, Spalte A »Titel«: der Wert ist zu lang"
    ):
        vereinbarung.import_table(str(_csv(tmp_path / "lang.csv", long)))
    rows: list[list[object]] = [["Titel", "Partner"]]
    rows += [[f"V{i}", "Stadt A, Stadt B"] for i in range(MAX_ROWS + 1)]
    with pytest.raises(vereinbarung.VereinbarungError, match=r"viele\.xlsx: zu viele Zeilen"):
        vereinbarung.import_table(str(_xlsx(tmp_path / "viele.xlsx", rows)))
    assert (
        len(vereinbarung.import_table(str(_xlsx(tmp_path / "genug.xlsx", rows[:-1])))) == MAX_ROWS
    )
    bomb = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))
    with pytest.raises(
        vereinbarung.VereinbarungError,
        match=r"bombe\.xlsx: der Teil xl/worksheets/sheet1\.xml wäre entpackt über",
    ):
        vereinbarung.import_table(str(bomb))
    huge_cell = 'Titel;Partner\n"' + "a" * 200_000 + '";Stadt A, Stadt B\n'
    with pytest.raises(vereinbarung.VereinbarungError, match="Zeile 2: keine gültige CSV-Zeile"):
        vereinbarung.import_table(str(_csv(tmp_path / "zelle.csv", huge_cell)))
    wide = ";".join(f"Spalte {i}" for i in range(60)) + "\n"
    with pytest.raises(vereinbarung.VereinbarungError, match=r"zu viele Spalten \(mehr als 40\)"):
        vereinbarung.import_table(str(_csv(tmp_path / "breit.csv", wide)))
    broken = tmp_path / "kaputt.xlsx"
    broken.write_bytes(b"PK\x03\x04 nicht wirklich")
    with pytest.raises(vereinbarung.VereinbarungError, match=r"kaputt.xlsx: ist keine Excel-Datei"):
        vereinbarung.import_table(str(broken))
    with pytest.raises(vereinbarung.VereinbarungError, match=r"Dateityp .ods wird nicht gelesen"):
        vereinbarung.import_table(str(_csv(tmp_path / "l.ods", "x")))


def test_the_command_writes_one_file_per_row_or_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = _csv(tmp_path / "liste.csv", "Titel;Partner;Beginn;Kündigungsfrist\n"
                "Bauhof;Stadt A, Stadt B;01.01.2020;3 Monate zum Jahresende\n"
                "Bauhof;Stadt A, Stadt C;;6 Monate\n")  # fmt: skip
    out = tmp_path / "register"
    code, stdout, _ = run(capsys, "import-liste", str(file), "-o", str(out))
    assert code == 3
    assert sorted(p.name for p in out.iterdir()) == ["bauhof-2.yaml", "bauhof.yaml"]
    assert "Zeile 3: bauhof-2.yaml" in stdout
    assert vereinbarung.load_agreement(out / "bauhof-2.yaml").term.placeholders == ("effective",)
    code, _, err = run(capsys, "import-liste", str(file), "-o", str(out))
    assert code == 2
    assert "die Datei gibt es schon" in err
    bad = _csv(
        tmp_path / "bad.csv",
        "Titel;Partner;Beginn\nA;Stadt A, Stadt B;01.01.2020\nB;Stadt A, Stadt B;gestern\n",
    )
    code, _, err = run(capsys, "import-liste", str(bad), "-o", str(tmp_path / "neu"))
    assert code == 2
    assert "bad.csv: Zeile 3, Spalte C »Beginn«, Wert »gestern«" in err
    assert "Traceback" not in err
    assert not (tmp_path / "neu").exists()
    code, _, _ = run(
        capsys, "import-liste", str(bad), "-o", str(tmp_path / "neu"), "--spalte", "Beginn=9"
    )
    assert code == 2
