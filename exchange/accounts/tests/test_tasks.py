"""The e-mails with a secret link, made in the worker from an identifier (`accounts.tasks`): what a task run again
(a retry) or run late sends."""

import datetime
import re

import pytest
from django.core import mail

from exchange.accounts.models import Role
from exchange.accounts.services import invitation_send
from exchange.accounts.tasks import LINK_LOST, invitation_email, password_reset_email
from exchange.core import clock
from exchange.core.exceptions import ApplicationError

from .factories import InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-much-longer-new-passphrase"
LINK = re.compile(r"http://127\.0\.0\.1:8000(/\S+/)")


def links() -> list[str]:
    return [LINK.search(message.body).group(1) for message in mail.outbox]


def test_a_reset_task_run_twice_sends_two_links_and_using_one_spends_both(client):
    user = UserFactory(email="lead@example.nhs.uk")
    assert password_reset_email.call(user_id=user.pk) == 1
    assert password_reset_email.call(user_id=user.pk) == 1
    first, second = links()
    form = client.get(first, follow=True)
    assert "Set a new password" in form.content.decode()
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert "This link has expired" in client.get(second, follow=True).content.decode()


def test_a_reset_task_for_an_account_closed_since_the_request_sends_nothing():
    user = UserFactory(email="lead@example.nhs.uk")
    user.is_active = False
    user.save()
    assert password_reset_email.call(user_id=user.pk) == 0
    assert password_reset_email.call(user_id=user.pk + 1000) == 0
    assert mail.outbox == []


def test_an_invitation_task_run_again_sends_the_same_link_and_nothing_once_accepted(client, organisation_a, admin_a):
    invitation = invitation_send(
        actor=admin_a, organisation=organisation_a, email="new@example.nhs.uk", roles=[Role.BUYER]
    )
    assert invitation_email.call(invitation_id=invitation.pk) == 1
    assert invitation_email.call(invitation_id=invitation.pk) == 1
    first, second = links()
    assert first == second
    assert f"{admin_a.full_name} has invited you to join NHS Alpha" in mail.outbox[0].body
    response = client.post(first, {"full_name": "Nia New", "password": "a-long-enough-passphrase"})
    assert response.status_code == 302
    assert invitation_email.call(invitation_id=invitation.pk) == 0
    assert len(mail.outbox) == 2


def test_an_invitation_task_run_after_the_invitation_expired_sends_nothing(time_machine, organisation_a, admin_a):
    invitation = invitation_send(
        actor=admin_a, organisation=organisation_a, email="new@example.nhs.uk", roles=[Role.BUYER]
    )
    time_machine.move_to(clock.now() + datetime.timedelta(days=15))
    assert invitation_email.call(invitation_id=invitation.pk) == 0
    assert mail.outbox == []


def test_an_invitation_is_sent_again_after_a_key_rotation_only_while_the_old_key_is_a_fallback(
    settings, organisation_a, admin_a
):
    invitation = invitation_send(
        actor=admin_a, organisation=organisation_a, email="new@example.nhs.uk", roles=[Role.BUYER]
    )
    invitation_email.call(invitation_id=invitation.pk)
    settings.SECRET_KEY_FALLBACKS, settings.SECRET_KEY = [settings.SECRET_KEY], "a-new-secret-key"
    invitation_email.call(invitation_id=invitation.pk)
    assert len(set(links())) == 1
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(ApplicationError, match=re.escape(LINK_LOST)):
        invitation_email.call(invitation_id=invitation.pk)


def test_an_invitation_made_before_tokens_were_derived_cannot_be_sent_again_but_its_link_still_opens(client):
    invitation = InvitationFactory(token="an-old-random-token")
    assert invitation.token_salt == ""
    with pytest.raises(ApplicationError, match=re.escape(LINK_LOST)):
        invitation_email.call(invitation_id=invitation.pk)
    assert client.get("/accounts/invitations/an-old-random-token/").status_code == 200
