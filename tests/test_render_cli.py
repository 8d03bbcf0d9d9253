"""``vereinbarung render``, ``templates``, ``template-check``; the sandbox at render time; PDF;
what ships in the wheel; templates up to date with their script; lazy imports."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from tests.test_render import document_text
from tests.test_template_check import make_template
from vereinbarung.documents.builtin import BUILTIN_TEMPLATES, resolve_template
from vereinbarung.documents.context import agreement_context
from vereinbarung.documents.errors import DocumentTemplateError
from vereinbarung.documents.filling import render_context
from vereinbarung.documents.pdf import find_office
from vereinbarung.documents.render import render_agreement
from vereinbarung.errors import VereinbarungError
from vereinbarung.files.io import load_agreement

from .cli_runner import run

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "kinderschutz-rhein-kreis-neuss.yaml"
ON = dt.date(2026, 11, 21)


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- render ----------------------------------------------------------------------------------


def test_render_the_seed_with_default_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "render", str(SEED), "--on", "21.11.2026")
    assert code == 0, err
    target = tmp_path / "kinderschutz-rhein-kreis-neuss-kooperationsvereinbarung.docx"
    assert (
        out
        == f"Geschrieben: {target.name} (Vorlage kooperationsvereinbarung.docx, Stand 21.11.2026)\n"
    )
    assert "dem\nRhein-Kreis-Neuss" in document_text(target.read_bytes())
    assert files_in(tmp_path) == [target.name]


def test_existing_file_needs_force_and_stays_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "v.docx"
    target.write_bytes(b"alt")
    code, _, err = run(capsys, "render", str(SEED), "-o", str(target), "--on", "21.11.2026")
    assert code == 2
    assert "die Datei gibt es schon; zum Überschreiben --force angeben" in err
    assert target.read_bytes() == b"alt"
    code, _, _ = run(
        capsys, "render", str(SEED), "-o", str(target), "--force", "--on", "21.11.2026"
    )
    assert code == 0
    assert Document(str(target)).paragraphs[0].text == "Kooperationsvereinbarung"
    assert files_in(tmp_path) == ["v.docx"]  # no temporary file left behind


def test_failed_render_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = make_template(tmp_path / "vorlage.docx", "{{ agreement.titel }}")
    target = tmp_path / "out.docx"
    code, out, err = run(capsys, "render", str(SEED), "-t", str(bad), "-o", str(target))
    assert code == 2
    assert out == ""
    assert "Vorlage vorlage.docx ist fehlerhaft, es wurde nichts geschrieben" in err
    assert "Absatz 1 (»{{ agreement.titel }}«)" in err
    assert "»titel«" in err
    assert files_in(tmp_path) == ["vorlage.docx"]
    target.write_bytes(b"alt")
    code, _, _ = run(capsys, "render", str(SEED), "-t", str(bad), "-o", str(target), "--force")
    assert code == 2
    assert target.read_bytes() == b"alt"


def test_kuendigung_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    args = ("render", str(SEED), "-t", "kuendigung", "--by", "Stadt Neuss", "--on", "21.11.2026")
    code, _out, err = run(capsys, *args)
    assert code == 2  # no sender profile: refused, nothing written (issue 23)
    assert "Das Kündigungsschreiben wäre so nicht versandfähig, es fehlen: Absenderangaben" in err
    assert not list(tmp_path.glob("*.docx"))
    code, _out, err = run(capsys, *args, "--entwurf")
    assert code == 0
    assert "Hinweis: Eine Kündigung zum 31.12.2026 ist nicht mehr möglich" in err
    written = tmp_path / "kinderschutz-rhein-kreis-neuss-kuendigung-stadt-neuss.docx"
    # day, month and year joined by no-break spaces (DIN 5008)
    assert "fristgerecht zum 31.\u00a0Dezember\u00a02028" in document_text(written.read_bytes())
    code, _, err = run(capsys, "render", str(SEED), "-t", "kuendigung", "-o", "k.docx")
    assert code == 2
    assert "fehlt --by PARTEI" in err
    code, _, err = run(
        capsys, "render", str(SEED), "-t", "kuendigung", "--by", "Neuss", "-o", "k.docx"
    )
    assert code == 2
    assert "»Neuss« ist keine Partei dieser Vereinbarung" in err
    code, _, err = run(
        capsys, "render", str(EXAMPLES / "gemeinsamer-gutachterausschuss.yaml"),
        "-t", "kuendigung", "--by", "Stadt Wiehl", "-o", "k.docx", "--on", "21.11.2026",
    )  # fmt: skip
    assert code == 2
    assert "nicht ordentlich gekündigt werden" in err
    assert not (tmp_path / "k.docx").exists()


ADOPTION = EXAMPLES / "adoptionsvermittlung-rhein-kreis-neuss.yaml"


def test_umlage_letter_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(
        capsys, "render", str(ADOPTION), "-t", "umlage", "--by", "Stadt Grevenbroich",
        "--year", "2025", "--on", "21.11.2026",
        "--absender", str(ROOT / "examples" / "rhein-kreis-neuss.absender"),
    )  # fmt: skip
    assert (code, err) == (0, "")
    written = (
        tmp_path / "adoptionsvermittlung-rhein-kreis-neuss-umlage-2025-stadt-grevenbroich.docx"
    )
    assert out == f"Geschrieben: {written.name} (Vorlage umlage.docx, Stand 21.11.2026)\n"
    text = document_text(written.read_bytes())
    assert (
        "Auf die Stadt Grevenbroich entfällt ein Anteil von 13,9486 %, das sind 26.502,40 €" in text
    )
    code, _, _ = run(
        capsys, "render", str(ADOPTION), "-t", "umlage", "--by", "Stadt Kaarst",
        "--on", "02.03.2026",
    )  # fmt: skip
    assert code == 0
    default_year = tmp_path / "adoptionsvermittlung-rhein-kreis-neuss-umlage-2026-stadt-kaarst.docx"
    assert "Titel: Umlageberechnung 2026 – " in document_text(default_year.read_bytes())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-t", "umlage", "--by", "Rhein-Kreis Neuss", "--year", "2025"],
         "»Rhein-Kreis Neuss« trägt im Haushaltsjahr 2025 keinen Anteil an der Umlage"),
        (["-t", "umlage", "--by", "Stadt Kaarst", "--year", "2027"],
         "Fehler: costs › population: für den Stichtag 31.12.2025 (Haushaltsjahr 2027) sind keine "
         "Einwohnerzahlen angegeben"),
        (["-t", "umlage", "--year", "2025"], "fehlt --by PARTEI, die zahlende Partei"),
        (["-t", "umlage", "--by", "Stadt Kaarst", "--year", "1800"], "--year"),
        (["--year", "2027"], None),  # the agreement itself: without the table, with a Hinweis
    ],
)  # fmt: skip
def test_umlage_letter_errors_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str | None
) -> None:
    target = tmp_path / "u.docx"
    code, out, err = run(capsys, "render", str(ADOPTION), *args, "-o", str(target))
    if message is None:
        assert code == 0
        assert err.startswith("Hinweis: Umlage 2027 nicht berechnet, das Dokument zeigt sie nicht")
        return
    assert code == 2
    assert out == ""
    assert message in err
    assert files_in(tmp_path) == []


def test_umlage_letter_for_an_agreement_without_cost_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "u.docx"
    code, out, err = run(
        capsys, "render", str(SEED), "-t", "umlage", "--by", "Stadt Neuss", "-o", str(target)
    )
    assert (code, out) == (2, "")
    assert err == (
        "Fehler: Die Vorlage umlage braucht eine Vereinbarung mit Umlage: »Kooperationsvereinbarung "
        "über die interkommunale Zusammenarbeit der Koordinierungsstellen „Netzwerke zum "
        "Kinderschutz“ auf Grundlage des Landeskinderschutzgesetzes NRW« regelt keine "
        "(costs › key fehlt).\n"
    )
    assert files_in(tmp_path) == []
    code, _, err = run(capsys, "render", str(EXAMPLES), "--year", "2026", "-o", str(target))
    assert code == 2
    assert "--year gilt für die Umlage einer Vereinbarung, nicht für einen Ordner." in err
    assert files_in(tmp_path) == []


def test_user_template_with_umlage_letter_takes_by_as_the_paying_party(tmp_path: Path) -> None:
    agreement = load_agreement(ADOPTION)
    letter = make_template(
        tmp_path / "brief.docx",
        "{{ umlage_letter.payer.name }}: {{ umlage_letter.share.amount }} "
        "({{ agreement.costs.amount }} €, {{ umlage.rows[0].amount_value }})",
    )
    document = render_agreement(
        agreement, on=ON, template=letter, by="Stadt Grevenbroich", year=2025
    )
    assert "Stadt Grevenbroich: 26.502,40 € (190.000,00 €, 27.013,83)" in document_text(
        document.content
    )
    both = make_template(
        tmp_path / "beides.docx", "{{ umlage_letter.subject }} {{ termination.subject }}"
    )
    with pytest.raises(DocumentTemplateError, match="sowohl Variablen einer Kündigung"):
        render_agreement(agreement, on=ON, template=both, by="Stadt Grevenbroich")
    seed_letter = make_template(tmp_path / "s.docx", "{{ umlage_letter.subject }}")
    with pytest.raises(VereinbarungError, match=r"braucht eine Vereinbarung mit Umlage"):
        render_agreement(load_agreement(SEED), on=ON, template=seed_letter, by="Stadt Neuss")
    kuendigung = make_template(tmp_path / "k.docx", "{{ termination.subject }}")
    document = render_agreement(agreement, on=ON, template=kuendigung, by="Stadt Kaarst")
    assert "Kündigung der öffentlich-rechtlichen Vereinbarung" in document_text(document.content)


def test_overview_of_a_folder_lists_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ordner"
    folder.mkdir()
    for example in EXAMPLES.glob("*.yaml"):
        shutil.copy(example, folder / example.name)
    target = tmp_path / "fristen.docx"
    code, _, err = run(capsys, "render", str(folder), "-o", str(target), "--on", "2026-11-21")
    assert code == 0
    assert err == ""
    text = document_text(target.read_bytes())
    assert "Zugang bis | Tage | Ende zum | Laufzeit bis | Status | Vereinbarung" in text
    (folder / "kaputt.yaml").write_text(
        "title: X\nterm: {effective: 31.02.2023}\n", encoding="utf-8"
    )
    code, _out, err = run(capsys, "render", str(folder), "-o", str(target), "--force")
    assert code == 2
    assert "kaputt.yaml: Feld term › effective: »31.02.2023« ist kein gültiges Datum" in err
    text = document_text(target.read_bytes())
    assert "Nicht ausgewertet\n" in text
    assert "kaputt.yaml: Feld term › effective" in text
    code, _, err = run(capsys, "render", str(folder), "-t", "steckbrief", "-o", "x.docx")
    assert code == 2
    assert "braucht eine einzelne Vereinbarungsdatei" in err
    code, _, err = run(capsys, "render", str(SEED), "-t", "fristenuebersicht", "-o", "x.docx")
    assert code == 2
    assert "braucht einen Ordner" in err


def test_bad_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "x.docx")
    for args, message in [
        (["render", str(tmp_path / "fehlt.yaml"), "-o", out], "Datei nicht gefunden"),
        (["render", str(SEED), "-t", "unbekannt", "-o", out], "die Datei gibt es nicht (eingebaute Vorlagen: kooperationsvereinbarung"),
        (["render", str(SEED), "-t", str(SEED), "-o", out], "erwartet wird eine Word-Datei (.docx)"),
        (["render", str(SEED), "-o", str(tmp_path / "x.txt")], "muss auf .docx (oder .pdf) enden"),
        (["render", str(SEED), "-o", str(tmp_path / "nein" / "x.docx")], "den Ordner"),
        (["render", str(SEED), "--on", "31.02.2026", "-o", out], "kein gültiges Datum"),
    ]:  # fmt: skip
        code, _, err = run(capsys, *args)
        assert code == 2, args
        assert message in err, (args, err)
    assert files_in(tmp_path) == []


# -- PDF -------------------------------------------------------------------------------------


def test_pdf_without_libreoffice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code, out, err = run(capsys, "render", str(SEED), "--pdf", "-o", str(tmp_path / "v.pdf"))
    assert code == 2
    assert out == ""
    assert "Für --pdf wird LibreOffice gebraucht, es ist aber nicht installiert" in err
    code, _, err = run(capsys, "render", str(SEED), "-o", str(tmp_path / "v.pdf"))
    assert code == 2
    assert "LibreOffice" in err
    assert files_in(tmp_path) == ["bin"]


@pytest.mark.skipif(find_office() is None, reason="LibreOffice ist nicht installiert")
def test_pdf_with_libreoffice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "v.pdf"
    code, _, err = run(
        capsys, "render", str(SEED), "--pdf", "-o", str(target), "--on", "21.11.2026"
    )
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF")


# -- templates, template-check ---------------------------------------------------------------


def test_templates_lists_every_builtin_with_its_variables(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "templates")
    assert code == 0
    for name, builtin in BUILTIN_TEMPLATES.items():
        assert f"{name} – {builtin.title}" in out
    assert "party_rows[].left.represented_by" in out
    assert "termination.terminates_on" in out
    assert "Eingabe: eine Vereinbarungsdatei und --by PARTEI" in out
    assert "Eingabe: eine Vereinbarungsdatei mit Umlage (costs › key) und --by PARTEI" in out
    assert "umlage_letter.share.amount" in out
    assert "umlage.rows[].amount" in out
    assert "Filter für eigene Vorlagen: date, long_date, period_words, amount" in out


def test_template_check_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = str(resolve_template("kuendigung")[0])
    code, out, _ = run(capsys, "template-check", good)
    assert code == 0
    assert out == (
        f"{good}: in Ordnung (geprüft gegen den Kontext einer Vereinbarungsdatei; 26 Variablen).\n"
    )
    bad = make_template(tmp_path / "b.docx", "{{ on|datum }}", "{{ agreement.subtitle }}")
    code, out, _ = run(capsys, "template-check", str(bad), good)
    assert code == 2
    assert (
        f"{bad}: Absatz 1 (»{{{{ on|datum }}}}«): Fehler: den Filter »datum« gibt es nicht" in out
    )
    assert f"{bad}: 1 Fehler, 1 Warnung(en)" in out
    warned = make_template(tmp_path / "w.docx", "{{ agreement.subtitle }}")
    assert run(capsys, "template-check", str(warned))[0] == 0
    assert run(capsys, "template-check", "--strict", str(warned))[0] == 1
    code, out, _ = run(capsys, "template-check", "--context", "folder", good)
    assert code == 2
    assert "die Variable »termination« gibt es nicht" in out
    code, _, err = run(capsys, "template-check", str(tmp_path / "fehlt.docx"))
    assert code == 2
    assert "die Datei gibt es nicht" in err


# -- the sandbox and strictness at render time (past the static check) -------------------------


def _render_raw(tmp_path: Path, *paragraphs: str) -> bytes:
    template = make_template(tmp_path / "roh.docx", *paragraphs)
    context = agreement_context(load_agreement(SEED), on=ON)
    return render_context(template, context, title="t", subject="s", author="a")


@pytest.mark.parametrize(
    ("paragraph", "message"),
    [
        ("{{ ''.__class__.__mro__ }}", "Zugriff auf »__class__« ist nicht erlaubt: die Vorlage darf keine Python-Interna erreichen"),
        ("{{ agreement.__class__ }}", "Python-Interna"),
        ("{{ agreement.titel }}", "die Vereinbarung hat kein Feld »titel« (vorhanden: title, subtitle"),
        ("{{ anrede }}", "die Variable »anrede« gibt es nicht"),
        ("{{ agreement.title }} {{ agreement.costs.key }}", "ein Platzhalter ergibt keinen Wert (None)"),
        ("{{ umlage_letter.subject }}", "»umlage_letter« gibt es nur in einer Umlageberechnung: -t umlage --by PARTEI angeben"),
        ("{{ umlage.year }}", "»year« von einem leeren Wert (None) gibt es nicht"),
        ("{{ parties }}", "eine Liste lässt sich nicht als Text drucken"),
        ("{{ status }}", "der Status lässt sich nicht als Text drucken"),
        ("{{ 'x' * 1000000 }}", "höchstens 100000"),
        ("{{ 2 ** 1000 }}", "Potenz"),
        ("{{ sender.name }}", "»sender« gibt es nur in einem Kündigungsschreiben: --by PARTEI angeben"),
        ("{{ on|amount }}", "ist kein Geldbetrag"),
        ("{{ agreement.title + 1 }}", "ein Ausdruck lässt sich nicht auswerten (TypeError: "),
        ("{% for p in parties %}{{ p.nmae }}{% endfor %}", "eine Partei hat kein Feld »nmae«"),
        ("{{ parties.append(1) }}", "Vorlage roh.docx"),
    ],
)  # fmt: skip
def test_render_refuses_with_a_german_error(tmp_path: Path, paragraph: str, message: str) -> None:
    with pytest.raises(DocumentTemplateError) as info:
        _render_raw(tmp_path, "Erster Absatz", paragraph)
    assert message in info.value.message
    assert info.value.message.startswith("Vorlage roh.docx, Absatz 2 (»")


def test_render_names_the_paragraph_of_a_syntax_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentTemplateError) as info:
        _render_raw(tmp_path, "a", "b", "{% for x in parties %}{{ x.name }}")
    assert info.value.message.startswith("Vorlage roh.docx")
    assert "der Block »for« wird nicht geschlossen" in info.value.message


def test_render_values_print_the_german_way(tmp_path: Path) -> None:
    content = _render_raw(
        tmp_path,
        "{{ agreement.term.effective }}|{{ agreement.term.effective|long_date }}|"
        "{{ agreement.term.notice }}|{{ agreement.term.notice|period_words }}|"
        "{{ agreement.term.renewal|period_words('accusative', true) }}|{{ 1234.5|amount }}|"
        "{{ agreement.regime }}|{{ agreement.term.notice_to }}|{{ parties[4]|with_article }}|"
        "{{ parties[4]|with_article('genitive') }}|{{ parties[2]|represented_by }}|"
        "{{ status.terminates_on }}|{% set x = 2.5 %}{{ x }}|{{ agreement.term|term_clause|first }}",
    )
    assert document_text(content).splitlines()[5] == (
        "01.02.2023|1.\u00a0Februar\u00a02023|6 Monate|sechs Monaten|zwei weitere Jahre|1.234,50 €|"
        "öffentlich-rechtlicher Vertrag (§§ 54 ff. VwVfG NRW)|zum Laufzeitende|"
        "dem Rhein-Kreis-Neuss|des Rhein-Kreis-Neuss|Frau Bürgermeisterin Ursula Baum|"
        "31.12.2028|2,5|Diese Vereinbarung tritt zum 01.02.2023 in Kraft."
    )


def test_unreadable_template(tmp_path: Path) -> None:
    broken = tmp_path / "kaputt.docx"
    broken.write_bytes(b"PK\x03\x04 kein Word")
    agreement = load_agreement(SEED)
    with pytest.raises(VereinbarungError, match="keine lesbare Word-Datei"):
        render_agreement(agreement, on=ON, template=broken)
    context = agreement_context(agreement, on=ON)  # past the check of user templates
    with pytest.raises(DocumentTemplateError, match=r"Vorlage kaputt\.docx: keine lesbare Word"):
        render_context(broken, context, title="t", subject="s", author="a")


# -- packaging, generator script, start-up ---------------------------------------------------


@pytest.mark.skipif(importlib.util.find_spec("hatchling") is None, reason="hatchling fehlt")
def test_wheel_ships_the_templates_and_renders_from_them(tmp_path: Path) -> None:
    from hatchling.builders.wheel import WheelBuilder

    (wheel,) = WheelBuilder(str(ROOT)).build(
        directory=str(tmp_path / "dist"), versions=["standard"]
    )
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        for builtin in BUILTIN_TEMPLATES.values():
            assert f"vereinbarung/templates/{builtin.file_name}" in names
        archive.extractall(tmp_path / "site")
    script = (
        "import datetime as dt, vereinbarung.documents.render as r, vereinbarung.documents.builtin as b\n"
        "from vereinbarung.files.io import load_agreement\n"
        "assert b.templates_dir().parent == __import__('pathlib').Path(b.__file__).resolve().parent.parent\n"
        f"d = r.render_agreement(load_agreement({str(SEED)!r}), on=dt.date(2026, 11, 21))\n"
        "print(len(d.content) > 10000)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "True\n"


@pytest.mark.skipif(not (ROOT / "tools" / "make_templates.py").is_file(), reason="ohne tools/")
def test_committed_templates_are_what_the_script_writes() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_templates.py"), "--check"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr + " → python tools/make_templates.py ausführen"


def test_templates_use_word_styles() -> None:
    doc = Document(str(resolve_template("kooperationsvereinbarung")[0]))
    styles = {p.style.name for p in doc.paragraphs if p.style is not None}
    assert {"Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Bullet"} <= styles
    assert {"Absatz nummeriert", "Aufzählung"} <= styles
    # the Vertragskopf: a two-column table of the parties (issue 23)
    cells = {p.style.name for t in doc.tables for c in t._cells for p in c.paragraphs}
    assert {"Vertragskopf", "Vertragspartei"} <= cells
    width, height = doc.sections[0].page_width, doc.sections[0].page_height
    assert width is not None
    assert height is not None
    assert (round(width.cm, 1), round(height.cm, 1)) == (21.0, 29.7)


def test_cli_start_does_not_import_the_document_libraries() -> None:
    script = (
        "import sys, vereinbarung.cli.main\n"
        "print(sorted(m for m in ('docxtpl', 'docx', 'jinja2', 'lxml') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\n"


def test_a_mostly_empty_steckbrief_only_when_asked_for_and_its_hint_on_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    args = ("render", str(EXAMPLES / "interkommunaler-bauhof.yaml"), "-t", "steckbrief",
            "--on", "21.11.2026", "-o", "s.docx")  # fmt: skip
    code, _, err = run(capsys, *args)
    assert code == 2
    assert "ist großenteils leer (10 Angaben fehlen)" in err
    assert "Trotzdem erzeugen mit --auch-unvollstaendig." in err
    assert not (tmp_path / "s.docx").exists()
    code, _, err = run(capsys, *args, "--auch-unvollstaendig")
    assert code == 0, err
    assert "Hinweis: Steckbrief: Noch ohne Angabe: Stichworte" in err
    assert "Noch ohne Angabe" not in document_text((tmp_path / "s.docx").read_bytes())
