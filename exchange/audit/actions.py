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
SURVEY_CONTACTS_IMPORTED = "surveys.contacts_imported"
SURVEY_CONTACTS_IMPORT_REFUSED = "surveys.contacts_import_refused"
SURVEY_CONTACTS_ADDED_FROM_MEMBERS = "surveys.contacts_added_from_members"
SURVEY_CONTACTS_FROM_MEMBERS_REFUSED = "surveys.contacts_from_members_refused"

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
    SURVEY_CONTACTS_IMPORTED: "Survey contacts imported",
    SURVEY_CONTACTS_IMPORT_REFUSED: "Survey contacts import refused",
    SURVEY_CONTACTS_ADDED_FROM_MEMBERS: "Survey contacts added from members",
    SURVEY_CONTACTS_FROM_MEMBERS_REFUSED: "Survey contacts from members refused",
}
