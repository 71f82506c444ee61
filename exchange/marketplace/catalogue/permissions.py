"""Who may change a provider's catalogue entries and confirm its engagements: its provider representatives and
organisation admins (and platform staff); who buys for a commissioner."""

from exchange.accounts.models import Role
from exchange.accounts.permissions import has_role, organisations_with_role
from exchange.organisations.models import OrganisationKind

PROVIDER_ROLES = [Role.PROVIDER_REPRESENTATIVE, Role.ORGANISATION_ADMIN]
BUYING_ROLES = [Role.CLINICAL_LEAD, Role.MANAGERIAL_LEAD, Role.FINANCE_LEAD, Role.BUYER, Role.ORGANISATION_ADMIN]


def can_edit_provider(user, provider) -> bool:
    return user.is_authenticated and (user.is_staff or has_role(user, provider, PROVIDER_ROLES))


def can_confirm_engagement(user, engagement) -> bool:
    """A provider's representatives and admins, and platform staff, confirm that a commissioner buys one of its
    offerings; never the person who recorded that it does."""
    return can_edit_provider(user, engagement.offering.provider) and user.pk != engagement.recorded_by_id


def can_buy_for(user, commissioner) -> bool:
    """Leads, buyers and admins of a commissioner record what it buys and run its procurements (staff do not)."""
    return commissioner.kind == OrganisationKind.COMMISSIONER and has_role(user, commissioner, BUYING_ROLES)


def provider_organisations(user) -> list[int]:
    """Support providers `user` speaks for (representatives and admins; staff do not)."""
    return organisations_with_role(user, PROVIDER_ROLES, kind=OrganisationKind.SUPPORT_PROVIDER)
