"""Reading single offerings, providers and the comparison: what each person may see, and the rating figures."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from exchange.marketplace.catalogue.models import Offering, OfferingStatus
from exchange.marketplace.catalogue.selectors.catalogue import (
    dimension_means,
    offering_get,
    offering_ratings,
    offerings_to_compare,
    provider_get,
    provider_offerings,
    provider_profile,
    provider_rating_summary,
    with_annual_cost,
)
from exchange.marketplace.catalogue.services.ratings import PRIOR_WEIGHT
from exchange.marketplace.catalogue.tests.factories import EngagementFactory, ProviderProfileFactory, RatingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("who", "found"), [("us", True), ("staff", True), ("them", False), ("lead", False)])
def test_a_draft_offering_is_found_only_by_its_providers_people_and_staff(world, who, found):
    draft = world.offering(status=OfferingStatus.DRAFT)
    assert (offering_get(user=getattr(world, who), pk=draft.pk) == draft) is found


def test_a_signed_out_visitor_finds_a_published_offering_but_not_a_withdrawn_one(world):
    published = world.offering()
    withdrawn = world.offering(status=OfferingStatus.WITHDRAWN)
    assert offering_get(user=AnonymousUser(), pk=published.pk) == published
    assert offering_get(user=AnonymousUser(), pk=withdrawn.pk) is None


def test_an_offering_comes_with_its_prices_newest_first(world):
    offering = world.offering(price_changes=["0.55", "0.60"])
    found = offering_get(user=world.lead, pk=offering.pk)
    assert [entry.price for entry in found.price_history.all()] == [Decimal("0.60"), Decimal("0.55"), Decimal("0.40")]


def test_an_offerings_ratings_are_its_own_and_no_other_offerings(world):
    ours, theirs = world.offering(), world.offering(world.theirs)
    rating = RatingFactory(engagement=EngagementFactory(offering=ours, commissioner=world.blackpool))
    RatingFactory(engagement=EngagementFactory(offering=theirs, commissioner=world.blackpool))
    assert list(offering_ratings(offering=ours)) == [rating]


def test_each_dimension_is_averaged_per_offering_and_an_unrated_offering_has_no_means(world):
    rated, unrated = world.offering(), world.offering(world.theirs)
    RatingFactory(engagement=EngagementFactory(offering=rated, commissioner=world.blackpool), score=2)
    RatingFactory(engagement=EngagementFactory(offering=rated, commissioner=world.camden), score=5, quality=3)
    means = dimension_means(offering_ids=[rated.pk, unrated.pk])
    assert means[rated.pk] == {"quality": 2.5, "responsiveness": 3.5, "value_for_money": 3.5, "relationship": 3.5}
    assert means[unrated.pk] == dict.fromkeys(["quality", "responsiveness", "value_for_money", "relationship"])


def test_the_comparison_keeps_the_order_asked_for_and_stops_at_four(world):
    offerings = [world.offering(title=f"Offer {n}") for n in range(5)]
    asked = [offerings[4].pk, offerings[0].pk, offerings[0].pk, offerings[2].pk, offerings[1].pk, offerings[3].pk]
    assert offerings_to_compare(user=world.lead, ids=asked) == [offerings[4], offerings[0], offerings[2], offerings[1]]


def test_the_comparison_leaves_out_another_providers_draft_for_a_buyer_but_not_for_its_provider(world):
    published = world.offering(title="Published")
    draft = world.offering(title="Draft", status=OfferingStatus.DRAFT)
    assert offerings_to_compare(user=world.lead, ids=[draft.pk, published.pk]) == [published]
    assert offerings_to_compare(user=world.them, ids=[draft.pk, published.pk]) == [published]
    assert offerings_to_compare(user=world.us, ids=[draft.pk, published.pk]) == [draft, published]


def test_the_annual_cost_is_worked_out_for_the_population_asked_for(world):
    per_head = world.offering(price=Decimal("0.40"))
    fixed = world.offering(pricing_model="fixed_annual", price=Decimal("45000"))
    costed = with_annual_cost([per_head, fixed], population=172_000)
    assert [offering.annual_cost for offering in costed] == [Decimal("68800.00"), Decimal("45000.00")]


def test_a_provider_is_found_by_its_slug_and_a_commissioner_is_not(world):
    assert provider_get(slug=world.ours.slug) == world.ours
    assert provider_get(slug=world.blackpool.slug) is None
    assert provider_get(slug="no-such-provider") is None


def test_a_providers_profile_is_its_own_and_none_before_it_writes_one(world):
    assert provider_profile(provider=world.ours) is None
    profile = ProviderProfileFactory(organisation=world.ours, regions_served=[world.north])
    ProviderProfileFactory(organisation=world.theirs)
    found = provider_profile(provider=world.ours)
    assert found == profile and list(found.regions_served.all()) == [world.north]


def test_a_buyer_sees_a_providers_published_offerings_by_title_and_its_own_people_its_drafts_too(world):
    later, earlier = world.offering(title="Later"), world.offering(title="Earlier")
    draft = world.offering(title="Draft", status=OfferingStatus.DRAFT)
    world.offering(world.theirs, title="Not ours")
    assert list(provider_offerings(user=world.lead, provider=world.ours)) == [earlier, later]
    assert list(provider_offerings(user=world.them, provider=world.ours)) == [earlier, later]
    assert list(provider_offerings(user=world.us, provider=world.ours)) == [draft, earlier, later]


def test_the_providers_rating_summary_weights_each_published_offering_by_its_ratings(world):
    first, second = world.offering(title="First"), world.offering(title="Second")
    withdrawn = world.offering(title="Withdrawn", status=OfferingStatus.WITHDRAWN)
    Offering.objects.filter(pk=first.pk).update(rating_count=3, rating_adjusted=4.0)
    Offering.objects.filter(pk=second.pk).update(rating_count=1, rating_adjusted=2.0)
    Offering.objects.filter(pk=withdrawn.pk).update(rating_count=10, rating_adjusted=1.0)
    assert provider_rating_summary(provider=world.ours) == {"count": 4, "adjusted": 3.5, "prior_weight": PRIOR_WEIGHT}


def test_a_provider_with_no_ratings_has_no_adjusted_mean(world):
    world.offering()
    assert provider_rating_summary(provider=world.ours) == {"count": 0, "adjusted": None, "prior_weight": PRIOR_WEIGHT}
