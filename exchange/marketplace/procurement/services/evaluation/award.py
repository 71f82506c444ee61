"""Moderation agrees a consensus, the buyer awards, and after the standstill the award is final."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from exchange.audit.actions import AuditAction
from exchange.audit.services import audit_event_record
from exchange.core.exceptions import ApplicationError
from exchange.marketplace.catalogue.services import ratings
from exchange.marketplace.procurement import tasks
from exchange.marketplace.procurement.access import procurement_access
from exchange.marketplace.procurement.models import (
    Award,
    Bid,
    BidStatus,
    Criterion,
    ModeratedScore,
    ReleaseEvent,
    Requirement,
    RequirementStatus,
    Stage,
)
from exchange.marketplace.procurement.selectors.evaluation import requirement_results
from exchange.marketplace.procurement.services.releases import release_record
from exchange.marketplace.procurement.standstill import standstill_end

from .common import (
    BEFORE_DEADLINE,
    CANNOT_AWARD,
    CANNOT_RECORD_CONTRACT,
    EVALUATION_CLOSED,
    EVALUATORS_PENDING,
    NO_AWARD_REASON,
    NO_RATIONALE,
    NOT_A_BUYER,
    NOT_AWARDED,
    NOT_MODERATED,
    NOT_SUBMITTED_BID,
    NOT_THIS_REQUIREMENT,
    PERIOD_OUT_OF_ORDER,
    SIGNED_IN_FUTURE,
    STANDSTILL,
    STARTS_BEFORE_AWARD,
    _access_as_manager,
    _check_bid,
    _check_score,
    _now,
)


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
        standstill_ends_at=standstill_end(_now(now), requirement.standstill_days),
    )
    requirement.status = RequirementStatus.AWARDED
    requirement.save(update_fields=["status", "updated_at"])
    release_record(requirement=requirement, event=ReleaseEvent.AWARDED, now=award.awarded_at)
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
    release_record(requirement=requirement, event=ReleaseEvent.STANDSTILL_OVER, now=award.concluded_at)
    audit_event_record(
        action=AuditAction.AWARD_CONCLUDED, actor=actor, target=requirement, organisation=requirement.lead
    )
    return award


@transaction.atomic
def contract_sign(
    *,
    actor,
    requirement: Requirement,
    signed_on: datetime.date,
    starts_on: datetime.date,
    ends_on: datetime.date,
    now=None,
) -> Award:
    """Record that the contract the final award leads to is signed, and the period it runs (its real dates)."""
    requirement = Requirement.objects.select_for_update().get(pk=requirement.pk)
    access = procurement_access(user=actor, requirement=requirement, now=now)
    if not access.can_record_contract:
        raise ApplicationError(CANNOT_RECORD_CONTRACT)
    award = requirement.award
    if signed_on > timezone.localdate(access.now):
        raise ApplicationError(SIGNED_IN_FUTURE)
    if ends_on < starts_on:
        raise ApplicationError(PERIOD_OUT_OF_ORDER)
    if starts_on < timezone.localdate(award.awarded_at):
        raise ApplicationError(STARTS_BEFORE_AWARD)
    award.contract_signed_on, award.contract_starts_on, award.contract_ends_on = signed_on, starts_on, ends_on
    award.contract_recorded_by = actor
    award.save(
        update_fields=[
            "contract_signed_on",
            "contract_starts_on",
            "contract_ends_on",
            "contract_recorded_by",
            "updated_at",
        ]
    )
    release_record(requirement=requirement, event=ReleaseEvent.CONTRACT_SIGNED, now=access.now)
    audit_event_record(
        action=AuditAction.CONTRACT_SIGNED,
        actor=actor,
        target=requirement,
        organisation=requirement.lead,
        details={
            "signed_on": signed_on.isoformat(),
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
        },
    )
    return award
