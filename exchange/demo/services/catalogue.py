"""The illustrative catalogue for `make demo`, from `exchange/demo/data/catalogue.yaml`: 32 invented providers (eight
per sector, spread over the four regions), offerings across every service line, engagements and ratings. None of it
describes a real supplier. Prices, titles, terms, engagements and ratings are drawn from the file's ranges with its
seed, in a fixed order, so every load gives the same catalogue.

Engagements and ratings are bulk-inserted: the demo has no people at the 200 commissioners that "gave" them,
so the services' checks on who rates (which the tests cover) have no one to check. The engagements are confirmed,
as their providers would have, and each commissioner rates an offering at most once a quarter.
"""

import datetime
import random
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import transaction

from exchange.accounts.models import User
from exchange.core import clock
from exchange.marketplace.catalogue.dates import quarter_start
from exchange.marketplace.catalogue.services.offerings import offering_create, offering_status_set
from exchange.marketplace.catalogue.services.profiles import provider_profile_save
from exchange.marketplace.catalogue.services.ratings import offering_ratings_refresh
from exchange.marketplace.catalogue.services.search_index import offerings_search_refresh
from exchange.marketplace.catalogue.services.service_lines import service_lines_ensure
from exchange.marketplace.models import Engagement, Offering, OfferingStatus, Rating, RatingReply, ServiceLine
from exchange.organisations.models import Organisation, OrganisationKind, Region, Sector
from exchange.organisations.services import organisation_create

from .data import demo_data

CATALOGUE = demo_data("catalogue.yaml")


class DemoProvider(NamedTuple):
    name: str
    sector: Sector
    home: str
    serves: tuple[str, ...]
    lines: tuple[str, ...]
    quality: float


PROVIDERS = [
    DemoProvider(
        name=entry["name"],
        sector=Sector(entry["sector"]),
        home=entry["home"],
        serves=tuple(entry["serves"]),
        lines=tuple(entry["lines"]),
        quality=entry["quality"],
    )
    for entry in CATALOGUE["providers"]
]


def _pick(rng: random.Random, options: list) -> Any:
    """One of `options`, all equally likely, from a single draw (two options: the first when the draw is below 0.5)."""
    return options[int(rng.random() * len(options))]


def _populations_fill() -> None:
    """An illustrative registered population for each CCG, stable for each (the reference data holds none)."""
    named, drawn = CATALOGUE["populations"]["named"], CATALOGUE["populations"]["drawn"]
    for commissioner in Organisation.objects.filter(kind=OrganisationKind.COMMISSIONER, registered_population=None):
        commissioner.registered_population = named.get(commissioner.name) or random.Random(
            commissioner.ons_code or commissioner.name
        ).randrange(drawn["low"], drawn["high"], drawn["step"])
        commissioner.save(update_fields=["registered_population"])


@transaction.atomic
def marketplace_demo_load(*, today: datetime.date | None = None) -> int:
    """Load the demo catalogue. Running it again adds nothing. Returns the number of offerings."""
    today = today or clock.today()
    _populations_fill()
    if Offering.objects.exists():
        return Offering.objects.count()
    service_lines_ensure()
    regions = {region.name: region for region in Region.objects.all()}
    lines = {line.code: line for line in ServiceLine.objects.all()}
    admin = User.objects.filter(is_staff=True).order_by("pk").first()
    rng = random.Random(CATALOGUE["seed"])
    qualities = {}
    for provider in PROVIDERS:
        organisation = _provider_with_profile(rng, provider, admin=admin, regions=regions)
        for code in provider.lines:
            offering = _offering_create(rng, organisation, provider, code, admin=admin, regions=regions, lines=lines)
            offering_status_set(actor=admin, offering=offering, status=OfferingStatus.PUBLISHED)
            qualities[offering.pk] = provider.quality
    _drafts_create(admin)
    _engagements_and_ratings(rng, qualities, today)
    _replies_create()
    offering_ratings_refresh()
    offerings_search_refresh(offerings=Offering.objects.all())
    return Offering.objects.count()


def _provider_with_profile(rng: random.Random, provider: DemoProvider, *, admin, regions: dict) -> Organisation:
    organisation = Organisation.objects.filter(name=provider.name).first()
    if organisation is None:
        organisation = organisation_create(
            name=provider.name,
            kind=OrganisationKind.SUPPORT_PROVIDER,
            sector=provider.sector,
            region=regions[provider.home],
            description=CATALOGUE["illustrative"],
        )
    profiles = CATALOGUE["profiles"]
    provider_profile_save(
        actor=admin,
        provider=organisation,
        regions_served=[regions[region] for region in provider.serves],
        accreditations=_pick(rng, profiles["accreditations"]),
        case_studies=profiles["case_studies"].format(region=provider.serves[0]),
    )
    return organisation


