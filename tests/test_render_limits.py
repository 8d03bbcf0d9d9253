"""Rendering within bounds: user templates in a child process with time and memory limits,
template-check without evaluating, no model internals as text, long titles, German click."""

from __future__ import annotations

import io
import json
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document

from vereinbarung.documents.isolation import run_limited
from vereinbarung.errors import VereinbarungError

from .cli_runner import run

SEED = Path(__file__).parent.parent / "examples" / "kinderschutz-rhein-kreis-neuss.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _template(folder: Path, name: str, text: str) -> Path:
    document = Document()
    document.add_paragraph(text)
    path = folder / name
    document.save(str(path))
    return path


def _sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "fertig"


def _allocate(size: int) -> int:
    return len("x" * size)


def test_run_limited_returns_the_result_and_stops_at_the_limits() -> None:
    assert run_limited(_sleep, 0.01) == "fertig"
    start = time.monotonic()
    with pytest.raises(VereinbarungError, match="länger als 1 Sekunden"):
        run_limited(_sleep, 30, time_limit=1)
    assert time.monotonic() - start < 10
    with pytest.raises(VereinbarungError, match="mehr als 64 MB Arbeitsspeicher"):
        run_limited(_allocate, 512 * 1024**2, memory_limit=64 * 1024**2)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{{ 'x'|center(1000000000) }}", "Arbeitsspeicher"),
        ("{{ '%1000000000d' % 1 }}", "Formatangabe »%1000000000«"),
        ("{{ agreement|string }}", "lässt sich nicht als Text ausgeben"),
        ("{{ '%s' % agreement }}", "lässt sich nicht als Text ausgeben"),
        ("{{ '%s' % (agreement.parties[0],) }}", "lässt sich nicht als Text ausgeben"),
        ("{{ agreement ~ '' }}", "die Vereinbarung lässt sich nicht als Text ausgeben"),
        ("{{ 'An: ' ~ parties[0] }}", "eine Partei lässt sich nicht als Text ausgeben"),
        ("{% set x = agreement.term ~ '' %}{{ x }}", "lässt sich nicht als Text ausgeben"),
    ],
)
def test_hostile_user_templates_end_in_german_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, fragment: str
) -> None:
    template = _template(tmp_path, "vorlage.docx", text)
    target = tmp_path / "aus.docx"
    code, _, err = run(capsys, "render", str(SEED), "-t", str(template), "-o", str(target))
    assert code == 2
    assert fragment in err
    assert not target.exists()


def test_nested_loops_hit_the_time_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from vereinbarung.documents import isolation

    monkeypatch.setattr(isolation, "TIME_LIMIT", 2.0)
    text = "{% for a in range(100000) %}{% for b in range(100000) %}{% for c in range(100000) %}{% endfor %}{% endfor %}{% endfor %}"
    template = _template(tmp_path, "schleifen.docx", text)
    target = tmp_path / "aus.docx"
    code, _, err = run(capsys, "render", str(SEED), "-t", str(template), "-o", str(target))
    assert code == 2
    assert "länger als 2 Sekunden" in err
    assert not target.exists()


def test_template_check_does_not_evaluate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = _template(tmp_path, "vorlage.docx", "{{ 'x'|center(1000000000) }}")
    start = time.monotonic()
    code, out, _ = run(capsys, "template-check", str(template))
    assert time.monotonic() - start < 10
    assert code == 0
    assert "in Ordnung" in out


def test_string_filter_prints_german_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = _template(tmp_path, "vorlage.docx", "{{ agreement.term.effective|string }}")
    target = tmp_path / "aus.docx"
    code, _, err = run(capsys, "render", str(SEED), "-t", str(template), "-o", str(target))
    assert code == 0, err
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "01.02.2023" in text


