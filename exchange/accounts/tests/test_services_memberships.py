import pytest

from exchange.accounts.models import Membership, Role
from exchange.accounts.services import membership_create, membership_remove, membership_roles_set
from exchange.accounts.services.memberships import LAST_ADMIN, UNKNOWN_ROLE
from exchange.audit.actions import AuditAction
from exchange.audit.models import AuditEvent
from exchange.core.exceptions import ApplicationError

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_membership_is_created_with_its_roles_and_audited(organisation_a, admin_a):
    user = UserFactory()
    membership = membership_create(actor=admin_a, user=user, organisation=organisation_a, roles=[Role.BUYER])
    assert membership.role_codes == [Role.BUYER]
    event = AuditEvent.objects.get(action=AuditAction.MEMBERSHIP_CREATED)
    assert (event.actor, event.organisation) == (admin_a, organisation_a)
    assert event.details == {"user": user.email, "roles": ["buyer"]}


def test_creating_an_existing_membership_adds_the_new_roles_to_those_held(organisation_a, admin_a, member_a):
    membership = membership_create(actor=admin_a, user=member_a, organisation=organisation_a, roles=[Role.ANALYST])
    assert membership == Membership.objects.get(user=member_a)
    assert membership.role_codes == [Role.ANALYST, Role.FINANCE_LEAD]
    assert AuditEvent.objects.get(action=AuditAction.MEMBERSHIP_CREATED).details["roles"] == ["analyst", "finance_lead"]


def test_a_role_outside_the_list_is_refused(organisation_a, admin_a):
    user = UserFactory()
    with pytest.raises(ApplicationError, match=UNKNOWN_ROLE):
        membership_create(actor=admin_a, user=user, organisation=organisation_a, roles=["emperor"])
    assert not Membership.objects.filter(user=user).exists()


def test_the_last_admin_cannot_drop_their_admin_role(organisation_a, admin_a):
    membership = Membership.objects.get(user=admin_a)
    with pytest.raises(ApplicationError, match="at least one organisation admin"):
        membership_roles_set(actor=admin_a, membership=membership, roles=[Role.CLINICAL_LEAD])


def test_platform_staff_may_take_the_last_admin_s_role(organisation_a, admin_a):
    membership = Membership.objects.get(user=admin_a)
    membership_roles_set(actor=UserFactory(is_staff=True), membership=membership, roles=[Role.CLINICAL_LEAD])
    assert membership.role_codes == [Role.CLINICAL_LEAD]


def test_setting_the_roles_already_held_records_nothing(member_a):
    membership = Membership.objects.get(user=member_a)
    membership_roles_set(actor=member_a, membership=membership, roles=[Role.FINANCE_LEAD])
    assert not AuditEvent.objects.filter(action=AuditAction.MEMBERSHIP_ROLES_CHANGED).exists()


def test_a_member_is_removed_and_the_removal_audited(organisation_a, admin_a, member_a):
    membership_remove(actor=admin_a, membership=Membership.objects.get(user=member_a))
    assert not Membership.objects.filter(user=member_a).exists()
    event = AuditEvent.objects.get(action=AuditAction.MEMBERSHIP_REMOVED)
    assert (event.actor, event.organisation) == (admin_a, organisation_a)
    assert event.details == {"user": member_a.email, "roles": ["finance_lead"]}


def test_the_last_admin_cannot_be_removed(admin_a):
    with pytest.raises(ApplicationError, match=LAST_ADMIN):
        membership_remove(actor=admin_a, membership=Membership.objects.get(user=admin_a))
    assert Membership.objects.filter(user=admin_a).exists()


def test_platform_staff_may_remove_the_last_admin(admin_a):
    membership_remove(actor=UserFactory(is_staff=True), membership=Membership.objects.get(user=admin_a))
    assert not Membership.objects.filter(user=admin_a).exists()
