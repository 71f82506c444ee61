"""The reviewers' acts, each within its power (see `powers.py`): a senate advises, a Health and Wellbeing Board
gives its opinion and may refer a version back once, a practice endorses or not, the area team assures. None of
them changes the plan or its state."""

from collections.abc import Iterable

from django.db import transaction

from exchange.audit.actions import AuditAction
from exchange.core.exceptions import ApplicationError

from ..checks import NO_REASONS, audited, checked, current_version, locked_review, required
from ..models import (
    Advice,
    Assurance,
    AssuranceRating,
    Endorsement,
    Opinion,
    PlanVersion,
    Referral,
    Reviewer,
    StrategyPriority,
)
from ..powers import Act
from .notices import referral_made_notify

NO_PRIORITIES = "Name the strategy priorities the plan conflicts with."
NOT_OUR_PRIORITY = "Name priorities of your own board's joint health and wellbeing strategy."
UNKNOWN_RATING = "Choose a rating."


def _current(reviewer: Reviewer) -> PlanVersion:
    return current_version(reviewer.review.plan)


def _reviewer(reviewer: Reviewer) -> Reviewer:
    review = locked_review(reviewer.review)
    return Reviewer.objects.select_related("organisation").get(pk=reviewer.pk, review=review)


@transaction.atomic
def advice_give(*, actor, reviewer: Reviewer, text: str, now=None) -> Advice:
    reviewer = _reviewer(reviewer)
    checked(actor, reviewer.review, Act.ADVISE, reviewer, now)
    advice = Advice.objects.create(reviewer=reviewer, version=_current(reviewer), text=required(text), given_by=actor)
    audited(AuditAction.PLAN_ADVICE_GIVEN, actor, reviewer.review.plan, reviewer.review, by=reviewer.organisation.name)
    return advice


@transaction.atomic
def opinion_give(*, actor, reviewer: Reviewer, takes_proper_account: bool, text: str, now=None) -> Opinion:
    reviewer = _reviewer(reviewer)
    checked(actor, reviewer.review, Act.OPINE, reviewer, now)
    version = _current(reviewer)
    opinion = Opinion.objects.create(
        reviewer=reviewer,
        version=version,
        takes_proper_account=takes_proper_account,
        text=required(text),
        given_by=actor,
    )
    audited(
        AuditAction.PLAN_OPINION_GIVEN,
        actor,
        reviewer.review.plan,
        reviewer.review,
        by=reviewer.organisation.name,
        takes_proper_account=takes_proper_account,
    )
    return opinion


@transaction.atomic
def referral_make(
    *, actor, reviewer: Reviewer, priorities: Iterable[StrategyPriority], reasons: str, now=None
) -> Referral:
    """Refer the current version back to the commissioner, once per version, with reasons and the priorities of
    the board's strategy it conflicts with. It stops nothing: the commissioner answers it, then decides."""
    reviewer = _reviewer(reviewer)
    checked(actor, reviewer.review, Act.REFER_BACK, reviewer, now)
    version = _current(reviewer)
    priorities = list(priorities)
    if not priorities:
        raise ApplicationError(NO_PRIORITIES)
    if any(priority.board_id != reviewer.organisation_id for priority in priorities):
        raise ApplicationError(NOT_OUR_PRIORITY)
    referral = Referral.objects.create(
        reviewer=reviewer, version=version, reasons=required(reasons, NO_REASONS), made_by=actor
    )
    referral.priorities.set(priorities)
    audited(
        AuditAction.PLAN_REFERRED_BACK,
        actor,
        reviewer.review.plan,
        reviewer.review,
        by=reviewer.organisation.name,
        version=version.number,
        priorities=[priority.code for priority in priorities],
    )
    referral_made_notify(referral)
    return referral


@transaction.atomic
def endorsement_give(*, actor, reviewer: Reviewer, endorses: bool, comment: str = "", now=None) -> Endorsement:
    reviewer = _reviewer(reviewer)
    checked(actor, reviewer.review, Act.ENDORSE, reviewer, now)
    version = _current(reviewer)
    endorsement = Endorsement.objects.create(
        reviewer=reviewer, version=version, endorses=endorses, comment=(comment or "").strip(), given_by=actor
    )
    audited(
        AuditAction.PLAN_ENDORSEMENT_GIVEN,
        actor,
        reviewer.review.plan,
        reviewer.review,
        by=reviewer.organisation.name,
        endorses=endorses,
    )
    return endorsement


@transaction.atomic
def assurance_give(*, actor, reviewer: Reviewer, rating: str, reasons: str, now=None) -> Assurance:
    reviewer = _reviewer(reviewer)
    checked(actor, reviewer.review, Act.ASSURE, reviewer, now)
    if rating not in AssuranceRating.values:
        raise ApplicationError(UNKNOWN_RATING)
    assurance = Assurance.objects.create(
        reviewer=reviewer, rating=rating, reasons=required(reasons, NO_REASONS), given_by=actor
    )
    audited(
        AuditAction.PLAN_ASSURED,
        actor,
        reviewer.review.plan,
        reviewer.review,
        by=reviewer.organisation.name,
        rating=rating,
    )
    return assurance
