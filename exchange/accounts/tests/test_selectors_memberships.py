import pytest
from django.contrib.auth.models import AnonymousUser

from exchange.accounts.models import Membership, Role
from exchange.accounts.selectors import (
    first_organisation_of,
    member_emails,
    membership_list,
    membership_managed_get,
    memberships_of,
    memberships_with_role,
    role_choices,
    roles_by_organisation,
)
from exchange.organisations.models import OrganisationKind
from exchange.organisations.tests.factories import OrganisationFactory

from .factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_member_sees_the_memberships_of_their_organisation_by_name(organisation_a, admin_a, member_a):
    listed = [membership.user for membership in membership_list(user=member_a, organisation=organisation_a)]
    assert listed == sorted([admin_a, member_a], key=lambda user: (user.full_name, user.email))


def test_a_member_of_another_organisation_sees_none_of_its_memberships(organisation_b, admin_b, member_a):
    assert list(membership_list(user=member_a, organisation=organisation_b)) == []


def test_nobody_signed_out_sees_an_organisation_s_memberships(organisation_a, member_a):
    assert list(membership_list(user=AnonymousUser(), organisation=organisation_a)) == []


def test_an_admin_reaches_a_membership_of_their_organisation(organisation_a, admin_a, member_a):
    membership = Membership.objects.get(user=member_a)
    assert membership_managed_get(user=admin_a, organisation=organisation_a, membership_id=membership.pk) == membership


def test_a_member_who_is_not_an_admin_reaches_no_membership(organisation_a, admin_a, member_a):
    membership = Membership.objects.get(user=admin_a)
    assert membership_managed_get(user=member_a, organisation=organisation_a, membership_id=membership.pk) is None


def test_a_membership_of_another_organisation_is_not_reached_through_one_s_own(organisation_a, admin_a, member_b):
    foreign = Membership.objects.get(user=member_b)
    assert membership_managed_get(user=admin_a, organisation=organisation_a, membership_id=foreign.pk) is None


def test_a_person_s_own_memberships_are_listed_by_organisation_name_and_nobody_else_s(member_a, member_b):
    zulu = MembershipFactory(user=member_a, organisation=OrganisationFactory(name="NHS Zulu"))
    assert list(memberships_of(user=member_a)) == [
        Membership.objects.get(user=member_a, organisation__name="NHS Alpha"),
        zulu,
    ]


def test_member_emails_are_those_holding_the_roles_once_each_and_sorted(organisation_a, organisation_b):
    MembershipFactory(user=UserFactory(email="zed@example.nhs.uk"), organisation=organisation_a, roles=[Role.BUYER])
    both = UserFactory(email="amy@example.nhs.uk")
    MembershipFactory(user=both, organisation=organisation_a, roles=[Role.BUYER, Role.FINANCE_LEAD])
    MembershipFactory(user=both, organisation=organisation_b, roles=[Role.BUYER])
    MembershipFactory(
        user=UserFactory(email="analyst@example.nhs.uk"), organisation=organisation_a, roles=[Role.ANALYST]
    )
    MembershipFactory(user=UserFactory(email="elsewhere@example.nhs.uk"), roles=[Role.BUYER])
    emails = member_emails(
        organisation_ids=[organisation_a.pk, organisation_b.pk], roles=[Role.BUYER, Role.FINANCE_LEAD]
    )
    assert emails == ["amy@example.nhs.uk", "zed@example.nhs.uk"]


def test_role_choices_keep_the_registry_s_order_and_labels():
    assert role_choices(roles=[Role.ANALYST, Role.CLINICAL_LEAD]) == [
        ("clinical_lead", "Clinical lead"),
        ("analyst", "Analyst"),
    ]


def test_roles_by_organisation_gives_each_membership_with_its_roles(organisation_a, organisation_b):
    user = UserFactory()
    MembershipFactory(user=user, organisation=organisation_a, roles=[Role.BUYER, Role.ANALYST])
    bare = MembershipFactory(user=user, organisation=organisation_b, roles=[Role.BUYER])
    bare.roles.all().delete()
    assert roles_by_organisation(user=user) == {organisation_a.pk: {"buyer", "analyst"}, organisation_b.pk: set()}


def test_nobody_signed_out_holds_roles_anywhere(member_a):
    assert roles_by_organisation(user=AnonymousUser()) == {}
    assert roles_by_organisation(user=None) == {}


def test_first_organisation_of_is_one_the_person_belongs_to(organisation_a, organisation_b, member_a):
    assert (
        first_organisation_of(user=member_a, organisations=[organisation_b.pk, organisation_a.pk]) == organisation_a.pk
    )


def test_first_organisation_of_is_none_for_a_person_in_none_of_them(organisation_b, member_a):
    assert first_organisation_of(user=member_a, organisations=[organisation_b.pk]) is None


def test_memberships_with_a_role_are_only_of_the_kind_asked_and_each_once():
    provider = OrganisationFactory(kind=OrganisationKind.SUPPORT_PROVIDER)
    wanted = MembershipFactory(roles=[Role.BUYER, Role.FINANCE_LEAD])
    MembershipFactory(roles=[Role.ANALYST])
    MembershipFactory(organisation=provider, roles=[Role.BUYER])
    found = memberships_with_role(kind=OrganisationKind.COMMISSIONER, roles=[Role.BUYER, Role.FINANCE_LEAD])
    assert list(found) == [wanted]
