"""Reading engagements: a buyer's with an offering, and a provider's, for the people who confirm them."""

from django.db.models import QuerySet

from exchange.accounts.permissions import organisations_with_role
from exchange.marketplace.catalogue import permissions
from exchange.marketplace.catalogue.models import Engagement, EngagementQuerySet, Offering
from exchange.organisations.models import Organisation


def buyer_engagements(*, user, offering: Offering) -> EngagementQuerySet:
    """Every engagement with `offering` of the commissioners `user` buys for, confirmed or not."""
    if not user.is_authenticated:
        return Engagement.objects.none()
    commissioners = organisations_with_role(user, permissions.BUYING_ROLES)
    return Engagement.objects.filter(offering=offering, commissioner_id__in=commissioners).select_related(
        "commissioner", "offering__provider"
    )


def provider_engagements(*, user, provider: Organisation) -> QuerySet[Engagement]:
    """The engagements with `provider`'s offerings, for the people who may confirm them; none for anyone else."""
    if not permissions.can_edit_provider(user, provider):
        return Engagement.objects.none()
    return Engagement.objects.filter(offering__provider=provider).select_related(
        "offering__provider", "commissioner", "recorded_by", "confirmed_by"
    )


def engagement_for_provider(*, user, pk: int) -> Engagement | None:
    """The engagement if `user` is one of the people of its offering's provider (or staff), else None."""
    engagement = Engagement.objects.select_related("offering__provider", "commissioner").filter(pk=pk).first()
    if engagement is None or not permissions.can_edit_provider(user, engagement.offering.provider):
        return None
    return engagement
