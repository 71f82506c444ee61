"""Who may see and change what: the one place the rules live. Views and selectors ask these."""

from .models import Membership, Role


def is_member(user, organisation) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_staff or Membership.objects.filter(user=user, organisation=organisation).exists()


def can_manage_members(user, organisation) -> bool:
    if not user.is_authenticated:
        return False
    return (
        user.is_staff
        or Membership.objects.filter(user=user, organisation=organisation, roles__role=Role.ORGANISATION_ADMIN).exists()
    )
