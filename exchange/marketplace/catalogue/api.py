"""The catalogue's part of the read-only API: published offerings."""

from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from exchange.core.api import Problem
from exchange.marketplace.catalogue.models import Offering, OfferingStatus
from exchange.marketplace.catalogue.selectors.buyers import TYPICAL_POPULATION
from exchange.marketplace.catalogue.selectors.offerings import offering_terms, published_offerings_in_order
from exchange.marketplace.catalogue.selectors.search import (
    CatalogueQuery,
    catalogue_search,
    clean_search_text,
    valid_choices,
)

router = Router()
PAGE_SIZE = 50


class ProviderOut(Schema):
    name: str
    sector: str


class OfferingOut(Schema):
    id: int
    title: str
    summary: str
    provider: ProviderOut
    service_lines: list[str]
    regions: list[str]
    pricing_model: str
    price: Decimal
    estimated_days: int | None
    minimum_term_months: int
    rating_count: int
    rating_adjusted: float | None


class OfferingPage(Schema):
    count: int
    page: int
    results: list[OfferingOut]


class OfferingFilters(Schema):
    q: str = ""
    line: str | None = None
    sector: str | None = None
    region: str | None = None
    page: int = Field(1, ge=1, le=10_000)


def _offering(offering: Offering) -> dict:
    return {
        "id": offering.pk,
        "provider": {"name": offering.provider.name, "sector": offering.provider.sector},
        **offering_terms(offering),
        "rating_count": offering.rating_count,
        "rating_adjusted": offering.rating_adjusted,
    }


@router.get(
    "/offerings",
    response={200: OfferingPage, 422: Problem},
    summary="Search published offerings",
    operation_id="exchange_marketplace_api_offering_list",
)
def offering_list(request: HttpRequest, filters: Query[OfferingFilters]):
    raw = {"line": [filters.line or ""], "sector": [filters.sector or ""], "region": [filters.region or ""]}
    query = CatalogueQuery(text=clean_search_text(filters.q), choices=valid_choices(raw), population=TYPICAL_POPULATION)
    hits = catalogue_search(query=query).offerings
    start = (filters.page - 1) * PAGE_SIZE
    return {
        "count": hits.count(),
        "page": filters.page,
        "results": [_offering(o) for o in published_offerings_in_order(hits.ids(start, start + PAGE_SIZE))],
    }


@router.get(
    "/offerings/{offering_id}",
    response={200: OfferingOut, 404: Problem, 422: Problem},
    summary="One published offering",
    operation_id="exchange_marketplace_api_offering_detail",
)
def offering_detail(request: HttpRequest, offering_id: int):
    offering = (
        Offering.objects.filter(pk=offering_id, status=OfferingStatus.PUBLISHED)
        .select_related("provider")
        .prefetch_related("service_lines", "regions")
        .first()
    )
    if offering is None:
        raise HttpError(404, "No published offering has that id")
    return _offering(offering)
