"""Catalogue search: full text, facets with counts, and sorting by value.

PostgreSQL ranks with its full-text search over a GIN-indexed tsvector (English stemming, the title weighted
above the rest). SQLite has no tsvector, so there every word must appear in the offering's text and a word in
the title counts three times a word elsewhere. Facets are data (FACETS): each knows how to filter and how to
count, and each facet's counts apply every other facet's choices but not its own, so a count is the number of
results that choosing that value alone in the facet would give.
"""

import hashlib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, Count, DecimalField, Expression, F, IntegerField, Q, QuerySet, Value, When

from exchange.marketplace.catalogue.content import Band, catalogue_content
from exchange.marketplace.catalogue.models import CatalogueState, Offering, OfferingStatus, PricingModel, ServiceLine
from exchange.organisations.models import Region, Sector

SEARCH_CONFIG = "english"


CONTENT = catalogue_content()
PRICE_BANDS = CONTENT.price_bands
RATING_BANDS = CONTENT.rating_bands
SORTS = {
    "relevance": "Best match (highest rated first when no words are given)",
    "cost": "Lowest estimated annual cost",
    "rating": "Highest adjusted rating",
}


@dataclass(frozen=True)
class CatalogueQuery:
    text: str = ""
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    population: int = 250_000

    def chosen(self, key: str) -> tuple[str, ...]:
        return self.choices.get(key, ())


def annual_cost(population: int) -> Case:
    """Estimated annual cost for a population, in the database, for filtering and sorting."""
    money = DecimalField(max_digits=18, decimal_places=2)
    return Case(
        When(pricing_model=PricingModel.PER_HEAD, then=F("price") * Value(Decimal(population), output_field=money)),
        When(pricing_model=PricingModel.DAY_RATE, then=F("price") * F("estimated_days")),
        default=F("price"),
        output_field=money,
    )


def _band_q(name: str, band: Band) -> Q:
    if band.low is None and band.high is None:
        return Q(**{f"{name}__isnull": True})
    q = Q()
    if band.low is not None:
        q &= Q(**{f"{name}__gte": band.low})
    if band.high is not None:
        q &= Q(**{f"{name}__lt": band.high})
    return q


def _band_case(name: str, bands: list[Band]) -> Case:
    return Case(*(When(_band_q(name, band), then=Value(band.code)) for band in bands), default=Value(""))


def _through_filter(through, column: str, values) -> Q:
    return Q(id__in=through.objects.filter(**{f"{column}__in": values}).values("offering_id"))


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    options: Callable[[], list[tuple[str, str]]]
    filter: Callable[[tuple[str, ...]], Q]
    count: Callable[[QuerySet], dict[str, int]]


def _line_options():
    return list(ServiceLine.objects.values_list("code", "name"))


def _through_counts(through, column: str):
    """Offerings per value of a many-to-many facet (a link row is one offering with one value)."""

    def count(offerings: QuerySet) -> dict[str, int]:
        links = through.objects.filter(offering_id__in=offerings.values("id"))
        rows = links.values(column).annotate(n=Count("offering_id"))
        return {row[column]: row["n"] for row in rows}

    return count


def _region_options():
    return list(Region.objects.values_list("ons_code", "name"))


def _grouped(offerings: QuerySet, expression) -> dict[str, int]:
    rows = offerings.annotate(facet_value=expression).values("facet_value").annotate(n=Count("id")).order_by()
    return {row["facet_value"]: row["n"] for row in rows}


def facets_for(population: int) -> list[Facet]:
    cost = annual_cost(population)
    return [
        Facet(
            "line",
            "Service line",
            _line_options,
            lambda codes: _through_filter(Offering.service_lines.through, "serviceline__code", codes),
            _through_counts(Offering.service_lines.through, "serviceline__code"),
        ),
        Facet(
            "sector",
            "Sector",
            lambda: list(Sector.choices),
            lambda codes: Q(provider__sector__in=codes),
            lambda offerings: _grouped(offerings, F("provider__sector")),
        ),
        Facet(
            "region",
            "Region served",
            _region_options,
            lambda codes: _through_filter(Offering.regions.through, "region__ons_code", codes),
            _through_counts(Offering.regions.through, "region__ons_code"),
        ),
        Facet(
            "pricing",
            "Pricing model",
            lambda: list(PricingModel.choices),
            lambda codes: Q(pricing_model__in=codes),
            lambda offerings: _grouped(offerings, F("pricing_model")),
        ),
        Facet(
            "price",
            "Estimated annual cost",
            lambda: [(band.code, band.label) for band in PRICE_BANDS],
            lambda codes: _any(_band_q("annual_cost", band) for band in PRICE_BANDS if band.code in codes),
            lambda offerings: _grouped(offerings.annotate(annual_cost=cost), _band_case("annual_cost", PRICE_BANDS)),
        ),
        Facet(
            "rating",
            "Adjusted rating",
            lambda: [(band.code, band.label) for band in RATING_BANDS],
            lambda codes: _any(_band_q("rating_adjusted", band) for band in RATING_BANDS if band.code in codes),
            lambda offerings: _grouped(offerings, _band_case("rating_adjusted", RATING_BANDS)),
        ),
    ]


