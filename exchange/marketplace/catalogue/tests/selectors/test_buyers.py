"""Whose population a person's costs are worked out for: their first commissioner's, or an illustrative one."""

import pytest
from django.contrib.auth.models import AnonymousUser

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory
from exchange.marketplace.catalogue.selectors.buyers import TYPICAL_POPULATION, buyer_commissioner, buyer_view
from exchange.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_commissioners_member_is_shown_its_registered_population(world):
    view = buyer_view(user=world.lead)
    assert (view.commissioner, view.population, view.population_is_typical) == (world.blackpool, 172_000, False)
    assert view.describes == "NHS Blackpool's registered population of 172,000"


def test_a_signed_out_visitor_has_no_commissioner_and_is_shown_an_illustrative_population(world):
    assert buyer_commissioner(user=AnonymousUser()) is None
    view = buyer_view(user=AnonymousUser())
    assert (view.commissioner, view.population, view.population_is_typical) == (None, TYPICAL_POPULATION, True)
    assert view.describes == "an illustrative population of 250,000"


@pytest.mark.parametrize("who", ["us", "staff"])
def test_a_providers_representative_or_platform_staff_buy_for_no_commissioner(world, who):
    person = getattr(world, who)
    assert buyer_commissioner(user=person) is None
    assert buyer_view(user=person).population_is_typical


def test_a_commissioner_without_a_recorded_population_is_shown_the_illustrative_one(world):
    unrecorded = OrganisationFactory(name="NHS Unrecorded", registered_population=None)
    person = MembershipFactory(organisation=unrecorded, roles=[Role.BUYER]).user
    view = buyer_view(user=person)
    assert (view.commissioner, view.population, view.population_is_typical) == (unrecorded, TYPICAL_POPULATION, True)
    assert view.describes == "an illustrative population of 250,000"


def test_someone_in_two_commissioners_buys_for_the_first_by_name(world):
    MembershipFactory(user=world.london_lead, organisation=world.blackpool, roles=[Role.ANALYST])
    assert buyer_commissioner(user=world.london_lead) == world.blackpool
