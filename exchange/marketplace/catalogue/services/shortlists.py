"""Saved searches and shortlists. Freezing a shortlist copies each offering as it stood, with who and when, so
the record of what was considered survives later edits and withdrawals."""

from collections.abc import Sequence

from django.db import transaction

from exchange.accounts.permissions import has_role
from exchange.audit.actions import AuditAction
from exchange.audit.services import audit_event_record
from exchange.core import clock
from exchange.core.exceptions import ApplicationError
from exchange.marketplace.catalogue.models import Offering, SavedSearch, Shortlist, ShortlistEntry
from exchange.marketplace.catalogue.selectors.offerings import offering_visible_list
from exchange.marketplace.catalogue.selectors.shortlists import shortlist_entries

FROZEN = "This shortlist is frozen for audit and cannot change. Copy it to make a new one."
NOT_YOURS = "You can only change your own organisation's shortlists."
NO_NAME = "Enter a name for the shortlist."
NO_SEARCH_NAME = "Enter a name for the search."
NOT_AVAILABLE = "That offering is not available."
UNAVAILABLE_ON_FREEZE = (
    "Some offerings on this shortlist are no longer available. Remove them before freezing the shortlist."
)


def can_change_shortlist(user, shortlist: Shortlist) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff or shortlist.owner_id == user.pk:
        return True
    return shortlist.organisation_id is not None and has_role(user, shortlist.organisation_id)


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
    _check_visible(actor, offerings)
    shortlist = Shortlist(owner=actor, organisation=organisation, name=name.strip(), reasons=reasons)
    shortlist.full_clean()
    shortlist.save()
    reasons_list = list(entry_reasons or [""] * len(offerings))
    ShortlistEntry.objects.bulk_create(
        ShortlistEntry(shortlist=shortlist, offering=offering, position=position, reason=reason)
        for position, (offering, reason) in enumerate(zip(offerings, reasons_list, strict=True))
    )
    audit_event_record(
        action=AuditAction.SHORTLIST_CREATED,
        actor=actor,
        target=shortlist,
        organisation=organisation,
        details={"offerings": [offering.pk for offering in offerings]},
    )
    return shortlist


def _check_visible(actor, offerings: Sequence[Offering]) -> None:
    wanted = {offering.pk for offering in offerings}
    if len(wanted) != offering_visible_list(user=actor).filter(pk__in=wanted).count():
        raise ApplicationError(NOT_AVAILABLE)


def _check_changeable(actor, shortlist: Shortlist) -> None:
    if not can_change_shortlist(actor, shortlist):
        raise ApplicationError(NOT_YOURS)
    if shortlist.is_frozen:
        raise ApplicationError(FROZEN)


@transaction.atomic
def shortlist_offering_add(*, actor, shortlist: Shortlist, offering: Offering) -> ShortlistEntry:
    shortlist = Shortlist.objects.select_for_update().get(pk=shortlist.pk)
    _check_changeable(actor, shortlist)
    _check_visible(actor, [offering])
    entry, _ = ShortlistEntry.objects.get_or_create(
        shortlist=shortlist, offering=offering, defaults={"position": shortlist.entries.count()}
    )
    return entry


@transaction.atomic
def shortlist_offering_remove(*, actor, shortlist: Shortlist, offering_id: int) -> None:
    """By id: an offering that is no longer available can still be taken off the shortlist."""
    shortlist = Shortlist.objects.select_for_update().get(pk=shortlist.pk)
    _check_changeable(actor, shortlist)
    shortlist.entries.filter(offering_id=offering_id).delete()


@transaction.atomic
def shortlist_freeze(*, actor, shortlist: Shortlist, population: int | None) -> Shortlist:
    shortlist = Shortlist.objects.select_for_update().get(pk=shortlist.pk)
    _check_changeable(actor, shortlist)
    # The copy is what the freezer sees: an offering they may no longer see cannot be copied, nor silently dropped.
    items = shortlist_entries(user=actor, shortlist=shortlist, population=population)
    if not all(item.available for item in items):
        raise ApplicationError(UNAVAILABLE_ON_FREEZE)
    snapshots = {item.offering_id: item.snapshot for item in items}
    entries = list(shortlist.entries.all())
    for entry in entries:
        entry.snapshot = snapshots[entry.offering_id]
    ShortlistEntry.objects.bulk_update(entries, ["snapshot"])
    shortlist.frozen_at = clock.now()
    shortlist.frozen_by = actor
    shortlist.save(update_fields=["frozen_at", "frozen_by", "updated_at"])
    audit_event_record(
        action=AuditAction.SHORTLIST_FROZEN,
        actor=actor,
        target=shortlist,
        organisation=shortlist.organisation,
        details={"offerings": [entry.offering_id for entry in entries]},
    )
    return shortlist
