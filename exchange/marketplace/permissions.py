"""Who may change a provider's catalogue entries: its provider representatives and organisation admins."""

from exchange.accounts.models import Membership, Role

PROVIDER_ROLES = [Role.PROVIDER_REPRESENTATIVE, Role.ORGANISATION_ADMIN]
BUYING_ROLES = [Role.CLINICAL_LEAD, Role.MANAGERIAL_LEAD, Role.FINANCE_LEAD, Role.BUYER, Role.ORGANISATION_ADMIN]


def can_edit_provider(user, provider) -> bool:
    if not user.is_authenticated:
        return False
    return (
        user.is_staff
        or Membership.objects.filter(user=user, organisation=provider, roles__role__in=PROVIDER_ROLES).exists()
    )


def can_buy_for(user, commissioner) -> bool:
    """Leads, buyers and admins of a commissioner record what it buys and run its procurements."""
    if not user.is_authenticated or commissioner.kind != "commissioner":
        return False
    return Membership.objects.filter(user=user, organisation=commissioner, roles__role__in=BUYING_ROLES).exists()


def buying_organisations(user) -> list[int]:
    """Commissioners for which `user` may buy: leads, buyers and admins."""
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(user=user, roles__role__in=BUYING_ROLES, organisation__kind="commissioner")
        .values_list("organisation_id", flat=True)
        .distinct()
    )


def provider_organisations(user) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(user=user, roles__role__in=PROVIDER_ROLES, organisation__kind="support_provider")
        .values_list("organisation_id", flat=True)
        .distinct()
    )


def can_manage_requirement(user, requirement) -> bool:
    """The lead commissioner's buyers run the procurement."""
    return requirement.lead_id in buying_organisations(user)


def is_partner_member(user, requirement) -> bool:
    if not user.is_authenticated:
        return False
    partners = requirement.partners.values("commissioner_id")
    return Membership.objects.filter(user=user, organisation_id__in=partners).exists()


def is_invited_buyer(user, requirement) -> bool:
    invited = set(requirement.invited_partners.values_list("pk", flat=True))
    return bool(invited & set(buying_organisations(user)))
