"""Every action name the audit log knows, so filters and tests share one spelling."""

SIGN_IN = "auth.sign_in"
SIGN_IN_FAILED = "auth.sign_in_failed"
SIGN_OUT = "auth.sign_out"
LOCKED_OUT = "auth.locked_out"
PASSWORD_RESET_REQUESTED = "auth.password_reset_requested"
PASSWORD_RESET_DONE = "auth.password_reset_done"
MEMBERSHIP_CREATED = "membership.created"
MEMBERSHIP_ROLES_CHANGED = "membership.roles_changed"
MEMBERSHIP_REMOVED = "membership.removed"
INVITATION_SENT = "invitation.sent"
INVITATION_ACCEPTED = "invitation.accepted"
ORGANISATIONS_IMPORTED = "organisations.imported"

LABELS = {
    SIGN_IN: "Signed in",
    SIGN_IN_FAILED: "Failed sign-in",
    SIGN_OUT: "Signed out",
    LOCKED_OUT: "Locked out",
    PASSWORD_RESET_REQUESTED: "Password reset requested",
    PASSWORD_RESET_DONE: "Password reset",
    MEMBERSHIP_CREATED: "Membership created",
    MEMBERSHIP_ROLES_CHANGED: "Roles changed",
    MEMBERSHIP_REMOVED: "Membership removed",
    INVITATION_SENT: "Invitation sent",
    INVITATION_ACCEPTED: "Invitation accepted",
    ORGANISATIONS_IMPORTED: "Organisations imported",
}
