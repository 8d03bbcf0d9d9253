"""The register and its folder of agreement files: export, import, the old register.csv.

Also the migration that moved the register columns into the files (pytest-django).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement, Version

from .conftest import EXAMPLES

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("users")
def test_folder_round_trip(examples: list[Any], tmp_path: Path) -> None:
    record = examples[0]
    fields = {"short_name": "Kurz", "department": "FB 1", "contact_name": "Max M"}
    record = services.save_version(record, record.text, base=record.version, fields=fields)
    services.set_archived(examples[1], True, base=examples[1].version, user=None)
    assert record.short_name == "Kurz"
    assert "department: FB 1" in record.text
    services.export_files(tmp_path)
    for example in EXAMPLES.glob("*.yaml"):
        if example.name != record.file_name:
            assert (tmp_path / example.name).read_bytes() == example.read_bytes()
    exported = (tmp_path / record.file_name).read_text(encoding="utf-8")
    assert "short_name: Kurz" in exported
    assert "contact:" in exported
    # register.csv holds only what the file format cannot: archived or not
    register = (tmp_path / "register.csv").read_text(encoding="utf-8-sig")
    assert register.splitlines()[0] == "Datei;archiviert"
    assert "Kurz" not in register
    report = services.import_files(tmp_path)
    assert not report.failed
    assert not report.created
    assert not report.updated
    # into an empty register: the same fields, from the files themselves
    Version.objects.all().delete()
    Agreement.objects.all().delete()
    services.clear_caches()
    report = services.import_files(tmp_path)
    assert len(report.created) == 7
    again = Agreement.objects.get(file_name=record.file_name)
    assert (again.short_name, again.department, again.contact) == ("Kurz", "FB 1", "Max M")
    assert Agreement.objects.get(file_name=examples[1].file_name).archived


@pytest.mark.usefixtures("users", "db")
def test_an_old_register_csv_is_taken_into_the_files(tmp_path: Path) -> None:
    source = EXAMPLES / "interkommunaler-bauhof.yaml"
    (tmp_path / source.name).write_bytes(source.read_bytes())
    (tmp_path / "register.csv").write_text(
        f"Datei;archiviert;Kurzname;Fachbereich;Ansprechperson\n{source.name};;Bauhof;FB 7;Eva E\n",
        encoding="utf-8-sig",
    )
    services.import_files(tmp_path)
    record = Agreement.objects.get(file_name=source.name)
    assert (record.short_name, record.department, record.contact) == ("Bauhof", "FB 7", "Eva E")
    assert "department: FB 7" in record.text


@pytest.mark.django_db(transaction=True)
def test_migration_moves_register_columns_into_the_file() -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    app = "vereinbarung_register"
    executor.migrate([(app, "0001_initial")])
    old = executor.loader.project_state([(app, "0001_initial")]).apps
    text = (EXAMPLES / "interkommunaler-bauhof.yaml").read_text(encoding="utf-8")
    _, data = services.validate_text(text)
    record = old.get_model(app, "Agreement").objects.create(
        title="Bauhof", short_name="Bauhof alt", department="FB 3", contact="Olga O",
        text=text, data=data,
    )  # fmt: skip
    old.get_model(app, "Version").objects.create(agreement=record, number=1, text=text)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes(app))
    migrated = Agreement.objects.get(pk=record.pk)
    assert migrated.version == 2
    assert "short_name: Bauhof alt" in migrated.text
    assert "contact:\n  name: Olga O" in migrated.text
    assert "# " in migrated.text  # comments kept
    assert Version.objects.get(agreement=migrated, number=2).reason.startswith("Kurzname")
