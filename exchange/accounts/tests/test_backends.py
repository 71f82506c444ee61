"""Platform staff's permissions (`backends.PlatformStaffBackend`): held by active staff exactly, by nobody else, and
naming only permissions that exist."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser, Permission

from exchange.accounts.backends import STAFF_PERMISSIONS, PlatformStaffBackend

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def _granted() -> set[str]:
    return {
        f"{label.split('.')[0]}.{action}_{label.split('.')[1]}"
        for label, actions in STAFF_PERMISSIONS.items()
        for action in actions
    }


def test_staff_hold_exactly_the_table_and_the_admin_lets_them_in():
    staff = UserFactory(is_staff=True)
    assert staff.get_all_permissions() == _granted()
    assert staff.has_perm("marketplace.view_offering")
    assert staff.has_module_perms("surveys")


def test_staff_may_not_change_accounts_bids_or_the_audit_log():
    staff = UserFactory(is_staff=True)
    refused = ["accounts.change_user", "accounts.add_user", "marketplace.change_bid", "audit.change_auditevent"]
    assert [perm for perm in refused if staff.has_perm(perm)] == []
    assert not staff.has_module_perms("auth")  # groups and permissions stay with superusers


@pytest.mark.parametrize("who", ["member", "deactivated staff", "anonymous"])
def test_nobody_else_holds_any_of_them(who):
    person = {
        "member": lambda: UserFactory(),
        "deactivated staff": lambda: UserFactory(is_staff=True, is_active=False),
        "anonymous": AnonymousUser,
    }[who]()
    assert [perm for perm in _granted() if person.has_perm(perm)] == []
    assert not person.has_module_perms("marketplace")


def test_taking_the_flag_away_takes_the_permissions_with_it():
    staff = UserFactory(is_staff=True)
    staff.is_staff = False
    staff.save(update_fields=["is_staff"])
    assert not type(staff).objects.get(pk=staff.pk).has_perm("marketplace.view_offering")


def test_the_backend_grants_nothing_on_one_object_and_signs_nobody_in():
    backend = PlatformStaffBackend()
    staff = UserFactory(is_staff=True)
    assert backend.get_all_permissions(staff, obj=staff) == set()
    assert backend.authenticate(None, username=staff.email, password="correct-horse-battery-staple") is None


def test_every_permission_in_the_table_exists():
    existing = {
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.values_list("content_type__app_label", "codename")
    }
    assert _granted() - existing == set()


def test_every_model_of_the_exchange_in_the_admin_is_in_the_table():
    registered = {model._meta.label_lower for model in admin.site._registry if model.__module__.startswith("exchange.")}
    assert registered - set(STAFF_PERMISSIONS) == set()
