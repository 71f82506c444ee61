"""Loads the service lines and lots kept as data in fixtures/service_lines.json; admins edit them afterwards."""

import json
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "service_lines.json"


def load(apps, schema_editor):
    Lot = apps.get_model("marketplace", "Lot")
    ServiceLine = apps.get_model("marketplace", "ServiceLine")
    data = json.loads(FIXTURE.read_text())
    lots = {}
    for position, row in enumerate(data["lots"], start=1):
        lots[row["code"]], _ = Lot.objects.get_or_create(
            code=row["code"], defaults={"name": row["name"], "position": position}
        )
    for position, row in enumerate(data["service_lines"], start=1):
        ServiceLine.objects.get_or_create(
            code=row["code"], defaults={"name": row["name"], "lot": lots[row["lot"]], "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
