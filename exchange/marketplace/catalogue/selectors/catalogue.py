"""Reading single offerings, providers and the side-by-side comparison, with their rating figures."""

from typing import Any

from django.db.models import Avg, Count, Prefetch, QuerySet

from exchange.marketplace.catalogue.models import (
    RATING_DIMENSIONS,
    Offering,
    OfferingPrice,
    OfferingStatus,
    ProviderProfile,
    Rating,
)
from exchange.marketplace.catalogue.selectors.offerings import offering_visible_list
from exchange.marketplace.catalogue.services.ratings import PRIOR_WEIGHT
from exchange.marketplace.catalogue.value import estimated_annual_cost
from exchange.organisations.models import Organisation, OrganisationKind

COMPARE_LIMIT = 4


def offering_get(*, user, pk: int) -> Offering | None:
    return (
        offering_visible_list(user=user)
        .prefetch_related(Prefetch("price_history", queryset=OfferingPrice.objects.order_by("-valid_from", "-id")))
        .filter(pk=pk)
        .first()
    )


def offering_ratings(*, offering: Offering) -> QuerySet[Rating]:
    return Rating.objects.filter(offering=offering).select_related("engagement__commissioner", "reply")


def dimension_means(*, offering_ids: list[int]) -> dict[int, dict[str, float | None]]:
    """Mean of each rating dimension per offering, in one query."""
    rows = (
        Rating.objects.filter(offering_id__in=offering_ids)
        .values("offering_id")
        .annotate(n=Count("id"), **{name: Avg(name) for name, _ in RATING_DIMENSIONS})
    )
    means: dict[int, dict[str, Any]] = {
        pk: dict.fromkeys([name for name, _ in RATING_DIMENSIONS]) for pk in offering_ids
    }
    for row in rows:
        values: dict[str, Any] = dict(row)
        means[values["offering_id"]] = {name: values[name] for name, _ in RATING_DIMENSIONS}
    return means


def offerings_to_compare(*, user, ids: list[int]) -> list[Offering]:
    """Up to four visible offerings in the order asked for."""
    wanted = list(dict.fromkeys(ids))[:COMPARE_LIMIT]
    found = {offering.pk: offering for offering in offering_visible_list(user=user).filter(pk__in=wanted)}
    return [found[pk] for pk in wanted if pk in found]


def with_annual_cost(offerings: list[Offering], *, population: int) -> list[Offering]:
    """Set each offering's estimated annual cost for `population`, as search does in the database."""
    for offering in offerings:
        offering.annual_cost = estimated_annual_cost(  # type: ignore[attr-defined]  # as search annotates it
            pricing_model=offering.pricing_model,
            price=offering.price,
            estimated_days=offering.estimated_days,
            population=population,
        )
    return offerings


def provider_get(*, slug: str) -> Organisation | None:
    return (
        Organisation.objects.filter(slug=slug, kind=OrganisationKind.SUPPORT_PROVIDER).select_related("region").first()
    )


def provider_profile(*, provider: Organisation) -> ProviderProfile | None:
    return (
        ProviderProfile.objects.filter(organisation=provider)
        .prefetch_related("regions_served", "area_teams_served")
        .first()
    )


def provider_offerings(*, user, provider: Organisation) -> QuerySet[Offering]:
    return offering_visible_list(user=user).filter(provider=provider).order_by("title")


def provider_rating_summary(*, provider: Organisation) -> dict:
    """Across the provider's published offerings: ratings in all and the rating-weighted adjusted mean."""
    offerings = list(
        Offering.objects.filter(provider=provider, status=OfferingStatus.PUBLISHED, rating_count__gt=0).values_list(
            "rating_count", "rating_adjusted"
        )
    )
    count = sum(n for n, _ in offerings)
    adjusted = sum(n * (mean or 0.0) for n, mean in offerings) / count if count else None  # rated: never None
    return {"count": count, "adjusted": adjusted, "prior_weight": PRIOR_WEIGHT}
