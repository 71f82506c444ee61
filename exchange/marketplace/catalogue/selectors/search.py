"""Catalogue search: full text, facets with counts, and sorting by value, over the catalogue index.

The words are matched by the database (search_text: PostgreSQL's full-text search, SQLite's every-word match); the
rest — filters, every facet's counts, sorting, paging — is worked out over the index this process keeps of the
published catalogue (catalogue_index), so a page costs the same one or two queries whatever it asks. Facets are
data (FACETS), and each facet's counts apply every other facet's choices but not its own, so a count is the number
of results that choosing that value alone in the facet would give.
"""

import hashlib
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

import numpy as np
from django.db.models import Case, DecimalField, F, Value, When

from exchange.marketplace.catalogue.content import catalogue_content
from exchange.marketplace.catalogue.models import PricingModel
from exchange.marketplace.catalogue.selectors.catalogue_index import (
    CatalogueIndex,
    Hit,
    band_matrix,
    catalogue_index,
)
from exchange.marketplace.catalogue.selectors.search_text import text_match
from exchange.organisations.models import Sector

CONTENT = catalogue_content()
PRICE_BANDS = CONTENT.price_bands
RATING_BANDS = CONTENT.rating_bands
SORTS = {
    "relevance": "Best match",
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


@dataclass(frozen=True)
class Facet:
    """A filter of the catalogue: its options, and for the index a matrix of rows x options, True where the
    offering has that value (several for service lines and regions, one for the others)."""

    key: str
    label: str
    options: Callable[[CatalogueIndex], list[tuple[str, str]]]
    matrix: Callable[[CatalogueIndex, int], np.ndarray]  # (index, population) -> rows x options


FACETS = [
    Facet("line", "Service line", lambda index: index.line_options, lambda index, population: index.lines),
    Facet("sector", "Sector", lambda index: list(Sector.choices), lambda index, population: index.sectors),
    Facet("region", "Region served", lambda index: index.region_options, lambda index, population: index.regions),
    Facet(
        "pricing",
        "Pricing model",
        lambda index: list(PricingModel.choices),
        lambda index, population: index.pricing_matrix,
    ),
    Facet(
        "price",
        "Estimated annual cost",
        lambda index: [(band.code, band.label) for band in PRICE_BANDS],
        lambda index, population: index.derived(
            ("price", population),
            lambda: band_matrix(index.annual_cost_pence(population), PRICE_BANDS, scale=100),
        ),
    ),
    Facet(
        "rating",
        "Adjusted rating",
        lambda index: [(band.code, band.label) for band in RATING_BANDS],
        lambda index, population: index.derived(("rating",), lambda: band_matrix(index.rating, RATING_BANDS)),
    ),
]


@dataclass
class FacetCounts:
    key: str
    label: str
    options: list[tuple[str, str, int, bool]]  # code, label, count, chosen


class Hits:
    """The matching offerings in order, as a sequence a Paginator pages: only the rows asked for become cards."""

    def __init__(self, index: CatalogueIndex, rows: np.ndarray, cost: np.ndarray):
        self.index, self.rows, self.cost = index, rows, cost

    def count(self) -> int:
        return len(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, key):
        if isinstance(key, slice):
            return [self.index.hit(row, self.cost[row]) for row in self.rows[key].tolist()]
        row = int(self.rows[key])
        return self.index.hit(row, self.cost[row])

    def __iter__(self) -> Iterator[Hit]:
        return iter(self[:])

    def ids(self, start: int = 0, stop: int | None = None) -> list[int]:
        return self.index.ids[self.rows[start:stop]].tolist()


@dataclass
class CatalogueResults:
    offerings: Hits
    facets: list[FacetCounts]


def catalogue_search(*, query: CatalogueQuery, index: CatalogueIndex | None = None) -> CatalogueResults:
    """Published offerings matching the query, sorted, with the counts for every facet: each facet's counts apply
    every other facet's choices but not its own. One or two queries whatever is asked (see catalogue_index), none
    for the catalogue when the caller passes the index it has just read."""
    index = index or catalogue_index()
    cost = index.annual_cost_pence(query.population)
    matched, relevance = text_match(index, query.text)
    matrices, chosen_masks = {}, {}
    for facet in FACETS:
        matrices[facet.key] = matrix = facet.matrix(index, query.population)
        chosen = query.chosen(facet.key)
        if chosen:
            columns = [j for j, (code, _) in enumerate(facet.options(index)) if code in chosen]
            chosen_masks[facet.key] = matrix[:, columns].any(axis=1)
    counted = []
    for facet in FACETS:
        others = matched.copy()
        for key, mask in chosen_masks.items():
            if key != facet.key:
                others &= mask
        counts = np.count_nonzero(matrices[facet.key][others], axis=0).tolist()
        ticked = set(query.chosen(facet.key))
        labelled = zip(facet.options(index), counts, strict=True)
        options = [(code, label, count, code in ticked) for (code, label), count in labelled]
        counted.append(FacetCounts(facet.key, facet.label, options))
    results = matched
    for mask in chosen_masks.values():
        results = results & mask
    rows = np.flatnonzero(results)
    return CatalogueResults(offerings=Hits(index, _sorted(index, rows, query, cost, relevance), cost), facets=counted)


def _sorted(index: CatalogueIndex, rows: np.ndarray, query: CatalogueQuery, cost, relevance) -> np.ndarray:
    title = index.title_rank[rows]
    rating = index.rating[rows]
    best_rated_first = np.where(np.isnan(rating), np.inf, -rating)  # highest first, unrated last
    if query.sort == "cost":
        keys: tuple = (title, cost[rows])
    elif query.sort == "rating":
        keys = (title, -index.rating_count[rows], best_rated_first)
    elif query.text.split():
        keys = (title, best_rated_first, -relevance[rows])
    else:
        keys = (title, best_rated_first)
    return rows[np.lexsort(keys)]


def canonical_query(query: CatalogueQuery) -> list[tuple[str, str]]:
    """The search as URL parameters in one order: what links and cache keys are built from, never the raw URL."""
    params = [("q", query.text)] if query.text else []
    if query.sort != "relevance":
        params.append(("sort", query.sort))
    for facet in FACETS:
        params += [(facet.key, value) for value in sorted(query.chosen(facet.key))]
    return params


def catalogue_cache_key(query: CatalogueQuery, page: int, *, token: str | None, kind: str = "results") -> str | None:
    """The key of a page of this search over the catalogue of `token`, or None when there is no token yet."""
    if token is None:
        return None
    parts = [kind, token, str(query.population), str(page), urlencode(canonical_query(query))]
    return "catalogue:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


MAX_TEXT = 200


def clean_search_text(text: str) -> str:
    """Words to search for, without control characters (PostgreSQL refuses NUL) and at most MAX_TEXT long."""
    printable = "".join(" " if unicodedata.category(char) == "Cc" else char for char in text)
    return " ".join(printable.split())[:MAX_TEXT]


def valid_choices(raw: dict[str, list[str]], index: CatalogueIndex | None = None) -> dict[str, tuple[str, ...]]:
    """The facet values asked for that are options; anything else is dropped, so a filter cannot be wrong."""
    index = index or catalogue_index()
    choices = {}
    for facet in FACETS:
        options = {code for code, _ in facet.options(index)}
        chosen = tuple(dict.fromkeys(value for value in raw.get(facet.key, []) if value in options))
        if chosen:
            choices[facet.key] = chosen
    return choices
