import re

import pytest
from django.core import mail
from django.urls import reverse

from exchange.accounts.models import Membership, Role, User
from exchange.audit.actions import AuditAction
from exchange.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def roles_url(organisation, membership):
    return reverse("accounts:member-roles-edit", kwargs={"slug": organisation.slug, "membership_id": membership.id})


def test_members_see_their_colleagues(client, organisation_a, admin_a, member_a):
    client.force_login(member_a)
    response = client.get(reverse("accounts:member-list", kwargs={"slug": organisation_a.slug}))
    html = response.content.decode()
    assert admin_a.email in html
    assert member_a.email in html
    assert "Change roles" not in html


def test_an_admin_changes_roles_and_the_change_is_audited(client, organisation_a, admin_a, member_a):
    membership = Membership.objects.get(user=member_a)
    client.force_login(admin_a)
    response = client.post(roles_url(organisation_a, membership), {"roles": [Role.FINANCE_LEAD, Role.EVALUATOR]})
    assert response.status_code == 302
    assert membership.role_codes == [Role.EVALUATOR, Role.FINANCE_LEAD]
    event = AuditEvent.objects.get(action=AuditAction.MEMBERSHIP_ROLES_CHANGED)
    assert event.actor == admin_a
    assert event.organisation == organisation_a
    assert event.details == {"user": member_a.email, "before": ["finance_lead"], "after": ["evaluator", "finance_lead"]}


def test_choosing_no_role_shows_an_error_and_keeps_the_roles(client, organisation_a, admin_a, member_a):
    membership = Membership.objects.get(user=member_a)
    client.force_login(admin_a)
    response = client.post(roles_url(organisation_a, membership), {})
    assert response.status_code == 400
    assert "Select at least one role" in response.content.decode()
    assert membership.role_codes == [Role.FINANCE_LEAD]


def test_an_admin_invites_a_colleague_who_accepts(
    client, organisation_a, admin_a, transactional_db
):  # e-mail is queued on commit
    client.force_login(admin_a)
    response = client.post(
        reverse("accounts:invitation-create", kwargs={"slug": organisation_a.slug}),
        {"email": "New.Colleague@example.nhs.uk", "roles": [Role.BUYER, Role.EVALUATOR]},
    )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["new.colleague@example.nhs.uk"]
    path = re.search(r"http://127.0.0.1:8000(/accounts/invitations/\S+/)", mail.outbox[0].body).group(1)
    client.logout()

    response = client.post(path, {"full_name": "Nia Colleague", "password": "a-long-enough-passphrase"})
    assert response.status_code == 302
    user = User.objects.get(email="new.colleague@example.nhs.uk")
    assert Membership.objects.get(user=user, organisation=organisation_a).role_codes == [Role.BUYER, Role.EVALUATOR]
    assert AuditEvent.objects.filter(action=AuditAction.INVITATION_SENT, actor=admin_a).exists()
    assert AuditEvent.objects.filter(action=AuditAction.INVITATION_ACCEPTED, actor=user).exists()
    assert client.get(path).status_code == 404


def test_an_invitation_token_is_stored_only_as_a_hash(
    client, organisation_a, admin_a, transactional_db
):  # e-mail is queued on commit
    client.force_login(admin_a)
    client.post(
        reverse("accounts:invitation-create", kwargs={"slug": organisation_a.slug}),
        {"email": "someone@example.nhs.uk", "roles": [Role.ANALYST]},
    )
    token = re.search(r"/accounts/invitations/(\S+)/", mail.outbox[0].body).group(1)
    assert len(token) >= 43  # 32 random bytes, base64
    assert not AuditEvent.objects.filter(details__icontains=token).exists()
    from exchange.accounts.models import Invitation

    assert Invitation.objects.get().token_hash != token


def test_inviting_an_existing_member_is_refused(client, organisation_a, admin_a, member_a):
    client.force_login(admin_a)
    response = client.post(
        reverse("accounts:invitation-create", kwargs={"slug": organisation_a.slug}),
        {"email": member_a.email, "roles": [Role.BUYER]},
    )
    assert response.status_code == 400
    assert "already a member" in response.content.decode()
    assert mail.outbox == []
