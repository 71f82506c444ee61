"""Lock-out per account (django-axes) and a limit of failures per real client address (sign-in.address, counting the
address of exchange.core.client_ip) behind a trusted proxy, on the service's own settings and any database;
tests/test_behind_a_proxy.py shows the same with production's settings through gunicorn on PostgreSQL. A password
reset lifts an account's lock; nothing but time lifts an address's, and its page says so."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from exchange.accounts.services.authentication import SIGN_IN_TOO_MANY
from exchange.audit.actions import AuditAction
from exchange.audit.models import AuditEvent

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
SIGN_IN = reverse("accounts:sign-in")
PROXY = "10.0.0.5"
NEW_PASSWORD = "a-much-longer-new-passphrase"


@pytest.fixture(autouse=True)
def behind_a_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]


@pytest.fixture
def buyer():
    return UserFactory(email="buyer@demo.example")


def sign_in(email: str, password: str, forwarded_for: str, remote_addr: str = PROXY):
    """One attempt from a client of its own (no cookie shared), through the proxy unless `remote_addr` says not."""
    return Client().post(
        SIGN_IN, {"email": email, "password": password}, REMOTE_ADDR=remote_addr, HTTP_X_FORWARDED_FOR=forwarded_for
    )


def test_failures_from_five_addresses_behind_the_proxy_do_not_lock_out_the_next_person(buyer):
    for number in range(5):
        assert sign_in(f"guess{number}@demo.example", "wrong password", f"203.0.113.{number}").status_code == 400
    assert sign_in("buyer@demo.example", PASSWORD, "198.51.100.20").status_code == 302


def test_five_failures_for_one_account_from_five_addresses_lock_that_account_only(buyer):
    UserFactory(email="commissioner@demo.example")
    for number in range(5):
        sign_in("buyer@demo.example", "wrong password", f"203.0.113.{number}")
    refused = sign_in("buyer@demo.example", PASSWORD, "198.51.100.20")
    assert refused.status_code == 429 and "Too many attempts" in refused.content.decode()
    assert 3500 < int(refused["Retry-After"]) <= 3600
    for number in range(5):
        assert sign_in("commissioner@demo.example", PASSWORD, f"203.0.113.{number}").status_code == 302


def test_a_colleagues_failures_from_a_shared_address_do_not_lock_out_the_organisation(buyer):
    """One NHS organisation's staff behind one address: five typos of one colleague's (or five guesses at addresses
    with no account) lock no account and not the address."""
    for number in range(5):
        assert sign_in(f"nobody{number}@demo.example", "wrong password", "203.0.113.9").status_code == 400
    assert sign_in("buyer@demo.example", PASSWORD, "203.0.113.9").status_code == 302


def test_too_many_failures_from_one_address_say_so_and_that_a_reset_does_not_help(buyer, settings):
    limit, _ = settings.RATE_LIMITS["sign-in.address"]
    for number in range(limit):
        assert sign_in(f"nobody{number}@demo.example", "wrong password", "203.0.113.9").status_code == 400
    refused = sign_in("buyer@demo.example", PASSWORD, "203.0.113.9")
    html = refused.content.decode()
    assert refused.status_code == 429 and SIGN_IN_TOO_MANY in html and "Try again in 10 minutes" in html
    assert reverse("accounts:password-reset") not in html
    assert sign_in("buyer@demo.example", PASSWORD, "203.0.113.10").status_code == 302


def test_a_locked_account_is_told_that_a_password_reset_lets_them_sign_in_at_once(buyer):
    for number in range(5):
        sign_in("buyer@demo.example", "wrong password", f"203.0.113.{number}")
    html = sign_in("buyer@demo.example", PASSWORD, "198.51.100.20").content.decode()
    assert "setting a new password lets you sign in again at once" in html
    assert reverse("accounts:password-reset") in html


def test_a_forged_forwarded_for_from_a_client_that_is_not_the_proxy_is_ignored(buyer, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign-in.address": (5, 600)}
    for number in range(5):
        sign_in(f"guess{number}@demo.example", "wrong password", f"203.0.113.{number}", remote_addr="198.51.100.7")
    assert sign_in("buyer@demo.example", PASSWORD, "203.0.113.77", remote_addr="198.51.100.7").status_code == 429
    failures = AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED)
    assert set(failures.values_list("ip_address", flat=True)) == {"198.51.100.7"}


def test_the_audit_log_records_the_real_client_address_behind_the_proxy(buyer):
    sign_in("buyer@demo.example", "wrong password", "192.0.2.1, 203.0.113.9")
    sign_in("buyer@demo.example", PASSWORD, "203.0.113.10")
    assert AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED).ip_address == "203.0.113.9"
    assert AuditEvent.objects.get(action=AuditAction.SIGN_IN).ip_address == "203.0.113.10"


def test_a_password_reset_lifts_the_lock_on_the_account(buyer, django_capture_on_commit_callbacks):
    for number in range(5):
        sign_in("buyer@demo.example", "wrong password", f"203.0.113.{number}")
    assert sign_in("buyer@demo.example", PASSWORD, "198.51.100.20").status_code == 429

    browser = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20")
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(reverse("accounts:password-reset"), {"email": "buyer@demo.example"})
    link = re.search(r"https?://[^/\s]+(/accounts/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = browser.get(link, follow=True)
    new = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert browser.post(form_page.redirect_chain[-1][0], new).status_code == 302

    assert sign_in("buyer@demo.example", NEW_PASSWORD, "198.51.100.20").status_code == 302
    event = AuditEvent.objects.get(action=AuditAction.PASSWORD_RESET_DONE)
    assert event.ip_address == "198.51.100.20"


def test_a_password_reset_of_another_account_lifts_no_lock(buyer, django_capture_on_commit_callbacks):
    UserFactory(email="commissioner@demo.example")
    for number in range(5):
        sign_in("buyer@demo.example", "wrong password", f"203.0.113.{number}")
    browser = Client()
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(reverse("accounts:password-reset"), {"email": "commissioner@demo.example"})
    link = re.search(r"https?://[^/\s]+(/accounts/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = browser.get(link, follow=True)
    browser.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert sign_in("buyer@demo.example", PASSWORD, "198.51.100.20").status_code == 429


def test_an_attackers_own_good_sign_in_does_not_clear_the_failures_at_anothers_account(buyer):
    """Four guesses at the victim, then the attacker's own account signed in, from one address: the success forgives
    only the attacker's own failures, so the next guess at the victim is the fifth and locks the account."""
    UserFactory(email="attacker@demo.example")
    for guess in range(4):
        assert sign_in("buyer@demo.example", f"guess {guess}", "203.0.113.50").status_code == 400
    assert sign_in("attacker@demo.example", PASSWORD, "203.0.113.50").status_code == 302
    assert sign_in("buyer@demo.example", "guess 4", "203.0.113.50").status_code == 429
    assert sign_in("buyer@demo.example", PASSWORD, "198.51.100.1").status_code == 429
