"""Writing the catalogue: offerings and their prices. A price change adds to the price history; nothing that
buyers saw is rewritten."""

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction

from exchange.audit.actions import AuditAction
from exchange.audit.services import audit_event_record
from exchange.core.exceptions import ApplicationError
from exchange.marketplace.catalogue import permissions
from exchange.marketplace.catalogue.models import Offering, OfferingPrice, OfferingStatus
from exchange.marketplace.catalogue.services.ratings import offering_ratings_refresh
from exchange.marketplace.catalogue.services.search_index import catalogue_changed, offerings_search_refresh
from exchange.organisations.models import OrganisationKind

NOT_YOURS = "You can only change your own organisation's offerings."
NOT_A_PROVIDER = "Only commissioning support providers can offer services."
NO_SERVICE_LINE = "Choose at least one service line."


def _check_editor(actor, provider) -> None:
    if not permissions.can_edit_provider(actor, provider):
        raise ApplicationError(NOT_YOURS)


def _record_price(offering: Offering, actor) -> None:
    OfferingPrice.objects.create(
        offering=offering,
        pricing_model=offering.pricing_model,
        price=offering.price,
        estimated_days=offering.estimated_days,
        changed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


@transaction.atomic
def offering_create(
    *,
    actor,
    provider,
    title: str,
    summary: str,
    service_lines: Iterable,
    pricing_model: str,
    price: Decimal,
    estimated_days: int | None = None,
    regions: Iterable = (),
    description: str = "",
    outcomes: str = "",
    minimum_term_months: int = 12,
) -> Offering:
    _check_editor(actor, provider)
    if provider.kind != OrganisationKind.SUPPORT_PROVIDER:
        raise ApplicationError(NOT_A_PROVIDER)
    service_lines = list(service_lines)
    if not service_lines:
        raise ApplicationError(NO_SERVICE_LINE)
    offering = Offering(
        provider=provider,
        title=title,
        summary=summary,
        description=description,
        outcomes=outcomes,
        pricing_model=pricing_model,
        price=price,
        estimated_days=estimated_days,
        minimum_term_months=minimum_term_months,
    )
    offering.full_clean()
    offering.save()
    offering.service_lines.set(service_lines)
    offering.regions.set(list(regions))
    _record_price(offering, actor)
    offerings_search_refresh(offerings=Offering.objects.filter(pk=offering.pk))
    audit_event_record(action=AuditAction.OFFERING_CREATED, actor=actor, target=offering, organisation=provider)
    return offering


@transaction.atomic
def offering_update(
    *,
    actor,
    offering: Offering,
    title: str,
    summary: str,
    service_lines: Iterable,
    regions: Iterable,
    description: str = "",
    outcomes: str = "",
    minimum_term_months: int = 12,
) -> Offering:
    """Change what an offering says. Its price changes through offering_price_change, which keeps history."""
    _check_editor(actor, offering.provider)
    service_lines = list(service_lines)
    if not service_lines:
        raise ApplicationError(NO_SERVICE_LINE)
    offering = Offering.objects.select_for_update().get(pk=offering.pk)
    offering.title, offering.summary, offering.description = title, summary, description
    offering.outcomes, offering.minimum_term_months = outcomes, minimum_term_months
    offering.full_clean()
    offering.save()
    offering.service_lines.set(service_lines)
    offering.regions.set(list(regions))
    offerings_search_refresh(offerings=Offering.objects.filter(pk=offering.pk))
    offering_ratings_refresh(service_line_ids=[line.pk for line in service_lines])
    audit_event_record(
        action=AuditAction.OFFERING_UPDATED, actor=actor, target=offering, organisation=offering.provider
    )
    return offering


@transaction.atomic
def offering_price_change(
    *, actor, offering: Offering, pricing_model: str, price: Decimal, estimated_days: int | None = None
) -> Offering:
    _check_editor(actor, offering.provider)
    offering = Offering.objects.select_for_update().get(pk=offering.pk)
    unchanged = (offering.pricing_model, offering.price, offering.estimated_days) == (
        pricing_model,
        price,
        estimated_days,
    )
    if unchanged:
        return offering
    offering.pricing_model, offering.price, offering.estimated_days = pricing_model, price, estimated_days
    offering.full_clean()
    offering.save(update_fields=["pricing_model", "price", "estimated_days", "updated_at"])
    _record_price(offering, actor)
    catalogue_changed()
    audit_event_record(
        action=AuditAction.OFFERING_PRICE_CHANGED,
        actor=actor,
        target=offering,
        organisation=offering.provider,
        details={"pricing_model": pricing_model, "price": str(price), "estimated_days": estimated_days},
    )
    return offering


@transaction.atomic
def offering_status_set(*, actor, offering: Offering, status: str) -> Offering:
    _check_editor(actor, offering.provider)
    if status not in OfferingStatus.values:
        raise ApplicationError("Choose a status from the list.")
    offering.status = status
    offering.save(update_fields=["status", "updated_at"])
    catalogue_changed()
    audit_event_record(
        action=AuditAction.OFFERING_STATUS_SET,
        actor=actor,
        target=offering,
        organisation=offering.provider,
        details={"status": status},
    )
    return offering


@transaction.atomic
def offering_update_all(
    *,
    actor,
    offering: Offering,
    title: str,
    summary: str,
    service_lines: Iterable,
    regions: Iterable,
    pricing_model: str,
    price: Decimal,
    status: str,
    estimated_days: int | None = None,
    description: str = "",
    outcomes: str = "",
    minimum_term_months: int = 12,
) -> Offering:
    """The edit page's one save: words, price (kept in the history if it changed) and status, all or nothing."""
    offering = offering_update(
        actor=actor,
        offering=offering,
        title=title,
        summary=summary,
        service_lines=service_lines,
        regions=regions,
        description=description,
        outcomes=outcomes,
        minimum_term_months=minimum_term_months,
    )
    offering = offering_price_change(
        actor=actor, offering=offering, pricing_model=pricing_model, price=price, estimated_days=estimated_days
    )
    if status != offering.status:
        offering = offering_status_set(actor=actor, offering=offering, status=status)
    return offering
