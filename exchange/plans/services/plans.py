"""The commissioner's writes: a plan and its versions, and opening its review."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from exchange.audit.actions import AuditAction
from exchange.audit.services import audit_event_record
from exchange.core import clock
from exchange.core.exceptions import ApplicationError
from exchange.organisations.models import Organisation, OrganisationKind

from ..checks import audited, checked, current_version, locked_review, required
from ..models import Plan, PlanStatus, PlanVersion, Review, Reviewer, StrategyPriority
from ..permissions import NOT_COMMISSIONER, plan_access
from ..powers import KIND_POWER, Act
from ..selectors.reviewers import eligible_reviewers, required_reviewers
from .notices import review_opened_notify

NOT_A_COMMISSIONER = "Only a commissioner has plans."
NO_TITLE = "Enter the plan's title."
PERIOD_OUT_OF_ORDER = "The plan's period must end after it starts."
NO_SECTIONS = "Add at least one section, each with a heading and its text."
SECTION_INCOMPLETE = "Every section needs a heading and its text."
PRIORITY_NOT_OURS = "Choose priorities of the strategies of the Health and Wellbeing Boards that overlap this area."
IN_REVIEW = "This plan is already in review."
DECIDED = "This plan has been decided: start a new plan for the next period."
NO_REVIEWERS = "Choose at least one reviewer."
NOT_ELIGIBLE = "{name} cannot review this plan: it does not cover this commissioner's area."
WINDOW_TOO_SHORT = "Give the reviewers at least {days} days: the review must close on {day} or later."
NOT_EVERYONE = "The review must also go to {names}: every overlapping board, member practice and the area team."
NO_NOTE = "Say what changed in this version, and why."


def _sections(sections: Iterable[dict]) -> list[dict]:
    cleaned = []
    for section in sections:
        heading, text = (section.get("heading") or "").strip(), (section.get("text") or "").strip()
        if not heading and not text:
            continue
        if not heading or not text:
            raise ApplicationError(SECTION_INCOMPLETE)
        cleaned.append({"heading": heading, "text": text})
    if not cleaned:
        raise ApplicationError(NO_SECTIONS)
    return cleaned


def _priorities(commissioner: Organisation, priorities: Iterable[StrategyPriority]) -> list[StrategyPriority]:
    priorities = list(priorities)
    boards = {org.pk for org in eligible_reviewers(commissioner=commissioner) if org.kind in _BOARD}
    if any(priority.board_id not in boards for priority in priorities):
        raise ApplicationError(PRIORITY_NOT_OURS)
    return priorities


_BOARD = {OrganisationKind.HEALTH_AND_WELLBEING_BOARD}


def _version_add(plan: Plan, *, actor, sections, priorities, note: str) -> PlanVersion:
    latest = plan.versions.order_by("-number").first()
    version = PlanVersion.objects.create(
        plan=plan,
        number=latest.number + 1 if latest else 1,
        sections=_sections(sections),
        note=note,
        created_by=actor,
    )
    version.priorities.set(_priorities(plan.commissioner, priorities))
    return version


@transaction.atomic
def plan_create(
    *,
    actor,
    commissioner: Organisation,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    sections: Iterable[dict],
    priorities: Iterable[StrategyPriority] = (),
) -> Plan:
    if commissioner.kind != OrganisationKind.COMMISSIONER:
        raise ApplicationError(NOT_A_COMMISSIONER)
    plan = Plan(
        commissioner=commissioner,
        title=required(title, NO_TITLE),
        period_start=period_start,
        period_end=period_end,
        created_by=actor,
    )
    if not plan_access(user=actor, plan=plan):
        raise ApplicationError(NOT_COMMISSIONER)
    if period_end <= period_start:
        raise ApplicationError(PERIOD_OUT_OF_ORDER)
    plan.save()
    _version_add(plan, actor=actor, sections=sections, priorities=priorities, note="")
    audit_event_record(action=AuditAction.PLAN_CREATED, actor=actor, target=plan, organisation=commissioner)
    return plan


@transaction.atomic
def plan_revise(
    *, actor, plan: Plan, sections: Iterable[dict], priorities: Iterable[StrategyPriority] = (), note: str, now=None
) -> PlanVersion:
    """A new version of the plan; the earlier ones stay as they were. While in review, reviewers see the new one,
    and the window stays open long enough for them to give their view of it (`PLANS_REVIEW_MIN_DAYS`)."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    review = plan.reviews.order_by("-opens_at").first()
    if review is not None:
        review = locked_review(review)
        access = checked(actor, review, Act.REVISE, None, now)
    elif not plan_access(user=actor, plan=plan):
        raise ApplicationError(NOT_COMMISSIONER)
    if plan.status == PlanStatus.DECIDED:
        raise ApplicationError(DECIDED)
    version = _version_add(plan, actor=actor, sections=sections, priorities=priorities, note=required(note, NO_NOTE))
    if review is not None and review.decided_at is None:
        # The reviewers have at least the shortest window on the new version: it is never decided over their heads
        shortest = access.now + datetime.timedelta(days=settings.PLANS_REVIEW_MIN_DAYS)
        if review.closes_at < shortest:
            review.closes_at = shortest
            review.save(update_fields=["closes_at", "updated_at"])
    audit_event_record(
        action=AuditAction.PLAN_REVISED,
        actor=actor,
        target=plan,
        organisation=plan.commissioner,
        details={"version": version.number},
    )
    return version


@transaction.atomic
def review_open(
    *, actor, plan: Plan, closes_at: datetime.datetime, reviewers: Iterable[Organisation], now=None
) -> Review:
    """Open the review of the plan's latest version to `reviewers`, each with the power its kind has."""
    now = clock.or_now(now)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not plan_access(user=actor, plan=plan):
        raise ApplicationError(NOT_COMMISSIONER)
    if plan.status == PlanStatus.IN_REVIEW:
        raise ApplicationError(IN_REVIEW)
    if plan.status == PlanStatus.DECIDED:
        raise ApplicationError(DECIDED)
    shortest = now + datetime.timedelta(days=settings.PLANS_REVIEW_MIN_DAYS)
    if closes_at < shortest:
        day = timezone.localtime(shortest).strftime("%-d %B %Y")
        raise ApplicationError(WINDOW_TOO_SHORT.format(days=settings.PLANS_REVIEW_MIN_DAYS, day=day))
    chosen = list(dict.fromkeys(reviewers))
    if not chosen:
        raise ApplicationError(NO_REVIEWERS)
    eligible = {org.pk for org in eligible_reviewers(commissioner=plan.commissioner)}
    for organisation in chosen:
        if organisation.pk not in eligible or organisation.kind not in KIND_POWER:
            raise ApplicationError(NOT_ELIGIBLE.format(name=organisation.name))
    left_out = [org.name for org in required_reviewers(commissioner=plan.commissioner) if org not in chosen]
    if left_out:
        raise ApplicationError(NOT_EVERYONE.format(names=", ".join(left_out)))
    review = Review.objects.create(
        plan=plan,
        version=current_version(plan),
        opens_at=now,
        closes_at=closes_at,
        opened_by=actor,
    )
    Reviewer.objects.bulk_create(
        [Reviewer(review=review, organisation=org, power=KIND_POWER[OrganisationKind(org.kind)]) for org in chosen]
    )
    plan.status = PlanStatus.IN_REVIEW
    plan.save(update_fields=["status", "updated_at"])
    audited(AuditAction.PLAN_REVIEW_OPENED, actor, plan, review, reviewers=[org.name for org in chosen])
    review_opened_notify(review)
    return review
