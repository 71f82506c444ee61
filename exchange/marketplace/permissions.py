"""Who may change a provider's catalogue entries: its provider representatives and organisation admins."""

from exchange.accounts.models import Membership, Role

PROVIDER_ROLES = [Role.PROVIDER_REPRESENTATIVE, Role.ORGANISATION_ADMIN]


def can_edit_provider(user, provider) -> bool:
    if not user.is_authenticated:
        return False
    return (
        user.is_staff
        or Membership.objects.filter(user=user, organisation=provider, roles__role__in=PROVIDER_ROLES).exists()
    )
