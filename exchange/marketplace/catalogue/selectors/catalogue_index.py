"""The published catalogue as arrays in the process's memory, so that a search page filters, counts every facet,
sorts and pages without asking the database more than once or twice.

Each process keeps one index and the catalogue token it was built under. Every search reads the token (one query on
a primary key); when it differs, the index is rebuilt from four plain queries. The token changes with everything
search shows (offerings, their prices and ratings, providers' names and sectors, service line and region names),
so an index is never stale, on any machine: the token lives in the database they all share.
"""

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

import numpy as np
from django.db import connection

from exchange.marketplace.catalogue.content import Band
from exchange.marketplace.catalogue.models import CatalogueState, Offering, OfferingStatus, PricingModel, ServiceLine
from exchange.organisations.models import Region, Sector

SEARCH_CONFIG = "english"
PRICING = [code for code, _ in PricingModel.choices]
SECTORS = [code for code, _ in Sector.choices]
SECTOR_LABELS = dict(Sector.choices)


@dataclass(frozen=True)
class ProviderCard:
    name: str
    sector: str

    def get_sector_display(self) -> str:
        return SECTOR_LABELS.get(self.sector, self.sector)


@dataclass(frozen=True)
class Hit:
    """One result as a card shows it: what the offering says, with its estimated annual cost for a population."""

    pk: int
    title: str
    summary: str
    provider: ProviderCard
    pricing_model: str
    price: Decimal
    estimated_days: int | None
    rating_count: int
    rating_adjusted: float | None
    line_names: tuple[str, ...]
    region_names: tuple[str, ...]
    annual_cost: Decimal


@dataclass
class CatalogueIndex:
    token: str | None
    ids: np.ndarray  # offering ids, one per row
    position: dict[int, int]  # offering id -> row
    cards: list[tuple]  # per row: title, summary, provider, pricing model, price, days, rating count and mean, names
    title_rows: dict[str, np.ndarray]  # PostgreSQL only: lexeme -> the rows whose title has it
    pricing: np.ndarray  # index into PRICING
    price_pence: np.ndarray
    days: np.ndarray  # 0 where none is stated
    rating: np.ndarray  # adjusted rating, NaN when not rated
    rating_count: np.ndarray
    title_rank: np.ndarray  # position in the order of (title, id)
    lines: np.ndarray  # rows x service lines, True where the offering has the line
    regions: np.ndarray  # rows x regions
    sectors: np.ndarray  # rows x sectors (one True per row, none for an unknown sector)
    line_options: list[tuple[str, str]]
    region_options: list[tuple[str, str]]
    _derived: dict[tuple, np.ndarray] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.ids)

    def derived(self, key: tuple, make: Callable[[], np.ndarray]) -> np.ndarray:
        """An array worked out from the index, kept while the index stands (a few per population: the populations
        are the few hundred commissioners')."""
        value = self._derived.get(key)
        if value is None:
            value = make()
            if len(self._derived) < 2000:
                self._derived[key] = value
        return value

    def annual_cost_pence(self, population: int) -> np.ndarray:
        """Every offering's estimated annual cost for `population`, in whole pence (exact, as the database's)."""

        def cost() -> np.ndarray:
            per_head = self.pricing == PRICING.index(PricingModel.PER_HEAD)
            day_rate = self.pricing == PRICING.index(PricingModel.DAY_RATE)
            factor = np.where(per_head, population, np.where(day_rate, self.days, 1))
            return saturated_product(self.price_pence, factor)

        return self.derived(("cost", population), cost)

    @cached_property
    def pricing_matrix(self) -> np.ndarray:
        return self.pricing[:, None] == np.arange(len(PRICING))[None, :]

    def hit(self, row: int, cost_pence: int) -> Hit:
        title, summary, provider, pricing, price, days, count, rating, lines, regions = self.cards[row]
        annual_cost = (Decimal(int(cost_pence)) / 100).quantize(Decimal("0.01"))
        pk = int(self.ids[row])
        return Hit(pk, title, summary, provider, pricing, price, days, count, rating, lines, regions, annual_cost)


PENCE_LIMIT = np.iinfo(np.int64).max


def saturated_product(values: np.ndarray, factors: np.ndarray) -> np.ndarray:
    """values x factors in whole numbers, never wrapping round: a product past what 64 bits hold is held at the
    limit (so a price gamed to overflow sorts as the dearest, never as a negative cost). Both are never negative."""
    fits = values <= PENCE_LIMIT // np.maximum(factors, 1)
    return np.where(fits, values * np.where(fits, factors, 0), PENCE_LIMIT)


def band_matrix(values: np.ndarray, bands: list[Band], *, scale: int = 1) -> np.ndarray:
    """Rows x bands, True where the value is in the band (low inclusive, high exclusive; a band with neither bound
    holds the values that are NaN, i.e. not recorded). Bounds are scaled (pounds to pence) before comparing."""
    columns = []
    for band in bands:
        if band.low is None and band.high is None:
            columns.append(np.isnan(values) if values.dtype.kind == "f" else np.zeros(len(values), dtype=bool))
            continue
        inside = np.ones(len(values), dtype=bool)
        with np.errstate(invalid="ignore"):
            if band.low is not None:
                inside &= values >= _scaled(band.low, scale)
            if band.high is not None:
                inside &= values < _scaled(band.high, scale)
        columns.append(inside)
    return np.column_stack(columns) if columns else np.zeros((len(values), 0), dtype=bool)


