"""Who may manage a survey series: platform staff, and the owner organisation's analysts and admins."""

from exchange.accounts.models import Membership, Role

MANAGING_ROLES = [Role.ANALYST, Role.ORGANISATION_ADMIN]


def can_manage_series(user, series) -> bool:
    if not user.is_authenticated:
        return False
    return (
        user.is_staff
        or Membership.objects.filter(
            user=user, organisation_id=series.owner_id, roles__role__in=MANAGING_ROLES
        ).exists()
    )
