"""Platform staff's permissions in the admin, in one table.

Every active person with `is_staff` holds exactly the permissions below, and loses them with the flag: no group to
keep in step with it, so nobody can be made staff and still find "You don't have permission to view or edit
anything". Superusers hold every permission through Django's `ModelBackend`, as before; other people hold none in
the admin. What a screen shows of what it lists (sealed bids, confidential waves) is each admin's question to the
rule's owner, and rows that change only through services are read-only there whoever asks.

Staff read the registry, the catalogue, procurements, surveys, plans and the audit log; they correct the registry
(organisations, regions, area teams), keep the service lines and lots (data an admin edits), correct contacts'
names and addresses, mark invitations bounced, and enter boards' strategy priorities. They do not change people's
accounts or access: making someone staff or a superuser stays with superusers."""

from django.contrib.auth.backends import BaseBackend

VIEW = ("view",)
CORRECT = ("view", "change")
KEEP = ("view", "add", "change", "delete")

STAFF_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "accounts.user": VIEW,
    "accounts.membership": VIEW,
    "accounts.membershiprole": VIEW,
    "accounts.invitation": VIEW,
    "audit.auditevent": VIEW,
    "organisations.region": CORRECT,
    "organisations.areateam": CORRECT,
    "organisations.organisation": CORRECT,
    "organisations.boardcommissioner": VIEW,
    "organisations.senateareateam": VIEW,
    "surveys.surveyseries": VIEW,
    "surveys.wave": VIEW,
    "surveys.contact": CORRECT,
    "plans.strategypriority": KEEP,
    "plans.plan": VIEW,
    "plans.review": VIEW,
    "marketplace.lot": ("view", "add", "change"),
    "marketplace.serviceline": ("view", "add", "change"),
    "marketplace.offering": VIEW,
    "marketplace.providerprofile": VIEW,
    "marketplace.engagement": VIEW,
    "marketplace.rating": VIEW,
    "marketplace.requirement": VIEW,
    "marketplace.requirementpartner": VIEW,
    "marketplace.criterion": VIEW,
    "marketplace.bid": VIEW,
    "marketplace.award": VIEW,
}

_PERMISSIONS = frozenset(
    f"{label.split('.')[0]}.{action}_{label.split('.')[1]}"
    for label, actions in STAFF_PERMISSIONS.items()
    for action in actions
)


class PlatformStaffBackend(BaseBackend):
    """Grants `STAFF_PERMISSIONS` to active platform staff; authenticates nobody (sign-in stays with the other
    backends)."""

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if obj is not None or not (user_obj.is_active and getattr(user_obj, "is_staff", False)):
            return set()
        return set(_PERMISSIONS)

    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label: str) -> bool:
        return any(perm.startswith(f"{app_label}.") for perm in self.get_all_permissions(user_obj))
