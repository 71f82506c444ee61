"""Who may see and change what: the one place the rules live. Views and selectors ask these.

Every app's role checks ask `has_role` and `organisations_with_role` here rather than reading memberships
themselves. Neither lets platform staff in: each rule says for itself whether staff may (most do; buying and
running procurements do not, since staff buy nothing).
"""

from collections.abc import Iterable

from .models import Membership, Role


def has_role(user, organisation, roles: Iterable[str] | None = None) -> bool:
    """Whether `user` is a member of `organisation` (an organisation or its id) holding one of `roles`, or any
    membership at all when `roles` is None."""
    if not user.is_authenticated:
        return False
    memberships = Membership.objects.filter(user=user, organisation=organisation)
    if roles is not None:
        memberships = memberships.filter(roles__role__in=list(roles))
    return memberships.exists()


def organisations_with_role(user, roles: Iterable[str] | None, *, kind: str | None = None) -> list[int]:
    """The ids of the organisations (of `kind`, if given) in which `user` holds one of `roles` (or any membership at
    all when `roles` is None), in order."""
    if not user.is_authenticated:
        return []
    memberships = Membership.objects.filter(user=user)
    if roles is not None:
        memberships = memberships.filter(roles__role__in=list(roles))
    if kind is not None:
        memberships = memberships.filter(organisation__kind=kind)
    return sorted(set(memberships.values_list("organisation_id", flat=True)))


def is_member(user, organisation) -> bool:
    return user.is_authenticated and (user.is_staff or has_role(user, organisation))


def can_manage_members(user, organisation) -> bool:
    return user.is_authenticated and (user.is_staff or has_role(user, organisation, [Role.ORGANISATION_ADMIN]))
