"""Weights that rake respondents to the sample frame's distribution by region and role.

Each respondent in a (region, role) cell gets the cell's weight; the margins are the frame's counts of
invited contacts by region and by role, or, for a wave with no frame, the registry's commissioners by region."""

from django.db.models import Count

from exchange.organisations.models import Organisation, OrganisationKind
from exchange.surveys.models import Contact, Response, Wave

from .stats import rake

Cell = tuple[int, str]


def frame_margins(wave: Wave) -> list[dict] | None:
    contacts = Contact.objects.filter(wave=wave, invited_at__isnull=False)
    if contacts.exists():
        regions = dict(contacts.values_list("organisation__region_id").annotate(n=Count("id")))
        roles = dict(contacts.values_list("role").annotate(n=Count("id")))
        return [{key or 0: n for key, n in regions.items()}, {key or "": n for key, n in roles.items()}]
    commissioners = Organisation.objects.filter(kind=OrganisationKind.COMMISSIONER)
    regions = dict(commissioners.values_list("region_id").annotate(n=Count("id")))
    return [{key or 0: n for key, n in regions.items()}] if regions else None


def cell_weights(wave: Wave) -> dict[Cell, float] | None:
    """Weight per (region id, role) cell, or None when the wave has no frame to weight to."""
    margins = frame_margins(wave)
    if not margins:
        return None
    sample = {
        (row["region_id"] or 0, row["role"] or ""): row["n"]
        for row in Response.objects.filter(wave=wave).values("region_id", "role").annotate(n=Count("id"))
    }
    if not sample:
        return None
    if len(margins) == 1:
        by_region: dict[tuple, int] = {}
        for (region, _), n in sample.items():
            by_region[(region,)] = by_region.get((region,), 0) + n
        weights = rake(by_region, margins)
        return {cell: weights[(cell[0],)] for cell in sample}
    return rake(sample, margins)
