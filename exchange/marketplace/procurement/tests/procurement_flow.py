"""A joint procurement at each of its stages, shared by the procurement, OCDS and API tests.

Every moment is relative to the real clock when the tests are collected: the bids close a week from now, so pages
that read the real clock see bids open, and services are given `now` explicitly for the later stages."""

import datetime

import pytest

from exchange.accounts.models import Role
from exchange.marketplace.procurement.services import evaluation
from exchange.marketplace.procurement.tests.factories import (
    BidFactory,
    EvaluatorAssignmentFactory,
    RequirementFactory,
    buyer,
)

UTC = datetime.UTC
_START = datetime.datetime.now(tz=UTC).replace(minute=0, second=0, microsecond=0)
DRAFTED = _START - datetime.timedelta(days=7)
QUESTIONS_CLOSE = _START + datetime.timedelta(days=3)
BIDS_CLOSE = _START + datetime.timedelta(days=7)
BEFORE_QUESTIONS_CLOSE = QUESTIONS_CLOSE - datetime.timedelta(hours=1)
BEFORE_BIDS_CLOSE = BIDS_CLOSE - datetime.timedelta(minutes=1)
AFTER_BIDS_CLOSE = BIDS_CLOSE + datetime.timedelta(minutes=1)


@pytest.fixture
def joint(world):
    """NHS Blackpool leads, NHS Camden joins; two providers with BI offerings in both regions."""
    world.offering(regions=[world.north, world.london])
    world.offering(world.theirs, regions=[world.north, world.london])
    requirement = RequirementFactory(
        lead=world.blackpool,
        owner=world.lead,
        partners=[(world.camden, world.london_lead)],
        criteria=[("Approach", 50), ("Social value", 20, "social_value")],
        clarification_deadline=QUESTIONS_CLOSE,
        bid_deadline=BIDS_CLOSE,
        published=DRAFTED,
    )
    quality, social = requirement.criteria.all()
    return requirement, quality, social


def bid(world, requirement, provider, person, price, now=BEFORE_BIDS_CLOSE):
    return BidFactory(requirement=requirement, provider=provider, by=person, price=price, now=now)


@pytest.fixture
def evaluated(world, joint):
    """Two bids; Blackpool's and Camden's evaluators; Camden's evaluator is conflicted with Meridian."""
    requirement, quality, social = joint
    ours = bid(world, requirement, world.ours, world.us, "0.40")
    theirs = bid(world, requirement, world.theirs, world.them, "0.32")
    one = EvaluatorAssignmentFactory(requirement=requirement, evaluator=buyer(world.blackpool, Role.EVALUATOR))
    two = EvaluatorAssignmentFactory(requirement=requirement, evaluator=buyer(world.camden, Role.EVALUATOR))
    return requirement, quality, social, ours, theirs, (one.evaluator, one), (two.evaluator, two)


def score_all(evaluator, assignment, bids, criteria, scores, conflicted=(), now=AFTER_BIDS_CLOSE):
    for bid_ in bids:
        evaluation.conflict_declare(
            actor=evaluator, assignment=assignment, bid=bid_, conflicted=bid_ in conflicted, now=now
        )
        if bid_ in conflicted:
            continue
        for criterion in criteria:
            evaluation.score_record(
                actor=evaluator,
                assignment=assignment,
                bid=bid_,
                criterion=criterion,
                score=scores[bid_.pk][criterion.pk],
                justification=f"Because {scores[bid_.pk][criterion.pk]}",
                now=now,
            )
    return evaluation.scores_submit(actor=evaluator, assignment=assignment, now=now)


def score_both(evaluated) -> dict:
    """Both evaluators score and submit: the first scores ours 4 and 3, theirs 2 and 2; the second, conflicted with
    theirs, scores ours 3 and 3. Returns the first evaluator's scores, by bid and criterion."""
    requirement, quality, social, ours, theirs, (first, one), (second, two) = evaluated
    scores = {ours.pk: {quality.pk: 4, social.pk: 3}, theirs.pk: {quality.pk: 2, social.pk: 2}}
    score_all(first, one, [ours, theirs], [quality, social], scores)
    score_all(second, two, [ours, theirs], [quality, social], {ours.pk: {quality.pk: 3, social.pk: 3}}, [theirs])
    return scores


@pytest.fixture
def awarded(world, evaluated):
    """The evaluated procurement moderated and awarded to Community Voice Partnership, in its standstill."""
    requirement, quality, social, ours, theirs, (first, one), (second, two) = evaluated
    scores = score_both(evaluated)
    for bid_ in (ours, theirs):
        for criterion in (quality, social):
            evaluation.moderation_record(
                actor=world.lead,
                bid=bid_,
                criterion=criterion,
                score=scores[bid_.pk][criterion.pk],
                rationale="Consensus",
                now=AFTER_BIDS_CLOSE,
            )
    evaluation.award_make(
        actor=world.lead, requirement=requirement, bid=ours, rationale="Highest score", now=AFTER_BIDS_CLOSE
    )
    requirement.refresh_from_db()
    return requirement


@pytest.fixture
def concluded(world, awarded):
    """The awarded procurement past its standstill, the award made final."""
    evaluation.award_conclude(actor=world.lead, requirement=awarded, now=awarded.award.standstill_ends_at)
    awarded.refresh_from_db()
    return awarded


@pytest.fixture
def close_bids(time_machine, client):
    """Move every clock past the requirement's bid deadline, as time passing would; whoever was signed in signs in
    again (sessions last 8 hours)."""

    def close(requirement) -> None:
        from exchange.accounts.models import User

        signed_in = client.session.get("_auth_user_id")
        requirement.refresh_from_db()
        time_machine.move_to(requirement.bid_deadline + datetime.timedelta(hours=1), tick=True)
        if signed_in:
            client.force_login(User.objects.get(pk=signed_in))

    return close
