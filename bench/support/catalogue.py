"""A synthetic catalogue in PostgreSQL, written in the words of bench/data/catalogue.toml: providers in all four
sectors, their offerings, engagements and ratings from the 211 CCGs of 2013, loaded with bulk_create and indexed by
the marketplace's own services; and the search mix a load cycles through. Call after `database.django_setup`."""

import datetime
import itertools
import random
import tomllib
import urllib.parse
from decimal import Decimal

from support import DATA
from support.timing import timed

WORDS = tomllib.loads((DATA / "catalogue.toml").read_text())
TYPICAL_URLS: list[str] = WORDS["searches"]["typical"]
QUERIES: list[str] = WORDS["searches"]["queries"]
FACET_VALUES: dict[str, list[str]] = WORDS["searches"]["facets"]
# Per service line: title stems, and sentences for summaries and descriptions.
VOCABULARY = {code: (line["titles"], line["sentences"]) for code, line in WORDS["service_lines"].items()}
AUDIENCES: list[str] = WORDS["offerings"]["audiences"]
GENERIC: list[str] = WORDS["offerings"]["generic"]
OUTCOMES: list[str] = WORDS["offerings"]["outcomes"]
PLACES: list[str] = WORDS["providers"]["places"]
PROVIDER_NAMES: dict[str, list[str]] = WORDS["providers"]["names"]
SECTOR_WEIGHTS: dict[str, int] = WORDS["providers"]["sector_weights"]


def search_mix(rng: random.Random, mixed: int) -> list[str]:
    """TYPICAL_URLS and `mixed` more: a text query or not, up to three facets, a sort, often a later page."""
    urls = list(TYPICAL_URLS)
    facets = {"line": list(VOCABULARY), **FACET_VALUES}
    while len(urls) < len(TYPICAL_URLS) + mixed:
        text = rng.choice(QUERIES) if rng.random() < 0.7 else ""
        params = [("q", text)] if text else []
        for key in rng.sample(list(facets), rng.choices([0, 1, 2, 3], weights=[20, 40, 30, 10])[0]):
            params.append((key, rng.choice(facets[key])))
        params.append(("sort", rng.choice(["relevance", "cost", "cost", "rating"] if text else ["cost", "rating"])))
        page = rng.choices([1, 2, 3], weights=[60, 25, 15])[0]
        if page > 1:
            params.append(("page", str(page)))
        urls.append("/marketplace/?" + urllib.parse.urlencode(params))
    return urls


def sentences(rng: random.Random, pool: list[str], count: int) -> str:
    return " ".join(rng.sample(pool, min(count, len(pool))))


def load_catalogue(rng: random.Random, *, offerings: int, ratings: int, per_provider: int) -> None:
    """The 2013 registry; providers, offerings, engagements and ratings with bulk_create; then the marketplace's own
    refreshes and VACUUM ANALYZE, as autovacuum would have left a live database. Each step timed."""
    from django.conf import settings
    from django.db import connection

    from exchange.marketplace.catalogue.services.ratings import offering_ratings_refresh
    from exchange.marketplace.catalogue.services.search_index import offerings_search_refresh
    from exchange.marketplace.models import Offering, ServiceLine
    from exchange.organisations.models import Organisation, OrganisationKind, Region
    from exchange.organisations.services import organisations_import

    step = {"places": 1, "indent": "  "}
    timed(
        "registry: 4 regions, 25 area teams, 211 CCGs",
        lambda: organisations_import(directory=settings.ORGANISATION_REFERENCE_DIR),
        **step,
    )
    regions = list(Region.objects.order_by("ons_code"))
    commissioner_ids = list(
        Organisation.objects.filter(kind=OrganisationKind.COMMISSIONER).values_list("id", flat=True)
    )
    lines = list(ServiceLine.objects.order_by("position"))
    assert {line.code for line in lines} == set(VOCABULARY), "the service lines differ from the benchmark's words"
    made, _ = timed(
        f"{offerings:,} offerings of {-(-offerings // per_provider):,} providers",
        lambda: providers_and_offerings(rng, regions=regions, lines=lines, count=offerings, per_provider=per_provider),
        **step,
    )
    engagement_count, _ = timed(
        f"{ratings:,} ratings",
        lambda: engagements_and_ratings(rng, offerings=made, commissioner_ids=commissioner_ids, count=ratings),
        **step,
    )
    print(f"    ({engagement_count:,} engagements)")
    timed(
        "search text and tsvector (offerings_search_refresh)",
        lambda: offerings_search_refresh(offerings=Offering.objects.all()),
        **step,
    )
    timed("rating counts and adjusted means (offering_ratings_refresh)", offering_ratings_refresh, **step)

    def vacuum():
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    timed("VACUUM ANALYZE", vacuum, **step)


