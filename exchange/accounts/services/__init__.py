from .authentication import (
    AccountLocked,
    locked_out_record,
    password_reset_completed,
    password_reset_request,
    sign_in,
    sign_out,
)
from .invitations import invitation_accept, invitation_send
from .memberships import membership_create, membership_remove, membership_roles_set
from .users import user_create

__all__ = [
    "AccountLocked",
    "invitation_accept",
    "invitation_send",
    "locked_out_record",
    "membership_create",
    "membership_remove",
    "membership_roles_set",
    "password_reset_completed",
    "password_reset_request",
    "sign_in",
    "sign_out",
    "user_create",
]
