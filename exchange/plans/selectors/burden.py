"""The burden of oversight, for membership bodies: per decided plan, how much review it went through — reviews,
referrals and how they ended, days from opening a review to the commissioner's decision, the share of advice
accepted, the share of practices endorsing — and the same summed nationally or for a region. Read in a fixed number
of queries."""

import statistics
from dataclasses import dataclass

from django.db.models import QuerySet

from ..models import AdviceOutcome, Plan, PlanStatus, ReferralAnswer


@dataclass(frozen=True)
class PlanBurden:
    plan_id: int
    title: str
    commissioner: str
    region: str
    reviews: int
    referrals: int
    referrals_new_version: int
    referrals_confirmed: int
    referrals_unanswered: int
    days_to_decision: list[float]
    advice: int
    advice_accepted: int
    advice_partly_accepted: int
    advice_not_accepted: int
    practices_asked: int
    practices_endorsing: int


@dataclass(frozen=True)
class BurdenSummary:
    plans: int
    reviews: int
    referrals: int
    referrals_new_version: int
    referrals_confirmed: int
    referrals_unanswered: int
    reviews_per_plan: float | None
    referrals_per_plan: float | None
    median_days_to_decision: float | None
    advice_responded: int
    advice_accepted_share: float | None  # accepted, of the advice responded to
    advice_partly_accepted_share: float | None
    endorsement_share: float | None  # practices endorsing the latest version they saw, of the practices asked


def _plans(region_id: int | None) -> QuerySet:
    """Decided plans only: a plan in draft or in review is its commissioner's and reviewers' business until then."""
    plans = (
        Plan.objects.filter(status=PlanStatus.DECIDED)
        .select_related("commissioner__region")
        .prefetch_related(
            "reviews__reviewers__advice__response",
            "reviews__reviewers__referrals",
            "reviews__reviewers__endorsements",
        )
    )
    if region_id is not None:
        plans = plans.filter(commissioner__region_id=region_id)
    return plans.order_by("commissioner__name", "title", "pk")


def burden_rows(*, region_id: int | None = None) -> list[PlanBurden]:
    rows = []
    for plan in _plans(region_id):
        reviews = list(plan.reviews.all())
        reviewers = [reviewer for review in reviews for reviewer in review.reviewers.all()]
        referrals = [referral for reviewer in reviewers for referral in reviewer.referrals.all()]
        advice = [item for reviewer in reviewers for item in reviewer.advice.all()]
        outcomes = [getattr(item, "response", None) for item in advice]
        practices = [reviewer for reviewer in reviewers if reviewer.power == "endorse"]
        endorsing = 0
        for practice in practices:
            given = sorted(practice.endorsements.all(), key=lambda e: (e.version_id, e.pk))
            endorsing += bool(given and given[-1].endorses)
        rows.append(
            PlanBurden(
                plan_id=plan.pk,
                title=plan.title,
                commissioner=plan.commissioner.name,
                region=plan.commissioner.region.name if plan.commissioner.region else "",
                reviews=len(reviews),
                referrals=len(referrals),
                referrals_new_version=sum(r.answer == ReferralAnswer.NEW_VERSION for r in referrals),
                referrals_confirmed=sum(r.answer == ReferralAnswer.CONFIRMED for r in referrals),
                referrals_unanswered=sum(r.answer == "" for r in referrals),
                days_to_decision=[
                    (review.decided_at - review.opens_at).total_seconds() / 86400
                    for review in reviews
                    if review.decided_at
                ],
                advice=len(advice),
                advice_accepted=sum(o is not None and o.outcome == AdviceOutcome.ACCEPTED for o in outcomes),
                advice_partly_accepted=sum(
                    o is not None and o.outcome == AdviceOutcome.PARTLY_ACCEPTED for o in outcomes
                ),
                advice_not_accepted=sum(o is not None and o.outcome == AdviceOutcome.NOT_ACCEPTED for o in outcomes),
                practices_asked=len(practices),
                practices_endorsing=endorsing,
            )
        )
    return rows


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def burden_summary(rows: list[PlanBurden]) -> BurdenSummary:
    plans, reviews, referrals = len(rows), sum(r.reviews for r in rows), sum(r.referrals for r in rows)
    days = [day for row in rows for day in row.days_to_decision]
    responded = sum(r.advice_accepted + r.advice_partly_accepted + r.advice_not_accepted for r in rows)
    return BurdenSummary(
        plans=plans,
        reviews=reviews,
        referrals=referrals,
        referrals_new_version=sum(r.referrals_new_version for r in rows),
        referrals_confirmed=sum(r.referrals_confirmed for r in rows),
        referrals_unanswered=sum(r.referrals_unanswered for r in rows),
        reviews_per_plan=_share(reviews, plans),
        referrals_per_plan=_share(referrals, plans),
        median_days_to_decision=statistics.median(days) if days else None,
        advice_responded=responded,
        advice_accepted_share=_share(sum(r.advice_accepted for r in rows), responded),
        advice_partly_accepted_share=_share(sum(r.advice_partly_accepted for r in rows), responded),
        endorsement_share=_share(sum(r.practices_endorsing for r in rows), sum(r.practices_asked for r in rows)),
    )
