"""Who may see which bids and scores, and the weighted results. Bids are sealed until the deadline; an evaluator
sees other evaluators' scores only after submitting their own."""

from django.db.models import QuerySet
from django.utils import timezone

from .. import permissions
from ..models import Bid, BidStatus, EvaluatorAssignment, ModeratedScore, Requirement, Score
from ..scoring import BidMarks, BidResult, evaluate


def submitted_bids(requirement: Requirement) -> QuerySet[Bid]:
    return requirement.bids.filter(status=BidStatus.SUBMITTED).select_related("provider").order_by("pk")


def bids_for_buyer(*, user, requirement: Requirement, now=None) -> QuerySet[Bid]:
    """Nobody on the buying side reads any bid before the deadline."""
    now = now or timezone.now()
    if now < requirement.bid_deadline:
        return Bid.objects.none()
    if not (
        permissions.can_manage_requirement(user, requirement)
        or EvaluatorAssignment.objects.filter(requirement=requirement, evaluator=user).exists()
    ):
        return Bid.objects.none()
    return submitted_bids(requirement).prefetch_related("answers__criterion", "attachments")


def bid_for_provider(*, user, requirement: Requirement, provider_id: int) -> Bid | None:
    if provider_id not in permissions.provider_organisations(user):
        return None
    return requirement.bids.filter(provider_id=provider_id).prefetch_related("answers", "attachments").first()


def scores_visible(*, user, requirement: Requirement) -> QuerySet[Score]:
    """Everyone's scores, to an evaluator who has submitted theirs or to the buyer once all have; otherwise only
    the user's own."""
    scores = Score.objects.filter(assignment__requirement=requirement).select_related(
        "assignment__evaluator", "bid__provider", "criterion"
    )
    evaluators = requirement.evaluators.all()
    own = evaluators.filter(evaluator=user).first() if user.is_authenticated else None
    all_submitted = evaluators.exists() and not evaluators.filter(scores_submitted_at=None).exists()
    if (own and own.scores_submitted_at) or (permissions.can_manage_requirement(user, requirement) and all_submitted):
        return scores
    if own:
        return scores.filter(assignment=own)
    return Score.objects.none()


def requirement_results(requirement: Requirement) -> list[BidResult] | None:
    """Weighted totals and ranks from the moderated scores, or None while any is missing."""
    bids = list(submitted_bids(requirement))
    criteria = {criterion.pk: criterion.weight for criterion in requirement.criteria.all()}
    moderated: dict[int, dict[int, int]] = {}
    for row in ModeratedScore.objects.filter(bid__in=bids).values("bid_id", "criterion_id", "score"):
        moderated.setdefault(row["bid_id"], {})[row["criterion_id"]] = row["score"]
    if any(set(moderated.get(bid.pk, {})) != set(criteria) for bid in bids):
        return None
    marks = [BidMarks(bid.pk, bid.price, moderated[bid.pk]) for bid in bids]
    return evaluate(bids=marks, weights=criteria, price_weight=requirement.price_weight)


def requirement_audit_events(requirement: Requirement):
    """Every audit event of this procurement, in order: those about the requirement, its bids and questions."""
    from django.db.models import Q

    from exchange.audit.models import AuditEvent

    about = Q(object_type="marketplace.requirement", object_id=str(requirement.pk))
    about |= Q(
        object_type="marketplace.bid", object_id__in=[str(pk) for pk in requirement.bids.values_list("pk", flat=True)]
    )
    about |= Q(
        object_type="marketplace.clarificationquestion",
        object_id__in=[str(pk) for pk in requirement.questions.values_list("pk", flat=True)],
    )
    return AuditEvent.objects.filter(about, action__startswith="procurement.").select_related("actor").order_by("id")
