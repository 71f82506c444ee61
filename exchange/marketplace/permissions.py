"""Who may change a provider's catalogue entries and confirm its engagements: its provider representatives and
organisation admins (and platform staff); who buys for a commissioner."""

from exchange.accounts.models import Membership, Role
from exchange.organisations.models import OrganisationKind

PROVIDER_ROLES = [Role.PROVIDER_REPRESENTATIVE, Role.ORGANISATION_ADMIN]
BUYING_ROLES = [Role.CLINICAL_LEAD, Role.MANAGERIAL_LEAD, Role.FINANCE_LEAD, Role.BUYER, Role.ORGANISATION_ADMIN]
# Running a procurement (drafting, publishing, joining, answering questions, moderation, award) is for a
# commissioner's buyers, its clinical lead and its admins; managerial and finance leads record what it buys and
# rate it, but do not run tenders. Who may do what in a procurement, and when, is decided in `access.py`.
PROCUREMENT_ROLES = [Role.CLINICAL_LEAD, Role.BUYER, Role.ORGANISATION_ADMIN]


def can_edit_provider(user, provider) -> bool:
    if not user.is_authenticated:
        return False
    return (
        user.is_staff
        or Membership.objects.filter(user=user, organisation=provider, roles__role__in=PROVIDER_ROLES).exists()
    )


def can_confirm_engagement(user, engagement) -> bool:
    """A provider's representatives and admins, and platform staff, confirm that a commissioner buys one of its
    offerings; never the person who recorded that it does."""
    return can_edit_provider(user, engagement.offering.provider) and user.pk != engagement.recorded_by_id


def can_buy_for(user, commissioner) -> bool:
    """Leads, buyers and admins of a commissioner record what it buys and run its procurements."""
    if not user.is_authenticated or commissioner.kind != OrganisationKind.COMMISSIONER:
        return False
    return Membership.objects.filter(user=user, organisation=commissioner, roles__role__in=BUYING_ROLES).exists()


def procurement_organisations(user) -> list[int]:
    """Commissioners whose procurements `user` may run: buyers, clinical leads and admins."""
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(
            user=user, roles__role__in=PROCUREMENT_ROLES, organisation__kind=OrganisationKind.COMMISSIONER
        )
        .values_list("organisation_id", flat=True)
        .distinct()
        .order_by("organisation_id")
    )


def can_run_procurement_for(user, commissioner) -> bool:
    return commissioner.pk in procurement_organisations(user)


def provider_organisations(user) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(
            user=user, roles__role__in=PROVIDER_ROLES, organisation__kind=OrganisationKind.SUPPORT_PROVIDER
        )
        .values_list("organisation_id", flat=True)
        .distinct()
    )
