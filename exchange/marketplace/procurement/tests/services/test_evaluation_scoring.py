"""The evaluators' services: conflicts of interest declared before a bid is read, scores kept to their owner until
submitted, the 0–4 scale."""

import pytest

from exchange.core.exceptions import ApplicationError
from exchange.marketplace.procurement.selectors.evaluation import scores_visible
from exchange.marketplace.procurement.services import evaluation
from exchange.marketplace.procurement.tests.procurement_flow import (
    AFTER_BIDS_CLOSE,
    BEFORE_BIDS_CLOSE,
    score_all,
)

pytestmark = pytest.mark.django_db


def test_nobody_scores_before_the_deadline_and_a_conflicted_evaluator_cannot_score_that_bidder(world, evaluated):
    requirement, quality, _, ours, theirs, (first, one), (second, two) = evaluated
    with pytest.raises(ApplicationError, match="sealed"):
        evaluation.conflict_declare(actor=first, assignment=one, bid=ours, conflicted=False, now=BEFORE_BIDS_CLOSE)
    seconds_score_of_theirs = {
        "actor": second,
        "assignment": two,
        "bid": theirs,
        "criterion": quality,
        "score": 3,
        "justification": "x",
        "now": AFTER_BIDS_CLOSE,
    }
    with pytest.raises(ApplicationError, match=evaluation.DECLARE_FIRST):
        evaluation.score_record(**seconds_score_of_theirs)
    evaluation.conflict_declare(
        actor=second, assignment=two, bid=theirs, conflicted=True, note="Former employer", now=AFTER_BIDS_CLOSE
    )
    with pytest.raises(ApplicationError, match=evaluation.CONFLICTED):
        evaluation.score_record(**seconds_score_of_theirs)
    with pytest.raises(ApplicationError, match=evaluation.NOT_YOURS):
        evaluation.conflict_declare(actor=first, assignment=two, bid=ours, conflicted=False, now=AFTER_BIDS_CLOSE)


def test_scoring_is_independent_until_each_evaluator_submits(world, evaluated):
    requirement, quality, social, ours, theirs, (first, one), (second, two) = evaluated
    scores = {ours.pk: {quality.pk: 4, social.pk: 3}, theirs.pk: {quality.pk: 2, social.pk: 2}}
    score_all(first, one, [ours, theirs], [quality, social], scores)
    seen = {"requirement": requirement, "now": AFTER_BIDS_CLOSE}
    assert {s.assignment.evaluator for s in scores_visible(user=first, **seen)} == {first}
    assert list(scores_visible(user=second, **seen)) == []
    assert list(scores_visible(user=world.lead, **seen)) == []  # the buyer waits for all
    with pytest.raises(ApplicationError, match=evaluation.EVALUATORS_PENDING):
        evaluation.moderation_record(
            actor=world.lead, bid=ours, criterion=quality, score=4, rationale="Agreed", now=AFTER_BIDS_CLOSE
        )
    score_all(second, two, [ours, theirs], [quality, social], {ours.pk: {quality.pk: 3, social.pk: 3}}, [theirs])
    assert {s.assignment.evaluator for s in scores_visible(user=second, **seen)} == {first, second}
    assert len(scores_visible(user=world.lead, **seen)) == 6


def test_a_score_outside_zero_to_four_is_refused(world, evaluated):
    requirement, quality, social, ours, theirs, (first, one), (second, two) = evaluated
    evaluation.conflict_declare(actor=first, assignment=one, bid=ours, conflicted=False, now=AFTER_BIDS_CLOSE)
    with pytest.raises(ApplicationError, match="from 0 to 4"):
        evaluation.score_record(
            actor=first, assignment=one, bid=ours, criterion=quality, score=5, justification="x", now=AFTER_BIDS_CLOSE
        )
