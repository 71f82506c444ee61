from dataclasses import dataclass

from django.db.models import Q, QuerySet

from exchange.accounts.permissions import organisations_with_role
from exchange.marketplace.catalogue.models import Offering, SavedSearch, Shortlist
from exchange.marketplace.catalogue.selectors.offerings import offering_visible_list
from exchange.marketplace.catalogue.value import CostUnknown, estimated_annual_cost

NO_LONGER_AVAILABLE = "No longer available"


def shortlist_list(*, user) -> QuerySet[Shortlist]:
    """The user's own shortlists and those of the organisations they belong to."""
    if not user.is_authenticated:
        return Shortlist.objects.none()
    organisations = organisations_with_role(user, None)
    return (
        Shortlist.objects.filter(Q(owner=user) | Q(organisation_id__in=organisations))
        .select_related("owner", "organisation", "frozen_by")
        .distinct()
    )


def shortlist_get(*, user, pk: int) -> Shortlist | None:
    """The shortlist itself. Read what is on it through shortlist_entries, never through its entries' offerings."""
    shortlists = Shortlist.objects.all() if user.is_authenticated and user.is_staff else shortlist_list(user=user)
    return shortlists.filter(pk=pk).select_related("owner", "organisation", "frozen_by").first()


@dataclass(frozen=True)
class ShortlistItem:
    """One place on a shortlist as one viewer may see it.

    `snapshot` is what to show: the copy taken when the shortlist was frozen, or, on an unfrozen shortlist, the
    offering as it stands now. It is None when the offering is no longer available to the viewer (a draft or
    withdrawn offering of another provider): then nothing of the offering is shown, not even the reason it was
    shortlisted, which may quote its old price and rating.
    `offering` is the live offering when the viewer may see it now (for links and comparing), else None.
    `offering_id` is only for removing the place from the shortlist; it is not shown.
    """

    offering_id: int
    reason: str
    snapshot: dict | None
    offering: Offering | None

    @property
    def available(self) -> bool:
        return self.snapshot is not None


def shortlist_entries(*, user, shortlist: Shortlist, population: int | None) -> list[ShortlistItem]:
    """What is on `shortlist`, in order, as `user` may see it: the one place that decides what a shortlist's page,
    export, comparison and freezing show. `shortlist` must be one the user may see (shortlist_get); whether each
    offering may be seen is offering_visible_list's decision. Costs are for `population`."""
    entries = list(shortlist.entries.all())
    visible = {
        offering.pk: offering
        for offering in offering_visible_list(user=user).filter(pk__in=[entry.offering_id for entry in entries])
    }
    items = []
    for entry in entries:
        offering = visible.get(entry.offering_id)
        if shortlist.is_frozen:
            snapshot = entry.snapshot
        else:
            snapshot = offering_snapshot(offering, population=population) if offering is not None else None
        items.append(
            ShortlistItem(
                offering_id=entry.offering_id,
                reason=entry.reason if snapshot is not None else "",
                snapshot=snapshot,
                offering=offering,
            )
        )
    return items


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


def saved_search_list(*, user) -> QuerySet[SavedSearch]:
    if not user.is_authenticated:
        return SavedSearch.objects.none()
    return SavedSearch.objects.filter(owner=user)