def _any(qs) -> Q:
    combined = Q(pk__in=[])
    for q in qs:
        combined |= q
    return combined


@dataclass
class FacetCounts:
    key: str
    label: str
    options: list[tuple[str, str, int, bool]]  # code, label, count, chosen


@dataclass
class CatalogueResults:
    offerings: QuerySet
    facets: list[FacetCounts]


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _matching(offerings: QuerySet, text: str) -> QuerySet:
    words = text.split()
    if not words:
        return offerings.annotate(relevance=Value(0, output_field=IntegerField()))
    if _is_postgres():
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        return offerings.filter(search_vector=query).annotate(relevance=SearchRank(F("search_vector"), query))
    relevance: Expression = Value(0, output_field=IntegerField())
    for word in words:
        offerings = offerings.filter(search_text__icontains=word)
        relevance = relevance + Case(
            When(title__icontains=word, then=Value(3)), default=Value(1), output_field=IntegerField()
        )
    return offerings.annotate(relevance=relevance)


def catalogue_search(*, query: CatalogueQuery) -> CatalogueResults:
    """Published offerings matching the query, sorted, with the counts for every facet."""
    facets = facets_for(query.population)
    base = _matching(Offering.objects.filter(status=OfferingStatus.PUBLISHED), query.text)
    base = base.annotate(annual_cost=annual_cost(query.population))
    filters = {facet.key: facet.filter(query.chosen(facet.key)) for facet in facets if query.chosen(facet.key)}
    results = base
    for q in filters.values():
        results = results.filter(q)
    counted = []
    for facet in facets:
        others = base
        for key, q in filters.items():
            if key != facet.key:
                others = others.filter(q)
        counts = facet.count(others)
        chosen = set(query.chosen(facet.key))
        counted.append(
            FacetCounts(
                facet.key,
                facet.label,
                [(code, label, counts.get(code, 0), code in chosen) for code, label in facet.options()],
            )
        )
    return CatalogueResults(offerings=_sorted(results, query), facets=counted)


def _sorted(offerings: QuerySet, query: CatalogueQuery) -> QuerySet:
    offerings = offerings.select_related("provider").prefetch_related("service_lines", "regions")
    if query.sort == "cost":
        return offerings.order_by("annual_cost", "title", "id")
    if query.sort == "rating":
        return offerings.order_by(F("rating_adjusted").desc(nulls_last=True), F("rating_count").desc(), "title", "id")
    if query.text.split():
        return offerings.order_by("-relevance", F("rating_adjusted").desc(nulls_last=True), "title", "id")
    return offerings.order_by(F("rating_adjusted").desc(nulls_last=True), "title", "id")


def catalogue_token() -> str | None:
    """The token of the catalogue as it stands, or None before anything has been recorded (then do not cache)."""
    return CatalogueState.objects.filter(pk=1).values_list("token", flat=True).first()


def catalogue_cache_key(query: CatalogueQuery, page: str | None) -> str | None:
    token = catalogue_token()
    if token is None:
        return None
    parts = [token, query.text.lower(), query.sort, str(query.population), str(page or 1)]
    parts += [f"{key}={','.join(sorted(values))}" for key, values in sorted(query.choices.items())]
    return "catalogue:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


MAX_TEXT = 200


def clean_search_text(text: str) -> str:
    """Words to search for, without control characters (PostgreSQL refuses NUL) and at most MAX_TEXT long."""
    printable = "".join(" " if unicodedata.category(char) == "Cc" else char for char in text)
    return " ".join(printable.split())[:MAX_TEXT]


def valid_choices(raw: dict[str, list[str]], population: int) -> dict[str, tuple[str, ...]]:
    """The facet values asked for that are options; anything else is dropped, so a filter cannot be wrong."""
    choices = {}
    for facet in facets_for(population):
        options = {code for code, _ in facet.options()}
        chosen = tuple(value for value in raw.get(facet.key, []) if value in options)
        if chosen:
            choices[facet.key] = chosen
    return choices
