"""Fixtures the catalogue tests share: a confirmed engagement, two providers, a shortlist of three, a frozen one."""

from decimal import Decimal

import pytest

from exchange.marketplace.catalogue.services.ratings import engagement_confirm
from exchange.marketplace.catalogue.services.shortlists import (
    shortlist_create,
    shortlist_freeze,
)
from exchange.marketplace.catalogue.tests.factories import ProviderFactory, representative
from exchange.marketplace.catalogue.tests.helpers import record
from exchange.organisations.models import Sector


@pytest.fixture
def engaged(world):
    """Blackpool records that it buys our offering, and we confirm it."""
    offering = world.offering()
    engagement = engagement_confirm(actor=world.us, engagement=record(world, offering))
    return offering, engagement


@pytest.fixture
def providers():
    def provider(name):
        organisation = ProviderFactory(name=name, sector=Sector.THIRD_SECTOR)
        return organisation, representative(organisation)

    return provider("Community Voice Partnership"), provider("Meridian Health Analytics Ltd")


@pytest.fixture
def shortlisted(world):
    """Blackpool's buyer shortlists three published offerings; the first is Community Voice's."""
    offering = world.offering(title="Original title", summary="Original words", price=Decimal("0.40"))
    others = [
        world.offering(world.theirs, title="Another offer", pricing_model="fixed_annual", price=Decimal("45000")),
        world.offering(world.theirs, title="Third offer", pricing_model="fixed_annual", price=Decimal("52000")),
    ]
    shortlist = shortlist_create(
        actor=world.lead,
        name="BI options",
        offerings=[offering, *others],
        organisation=world.blackpool,
        entry_reasons=["Estimated £68,800 a year for a population of 172,000.", "Cheap", "Rated well"],
    )
    return shortlist, offering


@pytest.fixture
def frozen(world):
    offering = world.offering(title="Original title", summary="Original words", price=Decimal("0.40"))
    other = world.offering(world.theirs, title="Another offer", pricing_model="fixed_annual", price=Decimal("45000"))
    shortlist = shortlist_create(
        actor=world.lead, name="BI options", offerings=[offering, other], organisation=world.blackpool
    )
    shortlist = shortlist_freeze(actor=world.lead, shortlist=shortlist, population=172_000)
    return shortlist, offering
