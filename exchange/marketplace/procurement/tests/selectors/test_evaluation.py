import pytest

from exchange.marketplace.procurement.selectors.evaluation import bids_for_buyer
from exchange.marketplace.procurement.tests.procurement_flow import (
    AFTER_BIDS_CLOSE,
    BEFORE_BIDS_CLOSE,
    bid,
)

pytestmark = pytest.mark.django_db


def test_bids_are_sealed_from_the_buying_side_until_the_deadline(world, joint):
    requirement, *_ = joint
    bid(world, requirement, world.ours, world.us, "0.40")
    assert list(bids_for_buyer(user=world.lead, requirement=requirement, now=BEFORE_BIDS_CLOSE)) == []
    assert [b.provider for b in bids_for_buyer(user=world.lead, requirement=requirement, now=AFTER_BIDS_CLOSE)] == [
        world.ours
    ]
    assert list(bids_for_buyer(user=world.them, requirement=requirement, now=AFTER_BIDS_CLOSE)) == []
