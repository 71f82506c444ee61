"""The one place role questions are answered (`accounts.permissions.has_role`, `organisations_with_role`), which
every app's permissions ask."""

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from exchange.accounts.models import Role
from exchange.accounts.permissions import can_manage_members, has_role, is_member, organisations_with_role
from exchange.accounts.tests.factories import MembershipFactory, UserFactory
from exchange.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_role_counts_only_in_the_organisation_it_is_held_in():
    membership = MembershipFactory(roles=[Role.BUYER])
    elsewhere = OrganisationFactory()
    user, organisation = membership.user, membership.organisation
    assert has_role(user, organisation) and has_role(user, organisation.pk, [Role.BUYER, Role.ANALYST])
    assert not has_role(user, organisation, [Role.ANALYST])
    assert not has_role(user, elsewhere) and not has_role(user, elsewhere, [Role.BUYER])


def test_nobody_signed_out_holds_a_role_and_staff_get_no_pass_from_the_role_check_itself():
    organisation = MembershipFactory(roles=[Role.ORGANISATION_ADMIN]).organisation
    staff = UserFactory(is_staff=True)
    assert not has_role(AnonymousUser(), organisation) and organisations_with_role(AnonymousUser(), list(Role)) == []
    assert not has_role(staff, organisation, [Role.ORGANISATION_ADMIN])
    # The rules say for themselves that staff may see members and manage them.
    assert is_member(staff, organisation) and can_manage_members(staff, organisation)
    assert not is_member(AnonymousUser(), organisation) and not can_manage_members(AnonymousUser(), organisation)


def test_organisations_with_a_role_are_listed_once_in_order_and_by_kind():
    user = UserFactory()
    commissioner = OrganisationFactory(kind="commissioner")
    provider = OrganisationFactory(kind="support_provider")
    MembershipFactory(user=user, organisation=commissioner, roles=[Role.BUYER, Role.CLINICAL_LEAD])
    MembershipFactory(user=user, organisation=provider, roles=[Role.PROVIDER_REPRESENTATIVE])
    assert organisations_with_role(user, [Role.BUYER, Role.CLINICAL_LEAD]) == [commissioner.pk]
    assert organisations_with_role(user, list(Role)) == sorted([commissioner.pk, provider.pk])
    assert organisations_with_role(user, list(Role), kind="support_provider") == [provider.pk]


def test_no_app_s_permissions_read_memberships_themselves():
    root = Path(__file__).resolve().parents[2]
    readers = [
        str(path.relative_to(root))
        for path in root.glob("*/permissions.py")
        if path.parent.name != "accounts" and "Membership" in path.read_text()
    ]
    assert readers == []
