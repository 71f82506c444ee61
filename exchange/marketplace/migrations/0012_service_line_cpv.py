"""Each service line's CPV codes (data, in fixtures/service_lines.json; admins edit them afterwards), for the
classification of requirements in the published open data."""

import json
from pathlib import Path

from django.db import migrations, models

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "service_lines.json"


def load(apps, schema_editor):
    ServiceLine = apps.get_model("marketplace", "ServiceLine")
    for row in json.loads(FIXTURE.read_text())["service_lines"]:
        ServiceLine.objects.filter(code=row["code"]).update(cpv=row.get("cpv", []))


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0011_engagement_confirmation")]

    operations = [
        migrations.AddField(
            model_name="serviceline",
            name="cpv",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text='Its Common Procurement Vocabulary codes, the main one first: [{"id": "72316000", '
                '"description": "Data analysis services"}]. Published open data classifies requirements by them.',
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
