"""Agreement files: YAML and JSON, German errors naming file, field and value."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from vereinbarung import AgreementFileError, Period, VereinbarungError, load_agreement
from vereinbarung.files.io import find_agreement_files, write_atomic
from vereinbarung.model.agreement import PartyKind

EXAMPLES = Path(__file__).parent.parent / "examples"
SEED = EXAMPLES / "kinderschutz-rhein-kreis-neuss.yaml"

MINIMAL = """\
title: Kooperationsvereinbarung über die gemeinsame Nutzung eines Bauhofs
parties:
  - name: Stadt Dormagen
    representative: {name: Erik Lierenfeld, title: Bürgermeister}
  - name: Rhein-Kreis Neuss
    representative: {name: Hans-Jürgen Petrauschke, title: Landrat}
term:
  effective: 01.02.2023     # German form
  ends: 2026-12-31
  renewal: zwei Jahre
  notice: von sechs Monaten
"""


def write(tmp_path: Path, text: str, name: str = "a.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(path: Path) -> str:
    with pytest.raises(AgreementFileError) as info:
        load_agreement(path)
    message = info.value.message
    assert all(line.startswith(str(path)) for line in message.splitlines())
    return message


def test_minimal_file_with_german_forms(tmp_path: Path) -> None:
    a = load_agreement(write(tmp_path, MINIMAL))
    assert a.term.effective == dt.date(2023, 2, 1)
    assert a.term.renewal == Period(years=2)
    assert a.term.notice == Period(months=6)
    assert a.parties[0].kind is PartyKind.STADT
    assert a.parties[1].kind is PartyKind.KREIS
    assert a.parties[0].representative.form_of_address == "Herr"


def test_json_and_yaml_carry_the_same_structure(tmp_path: Path) -> None:
    a = load_agreement(SEED)
    as_json = write(tmp_path, a.model_dump_json(), "seed.json")
    b = load_agreement(as_json)
    assert a == b
    assert json.loads(as_json.read_text())["term"]["renewal"] == "2 Jahre"


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        (("01.02.2023", "31.02.2023"), ["term › effective", "»31.02.2023«", "kein gültiges Datum"]),
        (("zwei Jahre", "zwei Jahrzehnte"), ["term › renewal", "»zwei Jahrzehnte«", "unbekannte Einheit"]),
        (("ends: 2026-12-31", "ends: 2022-12-31"), ["term › ends", "liegt vor dem Inkrafttreten"]),
        (("  ends: 2026-12-31\n", ""), ["term › notice_to", "kein Laufzeitende"]),
        (("title: Landrat", "titel: Landrat"), ["parties › Nr. 2 › representative › titel", "»title«"]),
        (("name: Rhein-Kreis Neuss", "name: Stadt Dormagen"), ["Feld parties", "mehrfach"]),
        (("renewal: zwei Jahre", "renewal: unbestimmte Zeit\n  duration: 4 Jahre"), ["nicht beides"]),
    ],
)  # fmt: skip
def test_errors_name_file_field_and_value(
    tmp_path: Path, change: tuple[str, str], fragments: list[str]
) -> None:
    text = MINIMAL.replace(*change)
    assert text != MINIMAL
    message = errors_of(write(tmp_path, text))
    for fragment in fragments:
        assert fragment in message


def test_indefinite_renewal_is_accepted(tmp_path: Path) -> None:
    a = load_agreement(write(tmp_path, MINIMAL.replace("zwei Jahre", "auf unbestimmte Zeit")))
    assert a.term.renewal == "unbestimmte Zeit"
    assert a.term.rule.renews_indefinitely


def test_only_one_party_is_refused(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "  - name: Rhein-Kreis Neuss\n    representative: {name: Hans-Jürgen Petrauschke, title: Landrat}\n",
        "",
    )
    assert "zu wenige Einträge: 1 (mindestens 2)" in errors_of(write(tmp_path, text))


def test_control_characters_are_refused(tmp_path: Path) -> None:
    text = MINIMAL.replace("Bauhofs", 'Bauhofs\\u0007"').replace("title: Koop", 'title: "Koop')
    assert "Steuerzeichen U+0007" in errors_of(write(tmp_path, text))


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("", "leer"),
        ("title: [unclosed", "kein gültiges YAML in Zeile"),
        ("- a\n- b\n", "Zuordnung"),
        ("title: a\ntitle: b\n", "kein gültiges YAML"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: str, fragment: str) -> None:
    assert fragment in errors_of(write(tmp_path, content))


def test_bad_json_names_line(tmp_path: Path) -> None:
    assert "kein gültiges JSON in Zeile 2" in errors_of(
        write(tmp_path, '{\n  "title": }', "a.json")
    )


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    assert "nicht gefunden" in errors_of(tmp_path / "fehlt.yaml")
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: Gebührenordnung für Ämter".encode("latin-1"))
    assert "UTF-8" in errors_of(path)


def test_find_files_recurses_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("a.yaml", "sub/b.yml", "sub/c.json", "sub/d.txt", ".git/e.yaml"):
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in find_agreement_files([tmp_path])]
    assert found == ["a.yaml", "sub/b.yml", "sub/c.json"]


def test_write_atomic_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_atomic(target, b"eins")
    with pytest.raises(VereinbarungError, match="--force"):
        write_atomic(target, b"zwei")
    assert target.read_bytes() == b"eins"
    write_atomic(target, b"zwei", force=True)
    assert target.read_bytes() == b"zwei"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]  # no temporary file left


def test_schema_has_german_descriptions() -> None:
    from vereinbarung import Agreement

    schema = Agreement.model_json_schema()
    term = schema["$defs"]["Term"]["properties"]
    assert term["effective"]["description"] == "Inkrafttreten"
    assert {"type": "null"} in term["notice"]["anyOf"]
    assert any(o.get("type") == "string" for o in term["notice"]["anyOf"])
    assert "Kündigungstermin" in term["notice_to"]["description"]
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (
            "title: T\nparties: []\nterm: {effective: 2023-02-30}\n",
            "Zeile 3: »2023-02-30« ist kein gültiges Datum",
        ),
        ("title: T\na: &a [*a]\n", "(verweist auf sich selbst)"),
    ],
)
def test_values_the_yaml_loader_cannot_build(tmp_path: Path, content: str, fragment: str) -> None:
    assert fragment in errors_of(write(tmp_path, content))


def test_write_atomic_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    import os
    import stat

    target = tmp_path / "a.yaml"
    target.write_text("x")
    target.chmod(0o664)
    write_atomic(target, b"y", force=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
    fresh = tmp_path / "b.yaml"
    umask = os.umask(0o022)
    try:
        write_atomic(fresh, b"z")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644


def test_every_schema_definition_is_described_in_german() -> None:
    from vereinbarung.model.schema import DESCRIPTIONS, agreement_schema

    schema = agreement_schema()
    assert set(schema["$defs"]) <= set(DESCRIPTIONS) - {"Agreement"}
    assert schema["description"].startswith("Eine Kooperationsvereinbarung")
    assert schema["$defs"]["Notice"]["description"].startswith("Ordentliche Kündigung")


def test_an_invalid_end_is_reported_once(tmp_path: Path) -> None:
    message = errors_of(write(tmp_path, MINIMAL.replace("ends: 2026-12-31", "ends: 2022-12-31")))
    assert "term › ends" in message
    assert "notice_to" not in message
