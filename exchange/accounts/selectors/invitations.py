from django.db.models import QuerySet

from exchange.core import clock
from exchange.core.tokens import token_hash
from exchange.organisations.models import Organisation

from .. import permissions
from ..models import Invitation


def invitation_pending_list(*, user, organisation: Organisation) -> QuerySet[Invitation]:
    """The invitations not yet accepted, newest first, for those who may manage the members; none for anyone else."""
    if not permissions.can_manage_members(user, organisation):
        return Invitation.objects.none()
    return Invitation.objects.filter(organisation=organisation, accepted_at__isnull=True).order_by("-created_at")


def invitations_open(*, token: str) -> QuerySet[Invitation]:
    """The invitation the link's `token` opens (at most one): the token is the key, so whoever holds the link may
    open it, but only until it is accepted or expires."""
    return Invitation.objects.filter(token_hash=token_hash(token), accepted_at__isnull=True, expires_at__gt=clock.now())


def invitation_open_by_id(*, invitation_id: int) -> Invitation | None:
    """The invitation if it is still open (neither accepted nor expired): what the worker sends the link of."""
    return (
        Invitation.objects.filter(pk=invitation_id, accepted_at__isnull=True, expires_at__gt=clock.now())
        .select_related("organisation", "invited_by")
        .first()
    )


def invitation_open_get(*, token: str) -> Invitation | None:
    return invitations_open(token=token).select_related("organisation").first()
