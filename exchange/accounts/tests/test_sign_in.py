import pytest
from django.urls import reverse

from exchange.audit.actions import AuditAction
from exchange.audit.models import AuditEvent

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
SIGN_IN = reverse("accounts:sign-in")


def sign_in(client, email, password, **extra):
    return client.post(SIGN_IN, {"email": email, "password": password, **extra})


def test_signing_in_starts_a_session_and_is_audited(client):
    user = UserFactory(email="lead@example.nhs.uk")
    response = sign_in(client, "Lead@Example.nhs.uk", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    event = AuditEvent.objects.get(action=AuditAction.SIGN_IN)
    assert event.actor == user


def test_a_wrong_password_shows_the_error_summary_and_is_audited(client):
    UserFactory(email="lead@example.nhs.uk")
    response = sign_in(client, "lead@example.nhs.uk", "wrong password")
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "Enter a correct email address and password" in html
    event = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert event.actor is None
    assert event.actor_label == "lead@example.nhs.uk"
    assert event.details == {"account_exists": True}


def test_missing_fields_are_named_in_the_error_summary(client):
    html = sign_in(client, "", "").content.decode()
    assert 'href="#id_email"' in html
    assert "Enter your email address" in html
    assert "Enter your password" in html


def test_five_failures_lock_the_address_out_even_with_the_right_password(client):
    UserFactory(email="lead@example.nhs.uk")
    for _ in range(5):
        sign_in(client, "lead@example.nhs.uk", "wrong password")
    response = sign_in(client, "LEAD@example.nhs.uk", PASSWORD)
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT).exists()


def test_sign_in_returns_to_a_safe_next_page_only(client):
    UserFactory(email="lead@example.nhs.uk")
    response = sign_in(client, "lead@example.nhs.uk", PASSWORD, next="/accounts/account/")
    assert response["Location"] == "/accounts/account/"
    client.logout()
    response = sign_in(client, "lead@example.nhs.uk", PASSWORD, next="https://evil.example/")
    assert response["Location"] == "/"


def test_signing_out_needs_a_post_and_is_audited(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:sign-out")).status_code == 200
    assert "_auth_user_id" in client.session
    client.post(reverse("accounts:sign-out"))
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_OUT, actor=user).exists()


def test_session_and_csrf_cookies_are_http_only(client, settings):
    UserFactory(email="lead@example.nhs.uk")
    response = sign_in(client, "lead@example.nhs.uk", PASSWORD)
    session_cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session_cookie["httponly"]
    assert session_cookie["samesite"] == "Lax"
