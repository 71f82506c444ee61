from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction

from exchange.audit.actions import AuditAction
from exchange.audit.services import audit_event_record

from ..models import AreaTeam, Organisation, OrganisationKind, Region
from ..reference_files import read_reference_directory
from .organisations import unique_slug

CCG_ESTABLISHED = date(2013, 4, 1)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


class Upserter:
    """Create or update rows keyed by a code (`key`, the ONS code unless said), counting what changed. The files
    were validated on reading, so rows are checked field by field (`clean_fields`) without a uniqueness query per
    row, and by the model's `clean` when `check_relations` (the kinds at either end of a relation)."""

    def __init__(self, *, check_relations: bool = False) -> None:
        self.tally = {"created": 0, "updated": 0, "unchanged": 0}
        self.check_relations = check_relations
        self.outcome = ""

    def upsert(
        self, model, existing: dict, code: str | int, values: dict, on_create: dict | None = None, key="ons_code"
    ):
        instance = existing.get(code)
        if instance is None:
            instance = model(**{key: code, **values, **(on_create or {})})
            self._save(instance, "created")
            return instance
        changed = {name: value for name, value in values.items() if getattr(instance, name) != value}
        if not changed:
            self._count("unchanged")
            return instance
        for name, value in changed.items():
            setattr(instance, name, value)
        self._save(instance, "updated")
        return instance

    def result(self) -> "ImportResult":
        return ImportResult(**self.tally)

    def _save(self, instance, outcome: str) -> None:
        instance.clean_fields()
        if self.check_relations:
            instance.clean()
        instance.save()
        self._count(outcome)

    def _count(self, outcome: str) -> None:
        self.tally[outcome] += 1
        self.outcome = outcome


def by_code(model, **filters) -> dict:
    return {row.ons_code: row for row in model.objects.filter(ons_code__isnull=False, **filters)}


@transaction.atomic
def organisations_import(*, directory: Path, actor=None) -> ImportResult:
    """Load regions, area teams and CCGs from the ONS 2013 files. All or nothing; running it again changes nothing."""
    data = read_reference_directory(directory)
    upserter = Upserter()
    existing_regions, existing_teams = by_code(Region), by_code(AreaTeam)
    existing_ccgs = by_code(Organisation)
    taken_slugs = set(Organisation.objects.values_list("slug", flat=True))
    regions = {
        code: upserter.upsert(Region, existing_regions, code, {"name": row.name}) for code, row in data.regions.items()
    }
    area_teams = {
        code: upserter.upsert(
            AreaTeam,
            existing_teams,
            code,
            {"ods_code": row.ods_code, "name": row.name, "region": regions[row.region_code]},
        )
        for code, row in data.area_teams.items()
    }
    for code, row in data.commissioners.items():
        values = {
            "name": row.name,
            "ods_code": row.ods_code,
            "kind": OrganisationKind.COMMISSIONER,
            "region": regions[row.region_code],
            "area_team": area_teams[row.area_team_code],
        }
        on_create = None
        if code not in existing_ccgs:
            on_create = {
                "slug": unique_slug(row.name, fallback=code, taken=taken_slugs),
                "active_from": CCG_ESTABLISHED,
            }
        upserter.upsert(Organisation, existing_ccgs, code, values, on_create)

    result = ImportResult(**upserter.tally)
    audit_event_record(
        action=AuditAction.ORGANISATIONS_IMPORTED,
        actor=actor,
        actor_label="" if actor else "import_organisations command",
        details={
            "directory": str(directory),
            "regions": len(data.regions),
            "area_teams": len(data.area_teams),
            "commissioners": len(data.commissioners),
            **upserter.tally,
        },
    )
    return result
