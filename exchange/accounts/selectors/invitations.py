from django.db.models import QuerySet

from exchange.organisations.models import Organisation

from .. import permissions
from ..models import Invitation


def invitation_pending_list(*, user, organisation: Organisation) -> QuerySet[Invitation]:
    """The invitations not yet accepted, newest first, for those who may manage the members; none for anyone else."""
    if not permissions.can_manage_members(user, organisation):
        return Invitation.objects.none()
    return Invitation.objects.filter(organisation=organisation, accepted_at__isnull=True).order_by("-created_at")