def test_a_title_over_255_characters_is_shortened_in_the_properties(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "v.yaml"
    text = SEED.read_text(encoding="utf-8")
    source.write_text(
        text.replace("title: Kooperationsvereinbarung", "title: " + "K" * 300), encoding="utf-8"
    )
    target = tmp_path / "aus.docx"
    code, _, err = run(capsys, "render", str(source), "-o", str(target))
    assert code == 0, err
    title = Document(io.BytesIO(target.read_bytes())).core_properties.title
    assert len(title) == 255
    assert title.endswith("…")


def test_click_choices_are_german(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "v.yaml"
    shutil.copy(SEED, path)
    code, _, err = run(capsys, "record", str(path))
    assert code == 2
    assert "Zur Auswahl" in err
    assert "Choose from" not in err
    code, _, err = run(capsys, "deadlines", str(path), "--formt", "json")
    assert code == 2
    assert "Did you mean" not in err


def test_schema_titles_are_german(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["$defs"]["Address"]["title"] == "Anschrift einer Partei"
    titles = json.dumps(schema, ensure_ascii=False)
    for english in ("Postal Code", "Full Title", "Legal Basis", '"Events"'):
        assert english not in titles


def test_concatenation_prints_german_values_and_no_repr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "{{ 'Beginn: ' ~ agreement.term.effective ~ ' – ' ~ agreement.title }}"
    template = _template(tmp_path, "vorlage.docx", text)
    target = tmp_path / "aus.docx"
    code, _, err = run(capsys, "render", str(SEED), "-t", str(template), "-o", str(target))
    assert code == 0, err
    printed = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "Beginn: 01.02.2023 – Kooperationsvereinbarung" in printed
    assert "Agreement(" not in printed
    assert "2023-02-01" not in printed


def _zip_bomb(path: Path) -> Path:
    """A .docx whose document part unpacks 1.000-fold (4 MB of spaces from a few kB)."""
    source = io.BytesIO()
    Document().save(source)
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * (4 * 1024**2))
            bomb.writestr(info.filename, data)
    return path


def test_template_check_refuses_a_zip_bomb_from_its_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = _zip_bomb(tmp_path / "bombe.docx")
    assert bomb.stat().st_size < 100_000
    start = time.monotonic()
    code, _out, err = run(capsys, "template-check", str(bomb))
    assert time.monotonic() - start < 10
    assert code == 2
    assert f"Vorlage {bomb}: der Teil word/document.xml wäre entpackt" in err
    assert "höchstens 200-mal" in err
    target = tmp_path / "aus.docx"
    code, _, err = run(capsys, "render", str(SEED), "-t", str(bomb), "-o", str(target))
    assert code == 2
    assert "wäre entpackt" in err
    assert not target.exists()


def test_the_unpacked_total_is_bounded_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from vereinbarung.files import archive

    monkeypatch.setattr(archive, "MAX_UNPACKED", 10_000)
    template = _template(tmp_path, "vorlage.docx", "{{ agreement.title }}")
    code, _, err = run(capsys, "template-check", str(template))
    assert code == 2
    assert f"Vorlage {template}: entpackt wäre die Word-Datei" in err


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("entries", "why"),
    [
        (None, "sie ist kein gültiges Zip-Archiv"),
        ({"notiz.txt": b"kein Word"}, "das Zip-Archiv enthält kein Word-Dokument"),
        ("kaputtes-xml", "ein Teil der Datei ist kein gültiges XML"),
    ],
    ids=["kein-zip", "zip-ohne-word", "kaputtes-xml"],
)
def test_a_broken_template_is_a_german_error_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], entries: object, why: str
) -> None:
    path = tmp_path / "kaputt.docx"
    if entries is None:
        path.write_bytes(b"PK\x03\x04 kein Word")
    elif entries == "kaputtes-xml":
        source = io.BytesIO()
        Document().save(source)
        with zipfile.ZipFile(source) as original:
            parts = {i.filename: original.read(i.filename) for i in original.infolist()}
        parts["word/document.xml"] = parts["word/document.xml"][:300]
        _zip(path, parts)
    else:
        assert isinstance(entries, dict)
        _zip(path, entries)
    code, _out, err = run(capsys, "template-check", str(path))
    assert code == 2
    assert f"Fehler: Vorlage {path}: keine lesbare Word-Datei (.docx): {why}" in err
    assert "Error" not in err  # no English exception name
    target = tmp_path / "aus.docx"
    code, _, err = run(capsys, "render", str(SEED), "-t", str(path), "-o", str(target))
    assert code == 2
    assert "kaputt.docx: keine lesbare Word-Datei (.docx): " + why in err
    assert not target.exists()


@pytest.mark.parametrize(
    "template", ["kooperationsvereinbarung", "kuendigung", "kuendigungsvermerk", "steckbrief"]
)
def test_a_title_of_300_characters_renders_in_every_document(template: str) -> None:
    import datetime as dt

    from vereinbarung.documents.render import render_agreement
    from vereinbarung.files.io import agreement_from_data, read_data

    data = read_data(SEED)
    assert isinstance(data, dict)
    title = ("Kooperationsvereinbarung " + "über die Zusammenarbeit " * 12)[:299] + "X"
    data["title"] = title
    data["profile"].pop("title", None)  # the Steckbrief shows the agreement's title
    agreement = agreement_from_data(data)
    by = agreement.parties[-1].name if template.startswith("kuendigung") else None
    document = render_agreement(
        agreement, on=dt.date(2026, 11, 21), template=template, by=by, draft=True
    )
    body = Document(io.BytesIO(document.content)).element.body
    text = "".join(t.text or "" for t in body.iter(f"{W}t"))
    assert title in text.replace("\u00a0", " ")
    assert len(Document(io.BytesIO(document.content)).core_properties.title) <= 255


@pytest.mark.parametrize(
    "text",
    [
        "{{ 9 ** 99999999 }}",  # a power without end (Jinja's ** is left-associative)
        "{{ range(100000)|sum(start=[]) }}",  # sum of lists: quadratic
        "{{ ('x' * 100000)|list|join('y' * 100000) }}",  # a huge join
        "{% set ns = namespace(s='x') %}{% for i in range(100) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s }}",  # ~ doubling in a loop
        "{% for a in range(100000) %}{% for b in range(100000) %}{{ a }}{% endfor %}{% endfor %}",
    ],
)
def test_every_runaway_template_of_the_issue_stops_in_german(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    from vereinbarung.documents import isolation

    monkeypatch.setattr(isolation, "TIME_LIMIT", 3.0)
    monkeypatch.setattr(isolation, "MEMORY_LIMIT", 256 * 1024**2)
    template = _template(tmp_path, "ausufernd.docx", text)
    target = tmp_path / "aus.docx"
    start = time.monotonic()
    code, _, err = run(capsys, "render", str(SEED), "-t", str(template), "-o", str(target))
    assert time.monotonic() - start < 30
    assert code == 2
    assert err.startswith("Fehler"), err
    assert not target.exists()
