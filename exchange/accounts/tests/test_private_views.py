"""Every private view refuses people from another organisation with a 404, and anonymous people with sign-in."""

import pytest
from django.urls import reverse

from exchange.accounts.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_urls(organisation_b, admin_b, member_b):
    membership = Membership.objects.get(user=member_b)
    slug = organisation_b.slug
    return {
        "member-list": ("get", reverse("accounts:member-list", kwargs={"slug": slug})),
        "invitation-create": ("get", reverse("accounts:invitation-create", kwargs={"slug": slug})),
        "invitation-create-post": ("post", reverse("accounts:invitation-create", kwargs={"slug": slug})),
        "member-roles-edit": (
            "get",
            reverse("accounts:member-roles-edit", kwargs={"slug": slug, "membership_id": membership.id}),
        ),
        "member-roles-edit-post": (
            "post",
            reverse("accounts:member-roles-edit", kwargs={"slug": slug, "membership_id": membership.id}),
        ),
        "member-remove": (
            "post",
            reverse("accounts:member-remove", kwargs={"slug": slug, "membership_id": membership.id}),
        ),
    }


VIEWS = [
    "member-list",
    "invitation-create",
    "invitation-create-post",
    "member-roles-edit",
    "member-roles-edit-post",
    "member-remove",
]


@pytest.mark.parametrize("view", VIEWS)
def test_an_admin_of_another_organisation_gets_404(client, admin_a, private_urls, view):
    method, url = private_urls[view]
    client.force_login(admin_a)
    response = getattr(client, method)(url, {"email": "x@example.nhs.uk", "roles": ["buyer"]})
    assert response.status_code == 404


@pytest.mark.parametrize("view", VIEWS)
def test_anonymous_people_are_sent_to_sign_in(client, private_urls, view):
    method, url = private_urls[view]
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("view", ["invitation-create", "member-roles-edit", "member-roles-edit-post", "member-remove"])
def test_a_member_who_is_not_an_admin_cannot_manage(client, member_b, private_urls, view):
    method, url = private_urls[view]
    client.force_login(member_b)
    assert getattr(client, method)(url, {"roles": ["organisation_admin"]}).status_code == 404
    assert Membership.objects.get(user=member_b).role_codes == ["buyer"]


def test_a_membership_of_another_organisation_cannot_be_reached_through_ones_own(
    client, organisation_a, admin_a, member_b
):
    foreign = Membership.objects.get(user=member_b)
    url = reverse("accounts:member-roles-edit", kwargs={"slug": organisation_a.slug, "membership_id": foreign.id})
    client.force_login(admin_a)
    assert client.get(url).status_code == 404
    assert client.post(url, {"roles": ["analyst"]}).status_code == 404
    assert foreign.role_codes == ["buyer"]


def test_the_organisation_page_links_members_only_for_members(client, organisation_b, member_a, member_b):
    url = reverse("organisations:organisation-detail", kwargs={"slug": organisation_b.slug})
    client.force_login(member_a)
    assert "See and manage the members" not in client.get(url).content.decode()
    client.force_login(member_b)
    assert "See and manage the members" in client.get(url).content.decode()


def test_platform_staff_can_see_any_organisations_members(client, organisation_b, member_b):
    from .factories import UserFactory

    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("accounts:member-list", kwargs={"slug": organisation_b.slug})).status_code == 200


def test_the_audit_log_is_staff_only(client, admin_a):
    client.force_login(admin_a)
    assert client.get(reverse("audit:event-list")).status_code == 404
