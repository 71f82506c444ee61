from datetime import date

from django.db import transaction
from django.utils.text import slugify

from ..models import AreaTeam, Organisation, Region


def unique_slug(name: str, *, fallback: str, taken: set[str] | None = None) -> str:
    base = slugify(name)[:70] or slugify(fallback)
    taken = (
        taken
        if taken is not None
        else set(Organisation.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    )
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    taken.add(slug)
    return slug


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
    member_of: Organisation | None = None,
    registered_population: int | None = None,
    website: str = "",
    description: str = "",
    active_from: date | None = None,
) -> Organisation:
    organisation = Organisation(
        name=name,
        slug=unique_slug(name, fallback=ods_code or kind),
        kind=kind,
        sector=sector,
        ods_code=ods_code,
        ons_code=ons_code,
        region=region or (area_team.region if area_team else None),
        area_team=area_team,
        member_of=member_of,
        registered_population=registered_population,
        website=website,
        description=description,
        active_from=active_from,
    )
    organisation.full_clean()
    organisation.save()
    return organisation
