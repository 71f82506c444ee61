from .invitations import invitation_open_get, invitation_pending_list, invitations_open
from .memberships import (
    first_organisation_of,
    member_emails,
    membership_list,
    membership_managed_get,
    memberships_of,
    memberships_with_role,
    role_choices,
    roles_by_organisation,
)
from .organisations import organisation_managed_get, organisation_private_get
from .users import members_of, user_by_email, user_by_pk

__all__ = [
    "first_organisation_of",
    "invitation_open_get",
    "invitation_pending_list",
    "invitations_open",
    "member_emails",
    "members_of",
    "membership_list",
    "membership_managed_get",
    "memberships_of",
    "memberships_with_role",
    "organisation_managed_get",
    "organisation_private_get",
    "role_choices",
    "roles_by_organisation",
    "user_by_email",
    "user_by_pk",
]
