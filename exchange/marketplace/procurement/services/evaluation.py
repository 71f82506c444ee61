"""Evaluation after the bid deadline: evaluators declare conflicts, score each bid on their own, moderation
agrees a consensus, the buyer awards, and after the standstill the award is final and becomes an engagement."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from exchange.accounts.selectors import first_organisation_of
from exchange.audit.actions import AuditAction
from exchange.audit.services import audit_event_record
from exchange.core import clock
from exchange.core.exceptions import ApplicationError
from exchange.marketplace.catalogue.services import ratings
from exchange.marketplace.procurement import tasks
from exchange.marketplace.procurement.access import procurement_access
from exchange.marketplace.procurement.models import (
    Award,
    Bid,
    BidStatus,
    ConflictDeclaration,
    Criterion,
    EvaluatorAssignment,
    ModeratedScore,
    Requirement,
    RequirementStatus,
    Score,
    Stage,
)
from exchange.marketplace.procurement.scoring import MAX_SCORE
from exchange.marketplace.procurement.selectors.evaluation import requirement_results, submitted_bids

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


@transaction.atomic
def evaluator_assign(*, actor, requirement: Requirement, evaluator, now=None) -> EvaluatorAssignment:
    if not _access_as_manager(actor, requirement, now).can_assign_evaluators:
        raise ApplicationError(EVALUATORS_CLOSED)
    partners = requirement.partners.values("commissioner_id")
    organisation_id = first_organisation_of(user=evaluator, organisations=partners)
    if organisation_id is None:
        raise ApplicationError(NOT_A_PARTNER)
    assignment, _ = EvaluatorAssignment.objects.get_or_create(
        requirement=requirement,
        evaluator=evaluator,
        defaults={"organisation_id": organisation_id, "assigned_by": actor},
    )
    audit_event_record(
        action=AuditAction.EVALUATOR_ASSIGNED,
        actor=actor,
        target=requirement,
        organisation=requirement.lead,
        details={"evaluator": evaluator.email},
    )
    return assignment


def _own_assignment(actor, assignment: EvaluatorAssignment) -> EvaluatorAssignment:
    if not actor.is_authenticated or assignment.evaluator_id != actor.pk:
        raise ApplicationError(NOT_YOURS)
    return EvaluatorAssignment.objects.select_for_update().select_related("requirement").get(pk=assignment.pk)


@transaction.atomic
def conflict_declare(
    *, actor, assignment: EvaluatorAssignment, bid: Bid, conflicted: bool, note: str = "", now=None
) -> ConflictDeclaration:
    assignment = _own_assignment(actor, assignment)
    _check_evaluation_stage(assignment.requirement, now)
    if assignment.scores_submitted_at:
        raise ApplicationError(ALREADY_SUBMITTED)
    _check_bid(assignment.requirement, bid)
    declaration, _ = ConflictDeclaration.objects.update_or_create(
        assignment=assignment, bid=bid, defaults={"conflicted": conflicted, "note": note.strip()}
    )
    if conflicted:
        Score.objects.filter(assignment=assignment, bid=bid).delete()
    audit_event_record(
        action=AuditAction.CONFLICT_DECLARED,
        actor=actor,
        target=bid,
        organisation=assignment.organisation,
        details={"conflicted": conflicted},
    )
    return declaration


@transaction.atomic
def score_record(
    *,
    actor,
    assignment: EvaluatorAssignment,
    bid: Bid,
    criterion: Criterion,
    score: int,
    justification: str,
    now=None,
) -> Score:
    assignment = _own_assignment(actor, assignment)
    _check_evaluation_stage(assignment.requirement, now)
    if assignment.scores_submitted_at:
        raise ApplicationError(ALREADY_SUBMITTED)
    _check_bid(assignment.requirement, bid)
    declaration = ConflictDeclaration.objects.filter(assignment=assignment, bid=bid).first()
    if declaration is None:
        raise ApplicationError(DECLARE_FIRST)
    if declaration.conflicted:
        raise ApplicationError(CONFLICTED)
    if not justification.strip():
        raise ApplicationError(NO_JUSTIFICATION)
    _check_score(score)
    if bid.requirement_id != assignment.requirement_id or criterion.requirement_id != assignment.requirement_id:
        raise ApplicationError(NOT_YOURS)
    recorded, _ = Score.objects.update_or_create(
        assignment=assignment,
        bid=bid,
        criterion=criterion,
        defaults={"score": score, "justification": justification.strip()},
    )
    audit_event_record(
        action=AuditAction.SCORE_RECORDED,
        actor=actor,
        target=bid,
        organisation=assignment.organisation,
        details={"criterion": criterion.title, "score": score},
    )
    return recorded


@transaction.atomic
def scores_record(
    *, actor, assignment: EvaluatorAssignment, bid: Bid, scores: dict[int, tuple[int, str]], now=None
) -> list[Score]:
    """An evaluator's score and reason for several criteria of one bid ({criterion id: (score, reason)}): all are
    recorded or, if any is refused, none."""
    criteria = {criterion.pk: criterion for criterion in assignment.requirement.criteria.all()}
    if set(scores) - set(criteria):
        raise ApplicationError(NOT_YOURS)
    return [
        score_record(
            actor=actor,
            assignment=assignment,
            bid=bid,
            criterion=criteria[pk],
            score=score,
            justification=justification,
            now=now,
        )
        for pk, (score, justification) in scores.items()
    ]


@transaction.atomic
def scores_submit(*, actor, assignment: EvaluatorAssignment, now=None) -> EvaluatorAssignment:
    assignment = _own_assignment(actor, assignment)
    _check_evaluation_stage(assignment.requirement, now)
    if assignment.scores_submitted_at:
        raise ApplicationError(ALREADY_SUBMITTED)
    bids = list(submitted_bids(assignment.requirement))
    declared = dict(assignment.declarations.values_list("bid_id", "conflicted"))
    criteria = list(assignment.requirement.criteria.values_list("pk", flat=True))
    scored = set(assignment.scores.values_list("bid_id", "criterion_id"))
    for bid in bids:
        if bid.pk not in declared:
            raise ApplicationError(DECLARE_FIRST)
        if not declared[bid.pk] and any((bid.pk, pk) not in scored for pk in criteria):
            raise ApplicationError(UNSCORED)
    assignment.scores_submitted_at = _now(now)
    assignment.save(update_fields=["scores_submitted_at", "updated_at"])
    audit_event_record(
        action=AuditAction.SCORES_SUBMITTED,
        actor=actor,
        target=assignment.requirement,
        organisation=assignment.organisation,
    )
    return assignment


def moderation_refusal(access) -> str:
    """Why moderation is not open to the person `access` describes, in words for them."""
    if not access.lead_procurement:
        return NOT_A_BUYER
    if access.sealed:
        return BEFORE_DEADLINE
    if access.stage != Stage.EVALUATION:
        return EVALUATION_CLOSED
    return EVALUATORS_PENDING


@dataclass(frozen=True)
class Consensus:
    bid: Bid
    criterion: Criterion
    score: int
    rationale: str


@transaction.atomic
def moderation_record(*, actor, bid: Bid, criterion: Criterion, score: int, rationale: str, now=None) -> ModeratedScore:
    return moderation_record_all(
        actor=actor, requirement=bid.requirement, entries=[Consensus(bid, criterion, score, rationale)], now=now
    )[0]


@transaction.atomic
def moderation_record_all(*, actor, requirement: Requirement, entries: list[Consensus], now=None) -> list:
    """Record the consensus of several cells at once: every one is checked before any is written."""
    access = _access_as_manager(actor, requirement, now)
    if not access.can_moderate:
        raise ApplicationError(moderation_refusal(access))
    for entry in entries:
        _check_bid(requirement, entry.bid)
        if entry.criterion.requirement_id != requirement.pk:
            raise ApplicationError(NOT_THIS_REQUIREMENT)
        if not entry.rationale.strip():
            raise ApplicationError(NO_RATIONALE)
        _check_score(entry.score)
    recorded = []
    for entry in entries:
        moderated, _ = ModeratedScore.objects.update_or_create(
            bid=entry.bid,
            criterion=entry.criterion,
            defaults={"score": entry.score, "rationale": entry.rationale.strip(), "moderator": actor},
        )
        audit_event_record(
            action=AuditAction.SCORE_MODERATED,
            actor=actor,
            target=entry.bid,
            organisation=requirement.lead,
            details={"criterion": entry.criterion.title, "score": entry.score},
        )
        recorded.append(moderated)
    return recorded


@transaction.atomic
def award_make(*, actor, requirement: Requirement, bid: Bid, rationale: str, now=None) -> Award:
    requirement = Requirement.objects.select_for_update().get(pk=requirement.pk)
    access = _access_as_manager(actor, requirement, now)
    if requirement.bids_sealed(access.now):
        raise ApplicationError(BEFORE_DEADLINE)
    if not access.can_award:
        raise ApplicationError(CANNOT_AWARD)
    if bid.requirement_id != requirement.pk or bid.status != BidStatus.SUBMITTED:
        raise ApplicationError(NOT_SUBMITTED_BID)
    if requirement_results(requirement) is None:
        raise ApplicationError(NOT_MODERATED)
    if not rationale.strip():
        raise ApplicationError(NO_AWARD_REASON)
    award = Award.objects.create(
        requirement=requirement,
        bid=bid,
        rationale=rationale.strip(),
        awarded_by=actor,
        awarded_at=_now(now),
        standstill_ends_at=_now(now) + datetime.timedelta(days=requirement.standstill_days),
    )
    requirement.status = RequirementStatus.AWARDED
    requirement.save(update_fields=["status", "updated_at"])
    transaction.on_commit(lambda: tasks.award_notify.enqueue(requirement_id=requirement.pk))
    audit_event_record(
        action=AuditAction.AWARDED,
        actor=actor,
        target=requirement,
        organisation=requirement.lead,
        details={"bid": bid.pk, "provider": bid.provider.name},
    )
    return award


@transaction.atomic
def award_conclude(*, actor, requirement: Requirement, now=None) -> Award:
    """After the standstill the award is final; each partner gets an engagement, so it can rate the service."""
    requirement = Requirement.objects.select_for_update().get(pk=requirement.pk)
    access = _access_as_manager(actor, requirement, now)
    if requirement.status != RequirementStatus.AWARDED:
        raise ApplicationError(NOT_AWARDED)
    award = requirement.award
    if not access.can_conclude:
        raise ApplicationError(STANDSTILL)
    offering = (
        award.bid.provider.offerings.filter(service_lines__in=requirement.service_lines.all(), status="published")
        .order_by("pk")
        .first()
    )
    if offering is not None:
        for partner in requirement.partners.select_related("commissioner"):
            ratings.engagement_from_award(
                actor=actor,
                offering=offering,
                commissioner=partner.commissioner,
                started_on=timezone.localdate(access.now),
                now=access.now,
            )
    award.concluded_at = _now(now)
    award.save(update_fields=["concluded_at", "updated_at"])
    requirement.status = RequirementStatus.CONCLUDED
    requirement.save(update_fields=["status", "updated_at"])
    audit_event_record(
        action=AuditAction.AWARD_CONCLUDED, actor=actor, target=requirement, organisation=requirement.lead
    )
    return award
