"""Keeping the offerings' search text (and PostgreSQL's tsvector of it) in step with what they say."""

import uuid

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import QuerySet

from exchange.marketplace.catalogue.models import CatalogueState, Offering

SEARCH_CONFIG = "english"


def _text(offering: Offering) -> str:
    parts = [
        offering.title,
        offering.summary,
        offering.description,
        offering.outcomes,
        offering.provider.name,
        offering.provider.get_sector_display(),
        *(line.name for line in offering.service_lines.all()),
    ]
    return "\n".join(part for part in parts if part)


def catalogue_changed() -> str:
    """Give the catalogue a new token: result pages cached under the old one are no longer read."""
    token = uuid.uuid4().hex
    CatalogueState.objects.update_or_create(pk=1, defaults={"token": token})
    return token


def offerings_search_refresh(*, offerings: QuerySet[Offering]) -> int:
    """Rebuild the search text of `offerings`; on PostgreSQL also their tsvector, the title weighted highest."""
    offerings = offerings.select_related("provider").prefetch_related("service_lines")
    changed = []
    for offering in offerings.iterator(chunk_size=2000):
        offering.search_text = _text(offering)
        changed.append(offering)
    Offering.objects.bulk_update(changed, ["search_text"], batch_size=1000)
    if connection.vendor == "postgresql":
        Offering.objects.filter(pk__in=[offering.pk for offering in changed]).update(
            search_vector=SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector("search_text", weight="B", config=SEARCH_CONFIG)
        )
    catalogue_changed()
    return len(changed)
