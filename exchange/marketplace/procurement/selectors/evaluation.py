"""Reading bids, scores, results and the procurement's audit trail, always through `access.procurement_access`:
bids are sealed until the deadline, a conflicted evaluator reads nothing of that bid, and an evaluator sees other
evaluators' scores only after submitting their own."""

import datetime

from django.db.models import QuerySet

from exchange.audit.selectors import audit_events_about
from exchange.marketplace.procurement.access import ProcurementAccess, procurement_access
from exchange.marketplace.procurement.models import Bid, BidStatus, ModeratedScore, Requirement, Score
from exchange.marketplace.procurement.scoring import BidMarks, BidResult, evaluate


def submitted_bids(requirement: Requirement) -> QuerySet[Bid]:
    """Every submitted bid, for services that work out results. Pages and reports use the selectors below."""
    return requirement.bids.filter(status=BidStatus.SUBMITTED).select_related("provider").order_by("pk")


def _access(user, requirement, now, access) -> ProcurementAccess:
    return access or procurement_access(user=user, requirement=requirement, now=now)


def bids_for_buyer(
    *, user, requirement: Requirement, now: datetime.datetime | None = None, access: ProcurementAccess | None = None
) -> QuerySet[Bid]:
    """The submitted bids the buying side may list: none before the deadline; afterwards, to the lead's
    procurement people and the evaluators. What each bid says is `bid_readable`'s question."""
    access = _access(user, requirement, now, access)
    if not access.can_read_bids:
        return Bid.objects.none()
    return submitted_bids(requirement).prefetch_related("answers__criterion", "attachments")


def bid_readable(*, user, bid: Bid, now: datetime.datetime | None = None, access=None) -> bool:
    """May `user` read this bid's price, answers and attachments now?"""
    return _access(user, bid.requirement, now, access).can_read_bid(bid)


def bid_for_provider(*, user, requirement: Requirement, provider_id: int, access=None) -> Bid | None:
    access = _access(user, requirement, None, access)
    if provider_id not in access.provider_ids:
        return None
    return requirement.bids.filter(provider_id=provider_id).prefetch_related("answers", "attachments").first()


def report_bids(*, access: ProcurementAccess) -> list[Bid]:
    """The bids listed in the evaluation report for the person `access` describes."""
    return [bid for bid in submitted_bids(access.requirement) if access.can_see_in_report(bid)]


def scores_visible(
    *, user, requirement: Requirement, now: datetime.datetime | None = None, access: ProcurementAccess | None = None
) -> QuerySet[Score]:
    """Everyone's scores to an evaluator who has submitted theirs, and to the buying side once every evaluator has;
    an evaluator's own scores to that evaluator; nothing to anyone else."""
    access = _access(user, requirement, now, access)
    scores = (
        Score.objects.filter(assignment__requirement=requirement)
        .select_related("assignment__evaluator", "bid__provider", "criterion")
        .order_by("bid_id", "criterion__position", "assignment_id")
    )
    if access.can_see_all_scores:
        return scores
    if access.assignment is not None:
        return scores.filter(assignment=access.assignment)
    return Score.objects.none()


def moderated_visible(*, user, requirement: Requirement, now=None, access=None) -> QuerySet[ModeratedScore]:
    access = _access(user, requirement, now, access)
    if access.sealed or not (access.lead_procurement or access.can_view_report):
        return ModeratedScore.objects.none()
    return (
        ModeratedScore.objects.filter(bid__requirement=requirement)
        .select_related("bid__provider", "criterion")
        .order_by("bid_id", "criterion__position")
    )


def requirement_results(requirement: Requirement) -> list[BidResult] | None:
    """Weighted totals and ranks from the moderated scores, or None while any is missing."""
    bids = list(submitted_bids(requirement))
    criteria = {criterion.pk: criterion.weight for criterion in requirement.criteria.all()}
    moderated: dict[int, dict[int, int]] = {}
    for row in ModeratedScore.objects.filter(bid__in=bids).values("bid_id", "criterion_id", "score"):
        moderated.setdefault(row["bid_id"], {})[row["criterion_id"]] = row["score"]
    if any(set(moderated.get(bid.pk, {})) != set(criteria) for bid in bids):
        return None
    prices = {bid.pk: bid.price for bid in bids if bid.price is not None}
    if len(prices) != len(bids):
        return None  # a submitted bid always has a price; without one there is nothing to rank
    marks = [BidMarks(bid.pk, prices[bid.pk], moderated[bid.pk]) for bid in bids]
    return evaluate(bids=marks, weights=criteria, price_weight=requirement.price_weight)


def results_visible(*, user, requirement: Requirement, now=None, access=None) -> list[BidResult] | None:
    access = _access(user, requirement, now, access)
    if access.sealed or not (access.lead_procurement or access.can_view_report):
        return None
    return requirement_results(requirement)


def requirement_audit_events(*, user, requirement: Requirement, now=None, access=None):
    """Every step of this procurement that the reader may see, in order: events about bids and questions stay out
    until the bid deadline, for everybody (the audit log seals them)."""
    access = _access(user, requirement, now, access)
    if not access.can_view_report:
        return []
    return audit_events_about(
        objects={
            "marketplace.requirement": [requirement.pk],
            # Bids never submitted (drafts, withdrawn) are nobody's business on the buying side.
            "marketplace.bid": list(submitted_bids(requirement).values_list("pk", flat=True)),
            "marketplace.clarificationquestion": list(requirement.questions.values_list("pk", flat=True)),
        },
        action_prefix="procurement.",
        now=access.now,
    )
