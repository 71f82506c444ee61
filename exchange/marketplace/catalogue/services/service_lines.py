"""The service lines and lots shipped as data. The data migration loads them into a new database; this puts
back any that are missing (after a test database flush, or if an admin deleted one by mistake)."""

import json
from pathlib import Path

from django.db import transaction

from exchange.marketplace.catalogue.models import Lot, ServiceLine

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "service_lines.json"


@transaction.atomic
def service_lines_ensure() -> int:
    """Create the shipped lots and service lines that are missing; change none that exist. Returns how many."""
    data = json.loads(FIXTURE.read_text())
    created = 0
    lots = {}
    for position, row in enumerate(data["lots"], start=1):
        lots[row["code"]], new = Lot.objects.get_or_create(
            code=row["code"], defaults={"name": row["name"], "position": position}
        )
        created += new
    for position, row in enumerate(data["service_lines"], start=1):
        _, new = ServiceLine.objects.get_or_create(
            code=row["code"],
            defaults={"name": row["name"], "lot": lots[row["lot"]], "position": position, "cpv": row.get("cpv", [])},
        )
        created += new
    return created
