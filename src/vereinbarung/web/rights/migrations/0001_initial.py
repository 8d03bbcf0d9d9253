"""Kommunen, Fachbereiche, memberships and acts waiting for Freigabe (issue 26)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [  # noqa: RUF012
        ("vereinbarung_register", "0003_stamp"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [  # noqa: RUF012
        migrations.CreateModel(
            name="Kommune",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, unique=True, verbose_name="Name")),
            ],
            options={
                "verbose_name": "Kommune",
                "verbose_name_plural": "Kommunen",
                "ordering": ("name",),
            },
        ),
        migrations.CreateModel(
            name="Fachbereich",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="Name")),
                (
                    "kommune",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="fachbereiche",
                        to="vereinbarung_rights.kommune",
                    ),
                ),
            ],
            options={
                "verbose_name": "Fachbereich",
                "verbose_name_plural": "Fachbereiche",
                "ordering": ("kommune__name", "name"),
            },
        ),
        migrations.CreateModel(
            name="Membership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("Lesen", "Lesen"),
                            ("Bearbeiten", "Bearbeiten"),
                            ("Freigeben", "Freigeben"),
                            ("Verwalten", "Verwalten"),
                        ],
                        max_length=20,
                        verbose_name="Rolle",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True)),
                (
                    "fachbereich",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to="vereinbarung_rights.fachbereich",
                        verbose_name="Fachbereich (leer: alle)",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "Mitgliedschaft",
                "verbose_name_plural": "Mitgliedschaften",
                "ordering": ("user", "fachbereich__name", "role"),
            },
        ),
        migrations.CreateModel(
            name="PendingAct",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("kuendigung", "Kündigung"),
                            ("aufhebung", "Aufhebung"),
                            ("aenderung", "Änderung"),
                            ("archivierung", "Archivierung"),
                        ],
                        max_length=20,
                        verbose_name="Art",
                    ),
                ),
                ("summary", models.CharField(max_length=500, verbose_name="Was")),
                ("text", models.TextField(verbose_name="Text mit dem Vorgang")),
                ("archived", models.BooleanField(null=True)),
                ("base", models.PositiveIntegerField()),
                ("reason", models.CharField(blank=True, max_length=300, verbose_name="Grund")),
                ("author_name", models.CharField(max_length=150)),
                ("created", models.DateTimeField(auto_now_add=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("offen", "zur Freigabe"),
                            ("freigegeben", "freigegeben"),
                            ("abgelehnt", "abgelehnt"),
                        ],
                        default="offen",
                        max_length=20,
                    ),
                ),
                ("decided_name", models.CharField(blank=True, max_length=150)),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                (
                    "decision_reason",
                    models.CharField(
                        blank=True, max_length=500, verbose_name="Begründung der Ablehnung"
                    ),
                ),
                (
                    "agreement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="pending_acts",
                        to="vereinbarung_register.agreement",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "Vorgang zur Freigabe",
                "verbose_name_plural": "Vorgänge zur Freigabe",
                "ordering": ("agreement", "-created", "-pk"),
            },
        ),
        migrations.AddConstraint(
            model_name="fachbereich",
            constraint=models.UniqueConstraint(
                fields=("name", "kommune"), name="one_fachbereich_name"
            ),
        ),
        migrations.AddConstraint(
            model_name="fachbereich",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kommune__isnull", True)),
                fields=("name",),
                name="one_fachbereich_name_without_kommune",
            ),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.UniqueConstraint(
                fields=("user", "fachbereich", "role"), name="one_membership"
            ),
        ),
    ]
