"""Requirements: drafting by the lead commissioner, partners joining before publication, evaluation criteria,
publication to eligible providers."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from exchange.audit.actions import AuditAction
from exchange.audit.services import audit_event_record
from exchange.core import clock
from exchange.core.exceptions import ApplicationError
from exchange.marketplace.catalogue.models import PricingModel
from exchange.marketplace.catalogue.selectors.buyers import TYPICAL_POPULATION
from exchange.marketplace.procurement import permissions, tasks
from exchange.marketplace.procurement.access import procurement_access
from exchange.marketplace.procurement.models import (
    Criterion,
    CriterionKind,
    ReleaseEvent,
    Requirement,
    RequirementPartner,
    RequirementRoute,
    RequirementStatus,
    Stage,
)
from exchange.marketplace.procurement.scoring import WeightsDoNotTotal100, check_weights
from exchange.marketplace.procurement.selectors.eligibility import eligible_providers
from exchange.marketplace.procurement.services.releases import release_record
from exchange.marketplace.procurement.standstill import LONDON, WORKING_DAYS
from exchange.organisations.models import Organisation, OrganisationKind, Region

NOT_A_BUYER = "Only the lead commissioner's buyers, clinical leads and admins can change this requirement."
NOT_ITS_BUYER = "Only that commissioner's own buyers, clinical leads and admins can join it."
NOT_DRAFT = "This requirement has been published and can no longer change."
NO_QUALITY = "Add at least one quality criterion."
DEADLINES_PASSED = "The clarification deadline must be in the future and before the bid deadline."
NEEDS_FROZEN_SHORTLIST = "An invited requirement needs a frozen shortlist to invite from."
ALREADY_PARTNER = "That commissioner is already a partner."
NOT_INVITED = "The lead commissioner has not invited that commissioner to join."
NOT_A_COMMISSIONER = "Only commissioners can buy jointly."
DAY_RATE_NEEDS_DAYS = "Enter the estimated days a year for a day-rate requirement."
STANDSTILL_TOO_SHORT = "The standstill must be at least 8 working days, as the Procurement Act 2023 requires."
DEADLINE_NOT_ON_THE_HOUR = "Deadlines are set on the hour, London time, like 3pm."


def _check_manager(actor, requirement: Requirement) -> None:
    if not procurement_access(user=actor, requirement=requirement).lead_procurement:
        raise ApplicationError(NOT_A_BUYER)


def _check_draft(requirement: Requirement) -> None:
    if requirement.stage(clock.now()) != Stage.DRAFT:
        raise ApplicationError(NOT_DRAFT)


def deadline_on_the_hour(moment: datetime.datetime) -> bool:
    """The rule of deadlines: on the hour in London time (3pm, not 2:59pm or 3:00:01pm), so every page can write
    them as "25 December 2026 at 3pm"."""
    local = moment.astimezone(LONDON)
    return (local.minute, local.second, local.microsecond) == (0, 0, 0)


def _population(commissioner: Organisation) -> int:
    return commissioner.registered_population or TYPICAL_POPULATION


@transaction.atomic
def requirement_create(
    *,
    actor,
    lead: Organisation,
    title: str,
    summary: str,
    service_lines: Iterable,
    pricing_model: str,
    clarification_deadline: datetime.datetime,
    bid_deadline: datetime.datetime,
    price_weight: int = 30,
    estimated_days: int | None = None,
    estimated_value: Decimal | None = None,
    term_months: int = 12,
    description: str = "",
    outcomes: str = "",
    essential_criteria: str = "",
    desirable_criteria: str = "",
    standstill_days: int = WORKING_DAYS,
    route: str = RequirementRoute.OPEN,
    shortlist=None,
) -> Requirement:
    if not permissions.can_run_procurement_for(actor, lead):
        raise ApplicationError(NOT_A_BUYER)
    if pricing_model == PricingModel.DAY_RATE and not estimated_days:
        raise ApplicationError(DAY_RATE_NEEDS_DAYS)
    if standstill_days < WORKING_DAYS:
        raise ApplicationError(STANDSTILL_TOO_SHORT)
    if not (deadline_on_the_hour(clarification_deadline) and deadline_on_the_hour(bid_deadline)):
        raise ApplicationError(DEADLINE_NOT_ON_THE_HOUR)
    requirement = Requirement(
        lead=lead,
        owner=actor,
        title=title,
        summary=summary,
        description=description,
        outcomes=outcomes,
        essential_criteria=essential_criteria,
        desirable_criteria=desirable_criteria,
        pricing_model=pricing_model,
        estimated_days=estimated_days,
        estimated_value=estimated_value,
        term_months=term_months,
        price_weight=price_weight,
        clarification_deadline=clarification_deadline,
        bid_deadline=bid_deadline,
        standstill_days=standstill_days,
        route=route,
        shortlist=shortlist,
    )
    requirement.full_clean()
    requirement.save()
    requirement.service_lines.set(list(service_lines))
    RequirementPartner.objects.create(
        requirement=requirement, commissioner=lead, population=_population(lead), joined_by=actor
    )
    audit_event_record(action=AuditAction.REQUIREMENT_CREATED, actor=actor, target=requirement, organisation=lead)
    return requirement


@transaction.atomic
def requirement_partner_invite(*, actor, requirement: Requirement, commissioner: Organisation) -> None:
    """The lead asks another commissioner to buy jointly; that commissioner's own buyer decides to join."""
    _check_manager(actor, requirement)
    _check_draft(requirement)
    if commissioner.kind != OrganisationKind.COMMISSIONER:
        raise ApplicationError(NOT_A_COMMISSIONER)
    requirement.invited_partners.add(commissioner)
    audit_event_record(
        action=AuditAction.PARTNER_INVITED,
        actor=actor,
        target=requirement,
        organisation=requirement.lead,
        details={"commissioner": commissioner.name},
    )


