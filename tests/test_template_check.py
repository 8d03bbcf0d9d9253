"""template-check: each kind of broken template is found, with the place and in German."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml

from vereinbarung.documents.builtin import BUILTIN_TEMPLATES, templates_dir
from vereinbarung.documents.check import (
    TemplateReport,
    builtin_reports,
    check_template,
    template_variables,
)
from vereinbarung.errors import VereinbarungError

Runs = str | Sequence[str]  # a paragraph: one run, or several runs


def make_template(
    path: Path,
    *paragraphs: Runs,
    table: Sequence[Sequence[str]] = (),
    footer: str | None = None,
) -> Path:
    """A .docx with *paragraphs* (a list of strings is one paragraph of several runs)."""
    doc = Document()
    for paragraph in paragraphs:
        runs = [paragraph] if isinstance(paragraph, str) else paragraph
        p = doc.add_paragraph()
        for text in runs:
            p.add_run(text)
    if table:
        grid = doc.add_table(rows=len(table), cols=len(table[0]))
        for row, texts in zip(grid.rows, table, strict=True):
            for cell, text in zip(row.cells, texts, strict=True):
                cell.paragraphs[0].add_run(text)
    if footer is not None:
        doc.sections[0].footer.paragraphs[0].add_run(footer)
    doc.save(str(path))
    return path


def only(report: TemplateReport) -> tuple[str, str]:
    """The place and message of the single finding."""
    assert len(report.findings) == 1, report.findings
    finding = report.findings[0]
    return finding.place, finding.message


@pytest.mark.parametrize("name", sorted(BUILTIN_TEMPLATES))
def test_builtin_templates_are_clean(name: str) -> None:
    report = builtin_reports()[name]
    assert report.findings == ()
    assert report.context == ("overview" if name == "fristenuebersicht" else "agreement")
    assert report.variables


def test_variables_of_the_agreement_template() -> None:
    variables = template_variables(templates_dir() / "kooperationsvereinbarung.docx")
    for expected in ("agreement.title", "party_rows[].left.represented_by", "party_rows[].right.intro",
                     "sections[].paragraphs[].items[].label", "signatures[].party.accusative"):  # fmt: skip
        assert expected in variables
    assert "agreement" not in variables  # only the deepest paths


def test_good_user_template(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "gut.docx",
        "{{ agreement.title }}, Stand {{ on|long_date }}",
        "{%p for party in parties %}",
        "{{ party|with_article('dative') }}: {{ party.represented_by }}",
        "{%p endfor %}",
        "{{ agreement.term.notice|period_words if agreement.term.notice else '–' }}",
        "{% set lead = parties[0] %}{{ lead.name }} {{ status.explanation()|join(', ') }}",
        "{% if agreement.costs %}{{ agreement.costs.summary }}{% endif %}",
    )
    report = check_template(path)
    assert report.ok
    assert report.findings == ()
    assert report.context == "agreement"
    assert "parties[].represented_by" in report.variables


def test_unknown_variable_field_and_filter(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "v.docx",
        "{%p for party in parties %}",
        "{{ party.nmae }}",
        "{%p endfor %}",
        "Hallo {{ anrede }}",
        "{{ on|datum }}",
        "{{ agreement.term.renewl }}",
    )
    messages = [(f.place, f.message) for f in check_template(path).findings]
    assert messages == [
        ("Absatz 2 (»{{ party.nmae }}«)",
         "»party« (eine Partei) hat kein Feld »nmae«; gemeint ist vielleicht »name«"),
        ("Absatz 4 (»Hallo {{ anrede }}«)", "die Variable »anrede« gibt es nicht"),
        ("Absatz 5 (»{{ on|datum }}«)",
         "den Filter »datum« gibt es nicht; gemeint ist vielleicht »date«"),
        ("Absatz 6 (»{{ agreement.term.renewl }}«)",
         "»agreement.term« (die Laufzeitklausel) hat kein Feld »renewl«; gemeint ist vielleicht "
         "»renewal«"),
    ]  # fmt: skip


def test_typographic_quotes_inside_a_tag(tmp_path: Path) -> None:
    path = make_template(tmp_path / "q.docx", "Text „bleibt“", "{{ profile.lead or „–“ }}")
    place, message = only(check_template(path))
    assert place == "Absatz 2 (»{{ profile.lead or „–“ }}«)"
    assert "typografische Anführungszeichen" in message
    assert "Autokorrektur" in message


def test_jinja_syntax_error(tmp_path: Path) -> None:
    path = make_template(tmp_path / "s.docx", "Anfang", "{% if on %}", "offen")
    place, message = only(check_template(path))
    assert message == "Syntaxfehler: der Block »if« wird nicht geschlossen (es fehlt {% endif %})"
    assert place.startswith("Absatz")
    path = make_template(tmp_path / "s2.docx", "{{ on }", "x")
    assert (
        "schließt" in only(check_template(path))[1]
        or "nicht geschlossen" in only(check_template(path))[1]
    )


def test_tag_over_two_paragraphs_and_spaced_braces(tmp_path: Path) -> None:
    path = make_template(tmp_path / "p.docx", "{{ agreement.", "title }}")
    findings = check_template(path).findings
    assert [f.place for f in findings] == ["Absatz 1 (»{{ agreement.«)", "Absatz 2 (»title }}«)"]
    assert "nicht geschlossen" in findings[0].message
    path = make_template(tmp_path / "b.docx", "{ { agreement.title }}")
    _place, message = only(check_template(path))
    assert "durch ein Leerzeichen getrennt" in message


def test_tag_split_over_runs_is_fine_when_docxtpl_can_join_it(tmp_path: Path) -> None:
    path = make_template(tmp_path / "r.docx", ["{", "{ agree", "ment.ti", "tle }", "}"])
    report = check_template(path)
    assert report.findings == ()
    assert report.variables == ("agreement.title",)


def test_tag_split_over_a_hyperlink_cannot_be_read(tmp_path: Path) -> None:
    path = make_template(tmp_path / "h.docx", "vorher")
    doc = Document(str(path))
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    r = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    paragraph = parse_xml(
        f'<w:p {w} {r}><w:hyperlink r:id="rId99"><w:r><w:t>{{{{ agreement.</w:t></w:r>'
        "</w:hyperlink><w:r><w:t>title }}</w:t></w:r></w:p>"
    )
    doc.element.body.insert(1, paragraph)
    doc.save(str(path))
    place, message = only(check_template(path))
    assert place == "Absatz 2 (»{{ agreement.title }}«)"
    assert "docxtpl kann die Tags nicht sauber" in message


def test_places_in_tables_and_footers(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        "Übersicht",
        table=[["Zugang", "Datei"], ["{%tr for row in rows %}", ""], ["{{ row.dedline }}",
               "{{ row.file }}"], ["{%tr endfor %}", ""]],
        footer="Stand {{ on|dat }}",
    )  # fmt: skip
    report = check_template(path)
    assert report.context == "overview"
    places = {f.place: f.message for f in report.findings}
    assert "Tabelle 1, Zeile 3, Spalte 1 (»{{ row.dedline }}«)" in places
    assert "Fußzeile 1, Absatz 1 (»Stand {{ on|dat }}«)" in places
    path = make_template(tmp_path / "u.docx", table=[["{{ on", "}}"]])
    assert [f.place for f in check_template(path).findings] == [
        "Tabelle 1, Zeile 1, Spalte 1 (»{{ on«)",
        "Tabelle 1, Zeile 1, Spalte 2 (»}}«)",
    ]


def test_docxtpl_row_tag_outside_a_table(tmp_path: Path) -> None:
    path = make_template(tmp_path / "tr.docx", "{%tr for row in rows %}", "{%tr endfor %}")
    findings = check_template(path).findings
    assert len(findings) == 2
    assert all("steht nicht in einer Tabelle" in f.message for f in findings)


def test_paragraph_tag_with_other_text_is_a_warning(tmp_path: Path) -> None:
    path = make_template(tmp_path / "w.docx", "Vorspann {%p if on %}", "x", "{%p endif %}")
    report = check_template(path)
    assert report.ok
    (finding,) = report.findings
    assert finding.level == "Warnung"
    assert "fällt weg" in finding.message


def test_python_internals(tmp_path: Path) -> None:
    path = make_template(tmp_path / "e.docx", "{{ ''.__class__.__mro__ }}")
    _place, message = only(check_template(path))
    assert message == "Zugriff auf »__class__« ist nicht erlaubt (Python-Interna sind gesperrt)"
    path = make_template(tmp_path / "e2.docx", "{{ agreement._private }}")
    assert "nicht erlaubt" in only(check_template(path))[1]


def test_printing_a_value_that_may_be_missing_is_a_warning(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "n.docx",
        "{{ agreement.subtitle }}",
        "{% if agreement.subtitle %}{{ agreement.subtitle }}{% endif %}",
        '{{ agreement.legal_basis or "–" }}',
    )
    report = check_template(path)
    assert report.ok
    (finding,) = report.findings
    assert finding.level == "Warnung"
    assert finding.place == "Absatz 1 (»{{ agreement.subtitle }}«)"
    assert "kann leer sein (None)" in finding.message


def test_lists_and_methods_used_wrongly(tmp_path: Path) -> None:
    path = make_template(tmp_path / "l.docx", "{{ parties.name }}", "{{ status.explanation.x }}")
    messages = [f.message for f in check_template(path).findings]
    assert messages[0].startswith("»parties« ist eine Liste und hat kein Feld »name«")
    assert messages[1].startswith("»status.explanation« ist eine Methode")


def test_include_is_refused(tmp_path: Path) -> None:
    path = make_template(tmp_path / "i.docx", "{% include 'x.docx' %}")
    assert "include" in only(check_template(path))[1]


def test_context_given_explicitly(tmp_path: Path) -> None:
    path = make_template(tmp_path / "c.docx", "{{ folder }} {{ agreement.title }}")
    assert (
        check_template(path, context="overview")
        .errors[0]
        .message.startswith("die Variable »agreement«")
    )
    assert (
        check_template(path, context="agreement")
        .errors[0]
        .message.startswith("die Variable »folder«")
    )


@pytest.mark.parametrize("content", [b"", b"kein Word", b"PK\x03\x04kaputt"])
def test_unreadable_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "kaputt.docx"
    path.write_bytes(content)
    with pytest.raises(VereinbarungError, match="keine lesbare Word-Datei"):
        check_template(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(VereinbarungError, match="die Datei gibt es nicht"):
        check_template(tmp_path / "fehlt.docx")


def test_result_follows_changes_of_the_file(tmp_path: Path) -> None:
    path = make_template(tmp_path / "x.docx", "{{ on }}")
    assert check_template(path).ok
    make_template(path, "{{ onn }}", "zweiter Absatz")  # other size: not the cached result
    assert not check_template(path).ok


def test_flags_of_the_builtin_templates_match_their_variables() -> None:
    """render_agreement trusts the flags instead of analysing a built-in template each time."""
    reports = builtin_reports()
    for name, builtin in BUILTIN_TEMPLATES.items():
        roots = {v.split(".")[0].split("[")[0] for v in reports[name].variables}
        assert builtin.shows_umlage == ("umlage" in roots), name
        assert builtin.needs_payer == ("umlage_letter" in roots), name
        assert builtin.needs_sender == bool(roots & {"sender", "recipients", "termination"}), name


def test_umlage_variables_are_known(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "u.docx",
        "{%p if umlage %}",
        "{{ umlage.caption }}: {{ umlage.amount }} {{ umlage.key_label }} {{ year }}",
        "{%p for row in umlage.rows %}",
        "{{ row.party }} {{ row.figure }} {{ row.percent }} {{ row.amount }} {{ row.derivation }}",
        "{%p endfor %}",
        "{%p endif %}",
        "{%p for payment in umlage_letter.share.payments %}",
        "{{ payment.due|date }} {{ payment.label }} {{ payment.amount }}",
        "{%p endfor %}",
        "{{ umlage_letter.payee|with_article('nominative') }} {{ umlage_letter.legal_basis }}",
    )
    report = check_template(path)
    assert report.findings == ()
    assert report.context == "agreement"
    assert "umlage_letter.share.payments[].amount" in report.variables
    assert "umlage.rows[].percent" in report.variables
    bad = make_template(
        tmp_path / "b.docx",
        "{%p for row in umlage.rows %}",
        "{{ row.amont }}",
        "{%p endfor %}",
        "{{ umlage_letter.share.betrag }}",
        "{{ umlage.reference_date }}",
    )
    messages = [(f.level, f.message) for f in check_template(bad).findings]
    assert messages == [
        ("Fehler", "»row« (ein Umlageanteil) hat kein Feld »amont«; gemeint ist vielleicht »amount«"),
        ("Fehler", "»umlage_letter.share« (ein Umlageanteil) hat kein Feld »betrag«"),
        ("Warnung", "»umlage.reference_date« kann leer sein (None) und bricht dann das Erzeugen "
         'ab; mit {% if umlage.reference_date %} abfangen oder {{ umlage.reference_date or "–" }} '
         "schreiben"),
    ]  # fmt: skip
