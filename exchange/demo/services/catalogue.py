"""The illustrative catalogue for `make demo`, from `exchange/demo/data/catalogue.yaml`: 32 invented providers (eight
per sector, spread over the four regions), each offering written out in the file across every service line,
engagements and ratings. None of it describes a real supplier. Prices, terms, engagements and ratings are drawn from
the file's ranges with its seed, in a fixed order, so every load gives the same catalogue; each offering's rating
comments come from its own generator, seeded with its title, so that they suit its service line and the scores.

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
    offerings: tuple[dict[str, Any], ...]


PROVIDERS = [
    DemoProvider(
        name=entry["name"],
        sector=Sector(entry["sector"]),
        home=entry["home"],
        serves=tuple(entry["serves"]),
        lines=tuple(offering["line"] for offering in entry["offerings"]),
        quality=entry["quality"],
        offerings=tuple(entry["offerings"]),
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
    rated: dict[int, tuple[float, str]] = {}  # each offering's provider quality and main service line
    for provider in PROVIDERS:
        organisation = _provider_with_profile(rng, provider, admin=admin, regions=regions)
        for entry in provider.offerings:
            offering = _offering_create(rng, organisation, provider, entry, admin=admin, regions=regions, lines=lines)
            offering_status_set(actor=admin, offering=offering, status=OfferingStatus.PUBLISHED)
            rated[offering.pk] = (provider.quality, entry["line"])
    _drafts_create(admin)
    _engagements_and_ratings(rng, rated, today)
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
    rng: random.Random, organisation: Organisation, provider: DemoProvider, entry: dict, *, admin, regions, lines
) -> Offering:
    """The provider's offering as the file writes it, priced within its own range or its line's; the draws come in a
    fixed order. Its description ends with the note that it is illustrative."""
    offers = CATALOGUE["offerings"]
    pricing = {**offers["lines"][entry["line"]], **entry}
    price = round(rng.uniform(*pricing["price"]), offers["price_decimals"][pricing["pricing_model"]])
    days = pricing.get("estimated_days") if pricing["pricing_model"] == "day_rate" else None
    return offering_create(
        actor=admin,
        provider=organisation,
        title=entry["title"],
        summary=entry["summary"],
        description=f"{entry['description']}\n\n{offers['note']}",
        outcomes=entry["outcomes"],
        service_lines=[lines[code] for code in [entry["line"], *entry.get("also", [])]],
        regions=[regions[region] for region in provider.serves],
        pricing_model=pricing["pricing_model"],
        price=Decimal(str(price)),
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


def _engagements_and_ratings(rng: random.Random, rated: dict[int, tuple[float, str]], today: datetime.date) -> None:
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
    for offering in Offering.objects.filter(pk__in=list(rated)).prefetch_related("regions").order_by("pk"):
        quality, line = rated[offering.pk]
        comments = RatingComments(offering.title, line)
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
            ratings += _ratings(rng, engagement, quality, comments, today)
    Rating.objects.bulk_create(ratings, batch_size=500)


class RatingComments:
    """One offering's rating comments: for each tone, its line's and the general comments of that tone shuffled by a
    generator seeded with the offering's title, dealt in turn (and shuffled again only once all are dealt)."""

    def __init__(self, title: str, line: str) -> None:
        self.spec = CATALOGUE["ratings"]["comments"]
        self.rng = random.Random(f"{CATALOGUE['seed']}:{title}")
        self.line = line
        self.decks: dict[str, list[str]] = {}

    @staticmethod
    def tone(scores: dict[str, int]) -> str:
        mean = sum(scores.values()) / len(scores)
        return "good" if mean >= 3.75 else "poor" if mean < 3 else "mixed"

    def deal(self, scores: dict[str, int]) -> str:
        if self.rng.random() < self.spec["none"]:
            return ""
        tone = self.tone(scores)
        if not self.decks.get(tone):
            pool = self.spec["by_line"].get(self.line, {}).get(tone, []) + self.spec["general"][tone]
            self.decks[tone] = self.rng.sample(pool, len(pool))
        return self.decks[tone].pop()


def _ratings(
    rng: random.Random, engagement: Engagement, quality: float, comments: RatingComments, today: datetime.date
) -> list[Rating]:
    """The engagement's ratings in some of the last quarters since it started, scored around the provider's quality,
    each with a comment that suits its scores (or none)."""
    spec, ratings = CATALOGUE["ratings"], []
    rated = {"engagement": engagement, "offering": engagement.offering, "commissioner": engagement.commissioner}
    for quarter in _quarters_before(today, rng.randint(*spec["quarters"])):
        if quarter < engagement.started_on:
            continue
        scores = {
            field: max(1, min(5, round(rng.gauss(quality + shift, spec["spread"]))))
            for field, shift in spec["shift"].items()
        }
        ratings.append(Rating(quarter=quarter, comment=comments.deal(scores), **rated, **scores))
    return ratings


def _replies_create() -> None:
    """Each reply of the file, to the latest rating with a comment of the tone it answers of one of the provider's
    offerings."""
    fields = list(CATALOGUE["ratings"]["shift"])
    for reply in CATALOGUE["replies"]:
        ratings = Rating.objects.filter(offering__provider__name=reply["provider"]).exclude(comment="")
        rating = next(
            (
                rating
                for rating in ratings.order_by("-quarter", "pk")
                if RatingComments.tone({field: getattr(rating, field) for field in fields}) == reply["tone"]
            ),
            None,
        )
        if rating:
            RatingReply.objects.create(rating=rating, text=reply["text"])
