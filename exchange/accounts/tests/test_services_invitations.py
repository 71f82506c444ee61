import datetime
import re

import pytest
from django.core import mail
from django.test import TestCase

from exchange.accounts.models import Invitation, Membership, Role, User
from exchange.accounts.services import invitation_accept, invitation_send
from exchange.accounts.services.invitations import ALREADY_MEMBER, INVITATION_INVALID, NO_ROLES, WRONG_ACCOUNT
from exchange.core import clock
from exchange.core.exceptions import ApplicationError
from exchange.core.tokens import token_hash

from .factories import InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSPHRASE = "a-long-enough-passphrase"


def send(actor, organisation, email="new@example.nhs.uk", roles=(Role.BUYER,)):
    """Send an invitation, run its e-mail task on commit, and return it with the token its e-mailed link carries."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        invitation = invitation_send(actor=actor, organisation=organisation, email=email, roles=roles)
    return invitation, re.search(r"/accounts/invitations/([^/\s]+)/", mail.outbox[-1].body).group(1)


def test_an_invitation_keeps_only_the_hash_of_the_token_its_link_carries(organisation_a, admin_a):
    invitation, token = send(admin_a, organisation_a)
    assert invitation.token_hash == token_hash(token)
    assert token not in invitation.token_hash


def test_the_invitation_email_is_sent_once_the_invitation_is_saved(
    organisation_a, admin_a, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitation_send(actor=admin_a, organisation=organisation_a, email="New@Example.nhs.uk", roles=[Role.BUYER])
    assert mailoutbox == []  # not before the commit
    for callback in callbacks:
        callback()
    assert [message.to for message in mailoutbox] == [["new@example.nhs.uk"]]


def test_an_invitation_without_roles_is_refused(organisation_a, admin_a):
    with pytest.raises(ApplicationError, match=NO_ROLES):
        send(admin_a, organisation_a, roles=[])
    assert not Invitation.objects.exists()


def test_inviting_a_member_again_in_another_case_is_refused(organisation_a, admin_a, member_a):
    with pytest.raises(ApplicationError, match=ALREADY_MEMBER):
        send(admin_a, organisation_a, email=member_a.email.upper())


def test_accepting_makes_an_account_for_the_invited_address_with_the_roles():
    invitation = InvitationFactory(token="the-token", email="new@example.nhs.uk", roles=[Role.BUYER])
    membership = invitation_accept(token="the-token", full_name="Nia New", password=PASSPHRASE)
    assert membership.user == User.objects.get(email="new@example.nhs.uk")
    assert (membership.organisation, membership.role_codes) == (invitation.organisation, [Role.BUYER])


def test_an_invitation_is_accepted_only_once():
    InvitationFactory(token="the-token")
    invitation_accept(token="the-token", full_name="Nia New", password=PASSPHRASE)
    with pytest.raises(ApplicationError, match=INVITATION_INVALID):
        invitation_accept(token="the-token", full_name="Someone Else", password=PASSPHRASE)


def test_an_expired_invitation_cannot_be_accepted():
    InvitationFactory(token="the-token", expires_at=clock.now() - datetime.timedelta(minutes=1))
    with pytest.raises(ApplicationError, match=INVITATION_INVALID):
        invitation_accept(token="the-token", full_name="Nia New", password=PASSPHRASE)
    assert not Membership.objects.exists()


def test_a_person_signed_in_with_another_address_cannot_accept():
    invitation = InvitationFactory(token="the-token", email="invited@example.nhs.uk")
    with pytest.raises(ApplicationError, match=WRONG_ACCOUNT):
        invitation_accept(token="the-token", user=UserFactory(email="other@example.nhs.uk"))
    assert not Membership.objects.filter(organisation=invitation.organisation).exists()
