import pytest

from exchange.marketplace.catalogue.selectors.shortlists import shortlist_entries
from exchange.marketplace.catalogue.tests.helpers import redraft

pytestmark = pytest.mark.django_db


def test_the_selector_gives_the_buyer_a_marker_and_the_provider_its_draft(world, shortlisted):
    shortlist, offering = shortlisted
    redraft(world, offering)
    buyer_sees = shortlist_entries(user=world.lead, shortlist=shortlist, population=172_000)[0]
    assert (buyer_sees.available, buyer_sees.snapshot, buyer_sees.offering, buyer_sees.reason) == (
        False,
        None,
        None,
        "",
    )
    staff_sees = shortlist_entries(user=world.staff, shortlist=shortlist, population=172_000)[0]
    assert staff_sees.snapshot["title"] == "SECRET DRAFT TITLE" and staff_sees.offering == offering
