from collections.abc import Iterable

from django.db import transaction

from exchange.audit.actions import AuditAction
from exchange.audit.services import audit_event_record
from exchange.core.exceptions import ApplicationError

from ..models import Membership, MembershipRole, Role

UNKNOWN_ROLE = "Choose roles from the list."
LAST_ADMIN = "An organisation must keep at least one organisation admin."


def _clean_roles(roles: Iterable[str]) -> list[str]:
    chosen = sorted(set(roles))
    if any(role not in Role.values for role in chosen):
        raise ApplicationError(UNKNOWN_ROLE)
    return chosen


def _roles_add(membership: Membership, roles: list[str], *, held: Iterable[str]) -> None:
    """Give `membership` those of `roles` it does not hold yet."""
    held = set(held)
    MembershipRole.objects.bulk_create(
        [MembershipRole(membership=membership, role=role) for role in roles if role not in held]
    )


def _membership_event_record(action: str, *, actor, membership: Membership, details: dict) -> None:
    audit_event_record(
        action=action, actor=actor, target=membership, organisation=membership.organisation, details=details
    )


@transaction.atomic
def membership_create(*, actor, user, organisation, roles: Iterable[str]) -> Membership:
    chosen = _clean_roles(roles)
    membership, _ = Membership.objects.select_related("organisation").get_or_create(
        user=user, organisation=organisation
    )
    existing = set(membership.roles.values_list("role", flat=True))
    _roles_add(membership, chosen, held=existing)
    _membership_event_record(
        AuditAction.MEMBERSHIP_CREATED,
        actor=actor,
        membership=membership,
        details={"user": user.email, "roles": sorted(existing | set(chosen))},
    )
    return membership


def _other_admins_exist(membership: Membership) -> bool:
    return (
        MembershipRole.objects.filter(membership__organisation=membership.organisation, role=Role.ORGANISATION_ADMIN)
        .exclude(membership=membership)
        .exists()
    )


@transaction.atomic
def membership_roles_set(*, actor, membership: Membership, roles: Iterable[str]) -> Membership:
    chosen = _clean_roles(roles)
    before = sorted(membership.roles.values_list("role", flat=True))
    if before == chosen:
        return membership
    dropping_admin = Role.ORGANISATION_ADMIN in before and Role.ORGANISATION_ADMIN not in chosen
    if dropping_admin and not _other_admins_exist(membership) and not getattr(actor, "is_staff", False):
        raise ApplicationError(LAST_ADMIN)
    membership.roles.exclude(role__in=chosen).delete()
    _roles_add(membership, chosen, held=before)
    _membership_event_record(
        AuditAction.MEMBERSHIP_ROLES_CHANGED,
        actor=actor,
        membership=membership,
        details={"user": membership.user.email, "before": before, "after": chosen},
    )
    return membership


@transaction.atomic
def membership_remove(*, actor, membership: Membership) -> None:
    roles = sorted(membership.roles.values_list("role", flat=True))
    if Role.ORGANISATION_ADMIN in roles and not _other_admins_exist(membership) and not actor.is_staff:
        raise ApplicationError(LAST_ADMIN)
    _membership_event_record(
        AuditAction.MEMBERSHIP_REMOVED,
        actor=actor,
        membership=membership,
        details={"user": membership.user.email, "roles": roles},
    )
    membership.delete()
