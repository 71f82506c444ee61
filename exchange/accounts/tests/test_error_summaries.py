"""Every form page of accounts, posted empty or wrong: each message of the error summary links to a box of the form
(exchange/core/tests/error_summaries.py), never to the summary itself."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from exchange.accounts.models import Membership
from exchange.core.tests.error_summaries import assert_error_summary_links_to_fields

from .factories import InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _posted(client, path, data):
    response = client.post(path, data)
    assert response.status_code == 400
    return assert_error_summary_links_to_fields(response.content.decode())


def test_signing_in_with_a_wrong_password_links_the_message_to_the_email_box(client):
    UserFactory(email="lead@example.nhs.uk")
    links = _posted(client, reverse("accounts:sign-in"), {"email": "lead@example.nhs.uk", "password": "wrong"})
    assert [target for _, target in links] == ["id_email"]


def test_signing_in_with_nothing_links_each_message_to_its_box(client):
    links = _posted(client, reverse("accounts:sign-in"), {"email": "", "password": ""})
    assert [target for _, target in links] == ["id_email", "id_password"]


@pytest.mark.parametrize("email", ["", "not an address"])
def test_asking_for_a_password_reset_with_no_address_links_to_the_address_box(client, email):
    links = _posted(client, reverse("accounts:password-reset"), {"email": email})
    assert [target for _, target in links] == ["id_email"]


def test_setting_a_new_password_that_does_not_match_links_to_a_password_box(client):
    user = UserFactory(email="lead@example.nhs.uk")
    link = reverse(
        "accounts:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    form_page = client.get(link, follow=True).redirect_chain[-1][0]
    links = _posted(client, form_page, {"new_password1": "a-long-new-passphrase", "new_password2": "another"})
    assert {target for _, target in links} <= {"id_new_password1", "id_new_password2"}


def test_accepting_an_invitation_with_nothing_links_to_the_name_and_password_boxes(client):
    InvitationFactory(token="secret-token")
    links = _posted(client, reverse("accounts:invitation-accept", kwargs={"token": "secret-token"}), {})
    assert [target for _, target in links] == ["id_full_name", "id_password"]


def test_inviting_and_changing_roles_without_a_role_link_to_the_first_role(client, admin_a, member_a, organisation_a):
    client.force_login(admin_a)
    invite = reverse("accounts:invitation-create", kwargs={"slug": organisation_a.slug})
    assert [target for _, target in _posted(client, invite, {"email": ""})] == ["id_email", "id_roles"]
    membership = Membership.objects.get(user=member_a)
    roles = reverse("accounts:member-roles-edit", kwargs={"slug": organisation_a.slug, "membership_id": membership.id})
    assert [target for _, target in _posted(client, roles, {})] == ["id_roles"]


def test_inviting_an_existing_member_links_the_refusal_to_a_box_of_the_form(client, admin_a, member_a, organisation_a):
    client.force_login(admin_a)
    invite = reverse("accounts:invitation-create", kwargs={"slug": organisation_a.slug})
    links = _posted(client, invite, {"email": member_a.email, "roles": ["buyer"]})
    assert [target for _, target in links] == ["id_email"]
