"""Partner Kommunen of an agreement (one agreement, several municipalities; issue 26)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [  # noqa: RUF012
        ("vereinbarung_register", "0004_rights"),
        ("vereinbarung_rights", "0001_initial"),
    ]

    operations = [  # noqa: RUF012
        migrations.CreateModel(
            name="Partner",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("party", models.CharField(max_length=300, verbose_name="Partei")),
                ("by_hand", models.BooleanField(default=False)),
                (
                    "agreement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="partners",
                        to="vereinbarung_register.agreement",
                    ),
                ),
                (
                    "kommune",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="partners",
                        to="vereinbarung_rights.kommune",
                    ),
                ),
            ],
            options={
                "verbose_name": "Partnerkommune",
                "verbose_name_plural": "Partnerkommunen",
                "ordering": ("agreement", "party"),
                "indexes": [
                    models.Index(fields=["kommune", "agreement"], name="partner_by_kommune")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("agreement", "party"), name="one_kommune_per_party"
                    )
                ],
            },
        ),
    ]
