from django.db.models import QuerySet

from exchange.organisations.models import Organisation

from .. import permissions
from ..models import Membership, Role


def membership_list(*, user, organisation: Organisation) -> QuerySet[Membership]:
    if not permissions.is_member(user, organisation):
        return Membership.objects.none()
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .prefetch_related("roles")
        .order_by("user__full_name", "user__email")
    )


def membership_managed_get(*, user, organisation: Organisation, membership_id: int) -> Membership | None:
    if not permissions.can_manage_members(user, organisation):
        return None
    return (
        Membership.objects.filter(organisation=organisation, pk=membership_id)
        .select_related("user", "organisation")
        .prefetch_related("roles")
        .first()
    )


def memberships_of(*, user) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation", "organisation__region")
        .prefetch_related("roles")
        .order_by("organisation__name")
    )


def member_emails(*, organisation_ids, roles) -> list[str]:
    """The addresses of everyone holding one of `roles` in any of the organisations, each once, sorted."""
    addresses = Membership.objects.filter(organisation_id__in=organisation_ids, roles__role__in=roles).values_list(
        "user__email", flat=True
    )
    return sorted(set(addresses))


def role_choices(*, roles) -> list[tuple[str, str]]:
    """(code, label) of each of `roles`, in the registry's order."""
    wanted = set(roles)
    return [(code, str(label)) for code, label in Role.choices if code in wanted]


def roles_by_organisation(*, user) -> dict[int, set[str]]:
    """Each organisation `user` belongs to, with the roles held there (an empty set for a membership without one)."""
    held: dict[int, set[str]] = {}
    if user is None or not user.is_authenticated:
        return held
    for organisation_id, role in Membership.objects.filter(user=user).values_list("organisation_id", "roles__role"):
        held.setdefault(organisation_id, set())
        if role:
            held[organisation_id].add(role)
    return held


def first_organisation_of(*, user, organisations) -> int | None:
    """The id of one of `organisations` (ids or a subquery of ids) that `user` belongs to, or None."""
    return (
        Membership.objects.filter(user=user, organisation_id__in=organisations)
        .values_list("organisation_id", flat=True)
        .first()
    )


def memberships_with_role(*, kind: str, roles) -> QuerySet[Membership]:
    """Memberships of organisations of `kind` that hold one of `roles`, with their people and organisations."""
    return (
        Membership.objects.filter(organisation__kind=kind, roles__role__in=roles)
        .select_related("user", "organisation")
        .prefetch_related("roles")
        .distinct()
    )
