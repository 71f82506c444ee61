"""The services behind signing in and out and resetting a password; the pages that call them are tested in
test_sign_in.py and test_password_reset.py."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import RequestFactory

from exchange.accounts.services import (
    locked_out_record,
    password_reset_completed,
    password_reset_request,
    sign_in,
    sign_out,
)
from exchange.accounts.services.authentication import SIGN_IN_FAILED
from exchange.audit.actions import AuditAction
from exchange.audit.models import AuditEvent
from exchange.core.exceptions import ApplicationError

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_with_session():
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.7")
    SessionMiddleware(lambda request: None).process_request(request)
    request.user = AnonymousUser()
    return request


def test_signing_in_with_the_right_password_records_where_from(request_with_session):
    user = UserFactory(email="lead@example.nhs.uk")
    assert sign_in(request=request_with_session, email=" Lead@Example.nhs.uk ", password=PASSWORD) == user
    event = AuditEvent.objects.get(action=AuditAction.SIGN_IN)
    assert (event.actor, event.ip_address) == (user, "192.0.2.7")


def test_a_wrong_password_is_refused_and_recorded_against_the_address_typed(request_with_session):
    UserFactory(email="lead@example.nhs.uk")
    with pytest.raises(ApplicationError, match=SIGN_IN_FAILED):
        sign_in(request=request_with_session, email="LEAD@example.nhs.uk", password="wrong password")
    event = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert (event.actor, event.actor_label, event.details) == (None, "lead@example.nhs.uk", {"account_exists": True})


def test_signing_out_someone_signed_in_is_recorded(request_with_session):
    request_with_session.user = UserFactory()
    sign_out(request=request_with_session)
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_OUT, ip_address="192.0.2.7").exists()


def test_signing_out_nobody_records_nothing(request_with_session):
    sign_out(request=request_with_session)
    assert not AuditEvent.objects.exists()


def test_a_lock_out_is_recorded_against_the_address_in_lower_case(request_with_session):
    locked_out_record(request=request_with_session, email=" Lead@Example.nhs.uk ")
    assert AuditEvent.objects.get(action=AuditAction.LOCKED_OUT).actor_label == "lead@example.nhs.uk"


def test_a_reset_link_goes_only_to_an_active_account(django_capture_on_commit_callbacks, mailoutbox):
    UserFactory(email="gone@example.nhs.uk", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        password_reset_request(email="gone@example.nhs.uk")
    assert mailoutbox == []
    assert AuditEvent.objects.get(action=AuditAction.PASSWORD_RESET_REQUESTED).details == {"account_exists": False}


def test_a_reset_link_goes_to_the_account_s_address(django_capture_on_commit_callbacks, mailoutbox):
    UserFactory(email="lead@example.nhs.uk")
    with django_capture_on_commit_callbacks(execute=True):
        password_reset_request(email=" LEAD@example.nhs.uk")
    assert [message.to for message in mailoutbox] == [["lead@example.nhs.uk"]]
    assert "http://127.0.0.1:8000/accounts/password-reset/" in mailoutbox[0].body  # SITE_URL, not a Host header


def test_a_reset_for_an_unknown_address_queues_the_same_work_as_for_a_known_one(django_capture_on_commit_callbacks):
    """Both queue one task (the unknown one's sends nothing), so neither the work nor the time tells them apart."""
    UserFactory(email="lead@example.nhs.uk")
    work = []
    for email, address in (("lead@example.nhs.uk", "192.0.2.1"), ("nobody@example.nhs.uk", "192.0.2.2")):
        with django_capture_on_commit_callbacks() as queued:
            password_reset_request(email=email, ip_address=address)
        work.append(sorted(callback.__qualname__ for callback in queued))
    assert work[0] == work[1]
    assert sum("enqueue_on_commit" in name for name in work[1]) == 1


def test_a_completed_reset_is_recorded():
    user = UserFactory()
    password_reset_completed(user=user, ip_address="192.0.2.7")
    assert AuditEvent.objects.filter(action=AuditAction.PASSWORD_RESET_DONE, actor=user).exists()
