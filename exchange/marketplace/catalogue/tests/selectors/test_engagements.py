"""Engagements as a buyer and as a provider see them: each person only their own organisation's."""

import pytest
from django.contrib.auth.models import AnonymousUser

from exchange.marketplace.catalogue.selectors.engagements import (
    buyer_engagements,
    engagement_for_provider,
    provider_engagements,
)
from exchange.marketplace.catalogue.tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def engagements(world):
    """Blackpool's engagement with our offering (confirmed), a second awaiting us, and Camden's."""
    offering = world.offering()
    return {
        "confirmed": EngagementFactory(offering=offering, commissioner=world.blackpool),
        "awaiting": EngagementFactory(offering=offering, commissioner=world.blackpool, confirmed_at=None),
        "camden": EngagementFactory(offering=offering, commissioner=world.camden),
    }, offering


def test_a_buyer_sees_every_engagement_of_its_commissioner_with_the_offering_confirmed_or_not(world, engagements):
    made, offering = engagements
    assert set(buyer_engagements(user=world.lead, offering=offering)) == {made["confirmed"], made["awaiting"]}


def test_another_commissioners_buyer_sees_only_its_own_engagements(world, engagements):
    made, offering = engagements
    assert list(buyer_engagements(user=world.london_lead, offering=offering)) == [made["camden"]]


@pytest.mark.parametrize("who", ["us", "staff", "anonymous"])
def test_the_provider_staff_and_a_signed_out_visitor_have_no_engagements_as_buyers(world, engagements, who):
    _, offering = engagements
    person = AnonymousUser() if who == "anonymous" else getattr(world, who)
    assert list(buyer_engagements(user=person, offering=offering)) == []


def test_an_engagement_with_another_offering_is_not_the_buyers_engagement_with_this_one(world, engagements):
    other = world.offering(world.theirs)
    EngagementFactory(offering=other, commissioner=world.blackpool)
    assert list(buyer_engagements(user=world.lead, offering=world.offering())) == []


@pytest.mark.parametrize("who", ["us", "staff"])
def test_the_providers_people_and_staff_see_every_engagement_with_its_offerings(world, engagements, who):
    made, _ = engagements
    assert set(provider_engagements(user=getattr(world, who), provider=world.ours)) == set(made.values())


@pytest.mark.parametrize("who", ["them", "lead", "anonymous"])
def test_another_provider_a_buyer_and_a_signed_out_visitor_see_none_of_a_providers_engagements(world, engagements, who):
    person = AnonymousUser() if who == "anonymous" else getattr(world, who)
    assert list(provider_engagements(user=person, provider=world.ours)) == []


@pytest.mark.parametrize(("who", "found"), [("us", True), ("staff", True), ("them", False), ("lead", False)])
def test_one_engagement_is_found_for_its_providers_people_and_staff_only(world, engagements, who, found):
    made, _ = engagements
    assert (engagement_for_provider(user=getattr(world, who), pk=made["awaiting"].pk) == made["awaiting"]) is found


def test_a_signed_out_visitor_or_an_unknown_engagement_finds_nothing(world, engagements):
    made, _ = engagements
    assert engagement_for_provider(user=AnonymousUser(), pk=made["confirmed"].pk) is None
    assert engagement_for_provider(user=world.us, pk=max(e.pk for e in made.values()) + 1) is None
