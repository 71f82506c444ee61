"""Saved searches and shortlists. Freezing a shortlist copies each offering as it stood, with who and when, so
the record of what was considered survives later edits and withdrawals."""

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from exchange.audit.services import audit_event_record
from exchange.core.exceptions import ApplicationError

from ..models import Offering, SavedSearch, Shortlist, ShortlistEntry
from ..value import CostUnknown, estimated_annual_cost

FROZEN = "This shortlist is frozen for audit and cannot change. Copy it to make a new one."
NOT_YOURS = "You can only change your own organisation's shortlists."
NO_NAME = "Enter a name for the shortlist."
NO_SEARCH_NAME = "Enter a name for the search."


def can_change_shortlist(user, shortlist: Shortlist) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff or shortlist.owner_id == user.pk:
        return True
    return (
        shortlist.organisation_id is not None
        and user.memberships.filter(organisation_id=shortlist.organisation_id).exists()
    )


@transaction.atomic
def saved_search_create(*, actor, name: str, query_string: str) -> SavedSearch:
    if not name.strip():
        raise ApplicationError(NO_SEARCH_NAME)
    saved = SavedSearch(owner=actor, name=name.strip(), query_string=query_string.lstrip("?")[:1000])
    saved.full_clean()
    saved.save()
    return saved


@transaction.atomic
def saved_search_delete(*, actor, saved_search: SavedSearch) -> None:
    if saved_search.owner_id != actor.pk:
        raise ApplicationError(NOT_YOURS)
    saved_search.delete()


@transaction.atomic
def shortlist_create(
    *,
    actor,
    name: str,
    offerings: Sequence[Offering] = (),
    organisation=None,
    reasons: str = "",
    entry_reasons: Sequence[str] | None = None,
) -> Shortlist:
    if not name.strip():
        raise ApplicationError(NO_NAME)
    shortlist = Shortlist(owner=actor, organisation=organisation, name=name.strip(), reasons=reasons)
    shortlist.full_clean()
    shortlist.save()
    reasons_list = list(entry_reasons or [""] * len(offerings))
    ShortlistEntry.objects.bulk_create(
        ShortlistEntry(shortlist=shortlist, offering=offering, position=position, reason=reason)
        for position, (offering, reason) in enumerate(zip(offerings, reasons_list, strict=True))
    )
    audit_event_record(
        action="marketplace.shortlist_created",
        actor=actor,
        target=shortlist,
        organisation=organisation,
        details={"offerings": [offering.pk for offering in offerings]},
    )
    return shortlist


def _check_changeable(actor, shortlist: Shortlist) -> None:
    if not can_change_shortlist(actor, shortlist):
        raise ApplicationError(NOT_YOURS)
    if shortlist.is_frozen:
        raise ApplicationError(FROZEN)


@transaction.atomic
def shortlist_offering_add(*, actor, shortlist: Shortlist, offering: Offering) -> ShortlistEntry:
    shortlist = Shortlist.objects.select_for_update().get(pk=shortlist.pk)
    _check_changeable(actor, shortlist)
    entry, _ = ShortlistEntry.objects.get_or_create(
        shortlist=shortlist, offering=offering, defaults={"position": shortlist.entries.count()}
    )
    return entry


@transaction.atomic
def shortlist_offering_remove(*, actor, shortlist: Shortlist, offering: Offering) -> None:
    shortlist = Shortlist.objects.select_for_update().get(pk=shortlist.pk)
    _check_changeable(actor, shortlist)
    shortlist.entries.filter(offering=offering).delete()


def offering_snapshot(offering: Offering, *, population: int | None) -> dict:
    """Everything a buyer saw of an offering, as plain data."""
    try:
        cost = estimated_annual_cost(
            pricing_model=offering.pricing_model,
            price=offering.price,
            estimated_days=offering.estimated_days,
            population=population,
        )
    except CostUnknown:
        cost = None
    return {
        "id": offering.pk,
        "title": offering.title,
        "summary": offering.summary,
        "description": offering.description,
        "outcomes": offering.outcomes,
        "provider": offering.provider.name,
        "sector": offering.provider.get_sector_display(),
        "service_lines": [line.name for line in offering.service_lines.all()],
        "regions": [region.name for region in offering.regions.all()],
        "pricing_model": offering.get_pricing_model_display(),
        "price": str(offering.price),
        "estimated_days": offering.estimated_days,
        "minimum_term_months": offering.minimum_term_months,
        "status": offering.get_status_display(),
        "population": population,
        "estimated_annual_cost": str(cost) if cost is not None else None,
        "rating_count": offering.rating_count,
        "rating_adjusted": offering.rating_adjusted,
    }


@transaction.atomic
def shortlist_freeze(*, actor, shortlist: Shortlist, population: int | None) -> Shortlist:
    shortlist = Shortlist.objects.select_for_update().get(pk=shortlist.pk)
    _check_changeable(actor, shortlist)
    entries = list(
        shortlist.entries.select_related("offering__provider").prefetch_related(
            "offering__service_lines", "offering__regions"
        )
    )
    for entry in entries:
        entry.snapshot = offering_snapshot(entry.offering, population=population)
    ShortlistEntry.objects.bulk_update(entries, ["snapshot"])
    shortlist.frozen_at = timezone.now()
    shortlist.frozen_by = actor
    shortlist.save(update_fields=["frozen_at", "frozen_by", "updated_at"])
    audit_event_record(
        action="marketplace.shortlist_frozen",
        actor=actor,
        target=shortlist,
        organisation=shortlist.organisation,
        details={"offerings": [entry.offering_id for entry in entries]},
    )
    return shortlist
