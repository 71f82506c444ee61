"""A plan's public page shows nothing until its review is decided, then its whole timeline; the endorsement share
counts each practice's view of the latest version it saw."""

import datetime

from exchange.plans import services
from exchange.plans.selectors.plans import endorsement_share, plan_public_get, plan_timeline, reviews_for
from exchange.plans.tests.conftest import NOW, SECTIONS, reviewer_of

AT = NOW + datetime.timedelta(hours=1)


def test_the_public_timeline_appears_only_once_the_review_is_decided_and_tells_every_step(system, review):
    assert plan_public_get(pk=review.plan.pk) is None
    board = reviewer_of(review, system.board)
    referral = services.referral_make(
        actor=system.board_lead, reviewer=board, priorities=system.priorities[1:], reasons="Alcohol.", now=AT
    )
    advice = services.advice_give(
        actor=system.senate_lead, reviewer=reviewer_of(review, system.senate), text="Add stroke.", now=AT
    )
    services.endorsement_give(
        actor=system.practice_leads[3], reviewer=reviewer_of(review, system.practices[3]), endorses=True, now=AT
    )  # of version 1: it does not count for version 2
    version = services.plan_revise(actor=system.lead, plan=review.plan, sections=SECTIONS, note="Alcohol added.")
    for n, practice in enumerate(system.practices[:3]):
        services.endorsement_give(
            actor=system.practice_leads[n], reviewer=reviewer_of(review, practice), endorses=True, now=AT
        )
    services.referral_answer(actor=system.lead, referral=referral, reasons="See v2.", new_version=version, now=AT)
    services.advice_respond(actor=system.lead, advice=advice, outcome="accepted", reasons="Added.", now=AT)
    services.review_decide(actor=system.lead, review=review, decision="Agreed.", now=review.closes_at)
    services.assurance_give(
        actor=system.area_team_lead,
        reviewer=reviewer_of(review, system.area_team),
        rating="good",
        reasons="Sound.",
        now=review.closes_at,
    )
    plan = plan_public_get(pk=review.plan.pk)
    whats = [entry.what for entry in plan_timeline(plan)]
    for said in (
        "Version 1",
        "Review opened",
        "Referred version 1 back (P2 Reducing alcohol harm)",
        "Advice on version 1",
        "Endorsed version 1",
        "Endorsed version 2",
        "Version 2",
        "Answered Blackpool Health and Wellbeing Board's referral with version 2",
        "Advice from Greater Manchester, Lancashire and South Cumbria Clinical Senate: accepted",
        "Decided",
        "Assurance: Good",
    ):
        assert said in whats, said
    assert endorsement_share(plan.reviews.get()) == (3, 5, 2)


def test_a_reviewers_leads_find_the_reviews_they_are_asked_to_act_in(system, review):
    assert list(reviews_for(user=system.board_lead)) == [review]
    assert list(reviews_for(user=system.other_board_lead)) == []
