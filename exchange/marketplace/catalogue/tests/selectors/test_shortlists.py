"""Shortlists and saved searches as each person may see them, and what a snapshot of an offering keeps."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory
from exchange.marketplace.catalogue.selectors.shortlists import (
    offering_snapshot,
    saved_search_list,
    shortlist_entries,
    shortlist_get,
    shortlist_list,
)
from exchange.marketplace.catalogue.tests.factories import SavedSearchFactory, ShortlistFactory
from exchange.marketplace.catalogue.tests.helpers import redraft

pytestmark = pytest.mark.django_db


@pytest.fixture
def shortlists(world):
    """Blackpool's lead keeps one shortlist for Blackpool and one of their own."""
    return (
        ShortlistFactory(owner=world.lead, organisation=world.blackpool, name="Blackpool's"),
        ShortlistFactory(owner=world.lead, name="Private"),
    )


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


def test_the_owner_sees_their_own_shortlists_and_their_organisations(world, shortlists):
    assert set(shortlist_list(user=world.lead)) == set(shortlists)


def test_a_colleague_sees_the_organisations_shortlist_but_not_anothers_own(world, shortlists):
    organisations, private = shortlists
    colleague = MembershipFactory(organisation=world.blackpool, roles=[Role.ANALYST]).user
    assert list(shortlist_list(user=colleague)) == [organisations]
    assert shortlist_get(user=colleague, pk=organisations.pk) == organisations
    assert shortlist_get(user=colleague, pk=private.pk) is None


@pytest.mark.parametrize("who", ["london_lead", "us", "anonymous"])
def test_another_commissioner_a_provider_and_a_signed_out_visitor_see_no_shortlist(world, shortlists, who):
    person = AnonymousUser() if who == "anonymous" else getattr(world, who)
    assert list(shortlist_list(user=person)) == []
    assert [shortlist_get(user=person, pk=shortlist.pk) for shortlist in shortlists] == [None, None]


def test_platform_staff_open_any_shortlist_but_list_none_of_others(world, shortlists):
    assert list(shortlist_list(user=world.staff)) == []
    assert [shortlist_get(user=world.staff, pk=shortlist.pk) for shortlist in shortlists] == list(shortlists)


def test_a_snapshot_costs_the_offering_for_the_population_or_says_it_cannot(world):
    offering = world.offering(price=Decimal("0.40"))
    costed = offering_snapshot(offering, population=172_000)
    assert (costed["title"], costed["provider"], costed["price"]) == (offering.title, world.ours.name, "0.40")
    assert (costed["estimated_annual_cost"], costed["service_lines"]) == (
        "68800.00",
        ["Business intelligence and analytics"],
    )
    assert offering_snapshot(offering, population=None)["estimated_annual_cost"] is None


def test_each_person_lists_only_their_own_saved_searches(world):
    mine = SavedSearchFactory(owner=world.lead)
    SavedSearchFactory(owner=world.london_lead)
    assert list(saved_search_list(user=world.lead)) == [mine]
    assert list(saved_search_list(user=AnonymousUser())) == []
