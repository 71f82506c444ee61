"""Reads of plans: a plan's public timeline once its review is decided, the endorsement share, and the plans and
reviews a person deals with."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from exchange.accounts.permissions import organisations_with_role

from ..models import Advice, Plan, PlanStatus, Referral, Review, Reviewer
from ..powers import PLAN_ROLES


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    who: str
    what: str
    text: str = ""


def _review_queryset() -> QuerySet:
    return Review.objects.prefetch_related(
        Prefetch(
            "reviewers",
            queryset=Reviewer.objects.select_related("organisation").prefetch_related(
                Prefetch("advice", queryset=Advice.objects.select_related("version", "response")),
                "opinions__version",
                Prefetch(
                    "referrals",
                    queryset=Referral.objects.select_related("version", "answer_version").prefetch_related(
                        "priorities"
                    ),
                ),
                "endorsements__version",
                "assurance",
                "conduct_ratings",
            ),
        )
    )


def plan_public_get(*, pk: int) -> Plan | None:
    """A plan whose review is decided, with everything its public page shows; None for any other plan."""
    return (
        Plan.objects.filter(pk=pk, status=PlanStatus.DECIDED)
        .select_related("commissioner")
        .prefetch_related("versions__priorities", Prefetch("reviews", queryset=_review_queryset()))
        .first()
    )


def plan_timeline(plan: Plan) -> list[TimelineEntry]:
    """Everything that happened to the plan, in order: versions, the review, advice and the responses, opinions,
    referrals and their answers, endorsements, assurance, the decision."""
    commissioner = plan.commissioner.name
    entries = [TimelineEntry(v.created_at, commissioner, f"Version {v.number}", v.note) for v in plan.versions.all()]
    for review in plan.reviews.all():
        names = ", ".join(reviewer.organisation.name for reviewer in review.reviewers.all())
        entries.append(TimelineEntry(review.opens_at, commissioner, "Review opened", f"Reviewers: {names}"))
        for reviewer in review.reviewers.all():
            name = reviewer.organisation.name
            for advice in reviewer.advice.all():
                entries.append(
                    TimelineEntry(advice.created_at, name, f"Advice on version {advice.version.number}", advice.text)
                )
                response = getattr(advice, "response", None)
                if response is not None:
                    entries.append(
                        TimelineEntry(
                            response.created_at,
                            commissioner,
                            f"Advice from {name}: {response.get_outcome_display().lower()}",
                            response.reasons,
                        )
                    )
            for opinion in reviewer.opinions.all():
                verdict = "takes" if opinion.takes_proper_account else "does not take"
                entries.append(
                    TimelineEntry(
                        opinion.created_at,
                        name,
                        f"Opinion on version {opinion.version.number}: {verdict} proper account of the strategy",
                        opinion.text,
                    )
                )
            for referral in reviewer.referrals.all():
                codes = ", ".join(f"{p.code} {p.title}" for p in referral.priorities.all())
                entries.append(
                    TimelineEntry(
                        referral.created_at,
                        name,
                        f"Referred version {referral.version.number} back ({codes})",
                        referral.reasons,
                    )
                )
                if referral.answered_at:
                    what = (
                        f"Answered {name}'s referral with version {referral.answer_version.number}"
                        if referral.answer_version
                        else f"Confirmed the plan in answer to {name}'s referral"
                    )
                    entries.append(TimelineEntry(referral.answered_at, commissioner, what, referral.answer_reasons))
            for endorsement in reviewer.endorsements.all():
                verdict = "Endorsed" if endorsement.endorses else "Did not endorse"
                entries.append(
                    TimelineEntry(
                        endorsement.created_at,
                        name,
                        f"{verdict} version {endorsement.version.number}",
                        endorsement.comment,
                    )
                )
            assurance = getattr(reviewer, "assurance", None)
            if assurance is not None:
                entries.append(
                    TimelineEntry(
                        assurance.created_at, name, f"Assurance: {assurance.get_rating_display()}", assurance.reasons
                    )
                )
        if review.decided_at:
            entries.append(TimelineEntry(review.decided_at, commissioner, "Decided", review.decision))
    return sorted(entries, key=lambda entry: entry.at)


def endorsement_share(review: Review) -> tuple[int, int, int]:
    """(practices endorsing the version the review decided, or else the current one; practices asked; that
    version's number): an endorsement of an earlier version is not an endorsement of this one."""
    decided = review.decided_version
    number = decided.number if decided is not None else max(v.number for v in review.plan.versions.all())
    practices = [reviewer for reviewer in review.reviewers.all() if reviewer.power == "endorse"]
    endorsing = sum(
        any(e.endorses and e.version.number == number for e in practice.endorsements.all()) for practice in practices
    )
    return endorsing, len(practices), number


def plans_of(*, user) -> QuerySet:
    """The plans of the commissioners `user` acts for."""
    return Plan.objects.filter(commissioner__in=organisations_with_role(user, PLAN_ROLES)).select_related(
        "commissioner"
    )


def reviews_for(*, user) -> QuerySet:
    """The reviews `user` acts in for a reviewing organisation."""
    return (
        Review.objects.filter(reviewers__organisation__in=organisations_with_role(user, PLAN_ROLES))
        .select_related("plan__commissioner")
        .distinct()
    )