def _scaled(bound: float, scale: int):
    if scale == 1:
        return bound
    exact = Decimal(str(bound)) * scale
    whole = int(exact)
    return whole if whole == exact else whole + (1 if exact > 0 else 0)  # pence: the first whole pence at or above


_LEXEME = re.compile(r"'((?:[^']|'')*)'")


def tsvector_lexemes(text: str) -> frozenset[str]:
    """The lexemes of a tsvector's text form ('busi':1 'intellig':2)."""
    return frozenset(match.replace("''", "'") for match in _LEXEME.findall(text))


def _title_words() -> dict[int, frozenset[str]]:
    """PostgreSQL matches stemmed words, so relevance compares the query's lexemes with the title's."""
    if connection.vendor != "postgresql":
        return {}
    published = Offering.objects.filter(status=OfferingStatus.PUBLISHED)
    sql, params = published.values_list("id", "title").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, to_tsvector(%s, title)::text FROM ({sql}) AS titles", [SEARCH_CONFIG, *params])
        return {pk: tsvector_lexemes(vector) for pk, vector in cursor.fetchall()}


def build(token: str | None) -> CatalogueIndex:
    """The published catalogue as it stands, from four queries (five on PostgreSQL)."""
    rows = list(
        Offering.objects.filter(status=OfferingStatus.PUBLISHED)
        .order_by("id")
        .values_list(
            "id",
            "title",
            "summary",
            "provider__name",
            "provider__sector",
            "pricing_model",
            "price",
            "estimated_days",
            "rating_count",
            "rating_adjusted",
        )
    )
    position = {row[0]: i for i, row in enumerate(rows)}
    line_options = list(ServiceLine.objects.order_by("position", "code").values_list("code", "name"))
    region_options = list(Region.objects.order_by("ons_code").values_list("ons_code", "name"))
    lines = _links(Offering.service_lines.through, "serviceline__code", position, line_options)
    regions = _links(Offering.regions.through, "region__ons_code", position, region_options)
    line_names = [tuple(name for (_, name), on in zip(line_options, row, strict=True) if on) for row in lines]
    region_names = [tuple(name for (_, name), on in zip(region_options, row, strict=True) if on) for row in regions]
    title_rows: dict[str, list[int]] = {}
    for pk, lexemes in _title_words().items():
        row = position.get(pk)
        if row is None:
            continue  # published between the two queries: the next token rebuilds the index with it
        for lexeme in lexemes:
            title_rows.setdefault(lexeme, []).append(row)
    n = len(rows)
    order = sorted(range(n), key=lambda i: (rows[i][1], rows[i][0]))
    title_rank = np.empty(n, dtype=np.int64)
    title_rank[order] = np.arange(n)
    sector_codes = np.array([SECTORS.index(r[4]) if r[4] in SECTORS else -1 for r in rows], dtype=np.int64)
    providers: dict[tuple[str, str], ProviderCard] = {}
    for r in rows:
        providers.setdefault((r[3], r[4]), ProviderCard(r[3], r[4]))
    return CatalogueIndex(
        token=token,
        ids=np.array([r[0] for r in rows], dtype=np.int64),
        position=position,
        cards=[
            (r[1], r[2], providers[r[3], r[4]], r[5], r[6], r[7], r[8], r[9], line_names[i], region_names[i])
            for i, r in enumerate(rows)
        ],
        title_rows={lexeme: np.array(found, dtype=np.int64) for lexeme, found in title_rows.items()},
        pricing=np.array([PRICING.index(r[5]) for r in rows], dtype=np.int64),
        price_pence=np.array([int(r[6].scaleb(2)) for r in rows], dtype=np.int64),
        days=np.array([r[7] or 0 for r in rows], dtype=np.int64),
        rating=np.array([np.nan if r[9] is None else r[9] for r in rows], dtype=np.float64),
        rating_count=np.array([r[8] for r in rows], dtype=np.int64),
        title_rank=title_rank,
        lines=lines,
        regions=regions,
        sectors=sector_codes[:, None] == np.arange(len(SECTORS))[None, :],
        line_options=line_options,
        region_options=region_options,
    )


def _links(through, column: str, position: dict[int, int], options: list[tuple[str, str]]) -> np.ndarray:
    matrix = np.zeros((len(position), len(options)), dtype=bool)
    columns = {code: j for j, (code, _) in enumerate(options)}
    for offering_id, code in through.objects.values_list("offering_id", column):
        row = position.get(offering_id)
        if row is not None and code in columns:
            matrix[row, columns[code]] = True
    return matrix


def catalogue_token() -> str | None:
    """The token of the catalogue as it stands, or None before anything has been recorded (then nothing is kept).
    Read on every search, so in plain SQL: compiling the ORM's query cost more than the round trip."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {connection.ops.quote_name(CatalogueState._meta.db_table)} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None


_held: CatalogueIndex | None = None
_lock = threading.Lock()


def catalogue_index() -> CatalogueIndex:
    """The index of the catalogue as it stands now: one query when this process's copy is current."""
    global _held
    token = catalogue_token()
    held = _held
    if held is not None and token is not None and held.token == token:
        return held
    with _lock:
        if _held is not None and token is not None and _held.token == token:
            return _held
        index = build(token)
        if token is not None:
            _held = index
        return index