@transaction.atomic
def requirement_partner_join(*, actor, requirement: Requirement, commissioner: Organisation) -> RequirementPartner:
    """A commissioner's own buyer joins it to a draft requirement; the lead's buyers cannot sign others up."""
    requirement = Requirement.objects.select_for_update().get(pk=requirement.pk)
    _check_draft(requirement)
    if commissioner.kind != OrganisationKind.COMMISSIONER:
        raise ApplicationError(NOT_A_COMMISSIONER)
    if not permissions.can_run_procurement_for(actor, commissioner):
        raise ApplicationError(NOT_ITS_BUYER)
    if requirement.partners.filter(commissioner=commissioner).exists():
        raise ApplicationError(ALREADY_PARTNER)
    if not requirement.invited_partners.filter(pk=commissioner.pk).exists():
        raise ApplicationError(NOT_INVITED)
    partner = RequirementPartner.objects.create(
        requirement=requirement, commissioner=commissioner, population=_population(commissioner), joined_by=actor
    )
    audit_event_record(
        action=AuditAction.PARTNER_JOINED,
        actor=actor,
        target=requirement,
        organisation=commissioner,
        details={"commissioner": commissioner.name, "population": partner.population},
    )
    return partner


@transaction.atomic
def criterion_add(
    *, actor, requirement: Requirement, title: str, weight: int, kind: str = CriterionKind.QUALITY, guidance: str = ""
) -> Criterion:
    _check_manager(actor, requirement)
    _check_draft(requirement)
    criterion = Criterion(
        requirement=requirement,
        kind=kind,
        title=title,
        guidance=guidance,
        weight=weight,
        position=requirement.criteria.count(),
    )
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def requirement_publish(*, actor, requirement: Requirement, now: datetime.datetime | None = None) -> Requirement:
    now = clock.or_now(now)
    requirement = Requirement.objects.select_for_update().get(pk=requirement.pk)
    _check_manager(actor, requirement)
    _check_draft(requirement)
    criteria = list(requirement.criteria.all())
    if not any(criterion.kind == CriterionKind.QUALITY for criterion in criteria):
        raise ApplicationError(NO_QUALITY)
    try:
        check_weights(criterion_weights=[c.weight for c in criteria], price_weight=requirement.price_weight)
    except WeightsDoNotTotal100 as error:
        raise ApplicationError(str(error)) from error
    if not now < requirement.clarification_deadline < requirement.bid_deadline:
        raise ApplicationError(DEADLINES_PASSED)
    if requirement.route == RequirementRoute.INVITED and not (
        requirement.shortlist and requirement.shortlist.is_frozen
    ):
        raise ApplicationError(NEEDS_FROZEN_SHORTLIST)
    regions = Region.objects.filter(organisations__requirement_partnerships__requirement=requirement).distinct()
    requirement.regions.set(list(regions))
    requirement.status = RequirementStatus.PUBLISHED
    requirement.published_at = now
    requirement.ocid = f"{settings.OCDS_PREFIX}-{requirement.pk:06d}"
    requirement.save(update_fields=["status", "published_at", "ocid", "updated_at"])
    release_record(requirement=requirement, event=ReleaseEvent.PUBLISHED, now=now)
    providers = list(eligible_providers(requirement).values_list("pk", flat=True))
    audit_event_record(
        action=AuditAction.REQUIREMENT_PUBLISHED,
        actor=actor,
        target=requirement,
        organisation=requirement.lead,
        details={"ocid": requirement.ocid, "providers_told": len(providers)},
    )
    transaction.on_commit(
        lambda: tasks.requirement_published_notify.enqueue(requirement_id=requirement.pk, provider_ids=providers)
    )
    return requirement
