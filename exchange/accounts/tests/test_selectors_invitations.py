import datetime

import pytest

from exchange.accounts.selectors import invitation_open_get, invitation_pending_list, invitations_open
from exchange.core import clock

from .factories import InvitationFactory

pytestmark = pytest.mark.django_db


def test_an_admin_sees_the_pending_invitations_newest_first_without_accepted_ones(organisation_a, admin_a):
    older = InvitationFactory(organisation=organisation_a)
    newer = InvitationFactory(organisation=organisation_a)
    InvitationFactory(organisation=organisation_a, accepted_at=clock.now(), accepted_by=admin_a)
    InvitationFactory()
    assert list(invitation_pending_list(user=admin_a, organisation=organisation_a)) == [newer, older]


def test_a_member_who_is_not_an_admin_sees_no_invitations(organisation_a, member_a):
    InvitationFactory(organisation=organisation_a)
    assert list(invitation_pending_list(user=member_a, organisation=organisation_a)) == []


def test_an_admin_of_another_organisation_sees_none_of_its_invitations(organisation_b, admin_a):
    InvitationFactory(organisation=organisation_b)
    assert list(invitation_pending_list(user=admin_a, organisation=organisation_b)) == []


def test_the_link_s_token_opens_its_invitation():
    invitation = InvitationFactory(token="the-token")
    InvitationFactory()
    assert invitation_open_get(token="the-token") == invitation


def test_a_wrong_token_opens_nothing():
    InvitationFactory(token="the-token")
    assert invitation_open_get(token="the-token-guessed") is None


def test_an_expired_invitation_opens_for_nobody():
    InvitationFactory(token="the-token", expires_at=clock.now() - datetime.timedelta(seconds=1))
    assert invitation_open_get(token="the-token") is None


def test_an_accepted_invitation_opens_no_more(member_a):
    InvitationFactory(token="the-token", accepted_at=clock.now(), accepted_by=member_a)
    assert not invitations_open(token="the-token").exists()