def _offering_create(
    rng: random.Random, organisation: Organisation, provider: DemoProvider, code: str, *, admin, regions, lines
) -> Offering:
    """The provider's offering in service line `code`, from the line's text; the draws come in a fixed order."""
    offers, line = CATALOGUE["offerings"], CATALOGUE["offerings"]["lines"][code]
    price = Decimal(str(round(rng.uniform(*line["price"]), offers["price_decimals"][line["pricing_model"]])))
    title = _pick(rng, offers["titles"]).format(title=line["title"], provider=organisation.name.split(" (")[0])
    main = provider.lines[0]
    also_main = code != main and rng.random() < offers["also_main_line"]
    days = line.get("estimated_days")
    return offering_create(
        actor=admin,
        provider=organisation,
        title=title,
        summary=line["summary"],
        description=line["description"],
        outcomes=line["outcomes"],
        service_lines=[lines[code]] + ([lines[main]] if also_main else []),
        regions=[regions[region] for region in provider.serves],
        pricing_model=line["pricing_model"],
        price=price,
        estimated_days=rng.randint(*days) if days else None,
        minimum_term_months=rng.choice(offers["minimum_term_months"]),
    )


def _drafts_create(admin) -> None:
    for draft in CATALOGUE["drafts"]:
        first = Offering.objects.filter(provider__name=draft["provider"]).first()
        if first:
            offering_create(
                actor=admin,
                provider=first.provider,
                title=draft["title"],
                summary=draft["summary"],
                service_lines=list(first.service_lines.all()),
                regions=list(first.regions.all()),
                pricing_model=draft["pricing_model"],
                price=Decimal(str(draft["price"])),
            )


def _quarters_before(today: datetime.date, count: int) -> list[datetime.date]:
    quarters, day = [], quarter_start(today)
    for _ in range(count):
        day = quarter_start(day - datetime.timedelta(days=1))
        quarters.append(day)
    return quarters


def _engagements_and_ratings(rng: random.Random, qualities: dict[int, float], today: datetime.date) -> None:
    engagements = CATALOGUE["engagements"]
    commissioners_by_region: dict[int | None, list[Organisation]] = {}
    for commissioner in Organisation.objects.filter(kind=OrganisationKind.COMMISSIONER).order_by("ons_code"):
        commissioners_by_region.setdefault(commissioner.region_id, []).append(commissioner)
    always = [
        (entry["provider"], Organisation.objects.filter(name=entry["commissioner"]).first())
        for entry in engagements["always"]
    ]
    confirmed_at = clock.now()
    ratings = []
    for offering in Offering.objects.filter(pk__in=list(qualities)).prefetch_related("regions").order_by("pk"):
        pool = [c for region in offering.regions.all() for c in commissioners_by_region.get(region.pk, [])]
        buyers = rng.sample(pool, k=min(len(pool), rng.choice(engagements["buyers"])))
        for provider_name, regular in always:
            if regular and offering.provider.name == provider_name and regular not in buyers:
                buyers.append(regular)
        for commissioner in buyers:
            started = today - datetime.timedelta(days=rng.randint(*engagements["started_days_ago"]))
            # Confirmed, as if its provider had: only confirmed engagements' ratings are allowed.
            engagement = Engagement.objects.create(
                offering=offering, commissioner=commissioner, started_on=started, confirmed_at=confirmed_at
            )
            ratings += _ratings(rng, engagement, qualities[offering.pk], today)
    Rating.objects.bulk_create(ratings, batch_size=500)


def _ratings(rng: random.Random, engagement: Engagement, quality: float, today: datetime.date) -> list[Rating]:
    """The engagement's ratings in some of the last quarters since it started, scored around the provider's quality."""
    spec, ratings = CATALOGUE["ratings"], []
    rated = {"engagement": engagement, "offering": engagement.offering, "commissioner": engagement.commissioner}
    for quarter in _quarters_before(today, rng.randint(*spec["quarters"])):
        if quarter < engagement.started_on:
            continue
        scores = {
            field: max(1, min(5, round(rng.gauss(quality + shift, spec["spread"]))))
            for field, shift in spec["shift"].items()
        }
        ratings.append(Rating(quarter=quarter, comment=rng.choice(spec["comments"]), **rated, **scores))
    return ratings


def _replies_create() -> None:
    for reply in CATALOGUE["replies"]:
        rating = Rating.objects.filter(offering__provider__name=reply["provider"]).exclude(comment="").first()
        if rating:
            RatingReply.objects.create(rating=rating, text=reply["text"])