def providers_and_offerings(rng: random.Random, *, regions: list, lines: list, count: int, per_provider: int) -> list:
    """`count` offerings, `per_provider` to a provider, each in one to three service lines and served in its
    provider's region and maybe others, in the words of those service lines."""
    from exchange.marketplace.models import Offering, OfferingStatus, PricingModel
    from exchange.organisations.models import Organisation, OrganisationKind

    provider_count = -(-count // per_provider)
    sectors = rng.choices(list(SECTOR_WEIGHTS), weights=list(SECTOR_WEIGHTS.values()), k=provider_count)
    providers = Organisation.objects.bulk_create(
        [
            Organisation(
                name=rng.choice(PROVIDER_NAMES[sector]).format(f"{rng.choice(PLACES)} {i}"),
                slug=f"bench-provider-{i}",
                kind=OrganisationKind.SUPPORT_PROVIDER,
                sector=sector,
                region=rng.choice(regions),
            )
            for i, sector in enumerate(sectors)
        ],
        batch_size=2000,
    )
    offerings, line_links, region_links = [], [], []
    for i in range(count):
        provider = providers[i // per_provider]
        chosen = rng.sample(lines, rng.choices([1, 2, 3], weights=[60, 30, 10])[0])
        stems, phrases = VOCABULARY[chosen[0].code]
        words = [sentence for line in chosen for sentence in VOCABULARY[line.code][1]]
        model = rng.choices(list(PricingModel), weights=[45, 35, 20])[0]
        if model == PricingModel.PER_HEAD:
            price, days = Decimal(rng.randint(5, 250)) / 100, None
        elif model == PricingModel.FIXED_ANNUAL:
            price, days = Decimal(round(rng.lognormvariate(11.7, 0.8), -2)), None
        else:
            price, days = Decimal(rng.randrange(400, 1400, 25)), rng.randint(10, 300)
        offerings.append(
            Offering(
                provider=provider,
                title=f"{rng.choice(stems)} {rng.choice(AUDIENCES)}".strip(),
                summary=sentences(rng, phrases, 1) + " " + sentences(rng, GENERIC, 1),
                description=sentences(rng, words, 3) + " " + sentences(rng, GENERIC, 2),
                outcomes=sentences(rng, OUTCOMES, 2),
                pricing_model=model,
                price=price,
                estimated_days=days,
                minimum_term_months=rng.choice([12, 12, 24, 36]),
                status=rng.choices(
                    [OfferingStatus.PUBLISHED, OfferingStatus.DRAFT, OfferingStatus.WITHDRAWN], weights=[94, 4, 2]
                )[0],
            )
        )
        line_links.append(chosen)
        served = {provider.region} | set(rng.sample(regions, rng.choices([0, 1, 3], weights=[50, 30, 20])[0]))
        region_links.append(served)
    offerings = Offering.objects.bulk_create(offerings, batch_size=2000)
    Offering.service_lines.through.objects.bulk_create(
        [
            Offering.service_lines.through(offering_id=offering.pk, serviceline_id=line.pk)
            for offering, chosen in zip(offerings, line_links, strict=True)
            for line in chosen
        ],
        batch_size=5000,
    )
    Offering.regions.through.objects.bulk_create(
        [
            Offering.regions.through(offering_id=offering.pk, region_id=region.pk)
            for offering, served in zip(offerings, region_links, strict=True)
            for region in served
        ],
        batch_size=5000,
    )
    return offerings


def engagements_and_ratings(rng: random.Random, *, offerings: list, commissioner_ids: list[int], count: int) -> int:
    """Few offerings are bought a lot and most little (Pareto weights); each engagement is rated 1-8 quarters,
    and a commissioner rates an offering once a quarter at most, however many engagements it has with it. The
    engagements are confirmed, as their providers would have. Returns the number of engagements."""
    from exchange.marketplace.catalogue.dates import next_quarter_start, quarter_start
    from exchange.marketplace.models import Engagement, OfferingStatus, Rating

    published = [offering for offering in offerings if offering.status == OfferingStatus.PUBLISHED]
    cumulative = list(itertools.accumulate(rng.paretovariate(1.2) for _ in published))
    quality = {offering.pk: rng.gauss(3.7, 0.6) for offering in published}
    first_day = datetime.date(2013, 4, 1)
    confirmed_at = datetime.datetime(2017, 4, 1, tzinfo=datetime.UTC)
    rated = set()
    remaining = count
    while remaining:
        chunk = []
        while remaining and len(chunk) < 20_000:
            offering = rng.choices(published, cum_weights=cumulative)[0]
            started_on = first_day + datetime.timedelta(days=rng.randrange(4 * 365))
            commissioner_id = rng.choice(commissioner_ids)
            quarters, quarter = [], quarter_start(started_on)
            for _ in range(min(remaining, rng.randint(1, 8))):
                if (offering.pk, commissioner_id, quarter) not in rated:
                    rated.add((offering.pk, commissioner_id, quarter))
                    quarters.append(quarter)
                quarter = next_quarter_start(quarter)
            remaining -= len(quarters)
            engagement = Engagement(
                offering=offering,
                commissioner_id=commissioner_id,
                started_on=started_on,
                confirmed_at=confirmed_at,
            )
            chunk.append((engagement, quarters))
        engagements = Engagement.objects.bulk_create([engagement for engagement, _ in chunk], batch_size=5000)
        ratings = []
        for engagement, (_, quarters) in zip(engagements, chunk, strict=True):
            base = quality[engagement.offering_id]
            for quarter in quarters:
                scores = [min(5, max(1, round(base + rng.gauss(0, 0.8)))) for _ in range(4)]
                ratings.append(
                    Rating(
                        engagement=engagement,
                        offering_id=engagement.offering_id,
                        commissioner_id=engagement.commissioner_id,
                        quarter=quarter,
                        quality=scores[0],
                        responsiveness=scores[1],
                        value_for_money=scores[2],
                        relationship=scores[3],
                    )
                )
        Rating.objects.bulk_create(ratings, batch_size=5000)
    return Engagement.objects.count()
