"""What every evaluation service shares: its messages and its checks."""

from exchange.core import clock
from exchange.core.exceptions import ApplicationError
from exchange.marketplace.procurement.access import procurement_access
from exchange.marketplace.procurement.models import (
    Bid,
    BidStatus,
    Requirement,
    Stage,
)
from exchange.marketplace.procurement.scoring import MAX_SCORE

NOT_A_BUYER = "Only the lead commissioner's buyers can do this."
NOT_A_PARTNER = "Evaluators must belong to the lead commissioner or a partner."
BEFORE_DEADLINE = "Bids are sealed until the bid deadline."
NOT_YOURS = "You can only record your own evaluation."
DECLARE_FIRST = "Declare whether you have a conflict of interest with this bidder before scoring it."
CONFLICTED = "You declared a conflict of interest with this bidder, so you cannot score it."
ALREADY_SUBMITTED = "You have submitted your scores; they can no longer change."
NO_JUSTIFICATION = "Give the reason for the score."
UNSCORED = "Score every criterion of every bid you have no conflict with before you submit."
EVALUATORS_PENDING = "Every evaluator must submit their scores before moderation."
NOT_MODERATED = "Moderate every criterion of every bid before awarding."
NOT_SUBMITTED_BID = "Only a submitted bid can win."
STANDSTILL = "The standstill period has not ended."
NOT_AWARDED = "This requirement has no award in standstill."
EVALUATION_CLOSED = "The evaluation is closed."
EVALUATORS_CLOSED = "Evaluators can no longer be assigned: the evaluation is closed."
NOT_THIS_REQUIREMENT = "That bid is not a submitted bid for this requirement."
NO_RATIONALE = "Record the rationale for the consensus score."
NO_AWARD_REASON = "Give the reason for the award."
CANNOT_AWARD = "This requirement cannot be awarded now."
CANNOT_RECORD_CONTRACT = "Only the lead's buyers can record the signed contract, once the award is final, and once."
SIGNED_IN_FUTURE = "The contract cannot have been signed after today."
PERIOD_OUT_OF_ORDER = "The contract must end on or after the day it starts."
STARTS_BEFORE_AWARD = "The contract cannot start before the award was made."

_now = clock.or_now


def _check_score(score: int) -> None:
    if not 0 <= score <= MAX_SCORE:
        raise ApplicationError(f"A score is a whole number from 0 to {MAX_SCORE}.")


def _access_as_manager(actor, requirement: Requirement, now):
    access = procurement_access(user=actor, requirement=requirement, now=now)
    if not access.lead_procurement:
        raise ApplicationError(NOT_A_BUYER)
    return access


def _check_evaluation_stage(requirement: Requirement, now) -> None:
    """Evaluators work between the bid deadline and the award."""
    stage = requirement.stage(_now(now))
    if requirement.bids_sealed(_now(now)):
        raise ApplicationError(BEFORE_DEADLINE)
    if stage != Stage.EVALUATION:
        raise ApplicationError(EVALUATION_CLOSED)


def _check_bid(requirement: Requirement, bid: Bid) -> None:
    if bid.requirement_id != requirement.pk or bid.status != BidStatus.SUBMITTED:
        raise ApplicationError(NOT_THIS_REQUIREMENT)
