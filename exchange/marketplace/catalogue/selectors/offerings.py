from django.db.models import Q, QuerySet

from exchange.accounts.permissions import organisations_with_role
from exchange.marketplace.catalogue.models import Offering, OfferingStatus
from exchange.marketplace.catalogue.permissions import PROVIDER_ROLES


def offering_visible_list(*, user) -> QuerySet[Offering]:
    """Buyers see published offerings; a provider's own people also see its drafts and withdrawn ones."""
    offerings = Offering.objects.select_related("provider").prefetch_related("service_lines", "regions")
    if user.is_authenticated and user.is_staff:
        return offerings
    visible = Q(status=OfferingStatus.PUBLISHED)
    if user.is_authenticated:
        own = organisations_with_role(user, PROVIDER_ROLES)
        visible |= Q(provider_id__in=own)
    return offerings.filter(visible)


def offering_terms(offering: Offering) -> dict:
    """What an offering says of itself and its terms, as plain data: service lines and regions by their codes.
    The API and the edit form both start from it."""
    return {
        "title": offering.title,
        "summary": offering.summary,
        "service_lines": [line.code for line in offering.service_lines.all()],
        "regions": [region.ons_code for region in offering.regions.all()],
        "pricing_model": offering.pricing_model,
        "price": offering.price,
        "estimated_days": offering.estimated_days,
        "minimum_term_months": offering.minimum_term_months,
    }


def published_offerings_in_order(ids: list[int]) -> list[Offering]:
    """The published offerings of `ids`, in that order, with what a listing shows of them."""
    found = Offering.objects.filter(pk__in=ids, status=OfferingStatus.PUBLISHED).select_related("provider")
    by_id = {offering.pk: offering for offering in found.prefetch_related("service_lines", "regions")}
    return [by_id[pk] for pk in ids if pk in by_id]
