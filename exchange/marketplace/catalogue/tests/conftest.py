import pytest

from exchange.marketplace.catalogue.services.ratings import engagement_confirm
from exchange.marketplace.catalogue.tests.helpers import record


@pytest.fixture
def engaged(world):
    """Blackpool records that it buys our offering, and we confirm it."""
    offering = world.offering()
    engagement = engagement_confirm(actor=world.us, engagement=record(world, offering))
    return offering, engagement
