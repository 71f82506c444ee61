"""Evaluators: assignment, conflicts of interest, scores and their submission."""

from django.db import transaction

from exchange.accounts.selectors import first_organisation_of
from exchange.audit.actions import AuditAction
from exchange.audit.services import audit_event_record
from exchange.core.exceptions import ApplicationError
from exchange.marketplace.procurement.models import (
    Bid,
    ConflictDeclaration,
    Criterion,
    EvaluatorAssignment,
    Requirement,
    Score,
)
from exchange.marketplace.procurement.selectors.evaluation import submitted_bids

from .common import (
    ALREADY_SUBMITTED,
    CONFLICTED,
    DECLARE_FIRST,
    EVALUATORS_CLOSED,
    NO_JUSTIFICATION,
    NOT_A_PARTNER,
    NOT_YOURS,
    UNSCORED,
    _access_as_manager,
    _check_bid,
    _check_evaluation_stage,
    _check_score,
    _now,
)


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


def _open_assignment(actor, assignment: EvaluatorAssignment, bid: Bid, now) -> EvaluatorAssignment:
    """The evaluator's own assignment, locked, while they may still work on `bid`."""
    assignment = _own_assignment(actor, assignment)
    _check_evaluation_stage(assignment.requirement, now)
    if assignment.scores_submitted_at:
        raise ApplicationError(ALREADY_SUBMITTED)
    _check_bid(assignment.requirement, bid)
    return assignment


@transaction.atomic
def conflict_declare(
    *, actor, assignment: EvaluatorAssignment, bid: Bid, conflicted: bool, note: str = "", now=None
) -> ConflictDeclaration:
    assignment = _open_assignment(actor, assignment, bid, now)
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
    assignment = _open_assignment(actor, assignment, bid, now)
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
