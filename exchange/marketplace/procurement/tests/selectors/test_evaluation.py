"""Reading bids, scores, results and the procurement's trail: sealed until the bid deadline, and then only for whom the
rules allow."""

import pytest
from django.contrib.auth.models import AnonymousUser

from exchange.marketplace.procurement.access import procurement_access
from exchange.marketplace.procurement.selectors.evaluation import (
    bid_for_provider,
    bid_readable,
    bids_for_buyer,
    moderated_visible,
    report_bids,
    requirement_audit_events,
    results_visible,
    submitted_bids,
)
from exchange.marketplace.procurement.services import evaluation
from exchange.marketplace.procurement.tests.factories import (
    BidFactory,
    EvaluatorAssignmentFactory,
    ModeratedScoreFactory,
)
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


def test_only_submitted_bids_are_counted_in_the_order_they_were_made(world, evaluated):
    requirement, _, _, ours, theirs, *_ = evaluated
    BidFactory(requirement=requirement, submit=False, now=BEFORE_BIDS_CLOSE)
    assert list(submitted_bids(requirement)) == [ours, theirs]


def test_before_the_deadline_only_the_bidders_own_people_read_its_bid(world, evaluated):
    requirement, _, _, ours, theirs, (first, _), _ = evaluated
    people = {"us": world.us, "them": world.them, "lead": world.lead, "first": first, "staff": world.staff}
    readers = {who: bid_readable(user=person, bid=ours, now=BEFORE_BIDS_CLOSE) for who, person in people.items()}
    assert readers == {"us": True, "them": False, "lead": False, "first": False, "staff": False}


def test_after_the_deadline_the_lead_reads_every_bid_and_an_evaluator_only_those_declared_free_of_conflict(
    world, evaluated
):
    requirement, _, _, ours, theirs, (first, one), (second, two) = evaluated
    evaluation.conflict_declare(actor=first, assignment=one, bid=ours, conflicted=False, now=AFTER_BIDS_CLOSE)
    evaluation.conflict_declare(actor=second, assignment=two, bid=theirs, conflicted=True, now=AFTER_BIDS_CLOSE)
    at = {"now": AFTER_BIDS_CLOSE}
    assert bid_readable(user=world.lead, bid=theirs, **at) and bid_readable(user=first, bid=ours, **at)
    assert not bid_readable(user=first, bid=theirs, **at)  # nothing declared yet
    assert not bid_readable(user=second, bid=theirs, **at)  # conflicted


@pytest.mark.parametrize("who", ["london_lead", "them", "staff", "anonymous"])
def test_after_the_deadline_a_partners_buyer_another_bidder_staff_and_a_signed_out_visitor_read_no_bid(
    world, evaluated, who
):
    ours = evaluated[3]
    person = AnonymousUser() if who == "anonymous" else getattr(world, who)
    assert not bid_readable(user=person, bid=ours, now=AFTER_BIDS_CLOSE)


def test_a_provider_finds_its_own_bid_and_nobody_else_finds_it(world, evaluated):
    requirement, _, _, ours, *_ = evaluated
    assert bid_for_provider(user=world.us, requirement=requirement, provider_id=world.ours.pk) == ours
    for person in (world.them, world.lead, world.staff, AnonymousUser()):
        assert bid_for_provider(user=person, requirement=requirement, provider_id=world.ours.pk) is None


def test_the_report_lists_no_bid_before_the_deadline_and_every_submitted_bid_after_to_the_buying_side(world, evaluated):
    requirement, _, _, ours, theirs, *_ = evaluated
    assert report_bids(access=procurement_access(user=world.lead, requirement=requirement, now=BEFORE_BIDS_CLOSE)) == []
    for person in (world.lead, world.london_lead, world.staff):
        access = procurement_access(user=person, requirement=requirement, now=AFTER_BIDS_CLOSE)
        assert report_bids(access=access) == [ours, theirs]


def test_an_evaluator_a_bidder_and_a_signed_out_visitor_are_listed_no_bid_in_the_report(world, evaluated):
    requirement, *_, (first, _), _ = evaluated
    for person in (first, world.us, AnonymousUser()):
        assert report_bids(access=procurement_access(user=person, requirement=requirement, now=AFTER_BIDS_CLOSE)) == []


def test_a_partners_buyer_who_evaluates_sees_in_the_report_only_the_bids_declared_free_of_conflict(world, evaluated):
    requirement, _, _, ours, theirs, *_ = evaluated
    assignment = EvaluatorAssignmentFactory(requirement=requirement, evaluator=world.london_lead)
    for bid_, conflicted in ((ours, False), (theirs, True)):
        evaluation.conflict_declare(
            actor=world.london_lead, assignment=assignment, bid=bid_, conflicted=conflicted, now=AFTER_BIDS_CLOSE
        )
    access = procurement_access(user=world.london_lead, requirement=requirement, now=AFTER_BIDS_CLOSE)
    assert report_bids(access=access) == [ours]


def test_moderated_scores_and_results_are_sealed_until_the_deadline_even_from_the_lead(world, evaluated):
    requirement, quality, _, ours, *_ = evaluated
    ModeratedScoreFactory(bid=ours, criterion=quality)
    assert list(moderated_visible(user=world.lead, requirement=requirement, now=BEFORE_BIDS_CLOSE)) == []
    assert results_visible(user=world.lead, requirement=requirement, now=BEFORE_BIDS_CLOSE) is None


@pytest.mark.parametrize("who", ["lead", "london_lead", "staff"])
def test_the_buying_sides_procurement_people_and_staff_see_the_moderated_scores_and_results(world, concluded, who):
    person = getattr(world, who)
    assert len(moderated_visible(user=person, requirement=concluded)) == 4
    assert [result.rank for result in results_visible(user=person, requirement=concluded)] == [1, 2]


def test_an_evaluator_a_bidder_and_a_signed_out_visitor_see_no_moderated_score_or_result(world, concluded):
    evaluator = concluded.evaluators.first().evaluator
    for person in (evaluator, world.us, world.them, AnonymousUser()):
        assert list(moderated_visible(user=person, requirement=concluded)) == []
        assert results_visible(user=person, requirement=concluded) is None


def test_the_procurement_trail_shows_no_bid_event_until_the_deadline_and_never_an_unsubmitted_bids(world, evaluated):
    requirement, _, _, ours, theirs, *_ = evaluated
    draft = BidFactory(requirement=requirement, submit=False, now=BEFORE_BIDS_CLOSE)
    before = list(requirement_audit_events(user=world.lead, requirement=requirement, now=BEFORE_BIDS_CLOSE))
    after = list(requirement_audit_events(user=world.lead, requirement=requirement, now=AFTER_BIDS_CLOSE))
    assert "procurement.requirement_published" in [event.action for event in before]
    assert [event.action for event in before if event.object_type == "marketplace.bid"] == []
    assert "procurement.bid_submitted" in [event.action for event in after]
    bids_in_trail = {event.object_id for event in after if event.object_type == "marketplace.bid"}
    assert bids_in_trail == {str(ours.pk), str(theirs.pk)} and str(draft.pk) not in bids_in_trail


def test_an_evaluator_a_bidder_and_a_signed_out_visitor_read_no_procurement_trail(world, evaluated):
    requirement, *_, (first, _), _ = evaluated
    for person in (first, world.us, AnonymousUser()):
        assert requirement_audit_events(user=person, requirement=requirement, now=AFTER_BIDS_CLOSE) == []
