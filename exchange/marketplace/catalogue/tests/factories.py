"""Factories for the catalogue.

Offerings are made through their services, as accounts' UserFactory makes people through `create_user`, so that
each has what a real one has: its first price in the history, its search text, its audit events and a new catalogue
token. Engagements, ratings, shortlists, saved searches and profiles are plain rows. Every date is relative to the
clock."""

from decimal import Decimal

import factory

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory, UserFactory
from exchange.core import clock
from exchange.marketplace.catalogue.models import (
    Engagement,
    Lot,
    Offering,
    OfferingStatus,
    PricingModel,
    ProviderProfile,
    Rating,
    RatingReply,
    SavedSearch,
    ServiceLine,
    Shortlist,
    ShortlistEntry,
)
from exchange.marketplace.catalogue.services.offerings import (
    offering_create,
    offering_price_change,
    offering_status_set,
)
from exchange.marketplace.catalogue.services.ratings import quarter_start
from exchange.organisations.models import OrganisationKind, Sector
from exchange.organisations.tests.factories import OrganisationFactory


def service_lines_by_code(*codes: str) -> list[ServiceLine]:
    """The shipped service lines with these codes, in the catalogue's order."""
    return list(ServiceLine.objects.filter(code__in=codes))


class LotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lot
        django_get_or_create = ["code"]

    code = "end-to-end"
    name = "End-to-end commissioning support"


class ServiceLineFactory(factory.django.DjangoModelFactory):
    """A service line looked up by its code: the data migration ships all twelve."""

    class Meta:
        model = ServiceLine
        django_get_or_create = ["code"]

    code = "business-intelligence"
    name = factory.LazyAttribute(lambda line: line.code.replace("-", " ").capitalize())
    lot = factory.SubFactory(LotFactory)


class ProviderFactory(OrganisationFactory):
    """A commissioning support provider."""

    name = factory.Sequence(lambda n: f"Support Provider {n} Ltd")
    kind = OrganisationKind.SUPPORT_PROVIDER
    sector = Sector.INDEPENDENT


def representative(provider, role: str = Role.PROVIDER_REPRESENTATIVE):
    """A new person who speaks for `provider`."""
    return MembershipFactory(organisation=provider, roles=[role]).user


class ProviderProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProviderProfile
        skip_postgeneration_save = True

    organisation = factory.SubFactory(ProviderFactory)
    accreditations = "Cyber Essentials Plus"

    @factory.post_generation
    def regions_served(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.regions_served.set(extracted)


class OfferingFactory(factory.django.DjangoModelFactory):
    """An offering created by `actor` (platform staff unless given) through offering_create, then given its `status`
    through offering_status_set unless it stays a draft; `service_lines` are codes; `price_changes` are later
    prices in the same pricing model, each through offering_price_change."""

    class Meta:
        model = Offering

    actor = factory.SubFactory(UserFactory, is_staff=True)
    provider = factory.SubFactory(ProviderFactory)
    title = "Business intelligence for CCGs"
    summary = "Dashboards and analysis"
    service_lines = ("business-intelligence",)
    regions = factory.LazyAttribute(lambda offering: [offering.provider.region])
    pricing_model = PricingModel.PER_HEAD
    price = Decimal("0.40")
    status = OfferingStatus.PUBLISHED
    price_changes = ()

    @classmethod
    def _create(cls, model_class, *args, actor, service_lines, status, price_changes, **kwargs):
        offering = offering_create(actor=actor, service_lines=service_lines_by_code(*service_lines), **kwargs)
        if status != OfferingStatus.DRAFT:
            offering_status_set(actor=actor, offering=offering, status=status)
        for price in price_changes:
            offering_price_change(
                actor=actor, offering=offering, pricing_model=offering.pricing_model, price=Decimal(price)
            )
        return model_class.objects.get(pk=offering.pk)


class EngagementFactory(factory.django.DjangoModelFactory):
    """A commissioner buying an offering since today, confirmed now; `confirmed_at=None` awaits the provider."""

    class Meta:
        model = Engagement

    offering = factory.SubFactory(OfferingFactory)
    commissioner = factory.SubFactory(OrganisationFactory)
    started_on = factory.LazyFunction(clock.today)
    confirmed_at = factory.LazyFunction(clock.now)


class RatingFactory(factory.django.DjangoModelFactory):
    """A rating of an engagement's offering by its commissioner, in the quarter the clock is in, `score` on every
    dimension."""

    class Meta:
        model = Rating

    class Params:
        score = 4

    engagement = factory.SubFactory(EngagementFactory)
    offering = factory.SelfAttribute("engagement.offering")
    commissioner = factory.SelfAttribute("engagement.commissioner")
    quarter = factory.LazyFunction(lambda: quarter_start(clock.today()))
    quality = factory.LazyAttribute(lambda rating: rating.score)
    responsiveness = factory.LazyAttribute(lambda rating: rating.score)
    value_for_money = factory.LazyAttribute(lambda rating: rating.score)
    relationship = factory.LazyAttribute(lambda rating: rating.score)


class RatingReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RatingReply

    rating = factory.SubFactory(RatingFactory)
    text = "Thank you"


class ShortlistFactory(factory.django.DjangoModelFactory):
    """A shortlist of `offerings`, in that order, unfrozen."""

    class Meta:
        model = Shortlist
        skip_postgeneration_save = True

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Shortlist {n}")

    @factory.post_generation
    def offerings(obj, create, extracted, **kwargs):
        for position, offering in enumerate(extracted or ()):
            ShortlistEntry.objects.create(shortlist=obj, offering=offering, position=position)


class SavedSearchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedSearch

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Saved search {n}")
    query_string = "q=BI&sector=third_sector"
