"""Rate limits of the accounts: password reset (per email address and per client address), failed sign-ins per client
address (which a success does not reset), invitations (per inviter and per organisation). Past a limit: 429 with
Retry-After and a clear message, nothing sent; other people and places unaffected; allowed again after the window."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from exchange.accounts.models import Invitation, Role
from exchange.accounts.services.authentication import (
    RESET_TOO_MANY_FOR_EMAIL,
    RESET_TOO_MANY_FROM_ADDRESS,
    SIGN_IN_TOO_MANY,
)
from exchange.accounts.services.invitations import TOO_MANY_BY_YOU, TOO_MANY_FOR_ORGANISATION
from exchange.audit.actions import AuditAction
from exchange.audit.models import AuditEvent
from exchange.core import clock

from .factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
RESET = reverse("accounts:password-reset")
SIGN_IN = reverse("accounts:sign-in")


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Post, with the e-mails the request queues on commit sent at once."""

    def post(client, url, data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **extra)

    return post


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(clock.now(), tick=False)
    return time_machine


def _without_nonces(html: str) -> str:
    return re.sub(r'nonce="[^"]*"', "", html)


def test_a_fourth_reset_for_one_address_in_the_hour_is_refused_and_sends_nothing(sent):
    UserFactory(email="lead@example.nhs.uk")
    client = Client()
    for _ in range(3):
        assert sent(client, RESET, {"email": "lead@example.nhs.uk"}).status_code == 302
    refused = sent(client, RESET, {"email": "Lead@example.nhs.uk"})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 3500
    assert RESET_TOO_MANY_FOR_EMAIL in refused.content.decode()
    assert len(mail.outbox) == 3
    assert sent(client, RESET, {"email": "other@example.nhs.uk"}).status_code == 302


def test_known_and_unknown_addresses_are_answered_alike_under_and_over_the_limit(sent):
    UserFactory(email="lead@example.nhs.uk")
    answers = {}
    for email in ("lead@example.nhs.uk", "nobody@example.nhs.uk"):
        client = Client()
        answers[email] = [sent(client, RESET, {"email": email}) for _ in range(4)]
    known, unknown = answers["lead@example.nhs.uk"], answers["nobody@example.nhs.uk"]
    assert [r.status_code for r in known] == [r.status_code for r in unknown] == [302, 302, 302, 429]
    assert [r.get("Location") for r in known] == [r.get("Location") for r in unknown]
    assert _without_nonces(known[3].content.decode()) == _without_nonces(unknown[3].content.decode())
    assert len(mail.outbox) == 3


def test_resets_from_one_client_address_are_limited_across_email_addresses(sent):
    client = Client(REMOTE_ADDR="198.51.100.7")
    for number in range(10):
        assert sent(client, RESET, {"email": f"person{number}@example.nhs.uk"}).status_code == 302
    refused = sent(client, RESET, {"email": "person10@example.nhs.uk"})
    assert refused.status_code == 429 and RESET_TOO_MANY_FROM_ADDRESS in refused.content.decode()
    assert sent(Client(REMOTE_ADDR="198.51.100.8"), RESET, {"email": "person10@example.nhs.uk"}).status_code == 302


def test_resets_are_allowed_again_an_hour_after_the_first(sent, frozen):
    UserFactory(email="lead@example.nhs.uk")
    client = Client()
    for _ in range(4):
        sent(client, RESET, {"email": "lead@example.nhs.uk"})
    frozen.move_to(clock.now() + datetime.timedelta(hours=1))
    assert sent(client, RESET, {"email": "lead@example.nhs.uk"}).status_code == 302
    assert len(mail.outbox) == 4


def _sign_in(client, email, password):
    return client.post(SIGN_IN, {"email": email, "password": password}, REMOTE_ADDR="198.51.100.7")


def test_failed_sign_ins_from_one_address_are_limited_across_accounts_and_a_success_forgives_none(frozen):
    """An attacker with one good account signs in with it after every four guesses at other accounts; the limit of
    failures per address does not forgive them and stops the guessing at twenty."""
    UserFactory(email="mine@example.nhs.uk")
    UserFactory(email="victim@example.nhs.uk")
    for round_ in range(5):
        if round_:
            assert _sign_in(Client(), "mine@example.nhs.uk", PASSWORD).status_code == 302
        for guess in range(4):
            assert _sign_in(Client(), f"person{round_}.{guess}@example.nhs.uk", "guess").status_code == 400
    refused = _sign_in(Client(), "victim@example.nhs.uk", PASSWORD)
    assert refused.status_code == 429 and SIGN_IN_TOO_MANY in refused.content.decode()
    assert 0 < int(refused["Retry-After"]) <= 600
    other_address = Client().post(SIGN_IN, {"email": "victim@example.nhs.uk", "password": PASSWORD})
    assert other_address.status_code == 302
    frozen.move_to(clock.now() + datetime.timedelta(minutes=10))
    assert _sign_in(Client(), "victim@example.nhs.uk", PASSWORD).status_code == 302


