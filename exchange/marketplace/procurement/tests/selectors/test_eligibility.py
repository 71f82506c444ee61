"""Which providers may bid: open requirements, by service line and region; invited ones, by the frozen shortlist."""

import pytest

from exchange.marketplace.catalogue.models import OfferingStatus
from exchange.marketplace.catalogue.services.shortlists import shortlist_create, shortlist_freeze
from exchange.marketplace.catalogue.tests.factories import OfferingFactory, ProviderFactory
from exchange.marketplace.procurement.models import RequirementRoute
from exchange.marketplace.procurement.selectors.eligibility import eligible_provider_ids, eligible_providers
from exchange.marketplace.procurement.tests.factories import RequirementFactory

pytestmark = pytest.mark.django_db


def test_an_open_requirement_is_for_providers_with_a_published_offering_in_its_lines_and_regions(world):
    world.offering(regions=[world.north])
    world.offering(world.theirs, regions=[world.london])
    OfferingFactory(provider=ProviderFactory(), regions=[world.north], status=OfferingStatus.DRAFT)
    OfferingFactory(provider=ProviderFactory(), regions=[world.north], service_lines=["finance"])
    requirement = RequirementFactory(lead=world.blackpool, owner=world.lead, published=True)
    assert list(eligible_providers(requirement)) == [world.ours]
    assert eligible_provider_ids(requirement) == {world.ours.pk}


def test_a_partner_brings_its_region_and_its_providers_with_it(world):
    world.offering(regions=[world.north])
    world.offering(world.theirs, regions=[world.london])
    requirement = RequirementFactory(
        lead=world.blackpool, owner=world.lead, partners=[(world.camden, world.london_lead)], published=True
    )
    assert list(eligible_providers(requirement)) == [world.ours, world.theirs]


def test_an_invited_requirement_is_for_the_providers_on_its_frozen_shortlist_wherever_they_offer(world):
    theirs = world.offering(world.theirs, regions=[world.london])
    world.offering(regions=[world.north])
    shortlist = shortlist_create(actor=world.lead, name="Invited", offerings=[theirs], organisation=world.blackpool)
    shortlist = shortlist_freeze(actor=world.lead, shortlist=shortlist, population=172_000)
    requirement = RequirementFactory(
        lead=world.blackpool, owner=world.lead, route=RequirementRoute.INVITED, shortlist=shortlist, published=True
    )
    assert list(eligible_providers(requirement)) == [world.theirs]


def test_an_invited_requirement_without_a_shortlist_is_for_nobody(world):
    world.offering(regions=[world.north])
    requirement = RequirementFactory(lead=world.blackpool, owner=world.lead, route=RequirementRoute.INVITED)
    assert eligible_provider_ids(requirement) == set()
