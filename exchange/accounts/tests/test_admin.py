import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from exchange.accounts.models import Membership

from .factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_admin_offers_no_add_change_or_delete_of_memberships():
    membership = MembershipFactory()
    request = RequestFactory().get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    model_admin = site._registry[Membership]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, membership)
    assert not model_admin.has_delete_permission(request, membership)
    assert model_admin.has_view_permission(request, membership)