def test_failed_sign_ins_and_resets_from_one_ipv6_slash_64_are_counted_together(sent, settings):
    """Every address of a /64 is one client's to choose: counted per address, each would start a fresh allowance."""
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]

    def post(url, data, number, network="2001:db8:1:2"):
        return sent(Client(), url, data, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=f"{network}::{number:x}")

    for number in range(1, 21):
        assert post(SIGN_IN, {"email": f"person{number}@example.nhs.uk", "password": "x"}, number).status_code == 400
    refused = post(SIGN_IN, {"email": "person21@example.nhs.uk", "password": "x"}, 21)
    assert refused.status_code == 429 and SIGN_IN_TOO_MANY in refused.content.decode()
    assert post(SIGN_IN, {"email": "person21@example.nhs.uk", "password": "x"}, 21, "2001:db8:1:3").status_code == 400
    for number in range(1, 11):
        assert post(RESET, {"email": f"person{number}@example.nhs.uk"}, 100 + number).status_code == 302
    refused = post(RESET, {"email": "person11@example.nhs.uk"}, 111)
    assert refused.status_code == 429 and RESET_TOO_MANY_FROM_ADDRESS in refused.content.decode()
    failures = AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED)
    assert "2001:db8:1:2::14" in set(failures.values_list("ip_address", flat=True))  # the log keeps the address


@pytest.fixture
def small_invitation_limits(settings):
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "invitation.inviter": (2, 3600),
        "invitation.organisation": (3, 3600),
    }


def test_an_inviter_past_the_limit_is_refused_and_nothing_is_sent(
    sent, small_invitation_limits, organisation_a, admin_a, frozen
):
    colleague = MembershipFactory(organisation=organisation_a, roles=[Role.ORGANISATION_ADMIN]).user
    client = Client()
    client.force_login(admin_a)
    assert [sent(client, _invite_url(organisation_a), _invitee(n)).status_code for n in range(3)] == [302, 302, 429]
    refused = sent(client, _invite_url(organisation_a), _invitee(3))
    assert refused.status_code == 429 and TOO_MANY_BY_YOU in refused.content.decode()
    assert len(mail.outbox) == 2 and Invitation.objects.count() == 2
    other = Client()
    other.force_login(colleague)
    assert sent(other, _invite_url(organisation_a), _invitee(4)).status_code == 302
    frozen.move_to(clock.now() + datetime.timedelta(hours=1))
    assert sent(client, _invite_url(organisation_a), _invitee(5)).status_code == 302


def test_an_organisation_past_the_limit_is_refused_whoever_sends(
    sent, small_invitation_limits, organisation_a, admin_a, admin_b, organisation_b
):
    colleague = MembershipFactory(organisation=organisation_a, roles=[Role.ORGANISATION_ADMIN]).user
    first, second, elsewhere = Client(), Client(), Client()
    first.force_login(admin_a)
    second.force_login(colleague)
    elsewhere.force_login(admin_b)
    senders = [first, first, second]
    assert [sent(c, _invite_url(organisation_a), _invitee(n)).status_code for n, c in enumerate(senders)] == [302] * 3
    refused = sent(second, _invite_url(organisation_a), _invitee(3))
    assert refused.status_code == 429 and TOO_MANY_FOR_ORGANISATION in refused.content.decode()
    assert Invitation.objects.filter(organisation=organisation_a).count() == 3
    assert sent(elsewhere, _invite_url(organisation_b), _invitee(4)).status_code == 302


def test_an_invitation_refused_for_another_reason_uses_up_nothing(
    sent, small_invitation_limits, organisation_a, admin_a
):
    client = Client()
    client.force_login(admin_a)
    for _ in range(3):
        assert (
            sent(client, _invite_url(organisation_a), {"email": admin_a.email, "roles": [Role.BUYER]}).status_code
            == 400
        )
    assert sent(client, _invite_url(organisation_a), _invitee(0)).status_code == 302


def _invite_url(organisation):
    return reverse("accounts:invitation-create", kwargs={"slug": organisation.slug})


def _invitee(number):
    return {"email": f"invitee{number}@example.nhs.uk", "roles": [Role.BUYER]}
