from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from exchange.audit import actions
from exchange.audit.services import audit_event_record

from .models import AreaTeam, Organisation, OrganisationKind, Region
from .reference_files import read_reference_directory

CCG_ESTABLISHED = date(2013, 4, 1)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


def _unique_slug(name: str, *, fallback: str) -> str:
    base = slugify(name)[:70] or slugify(fallback)
    slug, counter = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _upsert(model, lookup: dict, values: dict, tally: dict) -> object:
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.full_clean()
        instance.save()
        tally["created"] += 1
        return instance
    changed = {name: value for name, value in values.items() if getattr(instance, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(instance, name, value)
        instance.full_clean()
        instance.save()
        tally["updated"] += 1
    else:
        tally["unchanged"] += 1
    return instance


@transaction.atomic
def organisations_import(*, directory: Path, actor=None) -> ImportResult:
    """Load regions, area teams and CCGs from the ONS 2013 files. All or nothing; running it again changes nothing."""
    data = read_reference_directory(directory)
    tally = {"created": 0, "updated": 0, "unchanged": 0}
    regions = {
        code: _upsert(Region, {"ons_code": code}, {"name": row.name}, tally) for code, row in data.regions.items()
    }
    area_teams = {
        code: _upsert(
            AreaTeam,
            {"ons_code": code},
            {"ods_code": row.ods_code, "name": row.name, "region": regions[row.region_code]},
            tally,
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
        existing = Organisation.objects.filter(ons_code=code).first()
        if existing is None:
            values.update(slug=_unique_slug(row.name, fallback=code), active_from=CCG_ESTABLISHED)
        _upsert(Organisation, {"ons_code": code}, values, tally)

    result = ImportResult(**tally)
    audit_event_record(
        action=actions.ORGANISATIONS_IMPORTED,
        actor=actor,
        actor_label="" if actor else "import_organisations command",
        details={
            "directory": str(directory),
            "regions": len(data.regions),
            "area_teams": len(data.area_teams),
            "commissioners": len(data.commissioners),
            **tally,
        },
    )
    return result


@transaction.atomic
def organisation_create(
    *,
    name: str,
    kind: str,
    sector: str = "",
    ods_code: str | None = None,
    ons_code: str | None = None,
    region: Region | None = None,
    area_team: AreaTeam | None = None,
    registered_population: int | None = None,
    website: str = "",
    description: str = "",
    active_from: date | None = None,
) -> Organisation:
    organisation = Organisation(
        name=name,
        slug=_unique_slug(name, fallback=ods_code or kind),
        kind=kind,
        sector=sector,
        ods_code=ods_code,
        ons_code=ons_code,
        region=region or (area_team.region if area_team else None),
        area_team=area_team,
        registered_population=registered_population,
        website=website,
        description=description,
        active_from=active_from,
    )
    organisation.full_clean()
    organisation.save()
    return organisation
