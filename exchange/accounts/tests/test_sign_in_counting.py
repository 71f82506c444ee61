"""Attempts at one account and from one address are counted before the password is checked, by one upsert each:
concurrent guesses cannot all pass a check made before any of them is counted (PostgreSQL, threads). A success gives
its attempts back, so signing in uses up nothing."""

import threading

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.test import Client
from django.urls import reverse

from exchange.accounts.services.authentication import SIGN_IN_ACCOUNT_LOCKED
from exchange.audit.actions import AuditAction
from exchange.audit.models import AuditEvent
from exchange.core.models import RateCount

from .factories import PASSWORD, UserFactory

SIGN_IN = reverse("accounts:sign-in")
PROXY = "10.0.0.5"


def sign_in(email: str, password: str, forwarded_for: str):
    return Client().post(
        SIGN_IN, {"email": email, "password": password}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for
    )


@pytest.fixture(autouse=True)
def behind_a_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent connections: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_sixteen_concurrent_guesses_at_one_account_have_at_most_five_passwords_checked(settings):
    """The reviewer's race: sixteen guesses released together, each from an address of its own, with a hasher slow
    enough (PBKDF2, 200,000 iterations) that all of them would pass a check made before any is counted."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    victim = UserFactory(email="victim@demo.example")
    victim.password = PBKDF2PasswordHasher().encode(PASSWORD, "salt1234salt", iterations=200_000)
    victim.save(update_fields=["password"])
    barrier = threading.Barrier(16)
    codes: list[int] = []

    def guess(number: int) -> None:
        try:
            barrier.wait()
            codes.append(sign_in("victim@demo.example", f"guess {number}", f"203.0.113.{number}").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=guess, args=(number,)) for number in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(codes) == 16 and codes.count(400) <= 4 and codes.count(429) >= 12
    checked = AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED, actor_label="victim@demo.example")
    assert checked.count() == 5
    assert sign_in("victim@demo.example", PASSWORD, "198.51.100.1").status_code == 429


@pytest.mark.django_db
def test_successes_use_up_nothing_of_the_account_or_the_address_allowance():
    UserFactory(email="lead@example.nhs.uk")
    for _ in range(12):
        assert sign_in("lead@example.nhs.uk", PASSWORD, "203.0.113.9").status_code == 302
    assert set(RateCount.objects.values_list("count", flat=True)) == {0}
    codes = [sign_in("lead@example.nhs.uk", "wrong", "203.0.113.9").status_code for _ in range(6)]
    assert codes == [400, 400, 400, 400, 429, 429]


@pytest.mark.django_db
def test_an_attempt_past_the_accounts_limit_is_answered_with_the_lock_page_and_uses_up_no_address_allowance():
    UserFactory(email="lead@example.nhs.uk")
    for number in range(5):
        sign_in("lead@example.nhs.uk", "wrong", f"203.0.113.{number}")
    for _ in range(30):  # the owner, retrying behind their organisation's shared address
        refused = sign_in("lead@example.nhs.uk", PASSWORD, "198.51.100.7")
        assert refused.status_code == 429
    html = refused.content.decode()
    assert "setting a new password lets you sign in again at once" in html and SIGN_IN_ACCOUNT_LOCKED not in html
    assert 3500 < int(refused["Retry-After"]) <= 3600
    assert AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT, actor_label="lead@example.nhs.uk").exists()
    UserFactory(email="colleague@example.nhs.uk")
    assert sign_in("colleague@example.nhs.uk", PASSWORD, "198.51.100.7").status_code == 302
    for number in range(20):  # the colleagues' whole allowance of failures is still there
        assert sign_in(f"nobody{number}@example.nhs.uk", "x", "198.51.100.7").status_code == 400
