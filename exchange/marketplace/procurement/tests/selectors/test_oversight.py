"""What platform staff see of every procurement at once (`selectors.oversight`, the admin's lists): the same as each
requirement's stage and each evaluation report say, at every moment, and nothing for anyone else."""

import datetime

import pytest

from exchange.marketplace.procurement.models import Bid, Requirement, RequirementStatus, bids_open
from exchange.marketplace.procurement.selectors.oversight import awards_in_reports, bid_in_report, bids_in_reports
from exchange.marketplace.procurement.tests.factories import BidFactory, RequirementFactory
from exchange.marketplace.procurement.tests.procurement_flow import (
    AFTER_BIDS_CLOSE,
    BEFORE_BIDS_CLOSE,
    BEFORE_QUESTIONS_CLOSE,
    BIDS_CLOSE,
    DRAFTED,
    QUESTIONS_CLOSE,
)

pytestmark = pytest.mark.django_db


def _moments(awarded) -> list[datetime.datetime]:
    ends = awarded.award.standstill_ends_at
    return [BEFORE_QUESTIONS_CLOSE, BEFORE_BIDS_CLOSE, BIDS_CLOSE, AFTER_BIDS_CLOSE, ends, ends + datetime.timedelta(1)]


@pytest.fixture
def every_status(world, awarded):
    """The awarded procurement beside one of every other status, all with the same deadlines."""
    dates = {"clarification_deadline": QUESTIONS_CLOSE, "bid_deadline": BIDS_CLOSE}
    RequirementFactory(lead=world.blackpool, owner=world.lead, title="Draft", **dates)
    RequirementFactory(lead=world.blackpool, owner=world.lead, title="Published", published=DRAFTED, **dates)
    for status in (RequirementStatus.CONCLUDED, RequirementStatus.CANCELLED):
        requirement = RequirementFactory(lead=world.blackpool, owner=world.lead, published=DRAFTED, **dates)
        Requirement.objects.filter(pk=requirement.pk).update(status=status)
    return awarded


def test_bids_open_says_in_sql_what_the_stage_says_for_every_status_at_every_moment(every_status):
    requirements = list(Requirement.objects.select_related("award"))
    assert {requirement.status for requirement in requirements} == set(RequirementStatus.values)
    for now in _moments(every_status):
        opened = {requirement.pk for requirement in requirements if not requirement.bids_sealed(now)}
        assert set(Requirement.objects.filter(bids_open(now)).values_list("pk", flat=True)) == opened, now


def test_staff_list_exactly_the_bids_their_evaluation_reports_show_at_every_moment(world, every_status):
    published = Requirement.objects.get(title="Published")
    submitted = BidFactory(requirement=published, provider=world.theirs, by=world.them, now=BEFORE_BIDS_CLOSE)
    draft = BidFactory(requirement=published, provider=world.ours, by=world.us, submit=False, now=BEFORE_BIDS_CLOSE)
    bids = list(Bid.objects.select_related("requirement"))
    for now in _moments(every_status):
        listed = set(bids_in_reports(user=world.staff, now=now))
        assert listed == {bid for bid in bids if bid_in_report(user=world.staff, bid=bid, now=now)}, now
        assert draft not in listed
        assert (submitted in listed) == (now >= BIDS_CLOSE)


@pytest.mark.parametrize("who", ["lead", "us", "london_lead"])
def test_nobody_but_staff_lists_bids_or_awards_here_not_even_those_who_read_them_on_their_pages(
    world, every_status, who
):
    person = getattr(world, who)
    assert list(bids_in_reports(user=person, now=AFTER_BIDS_CLOSE)) == []
    assert list(awards_in_reports(user=person, now=AFTER_BIDS_CLOSE)) == []


def test_staff_read_the_award_once_made(world, every_status):
    assert [award.requirement for award in awards_in_reports(user=world.staff)] == [every_status]
