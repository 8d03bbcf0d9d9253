"""Kurzname, Fachbereich and Ansprechperson move into the agreement file.

Before, they were register columns beside the file. Each agreement whose columns say more than
its document gets a new version with ``short_name``, ``department`` and ``contact`` written into
the YAML text (comments kept; a Kurzname over 60 characters is shortened, as the file format
allows 60). From then on the columns are only copies of the document.
"""

from typing import Any

from django.db import migrations, models


def into_files(apps: Any, schema_editor: Any) -> None:  # noqa: ARG001
    from vereinbarung.web.register.fields import register_values, with_register_fields
    from vereinbarung.web.register.services import validate_text

    Agreement = apps.get_model("vereinbarung_register", "Agreement")
    Version = apps.get_model("vereinbarung_register", "Version")
    for record in Agreement.objects.all():
        columns = {
            "short_name": record.short_name.strip()[:60],
            "department": record.department.strip(),
            "contact_name": record.contact.strip(),
        }
        if not any(columns.values()):
            continue
        try:
            agreement, _ = validate_text(record.text)
        except Exception:  # an invalid stored text stays as it is
            continue
        values = register_values(agreement)
        wanted = {**values, **{k: v for k, v in columns.items() if v and not values[k]}}
        if wanted == values:
            continue
        text = with_register_fields(record.text, wanted)
        try:
            _, data = validate_text(text)
        except Exception:  # stays as it is
            continue
        record.text, record.data, record.version = text, data, record.version + 1
        record.save(update_fields=["text", "data", "version"])
        Version.objects.create(
            agreement=record,
            number=record.version,
            text=text,
            author_name="System",
            reason="Kurzname, Fachbereich und Ansprechperson in die Datei übernommen",
        )


class Migration(migrations.Migration):
    dependencies = [  # noqa: RUF012
        ("vereinbarung_register", "0001_initial"),
    ]

    operations = [  # noqa: RUF012
        migrations.AddField(
            model_name="agreement",
            name="contact_email",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="E-Mail der Ansprechperson"
            ),
        ),
        migrations.AddField(
            model_name="agreement",
            name="contact_phone",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="Telefon der Ansprechperson"
            ),
        ),
        migrations.RunPython(into_files, migrations.RunPython.noop),
    ]
