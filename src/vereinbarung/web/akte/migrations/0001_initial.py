"""The file of an agreement (issue 25): attachments, notes, search texts and their indexes.

SQLite: an FTS5 table ``akte_fts`` over ``vereinbarung_akte_searchtext`` (external content,
kept by triggers, https://www.sqlite.org/fts5.html#external_content_tables). PostgreSQL: a
stored generated column ``vector`` = ``to_tsvector('german', body)`` with a GIN index
(https://www.postgresql.org/docs/current/textsearch-tables.html); the model does not know the
column, the search reads it in SQL of its own. Every agreement already in the register gets its row.
"""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

SQLITE = [
    "CREATE VIRTUAL TABLE akte_fts USING fts5(body, content='vereinbarung_akte_searchtext', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER akte_fts_insert AFTER INSERT ON vereinbarung_akte_searchtext BEGIN "
    "INSERT INTO akte_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER akte_fts_delete AFTER DELETE ON vereinbarung_akte_searchtext BEGIN "
    "INSERT INTO akte_fts(akte_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER akte_fts_update AFTER UPDATE ON vereinbarung_akte_searchtext BEGIN "
    "INSERT INTO akte_fts(akte_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO akte_fts(rowid, body) VALUES (new.id, new.body); END",
]
POSTGRES = [
    "ALTER TABLE vereinbarung_akte_searchtext ADD COLUMN vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('german'::regconfig, body)) STORED",
    "CREATE INDEX akte_searchtext_german ON vereinbarung_akte_searchtext USING gin (vector)",
]


def add_indexes(apps: Any, schema_editor: Any) -> None:  # noqa: ARG001
    vendor = schema_editor.connection.vendor
    for statement in SQLITE if vendor == "sqlite" else POSTGRES if vendor == "postgresql" else []:
        schema_editor.execute(statement)


def drop_indexes(apps: Any, schema_editor: Any) -> None:  # noqa: ARG001
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name in ("akte_fts_insert", "akte_fts_delete", "akte_fts_update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        schema_editor.execute("DROP TABLE IF EXISTS akte_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS akte_searchtext_german")
        schema_editor.execute("ALTER TABLE vereinbarung_akte_searchtext DROP COLUMN vector")


def index_agreements(apps: Any, schema_editor: Any) -> None:  # noqa: ARG001
    from vereinbarung.web.akte.search import strings_of

    agreement = apps.get_model("vereinbarung_register", "Agreement")
    search_text = apps.get_model("vereinbarung_akte", "SearchText")
    fields = ("title", "short_name", "reference", "department", "parties")
    for record in agreement.objects.only("pk", "data", *fields).iterator():
        body = "\n".join([*(getattr(record, name) for name in fields), *strings_of(record.data)])
        search_text.objects.create(agreement_id=record.pk, body=body)


class Migration(migrations.Migration):
    initial = True

    dependencies = [  # noqa: RUF012
        ("vereinbarung_register", "0004_rights"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [  # noqa: RUF012
        migrations.CreateModel(
            name="Attachment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "event_key",
                    models.CharField(blank=True, max_length=300, verbose_name="Ereignis"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("original", "unterzeichnetes Original"),
                            ("genehmigung", "Genehmigung"),
                            ("bekanntmachung", "Bekanntmachung/Amtsblatt"),
                            ("zugangsnachweis", "Zugangsnachweis"),
                            ("ratsbeschluss", "Ratsbeschluss"),
                            ("schriftverkehr", "Schriftverkehr"),
                            ("sonstiges", "Sonstiges"),
                        ],
                        max_length=20,
                        verbose_name="Art",
                    ),
                ),
                ("date", models.DateField(blank=True, null=True, verbose_name="Datum")),
                (
                    "description",
                    models.CharField(blank=True, max_length=500, verbose_name="Beschreibung"),
                ),
                ("name", models.CharField(max_length=255, verbose_name="Dateiname")),
                ("stored", models.CharField(max_length=300)),
                ("content_type", models.CharField(max_length=100)),
                ("type_label", models.CharField(max_length=100, verbose_name="Dateityp")),
                ("size", models.PositiveBigIntegerField(verbose_name="Größe")),
                ("sha256", models.CharField(max_length=64, verbose_name="SHA-256")),
                ("text_note", models.CharField(blank=True, max_length=500)),
                ("uploaded_by_name", models.CharField(blank=True, max_length=150)),
                ("uploaded", models.DateTimeField(auto_now_add=True)),
                (
                    "agreement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="attachments",
                        to="vereinbarung_register.agreement",
                    ),
                ),
                (
                    "superseded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="supersedes",
                        to="vereinbarung_akte.attachment",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "Anlage",
                "verbose_name_plural": "Anlagen",
                "ordering": ("agreement", "-uploaded", "-pk"),
            },
        ),
        migrations.CreateModel(
            name="Note",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField(verbose_name="Datum")),
                ("text", models.TextField(verbose_name="Vermerk")),
                ("author_name", models.CharField(max_length=150)),
                ("created", models.DateTimeField(auto_now_add=True)),
                (
                    "agreement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="notes",
                        to="vereinbarung_register.agreement",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "Vermerk",
                "verbose_name_plural": "Vermerke",
                "ordering": ("agreement", "-created", "-pk"),
            },
        ),
        migrations.CreateModel(
            name="SearchText",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("body", models.TextField()),
                (
                    "agreement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="vereinbarung_register.agreement",
                    ),
                ),
                (
                    "attachment",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_text",
                        to="vereinbarung_akte.attachment",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("attachment__isnull", True)),
                        fields=("agreement",),
                        name="one_search_text_per_agreement",
                    )
                ],
            },
        ),
        migrations.RunPython(add_indexes, drop_indexes),
        migrations.RunPython(index_agreements, migrations.RunPython.noop),
    ]
