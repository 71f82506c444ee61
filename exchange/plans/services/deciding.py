"""The commissioner's answers and decision: a response to each piece of advice, an answer to each referral (a new
version, or the plan confirmed with reasons), the decision, and then its rating of each reviewer's conduct."""

from django.db import transaction

from exchange.audit.actions import AuditAction
from exchange.core.exceptions import ApplicationError

from ..checks import NO_REASONS, audited, checked, current_version, locked_review, required
from ..models import (
    Advice,
    AdviceOutcome,
    AdviceResponse,
    Behaviour,
    ConductRating,
    PlanStatus,
    PlanVersion,
    Referral,
    ReferralAnswer,
    Review,
    Reviewer,
    Stage,
)
from ..powers import Act
from .notices import referral_answered_notify

UNKNOWN_OUTCOME = "Choose whether the advice was accepted, partly accepted or not accepted."
ALREADY_RESPONDED = "A response to this advice is already recorded."
ALREADY_ANSWERED = "This referral has already been answered."
NOT_A_LATER_VERSION = "Answer with a version of this plan written after the one referred back."
UNANSWERED = "Answer every referral and respond to every piece of advice before deciding."
STILL_WAITING = "The review is open and some reviewers have not yet given their view: wait for them or the window."
NO_DECISION = "Say what you decided and why."
RATE_EVERY_BEHAVIOUR = "Rate each of the three behaviours from 1 to 5."
ALREADY_RATED = "You have already rated this reviewer's conduct in this review."


@transaction.atomic
def advice_respond(*, actor, advice: Advice, outcome: str, reasons: str, now=None) -> AdviceResponse:
    review = locked_review(advice.reviewer.review)
    checked(actor, review, Act.RESPOND_TO_ADVICE, None, now)
    if outcome not in AdviceOutcome.values:
        raise ApplicationError(UNKNOWN_OUTCOME)
    if AdviceResponse.objects.filter(advice=advice).exists():
        raise ApplicationError(ALREADY_RESPONDED)
    response = AdviceResponse.objects.create(
        advice=advice, outcome=outcome, reasons=required(reasons, NO_REASONS), responded_by=actor
    )
    audited(AuditAction.PLAN_ADVICE_RESPONDED, actor, review.plan, review, outcome=outcome)
    return response


@transaction.atomic
def referral_answer(
    *, actor, referral: Referral, reasons: str, new_version: PlanVersion | None = None, now=None
) -> Referral:
    """Answer a referral by a later version of the plan, or by confirming the plan as it is, with reasons."""
    review = locked_review(referral.reviewer.review)
    access = checked(actor, review, Act.ANSWER_REFERRAL, None, now)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.answer:
        raise ApplicationError(ALREADY_ANSWERED)
    if new_version is not None and (
        new_version.plan_id != review.plan_id or new_version.number <= referral.version.number
    ):
        raise ApplicationError(NOT_A_LATER_VERSION)
    referral.answer = ReferralAnswer.NEW_VERSION if new_version else ReferralAnswer.CONFIRMED
    referral.answer_reasons = required(reasons, NO_REASONS)
    referral.answer_version = new_version
    referral.answered_at, referral.answered_by = access.now, actor
    referral.save()
    audited(AuditAction.PLAN_REFERRAL_ANSWERED, actor, review.plan, review, answer=referral.answer)
    referral_answered_notify(referral)
    return referral


def _everyone_has_spoken(review: Review) -> bool:
    """Whether every reviewer (the area team aside: its assurance usually follows the decision) has given its view
    of the current version: a version written during the review is not decided early over anyone's head."""
    current = current_version(review.plan)
    for reviewer in review.reviewers.all():
        given = {
            "advise": lambda r: r.advice.filter(version=current).exists(),
            "opine": lambda r: (
                r.opinions.filter(version=current).exists() or r.referrals.filter(version=current).exists()
            ),
            "endorse": lambda r: r.endorsements.filter(version=current).exists(),
            "assure": lambda r: True,
        }
        if not given[reviewer.power](reviewer):
            return False
    return True


def decision_blocked(review: Review, stage: str) -> str | None:
    """Why the commissioner cannot decide yet (the pages ask it too, to offer the decision only when it can be
    made): referrals unanswered or advice without a response, or, while the window is open, a reviewer that has
    not spoken on the current version."""
    if (
        Referral.objects.filter(reviewer__review=review, answer="").exists()
        or Advice.objects.filter(reviewer__review=review, response__isnull=True).exists()
    ):
        return UNANSWERED
    if stage == Stage.OPEN and not _everyone_has_spoken(review):
        return STILL_WAITING
    return None


@transaction.atomic
def review_decide(*, actor, review: Review, decision: str, now=None) -> Review:
    """Decide the plan. Nobody else can, and nobody can stop it: referrals must be answered and advice responded
    to first, and while the window is open, every reviewer must have given its view."""
    review = locked_review(review)
    access = checked(actor, review, Act.DECIDE, None, now)
    blocked = decision_blocked(review, access.stage)
    if blocked:
        raise ApplicationError(blocked)
    review.decision = required(decision, NO_DECISION)
    review.decided_at, review.decided_by = access.now, actor
    review.decided_version = decided = current_version(review.plan)
    review.save()
    review.plan.status = PlanStatus.DECIDED
    review.plan.save(update_fields=["status", "updated_at"])
    audited(AuditAction.PLAN_DECIDED, actor, review.plan, review, version=decided.number)
    return review


@transaction.atomic
def conduct_rate(*, actor, reviewer: Reviewer, ratings: dict[str, tuple[int, str]], now=None) -> list[ConductRating]:
    """The commissioner's rating of a reviewer's conduct in the review, 1 to 5 on each of the three behaviours."""
    review = locked_review(reviewer.review)
    checked(actor, review, Act.RATE_CONDUCT, None, now)
    if set(ratings) != set(Behaviour.values) or any(
        not isinstance(score, int) or not 1 <= score <= 5 for score, _ in ratings.values()
    ):
        raise ApplicationError(RATE_EVERY_BEHAVIOUR)
    if reviewer.review_id != review.pk:
        raise ApplicationError(RATE_EVERY_BEHAVIOUR)
    if ConductRating.objects.filter(reviewer=reviewer).exists():
        raise ApplicationError(ALREADY_RATED)
    rows = ConductRating.objects.bulk_create(
        [
            ConductRating(
                reviewer=reviewer, behaviour=behaviour, score=score, comment=(comment or "").strip(), rated_by=actor
            )
            for behaviour, (score, comment) in sorted(ratings.items())
        ]
    )
    # The scores stay out of the log (staff read it): a commissioner's ratings are reported only in aggregate
    audited(AuditAction.PLAN_CONDUCT_RATED, actor, review.plan, review, reviewer=reviewer.organisation.name)
    return rows
