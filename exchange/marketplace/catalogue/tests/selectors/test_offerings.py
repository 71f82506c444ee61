import pytest

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
