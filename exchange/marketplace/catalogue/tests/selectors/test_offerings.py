"""Who sees which offerings: buyers the published ones, a provider's own people its drafts and withdrawn ones too, staff
all of them."""

import pytest
from django.contrib.auth.models import AnonymousUser

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory
from exchange.marketplace.catalogue.models import OfferingStatus
from exchange.marketplace.catalogue.selectors.offerings import offering_visible_list
from exchange.marketplace.catalogue.services.offerings import (
    offering_status_set,
)
from exchange.marketplace.catalogue.tests.helpers import create

pytestmark = pytest.mark.django_db


def test_draft_offerings_are_invisible_to_buyers(providers):
    (ours, us), _ = providers
    offering = create(ours, us)
    buyer = MembershipFactory(roles=[Role.BUYER]).user
    assert offering not in offering_visible_list(user=buyer)
    assert offering in offering_visible_list(user=us)
    offering_status_set(actor=us, offering=offering, status=OfferingStatus.PUBLISHED)
    assert offering in offering_visible_list(user=buyer)
    from django.contrib.auth.models import AnonymousUser

    assert offering in offering_visible_list(user=AnonymousUser())


@pytest.mark.parametrize("status", [OfferingStatus.DRAFT, OfferingStatus.WITHDRAWN])
def test_another_providers_representative_does_not_see_a_draft_or_withdrawn_offering(world, status):
    offering = world.offering(status=status)
    assert offering not in offering_visible_list(user=world.them)
    assert offering in offering_visible_list(user=world.us)


@pytest.mark.parametrize("status", [OfferingStatus.DRAFT, OfferingStatus.WITHDRAWN])
def test_a_signed_out_visitor_sees_only_published_offerings(world, status):
    hidden, published = world.offering(status=status), world.offering()
    assert list(offering_visible_list(user=AnonymousUser())) == [published]
    assert hidden not in offering_visible_list(user=AnonymousUser())


def test_platform_staff_see_every_offering_whatever_its_status(world):
    offerings = {world.offering(status=status) for status in OfferingStatus.values}
    assert set(offering_visible_list(user=world.staff)) == offerings
