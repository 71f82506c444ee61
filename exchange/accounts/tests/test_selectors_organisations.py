import pytest
from django.contrib.auth.models import AnonymousUser

from exchange.accounts.selectors import organisation_managed_get, organisation_private_get

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_member_reaches_their_organisation_s_private_pages(organisation_a, member_a):
    assert organisation_private_get(user=member_a, slug=organisation_a.slug) == organisation_a


def test_a_member_of_another_organisation_does_not_reach_its_private_pages(organisation_b, member_a):
    assert organisation_private_get(user=member_a, slug=organisation_b.slug) is None


def test_nobody_signed_out_reaches_an_organisation_s_private_pages(organisation_a):
    assert organisation_private_get(user=AnonymousUser(), slug=organisation_a.slug) is None


def test_platform_staff_reach_any_organisation_s_private_pages(organisation_b):
    assert organisation_private_get(user=UserFactory(is_staff=True), slug=organisation_b.slug) == organisation_b


def test_an_unknown_organisation_is_reached_by_nobody():
    assert organisation_private_get(user=UserFactory(is_staff=True), slug="nowhere") is None


def test_an_organisation_admin_manages_their_organisation(organisation_a, admin_a):
    assert organisation_managed_get(user=admin_a, slug=organisation_a.slug) == organisation_a


def test_a_member_who_is_not_an_admin_does_not_manage_their_organisation(organisation_a, member_a):
    assert organisation_managed_get(user=member_a, slug=organisation_a.slug) is None


def test_an_admin_of_another_organisation_does_not_manage_it(organisation_b, admin_a):
    assert organisation_managed_get(user=admin_a, slug=organisation_b.slug) is None


def test_platform_staff_manage_any_organisation(organisation_b):
    assert organisation_managed_get(user=UserFactory(is_staff=True), slug=organisation_b.slug) == organisation_b


def test_nobody_signed_out_manages_an_organisation(organisation_a):
    assert organisation_managed_get(user=AnonymousUser(), slug=organisation_a.slug) is None
